// Graph store: every version present, published or not, with its number of entities.
MATCH (n:Entity)
RETURN n.version AS version, count(*) AS nodes
ORDER BY version
