"""A SPARQL 1.1 server behind the `GraphStore` interface, for `--store http://...`.

Two endpoint layouts are understood, chosen from the URL:
- a server root such as `http://host:7878` (Oxigraph server): queries at `/query`, updates at
  `/update`;
- a URL ending in `/sparql` (Virtuoso and most others): queries and updates both there.

Everything goes through plain SPARQL 1.1 Protocol requests, so the guarantees of the embedded
store carry over: `replace_graph` is ONE update request (`DROP SILENT GRAPH ; INSERT DATA`),
which a SPARQL server applies as one operation. Answers are parsed into the same pyoxigraph
objects the embedded store returns, so callers cannot tell the two apart.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.parse
import urllib.request
from typing import BinaryIO, Iterable

import pyoxigraph as ox

from kg import vocab
from kg.store import (
    DATASET_FORMATS,
    FORMATS,
    GraphStore,
    StoreError,
    compact_jsonld,
    replace_graph_update,
    serialize_triples,
    sparql_syntax_error,
)

RESULTS_JSON = "application/sparql-results+json"
N_TRIPLES = "application/n-triples"
TIMEOUT_SECONDS = 300


def is_remote(location: str) -> bool:
    return location.startswith(("http://", "https://"))


# IRIs, string literals and comments, whose braces, '#' and keywords are not syntax
_NOT_SYNTAX = re.compile(r'<[^<>"{}|^`\\\s]*>|"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|#[^\n]*')


def bind_in_where(sparql: str, substitutions: dict[str, ox.Term]) -> str:
    """Pre-bind variables on a server: a VALUES block opening the WHERE group.

    The embedded store binds before evaluation; a VALUES block first in the WHERE group gives the
    same answers for our queries (its FILTERs see the binding, which a trailing VALUES would not).
    Terms are written in N-Triples syntax by pyoxigraph, never spliced from user text."""
    masked = _NOT_SYNTAX.sub(lambda m: " " * len(m.group(0)), sparql)
    where = re.search(r"(?i)\bWHERE\s*\{", masked) or re.search(r"\{", masked)
    if where is None:
        raise StoreError("cannot bind parameters: the query has no WHERE group")
    names = " ".join(f"?{name}" for name in substitutions)
    values = " ".join(str(term) for term in substitutions.values())
    at = where.end()
    return f"{sparql[:at]} VALUES ({names}) {{ ({values}) }} {sparql[at:]}"


def _check_syntax(sparql: str) -> None:
    """Parse locally first, so a syntax error names the line and column of the user's text
    (the server would count the prefix lines we add)."""
    try:
        ox.Store().query(sparql, prefixes=vocab.PREFIXES)  # an empty store: parses, evaluates nothing
    except SyntaxError as err:
        raise sparql_syntax_error(err, "query", sparql) from None
    except (RuntimeError, OSError, ValueError):
        pass  # valid syntax; anything else is the server's business


class RemoteStore(GraphStore):
    """A store reached over HTTP; holds no state but the endpoint addresses."""

    def __init__(self, url: str):
        self.location = url.rstrip("/")
        if self.location.endswith("/sparql"):
            self.query_url = self.update_url = self.location
        else:
            self.query_url = self.location + "/query"
            self.update_url = self.location + "/update"

    # ---------------------------------------------------------------- HTTP

    def _post(self, url: str, form: dict[str, str], accept: str) -> tuple[bytes, str]:
        body = urllib.parse.urlencode(form).encode()
        request = urllib.request.Request(url, data=body, method="POST", headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": accept,
        })
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
                return response.read(), response.headers.get_content_type()
        except urllib.error.HTTPError as err:
            detail = err.read().decode("utf-8", "replace").strip().splitlines()
            raise StoreError(f"{url}: HTTP {err.code}: {detail[0] if detail else err.reason}") from None
        except (urllib.error.URLError, OSError) as err:
            reason = getattr(err, "reason", err)
            raise StoreError(f"cannot reach SPARQL server {url} ({reason})") from None

    # ---------------------------------------------------------------- GraphStore

    def query(self, sparql, *, substitutions=None, union_default_graph=True):
        from kg.server.safety import has_dataset_clause

        _check_syntax(sparql)
        text = vocab.sparql_prefixes() + sparql
        if substitutions:
            text = vocab.sparql_prefixes() + bind_in_where(sparql, substitutions)
        form = {"query": text}
        if union_default_graph and not has_dataset_clause(sparql) and not self.location.endswith("/sparql"):
            form["union-default-graph"] = ""  # Oxigraph server; Virtuoso's default graph is the union already
        data, media_type = self._post(self.query_url, form, f"{RESULTS_JSON}, {N_TRIPLES};q=0.9")
        if media_type == RESULTS_JSON or media_type == "application/json":
            return ox.parse_query_results(data, ox.QueryResultsFormat.JSON)
        if media_type in (N_TRIPLES, "text/plain", "text/turtle"):
            # a CONSTRUCT/DESCRIBE answer: hand back a real QueryTriples, like the embedded store
            scratch = ox.Store()
            scratch.load(data, ox.RdfFormat.TURTLE if media_type == "text/turtle" else ox.RdfFormat.N_TRIPLES)
            return scratch.query("CONSTRUCT WHERE { ?s ?p ?o }")
        raise StoreError(f"{self.query_url}: unexpected answer of type {media_type}")

    def _update(self, sparql: str) -> None:
        self._post(self.update_url, {"update": sparql}, "*/*")

    def replace_graph(self, graph_iri: str, quads: Iterable[ox.Quad]) -> int:
        update, count = replace_graph_update(graph_iri, quads)
        self._update(update)
        return count

    def drop_graph(self, graph_iri: str) -> bool:
        if not self._has_graph(graph_iri):
            return False
        self._update(f"DROP GRAPH <{graph_iri}>")
        return True

    def _has_graph(self, graph_iri: str) -> bool:
        answer = self.query(f"ASK {{ GRAPH <{graph_iri}> {{ ?s ?p ?o }} }}", union_default_graph=False)
        return bool(answer)

    def _quads(self, graph_iri: str | None) -> list[ox.Quad]:
        where = f"GRAPH <{graph_iri}> {{ ?s ?p ?o }} BIND(<{graph_iri}> AS ?g)" if graph_iri else "GRAPH ?g { ?s ?p ?o }"
        rows = self.query(f"SELECT ?s ?p ?o ?g WHERE {{ {where} }}", union_default_graph=False)
        return [ox.Quad(r["s"], r["p"], r["o"], r["g"]) for r in rows]

    def dump(self, format, graph=None, output=None, *, void=False):
        if format not in FORMATS:
            raise StoreError(f"unknown format '{format}' (expected one of: {', '.join(FORMATS)})")
        if graph is not None and not self._has_graph(graph):
            raise StoreError(f"no graph <{graph}> in store {self.location}")
        if format == "jsonld":
            data = compact_jsonld(self.dump("nquads", graph=graph, void=void))
        else:
            quads = self._quads(graph)
            if graph is None and void:
                from kg.void import describe

                quads += describe(self)
            if format in DATASET_FORMATS:
                prefixes = vocab.PREFIXES if format == "trig" else None
                data = ox.serialize(quads, None, FORMATS[format], prefixes=prefixes)
            else:
                data = serialize_triples((q.triple for q in quads), format)
        if output is None:
            return data
        output.write(data)
        return None

    def close(self) -> None:
        pass  # nothing held between requests
