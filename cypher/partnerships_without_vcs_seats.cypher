// Partnerships of a dataset with no seat for the voluntary and community sector.
// Parameters: $dataset (the dataset's name)
MATCH (p:Engagemap:Partnership {dataset: $dataset})
WHERE NOT EXISTS { MATCH (s:Seat)-[:SITS_ON]->(p) WHERE s.sector = 'vcs' }
RETURN p.id AS id, p.name AS name
ORDER BY id
