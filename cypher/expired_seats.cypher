// Seats of a dataset whose term ended before a date.
// Parameters: $dataset (the dataset's name), $as_of (a date, YYYY-MM-DD)
MATCH (s:Engagemap:Seat {dataset: $dataset} WHERE s.id IS NOT NULL)-[:SITS_ON]->(p:Partnership)
WHERE s.term_end IS NOT NULL AND s.term_end < date($as_of)
RETURN p.id AS partnership, s.id AS seat, s.term_end AS term_end
ORDER BY partnership, seat
