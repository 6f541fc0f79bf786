// The reporting-back audience of a seat of a dataset: the bodies it reports back to (distance 1;
// inactive organisations left out) and every active organisation and network that is a member of
// them, directly (2) or through member networks (3, ...), with the communities each serves.
// Parameters: $dataset (the dataset's name), $seat (seat id)
MATCH (s:Engagemap:Seat {dataset: $dataset, id: $seat})
OPTIONAL MATCH (s)-[:REPORTS_BACK]->(body:Engagemap)
WHERE coalesce(body.active, true)
WITH collect(DISTINCT body) AS bodies
CALL (bodies) {
  UNWIND bodies AS body
  RETURN body AS node, 1 AS distance
  UNION
  UNWIND bodies AS body
  MATCH p = (m:Engagemap)-[:MEMBER_OF*1..]->(body)
  WHERE NOT m IN bodies AND coalesce(m.active, true)
  RETURN m AS node, length(p) + 1 AS distance
}
WITH node, min(distance) AS distance
RETURN node.id AS id, CASE WHEN node:Organisation THEN 'organisation' ELSE 'network' END AS type, distance,
       coalesce(node.count, 1) AS count, coalesce(node.serves, []) AS serves
ORDER BY distance, id
