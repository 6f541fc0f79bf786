// A dataset's partnerships with their places and agreed rules on a day. A deputy (a deputy_of, or the
// role deputy) is not a place: it counts in no total or share (FORMAT.md section 5) and is listed apart;
// a voting place has voting yes and is no observer; a vacant place reserved for communities is a gap;
// a filled place whose term ends within $expiring_within days after $as_of is expiring. Seat lists in id order.
// Parameters: $dataset (the dataset's name), $as_of (a date, YYYY-MM-DD), $expiring_within (a whole number of days)
MATCH (b:Engagemap:Partnership {dataset: $dataset} WHERE b.id IS NOT NULL)
OPTIONAL MATCH (s:Seat)-[:SITS_ON]->(b)
WITH b, s
ORDER BY s.id
WITH b, collect(DISTINCT s) AS everyone
WITH b, [s IN everyone WHERE s.deputy_of IS NULL AND coalesce(s.role, 'member') <> 'deputy'] AS places,
     [s IN everyone WHERE s.deputy_of IS NOT NULL OR s.role = 'deputy' | s.id] AS deputies
WITH b, places, deputies,
     [s IN places WHERE coalesce(s.voting, true) AND coalesce(s.role, 'member') <> 'observer'] AS voting
RETURN b.id AS id, b.name AS name, b.level AS level, size(places) AS seats,
       size([s IN places WHERE s.holder IS NOT NULL OR s.person IS NOT NULL]) AS filled,
       size([s IN places WHERE s.sector = 'vcs']) AS vcs_seats,
       size(voting) AS voting_seats, size([s IN voting WHERE s.sector = 'vcs']) AS vcs_voting_seats,
       [s IN places WHERE NOT s IN voting | s.id] AS non_voting_seats,
       deputies AS deputy_seats,
       [s IN places WHERE s.holder IS NULL AND s.person IS NULL AND size(coalesce(s.reserved_for, [])) > 0
        | {seat: s.id, reserved_for: s.reserved_for}] AS reserved_vacant,
       [s IN places WHERE (s.holder IS NOT NULL OR s.person IS NOT NULL) AND s.term_end IS NOT NULL
        AND s.term_end >= date($as_of) AND s.term_end <= date($as_of) + duration({days: toInteger($expiring_within)})
        | s.id] AS expiring_seats,
       b.min_vcs_share AS min_vcs_share, b.min_vcs_voting_share AS min_vcs_voting_share,
       b.size_min AS size_min, b.size_max AS size_max, coalesce(b.required, []) AS required
ORDER BY id
