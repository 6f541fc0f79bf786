// Create a batch of Organisation nodes of a dataset that has none yet.
// Parameters: $rows (list of {id, props}), $dataset (the dataset's name), $pushed (this push's token)
UNWIND $rows AS row
CREATE (n:Engagemap:Organisation {dataset: $dataset, id: row.id, pushed: $pushed, row: row.props.row, name: row.props.name, sector: row.props.sector, kind: row.props.kind, serves: row.props.serves, count: row.props.count, identifiers: row.props.identifiers, active: row.props.active, notes: row.props.notes})
