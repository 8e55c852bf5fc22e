"""The graph as RDF, in the terms of ``ontology/safeguarding.ttl``, and its SHACL checks.

:func:`to_rdf` writes the whole temporal graph. Every node is typed with its class and the
ontology's superclasses of it (so SPARQL and SHACL need no reasoner), and has its label, validity
(``slg:validFrom`` / ``slg:validTo``, half-open), identifiers (as literals, and as dated
``slg:IdentifierAssignment`` resources), a ``slg:statisticalGeography`` link for each GSS code,
and ``prov:wasDerivedFrom`` its source records. Every edge is written as its direct triple and as a
``slg:Relationship`` carrying its own validity and provenance. :func:`view_to_rdf` writes one day
as plain triples. Node ``la:CMA`` becomes ``<…/id/la/CMA>``; :func:`node_id` reads it back.

>>> from datetime import date
>>> from graph.codes import Identifier, Scheme
>>> from graph.model import IdentifierAssignment, Node, Period, Provenance, Status
>>> g = TemporalGraph()
>>> g.add_node(Node("la:CMA", "County", "Cumbria County Council", Period(None, date(2023, 4, 1)),
...                 (Provenance("la.csv", "line 2"),),
...                 (IdentifierAssignment(Identifier(Scheme.GSS, "E10000006")),)))
>>> cma = node_iri("la:CMA")
>>> cma, node_id(cma)
(rdflib.term.URIRef('https://w3id.org/safeguarding-landscape/id/la/CMA'), 'la:CMA')
>>> rdf = to_rdf(g)
>>> print(rdf.value(cma, SLG.validTo), rdf.value(cma, SLG.statisticalGeography))
2023-04-01 http://statistics.data.gov.uk/id/statistical-geography/E10000006
>>> len(view_to_rdf(g, date(2024, 1, 1)))
0
>>> violations(rdf, STRUCTURE_SHAPES)
[]
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any, Literal
from urllib.parse import quote, unquote

from rdflib import RDF, RDFS, XSD, BNode, Graph, Namespace, URIRef
from rdflib import Literal as Lit
from rdflib.namespace import PROV, SH, ClosedNamespace
from rdflib.term import Node as Term

from graph import ids
from graph.codes import Scheme
from graph.errors import LookupFailure, SafeguardingError
from graph.model import IdentifierAssignment, Node, Period, Provenance, Status
from graph.temporal import TemporalGraph
from ontology.vocabulary import (
    DATA_NAMESPACE,
    NAMESPACE,
    ONTOLOGY_FILE,
    SHAPES_FILE,
    Kind,
    Relation,
)

TERMS: tuple[str, ...] = (
    *(k.value for k in Kind),
    *(r.value for r in Relation),
    *("UpperTierAuthority", "Relationship", "SourceRecord", "IdentifierAssignment"),
    *("identifier", "statisticalGeography", "validFrom", "validTo"),
    *("gssCode", "odsCode", "dfeCode", "mysocietyCode", "registryId", "provisionalCode"),
    *("population", "children", "childrenAges", "lsoaCount", "vintage", "changeKind"),
    *("reviewKind", "reviewStatus", "notified", "commissioned", "published", "theme"),
    *("role", "office"),
    *("source", "locator", "confidence", "status"),
)
"""The ontology's terms this module writes (tests check that each is declared)."""
SLG = ClosedNamespace(NAMESPACE, list(TERMS))
"""The ontology's namespace, closed over :data:`TERMS`: a typo raises."""

SLGSH = Namespace("https://w3id.org/safeguarding-landscape/shapes#")
STATISTICAL_GEOGRAPHY = Namespace("http://statistics.data.gov.uk/id/statistical-geography/")

STRUCTURE_SHAPES: tuple[URIRef, ...] = tuple(
    SLGSH[name]
    for name in (
        *("EntityShape", "RelationshipShape", "SourceRecordShape", "IdentifierAssignmentShape"),
        *("DateValue", "SourceValue", "ConfidenceValue", "StatusValue", "EndpointValue"),
        *("RelationValue", "IdentifierValue", "StatisticalGeographyValue"),
        *("GssCode", "OdsCode", "DfeCode", "MysocietyCode", "RegistryId", "ProvisionalCode"),
    )
)
"""Shapes of the temporal export (:func:`to_rdf`)."""
COVERAGE_SHAPE = SLGSH.CoverageShape
"""Shape of one day (:func:`view_to_rdf`): every upper-tier LA in exactly one partnership."""

CODE_PROPERTIES: dict[Scheme, URIRef] = {
    Scheme.GSS: SLG.gssCode,
    Scheme.ODS: SLG.odsCode,
    Scheme.DFE: SLG.dfeCode,
    Scheme.MYSOCIETY: SLG.mysocietyCode,
    Scheme.REGISTRY: SLG.registryId,
    Scheme.PROVISIONAL: SLG.provisionalCode,
}
ATTRIBUTES: dict[str, URIRef] = {
    "population": SLG.population,
    "children": SLG.children,
    "children_ages": SLG.childrenAges,
    "lsoas": SLG.lsoaCount,
    "vintage": SLG.vintage,
    "change": SLG.changeKind,
    "review_kind": SLG.reviewKind,
    "status": SLG.reviewStatus,
    "notified": SLG.notified,
    "commissioned": SLG.commissioned,
    "published": SLG.published,
    "themes": SLG.theme,
    "role": SLG.role,
    "office": SLG.office,
}
"""Node attributes written to RDF, and their properties; other attributes are not exported (a
post's ``holder``, a person's name, never is: :data:`graph.personal.PERSONAL`)."""

Triple = tuple[Term, Term, Term]
RdfFormat = Literal["turtle", "json-ld"]


def node_iri(node_id: str) -> URIRef:
    """The IRI of a node: each ``:``-separated part of its id becomes a path segment."""
    return URIRef(DATA_NAMESPACE + "/".join(quote(part, safe="") for part in ids.parts(node_id)))


def node_id(iri: Term) -> str:
    """The node id of an IRI made by :func:`node_iri`."""
    text = str(iri)
    if not text.startswith(DATA_NAMESPACE):
        raise LookupFailure(f"{text!r} is not a node of the graph: it is not in {DATA_NAMESPACE}")
    return ids.from_parts([unquote(part) for part in text[len(DATA_NAMESPACE) :].split("/")])


@lru_cache(maxsize=1)
def _ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


@lru_cache(maxsize=1)
def _shapes() -> Graph:
    return Graph().parse(SHAPES_FILE, format="turtle")


@lru_cache(maxsize=64)
def classes(kind_name: str) -> tuple[URIRef, ...]:
    """The class of a kind and its superclasses in the ontology's namespace, as the export types.

    >>> [c.fragment for c in classes("County")]
    ['County', 'LandscapeEntity', 'LocalAuthority', 'UpperTierAuthority']
    """
    start = SLG[kind_name]
    found = _ontology().transitive_objects(start, RDFS.subClassOf)
    ours = {c for c in found if isinstance(c, URIRef) and c.startswith(NAMESPACE)}
    return (start, *sorted(ours - {start}))


def _digest(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


# hot-loop terms, looked up once (namespace attribute access is slow at 100k triples)
_TYPE, _LABEL, _DERIVED = RDF.type, RDFS.label, PROV.wasDerivedFrom
_FROM, _TO, _IDENTIFIER, _GEOGRAPHY = (
    SLG.validFrom,
    SLG.validTo,
    SLG.identifier,
    SLG.statisticalGeography,
)


@lru_cache(maxsize=4096)
def _date(day: date) -> Lit:
    return Lit(day, datatype=XSD.date)


def _validity(subject: URIRef, period: Period) -> Iterator[Triple]:
    if period.start is not None:
        yield subject, _FROM, _date(period.start)
    if period.end is not None:
        yield subject, _TO, _date(period.end)


def _literals(value: Any) -> Iterator[Lit]:
    if isinstance(value, list | tuple | set | frozenset):
        for v in value:
            yield from _literals(v)
    elif isinstance(value, str | int | float | bool):
        yield Lit(value)


def _description(node: Node, subject: URIRef, when: date | None) -> Iterator[Triple]:
    """Types, label, codes (those held on ``when``; all, if None) and attributes of a node."""
    for cls in classes(node.kind):
        yield subject, _TYPE, cls
    yield subject, _LABEL, Lit(node.name)
    for a in node.identifiers:
        if when is None or a.period.contains(when):
            code = a.identifier.code
            yield subject, CODE_PROPERTIES[a.identifier.scheme], Lit(code)
            if a.identifier.scheme is Scheme.GSS:
                yield subject, _GEOGRAPHY, STATISTICAL_GEOGRAPHY[code]
    for name, value in node.attrs.items():
        if name in ATTRIBUTES:
            for literal in _literals(value):
                yield subject, ATTRIBUTES[name], literal


def _assignment(subject: URIRef, a: IdentifierAssignment) -> Iterator[Triple]:
    held = f"{subject}#{a.identifier.scheme.value}-{quote(a.identifier.code, safe='')}"
    iri = URIRef(held + (f"-{a.period.start}" if a.period.start else ""))
    yield subject, _IDENTIFIER, iri
    yield iri, _TYPE, SLG.IdentifierAssignment
    yield iri, CODE_PROPERTIES[a.identifier.scheme], Lit(a.identifier.code)
    yield from _validity(iri, a.period)


class _Sources:
    """Source records, one resource per distinct :class:`Provenance`, written once each."""

    def __init__(self) -> None:
        self._iris: dict[Provenance, URIRef] = {}

    def derive(self, subject: URIRef, provenance: Iterable[Provenance]) -> Iterator[Triple]:
        for p in provenance:
            record = self._iris.get(p)
            if record is None:
                # an observed record keeps the IRI it had before facts carried a status
                key: tuple[object, ...] = (p.source, p.locator, p.confidence)
                key += () if p.status is Status.OBSERVED else (p.status,)
                record = URIRef(f"{DATA_NAMESPACE}source/record-{_digest(*key)}")
                self._iris[p] = record
                yield record, _TYPE, SLG.SourceRecord
                yield record, SLG.source, Lit(p.source)
                if p.locator:
                    yield record, SLG.locator, Lit(p.locator)
                yield record, SLG.confidence, Lit(p.confidence.value)
                yield record, SLG.status, Lit(p.status.value)
            yield subject, _DERIVED, record


def prefixes(g: TemporalGraph) -> dict[str, str]:
    """Prefix -> namespace for the export: the vocabularies, and one per kind of node id.

    >>> prefixes(TemporalGraph())["slg"]
    'https://w3id.org/safeguarding-landscape/def#'
    """
    found = {
        "rdf": str(RDF),
        "rdfs": str(RDFS),
        "xsd": str(XSD),
        "prov": str(PROV),
        "slg": NAMESPACE,
        "statgeo": str(STATISTICAL_GEOGRAPHY),
        "rel": f"{DATA_NAMESPACE}relationship/",
        "src": f"{DATA_NAMESPACE}source/",
    }
    for node in g.all_nodes():
        prefix = ids.prefix_of(node.id).value
        if prefix not in found and _PREFIX.match(prefix):
            found[prefix] = f"{DATA_NAMESPACE}{prefix}/"
    return found


def temporal_triples(g: TemporalGraph) -> list[Triple]:
    """The triples of :func:`to_rdf`, without building an rdflib graph (for a fast export)."""
    iris = {node.id: node_iri(node.id) for node in g.all_nodes()}
    out: list[Triple] = []
    sources = _Sources()
    for node in g.all_nodes():
        subject = iris[node.id]
        out.extend(_description(node, subject, None))
        out.extend(_validity(subject, node.period))
        out.extend(sources.derive(subject, node.provenance))
        for a in node.identifiers:
            out.extend(_assignment(subject, a))
    made: set[str] = set()
    rdf_subject, rdf_predicate, rdf_object, relationship = (
        RDF.subject,
        RDF.predicate,
        RDF.object,
        SLG.Relationship,
    )
    relations = {r.value: SLG[r.value] for r in Relation}
    for edge in g.all_edges():
        s, p, o = iris[edge.source], relations[edge.relation], iris[edge.target]
        out.append((s, p, o))
        base = f"{edge.relation}-{_digest(edge.source, edge.relation, edge.target, edge.period)}"
        key, n = base, 1
        while key in made:  # the same edge twice (other provenance): number the repeats
            n += 1
            key = f"{base}-{n}"
        made.add(key)
        r = URIRef(f"{DATA_NAMESPACE}relationship/{key}")
        out += [(r, _TYPE, relationship), (r, rdf_subject, s)]
        out += [(r, rdf_predicate, p), (r, rdf_object, o)]
        out.extend(_validity(r, edge.period))
        out.extend(sources.derive(r, edge.provenance))
    return out


def _graph(triples: Iterable[Triple], bound: dict[str, str]) -> Graph:
    rdf = Graph(bind_namespaces="none")
    for prefix, namespace in bound.items():
        rdf.bind(prefix, namespace)
    rdf.addN((s, p, o, rdf) for s, p, o in triples)
    return rdf


def to_rdf(g: TemporalGraph) -> Graph:
    """The whole temporal graph: nodes, identifiers, edges as direct triples and relationships."""
    return _graph(temporal_triples(g), prefixes(g))


def view_to_rdf(g: TemporalGraph, when: date) -> Graph:
    """The graph as it stood on ``when``, as plain triples: no validity, no provenance."""
    view = g.at(when)
    out: list[Triple] = []
    for nid in view.node_ids:
        out.extend(_description(view.node(nid), node_iri(nid), when))
    for rel, edges in view.edges_by_relation().items():
        p = SLG[rel]
        out.extend((node_iri(e.source), p, node_iri(e.target)) for e in edges)
    return _graph(out, prefixes(g))


# -- writing text ----------------------------------------------------------------------------
# rdflib's own Turtle and JSON-LD serializers take 5 to 10 s on the real graph (most of it in
# prefix computation); these writers take about a second and produce the same triples.

_PREFIX = re.compile(r"[A-Za-z][A-Za-z0-9_-]*\Z")
_LOCAL = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*\Z")  # safe as Turtle PN_LOCAL and in JSON-LD


class _Names:
    """Short forms of terms under a prefix map (``prefix:local`` where safe), memoised."""

    def __init__(self, bound: dict[str, str]) -> None:
        self._prefix_of = {ns: prefix for prefix, ns in bound.items()}
        self._turtle: dict[Term, str] = {}
        self._iri: dict[Term, str] = {}

    def _compact(self, iri: str) -> str | None:
        cut = max(iri.rfind("#"), iri.rfind("/")) + 1
        prefix = self._prefix_of.get(iri[:cut])
        if prefix is None or not _LOCAL.match(iri[cut:]):
            return None
        return f"{prefix}:{iri[cut:]}"

    def turtle(self, term: Term) -> str:
        text = self._turtle.get(term)
        if text is None:
            if isinstance(term, URIRef):
                text = self._compact(str(term)) or term.n3()
            elif isinstance(term, Lit) and term.datatype is not None:
                text = f"{Lit(str(term)).n3()}^^{self.turtle(term.datatype)}"
            else:
                text = term.n3()
            self._turtle[term] = text
        return text

    def iri(self, term: Term) -> str:
        """An IRI or blank node as a JSON-LD ``@id``, ``@type`` or key."""
        text = self._iri.get(term)
        if text is None:
            text = f"_:{term}" if isinstance(term, BNode) else self._compact(str(term)) or str(term)
            self._iri[term] = text
        return text

    def value(self, term: Term) -> Any:
        """A JSON-LD value object (a plain string for a plain literal)."""
        if not isinstance(term, Lit):
            return {"@id": self.iri(term)}
        if term.language:
            return {"@value": str(term), "@language": term.language}
        if term.datatype is not None:
            return {"@value": str(term), "@type": self.iri(term.datatype)}
        return str(term)


def _by_subject(triples: Iterable[Triple]) -> list[tuple[Term, dict[Term, dict[Term, None]]]]:
    """Subject -> predicate -> objects (an ordered set: a graph holds a triple once)."""
    grouped: dict[Term, dict[Term, dict[Term, None]]] = {}
    for s, p, o in triples:
        grouped.setdefault(s, {}).setdefault(p, {})[o] = None
    return sorted(grouped.items(), key=lambda item: str(item[0]))


def _turtle(triples: Iterable[Triple], bound: dict[str, str]) -> str:
    names = _Names(bound)
    lines = [f"@prefix {prefix}: <{ns}> ." for prefix, ns in sorted(bound.items())]
    for subject, properties in _by_subject(triples):
        parts = []
        for p in sorted(properties, key=lambda p: (p != _TYPE, str(p))):
            verb = "a" if p == _TYPE else names.turtle(p)
            objects = sorted(names.turtle(o) for o in properties[p])
            parts.append(f"{verb} {', '.join(objects)}")
        lines.append(f"\n{names.turtle(subject)} " + " ;\n    ".join(parts) + " .")
    return "\n".join(lines) + "\n"


def _jsonld(triples: Iterable[Triple], bound: dict[str, str]) -> str:
    names = _Names(bound)
    nodes = []
    for subject, properties in _by_subject(triples):
        node: dict[str, Any] = {"@id": names.iri(subject)}
        for p in sorted(properties, key=str):
            if p == _TYPE and all(isinstance(o, URIRef) for o in properties[p]):
                node["@type"] = sorted(names.iri(o) for o in properties[p])
            else:
                values = [names.value(o) for o in properties[p]]
                node[names.iri(p)] = values[0] if len(values) == 1 else values
        nodes.append(json.dumps(node, ensure_ascii=False))  # one node a line
    context = json.dumps(dict(sorted(bound.items())), indent=2)
    return f'{{"@context": {context},\n"@graph": [\n' + ",\n".join(nodes) + "\n]}\n"


def serialize(rdf: Graph, fmt: RdfFormat) -> str:
    """Turtle, or JSON-LD compacted with the graph's prefixes as its ``@context``."""
    bound = {prefix: str(ns) for prefix, ns in rdf.namespaces() if _PREFIX.match(prefix)}
    return write(rdf, bound, fmt)


def write(
    triples: Iterable[Triple], bound: dict[str, str], fmt: Literal["turtle", "json-ld"]
) -> str:
    """Triples as Turtle or JSON-LD text, with the prefixes ``bound``."""
    if fmt == "turtle":
        return _turtle(triples, bound)
    if fmt == "json-ld":
        return _jsonld(triples, bound)
    raise SafeguardingError(f"RDF format {fmt!r}: expected 'turtle' or 'json-ld'")


@dataclass(frozen=True)
class Violation:
    """One SHACL validation result: the focus node, the shape and constraint it failed, and why."""

    focus: Term
    shape: Term
    component: str
    path: Term | None
    value: Term | None
    message: str

    def __str__(self) -> str:
        return f"{self.focus}: {self.component} ({self.path}): {self.message}"


def _with_parts(shapes: Sequence[URIRef]) -> list[str | URIRef]:
    """The shapes and every named shape they use, directly or through blank nodes.

    pyshacl's ``use_shapes`` follows only blank-node parts of a shape: a named property shape
    (``sh:property slgsh:ValidFrom``) must be listed too, or it is silently skipped.
    """
    graph = _shapes()
    found: list[str | URIRef] = list(shapes)
    todo: list[Term] = list(shapes)
    seen: set[Term] = set(shapes)
    while todo:
        shape = todo.pop()
        parts = [o for p in _SHAPE_REFERENCES for o in graph.objects(shape, p)]
        for p in _SHAPE_LISTS:
            parts += [i for items in graph.objects(shape, p) for i in graph.items(items)]
        for part in parts:
            if part not in seen:
                seen.add(part)
                todo.append(part)
                if isinstance(part, URIRef):
                    found.append(part)
    return found


_SHAPE_REFERENCES = (SH.property, SH.node, SH.qualifiedValueShape, SH["not"])
_SHAPE_LISTS = (SH["and"], SH["or"], SH.xone)


def violations(rdf: Graph, shapes: Sequence[URIRef]) -> list[Violation]:
    """Check ``rdf`` against the named shapes of ``ontology/shapes.ttl``; [] when it conforms."""
    import pyshacl  # deferred: slow to import, and only needed here

    _, report, _ = pyshacl.validate(
        rdf, shacl_graph=_shapes(), use_shapes=_with_parts(shapes), allow_warnings=False
    )
    found = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        component = report.value(result, SH.sourceConstraintComponent)
        found.append(
            Violation(
                focus=report.value(result, SH.focusNode),
                shape=report.value(result, SH.sourceShape),
                component=str(component).removeprefix(str(SH)),
                path=report.value(result, SH.resultPath),
                value=report.value(result, SH.value),
                message=str(report.value(result, SH.resultMessage, default="")),
            )
        )
    return sorted(found, key=str)
