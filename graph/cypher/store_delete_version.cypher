// Graph store: after a push failed, delete up to $limit entities (with their relationships) of
// its unpublished version; run until it deletes fewer than $limit. Never deletes the current
// version: no row matches when the pointer already points at $version.
MATCH (p:LandscapeVersion {name: 'landscape'})
WHERE p.current IS NULL OR p.current <> $version
MATCH (n:Entity {version: $version})
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted
