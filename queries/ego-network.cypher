// An author's ego network: their co-authors, the tie weight, and which other co-authors each one
// has also written with. (coalesce: Kuzu gives null, not [], for a collect over nulls only.)
// @param name string The author's name exactly as shown (matched literally).
MATCH (ego:Author {name: $name})-[r:COAUTHOR]-(alter:Author)
OPTIONAL MATCH (alter)-[:COAUTHOR]-(other:Author)
WHERE other.key <> ego.key AND EXISTS { MATCH (other)-[:COAUTHOR]-(ego) }
RETURN alter.name AS coauthor, r.weight AS weight, r.count AS papers, coalesce(collect(DISTINCT other.name), []) AS alsoWith
ORDER BY weight DESC, coauthor
