// Graph store schema: one entity per (id, version); MERGE on the pair uses this constraint.
CREATE CONSTRAINT landscape_entity_key IF NOT EXISTS
FOR (n:Entity) REQUIRE (n.id, n.version) IS UNIQUE
