"""Node ids, made and read in one place: ``<prefix>:<part>[:<part>…]``.

An id is stable and internal: it never changes when an organisation's codes do. Its prefix says
what kind of entity it is; the rest is the code or registry id it was first known by (``la:ESS``
by mySociety code, ``icb:QH8`` by ODS code, ``partnership:essex-scb`` by registry id), or the
parts that make it unique (``block:2024-04-01:E07000066:99E``).

>>> nid = node_id(Prefix.LA, "ESS")
>>> nid, prefix_of(nid), local_part(nid)
('la:ESS', <Prefix.LA: 'la'>, 'ESS')
>>> node_id(Prefix.BLOCK, "2024-04-01", "E07000066", "99E")
'block:2024-04-01:E07000066:99E'
>>> parse_node_id("county:ESS")
Traceback (most recent call last):
...
graph.errors.SafeguardingError: node id 'county:ESS': 'county' is not a prefix (one of la, ...)
"""

from __future__ import annotations

from enum import StrEnum
from typing import NewType

from graph.errors import SafeguardingError

NodeId = NewType("NodeId", str)
"""The id of a node in the temporal graph (a ``str``, made only by :func:`node_id`)."""


class Prefix(StrEnum):
    """What an id's first part says about its entity."""

    LA = "la"  # any local authority, by mySociety code
    PFA = "pfa"  # police force area, by GSS code
    CSP = "csp"  # community safety partnership, by GSS code (by registry id where ONS has none)
    RGN = "rgn"  # ONS region, by GSS code
    CCG = "ccg"  # clinical commissioning group, by ODS code
    SICBL = "sicbl"  # sub-ICB location, by ODS code
    ICB = "icb"  # integrated care board, by ODS code
    NHSER = "nhser"  # NHS England region, by ODS code
    BLOCK = "block"  # population block: epoch, district GSS code, health area ODS code
    EVENT = "event"  # change event: date, change, slug
    PARTNERSHIP = "partnership"  # children's safeguarding partnership, by registry id
    SAB = "sab"  # safeguarding adults board
    HWB = "hwb"  # health and wellbeing board
    CDOP = "cdop"  # child death overview panel
    LSCB = "lscb"  # local safeguarding children board (before the 2019 arrangements)
    NATIONAL = "national"  # a national body (the Child Safeguarding Practice Review Panel)
    RULES = "rules"  # a dated rule set (statutory guidance, an Act), by registry id
    POST = "post"  # a post (chair, lead safeguarding partner)
    REVIEW = "review"  # a review, by registry id
    NEW = "new"  # an entity a proposal creates (never in the graph itself)


def node_id(prefix: Prefix, *parts: str) -> NodeId:
    """The id of prefix ``prefix`` and ``parts`` (none empty)."""
    if not parts or any(not p for p in parts):
        raise SafeguardingError(f"node id of {prefix.value}: every part must be non-empty")
    return NodeId(":".join((prefix.value, *parts)))


def parse_node_id(text: str) -> NodeId:
    """``text`` as a node id, checked to start with a known prefix and a non-empty part."""
    prefix, sep, rest = text.partition(":")
    if prefix not in _PREFIXES:
        known = ", ".join(p.value for p in Prefix)
        raise SafeguardingError(f"node id {text!r}: {prefix!r} is not a prefix (one of {known})")
    if not sep or not rest:
        raise SafeguardingError(f"node id {text!r}: nothing after the prefix")
    return NodeId(text)


def parts(nid: str) -> tuple[str, ...]:
    """The ``:``-separated parts of an id, its prefix first (inverse: :func:`from_parts`)."""
    return tuple(nid.split(":"))


def from_parts(pieces: tuple[str, ...] | list[str]) -> NodeId:
    """The id whose :func:`parts` are ``pieces``, checked as :func:`parse_node_id` checks."""
    return parse_node_id(":".join(pieces))


def prefix_of(nid: str) -> Prefix:
    """The prefix of an id."""
    return Prefix(nid.partition(":")[0])


def local_part(nid: str) -> str:
    """Everything after the prefix: ``la:ESS`` -> ``ESS``; ``new:la:x`` -> ``la:x``."""
    return nid.partition(":")[2]


_PREFIXES = frozenset(p.value for p in Prefix)
