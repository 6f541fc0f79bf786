// Remove the SAME_AS relationships of one dataset's organisations (a push makes them again).
// Parameters: $dataset (the dataset's name)
MATCH (owner:Engagemap:Organisation {dataset: $dataset} WHERE owner.id IS NOT NULL)-[s:SAME_AS]-()
DELETE s
