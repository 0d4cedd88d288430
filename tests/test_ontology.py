"""The ontology file itself: header, metric scheme, coverage of the data model, OWL 2 DL hygiene.

These tests read ontology/aiinfra.ttl, docs/data-model.md and the shared metric vocabulary
(gold/metrics.yaml); HermiT runs once on the shipped ontology.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from pathlib import Path

import pytest
import rdflib
import yaml
from rdflib import OWL, RDF, RDFS, SKOS, Literal, URIRef
from rdflib.collection import Collection

from kg import vocab
from kg.check import check_reasoner, ontology_graph

AI = rdflib.Namespace(vocab.AI)
METRIC = rdflib.Namespace(vocab.METRIC)
DCT = rdflib.Namespace(vocab.DCT)
SCHEME = URIRef(vocab.METRIC)
LANGS = ("en", "de", "zh", "ar")
DATA_MODEL = vocab.PROJECT_ROOT / "docs" / "data-model.md"
METRICS_YAML = Path("/work/shared/gold/metrics.yaml")
KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
# The OWL 2 datatype map (https://www.w3.org/TR/owl2-syntax/#Datatype_Maps), the part we might use.
OWL2_DATATYPES = {rdflib.XSD[n] for n in (
    "decimal integer nonNegativeInteger positiveInteger int long double float string "
    "normalizedString token language boolean anyURI dateTime dateTimeStamp hexBinary base64Binary"
).split()} | {RDFS.Literal, RDF.PlainLiteral}


@pytest.fixture(scope="module")
def onto() -> rdflib.Graph:
    return ontology_graph()


@pytest.fixture(scope="module")
def metrics() -> dict:
    if not METRICS_YAML.exists():
        pytest.skip(f"{METRICS_YAML} not present")
    return yaml.safe_load(METRICS_YAML.read_text(encoding="utf-8"))


def _labels(graph: rdflib.Graph, node, prop=RDFS.label) -> dict[str, str]:
    return {o.language: str(o) for o in graph.objects(node, prop) if isinstance(o, Literal) and o.language}


def _script_ok(lang: str, text: str) -> bool:
    """The label is written in the language's script (not English pasted into zh or ar)."""
    names = [unicodedata.name(ch, "") for ch in text if ch.isalpha()]
    if lang == "zh":
        return any(n.startswith("CJK UNIFIED IDEOGRAPH") for n in names)
    if lang == "ar":
        return any(n.startswith("ARABIC") for n in names)
    return bool(names)


def _assert_labelled(graph: rdflib.Graph, node, prop=RDFS.label) -> None:
    labels = _labels(graph, node, prop)
    missing = [lang for lang in LANGS if lang not in labels]
    assert not missing, f"{node} has no {prop} in {missing}"
    for lang in LANGS:
        assert _script_ok(lang, labels[lang]), f"{node} {lang} label {labels[lang]!r}"


def _data_model_terms(prefix: str) -> set[str]:
    text = DATA_MODEL.read_text(encoding="utf-8")
    return set(re.findall(rf"(?<![\w/]){prefix}:([A-Za-z][A-Za-z0-9]*)", text))


# --------------------------------------------------------------------------------------------
# Header
# --------------------------------------------------------------------------------------------


def test_ontology_parses_and_has_its_header(onto):
    ont = URIRef(vocab.ONTOLOGY_IRI)
    assert (ont, RDF.type, OWL.Ontology) in onto
    assert list(onto.subjects(RDF.type, OWL.Ontology)) == [ont]
    assert onto.value(ont, OWL.versionIRI) == URIRef("https://w3id.org/aiinfra/ontology/0.1.0")
    assert str(onto.value(ont, OWL.versionInfo)) == "0.1.0"
    for prop in (DCT.title, DCT.description, DCT.license, DCT.created):
        assert onto.value(ont, prop) is not None, prop
    _assert_labelled(onto, ont)


def test_version_matches_the_package(onto):
    import kg

    assert str(onto.value(URIRef(vocab.ONTOLOGY_IRI), OWL.versionInfo)) == kg.__version__


# --------------------------------------------------------------------------------------------
# Metric scheme
# --------------------------------------------------------------------------------------------


def test_metric_scheme_is_a_labelled_concept_scheme(onto, metrics):
    assert (SCHEME, RDF.type, SKOS.ConceptScheme) in onto
    assert (SCHEME, RDF.type, OWL.NamedIndividual) in onto
    _assert_labelled(onto, SCHEME, SKOS.prefLabel)


def test_every_metric_key_is_a_concept(onto, metrics):
    for key, definition in metrics["metrics"].items():
        concept = URIRef(vocab.metric_iri(key))
        assert (concept, RDF.type, SKOS.Concept) in onto, key
        assert (concept, RDF.type, OWL.NamedIndividual) in onto, key
        assert [str(n) for n in onto.objects(concept, SKOS.notation)] == [key]
        assert (concept, SKOS.inScheme, SCHEME) in onto
        assert (concept, SKOS.topConceptOf, SCHEME) in onto
        assert (SCHEME, SKOS.hasTopConcept, concept) in onto
        assert str(onto.value(concept, SKOS.definition)) == definition
        _assert_labelled(onto, concept, SKOS.prefLabel)
        _assert_labelled(onto, concept, RDFS.label)
        for lang in LANGS:  # SKOS: at most one prefLabel per language
            assert len([o for o in onto.objects(concept, SKOS.prefLabel) if o.language == lang]) == 1


def test_no_concepts_beyond_the_metric_keys(onto, metrics):
    concepts = {str(c) for c in onto.subjects(RDF.type, SKOS.Concept)}
    assert concepts == {vocab.metric_iri(k) for k in metrics["metrics"]}


def test_interchangeable_metrics_are_close_matches(onto, metrics):
    groups = [set(g) for g in metrics["interchangeable"]]
    for group in groups:
        for a, b in itertools.permutations(sorted(group), 2):
            assert (METRIC[a], SKOS.closeMatch, METRIC[b]) in onto, (a, b)
    # and nothing else is a close match
    for a, b in onto.subject_objects(SKOS.closeMatch):
        ka, kb = str(a).removeprefix(vocab.METRIC), str(b).removeprefix(vocab.METRIC)
        assert any({ka, kb} <= g for g in groups), (ka, kb)


def test_only_capex_and_commitment_are_comparable(onto):
    assert (AI.comparableWith, RDF.type, OWL.SymmetricProperty) in onto
    pairs = {frozenset((a, b)) for a, b in onto.subject_objects(AI.comparableWith)}
    assert pairs == {frozenset((METRIC.capex, METRIC.investment_commitment))}
    assert (METRIC.facility_cost, AI.comparableWith, METRIC.capex) not in onto


def test_metric_concepts_are_pairwise_different(onto, metrics):
    # ai:metric is functional; without this, two metrics on a figure would just be merged.
    different = set()
    for node in onto.subjects(RDF.type, OWL.AllDifferent):
        different |= set(Collection(onto, onto.value(node, OWL.members)))
    assert {METRIC[k] for k in metrics["metrics"]} <= different


# --------------------------------------------------------------------------------------------
# Coverage of docs/data-model.md
# --------------------------------------------------------------------------------------------


def test_every_ai_term_of_the_data_model_is_defined_and_labelled(onto):
    terms = _data_model_terms("ai")
    assert {"Figure", "subject", "metric", "quantity", "Evidence", "mentionStart"} <= terms
    for name in sorted(terms):
        term = AI[name]
        kinds = set(onto.objects(term, RDF.type))
        assert kinds & {*KINDS, OWL.NamedIndividual}, f"ai:{name} is not defined"
        _assert_labelled(onto, term)
        assert any(c.language == "en" for c in onto.objects(term, RDFS.comment)), f"ai:{name}"


def test_external_terms_of_the_data_model_are_declared(onto):
    # OWL 2 DL needs every class and property declared; annotations included.
    namespaces = {"prov": vocab.PROV, "oa": vocab.OA, "dct": vocab.DCT, "org": vocab.ORG,
                  "skos": vocab.SKOS, "qudt": vocab.QUDT, "schema": vocab.SCHEMA}
    for prefix, ns in namespaces.items():
        for name in _data_model_terms(prefix):
            term = URIRef(ns + name)
            assert set(onto.objects(term, RDF.type)) & set(KINDS), f"{prefix}:{name} not declared"


def test_terms_the_pipeline_writes_are_defined(onto):
    """Drift check: ai: names kg/rdf.py writes and entity types kg/extract/entities.yaml uses."""
    rdf_py = vocab.PROJECT_ROOT / "kg" / "rdf.py"
    entities = vocab.PROJECT_ROOT / "kg" / "extract" / "entities.yaml"
    if not rdf_py.exists() or not entities.exists():
        pytest.skip("pipeline files not present")
    names = set(re.findall(r'_ai\("([A-Za-z]+)"\)', rdf_py.read_text(encoding="utf-8")))
    names |= set(re.findall(r"\btype:\s*([A-Z][A-Za-z]+)", entities.read_text(encoding="utf-8")))
    assert names
    undefined = sorted(n for n in names if not set(onto.objects(AI[n], RDF.type)))
    assert not undefined, f"used by the pipeline but not defined: {undefined}"


def test_every_ai_term_is_labelled_in_four_languages(onto):
    terms = {s for s in onto.subjects() if isinstance(s, URIRef) and s.startswith(vocab.AI)}
    assert len(terms) > 100
    for term in terms:
        _assert_labelled(onto, term)
        assert any(c.language == "en" for c in onto.objects(term, RDFS.comment)), term


# --------------------------------------------------------------------------------------------
# Axioms the checks rely on
# --------------------------------------------------------------------------------------------


def test_key_axioms(onto):
    for prop in (AI.subject, AI.metric, AI.quantity):
        assert (prop, RDF.type, OWL.FunctionalProperty) in onto
    assert (AI.partnerOf, RDF.type, OWL.SymmetricProperty) in onto
    assert (AI.containedIn, RDF.type, OWL.TransitiveProperty) in onto
    assert (AI.parentOf, OWL.inverseOf, AI.subsidiaryOf) in onto
    assert (AI.Extractor, RDF.type, rdflib.PROV.SoftwareAgent) in onto
    for role in ("CEO", "CFO", "CoFounder", "Founder", "Head", "Analyst", "Executive"):
        assert (AI[role], RDF.type, AI.Role) in onto
    for status in ("Planned", "UnderConstruction", "Operational"):
        assert (AI[status], RDF.type, AI.FacilityStatus) in onto


@pytest.mark.parametrize("a,b", [("Person", "Organization"), ("Organization", "Place"),
                                 ("Evidence", "Figure"), ("Quantity", "Figure")])
def test_disjoint_classes(onto, a, b):
    supers_a = set(onto.transitive_objects(AI[a], RDFS.subClassOf))
    supers_b = set(onto.transitive_objects(AI[b], RDFS.subClassOf))
    pairs = set()
    for node in onto.subjects(RDF.type, OWL.AllDisjointClasses):
        members = list(Collection(onto, onto.value(node, OWL.members)))
        pairs |= {frozenset(p) for p in itertools.combinations(members, 2)}
    pairs |= {frozenset(p) for p in onto.subject_objects(OWL.disjointWith)}
    assert any(frozenset((x, y)) in pairs for x in supers_a for y in supers_b)


@pytest.mark.parametrize("sub,sup", [
    ("Organization", "http://schema.org/Organization"), ("Organization", "http://www.w3.org/ns/org#Organization"),
    ("Person", "http://schema.org/Person"), ("Place", "http://schema.org/Place"),
    ("Facility", "http://schema.org/Place"), ("MonetaryAmount", "http://schema.org/MonetaryAmount"),
    ("SourceDocument", "http://schema.org/NewsArticle"), ("SourceDocument", "http://www.w3.org/ns/prov#Entity"),
    ("Figure", "http://www.w3.org/ns/prov#Entity"), ("ExtractionActivity", "http://www.w3.org/ns/prov#Activity"),
    ("Evidence", "http://www.w3.org/ns/oa#SpecificResource"), ("Quantity", "http://qudt.org/schema/qudt/QuantityValue"),
    ("Period", "http://www.w3.org/2006/time#ProperInterval"), ("Role", "http://www.w3.org/ns/org#Role"),
])
def test_alignment(onto, sub, sup):
    assert URIRef(sup) in set(onto.transitive_objects(AI[sub], RDFS.subClassOf))


def test_no_punning(onto):
    """One kind per IRI, and no IRI both a class and an individual (OWL 2 DL, no punning)."""
    classes = set(onto.subjects(RDF.type, OWL.Class))
    for term in {s for s in onto.subjects(RDF.type, None) if isinstance(s, URIRef)}:
        kinds = set(onto.objects(term, RDF.type)) & set(KINDS)
        assert len(kinds) <= 1, (term, kinds)
        if OWL.Class in kinds:
            assert not (set(onto.objects(term, RDF.type)) & (classes | {OWL.NamedIndividual})), term


def test_only_owl2_datatypes_in_ranges(onto):
    for prop, rng in onto.subject_objects(RDFS.range):
        if str(rng).startswith(vocab.XSD) or rng == RDFS.Literal:
            assert rng in OWL2_DATATYPES, (prop, rng)


# --------------------------------------------------------------------------------------------
# Reasoner
# --------------------------------------------------------------------------------------------


def test_hermit_finds_the_shipped_ontology_consistent():
    result = check_reasoner()
    assert result.ok, result.messages
    assert not any(m.startswith("unsatisfiable") for m in result.messages)
