// Create a batch of Network nodes of a dataset that has none yet.
// Parameters: $rows (list of {id, props}), $dataset (the dataset's name), $pushed (this push's token)
UNWIND $rows AS row
CREATE (n:Engagemap:Network)
SET n = row.props, n.dataset = $dataset, n.id = row.id, n.pushed = $pushed
