// Places of a dataset with no REPORTS_BACK link to a body that takes part (an inactive organisation is
// no route): no recorded route back to the people they speak for. Deputies are not places.
// Parameters: $dataset (the dataset's name)
MATCH (s:Engagemap:Seat {dataset: $dataset} WHERE s.id IS NOT NULL)-[:SITS_ON]->(p:Partnership)
WHERE s.deputy_of IS NULL AND coalesce(s.role, 'member') <> 'deputy'
  AND NOT EXISTS { MATCH (s)-[:REPORTS_BACK]->(body) WHERE coalesce(body.active, true) }
RETURN p.id AS partnership, s.id AS seat, s.sector AS sector
ORDER BY partnership, seat
