// Read back one dataset's relationships that are rows of a table (memberships, links, ...).
// Parameters: $dataset (the dataset's name)
MATCH (a:Engagemap {dataset: $dataset} WHERE a.id IS NOT NULL)-[r]->(b:Engagemap {dataset: $dataset} WHERE b.id IS NOT NULL)
WHERE r.dataset = $dataset AND r.table IS NOT NULL
RETURN a.id AS source, b.id AS target, type(r) AS type, properties(r) AS props
