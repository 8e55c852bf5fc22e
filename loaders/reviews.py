"""Parse and validate a reviews file (``reviews.csv``: national reviews, LCSPRs, SCRs, SARs, DHRs).

The format is that of ``../shared/data/safeguarding/reviews.csv`` (its SOURCES.md describes it):
one row per review; ``la_codes`` and ``themes`` separated by ``;``; dates ``YYYY-MM-DD``,
``YYYY-MM`` or ``YYYY`` as the source gives them (kept at that precision) or empty if unknown.
The column values map to the closed vocabulary through the two tables below (:data:`KINDS`,
:data:`STATUSES`). Every problem of the file is collected and raised in one LoadError naming file,
line, column and value; otherwise every row becomes a :class:`ReviewRecord`. Whether a body or
an LA exists on the review's dates is checked when the records are written
(:mod:`loaders.review_writer`), against the graph.

>>> import tempfile
>>> f = Path(tempfile.mkdtemp()) / "reviews.csv"
>>> _ = f.write_text(
...     "id,kind,title,commissioning_body,la_codes,notified,commissioned,published,status,"
...     "themes,source,confidence,note\\n"
...     "r-1,dhr,Adult A,Hartlepool Community Safety Partnership,E06000001,,,2024-05,published,"
...     ",https://example.org/r1,quoted,\\n")
>>> [(r.id, r.kind.value, str(r.published)) for r in load_reviews(f)]
[('r-1', 'dhr', '2024-05')]
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from graph.codes import Scheme, valid_code
from graph.dates import PartialDate
from graph.errors import LoadError, Problem
from graph.model import Confidence
from loaders import controls
from loaders.csv_rows import Row, read_rows
from ontology.vocabulary import ReviewKind, ReviewStatus

REQUIRED = ("id", "kind", "title", "commissioning_body", "la_codes", "status", "source")
COLUMNS = (
    "id",
    "kind",
    "title",
    "commissioning_body",
    "la_codes",
    "notified",
    "commissioned",
    "published",
    "status",
    "themes",
    "source",
    "confidence",
    "note",
)
DATES = ("notified", "commissioned", "published")
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_URL = re.compile(r"^https?://\S+$")

KINDS: dict[str, ReviewKind] = {
    **{k.value: k for k in ReviewKind},
    "local_cspr": ReviewKind.LCSPR,
    "cspr": ReviewKind.LCSPR,
    "scr": ReviewKind.SERIOUS_CASE_REVIEW,
    "safeguarding_adults_review": ReviewKind.SAR,
    "safeguarding_adult_review": ReviewKind.SAR,
    "domestic_homicide_review": ReviewKind.DHR,
    "domestic_abuse_related_death_review": ReviewKind.DHR,
    "dardr": ReviewKind.DHR,
}
"""The ``kind`` column's values: the vocabulary's, and the other names in use (DHRs are now
called domestic abuse related death reviews)."""

STATUSES: tuple[tuple[str, ReviewStatus], ...] = (
    ("published", ReviewStatus.PUBLISHED),
    ("in progress", ReviewStatus.IN_PROGRESS),
    ("in_progress", ReviewStatus.IN_PROGRESS),
    ("completed", ReviewStatus.COMPLETED),
    ("commissioned", ReviewStatus.COMMISSIONED),
    ("notified", ReviewStatus.NOTIFIED),
    ("rapid review", ReviewStatus.RAPID_REVIEW),
    ("rapid_review", ReviewStatus.RAPID_REVIEW),
    ("closed", ReviewStatus.CLOSED),
    ("unknown", ReviewStatus.UNKNOWN),
    # a DHR goes to the Home Office quality assurance panel before it may be published
    ("home office quality assurance panel", ReviewStatus.IN_PROGRESS),
)
"""The ``status`` column is free text that starts with one of these phrases (``in progress at
last evidence``, ``completed in 2023-24``); the text is kept as the source words it."""


@dataclass(frozen=True, slots=True)
class ReviewRecord:
    """One review as the file gives it; ``body_note`` says why a body was supplied by a control."""

    id: str
    kind: ReviewKind
    title: str
    commissioning_body: str
    local_authorities: tuple[str, ...]
    status: ReviewStatus
    status_text: str
    source: str
    confidence: Confidence
    file: str
    line: int
    notified: PartialDate | None = None
    commissioned: PartialDate | None = None
    published: PartialDate | None = None
    themes: tuple[str, ...] = ()
    note: str = ""
    body_note: str = ""

    @property
    def dates(self) -> tuple[PartialDate, ...]:
        """The known dates, in the order notified, commissioned, published."""
        return tuple(d for d in (self.notified, self.commissioned, self.published) if d)


def status_of(text: str) -> ReviewStatus | None:
    """The status a ``status`` text starts with, or None.

    >>> status_of("in progress at last evidence"), status_of("finished")
    (<ReviewStatus.IN_PROGRESS: 'in_progress'>, None)
    """
    low = " ".join(text.lower().split())
    for phrase, status in STATUSES:
        if low == phrase or low.startswith(phrase + " ") or low.startswith(phrase + ";"):
            return status
    return None


def load_reviews(path: Path) -> tuple[ReviewRecord, ...]:
    """Every review of the CSV file ``path``; raise one LoadError naming every problem."""
    problems: list[Problem] = []
    name = path.name
    rows = read_rows(path, COLUMNS, REQUIRED)
    records: list[ReviewRecord] = []
    seen: dict[str, int] = {}
    for line, row in rows:
        rec = _row(name, line, row, problems)
        rid = (row.get("id") or "").strip()
        if rid in seen:
            problems.append(
                Problem(name, line, "id", rid, f"duplicate id (first at line {seen[rid]})")
            )
        seen.setdefault(rid, line)
        if rec is not None:
            records.append(rec)
    if problems:
        raise LoadError(problems)
    return tuple(records)


def _row(file: str, line: int, row: Row, problems: list[Problem]) -> ReviewRecord | None:
    before = len(problems)

    def fail(column: str, value: str | None, message: str) -> None:
        problems.append(Problem(file, line, column, value, message))

    if None in row:  # csv puts cells beyond the header under the key None
        fail("(beyond the header)", None, "more cells than columns")
    cell = {k: (v or "").strip() for k, v in row.items() if isinstance(k, str)}
    for column in REQUIRED:
        if not cell.get(column) and column not in ("commissioning_body", "la_codes"):
            fail(column, None, "a fact without a source" if column == "source" else "required")
    rid = cell.get("id", "")
    if rid and not _ID.match(rid):
        fail("id", rid, "ids are lowercase kebab-case, e.g. barnet-cspr-2021-01")
    kind = KINDS.get(cell.get("kind", ""))
    if cell.get("kind") and kind is None:
        fail("kind", cell["kind"], f"unknown kind; one of {', '.join(sorted(KINDS))}")
    status_text = cell.get("status", "")
    status = status_of(status_text) if status_text else None
    if status_text and status is None:
        phrases = ", ".join(p for p, _ in STATUSES)
        fail("status", status_text, f"unknown status; it must start with one of {phrases}")
    confidence = _confidence(cell.get("confidence", ""), fail)
    source = cell.get("source", "")
    if source and not _URL.match(source):
        fail("source", source, "expected one http(s) address")
    body, body_note = cell.get("commissioning_body", ""), ""
    if not body and rid in controls.REVIEW_BODIES:
        body, body_note = controls.REVIEW_BODIES[rid]
    elif not body:
        fail("commissioning_body", None, "required: the body that commissioned the review")
    las = tuple(c.strip() for c in cell.get("la_codes", "").split(";") if c.strip())
    for la in las:
        if not (la.startswith("E") and valid_code(Scheme.GSS, la)):
            fail(
                "la_codes", la, "not an English GSS code (a letter E and 8 digits, e.g. E06000001)"
            )
    dates: dict[str, PartialDate | None] = {}
    for column in DATES:
        text = cell.get(column, "")
        try:
            dates[column] = PartialDate.parse(text) if text else None
        except ValueError as err:
            fail(column, text, str(err))
            dates[column] = None
    known = [(c, d) for c, d in dates.items() if d is not None]
    for (c1, d1), (c2, d2) in pairwise(known):
        if not d1.not_after(d2):
            fail(c2, str(d2), f"before {c1} ({d1}): dates run notified, commissioned, published")
    if len(problems) > before or kind is None or status is None or confidence is None:
        return None
    themes = tuple(t.strip() for t in cell.get("themes", "").split(";") if t.strip())
    return ReviewRecord(
        rid,
        kind,
        cell["title"],
        body,
        las,
        status,
        status_text,
        source,
        confidence,
        file,
        line,
        dates["notified"],
        dates["commissioned"],
        dates["published"],
        themes,
        cell.get("note", ""),
        body_note,
    )


def _confidence(text: str, fail: Callable[[str, str | None, str], None]) -> Confidence | None:
    try:
        return Confidence(text)
    except ValueError:
        allowed = ", ".join(c.value for c in Confidence)
        fail("confidence", text or None, f"{'unknown' if text else 'required'}; one of {allowed}")
        return None
