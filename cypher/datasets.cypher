// The datasets engagemap has written, with their node counts.
// Parameters: none
MATCH (n:Engagemap)
RETURN n.dataset AS dataset, count(*) AS nodes
ORDER BY dataset
