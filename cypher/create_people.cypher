// Create a batch of Person nodes of a dataset that has none yet.
// Parameters: $rows (list of {id, props}), $dataset (the dataset's name), $pushed (this push's token)
UNWIND $rows AS row
CREATE (n:Engagemap:Person {dataset: $dataset, id: row.id, pushed: $pushed, row: row.props.row, name: row.props.name, organisation: row.props.organisation, notes: row.props.notes})
