"""The state of one geography build, shared by its steps, and the helpers they write with.

The steps (:mod:`loaders.local_government`, :mod:`loaders.health`, :mod:`loaders.events`) read
the parsed :class:`~loaders.sources.Sources`, write nodes and edges into ``graph`` and record every
problem in ``problems``; :mod:`loaders.geography` runs them in order and raises the problems
together, so a failed build never yields a graph.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from graph.codes import Identifier, Scheme
from graph.errors import Problem
from graph.ids import NodeId, Prefix, node_id
from graph.model import ALWAYS, Confidence, Edge, IdentifierAssignment, Node, Period, Provenance
from graph.spans import spans
from graph.temporal import TemporalGraph
from loaders.changes import ChangeTables
from loaders.lookups import Lookup, LookupRow
from loaders.problems import ProblemLog
from loaders.sources import Sources
from ontology.vocabulary import Kind, Relation


def prov(file: str, line: int | str, conf: Confidence = Confidence.QUOTED) -> Provenance:
    return Provenance(file, f"line {line}" if isinstance(line, int) else line, conf)


class Builder:
    """The graph being built, the problems found so far, and the LAs by code.

    ``changes`` are the change tables (:mod:`loaders.changes`), or None for a build of the
    official files alone.
    """

    def __init__(self, sources: Sources, changes: ChangeTables | None = None) -> None:
        self.s = sources
        self.changes = changes
        self.graph = TemporalGraph()
        self.problems = ProblemLog()  # a bounded number of each kind
        self.las: dict[str, Node] = {}  # mySociety code -> node (before it is added)
        self.la_by_gss: dict[str, list[tuple[Period, NodeId]]] = defaultdict(list)

    def raise_if_problems(self) -> None:
        self.problems.raise_if_any()

    def problem(
        self, file: str, line: int | None, column: str | None, value: str | None, msg: str
    ) -> None:
        self.problems.append(Problem(file, line, column, value, msg))

    def la_at(self, gss: str, when: date) -> NodeId | None:
        """The LA node holding GSS ``gss`` on ``when``."""
        for period, nid in self.la_by_gss.get(gss, []):
            if period.contains(when):
                live = self.graph.node(nid).period
                if live.contains(when):
                    return nid
        return None

    def recode(self, code: str, then: date, when: date) -> str:
        """The GSS code on ``when`` of the LA that held ``code`` on ``then`` (``code`` itself if
        that LA held no GSS code on ``when``): a lookup of one vintage re-keyed to a later date
        follows recodes such as Barnsley's and Sheffield's of May 2025."""
        nid = self.la_at(code, then)
        if nid is None:
            return code
        held = self.graph.node(nid).code(Scheme.GSS, when)
        return held or code

    def district_at(self, lk: Lookup, row: LookupRow, when: date) -> NodeId | None:
        """The LA node of the row's district on ``when``; a problem recorded if there is none."""
        lad_id = self.la_at(row["lad"].code, when)
        if lad_id is None:
            message = f"no local authority district has this code on {when}"
            self.problem(lk.file, row.line, None, row["lad"].code, message)
        return lad_id

    # -- lookups to edges ----------------------------------------------------------------------

    def observe(
        self,
        observations: dict[tuple[NodeId, NodeId], dict[date, Provenance]],
        epochs: list[date],
        relation: Relation,
        attrs: dict[tuple[NodeId, NodeId], dict[str, Any]] | None = None,
    ) -> None:
        """Turn (source, target) -> {epoch: provenance} into edges over the periods they held."""
        for (src, dst), seen in sorted(observations.items()):
            life = self.graph.node(src).period.clip(self.graph.node(dst).period)
            if life is None:
                continue
            derived = len(seen) < len(epochs)
            prov = tuple(sorted(set(seen.values()), key=str))
            if derived:
                prov += (
                    Provenance(
                        "derived: held between the vintages that show it", "", Confidence.DERIVED
                    ),
                )
            for period in spans(epochs, set(seen), life):
                self.graph.add_edge(
                    Edge(src, dst, relation, period, prov, dict((attrs or {}).get((src, dst), {})))
                )

    def area_nodes(
        self, kind: Kind, prefix: Prefix, names: dict[str, tuple[str, Provenance]]
    ) -> None:
        for code, (name, prov) in sorted(names.items()):
            nid = node_id(prefix, code)
            if nid not in self.graph:
                self.graph.add_node(
                    Node(
                        nid,
                        kind,
                        name,
                        ALWAYS,
                        (prov,),
                        (IdentifierAssignment(Identifier(Scheme.GSS, code)),),
                    )
                )
