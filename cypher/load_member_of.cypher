// Load a batch of MEMBER_OF relationships of one dataset (merged; properties added).
// Parameters: $rows (list of {source, target, props}), $dataset (the dataset's name)
UNWIND $rows AS row
MATCH (a:Organisation|Network {id: row.source})
MATCH (b:Network {id: row.target})
MERGE (a)-[r:MEMBER_OF]->(b)
SET r += row.props, r.dataset = $dataset
