// The table label of one node of a dataset (none when the dataset has no such id).
// Parameters: $dataset (the dataset's name), $id (an id)
MATCH (n:Engagemap {dataset: $dataset, id: $id})
RETURN [label IN labels(n) WHERE label <> 'Engagemap'][0] AS label
