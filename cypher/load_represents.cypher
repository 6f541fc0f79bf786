// Load a batch of REPRESENTS relationships of one dataset (merged; properties added).
// Parameters: $rows (list of {source, target, props}), $dataset (the dataset's name)
UNWIND $rows AS row
MATCH (a:Seat {id: row.source})
MATCH (b:Community {id: row.target})
MERGE (a)-[r:REPRESENTS]->(b)
SET r += row.props, r.dataset = $dataset
