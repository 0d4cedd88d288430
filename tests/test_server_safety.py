"""The server's building blocks without a server: the SERVICE/LOAD check, the update dataset
rewrite, content negotiation, and the result serialisers (checked against pyoxigraph's parsers)."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest

from kg.server import formats
from kg.server.errors import HttpError
from kg.server.safety import (
    effective_timeout,
    forbidden_by_parse_tree,
    forbidden_by_tokens,
    forbidden_operation,
    has_dataset_clause,
    sparql_tokens,
    with_using_clauses,
)

# Port 9 is one Oxigraph refuses to dial: an OSError naming it proves Oxigraph parsed a SERVICE.
EVIL = "http://127.0.0.1:9/sparql"

REFUSED = {
    "plain": f"SELECT * WHERE {{ SERVICE <{EVIL}> {{ ?s ?p ?o }} }}",
    "silent": f"SELECT * WHERE {{ SERVICE SILENT <{EVIL}> {{ ?s ?p ?o }} }}",
    "variable": f"SELECT * WHERE {{ VALUES ?x {{ <{EVIL}> }} SERVICE ?x {{ ?s ?p ?o }} }}",
    "lower case": f"select * where {{ service <{EVIL}> {{ ?s ?p ?o }} }}",
    "mixed case, no spaces": f"SELECT*WHERE{{SeRvIcE<{EVIL}>{{?s ?p ?o}}}}",
    "in a subquery": f"SELECT * WHERE {{ {{ SELECT ?s WHERE {{ SERVICE <{EVIL}> {{ ?s ?p ?o }} }} }} }}",
    "in FILTER EXISTS": f"ASK {{ FILTER EXISTS {{ SERVICE <{EVIL}> {{ ?s ?p ?o }} }} }}",
    "in OPTIONAL": f"SELECT * WHERE {{ ?a ?b ?c OPTIONAL {{ SERVICE <{EVIL}> {{ ?s ?p ?o }} }} }}",
    "after a comment line": f"# harmless\nSELECT * WHERE {{ SERVICE <{EVIL}> {{ ?s ?p ?o }} }}",
    "prefixed name glued to the keyword": "PREFIX : <http://127.0.0.1:9/> SELECT * WHERE { SERVICE:x { ?s ?p ?o } }",
    "rdflib/Oxigraph differential": (
        f"SELECT * WHERE {{ BIND('\\u0027' AS ?a) SERVICE <{EVIL}> {{ ?s ?p ?o }} }} #''' AS ?a) }}"
    ),
    "CONSTRUCT": f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{EVIL}> {{ ?s ?p ?o }} }}",
}
ALLOWED = {
    "a variable named service": "SELECT ?service WHERE { ?service ?p ?o }",
    "schema:Service": "PREFIX schema: <http://schema.org/> SELECT * WHERE { ?s a schema:Service }",
    "in a string": "SELECT * WHERE { ?s ?p 'SERVICE <http://x> { }' }",
    "in a long string": 'SELECT * WHERE { ?s ?p """a\nSERVICE <http://x> { ?s ?p ?o }\n""" }',
    "in a comment": "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://x> { }",
    "in an IRI": "SELECT * WHERE { ?s <http://example.org/SERVICE> ?o }",
    "a language tag": "SELECT * WHERE { ?s ?p 'x'@load }",
    "LOAD in a string": "ASK { ?s ?p 'LOAD <http://x>' }",
    "download:x": "PREFIX download: <http://x/> SELECT * WHERE { ?s download:service ?o }",
}


@pytest.mark.parametrize("query", REFUSED.values(), ids=REFUSED.keys())
def test_service_is_found(query):
    assert forbidden_operation(query)
    assert forbidden_by_tokens(query)


@pytest.mark.parametrize("query", ALLOWED.values(), ids=ALLOWED.keys())
def test_harmless_lookalikes_pass(query):
    assert forbidden_operation(query) is None
    ox.Store().query(query)  # and they are valid SPARQL


def test_the_differential_fools_rdflib_but_not_the_tokens():
    """rdflib expands \\u escapes before parsing; Oxigraph 0.5 does not. Oxigraph really dials."""
    query = REFUSED["rdflib/Oxigraph differential"]
    assert forbidden_by_parse_tree(query, update=False) is None  # rdflib sees a long string
    with pytest.raises(OSError, match="port 9"):
        list(ox.Store().query(query))  # Oxigraph sees SERVICE and tries to connect
    assert "SERVICE" in forbidden_by_tokens(query)


def test_the_parse_tree_finds_service_and_load():
    assert forbidden_by_parse_tree(REFUSED["plain"], update=False)
    assert forbidden_by_parse_tree(f"LOAD <{EVIL}>", update=True) == "LOAD"
    assert forbidden_by_parse_tree(f"INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE <{EVIL}> {{ ?s ?p ?o }} }}", update=True)


@pytest.mark.parametrize("update", [f"LOAD <{EVIL}>", f"load silent <{EVIL}> INTO GRAPH <http://g>",
                                    f"CLEAR ALL ; LOAD<{EVIL}>"])
def test_load_is_found(update):
    assert forbidden_operation(update, update=True) == "LOAD"


def test_tokens_keep_positions_and_depth():
    text = "SELECT ?x WHERE { ?x <http://a#b> 'it''s' . } # done"
    tokens = list(sparql_tokens(text))
    assert [t.kind for t in tokens][:4] == ["word", "var", "word", "punct"]
    iri = next(t for t in tokens if t.kind == "iri")
    assert text[iri.start:iri.end] == "<http://a#b>" and iri.depth == 1
    assert not any(t.text.startswith("#") for t in tokens)


def test_from_clauses_are_seen():
    assert has_dataset_clause("SELECT * FROM <http://g> WHERE { ?s ?p ?o }")
    assert has_dataset_clause("select * from named <http://g> { graph ?g { ?s ?p ?o } }")
    assert not has_dataset_clause("SELECT ?from WHERE { ?s ?p 'FROM <x>' }")


def test_using_clauses_go_before_each_modify_where():
    update = ("PREFIX ex: <http://ex/> INSERT DATA { ex:a ex:b ex:c } ; "
              "DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o FILTER NOT EXISTS { ?s ?p 2 } } ; "
              "INSERT { ?s ?p 3 } WHERE { ?s ?p ?o }")
    rewritten = with_using_clauses(update, ["http://g1"], ["http://g2"])
    assert rewritten.count("USING <http://g1> USING NAMED <http://g2> WHERE") == 2
    store = ox.Store()
    store.update(rewritten)  # still valid


@pytest.mark.parametrize("update", [
    "WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "DELETE { ?s ?p ?o } USING <http://g> WHERE { ?s ?p ?o }",
    "DELETE WHERE { ?s ?p ?o }",
])
def test_using_parameters_conflicts_are_refused(update):
    with pytest.raises(HttpError) as err:
        with_using_clauses(update, ["http://g1"], [])
    assert err.value.status == 400


def test_timeouts_can_only_be_lowered():
    assert effective_timeout(None, 10) == 10
    assert effective_timeout("2.5", 10) == 2.5
    assert effective_timeout("100", 10) == 10
    for bad in ("abc", "0", "-1", "nan", "inf"):
        with pytest.raises(HttpError):
            effective_timeout(bad, 10)


# --------------------------------------------------------------------------- negotiation


@pytest.mark.parametrize("accept, expected", [
    (None, "json"),
    ("*/*", "json"),
    ("application/sparql-results+xml", "xml"),
    ("text/csv;q=0.5, application/sparql-results+xml", "xml"),
    ("text/csv, application/sparql-results+xml;q=0.5", "csv"),
    ("text/tab-separated-values", "tsv"),
    ("application/json", "json"),
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "xml"),
    ("text/*", "xml"),  # text/xml is text too, and first in the server's order
    ("image/png", None),
    ("application/sparql-results+json;q=0, */*", "xml"),
])
def test_result_negotiation(accept, expected):
    chosen = formats.negotiate(accept, formats.RESULT_FORMATS)
    assert (chosen.name if chosen else None) == expected


@pytest.mark.parametrize("accept, expected", [
    (None, "turtle"),
    ("application/n-triples", "ntriples"),
    ("application/ld+json", "jsonld"),
    ("application/rdf+xml", "rdfxml"),
    ("application/sparql-results+json, text/turtle;q=0.9", "turtle"),
    ("application/sparql-results+json", None),
])
def test_graph_negotiation(accept, expected):
    chosen = formats.negotiate(accept, formats.GRAPH_FORMATS)
    assert (chosen.name if chosen else None) == expected


# --------------------------------------------------------------------------- serialisers


def sample_rows():
    xsd = "http://www.w3.org/2001/XMLSchema#"
    terms = [
        ox.NamedNode("http://example.org/a?b=c&d=e"),
        ox.BlankNode("b0"),
        ox.Literal("plain, with \"quotes\", commas,\ttabs\nand newlines & <xml>"),
        ox.Literal("chat", language="fr"),
        ox.Literal("50000000000", datatype=ox.NamedNode(xsd + "decimal")),
        ox.Literal("42", datatype=ox.NamedNode(xsd + "integer")),
        ox.Literal("2025-11-12", datatype=ox.NamedNode(xsd + "date")),
        ox.Literal("中文 عربي"),
        ox.Triple(ox.NamedNode("http://s"), ox.NamedNode("http://p"), ox.Literal("o")),
    ]
    return ["x", "y"], [[t, terms[(i + 3) % len(terms)] if i % 3 else None] for i, t in enumerate(terms)]


@pytest.mark.parametrize("name, ox_format", [("json", ox.QueryResultsFormat.JSON), ("xml", ox.QueryResultsFormat.XML),
                                             ("tsv", ox.QueryResultsFormat.TSV)])
def test_results_round_trip_through_pyoxigraph(name, ox_format):
    variables, rows = sample_rows()
    parsed = ox.parse_query_results(formats.serialize_results(name, variables, rows), ox_format)
    assert [v.value for v in parsed.variables] == variables
    assert [[s[v] for v in variables] for s in parsed] == rows


@pytest.mark.parametrize("name, ox_format", [("json", ox.QueryResultsFormat.JSON), ("xml", ox.QueryResultsFormat.XML),
                                             ("tsv", ox.QueryResultsFormat.TSV), ("csv", ox.QueryResultsFormat.TSV)])
def test_booleans_round_trip(name, ox_format):
    for value in (True, False):
        assert bool(ox.parse_query_results(formats.serialize_results(name, [], boolean=value), ox_format)) is value


def test_csv_is_rfc4180_with_plain_values():
    variables, rows = sample_rows()
    body = formats.serialize_results("csv", variables, rows).decode()
    assert body.startswith("x,y\r\n")
    parsed = list(csv.reader(io.StringIO(body, newline="")))
    assert parsed[0] == variables and len(parsed) == len(rows) + 1
    assert parsed[3][0] == rows[2][0].value  # the literal with quotes, commas, tabs, newlines
    assert parsed[2][0] == "_:b0"


def test_json_matches_pyoxigraph_serialiser():
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://s"), ox.NamedNode("http://p"), ox.Literal("x", language="en")))
    store.add(ox.Quad(ox.BlankNode("b"), ox.NamedNode("http://p"), ox.Literal("1", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))))
    query = "SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?o"
    theirs = json.loads(store.query(query).serialize(format=ox.QueryResultsFormat.JSON))
    answer = store.query(query)
    variables = [v.value for v in answer.variables]
    ours = json.loads(formats.serialize_results("json", variables, [[s[v] for v in variables] for s in answer]))
    assert ours == theirs


@pytest.mark.parametrize("name", ["turtle", "ntriples", "jsonld", "rdfxml"])
def test_graphs_round_trip(name):
    triples = [
        ox.Triple(ox.NamedNode("https://w3id.org/aiinfra/id/org/x"), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                  ox.Literal("X", language="en")),
        ox.Triple(ox.NamedNode("https://w3id.org/aiinfra/id/org/x"), ox.NamedNode("https://w3id.org/aiinfra/ontology#value"),
                  ox.Literal("1.5", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal"))),
    ]
    body = formats.serialize_graph(name, triples + triples[:1], {"rdfs": "http://www.w3.org/2000/01/rdf-schema#"})
    parsed = list(ox.parse(body, formats.OX_GRAPH_FORMATS[name]))
    assert sorted(map(str, parsed)) == sorted(map(str, triples))
