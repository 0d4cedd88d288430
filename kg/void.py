"""A VoID description of the dataset, computed from the store when it is exported.

Linked-data consumers read VoID to learn what a dump holds before loading it: how many triples,
entities and source documents, which vocabularies, and one subset per named graph. It is
computed with plain SPARQL (so any store works) and written into its own graph of the export,
never into the store, so it cannot go stale.
"""

from __future__ import annotations

import pyoxigraph as ox

from kg import vocab
from kg.store import EVERY_GRAPH

_XSD_INTEGER = ox.NamedNode(vocab.XSD + "integer")


def _count(store, sparql: str) -> int:
    return int(next(iter(store.query(sparql, union_default_graph=False)))["n"].value)


def _int(n: int) -> ox.Literal:
    return ox.Literal(str(n), datatype=_XSD_INTEGER)


def describe(store) -> list[ox.Quad]:
    """The VoID quads for everything in `store`, in the graph `vocab.void_graph_iri()`."""
    graph = ox.NamedNode(vocab.void_graph_iri())
    dataset = ox.NamedNode(vocab.dataset_iri())
    void, dct, rdf = vocab.VOID, vocab.DCT, vocab.RDF
    quads: list[ox.Quad] = []

    def add(s: ox.NamedNode, p: str, o: ox.Term) -> None:
        quads.append(ox.Quad(s, ox.NamedNode(p), o, graph))

    add(dataset, rdf + "type", ox.NamedNode(void + "Dataset"))
    add(dataset, dct + "title", ox.Literal("AI-infrastructure investment knowledge graph", language="en"))
    add(dataset, void + "uriSpace", ox.Literal(vocab.base_iri()))
    # Over EVERY_GRAPH, not the union default graph: the same on the embedded store, and on a
    # remote engine whose default graph holds its own graphs too (Virtuoso)
    every = EVERY_GRAPH
    add(dataset, void + "triples", _int(_count(store, f"SELECT (COUNT(*) AS ?n) WHERE {{ {every} }}")))
    add(dataset, void + "distinctSubjects", _int(_count(store, f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ {every} }}")))
    add(dataset, void + "properties", _int(_count(store, f"SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE {{ {every} }}")))
    typed = "{ ?s a ?c } UNION { GRAPH ?g { ?s a ?c } }"
    add(dataset, void + "classes", _int(_count(store, f"SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE {{ {typed} }}")))
    add(dataset, void + "entities", _int(_count(store, "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { GRAPH ?g { ?d ai:mentions ?e } }")))
    add(dataset, void + "documents", _int(_count(store, "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { GRAPH ?g { ?d a ai:SourceDocument } }")))

    used = {
        r["v"].value
        for r in store.query(f"SELECT DISTINCT ?v WHERE {{ {{ SELECT DISTINCT (?p AS ?v) WHERE {{ {every} }} }} "
                             f"UNION {{ SELECT DISTINCT (?c AS ?v) WHERE {{ {typed} }} }} }}", union_default_graph=False)
        if isinstance(r["v"], ox.NamedNode)
    }
    namespaces = sorted({ns for ns in vocab.PREFIXES.values() if any(term.startswith(ns) for term in used)})
    for ns in namespaces:
        add(dataset, void + "vocabulary", ox.NamedNode(ns))

    per_graph = store.query(
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
        union_default_graph=False,
    )
    subsets = [(row["g"], int(row["n"].value)) for row in per_graph]
    for subset, _ in subsets:
        add(dataset, void + "subset", subset)
    for subset, triples in subsets:  # after the dataset's own triples, so Turtle groups them
        add(subset, rdf + "type", ox.NamedNode(void + "Dataset"))
        add(subset, void + "triples", _int(triples))
    return quads
