"""``safeguarding reviews``, ``posts`` and ``rules`` on the bundled landscape."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from loaders.reviews import load_reviews
from safeguarding.cli import main
from tests.data import review_rows


def by_id() -> dict[str, dict[str, str]]:
    return {r["id"]: r for r in review_rows()}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(list(args)) == 0
    return capsys.readouterr().out


def test_reviews_of_an_la_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(run(capsys, "reviews", "--la", "E10000017", "--json"))
    assert {r["id"] for r in data} == {
        i for i, r in by_id().items() if "E10000017" in r["la_codes"]
    }
    southport = next(r for r in data if r["id"] == "lancashire-cspr-southport")
    assert southport["commissioned"] == {"iso": "2025-01", "precision": "month"}
    assert southport["published"] is None  # unknown stays unknown
    assert southport["la_codes"] == ["E10000017", "E08000014"]


def test_reviews_of_a_kind_as_a_table(capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, "reviews", "--kind", "dhr")
    assert out.splitlines()[0] == f"{sum(r['kind'] == 'dhr' for r in by_id().values())} review(s)"
    assert "kirklees-dhr-bethany-rae-fields" in out


def test_csv_is_the_reviews_file_format_and_reads_back(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "reviews.csv"
    out.write_text(run(capsys, "reviews", "--csv"), encoding="utf-8")
    records = {r.id: r for r in load_reviews(out)}
    assert set(records) == set(by_id())
    for rid, row in by_id().items():
        r = records[rid]
        assert r.kind.value == row["kind"] and r.title == row["title"]
        assert str(r.published or "") == row["published"]
        assert set(r.local_authorities) == {c for c in row["la_codes"].split(";") if c}
        assert r.status_text == row["status"] and r.source == row["source"]


def test_open_reviews_on_a_date(capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(run(capsys, "reviews", "--open-on", "2026-06-01", "--json"))
    assert [r["id"] for r in data] == ["lancashire-cspr-southport"]


def test_posts_hide_holders_unless_asked(capsys: pytest.CaptureFixture[str]) -> None:
    plain = run(capsys, "posts", "croydon-scp", "--as-of", "2021-01-01")
    assert "Independent Chair and Scrutineer (seen 2020-12)" in plain and "Di Smith" not in plain
    asked = json.loads(
        run(capsys, "posts", "croydon-scp", "--as-of", "2021-01-01", "--include-holders", "--json")
    )
    assert [p["holder"] for p in asked["recorded"]] == ["Di Smith"]
    assert asked["rules_in_force"] == ["working-together-2018"]


def test_rules_on_a_date(capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(run(capsys, "rules", "--as-of", "2026-06-01", "--json"))
    assert {r["rule"]: r["state"] for r in data} == {
        "working-together-2018": "replaced",
        "working-together-2023": "in_force",
        "childrens-wellbeing-and-schools-act-2026-s2": "enacted_not_in_force",
    }


def test_an_unknown_la_is_a_one_line_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["reviews", "--la", "E06000999"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("safeguarding reviews: unknown") and "E06000999" in err
    assert "Traceback" not in err
