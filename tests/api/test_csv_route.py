"""``GET /export/<table>.csv?asOf=``: the CLI's CSV tables as ``text/csv`` over HTTP."""

from __future__ import annotations

import io

import httpx
import pandas as pd

from loaders.landscape import bundled
from queries.tables import dtypes, table


def test_local_authorities_csv(client: httpx.Client) -> None:
    r = client.get("/export/local-authorities.csv", params={"asOf": "2024-06-01"})
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/csv; charset=utf-8"
    assert 'filename="local-authorities-2024-06-01.csv"' in r.headers["content-disposition"]
    df = pd.read_csv(io.StringIO(r.text), dtype=dtypes("local-authorities"))
    assert len(df) == 153 and df["population"].dtype == "int64"
    assert (
        r.text == table(bundled(), pd.Timestamp("2024-06-01").date(), "local-authorities").to_csv()
    )


def test_mistakes_are_named(client: httpx.Client) -> None:
    r = client.get("/export/local-authorities.csv")
    assert r.status_code == 400 and "asOf=''" in r.json()["errors"][0]["message"]
    r = client.get("/export/local-authorities.csv", params={"asOf": "2024-02-30"})
    assert r.status_code == 400 and "'2024-02-30'" in r.json()["errors"][0]["message"]
    r = client.get("/export/local-authorities.csv", params={"asOf": "2010-01-01"})
    assert r.status_code == 400 and "before the data begins" in r.json()["errors"][0]["message"]
    r = client.get("/export/councils.csv", params={"asOf": "2024-06-01"})
    assert r.status_code == 404 and "partnerships.csv" in r.json()["errors"][0]["message"]
