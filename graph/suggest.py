""" "Did you mean …": the codes and names closest to a mistyped one, for the resolver's hint.

Only entities of the kinds asked for, existing on the date asked (on any date if none) are
offered, so a suggestion always resolves. Codes are compared as typed (``E1000012`` is one digit
short of ``E10000012``); names ignore case, and a name containing the text counts as close.

>>> from datetime import date
>>> from graph.codes import Identifier, Scheme
>>> from graph.model import IdentifierAssignment, Node, Period, Provenance
>>> g = TemporalGraph()
>>> src = (Provenance("example.csv", "2"),)
>>> ids = (IdentifierAssignment(Identifier(Scheme.GSS, "E10000012"), Period()),)
>>> g.add_node(Node("la:ESS", "County", "Essex County Council", Period(), src, ids))
>>> suggestions(g, "E1000012", None, {"County"})
['E10000012 (Essex County Council)']
>>> suggestions(g, "essex", None, {"County"})
['E10000012 (Essex County Council)']
>>> suggestions(g, "Esex County Council", None, {"County"})
['E10000012 (Essex County Council)']
>>> suggestions(g, "Q99", None, {"County"})
[]
"""

from __future__ import annotations

import difflib
from collections.abc import Collection
from datetime import date

from graph.codes import Scheme
from graph.model import Node
from graph.temporal import TemporalGraph
from ontology.vocabulary import Kind

MAX_SUGGESTIONS = 3
_SKIP = frozenset({Kind.POPULATION_BLOCK.value, Kind.CHANGE_EVENT.value})


def suggestions(
    g: TemporalGraph, text: str, when: date | None, kinds: Collection[str]
) -> list[str]:
    """Up to three ``CODE (Name)`` entries close to ``text``: names containing it first (shortest
    first), then close codes, then close names."""
    nodes = [
        n
        for k in sorted(set(kinds) - _SKIP)
        for n in g.all_nodes(k)
        if when is None or n.period.contains(when)
    ]
    by_code: dict[str, Node] = {}
    for n in nodes:
        for a in n.identifiers:
            if when is None or a.period.contains(when):
                by_code.setdefault(a.identifier.code.upper(), n)
    picked: dict[str, str] = {}
    needle = text.casefold().strip()
    if len(needle) >= 3:
        containing = sorted((n for n in nodes if needle in n.name.casefold()), key=_shortest)
        for n in containing:
            picked.setdefault(n.id, _label(n, when))
    for c in difflib.get_close_matches(text.upper(), list(by_code), MAX_SUGGESTIONS, 0.6):
        picked.setdefault(by_code[c].id, f"{c} ({by_code[c].name})")
    by_name = {n.name.casefold(): n for n in nodes}
    for c in difflib.get_close_matches(needle, list(by_name), MAX_SUGGESTIONS, 0.6):
        picked.setdefault(by_name[c].id, _label(by_name[c], when))
    return list(picked.values())[:MAX_SUGGESTIONS]


def _shortest(node: Node) -> tuple[int, str]:
    return (len(node.name), node.id)


def _label(node: Node, when: date | None) -> str:
    """``CODE (Name)`` with the code of the first scheme held (GSS, ODS, DfE, mySociety, …)."""
    held = [a.identifier for a in node.identifiers if when is None or a.period.contains(when)]
    for scheme in Scheme:
        codes = sorted(i.code for i in held if i.scheme is scheme)
        if codes:
            return f"{codes[-1]} ({node.name})"
    return f"{node.id} ({node.name})"
