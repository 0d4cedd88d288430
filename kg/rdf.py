"""One document's extraction -> the quads of its named graph (see docs/data-model.md).

Every figure becomes a statement node with its quantity, period, places, counterparts and
evidence selectors. Offsets are checked against the text here, before anything is asserted:
a figure whose quote or mention does not match the text is a bug, and it is refused loudly.
"""

from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal

from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Quad  # noqa: F401

from . import SOFTWARE_VERSION, vocab
from .extract.entities import gazetteer
from .extract.model import Entity, Evidence, Extraction, Figure

XSD = vocab.XSD
QUDT_UNITS = {
    "GW": "GigaW", "MW": "MegaW", "kW": "KiloW", "TWh": "TeraW-HR", "GWh": "GigaW-HR", "MWh": "MegaW-HR", "kWh": "KiloW-HR",
    "acre": "AC", "hectare": "HA", "m2": "M2", "km2": "KiloM2", "ft2": "FT2",
    "count": "NUM", "percent": "PERCENT", "pp": "PERCENT", "ratio": "UNITLESS", "mu": "MU-Chinese",
    "acre-foot": "AC-FT", "m3": "M3", "gallon": "GAL_US", "liter": "L",
}
QUANTITY_CLASS = {"count": "Count", "ratio": "Ratio", "percent": "Ratio", "pp": "Ratio"}
PREFIX_CHARS = 32


class EvidenceMismatch(ValueError):
    """A quote or offset does not match the document text: nothing of the document is written."""


def _n(iri: str) -> NamedNode:
    return NamedNode(iri)


def _ai(local: str) -> NamedNode:
    return NamedNode(vocab.AI + local)


def _lit(value, datatype: str | None = None, language: str | None = None) -> Literal:
    if language:
        return Literal(str(value), language=language)
    if datatype:
        return Literal(str(value), datatype=NamedNode(datatype))
    return Literal(str(value))


def _decimal(v: float) -> Literal:
    """xsd:decimal with 12 significant digits: more than any news figure states."""
    text = format(Decimal(f"{float(v):.12g}"), "f")  # 4.1 × 10^9 is 4100000000, not 4099999999.9999995
    if "." in text:
        text = text.rstrip("0").rstrip(".") or "0"
    return _lit(text, XSD + "decimal")


def _date_literal(d) -> Literal:
    if isinstance(d, datetime):
        return _lit(d.isoformat(), XSD + "dateTime")
    return _lit(d.isoformat(), XSD + "date")


def entity_iri(e: Entity) -> NamedNode:
    return _n(vocab.entity_iri(e.kind, e.key))


class GraphBuilder:
    def __init__(self, graph_iri: str):
        self.graph = _n(graph_iri)
        self.quads: list[Quad] = []
        self._seen: set[tuple] = set()

    def add(self, s, p, o) -> None:
        key = (s, p, o)
        if key not in self._seen:
            self._seen.add(key)
            self.quads.append(Quad(s, p, o, self.graph))

    def type(self, s, *classes: str) -> None:
        for c in classes:
            self.add(s, _n(vocab.RDF + "type"), _n(c) if "://" in c else _ai(c))


def verify_evidence(text: str, ev: Evidence, where: str) -> None:
    """The invariant every figure carries: quote and mention are exactly where we say."""
    if text[ev.sentence.start:ev.sentence.end] != ev.sentence.text:
        raise EvidenceMismatch(f"{where}: quote offsets {ev.sentence.start}-{ev.sentence.end} do not match the text")
    if text[ev.mention.start:ev.mention.end] != ev.mention.text:
        raise EvidenceMismatch(f"{where}: mention offsets {ev.mention.start}-{ev.mention.end} do not match the text")
    if not (ev.sentence.start <= ev.mention.start and ev.mention.end <= ev.sentence.end):
        raise EvidenceMismatch(f"{where}: mention lies outside its quote")


def _is_known(e: Entity) -> bool:
    """In the reference graph. The generated places (thousands of regions and towns, most never
    named by any article) are described by the documents that name them, like names found by
    pattern: in the reference graph they made every label lookup of the saved queries 2x slower."""
    known = gazetteer().get(e.key)
    return known is not None and known.kind == e.kind and known.label == e.label and not known.generated


def _describe_entity(b: GraphBuilder, e: Entity) -> NamedNode:
    """Type, labels (English always) and verified Wikidata item of an entity."""
    node = entity_iri(e)
    b.type(node, e.rdf_type if e.rdf_type else "Organization")
    for lang, label in sorted(e.labels.items() or {"en": e.label}.items()):
        b.add(node, _n(vocab.RDFS + "label"), _lit(label, language=lang))
    if "en" not in e.labels:
        b.add(node, _n(vocab.RDFS + "label"), _lit(e.label, language="en"))
    if e.wikidata:
        b.add(node, _n(vocab.OWL + "sameAs"), _n(f"http://www.wikidata.org/entity/{e.wikidata}"))
    if e.geonames:
        b.add(node, _n(vocab.OWL + "sameAs"), _n(f"https://sws.geonames.org/{e.geonames}/"))
    return node


def reference_quads() -> list[Quad]:
    """The reference graph: every entity of the entity table with its type, labels, owl:sameAs and
    parent, once (not the generated places: `_is_known`). Loaded like the ontology, whenever it differs from what the store holds."""
    b = GraphBuilder(vocab.entities_graph_iri())
    for e in gazetteer().entities.values():
        if e.generated:
            continue  # described by the documents that name it (_is_known)
        node = _describe_entity(b, e)
        parent = gazetteer().get(e.parent) if e.parent else None
        if parent is not None:
            b.add(node, _ai("containedIn" if e.kind == "place" else "subsidiaryOf"), entity_iri(parent))
    return b.quads


def document_quads(document, extraction: Extraction, started: datetime, ended: datetime) -> list[Quad]:
    doc_id = document.doc_id
    b = GraphBuilder(vocab.graph_iri(doc_id))
    source = _n(vocab.source_iri(doc_id))
    activity = _n(vocab.activity_iri(doc_id, document.sha256))
    dct = lambda local: _n(vocab.DCT + local)  # noqa: E731
    prov = lambda local: _n(vocab.PROV + local)  # noqa: E731
    oa = lambda local: _n(vocab.OA + local)  # noqa: E731

    # the graph and its provenance
    b.type(b.graph, "DocumentGraph")
    b.add(b.graph, prov("wasDerivedFrom"), source)
    b.add(b.graph, prov("wasGeneratedBy"), activity)
    b.type(activity, vocab.PROV + "Activity", "ExtractionActivity")
    b.add(activity, prov("used"), source)
    b.add(activity, prov("startedAtTime"), _lit(started.astimezone(timezone.utc).isoformat(), XSD + "dateTime"))
    b.add(activity, prov("endedAtTime"), _lit(ended.astimezone(timezone.utc).isoformat(), XSD + "dateTime"))
    b.add(activity, prov("wasAssociatedWith"), _ai("Extractor"))
    b.add(activity, _ai("softwareVersion"), _lit(SOFTWARE_VERSION))

    # the source document
    b.type(source, "SourceDocument")
    b.add(source, dct("identifier"), _lit(doc_id))
    if getattr(document, "title", None):
        b.add(source, dct("title"), _lit(document.title))
    if getattr(document, "publisher", None):
        b.add(source, dct("publisher"), _lit(document.publisher))
    if getattr(document, "published", None):
        b.add(source, dct("issued"), _date_literal(document.published))
    if getattr(document, "reference_date", None):
        b.add(source, _ai("referenceDate"), _date_literal(document.reference_date))
    for lang in document.languages:
        b.add(source, dct("language"), _lit(lang))
    b.add(source, _ai("sha256"), _lit(document.sha256))
    b.add(source, _ai("fileName"), _lit(document.file_name))
    b.add(source, _ai("content"), _lit(document.text))

    # entities: a known entity is described once, in the reference graph (reference_quads); a
    # document graph only links to it. Restating it in every graph made union-graph queries grow
    # with the number of documents (Oxigraph repeats a triple once per graph, oxigraph#1919).
    def describe(e: Entity) -> NamedNode:
        if _is_known(e):
            return entity_iri(e)
        node = _describe_entity(b, e)
        parent = gazetteer().get(e.parent) if e.parent else None
        if parent is not None:
            b.add(node, _ai("containedIn" if e.kind == "place" else "subsidiaryOf"), describe(parent))
        return node

    for e in extraction.entities:
        node = describe(e)
        b.add(source, _ai("mentions"), node)
        for form in sorted(extraction.surface_forms.get(e.key, ())):
            if form != e.label:
                b.add(node, _ai("surfaceForm"), _lit(form))

    # figures
    for n, figure in enumerate(extraction.figures, start=1):
        _figure(b, document, figure, n, source, describe)

    # people, relations, facilities
    for m in extraction.memberships:
        person, org = describe(m.person), describe(m.organization)
        node = _n(f"{vocab.base_iri()}id/membership/{vocab.slug(m.person.key)}--{vocab.slug(m.organization.key)}--{m.role.lower()}")
        b.type(node, vocab.ORG + "Membership")
        b.add(node, _n(vocab.ORG + "member"), person)
        b.add(node, _n(vocab.ORG + "organization"), org)
        b.add(node, _n(vocab.ORG + "role"), _ai(m.role))
        b.add(node, prov("wasDerivedFrom"), source)
    for r in extraction.relations:
        b.add(describe(r.subject), _ai(r.predicate), describe(r.object))
    for f in extraction.facilities:
        node = describe(f.entity)
        for pred, target in (("owner", f.owner), ("location", f.location), ("builder", f.builder), ("operator", f.operator), ("tenant", f.tenant)):
            if target is not None:
                b.add(node, _ai(pred), describe(target))
        if f.status:
            b.add(node, _ai("status"), _ai(f.status))
        for other in f.linked:
            b.add(node, _ai("linkedWith"), describe(other))
        if f.operational_from:
            b.add(node, _ai("operationalFrom"), _lit(f.operational_from, XSD + "gYear"))
        b.add(node, prov("wasDerivedFrom"), source)
        for k, ev in enumerate(f.evidence, start=1):
            _evidence(b, document, ev, f"{node.value}/evidence/{doc_id}/{k}", source, node, oa)
    return b.quads


def _figure(b: GraphBuilder, document, figure: Figure, n: int, source, describe) -> None:
    doc_id = document.doc_id
    node = _n(vocab.figure_iri(doc_id, n))
    b.type(node, "Figure")
    b.add(node, _ai("subject"), describe(figure.subject))
    b.add(node, _ai("metric"), _n(vocab.metric_iri(figure.metric)))
    b.add(node, _n(vocab.PROV + "wasDerivedFrom"), source)
    q = figure.quantity
    qnode = _n(node.value + "/quantity")
    b.add(node, _ai("quantity"), qnode)
    _quantity(b, qnode, q)
    for i, conv in enumerate(q.conversions, start=1):
        cnode = _n(f"{qnode.value}/{i}")
        b.add(qnode, _ai("equivalentAmount"), cnode)  # "£2.5 billion ($3.4 billion)": both kept
        _quantity(b, cnode, conv)
    if figure.period is not None:
        p = figure.period
        pnode = _n(vocab.period_iri(p.key))
        b.add(node, _ai("period"), pnode)
        b.type(pnode, "Period")
        b.add(pnode, _n(vocab.RDFS + "label"), _lit(p.label))
        if p.start:
            b.add(pnode, _ai("startDate"), _date_literal(p.start))
        if p.end:
            b.add(pnode, _ai("endDate"), _date_literal(p.end))
    if figure.period_text:
        b.add(node, _ai("periodText"), _lit(figure.period_text))
    for place in figure.locations:
        b.add(node, _ai("location"), describe(place))
    for org in figure.counterparts:
        b.add(node, _ai("counterpart"), describe(org))
    if figure.facility is not None:
        b.add(node, _ai("facility"), describe(figure.facility))
    if figure.reported_by is not None:
        b.add(node, _ai("reportedBy"), describe(figure.reported_by))
    if figure.round_name:
        b.add(node, _ai("roundName"), _lit(figure.round_name))
    if figure.valuation_basis:
        b.add(node, _ai("valuationBasis"), _lit(figure.valuation_basis))
    oa = lambda local: _n(vocab.OA + local)  # noqa: E731
    for k, ev in enumerate(figure.evidence, start=1):
        _evidence(b, document, ev, f"{node.value}/evidence/{k}", source, node, oa)


def _quantity(b: GraphBuilder, qnode, q) -> None:
    is_money = len(q.unit) == 3 and q.unit.isupper()
    b.type(qnode, "MonetaryAmount" if is_money else QUANTITY_CLASS.get(q.unit, "PhysicalQuantity"))
    for attr, pred in (("value", "value"), ("lower", "lowerBound"), ("upper", "upperBound")):
        v = getattr(q, attr)
        if v is not None:
            b.add(qnode, _ai(pred), _decimal(v))
    b.add(qnode, _ai("approximate"), _lit("true" if q.approx else "false", XSD + "boolean"))
    b.add(qnode, _ai("unitCode"), _lit(q.unit))
    if is_money:
        b.add(qnode, _ai("currency"), _n(vocab.CUR + q.unit))
    elif q.unit in QUDT_UNITS:
        b.add(qnode, _n(vocab.QUDT + "unit"), _n(vocab.UNIT + QUDT_UNITS[q.unit]))


def _evidence(b: GraphBuilder, document, ev: Evidence, iri: str, source, owner, oa) -> None:
    verify_evidence(document.text, ev, f"{document.file_name}: {owner.value}")
    text = document.text
    enode = _n(iri)
    b.add(owner, _ai("evidence"), enode)
    b.type(enode, "Evidence")
    b.add(enode, oa("hasSource"), source)
    quote, position = _n(iri + "/quote"), _n(iri + "/position")
    b.add(enode, oa("hasSelector"), quote)
    b.add(enode, oa("hasSelector"), position)
    b.type(quote, vocab.OA + "TextQuoteSelector")
    b.add(quote, oa("exact"), _lit(ev.sentence.text))
    b.add(quote, oa("prefix"), _lit(text[max(0, ev.sentence.start - PREFIX_CHARS):ev.sentence.start]))
    b.add(quote, oa("suffix"), _lit(text[ev.sentence.end:ev.sentence.end + PREFIX_CHARS]))
    b.type(position, vocab.OA + "TextPositionSelector")
    b.add(position, oa("start"), _lit(ev.sentence.start, XSD + "integer"))
    b.add(position, oa("end"), _lit(ev.sentence.end, XSD + "integer"))
    b.add(enode, _ai("mentionText"), _lit(ev.mention.text))
    b.add(enode, _ai("mentionStart"), _lit(ev.mention.start, XSD + "integer"))
    b.add(enode, _ai("mentionEnd"), _lit(ev.mention.end, XSD + "integer"))
    b.add(enode, _n(vocab.DCT + "language"), _lit(ev.language))
