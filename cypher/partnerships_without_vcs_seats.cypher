// Partnerships with no seat for the voluntary and community sector.
// Parameters: none
MATCH (p:Partnership)
WHERE NOT EXISTS { MATCH (s:Seat)-[:SITS_ON]->(p) WHERE s.sector = 'vcs' }
RETURN p.id AS id, p.name AS name
ORDER BY id
