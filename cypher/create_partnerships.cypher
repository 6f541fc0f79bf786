// Create a batch of Partnership nodes of a dataset that has none yet.
// Parameters: $rows (list of {id, props}), $dataset (the dataset's name), $pushed (this push's token)
UNWIND $rows AS row
CREATE (n:Engagemap:Partnership {dataset: $dataset, id: row.id, pushed: $pushed, row: row.props.row, name: row.props.name, level: row.props.level, feeds_into: row.props.feeds_into, themes: row.props.themes, size_min: row.props.size_min, size_max: row.props.size_max, min_vcs_share: row.props.min_vcs_share, required: row.props.required, notes: row.props.notes, min_vcs_voting_share: row.props.min_vcs_voting_share})
