"""The RDF export: exact triples of a tiny landscape, text formats that parse back to the same
triples, GraphML, and the structural SHACL shapes (each rule shown to fire, and the real graph
conforming)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date

import networkx as nx
import pytest
from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import PROV, Namespace

from graph.errors import LookupFailure, SafeguardingError
from graph.export import FORMATS, export, to_graphml
from graph.rdf import (
    STATISTICAL_GEOGRAPHY,
    STRUCTURE_SHAPES,
    node_id,
    node_iri,
    serialize,
    to_rdf,
    view_to_rdf,
    violations,
)
from graph.temporal import TemporalGraph
from ontology.vocabulary import NAMESPACE

SLG = Namespace(NAMESPACE)
D = date
AAA, BBB, DDD = node_iri("la:AAA"), node_iri("la:BBB"), node_iri("la:DDD")
P_AAA, P_BBB = node_iri("partnership:aaa"), node_iri("partnership:bbb")


def day(d: date) -> Literal:
    return Literal(d, datatype=XSD.date)


def relationships(rdf: Graph, s: URIRef, p: URIRef, o: URIRef) -> list[URIRef]:
    found = [
        r
        for r in rdf.subjects(RDF.subject, s)
        if (r, RDF.predicate, p) in rdf and (r, RDF.object, o) in rdf
    ]
    assert all(isinstance(r, URIRef) for r in found)
    return found  # type: ignore[return-value]


def test_node_ids_and_iris_round_trip() -> None:
    for nid in ("la:CMA", "block:2019-04-01:E06000001:00K", "event:2023-04-01:merger:a b/c"):
        assert node_id(node_iri(nid)) == nid
    assert str(node_iri("la:CMA")) == "https://w3id.org/safeguarding-landscape/id/la/CMA"
    with pytest.raises(LookupFailure, match="not a node of the graph"):
        node_id(URIRef("http://example.org/la/CMA"))


def test_a_node_is_typed_labelled_dated_identified_and_sourced(tiny_gap: TemporalGraph) -> None:
    rdf = to_rdf(tiny_gap)
    record = rdf.value(BBB, PROV.wasDerivedFrom)
    assignments = set(rdf.objects(BBB, SLG.identifier))
    assert set(rdf.predicate_objects(BBB)) == {
        (RDF.type, SLG.County),
        (RDF.type, SLG.UpperTierAuthority),
        (RDF.type, SLG.LocalAuthority),
        (RDF.type, SLG.LandscapeEntity),
        (RDFS.label, Literal("Bbb County Council")),
        (SLG.validTo, day(D(2023, 4, 1))),
        (SLG.gssCode, Literal("E10000002")),
        (SLG.gssCode, Literal("E10000099")),
        (SLG.dfeCode, Literal("825")),
        (SLG.statisticalGeography, STATISTICAL_GEOGRAPHY.E10000002),
        (SLG.statisticalGeography, STATISTICAL_GEOGRAPHY.E10000099),
        (PROV.wasDerivedFrom, record),
        *((SLG.identifier, a) for a in assignments),
    }
    assert len(assignments) == 3
    assert {
        (rdf.value(a, SLG.gssCode), rdf.value(a, SLG.validFrom), rdf.value(a, SLG.validTo))
        for a in assignments
        if (a, SLG.gssCode, None) in rdf
    } == {
        (Literal("E10000002"), None, day(D(2021, 4, 1))),
        (Literal("E10000099"), day(D(2021, 4, 1)), None),
    }
    assert set(rdf.predicate_objects(record)) == {
        (RDF.type, SLG.SourceRecord),
        (SLG.source, Literal("la_uk_local_authorities_mysociety.csv")),
        (SLG.locator, Literal("line 2")),
        (SLG.confidence, Literal("quoted")),
        (SLG.status, Literal("observed")),
    }


def test_gss_codes_link_to_statistics_data_gov_uk_not_sameas(tiny_gap: TemporalGraph) -> None:
    rdf = to_rdf(tiny_gap)
    links = {(node_id(s), str(o)) for s, o in rdf.subject_objects(SLG.statisticalGeography)}
    base = "http://statistics.data.gov.uk/id/statistical-geography/"
    assert links == {
        ("la:AAA", base + "E06000001"),
        ("la:BBB", base + "E10000002"),
        ("la:BBB", base + "E10000099"),
        ("la:DDD", base + "E07000004"),
    }
    assert not any(str(p).endswith("#sameAs") for p in rdf.predicates())


def test_an_edge_is_a_direct_triple_and_a_qualified_relationship(tiny_gap: TemporalGraph) -> None:
    rdf = to_rdf(tiny_gap)
    assert (P_BBB, SLG.hasMember, AAA) in rdf
    [r] = relationships(rdf, P_BBB, SLG.hasMember, AAA)
    record = rdf.value(r, PROV.wasDerivedFrom)
    assert set(rdf.predicate_objects(r)) == {
        (RDF.type, SLG.Relationship),
        (RDF.subject, P_BBB),
        (RDF.predicate, SLG.hasMember),
        (RDF.object, AAA),
        (SLG.validFrom, day(D(2022, 1, 1))),
        (SLG.validTo, day(D(2022, 7, 1))),
        (PROV.wasDerivedFrom, record),
    }
    # two memberships of the same pair: one direct triple, two relationships with their own dates
    assert len(relationships(rdf, P_AAA, SLG.hasMember, AAA)) == 2
    assert len(set(rdf.subjects(RDF.type, SLG.Relationship))) == len(tiny_gap.all_edges())


def test_one_day_is_plain_triples_of_what_held_that_day(tiny_gap: TemporalGraph) -> None:
    rdf = view_to_rdf(tiny_gap, D(2022, 3, 1))
    assert {(node_id(s), node_id(o)) for s, o in rdf.subject_objects(SLG.hasMember)} == {
        ("partnership:aaa", "la:AAA"),
        ("partnership:bbb", "la:AAA"),
        ("partnership:bbb", "la:BBB"),
        ("sab:aaa", "la:AAA"),
    }
    assert set(rdf.objects(BBB, SLG.gssCode)) == {Literal("E10000099")}
    assert (BBB, RDFS.label, Literal("Bbb County Council")) in rdf
    assert not any(
        (None, p, None) in rdf for p in (SLG.validFrom, SLG.validTo, PROV.wasDerivedFrom)
    )
    assert (None, RDF.type, SLG.Relationship) not in rdf
    later = view_to_rdf(tiny_gap, D(2023, 4, 1))  # the county is gone, its partnership too
    assert (BBB, None, None) not in later
    assert (P_BBB, None, None) not in later


@pytest.mark.parametrize("fmt", ["turtle", "json-ld"])
@pytest.mark.filterwarnings(
    # rdflib's JSON-LD parser builds a ConjunctiveGraph internally (rdflib 7.x); not our code
    "ignore:ConjunctiveGraph is deprecated:DeprecationWarning"
)
def test_turtle_and_jsonld_parse_back_to_the_same_triples(
    tiny_gap: TemporalGraph, fmt: str
) -> None:
    rdf = to_rdf(tiny_gap)
    text = serialize(rdf, "turtle" if fmt == "turtle" else "json-ld")
    back = Graph().parse(data=text, format=fmt)
    assert len(back) == len(rdf)
    assert set(back) == set(rdf)


def test_turtle_uses_the_node_id_prefixes(tiny_gap: TemporalGraph) -> None:
    text = export(tiny_gap, "turtle")
    assert "@prefix la: <https://w3id.org/safeguarding-landscape/id/la/> ." in text
    assert "\npartnership:bbb a slg:LandscapeEntity, slg:SafeguardingPartnership ;" in text
    assert "slg:hasMember la:AAA, la:BBB ;" in text


def test_jsonld_has_a_compact_context(tiny_gap: TemporalGraph) -> None:
    data = json.loads(export(tiny_gap, "jsonld"))
    assert data["@context"]["slg"] == "https://w3id.org/safeguarding-landscape/def#"
    nodes = {n["@id"]: n for n in data["@graph"]}
    bbb = nodes["la:BBB"]
    assert "slg:County" in bbb["@type"]
    assert bbb["slg:validTo"] == {"@value": "2023-04-01", "@type": "xsd:date"}
    assert bbb["rdfs:label"] == "Bbb County Council"


def test_graphml_labels_every_node_and_keeps_text_as_text(tiny_gap: TemporalGraph) -> None:
    g = nx.parse_graphml(to_graphml(tiny_gap))
    assert g.number_of_nodes() == len(tiny_gap)
    assert g.number_of_edges() == len(tiny_gap.all_edges())
    assert g.nodes["la:BBB"] == {
        "kind": "County",
        "name": "Bbb County Council",
        "label": "Bbb County Council",
        "validTo": "2023-04-01",
        "identifiers": "gss:E10000002 […, 2021-04-01); gss:E10000099 [2021-04-01, …); dfe:825",
        "provenance": "la_uk_local_authorities_mysociety.csv#line 2 (quoted)",
    }
    [edge] = g.get_edge_data("partnership:bbb", "la:AAA").values()
    assert edge["relation"] == edge["label"] == "hasMember"
    assert (edge["validFrom"], edge["validTo"]) == ("2022-01-01", "2022-07-01")


def test_export_dispatches_every_format_and_refuses_others(tiny_gap: TemporalGraph) -> None:
    assert FORMATS == ("turtle", "jsonld", "graphml")
    assert export(tiny_gap, "graphml") == to_graphml(tiny_gap)
    assert export(tiny_gap, "turtle") == serialize(to_rdf(tiny_gap), "turtle")
    with pytest.raises(SafeguardingError, match="expected one of turtle, jsonld, graphml"):
        export(tiny_gap, "csv")  # type: ignore[arg-type]


# -- structural shapes -----------------------------------------------------------------------


def test_the_tiny_export_conforms(tiny_gap: TemporalGraph) -> None:
    assert violations(to_rdf(tiny_gap), STRUCTURE_SHAPES) == []


def _first(rdf: Graph, rdf_type: URIRef) -> URIRef:
    found = sorted(rdf.subjects(RDF.type, rdf_type), key=str)[0]
    assert isinstance(found, URIRef)
    return found


def _drop_label(rdf: Graph) -> None:
    rdf.remove((AAA, RDFS.label, None))


def _second_label(rdf: Graph) -> None:
    rdf.add((AAA, RDFS.label, Literal("Another name")))


def _empty_period(rdf: Graph) -> None:
    rdf.add((BBB, SLG.validFrom, day(D(2023, 4, 1))))


def _unknown_confidence(rdf: Graph) -> None:
    record = _first(rdf, SLG.SourceRecord)
    rdf.set((record, SLG.confidence, Literal("guessed")))


def _no_source(rdf: Graph) -> None:
    rdf.remove((_first(rdf, SLG.Relationship), PROV.wasDerivedFrom, None))


def _two_objects(rdf: Graph) -> None:
    rdf.add((_first(rdf, SLG.Relationship), RDF.object, DDD))


def _unknown_relation(rdf: Graph) -> None:
    rdf.set((_first(rdf, SLG.Relationship), RDF.predicate, URIRef(str(SLG) + "hasMembre")))


def _two_codes(rdf: Graph) -> None:
    assignment = rdf.value(AAA, SLG.identifier)
    assert assignment is not None
    rdf.add((assignment, SLG.odsCode, Literal("QYG")))


def _bad_gss_code(rdf: Graph) -> None:
    rdf.add((AAA, SLG.gssCode, Literal("E0600001")))


def _text_date(rdf: Graph) -> None:
    rdf.set((BBB, SLG.validTo, Literal("2023-04-01")))


@pytest.mark.parametrize(
    ("break_it", "component", "path"),
    [
        (_drop_label, "MinCountConstraintComponent", RDFS.label),
        (_second_label, "MaxCountConstraintComponent", RDFS.label),
        (_empty_period, "LessThanConstraintComponent", SLG.validFrom),
        (_unknown_confidence, "InConstraintComponent", None),
        (_no_source, "MinCountConstraintComponent", PROV.wasDerivedFrom),
        (_two_objects, "MaxCountConstraintComponent", RDF.object),
        (_unknown_relation, "InConstraintComponent", None),
        (_two_codes, "MaxCountConstraintComponent", None),
        (_bad_gss_code, "PatternConstraintComponent", None),
        (_text_date, "DatatypeConstraintComponent", None),
    ],
)
def test_each_structural_rule_fires(
    tiny_gap: TemporalGraph, break_it: Callable[[Graph], None], component: str, path: URIRef | None
) -> None:
    rdf = to_rdf(tiny_gap)
    break_it(rdf)
    found = violations(rdf, STRUCTURE_SHAPES)
    assert [v.component for v in found] == [component], [str(v) for v in found]
    if path is not None:
        assert found[0].path == path


def test_the_real_export_conforms_to_the_structural_shapes(real_rdf: Graph) -> None:
    """The bundled landscape, every node and edge (about 10 s under pyshacl)."""
    assert violations(real_rdf, STRUCTURE_SHAPES) == []


def test_the_real_export_types_every_node(real_rdf: Graph) -> None:
    from loaders.landscape import bundled

    g = bundled()
    assert len(set(real_rdf.subjects(RDF.type, SLG.LandscapeEntity))) == len(g)
    assert len(set(real_rdf.subjects(RDF.type, SLG.Relationship))) == len(g.all_edges())
    cumbria = node_iri("la:CMA")
    assert (cumbria, SLG.statisticalGeography, STATISTICAL_GEOGRAPHY.E10000006) in real_rdf


def test_graphml_of_a_fresh_build_writes(landscape: TemporalGraph) -> None:
    # a fresh build holds kinds and relations as enums (a snapshot load holds plain text): both
    # must write, with the same kinds
    g = nx.parse_graphml(to_graphml(landscape))
    assert g.number_of_nodes() == len(landscape)
    assert g.nodes["la:ESS"]["kind"] == "County"
