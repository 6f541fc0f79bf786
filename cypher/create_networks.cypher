// Create a batch of Network nodes of a dataset that has none yet.
// Parameters: $rows (list of {id, props}), $dataset (the dataset's name), $pushed (this push's token)
UNWIND $rows AS row
CREATE (n:Engagemap:Network {dataset: $dataset, id: row.id, pushed: $pushed, row: row.props.row, name: row.props.name, led_by: row.props.led_by, serves: row.props.serves, notes: row.props.notes})
