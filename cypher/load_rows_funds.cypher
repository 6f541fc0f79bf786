// Load a batch of FUNDS relationships that are rows of a table (one per row, never merged) (merged on table, row).
// Parameters: $rows (list of {target, rows: list of {source, table, row, props}}: the batch grouped by target), $dataset (the dataset's name), $pushed (this push's token)
UNWIND $rows AS group
MATCH (b:Engagemap {dataset: $dataset, id: group.target})
UNWIND group.rows AS row
MATCH (a:Engagemap {dataset: $dataset, id: row.source})
MERGE (a)-[r:FUNDS {table: row.table, row: row.row}]->(b)
SET r = row.props, r.table = row.table, r.row = row.row, r.dataset = $dataset, r.pushed = $pushed
