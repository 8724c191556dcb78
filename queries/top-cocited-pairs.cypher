// Top co-cited pairs (co-citation map): the cited works that corpus papers most often cite together.
// @param limit int = 10 How many pairs to list.
MATCH (a)-[r:COCITED]->(b)
RETURN coalesce(a.text, a.title) AS first, coalesce(b.text, b.title) AS second, r.count AS papers, r.strength AS strength
ORDER BY papers DESC, strength DESC, first, second
LIMIT $limit
