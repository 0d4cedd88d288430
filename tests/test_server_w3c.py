"""The W3C SPARQL 1.1 Protocol test manifest, run against a real `kg serve`.

Every test of ../shared/w3c/sparql11-protocol/manifest.ttl runs twice:
- against a server started with --allow-updates and a token (every request carries it), where
  all 34 tests apply: the graph data a test declares (ut:graphData) is uploaded through the
  server's own /store before the test;
- against a read-only server (the default) over a store holding the same graphs, where the
  query tests and the bad_* tests run as written, and the seven update tests must be refused
  with 403 (by design: updates need --allow-updates and the token).
The manifest's host (ht:connectionAuthority "www.example") is replaced by the test server's.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
import rdflib
from rdflib.collection import Collection

from kg import vocab
from kg.server.launch import running_server

W3C = next(
    (p for p in (vocab.PROJECT_ROOT.parent / "shared" / "w3c", Path("/work/shared/w3c")) if p.is_dir()),
    vocab.PROJECT_ROOT.parent / "shared" / "w3c",
)
MANIFEST = W3C / "sparql11-protocol" / "manifest.ttl"
TOKEN = "w3c-protocol-test-token-0123456789"

MF = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = rdflib.Namespace("http://www.w3.org/2011/http#")
CNT = rdflib.Namespace("http://www.w3.org/2011/content#")
UT = rdflib.Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
HTS = rdflib.Namespace("http://www.w3.org/2011/http-statusCodes#")

RESULT_TYPES = {"application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                "text/tab-separated-values"}
RDF_TYPES = {"text/turtle", "application/n-triples", "application/rdf+xml", "application/ld+json"}

pytestmark = pytest.mark.skipif(not MANIFEST.is_file(), reason=f"no W3C manifest at {MANIFEST}")


@dataclass
class HttpRequest:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes | None
    statuses: set[str]  # "2", "3", "4": the classes the manifest allows
    boolean: bool | None
    format: str | None  # boolean, tabular, RDF


@dataclass
class ProtocolTest:
    name: str
    label: str
    requests: list[HttpRequest]
    graph_data: list[tuple[Path, str]] = field(default_factory=list)  # (file, graph IRI)

    @property
    def is_update(self) -> bool:
        return self.name.startswith("update_")


def load_manifest() -> list[ProtocolTest]:
    if not MANIFEST.is_file():
        return []
    graph = rdflib.Graph().parse(MANIFEST, format="turtle")
    manifest = next(graph.subjects(rdflib.RDF.type, MF.Manifest))
    tests = []
    for entry in Collection(graph, graph.value(manifest, MF.entries)):
        action = graph.value(entry, MF.action)
        requests = []
        for req in Collection(graph, graph.value(action, HT.requests)):
            headers = {}
            header_list = graph.value(req, HT.headers)
            for header in Collection(graph, header_list) if header_list is not None else []:
                headers[str(graph.value(header, HT.fieldName))] = str(graph.value(header, HT.fieldValue))
            body_node = graph.value(req, HT.body)
            body = None
            if body_node is not None:
                encoding = str(graph.value(body_node, CNT.characterEncoding) or "UTF-8")
                body = str(graph.value(body_node, CNT.chars)).encode(encoding)
            resp = graph.value(req, HT.resp)
            statuses = {str(s).rsplit("StatusCode", 1)[1][0] for s in graph.objects(resp, MF.expectedStatus)}
            boolean = graph.value(resp, MF.expectedBoolean)
            fmt = graph.value(resp, MF.expectedFormat)
            requests.append(HttpRequest(
                method=str(graph.value(req, HT.methodName)),
                path=str(graph.value(req, HT.absolutePath)),
                headers=headers,
                body=body,
                statuses=statuses,
                boolean=None if boolean is None else boolean.toPython(),
                format=None if fmt is None else str(fmt),
            ))
        data = []
        for item in graph.objects(entry, UT.graphData):
            data.append((MANIFEST.parent / Path(str(graph.value(item, UT.graph))).name, str(graph.value(item, rdflib.RDFS.label))))
        name = str(entry).rsplit("#", 1)[1]
        tests.append(ProtocolTest(name, str(graph.value(entry, MF.name)), requests, sorted(data)))
    return tests


TESTS = load_manifest()
ALL_GRAPHS = sorted({g for t in TESTS for g in t.graph_data})


def check_response(request: HttpRequest, response: httpx.Response) -> None:
    status_class = str(response.status_code)[0]
    assert status_class in request.statuses, (response.status_code, request.statuses, response.text[:300])
    media = response.headers.get("content-type", "").split(";")[0].strip()
    if request.format == "boolean" or request.boolean is not None:
        assert media in ("application/sparql-results+json", "application/sparql-results+xml"), media
        if media.endswith("json"):
            value = json.loads(response.content)["boolean"]
        else:
            root = ET.fromstring(response.content)
            value = root.find("{http://www.w3.org/2005/sparql-results#}boolean").text == "true"
        if request.boolean is not None:
            assert value is request.boolean
    elif request.format == "tabular":
        assert media in RESULT_TYPES, media
        if media.endswith("json"):
            assert "results" in json.loads(response.content)
    elif request.format == "RDF":
        assert media in RDF_TYPES, media
        fmt = ox.RdfFormat.from_media_type(media)
        list(ox.parse(response.content, fmt))  # it parses


def send(client: httpx.Client, base: str, request: HttpRequest, token: str | None) -> httpx.Response:
    headers = dict(request.headers)
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return client.request(request.method, base.rstrip("/") + request.path, content=request.body, headers=headers)


# --------------------------------------------------------------------------- servers


@pytest.fixture(scope="module")
def writable(tmp_path_factory):
    store = tmp_path_factory.mktemp("w3c-rw") / "store"
    with running_server(store, "--allow-updates", "--timeout", "20", env={"KG_WRITE_TOKEN": TOKEN}) as server:
        with httpx.Client(timeout=30) as client:
            yield server, client


@pytest.fixture(scope="module")
def read_only(tmp_path_factory):
    path = tmp_path_factory.mktemp("w3c-ro") / "store"
    store = ox.Store(str(path))
    for file, graph in ALL_GRAPHS:
        store.load(path=str(file), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(graph))
    store.flush()
    del store
    with running_server(path, "--timeout", "20") as server:
        with httpx.Client(timeout=30) as client:
            yield server, client


def test_the_manifest_has_every_test():
    assert len(TESTS) == 34
    assert sum(t.is_update for t in TESTS) == 7


@pytest.mark.parametrize("test", TESTS, ids=[t.name for t in TESTS])
def test_w3c_protocol_with_updates_allowed(writable, test: ProtocolTest):
    server, client = writable
    for file, graph in test.graph_data:
        put = client.put(server.url + "store", params={"graph": graph}, content=file.read_bytes(),
                         headers={"Content-Type": "application/n-triples", "Authorization": f"Bearer {TOKEN}"})
        assert put.status_code in (201, 204), put.text
    for request in test.requests:
        check_response(request, send(client, server.url, request, TOKEN))


@pytest.mark.parametrize("test", TESTS, ids=[t.name for t in TESTS])
def test_w3c_protocol_read_only(read_only, test: ProtocolTest):
    server, client = read_only
    if test.is_update:
        response = send(client, server.url, test.requests[0], None)
        assert response.status_code == 403, response.text
        assert "read-only" in response.text
        return
    for request in test.requests:
        check_response(request, send(client, server.url, request, None))


def test_update_needs_the_token(writable):
    server, client = writable
    no_token = client.post(server.url + "sparql", content=b"CLEAR ALL", headers={"Content-Type": "application/sparql-update"})
    assert no_token.status_code == 401 and no_token.headers["www-authenticate"].startswith("Bearer")
    wrong = client.post(server.url + "sparql", content=b"CLEAR ALL",
                        headers={"Content-Type": "application/sparql-update", "Authorization": "Bearer nope"})
    assert wrong.status_code == 401 and "wrong bearer token" in wrong.text
