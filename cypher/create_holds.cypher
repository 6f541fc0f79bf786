// Create a batch of HOLDS relationships that columns stand for (a dataset that has none yet).
// Parameters: $rows (list of {target, rows: list of {source, column, props}}: the batch grouped by target), $dataset (the dataset's name), $pushed (this push's token)
UNWIND $rows AS group
MATCH (b:Engagemap {dataset: $dataset, id: group.target})
UNWIND group.rows AS row
MATCH (a:Engagemap {dataset: $dataset, id: row.source})
CREATE (a)-[r:HOLDS {column: row.column, dataset: $dataset, pushed: $pushed}]->(b)
