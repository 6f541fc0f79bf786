// One seat of a dataset: its partnership, the communities it represents, the bodies it reports back
// to (inactive organisations left out), and the communities it represents that no one in its
// reporting-back audience serves (serving a wider or a narrower community counts).
// Parameters: $dataset (the dataset's name), $seat (seat id)
MATCH (s:Engagemap:Seat {dataset: $dataset, id: $seat})-[:SITS_ON]->(p:Partnership)
RETURN p.id AS partnership, coalesce(s.represents, []) AS represents
