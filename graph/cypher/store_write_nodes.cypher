// Graph store: write one batch of entities of version $version, idempotently (MERGE on the
// (id, version) key). Each entity is an :Entity with a second label for its kind. Labels cannot be
// parameters in Cypher, so the kinds are spelled out below: one line per kind of the closed
// ontology vocabulary (ontology.vocabulary.Kind; tests/store/test_cypher.py checks the list).
// A row of another kind gets no kind label, and the graph store refuses such a row before it
// gets here.
UNWIND $rows AS row
MERGE (n:Entity {id: row.id, version: $version})
SET n += row.props
FOREACH (_ IN CASE row.kind WHEN 'County' THEN [1] ELSE [] END | SET n:County)
FOREACH (_ IN CASE row.kind WHEN 'UnitaryAuthority' THEN [1] ELSE [] END | SET n:UnitaryAuthority)
FOREACH (_ IN CASE row.kind WHEN 'MetropolitanDistrict' THEN [1] ELSE [] END | SET n:MetropolitanDistrict)
FOREACH (_ IN CASE row.kind WHEN 'LondonBorough' THEN [1] ELSE [] END | SET n:LondonBorough)
FOREACH (_ IN CASE row.kind WHEN 'SuiGenerisAuthority' THEN [1] ELSE [] END | SET n:SuiGenerisAuthority)
FOREACH (_ IN CASE row.kind WHEN 'NonMetropolitanDistrict' THEN [1] ELSE [] END | SET n:NonMetropolitanDistrict)
FOREACH (_ IN CASE row.kind WHEN 'PoliceForceArea' THEN [1] ELSE [] END | SET n:PoliceForceArea)
FOREACH (_ IN CASE row.kind WHEN 'ClinicalCommissioningGroup' THEN [1] ELSE [] END | SET n:ClinicalCommissioningGroup)
FOREACH (_ IN CASE row.kind WHEN 'SubICBLocation' THEN [1] ELSE [] END | SET n:SubICBLocation)
FOREACH (_ IN CASE row.kind WHEN 'IntegratedCareBoard' THEN [1] ELSE [] END | SET n:IntegratedCareBoard)
FOREACH (_ IN CASE row.kind WHEN 'NHSRegion' THEN [1] ELSE [] END | SET n:NHSRegion)
FOREACH (_ IN CASE row.kind WHEN 'Region' THEN [1] ELSE [] END | SET n:Region)
FOREACH (_ IN CASE row.kind WHEN 'CommunitySafetyPartnership' THEN [1] ELSE [] END | SET n:CommunitySafetyPartnership)
FOREACH (_ IN CASE row.kind WHEN 'SafeguardingPartnership' THEN [1] ELSE [] END | SET n:SafeguardingPartnership)
FOREACH (_ IN CASE row.kind WHEN 'SafeguardingAdultsBoard' THEN [1] ELSE [] END | SET n:SafeguardingAdultsBoard)
FOREACH (_ IN CASE row.kind WHEN 'HealthAndWellbeingBoard' THEN [1] ELSE [] END | SET n:HealthAndWellbeingBoard)
FOREACH (_ IN CASE row.kind WHEN 'ChildDeathOverviewPanel' THEN [1] ELSE [] END | SET n:ChildDeathOverviewPanel)
FOREACH (_ IN CASE row.kind WHEN 'Review' THEN [1] ELSE [] END | SET n:Review)
FOREACH (_ IN CASE row.kind WHEN 'LocalSafeguardingChildrenBoard' THEN [1] ELSE [] END | SET n:LocalSafeguardingChildrenBoard)
FOREACH (_ IN CASE row.kind WHEN 'NationalReviewPanel' THEN [1] ELSE [] END | SET n:NationalReviewPanel)
FOREACH (_ IN CASE row.kind WHEN 'RuleSet' THEN [1] ELSE [] END | SET n:RuleSet)
FOREACH (_ IN CASE row.kind WHEN 'Post' THEN [1] ELSE [] END | SET n:Post)
FOREACH (_ IN CASE row.kind WHEN 'ChangeEvent' THEN [1] ELSE [] END | SET n:ChangeEvent)
FOREACH (_ IN CASE row.kind WHEN 'PopulationBlock' THEN [1] ELSE [] END | SET n:PopulationBlock)
