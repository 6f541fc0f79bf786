// Remove up to 10,000 nodes one dataset wrote, with their relationships (for push --replace;
// run until it deletes none). Only nodes engagemap wrote (label Engagemap) are ever touched.
// Parameters: $dataset (the dataset's name)
MATCH (n:Engagemap {dataset: $dataset} WHERE n.id IS NOT NULL)
WITH n LIMIT 10000
DETACH DELETE n
RETURN count(*) AS deleted
