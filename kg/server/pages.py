"""HTML for people. For now: a placeholder home page, a plain query form on a browser's bare
GET of /sparql, and the table of a saved query's answer (/queries/{name}?_format=html).

The YASGUI page and the entity pages (/id/...) come later and plug in here: add their routes
to `routes()` (app.py mounts whatever it returns, after the protocol and API routes) and
replace `sparql_page` / `home` as needed. Everything interpolated into HTML goes through
`html.escape`.
"""

from __future__ import annotations

from html import escape

from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route

STYLE = """<style>
body{font-family:system-ui,sans-serif;margin:2em;max-width:80em}
table{border-collapse:collapse;font-size:.9em}td,th{border:1px solid #ccc;padding:.25em .5em;vertical-align:top;text-align:left}
th{background:#f3f3f3}textarea{width:100%;font-family:monospace}.note{color:#666}
</style>"""


def routes() -> list[Route]:
    return [Route("/", home, methods=["GET"], name="home")]


def page(title: str, body: str) -> str:
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">{STYLE}</head>'
            f"<body>{body}</body></html>")


async def home(request: Request) -> HTMLResponse:
    from kg.server.api import saved_queries

    good, _ = saved_queries(request.app.state.config.queries)
    items = "".join(
        f'<li><a href="/queries/{escape(q.name)}?_format=html">{escape(q.name)}</a>: {escape(q.summary)}</li>'
        for q in good
    )
    body = (
        "<h1>aiinfra-kg</h1><p>A knowledge graph of AI-infrastructure investment.</p>"
        '<ul><li><a href="/sparql">/sparql</a>: the SPARQL 1.1 endpoint</li>'
        '<li><a href="/queries">/queries</a>: the saved queries (JSON)</li>'
        '<li><a href="/openapi.json">/openapi.json</a>: the API description</li></ul>'
        f"<h2>Saved queries</h2><ul>{items}</ul>"
    )
    return HTMLResponse(page("aiinfra-kg", body))


def sparql_page(request: Request) -> HTMLResponse:
    """What a browser gets on a bare GET of /sparql: a plain form (YASGUI comes later)."""
    body = (
        "<h1>SPARQL</h1>"
        '<form method="get" action="/sparql"><textarea name="query" rows="12">'
        "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 10</textarea>"
        '<p><select name="format"><option>json</option><option>xml</option><option>csv</option>'
        "<option>tsv</option><option>turtle</option></select> <button>Run</button></p></form>"
        '<p class="note">Prefixes ai:, rdfs:, prov:, oa:, dct:, skos:, … are predeclared. '
        "The service description is here as Turtle for RDF clients.</p>"
    )
    return HTMLResponse(page("SPARQL", body))


def _cell(value) -> str:
    if value is None:
        return ""
    text = str(value)
    if text.startswith(("http://", "https://")):
        return f'<a href="{escape(text)}">{escape(text)}</a>'
    return escape(text)


def saved_query_html(query, result: dict) -> str:
    """A saved query's answer (the API's JSON result) as an HTML table."""
    params = ", ".join(f"{escape(k)} = {escape(str(v))}" for k, v in result.get("parameters", {}).items() if v is not None)
    head = (f"<h1>{escape(query.name)}</h1><p>{escape(query.summary)}</p>"
            + (f"<p class='note'>parameters: {params}</p>" if params else ""))
    if "boolean" in result:
        return page(query.name, head + f"<p>{'true' if result['boolean'] else 'false'}</p>")
    if "rows" not in result:
        return page(query.name, head + f"<pre>{escape(str(result.get('graph')))}</pre>")
    variables = result["variables"]
    rows = "".join("<tr>" + "".join(f"<td>{_cell(row.get(v))}</td>" for v in variables) + "</tr>" for row in result["rows"])
    note = f"{result['row_count']} row(s)" + (
        f"; truncated at the server's limit of {result['row_limit']} rows" if result.get("truncated") else ""
    )
    table = "<table><thead><tr>" + "".join(f"<th>{escape(v)}</th>" for v in variables) + f"</tr></thead><tbody>{rows}</tbody></table>"
    return page(query.name, head + table + f"<p class='note'>{escape(note)}</p>")
