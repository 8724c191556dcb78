// Most mentioned references: works outside the corpus that most corpus papers mention.
// @param limit int = 10 How many references to list.
MATCH (p:Paper)-[:MENTIONS]->(r:Reference)
RETURN r.text AS reference, r.year AS year, count(DISTINCT p.key) AS papers, collect(DISTINCT p.title) AS mentionedBy
ORDER BY papers DESC, reference
LIMIT $limit
