"""The graph store: one small interface, today over an embedded Oxigraph directory.

Commands only use the methods of `GraphStore`, so a remote SPARQL 1.1 server can later stand
behind the same interface. The methods that are plain SPARQL (metadata, stats, union export)
live in the base class and work for any store that answers `query`.

Two guarantees callers rely on:
- `replace_graph` is atomic. It runs ONE SPARQL update, `DROP SILENT GRAPH <g> ; INSERT DATA
  { GRAPH <g> { ... } }`, and pyoxigraph applies an update in a single transaction (checked in
  tests/test_store.py, also against a process killed mid-write). A graph the store does not hold
  yet is written with one `extend`, also one transaction, and a third cheaper: nothing to drop,
  no SPARQL to print and parse. The quads are collected before the store is touched, so a
  producer that fails half-way changes nothing either. `write_new_graphs` writes many new
  graphs at once through the bulk loader, which is not transactional; a journal in the store
  directory, replayed when the store is opened, gives it the same all-or-nothing per graph.
- Queries see the union of all graphs as their default graph unless told otherwise, so a query
  reads across documents and uses `GRAPH ?g` only when it needs to know which document said what.
"""

from __future__ import annotations

import itertools
import os
import re
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import BinaryIO, Iterable

import pyoxigraph as ox

from kg import vocab

DEFAULT_STORE = Path(".kg") / "store"

# Export formats by the names the CLI uses; trig, nquads and jsonld carry named graphs.
FORMATS = {
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "jsonld": ox.RdfFormat.JSON_LD,
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
DATASET_FORMATS = ("trig", "nquads", "jsonld")
GRAPH_FORMATS = ("turtle", "ntriples", "rdfxml")


class StoreError(Exception):
    """The store cannot be opened or cannot do what was asked; the message says why."""


class SparqlSyntaxError(StoreError):
    """A query or update that does not parse; carries the 1-based line and column."""

    def __init__(self, message: str, line: int | None, column: int | None):
        super().__init__(message)
        self.line = line
        self.column = column


@dataclass(frozen=True)
class GraphMetadata:
    """What the loader needs to know about a loaded graph to decide whether to reload it."""

    graph: str
    sha256: str | None
    software_version: str | None
    title: str | None = None
    publisher: str | None = None
    issued: date | datetime | None = None
    reference_date: date | None = None
    languages: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Stats:
    documents: int
    figures: int
    entities: int
    quads: int
    graphs: dict[str, int] = field(default_factory=dict)  # graph IRI ("" = default graph) -> quads


def store_path(path: Path | str | None = None) -> Path:
    """The store directory: the `--store` option, else `KG_STORE`, else `.kg/store` here."""
    return Path(path or os.environ.get("KG_STORE") or DEFAULT_STORE)


def open_store(path: Path | str | None = None, *, create: bool = False) -> "GraphStore":
    """Open the store; `create` only for commands that write (`kg load`).

    Read commands never create an empty store by accident: a missing store is an error.
    An http(s) URL opens a SPARQL 1.1 server instead (kg/remote.py).
    """
    location = str(path or os.environ.get("KG_STORE") or DEFAULT_STORE)
    if location.startswith(("http://", "https://")):
        from kg.remote import RemoteStore

        return RemoteStore(location)
    return LocalStore(store_path(path), create=create)


def _graph_metadata(graph_iri: str, rows: list) -> GraphMetadata:
    def first(var: str):
        return next((term_value(r[var]) for r in rows if r[var] is not None), None)

    return GraphMetadata(
        graph=graph_iri,
        sha256=first("sha"),
        software_version=first("version"),
        title=first("title"),
        publisher=first("publisher"),
        issued=first("issued"),
        reference_date=first("reference"),
        languages=frozenset(str(term_value(r["language"])) for r in rows if r["language"] is not None),
    )


# --------------------------------------------------------------------------- the interface


# Every triple of the default graph and of every named graph, for queries run with
# union_default_graph=False: the union spelled out, which a remote engine whose default graph
# holds more (Virtuoso's own graphs) answers like the embedded store.
EVERY_GRAPH = "{ ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } }"


class GraphStore(ABC):
    """The operations commands may use. Subclasses: `LocalStore` (embedded Oxigraph)."""

    location: str

    @abstractmethod
    def replace_graph(self, graph_iri: str, quads: Iterable[ox.Quad]) -> int:
        """Atomically make `graph_iri` hold exactly `quads`; returns how many were written."""

    def write_new_graphs(self, graphs: dict[str, list[ox.Quad]]) -> dict[str, int | StoreError]:
        """Write several document graphs at once; per graph, its quad count or why it failed.

        Each graph is still all-or-nothing. This default writes them one by one; a store with a
        faster path for graphs it does not hold yet (the embedded one's bulk loader) overrides it."""
        written: dict[str, int | StoreError] = {}
        for graph_iri, quads in graphs.items():
            try:
                written[graph_iri] = self.replace_graph(graph_iri, quads)
            except StoreError as err:
                written[graph_iri] = err
        return written

    def compact(self) -> None:
        """Reorganise storage after a large write, if the store benefits; nothing by default."""

    @abstractmethod
    def drop_graph(self, graph_iri: str) -> bool:
        """Remove a graph; False if there was none."""

    @abstractmethod
    def query(
        self,
        sparql: str,
        *,
        substitutions: dict[str, ox.Term] | None = None,
        union_default_graph: bool = True,
    ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        """Run a SPARQL query; `substitutions` pre-bind variables (never spliced into text)."""

    @abstractmethod
    def dump(
        self, format: str, graph: str | None = None, output: BinaryIO | None = None, *, void: bool = False
    ) -> bytes | None:
        """Serialise the dataset (trig, nquads, jsonld) or one graph / the union (turtle, ntriples,
        rdfxml). `void` adds the whole dataset's VoID description (kg/void.py), as `kg export` does."""

    @abstractmethod
    def close(self) -> None:
        """Release the store (for Oxigraph: its directory lock)."""

    def __enter__(self) -> "GraphStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ---- plain SPARQL on top of `query`: the same for every kind of store

    def _graphs_for_jsonld(
        self, graph: str | None, void: bool
    ) -> Iterable[tuple[ox.NamedNode | ox.DefaultGraph, Iterable[ox.Triple]]]:
        """(name, triples) of one graph, or of every graph then the VoID description, each read
        when its turn comes; the stores that export (embedded, remote) supply it."""
        raise NotImplementedError(f"{type(self).__name__} does not export JSON-LD")

    def _dump_jsonld(self, graph: str | None, output: BinaryIO | None, void: bool) -> bytes | None:
        """Compacted JSON-LD written one graph at a time (`write_compact_jsonld`), from the graphs
        the store hands out in turn (`_graphs_for_jsonld`)."""
        return write_or_return(lambda stream: write_compact_jsonld(self._graphs_for_jsonld(graph, void), stream), output)

    def has_graph(self, graph_iri: str) -> bool:
        """Whether the store holds a non-empty graph of this name."""
        return bool(self.query("ASK { GRAPH ?g { ?s ?p ?o } }", substitutions={"g": ox.NamedNode(graph_iri)},
                               union_default_graph=False))

    def graph_metadata(self, graph_iri: str) -> GraphMetadata | None:
        """The fingerprint stored with a graph, or None if the graph is not there.

        A document graph keeps sha256 and metadata on its source and the software version on its
        extraction activity (docs/data-model.md). A graph without them (the ontology) gets a
        GraphMetadata of Nones.
        """
        g = ox.NamedNode(graph_iri)
        found = self._metadata_query({"g": g})
        if graph_iri in found:
            return found[graph_iri]
        exists = bool(self.query("ASK { GRAPH ?g { ?s ?p ?o } }", substitutions={"g": g}, union_default_graph=False))
        return GraphMetadata(graph_iri, None, None) if exists else None

    def all_graph_metadata(self) -> dict[str, GraphMetadata]:
        """`graph_metadata` of every document graph in one query: a large load asks once, not per file."""
        return self._metadata_query({})

    def _metadata_query(self, substitutions: dict[str, ox.Term]) -> dict[str, GraphMetadata]:
        rows: dict[str, list] = {}
        for row in self.query(
            """
            SELECT ?g ?sha ?version ?title ?publisher ?issued ?reference ?language WHERE {
              GRAPH ?g {
                ?g prov:wasDerivedFrom/ai:sha256 ?sha .
                OPTIONAL { ?g prov:wasGeneratedBy/ai:softwareVersion ?version }
                OPTIONAL { ?g prov:wasDerivedFrom ?src .
                  OPTIONAL { ?src dct:title ?title }
                  OPTIONAL { ?src dct:publisher ?publisher }
                  OPTIONAL { ?src dct:issued ?issued }
                  OPTIONAL { ?src ai:referenceDate ?reference }
                  OPTIONAL { ?src dct:language ?language } }
              }
            }""",
            substitutions=substitutions,
            union_default_graph=False,
        ):
            rows.setdefault(str(term_value(row["g"])), []).append(row)
        return {graph: _graph_metadata(graph, graph_rows) for graph, graph_rows in rows.items()}

    def stats(self) -> Stats:
        """Counts for `kg stats`: documents, figures, distinct entities mentioned, quads."""

        def count(sparql: str) -> int:
            return int(next(iter(self.query(sparql)))["n"].value)

        per_graph = {
            r["g"].value: int(r["n"].value)
            for r in self.query(
                "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
                union_default_graph=False,
            )
        }
        default = int(
            next(iter(self.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", union_default_graph=False)))["n"].value
        )
        if default:
            per_graph[""] = default
        return Stats(
            documents=count("SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a ai:SourceDocument }"),
            figures=count("SELECT (COUNT(DISTINCT ?f) AS ?n) WHERE { ?f a ai:Figure }"),
            entities=count("SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?d ai:mentions ?e }"),
            quads=sum(per_graph.values()),
            graphs=per_graph,
        )

    def construct(self, sparql: str, format: str = "turtle", *, substitutions: dict[str, ox.Term] | None = None) -> bytes:
        """Run a CONSTRUCT/DESCRIBE query and serialise its graph (turtle or ntriples)."""
        answer = self.query(sparql, substitutions=substitutions)
        if not isinstance(answer, ox.QueryTriples):
            raise StoreError("expected a CONSTRUCT or DESCRIBE query")
        return serialize_triples(answer, format)

    def union_triples(self) -> list[ox.Triple]:
        """Every distinct triple of every graph: the union as one graph."""
        return [
            ox.Triple(r["s"], r["p"], r["o"])
            for r in self.query(f"SELECT DISTINCT ?s ?p ?o WHERE {{ {EVERY_GRAPH} }}", union_default_graph=False)
        ]


def serialize_triples(triples: Iterable[ox.Triple], format: str) -> bytes:
    """Triples as Turtle or RDF/XML (with our prefixes) or N-Triples; duplicates written once."""
    if format not in GRAPH_FORMATS:
        raise StoreError(f"cannot write a graph as '{format}' (expected one of: {', '.join(GRAPH_FORMATS)})")
    unique = list(dict.fromkeys(triples))
    prefixes = vocab.PREFIXES if format != "ntriples" else None
    return ox.serialize(unique, None, FORMATS[format], prefixes=prefixes)


def write_compact_jsonld(graphs: Iterable[tuple[ox.NamedNode | ox.DefaultGraph, Iterable[ox.Triple]]],
                         output: BinaryIO) -> None:
    """Write graphs, one at a time, as ONE compacted JSON-LD document whose @context holds our
    prefixes: `{"@context": ..., "@graph": [{"@id": <graph>, "@graph": [...]}, ...]}`.

    Oxigraph writes expanded JSON-LD only (full IRIs everywhere); rdflib's serialiser compacts
    against a context, which is what linked-data consumers expect to read, but it holds a whole
    dataset in memory. Compacting each named graph on its own keeps memory to the largest
    graph (a document's few hundred triples), whatever the size of the store."""
    import json

    import rdflib

    context = dict(vocab.PREFIXES)
    output.write(b'{"@context": ' + json.dumps(context, indent=2).encode() + b',\n"@graph": [')
    first = True
    # rdflib rewrites lexical forms by default ("...Z" becomes "...+00:00"); keep ours exact
    normalize, rdflib.NORMALIZE_LITERALS = rdflib.NORMALIZE_LITERALS, False
    try:
        for name, triples in graphs:
            graph = rdflib.Graph()
            graph.parse(data=ox.serialize(triples, None, ox.RdfFormat.N_TRIPLES), format="nt")
            if not len(graph):
                continue
            compacted = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
            compacted.pop("@context", None)
            nodes = compacted.get("@graph", [compacted] if compacted else [])
            # a named graph is one object with its name; the default graph's nodes stand at the top
            items = [{"@id": name.value, "@graph": nodes}] if isinstance(name, ox.NamedNode) else nodes
            for item in items:
                output.write((b"\n" if first else b",\n") + json.dumps(item, indent=2, ensure_ascii=False).encode())
                first = False
    finally:
        rdflib.NORMALIZE_LITERALS = normalize
    output.write(b"\n]}\n")


def quads_by_graph(quads: Iterable[ox.Quad]) -> list[tuple[ox.NamedNode | ox.DefaultGraph, list[ox.Triple]]]:
    """Quads grouped by their graph, in order of first appearance (for `write_compact_jsonld`)."""
    groups: dict = {}
    for q in quads:
        groups.setdefault(q.graph_name, []).append(q.triple)
    return list(groups.items())


def write_or_return(write, output: BinaryIO | None) -> bytes | None:
    """Call `write(stream)` on `output`, or on a buffer whose bytes are returned when there is none."""
    if output is not None:
        write(output)
        return None
    import io

    buffer = io.BytesIO()
    write(buffer)
    return buffer.getvalue()


# --------------------------------------------------------------------------- embedded Oxigraph


class LocalStore(GraphStore):
    """An Oxigraph (RocksDB) directory owned by this process while it is open."""

    # RocksDB keeps written data in one memtable per index until it flushes them; on a long load
    # that reached 850 MiB at 800k quads. Flushing every so many quads keeps memory flat (~200 MiB).
    FLUSH_EVERY_QUADS = 200_000
    COMPACT_AFTER_QUADS = 100_000  # about 250 articles bulk-loaded

    # Graphs being written by the bulk loader, one IRI per line, kept in the store directory
    # (RocksDB ignores files it did not name) while `write_new_graphs` runs.
    JOURNAL = "kg-unfinished-graphs"

    def __init__(self, path: Path, *, create: bool = False):
        self.path = path
        self.location = str(path)
        self._store: ox.Store | None = _open_directory(path, create)
        self._unflushed = 0
        self.bulk_loaded_quads = 0  # written by write_new_graphs since the store was opened
        self.repaired = self._drop_unfinished_graphs()

    @property
    def oxigraph(self) -> ox.Store:
        if self._store is None:
            raise StoreError(f"store {self.path} is closed")
        return self._store

    def replace_graph(self, graph_iri: str, quads: Iterable[ox.Quad]) -> int:
        graph = ox.NamedNode(graph_iri)
        if self.oxigraph.contains_named_graph(graph):
            update, count = replace_graph_update(graph_iri, quads)
            self._update(update)
        else:
            collected = checked_quads(graph, quads)
            count = len(collected)
            try:
                self.oxigraph.extend(collected)  # one transaction: all of the graph or none of it
            except (RuntimeError, OSError, ValueError) as err:
                raise StoreError(f"update of store {self.path} failed: {err}") from None
        self._unflushed += count
        if self._unflushed >= self.FLUSH_EVERY_QUADS:
            self.oxigraph.flush()
            self._unflushed = 0
        return count

    def write_new_graphs(self, graphs: dict[str, list[ox.Quad]]) -> dict[str, int | StoreError]:
        """Graphs the store does not hold yet go through Oxigraph's bulk loader in one call,
        three times faster than a transaction each (benchmarks/bench_load.py); the others are
        replaced one by one.

        `bulk_extend` is not transactional, so a journal makes it all-or-nothing per graph: the
        graph names are written to JOURNAL (and synced) before the bulk load and the file is
        removed after it. A process killed in between leaves the journal, and the next open of
        the store drops every graph it names before anything reads them
        (`_drop_unfinished_graphs`): those documents are simply not loaded, and the next `kg
        load` loads them. A bulk load that fails is undone the same way, then each graph is
        written in its own transaction, so one bad graph cannot take the others with it."""
        new, written = {}, {}
        for graph_iri, quads in graphs.items():
            node = ox.NamedNode(graph_iri)
            if self.oxigraph.contains_named_graph(node):
                written.update(super().write_new_graphs({graph_iri: quads}))
                continue
            try:
                new[graph_iri] = checked_quads(node, quads)
            except StoreError as err:
                written[graph_iri] = err
        if not new:
            return written
        journal = self.path / self.JOURNAL
        self._drop_unfinished_graphs()  # a journal an earlier failure left is settled first, never overwritten
        try:
            with open(journal, "w", encoding="utf-8") as out:
                out.write("".join(iri + "\n" for iri in new))
                out.flush()
                os.fsync(out.fileno())
            _fsync_directory(self.path)  # the journal's name must survive a power cut as its data does
        except OSError as err:
            raise StoreError(f"cannot write the load journal {journal}: {err.strerror or err}") from None
        try:
            self.oxigraph.bulk_extend(itertools.chain.from_iterable(new.values()))
        except (RuntimeError, OSError, ValueError):
            self._drop_unfinished_graphs()
            written.update(super().write_new_graphs(new))
            return written
        self.bulk_loaded_quads += sum(len(quads) for quads in new.values())
        _remove_journal(journal)
        written.update((iri, len(quads)) for iri, quads in new.items())
        return written

    def compact(self) -> None:
        """RocksDB compaction, after a bulk load of at least COMPACT_AFTER_QUADS. The bulk loader
        leaves many small files per index; reading across them made the saved queries 25-40%
        slower at 1,000 articles until compacted (0.5 s). Compaction costs time with the size of
        the whole store (about 1 s at 2M quads), so a load of a few documents skips it."""
        if self.bulk_loaded_quads < self.COMPACT_AFTER_QUADS:
            return
        self.bulk_loaded_quads = 0
        try:
            self.oxigraph.optimize()
        except (RuntimeError, OSError) as err:
            raise StoreError(f"compaction of store {self.path} failed: {err}") from None

    def _drop_unfinished_graphs(self) -> list[str]:
        """Drop the graphs an interrupted bulk write left (see `write_new_graphs`); their names."""
        journal = self.path / self.JOURNAL
        if not journal.is_file():
            return []
        try:
            lines = journal.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError as err:
            raise StoreError(f"cannot read the load journal {journal}: {err.strerror or err}") from None
        names = []
        for line in filter(None, map(str.strip, lines)):
            try:
                names.append(ox.NamedNode(line))
            except ValueError:
                continue  # a line cut by the crash names no graph that was written
        for name in names:  # SILENT and unconditional: the bulk loader may have written quads but not the graph's name
            self._update(f"DROP SILENT GRAPH {name}")
        self.oxigraph.flush()
        _remove_journal(journal)
        return [name.value for name in names]

    def has_graph(self, graph_iri: str) -> bool:
        return self.oxigraph.contains_named_graph(ox.NamedNode(graph_iri))

    def drop_graph(self, graph_iri: str) -> bool:
        graph = ox.NamedNode(graph_iri)
        if not self.oxigraph.contains_named_graph(graph):
            return False
        self._update(f"DROP GRAPH {graph}")
        return True

    def query(self, sparql, *, substitutions=None, union_default_graph=True):
        from kg.server.safety import has_dataset_clause

        # a query that names its dataset (FROM / FROM NAMED) gets exactly that, not the union
        union = union_default_graph and not has_dataset_clause(sparql)
        try:
            return self.oxigraph.query(
                sparql,
                prefixes=vocab.PREFIXES,
                use_default_graph_as_union=union,
                substitutions={ox.Variable(k): v for k, v in (substitutions or {}).items()} or None,
            )
        except SyntaxError as err:
            raise sparql_syntax_error(err, "query", sparql) from None
        except (RuntimeError, OSError, ValueError) as err:
            raise StoreError(f"query failed: {err}") from None

    def dump(self, format, graph=None, output=None, *, void=False):
        if format not in FORMATS:
            raise StoreError(f"unknown format '{format}' (expected one of: {', '.join(FORMATS)})")
        if graph is not None and not self.oxigraph.contains_named_graph(ox.NamedNode(graph)):
            raise StoreError(f"no graph <{graph}> in store {self.path}")  # before a byte is written
        if format == "jsonld":
            return self._dump_jsonld(graph, output, void)
        rdf_format = FORMATS[format]
        prefixes = vocab.PREFIXES if format in ("turtle", "trig", "rdfxml") else None
        if graph is None:
            from kg.void import describe

            description = describe(self) if void else []
            if format in DATASET_FORMATS:
                quads = itertools.chain(self.oxigraph.quads_for_pattern(None, None, None, None), description)
                return ox.serialize(quads, output, rdf_format, prefixes=prefixes)
            # Turtle / N-Triples / RDF/XML hold one graph: write the union of all graphs.
            data = serialize_triples(itertools.chain(self.union_triples(), (q.triple for q in description)), format)
            if output is None:
                return data
            output.write(data)
            return None
        node = ox.NamedNode(graph)
        if format in DATASET_FORMATS:
            quads = self.oxigraph.quads_for_pattern(None, None, None, node)
            return ox.serialize(quads, output, rdf_format, prefixes=prefixes)
        return self.oxigraph.dump(output, rdf_format, from_graph=node, prefixes=prefixes)

    def _graphs_for_jsonld(self, graph: str | None, void: bool):
        """One graph, or every graph (then the VoID description), each read when its turn comes."""
        store = self.oxigraph

        def triples(name):
            return (q.triple for q in store.quads_for_pattern(None, None, None, name))

        if graph is not None:
            node = ox.NamedNode(graph)
            yield node, triples(node)
            return
        yield ox.DefaultGraph(), triples(ox.DefaultGraph())
        for name in sorted(store.named_graphs(), key=lambda n: n.value):
            yield name, triples(name)
        if void:
            from kg.void import describe

            yield from quads_by_graph(describe(self))

    def close(self) -> None:
        self._store = None  # pyoxigraph releases the RocksDB lock when the Store is freed

    def update(self, sparql: str, *, base_iri: str | None = None) -> None:
        """A user's SPARQL Update with the usual prefixes (kg serve --allow-updates), as
        `RemoteStore.update`; pyoxigraph's own errors go to the caller, which reports them."""
        self.oxigraph.update(sparql, base_iri=base_iri, prefixes=vocab.PREFIXES)

    def _update(self, sparql: str) -> None:
        try:
            self.oxigraph.update(sparql)
        except SyntaxError as err:
            raise sparql_syntax_error(err, "update", sparql if len(sparql) < 100_000 else None) from None
        except (RuntimeError, OSError, ValueError) as err:
            raise StoreError(f"update of store {self.path} failed: {err}") from None


def _remove_journal(journal: Path) -> None:
    try:
        journal.unlink()
    except OSError as err:
        raise StoreError(f"cannot remove the load journal {journal}: {err.strerror or err}") from None


def _fsync_directory(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def replace_graph_update(graph_iri: str, quads: Iterable[ox.Quad]) -> tuple[str, int]:
    """The ONE SPARQL update that makes `graph_iri` hold exactly `quads`, and how many there are.

    The quads are collected first: a producer that fails raises here, before any store is touched."""
    graph = ox.NamedNode(graph_iri)
    collected = checked_quads(graph, quads)
    statements = [f"{_sparql(q.subject)} {_sparql(q.predicate)} {_sparql(q.object)} ." for q in collected]
    update = f"DROP SILENT GRAPH {graph}"
    if statements:
        update += f" ;\nINSERT DATA {{ GRAPH {graph} {{\n" + "\n".join(statements) + "\n} }"
    return update, len(collected)


def checked_quads(graph: ox.NamedNode, quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    """All of `quads`, each checked to be in `graph`: a stray quad would write outside the document."""
    collected = list(quads)
    for quad in collected:
        if quad.graph_name != graph:
            raise StoreError(f"quad {quad} is not in graph <{graph.value}>; refusing to write it")
    return collected


def _sparql(term: ox.Term) -> str:
    """A term in SPARQL syntax: N-Triples form, with RDF 1.2 triple terms as <<( s p o )>>."""
    if isinstance(term, ox.Triple):
        return f"<<( {_sparql(term.subject)} {_sparql(term.predicate)} {_sparql(term.object)} )>>"
    return str(term)


def _open_directory(path: Path, create: bool) -> ox.Store:
    if path.exists() and not path.is_dir():
        raise StoreError(f"store {path} is a file, not a store directory")
    if not path.exists() or (path.is_dir() and not any(path.iterdir())):
        if not create:
            raise StoreError(f"no store at {path}; run kg load first")
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise StoreError(f"cannot create store {path}: {err.strerror or err}") from None
    elif not (path / "CURRENT").is_file():
        # Oxigraph would happily add its files to any directory; refuse to litter one.
        raise StoreError(f"{path} is not an Oxigraph store (a non-empty directory without a RocksDB CURRENT file)")
    try:
        return ox.Store(str(path))
    except OSError as err:
        message = str(err)
        if "lock" in message.lower():
            raise StoreError(f"store {path} is in use by another process (a running kg load or kg serve?)") from None
        if "permission" in message.lower():
            raise StoreError(f"cannot open store {path}: permission denied") from None
        raise StoreError(f"cannot open store {path} (is it an Oxigraph store?): {message}") from None


_POSITION = re.compile(r"error at (\d+):(\d+)")


def sparql_syntax_error(err: SyntaxError, what: str, text: str | None = None) -> SparqlSyntaxError:
    """One line with the line and column of a SPARQL syntax error.

    pyoxigraph says 'error at LINE:COLUMN: expected one of ...' (1-based), but its position is
    the furthest point its parser reached, often the end of the query. rdflib's parser stops
    at the start of the statement that fails, so when it rejects the text too, its position is
    the one reported first.
    """
    message = str(err)
    match = _POSITION.search(message)
    detail = _POSITION.sub("", message, count=1).lstrip(": ").replace("\n", " ")
    if " [" in detail:  # character-class alternatives: unreadable, keep the plain tokens
        detail = detail[: detail.index(" [")].rstrip(", ") + ", ..."
    if len(detail) > 100:
        detail = detail[:97].rstrip(" ,") + "..."
    line, column = (int(match.group(1)), int(match.group(2))) if match else (None, None)
    closer = _rdflib_position(text, what) if text else None
    if closer and closer[:2] != (line, column):
        near_line, near_column, near = closer
        oxigraph = f"Oxigraph stopped at line {line}, column {column}: {detail}" if match else detail
        return SparqlSyntaxError(
            f"SPARQL syntax error in {what} at line {near_line}, column {near_column}"
            f"{f' near {near!r}' if near else ''} ({oxigraph})",
            near_line,
            near_column,
        )
    if match:
        return SparqlSyntaxError(f"SPARQL syntax error in {what} at line {line}, column {column}: {detail}", line, column)
    return SparqlSyntaxError(f"SPARQL syntax error in {what}: {detail}", None, None)


def _rdflib_position(text: str, what: str) -> tuple[int, int, str | None] | None:
    """(line, column, token) where rdflib's SPARQL parser fails, or None if it parses."""
    try:
        from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

        (parseUpdate if what == "update" else parseQuery)(text)
    except Exception as err:  # noqa: BLE001 - pyparsing's ParseException and relatives
        line, column = getattr(err, "lineno", None), getattr(err, "col", None)
        if isinstance(line, int) and isinstance(column, int):
            found = re.search(r"found '([^']*)'", str(err))
            return line, column, found.group(1) if found else None
    return None


# --------------------------------------------------------------------------- RDF terms -> Python

_XSD = vocab.XSD


def term_value(term: ox.Term | None):
    """A Python value for a term: numbers, booleans and dates typed; IRIs and strings as str."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if not isinstance(term, ox.Literal):
        return str(term)
    datatype, lexical = term.datatype.value, term.value
    try:
        if datatype in (_XSD + "integer", _XSD + "int", _XSD + "long", _XSD + "nonNegativeInteger"):
            return int(lexical)
        if datatype == _XSD + "decimal":
            return Decimal(lexical)
        if datatype in (_XSD + "double", _XSD + "float"):
            return float(lexical)
        if datatype == _XSD + "boolean":
            return lexical in ("true", "1")
        if datatype == _XSD + "date":
            return date.fromisoformat(lexical)
        if datatype == _XSD + "dateTime":
            return datetime.fromisoformat(lexical.replace("Z", "+00:00"))
    except (ValueError, InvalidOperation):
        pass  # an ill-typed literal stays its text
    return lexical
