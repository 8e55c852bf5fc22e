// Graph store schema: a single version pointer, found by name.
CREATE CONSTRAINT landscape_pointer_name IF NOT EXISTS
FOR (p:LandscapeVersion) REQUIRE p.name IS UNIQUE
