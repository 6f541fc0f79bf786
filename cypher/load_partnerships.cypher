// Load a batch of Partnership nodes of one dataset (merged on (dataset, id); properties replaced).
// Parameters: $rows (list of {id, row, and the columns that have a value}), $dataset (the dataset's name), $pushed (this push's token)
UNWIND $rows AS row
MERGE (n:Engagemap {dataset: $dataset, id: row.id})
SET n = row, n.dataset = $dataset, n.pushed = $pushed, n:Partnership
REMOVE n:Organisation:Network:Community:Seat:Person
