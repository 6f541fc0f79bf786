// Reach of a partnership: every active organisation with a path to it over MEMBER_OF, SELECTS,
// HOLDS, SITS_ON and FEEDS_INTO, with the number of edges on its shortest path.
// Parameters: $partnership (partnership id)
MATCH (b:Partnership {id: $partnership})
MATCH p = shortestPath((o:Organisation)-[:MEMBER_OF|SELECTS|HOLDS|SITS_ON|FEEDS_INTO*1..]->(b))
WHERE coalesce(o.active, true)
RETURN o.id AS id, length(p) AS distance, coalesce(o.count, 1) AS count
ORDER BY distance, id
