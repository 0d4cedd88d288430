"""Writes through a running server: `kg load --server`, graph uploads, updates, their limits,
and the server answering queries while a load runs. Also `kg serve`'s one-line errors."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from kg import vocab
from kg.server.launch import running_server

KG = Path(sys.executable).parent / "kg"
SEEDS = vocab.PROJECT_ROOT / "seeds"
MULTILINGUAL = vocab.PROJECT_ROOT / "tests" / "data" / "multilingual"
TOKEN = "load-test-token-abcdefghijklmnop"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
DOCS = "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a ai:SourceDocument }"


def kg(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = {k: v for k, v in os.environ.items() if k not in ("KG_STORE", "KG_QUERIES", "KG_DEBUG", "KG_WRITE_TOKEN")}
    full_env.update(env or {})
    return subprocess.run([str(KG), *args], capture_output=True, text=True, env=full_env, timeout=600)


def one_error(proc: subprocess.CompletedProcess) -> str:
    assert proc.returncode == 1, (proc.returncode, proc.stdout, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error: ") and "Traceback" not in proc.stderr, proc.stderr
    return lines[0]


def count(client: httpx.Client, query: str = DOCS) -> int:
    response = client.get("sparql", params={"query": query})
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


@pytest.fixture(scope="module")
def store_path(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("load") / "store"  # does not exist yet: --allow-updates creates it


@pytest.fixture(scope="module")
def server(store_path):
    with running_server(store_path, "--allow-updates", "--timeout", "5", env={"KG_WRITE_TOKEN": TOKEN}) as running:
        yield running


@pytest.fixture(scope="module")
def client(server):
    with httpx.Client(base_url=server.url, timeout=60) as c:
        yield c


def test_kg_load_through_the_server_and_skip_unchanged(server, client):
    assert count(client) == 0
    first = kg("load", "--server", server.url, str(SEEDS), env={"KG_WRITE_TOKEN": TOKEN})
    assert first.returncode == 0, first.stderr
    assert "5 loaded, 0 unchanged, 0 refused" in first.stdout and "ontology loaded" in first.stdout
    assert count(client) == 5  # visible to the very next query
    again = kg("load", "--server", server.url, str(SEEDS), env={"KG_WRITE_TOKEN": TOKEN})
    assert again.returncode == 0 and "0 loaded, 5 unchanged" in again.stdout and "ontology unchanged" in again.stdout
    assert client.get("queries/cq02_firm_facilities").json()["rows"]


def test_queries_are_answered_while_a_load_runs(server, client):
    before = count(client)
    latencies, statuses = [], []
    loader = subprocess.Popen([str(KG), "load", "--server", server.url, str(MULTILINGUAL)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env={**os.environ, "KG_WRITE_TOKEN": TOKEN})
    while loader.poll() is None:
        started = time.monotonic()
        statuses.append(client.get("sparql", params={"query": DOCS}).status_code)
        latencies.append(time.monotonic() - started)
        time.sleep(0.02)
    _, err = loader.communicate()
    assert loader.returncode == 0, err
    assert set(statuses) == {200} and len(latencies) >= 10
    latencies.sort()
    p99 = latencies[int(0.99 * (len(latencies) - 1))]
    print(f"\nqueries during a load: {len(latencies)}, p50 {statistics.median(latencies) * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms")
    assert p99 < 1.0
    assert count(client) == before + len(list(MULTILINGUAL.glob("*.txt")))


def test_a_big_upload_does_not_stop_queries(client):
    graph = "http://example.org/big"
    triples = "".join(f"<http://example.org/s{i}> <http://example.org/p> \"{i}\" .\n" for i in range(50_000)).encode()
    result = {}

    def upload():
        result["response"] = client.put("store", params={"graph": graph}, content=triples,
                                        headers={"Content-Type": "application/n-triples", **AUTH})

    thread = threading.Thread(target=upload)
    thread.start()
    latencies = []
    with httpx.Client(base_url=client.base_url, timeout=30) as other:
        while thread.is_alive():
            started = time.monotonic()
            assert other.get("sparql", params={"query": "ASK { ?s a ai:Figure }"}).status_code == 200
            latencies.append(time.monotonic() - started)
    thread.join()
    assert result["response"].status_code == 201, result["response"].text
    assert result["response"].headers["KG-Triples"] == "50000"
    assert latencies and max(latencies) < 1.0, latencies
    assert count(client, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}") == 50_000
    assert client.delete("store", params={"graph": graph}, headers=AUTH).status_code == 204
    assert client.delete("store", params={"graph": graph}, headers=AUTH).status_code == 404


def test_a_write_over_its_time_limit_is_stopped_and_leaves_nothing(client):
    graph = "http://example.org/too-slow"
    triples = "".join(f"<http://example.org/s{i}> <http://example.org/p> \"{i}\" .\n" for i in range(300_000)).encode()
    response = client.put("store", params={"graph": graph, "timeout": "0.2"}, content=triples,
                          headers={"Content-Type": "application/n-triples", **AUTH})
    assert response.status_code == 503 and "nothing of it was written" in response.text
    assert count(client, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}") == 0
    # the restarted writer takes the next write
    small = client.put("store", params={"graph": graph}, content=b"<http://a> <http://b> <http://c> .\n",
                       headers={"Content-Type": "application/n-triples", **AUTH})
    assert small.status_code == 201
    assert client.delete("store", params={"graph": graph}, headers=AUTH).status_code == 204


def test_updates_with_the_token(client):
    update = "INSERT DATA { GRAPH <http://example.org/u> { <http://example.org/a> <http://example.org/b> 'c' } }"
    assert client.post("sparql", data={"update": update}).status_code == 401
    assert client.post("sparql", data={"update": update}, headers=AUTH).status_code == 204
    assert count(client, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <http://example.org/u> { ?s ?p ?o } }") == 1
    assert client.post("sparql", data={"update": "DROP GRAPH <http://example.org/u>"}, headers=AUTH).status_code == 204


@pytest.mark.parametrize("update", [
    "LOAD <http://127.0.0.1:9/data.ttl>",
    "LOAD SILENT <http://127.0.0.1:9/data.ttl> INTO GRAPH <http://example.org/g>",
    "INSERT { ?s ?p ?o } WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
])
def test_load_and_service_are_refused_even_with_the_token(client, update):
    response = client.post("sparql", content=update.encode(), headers={"Content-Type": "application/sparql-update", **AUTH})
    assert response.status_code == 400 and "not allowed" in response.text


def test_uploads_are_checked(client):
    bad = client.put("store", params={"graph": "http://example.org/g"}, content=b"this is not turtle",
                     headers={"Content-Type": "text/turtle", **AUTH})
    assert bad.status_code == 400 and "Turtle" in bad.text
    assert client.put("store", params={"graph": "http://example.org/g"}, content=b"x",
                      headers={"Content-Type": "application/pdf", **AUTH}).status_code == 415
    assert client.put("store", content=b"", headers={"Content-Type": "text/turtle", **AUTH}).status_code == 400
    assert client.put("store", params={"graph": "http://example.org/g"}, content=b"",
                      headers={"Content-Type": "text/turtle"}).status_code == 401
    assert client.get("store", params={"graph": "http://example.org/g"}).status_code == 405


def test_kg_load_server_errors_are_one_line(server, tmp_path):
    no_token = one_error(kg("load", "--server", server.url, str(SEEDS)))
    assert "KG_WRITE_TOKEN" in no_token
    wrong = one_error(kg("load", "--server", server.url, "--force", str(SEEDS), env={"KG_WRITE_TOKEN": "wrong-token-0123456789"}))
    assert "401" in wrong and "not accepted" in wrong
    nobody = one_error(kg("load", "--server", "http://127.0.0.1:9", str(SEEDS), env={"KG_WRITE_TOKEN": TOKEN}))
    assert "cannot reach server" in nobody


def test_kg_serve_errors_are_one_line(server, store_path, tmp_path):
    assert "no store" in one_error(kg("--store", str(tmp_path / "missing"), "serve", "--port", "0"))
    assert "in use by another process" in one_error(kg("--store", str(store_path), "serve", "--port", "0"))
    assert "in use by another process" in one_error(kg("--store", str(store_path), "serve", "--port", "0", "--allow-updates",
                                                       env={"KG_WRITE_TOKEN": TOKEN}))
    assert "in use by another process" in one_error(kg("--store", str(store_path), "load", str(SEEDS)))
    no_token = one_error(kg("--store", str(tmp_path / "new"), "serve", "--allow-updates", "--port", "0"))
    assert "KG_WRITE_TOKEN" in no_token
    short = one_error(kg("--store", str(tmp_path / "new"), "serve", "--allow-updates", "--port", "0", env={"KG_WRITE_TOKEN": "short"}))
    assert "too short" in short
    port = int(server.url.rsplit(":", 1)[1].strip("/"))
    busy = one_error(kg("--store", str(tmp_path / "new"), "serve", "--allow-updates", "--port", str(port),
                        env={"KG_WRITE_TOKEN": TOKEN}))
    assert "cannot listen" in busy
