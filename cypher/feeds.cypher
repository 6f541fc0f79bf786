// Every partnership an active organisation reaches on a day over MEMBER_OF, SELECTS, HOLDS, SITS_ON and
// FEEDS_INTO (a membership not in force on $as_of is no step), with the number of edges on the shortest
// path (one breadth-first search from the organisation).
// Parameters: $dataset (the dataset's name), $organisation (organisation id), $as_of (a date, YYYY-MM-DD)
CYPHER statefulShortestPlanningMode=all_if_possible
MATCH (o:Engagemap:Organisation {dataset: $dataset, id: $organisation})
WHERE coalesce(o.active, true)
MATCH p = ANY SHORTEST (o)
      (()-[r:MEMBER_OF|SELECTS|HOLDS|SITS_ON|FEEDS_INTO]->()
       WHERE type(r) <> 'MEMBER_OF'
          OR (coalesce(r.pair_since, r.since, date($as_of)) <= date($as_of)
              AND coalesce(r.pair_until, r.until, date($as_of)) >= date($as_of)))+
      (b WHERE b:Partnership)
RETURN b.id AS partnership, b.name AS name, b.level AS level, length(p) AS distance
ORDER BY distance, partnership
