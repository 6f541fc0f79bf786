// Count every node in the database, and those engagemap wrote (the live tests refuse a database
// holding nodes they did not write).
// Parameters: none
MATCH (n)
RETURN count(n) AS nodes, count(CASE WHEN n:Engagemap THEN 1 END) AS engagemap
