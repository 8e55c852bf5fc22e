// Graph store: every relationship of one version, in the order they were written.
MATCH (a:Entity {version: $version})-[r]->(b:Entity {version: $version})
RETURN a.id AS source, b.id AS target, type(r) AS relation,
       toString(r.validFrom) AS validFrom, toString(r.validTo) AS validTo,
       r.provenance AS provenance, r.attrs AS attrs
ORDER BY r.seq
