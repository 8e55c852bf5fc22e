// Graph store: how many entities and relationships a version holds (checked before the switch).
OPTIONAL MATCH (n:Entity {version: $version})
WITH count(n) AS nodes
OPTIONAL MATCH (:Entity {version: $version})-[r]->()
RETURN nodes, count(r) AS edges
