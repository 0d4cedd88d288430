"""`kg export` round-trips in every format: parsing the output back, with Oxigraph and with rdflib,
gives the same quads (dataset formats) or the same union graph (single-graph formats)."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from test_cli import kg, loaded, one_error  # noqa: F401 (loaded is a fixture)

# CLI name -> (Oxigraph format, rdflib format, holds named graphs)
FORMATS = {
    "trig": (ox.RdfFormat.TRIG, "trig", True),
    "nquads": (ox.RdfFormat.N_QUADS, "nquads", True),
    "jsonld": (ox.RdfFormat.JSON_LD, "json-ld", True),
    "turtle": (ox.RdfFormat.TURTLE, "turtle", False),
    "ntriples": (ox.RdfFormat.N_TRIPLES, "nt", False),
    "rdfxml": (ox.RdfFormat.RDF_XML, "xml", False),
}


@pytest.fixture(scope="module")
def reference(loaded) -> bytes:
    """The store's content as N-Quads: the reference every other format must reproduce."""
    proc = kg("export", "-F", "nquads", "--store", str(loaded))
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.encode()


def canonical(quads, *, as_union: bool = False) -> set:
    """Quads with blank nodes relabelled canonically; as_union puts every triple in the default graph."""
    dataset = ox.Dataset()
    for q in quads:
        dataset.add(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) if as_union else q)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return {str(q) for q in dataset}


def export(loaded, fmt: str, tmp_path: Path, *extra: str) -> bytes:
    out = tmp_path / f"export.{fmt}"
    proc = kg("export", "-F", fmt, "-o", str(out), "--store", str(loaded), *extra)
    assert proc.returncode == 0, proc.stderr
    return out.read_bytes()


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_round_trip_through_oxigraph(loaded, reference, tmp_path, fmt):
    ox_format, _, is_dataset = FORMATS[fmt]
    data = export(loaded, fmt, tmp_path)
    expected = canonical(ox.parse(reference, ox.RdfFormat.N_QUADS), as_union=not is_dataset)
    assert canonical(ox.parse(data, ox_format)) == expected


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_round_trip_through_rdflib(loaded, reference, tmp_path, fmt):
    _, rdflib_format, is_dataset = FORMATS[fmt]
    data = export(loaded, fmt, tmp_path)
    expected = rdflib.Dataset()
    expected.parse(data=reference, format="nquads")
    if is_dataset:
        got = rdflib.Dataset()
        got.parse(data=data, format=rdflib_format)
        names = {g.identifier for g in expected.graphs() if len(g)}
        assert {g.identifier for g in got.graphs() if len(g)} == names
        for name in names:
            assert isomorphic(got.graph(name), expected.graph(name)), name
    else:
        union = rdflib.Graph()
        for s, p, o, _ in expected.quads():
            union.add((s, p, o))
        got = rdflib.Graph().parse(data=data, format=rdflib_format)
        assert isomorphic(got, union)


def test_jsonld_is_compacted_with_our_prefixes(loaded, tmp_path):
    doc = json.loads(export(loaded, "jsonld", tmp_path))
    assert doc["@context"]["ai"] == "https://w3id.org/aiinfra/ontology#"
    assert any(g.get("@id", "").endswith("/graph/ontology") for g in doc["@graph"])


@pytest.mark.parametrize("fmt", ["jsonld", "rdfxml"])
def test_one_document_graph(loaded, reference, tmp_path, fmt):
    graph = "https://w3id.org/aiinfra/graph/001_9d4ae6b844e7c9a1"
    ox_format, _, is_dataset = FORMATS[fmt]
    data = export(loaded, fmt, tmp_path, "--graph", "001_9d4ae6b844e7c9a1")
    only = [q for q in ox.parse(reference, ox.RdfFormat.N_QUADS) if q.graph_name == ox.NamedNode(graph)]
    assert only, graph
    assert canonical(ox.parse(data, ox_format)) == canonical(only, as_union=not is_dataset)


def test_void_describes_what_the_export_holds(loaded, reference):
    """The VoID counts agree with the exported quads themselves."""
    quads = list(ox.parse(reference, ox.RdfFormat.N_QUADS))
    void_graph = ox.NamedNode("https://w3id.org/aiinfra/graph/void")
    data = [q for q in quads if q.graph_name != void_graph]
    store = ox.Store()
    store.extend([q for q in quads if q.graph_name == void_graph])

    def objects(prop: str, subject: str = "https://w3id.org/aiinfra/dataset") -> list[str]:
        found = store.quads_for_pattern(ox.NamedNode(subject), ox.NamedNode("http://rdfs.org/ns/void#" + prop), None)
        return sorted(q.object.value for q in found)

    assert objects("triples") == [str(len(data))]
    assert objects("documents") == ["5"]
    graphs = sorted({q.graph_name.value for q in data})
    assert objects("subset") == graphs
    for graph in graphs:
        assert objects("triples", graph) == [str(sum(1 for q in data if q.graph_name.value == graph))]
    assert "https://w3id.org/aiinfra/ontology#" in objects("vocabulary")
    assert int(objects("entities")[0]) > 20


def test_unknown_format_is_refused(loaded):
    proc = kg("export", "-F", "yaml", "--store", str(loaded))
    assert proc.returncode != 0 and "--format" in proc.stderr and "Traceback" not in proc.stderr
    assert "no graph" in one_error(kg("export", "-F", "rdfxml", "--graph", "nope", "--store", str(loaded)))


@pytest.mark.parametrize("fmt", ["jsonld", "nquads"])
def test_a_failed_export_leaves_the_target_file_as_it_was(loaded, tmp_path, fmt):
    """The export streams into a file beside the target and renames it when complete."""
    out = tmp_path / f"kept.{fmt}"
    out.write_text("the previous export\n")
    proc = kg("export", "-F", fmt, "--graph", "no_such_document", "-o", str(out), "--store", str(loaded))
    assert proc.returncode != 0 and "no_such_document" in proc.stderr and "Traceback" not in proc.stderr
    assert out.read_text() == "the previous export\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]


def test_jsonld_holds_one_object_per_named_graph(loaded, reference, tmp_path):
    """Each graph is compacted on its own (memory stays at one graph), and still appears once."""
    doc = json.loads(export(loaded, "jsonld", tmp_path))
    names = [g["@id"] for g in doc["@graph"]]
    expected = {q.graph_name.value for q in ox.parse(reference, ox.RdfFormat.N_QUADS)}
    assert len(names) == len(set(names)) and set(names) == expected


def test_an_unknown_graph_writes_nothing_to_stdout(loaded):
    """The graph is checked before the first byte: no half JSON-LD document on stdout."""
    proc = kg("export", "-F", "jsonld", "--graph", "no_such_document", "--store", str(loaded))
    assert proc.returncode != 0 and proc.stdout == "" and "no_such_document" in proc.stderr
