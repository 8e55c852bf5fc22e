"""The API object for any graph node, chosen by its kind; and every entity type, for the schema."""

from __future__ import annotations

from datetime import date

from api.types.block import PopulationBlock
from api.types.boards import (
    ChildDeathOverviewPanel,
    HealthAndWellbeingBoard,
    SafeguardingAdultsBoard,
)
from api.types.change_event import ChangeEvent
from api.types.common import Entity
from api.types.community_safety import CommunitySafetyPartnership
from api.types.health import (
    ClinicalCommissioningGroup,
    IntegratedCareBoard,
    NhsRegion,
    SubIcbLocation,
)
from api.types.local_authority import District, LocalAuthority
from api.types.partnership import Partnership
from api.types.police_force import PoliceForce
from api.types.post import Post
from api.types.region import Region
from api.types.review import Review
from api.types.review_bodies import LocalSafeguardingChildrenBoard, NationalReviewPanel
from api.types.rule_set import RuleSet
from graph.model import Node
from ontology.vocabulary import UPPER_TIER, Kind

TYPES: dict[str, type[Entity]] = {
    **{k.value: LocalAuthority for k in UPPER_TIER},
    Kind.DISTRICT: District,
    Kind.POLICE_FORCE_AREA: PoliceForce,
    Kind.CCG: ClinicalCommissioningGroup,
    Kind.SUB_ICB_LOCATION: SubIcbLocation,
    Kind.ICB: IntegratedCareBoard,
    Kind.NHS_REGION: NhsRegion,
    Kind.REGION: Region,
    Kind.COMMUNITY_SAFETY_PARTNERSHIP: CommunitySafetyPartnership,
    Kind.SAFEGUARDING_PARTNERSHIP: Partnership,
    Kind.SAFEGUARDING_ADULTS_BOARD: SafeguardingAdultsBoard,
    Kind.HEALTH_AND_WELLBEING_BOARD: HealthAndWellbeingBoard,
    Kind.CHILD_DEATH_OVERVIEW_PANEL: ChildDeathOverviewPanel,
    Kind.REVIEW: Review,
    Kind.LOCAL_SAFEGUARDING_CHILDREN_BOARD: LocalSafeguardingChildrenBoard,
    Kind.NATIONAL_REVIEW_PANEL: NationalReviewPanel,
    Kind.RULE_SET: RuleSet,
    Kind.POST: Post,
    Kind.CHANGE_EVENT: ChangeEvent,
    Kind.POPULATION_BLOCK: PopulationBlock,
}
"""Ontology class -> the API type showing it. Every class of the ontology has one."""

ENTITY_TYPES: tuple[type[Entity], ...] = tuple(dict.fromkeys(TYPES.values()))


def entity(node: Node, when: date) -> Entity:
    """The API object for ``node`` seen on ``when``."""
    return TYPES[node.kind](node=node, when=when)
