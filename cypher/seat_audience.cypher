// The reporting-back audience of a seat of a dataset on a day: the bodies it reports back to (distance 1;
// inactive organisations left out: a route to one is no route), every active organisation and network that
// is a member of a network among them, directly (2) or through member networks (3, ...), and the bodies a
// partnership among them reports back to in turn, one step further (FORMAT.md section 5); each with the
// communities it serves. A membership not in force on $as_of is no step (graphmodel.dated).
// Parameters: $dataset (the dataset's name), $seat (seat id), $as_of (a date, YYYY-MM-DD)
CYPHER statefulShortestPlanningMode=all_if_possible
MATCH (s:Engagemap:Seat {dataset: $dataset, id: $seat})
MATCH p = ANY SHORTEST (s)-[:REPORTS_BACK]->(body WHERE coalesce(body.active, true))
      ((x)-[r:MEMBER_OF|REPORTS_BACK]-(y)
       WHERE coalesce(y.active, true)
         AND ((type(r) = 'MEMBER_OF' AND endNode(r) = x AND x:Network
               AND coalesce(r.pair_since, r.since, date($as_of)) <= date($as_of)
               AND coalesce(r.pair_until, r.until, date($as_of)) >= date($as_of))
              OR (type(r) = 'REPORTS_BACK' AND startNode(r) = x AND x:Partnership)))*
      (node)
WHERE node <> s
RETURN node.id AS id,
       CASE WHEN node:Organisation THEN 'organisation' WHEN node:Partnership THEN 'partnership' ELSE 'network' END
         AS type,
       length(p) AS distance, coalesce(node.count, 1) AS count, coalesce(node.serves, []) AS serves
ORDER BY distance, id
