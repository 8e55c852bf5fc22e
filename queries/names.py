"""The names people use for an entity, beside its official one: what ``search`` matches.

Two sources, both traceable:

* a police force's service names (``registry/service_names.yaml``, each with its public source):
  the ONS area "Surrey" is the force "Surrey Police"; "Constabulary" finds every force that
  serves under such a name;
* the common short forms of an NHS body's official ODS/ONS name, computed from it (derived):
  "NHS Frimley Integrated Care Board" is also "NHS Frimley ICB" and "Frimley ICB"; "NHS Mid Essex
  CCG" is also "Mid Essex Clinical Commissioning Group"; the sub-ICB location "NHS Mid and South
  Essex ICB - 06Q" is also "Mid and South Essex ICB".

Matching ignores case, spacing and ``&`` against ``and``.

>>> sorted(short_forms("NHS Frimley Integrated Care Board"))
['frimley', 'frimley icb', 'frimley integrated care board', 'nhs frimley', 'nhs frimley icb',
 'nhs frimley integrated care board']
>>> sorted(short_forms("NHS Mid Essex CCG"))
['mid essex', 'mid essex ccg', 'mid essex clinical commissioning group', 'nhs mid essex',
 'nhs mid essex ccg', 'nhs mid essex clinical commissioning group']
>>> normal("  Hammersmith &  Fulham ")
'hammersmith and fulham'
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from graph.codes import Scheme
from graph.model import Node
from graph.temporal import TemporalGraph
from loaders.service_names import load_service_names
from ontology.vocabulary import HEALTH_BODIES, Kind
from queries.memo import Memo

_MEMO: Memo[str, dict[str, tuple[str, ...]]] = Memo()
_HEALTH = frozenset(k.value for k in HEALTH_BODIES) | {Kind.SUB_ICB_LOCATION.value}
_SPACES = re.compile(r"\s+")
_SUB_ICB = re.compile(r"\s+-\s+\w+$")  # "NHS Kent and Medway ICB - 91Q": the location's code
_LONG = {"icb": "integrated care board", "ccg": "clinical commissioning group"}


def normal(text: str) -> str:
    """``text`` folded for matching: lower case, ``&`` as ``and``, single spaces."""
    return _SPACES.sub(" ", text.replace("&", " and ")).strip().casefold()


def short_forms(name: str) -> set[str]:
    """The common forms of an NHS body's official name (normalised), the name itself included."""
    base = normal(_SUB_ICB.sub("", name))
    forms = {normal(name), base}
    for short, long in _LONG.items():
        for a, b in ((long, short), (short, long)):
            if base.endswith(" " + a):
                stem = base.removesuffix(" " + a)
                forms |= {stem, stem + " " + a, stem + " " + b}
    forms |= {f.removeprefix("nhs ") for f in forms}
    return {f for f in forms if f}


def common_names(g: TemporalGraph) -> dict[str, tuple[str, ...]]:
    """Node id -> its other names, normalised (built once per graph)."""

    def make() -> dict[str, tuple[str, ...]]:
        out: dict[str, set[str]] = {}
        forces = {n.code(Scheme.GSS): n.id for n in g.all_nodes(Kind.POLICE_FORCE_AREA.value)}
        for entry in load_service_names():
            node = forces.get(entry.code)
            if node is not None:
                out.setdefault(node, set()).update(normal(x) for x in entry.names)
        for kind in sorted(_HEALTH):
            for n in g.all_nodes(kind):
                out.setdefault(n.id, set()).update(short_forms(n.name))
        return {k: tuple(sorted(v)) for k, v in out.items()}

    return _MEMO.get(g, "names", make)


def matches(g: TemporalGraph, node: Node, needle: str) -> bool:
    """Whether ``needle`` is in the node's name, a recorded alias or one of its common names."""
    text = normal(needle)
    if text in normal(node.name):
        return True
    if any(text in normal(str(a)) for a in node.attrs.get("aliases", [])):
        return True
    return any(text in n for n in common_names(g).get(node.id, ()))


def names_of(g: TemporalGraph, node: Node) -> Iterable[str]:
    """The node's other names (normalised), for display or suggestions."""
    return common_names(g).get(node.id, ())
