// Create a batch of FEEDS_INTO relationships that columns stand for (a dataset that has none yet).
// Parameters: $rows (list of {source, target, column, props}), $dataset (the dataset's name), $pushed (this push's token)
UNWIND $rows AS row
MATCH (a:Engagemap {dataset: $dataset, id: row.source})
MATCH (b:Engagemap {dataset: $dataset, id: row.target})
CREATE (a)-[r:FEEDS_INTO {column: row.column, dataset: $dataset, pushed: $pushed}]->(b)
