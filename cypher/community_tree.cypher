// The communities of a dataset, each with the wider community it is part of.
// Parameters: $dataset (the dataset's name)
MATCH (c:Engagemap:Community {dataset: $dataset} WHERE c.id IS NOT NULL)
RETURN c.id AS id, c.part_of AS part_of
ORDER BY id
