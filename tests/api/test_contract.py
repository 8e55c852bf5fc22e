"""The stable contract of the API, asserted with real answers over HTTP against the real server.

Answers are checked against the official files in ../shared/data and the registry's YAML where
one can be derived from them (Essex's ICB shares, the Metropolitan Police's boroughs, the number of
partnerships on a day): see tests/reference.py.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import httpx

from loaders.landscape import bundled
from tests import reference

if TYPE_CHECKING:
    from tests.api.conftest import GraphQL

COVERAGE = """
query ($asOf: Date!) {
  coverage(asOf: $asOf) {
    compliant localAuthorityCount partnershipCount
    uncovered { code name } multiplyCovered { code name }
  }
}"""

LOCAL_AUTHORITY = """
query ($code: String!, $asOf: Date!) {
  localAuthority(code: $code, asOf: $asOf) {
    code name
    partnership { name localAuthorities { code } }
    policeForces { code name populationShare }
    healthBodies { code name populationShare }
  }
}"""

POLICE_FORCE = """
query ($code: String!, $asOf: Date!) {
  policeForce(code: $code, asOf: $asOf) { code name partnerships { name } }
}"""


def test_coverage_2024_is_compliant_with_153_las(gql: GraphQL) -> None:
    coverage = gql.data(COVERAGE, {"asOf": "2024-06-01"})["coverage"]
    assert coverage["compliant"] is True
    assert coverage["localAuthorityCount"] == 153
    assert coverage["uncovered"] == [] and coverage["multiplyCovered"] == []
    # the partnerships with a member that day, counted in registry/childrens_partnerships.yaml
    assert coverage["partnershipCount"] == len(reference.partnerships_on(date(2024, 6, 1))) == 137


def test_essex_2024_has_three_icbs_whose_shares_sum_to_one_and_match_the_files(
    gql: GraphQL,
) -> None:
    la = gql.data(LOCAL_AUTHORITY, {"code": "E10000012", "asOf": "2024-06-01"})["localAuthority"]
    assert (la["code"], la["name"]) == ("E10000012", "Essex County Council")
    shares = {b["code"]: b["populationShare"] for b in la["healthBodies"]}
    assert len(shares) == 3 and all(code.startswith("E54") for code in shares)
    assert abs(sum(shares.values()) - 1) < 1e-9
    expected = reference.icb_shares("E10000012")
    assert shares.keys() == expected.keys()
    for code, share in expected.items():
        assert abs(shares[code] - share) < 1e-9, code
    assert [(p["code"], p["name"], p["populationShare"]) for p in la["policeForces"]] == [
        ("E23000028", "Essex", 1.0)
    ]


def test_health_bodies_are_ccgs_before_july_2022(gql: GraphQL) -> None:
    before = gql.data(LOCAL_AUTHORITY, {"code": "E10000012", "asOf": "2022-06-30"})[
        "localAuthority"
    ]
    after = gql.data(LOCAL_AUTHORITY, {"code": "E10000012", "asOf": "2022-07-01"})["localAuthority"]
    assert before["healthBodies"] and all(b["name"].endswith("CCG") for b in before["healthBodies"])
    assert all(b["code"].startswith("E38") for b in before["healthBodies"])
    assert all(b["code"].startswith("E54") for b in after["healthBodies"])
    assert abs(sum(b["populationShare"] for b in before["healthBodies"]) - 1) < 1e-9


def test_cumberland_shared_cumbrias_partnership_in_2023_and_has_its_own_in_2025(
    gql: GraphQL,
) -> None:
    joint = gql.data(LOCAL_AUTHORITY, {"code": "E06000063", "asOf": "2023-06-01"})["localAuthority"]
    own = gql.data(LOCAL_AUTHORITY, {"code": "E06000063", "asOf": "2025-06-01"})["localAuthority"]
    assert joint["name"] == "Cumberland Council"
    assert {la["code"] for la in joint["partnership"]["localAuthorities"]} == {
        "E06000063",
        "E06000064",
    }
    assert [la["code"] for la in own["partnership"]["localAuthorities"]] == ["E06000063"]


def test_metropolitan_police_works_with_the_partnerships_of_its_32_boroughs(gql: GraphQL) -> None:
    boroughs = reference.met_boroughs()
    assert len(boroughs) == 32
    force = gql.data(POLICE_FORCE, {"code": "E23000001", "asOf": "2024-06-01"})["policeForce"]
    assert (force["code"], force["name"]) == ("E23000001", "Metropolitan Police")
    covering = {
        gql.data(LOCAL_AUTHORITY, {"code": code, "asOf": "2024-06-01"})["localAuthority"][
            "partnership"
        ]["name"]
        for code in sorted(boroughs)
    }
    names = [p["name"] for p in force["partnerships"]]
    assert len(names) == len(set(names))
    assert set(names) == covering


def test_barnsley_is_the_same_la_by_its_old_and_new_gss_codes(gql: GraphQL) -> None:
    query = """
    query {
      new: localAuthority(code: "E08000038", asOf: "2025-06-01") { id code name }
      old: localAuthority(code: "E08000016", asOf: "2024-06-01") { id code name }
      dfe: localAuthority(code: "370", asOf: "2025-06-01") { id code }
      mysociety: localAuthority(code: "BNS", asOf: "2024-06-01") { id code }
    }"""
    data = gql.data(query)
    assert data["new"]["id"] == data["old"]["id"] == data["dfe"]["id"] == data["mysociety"]["id"]
    assert (data["new"]["code"], data["old"]["code"]) == ("E08000038", "E08000016")
    assert data["dfe"]["code"] == "E08000038" and data["mysociety"]["code"] == "E08000016"
    assert data["new"]["name"] == "Barnsley Metropolitan Borough Council"


def test_identifiers_in_every_scheme_with_validity(gql: GraphQL) -> None:
    query = """{ localAuthority(code: "E08000038", asOf: "2025-06-01") {
        identifiers { scheme code validFrom validTo } provenance { source locator confidence } } }"""
    la = gql.data(query)["localAuthority"]
    ids = {(i["scheme"], i["code"]): (i["validFrom"], i["validTo"]) for i in la["identifiers"]}
    assert ids[("GSS", "E08000016")] == (None, "2025-05-01")
    assert ids[("GSS", "E08000038")] == ("2025-05-01", None)
    assert ("DFE", "370") in ids and ("MYSOCIETY", "BNS") in ids
    assert la["provenance"][0]["source"] == "la_uk_local_authorities_mysociety.csv"


def test_lists_are_pages_of_at_most_the_page_size(gql: GraphQL) -> None:
    query = """query ($after: String) {
      localAuthorities(asOf: "2024-06-01", first: 100, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } nodes { code } } }"""
    first = gql.data(query)["localAuthorities"]
    second = gql.data(query, {"after": first["pageInfo"]["endCursor"]})["localAuthorities"]
    assert first["totalCount"] == 153 and len(first["nodes"]) == 100
    assert first["pageInfo"]["hasNextPage"] and not second["pageInfo"]["hasNextPage"]
    codes = [n["code"] for n in first["nodes"] + second["nodes"]]
    assert len(codes) == len(set(codes)) == 153


def test_filters_on_local_authorities(gql: GraphQL) -> None:
    query = """{
      essexForce: localAuthorities(asOf: "2024-06-01", policeForce: "E23000028") { nodes { code } }
      london: localAuthorities(asOf: "2024-06-01", region: "E12000007") { totalCount }
      counties: localAuthorities(asOf: "2024-06-01", type: [COUNTY]) { totalCount }
    }"""
    data = gql.data(query)
    essex = {n["code"] for n in data["essexForce"]["nodes"]}
    assert essex == {"E10000012", "E06000033", "E06000034"}  # Essex, Southend, Thurrock
    assert data["london"]["totalCount"] == 33  # 32 boroughs and the City
    assert data["counties"]["totalCount"] == 21


def test_relations_navigate_both_ways(gql: GraphQL) -> None:
    query = """{
      icb(code: "QH8", asOf: "2024-06-01") {
        code subIcbLocations { code icb { code } }
        localAuthorities { code populationShare }
      }
      district: search(name: "Basildon", asOf: "2024-06-01", kinds: [DISTRICT]) {
        nodes { name ... on District { county { code } policeForce { code } } }
      }
    }"""
    data = gql.data(query)
    icb = data["icb"]
    assert icb["code"] == "E54000026"
    assert {s["icb"]["code"] for s in icb["subIcbLocations"]} == {"E54000026"}
    assert {la["code"] for la in icb["localAuthorities"]} == {"E10000012", "E06000033", "E06000034"}
    basildon = data["district"]["nodes"]
    assert basildon == [
        {
            "name": "Basildon Borough Council",
            "county": {"code": "E10000012"},
            "policeForce": {"code": "E23000028"},
        }
    ]


def test_health_reports_the_landscape(client: httpx.Client) -> None:
    health = client.get("/health").json()
    served = bundled()
    assert (health["status"], health["store"]) == ("ok", "memory")
    assert (health["nodes"], health["edges"]) == (len(served), len(served.all_edges()))
    assert health["data_start"] == "2019-04-01"
    assert health["last_change"] == served.change_dates[-1].isoformat()
    assert health["sources"] == [{"file": f, "vintage": v} for f, v in served.meta["sources"]]


def test_graphiql_in_a_browser(client: httpx.Client) -> None:
    page = client.get("/graphql", headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert "graphiql" in page.text.lower()


def test_diff_across_the_2023_reorganisation(gql: GraphQL) -> None:
    query = """{ diff(from: "2023-03-31", to: "2023-04-01") {
        entitiesAdded { code kind } entitiesRemoved { code kind } } }"""
    diff = gql.data(query)["diff"]
    added = {e["code"] for e in diff["entitiesAdded"]}
    removed = {e["code"] for e in diff["entitiesRemoved"]}
    assert {"E06000063", "E06000064", "E06000065", "E06000066"} <= added
    assert {"E10000006", "E10000023", "E10000027"} <= removed
    assert all(e["kind"] != "POPULATION_BLOCK" for e in diff["entitiesAdded"])


def test_history_by_an_old_code(gql: GraphQL) -> None:
    query = """{ history(code: "E08000016") { entity { name }
        events { date change }
        relations { relation direction other { code } } } }"""
    history = gql.data(query)["history"]
    assert history["entity"]["name"] == "Barnsley Metropolitan Borough Council"
    assert history["events"] == [{"date": "2025-05-01", "change": "recode"}]
    assert {
        "relation": "inPoliceForceArea",
        "direction": "OUTGOING",
        "other": {"code": "E23000011"},
    } in history["relations"]


def test_overlap_city_and_hackney_spans_two_forces_by_population(gql: GraphQL) -> None:
    query = """{ overlap(asOf: "2024-06-01") { multiForcePartnerships {
        partnership { localAuthorities { code } } policeForces { code populationShare sliver } } } }"""
    [multi] = gql.data(query)["overlap"]["multiForcePartnerships"]
    las = {la["code"] for la in multi["partnership"]["localAuthorities"]}
    assert las == {"E09000001", "E09000012"}  # City of London, Hackney
    shares = {p["code"]: p["populationShare"] for p in multi["policeForces"]}
    city, hackney = reference.population({"E09000001"}), reference.population({"E09000012"})
    assert abs(shares["E23000034"] - city / (city + hackney)) < 1e-9  # City of London Police
    assert abs(shares["E23000001"] - hackney / (city + hackney)) < 1e-9


def test_impact_of_an_inline_police_merger(gql: GraphQL) -> None:
    query = """query ($p: ProposalInput!) { impact(proposal: $p) { __typename
        ... on ImpactReport { before { compliant } after { compliant }
            newEntities { kind code name } ceased { code }
            bodies { body { code } partnershipsBefore partnershipsAfter } } } }"""
    merger = {
        "name": "Essex and Bedfordshire Police",
        "effective": "2027-04-01",
        "operations": [
            {
                "kind": "merge_police_forces",
                "forces": ["E23000028", "E23000026"],
                "name": "Essex and Bedfordshire Police",
                "code": "E23000099",
            }
        ],
    }
    report = gql.data(query, {"p": merger})["impact"]
    assert report["__typename"] == "ImpactReport"
    assert report["before"]["compliant"] and report["after"]["compliant"]
    assert report["newEntities"] == [
        {"kind": "PoliceForceArea", "code": "E23000099", "name": "Essex and Bedfordshire Police"}
    ]
    assert {c["code"] for c in report["ceased"]} == {"E23000026", "E23000028"}
    loads = {
        b["body"]["code"]: (b["partnershipsBefore"], b["partnershipsAfter"])
        for b in report["bodies"]
    }
    assert loads["E23000099"] == (0, loads["E23000026"][0] + loads["E23000028"][0])
