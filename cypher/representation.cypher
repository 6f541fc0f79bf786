// For each partnership of a dataset on a day: the communities represented (by filled places on it or on a
// partnership feeding into it, deputies not counting, with those part of them, each with the wider one
// it is covered "via"), the communities not represented, and of those the ones not served by any active
// organisation or network in its reach on $as_of (unreached; a membership not in force is no step).
// Parameters: $dataset (the dataset's name), $as_of (a date, YYYY-MM-DD)
CYPHER statefulShortestPlanningMode=all_if_possible
MATCH (b:Engagemap:Partnership {dataset: $dataset} WHERE b.id IS NOT NULL)
CALL () {
  MATCH (c:Engagemap:Community {dataset: $dataset} WHERE c.id IS NOT NULL)
  RETURN collect(c) AS communities
}
CALL (b) {
  MATCH (p:Partnership)-[:FEEDS_INTO*0..]->(b)
  WITH DISTINCT p
  MATCH (s:Seat)-[:SITS_ON]->(p)
  WHERE (s.holder IS NOT NULL OR s.person IS NOT NULL)
    AND s.deputy_of IS NULL AND coalesce(s.role, 'member') <> 'deputy'
  MATCH (s)-[:REPRESENTS]->(c:Community)
  RETURN collect(DISTINCT c) AS direct
}
CALL (direct) {
  UNWIND direct AS c
  MATCH (n:Community)-[:PART_OF*0..]->(c)
  RETURN collect(DISTINCT n) AS covered
}
CALL (b) {
  MATCH ANY SHORTEST (b)
        (()<-[r:MEMBER_OF|SELECTS|HOLDS|SITS_ON|FEEDS_INTO]-()
         WHERE type(r) <> 'MEMBER_OF'
            OR (coalesce(r.pair_since, r.since, date($as_of)) <= date($as_of)
                AND coalesce(r.pair_until, r.until, date($as_of)) >= date($as_of)))+
        (u WHERE u:Network OR (u:Organisation AND coalesce(u.active, true)))
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
