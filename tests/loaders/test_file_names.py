"""Facts name the files they were read from, whatever those files are called: users download
newer vintages under any name, so no file name may be written into the code."""

from __future__ import annotations

import re
from pathlib import Path

from loaders.geography import build_geography

GEOGRAPHY = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "geography"


def test_every_fact_names_a_file_of_the_folder(tmp_path: Path) -> None:
    folder = tmp_path / "downloads"
    folder.mkdir()
    for i, src in enumerate(sorted(GEOGRAPHY.glob("*.csv"))):
        (folder / f"download ({i}).csv").symlink_to(src)
    g = build_geography(folder)
    named = {
        name
        for item in [*g.all_nodes(), *g.all_edges()]
        for p in item.provenance
        for name in re.findall(r"download \(\d+\)\.csv|[\w.-]+\.csv", f"{p.source} {p.locator}")
    }
    present = {p.name for p in folder.iterdir()}
    assert named and named <= present, sorted(named - present)
