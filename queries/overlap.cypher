// overlap.cypher: for each children's safeguarding partnership on a date, the police force areas
// it must work with and each one's share of the partnership's population.
//
// In Neo4j Browser (http://localhost:7474 with the docker-compose setup), first set the date:
//   :param asOf => '2024-06-01'
// then paste this whole file into the editor and run it. Reads only the landscape version that
// `safeguarding neo4j push` last switched to.
//
// How: a partnership's member LAs (hasMember valid that day) -> their districts (a county's
// districts are its withinCounty in-edges; any other LA is its own district) -> the population
// blocks in each district (blockInDistrict) -> the district's police force area
// (inPoliceForceArea). share = population of the blocks in that force area / population of all
// the partnership's blocks. A district with no police force area that day gives a row with a null
// policeForceArea. Every share counts, slivers included: "any part" of an area makes a partner.
//
// Nulls are filtered before every aggregation (a county's districts come from a COLLECT
// subquery, blocks without a population are left out before the sums), so Neo4j raises no "null
// value eliminated in set function" warning; a district with no force area that day is a null
// grouping key, which is no aggregated value.
//
// Parameters: $asOf, a date 'YYYY-MM-DD'. Validity is half-open: valid on day d when
// validFrom <= d < validTo (a missing bound is unbounded).
// Columns: partnership, partnershipName, policeForceArea, policeForceAreaName, population,
// partnershipPopulation, share (0..1).
MATCH (ptr:LandscapeVersion {name: 'landscape'})
WITH ptr.current AS v, date($asOf) AS day
MATCH (sp:SafeguardingPartnership {version: v})-[m:hasMember]->(la:Entity {version: v})
WHERE (m.validFrom IS NULL OR m.validFrom <= day) AND (m.validTo IS NULL OR day < m.validTo)
WITH v, day, sp, la, CASE la.kind
  WHEN 'County' THEN COLLECT {
    MATCH (d:Entity {version: v})-[w:withinCounty]->(la)
    WHERE (w.validFrom IS NULL OR w.validFrom <= day) AND (w.validTo IS NULL OR day < w.validTo)
    RETURN d
  }
  ELSE [la] END AS districts
UNWIND districts AS district
MATCH (b:PopulationBlock {version: v})-[bd:blockInDistrict]->(district)
WHERE (b.validFrom IS NULL OR b.validFrom <= day) AND (b.validTo IS NULL OR day < b.validTo)
  AND (bd.validFrom IS NULL OR bd.validFrom <= day) AND (bd.validTo IS NULL OR day < bd.validTo)
  AND b.population IS NOT NULL
WITH v, day, sp, district, sum(b.population) AS people
WITH v, day, sp, collect({district: district, people: people}) AS parts, sum(people) AS total
UNWIND parts AS part
WITH v, day, sp, total, part.district AS district, part.people AS people
OPTIONAL MATCH (district)-[f:inPoliceForceArea]->(pfa:PoliceForceArea {version: v})
WHERE (f.validFrom IS NULL OR f.validFrom <= day) AND (f.validTo IS NULL OR day < f.validTo)
WITH sp, total, pfa, sum(people) AS population
RETURN sp.id AS partnership, sp.name AS partnershipName,
       pfa.id AS policeForceArea, pfa.name AS policeForceAreaName,
       population, total AS partnershipPopulation,
       CASE WHEN total > 0 THEN toFloat(population) / total ELSE 0.0 END AS share
ORDER BY partnership, population DESC, policeForceArea
