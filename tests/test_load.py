"""Loading with the real pipeline (read -> extract -> RDF -> store): idempotence, replacement,
atomic failure, refusals that leave the store alone, the ontology graph."""

from __future__ import annotations

import os
import shutil
from decimal import Decimal

import pyoxigraph as ox
import pytest

import kg.loader
from kg import vocab
from kg.documents import DocumentError
from kg.loader import load_paths
from kg.store import open_store

SEEDS = vocab.PROJECT_ROOT / "seeds"

# Our own sentences, stating figures the extractor recognises.
FIRST = "Microsoft plans to spend $80 billion on AI data centres in 2025.\nAmazon said its capital spending would reach $100 billion in 2025.\n"
SECOND = "Microsoft plans to spend $60 billion on AI data centres in 2025.\n"
OTHER = "Meta expects capital expenditure of $65 billion in 2025.\n"


def nquads(store) -> set[str]:
    return set(store.dump("nquads").decode().splitlines())


def graph_quads(store, doc_id: str) -> set[str]:
    return set(store.dump("nquads", graph=vocab.graph_iri(doc_id)).decode().splitlines())


def amounts(store, doc_id: str) -> set[Decimal]:
    rows = store.query(
        "SELECT ?value ?g WHERE { GRAPH ?g { ?figure a ai:Figure ; ai:quantity/ai:value ?value } }",
        substitutions={"g": ox.NamedNode(vocab.graph_iri(doc_id))},
    )
    return {Decimal(r["value"].value) for r in rows}


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "store", create=True)
    yield s
    s.close()


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "note.txt").write_text(FIRST)
    (folder / "other.txt").write_text(OTHER)
    return folder


# --------------------------------------------------------------------------- the seeds


def test_seeds_load_and_a_second_load_changes_nothing(store):
    first = load_paths(store, [SEEDS], progress=False)
    assert first.ok and len(first.loaded) == 5 and first.ontology == "loaded"
    assert first.figures > 0 and first.quads > first.figures
    stats = store.stats()
    assert stats.documents == 5 and stats.figures == first.figures
    assert vocab.ontology_graph_iri() in stats.graphs
    before = nquads(store)

    second = load_paths(store, [SEEDS], progress=False)
    assert [u.doc_id for u in second.unchanged] == [p.stem for p in sorted(SEEDS.glob("*.txt"))]
    assert second.loaded == [] and second.ontology == "unchanged"
    assert nquads(store) == before  # identical quads, activity timestamps included


def test_seed_metadata_reaches_the_graph(store):
    load_paths(store, [SEEDS / "000_b3363811aec2a153.txt"], progress=False)
    meta = store.graph_metadata(vocab.graph_iri("000_b3363811aec2a153"))
    assert meta.publisher.startswith("21st Century Business Herald")
    assert meta.languages == {"zh", "en"}
    assert meta.issued.isoformat() == "2025-11-15T23:32:00+08:00"
    assert meta.reference_date.isoformat() == "2025-11-15"


def test_every_seed_figure_has_evidence_that_matches_the_text(store):
    from kg.check import check_evidence

    load_paths(store, [SEEDS], progress=False)
    result = check_evidence(store)
    assert result.ok, result.messages


# --------------------------------------------------------------------------- replacing


def test_a_changed_file_replaces_its_graph(store, corpus):
    load_paths(store, [corpus], progress=False)
    assert amounts(store, "note") == {Decimal("80000000000"), Decimal("100000000000")}
    other_before = graph_quads(store, "other")

    (corpus / "note.txt").write_text(SECOND)
    report = load_paths(store, [corpus], progress=False)
    assert [d.doc_id for d in report.loaded] == ["note"] and [u.doc_id for u in report.unchanged] == ["other"]
    assert amounts(store, "note") == {Decimal("60000000000")}  # the old figures are gone
    assert graph_quads(store, "other") == other_before


def test_a_manifest_change_alone_reloads_the_document(store, corpus):
    load_paths(store, [corpus], progress=False)
    (corpus / "sources.yaml").write_text("documents:\n- id: note\n  title: A better title\n  publisher: Example Wire\n")
    report = load_paths(store, [corpus], progress=False)
    assert [d.doc_id for d in report.loaded] == ["note"]
    meta = store.graph_metadata(vocab.graph_iri("note"))
    assert (meta.title, meta.publisher) == ("A better title", "Example Wire")
    assert load_paths(store, [corpus], progress=False).loaded == []


def test_force_reloads_unchanged_files(store, corpus):
    load_paths(store, [corpus], progress=False)
    report = load_paths(store, [corpus], progress=False, force=True)
    assert sorted(d.doc_id for d in report.loaded) == ["note", "other"] and report.ontology == "loaded"


def test_a_failure_half_way_through_building_leaves_the_store_as_it_was(store, corpus, monkeypatch):
    load_paths(store, [corpus], progress=False)
    (corpus / "note.txt").write_text(SECOND)  # a new version, so the loader will rebuild it
    before = nquads(store)
    real_builder = kg.loader.document_quads

    def crashes_half_way(document, extraction, started, ended):
        quads = real_builder(document, extraction, started, ended)
        yield from quads[: len(quads) // 2]
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(kg.loader, "document_quads", crashes_half_way)
    report = load_paths(store, [corpus], progress=False)
    assert [r.path.name for r in report.refused] == ["note.txt"]
    assert "disk on fire" in report.refused[0].reason and "note.txt" in report.refused[0].reason
    assert nquads(store) == before  # not one quad of the new version, none of the old lost
    assert amounts(store, "note") == {Decimal("80000000000"), Decimal("100000000000")}


# --------------------------------------------------------------------------- refusals


def test_bad_files_are_refused_and_the_rest_load(store, corpus):
    load_paths(store, [corpus], progress=False)
    before = nquads(store)
    bad = corpus.parent / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"   \n")
    (bad / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (bad / "latin1.txt").write_bytes("Caf\u00e9 invests $5 billion.".encode("latin-1"))
    (bad / "gone.txt").symlink_to(bad / "nowhere.txt")
    (bad / "good.txt").write_text(OTHER.replace("Meta", "Microsoft"))
    report = load_paths(store, [bad], progress=False)

    reasons = {r.path.name: r.reason for r in report.refused}
    assert sorted(reasons) == ["binary.txt", "empty.txt", "gone.txt", "latin1.txt"]
    assert "empty" in reasons["empty.txt"] and "binary" in reasons["binary.txt"]
    assert "byte offset 3" in reasons["latin1.txt"] and "no such file" in reasons["gone.txt"]
    for name, reason in reasons.items():
        assert name in reason and "\n" not in reason
    assert [d.doc_id for d in report.loaded] == ["good"] and not report.ok
    after = nquads(store)
    assert before <= after and after - before == graph_quads(store, "good")  # only the good file added


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_file_is_refused(store, corpus):
    (corpus / "other.txt").chmod(0)
    report = load_paths(store, [corpus], progress=False)
    assert [r.path.name for r in report.refused] == ["other.txt"] and "permission denied" in report.refused[0].reason
    assert [d.doc_id for d in report.loaded] == ["note"]


def test_a_bad_manifest_refuses_its_folder_only(store, corpus, tmp_path):
    (corpus / "sources.yaml").write_text("documents:\n- id: note\n  published: someday\n")
    fine = tmp_path / "fine"
    fine.mkdir()
    (fine / "fine.txt").write_text(OTHER)
    report = load_paths(store, [corpus, fine], progress=False)
    assert sorted(r.path.name for r in report.refused) == ["note.txt", "other.txt"]
    assert all("sources.yaml" in r.reason for r in report.refused)
    assert [d.doc_id for d in report.loaded] == ["fine"]


def test_two_files_with_one_id_are_not_merged(store, tmp_path):
    for sub, text in (("a", FIRST), ("b", OTHER)):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "same.txt").write_text(text)
    report = load_paths(store, [tmp_path / "a", tmp_path / "b"], progress=False)
    assert [d.path.parent.name for d in report.loaded] == ["a"]
    assert "same document id 'same'" in report.refused[0].reason


def test_a_missing_path_stops_before_writing(store, corpus):
    with pytest.raises(DocumentError, match="nope: no such file or directory"):
        load_paths(store, [corpus, corpus / "nope"], progress=False)
    assert len(store.oxigraph) == 0


def test_the_ontology_graph_tracks_its_file(store, tmp_path, monkeypatch):
    load_paths(store, [], progress=False)
    g = vocab.ontology_graph_iri()
    ids = [r["id"].value for r in store.query(
        "SELECT ?id ?g WHERE { GRAPH ?g { ?g dct:identifier ?id } }", substitutions={"g": ox.NamedNode(g)})]
    assert len(ids) == 1 and ids[0].startswith("sha256:")
    copy = tmp_path / "aiinfra.ttl"
    shutil.copy(vocab.ONTOLOGY_FILE, copy)
    monkeypatch.setattr(vocab, "ONTOLOGY_FILE", copy)
    assert load_paths(store, [], progress=False).ontology == "unchanged"
    with copy.open("a") as f:
        f.write('\n<urn:test> <urn:p> "added" .\n')
    assert load_paths(store, [], progress=False).ontology == "loaded"
    assert bool(store.query('ASK { GRAPH ?g { <urn:test> <urn:p> "added" } }', substitutions={"g": ox.NamedNode(g)}))
    copy.write_text("this is not turtle")
    before = nquads(store)
    report = load_paths(store, [], progress=False)
    assert report.ontology == "refused" and "aiinfra.ttl" in report.refused[0].reason
    assert nquads(store) == before


# --------------------------------------------------------------------------- worker processes


def test_loading_in_worker_processes_writes_what_one_process_writes(tmp_path):
    """`kg load -j 2`: extraction in spawned workers, one writer, same graphs in the same order."""
    corpus = vocab.PROJECT_ROOT / "tests" / "data" / "multilingual"
    assert len(list(corpus.glob("*.txt"))) >= kg.loader.PARALLEL_MIN_FILES  # else the pool is not used
    dumps = {}
    for jobs in (1, 2):
        with open_store(tmp_path / f"store{jobs}", create=True) as s:
            report = load_paths(s, [corpus], progress=False, jobs=jobs)
            assert report.ok and report.loaded
            lines = s.dump("nquads").decode().splitlines()
        # document graphs only: the ontology's blank nodes get new labels on every load
        ontology = f"<{vocab.ontology_graph_iri()}> ."
        dumps[jobs] = ([d.doc_id for d in report.loaded], {q for q in lines if "AtTime>" not in q and not q.endswith(ontology)})
    assert dumps[1][0] == dumps[2][0]  # written in file order
    assert len(dumps[1][1]) > 1000 and dumps[1][1] == dumps[2][1]  # the same quads, apart from the extraction times
