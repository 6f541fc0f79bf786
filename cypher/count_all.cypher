// Count every node in the database (the live tests refuse a database they did not fill).
// Parameters: none
MATCH (n)
RETURN count(n) AS nodes
