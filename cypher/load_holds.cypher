// Load a batch of HOLDS relationships that columns stand for (merged on column).
// Parameters: $rows (list of {source, target, column, props}), $dataset (the dataset's name), $pushed (this push's token)
UNWIND $rows AS row
MATCH (a:Engagemap {dataset: $dataset, id: row.source})
MATCH (b:Engagemap {dataset: $dataset, id: row.target})
MERGE (a)-[r:HOLDS {column: row.column}]->(b)
SET r = row.props, r.column = row.column, r.dataset = $dataset, r.pushed = $pushed
