"""What a built landscape rests on: per layer, the vintages it was built from and their dates;
the changes applied after the last official vintage; and the inputs of the build.

Written into the graph's ``meta["basis"]`` at the end of a build (it survives the snapshot), so
that any answer can say what it rests on (:mod:`queries.basis`) without the source files. Each
layer is a list of ``{from, source, confidence, status}`` rows in date order: on a date, the
layer rests on its last row starting on or before it.
"""

from __future__ import annotations

from datetime import date

from graph.ids import Prefix, node_id
from graph.model import Confidence, Status
from loaders import controls, decided
from loaders.builder import Builder

LAYER_FORMATS = {
    "local_government": ("ltla_utla", "lad_cty"),
    "police": ("lad_csp_pfa",),
}
"""The lookup formats each layer is built from (health and population: :mod:`loaders.health`)."""


def _lookups(b: Builder, formats: tuple[str, ...]) -> list[dict[str, str]]:
    rows: dict[date, dict[str, str]] = {}
    for fmt in formats:
        for sf, _ in b.s.of(fmt):
            when = controls.effective(fmt, sf.vintage)
            rows.setdefault(
                when,
                {
                    "from": when.isoformat(),
                    "source": sf.path.name,
                    "confidence": Confidence.QUOTED.value,
                    "status": Status.OBSERVED.value,
                },
            )
    return [rows[d] for d in sorted(rows)]


def _icb_changes(b: Builder) -> list[dict[str, str]]:
    if b.changes is None or not b.changes.icb_successions:
        return []
    first = b.changes.icb_successions[0]
    ended = {s.predecessor_ods for s in b.changes.icb_successions}
    successors = {s.successor_ods for s in b.changes.icb_successions}
    new = {
        ods
        for ods in successors
        if (nid := node_id(Prefix.ICB, ods)) in b.graph
        and b.graph.node(nid).period.start == first.date
    }
    enlarged = len(successors - new)
    return [
        {
            "id": f"icb-{first.date.isoformat()}",
            "title": f"ICB successions of {first.date.day} {first.date:%B %Y}: "
            f"{len(ended)} ICBs dissolved into {len(new)} new ICBs"
            + (f" and {enlarged} enlarged" if enlarged else ""),
            "reference": f"NHS ODS successions; the ONS {first.date:%B %Y} sub-ICB lookup",
            "url": first.source.split(" ; ")[0],
            "made": "",
            "date": first.date.isoformat(),
            "status": Status.OBSERVED.value,
            "layers": "health",
            "source": first.file,
        }
    ]


def record(b: Builder) -> None:
    """Write ``meta["basis"]``: the layers, the changes after the official vintages, the inputs."""
    basis = b.graph.meta.setdefault("basis", {})
    layers = {name: _lookups(b, formats) for name, formats in LAYER_FORMATS.items()}
    layers["health"] = basis.pop("health", [])
    layers["population"] = basis.pop("population", [])
    changes = sorted(_icb_changes(b) + decided.basis(b), key=lambda c: (c["date"], c["id"]))
    for c in changes:
        if c["status"] != Status.DECIDED.value:
            continue
        for layer in c["layers"].split(", "):
            layers[layer].append(
                {
                    "from": c["date"],
                    "source": f"{c['source']} ({c['id']})",
                    "confidence": Confidence.DERIVED.value
                    if layer != "local_government"
                    else Confidence.QUOTED.value,
                    "status": c["status"],
                }
            )
    for rows in layers.values():
        rows.sort(key=lambda r: r["from"])
    basis["layers"] = layers
    basis["changes"] = changes
    basis["change_tables"] = (
        sorted(set(b.changes.files.values()) - set(b.changes.not_applied)) if b.changes else []
    )
    basis["not_applied"] = list(b.changes.not_applied) if b.changes else []
