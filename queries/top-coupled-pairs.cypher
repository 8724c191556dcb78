// Top coupled pairs (bibliographic coupling map): the corpus papers that share the most references.
// @param limit int = 10 How many pairs to list.
MATCH (a:Paper)-[r:COUPLED]->(b:Paper)
RETURN a.title AS first, b.title AS second, r.count AS sharedReferences, r.strength AS strength
ORDER BY sharedReferences DESC, strength DESC, first, second
LIMIT $limit
