// coverage.cypher: how many children's safeguarding partnerships cover each upper-tier local
// authority on a date. 0 = uncovered; 2 or more = covered more than once (both break the rule
// that every LA area is covered exactly once).
//
// In Neo4j Browser (http://localhost:7474 with the docker-compose setup), first set the date:
//   :param asOf => '2024-06-01'
// then paste this whole file into the editor and run it. Uncovered and multiply covered LAs come
// first. Reads only the landscape version that `safeguarding neo4j push` last switched to.
//
// Parameters: $asOf, a date 'YYYY-MM-DD'. Validity is half-open: valid on day d when
// validFrom <= d < validTo (a missing bound is unbounded).
// Columns: la (entity id), name, kind, partnerships (hasMember relationships from partnerships
// valid that day), partnershipIds.
//
// The partnerships of each LA are gathered by a COLLECT subquery, not an OPTIONAL MATCH and an
// aggregation: an uncovered LA then has an empty list, never a null, so Neo4j raises no "null
// value eliminated in set function" warning.
MATCH (ptr:LandscapeVersion {name: 'landscape'})
WITH ptr.current AS v, date($asOf) AS day
MATCH (la:Entity {version: v})
WHERE la.kind IN ['County', 'UnitaryAuthority', 'MetropolitanDistrict', 'LondonBorough',
                  'SuiGenerisAuthority']
  AND (la.validFrom IS NULL OR la.validFrom <= day)
  AND (la.validTo IS NULL OR day < la.validTo)
WITH la, COLLECT {
  MATCH (sp:SafeguardingPartnership {version: v})-[m:hasMember]->(la)
  WHERE (m.validFrom IS NULL OR m.validFrom <= day) AND (m.validTo IS NULL OR day < m.validTo)
  RETURN sp.id ORDER BY sp.id
} AS partnershipIds
RETURN la.id AS la, la.name AS name, la.kind AS kind, size(partnershipIds) AS partnerships,
       partnershipIds
ORDER BY CASE partnerships WHEN 1 THEN 1 ELSE 0 END, la
