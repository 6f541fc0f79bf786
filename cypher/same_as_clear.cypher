// Remove the SAME_AS relationships of one dataset's organisations (a push makes them again).
// Parameters: $dataset (the dataset's name)
MATCH (:Engagemap:Organisation {dataset: $dataset})-[s:SAME_AS]-()
DELETE s
