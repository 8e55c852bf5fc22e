// Graph store: relationships of one version per relation.
MATCH (:Entity {version: $version})-[r]->()
RETURN type(r) AS name, count(*) AS count
