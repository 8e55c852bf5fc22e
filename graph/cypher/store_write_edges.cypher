// Graph store: write one batch of relationships of version $version, idempotently (MERGE on
// the (version, seq) key between the two entities). The relationship type is the relation's name.
// Types cannot be parameters in Cypher, so the relations are spelled out below: one line per
// relation of the closed ontology vocabulary (ontology.vocabulary.Relation; tests/store/
// test_cypher.py checks the list); the type never comes from user input.
UNWIND $rows AS row
MATCH (a:Entity {id: row.source, version: $version})
MATCH (b:Entity {id: row.target, version: $version})
FOREACH (_ IN CASE row.relation WHEN 'withinCounty' THEN [1] ELSE [] END |
  MERGE (a)-[r:withinCounty {version: $version, seq: row.seq}]->(b) SET r += row.props)
FOREACH (_ IN CASE row.relation WHEN 'inPoliceForceArea' THEN [1] ELSE [] END |
  MERGE (a)-[r:inPoliceForceArea {version: $version, seq: row.seq}]->(b) SET r += row.props)
FOREACH (_ IN CASE row.relation WHEN 'inCommunitySafetyPartnership' THEN [1] ELSE [] END |
  MERGE (a)-[r:inCommunitySafetyPartnership {version: $version, seq: row.seq}]->(b) SET r += row.props)
FOREACH (_ IN CASE row.relation WHEN 'inRegion' THEN [1] ELSE [] END |
  MERGE (a)-[r:inRegion {version: $version, seq: row.seq}]->(b) SET r += row.props)
FOREACH (_ IN CASE row.relation WHEN 'partOfIntegratedCareBoard' THEN [1] ELSE [] END |
  MERGE (a)-[r:partOfIntegratedCareBoard {version: $version, seq: row.seq}]->(b) SET r += row.props)
FOREACH (_ IN CASE row.relation WHEN 'inNHSRegion' THEN [1] ELSE [] END |
  MERGE (a)-[r:inNHSRegion {version: $version, seq: row.seq}]->(b) SET r += row.props)
FOREACH (_ IN CASE row.relation WHEN 'blockInDistrict' THEN [1] ELSE [] END |
  MERGE (a)-[r:blockInDistrict {version: $version, seq: row.seq}]->(b) SET r += row.props)
FOREACH (_ IN CASE row.relation WHEN 'blockInHealthArea' THEN [1] ELSE [] END |
  MERGE (a)-[r:blockInHealthArea {version: $version, seq: row.seq}]->(b) SET r += row.props)
FOREACH (_ IN CASE row.relation WHEN 'hasMember' THEN [1] ELSE [] END |
  MERGE (a)-[r:hasMember {version: $version, seq: row.seq}]->(b) SET r += row.props)
FOREACH (_ IN CASE row.relation WHEN 'hasPartner' THEN [1] ELSE [] END |
  MERGE (a)-[r:hasPartner {version: $version, seq: row.seq}]->(b) SET r += row.props)
FOREACH (_ IN CASE row.relation WHEN 'delegatesTo' THEN [1] ELSE [] END |
  MERGE (a)-[r:delegatesTo {version: $version, seq: row.seq}]->(b) SET r += row.props)
FOREACH (_ IN CASE row.relation WHEN 'postIn' THEN [1] ELSE [] END |
  MERGE (a)-[r:postIn {version: $version, seq: row.seq}]->(b) SET r += row.props)
FOREACH (_ IN CASE row.relation WHEN 'postFor' THEN [1] ELSE [] END |
  MERGE (a)-[r:postFor {version: $version, seq: row.seq}]->(b) SET r += row.props)
FOREACH (_ IN CASE row.relation WHEN 'requiredBy' THEN [1] ELSE [] END |
  MERGE (a)-[r:requiredBy {version: $version, seq: row.seq}]->(b) SET r += row.props)
FOREACH (_ IN CASE row.relation WHEN 'commissionedBy' THEN [1] ELSE [] END |
  MERGE (a)-[r:commissionedBy {version: $version, seq: row.seq}]->(b) SET r += row.props)
FOREACH (_ IN CASE row.relation WHEN 'concernsArea' THEN [1] ELSE [] END |
  MERGE (a)-[r:concernsArea {version: $version, seq: row.seq}]->(b) SET r += row.props)
FOREACH (_ IN CASE row.relation WHEN 'originalOrganization' THEN [1] ELSE [] END |
  MERGE (a)-[r:originalOrganization {version: $version, seq: row.seq}]->(b) SET r += row.props)
FOREACH (_ IN CASE row.relation WHEN 'resultingOrganization' THEN [1] ELSE [] END |
  MERGE (a)-[r:resultingOrganization {version: $version, seq: row.seq}]->(b) SET r += row.props)
