"""The closed vocabulary of the graph: node kinds (ontology classes) and relations (properties).

The single source is ``safeguarding.ttl`` beside this module; these enums are checked against it by
``tests/rdf/test_ontology.py``, so the code cannot use a term the ontology lacks. A name
read from data goes through :func:`kind` or :func:`relation`, which raise on a typo instead of
minting a new term:

>>> kind("County") is Kind.COUNTY
True
>>> kind("Countie")
Traceback (most recent call last):
...
safeguarding.errors.VocabularyError: 'Countie' is not a class of the ontology; did you mean County?
"""

from __future__ import annotations

import difflib
from enum import StrEnum
from pathlib import Path

from safeguarding.errors import VocabularyError

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
    COMMISSIONED_BY = "commissionedBy"
    CONCERNS_AREA = "concernsArea"
    ORIGINAL_ORGANIZATION = "originalOrganization"
    RESULTING_ORGANIZATION = "resultingOrganization"


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


def _closed(value: str, enum: type[StrEnum], what: str) -> StrEnum:
    try:
        return enum(value)
    except ValueError:
        close = difflib.get_close_matches(value, [m.value for m in enum], n=1)
        hint = f"; did you mean {close[0]}?" if close else ""
        raise VocabularyError(f"{value!r} is not {what} of the ontology{hint}") from None


def kind(value: str) -> Kind:
    """The :class:`Kind` named ``value``; raises :class:`VocabularyError` for anything else."""
    result = _closed(value, Kind, "a class")
    assert isinstance(result, Kind)
    return result


def relation(value: str) -> Relation:
    """The :class:`Relation` named ``value``; raises :class:`VocabularyError` for anything else.

    >>> relation("hasMember") is Relation.HAS_MEMBER
    True
    """
    result = _closed(value, Relation, "a property")
    assert isinstance(result, Relation)
    return result
