// Load a batch of SELECTS relationships of one dataset (merged; properties added).
// Parameters: $rows (list of {source, target, props}), $dataset (the dataset's name)
UNWIND $rows AS row
MATCH (a:Network|Organisation|Partnership {id: row.source})
MATCH (b:Seat {id: row.target})
MERGE (a)-[r:SELECTS]->(b)
SET r += row.props, r.dataset = $dataset
