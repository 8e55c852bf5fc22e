"""Coverage on a date from the shared CSVs by DuckDB: the floor for ``safeguarding coverage``.

The same question as ``safeguarding coverage --as-of DATE --json`` asked of the raw files: the
upper-tier LAs of the 2023 ONS lookup, each with the number of partnerships of the shared
membership table holding it on the date (half-open periods). It reads no change table, registry
or review, so its answer can differ from the project's where those matter; the benchmark prints
both counts. ``python -m benchmarks.coverage_duckdb DATA_FOLDER DATE`` prints JSON.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import duckdb

SQL = """
WITH upper_tier AS (
    SELECT DISTINCT utla23_code AS code, utla23_name AS name
    FROM read_csv(?, all_varchar = true) WHERE utla23_code LIKE 'E%'
), held AS (
    SELECT la_code_ons AS code, partnership_id
    FROM read_csv(?, all_varchar = true)
    WHERE period_start <= ? AND (coalesce(period_end, '') = '' OR ? < period_end)
)
SELECT u.code, u.name, count(DISTINCT h.partnership_id) AS partnerships,
       list(DISTINCT h.partnership_id) FILTER (WHERE h.partnership_id IS NOT NULL) AS ids
FROM upper_tier u LEFT JOIN held h USING (code)
GROUP BY u.code, u.name ORDER BY u.code
"""


def coverage(data: Path, day: str) -> dict[str, object]:
    lookup = str(data / "geography" / "ltla23_utla23_ew_ons.csv")
    members = str(data / "safeguarding" / "la_to_childrens_safeguarding_partnership.csv")
    rows = duckdb.execute(SQL, [lookup, members, day, day]).fetchall()
    return {
        "as_of": day,
        "local_authority_count": len(rows),
        "partnership_count": len({p for r in rows for p in r[3]}),
        "uncovered": [{"code": r[0], "name": r[1]} for r in rows if r[2] == 0],
        "multiply_covered": [{"code": r[0], "name": r[1]} for r in rows if r[2] > 1],
    }


if __name__ == "__main__":
    print(json.dumps(coverage(Path(sys.argv[1]), sys.argv[2]), indent=2))
