"""The ontology file is the single source of the vocabulary, and the shapes agree with it."""

from __future__ import annotations

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import PROV, SH, TIME, Namespace

from graph import codes
from graph.codes import Scheme
from graph.model import Confidence
from graph.rdf import COVERAGE_SHAPE, SLGSH, STRUCTURE_SHAPES, TERMS
from ontology.vocabulary import (
    BOARDS,
    HEALTH_BODIES,
    NAMESPACE,
    ONTOLOGY_FILE,
    SHAPES_FILE,
    UPPER_TIER,
    Kind,
    Relation,
)

ORG = Namespace("http://www.w3.org/ns/org#")
SLG = Namespace(NAMESPACE)

ABSTRACT = {
    "LandscapeEntity",
    "LocalAuthority",
    "UpperTierAuthority",
    "HealthBody",
    "Board",
    "Area",
}
"""Superclasses of the node kinds: no node has one of these as its kind."""
AUXILIARY = {"Relationship", "SourceRecord", "IdentifierAssignment"}
"""Classes of the export's own resources (edges as nodes, provenance, dated identifiers)."""


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES_FILE, format="turtle")


def ours(g: Graph, rdf_type: URIRef) -> set[str]:
    """Local names of the terms of our namespace declared with ``rdf_type``."""
    return {
        str(s).removeprefix(NAMESPACE)
        for s in g.subjects(RDF.type, rdf_type)
        if str(s).startswith(NAMESPACE)
    }


def subclasses(g: Graph, cls: str) -> set[str]:
    """Concrete kinds below ``cls`` (transitively)."""
    below = {
        str(c).removeprefix(NAMESPACE) for c in g.transitive_subjects(RDFS.subClassOf, SLG[cls])
    }
    return below & {k.value for k in Kind}


def test_the_node_kinds_are_exactly_the_concrete_classes(onto: Graph) -> None:
    classes = ours(onto, OWL.Class)
    assert classes - ABSTRACT - AUXILIARY == {k.value for k in Kind}
    assert classes >= ABSTRACT | AUXILIARY


def test_the_relations_are_exactly_the_object_properties(onto: Graph) -> None:
    assert ours(onto, OWL.ObjectProperty) == {r.value for r in Relation}


def test_every_term_has_a_label_and_a_comment(onto: Graph) -> None:
    for rdf_type in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, RDF.Property):
        for name in ours(onto, rdf_type):
            assert onto.value(SLG[name], RDFS.label) is not None, name
            assert onto.value(SLG[name], RDFS.comment) is not None, name


def test_every_term_the_exporter_writes_is_declared(onto: Graph) -> None:
    declared = set().union(
        *(
            ours(onto, t)
            for t in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, RDF.Property)
        )
    )
    assert set(TERMS) - declared == set()


def test_the_class_hierarchy_matches_the_vocabulary_groups(onto: Graph) -> None:
    assert subclasses(onto, "UpperTierAuthority") == {k.value for k in UPPER_TIER}
    assert subclasses(onto, "LocalAuthority") == {k.value for k in UPPER_TIER} | {
        Kind.DISTRICT.value
    }
    assert subclasses(onto, "HealthBody") == {k.value for k in HEALTH_BODIES}
    assert subclasses(onto, "Board") == {k.value for k in BOARDS}
    assert subclasses(onto, "LandscapeEntity") == {k.value for k in Kind}


@pytest.mark.parametrize(
    ("term", "relation", "reused"),
    [
        ("LocalAuthority", RDFS.subClassOf, ORG.FormalOrganization),
        ("HealthBody", RDFS.subClassOf, ORG.FormalOrganization),
        ("SafeguardingPartnership", RDFS.subClassOf, ORG.Organization),
        ("Board", RDFS.subClassOf, ORG.Organization),
        ("Post", RDFS.subClassOf, ORG.Post),
        ("ChangeEvent", RDFS.subClassOf, ORG.ChangeEvent),
        ("SourceRecord", RDFS.subClassOf, PROV.Entity),
        ("hasMember", RDFS.subPropertyOf, ORG.hasMember),
        ("postIn", RDFS.subPropertyOf, ORG.postIn),
        ("originalOrganization", RDFS.subPropertyOf, ORG.originalOrganization),
        ("resultingOrganization", RDFS.subPropertyOf, ORG.resultingOrganization),
        ("validFrom", RDFS.seeAlso, TIME.hasBeginning),
        ("validTo", RDFS.seeAlso, TIME.hasEnd),
    ],
)
def test_w3c_vocabularies_are_reused(
    onto: Graph, term: str, relation: URIRef, reused: URIRef
) -> None:
    assert (SLG[term], relation, reused) in onto


def test_a_gss_code_links_to_its_area_without_sameas(onto: Graph) -> None:
    assert (SLG.statisticalGeography, RDF.type, RDF.Property) in onto
    assert OWL.sameAs not in set(onto.objects(SLG.statisticalGeography, None))


def test_the_shapes_parse_and_every_named_node_shape_is_in_one_group(shapes: Graph) -> None:
    named = {s for s in shapes.subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef)}
    assert named == {*STRUCTURE_SHAPES, COVERAGE_SHAPE}


def test_the_coverage_shape_asks_for_exactly_one_partnership(shapes: Graph) -> None:
    prop = shapes.value(COVERAGE_SHAPE, SH.property)
    path = shapes.value(prop, SH.path)
    assert shapes.value(path, SH.inversePath) == SLG.hasMember
    assert shapes.value(shapes.value(prop, SH.qualifiedValueShape), SH["class"]) == (
        SLG.SafeguardingPartnership
    )
    assert shapes.value(prop, SH.qualifiedMinCount) == Literal(1)
    assert shapes.value(prop, SH.qualifiedMaxCount) == Literal(1)


def test_the_shapes_name_the_closed_vocabulary(shapes: Graph) -> None:
    relations = shapes.value(SLGSH.RelationValue, SH["in"])
    confidences = shapes.value(SLGSH.ConfidenceValue, SH["in"])
    assert relations is not None and confidences is not None
    assert {str(r).removeprefix(NAMESPACE) for r in shapes.items(relations)} == {
        r.value for r in Relation
    }
    assert {str(c) for c in shapes.items(confidences)} == {c.value for c in Confidence}


@pytest.mark.parametrize("scheme", list(Scheme))
def test_the_code_patterns_are_those_of_the_model(shapes: Graph, scheme: Scheme) -> None:
    shape = {
        Scheme.GSS: SLGSH.GssCode,
        Scheme.ODS: SLGSH.OdsCode,
        Scheme.DFE: SLGSH.DfeCode,
        Scheme.MYSOCIETY: SLGSH.MysocietyCode,
        Scheme.REGISTRY: SLGSH.RegistryId,
        Scheme.PROVISIONAL: SLGSH.ProvisionalCode,
    }[scheme]
    assert str(shapes.value(shape, SH.pattern)) == codes._CODE_PATTERNS[scheme].pattern
