// Load a batch of Network nodes of one dataset (merged on id; properties replaced).
// Parameters: $rows (list of {id, props}), $dataset (the dataset's name)
UNWIND $rows AS row
MERGE (n:Network {id: row.id})
SET n = row.props, n.dataset = $dataset
