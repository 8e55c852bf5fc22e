"""Council proposals for new unitary councils (``lgr_proposals_2025.csv``): parsed and checked,
one record per member row, grouped into proposals.

The table lists the proposals that councils of two-tier areas sent government in 2025 whose
member districts and unitaries are published in full, one row per member of each proposed council
(``../shared/data/changes/SOURCES.md``). They are proposals, not facts: the build leaves them out
of the landscape (:func:`loaders.changes.classify` recognises and skips the table); they become
what-if proposal files (:mod:`queries.council_proposals`).

Every bad cell is reported with file, line, column and value; the rows of one proposal must agree
on its area, proposers, status and vesting date, and a member appears once in a proposal.

>>> from pathlib import Path
>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> (folder / "p.csv").write_text(HEADER + "\\n" + ",".join(
...     ["Shire", "shire-1", "Shire CC", "Shire", "E07000901", "Ayton",
...      "non-metropolitan district", "proposal", "2028-02-30", "https://example.org", "quoted", ""]
... ) + "\\n", encoding="utf-8") and None
>>> read_council_proposals(folder / "p.csv")
Traceback (most recent call last):
...
graph.errors.LoadError: 1 problem in p.csv:
  p.csv line 2, column intended_vesting, value '2028-02-30': not a date of the form %Y-%m-%d
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from graph.codes import GSS_PREFIXES, Scheme, valid_code
from graph.model import Confidence
from loaders.table import Table, read_table

COLUMNS = (
    "area",
    "proposal_id",
    "proposer",
    "new_council_working_name",
    "member_code",
    "member_name",
    "member_kind",
    "status",
    "intended_vesting",
    "source",
    "confidence",
    "note",
)
HEADER = ",".join(COLUMNS)
MEMBER_KINDS = ("non-metropolitan district", "unitary authority")
"""What a member of a proposed council is: a district of the county, or a unitary joining it."""
UNITARY = "unitary authority"
_SAME = ("area", "proposer", "status", "intended_vesting")
"""Columns every row of one proposal must agree on."""


@dataclass(frozen=True, slots=True)
class Member:
    """One row: a member (district or unitary) of one proposed council."""

    file: str
    line: int
    council: str  # the proposed council's working name
    code: str
    name: str
    kind: str
    source: str
    confidence: Confidence
    note: str


@dataclass(frozen=True, slots=True)
class CouncilProposal:
    """One proposal: its councils (working name -> members, in the table's order)."""

    id: str
    area: str
    proposer: str
    status: str  # where it stands, as the table says
    vesting: date
    councils: tuple[tuple[str, tuple[Member, ...]], ...]

    @property
    def members(self) -> tuple[Member, ...]:
        return tuple(m for _, ms in self.councils for m in ms)


def _rows(t: Table) -> list[tuple[dict[str, str], Member, date]]:
    out = []
    for line, row in t:
        pid = t.text(line, row, "proposal_id")
        if pid and not valid_code(Scheme.REGISTRY, pid):
            t.problem(line, "proposal_id", pid, "not an id (lower case letters, digits, hyphens)")
        for col in ("area", "proposer", "new_council_working_name", "member_name", "status"):
            t.text(line, row, col)
        code = (row.get("member_code") or "").strip()
        if not (valid_code(Scheme.GSS, code) and code.startswith(GSS_PREFIXES["lad"])):
            t.problem(
                line, "member_code", code, "not a GSS code of a district or unitary (E06…-E09…)"
            )
        kind = (row.get("member_kind") or "").strip()
        if kind not in MEMBER_KINDS:
            t.problem(line, "member_kind", kind, f"not one of {', '.join(MEMBER_KINDS)}")
        when = t.date(line, row, "intended_vesting")
        if when is None and not (row.get("intended_vesting") or "").strip():
            t.problem(line, "intended_vesting", "", "empty value: a date (YYYY-MM-DD) is needed")
        source = t.text(line, row, "source")
        if source and not source.startswith(("https://", "http://")):
            t.problem(line, "source", source, "not a public address (https://…)")
        value = (row.get("confidence") or "").strip()
        if value not in {c.value for c in Confidence}:
            allowed = ", ".join(c.value for c in Confidence)
            t.problem(line, "confidence", value, f"not one of {allowed}")
            value = Confidence.QUOTED.value
        member = Member(
            t.name,
            line,
            (row.get("new_council_working_name") or "").strip(),
            code,
            (row.get("member_name") or "").strip(),
            kind,
            source,
            Confidence(value),
            (row.get("note") or "").strip(),
        )
        out.append((row, member, when or date.min))
    return out


def read_council_proposals(path: Path) -> tuple[CouncilProposal, ...]:
    """The proposals of the table at ``path``, in the order the table first names them."""
    t = read_table(path)
    if not t.require(*COLUMNS):
        t.raise_if_problems()
    t.unique(("proposal_id", "member_code"))
    rows = _rows(t)
    first: dict[str, tuple[dict[str, str], int]] = {}
    grouped: dict[str, dict[str, list[Member]]] = {}
    for row, member, _ in rows:
        pid = (row.get("proposal_id") or "").strip()
        if pid in first:
            head, line = first[pid]
            for col in _SAME:
                if (row.get(col) or "").strip() != (head.get(col) or "").strip():
                    t.problem(
                        member.line,
                        col,
                        (row.get(col) or "").strip(),
                        f"differs from line {line} of the same proposal {pid}",
                    )
        else:
            first[pid] = (row, member.line)
        grouped.setdefault(pid, {}).setdefault(member.council, []).append(member)
    t.raise_if_problems()
    vesting = {m.line: when for _, m, when in rows}
    out = []
    for pid, councils in grouped.items():
        head, line = first[pid]
        out.append(
            CouncilProposal(
                pid,
                head["area"].strip(),
                head["proposer"].strip(),
                head["status"].strip(),
                vesting[line],
                tuple((name, tuple(ms)) for name, ms in councils.items()),
            )
        )
    return tuple(out)
