// Shortest collaboration path between two authors: the chain of co-authors linking them.
// One shortest path (ties broken by the engine); no row when they are not connected.
// Kuzu variant: Kuzu writes shortest paths as `*SHORTEST 1..n` and has list_transform instead of
// list comprehensions. Neo4j: collaboration-path.neo4j.cypher.
// @param from string Name of the first author.
// @param to string Name of the second author.
MATCH p = (a:Author {name: $from})-[:COAUTHOR* SHORTEST 1..15]-(b:Author {name: $to})
RETURN list_transform(nodes(p), n -> n.name) AS path, length(p) AS hops
