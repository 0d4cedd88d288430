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
from kg.rdf import document_quads
from kg.store import GraphMetadata, GraphStore, StoreError

PROGRESS_MIN_FILES = 4  # below this a progress bar is only flicker


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
    ontology: str = "not checked"  # loaded | unchanged | missing | refused

    @property
    def ok(self) -> bool:
        return not self.refused

    @property
    def figures(self) -> int:
        return sum(d.figures for d in self.loaded)

    @property
    def quads(self) -> int:
        return sum(d.quads for d in self.loaded)


def load_paths(store: GraphStore, paths: list[Path | str], progress: bool = True, force: bool = False) -> LoadReport:
    """Load every file under `paths` (see documents.iter_paths); `force` reloads unchanged ones.

    Raises DocumentError only for a path that does not exist, before anything is written.
    """
    files = iter_paths(paths)
    report = LoadReport()
    report.ontology = _load_ontology(store, report, force)
    manifests: dict[Path, dict | DocumentError] = {}
    seen: dict[str, Path] = {}
    with _ProgressBar(len(files), progress) as advance:
        for path in files:
            _load_one(store, path, manifests, seen, report, force)
            advance(path)
    return report


def _load_one(store: GraphStore, path: Path, manifests: dict, seen: dict[str, Path], report: LoadReport, force: bool) -> None:
    folder = path.parent
    if folder not in manifests:
        try:
            manifests[folder] = load_manifest(folder)
        except DocumentError as err:
            manifests[folder] = err
    manifest = manifests[folder]
    if isinstance(manifest, DocumentError):
        report.refused.append(Refused(path, f"{path}: not loaded, bad manifest: {manifest}"))
        return
    try:
        doc = read_document(path, manifest)
    except DocumentError as err:
        report.refused.append(Refused(path, str(err)))
        return
    if doc.doc_id in seen:
        report.refused.append(Refused(path, f"{path}: same document id '{doc.doc_id}' as {seen[doc.doc_id]}"))
        return
    seen[doc.doc_id] = path
    graph = vocab.graph_iri(doc.doc_id)
    try:
        if not force and _unchanged(store.graph_metadata(graph), doc):
            report.unchanged.append(Unchanged(doc.doc_id, path))
            return
        started = datetime.now(timezone.utc).replace(microsecond=0)
        extraction = extract(doc)
        ended = datetime.now(timezone.utc).replace(microsecond=0)
        count = store.replace_graph(graph, document_quads(doc, extraction, started, ended))
    except StoreError as err:
        report.refused.append(Refused(path, f"{path}: {err}"))
        return
    except Exception as err:  # noqa: BLE001 - one failing document must not stop the others
        report.refused.append(Refused(path, f"{path}: extraction or RDF building failed ({type(err).__name__}: {err})"))
        return
    report.loaded.append(Loaded(doc.doc_id, path, len(extraction.figures), count))


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
    # The graph names what it was loaded from: dct:identifier "sha256:<hex>" and the software
    # version (ai:sha256 is reserved for source documents by the ontology's domain).
    fingerprint = ox.Literal("sha256:" + hashlib.sha256(raw).hexdigest())
    version = ox.Literal(SOFTWARE_VERSION)
    graph = vocab.ontology_graph_iri()
    node = ox.NamedNode(graph)
    same = store.query(
        "ASK { GRAPH ?g { ?g dct:identifier ?fingerprint ; ai:softwareVersion ?version } }",
        substitutions={"g": node, "fingerprint": fingerprint, "version": version},
        union_default_graph=False,
    )
    if not force and bool(same):
        return "unchanged"
    try:
        parsed = list(ox.parse(raw, ox.RdfFormat.TURTLE, base_iri=vocab.ONTOLOGY_IRI))
    except SyntaxError as err:
        report.refused.append(Refused(path, f"{path}: invalid Turtle: {err}"))
        return "refused"
    quads = [ox.Quad(q.subject, q.predicate, q.object, node) for q in parsed]
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
        return lambda path: self.bar.update(task, advance=1, description=path.name)

    def __exit__(self, *exc):
        if self.enabled:
            self.bar.stop()
