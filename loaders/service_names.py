"""Parse and validate ``registry/service_names.yaml``: the names police forces serve under.

The ONS names a police force *area* ("Surrey", "Thames Valley"); people and published arrangements
name the *force* ("Surrey Police", "Thames Valley Police", "Cumbria Constabulary"). This file
records those names, each entry with its public source and confidence, so that search finds a
force by either. Every problem of the file is collected into one :class:`~graph.errors.LoadError`.

>>> import tempfile
>>> f = Path(tempfile.mkdtemp()) / "service_names.yaml"
>>> _ = f.write_text('''police_forces:
...   - code: E23000031
...     names: [Surrey Police]
...     sources: [{url: "https://www.surrey.police.uk", confidence: inferred}]
... ''')
>>> load_service_names(f)[0].names
('Surrey Police',)
>>> _ = f.write_text('''police_forces:
...   - code: E2300031
...     names: []
...     sources: [{url: "www.surrey.police.uk", confidence: maybe}]
... ''')
>>> try:
...     load_service_names(f)
... except LoadError as err:
...     print("\\n".join(str(p) for p in err.problems))
/...yaml line 2, column police_forces[0].code, value 'E2300031': expected a police ...
/...yaml line 2, column police_forces[0].names, value '[]': expected a non-empty ...
/...yaml line 2, column police_forces[0].sources[0].url, value 'www.surrey...': expected an ...
/...yaml line 2, column police_forces[0].sources[0].confidence, value 'maybe': expected ...
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from graph.codes import GSS_PREFIXES
from graph.errors import LoadError, Problem
from graph.model import Confidence

_FORCE = re.compile(rf"({'|'.join(GSS_PREFIXES['pfa'])})\d{{6}}")
_KEYS = frozenset({"code", "names", "sources"})


@dataclass(frozen=True, slots=True)
class ServiceNames:
    """The names one police force area's force serves under, with their sources."""

    code: str
    names: tuple[str, ...]
    sources: tuple[tuple[str, Confidence], ...]
    line: int


def shipped() -> Path:
    """The file shipped in the ``registry`` package."""
    return Path(str(resources.files("registry"))) / "service_names.yaml"


def load_service_names(path: Path | None = None) -> list[ServiceNames]:
    """Every entry of ``path`` (default: the shipped file), or a LoadError naming each problem."""
    path = path or shipped()
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise LoadError([Problem(str(path), None, None, None, f"cannot read: {exc}")]) from None
    problems: list[Problem] = []
    entries: list[ServiceNames] = []
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    items = data.get("police_forces") if isinstance(data, dict) else None
    if not isinstance(items, list) or root is None:
        raise LoadError([Problem(str(path), 1, "police_forces", None, "expected a list")])
    lines = [n.start_mark.line + 1 for n in root.value[0][1].value]  # each entry's first line
    for i, (item, line) in enumerate(zip(items, lines, strict=True)):
        where = f"police_forces[{i}]"

        def bad(column: str, value: Any, message: str, line: int = line) -> None:
            problems.append(Problem(str(path), line, column, str(value), message))

        if not isinstance(item, dict):
            bad(where, item, "expected a mapping with code, names and sources")
            continue
        for key in sorted(set(item) - _KEYS):
            bad(f"{where}.{key}", key, f"unknown field; expected {', '.join(sorted(_KEYS))}")
        code = str(item.get("code", ""))
        if not _FORCE.fullmatch(code):
            bad(f"{where}.code", code, "expected a police force area code (E23 and six digits)")
        names = item.get("names")
        if (
            not isinstance(names, list)
            or not names
            or not all(isinstance(n, str) and n.strip() for n in names)
        ):
            bad(f"{where}.names", names, "expected a non-empty list of names")
            names = []
        sources = _sources(item.get("sources"), f"{where}.sources", bad)
        entries.append(ServiceNames(code, tuple(n.strip() for n in names), sources, line))
    codes = [e.code for e in entries]
    for e in entries:
        if codes.count(e.code) > 1:
            problems.append(Problem(str(path), e.line, "code", e.code, "listed more than once"))
    if problems:
        raise LoadError(problems)
    return entries


def _sources(raw: Any, where: str, bad: Any) -> tuple[tuple[str, Confidence], ...]:
    if not isinstance(raw, list) or not raw:
        bad(where, raw, "expected a non-empty list of {url, confidence}")
        return ()
    out = []
    for j, s in enumerate(raw):
        url = str(s.get("url", "")) if isinstance(s, dict) else ""
        conf = str(s.get("confidence", "")) if isinstance(s, dict) else ""
        if not url.startswith(("https://", "http://")):
            bad(f"{where}[{j}].url", url, "expected an http(s):// address")
        if conf not in {c.value for c in Confidence}:
            bad(f"{where}[{j}].confidence", conf, "expected quoted, inferred or derived")
            continue
        out.append((url, Confidence(conf)))
    return tuple(out)
