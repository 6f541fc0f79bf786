// Load a batch of FEEDS_INTO relationships of one dataset (merged; properties added).
// Parameters: $rows (list of {source, target, props}), $dataset (the dataset's name)
UNWIND $rows AS row
MATCH (a:Network|Partnership|Organisation {id: row.source})
MATCH (b:Partnership {id: row.target})
MERGE (a)-[r:FEEDS_INTO]->(b)
SET r += row.props, r.dataset = $dataset
