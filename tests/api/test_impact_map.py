"""A proposal on the map over HTTP: the report GraphQL gives, both sides, and clear refusals."""

from __future__ import annotations

from typing import TYPE_CHECKING

import httpx
import pytest

from tests.data import ROOT

if TYPE_CHECKING:
    from tests.api.conftest import GraphQL

ESSEX = ROOT / "queries" / "proposals" / "hypothetical-essex-east-west.yaml"


def test_a_shipped_proposal_answers_the_report_graphql_gives(
    client: httpx.Client, gql: GraphQL
) -> None:
    details = gql.data(
        '{ impactOfShipped(name: "hypothetical-essex-east-west") { ... on ImpactReport { details } } }'
    )
    body = client.get("/impact/hypothetical-essex-east-west.json").json()
    assert body["report"] == details["impactOfShipped"]["details"]
    before = {r["name"] for r in body["before"]["families"]["local-authorities"]}
    after = {r["name"] for r in body["after"]["families"]["local-authorities"]}
    assert after - before == {"West Essex", "East Essex"}
    assert before - after == {"Essex County Council"}
    assert body["before"]["date"] == "2027-03-31" and body["after"]["date"] == "2027-04-01"
    affected = set(body["affected"]["local-authorities"])
    assert {"la:ESS"} <= affected and len(affected) == 3


def test_a_pasted_proposal_is_read_as_a_file_is(client: httpx.Client) -> None:
    pasted = client.post("/impact.json", content=ESSEX.read_bytes()).json()
    shipped = client.get("/impact/hypothetical-essex-east-west.json").json()
    assert pasted["after"] == shipped["after"]
    assert pasted["report"]["source"] == "pasted proposal"


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        (b"operations: [", "(file)", "line 1: not valid YAML"),
        (b"- just\n- a list\n", "(file)", "expected a mapping at the top"),
        (b"", "(file)", "no proposal: post its YAML"),
        (b"\xff\xfe", "(file)", "not UTF-8 text"),
        (b"effective: 2018-04-01\noperations: []\n", "effective", "before the data begin"),
        (
            b"effective: 2027-04-01\noperations:\n  - kind: merge_everything\n",
            "kind",
            "merge_everything",
        ),
    ],
)
def test_a_bad_proposal_is_refused_with_its_operation_and_field(
    client: httpx.Client, body: bytes, field: str, message: str
) -> None:
    r = client.post("/impact.json", content=body)
    assert r.status_code == 400
    (error,) = r.json()["errors"]
    assert error["extensions"]["code"] == "INVALID_PROPOSAL"
    assert error["extensions"]["field"] == field
    assert message in error["message"]


def test_an_unknown_shipped_proposal_names_the_known_ones(client: httpx.Client) -> None:
    r = client.get("/impact/nope.json")
    assert r.status_code == 400
    assert "one of 2021-northamptonshire" in r.json()["errors"][0]["message"]


def test_a_proposal_over_the_body_limit_is_refused(client: httpx.Client) -> None:
    r = client.post("/impact.json", content=b"#" * 200_000)
    assert r.status_code == 413
