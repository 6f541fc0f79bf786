// Read back one dataset's memberships and links (the relationships that are rows of their own).
// Parameters: $dataset (the dataset's name)
MATCH (a)-[r:MEMBER_OF|FEEDS_INTO|REPORTS_BACK|CONSULTS|FUNDS]->(b)
WHERE r.dataset = $dataset AND r.row IS NOT NULL
RETURN type(r) AS type, a.id AS source, b.id AS target, properties(r) AS props
ORDER BY type, r.row
