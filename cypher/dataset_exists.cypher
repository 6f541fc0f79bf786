// Whether engagemap has written any node of a dataset (one row if so, none if not).
// Parameters: $dataset (the dataset's name)
MATCH (n:Engagemap {dataset: $dataset} WHERE n.id IS NOT NULL)
RETURN n.id AS id
LIMIT 1
