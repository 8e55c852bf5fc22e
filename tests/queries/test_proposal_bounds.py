"""A proposal file or input that is wrong in a hurtful way is refused with one line naming the
operation and field: impossible dates, YAML aliases that expand to billions of values, lists of
tens of thousands of codes. Never a traceback, never memory or minutes spent on the refusal."""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

import pytest

from graph.errors import ProposalError
from queries.proposal import MAX_BYTES, load_proposal, parse_proposal

ROOT = Path(__file__).resolve().parents[2]
MEMORY = 1_500_000_000  # bytes a refusal may take (the CLI with the bundled graph needs ~400 MB)
WAIT = 60  # seconds before a refusal counts as hung


def proposal_yaml(effective: str, operation: str = "") -> str:
    op = operation or "  - kind: recode\n    entity: E10000012\n    code: E10000099\n"
    return f"name: test\neffective: {effective}\noperations:\n{op}"


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    """``safeguarding ARGS`` in a child process held to MEMORY bytes and WAIT seconds."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))

    return subprocess.run(
        [sys.executable, "-m", "safeguarding.cli", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=WAIT,
        preexec_fn=limit,
        check=False,
    )


@pytest.mark.parametrize(
    ("effective", "message"),
    [
        ("0001-01-01", "field effective: 0001-01-01 is too early"),
        ('"0001-01-01"', "field effective: 0001-01-01 is too early"),
        (
            "2027-02-30",
            "field effective: '2027-02-30' is not a date (YYYY-MM-DD): day is out of range for month",
        ),
        ("2027-13-01", "field effective: '2027-13-01' is not a date"),
        ("yesterday", "field effective: 'yesterday' is not a date"),
    ],
)
def test_an_impossible_date_is_one_line_from_the_cli(
    tmp_path: Path, effective: str, message: str
) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(proposal_yaml(effective), encoding="utf-8")
    done = cli("impact", str(path))
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    [line] = done.stderr.splitlines()
    assert line.startswith("safeguarding impact: operation proposal, ") and message in line


def test_the_earliest_date_is_refused_without_overflow() -> None:
    with pytest.raises(ProposalError, match="0001-01-01 is too early"):
        parse_proposal({"effective": "0001-01-01", "operations": [{"kind": "recode"}]})


def laughs(levels: int = 9) -> str:
    """A 'billion laughs': each anchor lists the previous one nine times (9**levels values)."""
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    "tail",
    [
        "name: *l8\neffective: 2027-04-01\noperations: [{kind: recode, entity: E10000012, code: X}]\n",
        "name: x\neffective: 2027-04-01\noperations: [{kind: create_la, name: x, districts: *l8}]\n",
        "name: x\neffective: *l8\noperations: []\n",
    ],
)
def test_a_billion_laughs_is_refused_in_bounded_memory(tmp_path: Path, tail: str) -> None:
    path = tmp_path / "laughs.yaml"
    path.write_text(laughs() + tail, encoding="utf-8")
    assert path.stat().st_size < 700
    done = cli("impact", str(path))
    assert done.returncode == 2, done.stderr[-2000:]
    [line] = done.stderr.splitlines()
    assert "laughs.yaml line" in line and "once its aliases are expanded" in line


def test_a_proposal_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_text(proposal_yaml("2027-04-01") + "#" * MAX_BYTES, encoding="utf-8")
    with pytest.raises(ProposalError, match=r"huge.yaml: \d+ bytes, over the limit of 1000000"):
        load_proposal(path)


def test_an_alias_inside_itself_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "loop.yaml"
    path.write_text("name: &n [*n]\neffective: 2027-04-01\noperations: []\n", encoding="utf-8")
    with pytest.raises(ProposalError, match="an alias inside the value it names"):
        load_proposal(path)


def test_a_long_list_of_codes_is_checked_in_linear_time(tmp_path: Path) -> None:
    codes = [f"E07{i:06d}" for i in range(60_000)]
    operation = (
        f"  - kind: create_la\n    name: Big\n    districts: [{', '.join([*codes, codes[-1]])}]\n"
    )
    path = tmp_path / "big.yaml"
    path.write_text(proposal_yaml("2027-04-01", operation), encoding="utf-8")
    script = (
        "import sys; from queries.proposal import load_proposal\n"
        "try:\n    load_proposal(sys.argv[1])\nexcept Exception as e:\n    print(e)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=15,
        check=False,
    )  # quadratic, this took half a minute; linear, well under a second
    assert done.stdout.strip() == (
        "operation #1 create_la, field districts[60000]: 'E07059999' is listed twice"
    )


def test_a_refusal_quotes_a_value_cut_short() -> None:
    with pytest.raises(ProposalError) as err:
        parse_proposal({"name": list(range(10_000)), "effective": "2027-04-01", "operations": [1]})
    assert str(err.value) == "operation proposal, field name: expected text, got [0, 1, 2, 3, ...]"
