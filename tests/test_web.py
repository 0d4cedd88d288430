"""The pages for people and linked-data clients, on a real `kg serve` over the five seeds:
the YASGUI page at /, a saved query's HTML page (form + table), and entity IRIs that
dereference to HTML for a browser and Turtle / JSON-LD / N-Triples for an RDF client.
"""

from __future__ import annotations

import asyncio
from html.parser import HTMLParser

import httpx
import pytest
import rdflib

from kg import vocab
from kg.server import pages
from kg.server.app import ServerConfig, create_app
from kg.server.launch import running_server

HTML = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}  # as a browser sends it
ANTHROPIC = vocab.base_iri() + "id/org/anthropic"


@pytest.fixture(scope="module")
def client(seed_store):
    with running_server(seed_store, "--timeout", "10") as server:
        with httpx.Client(base_url=server.url, timeout=30) as c:
            yield c


class Tags(HTMLParser):
    """Counts start tags and collects links and form fields (enough to check a page's structure)."""

    def __init__(self, text: str):
        super().__init__()
        self.tags: dict[str, int] = {}
        self.links: list[str] = []
        self.inputs: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag in ("input", "select") and attrs.get("name"):
            self.inputs.append(attrs["name"])


# --------------------------------------------------------------------------- entity pages


def test_entity_page_for_a_browser_has_labels_figures_and_quotes(client):
    r = client.get("id/org/anthropic", headers=HTML)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    text = r.text
    assert "<h1>Anthropic</h1>" in text
    assert "أنثروبيك" in text  # labels in every language
    assert "ai:Firm" in text
    # a figure about it with its exact quote (the German seed) and its source document
    assert "Die Ausgaben von 50 Milliarden US-Dollar" in text and "002_25e4150be1a3bbae" in text
    assert "<blockquote class='quote'" in text
    page = Tags(text)
    assert "/id/org/fluidstack" in page.links  # relations link to this server's entity pages
    assert any(link.startswith("/id/figure/") for link in page.links)


def test_entity_as_turtle_and_json_ld_by_accept(client):
    turtle = client.get("id/org/anthropic", headers={"Accept": "text/turtle"})
    assert turtle.status_code == 200 and turtle.headers["content-type"].startswith("text/turtle")
    g = rdflib.Graph().parse(data=turtle.text, format="turtle")
    subject = rdflib.URIRef(ANTHROPIC)
    labels = {(str(o), o.language) for o in g.objects(subject, rdflib.RDFS.label)}
    assert ("Anthropic", "en") in labels and len(labels) >= 2
    assert (subject, rdflib.RDF.type, rdflib.URIRef(vocab.PREFIXES["ai"] + "Firm")) in g

    jsonld = client.get("id/org/anthropic", headers={"Accept": "application/ld+json"})
    assert jsonld.status_code == 200 and jsonld.headers["content-type"].startswith("application/ld+json")
    g2 = rdflib.Graph().parse(data=jsonld.text, format="json-ld")
    assert len(g2) == len(g) and (subject, rdflib.RDFS.label, rdflib.Literal("Anthropic", lang="en")) in g2

    nt = client.get("id/org/anthropic", headers={"Accept": "application/n-triples"})
    assert nt.status_code == 200 and len(rdflib.Graph().parse(data=nt.text, format="nt")) == len(g)
    # no Accept at all: an RDF client, Turtle
    assert client.get("id/org/anthropic", headers={"Accept": ""}).headers["content-type"].startswith("text/turtle")
    # ?format= for links from the HTML page
    assert client.get("id/org/anthropic", params={"format": "jsonld"}, headers=HTML).headers["content-type"].startswith("application/ld+json")


def test_entity_errors_are_readable(client):
    assert client.get("id/org/no-such-firm-anywhere", headers=HTML).status_code == 404
    r = client.get("id/org/no-such-firm-anywhere", headers={"Accept": "text/turtle"})
    assert r.status_code == 404 and "nothing is known" in r.text
    r = client.get("id/org/anthropic", headers={"Accept": "image/png"})
    assert r.status_code == 406 and "text/turtle" in r.text
    assert client.get("id/org/anthropic", params={"format": "pdf"}).status_code == 400


# --------------------------------------------------------------------------- saved-query pages


def test_saved_query_page_has_a_form_and_a_table(client):
    r = client.get("queries/cq02_firm_facilities", params={"firm": "Anthropic"}, headers=HTML)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    page = Tags(r.text)
    assert page.tags.get("form") == 1 and "firm" in page.inputs
    assert page.tags.get("table") == 1 and page.tags.get("tr", 0) >= 2  # header + at least one facility
    assert "<th>facility</th>" in r.text
    assert any(link.startswith("/id/") for link in page.links)
    # the same page by _format=html, without a browser's Accept
    assert "<form" in client.get("queries/cq02_firm_facilities", params={"firm": "Anthropic", "_format": "html"}).text


def test_saved_query_page_shows_errors_in_the_page(client):
    r = client.get("queries/cq02_firm_facilities", params={"nope": "x"}, headers=HTML)
    assert r.status_code == 400 and "no parameter" in r.text and "<form" in r.text
    r = client.get("queries/no_such_query", headers=HTML)
    assert r.status_code == 404


def test_programs_still_get_the_api(client):
    r = client.get("queries/cq02_firm_facilities", params={"firm": "Anthropic"})
    assert r.status_code == 200 and r.json()["query"] == "cq02_firm_facilities"
    r = client.get("queries/cq02_firm_facilities", params={"firm": "Anthropic", "_format": "csv"})
    assert r.headers["content-type"].startswith("text/csv")
    assert client.get("queries/cq02_firm_facilities", params={"nope": "x"}).json()["status"] == 400


def test_query_index_and_home(client):
    index = client.get("queries/", headers=HTML)
    assert index.status_code == 200 and "/queries/cq01_commitments" in Tags(index.text).links
    home = client.get("", headers=HTML)
    assert home.status_code == 200
    links = Tags(home.text).links
    assert "/queries/cq01_commitments" in links
    if pages.yasgui_installed():
        assert "/static/vendor/yasgui.min.js" in home.text and "cq01_commitments" in home.text
        js = client.get("static/vendor/yasgui.min.js")
        assert js.status_code == 200 and len(js.content) > 100_000
        assert client.get("static/home.js").status_code == 200
    else:
        assert "not installed" in home.text


def test_home_without_yasgui_says_how_to_install_it(tmp_path, monkeypatch, seed_store):
    monkeypatch.setattr(pages, "VENDOR", tmp_path / "vendor")
    app = create_app(ServerConfig(store=seed_store, queries=vocab.PROJECT_ROOT / "queries"))

    async def get():  # no lifespan, so no engine: / needs no store
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as c:
            return await c.get("/")

    r = asyncio.run(get())
    assert r.status_code == 200
    assert "YASGUI) is not installed" in r.text and pages.INSTALL_HINT in r.text
    assert '<form method="get" action="/sparql">' in r.text  # a plain form meanwhile
