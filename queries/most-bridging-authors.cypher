// Most bridging authors: co-authors in collaboration communities other than their own (how many
// communities, how many co-authors), then betweenness as computed by the analysis (0 when absent).
// @param limit int = 10 How many authors to list.
MATCH (a:Author)
OPTIONAL MATCH (a)-[:COAUTHOR]-(b:Author)
WHERE b.community <> a.community
WITH a, count(DISTINCT b.community) AS communities, count(DISTINCT b.key) AS outside
RETURN a.name AS author, a.community AS community, communities AS otherCommunities,
  outside AS outsideCoauthors, coalesce(a.betweenness, 0.0) AS betweenness
ORDER BY otherCommunities DESC, outsideCoauthors DESC, betweenness DESC, author
LIMIT $limit
