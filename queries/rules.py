"""The rules as they changed: which rule sets are in force on a date, and what a partnership needs.

Rule sets are nodes of the graph (from ``registry/rules.yaml``, :mod:`loaders.rule_writer`), each
with the day it came into force (or none: enacted, commencement unknown) and the rule sets it
replaces. On a date a rule set is *in force*, *enacted but not in force* (commencement unknown or
later), *replaced*, or *not yet in force*. The posts a partnership must have on a date follow
from the rule sets in force then: each requirement for the partnership itself (a chair, independent
scrutiny), and each requirement for every one of its safeguarding partners on that date (its LAs,
and the police forces and health bodies with people in its footprint). Each required post is the
derived post the builder made; the posts the sources record for the partnership (chairs,
scrutineers) are listed beside it.

>>> from loaders.landscape import bundled
>>> g = bundled()
>>> [(s.rule.code, s.state.value) for s in rules_on(g, date(2024, 6, 1))]
[('working-together-2018', 'replaced'), ('working-together-2023', 'in_force'), \
('childrens-wellbeing-and-schools-act-2026-s2', 'not_yet_in_force')]
>>> need = required_posts(g, date(2024, 6, 1), "partnership:croydon-scp")
>>> sorted({p.role for p in need.posts})
['delegated safeguarding partner', 'independent scrutiny', 'lead safeguarding partner', \
'partnership chair']
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any

from graph.errors import LookupFailure
from graph.model import Node
from graph.temporal import TemporalGraph, View
from ontology.vocabulary import Kind, Relation
from queries.coverage import check_date
from queries.footprint import PARTNERSHIP, Ref, footprints
from queries.overlap import partnership_overlap


class RuleState(Enum):
    IN_FORCE = "in_force"
    ENACTED_NOT_IN_FORCE = "enacted_not_in_force"  # commencement unknown, or later than the date
    REPLACED = "replaced"
    NOT_YET_IN_FORCE = "not_yet_in_force"  # neither in force nor (as far as known) enacted yet


@dataclass(frozen=True, slots=True)
class RuleStatus:
    rule: Ref
    state: RuleState
    enacted: date | None
    in_force: date | None  # None: commencement unknown
    in_force_to: date | None
    requires: tuple[dict[str, Any], ...]


@dataclass(frozen=True, slots=True)
class RequiredPost:
    """A post a rule in force requires: of the partnership (``organisation`` None) or of one of its
    safeguarding partners; ``post`` is the derived post (None where none exists that day)."""

    rule: Ref
    role: str
    duty: str
    organisation: Ref | None
    office: str | None
    post: Ref | None


@dataclass(frozen=True, slots=True)
class RequiredParticipant:
    rule: Ref
    role: str
    state: RuleState


@dataclass(frozen=True, slots=True)
class Requirements:
    partnership: Ref
    as_of: date
    rules_in_force: tuple[Ref, ...]
    posts: tuple[RequiredPost, ...]
    participants: tuple[RequiredParticipant, ...]  # in force, or enacted and not yet in force
    recorded: tuple[Ref, ...]  # posts the sources record for the partnership on the date


def _day(value: object) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) and value else None


def state(node: Node, when: date) -> RuleState:
    """The state of the rule set ``node`` on ``when``."""
    a = node.attrs
    enacted, start, end = (
        _day(a.get("enacted")),
        _day(a.get("in_force")),
        _day(a.get("in_force_to")),
    )
    if start is not None and start <= when and (end is None or when < end):
        return RuleState.IN_FORCE
    if end is not None and end <= when:
        return RuleState.REPLACED
    if enacted is not None and enacted <= when:
        return RuleState.ENACTED_NOT_IN_FORCE
    if start is None and enacted is None:
        return RuleState.ENACTED_NOT_IN_FORCE  # made on a day not recorded, not commenced
    return RuleState.NOT_YET_IN_FORCE


def _rules(g: TemporalGraph) -> list[Node]:
    return sorted(
        g.all_nodes(Kind.RULE_SET),
        key=lambda n: (
            _day(n.attrs.get("in_force")) or _day(n.attrs.get("enacted")) or date.max,
            n.id,
        ),
    )


def rules_on(g: TemporalGraph, when: date) -> tuple[RuleStatus, ...]:
    """Every rule set and its state on ``when``, in the order they came (or will come) in."""
    fp = footprints(g.at(when))
    return tuple(
        RuleStatus(
            fp.ref(n.id),
            state(n, when),
            _day(n.attrs.get("enacted")),
            _day(n.attrs.get("in_force")),
            _day(n.attrs.get("in_force_to")),
            tuple(n.attrs.get("requires", [])),
        )
        for n in _rules(g)
    )


def required_posts(g: TemporalGraph, when: date, partnership: str) -> Requirements:
    """The posts (and participants) the rules in force on ``when`` require of ``partnership``."""
    check_date(g, when)
    view = g.at(when)
    if not view.has(partnership) or view.node(partnership).kind != PARTNERSHIP:
        raise LookupFailure(f"no partnership {partnership!r} on {when}")
    fp = footprints(view)
    o = partnership_overlap(fp, partnership)
    partners = [r.id for r in o.local_authorities]
    partners += [s.body.id for s in (*o.police_forces, *o.health_bodies)]
    posts: list[RequiredPost] = []
    participants: list[RequiredParticipant] = []
    in_force: list[Ref] = []
    for rule in _rules(g):
        st = state(rule, when)
        requires = rule.attrs.get("requires", [])
        if st is RuleState.ENACTED_NOT_IN_FORCE:
            participants += [
                RequiredParticipant(fp.ref(rule.id), q["role"], st)
                for q in requires
                if q["duty"] == "participant"
            ]
        if st is not RuleState.IN_FORCE:
            continue
        in_force.append(fp.ref(rule.id))
        for q in requires:
            if q["duty"] == "participant":
                participants.append(RequiredParticipant(fp.ref(rule.id), q["role"], st))
            elif q["for"] == "partnership":
                post = _derived(view, partnership, Relation.POST_FOR, rule.id, q["role"])
                posts.append(
                    RequiredPost(
                        fp.ref(rule.id), q["role"], q["duty"], None, None,
                        fp.ref(post.id) if post else None,
                    )
                )  # fmt: skip
            else:
                for org in partners:
                    post = _derived(view, org, Relation.POST_IN, rule.id, q["role"])
                    office = post.attrs.get("office") if post else None
                    posts.append(
                        RequiredPost(
                            fp.ref(rule.id), q["role"], q["duty"], fp.ref(org),
                            str(office) if office else None, fp.ref(post.id) if post else None,
                        )
                    )  # fmt: skip
    recorded = [
        fp.ref(p)
        for p in sorted(set(view.sources(partnership, Relation.POST_FOR)))
        if not view.node(p).attrs.get("derived")
    ]
    return Requirements(
        fp.ref(partnership),
        when,
        tuple(in_force),
        tuple(posts),
        tuple(participants),
        tuple(recorded),
    )


def _derived(view: View, target: str, relation: str, rule: str, role: str) -> Node | None:
    """The post derived from ``rule`` for ``role`` in (or for) ``target`` on the view's date."""
    for post in view.sources(target, relation):
        node = view.node(post)
        if node.attrs.get("role") == role and rule in view.targets(post, Relation.REQUIRED_BY):
            return node
    return None
