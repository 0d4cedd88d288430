"""`kg serve` as clients see it: a real server (subprocess, free port) over the five seeds.

Protocol and content negotiation, the safety rules (read-only, SERVICE refused without any
connection being made, time limit enforced by killing the worker while others are answered,
row cap, size limit, readable 4xx for malformed requests), the saved-query API and OpenAPI.
"""

from __future__ import annotations

import csv
import io
import json
import os
import socket
import threading
import time
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from kg import vocab
from kg.queries import list_queries
from kg.server.launch import running_server

LIMIT = 3.0  # the test server's time limit (seconds)
MAX_ROWS = 20
MAX_BODY = 20_000
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # ~8e10 rows on the seeds
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@pytest.fixture(scope="module")
def server(seed_store):
    with running_server(seed_store, "--timeout", str(LIMIT), "--max-rows", str(MAX_ROWS), "--max-body", str(MAX_BODY)) as running:
        yield running


@pytest.fixture(scope="module")
def client(server):
    with httpx.Client(base_url=server.url, timeout=30) as c:
        yield c


def no_traceback(response: httpx.Response) -> str:
    assert "Traceback" not in response.text and 'File "' not in response.text
    return response.text


def count(response: httpx.Response) -> int:
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


# --------------------------------------------------------------------------- protocol


def test_get_form_post_and_direct_post_agree(client):
    query = "SELECT ?doc WHERE { ?s a ai:SourceDocument ; dct:identifier ?doc } ORDER BY ?doc"
    answers = [
        client.get("sparql", params={"query": query}),
        client.post("sparql", data={"query": query}),
        client.post("sparql", content=query.encode(), headers={"Content-Type": "application/sparql-query"}),
        client.post("sparql/", content=query.encode(), headers={"Content-Type": "application/sparql-query; charset=UTF-8"}),
    ]
    bodies = {a.content for a in answers}
    assert all(a.status_code == 200 for a in answers) and len(bodies) == 1
    assert len(answers[0].json()["results"]["bindings"]) == 5
    assert answers[0].headers["KG-Truncated"] == "false"


@pytest.mark.parametrize("accept, media", [
    (None, "application/sparql-results+json"),
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("text/csv;q=0.2, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
])
def test_select_by_content_negotiation(client, accept, media):
    query = "SELECT ?doc ?title WHERE { ?s a ai:SourceDocument ; dct:identifier ?doc OPTIONAL { ?s dct:title ?title } } ORDER BY ?doc"
    response = client.get("sparql", params={"query": query}, headers={"Accept": accept} if accept else {})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == media
    assert "Accept" in response.headers["vary"]
    if media == "text/csv":
        rows = list(csv.reader(io.StringIO(response.text, newline="")))
        assert rows[0] == ["doc", "title"] and len(rows) == 6
        return
    fmt = ox.QueryResultsFormat.from_media_type(media)
    docs = [s["doc"].value for s in ox.parse_query_results(response.content, fmt)]
    assert docs == sorted(docs) and len(docs) == 5


def test_format_parameter_overrides_accept(client):
    response = client.get("sparql", params={"query": "ASK {}", "format": "xml"}, headers={"Accept": "application/json"})
    assert response.headers["content-type"].startswith("application/sparql-results+xml") and "<boolean>true" in response.text
    bad = client.get("sparql", params={"query": "ASK {}", "format": "yaml"})
    assert bad.status_code == 400 and "unknown format" in no_traceback(bad)


def test_nothing_acceptable_is_406(client):
    response = client.get("sparql", params={"query": "ASK {}"}, headers={"Accept": "image/png"})
    assert response.status_code == 406 and "application/sparql-results+json" in no_traceback(response)
    select_as_turtle = client.get("sparql", params={"query": "SELECT * {}"}, headers={"Accept": "text/turtle"})
    assert select_as_turtle.status_code == 406 and "SELECT" in select_as_turtle.text


@pytest.mark.parametrize("accept", ["text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml"])
def test_construct_and_describe_by_content_negotiation(client, accept):
    construct = "CONSTRUCT { ?e rdfs:label ?l } WHERE { ?d a ai:SourceDocument ; ai:mentions ?e . ?e rdfs:label ?l } LIMIT 15"
    for query in (construct, "DESCRIBE <https://w3id.org/aiinfra/id/period/2025>"):
        response = client.get("sparql", params={"query": query}, headers={"Accept": accept})
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].split(";")[0] == accept
        triples = set(map(str, ox.parse(response.content, ox.RdfFormat.from_media_type(accept))))
        nt = client.get("sparql", params={"query": query, "format": "ntriples"})
        assert triples and triples == set(map(str, ox.parse(nt.content, ox.RdfFormat.N_TRIPLES)))


def test_service_description_on_a_bare_get(client):
    response = client.get("sparql")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/turtle")
    triples = list(ox.parse(response.content, ox.RdfFormat.TURTLE))
    sd = "http://www.w3.org/ns/sparql-service-description#"
    endpoints = [t.object.value for t in triples if t.predicate.value == sd + "endpoint"]
    assert endpoints == [str(client.base_url) + "sparql"]
    features = {t.object.value for t in triples if t.predicate.value == sd + "feature"}
    assert sd + "UnionDefaultGraph" in features
    languages = {t.object.value for t in triples if t.predicate.value == sd + "supportedLanguage"}
    assert languages == {sd + "SPARQL11Query"}  # read-only: no SPARQL11Update
    jsonld = client.get("sparql", headers={"Accept": "application/ld+json"})
    assert jsonld.headers["content-type"].startswith("application/ld+json") and json.loads(jsonld.content)
    browser = client.get("sparql", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert browser.headers["content-type"].startswith("text/html") and "<form" in browser.text


def test_union_default_graph_is_on_by_default_and_can_be_turned_off(client):
    union = count(client.get("sparql", params={"query": COUNT}))
    assert union > 4000
    assert count(client.get("sparql", params={"query": COUNT, "union-default-graph": "false"})) == 0
    docs = client.get("sparql", params={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s a ai:SourceDocument } }"}).json()
    first = docs["results"]["bindings"][0]["g"]["value"]
    # FROM names the dataset even though the default graph is the union
    one = count(client.get("sparql", params={"query": f"SELECT (COUNT(*) AS ?n) FROM <{first}> WHERE {{ ?s ?p ?o }}"}))
    assert 0 < one < union
    # and so does the protocol's default-graph-uri
    assert count(client.get("sparql", params={"query": COUNT, "default-graph-uri": first})) == one
    assert count(client.get("sparql", params={"query": COUNT, "default-graph-uri": "http://nowhere.example/g"})) == 0
    bad = client.get("sparql", params={"query": COUNT, "union-default-graph": "maybe"})
    assert bad.status_code == 400


# --------------------------------------------------------------------------- safety


def test_updates_are_refused_with_403(client):
    for response in (
        client.post("sparql", data={"update": "CLEAR ALL"}),
        client.post("sparql", content=b"DROP ALL", headers={"Content-Type": "application/sparql-update"}),
        client.post("sparql", content=b"DROP ALL", headers={"Content-Type": "application/sparql-update", "Authorization": "Bearer x" * 3}),
        client.put("store", params={"graph": "http://example.org/g"}, content=b"<http://a> <http://b> <http://c> .",
                   headers={"Content-Type": "application/n-triples"}),
        client.delete("store", params={"graph": vocab.ontology_graph_iri()}),
    ):
        assert response.status_code == 403, response.text
        assert "read-only" in no_traceback(response)
    assert count(client.get("sparql", params={"query": COUNT})) > 4000  # nothing was cleared


class Listener:
    """A local TCP port that records every connection made to it."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.running = True
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while self.running:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self):
        self.running = False
        self.thread.join()
        self.sock.close()


@pytest.mark.parametrize("template", [
    "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
    "select * where {{ ?x ?y ?z OPTIONAL {{ sErViCe <{url}> {{ ?s ?p ?o }} }} }}",
    "PREFIX : <{url}> SELECT * WHERE {{ SERVICE:x {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ BIND('\\u0027' AS ?a) SERVICE <{url}> {{ ?s ?p ?o }} }} #''' AS ?a) }}",
], ids=["plain", "silent", "nested-lowercase", "glued-prefix", "rdflib-differential"])
def test_service_is_refused_and_no_connection_is_made(client, template):
    listener = Listener()
    try:
        query = template.format(url=f"http://127.0.0.1:{listener.port}/sparql")
        for response in (client.get("sparql", params={"query": query}), client.post("sparql", data={"query": query})):
            assert response.status_code == 400, response.text
            assert "SERVICE" in no_traceback(response) and "not allowed" in response.text
        time.sleep(0.3)
        assert listener.connections == 0
    finally:
        listener.close()


def test_the_listener_would_notice_a_connection():
    """The check above is meaningful: Oxigraph does dial out for SERVICE when nothing stops it."""
    listener = Listener()
    try:
        with pytest.raises(OSError):
            list(ox.Store().query(f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/> {{ ?s ?p ?o }} }}"))
        time.sleep(0.3)
        assert listener.connections >= 1
    finally:
        listener.close()


def _children(pid: int) -> dict[int, float]:
    """Child processes of `pid` and their CPU seconds (Linux /proc)."""
    out = {}
    tick = os.sysconf("SC_CLK_TCK")
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        if int(fields[1]) == pid and fields[0] != "Z":
            out[int(entry.name)] = (int(fields[11]) + int(fields[12])) / tick
    return out


def test_a_slow_query_is_stopped_near_the_limit_while_others_are_answered(server, client):
    before = _children(server.pid)
    assert len(before) >= 3  # the writer and two readers
    quick_times, quick_status = [], []
    done = threading.Event()

    def quick():
        with httpx.Client(base_url=server.url, timeout=30) as other:
            while not done.is_set():
                started = time.monotonic()
                quick_status.append(other.get("sparql", params={"query": "ASK { ?s a ai:Figure }"}).status_code)
                quick_times.append(time.monotonic() - started)
                time.sleep(0.05)

    thread = threading.Thread(target=quick)
    thread.start()
    try:
        started = time.monotonic()
        slow = client.post("sparql", data={"query": SLOW, "timeout": "1"})
        elapsed = time.monotonic() - started
    finally:
        done.set()
        thread.join()
    assert slow.status_code == 503 and "stopped after 1 s" in no_traceback(slow)
    assert 0.9 <= elapsed < 2.0, elapsed
    assert quick_status and set(quick_status) == {200}
    assert len(quick_times) >= 5 and max(quick_times) < 0.5, quick_times
    # The worker that ran it is gone (killed, reaped), and no survivor is still burning a core.
    time.sleep(0.2)
    after = _children(server.pid)
    killed = set(before) - set(after)
    assert len(killed) == 1
    survivors = {pid: cpu for pid, cpu in after.items() if pid in before}
    time.sleep(1.0)
    later = _children(server.pid)
    assert all(later.get(pid, cpu) - cpu < 0.2 for pid, cpu in survivors.items()), (survivors, later)


def test_a_client_cannot_raise_the_limit(client):
    started = time.monotonic()
    slow = client.get("sparql", params={"query": SLOW, "timeout": "600"})
    elapsed = time.monotonic() - started
    assert slow.status_code == 503 and f"stopped after {LIMIT:g} s" in slow.text
    assert LIMIT - 0.1 <= elapsed < LIMIT + 1.0, elapsed


def test_a_client_that_leaves_stops_its_query(server, client):
    before = _children(server.pid)
    with pytest.raises(httpx.TimeoutException):
        with httpx.Client(base_url=server.url, timeout=0.5) as impatient:
            impatient.get("sparql", params={"query": SLOW})
    deadline = time.monotonic() + LIMIT - 1.0  # well before the server's own limit
    while time.monotonic() < deadline and not set(before) - set(_children(server.pid)):
        time.sleep(0.1)
    assert set(before) - set(_children(server.pid)), "the abandoned query's worker should have been killed"
    time.sleep(1.5)  # let the replacement start
    assert count(client.get("sparql", params={"query": COUNT})) > 4000


def test_rows_are_capped_with_a_truncated_signal(client):
    capped = client.get("sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert capped.headers["KG-Truncated"] == "true" and capped.headers["KG-Row-Limit"] == str(MAX_ROWS)
    assert len(capped.json()["results"]["bindings"]) == MAX_ROWS
    graph = client.get("sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"}, headers={"Accept": "application/n-triples"})
    assert graph.headers["KG-Truncated"] == "true" and len(graph.text.strip().splitlines()) <= MAX_ROWS
    fits = client.get("sparql", params={"query": f"SELECT * WHERE {{ ?s ?p ?o }} LIMIT {MAX_ROWS}"})
    assert fits.headers["KG-Truncated"] == "false" and len(fits.json()["results"]["bindings"]) == MAX_ROWS


def test_oversized_requests_are_refused_with_413_or_414(client):
    padding = "#" + "x" * MAX_BODY + "\n"
    big = padding + "ASK {}"
    for response in (
        client.post("sparql", content=big.encode(), headers={"Content-Type": "application/sparql-query"}),
        client.post("sparql", data={"query": big}),
        # chunked, without a Content-Length to trust
        client.post("sparql", content=iter([big.encode()[i:i + 4096] for i in range(0, len(big), 4096)]),
                    headers={"Content-Type": "application/sparql-query"}),
    ):
        assert response.status_code == 413, response.status_code
        assert str(MAX_BODY) in no_traceback(response)
    long_get = client.get("sparql", params={"query": big})
    assert long_get.status_code == 414 and "POST" in no_traceback(long_get)
    small = client.post("sparql", content=b"ASK {}", headers={"Content-Type": "application/sparql-query"})
    assert small.status_code == 200


@pytest.mark.parametrize("request_args, status, words", [
    ({"method": "GET", "url": "sparql", "params": {"query": "SELECT * WHERE { ?s ?p "}}, 400, "syntax error"),
    ({"method": "GET", "url": "sparql", "params": {"query": "  "}}, 400, "empty"),
    ({"method": "GET", "url": "sparql", "params": [("query", "ASK {}"), ("query", "ASK {}")]}, 400, "given 2 times"),
    ({"method": "GET", "url": "sparql", "params": {"update": "CLEAR ALL"}}, 400, "POST"),
    ({"method": "GET", "url": "sparql", "params": {"query": "ASK {}", "default-graph-uri": "not an iri"}}, 400, "absolute IRI"),
    ({"method": "GET", "url": "sparql", "params": {"query": "ASK {}", "timeout": "soon"}}, 400, "timeout"),
    ({"method": "GET", "url": "sparql", "params": {"query": "ASK {}", "timeout": "-3"}}, 400, "positive"),
    ({"method": "POST", "url": "sparql", "data": {"query": "ASK {}", "update": "CLEAR ALL"}}, 400, "not both"),
    ({"method": "POST", "url": "sparql", "data": {"other": "x"}}, 400, "neither"),
    ({"method": "POST", "url": "sparql", "content": b"ASK {}"}, 415, "Content-Type"),
    ({"method": "POST", "url": "sparql", "content": b"ASK {}", "headers": {"Content-Type": "text/plain"}}, 415, "text/plain"),
    ({"method": "POST", "url": "sparql", "content": "ASK {}".encode("utf-16"),
      "headers": {"Content-Type": "application/sparql-query; charset=UTF-16"}}, 415, "UTF-8"),
    ({"method": "POST", "url": "sparql", "content": b"ASK { FILTER(\"\xff\") }",
      "headers": {"Content-Type": "application/sparql-query"}}, 400, "UTF-8"),
    ({"method": "POST", "url": "sparql", "content": b"query=%FF", "headers": {"Content-Type": "application/x-www-form-urlencoded"}},
     400, "UTF-8"),
    ({"method": "PUT", "url": "sparql", "params": {"query": "ASK {}"}}, 405, "not allowed"),
    ({"method": "GET", "url": "nowhere"}, 404, "nothing at /nowhere"),
    ({"method": "GET", "url": "sparql", "params": {"query": "SELECT (<http://x>(1) AS ?x) {}"}}, 400, "query failed"),
])
def test_malformed_requests_get_readable_4xx(client, request_args, status, words):
    response = client.request(**request_args)
    assert response.status_code == status, response.text
    text = no_traceback(response)
    assert words.lower() in text.lower()
    assert len(text.strip().splitlines()) == 1


def test_syntax_errors_say_where(client):
    response = client.get("sparql", params={"query": "SELECT ?x WHERE {\n  ?x ?y \n}"})
    assert response.status_code == 400 and "line" in response.text and "column" in response.text


# --------------------------------------------------------------------------- saved queries


def test_saved_query_list_has_every_query_with_metadata(client):
    response = client.get("queries")
    assert response.status_code == 200
    listed = {q["name"]: q for q in response.json()["queries"]}
    assert set(listed) == {q.name for q in list_queries()}
    cq02 = listed["cq02_firm_facilities"]
    assert cq02["summary"] and cq02["url"] == "/queries/cq02_firm_facilities" and "SELECT" in cq02["sparql"]
    assert cq02["parameters"] == [{"name": "firm", "type": "entity", "required": False, "default": "Anthropic",
                                   "description": cq02["parameters"][0]["description"]}]
    assert listed["cq05_energy"]["parameters"][0]["enum"] == ["power_capacity", "leased_capacity", "power_shortfall"]


def test_saved_query_runs_with_defaults_and_parameters(client):
    default = client.get("queries/cq02_firm_facilities")
    assert default.status_code == 200, default.text
    body = default.json()
    assert body["query"] == "cq02_firm_facilities" and body["parameters"]["firm"].endswith("/org/anthropic")
    assert body["rows"] and body["truncated"] is False and body["row_limit"] == MAX_ROWS
    assert all(row["firm"] == body["parameters"]["firm"] for row in body["rows"])
    by_label = client.get("queries/cq02_firm_facilities", params={"firm": "anthropic"}).json()
    by_iri = client.get("queries/cq02_firm_facilities", params={"firm": "https://w3id.org/aiinfra/id/org/anthropic"}).json()
    assert by_label["rows"] == by_iri["rows"] == body["rows"]
    energy = client.get("queries/cq05_energy", params={"metric": "power_capacity"}).json()
    assert energy["rows"] and {r["metric"] for r in energy["rows"]} == {"power_capacity"}


def test_saved_query_numbers_are_json_numbers(client):
    rows = client.get("queries/figures").json()["rows"]
    values = [r["value"] for r in rows if r["value"] is not None]
    assert values and all(isinstance(v, (int, float)) for v in values)
    assert all(isinstance(r["start"], int) for r in rows)


def test_saved_query_is_truncated_at_the_row_cap(client):
    body = client.get("queries/figures").json()
    assert body["truncated"] is True and body["row_count"] == MAX_ROWS == len(body["rows"])


def test_saved_query_as_csv_and_html(client):
    as_csv = client.get("queries/cq02_firm_facilities", params={"_format": "csv"})
    assert as_csv.headers["content-type"].startswith("text/csv") and as_csv.headers["KG-Truncated"] == "false"
    rows = list(csv.reader(io.StringIO(as_csv.text, newline="")))
    assert rows[0][0] == "facility" and len(rows) > 1
    by_accept = client.get("queries/cq02_firm_facilities", headers={"Accept": "text/csv"})
    assert by_accept.text == as_csv.text
    html = client.get("queries/cq02_firm_facilities", headers={"Accept": "text/html,*/*;q=0.8"})
    assert html.headers["content-type"].startswith("text/html")
    assert "<table>" in html.text and "<th>facility</th>" in html.text and "Anthropic" in html.text


@pytest.mark.parametrize("path, params, status, words", [
    ("queries/cq05_energy", {"metric": "bogus"}, 400, "not one of"),
    ("queries/cq02_firm_facilities", {"firm": "Nobody Incorporated"}, 400, "no entity labelled"),
    ("queries/cq02_firm_facilities", {"colour": "red"}, 400, "has no parameter 'colour'"),
    ("queries/cq02_firm_facilities", [("firm", "Anthropic"), ("firm", "Amazon")], 400, "given 2 times"),
    ("queries/cq11_evidence", {"figure": "not an iri"}, 400, "is not an iri"),
    ("queries/cq02_firm_facilities", {"_format": "pdf"}, 400, "unknown _format"),
    ("queries/cq02_firm_facilities", {"_timeout": "never"}, 400, "timeout"),
    ("queries/no_such_query", {}, 404, "unknown query"),
    ("queries/..%2F..%2Fetc%2Fpasswd", {}, 404, "nothing at"),
    ("queries/.rq", {}, 404, "unknown query"),
])
def test_saved_query_bad_parameters_are_400_in_json(client, path, params, status, words):
    response = client.get(path, params=params)
    assert response.status_code == status, response.text
    body = response.json()
    assert body["status"] == status and words.lower() in body["error"].lower()
    no_traceback(response)


def test_saved_query_time_limit_applies(client):
    response = client.get("queries/cq03_conflicts", params={"_timeout": "0.001"})
    assert response.status_code == 503 and "0.001 s" in response.json()["error"]  # stopped, or never started


def test_openapi_is_valid_and_lists_every_saved_query(client):
    from openapi_spec_validator import validate

    response = client.get("openapi.json")
    assert response.status_code == 200
    spec = response.json()
    validate(spec)
    names = {q.name for q in list_queries()}
    assert {p.removeprefix("/queries/") for p in spec["paths"] if p.startswith("/queries/")} == names
    operation = spec["paths"]["/queries/cq05_energy"]["get"]
    metric = next(p for p in operation["parameters"] if p["name"] == "metric")
    assert metric["schema"]["enum"] == ["power_capacity", "leased_capacity", "power_shortfall"]
    firm = next(p for p in spec["paths"]["/queries/cq02_firm_facilities"]["get"]["parameters"] if p["name"] == "firm")
    assert firm["schema"] == {"type": "string", "default": "Anthropic"} and firm["required"] is False
    assert spec["servers"][0]["url"] == str(client.base_url).rstrip("/")
    assert "/sparql" in spec["paths"]


def test_home_page_lists_the_queries(client):
    response = client.get("/")
    assert response.status_code == 200 and "cq01_commitments" in response.text and "/sparql" in response.text


def test_saved_query_pages_with_limit_and_offset(client):
    everything = client.get("queries/cq01_commitments").json()["rows"]
    assert len(everything) > 4
    page = client.get("queries/cq01_commitments", params={"_limit": 2, "_offset": 2}).json()
    assert page["rows"] == everything[2:4] and page["truncated"] is False
    bad = client.get("queries/cq01_commitments", params={"_limit": 0})
    assert bad.status_code == 400 and "_limit" in bad.text
