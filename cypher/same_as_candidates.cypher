// The organisations of every other dataset that have identifiers (org-ids such as GB-CHC-1234567).
// Parameters: $dataset (the dataset's name)
MATCH (o:Engagemap:Organisation)
WHERE o.dataset <> $dataset AND o.identifiers IS NOT NULL
RETURN o.dataset AS dataset, o.id AS id, o.identifiers AS identifiers
