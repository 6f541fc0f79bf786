// Load a batch of REPORTS_BACK relationships of one dataset (merged; properties added).
// Parameters: $rows (list of {source, target, props}), $dataset (the dataset's name)
UNWIND $rows AS row
MATCH (a:Seat|Partnership {id: row.source})
MATCH (b:Network|Organisation|Partnership {id: row.target})
MERGE (a)-[r:REPORTS_BACK]->(b)
SET r += row.props, r.dataset = $dataset
