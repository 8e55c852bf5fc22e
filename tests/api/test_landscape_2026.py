"""Today's landscape and the decided future over HTTP: the 2026 ICBs, the Surrey order, and the
basis of every dated answer, against the real server on the bundled snapshot."""

from __future__ import annotations

import csv
from typing import TYPE_CHECKING

import httpx

if TYPE_CHECKING:
    from tests.api.conftest import GraphQL

from tests.data import SHARED

ICBS = """query ($asOf: Date!) { healthBodies(asOf: $asOf) { totalCount } }"""
ESSEX = """
query ($asOf: Date!) {
  localAuthority(code: "E10000012", asOf: $asOf) {
    healthBodies { code name populationShare }
    basis { status pastEvidence layers { layer source reKeys } changes { id status } }
  }
}"""
COVERAGE = """
query ($asOf: Date!) {
  coverage(asOf: $asOf) {
    compliant uncovered { code }
    awaitingArrangement {
      code name arrangeBy status decidedBy mustArrange population
      policeForces { code populationShare }
      healthBodies { code populationShare }
      fromPartnerships { name }
    }
    basis { status pastEvidence evidenceUntil note }
  }
}"""
EAST_SURREY = """
query {
  localAuthority(code: "surrey-2027-east-surrey-council", asOf: "2027-04-01") {
    id code name valid validFrom
    identifiers { scheme code validFrom }
    provenance { source confidence status }
    basis { status layers { layer decidedChanges } }
  }
}"""


def successor_of(ods: str) -> str:
    with (SHARED / "changes" / "icb_successions_2026_ods.csv").open(encoding="utf-8-sig") as fh:
        (code,) = {r["successor_gss"] for r in csv.DictReader(fh) if r["predecessor_ods"] == ods}
    return code


def test_42_icbs_on_31_march_and_36_from_1_april_2026(gql: GraphQL) -> None:
    counts = [
        gql.data(ICBS, {"asOf": d})["healthBodies"]["totalCount"]
        for d in ("2026-03-31", "2026-04-01")
    ]
    assert counts == [42, 36]


def test_essex_today_has_one_health_partner_and_says_what_that_rests_on(gql: GraphQL) -> None:
    la = gql.data(ESSEX, {"asOf": "2026-11-23"})["localAuthority"]
    assert la["healthBodies"] == [
        {
            "code": successor_of("QH8"),
            "name": "NHS Essex Integrated Care Board",
            "populationShare": 1.0,
        }
    ]
    basis = la["basis"]
    assert (basis["status"], basis["pastEvidence"]) == ("observed", False)
    health = next(x for x in basis["layers"] if x["layer"] == "health")
    assert health == {
        "layer": "health",
        "source": "sicbl24_to_icb26.csv",
        "reKeys": "lsoa21_sicbl24_icb24_en_ons.csv",
    }
    assert basis["changes"] == [{"id": "icb-2026-04-01", "status": "observed"}]


def test_coverage_on_vesting_day_and_in_2030(gql: GraphQL) -> None:
    on = gql.data(COVERAGE, {"asOf": "2027-04-01"})["coverage"]
    assert on["compliant"] is False and on["uncovered"] == []
    waiting = {w["name"]: w for w in on["awaitingArrangement"]}
    assert set(waiting) == {"East Surrey Council", "West Surrey Council"}
    east = waiting["East Surrey Council"]
    assert (east["code"], east["arrangeBy"], east["status"], east["decidedBy"]) == (
        "surrey-2027-east-surrey-council",
        "2027-04-01",
        "decided",
        "surrey-2027",
    )
    assert east["policeForces"] == [{"code": "E23000031", "populationShare": 1.0}]
    assert east["healthBodies"] == [{"code": successor_of("QXU"), "populationShare": 1.0}]
    assert east["fromPartnerships"] == [{"name": "Surrey Safeguarding Children Partnership"}]
    assert on["basis"]["status"] == "decided" and on["basis"]["pastEvidence"] is False
    later = gql.data(COVERAGE, {"asOf": "2030-01-01"})["coverage"]["basis"]
    assert (later["status"], later["pastEvidence"], later["evidenceUntil"]) == (
        "projection",
        True,
        "2027-04-01",
    )
    assert "projection" in later["note"]


def test_east_surrey_has_a_provisional_code_and_decided_facts(gql: GraphQL) -> None:
    la = gql.data(EAST_SURREY)["localAuthority"]
    assert (la["id"], la["code"], la["valid"], la["validFrom"]) == (
        "la:surrey-2027-east-surrey-council",
        "surrey-2027-east-surrey-council",
        True,
        "2027-04-01",
    )
    assert la["identifiers"] == [
        {
            "scheme": "PROVISIONAL",
            "code": "surrey-2027-east-surrey-council",
            "validFrom": "2027-04-01",
        }
    ]
    assert {(p["source"], p["status"]) for p in la["provenance"]} == {
        ("structural_changes_decided.csv", "DECIDED")
    }
    layers = {x["layer"]: x["decidedChanges"] for x in la["basis"]["layers"]}
    assert layers["local_government"] == ["structural_changes_decided.csv (surrey-2027)"]


def test_a_stacked_proposal_over_http(gql: GraphQL) -> None:
    query = """
    query ($p: ProposalInput!) {
      impact(proposal: $p) {
        __typename
        ... on ImpactReport { beforeDate comesAfter stackedOn basis { status } after { awaitingArrangement { name } } }
        ... on ProposalProblem { operation field message }
      }
    }"""
    proposal = {
        "effective": "2027-04-01",
        "after": ["surrey-2027"],
        "operations": [
            {
                "kind": "create_partnership",
                "name": "Surrey (hypothetical)",
                "las": ["surrey-2027-east-surrey-council", "surrey-2027-west-surrey-council"],
            }
        ],
    }
    report = gql.data(query, {"p": proposal})["impact"]
    assert report == {
        "__typename": "ImpactReport",
        "beforeDate": "2027-04-01",
        "comesAfter": ["surrey-2027"],
        "stackedOn": [],
        "basis": {"status": "decided"},
        "after": {"awaitingArrangement": []},
    }
    proposal["after"] = ["surrey-2028"]
    problem = gql.data(query, {"p": proposal})["impact"]
    assert (problem["__typename"], problem["operation"], problem["field"]) == (
        "ProposalProblem",
        "proposal",
        "after[0]",
    )


def test_health_says_how_current_the_landscape_is(client: httpx.Client) -> None:
    currency = client.get("/health").json()["currency"]
    assert currency["evidence_until"] == "2027-04-01"
    assert currency["last_decided_change"]["id"] == "surrey-2027"
    assert currency["layers"]["health"]["last_observed"]["source"] == "sicbl24_to_icb26.csv"
    assert "structural_changes_decided.csv" in currency["inputs"]["change_tables"]


def test_a_sub_icb_location_is_named_as_on_the_date(gql: GraphQL) -> None:
    """06Q is named with its ICB: NHS Mid and South Essex ICB - 06Q in the 2024 lookup, NHS Essex
    ICB - 06Q in the April 2026 table (sicbl24_to_icb26.csv)."""
    names = {}
    for day in ("2024-06-01", "2026-06-01"):
        q = f'{{ entity(id: "sicbl:06Q", asOf: "{day}") {{ name }} }}'
        names[day] = gql.data(q)["entity"]["name"]
    with (SHARED / "changes" / "sicbl24_to_icb26.csv").open(encoding="utf-8-sig") as fh:
        row = next(r for r in csv.DictReader(fh) if r["sicbl24_cdh"] == "06Q")
    assert names == {"2024-06-01": row["sicbl24_nm"], "2026-06-01": row["sicbl26_nm"]}
