// Vacant seats of a dataset: no organisation and no person holds them.
// Parameters: $dataset (the dataset's name)
MATCH (s:Engagemap:Seat {dataset: $dataset})-[:SITS_ON]->(p:Partnership)
WHERE s.holder IS NULL AND s.person IS NULL
RETURN p.id AS partnership, s.id AS seat, s.sector AS sector
ORDER BY partnership, seat
