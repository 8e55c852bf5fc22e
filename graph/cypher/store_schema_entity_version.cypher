// Graph store schema: reads, counts and deletions select the entities of one version.
CREATE INDEX landscape_entity_version IF NOT EXISTS
FOR (n:Entity) ON (n.version)
