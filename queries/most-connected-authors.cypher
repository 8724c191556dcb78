// Most connected authors: most distinct co-authors, then the largest summed co-authorship weight.
// @param limit int = 10 How many authors to list.
MATCH (a:Author)
OPTIONAL MATCH (a)-[r:COAUTHOR]-(:Author)
RETURN a.name AS author, count(r) AS coauthors, coalesce(sum(r.weight), 0.0) AS weight, a.paperCount AS papers
ORDER BY coauthors DESC, weight DESC, author
LIMIT $limit
