// Reach of a partnership on a day: every active organisation, and every network, with a path to it over
// MEMBER_OF, SELECTS, HOLDS, SITS_ON and FEEDS_INTO, with the number of edges on its shortest path. A
// membership not in force on $as_of (begun after it, or ended before it) is no step (graphmodel.dated);
// inactive organisations take no part (FORMAT.md section 3). One breadth-first search from the
// partnership (the planning option asks for it, not a search from each node of the dataset).
// Parameters: $dataset (the dataset's name), $partnership (partnership id), $as_of (a date, YYYY-MM-DD)
CYPHER statefulShortestPlanningMode=all_if_possible
MATCH (b:Engagemap:Partnership {dataset: $dataset, id: $partnership})
MATCH p = ANY SHORTEST (b)
      (()<-[r:MEMBER_OF|SELECTS|HOLDS|SITS_ON|FEEDS_INTO]-()
       WHERE type(r) <> 'MEMBER_OF'
          OR (coalesce(r.pair_since, r.since, date($as_of)) <= date($as_of)
              AND coalesce(r.pair_until, r.until, date($as_of)) >= date($as_of)))+
      (u WHERE u:Network OR (u:Organisation AND coalesce(u.active, true)))
RETURN CASE WHEN u:Organisation THEN 'organisation' ELSE 'network' END AS type, u.id AS id, u.name AS name,
       u.sector AS sector, coalesce(u.count, 1) AS count, coalesce(u.serves, []) AS serves,
       length(p) AS distance
ORDER BY distance, id
