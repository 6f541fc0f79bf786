// Organisations and people of a dataset holding more than $max_seats places (deputies are not places).
// Parameters: $dataset (the dataset's name), $max_seats (a whole number)
MATCH (h:Engagemap {dataset: $dataset} WHERE h.id IS NOT NULL)-[:HOLDS]->(s:Seat)-[:SITS_ON]->(:Partnership)
WHERE s.deputy_of IS NULL AND coalesce(s.role, 'member') <> 'deputy'
WITH h, count(DISTINCT s) AS seats
WHERE seats > toInteger($max_seats)
RETURN h.id AS id, CASE WHEN h:Person THEN 'person' ELSE 'organisation' END AS type, seats
ORDER BY seats DESC, id
