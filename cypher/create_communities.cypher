// Create a batch of Community nodes of a dataset that has none yet.
// Parameters: $rows (list of {id, row, and the columns that have a value}), $dataset (the dataset's name), $pushed (this push's token)
UNWIND $rows AS row
CREATE (n:Engagemap:Community {dataset: $dataset, id: row.id, pushed: $pushed, row: row.row, name: row.name, kind: row.kind, part_of: row.part_of, population: row.population, notes: row.notes})
