"""The sections of an entity page, made from the answer of its GraphQL operation.

Every table has a caption and header cells (screen readers announce them); every fact shows where
it comes from: a source (a file and line, or a public address) and a confidence (quoted,
inferred, derived). Shares are derived from the population blocks, and say so.

>>> print(provenance([{"source": "a.csv", "locator": "line 3", "confidence": "QUOTED"}]))
<ul class="provenance"><li>a.csv, line 3 <span class="confidence quoted">quoted</span></li></ul>
>>> percent(0.0031), percent(0.5)
('0.31%', '50.0%')
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any

from api.html import Html, el, join

Link = Callable[[dict[str, Any], date], Html]
Row = dict[str, Any]
SHARES = (
    "Derived (confidence: derived) from the population blocks: the ONS LSOA lookups summed by "
    "district and health area, with the population estimates the blocks carry."
)


def percent(share: float | None) -> str:
    if share is None:
        return "unknown"
    return f"{share * 100:.2f}%" if share < 0.01 else f"{share * 100:.1f}%"


def number(value: int | None) -> str:
    return "unknown" if value is None else f"{value:,}"


def provenance(items: Iterable[Row]) -> Html:
    """Where facts come from: each source (linked if public), its locator and confidence."""
    rows = []
    for p in items:
        source = str(p["source"])
        shown = (
            el("a", source, href=source, rel="external") if source.startswith("http") else source
        )
        confidence = str(p["confidence"]).lower()
        rows.append(
            el(
                "li",
                shown,
                f", {p['locator']}" if p.get("locator") else "",
                " ",
                el("span", confidence, class_=f"confidence {confidence}"),
            )
        )
    return el("ul", rows, class_="provenance") if rows else el("p", "No source recorded.")


def period(row: Row) -> str:
    start, end = row.get("validFrom"), row.get("validTo")
    if not start and not end:
        return "throughout the data"
    return f"{start or 'before the data'} to {end or 'now'}"


def table(caption: str, headers: list[str], rows: Sequence[Sequence[object]], empty: str) -> Html:
    if not rows:
        return el("p", empty, class_="empty")
    return el(
        "table",
        el("caption", caption),
        el("thead", el("tr", [el("th", h, scope="col") for h in headers])),
        el("tbody", [el("tr", [el("td", c) for c in r]) for r in rows]),
    )


def section(title: str, *content: object) -> Html:
    return el("section", el("h2", title), *content)


def shares(title: str, items: list[Row], key: str, when: date, link: Link, empty: str) -> Html:
    """A table of shares (code, name, people, share, children's share, sliver)."""
    rows = [
        [
            link({**s.get(key, {}), "code": s["code"], "name": s["name"]}, when),
            s["code"],
            number(s["population"]),
            percent(s["populationShare"]),
            percent(s.get("childrenShare")),
            "yes" if s["sliver"] else "no",
        ]
        for s in items
    ]
    headers = ["Name", "Code", "People", "Share of people", "Share of children", "Sliver"]
    return section(title, table(title, headers, rows, empty), el("p", SHARES, class_="note"))


def refs(title: str, items: list[Row], when: date, link: Link, empty: str) -> Html:
    rows = [[link(r, when), r["code"]] for r in items]
    return section(title, table(title, ["Name", "Code"], rows, empty))


def partners(title: str, items: list[Row], when: date, link: Link) -> Html:
    rows = [
        [
            str(p["role"]).replace("_", " ").lower(),
            link({**p["organisation"], "code": p["code"], "name": p["name"]}, when),
            "yes" if p["statutory"] else "no",
            (p.get("namedAs") or "yes") if p["named"] else "no",
            percent(p.get("populationShare")),
            "yes" if p["sliver"] else "no",
            provenance(p["provenance"]),
        ]
        for p in items
    ]
    headers = ["Role", "Partner", "Statutory", "Named", "Share of people", "Sliver", "Source"]
    return section(title, table(title, headers, rows, "No partners on this date."))


def with_sources(title: str, items: list[Row], cols: list[str], when: date, link: Link) -> Html:
    rows = [
        [link(r, when), *[_cell(r.get(c)) for c in cols], provenance(r.get("provenance", []))]
        for r in items
    ]
    headers = ["Name", *[c[0].upper() + c[1:] for c in cols], "Source"]
    return section(title, table(title, headers, rows, f"No {title.lower()} on this date."))


def _cell(value: object) -> str:
    """A table cell: a partial date by its ISO form (``2025-11``), an enum value readably."""
    if isinstance(value, dict):
        return str(value.get("iso") or "")
    if isinstance(value, str) and value.isupper():
        return value.replace("_", " ").lower()
    return str(value or "")


def facts(pairs: list[tuple[str, object]]) -> Html:
    items = [(k, v) for k, v in pairs if v not in (None, "", [])]
    return el("dl", [[el("dt", k), el("dd", v)] for k, v in items], class_="facts")


def _local_authority(d: Row, when: date, link: Link) -> list[Html]:
    out = [
        facts(
            [
                ("People", number(d["population"])),
                ("Children", number(d["children"])),
                ("Region", link(d["region"], when) if d.get("region") else None),
                ("DfE code", d.get("dfeCode")),
                ("mySociety code", d.get("mysocietyCode")),
            ]
        ),
    ]
    ps = d["partnerships"]
    cover = (
        "No children's safeguarding partnership covers it on this date."
        if not ps
        else join(
            [link(p, when) if i == 0 else join([", ", link(p, when)]) for i, p in enumerate(ps)]
        )
    )
    out.append(section("Children's safeguarding partnership", el("p", cover)))
    for p in ps:
        out.append(partners(f"Partners of {p['name']}", p["partners"], when, link))
    out.append(
        shares(
            "Police force areas with people of it",
            d["policeForces"],
            "policeForce",
            when,
            link,
            "No police force area on this date.",
        )
    )
    out.append(
        shares(
            "Health bodies with people of it",
            d["healthBodies"],
            "healthBody",
            when,
            link,
            "No health body on this date.",
        )
    )
    out.append(refs("Districts", d["districts"], when, link, "A unitary authority: no districts."))
    out.append(with_sources("Boards", d["boards"], ["kind"], when, link))
    out.append(
        with_sources("Reviews", d["reviews"], ["reviewKind", "status", "published"], when, link)
    )
    out.append(with_sources("Posts", d["posts"], ["role", "office"], when, link))
    if d["delegatesTo"]:
        out.append(refs("Delegates its partner duties to", d["delegatesTo"], when, link, ""))
    return out


def _partnership(d: Row, when: date, link: Link) -> list[Html]:
    former = [f"{n['name']} ({period(n)})" for n in d["formerNames"]]
    scrutiny = [f"{s['model']} ({period(s)})" for s in d["scrutiny"]]
    return [
        facts(
            [
                ("Form", d.get("form")),
                ("Also the safeguarding adults board", "yes" if d["allAge"] else "no"),
                ("Also known as", ", ".join(d["aliases"])),
                ("Former names", "; ".join(former)),
                ("Independent scrutiny", "; ".join(scrutiny)),
                ("People", number(d["population"])),
                ("Children", number(d["children"])),
                ("Police coterminosity", f"{d['policeCoterminosity']:.2f}"),
                ("Health coterminosity", f"{d['healthCoterminosity']:.2f}"),
                ("Notes", d.get("notes")),
            ]
        ),
        refs(
            "Member local authorities",
            d["localAuthorities"],
            when,
            link,
            "No member local authority on this date.",
        ),
        partners("Partners", d["partners"], when, link),
        with_sources("Posts", d["posts"], ["role", "office", "holder"], when, link),
        with_sources("Reviews", d["reviews"], ["reviewKind", "status", "published"], when, link),
    ]


def _body(d: Row, when: date, link: Link) -> list[Html]:
    out = [
        facts(
            [
                ("People", number(d["population"])),
                ("NHS region", link(d["nhsRegion"], when) if d.get("nhsRegion") else None),
            ]
        )
    ]
    out.append(
        shares(
            "Partnerships it must work with",
            d["partnerships"],
            "partnership",
            when,
            link,
            "No partnership on this date.",
        )
    )
    out.append(
        shares(
            "Local authorities in its area",
            d["localAuthorities"],
            "localAuthority",
            when,
            link,
            "No local authority on this date.",
        )
    )
    out.append(
        refs(
            "Named as a partner by",
            d["namedBy"],
            when,
            link,
            "No partnership's published arrangements name it on this date.",
        )
    )
    if "communitySafetyPartnerships" in d:
        out.append(
            refs(
                "Community safety partnerships",
                d["communitySafetyPartnerships"],
                when,
                link,
                "None on this date.",
            )
        )
    if "subIcbLocations" in d:
        out.append(refs("Sub-ICB locations", d["subIcbLocations"], when, link, "None."))
    out.append(with_sources("Posts", d["posts"], ["role", "office"], when, link))
    return out


def _board(d: Row, when: date, link: Link) -> list[Html]:
    out = []
    if "membersComplete" in d:
        complete = "yes" if d["membersComplete"] else "no: the source lists only some members"
        out.append(
            facts(
                [
                    ("Members complete", complete),
                    ("Members outside England", ", ".join(d["nonEnglishMembers"])),
                ]
            )
        )
    if "members" in d:
        out.append(refs("Member districts", d["members"], when, link, "None on this date."))
    if "localAuthorities" in d:
        out.append(
            refs(
                "Member local authorities",
                d["localAuthorities"],
                when,
                link,
                "None recorded on this date.",
            )
        )
    out.append(with_sources("Reviews", d.get("reviews", []), ["reviewKind", "status"], when, link))
    return out


def history(d: Row, relations: list[Row], when: date, link: Link) -> list[Html]:
    codes = [[i["scheme"].lower(), i["code"], period(i)] for i in d["identifiers"]]
    events = [
        [e.get("date") or "", e.get("change") or "", e["name"], provenance(e["provenance"])]
        for e in d["changeEvents"]
    ]
    rels = [
        [
            r["relation"],
            "from" if r["direction"] == "INCOMING" else "to",
            link(r["other"], when),
            period(r),
            provenance(r["provenance"]),
        ]
        for r in relations
    ]
    return [
        section(
            "Codes",
            table("Codes held, by scheme", ["Scheme", "Code", "Held"], codes, "No codes recorded."),
        ),
        section(
            "History",
            table(
                "Reorganisations, mergers and recodes",
                ["Date", "Change", "What", "Source"],
                events,
                "No reorganisation, merger or recode involves it.",
            ),
            table(
                "Its relations over time",
                ["Relation", "Direction", "With", "When", "Source"],
                rels,
                "No relations recorded.",
            ),
        ),
    ]


def entity_sections(d: Row, relations: list[Row], when: date, link: Link) -> Html:
    """Every section of the page of the entity ``d`` (its kind decides which)."""
    kind = d["kind"]
    if "partnerships" in d and "districts" in d:
        body = _local_authority(d, when, link)
    elif kind == "SAFEGUARDING_PARTNERSHIP":
        body = _partnership(d, when, link)
    elif kind in ("POLICE_FORCE_AREA", "CCG", "ICB"):
        body = _body(d, when, link)
    else:
        body = _board(d, when, link)
    return join([*body, *history(d, relations, when, link)])
