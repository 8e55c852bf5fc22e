"""Parse and validate a file of published chairs, scrutineers and conveners of partnerships.

The format is that of ``../shared/data/safeguarding/chairs_and_scrutiny.csv``: one row per data
point (a source showing a post held), with ``from`` and ``to`` as the source dates them (a year or
a month; empty if not stated). The ``role`` column maps to a post and, for scrutiny, to a scrutiny
model through :data:`ROLES`. The holder is a person's name: kept, and published only on request
(:mod:`graph.personal`). Which partnership a row names is checked when it is written
(:mod:`loaders.post_writer`).

>>> import tempfile
>>> f = Path(tempfile.mkdtemp()) / "chairs_and_scrutiny.csv"
>>> _ = f.write_text(
...     "partnership_id,partnership_name,role,post_as_published,holder,from,to,source,"
...     "confidence,note\\n"
...     "x-scp,X Safeguarding Children Partnership,scrutineer,Independent Scrutineer,A. Person,"
...     "2022,,https://example.org/x,quoted,year only\\n")
>>> [(p.role, str(p.seen_from), p.scrutiny.value) for p in load_posts(f) if p.scrutiny]
[('independent scrutineer', '2022', 'named_scrutineer')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from graph.dates import PartialDate
from graph.errors import LoadError, Problem
from graph.model import Confidence
from loaders.csv_rows import read_rows
from loaders.registry_records import ScrutinyModel

COLUMNS = (
    "partnership_id",
    "partnership_name",
    "role",
    "post_as_published",
    "holder",
    "from",
    "to",
    "source",
    "confidence",
    "note",
)
REQUIRED = ("role", "post_as_published", "source", "confidence")
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_URL = re.compile(r"^https?://\S+$")

ROLES: dict[str, tuple[str, ScrutinyModel | None]] = {
    "chair": ("chair", None),
    "scrutineer": ("independent scrutineer", ScrutinyModel.NAMED_SCRUTINEER),
    "chair_and_scrutineer": ("chair and independent scrutineer", ScrutinyModel.INDEPENDENT_CHAIR),
    "convener": ("convener", None),
}
"""``role`` -> (the post's role, the scrutiny model the post shows, if any)."""


@dataclass(frozen=True, slots=True)
class PostRow:
    """One published data point: a post of a partnership seen held from ``seen_from``."""

    partnership_id: str
    partnership_name: str
    role: str
    scrutiny: ScrutinyModel | None
    post_as_published: str
    holder: str
    source: str
    confidence: Confidence
    file: str
    line: int
    seen_from: PartialDate | None = None
    seen_to: PartialDate | None = None
    note: str = ""


def load_posts(path: Path) -> tuple[PostRow, ...]:
    """Every row of the CSV file ``path``; raise one LoadError naming every problem."""
    name = path.name
    problems: list[Problem] = []
    rows = read_rows(path, COLUMNS, (*REQUIRED, "partnership_id", "partnership_name"))
    out = [p for line, row in rows if (p := _row(name, line, row, problems))]
    if problems:
        raise LoadError(problems)
    return tuple(out)


def _row(
    file: str, line: int, row: dict[str | None, str | None], problems: list[Problem]
) -> PostRow | None:
    before = len(problems)

    def fail(column: str, value: str | None, message: str) -> None:
        problems.append(Problem(file, line, column, value, message))

    if None in row:
        fail("(beyond the header)", None, "more cells than columns")
    cell = {k: (v or "").strip() for k, v in row.items() if isinstance(k, str)}
    for column in REQUIRED:
        if not cell.get(column):
            fail(column, None, "a fact without a source" if column == "source" else "required")
    pid, pname = cell.get("partnership_id", ""), cell.get("partnership_name", "")
    if not pid and not pname:
        fail("partnership_id", None, "give the partnership's registry id or its name")
    if pid and not _ID.match(pid):
        fail("partnership_id", pid, "registry ids are lowercase kebab-case, e.g. barnet-scp")
    role = ROLES.get(cell.get("role", ""))
    if cell.get("role") and role is None:
        fail("role", cell["role"], f"unknown role; one of {', '.join(ROLES)}")
    source = cell.get("source", "")
    if source and not _URL.match(source):
        fail("source", source, "expected one http(s) address")
    confidence = None
    if cell.get("confidence"):
        try:
            confidence = Confidence(cell["confidence"])
        except ValueError:
            allowed = ", ".join(c.value for c in Confidence)
            fail("confidence", cell["confidence"], f"unknown confidence; one of {allowed}")
    dates: dict[str, PartialDate | None] = {}
    for column in ("from", "to"):
        text = cell.get(column, "")
        try:
            dates[column] = PartialDate.parse(text) if text else None
        except ValueError as err:
            fail(column, text, str(err))
            dates[column] = None
    start, end = dates["from"], dates["to"]
    if start and end and not start.not_after(end):
        fail("to", str(end), f"before from ({start})")
    if len(problems) > before or role is None or confidence is None:
        return None
    return PostRow(
        pid,
        pname,
        role[0],
        role[1],
        cell["post_as_published"],
        cell.get("holder", ""),
        source,
        confidence,
        file,
        line,
        start,
        end,
        cell.get("note", ""),
    )
