// Load a batch of FEEDS_INTO relationships that columns stand for (merged on column).
// Parameters: $rows (list of {target, rows: list of {source, column, props}}: the batch grouped by target), $dataset (the dataset's name), $pushed (this push's token)
UNWIND $rows AS group
MATCH (b:Engagemap {dataset: $dataset, id: group.target})
UNWIND group.rows AS row
MATCH (a:Engagemap {dataset: $dataset, id: row.source})
MERGE (a)-[r:FEEDS_INTO {column: row.column}]->(b)
SET r = row.props, r.column = row.column, r.dataset = $dataset, r.pushed = $pushed
