"""GraphQL: ``compareProposals`` (shipped and inline options side by side, refusals as a
ProposalProblem), the proposal input for the new operations and for dated steps, and the three
mistakes a new user hit: a whole-ICB merger refused with "districts: missing", ``merge_las``
refusing the ``id`` the schema documents, an impossible date answered with a traceback."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from tests.api.conftest import GraphQL
from tests.census import people_in

WS1, WS2 = "lgr-2025-west-sussex-1-unitary-county", "lgr-2025-west-sussex-2-unitaries-districts"
WEST_SUSSEX = ["E07000223", "E07000224", "E07000225", "E07000226", "E07000227", "E07000228",
               "E07000229"]  # fmt: skip

COMPARE = """query ($shipped: [String!], $proposals: [ProposalInput!]) {
  compareProposals(shipped: $shipped, proposals: $proposals) { __typename
    ... on ProposalProblem { operation field message }
    ... on Comparison {
      commonDistricts { code }
      options { name status proposer effective policeCoterminosity
        policeForces { code } healthBodies { code }
        councils { localAuthority { name code } new population children placedIn { name }
          partners { policeForces { body { code } share sliver }
                     healthBodies { body { code } share }
                     communitySafetyPartnerships { communitySafetyPartnership { code } whole }
                     policeCoterminosity } }
        boards { kind split { id } merged { id } }
        impact { status proposer sources needingArrangement { localAuthority { name } } } }
      rows { section measure values }
      csv } } }"""

IMPACT = """query ($p: ProposalInput!) { impact(proposal: $p) { __typename
  ... on ProposalProblem { operation field message }
  ... on ImpactReport { newEntities { code name kind } ceased { code }
    steps { effective name after { compliant } newEntities { name } }
    boardsToReform { board { id } status into { name } }
    needingArrangement { localAuthority { code name } sources
      partners { policeForces { body { code } } healthBodies { body { code } population } } }
    partnerships { partnership { code } gained { partner { name } } } } } }"""


def test_the_west_sussex_options_side_by_side(gql: GraphQL) -> None:
    c = gql.data(COMPARE, {"shipped": [WS1, WS2]})["compareProposals"]
    assert c["__typename"] == "Comparison"
    assert sorted(d["code"] for d in c["commonDistricts"]) == WEST_SUSSEX
    one, two = c["options"]
    assert (one["status"], one["proposer"]) == ("proposed", "West Sussex County Council")
    assert one["impact"]["sources"][0] == "lgr_proposals_2025.csv"
    (whole,) = one["councils"]
    assert (whole["population"], whole["children"]) == people_in(WEST_SUSSEX)
    assert whole["placedIn"] is None  # not placed in a partnership, and its partners shown:
    assert [s["body"]["code"] for s in whole["partners"]["policeForces"]] == ["E23000033"]
    assert [s["body"]["code"] for s in whole["partners"]["healthBodies"]] == ["E54000069"]
    assert len(whole["partners"]["communitySafetyPartnerships"]) == 7
    assert {x["localAuthority"]["name"] for x in two["councils"]} == {
        "Coastal West Sussex", "North West Sussex"
    }  # fmt: skip
    assert sum(x["population"] for x in two["councils"]) == whole["population"]
    rows = {(r["section"], r["measure"]): r["values"] for r in c["rows"]}
    assert rows[("new councils", "councils")] == ["1", "2"]
    table = list(csv.reader(io.StringIO(c["csv"])))
    assert table[0] == ["section", "measure", one["name"], two["name"]]


def test_a_shipped_option_beside_an_inline_one_with_an_id(gql: GraphQL) -> None:
    inline = {
        "name": "West Sussex as one council, placed in its partnership",
        "effective": "2028-04-01",
        "operations": [
            {"kind": "create_la", "name": "West Sussex", "id": "west-sussex-council",
             "districts": WEST_SUSSEX},
            {"kind": "move_la", "la": "west-sussex-council", "to": "west-sussex-scp"},
        ],
    }  # fmt: skip
    c = gql.data(COMPARE, {"shipped": [WS2], "proposals": [inline]})["compareProposals"]
    assert c["__typename"] == "Comparison", c
    (placed,) = c["options"][1]["councils"]
    assert placed["localAuthority"]["code"] == "west-sussex-council"
    assert placed["placedIn"]["name"] == "West Sussex Safeguarding Children Partnership"


def test_refusals_are_problems_naming_operation_and_field(gql: GraphQL) -> None:
    cases: list[tuple[dict[str, Any], tuple[str, str], str]] = [
        ({"shipped": [WS1, "atlantis"]}, ("compare", "shipped[1]"), "no shipped proposal"),
        ({"shipped": [WS1]}, ("compare", "proposals"), "give at least two"),
        ({"shipped": [WS1, "lgr-2025-norfolk-1-unitary-county"]}, ("compare", "proposals[1]"),
         "changes no district"),
        ({"shipped": [WS1], "proposals": [{"effective": "2028-04-01", "operations": [
            {"kind": "create_la", "name": "X", "districts": ["E07999999"]}]}]},
         ("#1 create_la", "districts[0]"), "unknown code"),
        ({"shipped": [WS1], "proposals": [{"effective": "2028-04-01"}]},
         ("proposals[0] proposal", "operations"), "missing"),
    ]  # fmt: skip
    for variables, (operation, field), says in cases:
        problem = gql.data(COMPARE, variables)["compareProposals"]
        assert problem["__typename"] == "ProposalProblem", problem
        assert (problem["operation"], problem["field"]) == (operation, field)
        assert says in problem["message"]


def test_a_whole_icb_merger_from_graphql(gql: GraphQL) -> None:
    """The schema marks ``districts`` optional: leaving it out means the whole body."""
    merger = {"effective": "2028-04-01", "operations": [{
        "kind": "merge_health_bodies", "name": "NHS East of England ICB",
        "bodies": [{"code": "E54000066"}, {"code": "E54000065", "districts": None}]}]}  # fmt: skip
    report = gql.data(IMPACT, {"p": merger})["impact"]
    assert report["__typename"] == "ImpactReport", report
    assert {c["code"] for c in report["ceased"]} == {"E54000065", "E54000066"}


def test_merge_las_takes_the_id_the_schema_documents(gql: GraphQL) -> None:
    merger = {"effective": "2028-04-01", "operations": [
        {"kind": "merge_las", "las": ["E06000033", "E06000034"], "name": "South Essex",
         "id": "south-essex", "sources": ["an example"]}]}  # fmt: skip
    report = gql.data(IMPACT, {"p": merger})["impact"]
    assert report["__typename"] == "ImpactReport", report
    assert report["newEntities"] == [
        {"code": "south-essex", "name": "South Essex", "kind": "UnitaryAuthority"}
    ]
    (new,) = [
        n for n in report["needingArrangement"] if n["localAuthority"]["code"] == "south-essex"
    ]
    assert new["sources"] == ["an example"]
    assert [p["body"]["code"] for p in new["partners"]["policeForces"]] == ["E23000028"]


def test_an_impossible_date_of_a_step_is_a_client_error(gql: GraphQL) -> None:
    stepped = {"steps": [
        {"effective": "2027-02-30", "operations": [
            {"kind": "merge_las", "las": ["E06000033", "E06000034"], "name": "South Essex"}]}]}  # fmt: skip
    response = gql.post(IMPACT, {"p": stepped})
    assert response.status_code < 500
    body = response.json()
    assert "INTERNAL_SERVER_ERROR" not in json.dumps(body) and "2027-02-30" in json.dumps(body)


def test_the_new_operations_and_steps_through_graphql(gql: GraphQL) -> None:
    proposal = {
        "name": "HYPOTHETICAL: steps",
        "hypothetical": True,
        "steps": [
            {"effective": "2027-05-06", "name": "shadow year", "operations": [
                {"kind": "merge_boards", "boards": ["E22000290", "E22000302"],
                 "name": "Adur and Worthing CSP"}]},
            {"effective": "2028-04-01", "name": "vesting", "operations": [
                {"kind": "create_la", "name": "West Sussex", "districts": WEST_SUSSEX},
                {"kind": "split_police_force", "force": "E23000033", "into": [
                    {"name": "West Sussex Police", "districts": WEST_SUSSEX},
                    {"name": "East Sussex Police", "districts": [
                        "E06000043", "E07000061", "E07000062", "E07000063", "E07000064",
                        "E07000065"]}]},
                {"kind": "transfer_health_area", "source": "E54000069", "to": "E54000067",
                 "subIcbLocations": ["E38000265"]},
                {"kind": "split_board", "board": "hwb:wsx", "into": [
                    {"name": "West Sussex HWB", "las": ["new-west-sussex"]},
                    {"name": "Unused part", "las": ["E06000043"]}]}]},
        ],
    }  # fmt: skip
    refused = gql.data(IMPACT, {"p": proposal})["impact"]
    assert refused["__typename"] == "ProposalProblem"
    assert (refused["operation"], refused["field"]) == ("step 2 #4 split_board", "into[1].las")
    proposal["steps"][1]["operations"][3] = {"kind": "reform_board", "board": "hwb:wsx",
                                             "las": ["new-west-sussex"]}  # fmt: skip
    report = gql.data(IMPACT, {"p": proposal})["impact"]
    assert report["__typename"] == "ImpactReport", report
    assert [(s["effective"], s["name"]) for s in report["steps"]] == [
        ("2027-05-06", "shadow year"), ("2028-04-01", "vesting")
    ]  # fmt: skip
    (ws,) = [
        n for n in report["needingArrangement"] if n["localAuthority"]["name"] == "West Sussex"
    ]
    assert [p["body"]["code"] for p in ws["partners"]["policeForces"]] == ["new-west-sussex-police"]
    assert [p["body"]["code"] for p in ws["partners"]["healthBodies"]] == ["E54000067"]
    status = {b["board"]["id"]: b["status"] for b in report["boardsToReform"]}
    assert status["hwb:wsx"] == "re-formed" and status["csp:E22000290"] == "merged"
