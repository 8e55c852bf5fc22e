"""The closed vocabulary of the graph: node kinds (ontology classes) and relations (properties).

The single source is ``safeguarding.ttl`` beside this module; these enums are checked against it by
the ontology tests, so the code cannot use a term the ontology lacks. A name read from data goes
through :func:`graph.terms.kind` or :func:`graph.terms.relation`, which raise on a typo instead
of minting a new term. This floor imports nothing of the project: it is the bottom one.

>>> Kind("County") is Kind.COUNTY, Relation.HAS_MEMBER.value
(True, 'hasMember')
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

ONTOLOGY_FILE = Path(__file__).with_name("safeguarding.ttl")
SHAPES_FILE = Path(__file__).with_name("shapes.ttl")
NAMESPACE = "https://w3id.org/safeguarding-landscape/def#"
DATA_NAMESPACE = "https://w3id.org/safeguarding-landscape/id/"


class Kind(StrEnum):
    """Concrete classes a node can have."""

    COUNTY = "County"
    UNITARY = "UnitaryAuthority"
    METROPOLITAN_DISTRICT = "MetropolitanDistrict"
    LONDON_BOROUGH = "LondonBorough"
    SUI_GENERIS = "SuiGenerisAuthority"
    DISTRICT = "NonMetropolitanDistrict"
    POLICE_FORCE_AREA = "PoliceForceArea"
    CCG = "ClinicalCommissioningGroup"
    SUB_ICB_LOCATION = "SubICBLocation"
    ICB = "IntegratedCareBoard"
    NHS_REGION = "NHSRegion"
    REGION = "Region"
    COMMUNITY_SAFETY_PARTNERSHIP = "CommunitySafetyPartnership"
    SAFEGUARDING_PARTNERSHIP = "SafeguardingPartnership"
    SAFEGUARDING_ADULTS_BOARD = "SafeguardingAdultsBoard"
    HEALTH_AND_WELLBEING_BOARD = "HealthAndWellbeingBoard"
    CHILD_DEATH_OVERVIEW_PANEL = "ChildDeathOverviewPanel"
    REVIEW = "Review"
    LOCAL_SAFEGUARDING_CHILDREN_BOARD = "LocalSafeguardingChildrenBoard"
    NATIONAL_REVIEW_PANEL = "NationalReviewPanel"
    RULE_SET = "RuleSet"
    POST = "Post"
    CHANGE_EVENT = "ChangeEvent"
    POPULATION_BLOCK = "PopulationBlock"


class Relation(StrEnum):
    """Properties an edge can have."""

    WITHIN_COUNTY = "withinCounty"
    IN_POLICE_FORCE_AREA = "inPoliceForceArea"
    IN_COMMUNITY_SAFETY_PARTNERSHIP = "inCommunitySafetyPartnership"
    IN_REGION = "inRegion"
    PART_OF_ICB = "partOfIntegratedCareBoard"
    IN_NHS_REGION = "inNHSRegion"
    BLOCK_IN_DISTRICT = "blockInDistrict"
    BLOCK_IN_HEALTH_AREA = "blockInHealthArea"
    HAS_MEMBER = "hasMember"
    HAS_PARTNER = "hasPartner"
    DELEGATES_TO = "delegatesTo"
    POST_IN = "postIn"
    POST_FOR = "postFor"
    REQUIRED_BY = "requiredBy"
    COMMISSIONED_BY = "commissionedBy"
    CONCERNS_AREA = "concernsArea"
    ORIGINAL_ORGANIZATION = "originalOrganization"
    RESULTING_ORGANIZATION = "resultingOrganization"


class ReviewKind(StrEnum):
    """What a review is (the values of ``slg:reviewKind``; the reviews file's ``kind`` column)."""

    NATIONAL_REVIEW = "national_review"  # by the Child Safeguarding Practice Review Panel
    LCSPR = "lcspr"  # local child safeguarding practice review (from 2018)
    SERIOUS_CASE_REVIEW = "serious_case_review"  # the LSCB-era review, to 29 Sep 2020
    SAR = "sar"  # safeguarding adults review (Care Act 2014 s44)
    DHR = "dhr"  # domestic homicide review, now domestic abuse related death review
    RAPID_REVIEW = "rapid_review"
    CHILD_DEATH_REVIEW = "child_death_review"


class ReviewStatus(StrEnum):
    """Where a review stood at the last evidence (the values of ``slg:reviewStatus``)."""

    NOTIFIED = "notified"
    RAPID_REVIEW = "rapid_review"
    COMMISSIONED = "commissioned"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    PUBLISHED = "published"
    CLOSED = "closed"
    UNKNOWN = "unknown"


FINISHED: frozenset[ReviewStatus] = frozenset(
    {ReviewStatus.COMPLETED, ReviewStatus.PUBLISHED, ReviewStatus.CLOSED}
)
"""Statuses of a review that is no longer in progress."""


UPPER_TIER: frozenset[Kind] = frozenset(
    {Kind.COUNTY, Kind.UNITARY, Kind.METROPOLITAN_DISTRICT, Kind.LONDON_BOROUGH, Kind.SUI_GENERIS}
)
"""Children's-services authorities: the unit a safeguarding partnership covers."""

DISTRICT_LEVEL: frozenset[Kind] = frozenset(
    {Kind.DISTRICT, Kind.UNITARY, Kind.METROPOLITAN_DISTRICT, Kind.LONDON_BOROUGH, Kind.SUI_GENERIS}
)
"""Authorities that are local authority districts (LAD): the level of the ONS lookups."""

HEALTH_BODIES: frozenset[Kind] = frozenset({Kind.CCG, Kind.ICB})
"""Statutory safeguarding partners on the health side (CCG to 2022-06-30, ICB from 2022-07-01)."""

BOARDS: frozenset[Kind] = frozenset(
    {
        Kind.SAFEGUARDING_ADULTS_BOARD,
        Kind.HEALTH_AND_WELLBEING_BOARD,
        Kind.CHILD_DEATH_OVERVIEW_PANEL,
        Kind.COMMUNITY_SAFETY_PARTNERSHIP,
    }
)
