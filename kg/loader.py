"""Load files into the store: read, extract, build RDF, replace the document's graph.

Each document owns one named graph, replaced atomically, so a reader sees either the old
version of a document or the complete new one. A file whose bytes, manifest metadata and
software version match what the store already holds is skipped: loading the same file twice
leaves exactly the same quads (even the extraction activity's timestamps stay).

A bad file is refused with its reason and the rest still load; the ontology file is loaded
into its own graph by the same skip rule.
"""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import pyoxigraph as ox

from kg import SOFTWARE_VERSION, vocab
from kg.documents import Document, DocumentError, iter_paths, load_manifest, read_document
from kg.extract import extract
from kg.rdf import document_quads, reference_quads
from kg.pool import extraction_pool
from kg.store import GraphMetadata, GraphStore, StoreError

PROGRESS_MIN_FILES = 4  # below this a progress bar is only flicker
PARALLEL_MIN_FILES = 16  # below this, starting worker processes costs more than it saves


@dataclass(frozen=True)
class Loaded:
    doc_id: str
    path: Path
    figures: int
    quads: int


@dataclass(frozen=True)
class Unchanged:
    doc_id: str
    path: Path


@dataclass(frozen=True)
class Refused:
    path: Path
    reason: str  # one line; names the problem, the path is in `path`


@dataclass
class LoadReport:
    loaded: list[Loaded] = field(default_factory=list)
    unchanged: list[Unchanged] = field(default_factory=list)
    refused: list[Refused] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # things that went wrong after every document was written
    ontology: str = "not checked"  # loaded | unchanged | missing | refused
    entity_table: str = "not checked"  # loaded | unchanged | refused: the reference graph of known entities

    @property
    def ok(self) -> bool:
        return not self.refused

    @property
    def figures(self) -> int:
        return sum(d.figures for d in self.loaded)

    @property
    def quads(self) -> int:
        return sum(d.quads for d in self.loaded)


def load_paths(
    store: GraphStore, paths: list[Path | str], progress: bool = True, force: bool = False, jobs: int = 1
) -> LoadReport:
    """Load every file under `paths` (see documents.iter_paths); `force` reloads unchanged ones.

    With `jobs` > 1 and enough files, reading and extraction run in that many worker processes
    while this process writes the documents' graphs in file order, new ones in batches (_NewGraphs).
    Raises DocumentError only for a path that does not exist, before anything is written.
    """
    files = iter_paths(paths)
    report = LoadReport()
    report.ontology = _load_ontology(store, report, force)
    report.entity_table = _load_entity_table(store, report, force)
    stored = {} if force else store.all_graph_metadata()  # no fingerprint to compare: every file loads
    tasks = _tasks(files, stored, report)
    with _ProgressBar(len(files), progress) as advance:
        for _ in range(len(files) - len(tasks)):  # refused before extraction
            advance(None)
        with extraction_pool(jobs if len(tasks) >= PARALLEL_MIN_FILES else 1) as prepare_all:
            batch = _NewGraphs(store, report)
            for task, outcome in zip(tasks, prepare_all(tasks)):
                if isinstance(outcome, Prepared):
                    batch.add(task, outcome)
                elif isinstance(outcome, Unchanged):
                    report.unchanged.append(outcome)  # (its own list: the batch need not be written first)
                else:
                    batch.write()  # a write failure is refused before this later file's refusal
                    report.refused.append(outcome)
                advance(task.path)
            batch.write()
    try:
        store.compact()  # after a large bulk load only (GraphStore.compact)
    except StoreError as err:
        report.warnings.append(f"the load is complete, but {err}")
    return report


class _NewGraphs:
    """Extracted documents, written together (`GraphStore.write_new_graphs`) once BATCH_QUADS
    quads are waiting: the graphs the store does not hold yet through the bulk loader, the others
    replaced in a transaction each; every graph all-or-nothing."""

    BATCH_QUADS = 50_000  # about 130 articles; what an interruption may cost to redo

    def __init__(self, store: GraphStore, report: LoadReport):
        self.store, self.report = store, report
        self.waiting: list[tuple[Task, Prepared, list[ox.Quad]]] = []
        self.quads = 0

    def add(self, task: Task, outcome: Prepared) -> None:
        quads = outcome.quads()
        self.waiting.append((task, outcome, quads))
        self.quads += len(quads)
        if self.quads >= self.BATCH_QUADS:
            self.write()

    def write(self) -> None:
        if not self.waiting:
            return
        written = self.store.write_new_graphs(
            {vocab.graph_iri(outcome.doc_id): quads for _, outcome, quads in self.waiting})
        for task, outcome, _ in self.waiting:
            result = written[vocab.graph_iri(outcome.doc_id)]
            if isinstance(result, StoreError):
                self.report.refused.append(Refused(task.path, f"{task.path}: {result}"))
            else:
                self.report.loaded.append(Loaded(outcome.doc_id, task.path, outcome.figures, result))
        self.waiting, self.quads = [], 0


@dataclass(frozen=True)
class Task:
    """One file to load, with what the workers need to know and nothing of the store."""

    path: Path
    manifest: dict  # {doc_id: entry} for this file only, or {}
    stored: GraphMetadata | None  # what the store holds for this document's graph (None: load it)


@dataclass(frozen=True)
class Prepared:
    """A document read and extracted: the quads of its graph as N-Quads, ready to write.

    N-Quads, not Quad objects, cross the process boundary: Oxigraph writes and parses them in
    Rust, three times faster than pickling the objects (measured on 1,000-quad documents)."""

    doc_id: str
    figures: int
    nquads: bytes

    def quads(self) -> list[ox.Quad]:
        return list(ox.parse(self.nquads, ox.RdfFormat.N_QUADS))


def _tasks(files: list[Path], stored: dict[str, GraphMetadata], report: LoadReport) -> list[Task]:
    """One task per loadable file; bad manifests and duplicate ids are refused here."""
    manifests: dict[Path, dict | DocumentError] = {}
    seen: dict[str, Path] = {}
    tasks = []
    for path in files:
        folder = path.parent
        if folder not in manifests:
            try:
                manifests[folder] = load_manifest(folder)
            except DocumentError as err:
                manifests[folder] = err
        manifest = manifests[folder]
        if isinstance(manifest, DocumentError):
            report.refused.append(Refused(path, f"{path}: not loaded, bad manifest: {manifest}"))
            continue
        doc_id = path.stem
        if doc_id in seen:
            report.refused.append(Refused(path, f"{path}: same document id '{doc_id}' as {seen[doc_id]}"))
            continue
        seen[doc_id] = path
        entry = {doc_id: manifest[doc_id]} if doc_id in (manifest or {}) else {}
        tasks.append(Task(path, entry, stored.get(vocab.graph_iri(doc_id))))
    return tasks


def prepare(task: Task) -> Prepared | Unchanged | Refused:
    """Read, extract and build the quads of one file; touches no store, so it runs in any process."""
    path = task.path
    try:
        doc = read_document(path, task.manifest)
    except DocumentError as err:
        return Refused(path, str(err))
    if _unchanged(task.stored, doc):
        return Unchanged(doc.doc_id, path)
    try:
        started = datetime.now(timezone.utc).replace(microsecond=0)
        extraction = extract(doc)
        ended = datetime.now(timezone.utc).replace(microsecond=0)
        nquads = ox.serialize(document_quads(doc, extraction, started, ended), format=ox.RdfFormat.N_QUADS)
    except Exception as err:  # noqa: BLE001 - one failing document must not stop the others
        return Refused(path, f"{path}: extraction or RDF building failed ({type(err).__name__}: {err})")
    return Prepared(doc.doc_id, len(extraction.figures), nquads)


def _unchanged(stored: GraphMetadata | None, doc: Document) -> bool:
    """Same bytes, same manifest metadata, same software: the stored graph is what we would build."""
    return (
        stored is not None
        and stored.sha256 == doc.sha256
        and stored.software_version == SOFTWARE_VERSION
        and stored.title == doc.title
        and stored.publisher == doc.publisher
        and stored.issued == doc.published
        and stored.reference_date == doc.reference_date
        and stored.languages == frozenset(doc.languages)
    )


def _load_ontology(store: GraphStore, report: LoadReport, force: bool) -> str:
    """(Re)load ontology/aiinfra.ttl into the ontology graph when its bytes changed."""
    path = vocab.ONTOLOGY_FILE
    if not path.is_file():
        return "missing"
    raw = path.read_bytes()

    def parsed(node: ox.NamedNode) -> list[ox.Quad]:
        try:
            triples = list(ox.parse(raw, ox.RdfFormat.TURTLE, base_iri=vocab.ONTOLOGY_IRI))
        except SyntaxError as err:
            raise _Refusal(f"invalid Turtle: {err}") from None
        return [ox.Quad(q.subject, q.predicate, q.object, node) for q in triples]

    return _replace_if_changed(store, report, path, raw, vocab.ontology_graph_iri(), parsed, force)


def _load_entity_table(store: GraphStore, report: LoadReport, force: bool) -> str:
    """(Re)write the reference graph of known entities when the table or the software changed.

    Document graphs link to known entities without describing them, so this graph is written
    before any document. The software version covers the language packs (whose locales add
    country names) and how entities are written (kg/rdf.py); the table itself is only built
    when the graph has to be rewritten."""
    path = vocab.ENTITIES_FILE
    return _replace_if_changed(store, report, path, path.read_bytes(), vocab.entities_graph_iri(),
                               lambda node: reference_quads(), force)


class _Refusal(Exception):
    """A fixed graph's source cannot be turned into quads; the message says why."""


def _replace_if_changed(store: GraphStore, report: LoadReport, path: Path, raw: bytes, graph: str,
                        build, force: bool) -> str:
    """Write a graph made from one file (the ontology, the entity table) unless the store holds
    it already for the same bytes and software: loaded | unchanged | refused.

    The graph names what it was made from: dct:identifier "sha256:<hex>" and ai:softwareVersion
    (ai:sha256 is reserved for source documents by the ontology's domain)."""
    fingerprint = ox.Literal("sha256:" + hashlib.sha256(raw).hexdigest())
    version = ox.Literal(SOFTWARE_VERSION)
    node = ox.NamedNode(graph)
    same = store.query(
        "ASK { GRAPH ?g { ?g dct:identifier ?fingerprint ; ai:softwareVersion ?version } }",
        substitutions={"g": node, "fingerprint": fingerprint, "version": version},
        union_default_graph=False,
    )
    if not force and bool(same):
        return "unchanged"
    try:
        quads = build(node)
    except _Refusal as err:
        report.refused.append(Refused(path, f"{path}: {err}"))
        return "refused"
    quads.append(ox.Quad(node, ox.NamedNode(vocab.DCT + "identifier"), fingerprint, node))
    quads.append(ox.Quad(node, ox.NamedNode(vocab.AI + "softwareVersion"), version, node))
    try:
        store.replace_graph(graph, quads)
    except StoreError as err:
        report.refused.append(Refused(path, f"{path}: {err}"))
        return "refused"
    return "loaded"


class _ProgressBar:
    """A rich progress bar on stderr for long loads on a terminal; a no-op otherwise."""

    def __init__(self, total: int, wanted: bool):
        self.enabled = wanted and total >= PROGRESS_MIN_FILES and sys.stderr.isatty()
        self.total = total

    def __enter__(self):
        if not self.enabled:
            return lambda path: None
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.bar = Progress(
            TextColumn("loading"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            TextColumn("{task.description}"), console=Console(stderr=True), transient=True,
        )
        self.bar.start()
        task = self.bar.add_task("", total=self.total)
        return lambda path: self.bar.update(task, advance=1, description=path.name if path else "")

    def __exit__(self, *exc):
        if self.enabled:
            self.bar.stop()
