// The seats on a partnership of a dataset and on every partnership that feeds into it, directly or
// through others.
// Parameters: $dataset (the dataset's name), $partnership (partnership id)
MATCH (b:Engagemap:Partnership {dataset: $dataset, id: $partnership})
MATCH (p:Partnership)-[:FEEDS_INTO*0..]->(b)
WITH DISTINCT p
MATCH (s:Seat)-[:SITS_ON]->(p)
RETURN DISTINCT s.id AS seat
ORDER BY seat
