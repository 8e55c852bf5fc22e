"""``registry/service_names.yaml``: one entry per English police force area, each sourced."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from graph.errors import LoadError
from loaders.service_names import load_service_names
from tests.data import shared


def test_every_english_force_area_has_names_with_a_source() -> None:
    with shared("geography", "pfa19_names_codes_uk_ons.csv").open(encoding="utf-8-sig") as f:
        english = {r["PFA19CD"] for r in csv.DictReader(f) if r["PFA19CD"].startswith("E23")}
    entries = load_service_names()
    assert {e.code for e in entries} == english
    assert all(e.names and e.sources for e in entries)
    assert all(url.startswith("https://") for e in entries for url, _ in e.sources)


def test_an_unknown_field_and_a_repeated_code(tmp_path: Path) -> None:
    f = tmp_path / "service_names.yaml"
    f.write_text(
        "police_forces:\n"
        "  - {code: E23000031, names: [Surrey Police], sources: [{url: 'https://a.uk', confidence: quoted}]}\n"
        "  - {code: E23000031, name: [x], names: [y], sources: [{url: 'https://a.uk', confidence: quoted}]}\n",
        encoding="utf-8",
    )
    with pytest.raises(LoadError) as err:
        load_service_names(f)
    text = str(err.value)
    assert "line 3, column police_forces[1].name, value 'name': unknown field" in text
    assert "value 'E23000031': listed more than once" in text


def test_not_yaml(tmp_path: Path) -> None:
    f = tmp_path / "service_names.yaml"
    f.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(LoadError) as err:
        load_service_names(f)
    assert "cannot read" in str(err.value)
