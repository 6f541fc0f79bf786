// For each rule "community:N" a partnership of a dataset agreed (required), the filled seats on it
// whose represented communities cover that community (directly or as a wider one).
// Parameters: $dataset (the dataset's name)
MATCH (b:Engagemap:Partnership {dataset: $dataset})
UNWIND coalesce(b.required, []) AS rule
WITH b, rule, split(rule, ':') AS parts
OPTIONAL MATCH (s:Seat)-[:SITS_ON]->(b)
WHERE (s.holder IS NOT NULL OR s.person IS NOT NULL)
  AND EXISTS { MATCH (:Community {dataset: $dataset, id: parts[0]})-[:PART_OF*0..]->(:Community)<-[:REPRESENTS]-(s) }
RETURN b.id AS partnership, rule, parts[0] AS community, toInteger(parts[1]) AS needed,
       count(DISTINCT s) AS holding
ORDER BY partnership, rule
