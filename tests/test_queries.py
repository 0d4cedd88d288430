"""Saved queries: headers, typed parameters bound by substitution, errors, result formats."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from decimal import Decimal

import pyoxigraph as ox
import pytest

from kg import vocab
from kg.queries import (
    QueryError, execute, format_result, get_query, list_queries, parse_query_file, prepared_text, resolve_entity, run,
    validate,
)
from kg.store import open_store

BASE = vocab.base_iri()
ANTHROPIC, AMAZON, OPENAI = (vocab.entity_iri("org", k) for k in ("anthropic", "amazon", "openai"))

FIGURES = """\
#+ summary: Figures of one organisation
#+ description: Every amount stated about the organisation, largest first.
#+ tags: [figures, test]
#+ params:
#+   org: {type: entity, default: Anthropic, description: the organisation}
#+   min_amount: {type: decimal, default: null}
#+   metric: {type: string, default: null, enum: [capex, investment]}
# An ordinary comment line.
SELECT ?org ?metric ?amount ?min_amount WHERE {
  ?figure ai:subject ?org ; ai:metricName ?metric ; ai:amount ?amount .
  FILTER(!BOUND(?min_amount) || ?amount >= ?min_amount)
}
ORDER BY DESC(?amount)
"""

TYPED = """\
#+ summary: Echo typed values
#+ params:
#+   n: {type: integer, required: true}
#+   day: {type: date, default: 2025-11-12}
#+   cls: {type: iri, default: "ai:Firm"}
#+   text: {type: string, default: hello}
SELECT ?n ?day ?cls ?text WHERE {}
"""

GRLC = """\
#+ summary: grlc-style defaults
#+ defaults:
#+   - label: Amazon
SELECT ?s ?label WHERE { ?s rdfs:label ?label }
"""


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "store", create=True)
    g = ox.NamedNode(vocab.graph_iri("t1"))
    label, AI = ox.NamedNode(vocab.RDFS + "label"), vocab.AI

    def figure(n: int, org: str, metric: str, amount: str) -> list[ox.Quad]:
        f = ox.NamedNode(vocab.figure_iri("t1", n))
        return [
            ox.Quad(f, ox.NamedNode(AI + "subject"), ox.NamedNode(org), g),
            ox.Quad(f, ox.NamedNode(AI + "metricName"), ox.Literal(metric), g),
            ox.Quad(f, ox.NamedNode(AI + "amount"), ox.Literal(amount, datatype=ox.NamedNode(vocab.XSD + "decimal")), g),
        ]

    s.replace_graph(g.value, [
        ox.Quad(ox.NamedNode(ANTHROPIC), label, ox.Literal("Anthropic", language="en"), g),
        ox.Quad(ox.NamedNode(ANTHROPIC), label, ox.Literal("أنثروبيك", language="ar"), g),
        ox.Quad(ox.NamedNode(AMAZON), label, ox.Literal("Amazon", language="en"), g),
        ox.Quad(ox.NamedNode(OPENAI), label, ox.Literal("Open", language="en"), g),
        ox.Quad(ox.NamedNode(BASE + "id/org/open-co"), label, ox.Literal("open", language="en"), g),
        *figure(1, ANTHROPIC, "investment", "50000000000"),
        *figure(2, ANTHROPIC, "capex", "1000"),
        *figure(3, AMAZON, "capex", "125000000000"),
    ])
    yield s
    s.close()


@pytest.fixture
def folder(tmp_path):
    qdir = tmp_path / "queries"
    qdir.mkdir()
    (qdir / "figures.rq").write_text(FIGURES)
    (qdir / "typed.rq").write_text(TYPED)
    (qdir / "grlc.rq").write_text(GRLC)
    return qdir


def nquads(store) -> set[str]:
    return set(store.dump("nquads").decode().splitlines())


# --------------------------------------------------------------------------- the registry


def test_headers_are_parsed(folder):
    assert [q.name for q in list_queries(folder)] == ["figures", "grlc", "typed"]
    q = get_query("figures", folder)
    assert q.summary == "Figures of one organisation"
    assert q.description.startswith("Every amount")
    assert q.tags == ("figures", "test")
    assert q.params["org"].type == "entity" and q.params["org"].default == "Anthropic"
    assert q.params["min_amount"].required is False and q.params["min_amount"].default is None
    assert q.params["metric"].required is False
    assert q.params["metric"].enum == ("capex", "investment")
    assert get_query("typed", folder).params["n"].required is True
    grlc = get_query("grlc", folder).params["label"]
    assert (grlc.type, grlc.default, grlc.required) == ("string", "Amazon", False)


@pytest.mark.parametrize("name", ["nope", "../queries/figures", "figures.rq", ""])
def test_unknown_query_is_named(folder, name):
    with pytest.raises(QueryError, match=f"unknown query '{name}'.*known: figures, grlc, typed"):
        get_query(name, folder)


@pytest.mark.parametrize(
    "text, reason",
    [
        ("#+ summry: typo\nSELECT * WHERE {}", "unknown header key 'summry'"),
        ("#+ params:\n#+   x: {type: number}\nSELECT ?x WHERE {}", "unknown type 'number'"),
        ("#+ params:\n#+   x: {type: integer, default: ten}\nSELECT ?x WHERE {}", "'ten' is not an integer"),
        ("#+ params:\n#+   y: {type: string}\nSELECT ?x WHERE {}", "?y does not occur in the query"),
        ("#+ params:\n#+   x: {tipe: string}\nSELECT ?x WHERE {}", "unknown key 'tipe'"),
        ("#+ summary: [unclosed\nSELECT * WHERE {}", "invalid YAML"),
    ],
)
def test_bad_headers_name_the_file(tmp_path, text, reason):
    path = tmp_path / "bad.rq"
    path.write_text(text)
    with pytest.raises(QueryError) as err:
        parse_query_file(path)
    assert str(path) in str(err.value) and reason in str(err.value)


# --------------------------------------------------------------------------- running


def test_defaults_entity_labels_and_optional_parameters(store, folder):
    result = run(store, "figures", {}, folder)  # org defaults to the label "Anthropic"
    assert result.variables == ["org", "metric", "amount", "min_amount"]
    assert result.rows == [[ANTHROPIC, "investment", Decimal("50000000000"), None], [ANTHROPIC, "capex", Decimal("1000"), None]]
    big = run(store, "figures", {"org": "AMAZON", "min_amount": "1e9"}, folder)  # case-insensitive label
    assert [row[2] for row in big.rows] == [Decimal("125000000000")]
    assert run(store, "figures", {"org": "أنثروبيك", "metric": "capex"}, folder).rows[0][2] == Decimal("1000")
    assert len(run(store, "figures", {"org": ANTHROPIC}, folder).rows) == 2  # an IRI is taken as is


def test_values_are_typed(store, folder):
    row = run(store, "typed", {"n": "42"}, folder).terms[0]
    assert row[0] == ox.Literal(42)
    assert row[1] == ox.Literal("2025-11-12", datatype=ox.NamedNode(vocab.XSD + "date"))
    assert row[2] == ox.NamedNode(vocab.AI + "Firm")  # prefixed name expanded
    assert row[3] == ox.Literal("hello")
    values = run(store, "typed", {"n": "-7", "day": "2024-02-29", "cls": "http://example.org/x"}, folder).rows[0]
    assert values[:3] == [-7, date(2024, 2, 29), "http://example.org/x"]


@pytest.mark.parametrize(
    "params, reason",
    [
        ({}, "needs parameter 'n'"),
        ({"n": "4.5"}, "parameter 'n': '4.5' is not an integer"),
        ({"n": "1", "day": "2025-13-01"}, "parameter 'day': '2025-13-01' is not a date"),
        ({"n": "1", "cls": "not an iri"}, "parameter 'cls': 'not an iri' is not an IRI"),
        ({"n": "1", "cls": "nope:Thing"}, "is not an IRI"),
        ({"n": "1", "colour": "red"}, "has no parameter 'colour'"),
    ],
)
def test_bad_parameters_are_named(store, folder, params, reason):
    with pytest.raises(QueryError, match=reason):
        run(store, "typed", params, folder)


def test_entity_resolution_errors(store, folder):
    with pytest.raises(QueryError, match="enum|not one of"):
        run(store, "figures", {"metric": "revenue"}, folder)
    with pytest.raises(QueryError, match="parameter 'org': no entity labelled 'Nobody'"):
        run(store, "figures", {"org": "Nobody"}, folder)
    with pytest.raises(QueryError, match="'open' is ambiguous"):
        resolve_entity(store, "open")


@pytest.mark.parametrize("attack", [
    '" } ; DROP ALL ; #',
    "x') || true || ('",
    "Amazon\" . } UNION { ?s ?p ?o } #",
])
def test_parameters_are_bound_not_spliced(store, folder, attack):
    before = nquads(store)
    result = run(store, "grlc", {"label": attack}, folder)
    assert result.rows == []  # no label equals the attack text: it stayed one literal
    assert nquads(store) == before
    echoed = run(store, "typed", {"n": "1", "text": attack}, folder)
    assert echoed.rows[0][3] == attack  # bound verbatim, as a value
    with pytest.raises(QueryError, match="no entity labelled"):
        run(store, "figures", {"org": attack}, folder)


def test_bad_sparql_reports_file_line_and_column(store, tmp_path):
    qdir = tmp_path / "q"
    qdir.mkdir()
    (qdir / "broken.rq").write_text("#+ summary: broken\nSELECT ?x WHERE {\n  ?x ?p ?o .\n  FILTER(?x = ) \n}\n")
    with pytest.raises(QueryError) as err:
        run(store, "broken", {}, qdir)
    assert str(qdir / "broken.rq") in str(err.value) and "line 4, column 3" in str(err.value)
    with pytest.raises(QueryError, match="line 4, column 3"):
        validate(get_query("broken", qdir))


def test_a_parameter_is_written_into_the_query_as_a_constant(store, tmp_path):
    # a parameter used only in the pattern works (no longer needs projecting), in the SELECT list it
    # stays a column, and a value cannot change the query's shape (it is an escaped literal)
    qdir = tmp_path / "q"
    qdir.mkdir()
    (qdir / "hidden.rq").write_text("#+ params:\n#+   v: {type: string, default: x}\n"
                                    "SELECT ?o WHERE { ?s ?p ?o FILTER(STR(?o) = ?v) }\n")
    (qdir / "shown.rq").write_text("#+ params:\n#+   v: {type: string}\n"
                                   "SELECT ?v (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(STR(?o) = ?v) } GROUP BY ?v\n")
    assert run(store, "hidden", {}, qdir).rows == []
    assert run(store, "hidden", {"v": "Anthropic"}, qdir).rows == [["Anthropic"]]
    assert run(store, "shown", {"v": "Anthropic"}, qdir).rows == [["Anthropic", 1]]
    assert run(store, "shown", {"v": 'Anthropic" } } ; DROP ALL ; #'}, qdir).rows == []  # grouped by the constant: no group
    validate(get_query("hidden", qdir))


@pytest.mark.parametrize("text, values, expected", [
    # a comparison written without spaces is no IRI
    ("SELECT ?v WHERE { VALUES ?v {0 3 9} FILTER(?v<?max&&?v>?min) }", {"min": ox.Literal(1), "max": ox.Literal(5)}, [[3]]),
    # variable names are case-sensitive: ?P is no parameter ?p
    ("SELECT ?P WHERE { VALUES ?P {1} FILTER(!BOUND(?p) || BOUND(?P)) }", {"p": ox.Literal(2)}, [[1]]),
    # a prefixed name like ex:as is no keyword
    ("PREFIX ex: <urn:ex:> SELECT ?s WHERE { VALUES ?s {1 2} OPTIONAL { ?s ex:as ?p } FILTER(?p = 2) }", {"p": ox.Literal(2)}, [[1], [2]]),
    # a subquery that projected only the parameter still projects something
    ("SELECT (COUNT(*) AS ?n) WHERE { { SELECT DISTINCT ?p WHERE { VALUES ?x {1 2} } } }", {"p": ox.Literal(7)}, [[1]]),
    # grouped by a constant: one group when rows match, none when none do
    ("SELECT ?p (COUNT(*) AS ?n) WHERE { VALUES ?x {1 2} } GROUP BY ?p", {"p": ox.Literal(7)}, [[7, 2]]),
    ("SELECT ?p (COUNT(*) AS ?n) WHERE { VALUES ?x {} } GROUP BY ?p", {"p": ox.Literal(7)}, []),
])
def test_written_in_values_answer_as_bound_variables(text, values, expected):
    from kg.sparql_text import inline_values
    answer = ox.Store().query(inline_values(text, values))
    assert [[t.value if isinstance(t, ox.NamedNode) else int(t.value) for t in row] for row in answer] == expected


def test_an_absent_value_is_written_in_when_no_value_is_given(store, tmp_path):
    # `absent:` stands in for a parameter given no value (a constant the patterns need), and is no
    # value: the query's own BIND decides what the column shows
    qdir = tmp_path / "q"
    qdir.mkdir()
    (qdir / "one.rq").write_text(
        "#+ params:\n#+   thing: {type: iri, absent: 'urn:x-test:nothing'}\n"
        "SELECT ?s (?given AS ?thing) WHERE { { ?s ?p ?o FILTER(?s = ?thing) } UNION { BIND(?thing AS ?s) }"
        " BIND(IF(?thing = <urn:x-test:nothing>, ?unset, ?thing) AS ?given) }\n")
    assert run(store, "one", {}, qdir).rows == [["urn:x-test:nothing", None]]
    assert run(store, "one", {"thing": ANTHROPIC}, qdir).rows[-1] == [ANTHROPIC, ANTHROPIC]
    (qdir / "bad.rq").write_text("#+ params:\n#+   n: {type: integer, absent: 'many'}\nSELECT ?n WHERE {}\n")
    with pytest.raises(QueryError, match="parameter 'n': absent: 'many' is not an integer"):
        get_query("bad", qdir)


def test_every_project_query_is_valid():
    """The saved queries shipped in queries/ parse and can bind their parameters."""
    for query in list_queries(vocab.QUERIES_DIR):
        validate(query)


# --------------------------------------------------------------------------- formats


def test_json_is_sparql_results_json(store, folder):
    doc = json.loads(format_result(run(store, "figures", {"org": "Amazon"}, folder), "json"))
    assert doc["head"]["vars"] == ["org", "metric", "amount", "min_amount"]
    (binding,) = doc["results"]["bindings"]
    assert binding["org"] == {"type": "uri", "value": AMAZON}
    assert binding["metric"] == {"type": "literal", "value": "capex"}  # xsd:string: no datatype
    assert binding["amount"] == {"type": "literal", "value": "125000000000", "datatype": vocab.XSD + "decimal"}
    assert "min_amount" not in binding  # unbound
    labels = json.loads(format_result(execute(store, "SELECT ?l WHERE { ?s rdfs:label ?l FILTER(LANG(?l) = 'ar') }"), "json"))
    assert labels["results"]["bindings"] == [{"l": {"type": "literal", "value": "أنثروبيك", "xml:lang": "ar"}}]
    assert json.loads(format_result(execute(store, "ASK { ?s ?p ?o }"), "json")) == {"head": {}, "boolean": True}


def test_csv_and_tsv(store, folder):
    result = run(store, "figures", {}, folder)
    text = format_result(result, "csv")
    assert text.startswith("org,metric,amount,min_amount\r\n")
    assert list(csv.reader(io.StringIO(text)))[1] == [ANTHROPIC, "investment", "50000000000", ""]
    lines = format_result(result, "tsv").splitlines()
    assert lines[0] == "?org\t?metric\t?amount\t?min_amount"
    assert lines[1].split("\t") == [f"<{ANTHROPIC}>", '"investment"', f'"50000000000"^^<{vocab.XSD}decimal>', ""]


def test_table_shortens_iris(store, folder):
    text = format_result(run(store, "figures", {}, folder), "table")
    assert "base:id/org/anthropic" in text and "50000000000" in text and "2 row(s)" in text
    with pytest.raises(QueryError, match="unknown format 'xml'"):
        format_result(run(store, "figures", {}, folder), "xml")


def test_construct_results(store):
    result = execute(store, "CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s rdfs:label ?l FILTER(LANG(?l) = 'ar') }")
    assert result.variables == ["subject", "predicate", "object"]
    assert len(result.triples) == 1 and result.rows[0][0] == ANTHROPIC


def test_a_saved_query_names_the_graphs_of_the_configured_base(monkeypatch):
    # cq11 names the entity table's graph by the default base; under KG_BASE_IRI it names the store's
    query = get_query("cq11_evidence", vocab.QUERIES_DIR)
    assert "<https://w3id.org/aiinfra/graph/reference/entities>" in prepared_text(query, {})
    monkeypatch.setenv("KG_BASE_IRI", "https://example.org/kg/")
    text = prepared_text(query, {})
    assert "<https://example.org/kg/graph/reference/entities>" in text and "w3id.org/aiinfra/graph" not in text
    assert "<https://w3id.org/aiinfra/ontology#>" in text  # the ontology stays
