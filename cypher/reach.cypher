// Reach of a partnership: every active organisation, and every network, with a path to it over
// MEMBER_OF, SELECTS, HOLDS, SITS_ON and FEEDS_INTO, with the number of edges on its shortest path.
// Inactive organisations take no part (FORMAT.md section 3).
// Parameters: $dataset (the dataset's name), $partnership (partnership id)
MATCH (b:Engagemap:Partnership {dataset: $dataset, id: $partnership})
MATCH (b)<-[:MEMBER_OF|SELECTS|HOLDS|SITS_ON|FEEDS_INTO*1..]-(u:Engagemap)
WHERE u:Network OR (u:Organisation AND coalesce(u.active, true))
WITH DISTINCT b, u
MATCH p = shortestPath((u)-[:MEMBER_OF|SELECTS|HOLDS|SITS_ON|FEEDS_INTO*1..]->(b))
RETURN CASE WHEN u:Organisation THEN 'organisation' ELSE 'network' END AS type, u.id AS id, u.name AS name,
       u.sector AS sector, coalesce(u.count, 1) AS count, coalesce(u.serves, []) AS serves,
       length(p) AS distance
ORDER BY distance, id
