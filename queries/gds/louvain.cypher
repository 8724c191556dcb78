// Louvain communities of the co-authorship graph with Neo4j Graph Data Science, weighted by the
// co-authorship weight (the same weight the analysis uses). Writes `louvain` on Author nodes
// (`citegraph neo4j pull` reads it back). Answers: how many communities, and the modularity.
// concurrency 1 keeps the result reproducible.
// @engine neo4j
CALL gds.graph.drop('citegraph-coauthor', false) YIELD graphName
RETURN count(*) AS dropped;

CALL gds.graph.project('citegraph-coauthor', 'Author', {COAUTHOR: {orientation: 'UNDIRECTED', properties: 'weight'}})
YIELD nodeCount, relationshipCount
RETURN nodeCount, relationshipCount;

CALL gds.louvain.write('citegraph-coauthor', {writeProperty: 'louvain', relationshipWeightProperty: 'weight', concurrency: 1})
YIELD communityCount, modularity, ranLevels, nodePropertiesWritten
CALL gds.graph.drop('citegraph-coauthor') YIELD graphName
RETURN communityCount, modularity, ranLevels, nodePropertiesWritten
