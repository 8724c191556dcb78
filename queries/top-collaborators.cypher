// Top collaborators of an author: with whom did they write most papers?
// @param name string The author's name exactly as shown, e.g. "Ada Lovelace" (matched literally).
// @param limit int = 10 How many collaborators to list.
MATCH (a:Author {name: $name})-[r:COAUTHOR]-(b:Author)
RETURN b.name AS collaborator, r.count AS papers, r.weight AS weight
ORDER BY papers DESC, weight DESC, collaborator
LIMIT $limit
