// PageRank of the citation graph (paper → cited paper) with Neo4j Graph Data Science. Writes
// `pagerank` on Paper nodes, replacing the analysis's value in the database (`citegraph neo4j pull`
// reads it back). Answers: how many papers got a score, and the score distribution.
// @engine neo4j
// @param damping float = 0.85 Damping factor.
CALL gds.graph.drop('citegraph-citations', false) YIELD graphName
RETURN count(*) AS dropped;

CALL gds.graph.project('citegraph-citations', 'Paper', 'CITES')
YIELD nodeCount, relationshipCount
RETURN nodeCount, relationshipCount;

CALL gds.pageRank.write('citegraph-citations', {writeProperty: 'pagerank', dampingFactor: $damping, concurrency: 1})
YIELD nodePropertiesWritten, ranIterations, centralityDistribution
CALL gds.graph.drop('citegraph-citations') YIELD graphName
RETURN nodePropertiesWritten, ranIterations, centralityDistribution.min AS min, centralityDistribution.max AS max
