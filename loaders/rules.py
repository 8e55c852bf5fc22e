"""Parse ``registry/rules.yaml``: dated rule sets and the posts and participants each requires.

The rules are data, not branches in the code: Working Together 2018, Working Together 2023 and
the Children's Wellbeing and Schools Act 2026 s2 are entries with an ``in_force`` date (or
``unknown``: enacted, not yet in force), what they replace, and their requirements. The schema is
``registry/SCHEMA.md``; every problem is collected and raised in one LoadError.

>>> import tempfile
>>> d = Path(tempfile.mkdtemp())
>>> _ = (d / "rules.yaml").write_text('''
... rule_sets:
...   - id: act-2026
...     name: An Act
...     enacted: 2026-04-29
...     in_force: unknown
...     sources: [{url: "https://example.org/a", confidence: quoted}]
...     requires:
...       - {role: education agencies, duty: participant, for: partnership}
... ''')
>>> (rule,) = load_rules(d)
>>> rule.in_force, rule.enacted, rule.requires[0].duty
(None, datetime.date(2026, 4, 29), 'participant')
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from graph.errors import Problem
from loaders.problems import ProblemLog
from loaders.registry import EntryParser, YamlReader, sections
from loaders.registry_records import Sources

RULES_FILE = "rules.yaml"
DUTIES = ("lead", "delegate", "chair", "scrutiny", "participant")
"""Kinds of requirement; a participant (an agency that must take part) is not a post."""
FOR = ("safeguarding_partner", "partnership")
"""What a requirement is for: each safeguarding partner of a partnership, or the partnership."""
PARTNER_KINDS = ("local_authority", "ccg", "icb", "police")
"""The kinds of safeguarding partner an office can be named for."""


@dataclass(frozen=True, slots=True)
class RequirementRecord:
    role: str
    duty: str
    per: str  # one of FOR
    offices: Mapping[str, str] = field(default_factory=dict)  # partner kind -> office
    notes: str = ""


@dataclass(frozen=True, slots=True)
class RuleSetRecord:
    """A rule set; ``in_force`` None: not in force on any known date (commencement unknown)."""

    id: str
    name: str
    in_force: date | None
    sources: Sources
    requires: tuple[RequirementRecord, ...]
    enacted: date | None = None
    replaces: tuple[str, ...] = ()
    notes: str = ""


def load_rules(directory: Path) -> tuple[RuleSetRecord, ...]:
    """Read ``directory/rules.yaml`` (none: no rule sets)."""
    path = directory / RULES_FILE
    if not path.is_file():
        return ()
    problems = ProblemLog()  # a bounded number of each kind
    r = YamlReader(str(path), problems)
    p = EntryParser(r, {})
    out: list[RuleSetRecord] = []
    keys = ("id", "name", "enacted", "in_force", "replaces", "notes", "sources", "requires")
    for i, node in enumerate(sections(r, path, ("rule_sets",)).get("rule_sets", [])):
        got = p.entry(node, f"rule_sets[{i}]", keys, ("id", "name", "in_force", "sources"))
        if got is None:
            continue
        f, eid = got
        in_force = r.day(f.get("in_force"), f"{eid}.in_force", allow_unknown=True)
        enacted = r.day(f.get("enacted"), f"{eid}.enacted")
        if enacted and in_force and in_force < enacted:
            r.fail(f["in_force"], f"{eid}.in_force", str(in_force), f"before enacted ({enacted})")
        requires = []
        for j, item in enumerate(r.items(f.get("requires"), f"{eid}.requires")):
            at = f"{eid}.requires[{j}]"
            g = r.mapping(item, at, ("role", "duty", "for", "offices", "notes"), ("role", "duty"))
            if g is None or "role" not in g or "duty" not in g:
                continue
            duty, per = r.text(g["duty"], f"{at}.duty"), r.text(g.get("for"), f"{at}.for")
            if duty not in DUTIES:
                r.fail(g["duty"], f"{at}.duty", duty, f"unknown duty; one of {', '.join(DUTIES)}")
            if per not in FOR:
                r.fail(g.get("for", item), f"{at}.for", per or None, f"one of {', '.join(FOR)}")
            offices = {}
            named = (
                r.mapping(g["offices"], f"{at}.offices", PARTNER_KINDS) if "offices" in g else {}
            )
            for kind, value in (named or {}).items():
                offices[kind] = r.text(value, f"{at}.offices.{kind}")
            if per == "partnership" and offices:
                r.fail(g["offices"], f"{at}.offices", None, "offices are named for partners only")
            requires.append(
                RequirementRecord(
                    r.text(g["role"], f"{at}.role"), duty, per, offices, r.text(g.get("notes"), at)
                )
            )
        replaces = r.texts(f.get("replaces"), f"{eid}.replaces")
        if "name" in f and "in_force" in f:
            out.append(
                RuleSetRecord(
                    eid,
                    r.text(f["name"], f"{eid}.name"),
                    in_force,
                    r.sources(f.get("sources"), f"{eid}.sources"),
                    tuple(requires),
                    enacted,
                    replaces,
                    r.text(f.get("notes"), f"{eid}.notes"),
                )
            )
    known = {x.id for x in out}
    for x in out:
        for other in x.replaces:
            if other not in known:
                problems.append(
                    Problem(str(path), None, f"{x.id}.replaces", other, "not a rule set id here")
                )
    problems.raise_if_any()
    return tuple(out)
