// Graph store: entities of one version per kind.
MATCH (n:Entity {version: $version})
RETURN n.kind AS name, count(*) AS count
