// Create a batch of REPORTS relationships that are rows of a table (one per row, never merged) (a dataset that has none yet).
// Parameters: $rows (list of {target, rows: list of {source, table, row, props}}: the batch grouped by target), $dataset (the dataset's name), $pushed (this push's token)
UNWIND $rows AS group
MATCH (b:Engagemap {dataset: $dataset, id: group.target})
UNWIND group.rows AS row
MATCH (a:Engagemap {dataset: $dataset, id: row.source})
CREATE (a)-[r:REPORTS {table: row.table, row: row.row, dataset: $dataset, pushed: $pushed, date: row.props.date, channel: row.props.channel, notes: row.props.notes}]->(b)
