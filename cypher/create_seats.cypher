// Create a batch of Seat nodes of a dataset that has none yet.
// Parameters: $rows (list of {id, props}), $dataset (the dataset's name), $pushed (this push's token)
UNWIND $rows AS row
CREATE (n:Engagemap:Seat {dataset: $dataset, id: row.id, pushed: $pushed, row: row.props.row, partnership: row.props.partnership, sector: row.props.sector, represents: row.props.represents, selected_by: row.props.selected_by, method: row.props.method, holder: row.props.holder, person: row.props.person, voting: row.props.voting, term_start: row.props.term_start, term_end: row.props.term_end, notes: row.props.notes, group: row.props.group, reserved_for: row.props.reserved_for, role: row.props.role, deputy_of: row.props.deputy_of})
