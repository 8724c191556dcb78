// Communities with their label and members: collaboration groups (authors) or themes (papers).
// Members are listed by weighted degree, then label. (Kuzu needs SKIP after ORDER BY in a WITH; SKIP 0
// keeps the text portable.)
// @param layer string = collaboration Which layer: "collaboration" or "theme".
MATCH (c:Community {layer: $layer})<-[:IN_COMMUNITY]-(m)
WITH c, m ORDER BY c.communityId, coalesce(m.weightedDegree, 0.0) DESC, m.label SKIP 0
RETURN c.communityId AS community, c.label AS label, count(m) AS size, collect(m.label) AS members
ORDER BY community
