// Active organisations of a dataset with no relationship but SERVES (to a community) or a person's
// AFFILIATED_WITH: connected to nothing.
// Parameters: $dataset (the dataset's name)
MATCH (o:Engagemap:Organisation {dataset: $dataset})
WHERE coalesce(o.active, true)
  AND NOT EXISTS { MATCH (o)-[r]->() WHERE NOT type(r) IN ['SERVES', 'SAME_AS'] }
  AND NOT EXISTS { MATCH (o)<-[r]-() WHERE NOT type(r) IN ['AFFILIATED_WITH', 'SAME_AS'] }
RETURN o.id AS id
ORDER BY id
