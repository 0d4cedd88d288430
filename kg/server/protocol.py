"""The SPARQL 1.1 Protocol at /sparql (also /sparql/, the path of the W3C test manifest).

- query: GET ?query=, POST application/x-www-form-urlencoded (query=...), POST
  application/sparql-query (the body is the query); `default-graph-uri` / `named-graph-uri`
  give the dataset and then replace the query's FROM / FROM NAMED.
- update: POST form (update=...) or application/sparql-update, with `using-graph-uri` /
  `using-named-graph-uri`; refused with 403 unless the server was started with
  --allow-updates, and with 401 without `Authorization: Bearer <KG_WRITE_TOKEN>`.
- a bare GET (no query) answers the service description (Turtle by default).

Extensions: `timeout=SECONDS` (lower the time limit, never raise it), `format=json|xml|csv|tsv|
turtle|ntriples|jsonld|rdfxml` (instead of an Accept header), `union-default-graph=true|false`
(the union of all named graphs as the default graph; the server's --union-default-graph sets
the default, on unless turned off). Every answer says `KG-Truncated: true|false` and
`KG-Row-Limit: N`.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl

import pyoxigraph as ox
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from kg.server import formats
from kg.server.errors import HttpError
from kg.server.safety import check_bearer, effective_timeout, read_body

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS_NS = "http://www.w3.org/ns/formats/"
_ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S*$")
POST_TYPES = "application/x-www-form-urlencoded, application/sparql-query or application/sparql-update"


def routes() -> list[Route]:
    return [
        Route("/sparql", sparql, methods=["GET", "POST"], name="sparql"),
        Route("/sparql/", sparql, methods=["GET", "POST"], name="sparql_slash"),
    ]


async def sparql(request: Request) -> Response:
    if request.method == "GET":
        params = multi(request.query_params.multi_items())
        if "update" in params:
            raise HttpError(400, "a SPARQL update must be sent with POST (form field 'update' or a body of type application/sparql-update)")
        if "query" not in params:
            return service_description(request)
        query = single(params, "query")
        limit = request.app.state.config.limits.max_body
        if len(query.encode("utf-8", "surrogatepass")) > limit:
            raise HttpError(414, f"the query is over this server's limit of {limit} bytes; POST a query of up to that size")
        return await run_query(request, query, params)

    media_type, options = content_type(request.headers.get("content-type"))
    charset = options.get("charset")
    if charset is not None and charset.lower() not in ("utf-8", "utf8"):
        raise HttpError(415, f"the body must be UTF-8 (charset={charset} given)")
    url_params = multi(request.query_params.multi_items())
    limits = request.app.state.config.limits
    if media_type == "application/x-www-form-urlencoded":
        text = decode(await read_body(request, limits.max_body))
        try:
            form = parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="strict")
        except (UnicodeDecodeError, ValueError):
            raise HttpError(400, "the form is not valid UTF-8 url-encoding") from None
        params = multi(url_params_items(url_params) + form)
        if "query" in params and "update" in params:
            raise HttpError(400, "give either a query or an update, not both")
        if "update" in params:
            return await run_update(request, single(params, "update"), params)
        if "query" in params:
            return await run_query(request, single(params, "query"), params)
        raise HttpError(400, "the form has neither a 'query' nor an 'update' field")
    if media_type == "application/sparql-query":
        if "query" in url_params:
            raise HttpError(400, "a direct POST carries the query in its body; remove the 'query' URL parameter")
        return await run_query(request, decode(await read_body(request, limits.max_body)), url_params)
    if media_type == "application/sparql-update":
        if "update" in url_params:
            raise HttpError(400, "a direct POST carries the update in its body; remove the 'update' URL parameter")
        return await run_update(request, decode(await read_body(request, limits.max_body)), url_params)
    if not media_type:
        raise HttpError(415, f"a POST to /sparql needs a Content-Type: {POST_TYPES}")
    raise HttpError(415, f"unsupported Content-Type {media_type!r} (expected {POST_TYPES})")


# --------------------------------------------------------------------------- query


async def run_query(request: Request, query: str, params: dict[str, list[str]]) -> Response:
    config = request.app.state.config
    if not query.strip():
        raise HttpError(400, "the query is empty")
    timeout = effective_timeout(optional(params, "timeout"), config.limits.timeout)
    default_graphs = iris(params, "default-graph-uri")
    named_graphs = iris(params, "named-graph-uri")
    results_format, graph_format = choose_formats(request, params)
    message = {
        "op": "query",
        "query": query,
        "default_graphs": default_graphs,
        "named_graphs": named_graphs,
        "union": boolean(params, "union-default-graph", config.union_default_graph),
        "base_iri": endpoint_iri(request),
        "results_format": results_format,
        "graph_format": graph_format,
        "max_rows": config.limits.max_rows,
        "limit": config.limits.timeout,
    }
    reply = await request.app.state.engine.query(message, timeout, request.is_disconnected)
    return answer(reply, config.limits.max_rows)


def answer(reply: dict, row_limit: int) -> Response:
    """A worker's reply as an HTTP response (or the HttpError it carries)."""
    if reply.get("status") != 200:
        raise HttpError(reply.get("status", 500), reply.get("message", "query failed"), reply.get("headers"))
    table = formats.GRAPH_FORMATS if reply["form"] == "graph" else formats.RESULT_FORMATS
    return Response(
        reply["body"],
        media_type=table[reply["format"]].content_type,
        headers=result_headers(reply, row_limit),
    )


def result_headers(reply: dict, row_limit: int) -> dict[str, str]:
    return {
        "KG-Truncated": "true" if reply.get("truncated") else "false",
        "KG-Row-Limit": str(row_limit),
        "KG-Rows": str(reply.get("count", 0)),
        "Vary": "Accept",
        "Cache-Control": "no-store",
    }


def choose_formats(request: Request, params: dict[str, list[str]]) -> tuple[str | None, str | None]:
    """(results format, graph format) from `format=` or the Accept header; 406 if neither fits."""
    wanted = optional(params, "format")
    if wanted:
        key = wanted.strip().lower()
        if key in formats.FORMAT_PARAM:
            return formats.FORMAT_PARAM[key]
        by_type = lambda table: next((f.name for f in table.values() if key in (f.media_type, *f.aliases)), None)
        chosen = (by_type(formats.RESULT_FORMATS), by_type(formats.GRAPH_FORMATS))
        if chosen == (None, None):
            names = ", ".join(formats.FORMAT_PARAM)
            raise HttpError(400, f"unknown format {wanted!r} (expected one of: {names}, or a media type)")
        return chosen
    accept = request.headers.get("accept")
    results = formats.negotiate(accept, formats.RESULT_FORMATS)
    graph = formats.negotiate(accept, formats.GRAPH_FORMATS)
    if results is None and graph is None:
        available = [f.media_type for f in (*formats.RESULT_FORMATS.values(), *formats.GRAPH_FORMATS.values())]
        raise HttpError(406, f"no acceptable format in Accept: {accept!r} (available: {', '.join(available)})")
    return (results.name if results else None, graph.name if graph else None)


# --------------------------------------------------------------------------- update


async def run_update(request: Request, update: str, params: dict[str, list[str]]) -> Response:
    config = request.app.state.config
    if not config.allow_updates:
        raise HttpError(
            403,
            "this server is read-only: SPARQL updates are refused "
            "(start it with --allow-updates and a token in KG_WRITE_TOKEN to accept them)",
        )
    check_bearer(request.headers.get("authorization"), config.token, "updates")
    if not update.strip():
        raise HttpError(400, "the update is empty")
    message = {
        "op": "update",
        "update": update,
        "using": iris(params, "using-graph-uri") or [],
        "using_named": iris(params, "using-named-graph-uri") or [],
        "base_iri": endpoint_iri(request),
    }
    timeout = effective_timeout(optional(params, "timeout"), config.limits.write_timeout)
    reply = await request.app.state.engine.write(message, timeout)
    if reply.get("status", 500) >= 400:
        raise HttpError(reply.get("status", 500), reply.get("message", "update failed"), reply.get("headers"))
    return Response(status_code=204)


# --------------------------------------------------------------------------- service description


def service_description(request: Request) -> Response:
    from kg.server import pages

    accept = request.headers.get("accept")
    if formats.accepts_html(accept, tuple(f.media_type for f in formats.GRAPH_FORMATS.values())):
        return pages.sparql_page(request)
    fmt = formats.negotiate(accept, formats.GRAPH_FORMATS)
    if fmt is None:
        fmt = formats.GRAPH_FORMATS["turtle"]
    return Response(
        formats.serialize_graph(fmt.name, description_triples(request), {"sd": SD, "formats": FORMATS_NS}),
        media_type=fmt.content_type,
        headers={"Vary": "Accept"},
    )


def description_triples(request: Request) -> list[ox.Triple]:
    config = request.app.state.config
    sd = lambda name: ox.NamedNode(SD + name)
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    comment = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#comment")
    service, dataset, default = ox.BlankNode("service"), ox.BlankNode("dataset"), ox.BlankNode("default")
    triples = [
        ox.Triple(service, rdf_type, sd("Service")),
        ox.Triple(service, sd("endpoint"), ox.NamedNode(endpoint_iri(request))),
        ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Query")),
        ox.Triple(service, sd("defaultEntailmentRegime"), ox.NamedNode("http://www.w3.org/ns/entailment/Simple")),
        ox.Triple(service, sd("defaultDataset"), dataset),
        ox.Triple(dataset, rdf_type, sd("Dataset")),
        ox.Triple(dataset, sd("defaultGraph"), default),
        ox.Triple(default, rdf_type, sd("Graph")),
        ox.Triple(
            service,
            comment,
            ox.Literal(
                f"Read-only unless started with --allow-updates. SERVICE and LOAD are refused. "
                f"Time limit {config.limits.timeout:g} s per query (timeout=SECONDS lowers it); "
                f"at most {config.limits.max_rows} rows per answer (KG-Truncated header); "
                f"request bodies up to {config.limits.max_body} bytes. Default graph: "
                + ("the union of all named graphs (union-default-graph=false for the store's own default graph)."
                   if config.union_default_graph else "the store's default graph (union-default-graph=true for the union)."),
                language="en",
            ),
        ),
    ]
    if config.allow_updates:
        triples.append(ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Update")))
    if config.union_default_graph:
        triples.append(ox.Triple(service, sd("feature"), sd("UnionDefaultGraph")))
    for name in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                 "Turtle", "N-Triples", "JSON-LD", "RDF_XML"):
        triples.append(ox.Triple(service, sd("resultFormat"), ox.NamedNode(FORMATS_NS + name)))
    return triples


# --------------------------------------------------------------------------- request helpers


def multi(items) -> dict[str, list[str]]:
    params: dict[str, list[str]] = {}
    for key, value in items:
        params.setdefault(key, []).append(value)
    return params


def url_params_items(params: dict[str, list[str]]) -> list[tuple[str, str]]:
    return [(k, v) for k, values in params.items() for v in values]


def single(params: dict[str, list[str]], name: str) -> str:
    values = params.get(name) or [""]
    if len(values) > 1:
        raise HttpError(400, f"'{name}' given {len(values)} times; give it once")
    return values[0]


def optional(params: dict[str, list[str]], name: str) -> str | None:
    return single(params, name) if name in params else None


def boolean(params: dict[str, list[str]], name: str, default: bool) -> bool:
    value = optional(params, name)
    if value is None:
        return default
    value = value.strip().lower()
    if value in ("", "true", "1", "yes", "on"):
        return True
    if value in ("false", "0", "no", "off"):
        return False
    raise HttpError(400, f"{name} must be true or false, got {value!r}")


def iris(params: dict[str, list[str]], name: str) -> list[str] | None:
    """The IRIs of a repeatable dataset parameter; None when it is absent."""
    if name not in params:
        return None
    out = []
    for value in params[name]:
        value = value.strip()
        try:
            if not _ABSOLUTE_IRI.match(value):
                raise ValueError
            ox.NamedNode(value)
        except ValueError:
            raise HttpError(400, f"{name} must be an absolute IRI, got {value!r}") from None
        out.append(value)
    return out


def content_type(header: str | None) -> tuple[str, dict[str, str]]:
    if not header:
        return "", {}
    media, *rest = header.split(";")
    options = {}
    for item in rest:
        key, _, value = item.partition("=")
        options[key.strip().lower()] = value.strip().strip('"')
    return media.strip().lower(), options


def decode(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as err:
        raise HttpError(400, f"the body is not valid UTF-8 (byte {err.start})") from None


def endpoint_iri(request: Request) -> str:
    return f"{request.url.scheme}://{request.url.netloc}/sparql"
