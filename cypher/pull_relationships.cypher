// Read back one dataset's relationships that are rows of a table (memberships, links, ...).
// Parameters: $dataset (the dataset's name)
MATCH (a:Engagemap {dataset: $dataset})-[r]->(b:Engagemap {dataset: $dataset})
WHERE r.dataset = $dataset AND r.table IS NOT NULL
RETURN a.id AS source, b.id AS target, type(r) AS type, properties(r) AS props
