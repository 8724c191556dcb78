// A collaboration community's papers by year: how many papers its members wrote each year, and which.
// @param community int Collaboration community id (see the "communities" query).
MATCH (c:Community {layer: 'collaboration', communityId: $community})<-[:IN_COMMUNITY]-(:Author)-[:AUTHORED]->(p:Paper)
RETURN p.year AS year, count(DISTINCT p.key) AS papers, collect(DISTINCT p.title) AS titles
ORDER BY year
