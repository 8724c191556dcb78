// Shortest collaboration path between two authors: the chain of co-authors linking them.
// One shortest path (ties broken by the engine); no row when they are not connected.
// Neo4j variant (shortestPath + list comprehension); Kuzu: collaboration-path.kuzu.cypher.
// @param from string Name of the first author.
// @param to string Name of the second author.
MATCH (a:Author {name: $from}), (b:Author {name: $to})
MATCH p = shortestPath((a)-[:COAUTHOR*1..15]-(b))
RETURN [n IN nodes(p) | n.name] AS path, length(p) AS hops
