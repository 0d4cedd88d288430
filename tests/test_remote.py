"""`--store URL`: the same commands against a real Oxigraph server (pip package `oxigraph`),
started here on a free port, give the same answers as the embedded store."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from test_cli import SEEDS, kg, loaded, one_error  # noqa: F401 (loaded is a fixture)

from kg.queries import list_queries

OXIGRAPH = Path(sys.executable).parent / "oxigraph"  # from the test extra `oxigraph`


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A real Oxigraph server with the seeds loaded through `kg load --store URL`."""
    port = free_port()
    binary = str(OXIGRAPH) if OXIGRAPH.exists() else shutil.which("oxigraph")
    assert binary, "the oxigraph server is missing: pip install -e '.[test]'"
    proc = subprocess.Popen(
        [binary, "serve", "--location", str(tmp_path_factory.mktemp("oxigraph")), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        load = kg("load", str(SEEDS), "--store", url)
        assert load.returncode == 0, load.stderr
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def rows(proc) -> list[str]:
    assert proc.returncode == 0, proc.stderr
    header, *body = proc.stdout.splitlines()
    return [header, *sorted(body)]


@pytest.mark.parametrize("name", sorted(q.name for q in list_queries()))
def test_every_saved_query_answers_the_same_remote_and_embedded(server, loaded, name):
    remote = rows(kg("query", "run", name, "-F", "csv", "--store", server))
    embedded = rows(kg("query", "run", name, "-F", "csv", "--store", str(loaded)))
    assert remote == embedded
    assert len(remote) > 1  # every saved query has answers on the seeds


def test_reload_is_idempotent_and_stats_agree(server, loaded):
    again = kg("load", str(SEEDS), "--store", server)
    assert again.returncode == 0 and "5 unchanged" in again.stdout + again.stderr
    remote = kg("stats", "--store", server).stdout.split("┏")[0]
    assert remote == kg("stats", "--store", str(loaded)).stdout.split("┏")[0]


def test_export_from_the_server_has_the_same_triples(server, loaded):
    remote = kg("export", "-F", "nquads", "--store", server).stdout.splitlines()
    embedded = kg("export", "-F", "nquads", "--store", str(loaded)).stdout.splitlines()
    # load activities carry their own times; everything else is identical
    def stable(lines):
        return sorted(line for line in lines if "Time>" not in line and "_:" not in line)
    assert stable(remote) == stable(embedded) and len(remote) == len(embedded)


def test_errors_name_the_server(server):
    assert "line 1, column 1" in one_error(kg("sparql", "SELEC x", "--store", server))
    port = free_port()
    assert f"127.0.0.1:{port}" in one_error(kg("stats", "--store", f"http://127.0.0.1:{port}"))


def test_parameters_are_bound_inside_the_where_group():
    """Braces, '#' and keywords inside IRIs, strings and comments are not mistaken for syntax."""
    import pyoxigraph as ox

    from kg.remote import bind_in_where

    query = 'SELECT ?x # WHERE { not here\nWHERE { ?x a <http://e/o#F> ; ?p "WHERE {" FILTER(?x = ?n) }'
    bound = bind_in_where(query, {"n": ox.Literal('say "hi"')})
    assert bound.startswith('SELECT ?x # WHERE { not here\nWHERE { VALUES (?n) { ("say \\"hi\\"") } ')
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), ox.Literal("WHERE {")))
    assert list(store.query(bind_in_where('SELECT ?s WHERE { ?s ?p ?o FILTER(?o = ?v) }', {"v": ox.Literal("WHERE {")})))
