// Join organisations of two datasets that share an identifiers entry.
// Parameters: $rows (list of {source, other, target, identifier}), $dataset (the pushed dataset's name)
UNWIND $rows AS row
MATCH (a:Engagemap:Organisation {dataset: $dataset, id: row.source})
MATCH (b:Engagemap:Organisation {dataset: row.other, id: row.target})
MERGE (a)-[s:SAME_AS {identifier: row.identifier}]->(b)
