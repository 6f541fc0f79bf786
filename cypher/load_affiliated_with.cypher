// Load a batch of AFFILIATED_WITH relationships of one dataset (merged; properties added).
// Parameters: $rows (list of {source, target, props}), $dataset (the dataset's name)
UNWIND $rows AS row
MATCH (a:Person {id: row.source})
MATCH (b:Organisation {id: row.target})
MERGE (a)-[r:AFFILIATED_WITH]->(b)
SET r += row.props, r.dataset = $dataset
