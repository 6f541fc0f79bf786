// The ids of a dataset's nodes (to suggest a close one for a misspelt id).
// Parameters: $dataset (the dataset's name)
MATCH (n:Engagemap {dataset: $dataset} WHERE n.id IS NOT NULL)
RETURN [label IN labels(n) WHERE label <> 'Engagemap'][0] AS label, n.id AS id
