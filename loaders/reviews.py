"""Parse and validate a file of safeguarding reviews (CSPRs, SARs, DHRs...) into records.

The file is YAML (a top-level ``reviews:`` list) or CSV with the same columns, list columns
(``local_authorities``, ``themes``) separated by ``;``. The schema is in ``registry/SCHEMA.md``.
Every problem in the file is collected, then one LoadError is raised; otherwise all records load.

>>> import tempfile
>>> f = Path(tempfile.mkdtemp()) / "reviews.csv"
>>> _ = f.write_text(
...     "id,kind,commissioning_body,local_authorities,published,status,source,confidence\\n"
...     "r-1,domestic_abuse_related_death_review,E22000001,E06000001,2024-05-01,published,"
...     "https://example.org/r1,quoted\\n")
>>> [(r.id, r.kind.value, r.published) for r in load_reviews(f)]
[('r-1', 'domestic_homicide_review', datetime.date(2024, 5, 1))]
"""

from __future__ import annotations

import csv
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path

from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from graph.codes import Scheme, valid_code
from graph.errors import LoadError, Problem
from graph.model import Confidence, Period
from loaders.registry import MAX_BYTES, MAX_VALUES, la_code_problem, parse_date
from loaders.yamlfile import compose_text, read_text

FIELDS = (
    "id",
    "kind",
    "commissioning_body",
    "local_authorities",
    "notified",
    "commissioned",
    "published",
    "status",
    "themes",
    "source",
    "confidence",
)
LIST_FIELDS = ("local_authorities", "themes")
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_URL = re.compile(r"^https?://\S+$")


class ReviewKind(StrEnum):
    RAPID_REVIEW = "rapid_review"
    LOCAL_CSPR = "local_cspr"
    NATIONAL_REVIEW = "national_review"
    SERIOUS_CASE_REVIEW = "serious_case_review"
    SAFEGUARDING_ADULT_REVIEW = "safeguarding_adult_review"
    DOMESTIC_HOMICIDE_REVIEW = "domestic_homicide_review"
    CHILD_DEATH_REVIEW = "child_death_review"


KIND_ALIASES = {"domestic_abuse_related_death_review": ReviewKind.DOMESTIC_HOMICIDE_REVIEW}
"""Other names accepted for a kind: DHRs are now called domestic abuse related death reviews."""


class ReviewStatus(StrEnum):
    NOTIFIED = "notified"
    RAPID_REVIEW = "rapid_review"
    COMMISSIONED = "commissioned"
    IN_PROGRESS = "in_progress"
    PUBLISHED = "published"
    CLOSED = "closed"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class ReviewRecord:
    """One review. ``commissioning_body`` is a registry id or a GSS code (e.g. an E22 CSP)."""

    id: str
    kind: ReviewKind
    commissioning_body: str
    local_authorities: tuple[str, ...]
    status: ReviewStatus
    source: str
    confidence: Confidence
    notified: date | None = None
    commissioned: date | None = None
    published: date | None = None
    themes: tuple[str, ...] = ()


Raw = dict[str, tuple[int, str | list[str]]]
"""One entry as read: field name to (line, text or list of texts)."""


def _yaml_rows(path: Path, problems: list[Problem]) -> list[tuple[int, Raw]]:
    name = str(path)
    try:  # within bounds: no YAML alias expanding to billions of reviews
        root = compose_text(read_text(path, MAX_BYTES), name, MAX_VALUES)
    except LoadError as err:
        problems.extend(err.problems)
        return []
    if root is None:
        return []
    top = dict((k.value, v) for k, v in root.value) if isinstance(root, MappingNode) else {}
    items = top.get("reviews")
    if not isinstance(items, SequenceNode):
        problems.append(Problem(name, 1, "reviews", None, "expected a top-level 'reviews:' list"))
        return []
    rows = []
    for item in items.value:
        line = item.start_mark.line + 1
        if not isinstance(item, MappingNode):
            problems.append(Problem(name, line, "reviews", None, "expected a mapping"))
            continue
        raw: Raw = {}
        for key, value in item.value:
            where = value.start_mark.line + 1
            if isinstance(value, SequenceNode):
                raw[key.value] = (where, [str(v.value) for v in value.value])
            elif isinstance(value, ScalarNode):
                raw[key.value] = (where, str(value.value))
            else:
                problems.append(Problem(name, where, key.value, None, "expected a value or list"))
        rows.append((line, raw))
    return rows


def _csv_rows(path: Path, problems: list[Problem]) -> list[tuple[int, Raw]]:
    rows = []
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        for row in reader:
            line = reader.line_num
            raw: Raw = {}
            for key, text in row.items():
                if key is None:
                    problems.append(Problem(str(path), line, None, None, "more cells than columns"))
                elif text:
                    parts = [t.strip() for t in text.split(";") if t.strip()]
                    raw[key] = (line, parts if key in LIST_FIELDS else text.strip())
            rows.append((line, raw))
    return rows


def load_reviews(
    path: Path,
    authorities: Mapping[str, Period] | None = None,
    bodies: Collection[str] | None = None,
) -> tuple[ReviewRecord, ...]:
    """Read reviews from YAML or CSV (by suffix). With ``authorities``, LA codes must be known;
    with ``bodies`` (registry ids), a non-GSS ``commissioning_body`` must be one of them."""
    problems: list[Problem] = []
    reader = _csv_rows if path.suffix.lower() == ".csv" else _yaml_rows
    rows = reader(path, problems)
    records, seen = [], set[object]()
    for line, raw in rows:
        rec = _review(str(path), line, raw, problems, authorities, bodies)
        rid = raw.get("id", (line, ""))[1]
        if rid and str(rid) in seen:
            problems.append(Problem(str(path), line, f"{rid}.id", str(rid), "duplicate id"))
        seen.add(str(rid))
        if rec is not None:
            records.append(rec)
    if problems:
        raise LoadError(problems)
    return tuple(records)


def _review(
    file: str,
    line: int,
    raw: Raw,
    problems: list[Problem],
    authorities: Mapping[str, Period] | None,
    bodies: Collection[str] | None,
) -> ReviewRecord | None:
    got = raw.get("id", (line, ""))[1]
    rid = got if isinstance(got, str) else ""
    eid = rid or f"(entry at line {line})"
    before = len(problems)

    def fail(field: str, value: str | None, message: str) -> None:
        problems.append(
            Problem(file, raw[field][0] if field in raw else line, f"{eid}.{field}", value, message)
        )

    for key in raw:
        if key not in FIELDS:
            fail(key, key, f"unknown field; allowed: {', '.join(FIELDS)}")
    for key in ("id", "kind", "commissioning_body", "status", "source", "confidence"):
        if key not in raw:
            fail(key, None, "a fact without a source" if key == "source" else "required field")

    def one(field: str) -> str:
        value = raw.get(field, (line, ""))[1]
        if isinstance(value, list):
            fail(field, ", ".join(value), "expected a single value, not a list")
            return ""
        return value

    def many(field: str) -> tuple[str, ...]:
        value = raw.get(field, (line, []))[1]
        return tuple(value) if isinstance(value, list) else (value,)

    def choice(field: str, kinds: Mapping[str, StrEnum]) -> StrEnum | None:
        value = one(field)
        if value and value not in kinds:
            fail(field, value, f"unknown value; one of {', '.join(sorted(kinds))}")
        return kinds.get(value)

    def day(field: str) -> date | None:
        value = one(field)
        try:
            return parse_date(value) if value else None
        except ValueError:
            fail(field, value, "malformed date; expected YYYY-MM-DD")
            return None

    if rid and not _ID.match(rid):
        fail("id", rid, "ids are lowercase kebab-case, e.g. barnet-cspr-2021-01")
    kind = choice("kind", {**{k.value: k for k in ReviewKind}, **KIND_ALIASES})
    status = choice("status", {s.value: s for s in ReviewStatus})
    confidence = choice("confidence", {c.value: c for c in Confidence})
    source, body = one("source"), one("commissioning_body")
    if source and not _URL.match(source):
        fail("source", source, "expected an http(s) address")
    if body and not _english_gss(body) and (bodies is not None and body not in bodies):
        fail("commissioning_body", body, "neither a GSS code nor a known registry id")
    las = many("local_authorities")
    for la in las:
        why = (
            la_code_problem(la, authorities.get(la, Period()), authorities)
            if authorities
            else (None if _english_gss(la) else "not a GSS code (e.g. E06000001)")
        )
        if why:
            fail("local_authorities", la, why)
    dates = [day("notified"), day("commissioned"), day("published")]
    known = [d for d in dates if d is not None]
    if known != sorted(known):
        fail(
            "published",
            ", ".join(map(str, known)),
            "dates must run notified ≤ commissioned ≤ published",
        )
    if len(problems) > before:
        return None
    assert isinstance(kind, ReviewKind) and isinstance(status, ReviewStatus)
    assert isinstance(confidence, Confidence)
    notified, commissioned, published = dates
    return ReviewRecord(
        rid,
        kind,
        body,
        las,
        status,
        source,
        confidence,
        notified,
        commissioned,
        published,
        many("themes"),
    )


def _english_gss(code: str) -> bool:
    return code.startswith("E") and valid_code(Scheme.GSS, code)
