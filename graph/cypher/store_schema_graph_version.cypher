// Graph store schema: one header (counts and graph metadata) per published version.
CREATE CONSTRAINT landscape_graph_version IF NOT EXISTS
FOR (h:LandscapeGraph) REQUIRE h.version IS UNIQUE
