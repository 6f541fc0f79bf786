// Load a batch of FEEDS_INTO relationships that are rows of a table (one per row, never merged) (merged on table, row).
// Parameters: $rows (list of {source, target, table, row, props}), $dataset (the dataset's name), $pushed (this push's token)
UNWIND $rows AS row
MATCH (a:Engagemap {dataset: $dataset, id: row.source})
MATCH (b:Engagemap {dataset: $dataset, id: row.target})
MERGE (a)-[r:FEEDS_INTO {table: row.table, row: row.row}]->(b)
SET r = row.props, r.table = row.table, r.row = row.row, r.dataset = $dataset, r.pushed = $pushed
