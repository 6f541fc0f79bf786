// Create a batch of Seat nodes of a dataset that has none yet.
// Parameters: $rows (list of {id, row, and the columns that have a value}), $dataset (the dataset's name), $pushed (this push's token)
UNWIND $rows AS row
CREATE (n:Engagemap:Seat {dataset: $dataset, id: row.id, pushed: $pushed, row: row.row, partnership: row.partnership, sector: row.sector, represents: row.represents, selected_by: row.selected_by, method: row.method, holder: row.holder, person: row.person, voting: row.voting, term_start: row.term_start, term_end: row.term_end, notes: row.notes, group: row.group, reserved_for: row.reserved_for, role: row.role, deputy_of: row.deputy_of})
