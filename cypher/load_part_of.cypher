// Load a batch of PART_OF relationships of one dataset (merged; properties added).
// Parameters: $rows (list of {source, target, props}), $dataset (the dataset's name)
UNWIND $rows AS row
MATCH (a:Community {id: row.source})
MATCH (b:Community {id: row.target})
MERGE (a)-[r:PART_OF]->(b)
SET r += row.props, r.dataset = $dataset
