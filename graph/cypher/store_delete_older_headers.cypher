// Graph store: delete the headers of versions older than $version.
MATCH (h:LandscapeGraph)
WHERE h.version < $version
DELETE h
RETURN count(*) AS deleted
