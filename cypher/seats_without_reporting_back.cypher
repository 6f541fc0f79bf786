// Seats of a dataset with no REPORTS_BACK link: no recorded route back to the people they speak for.
// Parameters: $dataset (the dataset's name)
MATCH (s:Engagemap:Seat {dataset: $dataset})-[:SITS_ON]->(p:Partnership)
WHERE NOT EXISTS { MATCH (s)-[:REPORTS_BACK]->() }
RETURN p.id AS partnership, s.id AS seat, s.sector AS sector
ORDER BY partnership, seat
