"""The corruption class: a copy of the real geography files (links to them) with one file
corrupted one way at a time. Each corrupted folder is refused with the file, and the line,
column and value where the corruption has them; or, for the few corruptions the landscape does
not depend on (listed in HARMLESS, each with its reason), the build gives the very same facts.

Kinds, for every file: a first code of a data row that is of no nation's form (``X…``) or in
lower case (``e…``); the header alone; the file deleted; re-encoded as UTF-16; a Latin-1 byte on
line 3; binary bytes. And one of each: a directory named ``x.csv``, a link in a loop, DfE and
mySociety end dates before their starts, a district moved to another police force, county or
ICB in one vintage. The end-to-end check (the ``build`` command refuses, exit 2, the snapshot
untouched) is run for one corruption of each stage at the bottom.

The unchanged files of a folder are links to the real ones, so each is parsed once for the
whole module (``reader``): only the corrupted file is read again, and the build and its checks
run in full for every corruption that gets past parsing.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from graph.errors import LoadError, Problem
from graph.temporal import TemporalGraph
from loaders.catalogue import SourceFile
from loaders.geography import build_from
from loaders.sources import read_source, read_sources
from loaders.table import logical
from safeguarding.cli import main

GEOGRAPHY = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "geography"
FILES = sorted(p.name for p in GEOGRAPHY.glob("*.csv"))
NEVER_READ = "la_gss_to_registry_mysociety.csv"  # mySociety's main register has the same codes
HARMLESS: dict[tuple[str, str], str] = {
    **{
        (NEVER_READ, kind): "the build never reads this file"
        for kind in ("x", "e", "header", "latin1", "deleted")
    },
    ("ccg19_names_codes_en_ons.csv", "deleted"): "the 2019 LSOA lookup has the same ODS codes",
    ("ccg19_stp19_en_ons.csv", "deleted"): "the 2019 LSOA lookup has the same ODS codes",
    ("ccg20_names_codes_en_ons.csv", "deleted"): "the 2020 LSOA lookup has the same ODS codes",
    ("ccg20_stp20_en_ons.csv", "deleted"): "the 2020 LSOA lookup has the same ODS codes",
    ("lad20_cty20_en_ons.csv", "deleted"): "the same counties as the 2019 tier lookup",
    ("lad21_cty21_en_ons.csv", "deleted"): "the same counties as the 2021 tier lookup",
    ("ltla21_utla21_ew_ons.csv", "deleted"): "the same counties as the 2021 county lookup",
    ("ltla23_utla23_ew_ons.csv", "deleted"): "the 2021 counties go on with their districts",
    ("lsoa11_lsoa21_lad22_en_ons.csv", "deleted"): "the LSOA bridge is checked, not built on",
    ("pop_lad21_mid2020_ew_ons.csv", "deleted"): "district population is checked, not built on",
}
Rows = list[list[str]]


# -- the real files, parsed once ------------------------------------------------------------------


@pytest.fixture(scope="module")
def reader() -> Callable[[SourceFile], Any]:
    """``read_source``, remembering what it parsed of each real file (by its resolved path)."""
    memo: dict[tuple[str, Path], Any] = {}
    real = GEOGRAPHY.resolve()

    def read(sf: SourceFile) -> Any:
        path = sf.path.resolve()
        if path.parent != real:
            return read_source(sf)  # a corrupted copy: read it
        key = (sf.format, path)
        if key not in memo:
            memo[key] = read_source(sf)
        return memo[key]

    return read


def facts(g: TemporalGraph) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """What the graph says (every node and edge with its period), without where it was read."""
    nodes = sorted(
        (n.id, n.kind, n.name, str(n.period), sorted(map(str, n.identifiers)), repr(n.attrs))
        for n in g.all_nodes()
    )
    edges = sorted(
        (e.source, e.target, e.relation, str(e.period), repr(e.attrs)) for e in g.all_edges()
    )
    return nodes, edges


@pytest.fixture(scope="module")
def real_facts(reader: Callable[[SourceFile], Any]) -> tuple[list[Any], list[Any]]:
    return facts(build_from(read_sources(GEOGRAPHY, reader)))


def outcome(folder: Path, reader: Callable[[SourceFile], Any]) -> LoadError | TemporalGraph:
    try:
        return build_from(read_sources(folder, reader))
    except LoadError as err:
        return err


# -- making a corrupted copy ----------------------------------------------------------------------


def copy_with(tmp: Path, name: str, content: bytes | None) -> Path:
    """A folder of links to the real files, with ``name`` replaced by ``content`` (None: gone)."""
    folder = tmp / "geography"
    folder.mkdir()
    for other in FILES:
        if other != name:
            (folder / other).symlink_to(GEOGRAPHY / other)
    if content is not None:
        (folder / name).write_bytes(content)
    return folder


def rows_of(name: str) -> Rows:
    with (GEOGRAPHY / name).open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def written(rows: Rows) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def first_code(name: str) -> tuple[int, str, str]:
    """(line, column, value) of the first English code of the file's first code column."""
    rows = rows_of(name)
    header = rows[0]
    named = ("gss-code", "new_la_code", "lsoa11_code", "lsoa21_code")
    col = next(
        i for i, h in enumerate(header) if h in named or ((lg := logical(h)) and lg[2] == "code")
    )
    line = next(i for i, r in enumerate(rows) if i and r[col].startswith("E"))
    return line + 1, header[col], rows[line][col]


def with_code(name: str, code: Callable[[str], str]) -> tuple[bytes, tuple[int, str, str]]:
    line, column, value = first_code(name)
    rows = rows_of(name)
    rows[line - 1][rows[0].index(column)] = code(value)
    return written(rows), (line, column, code(value))


# -- the corruptions of every file ----------------------------------------------------------------


def expect(
    result: LoadError | TemporalGraph,
    name: str,
    kind: str,
    real_facts: tuple[list[Any], list[Any]],
    where: tuple[int | None, str | None, str | None] | None = None,
) -> None:
    """Refused naming ``name`` (at ``where``: line, column, value; None where not known), or,
    for a corruption listed in HARMLESS, built with the real facts."""
    if (name, kind) in HARMLESS:
        assert isinstance(result, TemporalGraph), f"{name}: {result}"
        assert facts(result) == real_facts
        return
    assert isinstance(result, LoadError), f"{name} {kind}: built, and the landscape changed"
    mine = [p for p in result.problems if p.file.endswith(name) or name in p.message]
    assert mine or kind == "deleted", str(result)
    if where is not None:
        line, column, value = where
        assert any((p.line, p.column, p.value) == (line, column, value) for p in mine), str(result)


@pytest.mark.parametrize("name", FILES)
@pytest.mark.parametrize("kind", ["x", "e"])
def test_a_first_code_of_no_nation_is_refused(
    tmp_path: Path, reader: Any, real_facts: Any, name: str, kind: str
) -> None:
    content, where = with_code(name, lambda c: ("X" if kind == "x" else "e") + c[1:])
    result = outcome(copy_with(tmp_path, name, content), reader)
    expect(result, name, kind, real_facts, where)


@pytest.mark.parametrize("name", FILES)
def test_a_file_of_its_header_alone_is_refused(
    tmp_path: Path, reader: Any, real_facts: Any, name: str
) -> None:
    content = written(rows_of(name)[:1])
    expect(outcome(copy_with(tmp_path, name, content), reader), name, "header", real_facts)


@pytest.mark.parametrize("name", FILES)
def test_a_deleted_file_is_refused_naming_what_it_costs(
    tmp_path: Path, reader: Any, real_facts: Any, name: str
) -> None:
    result = outcome(copy_with(tmp_path, name, None), reader)
    expect(result, name, "deleted", real_facts)
    if isinstance(result, LoadError):
        assert all(p.message for p in result.problems)


@pytest.mark.parametrize("name", FILES)
def test_a_utf16_file_is_refused_at_line_1(
    tmp_path: Path, reader: Any, real_facts: Any, name: str
) -> None:
    text = (GEOGRAPHY / name).read_text(encoding="utf-8-sig")
    result = outcome(copy_with(tmp_path, name, text.encode("utf-16")), reader)
    expect(result, name, "utf16", real_facts, (1, None, None))
    assert isinstance(result, LoadError) and "UTF-16" in str(result)


@pytest.mark.parametrize("name", FILES)
def test_a_latin1_byte_is_refused_with_its_line_and_column(
    tmp_path: Path, reader: Any, real_facts: Any, name: str
) -> None:
    data = (GEOGRAPHY / name).read_bytes()
    lines = data.split(b"\n")
    first_cell = lines[2].split(b",")[0].decode()
    lines[2] = lines[2].replace(b",", b"\xe9,", 1)
    header = rows_of(name)[0][0]
    result = outcome(copy_with(tmp_path, name, b"\n".join(lines)), reader)
    expect(result, name, "latin1", real_facts, (3, header, first_cell + "\ufffd"))


@pytest.mark.parametrize("name", FILES)
def test_a_binary_file_is_refused(tmp_path: Path, reader: Any, real_facts: Any, name: str) -> None:
    content = bytes(range(256)) * 64
    result = outcome(copy_with(tmp_path, name, content), reader)
    expect(result, name, "binary", real_facts, (1, None, None))


# -- one of each ----------------------------------------------------------------------------------


def test_a_directory_named_csv_is_refused(tmp_path: Path, reader: Any) -> None:
    folder = copy_with(tmp_path, "x.csv", None)
    (folder / "x.csv").mkdir()
    err = outcome(folder, reader)
    assert isinstance(err, LoadError)
    assert [str(p) for p in err.problems] == ["x.csv: a directory, not a file"]


def test_a_link_in_a_loop_is_refused(tmp_path: Path, reader: Any) -> None:
    folder = copy_with(tmp_path, "loop.csv", None)
    os.symlink("loop.csv", folder / "loop.csv")
    err = outcome(folder, reader)
    assert isinstance(err, LoadError)
    [problem] = err.problems
    assert (
        problem.file == "loop.csv"
        and "cannot be read: Too many levels of symbolic links" in problem.message
    )


def edited(name: str, line: int, column: str, value: str) -> bytes:
    rows = rows_of(name)
    rows[line - 1][rows[0].index(column)] = value
    return written(rows)


def only(err: LoadError | TemporalGraph) -> Iterator[Problem]:
    assert isinstance(err, LoadError), "built, and the landscape changed"
    yield from err.problems


def test_a_dfe_end_before_its_start_is_refused(tmp_path: Path, reader: Any) -> None:
    name = "la_dfe_old_new_codes.csv"  # line 148: Cumbria, 01/01/2009 to 31/03/2023
    content = edited(name, 148, "date_of_termination", "31/03/2008")
    [problem] = only(outcome(copy_with(tmp_path, name, content), reader))
    assert (problem.file, problem.line, problem.column, problem.value) == (
        name,
        148,
        "date_of_termination",
        "31/03/2008",
    )
    assert problem.message == "before date_of_operation 2009-01-01"


def test_a_mysociety_end_before_its_start_is_refused(tmp_path: Path, reader: Any) -> None:
    name = "la_uk_local_authorities_mysociety.csv"
    rows = rows_of(name)
    code = rows[0].index("local-authority-code")
    line = next(i + 1 for i, r in enumerate(rows) if r[code] == "SWT")  # 2019-04-01 to 2023
    content = edited(name, line, "end-date", "2018-01-01")
    problems = list(only(outcome(copy_with(tmp_path, name, content), reader)))
    assert [(p.line, p.column, p.value, p.message) for p in problems] == [
        (line, "end-date", "2018-01-01", "before start-date 2019-04-01")
    ]


def test_a_district_moved_to_another_force_in_one_vintage_is_refused(
    tmp_path: Path, reader: Any
) -> None:
    name = "lad24_csp24_pfa24_ew_ons.csv"  # line 216: Basildon, Essex Police
    rows = rows_of(name)
    assert rows[215][:2] == ["E07000066", "Basildon"] and rows[215][4] == "E23000028"
    rows[215][4:6] = ["E23000032", "Kent"]
    problems = list(only(outcome(copy_with(tmp_path, name, written(rows)), reader)))
    assert [(p.file, p.line, p.value) for p in problems] == [(name, 216, "E07000066")]
    assert problems[0].message == (
        "Basildon Borough Council moves from pfa:E23000028 to pfa:E23000032 on 2024-04-01 (its "
        "police force area) with no change event: a corrupted row, or a boundary change the "
        "build does not know"
    )


def test_a_district_moved_to_another_county_in_one_vintage_is_refused(
    tmp_path: Path, reader: Any
) -> None:
    name = "lad20_cty20_en_ons.csv"  # line 239: Basildon in Essex
    content = edited(name, 239, "CTY20CD", "E10000015")
    problems = list(only(outcome(copy_with(tmp_path, name, content), reader)))
    assert {(p.file, p.line, p.value) for p in problems} == {
        (name, 239, "E07000066"),  # to Hertfordshire in 2020
        ("lad21_cty21_en_ons.csv", 115, "E07000066"),  # and back to Essex in 2021
    }
    assert all("with no change event" in p.message for p in problems)


def test_a_district_moved_to_another_icb_in_one_vintage_is_refused(
    tmp_path: Path, reader: Any
) -> None:
    lads = {r[0]: r[2] for r in rows_of("lsoa21_lad24_en_ons.csv")[1:]}
    name = "lsoa21_sicbl24_icb24_en_ons.csv"
    rows = rows_of(name)
    header = rows[0]
    lsoa = header.index("lsoa21_code")
    basildon = next(i for i, r in enumerate(rows) if i and lads.get(r[lsoa]) == "E07000066")
    kent = next(r for r in rows[1:] if lads.get(r[lsoa]) == "E07000105")  # Ashford
    rows[basildon] = rows[basildon][:2] + kent[2:]
    problems = list(only(outcome(copy_with(tmp_path, name, written(rows)), reader)))
    assert [(p.file, p.column, p.value) for p in problems] == [(name, "lad", "E07000066")]
    assert "Basildon Borough Council gains icb:QKS" in problems[0].message


def test_29_bad_csp_codes_are_each_refused(tmp_path: Path, reader: Any) -> None:
    name = "lad24_csp24_pfa24_ew_ons.csv"
    rows = rows_of(name)
    english = [i for i, r in enumerate(rows) if i and r[0].startswith("E")][:29]
    for i in english:
        rows[i][2] = "X" + rows[i][2][1:]
    problems = list(only(outcome(copy_with(tmp_path, name, written(rows)), reader)))
    listed = [p for p in problems if p.line is not None]
    assert [(p.line, p.column) for p in listed] == [(i + 1, "csp24_code") for i in english[:20]]
    assert problems[-1].message.startswith("… and 9 more like this (not a GSS code of a csp")


# -- end to end: the command refuses, and the snapshot stays ----------------------------------------


@pytest.mark.parametrize(
    ("name", "content"),
    [
        (
            "lad24_csp24_pfa24_ew_ons.csv",
            lambda: (
                (GEOGRAPHY / "lad24_csp24_pfa24_ew_ons.csv")
                .read_text(encoding="utf-8-sig")
                .encode("utf-16")
            ),
        ),
        ("lsoa21_sicbl24_icb24_en_ons.csv", lambda: None),
        (
            "lad24_csp24_pfa24_ew_ons.csv",
            lambda: edited("lad24_csp24_pfa24_ew_ons.csv", 216, "pfa24_code", "E23000032"),
        ),
    ],
    ids=["utf16", "deleted", "moved"],
)
def test_the_build_command_refuses_and_keeps_the_snapshot(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    content: Callable[[], bytes | None],
) -> None:
    folder = copy_with(tmp_path, name, content())
    snapshot = tmp_path / "landscape.json.gz"
    snapshot.write_bytes(b"the previous good graph")
    assert main(["build", "--data", str(folder), "--out", str(snapshot)]) == 2
    assert snapshot.read_bytes() == b"the previous good graph"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["geography", "landscape.json.gz"]
    err = capsys.readouterr().err
    assert err.startswith("safeguarding build: ") and "Traceback" not in err
