// For each seat of a dataset (deputies included), in id order: its newest report (a REPORTS relationship,
// a row of the reports table) dated on or before $as_of, whether it has a REPORTS_BACK link to a body that
// takes part (an inactive organisation is no route), and whether the dataset has any report at all (a
// dataset without one is not judged: FORMAT.md section 5).
// Parameters: $dataset (the dataset's name), $as_of (a date, YYYY-MM-DD)
CALL () {
  RETURN EXISTS { MATCH (owner:Engagemap {dataset: $dataset} WHERE owner.id IS NOT NULL)-[r:REPORTS]->() WHERE r.dataset = $dataset } AS judged
}
MATCH (s:Engagemap:Seat {dataset: $dataset} WHERE s.id IS NOT NULL)-[:SITS_ON]->(p:Partnership)
OPTIONAL MATCH (s)-[r:REPORTS]->()
WHERE r.date <= date($as_of)
WITH judged, p, s, max(r.date) AS last
RETURN p.id AS partnership, s.id AS seat, last, judged,
       EXISTS { MATCH (s)-[:REPORTS_BACK]->(body) WHERE coalesce(body.active, true) } AS has_route
ORDER BY partnership, seat
