// Top co-occurring keywords (keyword map): the keywords that most papers have together.
// @param limit int = 10 How many pairs to list.
MATCH (a:Keyword)-[r:CO_OCCURS]->(b:Keyword)
RETURN a.label AS first, b.label AS second, r.count AS papers, r.strength AS strength
ORDER BY papers DESC, strength DESC, first, second
LIMIT $limit
