"""The corrections of FACTS.md section 8 in the registry and the graph, each with its source."""

from __future__ import annotations

from datetime import date

from graph.model import Confidence
from graph.temporal import TemporalGraph
from loaders.registry import Registry
from queries.coverage import coverage
from tests.data import shared


def section_8() -> str:
    facts = shared("safeguarding", "FACTS.md").read_text(encoding="utf-8")
    return facts[facts.index("## 8. Corrections") :]


HARTLEPOOL, STOCKTON, DEVON = "E06000001", "E06000004", "E10000008"


def urls(sources: object) -> set[str]:
    return {s.url for s in sources}  # type: ignore[attr-defined]


def test_hartlepool_and_stockton_began_on_10_april_2019(registry: Registry) -> None:
    assert "**10 Apr 2019**" in section_8()
    p = registry.partnership("hartlepool-and-stockton-on-tees-scp")
    assert {(m.la, m.period.start) for m in p.members} == {
        (HARTLEPOOL, date(2019, 4, 10)),
        (STOCKTON, date(2019, 4, 10)),
    }
    assert "https://hsscp.co.uk/blog/post/75" in urls(p.sources)


def test_stockton_delegates_to_hartlepool_as_far_as_inferred(landscape: TemporalGraph) -> None:
    assert '"delegated safeguarding functions"' in section_8()
    (edge,) = landscape.all_edges("delegatesTo")
    assert (edge.source, edge.target, edge.period.start) == ("la:STT", "la:HPL", date(2019, 4, 10))
    assert {p.confidence for p in edge.provenance} == {Confidence.QUOTED, Confidence.INFERRED}


def test_devon_began_in_november_2018(registry: Registry) -> None:
    assert "**Nov 2018**" in section_8()
    (member,) = registry.partnership("devon-scp").members
    assert (member.la, member.period.start) == (DEVON, date(2018, 11, 1))
    notes = {s.note for s in member.sources if s.confidence is Confidence.INFERRED}
    assert any("first day" in n for n in notes)  # the month is quoted; the day is a choice


def test_bath_and_north_east_somerset_is_all_age(
    registry: Registry, landscape: TemporalGraph
) -> None:
    assert "**all-age** partnership" in section_8()
    assert registry.partnership("bath-and-north-east-somerset-cssp").all_age
    view = landscape.at(date(2024, 6, 1))
    sabs = [
        s
        for s in view.sources("la:BAS", "hasMember")
        if view.node(s).kind == "SafeguardingAdultsBoard"
    ]
    assert sabs == ["sab:bath-and-north-east-somerset-cssp"]  # no Care Act SAB of its own
    # before the partnership replaced it, the area's own SAB (the LSAB)
    assert landscape.node("sab:own:bas").period.end == date(2019, 9, 29)


def test_names_and_aliases(registry: Registry) -> None:
    aliases = {p.id: set(p.aliases) for p in registry.partnerships}
    assert "Bedford Borough Safeguarding Children Board" in aliases["bedford-scp"]
    assert "Central Bedfordshire Safeguarding Children Board" in aliases["central-bedfordshire-scp"]
    assert {"Leicester Safeguarding Children Partnership Board", "LSCPB"} <= aliases[
        "leicester-scp"
    ]
    assert {"Gloucestershire Safeguarding Children Executive", "GSCE"} <= aliases[
        "gloucestershire-scp"
    ]
    central = registry.partnership("central-bedfordshire-scp")
    assert "https://centralbedfordshirelscb.org.uk/lscb-website/print" in urls(central.sources)
    glos = registry.partnership("gloucestershire-scp")
    assert "https://glostext.gloucestershire.gov.uk/mgAi.aspx?ID=30701" in urls(glos.sources)


def test_coverage_before_the_statutory_date_still_concerns_only_the_statutory_period(
    landscape: TemporalGraph,
) -> None:
    early = coverage(landscape, date(2019, 6, 1))
    assert not early.compliant
    assert early.reasons[0] == "arrangements were required only from 2019-09-29"
    uncovered = {i.code for i in early.uncovered}
    assert not {HARTLEPOOL, STOCKTON, DEVON} & uncovered  # covered early, not a fault
    assert len(uncovered) > 100  # most areas had not yet moved to the new arrangements
    hartlepool_then = coverage(landscape, date(2019, 4, 9))
    (issue,) = [i for i in hartlepool_then.uncovered if i.code == HARTLEPOOL]
    assert (issue.since, issue.until) == (date(2019, 4, 1), date(2019, 4, 10))
    statutory = coverage(landscape, date(2019, 9, 29))
    assert statutory.compliant and statutory.reasons == ()
