// Vacant places of a dataset: seats no organisation and no person holds (deputies are not places).
// Parameters: $dataset (the dataset's name)
MATCH (s:Engagemap:Seat {dataset: $dataset} WHERE s.id IS NOT NULL)-[:SITS_ON]->(p:Partnership)
WHERE s.holder IS NULL AND s.person IS NULL AND s.deputy_of IS NULL AND coalesce(s.role, 'member') <> 'deputy'
RETURN p.id AS partnership, s.id AS seat, s.sector AS sector
ORDER BY partnership, seat
