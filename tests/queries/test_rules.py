"""The rules as they changed: Working Together 2018, then 2023; the 2026 Act enacted, not in force."""

from __future__ import annotations

from datetime import date

import pytest

from graph.errors import LoadError
from graph.temporal import TemporalGraph
from loaders.rules import load_rules
from queries.partners import partners
from queries.rules import RuleState, required_posts, rules_on
from tests.data import ROOT

CROYDON = "partnership:croydon-scp"
WT2018, WT2023 = "working-together-2018", "working-together-2023"
ACT_2026 = "childrens-wellbeing-and-schools-act-2026-s2"


def test_the_states_of_the_rule_sets_by_date(landscape: TemporalGraph) -> None:
    def states(day: date) -> dict[str, RuleState]:
        return {s.rule.code: s.state for s in rules_on(landscape, day)}

    assert states(date(2019, 6, 1)) == {
        WT2018: RuleState.NOT_YET_IN_FORCE,
        WT2023: RuleState.NOT_YET_IN_FORCE,
        ACT_2026: RuleState.NOT_YET_IN_FORCE,
    }
    assert states(date(2023, 6, 1))[WT2018] is RuleState.IN_FORCE
    assert states(date(2023, 12, 15)) == {
        WT2018: RuleState.REPLACED,
        WT2023: RuleState.IN_FORCE,
        ACT_2026: RuleState.NOT_YET_IN_FORCE,
    }
    assert states(date(2026, 4, 29))[ACT_2026] is RuleState.ENACTED_NOT_IN_FORCE
    (act,) = [s for s in rules_on(landscape, date(2026, 6, 1)) if s.rule.code == ACT_2026]
    assert (act.enacted, act.in_force) == (date(2026, 4, 29), None)  # commencement unknown


def _roles(g: TemporalGraph, day: date) -> set[tuple[str, str, str | None]]:
    need = required_posts(g, day, CROYDON)
    return {(p.rule.code, p.role, p.office) for p in need.posts}


def test_posts_required_in_2023_follow_working_together_2018(landscape: TemporalGraph) -> None:
    need = required_posts(landscape, date(2023, 6, 1), CROYDON)
    assert [r.code for r in need.rules_in_force] == [WT2018]
    assert _roles(landscape, date(2023, 6, 1)) == {
        (WT2018, "lead representative", "chief executive"),  # the LA
        (WT2018, "lead representative", "chief officer of police"),
        (WT2018, "lead representative", None),  # WT2018 names the CCG's officer, not the ICB's
        (WT2018, "independent scrutiny", None),
    }
    statutory = partners(landscape, date(2023, 6, 1), CROYDON)
    expected = {r.id for r in statutory.local_authorities}
    expected |= {s.body.id for s in (*statutory.police_forces, *statutory.health_bodies)}
    leads = {p.organisation.id for p in need.posts if p.duty == "lead" and p.organisation}
    assert leads == expected
    assert all(p.post is not None for p in need.posts)


def test_posts_required_in_2024_follow_working_together_2023(landscape: TemporalGraph) -> None:
    need = required_posts(landscape, date(2024, 6, 1), CROYDON)
    assert [r.code for r in need.rules_in_force] == [WT2023]
    assert _roles(landscape, date(2024, 6, 1)) == {
        (WT2023, "lead safeguarding partner", "chief executive"),  # the LA and the ICB
        (WT2023, "lead safeguarding partner", "chief officer of police"),
        (WT2023, "delegated safeguarding partner", None),
        (WT2023, "partnership chair", None),
        (WT2023, "independent scrutiny", None),
    }
    per_partner = [p for p in need.posts if p.role == "delegated safeguarding partner"]
    assert len(per_partner) == 3  # Croydon, the Metropolitan Police, South West London ICB


def test_the_2026_act_is_reported_as_enacted_not_in_force(landscape: TemporalGraph) -> None:
    need = required_posts(landscape, date(2026, 6, 1), CROYDON)
    assert [(p.rule.code, p.role, p.state) for p in need.participants] == [
        (ACT_2026, "designated childcare and education agencies", RuleState.ENACTED_NOT_IN_FORCE)
    ]
    assert ACT_2026 not in {r.code for r in need.rules_in_force}
    assert not any("education" in p.role for p in need.posts)
    assert required_posts(landscape, date(2026, 4, 28), CROYDON).participants == ()


def test_derived_posts_say_so_and_have_no_holder(landscape: TemporalGraph) -> None:
    posts = [n for n in landscape.all_nodes("Post") if n.attrs.get("derived")]
    assert posts and all("holder" not in n.attrs for n in posts)
    assert all(p.confidence.value == "derived" for n in posts for p in n.provenance)
    for n in posts:
        (rule,) = [e.target for e in landscape.out_edges(n.id) if e.relation == "requiredBy"]
        assert landscape.node(rule).kind == "RuleSet"
    la = landscape.node("post:la:CRY:working-together-2023:lead-safeguarding-partner")
    assert (la.period.start, la.attrs["office"]) == (date(2023, 12, 15), "chief executive")


def test_leads_follow_the_rules_in_force(landscape: TemporalGraph) -> None:
    before = partners(landscape, date(2023, 6, 1), CROYDON).leads
    after = partners(landscape, date(2024, 6, 1), CROYDON).leads
    assert {x.post.id.split(":")[-2] for x in before} == {WT2018}
    assert {x.post.id.split(":")[-2] for x in after} == {WT2023}
    assert len(before) == len(after) == 3


def test_broken_rules_name_each_problem() -> None:
    with pytest.raises(LoadError) as caught:
        load_rules(ROOT / "tests" / "fixtures" / "rules")
    found = [(p.column, p.value) for p in caught.value.problems]
    assert found == [
        ("guidance-a.requires[0].duty", "leader"),
        ("guidance-a.requires[1].for", "everyone"),
        ("guidance-a.requires[2].offices", None),  # offices are named for partners only
        ("guidance-b.in_force", "2021-01-01"),  # before it was enacted
        ("guidance-c.in_force", "soon"),
        ("guidance-c.sources", None),  # a fact without a source
        ("guidance-b.replaces", "guidance-z"),
    ]
