// Create a batch of Community nodes of a dataset that has none yet.
// Parameters: $rows (list of {id, props}), $dataset (the dataset's name), $pushed (this push's token)
UNWIND $rows AS row
CREATE (n:Engagemap:Community {dataset: $dataset, id: row.id, pushed: $pushed, row: row.props.row, name: row.props.name, kind: row.props.kind, part_of: row.props.part_of, population: row.props.population, notes: row.props.notes})
