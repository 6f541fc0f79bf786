// Remove everything one dataset wrote before (for push --replace); nothing else is touched.
// Parameters: $dataset (the dataset's name)
MATCH (n:Organisation|Network|Partnership|Community|Seat|Person {dataset: $dataset})
DETACH DELETE n
