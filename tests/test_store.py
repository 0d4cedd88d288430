"""The store: opening rules, atomic graph replacement, union queries, dumps, stats."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import vocab
from kg.store import DEFAULT_STORE, SparqlSyntaxError, StoreError, open_store, store_path

EX = "http://example.org/"
G1, G2 = EX + "graph/one", EX + "graph/two"


def quads(graph: str, n: int, tag: str = "v") -> list[ox.Quad]:
    g = ox.NamedNode(graph)
    return [ox.Quad(ox.NamedNode(f"{EX}s{i}"), ox.NamedNode(EX + "p"), ox.Literal(f"{tag}{i}"), g) for i in range(n)]


def nquads(store) -> set[str]:
    """Every quad of the store, as N-Quads lines: equal sets mean identical stores."""
    return set(store.dump("nquads").decode().splitlines())


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "store", create=True)
    yield s
    s.close()


# --------------------------------------------------------------------------- opening


def test_store_path_option_then_env_then_default(monkeypatch, tmp_path):
    monkeypatch.delenv("KG_STORE", raising=False)
    assert store_path(None) == DEFAULT_STORE == Path(".kg/store")
    monkeypatch.setenv("KG_STORE", str(tmp_path / "env"))
    assert store_path(None) == tmp_path / "env"
    assert store_path(tmp_path / "opt") == tmp_path / "opt"


def test_reading_a_missing_store_does_not_create_it(tmp_path):
    with pytest.raises(StoreError, match=f"no store at {tmp_path / 'nowhere'}; run kg load first"):
        open_store(tmp_path / "nowhere")
    assert not (tmp_path / "nowhere").exists()
    (tmp_path / "empty").mkdir()
    with pytest.raises(StoreError, match="run kg load first"):
        open_store(tmp_path / "empty")


def test_create_then_reopen(tmp_path):
    s = open_store(tmp_path / "a" / "b", create=True)
    s.replace_graph(G1, quads(G1, 3))
    s.close()
    with open_store(tmp_path / "a" / "b") as again:  # the lock was released by close()
        assert len(list(again.query("SELECT * WHERE { ?s ?p ?o }"))) == 3


def test_a_file_or_foreign_directory_is_not_a_store(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreError, match="is a file"):
        open_store(tmp_path / "file", create=True)
    foreign = tmp_path / "photos"
    foreign.mkdir()
    (foreign / "cat.jpg").write_bytes(b"\xff\xd8")
    with pytest.raises(StoreError, match="is not an Oxigraph store"):
        open_store(foreign, create=True)
    assert [p.name for p in foreign.iterdir()] == ["cat.jpg"]  # nothing written into it


def test_a_store_locked_by_another_process(tmp_path):
    path = tmp_path / "store"
    open_store(path, create=True).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", f"import pyoxigraph, time; s = pyoxigraph.Store({str(path)!r}); print('ok', flush=True); time.sleep(30)"],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ok"
        with pytest.raises(StoreError, match="in use by another process"):
            open_store(path)
    finally:
        holder.kill()
        holder.wait()


# --------------------------------------------------------------------------- replace_graph


def test_replace_graph_replaces_only_that_graph(store):
    assert store.replace_graph(G1, quads(G1, 5, "old")) == 5
    store.replace_graph(G2, quads(G2, 2))
    assert store.replace_graph(G1, quads(G1, 3, "new")) == 3
    in_g1 = {q.object.value for q in store.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(G1))}
    assert in_g1 == {"new0", "new1", "new2"}
    assert len(list(store.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(G2)))) == 2
    store.replace_graph(G1, [])
    assert not store.oxigraph.contains_named_graph(ox.NamedNode(G1))
    assert store.drop_graph(G2) is True and store.drop_graph(G2) is False
    assert len(store.oxigraph) == 0


def test_replace_graph_keeps_awkward_literals_intact(store):
    g = ox.NamedNode(G1)
    tricky = [
        ox.Literal('quote " backslash \\ newline \n tab \t } ; INSERT DATA { <x> <y> <z> }'),
        ox.Literal("١٢٣ 五百亿 😀 e\u0301", language="und"),
        ox.Literal("12.5", datatype=ox.NamedNode(vocab.XSD + "decimal")),
    ]
    written = [ox.Quad(ox.NamedNode(f"{EX}t{i}"), ox.NamedNode(EX + "p"), lit, g) for i, lit in enumerate(tricky)]
    written.append(ox.Quad(ox.BlankNode("b1"), ox.NamedNode(EX + "p"), ox.NamedNode(EX + "o"), g))
    triple_term = ox.Triple(ox.NamedNode(EX + "a"), ox.NamedNode(EX + "says"), ox.Literal("x"))  # RDF 1.2
    written.append(ox.Quad(ox.NamedNode(EX + "claim"), ox.NamedNode(EX + "about"), triple_term, g))
    store.replace_graph(G1, written)
    stored = {q.object for q in store.oxigraph.quads_for_pattern(None, None, None, g)}
    assert set(tricky) <= stored and triple_term in stored
    assert len(store.oxigraph) == 5


def test_replace_graph_refuses_quads_of_another_graph(store):
    store.replace_graph(G1, quads(G1, 2))
    before = nquads(store)
    with pytest.raises(StoreError, match="not in graph"):
        store.replace_graph(G1, quads(G1, 2, "x") + quads(G2, 1))
    assert nquads(store) == before


def test_a_producer_failing_half_way_leaves_the_store_exactly_as_before(store):
    store.replace_graph(G1, quads(G1, 10, "old"))
    store.replace_graph(G2, quads(G2, 4))
    before = nquads(store)

    def half_then_fail():
        yield from quads(G1, 50, "new")[:25]
        raise RuntimeError("extractor crashed half-way")

    with pytest.raises(RuntimeError, match="half-way"):
        store.replace_graph(G1, half_then_fail())
    assert nquads(store) == before


def test_pyoxigraph_applies_one_update_in_one_transaction(tmp_path):
    """The fact replace_graph rests on: a multi-operation update is all-or-nothing.

    Here the update drops the graph and inserts new data, then fails in its last operation:
    nothing of it may remain. (Store.bulk_extend would not give this guarantee.)
    """
    db = ox.Store(str(tmp_path / "raw"))
    db.extend(quads(G1, 3, "old"))
    before = set(map(str, db))
    with pytest.raises(RuntimeError, match="does not exist"):
        db.update(
            f"DROP GRAPH <{G1}> ; INSERT DATA {{ GRAPH <{G1}> {{ <{EX}x> <{EX}p> \"new\" }} }} ; "
            f"DROP GRAPH <{EX}missing>"
        )
    assert set(map(str, db)) == before


WRITER = textwrap.dedent(
    """
    import sys
    import pyoxigraph as ox
    from kg.store import open_store
    store = open_store(sys.argv[1])
    g = ox.NamedNode(sys.argv[2])
    new = [ox.Quad(ox.NamedNode(f"http://example.org/n{i}"), ox.NamedNode("http://example.org/p"),
                   ox.Literal("new value number %d" % i), g) for i in range(int(sys.argv[3]))]
    print("ready", flush=True)
    store.replace_graph(sys.argv[2], new)
    print("done", flush=True)
    """
)


def killed_before_done(script: str, args: list, delay: float) -> bool:
    """Run a writer script, SIGKILL it `delay` seconds after it says "ready"; whether it had not
    finished yet (said "done")."""
    writer = subprocess.Popen([sys.executable, "-c", script, *map(str, args)], stdout=subprocess.PIPE, text=True)
    assert writer.stdout.readline().strip() == "ready"
    time.sleep(delay)
    writer.kill()
    writer.wait()
    return "done" not in writer.stdout.read()


def test_a_writer_killed_mid_replace_leaves_old_or_complete_new_graph(tmp_path):
    """SIGKILL at several moments of a large replace: reopening shows one version, never a mix."""
    path, n_old, n_new = tmp_path / "store", 7, 40_000
    seen, interrupted = set(), 0
    for delay in (0.05, 0.5, 1.0, 2.0):
        with open_store(path, create=True) as s:
            s.replace_graph(G1, quads(G1, n_old, "old"))
        interrupted += killed_before_done(WRITER, [path, G1, n_new], delay)
        with open_store(path) as s:
            objects = [q.object.value for q in s.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(G1))]
        olds = sum(o.startswith("old") for o in objects)
        assert (olds, len(objects)) in ((n_old, n_old), (0, n_new)), f"mixed graph after kill at {delay}s"
        seen.add(len(objects))
    assert interrupted  # at least one kill landed before replace_graph returned
    # Which version each kill left depends on timing; here both usually appear ({7, 40000}).


def test_write_new_graphs_writes_new_and_replaces_existing_graphs(store):
    store.replace_graph(G1, quads(G1, 3, "old"))
    g3 = EX + "graph/three"
    written = store.write_new_graphs({G1: quads(G1, 5, "new"), G2: quads(G2, 4), g3: []})
    assert written == {G1: 5, G2: 4, g3: 0}
    assert nquads(store) == {str(q) + " ." for q in quads(G1, 5, "new") + quads(G2, 4)}
    assert not (store.path / store.JOURNAL).exists()


def test_write_new_graphs_refuses_a_stray_quad_and_writes_the_rest(store):
    written = store.write_new_graphs({G1: quads(G2, 2), G2: quads(G2, 3)})
    assert isinstance(written[G1], StoreError) and written[G2] == 3
    assert nquads(store) == {str(q) + " ." for q in quads(G2, 3)}


def test_opening_drops_the_graphs_an_interrupted_bulk_write_left(tmp_path):
    """The state a process killed inside write_new_graphs leaves: the journal names G2, and the
    bulk loader wrote part of it. Opening the store removes that part and nothing else."""
    path = tmp_path / "store"
    with open_store(path, create=True) as s:
        s.replace_graph(G1, quads(G1, 3))
        journal = s.path / s.JOURNAL
    raw = ox.Store(str(path))
    journal.write_text(G2 + "\n")
    raw.bulk_extend(quads(G2, 10)[:4])
    del raw
    with open_store(path) as s:
        assert s.repaired == [G2]
        assert nquads(s) == {str(q) + " ." for q in quads(G1, 3)}
        assert not journal.exists()


BULK_WRITER = textwrap.dedent(
    """
    import sys
    import pyoxigraph as ox
    from kg.store import open_store
    store = open_store(sys.argv[1])
    graphs = {}
    for n in range(int(sys.argv[2])):
        g = ox.NamedNode(f"http://example.org/graph/{n}")
        graphs[g.value] = [ox.Quad(ox.NamedNode(f"http://example.org/s{n}_{i}"), ox.NamedNode("http://example.org/p"),
                                   ox.Literal("value number %d" % i), g) for i in range(int(sys.argv[3]))]
    print("ready", flush=True)
    store.write_new_graphs(graphs)
    print("done", flush=True)
    """
)


def test_a_bulk_writer_killed_mid_write_leaves_whole_graphs_or_none(tmp_path):
    """SIGKILL at several moments of a large write_new_graphs: after reopening, each graph is
    complete or absent, and the journal is gone."""
    graphs, size = 40, 10_000
    interrupted = 0
    for delay in (0.05, 0.3, 0.8, 1.5):
        path = tmp_path / f"store{delay}"
        with open_store(path, create=True) as s:
            s.replace_graph(G1, quads(G1, 7, "old"))
        interrupted += killed_before_done(BULK_WRITER, [path, graphs, size], delay)
        with open_store(path) as s:
            counts = {g: len(list(s.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(g))))
                      for g in [f"{EX}graph/{n}" for n in range(graphs)] + [G1]}
            assert not (s.path / s.JOURNAL).exists()
        assert counts.pop(G1) == 7
        assert set(counts.values()) <= {0, size}, f"partial graph after kill at {delay}s"
    assert interrupted  # at least one kill landed before write_new_graphs returned


# --------------------------------------------------------------------------- queries


def test_queries_see_the_union_of_graphs_unless_told_otherwise(store):
    store.replace_graph(G1, quads(G1, 2))
    store.replace_graph(G2, quads(G2, 3, "w"))
    union = {r["o"].value for r in store.query("SELECT ?o WHERE { ?s ?p ?o }")}
    assert union == {"v0", "v1", "w0", "w1", "w2"}
    assert list(store.query("SELECT ?o WHERE { ?s ?p ?o }", union_default_graph=False)) == []
    per_graph = {r["g"].value for r in store.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")}
    assert per_graph == {G1, G2}


def test_query_substitutions_and_default_prefixes(store):
    store.replace_graph(G1, [ox.Quad(ox.NamedNode(EX + "a"), ox.NamedNode(vocab.RDFS + "label"), ox.Literal("A"), ox.NamedNode(G1))])
    rows = list(store.query("SELECT ?s ?label WHERE { ?s rdfs:label ?label }", substitutions={"label": ox.Literal("A")}))
    assert [r["s"].value for r in rows] == [EX + "a"]


def test_syntax_errors_carry_line_and_column(store):
    with pytest.raises(SparqlSyntaxError) as err:
        store.query("SELECT ?x\nWHERE {\n  ?x ?p ?o .\n  FILTER(?x = ) \n}\n")
    # Oxigraph alone would point past the end (line 6); the statement at fault is on line 4.
    assert (err.value.line, err.value.column) == (4, 3)
    assert "line 4, column 3" in str(err.value)
    assert "\n" not in str(err.value) and len(str(err.value)) < 300
    with pytest.raises(SparqlSyntaxError, match="line 1, column 1 near 'SELEC'"):
        store.query("SELEC ?x WHERE {}")


# --------------------------------------------------------------------------- metadata, dump, stats


def test_graph_metadata_reads_the_document_fingerprint(store):
    doc = "d1"
    g, src, act = ox.NamedNode(vocab.graph_iri(doc)), ox.NamedNode(vocab.source_iri(doc)), ox.NamedNode(vocab.activity_iri(doc, "ab" * 32))
    P, AI, DCT = vocab.PROV, vocab.AI, vocab.DCT
    store.replace_graph(g.value, [
        ox.Quad(g, ox.NamedNode(P + "wasDerivedFrom"), src, g),
        ox.Quad(g, ox.NamedNode(P + "wasGeneratedBy"), act, g),
        ox.Quad(src, ox.NamedNode(AI + "sha256"), ox.Literal("ab" * 32), g),
        ox.Quad(act, ox.NamedNode(AI + "softwareVersion"), ox.Literal("9.9"), g),
        ox.Quad(src, ox.NamedNode(DCT + "language"), ox.Literal("de"), g),
        ox.Quad(src, ox.NamedNode(DCT + "language"), ox.Literal("en"), g),
        ox.Quad(src, ox.NamedNode(DCT + "issued"), ox.Literal("2025-02-12", datatype=ox.NamedNode(vocab.XSD + "date")), g),
    ])
    meta = store.graph_metadata(g.value)
    assert (meta.sha256, meta.software_version, meta.languages) == ("ab" * 32, "9.9", frozenset({"de", "en"}))
    assert str(meta.issued) == "2025-02-12" and meta.title is None
    assert store.graph_metadata(vocab.graph_iri("absent")) is None


def test_dump_formats(store):
    store.replace_graph(G1, quads(G1, 2))
    store.replace_graph(G2, quads(G2, 2))  # the same triples in a second graph
    dataset = ox.Store()
    dataset.load(store.dump("trig"), ox.RdfFormat.TRIG)
    assert len(dataset) == 4
    union = list(ox.parse(store.dump("turtle"), ox.RdfFormat.TURTLE))
    assert len(union) == 2  # the union is a set of triples
    one = list(ox.parse(store.dump("ntriples", graph=G2), ox.RdfFormat.N_TRIPLES))
    assert len(one) == 2
    assert len(store.dump("nquads", graph=G1).decode().splitlines()) == 2
    assert b"@prefix rdfs:" in store.dump("turtle")
    with pytest.raises(StoreError, match="no graph"):
        store.dump("turtle", graph=EX + "nothing")
    with pytest.raises(StoreError, match="unknown format"):
        store.dump("yaml")
    constructed = store.construct("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "ntriples")
    assert len(constructed.decode().splitlines()) == 2  # one triple held by two graphs is written once
    with pytest.raises(StoreError, match="CONSTRUCT"):
        store.construct("SELECT * WHERE { ?s ?p ?o }")


def test_stats_counts(store):
    g = ox.NamedNode(G1)
    a = lambda s, cls: ox.Quad(ox.NamedNode(EX + s), ox.NamedNode(vocab.RDF + "type"), ox.NamedNode(vocab.AI + cls), g)
    mention = lambda e: ox.Quad(ox.NamedNode(EX + "doc"), ox.NamedNode(vocab.AI + "mentions"), ox.NamedNode(EX + e), g)
    store.replace_graph(G1, [a("doc", "SourceDocument"), a("f1", "Figure"), a("f2", "Figure"), mention("x"), mention("y")])
    store.replace_graph(G2, quads(G2, 3))
    stats = store.stats()
    assert (stats.documents, stats.figures, stats.entities, stats.quads) == (1, 2, 2, 8)
    assert stats.graphs == {G1: 5, G2: 3}


def test_a_query_with_from_reads_only_that_graph(tmp_path):
    """The union default graph is for queries that name no dataset; FROM still means FROM."""
    import pyoxigraph as ox

    from kg.store import open_store

    store = open_store(tmp_path / "store", create=True)
    try:
        for name in ("a", "b"):
            g = ox.NamedNode(f"http://example.org/graph/{name}")
            store.replace_graph(g.value, [ox.Quad(ox.NamedNode(f"http://example.org/{name}"), ox.NamedNode("http://example.org/p"), ox.Literal(name), g)])
        union = list(store.query("SELECT ?s WHERE { ?s ?p ?o }"))
        only_a = list(store.query("SELECT ?s FROM <http://example.org/graph/a> WHERE { ?s ?p ?o }"))
    finally:
        store.close()
    assert len(union) == 2 and len(only_a) == 1


def test_a_journal_cut_by_a_crash_is_still_replayed(tmp_path):
    """A last line cut mid-IRI names no graph; the whole ones are dropped, and the store opens."""
    path = tmp_path / "store"
    with open_store(path, create=True) as s:
        s.write_new_graphs({G1: quads(G1, 3)})
        journal = s.path / s.JOURNAL
    raw = ox.Store(str(path))
    raw.bulk_extend(quads(G2, 4))
    del raw
    journal.write_bytes(f"{G2}\n<http://exa".encode() + b"\xff")
    with open_store(path) as s:
        assert s.repaired == [G2]
        assert nquads(s) == {str(q) + " ." for q in quads(G1, 3)}
