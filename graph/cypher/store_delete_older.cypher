// Graph store: delete up to $limit entities (with their relationships) of versions older than
// $version; run until it deletes fewer than $limit.
MATCH (n:Entity)
WHERE n.version < $version
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted
