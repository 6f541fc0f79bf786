// Count one dataset's nodes by label and relationships by type.
// Parameters: $dataset (the dataset's name)
MATCH (n:Organisation|Network|Partnership|Community|Seat|Person {dataset: $dataset})
RETURN 'node' AS element, labels(n)[0] AS name, count(*) AS count
UNION ALL
MATCH ()-[r]->()
WHERE r.dataset = $dataset
RETURN 'relationship' AS element, type(r) AS name, count(*) AS count
