"""Checks that the data fits the schema: an OWL reasoner and SHACL shapes.

Why two checks: OWL reasons in an open world, so HermiT finds contradictions (one thing typed
both person and organisation, a figure with two different metrics) but never a missing value.
SHACL reads the graph as it is, so it finds missing and malformed values (a figure without
evidence, offsets that do not select the quote) but knows nothing of disjoint classes.

Both take rdflib objects or file paths and return a `CheckResult`; nothing here prints.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import rdflib
from rdflib import OWL, RDF, RDFS, XSD, BNode, Literal, URIRef
from rdflib.collection import Collection
from rdflib.plugins.sparql import prepareQuery

from . import vocab

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")


@dataclass
class CheckResult:
    """The outcome of one check, ready to print or to assert on."""

    name: str
    ok: bool
    messages: list[str] = field(default_factory=list)
    seconds: float = 0.0


def ontology_graph(path: str | Path = vocab.ONTOLOGY_FILE) -> rdflib.Graph:
    """The ontology (OWL + SKOS metrics) as an rdflib graph."""
    graph = rdflib.Graph()
    graph.parse(str(path), format=rdflib.util.guess_format(str(path)) or "turtle")
    return graph


# --------------------------------------------------------------------------------------------
# Reasoner (HermiT through owlready2)
# --------------------------------------------------------------------------------------------

# owlready2 patches one of its module globals during a run (below), so runs take turns.
_REASONER_LOCK = threading.Lock()


def check_reasoner(
    data: rdflib.Graph | str | Path | None = None,
    ontology_path: str | Path = vocab.ONTOLOGY_FILE,
) -> CheckResult:
    """Run HermiT on the ontology plus `data` (e.g. the union of document graphs, or a file).

    ok is False when the whole is inconsistent (with likely causes found by a cheap scan of
    the graph, since HermiT says only "inconsistent") or when a class is unsatisfiable.
    Dates (xsd:date, xsd:gYear) are outside the OWL 2 datatype map, so HermiT runs with
    --ignoreUnsupportedDatatypes; the shapes check those literals instead.
    """
    import owlready2
    import owlready2.reasoning

    start = time.perf_counter()
    merged = ontology_graph(ontology_path)
    if data is not None:
        for triple in _triples(data):
            merged.add(triple)

    messages: list[str] = []
    ok = True
    with _REASONER_LOCK, tempfile.TemporaryDirectory(prefix="aiinfra-hermit-") as tmp:
        source = Path(tmp) / "input.nt"  # owlready2 cannot read Turtle
        merged.serialize(destination=str(source), format="nt", encoding="utf-8")
        world = owlready2.World()
        # owlready2 writes HermiT's input with tempfile and leaves it behind when HermiT
        # fails; pointing it at our directory means the `with` above removes it either way.
        real_tempfile = owlready2.reasoning.tempfile
        owlready2.reasoning.tempfile = _TempfileIn(tmp)
        noise = io.StringIO()
        try:
            with contextlib.redirect_stdout(noise), contextlib.redirect_stderr(noise):
                world.get_ontology(source.as_uri()).load(format="ntriples")
                owlready2.sync_reasoner_hermit(
                    world, infer_property_values=False, debug=0, ignore_unsupported_datatypes=True
                )
            unsatisfiable = sorted(c.iri for c in world.inconsistent_classes())
            if unsatisfiable:
                ok = False
                messages += [f"unsatisfiable class: {_short(URIRef(i))}" for i in unsatisfiable]
        except owlready2.OwlReadyInconsistentOntologyError:
            ok = False
            causes = explain_inconsistency(merged)
            messages.append("inconsistent: HermiT found no model of ontology + data")
            messages += causes or ["no simple cause found (look at disjoint classes, functional "
                                   "properties, domains and ranges)"]
        except owlready2.OwlReadyJavaError as err:
            ok = False
            lines = [ln for ln in str(err).splitlines() if ln.strip()]
            messages.append("HermiT failed: " + " ".join(lines[1:3] or lines[:1]))
        finally:
            owlready2.reasoning.tempfile = real_tempfile
            world.close()
    if ok:
        messages.append("consistent, no unsatisfiable classes")
    return CheckResult("reasoner", ok, messages, time.perf_counter() - start)


class _TempfileIn:
    """The tempfile module, but NamedTemporaryFile defaults to one directory."""

    def __init__(self, directory: str):
        self._directory = directory

    def NamedTemporaryFile(self, *args, **kwargs):  # noqa: N802 (mirrors tempfile's name)
        kwargs.setdefault("dir", self._directory)
        return tempfile.NamedTemporaryFile(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(tempfile, name)


def explain_inconsistency(graph: rdflib.Graph, limit: int = 20) -> list[str]:
    """Likely causes of an inconsistency, found without a reasoner.

    HermiT only answers yes or no. This scan catches the usual mistakes: a node whose
    asserted or domain/range-implied types are disjoint, a functional property with two
    values that cannot be equal, an asymmetric or irreflexive property used the wrong way,
    a literal outside its property's datatype.
    """
    causes: list[str] = []
    supers = _superclasses(graph)
    disjoint = _disjoint_pairs(graph)
    superprops = _superproperties(graph)
    domains, ranges = _named_domains_ranges(graph, superprops)

    # Types of every node, with where each came from.
    types: dict[rdflib.term.Node, dict[URIRef, str]] = defaultdict(dict)
    for s, p, o in graph:
        if p == RDF.type and isinstance(o, URIRef):
            for c in supers.get(o, {o}):  # an asserted type is the clearest reason: it wins
                if not types[s].get(c, "").startswith("rdf:type"):
                    types[s][c] = f"rdf:type {_short(o)}"
        for c in domains.get(p, ()):
            for sc in supers.get(c, {c}):
                types[s].setdefault(sc, f"domain of {_short(p)}")
        if not isinstance(o, Literal):
            for c in ranges.get(p, ()):
                for sc in supers.get(c, {c}):
                    types[o].setdefault(sc, f"range of {_short(p)}")
    disjoint_with: dict[URIRef, set[URIRef]] = defaultdict(set)
    for a, b in disjoint:
        disjoint_with[a].add(b)
    for node, why in types.items():
        for a, b in ((a, b) for a in why for b in disjoint_with.get(a, ()) if b in why):
            causes.append(
                f"{_short(node)} is both {_short(a)} ({why[a]}) and "
                f"{_short(b)} ({why[b]}), which are disjoint"
            )

    different = _different_pairs(graph)
    for p in set(graph.subjects(RDF.type, OWL.FunctionalProperty)):
        values: dict[rdflib.term.Node, set] = defaultdict(set)
        for s, o in graph.subject_objects(p):
            values[s].add(o)
        for s, objs in values.items():
            objs = sorted(objs, key=str)
            for i, x in enumerate(objs):
                for y in objs[i + 1:]:
                    if _surely_different(x, y, different, types, disjoint):
                        causes.append(
                            f"{_short(s)} has two values for functional "
                            f"{_short(p)}: {_short(x)} and {_short(y)}"
                        )

    for p in set(graph.subjects(RDF.type, OWL.AsymmetricProperty)):
        for s, o in graph.subject_objects(p):
            if s != o and (o, p, s) in graph and str(s) < str(o):
                causes.append(f"asymmetric {_short(p)} holds both ways between "
                              f"{_short(s)} and {_short(o)}")
    for p in set(graph.subjects(RDF.type, OWL.IrreflexiveProperty)):
        for s, o in graph.subject_objects(p):
            if s == o:
                causes.append(f"{_short(s)} is {_short(p)} itself")

    for p, datatype in _datatype_ranges(graph).items():
        for s, o in graph.subject_objects(p):
            if isinstance(o, Literal) and not _literal_fits(o, datatype):
                causes.append(f"{_short(s)} {_short(p)} {_short(o)}: "
                              f"not of datatype {_short(datatype)}")
    return sorted(set(causes))[:limit]


def _superclasses(graph: rdflib.Graph) -> dict[URIRef, set[URIRef]]:
    """Named class -> itself and all its named superclasses (subClassOf, equivalentClass)."""
    direct: dict[URIRef, set[URIRef]] = defaultdict(set)
    for a, b in graph.subject_objects(RDFS.subClassOf):
        if isinstance(a, URIRef) and isinstance(b, URIRef):
            direct[a].add(b)
    for a, b in graph.subject_objects(OWL.equivalentClass):
        if isinstance(a, URIRef) and isinstance(b, URIRef):
            direct[a].add(b)
            direct[b].add(a)
    return {c: _closure(c, direct) for c in list(direct)}


def _superproperties(graph: rdflib.Graph) -> dict[URIRef, set[URIRef]]:
    direct: dict[URIRef, set[URIRef]] = defaultdict(set)
    for a, b in graph.subject_objects(RDFS.subPropertyOf):
        if isinstance(a, URIRef) and isinstance(b, URIRef):
            direct[a].add(b)
    return {p: _closure(p, direct) for p in list(direct)}


def _closure(start, direct) -> set:
    seen, todo = {start}, [start]
    while todo:
        for nxt in direct.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def _disjoint_pairs(graph: rdflib.Graph) -> set[tuple[URIRef, URIRef]]:
    pairs: set[tuple[URIRef, URIRef]] = set()
    for a, b in graph.subject_objects(OWL.disjointWith):
        pairs.add((a, b))
    for node in graph.subjects(RDF.type, OWL.AllDisjointClasses):
        members = list(Collection(graph, graph.value(node, OWL.members)))
        pairs.update((a, b) for i, a in enumerate(members) for b in members[i + 1:])
    return {(a, b) for a, b in pairs if isinstance(a, URIRef) and isinstance(b, URIRef)}


def _different_pairs(graph: rdflib.Graph) -> set[frozenset]:
    pairs = {frozenset((a, b)) for a, b in graph.subject_objects(OWL.differentFrom)}
    for node in graph.subjects(RDF.type, OWL.AllDifferent):
        head = graph.value(node, OWL.distinctMembers) or graph.value(node, OWL.members)
        members = list(Collection(graph, head)) if head is not None else []
        pairs.update(frozenset((a, b)) for i, a in enumerate(members) for b in members[i + 1:])
    return pairs


def _named_domains_ranges(graph, superprops):
    """Property -> named domain and range classes, inherited from superproperties."""
    domains: dict[URIRef, set] = defaultdict(set)
    ranges: dict[URIRef, set] = defaultdict(set)
    props = set(graph.subjects(RDF.type, OWL.ObjectProperty)) | set(
        graph.subjects(RDF.type, OWL.DatatypeProperty))
    for p in props:
        for q in superprops.get(p, {p}):
            domains[p].update(d for d in graph.objects(q, RDFS.domain) if isinstance(d, URIRef))
            ranges[p].update(r for r in graph.objects(q, RDFS.range)
                             if isinstance(r, URIRef) and (q, RDF.type, OWL.ObjectProperty) in graph)
    return domains, ranges


def _surely_different(x, y, different, types, disjoint) -> bool:
    if isinstance(x, Literal) and isinstance(y, Literal):
        return not x.eq(y) if not x.ill_typed and not y.ill_typed else x != y
    if frozenset((x, y)) in different:
        return True
    tx, ty = types.get(x, {}), types.get(y, {})
    return any((a in tx and b in ty) or (b in tx and a in ty) for a, b in disjoint)


_INTEGER_TYPES = {XSD.integer, XSD.int, XSD.long, XSD.short, XSD.byte, XSD.nonNegativeInteger,
                  XSD.positiveInteger, XSD.nonPositiveInteger, XSD.negativeInteger,
                  XSD.unsignedLong, XSD.unsignedInt, XSD.unsignedShort, XSD.unsignedByte}


def _datatype_ranges(graph: rdflib.Graph) -> dict[URIRef, URIRef]:
    checked = {XSD.string, XSD.decimal, XSD.integer, XSD.boolean, XSD.dateTime}
    return {p: r for p, r in graph.subject_objects(RDFS.range)
            if r in checked and (p, RDF.type, OWL.DatatypeProperty) in graph}


def _literal_fits(lit: Literal, datatype: URIRef) -> bool:
    if lit.ill_typed:
        return False
    dt = lit.datatype or (RDF.langString if lit.language else XSD.string)
    if datatype == XSD.decimal:
        return dt == XSD.decimal or dt in _INTEGER_TYPES
    if datatype == XSD.integer:
        return dt in _INTEGER_TYPES or (dt == XSD.decimal and Decimal(str(lit)) % 1 == 0)
    if datatype == XSD.dateTime:
        return dt in (XSD.dateTime, XSD.dateTimeStamp)
    return dt == datatype


# --------------------------------------------------------------------------------------------
# SHACL shapes (pyshacl)
# --------------------------------------------------------------------------------------------


def check_shapes(
    data: rdflib.Graph | str | Path,
    shapes_path: str | Path = vocab.SHAPES_FILE,
    ontology_path: str | Path = vocab.ONTOLOGY_FILE,
) -> CheckResult:
    """Validate `data` (graph, dataset or file) against the shapes, one line per violation.

    The ontology is mixed into a copy of the data so that its subclass triples and the typed
    role, status and metric individuals are visible. We mix it ourselves instead of passing
    pyshacl's ont_graph: pyshacl deep-clones every owl:NamedIndividual of ont_graph
    recursively (ten levels, no memo), and the metric scheme (hasTopConcept, closeMatch)
    makes that exponential: it did not finish in ten minutes. Inference is 'none': RDFS
    inference would add the types that rdfs:range implies, so sh:class would pass on the
    very values it is meant to check, and it is slower. Warnings are listed but do not fail.
    """
    import pyshacl

    start = time.perf_counter()
    mixed = _PreparedQueryGraph()
    for triple in itertools.chain(ontology_graph(ontology_path), _triples(data)):
        mixed.add(triple)
    shapes = rdflib.Graph().parse(str(shapes_path), format="turtle")
    conforms, report, _ = pyshacl.validate(
        mixed, shacl_graph=shapes, inference="none", allow_warnings=True, inplace=True
    )
    messages = sorted(_report_lines(report))
    return CheckResult("shapes", bool(conforms), messages, time.perf_counter() - start)


class _PreparedQueryGraph(rdflib.Graph):
    """A graph that parses each SPARQL text once.

    pyshacl sends the same SHACL-SPARQL text once per focus node, and parsing it (rdflib's
    pyparsing grammar, about 15 ms) was most of the validation time.
    """

    def __init__(self) -> None:
        super().__init__()
        self._prepared: dict[str, object] = {}

    def query(self, query_object, *args, **kwargs):
        if isinstance(query_object, str):
            if query_object not in self._prepared:
                self._prepared[query_object] = prepareQuery(query_object)
            query_object = self._prepared[query_object]
        return super().query(query_object, *args, **kwargs)


def _report_lines(report: rdflib.Graph) -> Iterator[str]:
    """'Violation <focus> <path>: <message> [value: ...]' for each validation result."""
    for result in report.subjects(RDF.type, SH.ValidationResult):
        severity = report.value(result, SH.resultSeverity)
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        value = report.value(result, SH.value)
        component = report.value(result, SH.sourceConstraintComponent)
        message = "; ".join(sorted(str(m) for m in report.objects(result, SH.resultMessage)))
        line = f"{_short(severity).removeprefix('sh:')} {_short(focus)}"
        if path is not None and not isinstance(path, BNode):
            line += f" {_short(path)}"
        line += f": {message or 'failed ' + _short(component)}"
        # SPARQL constraint messages name their own values; elsewhere show the offending one.
        if value is not None and value != focus and component != SH.SPARQLConstraintComponent:
            line += f" [value: {_short(value)}]"
        yield line


# --------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------


def _triples(data: rdflib.Graph | str | Path) -> Iterable[tuple]:
    """All triples of a graph, of every named graph of a dataset (their union), or of a file."""
    if isinstance(data, (str, Path)):
        fmt = rdflib.util.guess_format(str(data)) or "turtle"
        data = rdflib.Dataset().parse(str(data), format=fmt)
    if isinstance(data, rdflib.Dataset):
        return (t for graph in data.graphs() for t in graph.triples((None, None, None)))
    if isinstance(data, rdflib.ConjunctiveGraph):
        return (t for graph in data.contexts() for t in graph.triples((None, None, None)))
    return data.triples((None, None, None))


def _short(term, width: int = 80) -> str:
    """A term as a reader wants it: a prefixed name, a base-relative IRI or a short literal."""
    if term is None:
        return "-"
    if isinstance(term, Literal):
        text = str(term)
        text = repr(text if len(text) <= width else text[: width - 1] + "…")
        return text + (f"@{term.language}" if term.language else "")
    if isinstance(term, BNode):
        return "_:" + str(term)[:8]
    iri = str(term)
    for prefix, ns in vocab.PREFIXES.items():
        if iri.startswith(ns) and iri != ns and "/" not in iri[len(ns):] and "#" not in iri[len(ns):]:
            return f"{prefix}:{iri[len(ns):]}"
    if iri.startswith(str(SH)):
        return "sh:" + iri[len(str(SH)):]
    base = vocab.base_iri()
    if iri.startswith(base):
        return "<" + iri[len(base):] + ">"
    return f"<{iri}>"


# ---- checks over a loaded store (kg check) -----------------------------------------------
EVIDENCE_WITHOUT = """
SELECT ?figure WHERE { ?figure a ai:Figure FILTER NOT EXISTS { ?figure ai:evidence ?evidence } }
ORDER BY ?figure"""

# SPARQL strings are 1-based: content[start:end] in Python is SUBSTR(content, start + 1, end - start).
EVIDENCE_MISMATCH = """
SELECT ?evidence ?problem WHERE {
  GRAPH ?g {
    ?evidence a ai:Evidence .
    OPTIONAL { ?evidence oa:hasSource/ai:content ?content }
    OPTIONAL { ?evidence oa:hasSelector ?quote . ?quote a oa:TextQuoteSelector ; oa:exact ?exact }
    OPTIONAL { ?evidence oa:hasSelector ?position .
               ?position a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end }
    OPTIONAL { ?evidence ai:mentionText ?mention ; ai:mentionStart ?mstart ; ai:mentionEnd ?mend }
  }
  BIND(
    IF(!BOUND(?content), "its source has no ai:content in the same graph",
    IF(!BOUND(?exact) || !BOUND(?start), "it lacks a quote or a position selector",
    IF(SUBSTR(STR(?content), ?start + 1, ?end - ?start) != STR(?exact), "content[start:end] differs from the quote",
    IF(BOUND(?mention) && SUBSTR(STR(?content), ?mstart + 1, ?mend - ?mstart) != STR(?mention),
       "content[mentionStart:mentionEnd] differs from the mention text",
    IF(BOUND(?mention) && (?mstart < ?start || ?mend > ?end), "the mention lies outside the quote",
    ""))))) AS ?problem)
  FILTER(?problem != "")
}
ORDER BY ?evidence"""


def check_evidence(kg) -> CheckResult:
    """Every figure has evidence, and every evidence's offsets point at exactly its quote."""
    started = time.perf_counter()
    messages = [f"figure {r['figure'].value} has no evidence" for r in kg.query(EVIDENCE_WITHOUT)]
    messages += [f"evidence {r['evidence'].value}: {r['problem'].value}" for r in kg.query(EVIDENCE_MISMATCH)]
    return CheckResult("evidence", not messages, messages, time.perf_counter() - started)


def check_saved_queries(folder: Path) -> CheckResult:
    """Every saved query parses and can bind its parameters."""
    from .queries import QueryError, list_queries, validate

    started = time.perf_counter()
    messages = []
    try:
        for q in list_queries(folder):
            try:
                validate(q)
            except QueryError as err:
                messages.append(str(err))
    except QueryError as err:
        messages.append(str(err))
    return CheckResult("saved queries", not messages, messages, time.perf_counter() - started)
