// For each partnership of a dataset: the communities represented (by filled seats on it or on a
// partnership feeding into it, with those part of them, each with the wider one it is covered
// "via"), the communities not represented, and of those the ones not served by any active
// organisation or network in its reach (unreached).
// Parameters: $dataset (the dataset's name)
MATCH (b:Engagemap:Partnership {dataset: $dataset})
CALL () {
  MATCH (c:Engagemap:Community {dataset: $dataset})
  RETURN collect(c) AS communities
}
CALL (b) {
  MATCH (p:Partnership)-[:FEEDS_INTO*0..]->(b)
  WITH DISTINCT p
  MATCH (s:Seat)-[:SITS_ON]->(p)
  WHERE s.holder IS NOT NULL OR s.person IS NOT NULL
  MATCH (s)-[:REPRESENTS]->(c:Community)
  RETURN collect(DISTINCT c) AS direct
}
CALL (direct) {
  UNWIND direct AS c
  MATCH (n:Community)-[:PART_OF*0..]->(c)
  RETURN collect(DISTINCT n) AS covered
}
CALL (b) {
  MATCH (b)<-[:MEMBER_OF|SELECTS|HOLDS|SITS_ON|FEEDS_INTO*1..]-(u:Engagemap)
  WHERE u:Network OR (u:Organisation AND coalesce(u.active, true))
  WITH DISTINCT u
  MATCH (u)-[:SERVES]->(c:Community)
  RETURN collect(DISTINCT c.id) AS served
}
CALL (direct, covered) {
  UNWIND covered AS n
  OPTIONAL MATCH path = (n)-[:PART_OF*1..]->(w:Community)
  WHERE NOT n IN direct AND w IN direct
  WITH n, w, length(path) AS hops
  ORDER BY hops
  WITH n, collect(w.id) AS wider
  RETURN collect([n.id, wider[0]]) AS represented
}
WITH b, represented, [c IN communities WHERE NOT c IN covered | c.id] AS unrepresented, served
RETURN b.id AS partnership, represented, unrepresented,
       [c IN unrepresented WHERE NOT c IN served] AS unreached
ORDER BY partnership
