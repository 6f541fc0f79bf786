// The reporting-back audience of a seat: the bodies it reports back to (distance 1) and every
// active organisation that is a member of them, directly (2) or through member networks (3, ...).
// Parameters: $seat (seat id)
MATCH (:Seat {id: $seat})-[:REPORTS_BACK]->(body)
RETURN body.id AS id, 1 AS distance
UNION
MATCH (:Seat {id: $seat})-[:REPORTS_BACK]->(body)
MATCH p = (o:Organisation)-[:MEMBER_OF*1..]->(body)
WHERE coalesce(o.active, true)
WITH o, min(length(p)) AS hops
RETURN o.id AS id, hops + 1 AS distance
