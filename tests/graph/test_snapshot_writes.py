"""Writing a snapshot: atomic, safe when several writers race for one file, and clear when it
cannot be written."""

from __future__ import annotations

import os
import stat
import threading
from datetime import date
from pathlib import Path

import pytest

from graph import snapshot
from graph.errors import StoreError
from graph.model import Node, Period, Provenance
from graph.temporal import TemporalGraph


def small_graph(name: str) -> TemporalGraph:
    g = TemporalGraph()
    source = (Provenance("pfa.csv", "line 2"),)
    g.add_node(Node("pfa:E23000001", "PoliceForceArea", name, Period(date(2019, 4, 1)), source))
    return g.freeze()


def test_writers_racing_for_one_file_all_succeed(tmp_path: Path) -> None:
    out = tmp_path / "landscape.json.gz"
    failures: list[BaseException] = []

    def write(n: int) -> None:
        g = small_graph(f"writer {n}")
        for _ in range(150):
            try:
                snapshot.save(g, out)
            except BaseException as exc:  # one shared temporary name: another renamed it away
                failures.append(exc)
                return

    threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
    assert snapshot.load(out).node("pfa:E23000001").name.startswith("writer ")
    assert [p.name for p in tmp_path.iterdir()] == ["landscape.json.gz"]


def test_a_folder_that_cannot_be_written_is_a_store_error(tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    with pytest.raises(StoreError, match=r"cannot write .*a-file/landscape.json.gz: "):
        snapshot.save(small_graph("x"), blocked / "landscape.json.gz")


def test_a_snapshot_gets_the_permissions_of_the_umask(tmp_path: Path) -> None:
    umask = os.umask(0o022)  # the common default, whatever this process had
    try:
        out = tmp_path / "landscape.json.gz"
        snapshot.save(small_graph("Essex"), out)
        assert stat.S_IMODE(out.stat().st_mode) == 0o644  # readable by others, as a file cp makes
        assert [p.name for p in tmp_path.iterdir()] == ["landscape.json.gz"]  # no temporary left
    finally:
        os.umask(umask)
