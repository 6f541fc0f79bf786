// Every shortest route (list of ids) from an active organisation to a partnership on a day, over
// MEMBER_OF, SELECTS, HOLDS, SITS_ON and FEEDS_INTO (a membership not in force on $as_of is no step).
// Parameters: $dataset (the dataset's name), $organisation (organisation id), $partnership (partnership id), $as_of (a date, YYYY-MM-DD)
MATCH (o:Engagemap:Organisation {dataset: $dataset, id: $organisation})
MATCH (b:Engagemap:Partnership {dataset: $dataset, id: $partnership})
WHERE coalesce(o.active, true)
MATCH p = ALL SHORTEST (o)
      (()-[r:MEMBER_OF|SELECTS|HOLDS|SITS_ON|FEEDS_INTO]->()
       WHERE type(r) <> 'MEMBER_OF'
          OR (coalesce(r.pair_since, r.since, date($as_of)) <= date($as_of)
              AND coalesce(r.pair_until, r.until, date($as_of)) >= date($as_of)))+
      (b)
RETURN [n IN nodes(p) | n.id] AS route
ORDER BY route
