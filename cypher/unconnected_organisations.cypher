// Active organisations of a dataset connected to nothing on a day: no relationship but SERVES (to a
// community) or a person's AFFILIATED_WITH, a membership not in force on $as_of counting as none.
// Parameters: $dataset (the dataset's name), $as_of (a date, YYYY-MM-DD)
MATCH (o:Engagemap:Organisation {dataset: $dataset} WHERE o.id IS NOT NULL)
WHERE coalesce(o.active, true)
  AND NOT EXISTS { MATCH (o)-[r]->()
                   WHERE NOT type(r) IN ['SERVES', 'SAME_AS']
                     AND (type(r) <> 'MEMBER_OF'
                          OR (coalesce(r.pair_since, r.since, date($as_of)) <= date($as_of)
                              AND coalesce(r.pair_until, r.until, date($as_of)) >= date($as_of))) }
  AND NOT EXISTS { MATCH (o)<-[r]-() WHERE NOT type(r) IN ['AFFILIATED_WITH', 'SAME_AS'] }
RETURN o.id AS id
ORDER BY id
