// Create a batch of Seat nodes of a dataset that has none yet.
// Parameters: $rows (list of {id, props}), $dataset (the dataset's name), $pushed (this push's token)
UNWIND $rows AS row
CREATE (n:Engagemap:Seat {dataset: $dataset, id: row.id, pushed: $pushed})
SET n += row.props
