"""Boundary topologies: build time, bytes per layer, load and compose times.

Targets (map explorer brief): the district layer of one vintage well under 150 KB gzipped, the
whole file under about 1 MB gzipped, all upper tiers composed from districts well under 100 ms.
Run as ``python -m benchmarks.boundaries_bench``.
"""

from __future__ import annotations

import csv
import gzip
import json
import time
from collections import defaultdict
from pathlib import Path

from benchmarks.table import ms, table, timed
from graph.topology import Topology
from loaders.boundaries import build_boundaries

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
DISTRICTS, UPPER_TIERS = "lad-2024-05", "ctyua-2023-12"


def kb(n: int) -> str:
    return f"{n / 1000:.1f} KB"


def main() -> str:
    t = time.perf_counter()
    data = build_boundaries(SHARED / "boundaries")
    build = time.perf_counter() - t
    doc = json.loads(gzip.decompress(data))
    rows = []
    gzipped: dict[str, int] = {}
    for name, layer in doc["layers"].items():
        # each layer as the server would send it alone
        raw = json.dumps(layer, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
        gzipped[name] = len(gzip.compress(raw, 9, mtime=0))
        points = sum(len(a) for a in layer["arcs"])
        features = len(layer["objects"][name]["geometries"])
        arcs = len(layer["arcs"])
        source = layer["source"]
        rows.append([name, source, features, arcs, points, kb(len(raw)), kb(gzipped[name])])
    raw_total = len(gzip.decompress(data))
    rows.append(["whole file", "", "", "", "", kb(raw_total), kb(len(data))])
    sizes = table(
        f"Boundaries file (built in {build:.2f} s)",
        ["layer", "source", "features", "arcs", "points", "raw", "gzipped"],
        rows,
    )

    topology = Topology.from_bytes(data)
    load = timed(lambda: Topology.from_bytes(data))
    decode = timed(lambda: Topology.from_bytes(data).layer(DISTRICTS)) - load
    members: dict[str, list[str]] = defaultdict(list)
    with (SHARED / "geography" / "ltla23_utla23_ew_ons.csv").open(encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            if row["utla23_code"].startswith("E"):
                members[row["utla23_code"]].append(row["ltla23_code"])
    districts = topology.layer(DISTRICTS)
    compose = timed(lambda: [districts.union(m) for m in members.values()])
    collection = timed(districts.collection)
    lad = gzipped[DISTRICTS]
    counties = topology.layer(UPPER_TIERS)
    one = timed(lambda: counties.feature("E10000012"))
    times = table(
        "Boundaries at run time (median of 5)",
        ["what", "time", "target", "ratio"],
        [
            ["load the file (gunzip, parse, check outline)", ms(load), "", ""],
            [f"decode and check {DISTRICTS} (first use)", ms(decode), "", ""],
            [
                f"compose all {len(members)} upper tiers from districts",
                ms(compose),
                "100 ms",
                f"{compose / 0.1:.2f}",
            ],
            [f"{DISTRICTS} as a FeatureCollection", ms(collection), "", ""],
            ["one county as a Feature (Essex)", ms(one), "", ""],
            [f"{DISTRICTS} gzipped", kb(lad), "150 KB", f"{lad / 150_000:.2f}"],
            ["whole file gzipped", kb(len(data)), "1 MB", f"{len(data) / 1_000_000:.2f}"],
        ],
    )
    return sizes + "\n" + times


if __name__ == "__main__":
    print(main())
