// Read back one dataset's nodes with all their properties, in their original table order.
// Parameters: $dataset (the dataset's name)
MATCH (n:Organisation|Network|Partnership|Community|Seat|Person {dataset: $dataset})
RETURN labels(n)[0] AS label, properties(n) AS props
ORDER BY label, n.row
