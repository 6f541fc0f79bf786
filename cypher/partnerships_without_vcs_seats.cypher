// Partnerships of a dataset with no place for the voluntary and community sector (deputies are not places).
// Parameters: $dataset (the dataset's name)
MATCH (p:Engagemap:Partnership {dataset: $dataset} WHERE p.id IS NOT NULL)
WHERE NOT EXISTS { MATCH (s:Seat)-[:SITS_ON]->(p)
                   WHERE s.sector = 'vcs' AND s.deputy_of IS NULL AND coalesce(s.role, 'member') <> 'deputy' }
RETURN p.id AS id, p.name AS name
ORDER BY id
