"""``serve`` answers its first questions without importing what they do not need: no RDF or
SPARQL engine (imported by the first /sparql query), no SHACL, no Neo4j driver with the memory
store, not the build pipeline. Checked in a fresh interpreter running the real command, by what
is in ``sys.modules`` once /health and one coverage query have answered over HTTP."""

from __future__ import annotations

import json
import subprocess
import sys

NOT_AT_START = ("rdflib", "pyoxigraph", "pyshacl", "neo4j", "playwright", "pandas",
                "loaders.landscape", "queries.sparql", "graph.rdf")  # fmt: skip

PROBE = """
import json, socket, sys, threading, time, urllib.request
from safeguarding.cli import main
with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
threading.Thread(target=main, args=(["serve", "--port", str(port)],), daemon=True).start()
base = f"http://127.0.0.1:{port}"
for _ in range(600):
    try:
        health = json.load(urllib.request.urlopen(base + "/health", timeout=10))
        break
    except OSError:
        time.sleep(0.05)
query = '{ coverage(asOf: "2024-06-01") { compliant localAuthorityCount } }'
request = urllib.request.Request(base + "/graphql", json.dumps({"query": query}).encode(),
                                 {"Content-Type": "application/json"})
answer = json.load(urllib.request.urlopen(request, timeout=60))
print(json.dumps({"health": health["status"], "answer": answer, "modules": sorted(sys.modules)}))
sys.stdout.flush()
"""


def test_serve_answers_without_the_heavy_imports() -> None:
    run = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=120
    )
    found = json.loads(run.stdout.strip().splitlines()[-1])
    assert found["health"] == "ok"
    coverage = found["answer"]["data"]["coverage"]
    assert coverage == {"compliant": True, "localAuthorityCount": 153}
    loaded = [
        m for m in found["modules"] if any(m == h or m.startswith(h + ".") for h in NOT_AT_START)
    ]
    assert loaded == []
