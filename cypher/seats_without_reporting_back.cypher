// Seats with no REPORTS_BACK link: no recorded route back to the people they speak for.
// Parameters: none
MATCH (s:Seat)-[:SITS_ON]->(p:Partnership)
WHERE NOT EXISTS { MATCH (s)-[:REPORTS_BACK]->() }
RETURN p.id AS partnership, s.id AS seat, s.sector AS sector
ORDER BY partnership, seat
