// Papers linking two themes: a paper of one theme citing, cited by or textually similar to a paper of
// the other. `link` says how: "cites" (first cites second), "cited by", or "similar".
// @param themeA int Theme id of the first paper (see the "communities" query with layer=theme).
// @param themeB int Theme id of the second paper.
MATCH (a:Paper), (b:Paper)
WHERE a.theme = $themeA AND b.theme = $themeB AND a.key <> b.key
WITH a, b,
  EXISTS { MATCH (a)-[:CITES]->(b) } AS cites,
  EXISTS { MATCH (b)-[:CITES]->(a) } AS citedBy,
  EXISTS { MATCH (a)-[:SIMILAR]-(b) } AS similar
WHERE cites OR citedBy OR similar
RETURN a.title AS paper, b.title AS linkedPaper,
  CASE WHEN cites THEN 'cites' WHEN citedBy THEN 'cited by' ELSE 'similar' END AS link
ORDER BY paper, linkedPaper
