"""The `kg` command as users run it (the installed entry point, in a subprocess):
outputs, exit codes, and one-line errors without tracebacks."""

from __future__ import annotations

import json
import os
import csv
import io
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import vocab

KG = Path(sys.executable).parent / "kg"
SEEDS = vocab.PROJECT_ROOT / "seeds"
GOLD = Path("/work/shared/gold/seeds.yaml")

ECHO = """\
#+ summary: Labels equal to a text
#+ params:
#+   text: {type: string, required: true}
#+   limit: {type: integer, default: 10}
SELECT ?thing ?text ?limit WHERE { ?thing rdfs:label ?label FILTER(STR(?label) = ?text) }
"""


def kg(*args: str, env: dict | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    full_env = {k: v for k, v in os.environ.items() if k not in ("KG_STORE", "KG_QUERIES", "KG_DEBUG")}
    full_env.update(env or {})
    return subprocess.run([str(KG), *args], capture_output=True, text=True, env=full_env, cwd=cwd, timeout=300)


def one_error(proc: subprocess.CompletedProcess, code: int = 1) -> str:
    """The process failed with `code` and said why in exactly one line, without a traceback."""
    assert proc.returncode == code, (proc.returncode, proc.stdout, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "Traceback" not in proc.stderr and lines[0].startswith("kg: error: ")
    return lines[0]


@pytest.fixture(scope="module")
def loaded(tmp_path_factory) -> Path:
    """A store holding the five seeds, loaded once for the module by `kg load`."""
    store = tmp_path_factory.mktemp("cli") / "store"
    proc = kg("load", str(SEEDS), "--store", str(store))
    assert proc.returncode == 0, proc.stderr
    return store


@pytest.fixture
def queries(tmp_path) -> Path:
    folder = tmp_path / "queries"
    folder.mkdir()
    (folder / "echo.rq").write_text(ECHO)
    return folder


# --------------------------------------------------------------------------- load


def test_load_reports_and_reloading_changes_nothing(loaded, tmp_path):
    before = kg("export", "--format", "nquads", "--store", str(loaded)).stdout
    proc = kg("--store", str(loaded), "load", str(SEEDS))  # the global --store works too
    assert proc.returncode == 0 and proc.stderr == ""
    assert proc.stdout.count("unchanged ") == 5 and "0 loaded, 5 unchanged, 0 refused" in proc.stdout
    assert kg("export", "--format", "nquads", "--store", str(loaded)).stdout == before


def test_load_refuses_bad_files_and_loads_the_rest(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("Microsoft plans to spend $80 billion on AI data centres in 2025.\n")
    (folder / "latin1.txt").write_bytes("Caf\u00e9 ".encode("latin-1") * 3)
    (folder / "empty.txt").write_text("")
    store = tmp_path / "store"
    proc = kg("load", str(folder), "--store", str(store))
    assert proc.returncode == 1
    refused = proc.stderr.strip().splitlines()
    assert len(refused) == 2 and all(line.startswith("kg: refused: ") for line in refused)
    assert "empty.txt" in refused[0] and "latin1.txt" in refused[1] and "byte offset 3" in refused[1]
    assert "loaded     good" in proc.stdout and "Traceback" not in proc.stderr


def test_load_of_a_missing_path_creates_nothing(tmp_path):
    line = one_error(kg("load", str(tmp_path / "nope.txt"), "--store", str(tmp_path / "store")))
    assert "nope.txt: no such file or directory" in line
    assert not (tmp_path / "store").exists()


# --------------------------------------------------------------------------- read commands need a store


@pytest.mark.parametrize("command", [
    ["stats"], ["export"], ["query", "run", "figures"], ["sparql", "ASK {}"],
])
def test_read_commands_do_not_create_a_missing_store(tmp_path, command):
    store = tmp_path / "absent"
    line = one_error(kg(*command, env={"KG_STORE": str(store)}))
    assert line == f"kg: error: no store at {store}; run kg load first"
    assert not store.exists()


def test_a_locked_store_is_one_line(loaded):
    holder = subprocess.Popen(
        [sys.executable, "-c", f"import pyoxigraph, time; s = pyoxigraph.Store({str(loaded)!r}); print('ok', flush=True); time.sleep(60)"],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ok"
        assert "in use by another process" in one_error(kg("stats", "--store", str(loaded)))
    finally:
        holder.kill()
        holder.wait()


# --------------------------------------------------------------------------- saved queries


def test_query_list_show_run(loaded):
    listing = kg("query", "list")
    assert listing.returncode == 0 and "figures" in listing.stdout
    shown = kg("query", "show", "figures")
    assert shown.returncode == 0 and "SELECT" in shown.stdout
    proc = kg("query", "run", "figures", "-p", "source=002_25e4150be1a3bbae", "--format", "json", "--store", str(loaded))
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    rows = doc["results"]["bindings"]
    assert rows and {r["source"]["value"] for r in rows} == {"002_25e4150be1a3bbae"}
    csv_out = kg("query", "run", "figures", "-F", "csv", "--store", str(loaded)).stdout
    assert csv_out.splitlines()[0] == ",".join(doc["head"]["vars"])


def test_unknown_query_is_one_line(loaded):
    line = one_error(kg("query", "run", "no_such_query", "--store", str(loaded)))
    assert "unknown query 'no_such_query'" in line


def test_bad_parameter_values_are_one_line(loaded, queries):
    env = {"KG_QUERIES": str(queries), "KG_STORE": str(loaded)}
    assert "parameter 'limit': 'ten' is not an integer" in one_error(kg("query", "run", "echo", "-p", "text=x", "-p", "limit=ten", env=env))
    assert "has no parameter 'colour'" in one_error(kg("query", "run", "echo", "-p", "text=x", "-p", "colour=red", env=env))
    assert "needs parameter 'text'" in one_error(kg("query", "run", "echo", env=env))


def test_usage_errors_exit_2_with_one_line(loaded):
    assert "-p" in one_error(kg("query", "run", "figures", "-p", "no-equals-sign", "--store", str(loaded)), code=2)
    assert "--format" in one_error(kg("query", "run", "figures", "--format", "xml", "--store", str(loaded)), code=2)
    assert "QUERY" in one_error(kg("sparql", "--store", str(loaded)), code=2)
    assert "No such command" in one_error(kg("frobnicate"), code=2)


def test_parameters_are_bound_not_spliced(loaded, queries):
    env = {"KG_QUERIES": str(queries), "KG_STORE": str(loaded)}
    before = kg("export", "-F", "nquads", env=env).stdout
    for attack in ['x" ) } ; DROP ALL ; #', 'Anthropic" || true || "', "x' } UNION { ?thing ?p ?o } #"]:
        proc = kg("query", "run", "echo", "-p", f"text={attack}", "-F", "json", env=env)
        assert proc.returncode == 0, proc.stderr
        assert json.loads(proc.stdout)["results"]["bindings"] == []
    hit = json.loads(kg("query", "run", "echo", "-p", "text=Anthropic", "-F", "json", env=env).stdout)
    assert hit["results"]["bindings"][0]["text"]["value"] == "Anthropic"
    assert kg("export", "-F", "nquads", env=env).stdout == before


# --------------------------------------------------------------------------- ad-hoc SPARQL


def test_sparql_text_and_file(loaded, tmp_path):
    proc = kg("sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?f a ai:Figure }", "-F", "tsv", "--store", str(loaded))
    assert proc.returncode == 0 and proc.stdout.splitlines()[0] == "?n"
    query = tmp_path / "q.rq"
    query.write_text("CONSTRUCT { ?doc dct:identifier ?id } WHERE { ?doc a ai:SourceDocument ; dct:identifier ?id }")
    turtle = kg("sparql", "-f", str(query), "-F", "turtle", "--store", str(loaded))
    assert turtle.returncode == 0 and len(list(ox.parse(turtle.stdout.encode(), ox.RdfFormat.TURTLE))) == 5


def test_bad_sparql_names_line_and_column(loaded, tmp_path):
    line = one_error(kg("sparql", "SELECT ?x\nWHERE {\n  ?x ?p ?o .\n  FILTER(?x = )\n}", "--store", str(loaded)))
    assert "SPARQL syntax error" in line and "line 4, column 3" in line
    bad = tmp_path / "bad.rq"
    bad.write_text("SELECT * WHERE { ?s ?p }")
    line = one_error(kg("sparql", "-f", str(bad), "--store", str(loaded)))
    assert str(bad) in line and "line 1, column" in line


# --------------------------------------------------------------------------- export, stats, check, eval


def test_export_formats(loaded, tmp_path):
    trig = kg("export", "--store", str(loaded))
    dataset = ox.Store()
    dataset.load(trig.stdout.encode(), ox.RdfFormat.TRIG)
    graphs = {g.value for g in dataset.named_graphs()}
    assert len(graphs) == 8 and vocab.void_graph_iri() in graphs  # ontology, entity table, five seeds, VoID
    assert vocab.entities_graph_iri() in graphs
    out = tmp_path / "one.nt"
    proc = kg("export", "-F", "ntriples", "--graph", "001_9d4ae6b844e7c9a1", "-o", str(out), "--store", str(loaded))
    assert proc.returncode == 0 and out.stat().st_size > 0
    assert "@prefix ai: <https://w3id.org/aiinfra/ontology#>" in kg("export", "-F", "turtle", "--store", str(loaded)).stdout
    assert "no graph" in one_error(kg("export", "--graph", "nope", "--store", str(loaded)))
    assert "cannot write" in one_error(kg("export", "-o", str(tmp_path / "no" / "dir.trig"), "--store", str(loaded)))


def test_stats(loaded):
    proc = kg("stats", "--store", str(loaded))
    assert proc.returncode == 0
    assert "documents 5" in proc.stdout and "base:graph/ontology" in proc.stdout


def test_check_prints_one_line_per_check(loaded):
    proc = kg("check", "--store", str(loaded))
    assert proc.returncode in (0, 1) and "Traceback" not in proc.stderr, proc.stderr
    status = {line.split()[1]: line.split()[0] for line in proc.stdout.splitlines() if line[:4] in ("ok  ", "FAIL")}
    assert set(status) >= {"reasoner", "shapes", "evidence", "saved"}
    assert status["evidence"] == "ok"
    assert proc.returncode == (0 if set(status.values()) == {"ok"} else 1)


def test_check_evidence_catches_wrong_offsets(loaded, tmp_path):
    """Shift one evidence's start by one code point in a copy of the store: the check fails."""
    from kg.check import check_evidence
    from kg.store import open_store

    copy = tmp_path / "copy"
    with open_store(copy, create=True) as store:
        with open_store(loaded) as original:
            data = original.dump("nquads")
        store.oxigraph.load(data, ox.RdfFormat.N_QUADS)
        assert check_evidence(store).ok
        store.oxigraph.update(
            "DELETE { GRAPH ?g { ?sel oa:start ?s } } INSERT { GRAPH ?g { ?sel oa:start ?t } } WHERE {"
            " { SELECT ?g ?sel ?s WHERE { GRAPH ?g { ?sel a oa:TextPositionSelector ; oa:start ?s } } ORDER BY ?sel LIMIT 1 }"
            " BIND(?s + 1 AS ?t) }",
            prefixes=vocab.PREFIXES,
        )
        result = check_evidence(store)
    assert not result.ok and len(result.messages) == 1 and "differs from the quote" in result.messages[0]


@pytest.mark.skipif(not GOLD.exists(), reason="shared gold file not present")
def test_eval_is_wired(loaded):
    proc = kg("eval", str(GOLD), "--store", str(loaded))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip()


def test_eval_missing_gold_file(loaded, tmp_path):
    assert "no such gold file" in one_error(kg("eval", str(tmp_path / "gold.yaml"), "--store", str(loaded)))


def test_query_run_pages_with_limit_and_offset(loaded):
    def rows(*extra):
        out = kg("query", "run", "figures", "-F", "csv", *extra, "--store", str(loaded))
        assert out.returncode == 0, out.stderr
        return list(csv.reader(io.StringIO(out.stdout)))[1:]

    everything = rows()
    assert len(everything) > 5
    assert rows("--limit", "3") == everything[:3]
    assert rows("--limit", "3", "--offset", "3") == everything[3:6]
    bad = kg("query", "run", "figures", "--limit", "0", "--store", str(loaded))
    assert bad.returncode != 0 and "--limit" in bad.stderr
