// Load a batch of HOLDS relationships of one dataset (merged; properties added).
// Parameters: $rows (list of {source, target, props}), $dataset (the dataset's name)
UNWIND $rows AS row
MATCH (a:Organisation|Person {id: row.source})
MATCH (b:Seat {id: row.target})
MERGE (a)-[r:HOLDS]->(b)
SET r += row.props, r.dataset = $dataset
