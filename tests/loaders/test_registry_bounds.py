"""Registry files that would exhaust memory or time are refused within bounds: YAML aliases
that expand to billions of values, an entry aliased thousands of times (every overlap is one
problem, and at most ``PER_KIND`` of a kind are listed), files over the size limit."""

from __future__ import annotations

import resource
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from graph.errors import LoadError
from graph.model import Period
from loaders.problems import PER_KIND
from loaders.registry import MAX_BYTES, load_registry

ROOT = Path(__file__).resolve().parents[2]
AUTHORITIES = {"E06000001": Period(date(1996, 4, 1)), "E06000002": Period(date(1996, 4, 1))}
SOURCES = 'sources: [{url: "https://example.org/x", confidence: quoted}]'
BOARDS = "safeguarding_adults_boards: []\n"


def registry(tmp_path: Path, partnerships: str, boards: str = BOARDS) -> Path:
    (tmp_path / "childrens_partnerships.yaml").write_text(partnerships, encoding="utf-8")
    (tmp_path / "boards.yaml").write_text(boards, encoding="utf-8")
    return tmp_path


def partnership(members: str, form: str = "joint") -> str:
    return (
        "partnerships:\n  - id: x-scp\n    name: X Safeguarding Children Partnership\n"
        f"    form: {form}\n    members: {members}\n    {SOURCES}\n"
    )


def load_in_child(folder: Path, memory: int = 800_000_000) -> subprocess.CompletedProcess[str]:
    """Load ``folder`` as a registry in a child process held to ``memory`` bytes and 60 s."""
    script = (
        "import sys\nfrom datetime import date\nfrom graph.model import Period\n"
        "from graph.errors import LoadError\nfrom loaders.registry import load_registry\n"
        "authorities = {'E06000001': Period(date(1996, 4, 1))}\n"
        "try:\n    load_registry(__import__('pathlib').Path(sys.argv[1]), authorities)\n"
        "except LoadError as err:\n    print(len(err.problems)); print(err)\n"
    )

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    return subprocess.run(
        [sys.executable, "-c", script, str(folder)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=limit,
        check=False,
    )


def test_one_member_aliased_two_thousand_times_is_a_bounded_report(tmp_path: Path) -> None:
    members = "[&m {la: E06000001, from: 2019-09-29}" + ", *m" * 1999 + "]"
    done = load_in_child(registry(tmp_path, partnership(members)))
    assert done.returncode == 0, done.stderr[-2000:]
    count, head, *lines = done.stdout.splitlines()
    assert int(count) == PER_KIND + 1  # before: 2 million problems in 955 MB
    assert head.startswith(f"{PER_KIND + 1} problems in ")
    assert (
        "overlapping membership: E06000001 is also in x-scp.members[0] over [2019-09-29, …)"
        in lines[0]
    )
    assert lines[-1].endswith(
        "column x-scp.members[].la: … and 1979 more like this (overlapping membership: "
        "E06000001 is also in x-scp.members[0] over [2019-09-29, …))"
    )


def test_every_overlap_is_still_found(tmp_path: Path) -> None:
    members = (
        "[{la: E06000001, from: 2019-09-29, to: 2021-01-01}, {la: E06000001, from: 2020-01-01, to: 2020-02-01},"
        " {la: E06000001, from: 2020-06-01, to: 2022-01-01}, {la: E06000001, from: 2022-01-01},"
        " {la: E06000002, from: 2019-09-29}]"
    )
    with pytest.raises(LoadError) as err:
        load_registry(registry(tmp_path, partnership(members)), AUTHORITIES)
    assert [(p.column, p.message) for p in err.value.problems] == [
        (
            "x-scp.members[1].la",
            "overlapping membership: E06000001 is also in x-scp.members[0] over [2019-09-29, 2021-01-01)",
        ),
        (
            "x-scp.members[2].la",
            "overlapping membership: E06000001 is also in x-scp.members[0] over [2019-09-29, 2021-01-01)",
        ),
    ]


def test_form_single_with_two_las_on_one_day_is_refused(tmp_path: Path) -> None:
    members = (
        "[{la: E06000001, from: 2019-09-29, to: 2020-01-01}, {la: E06000002, from: 2019-12-31}]"
    )
    with pytest.raises(LoadError) as err:
        load_registry(registry(tmp_path, partnership(members, "single")), AUTHORITIES)
    [problem] = err.value.problems
    assert problem.message == "form single, but two LAs share a day"
    one_after_the_other = (
        "[{la: E06000001, from: 2019-09-29, to: 2020-01-01}, {la: E06000002, from: 2020-01-01}]"
    )
    load_registry(registry(tmp_path, partnership(one_after_the_other, "single")), AUTHORITIES)


def test_a_billion_laughs_is_refused(tmp_path: Path) -> None:
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, 9)]
    text = "\n".join(lines) + "\npartnerships: *l8\n"
    done = load_in_child(registry(tmp_path, text))
    assert done.returncode == 0, done.stderr[-2000:]
    assert "childrens_partnerships.yaml line" in done.stdout
    assert "once its aliases are expanded" in done.stdout


def test_a_registry_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    folder = registry(tmp_path, partnership("[]"), BOARDS + "#" * MAX_BYTES)
    with pytest.raises(LoadError) as err:
        load_registry(folder, AUTHORITIES)
    assert any(
        p.file.endswith("boards.yaml") and f"over the limit of {MAX_BYTES}" in p.message
        for p in err.value.problems
    )
