// Create a batch of Organisation nodes of a dataset that has none yet.
// Parameters: $rows (list of {id, row, and the columns that have a value}), $dataset (the dataset's name), $pushed (this push's token)
UNWIND $rows AS row
CREATE (n:Engagemap:Organisation {dataset: $dataset, id: row.id, pushed: $pushed, row: row.row, name: row.name, sector: row.sector, kind: row.kind, serves: row.serves, count: row.count, identifiers: row.identifiers, active: row.active, notes: row.notes})
