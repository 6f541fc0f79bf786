// Every partnership an active organisation reaches over MEMBER_OF, SELECTS, HOLDS, SITS_ON and
// FEEDS_INTO, with the number of edges on the shortest path.
// Parameters: $dataset (the dataset's name), $organisation (organisation id)
MATCH (o:Engagemap:Organisation {dataset: $dataset, id: $organisation})
WHERE coalesce(o.active, true)
MATCH (o)-[:MEMBER_OF|SELECTS|HOLDS|SITS_ON|FEEDS_INTO*1..]->(b:Engagemap:Partnership)
WITH DISTINCT o, b
MATCH p = shortestPath((o)-[:MEMBER_OF|SELECTS|HOLDS|SITS_ON|FEEDS_INTO*1..]->(b))
RETURN b.id AS partnership, b.name AS name, b.level AS level, length(p) AS distance
ORDER BY distance, partnership
