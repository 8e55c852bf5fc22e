"""Find the body a source names: by registry id, GSS code or name, on the dates a fact concerns.

Sources name partnerships and boards in their own words ("City and Hackney Safeguarding Children
Partnership" for the registry's "City & Hackney ..."). A name matches a body's name, an alias or a
former name once both are :func:`normalised`; an ONS community safety partnership also answers to
"<its ONS name> Community Safety Partnership". A match must exist on one of the fact's dates
(each a span of days, :class:`~graph.dates.PartialDate`), so a board is not confused with the
partnership that replaced it.

>>> normalised("City & Hackney Safeguarding Children's Partnership")
'city and hackney safeguarding childrens partnership'
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Iterable
from datetime import date

from graph.codes import Identifier, Scheme
from graph.dates import PartialDate
from graph.model import Node, Period
from graph.temporal import TemporalGraph
from ontology.vocabulary import Kind

REVIEW_BODIES: frozenset[str] = frozenset(
    {
        Kind.SAFEGUARDING_PARTNERSHIP,
        Kind.SAFEGUARDING_ADULTS_BOARD,
        Kind.COMMUNITY_SAFETY_PARTNERSHIP,
        Kind.CHILD_DEATH_OVERVIEW_PANEL,
        Kind.LOCAL_SAFEGUARDING_CHILDREN_BOARD,
        Kind.NATIONAL_REVIEW_PANEL,
    }
)
"""Kinds of body that commission reviews."""
CSP_SUFFIX = "community safety partnership"
_PUNCTUATION = re.compile(r"[^\w\s]")


def normalised(name: str) -> str:
    """Lowercase, ``&`` as ``and``, punctuation dropped, spaces collapsed."""
    text = _PUNCTUATION.sub("", name.casefold().replace("&", " and "))
    return " ".join(text.split())


def spans(dates: Iterable[PartialDate]) -> list[Period]:
    """The days each date may be, as periods (half-open)."""
    return [Period(d.first, date.fromordinal(d.last.toordinal() + 1)) for d in dates]


def names_of(node: Node) -> list[str]:
    """Every name a body answers to."""
    out = [node.name, *map(str, node.attrs.get("aliases", []))]
    out += [str(n["name"]) for n in node.attrs.get("former_names", []) if n.get("name")]
    if node.kind == Kind.COMMUNITY_SAFETY_PARTNERSHIP and node.code(Scheme.GSS):
        out.append(f"{node.name} {CSP_SUFFIX}")
    return out


class BodyIndex:
    """Bodies of ``kinds`` in ``g`` by normalised name, registry id and GSS code."""

    def __init__(self, g: TemporalGraph, kinds: Collection[str]) -> None:
        self.g, self.kinds = g, frozenset(kinds)
        self.by_name: dict[str, list[Node]] = defaultdict(list)
        for kind in sorted(self.kinds):
            for node in g.all_nodes(kind):
                for name in dict.fromkeys(normalised(n) for n in names_of(node)):
                    self.by_name[name].append(node)

    def candidates(self, text: str) -> list[Node]:
        """Bodies named ``text``: a registry id, a GSS code, or a name."""
        found = list(self.by_name.get(normalised(text), []))
        for scheme in (Scheme.REGISTRY, Scheme.GSS):
            for _, nid in self.g.holders(Identifier(scheme, text.strip())):
                node = self.g.node(nid)
                if node.kind in self.kinds and node not in found:
                    found.append(node)
        return found

    def find(self, text: str, when: list[Period]) -> tuple[Node | None, str]:
        """The one body named ``text`` existing on one of the periods ``when`` (all, if empty),
        or None and why not."""
        found = self.candidates(text)
        if not found:
            return None, "no partnership, board or panel has this name, registry id or code"
        live = [n for n in found if not when or any(n.period.overlaps(p) for p in when)]
        if not live:
            lives = "; ".join(f"{n.name} {n.period}" for n in found)
            return None, f"names a body only outside the row's dates ({lives})"
        if len(live) > 1:
            names = ", ".join(sorted(n.id for n in live))
            return None, f"names {len(live)} bodies on the row's dates ({names}): give the id"
        return live[0], ""
