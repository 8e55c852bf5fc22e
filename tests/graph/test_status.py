"""A fact's status (observed, decided, proposed) survives the snapshot, RDF and GraphML; an old
snapshot without statuses is refused with a message saying what to do."""

from __future__ import annotations

from datetime import date

import networkx as nx
import pytest
from rdflib import Literal
from rdflib.namespace import PROV

from graph import snapshot
from graph.codes import Identifier, Scheme, valid_code
from graph.errors import LoadError
from graph.export import export
from graph.model import Confidence, IdentifierAssignment, Node, Period, Provenance, Status
from graph.rdf import SLG, STRUCTURE_SHAPES, node_iri, to_rdf, violations
from graph.temporal import TemporalGraph
from ontology.vocabulary import Kind

DECIDED = Provenance("structural_changes_decided.csv", "line 2", Confidence.QUOTED, Status.DECIDED)
CODE = "surrey-2027-east-surrey-council"


@pytest.fixture
def tiny() -> TemporalGraph:
    g = TemporalGraph()
    g.add_node(
        Node(
            f"la:{CODE}",
            Kind.UNITARY.value,
            "East Surrey Council",
            Period(date(2027, 4, 1)),
            (DECIDED,),
            (IdentifierAssignment(Identifier(Scheme.PROVISIONAL, CODE), Period(date(2027, 4, 1))),),
        )
    )
    return g


def test_the_status_survives_the_snapshot(tiny: TemporalGraph) -> None:
    back = snapshot.loads(snapshot.dumps(tiny))
    assert back.node(f"la:{CODE}").provenance == (DECIDED,)
    assert back.node(f"la:{CODE}").code(Scheme.PROVISIONAL) == CODE


def test_an_old_format_snapshot_is_refused_with_what_to_do(tiny: TemporalGraph) -> None:
    data = snapshot.to_data(tiny)
    data["format"] = 1
    data["provenance"] = [row[:3] for row in data["provenance"]]
    with pytest.raises(LoadError) as err:
        snapshot.from_data(data, "landscape.json.gz")
    assert str(err.value.problems[0]) == (
        "landscape.json.gz column format, value '1': expected format 2 (facts with a status); "
        "rebuild it with `safeguarding build`"
    )


def test_the_status_in_rdf_and_its_shape(tiny: TemporalGraph) -> None:
    rdf = to_rdf(tiny)
    record = rdf.value(node_iri(f"la:{CODE}"), PROV.wasDerivedFrom)
    assert rdf.value(record, SLG.status) == Literal("decided")
    assert rdf.value(node_iri(f"la:{CODE}"), SLG.provisionalCode) == Literal(CODE)
    assert violations(rdf, STRUCTURE_SHAPES) == []
    rdf.set((record, SLG.status, Literal("rumoured")))
    (v,) = violations(rdf, STRUCTURE_SHAPES)
    assert (v.component, str(v.value)) == ("InConstraintComponent", "rumoured")


def test_the_status_in_graphml(tiny: TemporalGraph) -> None:
    g = nx.parse_graphml(export(tiny, "graphml"))
    assert g.nodes[f"la:{CODE}"]["provenance"] == (
        "structural_changes_decided.csv#line 2 (quoted, decided)"
    )


def test_provisional_codes_have_a_form_of_their_own() -> None:
    assert valid_code(Scheme.PROVISIONAL, CODE)
    assert not valid_code(Scheme.PROVISIONAL, "surrey-scp")  # a registry id is not one
    assert not valid_code(Scheme.PROVISIONAL, "E06000901")
