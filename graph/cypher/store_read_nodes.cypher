// Graph store: every entity of one version, in the order they were written.
MATCH (n:Entity {version: $version})
RETURN n.id AS id, n.kind AS kind, n.name AS name,
       toString(n.validFrom) AS validFrom, toString(n.validTo) AS validTo,
       coalesce(n.identifiers, []) AS identifiers, n.provenance AS provenance, n.attrs AS attrs
ORDER BY n.seq
