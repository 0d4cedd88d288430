"""Requests per second and p50/p99 latency of `kg serve` against `oxigraph serve`, same data, same run.

    .venv/bin/pip install oxigraph            # the Rust server's CLI (PyPI package `oxigraph`)
    .venv/bin/python benchmarks/bench_endpoint.py [--store PATH] [--duration 5] [--concurrency 1 4] [--write]

Without --store it loads the five seeds into a temporary store. `oxigraph serve` runs on a COPY
of the store (made before `kg serve` starts and takes the lock), with --union-default-graph, as
`kg serve` uses the union by default. Measured, for each concurrency level:

  saved   the saved query cq01_commitments: `GET /queries/cq01_commitments` (JSON) on kg serve;
          its SPARQL text (with PREFIX lines) POSTed to `/query` on oxigraph serve (too long for a
          GET there: oxigraph limits headers to 8 kB)
  adhoc   a small ad-hoc SELECT (the figures about one firm) POSTed (application/sparql-query)
          to kg serve's `/sparql` and to oxigraph serve's `/query`

Each measurement: `concurrency` client threads, each with its own keep-alive connection, send
requests back to back for `duration` seconds (after a warm-up); every answer must be 200 with
the same row count on both servers. One JSON line per measurement on stdout; --write puts the
table in BENCHMARKS.md. The client is Python (httpx) on the same 2-core machine, so it shares
the CPU with the servers: numbers are comparable with each other, not absolute.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg import vocab  # noqa: E402
from kg.queries import get_query  # noqa: E402
from kg.server.launch import running_server  # noqa: E402

SAVED = "cq01_commitments"
ADHOC = ("SELECT ?figure ?metric ?value WHERE { ?figure a ai:Figure ; ai:subject <%s> ; ai:metric/skos:notation ?metric ; "
         "ai:quantity ?q . OPTIONAL { ?q ai:value ?value } } ORDER BY ?figure" % (vocab.base_iri() + "id/org/anthropic"))
JSON_RESULTS = {"Accept": "application/sparql-results+json"}


def build_seed_store(folder: Path) -> Path:
    from kg.loader import load_paths
    from kg.store import open_store

    path = folder / "store"
    with open_store(path, create=True) as store:
        report = load_paths(store, [ROOT / "seeds"], progress=False)
    assert report.ok, report
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_oxigraph(location: Path) -> tuple[subprocess.Popen, str]:
    exe = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    port = free_port()
    process = subprocess.Popen([exe, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}",
                                "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    for _ in range(300):
        try:
            if httpx.get(url + "query", params={"query": "ASK {}"}, headers=JSON_RESULTS, timeout=1).status_code == 200:
                return process, url
        except httpx.HTTPError:
            pass
        if process.poll() is not None:
            raise RuntimeError(f"oxigraph serve exited with {process.returncode}")
        time.sleep(0.1)
    process.kill()
    raise RuntimeError("oxigraph serve did not answer")


def rows_of(response: httpx.Response) -> int:
    data = response.json()
    return len(data["rows"]) if "rows" in data else len(data["results"]["bindings"])


def send(client, url: str, params: dict | str) -> httpx.Response:
    """A dict: GET with those parameters; a string: a direct POST of that SPARQL query."""
    if isinstance(params, str):
        return client.post(url, content=params.encode(), timeout=60,
                           headers={**JSON_RESULTS, "Content-Type": "application/sparql-query"})
    return client.get(url, params=params, headers=JSON_RESULTS, timeout=60)


def measure(url: str, params: dict | str, expect_rows: int, duration: float, concurrency: int) -> dict:
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    stop_at = [0.0]
    start = threading.Barrier(concurrency + 1)

    def worker() -> None:
        mine: list[float] = []
        with httpx.Client(timeout=30, headers=JSON_RESULTS) as client:
            for _ in range(3):  # warm-up (and connection set-up), not timed
                send(client, url, params)
            start.wait()
            while time.perf_counter() < stop_at[0]:
                t0 = time.perf_counter()
                r = send(client, url, params)
                elapsed = time.perf_counter() - t0
                if r.status_code != 200 or rows_of(r) != expect_rows:
                    with lock:
                        errors.append(f"{r.status_code}: {r.text[:200]}")
                    continue
                mine.append(elapsed)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for t in threads:
        t.start()
    stop_at[0] = time.perf_counter() + duration + 0.05
    began = time.perf_counter()
    start.wait()
    stop_at[0] = time.perf_counter() + duration
    for t in threads:
        t.join()
    wall = time.perf_counter() - began
    latencies.sort()
    pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000 if latencies else float("nan")
    return {"requests": len(latencies), "errors": len(errors), "first_error": errors[0] if errors else None,
            "seconds": round(wall, 2), "rps": round(len(latencies) / wall, 1),
            "p50_ms": round(pick(0.50), 2), "p99_ms": round(pick(0.99), 2),
            "mean_ms": round(statistics.fmean(latencies) * 1000, 2) if latencies else None}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", type=Path, help="an existing store (default: the five seeds in a temporary store)")
    parser.add_argument("--duration", type=float, default=5.0, help="seconds per measurement")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 4])
    parser.add_argument("--workers", type=int, default=2, help="kg serve --workers")
    parser.add_argument("--write", action="store_true", help="write the table to BENCHMARKS.md")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-endpoint-") as tmp:
        tmp_path = Path(tmp)
        store = args.store or build_seed_store(tmp_path)
        copy = tmp_path / "oxigraph-copy"
        shutil.copytree(store, copy)  # before kg serve takes the lock on the original
        query = get_query(SAVED)
        saved_text = vocab.sparql_prefixes() + query.text
        adhoc_text = vocab.sparql_prefixes() + ADHOC
        ox_process, ox_url = start_oxigraph(copy)
        results = []
        try:
            with running_server(store, "--workers", str(args.workers), "--timeout", "30") as kg:
                cases = {
                    ("saved", "kg serve"): (kg.url + f"queries/{SAVED}", {}),
                    ("saved", "oxigraph serve"): (ox_url + "query", saved_text),
                    ("adhoc", "kg serve"): (kg.url + "sparql", ADHOC),
                    ("adhoc", "oxigraph serve"): (ox_url + "query", adhoc_text),
                }
                expected = {}
                for (kind, server), (url, params) in cases.items():
                    r = send(httpx, url, params)
                    assert r.status_code == 200, (server, kind, r.status_code, r.text[:300])
                    expected.setdefault(kind, rows_of(r))
                    assert rows_of(r) == expected[kind], f"{server} answers {rows_of(r)} rows to {kind}, the other {expected[kind]}"
                for concurrency in args.concurrency:
                    for (kind, server), (url, params) in cases.items():
                        m = measure(url, params, expected[kind], args.duration, concurrency)
                        line = {"query": kind, "server": server, "concurrency": concurrency, "rows": expected[kind], **m}
                        results.append(line)
                        print(json.dumps(line), flush=True)
        finally:
            ox_process.terminate()
            try:
                ox_process.wait(10)
            except subprocess.TimeoutExpired:
                ox_process.kill()
    if args.write:
        write_markdown(results, args, store_label="seeds (5 documents)" if args.store is None else str(args.store))


def write_markdown(results: list[dict], args, store_label: str) -> None:
    import pyoxigraph

    command = "python benchmarks/bench_endpoint.py " + " ".join(sys.argv[1:])
    lines = [
        "# Benchmarks",
        "",
        "## `kg serve` against `oxigraph serve` (benchmarks/bench_endpoint.py)",
        "",
        f"Command: `.venv/bin/{command.strip()}`",
        "",
        f"Machine: {os.cpu_count()} cores, {platform.python_implementation()} {platform.python_version()}, "
        f"pyoxigraph {pyoxigraph.__version__}, oxigraph CLI from PyPI; store: {store_label}; kg serve --workers {args.workers}; "
        f"{args.duration:g} s per measurement; client: Python httpx threads with keep-alive on the same machine.",
        "",
        "`saved` = the saved query cq01_commitments (kg: `GET /queries/cq01_commitments`, JSON; oxigraph: its SPARQL text "
        "POSTed to `/query`); `adhoc` = a SELECT of the figures about one firm, POSTed as application/sparql-query "
        "(kg: `/sparql`; oxigraph: `/query`). Both "
        "servers answer the same rows (checked on every request).",
        "",
        "| query | server | concurrency | rows | req/s | p50 ms | p99 ms | errors |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        lines.append(f"| {r['query']} | {r['server']} | {r['concurrency']} | {r['rows']} | {r['rps']} | "
                     f"{r['p50_ms']} | {r['p99_ms']} | {r['errors']} |")
    lines += [
        "",
        "What the difference is made of: kg serve runs each query in a worker process behind a pipe (so it can be "
        "killed at its time limit), checks ad-hoc text for SERVICE/LOAD (cached per distinct text), re-reads and "
        "validates the saved query's file per request, and serialises results in Python; oxigraph serve evaluates "
        "in-process in Rust with none of these limits (docs/server.md, section 1).",
        "",
    ]
    path = ROOT / "BENCHMARKS.md"
    existing = path.read_text() if path.exists() else ""
    marker = "## `kg serve` against `oxigraph serve`"
    if existing and marker in existing:  # replace only this section
        before = existing.split(marker)[0].rstrip().removesuffix("# Benchmarks").rstrip()
        text = (before + "\n\n" if before else "") + "\n".join(lines)
    elif existing:
        text = existing.rstrip() + "\n\n" + "\n".join(lines[2:])
    else:
        text = "\n".join(lines)
    path.write_text(text.rstrip() + "\n")


if __name__ == "__main__":
    main()
