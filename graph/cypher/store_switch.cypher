// Graph store: publish a fully written version, in one transaction: record its header, then
// point the single LandscapeVersion pointer at it. Never moves the pointer backwards: no row
// comes back when a newer version is already current.
MATCH (p:LandscapeVersion {name: 'landscape'})
WHERE p.current IS NULL OR p.current < $version
CREATE (:LandscapeGraph {version: $version, nodes: $nodes, edges: $edges, meta: $meta,
                         writtenAt: datetime()})
SET p.current = $version
RETURN p.current AS current
