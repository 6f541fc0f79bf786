// Read back one dataset's nodes with all their properties (the rows of its tables with an id).
// Parameters: $dataset (the dataset's name)
MATCH (n:Engagemap {dataset: $dataset} WHERE n.id IS NOT NULL)
RETURN [label IN labels(n) WHERE label <> 'Engagemap'] AS labels, properties(n) AS props
