"""Reviews, posts and rules over HTTP, against the real server and the real files."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from tests.data import review_rows

if TYPE_CHECKING:
    from tests.api.conftest import GraphQL


REVIEWS = """
query ($kind: [ReviewKind!], $la: String, $partnership: String, $board: String,
       $field: ReviewDate, $from: Date, $to: Date, $openOn: Date, $first: Int) {
  reviews(kind: $kind, localAuthority: $la, partnership: $partnership, board: $board,
          dateField: $field, from: $from, to: $to, openOn: $openOn, first: $first) {
    totalCount
    pageInfo { hasNextPage }
    nodes {
      code name reviewKind status
      published { iso precision earliest latest }
      commissionedBy { id name }
      localAuthorities { code }
    }
  }
}"""


def test_every_review_is_listed_once_with_its_kind(gql: GraphQL) -> None:
    data = gql.data(REVIEWS, {"first": 100})["reviews"]
    assert data["totalCount"] == len(review_rows()) == 53
    kinds = Counter(n["reviewKind"].lower() for n in data["nodes"])
    assert kinds == Counter(r["kind"] for r in review_rows())
    assert len({n["code"] for n in data["nodes"]}) == 53


def test_national_reviews_are_listed_once_with_the_areas_they_name(gql: GraphQL) -> None:
    data = gql.data(REVIEWS, {"kind": ["NATIONAL_REVIEW"]})["reviews"]
    assert data["totalCount"] == 8
    assert {n["commissionedBy"]["name"] for n in data["nodes"]} == {
        "Child Safeguarding Practice Review Panel"
    }
    named = {n["code"]: len(n["localAuthorities"]) for n in data["nodes"]}
    assert named == {r["id"]: len([c for c in r["la_codes"].split(";") if c]) for r in review_rows()
                     if r["kind"] == "national_review"}  # fmt: skip


def test_month_only_dates_stay_months(gql: GraphQL) -> None:
    data = gql.data(REVIEWS, {"la": "E09000012"})["reviews"]  # Hackney
    child_q = next(n for n in data["nodes"] if n["code"] == "chscp-lcspr-child-q")
    assert child_q["published"] == {
        "iso": "2022-03",
        "precision": "MONTH",
        "earliest": "2022-03-01",
        "latest": "2022-03-31",
    }
    assert child_q["commissionedBy"]["id"] == "partnership:city-and-hackney-scp"


def test_filters_by_partnership_board_and_date_range(gql: GraphQL) -> None:
    croydon = gql.data(REVIEWS, {"partnership": "croydon-scp"})["reviews"]
    assert croydon["totalCount"] == sum(
        r["commissioning_body"] == "Croydon Safeguarding Children Partnership"
        for r in review_rows()
    )
    norfolk = gql.data(REVIEWS, {"board": "norfolk-sab"})["reviews"]
    assert {n["code"] for n in norfolk["nodes"]} == {
        "norfolk-sar-joanna-jon-ben",
        "norfolk-sar-adult-p",
    }
    march = gql.data(REVIEWS, {"field": "PUBLISHED", "from": "2022-03-01", "to": "2022-03-31"})
    assert march["reviews"]["totalCount"] == sum(
        r["published"].startswith("2022-03") for r in review_rows()
    )
    page = gql.data(REVIEWS, {"first": 2})["reviews"]
    assert len(page["nodes"]) == 2 and page["pageInfo"]["hasNextPage"]


def test_a_range_without_a_field_and_an_unknown_body_are_refused(gql: GraphQL) -> None:
    errors = gql.errors(REVIEWS, {"from": "2022-03-01"})
    assert "needs dateField" in errors[0]["message"]
    errors = gql.errors(REVIEWS, {"board": "no-such-board"})
    assert "no-such-board" in errors[0]["message"]


OPEN = """
query {
  localAuthority(code: "E10000017", asOf: "2026-06-01") {
    openReviews { code openness }
    reviews { code }
  }
  partnership(code: "lancashire-csap", asOf: "2026-06-01") {
    openReviews { code }
    earlier: openReviews(asOf: "2024-12-31") { code }
  }
  surrey: partnership(code: "surrey-scp", asOf: "2024-06-01") { openReviews { code } }
}"""


def test_open_reviews(gql: GraphQL) -> None:
    data = gql.data(OPEN)
    la = data["localAuthority"]
    assert la["openReviews"] == [{"code": "lancashire-cspr-southport", "openness": "OPEN"}]
    assert {r["code"] for r in la["reviews"]} == {
        r["id"] for r in review_rows() if "E10000017" in r["la_codes"]
    }  # recorded, on any date
    assert data["partnership"]["openReviews"] == [{"code": "lancashire-cspr-southport"}]
    assert data["partnership"]["earlier"] == []
    assert data["surrey"]["openReviews"] == [{"code": "surrey-lcspr-sara-sharif"}]


POSTS = """
query ($holders: Boolean!) {
  partnership(code: "croydon-scp", asOf: "2021-01-01") {
    posts {
      role postAsPublished derived holderRecorded
      holder(includeHolders: $holders)
      seenFrom { iso precision }
      attributes
    }
    scrutiny { model validFrom seen }
  }
}"""


def test_croydon_shows_its_chair_and_scrutineer_holder_only_when_asked(gql: GraphQL) -> None:
    hidden = gql.data(POSTS, {"holders": False})["partnership"]
    (published,) = [p for p in hidden["posts"] if not p["derived"]]
    assert published["postAsPublished"] == "Independent Chair and Scrutineer"
    assert published["seenFrom"] == {"iso": "2020-12", "precision": "MONTH"}
    assert published["holderRecorded"] is True and published["holder"] is None
    assert "holder" not in published["attributes"]
    assert "Di Smith" not in str(hidden)
    assert hidden["scrutiny"] == [
        {"model": "independent_chair", "validFrom": "2020-12-01", "seen": ["2020-12"]}
    ]
    shown = gql.data(POSTS, {"holders": True})["partnership"]
    assert [p["holder"] for p in shown["posts"] if not p["derived"]] == ["Di Smith"]


RULES = """
query ($asOf: Date!) {
  rules(asOf: $asOf) { code state inForceFrom enacted requirements { role duty forEach } }
  partnership(code: "croydon-scp", asOf: $asOf) {
    requiredPosts {
      rulesInForce { code }
      posts { role office organisation { name } post { derived holder } }
      participants { role state rule { code } }
    }
  }
}"""


def test_rules_and_required_posts_by_date(gql: GraphQL) -> None:
    def roles(day: str) -> set[str]:
        data = gql.data(RULES, {"asOf": day})["partnership"]["requiredPosts"]
        assert all(p["post"]["derived"] and p["post"]["holder"] is None for p in data["posts"])
        return {p["role"] for p in data["posts"]}

    assert roles("2023-06-01") == {"lead representative", "independent scrutiny"}
    assert roles("2024-06-01") == {
        "lead safeguarding partner",
        "delegated safeguarding partner",
        "partnership chair",
        "independent scrutiny",
    }
    data = gql.data(RULES, {"asOf": "2026-06-01"})
    states = {r["code"]: (r["state"], r["inForceFrom"]) for r in data["rules"]}
    assert states["childrens-wellbeing-and-schools-act-2026-s2"] == ("ENACTED_NOT_IN_FORCE", None)
    assert states["working-together-2023"] == ("IN_FORCE", "2023-12-15")
    assert data["partnership"]["requiredPosts"]["participants"] == [
        {
            "role": "designated childcare and education agencies",
            "state": "ENACTED_NOT_IN_FORCE",
            "rule": {"code": "childrens-wellbeing-and-schools-act-2026-s2"},
        }
    ]


IMPACT = """
query {
  impact(proposal: {
    name: "HYPOTHETICAL: two partnerships merge", effective: "2025-06-01", hypothetical: true,
    operations: [{ kind: "merge_partnerships",
      partnerships: ["surrey-scp", "lancashire-csap"], name: "Merged", id: "merged-scp" }]
  }) {
    ... on ImpactReport { openReviews { review { code } openness commissionedBy { code } } }
    ... on ProposalProblem { message }
  }
}"""


def test_impact_lists_the_open_reviews_of_both_partnerships(gql: GraphQL) -> None:
    data = gql.data(IMPACT)["impact"]
    assert data["openReviews"] == [
        {"review": {"code": "lancashire-cspr-southport"}, "openness": "OPEN",
         "commissionedBy": [{"code": "lancashire-csap"}]},
        {"review": {"code": "surrey-lcspr-sara-sharif"}, "openness": "OPEN",
         "commissionedBy": [{"code": "surrey-scp"}]},
    ]  # fmt: skip
