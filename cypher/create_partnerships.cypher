// Create a batch of Partnership nodes of a dataset that has none yet.
// Parameters: $rows (list of {id, row, and the columns that have a value}), $dataset (the dataset's name), $pushed (this push's token)
UNWIND $rows AS row
CREATE (n:Engagemap:Partnership {dataset: $dataset, id: row.id, pushed: $pushed, row: row.row, name: row.name, level: row.level, feeds_into: row.feeds_into, themes: row.themes, size_min: row.size_min, size_max: row.size_max, min_vcs_share: row.min_vcs_share, required: row.required, notes: row.notes, min_vcs_voting_share: row.min_vcs_voting_share})
