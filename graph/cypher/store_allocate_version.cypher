// Graph store: allocate a fresh version number for a push. Numbers are never reused, so the
// leftovers of an interrupted push can never mix with a later one.
MERGE (p:LandscapeVersion {name: 'landscape'})
  ON CREATE SET p.allocated = 0
SET p.allocated = p.allocated + 1
RETURN p.allocated AS version
