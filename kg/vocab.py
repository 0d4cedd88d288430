"""Namespaces and IRI minting: the one place that decides what our IRIs look like.

Every stage (RDF building, queries, checks, server) imports IRIs from here so a
deployment can move the data to another base IRI with one setting (`KG_BASE_IRI`).
The ontology namespace is fixed: it names the schema, not the data.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY_FILE = PROJECT_ROOT / "ontology" / "aiinfra.ttl"
ENTITIES_FILE = PROJECT_ROOT / "kg" / "extract" / "entities.yaml"  # the entity table (read by kg.extract.entities)
SHAPES_FILE = PROJECT_ROOT / "ontology" / "shapes.ttl"
QUERIES_DIR = PROJECT_ROOT / "queries"

DEFAULT_BASE_IRI = "https://w3id.org/aiinfra/"

# Schema namespaces (fixed).
AI = "https://w3id.org/aiinfra/ontology#"
METRIC = "https://w3id.org/aiinfra/metric/"
ONTOLOGY_IRI = "https://w3id.org/aiinfra/ontology"

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL = "http://www.w3.org/2002/07/owl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
OA = "http://www.w3.org/ns/oa#"
DCT = "http://purl.org/dc/terms/"
SCHEMA = "http://schema.org/"
ORG = "http://www.w3.org/ns/org#"
QUDT = "http://qudt.org/schema/qudt/"
UNIT = "http://qudt.org/vocab/unit/"
CUR = "http://qudt.org/vocab/currency/"
TIME = "http://www.w3.org/2006/time#"
FOAF = "http://xmlns.com/foaf/0.1/"
VOID = "http://rdfs.org/ns/void#"

PREFIXES = {
    "ai": AI,
    "metric": METRIC,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "owl": OWL,
    "skos": SKOS,
    "prov": PROV,
    "oa": OA,
    "dct": DCT,
    "schema": SCHEMA,
    "org": ORG,
    "qudt": QUDT,
    "unit": UNIT,
    "time": TIME,
    "void": VOID,
}


def sparql_prefixes() -> str:
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


def base_iri() -> str:
    base = os.environ.get("KG_BASE_IRI", DEFAULT_BASE_IRI)
    return base if base.endswith(("/", "#")) else base + "/"


# Latin letters that Unicode does not decompose to ASCII ("Ærø" would lose its Æ and ø)
_LATIN_LIGATURES = str.maketrans({"Æ": "AE", "æ": "ae", "Ø": "O", "ø": "o", "ß": "ss", "Ł": "L", "ł": "l", "Đ": "D",
                                  "đ": "d", "Þ": "Th", "þ": "th", "Œ": "OE", "œ": "oe", "ı": "i"})


def slug(text: str) -> str:
    """A readable, stable IRI segment: ASCII where possible, percent-free."""
    norm = unicodedata.normalize("NFKD", text.translate(_LATIN_LIGATURES))
    ascii_ = norm.encode("ascii", "ignore").decode().lower()
    ascii_ = re.sub(r"[^a-z0-9]+", "-", ascii_).strip("-")
    # Latin letters, accented or not, have an ASCII form; others ("한양" in "BS한양") do not, and
    # dropping them would give two firms one IRI ("bs").
    non_latin = any(ch.isalpha() and not ch.isascii() and not unicodedata.name(ch, "").startswith("LATIN") for ch in norm)
    if ascii_ and not non_latin:
        return ascii_
    # Names with letters of other scripts keep them (IRIs allow them).
    return re.sub(r"[\s/#?%]+", "-", unicodedata.normalize("NFC", text)).strip("-").lower()


def entity_iri(kind: str, key: str) -> str:
    """kind is one of org, person, place, facility, project, group."""
    return f"{base_iri()}id/{kind}/{slug(key)}"


def source_iri(doc_id: str) -> str:
    return f"{base_iri()}id/source/{doc_id}"


def graph_iri(doc_id: str) -> str:
    return f"{base_iri()}graph/{doc_id}"


def ontology_graph_iri() -> str:
    return f"{base_iri()}graph/ontology"


def entities_graph_iri() -> str:
    """The reference graph: known entities (kg/extract/entities.yaml) described once. A "/" can
    never occur in a document id, so no document graph can take this name."""
    return f"{base_iri()}graph/reference/entities"


def dataset_iri() -> str:
    """The whole graph as a void:Dataset."""
    return f"{base_iri()}dataset"


def void_graph_iri() -> str:
    """Where an export puts the VoID description (computed at export time, never stored)."""
    return f"{base_iri()}graph/void"


def figure_iri(doc_id: str, n: int) -> str:
    return f"{base_iri()}id/figure/{doc_id}/{n}"


def period_iri(key: str) -> str:
    return f"{base_iri()}id/period/{slug(key)}"


def activity_iri(doc_id: str, sha256: str) -> str:
    return f"{base_iri()}id/activity/{doc_id}/{sha256[:16]}"


def metric_iri(notation: str) -> str:
    return METRIC + notation
