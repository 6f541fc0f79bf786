// Load a batch of SERVES relationships of one dataset (merged; properties added).
// Parameters: $rows (list of {source, target, props}), $dataset (the dataset's name)
UNWIND $rows AS row
MATCH (a:Organisation|Network {id: row.source})
MATCH (b:Community {id: row.target})
MERGE (a)-[r:SERVES]->(b)
SET r += row.props, r.dataset = $dataset
