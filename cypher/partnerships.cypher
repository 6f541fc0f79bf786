// A dataset's partnerships with their seats, filled seats, VCS seats and agreed rules.
// Parameters: $dataset (the dataset's name)
MATCH (b:Engagemap:Partnership {dataset: $dataset})
OPTIONAL MATCH (s:Seat)-[:SITS_ON]->(b)
WITH b, collect(DISTINCT s) AS seats
RETURN b.id AS id, b.name AS name, b.level AS level, size(seats) AS seats,
       size([s IN seats WHERE s.holder IS NOT NULL OR s.person IS NOT NULL]) AS filled,
       size([s IN seats WHERE s.sector = 'vcs']) AS vcs_seats,
       b.min_vcs_share AS min_vcs_share, b.size_min AS size_min, b.size_max AS size_max,
       coalesce(b.required, []) AS required
ORDER BY id
