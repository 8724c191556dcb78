// Author similarity by shared papers (Jaccard) with Neo4j Graph Data Science. Replaces the
// relationships (:Author)-[:SIMILAR_AUTHOR {score}]->(:Author) (topK per author) and lists them.
// @engine neo4j
// @param topK int = 10 Most similar authors kept per author.
MATCH ()-[r:SIMILAR_AUTHOR]->() DELETE r
RETURN count(*) AS removed;

CALL gds.graph.drop('citegraph-authorship', false) YIELD graphName
RETURN count(*) AS dropped;

CALL gds.graph.project('citegraph-authorship', ['Author', 'Paper'], 'AUTHORED')
YIELD nodeCount, relationshipCount
RETURN nodeCount, relationshipCount;

CALL gds.nodeSimilarity.write('citegraph-authorship', {writeRelationshipType: 'SIMILAR_AUTHOR', writeProperty: 'score', topK: $topK, concurrency: 1})
YIELD nodesCompared, relationshipsWritten
CALL gds.graph.drop('citegraph-authorship') YIELD graphName
WITH nodesCompared, relationshipsWritten
MATCH (a:Author)-[s:SIMILAR_AUTHOR]->(b:Author)
RETURN a.name AS author, b.name AS similarAuthor, s.score AS score, nodesCompared, relationshipsWritten
ORDER BY author, score DESC, similarAuthor
