// Graph store: the current version and its header; version is null when nothing was pushed yet.
OPTIONAL MATCH (p:LandscapeVersion {name: 'landscape'})
OPTIONAL MATCH (h:LandscapeGraph {version: p.current})
RETURN p.current AS version, h.nodes AS nodes, h.edges AS edges, h.meta AS meta
