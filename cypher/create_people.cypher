// Create a batch of Person nodes of a dataset that has none yet.
// Parameters: $rows (list of {id, row, and the columns that have a value}), $dataset (the dataset's name), $pushed (this push's token)
UNWIND $rows AS row
CREATE (n:Engagemap:Person {dataset: $dataset, id: row.id, pushed: $pushed, row: row.row, name: row.name, organisation: row.organisation, notes: row.notes})
