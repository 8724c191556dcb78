// Citations between communities: how often papers of one theme cite papers of another theme.
// Citations inside a theme are left out.
MATCH (a:Paper)-[:CITES]->(b:Paper)
MATCH (a)-[:IN_COMMUNITY]->(ca:Community), (b)-[:IN_COMMUNITY]->(cb:Community)
WHERE ca.layer = 'theme' AND cb.layer = 'theme' AND ca.key <> cb.key
RETURN ca.label AS citingTheme, cb.label AS citedTheme, count(*) AS citations
ORDER BY citations DESC, citingTheme, citedTheme
