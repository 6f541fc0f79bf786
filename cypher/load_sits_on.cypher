// Load a batch of SITS_ON relationships of one dataset (merged; properties added).
// Parameters: $rows (list of {source, target, props}), $dataset (the dataset's name)
UNWIND $rows AS row
MATCH (a:Seat {id: row.source})
MATCH (b:Partnership {id: row.target})
MERGE (a)-[r:SITS_ON]->(b)
SET r += row.props, r.dataset = $dataset
