// Every shortest route (list of ids) from an active organisation to a partnership over MEMBER_OF,
// SELECTS, HOLDS, SITS_ON and FEEDS_INTO.
// Parameters: $dataset (the dataset's name), $organisation (organisation id), $partnership (partnership id)
MATCH (o:Engagemap:Organisation {dataset: $dataset, id: $organisation})
MATCH (b:Engagemap:Partnership {dataset: $dataset, id: $partnership})
WHERE coalesce(o.active, true)
MATCH p = allShortestPaths((o)-[:MEMBER_OF|SELECTS|HOLDS|SITS_ON|FEEDS_INTO*1..]->(b))
RETURN [n IN nodes(p) | n.id] AS route
ORDER BY route
