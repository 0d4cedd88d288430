"""A SPARQL 1.1 server behind the `GraphStore` interface, for `--store http://...`.

Two endpoint layouts are understood, chosen from the URL:
- a server root such as `http://host:7878` (Oxigraph server): queries at `/query`, updates at
  `/update`, the Graph Store Protocol at `/store`;
- a URL ending in `/sparql` (Virtuoso and most others): queries and updates both there, the
  Graph Store Protocol beside it at `/sparql-graph-crud` (Virtuoso's name).

Everything goes through the SPARQL 1.1 Protocol and the Graph Store Protocol, so the guarantees
of the embedded store carry over: `replace_graph` is ONE request, a Graph Store PUT of the
document's N-Triples, which the server applies as one operation. A server without a Graph Store
endpoint (404, 405 or 415 to the PUT) gets ONE update instead (`DROP SILENT GRAPH ; INSERT DATA`),
which cannot carry blank nodes on Virtuoso, hence the PUT first. Answers are parsed into the same
pyoxigraph objects the embedded store returns, so callers cannot tell the two apart.

Dialect differences met so far are handled here and listed in docs/remote-stores.md.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.parse
import urllib.request
from typing import Iterable

import pyoxigraph as ox

from kg import vocab
from kg.sparql_text import masked
from kg.store import (
    DATASET_FORMATS,
    FORMATS,
    GraphStore,
    StoreError,
    checked_quads,
    quads_by_graph,
    replace_graph_update,
    serialize_triples,
    sparql_syntax_error,
)

RESULTS_JSON = "application/sparql-results+json"
VIRTUOSO_ASK = "__ASK_RETVAL"
N_TRIPLES = "application/n-triples"
TIMEOUT_SECONDS = 300
# Virtuoso's own graphs, present in every new database; hidden from kg's view of the dataset
VIRTUOSO_SYSTEM_GRAPHS = (
    "http://www.openlinksw.com/schemas/virtrdf#",
    "http://www.w3.org/ns/ldp#",
    "http://localuriqaserver/sparql",
)
NO_DEFAULT_GRAPH = "urn:x-kg:no-default-graph"  # an empty graph standing for "no default graph"
_XSD_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"


def _virtuoso_results(data: bytes) -> bytes:
    """Virtuoso's JSON results made to read as the embedded store's: blank-node labels the parser
    accepts (it writes "nodeID://b10006") and booleans in canonical form (it writes "1" / "0")."""
    if b"nodeID://" not in data and _XSD_BOOLEAN.encode() not in data:
        return data
    results = json.loads(data)
    for row in results.get("results", {}).get("bindings", []):
        for term in row.values():
            if term.get("type") == "bnode":
                term["value"] = re.sub(r"[^A-Za-z0-9_]", "_", term["value"])
            elif term.get("datatype") == _XSD_BOOLEAN and term.get("value") in ("0", "1"):
                term["value"] = "true" if term["value"] == "1" else "false"
    return json.dumps(results).encode()


class _NoGraphStore(Exception):
    """The server has no Graph Store Protocol endpoint where we looked."""


class ServerUnreachable(StoreError):
    """The server did not answer at all (as opposed to answering with an error)."""


def is_remote(location: str) -> bool:
    return location.startswith(("http://", "https://"))


def bind_in_where(sparql: str, substitutions: dict[str, ox.Term]) -> str:
    """Pre-bind variables on a server: a VALUES block opening the WHERE group.

    The embedded store binds before evaluation; a VALUES block first in the WHERE group gives the
    same answers for our queries (its FILTERs see the binding, which a trailing VALUES would not).
    Terms are written in N-Triples syntax by pyoxigraph, never spliced from user text."""
    text = masked(sparql)
    where = re.search(r"(?i)\bWHERE\s*\{", text) or re.search(r"\{", text)
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
            self.graph_store_url: str | None = self.location + "-graph-crud"
        else:
            self.query_url = self.location + "/query"
            self.update_url = self.location + "/update"
            self.graph_store_url = self.location + "/store"
        self.server_software: str | None = None  # the Server header, read from the first answer

    @property
    def is_virtuoso(self) -> bool:
        if self.server_software is None:
            self._post(self.query_url, {"query": "ASK {}"}, RESULTS_JSON)
        return (self.server_software or "").startswith("Virtuoso")

    def _virtuoso_dataset(self, union: bool, own_dataset: bool) -> str:
        """Virtuoso pragmas for the queries that ask for the named graphs and NOT the union (kg's
        own: stats, export, VoID, graph metadata): Virtuoso's system graphs hidden, and an empty
        default graph, since Virtuoso's default graph is always the union of every graph.

        Not for other queries: on Virtuoso 7.2.5 the same pragmas make saved queries fail ("Stack
        Overflow in cost model") or return no rows (docs/remote-stores.md)."""
        if union or own_dataset:
            return ""
        pragmas = [f"define input:named-graph-exclude <{g}>" for g in VIRTUOSO_SYSTEM_GRAPHS]
        pragmas.append(f"define input:default-graph-uri <{NO_DEFAULT_GRAPH}>")
        return "\n".join(pragmas) + "\n"

    # ---------------------------------------------------------------- HTTP

    def _post(self, url: str, form: dict[str, str] | list[tuple[str, str]], accept: str) -> tuple[bytes, str]:
        body = urllib.parse.urlencode(form).encode()
        return self._send(urllib.request.Request(url, data=body, method="POST", headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": accept,
        }))

    def _put(self, url: str, body: bytes, media_type: str) -> None:
        self._send(urllib.request.Request(url, data=body, method="PUT", headers={"Content-Type": media_type}),
                   no_endpoint=(404, 405, 415))

    def _send(self, request: urllib.request.Request, no_endpoint: tuple[int, ...] = ()) -> tuple[bytes, str]:
        """The answer's body and media type; the server's errors as StoreError, ServerUnreachable
        when it does not answer, _NoGraphStore for the `no_endpoint` statuses."""
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
                self.server_software = response.headers.get("Server", "")
                return response.read(), response.headers.get_content_type()
        except urllib.error.HTTPError as err:
            if err.code in no_endpoint:
                raise _NoGraphStore() from None
            detail = " ".join(err.read().decode("utf-8", "replace").split())[:500]
            raise StoreError(f"{request.full_url}: HTTP {err.code}: {detail or err.reason}") from None
        except (urllib.error.URLError, OSError) as err:
            reason = getattr(err, "reason", err)
            raise ServerUnreachable(f"cannot reach SPARQL server {request.full_url} ({reason})") from None

    @staticmethod
    def _prologue(base_iri: str | None) -> str:
        """BASE (when given) and the usual PREFIX lines, before a user's query or update."""
        return (f"BASE <{base_iri}>\n" if base_iri else "") + vocab.sparql_prefixes()

    # ---------------------------------------------------------------- GraphStore

    def query(self, sparql, *, substitutions=None, union_default_graph=True,
              default_graphs: list[str] | None = None, named_graphs: list[str] | None = None,
              base_iri: str | None = None):
        """As the embedded store; `default_graphs` / `named_graphs` are the protocol's dataset
        (default-graph-uri, named-graph-uri), which replaces the query's FROM clauses."""
        from kg.server.safety import has_dataset_clause

        _check_syntax(sparql)
        body = bind_in_where(sparql, substitutions) if substitutions else sparql
        text = self._prologue(base_iri) + body
        protocol_dataset = default_graphs is not None or named_graphs is not None
        own_dataset = protocol_dataset or has_dataset_clause(sparql)
        if self.is_virtuoso:
            text = self._virtuoso_dataset(union_default_graph, own_dataset) + text
        form = [("query", text)]
        if protocol_dataset:
            form += [("default-graph-uri", g) for g in default_graphs or []]
            form += [("named-graph-uri", g) for g in named_graphs or []]
        elif union_default_graph and not own_dataset and not self.is_virtuoso:
            form.append(("union-default-graph", ""))  # Oxigraph server
        data, media_type = self._post(self.query_url, form, f"{RESULTS_JSON}, {N_TRIPLES};q=0.9")
        if media_type == RESULTS_JSON or media_type == "application/json":
            answer = ox.parse_query_results(_virtuoso_results(data) if self.is_virtuoso else data, ox.QueryResultsFormat.JSON)
            if isinstance(answer, ox.QuerySolutions) and [v.value for v in answer.variables] == [VIRTUOSO_ASK]:
                # Virtuoso answers ASK as a one-column table: one row holding 1 for true, none for false
                found = any(str(getattr(row[VIRTUOSO_ASK], "value", "0")) not in ("0", "false") for row in answer)
                return ox.parse_query_results(b'{"head":{},"boolean":%s}' % (b"true" if found else b"false"),
                                              ox.QueryResultsFormat.JSON)
            return answer
        if media_type in (N_TRIPLES, "text/plain", "text/turtle"):
            # a CONSTRUCT/DESCRIBE answer: hand back a real QueryTriples, like the embedded store
            scratch = ox.Store()
            scratch.load(data, ox.RdfFormat.TURTLE if media_type == "text/turtle" else ox.RdfFormat.N_TRIPLES)
            return scratch.query("CONSTRUCT WHERE { ?s ?p ?o }")
        raise StoreError(f"{self.query_url}: unexpected answer of type {media_type}")

    def _update(self, sparql: str) -> None:
        self._post(self.update_url, {"update": sparql}, "*/*")

    def update(self, sparql: str, *, base_iri: str | None = None) -> None:
        """A user's SPARQL Update (kg serve --allow-updates), with the usual prefixes; its syntax is
        checked here first so that an error names the user's line, not ours."""
        try:
            ox.Store().update(sparql, prefixes=vocab.PREFIXES, base_iri=base_iri)  # an empty scratch store
        except SyntaxError as err:
            raise sparql_syntax_error(err, "update", sparql if len(sparql) < 100_000 else None) from None
        except (RuntimeError, OSError, ValueError):
            pass  # valid syntax; what it does is the server's business
        self._update(self._prologue(base_iri) + sparql)

    def replace_graph(self, graph_iri: str, quads: Iterable[ox.Quad]) -> int:
        collected = checked_quads(ox.NamedNode(graph_iri), quads)
        if self.graph_store_url is not None:
            body = ox.serialize((q.triple for q in collected), None, ox.RdfFormat.N_TRIPLES)
            url = f"{self.graph_store_url}?{urllib.parse.urlencode({'graph': graph_iri})}"
            try:
                self._put(url, body, N_TRIPLES)
                return len(collected)
            except _NoGraphStore:
                self.graph_store_url = None  # this server has none: updates from now on
        update, count = replace_graph_update(graph_iri, collected)
        self._update(update)
        return count

    def drop_graph(self, graph_iri: str) -> bool:
        if not self.has_graph(graph_iri):
            return False
        self._update(f"DROP GRAPH <{graph_iri}>")
        return True

    def _quads(self, graph_iri: str | None) -> list[ox.Quad]:
        where = f"GRAPH <{graph_iri}> {{ ?s ?p ?o }} BIND(<{graph_iri}> AS ?g)" if graph_iri else "GRAPH ?g { ?s ?p ?o }"
        rows = self.query(f"SELECT ?s ?p ?o ?g WHERE {{ {where} }}", union_default_graph=False)
        return [ox.Quad(r["s"], r["p"], r["o"], r["g"]) for r in rows]

    def _graphs_for_jsonld(self, graph: str | None, void: bool):
        """One graph, or every graph (then the VoID description), each fetched when its turn comes."""
        if graph is not None:
            yield ox.NamedNode(graph), [q.triple for q in self._quads(graph)]
            return
        names = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g", union_default_graph=False)
        for name in [row["g"] for row in names]:
            yield name, [q.triple for q in self._quads(name.value)]
        if void:
            from kg.void import describe

            yield from quads_by_graph(describe(self))

    def dump(self, format, graph=None, output=None, *, void=False):
        if format not in FORMATS:
            raise StoreError(f"unknown format '{format}' (expected one of: {', '.join(FORMATS)})")
        if graph is not None and not self.has_graph(graph):
            raise StoreError(f"no graph <{graph}> in store {self.location}")
        if format == "jsonld":
            return self._dump_jsonld(graph, output, void)
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
