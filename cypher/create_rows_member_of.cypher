// Create a batch of MEMBER_OF relationships that are rows of a table (one per row, never merged) (a dataset that has none yet).
// Parameters: $rows (list of {source, target, table, row, props}), $dataset (the dataset's name), $pushed (this push's token)
UNWIND $rows AS row
MATCH (a:Engagemap {dataset: $dataset, id: row.source})
MATCH (b:Engagemap {dataset: $dataset, id: row.target})
CREATE (a)-[r:MEMBER_OF {table: row.table, row: row.row, dataset: $dataset, pushed: $pushed, role: row.props.role, since: row.props.since, until: row.props.until, pair_since: row.props.pair_since, pair_until: row.props.pair_until}]->(b)
