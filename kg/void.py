"""A VoID description of the dataset, computed from the store when it is exported.

Linked-data consumers read VoID to learn what a dump holds before loading it: how many triples,
entities and source documents, which vocabularies, and one subset per named graph. It is
computed with plain SPARQL (so any store works) and written into its own graph of the export,
never into the store, so it cannot go stale.
"""

from __future__ import annotations

import pyoxigraph as ox

from kg import vocab

_XSD_INTEGER = ox.NamedNode(vocab.XSD + "integer")


def _count(store, sparql: str, **options) -> int:
    return int(next(iter(store.query(sparql, **options)))["n"].value)


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
    add(dataset, void + "triples", _int(_count(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))
    add(dataset, void + "distinctSubjects", _int(_count(store, "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }")))
    add(dataset, void + "properties", _int(_count(store, "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?s ?p ?o }")))
    add(dataset, void + "classes", _int(_count(store, "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?s a ?c }")))
    add(dataset, void + "entities", _int(_count(store, "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?d ai:mentions ?e }")))
    add(dataset, void + "documents", _int(_count(store, "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a ai:SourceDocument }")))

    used = {
        r["v"].value
        for r in store.query("SELECT DISTINCT ?v WHERE { { ?s ?v ?o } UNION { ?s a ?v } }")
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
