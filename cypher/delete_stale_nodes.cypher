// Remove up to 10,000 nodes of one dataset that an earlier push wrote and this one did not
// (rows since removed), with their relationships; run until it deletes none.
// Parameters: $dataset (the dataset's name), $pushed (this push's token)
MATCH (n:Engagemap {dataset: $dataset} WHERE n.id IS NOT NULL)
WHERE n.pushed <> $pushed
WITH n LIMIT 10000
DETACH DELETE n
RETURN count(*) AS deleted
