// Load a batch of CONSULTS relationships of one dataset (merged; properties added).
// Parameters: $rows (list of {source, target, props}), $dataset (the dataset's name)
UNWIND $rows AS row
MATCH (a:Partnership {id: row.source})
MATCH (b:Network|Organisation {id: row.target})
MERGE (a)-[r:CONSULTS]->(b)
SET r += row.props, r.dataset = $dataset
