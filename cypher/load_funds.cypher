// Load a batch of FUNDS relationships of one dataset (merged; properties added).
// Parameters: $rows (list of {source, target, props}), $dataset (the dataset's name)
UNWIND $rows AS row
MATCH (a:Organisation {id: row.source})
MATCH (b:Organisation|Network|Partnership {id: row.target})
MERGE (a)-[r:FUNDS]->(b)
SET r += row.props, r.dataset = $dataset
