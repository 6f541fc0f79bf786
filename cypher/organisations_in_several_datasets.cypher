// Organisations that sit in several datasets' networks (a county's districts, say): those that share
// an identifiers entry (an org-id such as GB-CHC-1234567) across datasets, joined by SAME_AS. This
// query spans every dataset in the database; with $dataset not null, only identifiers held in it.
// Parameters: $dataset (a dataset's name, or null for all)
MATCH (o:Engagemap:Organisation)-[s:SAME_AS]-(:Engagemap:Organisation)
WITH s.identifier AS identifier, o
WITH DISTINCT identifier, o
ORDER BY identifier, o.dataset, o.id
WITH identifier, collect(o.dataset) AS datasets, collect(o.id) AS ids, collect(o.name) AS names
WHERE $dataset IS NULL OR $dataset IN datasets
RETURN identifier, datasets, ids, names
ORDER BY identifier
