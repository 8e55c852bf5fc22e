"""The one code resolver: find an entity by a code in any scheme, on a date (or any date), of the
kinds a caller expects. The API, the command line, proposals and the registry writer all use it.

A code is tried in every scheme whose form it has (``E10000012`` is GSS, ``881`` DfE, ``ESS``
mySociety or ODS), unless the caller names the scheme (as an argument, or written
``scheme:code``); an internal id (``la:ESS``) works too, and so does a registry id without its
prefix for boards that have no registry code of their own. A miss says why: the code names
something else, names it only on other dates, or names several entities (give a date or the
scheme).

>>> from loaders.landscape import bundled
>>> from datetime import date
>>> g = bundled()
>>> find(g, "E10000012", date(2024, 6, 1), LOCAL_AUTHORITY).name
'Essex County Council'
>>> find(g, "881", date(2024, 6, 1), LOCAL_AUTHORITY).id
'la:ESS'
>>> find(g, "la:CMA", date(2024, 6, 1), LOCAL_AUTHORITY)
Traceback (most recent call last):
...
graph.errors.UnknownCode: unknown id code 'la:CMA' as of 2024-06-01: \
Cumbria County Council exists only in […, 2023-04-01)
>>> find(g, "E08000038", date(2024, 6, 1), LOCAL_AUTHORITY)
Traceback (most recent call last):
...
graph.errors.UnknownCode: unknown gss code 'E08000038' as of 2024-06-01: \
Barnsley Metropolitan Borough Council holds it only in [2025-05-01, …)

A code that fits nothing gets the closest codes and names of the kinds asked for:

>>> find(g, "E1000012", date(2024, 6, 1), LOCAL_AUTHORITY)
Traceback (most recent call last):
...
graph.errors.UnknownCode: unknown any code 'E1000012' ...; did you mean E10000012 (Essex County ...
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from graph.codes import Identifier, Scheme, schemes_for
from graph.errors import UnknownCode
from graph.model import Node
from graph.suggest import suggestions
from graph.temporal import TemporalGraph
from ontology.vocabulary import HEALTH_BODIES, UPPER_TIER, Kind

LOCAL_AUTHORITY: frozenset[str] = frozenset(k.value for k in UPPER_TIER)
POLICE_FORCE: frozenset[str] = frozenset({Kind.POLICE_FORCE_AREA.value})
HEALTH_BODY: frozenset[str] = frozenset(k.value for k in HEALTH_BODIES)
ICB: frozenset[str] = frozenset({Kind.ICB.value})
PARTNERSHIP: frozenset[str] = frozenset({Kind.SAFEGUARDING_PARTNERSHIP.value})
REGION: frozenset[str] = frozenset({Kind.REGION.value})
ANY_KIND: frozenset[str] = frozenset(k.value for k in Kind)

REGISTRY_PREFIXES: tuple[str, ...] = (
    *("partnership", "sab", "hwb", "cdop", "lscb", "national", "csp", "rules", "review"),
)
"""Node ids that are a prefix and a registry id: ``sab:own:ess`` is found by ``own:ess``."""
_SCHEMES = frozenset(s.value for s in Scheme)

_WHAT = {
    LOCAL_AUTHORITY: "local authority (county, unitary, metropolitan district, London borough)",
    POLICE_FORCE: "police force area",
    HEALTH_BODY: "health body (CCG to 2022-06-30, ICB from 2022-07-01)",
    ICB: "integrated care board",
    PARTNERSHIP: "safeguarding partnership",
    REGION: "region",
    ANY_KIND: "entity",
}


def find(
    g: TemporalGraph,
    code: str,
    when: date | None,
    kinds: Collection[str] = ANY_KIND,
    scheme: Scheme | None = None,
) -> Node:
    """The entity of one of ``kinds`` holding ``code`` on ``when`` (on any date if None).

    Raises :class:`~graph.errors.UnknownCode` saying why nothing, or more than one entity, fits.
    """
    text = code.strip()
    if ":" in text and text in g:  # an internal id
        return _by_id(g, text, when, kinds)
    if ":" in text and scheme is None:
        prefix, _, rest = text.partition(":")
        if prefix not in _SCHEMES:
            expected = ", ".join(sorted(_SCHEMES))
            hint = f"{prefix!r} is not a scheme ({expected}) and {text!r} is no internal id"
            raise UnknownCode("any", text, when, hint)
        scheme, text = Scheme(prefix), rest.strip()
    tried = [scheme] if scheme else schemes_for(text) or schemes_for(text.upper())
    candidates = list(dict.fromkeys([text, text.upper()]))
    elsewhere: list[str] = []
    for s in tried:
        for c in candidates:
            holders = g.holders(Identifier(s, c))
            hits = {
                i
                for p, i in holders
                if g.node(i).kind in kinds and (when is None or p.contains(when))
            }
            if when is not None:
                hits = {i for i in hits if g.node(i).period.contains(when)} or hits
            if len(hits) == 1:
                return g.node(hits.pop())
            if hits:
                names = ", ".join(sorted(g.node(i).name for i in hits))
                fix = "give the scheme" if when is not None else "give a date or the scheme"
                elsewhere.append(f"held by {len(hits)} entities ({names}); {fix}")
            for p, i in holders:
                n = g.node(i)
                if when is None:
                    if n.kind not in kinds:
                        elsewhere.append(f"it names {n.name}, a {n.kind}, not a {_what(kinds)}")
                elif n.kind in kinds and not p.contains(when):
                    elsewhere.append(f"{n.name} holds it only in {p}")
                elif n.kind not in kinds and p.contains(when):
                    elsewhere.append(f"it names {n.name}, a {n.kind}, not a {_what(kinds)}")
    if scheme is None:
        prefixed = [
            f"{prefix}:{text}"
            for prefix in REGISTRY_PREFIXES
            if f"{prefix}:{text}" in g
            and g.node(f"{prefix}:{text}").kind in kinds
            and (when is None or g.node(f"{prefix}:{text}").period.contains(when))
        ]
        if len(prefixed) == 1:
            return g.node(prefixed[0])
    label = "/".join(s.value for s in tried) or "any"
    hint = "; ".join(dict.fromkeys(elsewhere)) or f"no {_what(kinds)} holds it"
    if not tried:
        hint = f"not a code of any scheme ({', '.join(s.value for s in Scheme)})"
    if not elsewhere:
        close = suggestions(g, text, when, kinds)
        if close:
            hint += f"; did you mean {' or '.join(close)}?"
    raise UnknownCode(label, text, when, hint)


def _by_id(g: TemporalGraph, text: str, when: date | None, kinds: Collection[str]) -> Node:
    node = g.node(text)
    if node.kind in kinds and (when is None or node.period.contains(when)):
        return node
    why = (
        f"{node.name} exists only in {node.period}"
        if node.kind in kinds
        else f"it names {node.name}, a {node.kind}, not a {_what(kinds)}"
    )
    raise UnknownCode("id", text, when, why)


def _what(kinds: Collection[str]) -> str:
    key = frozenset(kinds)
    return _WHAT.get(key, " or ".join(sorted(key)))
