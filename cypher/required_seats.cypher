// For each rule "COMMUNITY:N" or "COMMUNITY:N@GROUP" a partnership of a dataset agreed (required), the
// filled places on it (deputies are not places) whose represented communities cover that community
// (directly or as a wider one), in id order, each with its group (the caller keeps those of the
// rule's group, compared as graphmodel.vocabulary.same_group compares them).
// Parameters: $dataset (the dataset's name)
MATCH (b:Engagemap:Partnership {dataset: $dataset} WHERE b.id IS NOT NULL)
UNWIND coalesce(b.required, []) AS rule
WITH b, rule, trim(split(split(rule, '@')[0], ':')[0]) AS community
OPTIONAL MATCH (s:Seat)-[:SITS_ON]->(b)
WHERE (s.holder IS NOT NULL OR s.person IS NOT NULL)
  AND s.deputy_of IS NULL AND coalesce(s.role, 'member') <> 'deputy'
  AND EXISTS { MATCH (:Community {dataset: $dataset, id: community})-[:PART_OF*0..]->(:Community)<-[:REPRESENTS]-(s) }
WITH b, rule, community, s
ORDER BY s.id
WITH b, rule, community, collect(DISTINCT CASE WHEN s IS NOT NULL THEN {seat: s.id, group: s.group} END) AS holding
RETURN b.id AS partnership, rule, community, holding
ORDER BY partnership, rule
