"""The saved queries as a small HTTP API, and its OpenAPI description.

- `GET /queries`: every saved query with its header (summary, description, tags, typed
  parameters) and its SPARQL text.
- `GET /queries/{name}?param=value...`: run one; parameters come from the query string and are
  typed, validated and bound by kg.queries (never spliced into the text). `_format=json|csv|
  tsv|html|sparql-json|xml` or the Accept header chooses the answer; `_timeout=SECONDS` lowers
  the time limit. The JSON answer has `truncated` (and `row_limit`); every answer has the
  KG-Truncated header.
- `GET /openapi.json`: OpenAPI 3.1, one path per saved query, generated from the headers.

Control parameters start with an underscore so they cannot clash with a query's parameters.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from kg import __version__
from kg.queries import Param, QueryError, SavedQuery, get_query, parse_query_file
from kg.server import formats
from kg.server.errors import HttpError
from kg.server.protocol import multi, result_headers
from kg.server.safety import effective_timeout

XSD = "http://www.w3.org/2001/XMLSchema#"
INTEGER_TYPES = {XSD + t for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
                                   "nonPositiveInteger", "negativeInteger", "unsignedInt", "unsignedLong")}
API_FORMATS: dict[str, formats.Format] = {
    f.name: f
    for f in (
        formats.Format("json", "application/json"),
        formats.Format("csv", "text/csv", (), charset=True),
        formats.Format("html", "text/html", (), charset=True),
        formats.Format("tsv", "text/tab-separated-values", (), charset=True),
        formats.Format("sparql-json", "application/sparql-results+json"),
        formats.Format("xml", "application/sparql-results+xml"),
    )
}
# API format -> what the worker serialises (html and json are built here from SPARQL JSON)
WORKER_FORMAT = {"json": "json", "html": "json", "sparql-json": "json", "csv": "csv", "tsv": "tsv", "xml": "xml"}
CONTROL = ("_format", "_timeout", "_limit", "_offset")


def routes() -> list[Route]:
    return [
        Route("/queries", list_saved, methods=["GET"], name="queries"),
        Route("/queries/{name}", run_saved, methods=["GET"], name="query"),
        Route("/openapi.json", openapi, methods=["GET"], name="openapi"),
    ]


def _folder(request: Request) -> Path:
    return request.app.state.config.queries


def saved_queries(folder: Path) -> tuple[list[SavedQuery], list[dict]]:
    """The readable saved queries, and one error entry per file that is not."""
    good, bad = [], []
    for path in sorted(Path(folder).glob("*.rq")):
        try:
            good.append(parse_query_file(path))
        except QueryError as err:
            bad.append({"name": path.stem, "error": str(err)})
    return good, bad


def param_info(p: Param) -> dict:
    info = {"name": p.name, "type": p.type, "required": p.required, "default": p.default, "description": p.description}
    if p.enum:
        info["enum"] = list(p.enum)
    return info


def query_info(q: SavedQuery) -> dict:
    return {
        "name": q.name,
        "summary": q.summary,
        "description": q.description,
        "tags": list(q.tags),
        "parameters": [param_info(p) for p in q.params.values()],
        "url": f"/queries/{q.name}",
        "sparql": q.text,
    }


async def list_saved(request: Request) -> Response:
    good, bad = saved_queries(_folder(request))
    body = {"queries": [query_info(q) for q in good]}
    if bad:
        body["unreadable"] = bad
    return JSONResponse(body)


async def run_saved(request: Request) -> Response:
    config = request.app.state.config
    name = request.path_params["name"]
    try:
        query = get_query(name, _folder(request))
    except QueryError as err:
        raise HttpError(404, str(err)) from None
    params = multi(request.query_params.multi_items())
    control = {k: params.pop(k) for k in CONTROL if k in params}
    values = {}
    for key, given in params.items():
        if key not in query.params:
            known = ", ".join(query.params) or "none"
            raise HttpError(400, f"query '{name}' has no parameter '{key}' (parameters: {known})")
        if len(given) > 1:
            raise HttpError(400, f"parameter '{key}' given {len(given)} times; give it once")
        values[key] = given[0]
    for key, given in control.items():
        if len(given) > 1:
            raise HttpError(400, f"'{key}' given {len(given)} times; give it once")
    fmt = _api_format(request, (control.get("_format") or [None])[0])
    timeout = effective_timeout((control.get("_timeout") or [None])[0], config.limits.timeout)
    page = {key: _count((control.get(f"_{key}") or [None])[0], f"_{key}", 1 if key == "limit" else 0)
            for key in ("limit", "offset")}
    message = {
        "op": "saved",
        "name": name,
        "params": values,
        "page": page,
        "results_format": WORKER_FORMAT[fmt.name],
        "graph_format": "jsonld" if fmt.name in ("json", "sparql-json") else "turtle",
        "max_rows": config.limits.max_rows,
        "limit": config.limits.timeout,
    }
    reply = await request.app.state.engine.query(message, timeout, request.is_disconnected)
    if reply.get("status") != 200:
        raise HttpError(reply.get("status", 500), reply.get("message", "query failed"), reply.get("headers"))
    headers = result_headers(reply, config.limits.max_rows)
    if fmt.name in ("csv", "tsv", "sparql-json", "xml") or reply["form"] == "graph" and fmt.name != "json":
        media = (formats.GRAPH_FORMATS[reply["format"]] if reply["form"] == "graph" else fmt).content_type
        return Response(reply["body"], media_type=media, headers=headers)
    result = api_result(query, reply, config.limits.max_rows)
    if fmt.name == "html":
        from kg.server import pages

        return HTMLResponse(pages.saved_query_html(query, result), headers=headers)
    return Response(json.dumps(result, ensure_ascii=False, indent=1), media_type="application/json", headers=headers)


def _count(given: str | None, name: str, smallest: int) -> int | None:
    """A paging parameter: a whole number, at least `smallest`; None when not given."""
    if given is None:
        return None
    try:
        value = int(given)
    except ValueError:
        raise HttpError(400, f"'{name}' must be a whole number, got {given!r}") from None
    if value < smallest:
        raise HttpError(400, f"'{name}' must be at least {smallest}, got {value}")
    return value


def _api_format(request: Request, wanted: str | None) -> formats.Format:
    if wanted is not None:
        key = wanted.strip().lower()
        if key not in API_FORMATS:
            raise HttpError(400, f"unknown _format {wanted!r} (expected one of: {', '.join(API_FORMATS)})")
        return API_FORMATS[key]
    accept = request.headers.get("accept")
    chosen = formats.negotiate(accept, API_FORMATS)
    if chosen is None:
        raise HttpError(406, f"no acceptable format in Accept: {accept!r} (available: "
                             f"{', '.join(f.media_type for f in API_FORMATS.values())})")
    return chosen


def api_result(query: SavedQuery, reply: dict, row_limit: int) -> dict:
    """The API's JSON: plain values per row (numbers as numbers), plus the truncation flag."""
    data = json.loads(reply["body"])
    out = {"query": query.name, "parameters": reply.get("parameters", {})}
    if reply["form"] == "ask":
        out["boolean"] = data["boolean"]
        return out
    if reply["form"] == "graph":
        out["graph"] = data
    else:
        variables = data["head"]["vars"]
        out["variables"] = variables
        out["rows"] = [{v: plain(b[v]) if v in b else None for v in variables} for b in data["results"]["bindings"]]
    out["row_count"] = reply["count"]
    out["truncated"] = bool(reply["truncated"])
    out["row_limit"] = row_limit
    return out


def plain(binding: dict):
    """A SPARQL JSON binding as a plain JSON value: numbers and booleans typed, the rest text."""
    kind, value = binding["type"], binding["value"]
    if kind == "bnode":
        return f"_:{value}"
    if kind != "literal":
        return value if isinstance(value, str) else json.dumps(value)
    datatype = binding.get("datatype")
    try:
        if datatype in INTEGER_TYPES:
            return int(value)
        if datatype == XSD + "decimal":
            number = Decimal(value)
            return int(number) if number == number.to_integral_value() else float(number)
        if datatype in (XSD + "double", XSD + "float"):
            return float(value)
        if datatype == XSD + "boolean":
            return value in ("true", "1")
    except (ValueError, ArithmeticError):
        pass
    return value


# --------------------------------------------------------------------------- OpenAPI

PARAM_SCHEMAS = {
    "string": {"type": "string"},
    "integer": {"type": "integer"},
    "decimal": {"type": "number"},
    "date": {"type": "string", "format": "date"},
    "iri": {"type": "string", "format": "iri"},
    "entity": {"type": "string"},
}


def _param_schema(p: Param) -> dict:
    schema = dict(PARAM_SCHEMAS[p.type])
    if p.enum:
        schema["enum"] = list(p.enum)
    if p.default is not None:
        try:
            schema["default"] = {"integer": int, "decimal": float}.get(p.type, str)(p.default)
        except ValueError:
            schema["default"] = p.default
    return schema


def _param_description(p: Param) -> str:
    what = {
        "entity": "an entity: its label in any language (matched ignoring case) or its IRI",
        "iri": "an IRI, full or prefixed (e.g. ai:Firm)",
        "date": "a date, YYYY-MM-DD",
    }.get(p.type, "")
    return "; ".join(x for x in (p.description, what) if x) or p.name


def openapi_document(queries: list[SavedQuery], server_url: str, timeout_limit: float, max_rows: int) -> dict:
    error = {"$ref": "#/components/responses/Error"}
    paths: dict = {
        "/sparql": {
            "get": {
                "operationId": "sparql_query_get",
                "summary": "SPARQL 1.1 query (GET); without `query`, the service description",
                "tags": ["sparql"],
                "parameters": [
                    {"name": "query", "in": "query", "schema": {"type": "string"}, "description": "the SPARQL query"},
                    {"name": "default-graph-uri", "in": "query", "schema": {"type": "array", "items": {"type": "string"}},
                     "style": "form", "explode": True},
                    {"name": "named-graph-uri", "in": "query", "schema": {"type": "array", "items": {"type": "string"}},
                     "style": "form", "explode": True},
                    {"name": "timeout", "in": "query", "schema": {"type": "number", "exclusiveMinimum": 0, "maximum": timeout_limit},
                     "description": f"seconds; lowers the server's limit of {timeout_limit:g} s, never raises it"},
                    {"name": "format", "in": "query", "schema": {"type": "string", "enum": list(formats.FORMAT_PARAM)}},
                    {"name": "union-default-graph", "in": "query", "schema": {"type": "boolean"}},
                ],
                "responses": {
                    "200": {"description": "results (SPARQL JSON/XML/CSV/TSV) or a graph (Turtle, N-Triples, JSON-LD, RDF/XML)",
                            "headers": {"KG-Truncated": {"schema": {"type": "boolean"}}},
                            "content": {f.media_type: {"schema": {"type": "string"}}
                                        for f in (*formats.RESULT_FORMATS.values(), *formats.GRAPH_FORMATS.values())}},
                    "400": error, "406": error, "503": error,
                },
            },
            "post": {
                "operationId": "sparql_post",
                "summary": "SPARQL 1.1 query or update (POST, url-encoded or direct)",
                "tags": ["sparql"],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/x-www-form-urlencoded": {"schema": {"type": "object", "properties": {
                            "query": {"type": "string"}, "update": {"type": "string"}}}},
                        "application/sparql-query": {"schema": {"type": "string"}},
                        "application/sparql-update": {"schema": {"type": "string"}},
                    },
                },
                "responses": {
                    "200": {"description": "query results", "content": {"application/sparql-results+json": {"schema": {"type": "object"}}}},
                    "204": {"description": "update applied"},
                    "400": error, "401": error, "403": error, "413": error, "415": error, "503": error,
                },
            },
        },
        "/queries": {
            "get": {
                "operationId": "list_queries",
                "summary": "The saved queries with their parameters",
                "tags": ["saved queries"],
                "responses": {"200": {"description": "the list", "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/QueryList"}}}}},
            }
        },
    }
    for q in queries:
        parameters = [
            {
                "name": p.name,
                "in": "query",
                "required": p.required,
                "description": _param_description(p),
                "schema": _param_schema(p),
            }
            for p in q.params.values()
        ]
        parameters += [
            {"name": "_format", "in": "query", "description": "answer format (default: by Accept, else json)",
             "schema": {"type": "string", "enum": list(API_FORMATS)}},
            {"name": "_timeout", "in": "query", "description": f"seconds; at most {timeout_limit:g}",
             "schema": {"type": "number", "exclusiveMinimum": 0, "maximum": timeout_limit}},
            {"name": "_limit", "in": "query", "description": "at most this many rows, in the query's order (a page)",
             "schema": {"type": "integer", "minimum": 1}},
            {"name": "_offset", "in": "query", "description": "skip this many rows first (with _limit: the next page)",
             "schema": {"type": "integer", "minimum": 0}},
        ]
        paths[f"/queries/{q.name}"] = {
            "get": {
                "operationId": f"query_{q.name}",
                "summary": q.summary or q.name,
                "description": q.description,
                "tags": ["saved queries", *q.tags],
                "parameters": parameters,
                "responses": {
                    "200": {
                        "description": f"the rows (at most {max_rows}; `truncated` says when there were more)",
                        "headers": {"KG-Truncated": {"schema": {"type": "boolean"}}},
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/QueryResult"}},
                            "text/csv": {"schema": {"type": "string"}},
                            "text/html": {"schema": {"type": "string"}},
                            "application/sparql-results+json": {"schema": {"type": "object"}},
                        },
                    },
                    "400": error, "404": error, "503": error,
                },
            }
        }
    paths["/openapi.json"] = {"get": {"operationId": "openapi", "summary": "This description", "tags": ["meta"],
                                      "responses": {"200": {"description": "OpenAPI 3.1",
                                                            "content": {"application/json": {"schema": {"type": "object"}}}}}}}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "aiinfra-kg: SPARQL endpoint and saved queries",
            "version": __version__,
            "description": "A knowledge graph of AI-infrastructure investment. Read-only by default; "
                           f"time limit {timeout_limit:g} s per query; at most {max_rows} rows per answer.",
        },
        "servers": [{"url": server_url}],
        "paths": paths,
        "components": {
            "schemas": {
                "Error": {"type": "object", "required": ["error", "status"],
                          "properties": {"error": {"type": "string"}, "status": {"type": "integer"}}},
                "Parameter": {"type": "object", "properties": {
                    "name": {"type": "string"}, "type": {"type": "string", "enum": list(PARAM_SCHEMAS)},
                    "required": {"type": "boolean"}, "default": {"type": ["string", "null"]},
                    "description": {"type": "string"}, "enum": {"type": "array", "items": {"type": "string"}}}},
                "QueryInfo": {"type": "object", "properties": {
                    "name": {"type": "string"}, "summary": {"type": "string"}, "description": {"type": "string"},
                    "tags": {"type": "array", "items": {"type": "string"}},
                    "parameters": {"type": "array", "items": {"$ref": "#/components/schemas/Parameter"}},
                    "url": {"type": "string"}, "sparql": {"type": "string"}}},
                "QueryList": {"type": "object", "properties": {
                    "queries": {"type": "array", "items": {"$ref": "#/components/schemas/QueryInfo"}}}},
                "QueryResult": {
                    "type": "object",
                    "required": ["query", "parameters"],
                    "properties": {
                        "query": {"type": "string"},
                        "parameters": {"type": "object", "additionalProperties": {"type": ["string", "null"]}},
                        "variables": {"type": "array", "items": {"type": "string"}},
                        "rows": {"type": "array", "items": {"type": "object"}},
                        "boolean": {"type": "boolean"},
                        "row_count": {"type": "integer"},
                        "truncated": {"type": "boolean"},
                        "row_limit": {"type": "integer"},
                    },
                },
            },
            "responses": {
                "Error": {"description": "a readable one-line message",
                          "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}},
                                      "text/plain": {"schema": {"type": "string"}}}},
            },
        },
    }


async def openapi(request: Request) -> Response:
    config = request.app.state.config
    good, _ = saved_queries(_folder(request))
    base = f"{request.url.scheme}://{request.url.netloc}"
    return JSONResponse(openapi_document(good, base, config.limits.timeout, config.limits.max_rows))
