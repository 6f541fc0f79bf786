// Vacant seats: no organisation and no person holds them.
// Parameters: none
MATCH (s:Seat)-[:SITS_ON]->(p:Partnership)
WHERE s.holder IS NULL AND s.person IS NULL
RETURN p.id AS partnership, s.id AS seat, s.sector AS sector
ORDER BY partnership, seat
