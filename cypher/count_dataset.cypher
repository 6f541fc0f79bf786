// Count one dataset's nodes by label and relationships by type.
// Parameters: $dataset (the dataset's name)
MATCH (n:Engagemap {dataset: $dataset} WHERE n.id IS NOT NULL)
UNWIND [label IN labels(n) WHERE label <> 'Engagemap'] AS name
RETURN 'node' AS element, name, count(*) AS count
UNION ALL
MATCH (owner:Engagemap {dataset: $dataset} WHERE owner.id IS NOT NULL)-[r]->()
WHERE r.dataset = $dataset
RETURN 'relationship' AS element, type(r) AS name, count(*) AS count
