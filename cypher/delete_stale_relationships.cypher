// Remove up to 10,000 relationships of one dataset that an earlier push wrote and this one did not;
// run until it deletes none.
// Parameters: $dataset (the dataset's name), $pushed (this push's token)
MATCH (owner:Engagemap {dataset: $dataset} WHERE owner.id IS NOT NULL)-[r]->()
WHERE r.dataset = $dataset AND r.pushed <> $pushed
WITH r LIMIT 10000
DELETE r
RETURN count(*) AS deleted
