// Organisations and people of a dataset holding more than $max_seats seats.
// Parameters: $dataset (the dataset's name), $max_seats (a whole number)
MATCH (h:Engagemap {dataset: $dataset})-[:HOLDS]->(s:Seat)
WITH h, count(DISTINCT s) AS seats
WHERE seats > toInteger($max_seats)
RETURN h.id AS id, CASE WHEN h:Person THEN 'person' ELSE 'organisation' END AS type, seats
ORDER BY seats DESC, id
