// Co-author triangles: three authors who have each written with the other two (each triangle once).
// @param limit int = 50 How many triangles to list.
MATCH (a:Author)-[:COAUTHOR]-(b:Author)-[:COAUTHOR]-(c:Author)-[:COAUTHOR]-(a)
WHERE a.key < b.key AND b.key < c.key
RETURN a.name AS first, b.name AS second, c.name AS third
ORDER BY first, second, third
LIMIT $limit
