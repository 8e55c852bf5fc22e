"""The registry written into the landscape (``loaders/registry_writer.py``): reviews with their
bodies and areas, and the boards the builder infers where none is recorded."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from graph.model import Confidence, Period, Provenance
from loaders.landscape import build_landscape, default_registry
from tests import data

REVIEWS = """\
reviews:
  - id: essex-cspr-2022-01
    kind: local_cspr
    commissioning_body: essex-scb
    local_authorities: [E10000012, E06000033]
    notified: 2022-01-10
    published: 2023-02-01
    status: published
    themes: [neglect]
    source: https://example.org/reviews/essex-cspr-2022-01
    confidence: quoted
  - id: basildon-dhr-2021
    kind: domestic_abuse_related_death_review
    commissioning_body: E22000079
    local_authorities: [E10000012]
    status: in_progress
    source: https://example.org/reviews/basildon-dhr-2021
    confidence: inferred
"""


def test_reviews_are_written_with_their_commissioning_body_and_areas(tmp_path: Path) -> None:
    """The shipped partnerships and boards, with two hand-made reviews: one commissioned by the
    Essex partnership about Essex and Southend, one by Basildon's community safety partnership."""
    for name in ("childrens_partnerships.yaml", "boards.yaml"):
        shutil.copy(default_registry() / name, tmp_path / name)
    (tmp_path / "reviews.yaml").write_text(REVIEWS, encoding="utf-8")
    g = build_landscape(data.SHARED, tmp_path)

    cspr = g.node("review:essex-cspr-2022-01")
    quoted = (Provenance("https://example.org/reviews/essex-cspr-2022-01", "", Confidence.QUOTED),)
    assert (cspr.kind, cspr.name, cspr.period, cspr.provenance) == (
        "Review", "local cspr essex-cspr-2022-01", Period(date(2022, 1, 10)), quoted,
    )  # fmt: skip
    assert cspr.attrs == {
        "kind": "local_cspr", "status": "published", "themes": ["neglect"],
        "notified": "2022-01-10", "commissioned": None, "published": "2023-02-01",
    }  # fmt: skip
    assert [(e.relation, e.target, str(e.period)) for e in g.out_edges(cspr.id)] == [
        ("commissionedBy", "partnership:essex-scb", "[2022-01-10, …)"),
        ("concernsArea", "la:ESS", "[2022-01-10, …)"),
        ("concernsArea", "la:SOS", "[2022-01-10, …)"),
    ]
    dhr = g.node("review:basildon-dhr-2021")  # an undated review holds throughout
    assert (dhr.attrs["kind"], dhr.period, dhr.provenance[0].confidence) == (
        "domestic_homicide_review", Period(), Confidence.INFERRED,
    )  # fmt: skip
    assert [(e.relation, e.target) for e in g.out_edges(dhr.id)] == [
        ("commissionedBy", "csp:E22000079"),
        ("concernsArea", "la:ESS"),
    ]
