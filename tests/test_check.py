"""The checks on real graphs: a small valid document, then one broken variant per rule.

The document text below is written for this test. It holds a non-ASCII letter and a
character outside the Basic Multilingual Plane before the quote, so offsets that count UTF-8
bytes or UTF-16 units instead of code points would not select the quote.
"""

from __future__ import annotations

import hashlib
import tempfile
from decimal import Decimal

import pytest
import rdflib
from rdflib import RDF, Literal, URIRef

from kg import vocab
from kg.check import CheckResult, check_reasoner, check_shapes, ontology_graph

AI = rdflib.Namespace(vocab.AI)
OA = rdflib.Namespace(vocab.OA)
ORG = rdflib.Namespace(vocab.ORG)
METRIC = rdflib.Namespace(vocab.METRIC)
BASE = "https://w3id.org/aiinfra/"  # the default base; the tests do not depend on KG_BASE_IRI

CONTENT = (
    "Überblick 𝔸: Acme Cloud plant neue Rechenzentren. "
    "Acme Cloud will invest about $12 billion in data centres in Texas by 2027, built with Bolt Build. "
    "The first campus will draw more than 1 GW of power. "
    "Its CEO Jane Roe announced the plan on Monday."
)
QUOTE_1 = "Acme Cloud will invest about $12 billion in data centres in Texas by 2027, built with Bolt Build."
MENTION_1 = "about $12 billion"
QUOTE_2 = "The first campus will draw more than 1 GW of power."
MENTION_2 = "more than 1 GW"


def _offsets(text: str, start_at: int = 0) -> tuple[int, int]:
    """Code-point offsets of `text` in CONTENT (Python str indices)."""
    start = CONTENT.index(text, start_at)
    return start, start + len(text)


Q1 = _offsets(QUOTE_1)
M1 = _offsets(MENTION_1, Q1[0])
Q2 = _offsets(QUOTE_2)
M2 = _offsets(MENTION_2, Q2[0])

VALID_TTL = f"""
@prefix ai: <https://w3id.org/aiinfra/ontology#> .
@prefix metric: <https://w3id.org/aiinfra/metric/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix qudt: <http://qudt.org/schema/qudt/> .
@prefix unit: <http://qudt.org/vocab/unit/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix b: <{BASE}> .

<{BASE}graph/t01> a ai:DocumentGraph ;
    prov:wasDerivedFrom <{BASE}id/source/t01> ;
    prov:wasGeneratedBy <{BASE}id/activity/t01/0123456789abcdef> .

<{BASE}id/activity/t01/0123456789abcdef> a prov:Activity, ai:ExtractionActivity ;
    prov:used <{BASE}id/source/t01> ;
    prov:startedAtTime "2026-11-22T18:00:00Z"^^xsd:dateTime ;
    prov:endedAtTime "2026-11-22T18:00:01Z"^^xsd:dateTime ;
    prov:wasAssociatedWith ai:Extractor ;
    ai:softwareVersion "0.1.0" .

<{BASE}id/source/t01> a ai:SourceDocument ;
    dct:identifier "t01" ;
    dct:title "Acme Cloud plans data centres" ;
    dct:publisher "Test Wire" ;
    dct:issued "2026-11-16"^^xsd:date ;
    ai:referenceDate "2026-11-16"^^xsd:date ;
    dct:language "en", "de" ;
    ai:sha256 "{hashlib.sha256(CONTENT.encode()).hexdigest()}" ;
    ai:fileName "t01.txt" ;
    ai:content \"\"\"{CONTENT}\"\"\" ;
    ai:mentions <{BASE}id/org/acme-cloud>, <{BASE}id/org/bolt-build>, <{BASE}id/place/texas> .

<{BASE}id/org/acme-cloud> a ai:Firm ;
    rdfs:label "Acme Cloud"@en, "أكمي كلاود"@ar ;
    ai:surfaceForm "Acme Cloud" ;
    owl:sameAs <http://www.wikidata.org/entity/Q123456789> .
<{BASE}id/org/bolt-build> a ai:Firm ; rdfs:label "Bolt Build"@en .
<{BASE}id/group/hyperscalers> a ai:OrganizationGroup ; rdfs:label "hyperscalers"@en ;
    ai:hasMember <{BASE}id/org/acme-cloud> .
<{BASE}id/place/texas> a ai:Region ; rdfs:label "Texas"@en ;
    ai:containedIn <{BASE}id/place/united-states> .
<{BASE}id/place/united-states> a ai:Country ; rdfs:label "United States"@en .

<{BASE}id/person/jane-roe> a ai:Person ; rdfs:label "Jane Roe"@en .
<{BASE}id/membership/jane-roe--acme-cloud--ceo> a org:Membership ;
    org:member <{BASE}id/person/jane-roe> ;
    org:organization <{BASE}id/org/acme-cloud> ;
    org:role ai:CEO ;
    prov:wasDerivedFrom <{BASE}id/source/t01> .

<{BASE}id/org/acme-cloud> ai:partnerOf <{BASE}id/org/bolt-build> .

<{BASE}id/facility/acme-texas> a ai:Campus ;
    rdfs:label "Acme Cloud campus, Texas"@en ;
    ai:location <{BASE}id/place/texas> ;
    ai:owner <{BASE}id/org/acme-cloud> ;
    ai:builder <{BASE}id/org/bolt-build> ;
    ai:status ai:Planned ;
    ai:operationalFrom "2027"^^xsd:gYear .

<{BASE}id/figure/t01/1> a ai:Figure ;
    ai:subject <{BASE}id/org/acme-cloud> ;
    ai:metric metric:investment_commitment ;
    ai:quantity <{BASE}id/figure/t01/1/quantity> ;
    ai:period <{BASE}id/period/2026-11-16-2027-12-31> ;
    ai:periodText "by 2027" ;
    ai:location <{BASE}id/place/texas> ;
    ai:counterpart <{BASE}id/org/bolt-build> ;
    ai:facility <{BASE}id/facility/acme-texas> ;
    prov:wasDerivedFrom <{BASE}id/source/t01> ;
    ai:evidence <{BASE}id/figure/t01/1/evidence/1> .
<{BASE}id/figure/t01/1/quantity> a ai:MonetaryAmount ;
    ai:value "12000000000"^^xsd:decimal ;
    ai:approximate true ;
    ai:unitCode "USD" ;
    ai:currency <http://qudt.org/vocab/currency/USD> .
<{BASE}id/figure/t01/1/evidence/1> a ai:Evidence ;
    oa:hasSource <{BASE}id/source/t01> ;
    oa:hasSelector <{BASE}id/figure/t01/1/evidence/1/quote>, <{BASE}id/figure/t01/1/evidence/1/position> ;
    ai:mentionText "{MENTION_1}" ; ai:mentionStart {M1[0]} ; ai:mentionEnd {M1[1]} ;
    dct:language "en" .
<{BASE}id/figure/t01/1/evidence/1/quote> a oa:TextQuoteSelector ;
    oa:exact "{QUOTE_1}" ; oa:prefix "neue Rechenzentren. " ; oa:suffix " The first" .
<{BASE}id/figure/t01/1/evidence/1/position> a oa:TextPositionSelector ;
    oa:start {Q1[0]} ; oa:end {Q1[1]} .

<{BASE}id/figure/t01/2> a ai:Figure ;
    ai:subject <{BASE}id/facility/acme-texas> ;
    ai:metric metric:power_capacity ;
    ai:quantity <{BASE}id/figure/t01/2/quantity> ;
    prov:wasDerivedFrom <{BASE}id/source/t01> ;
    ai:evidence <{BASE}id/figure/t01/2/evidence/1> .
<{BASE}id/figure/t01/2/quantity> a ai:PhysicalQuantity ;
    ai:lowerBound "1"^^xsd:decimal ;
    ai:approximate false ;
    ai:unitCode "GW" ;
    qudt:unit unit:GigaW .
<{BASE}id/figure/t01/2/evidence/1> a ai:Evidence ;
    oa:hasSource <{BASE}id/source/t01> ;
    oa:hasSelector <{BASE}id/figure/t01/2/evidence/1/quote>, <{BASE}id/figure/t01/2/evidence/1/position> ;
    ai:mentionText "{MENTION_2}" ; ai:mentionStart {M2[0]} ; ai:mentionEnd {M2[1]} ;
    dct:language "en" .
<{BASE}id/figure/t01/2/evidence/1/quote> a oa:TextQuoteSelector ; oa:exact "{QUOTE_2}" .
<{BASE}id/figure/t01/2/evidence/1/position> a oa:TextPositionSelector ;
    oa:start {Q2[0]} ; oa:end {Q2[1]} .

<{BASE}id/period/2026-11-16-2027-12-31> a ai:Period ;
    rdfs:label "2026-11-16 to 2027-12-31" ;
    ai:startDate "2026-11-16"^^xsd:date ; ai:endDate "2027-12-31"^^xsd:date .
"""

FIG1 = URIRef(BASE + "id/figure/t01/1")
FIG2 = URIRef(BASE + "id/figure/t01/2")
QTY1 = URIRef(BASE + "id/figure/t01/1/quantity")
QTY2 = URIRef(BASE + "id/figure/t01/2/quantity")
EV1 = URIRef(BASE + "id/figure/t01/1/evidence/1")
POS1 = URIRef(BASE + "id/figure/t01/1/evidence/1/position")
ACME = URIRef(BASE + "id/org/acme-cloud")
TEXAS = URIRef(BASE + "id/place/texas")
SOURCE = URIRef(BASE + "id/source/t01")


def valid_graph() -> rdflib.Graph:
    return rdflib.Graph().parse(data=VALID_TTL, format="turtle")


def _set(graph: rdflib.Graph, s, p, o) -> rdflib.Graph:
    graph.set((s, p, o))
    return graph


def _messages(result: CheckResult) -> str:
    return "\n".join(result.messages)


def test_the_offsets_in_the_fixture_are_code_points():
    assert CONTENT[Q1[0]:Q1[1]] == QUOTE_1 and CONTENT[M1[0]:M1[1]] == MENTION_1
    # UTF-16 would count the astral character twice: the fixture really tests code points.
    assert len("𝔸".encode("utf-16-le")) // 2 == 2 and Q1[0] < len(CONTENT.encode("utf-16-le")) // 2


# --------------------------------------------------------------------------------------------
# SHACL
# --------------------------------------------------------------------------------------------


def test_valid_document_conforms():
    result = check_shapes(valid_graph())
    assert result.ok, _messages(result)
    assert result.name == "shapes" and result.seconds > 0


def test_valid_document_conforms_as_a_named_graph_in_a_dataset():
    ds = rdflib.Dataset()
    graph = ds.graph(URIRef(BASE + "graph/t01"))
    for triple in valid_graph():
        graph.add(triple)
    result = check_shapes(ds)
    assert result.ok, _messages(result)


def test_figure_without_evidence_fails():
    g = valid_graph()
    g.remove((FIG1, AI.evidence, None))
    result = check_shapes(g)
    assert not result.ok
    assert "a figure needs at least one ai:evidence" in _messages(result)
    assert "id/figure/t01/1>" in _messages(result)


def test_quantity_without_value_or_bounds_fails():
    g = valid_graph()
    g.remove((QTY1, AI.value, None))
    result = check_shapes(g)
    assert not result.ok
    assert "a quantity needs at least one of ai:value, ai:lowerBound, ai:upperBound" in _messages(result)


def test_lower_bound_above_upper_bound_fails():
    g = valid_graph()
    g.set((QTY2, AI.lowerBound, Literal(Decimal("5"))))
    g.set((QTY2, AI.upperBound, Literal(Decimal("2"))))
    result = check_shapes(g)
    assert not result.ok
    assert "ai:lowerBound is greater than ai:upperBound" in _messages(result)


def test_value_outside_its_bounds_fails():
    g = _set(valid_graph(), QTY1, AI.upperBound, Literal(Decimal("10000000000")))
    result = check_shapes(g)
    assert "ai:value is greater than ai:upperBound" in _messages(result)


def test_quote_offsets_that_do_not_match_the_content_fail():
    g = valid_graph()
    g.set((POS1, OA.start, Literal(Q1[0] + 1)))
    g.set((POS1, OA.end, Literal(Q1[1] + 1)))
    result = check_shapes(g)
    assert not result.ok
    assert f"quote offsets {Q1[0] + 1}..{Q1[1] + 1} do not select oa:exact" in _messages(result)


def test_utf16_offsets_fail():
    # What a Java or JavaScript extractor would write: the astral character counts twice.
    g = valid_graph()
    g.set((POS1, OA.start, Literal(Q1[0] + 1)))
    g.set((POS1, OA.end, Literal(Q1[1] + 1)))
    g.set((EV1, AI.mentionStart, Literal(M1[0] + 1)))
    g.set((EV1, AI.mentionEnd, Literal(M1[1] + 1)))
    text = _messages(check_shapes(g))
    assert "do not select oa:exact" in text and "do not select ai:mentionText" in text


def test_mention_outside_the_quote_fails():
    other = CONTENT.index("Acme Cloud plant")
    g = valid_graph()
    g.set((EV1, AI.mentionText, Literal("Acme Cloud")))
    g.set((EV1, AI.mentionStart, Literal(other)))
    g.set((EV1, AI.mentionEnd, Literal(other + len("Acme Cloud"))))
    text = _messages(check_shapes(g))
    assert "lies outside the quote" in text
    assert "do not select ai:mentionText" not in text  # the mention itself is right


def test_offsets_must_be_integers():
    g = _set(valid_graph(), POS1, OA.start, Literal(str(Q1[0])))
    assert "non-negative xsd:integer" in _messages(check_shapes(g))


def test_metric_outside_the_scheme_fails():
    g = _set(valid_graph(), FIG1, AI.metric, METRIC.capex_guess)
    assert "exactly one ai:metric from the metric scheme" in _messages(check_shapes(g))


def test_bad_checksum_and_missing_language_fail():
    g = _set(valid_graph(), SOURCE, AI.sha256, Literal("ABC"))
    g.remove((SOURCE, rdflib.DCTERMS.language, None))
    text = _messages(check_shapes(g))
    assert "ai:sha256 of 64 lower-case hex digits" in text
    assert "at least one dct:language" in text


def test_money_with_a_float_value_and_no_currency_fails():
    g = _set(valid_graph(), QTY1, AI.value, Literal(1.2e10))
    g.remove((QTY1, AI.currency, None))
    text = _messages(check_shapes(g))
    assert "ai:value is at most one xsd:decimal" in text
    assert "money needs exactly one ai:currency" in text


def test_membership_of_an_organisation_in_an_organisation_fails():
    membership = URIRef(BASE + "id/membership/jane-roe--acme-cloud--ceo")
    g = _set(valid_graph(), membership, ORG.member, URIRef(BASE + "id/org/bolt-build"))
    assert "org:member, an ai:Person" in _messages(check_shapes(g))


def test_facility_located_at_an_organisation_fails():
    g = _set(valid_graph(), URIRef(BASE + "id/facility/acme-texas"), AI.location, ACME)
    assert "the ai:location of a facility must be an ai:Place" in _messages(check_shapes(g))


def test_period_ending_before_it_starts_fails():
    period = URIRef(BASE + "id/period/2026-11-16-2027-12-31")
    g = _set(valid_graph(), period, AI.endDate, Literal("2025-12-31", datatype=rdflib.XSD.date))
    assert "ai:startDate is after ai:endDate" in _messages(check_shapes(g))


def test_document_graph_without_activity_fails():
    g = valid_graph()
    g.remove((URIRef(BASE + "graph/t01"), rdflib.PROV.wasGeneratedBy, None))
    assert "prov:wasGeneratedBy exactly one ai:ExtractionActivity" in _messages(check_shapes(g))


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's own TriG parser
def test_checks_read_a_trig_file(tmp_path):
    body = valid_graph().serialize(format="nt")
    path = tmp_path / "t01.trig"
    path.write_text(f"<{BASE}graph/t01> {{\n{body}}}\n", encoding="utf-8")
    assert check_shapes(path).ok
    assert check_shapes(str(path)).ok


def test_the_shapes_file_is_valid_shacl():
    import pyshacl

    shapes = rdflib.Graph().parse(vocab.SHAPES_FILE, format="turtle")
    # meta_shacl validates the shapes graph against SHACL's own shapes first; it raises if not.
    pyshacl.validate(rdflib.Graph(), shacl_graph=shapes, meta_shacl=True, inference="none")


def test_a_facility_without_location_is_only_a_warning():
    g = valid_graph()
    g.remove((URIRef(BASE + "id/facility/acme-texas"), AI.location, None))
    result = check_shapes(g)
    assert result.ok
    assert any(m.startswith("Warning") and "should have an ai:location" in m for m in result.messages)


# --------------------------------------------------------------------------------------------
# Reasoner
# --------------------------------------------------------------------------------------------


def test_valid_document_is_consistent_with_the_ontology():
    result = check_reasoner(valid_graph())
    assert result.ok, _messages(result)
    assert result.name == "reasoner" and result.seconds > 0


def test_person_that_is_also_an_organisation_is_inconsistent():
    g = valid_graph()
    g.add((ACME, RDF.type, AI.Person))
    result = check_reasoner(g)
    assert not result.ok
    text = _messages(result)
    assert "inconsistent" in text
    assert "id/org/acme-cloud> is both ai:Person" in text and "ai:Organization" in text


def test_two_metrics_on_one_figure_is_inconsistent():
    # ai:metric is functional and the metric concepts are declared pairwise different.
    g = valid_graph()
    g.add((FIG1, AI.metric, METRIC.capex))
    result = check_reasoner(g)
    assert not result.ok
    assert "two values for functional ai:metric" in _messages(result)


def test_quantity_both_approximate_and_exact_is_inconsistent():
    g = valid_graph()
    g.add((QTY1, AI.approximate, Literal(False)))
    result = check_reasoner(g)
    assert not result.ok
    assert "two values for functional ai:approximate" in _messages(result)


def test_location_that_is_an_organisation_is_inconsistent():
    # ai:location has range ai:Place, and ai:Place is disjoint with ai:Organization.
    g = _set(valid_graph(), FIG1, AI.location, ACME)
    result = check_reasoner(g)
    assert not result.ok
    assert "range of ai:location" in _messages(result)


def test_class_under_two_disjoint_classes_is_unsatisfiable(tmp_path):
    broken = ontology_graph()
    cyborg = URIRef(vocab.AI + "Cyborg")
    broken.add((cyborg, RDF.type, rdflib.OWL.Class))
    broken.add((cyborg, rdflib.RDFS.subClassOf, AI.Person))
    broken.add((cyborg, rdflib.RDFS.subClassOf, AI.Firm))
    path = tmp_path / "broken.ttl"
    broken.serialize(path, format="turtle")
    result = check_reasoner(ontology_path=path)
    assert not result.ok
    assert "unsatisfiable class: ai:Cyborg" in result.messages


def test_reasoner_leaves_no_files_and_prints_nothing(tmp_path, monkeypatch, capfd):
    # Inconsistent input is the case where owlready2 itself would leave its HermiT input behind.
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    g = valid_graph()
    g.add((ACME, RDF.type, AI.Person))
    assert not check_reasoner(g).ok
    assert check_reasoner().ok
    assert list(tmp_path.iterdir()) == []
    out, err = capfd.readouterr()
    assert out == "" and err == ""


@pytest.mark.parametrize("kind", ["dataset", "graph"])
def test_reasoner_accepts_a_dataset_or_a_graph(kind):
    graph = valid_graph()
    graph.add((ACME, RDF.type, AI.Person))
    data = graph
    if kind == "dataset":
        data = rdflib.Dataset()
        named = data.graph(URIRef(BASE + "graph/t01"))
        for triple in graph:
            named.add(triple)
    assert not check_reasoner(data).ok


def test_a_water_volume_figure_from_the_extractor_conforms(tmp_path):
    """acre-feet and cubic metres are quantities of their own QUDT units, allowed by the shapes."""
    from datetime import datetime, timezone

    from kg.documents import read_document
    from kg.extract import extract
    from kg.rdf import document_quads

    path = tmp_path / "water.txt"
    path.write_text("Water permit\n\nVermaland plans to pump 1,850 acre-feet a year for the campus.\n", encoding="utf-8")
    document = read_document(path, {})
    extraction = extract(document)
    assert [f.quantity.unit for f in extraction.figures] == ["acre-foot"]
    now = datetime.now(timezone.utc)
    g = rdflib.Dataset()
    for q in document_quads(document, extraction, now, now):
        g.add((_term(q.subject), _term(q.predicate), _term(q.object), URIRef(q.graph_name.value)))
    result = check_shapes(g)
    assert result.ok, result.messages


def _term(t):
    """A pyoxigraph term as an rdflib one."""
    import pyoxigraph as ox
    if isinstance(t, ox.NamedNode):
        return URIRef(t.value)
    if isinstance(t, ox.BlankNode):
        return rdflib.BNode(t.value)
    plain = t.language or t.datatype.value == str(rdflib.XSD.string)
    return Literal(t.value, lang=t.language, datatype=None if plain else URIRef(t.datatype.value))
