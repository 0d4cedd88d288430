"""Loads through the server: the SPARQL 1.1 Graph Store Protocol's writes at /store.

`PUT /store?graph=IRI` replaces one named graph with the triples of the body (N-Triples,
Turtle, RDF/XML or JSON-LD), in one transaction; `DELETE /store?graph=IRI` drops it. This is
what `kg load --server URL` sends (kg/server/client.py), one document graph per request, so a
load never needs the store directory the server owns, and queries keep running meanwhile
(each write publishes a new snapshot; see worker.py).

Writes need the server's write option (--allow-updates) and the bearer token, like SPARQL
Update; `HEAD /store` answers 204 when the token given would be accepted (the loader asks
before it extracts anything). Reading a graph goes through /sparql (CONSTRUCT or GRAPH patterns), where the time
limit and the row cap apply.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from kg.server.errors import HttpError
from kg.server.protocol import content_type, iris, multi
from kg.server.safety import check_bearer, effective_timeout, read_body

# media type -> (kg.server.formats name, what to call it in a message)
UPLOAD_FORMATS = {
    "application/n-triples": ("ntriples", "N-Triples"),
    "text/plain": ("ntriples", "N-Triples"),
    "text/turtle": ("turtle", "Turtle"),
    "application/x-turtle": ("turtle", "Turtle"),
    "application/rdf+xml": ("rdfxml", "RDF/XML"),
    "application/ld+json": ("jsonld", "JSON-LD"),
}


def routes() -> list[Route]:
    return [Route("/store", graph_store, methods=["GET", "PUT", "DELETE", "POST"], name="store")]


async def graph_store(request: Request) -> Response:
    config = request.app.state.config
    if request.method == "HEAD":  # "may I write?": 204 with a good token, else 401 / 403
        if not config.allow_updates:
            raise HttpError(403, "this server is read-only")
        check_bearer(request.headers.get("authorization"), config.token, "graph uploads")
        return Response(status_code=204)
    if request.method == "GET":
        raise HttpError(405, "read graphs with a query at /sparql (e.g. CONSTRUCT WHERE { GRAPH <g> { ?s ?p ?o } })",
                        {"Allow": "PUT, DELETE"})
    if request.method == "POST":
        raise HttpError(405, "this store takes whole graphs: PUT /store?graph=IRI replaces one", {"Allow": "PUT, DELETE"})
    if not config.allow_updates:
        raise HttpError(403, "this server is read-only: graph uploads are refused (start it with --allow-updates and a token in KG_WRITE_TOKEN)")
    check_bearer(request.headers.get("authorization"), config.token, "graph uploads")
    params = multi(request.query_params.multi_items())
    if "default" in params:
        raise HttpError(400, "this server keeps data in named graphs: give ?graph=IRI, not ?default")
    graphs = iris(params, "graph") or []
    if len(graphs) != 1:
        raise HttpError(400, "give exactly one graph: ?graph=IRI")
    timeout = effective_timeout(params.get("timeout", [None])[0], config.limits.write_timeout)
    engine = request.app.state.engine
    if request.method == "DELETE":
        reply = await engine.write({"op": "delete", "graph": graphs[0]}, timeout)
    else:
        media, options = content_type(request.headers.get("content-type"))
        if media not in UPLOAD_FORMATS:
            raise HttpError(415, f"unsupported Content-Type {media or '(none)'!r} (expected one of: {', '.join(UPLOAD_FORMATS)})")
        charset = options.get("charset")
        if charset is not None and charset.lower() not in ("utf-8", "utf8"):
            raise HttpError(415, f"the body must be UTF-8 (charset={charset} given)")
        data = await read_body(request, config.limits.max_upload)
        rdf_format, name = UPLOAD_FORMATS[media]
        reply = await engine.write(
            {"op": "put", "graph": graphs[0], "data": data, "format": rdf_format, "format_name": name}, timeout
        )
    status = reply.get("status", 500)
    if status >= 400:
        raise HttpError(status, reply.get("message", "write failed"), reply.get("headers"))
    headers = {"KG-Triples": str(reply["count"])} if "count" in reply else {}
    return Response(status_code=status, headers=headers)
