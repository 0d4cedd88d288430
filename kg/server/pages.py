"""HTML for people: the YASGUI page at /, a page per saved query with a form for its parameters,
and the entity pages (/id/...), which RDF clients get as Turtle, JSON-LD, N-Triples or RDF/XML.

YASGUI (@zazuko/yasgui from the npm registry) is installed at set-up by
`sh kg/server/static/install.sh` into kg/server/static/vendor/ (git-ignored) and served under
/static/. Without it, / says how to install it and offers a plain query form instead.

Every query goes through the server's engine (the worker processes, under the time limit and
row cap), never by opening the store here. Everything interpolated into HTML goes through
`html.escape`; JSON put into a <script> goes through `_script_json`.
"""

from __future__ import annotations

import asyncio
import json
import re
from html import escape
from pathlib import Path
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from kg import vocab
from kg.server import formats
from kg.server.errors import HttpError

STATIC = Path(__file__).parent / "static"
VENDOR = STATIC / "vendor"
INSTALL_HINT = "sh kg/server/static/install.sh"

STYLE = """<style>
body{font-family:system-ui,sans-serif;margin:2em;max-width:90em}
table{border-collapse:collapse;font-size:.9em}td,th{border:1px solid #ccc;padding:.25em .5em;vertical-align:top;text-align:left}
th{background:#f3f3f3}textarea{width:100%;font-family:monospace}.note{color:#666}
.error{color:#a00;font-weight:bold}form.params label{display:block;margin:.4em 0}form.params span.help{color:#666;font-size:.85em}
blockquote{margin:.2em 0;padding:.2em .6em;border-left:3px solid #ccc;background:#fafafa}
nav a{margin-right:1em}
</style>"""
NAV = '<nav><a href="/">SPARQL editor</a><a href="/queries/">saved queries</a><a href="/openapi.json">API</a></nav>'


def routes() -> list:
    return [
        Route("/", home, methods=["GET"], name="home"),
        Route("/queries/", query_index, methods=["GET"], name="query_index"),
        Route("/id/{path:path}", entity, methods=["GET", "HEAD"], name="entity"),
        Mount("/static", app=StaticFiles(directory=STATIC, check_dir=False), name="static"),
    ]


def html_routes() -> list:
    """Routes that must come before the API's: the browser view of /queries/{name}."""
    return [Route("/queries/{name}", saved_query, methods=["GET"], name="saved_query_page")]


def page(title: str, body: str, head: str = "") -> str:
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">{STYLE}{head}</head>'
            f"<body>{body}</body></html>")


def _script_json(value) -> str:
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def yasgui_installed() -> bool:
    return (VENDOR / "yasgui.min.js").is_file() and (VENDOR / "yasgui.min.css").is_file()


def _with_prefixes(text: str) -> str:
    """The saved query's text with PREFIX lines for the predeclared prefixes it uses (YASQE wants them)."""
    declared = {m.lower() for m in re.findall(r"(?im)^\s*PREFIX\s+([\w-]*):", text)}
    used = [p for p in vocab.PREFIXES if p not in declared and re.search(rf"(?<![\w<]){re.escape(p)}:", text)]
    return "".join(f"PREFIX {p}: <{vocab.PREFIXES[p]}>\n" for p in used) + text


# --------------------------------------------------------------------------- / (YASGUI)


async def home(request: Request) -> HTMLResponse:
    from kg.server.api import saved_queries

    good, _ = saved_queries(request.app.state.config.queries)
    items = "".join(
        f'<li><a href="/queries/{quote(q.name)}">{escape(q.name)}</a>: {escape(q.summary)}</li>' for q in good
    )
    tabs = [{"name": q.name, "query": _with_prefixes(q.text)} for q in good]
    listing = f"<h2>Saved queries (a page each, with a form)</h2><ul id='saved-queries'>{items}</ul>"
    if not yasgui_installed():
        body = (
            f"<h1>aiinfra-kg</h1>{NAV}"
            f'<p class="error" id="yasgui-missing">The SPARQL editor (YASGUI) is not installed on this server: '
            f"run <code>{escape(INSTALL_HINT)}</code> and reload. A plain form works meanwhile.</p>"
            + _plain_form() + listing
        )
        return HTMLResponse(page("aiinfra-kg", body))
    head = '<link rel="stylesheet" href="/static/vendor/yasgui.min.css">'
    body = (
        f"<h1>aiinfra-kg</h1>{NAV}"
        "<p class='note'>A SPARQL editor on <code>/sparql</code> (read-only; the union of all graphs is the "
        "default graph; prefixes ai:, rdfs:, prov:, oa:, dct:, skos:, … are predeclared). One tab per saved query. "
        "Entity IRIs under <code>/id/</code> open a page about the entity.</p>"
        '<div id="yasgui"></div>'
        f'<p class="error" id="yasgui-missing" hidden>The SPARQL editor did not load (run <code>{escape(INSTALL_HINT)}</code>).</p>'
        + listing
        + '<script src="/static/vendor/yasgui.min.js"></script>'
        + f'<script>window.KG_TABS = {_script_json(tabs)}; window.KG_BASE = {_script_json(vocab.base_iri() + "id/")};</script>'
        + '<script src="/static/home.js"></script>'
    )
    return HTMLResponse(page("aiinfra-kg", body, head))


def _plain_form() -> str:
    return (
        '<form method="get" action="/sparql"><textarea name="query" rows="12">'
        "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 10</textarea>"
        '<p><select name="format"><option>json</option><option>xml</option><option>csv</option>'
        "<option>tsv</option><option>turtle</option></select> <button>Run</button></p></form>"
    )


def sparql_page(request: Request) -> HTMLResponse:
    """What a browser gets on a bare GET of /sparql: the editor if installed, else a plain form."""
    editor = '<p><a href="/">Open the SPARQL editor</a></p>' if yasgui_installed() else ""
    body = (
        f"<h1>SPARQL</h1>{NAV}{editor}" + _plain_form()
        + '<p class="note">Prefixes ai:, rdfs:, prov:, oa:, dct:, skos:, … are predeclared. '
        "The service description is here as Turtle for RDF clients.</p>"
    )
    return HTMLResponse(page("SPARQL", body))


# --------------------------------------------------------------------------- saved queries


async def query_index(request: Request) -> HTMLResponse:
    from kg.server.api import saved_queries

    good, bad = saved_queries(request.app.state.config.queries)
    rows = "".join(
        f'<tr><td><a href="/queries/{quote(q.name)}">{escape(q.name)}</a></td><td>{escape(q.summary)}</td>'
        f"<td>{escape(', '.join(q.params))}</td></tr>" for q in good
    )
    broken = "".join(f"<li>{escape(b['name'])}: {escape(b['error'])}</li>" for b in bad)
    body = (f"<h1>Saved queries</h1>{NAV}<table><thead><tr><th>name</th><th>summary</th><th>parameters</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>" + (f"<h2>Unreadable</h2><ul>{broken}</ul>" if broken else "")
            + '<p class="note">As JSON: <a href="/queries">/queries</a>.</p>')
    return HTMLResponse(page("Saved queries", body))


def _wants_html(request: Request) -> bool:
    wanted = request.query_params.get("_format")
    if wanted is not None:
        return wanted.strip().lower() == "html"
    from kg.server.api import API_FORMATS

    others = tuple(f.media_type for f in API_FORMATS.values() if f.name != "html")
    return formats.accepts_html(request.headers.get("accept"), others)


INPUT_TYPES = {"integer": "number", "decimal": "number", "date": "date"}


def _param_input(p, value: str | None) -> str:
    name = escape(p.name)
    shown = value if value is not None else (p.default or "")
    if p.enum:
        options = "".join(
            f"<option{' selected' if e == shown else ''}>{escape(e)}</option>" for e in ("", *p.enum)
        )
        field = f'<select name="{name}" id="p-{name}">{options}</select>'
    else:
        kind = INPUT_TYPES.get(p.type, "text")
        step = ' step="any"' if p.type == "decimal" else ""
        field = f'<input type="{kind}"{step} name="{name}" id="p-{name}" value="{escape(shown)}">'
    required = " (required)" if p.required else ""
    return (f'<label for="p-{name}"><b>{name}</b> <i>{escape(p.type)}</i>{required}: {field} '
            f'<span class="help">{escape(p.description)}</span></label>')


def query_form(query, values: dict[str, str]) -> str:
    inputs = "".join(_param_input(p, values.get(p.name)) for p in query.params.values())
    return (f'<form class="params" method="get" action="/queries/{quote(query.name)}">'
            f'<input type="hidden" name="_format" value="html">{inputs}'
            '<p><button type="submit" id="run">Run</button></p></form>')


async def saved_query(request: Request) -> Response:
    """/queries/{name}: a browser gets the form and the answer's table; everyone else the API."""
    from kg.server import api
    from kg.queries import QueryError, get_query

    if not _wants_html(request):
        return await api.run_saved(request)
    config = request.app.state.config
    name = request.path_params["name"]
    try:
        query = get_query(name, config.queries)
    except QueryError as err:
        return HTMLResponse(page("not found", f"<h1>Not found</h1>{NAV}<p class='error'>{escape(str(err))}</p>"), 404)
    given = {k: v for k, v in request.query_params.multi_items() if not k.startswith("_")}
    values = {k: v for k, v in given.items() if v != ""}  # an empty field means "not given" (the default)
    head = (f"<h1>{escape(query.name)}</h1>{NAV}<p>{escape(query.summary)}</p>"
            f"<details><summary>description and SPARQL</summary><p>{escape(query.description)}</p>"
            f"<pre>{escape(query.text)}</pre></details>")
    form = query_form(query, values)
    unknown = [k for k in values if k not in query.params]
    repeated = sorted({k for k, _ in request.query_params.multi_items()
                       if len(request.query_params.getlist(k)) > 1})
    if repeated:
        message = f"parameter {', '.join(map(repr, repeated))} given more than once; give it once"
        return HTMLResponse(page(query.name, head + form + f"<p class='error'>{escape(message)}</p>"), 400)
    missing = [p.name for p in query.params.values() if p.required and p.name not in values and p.default is None]
    if unknown:
        message = f"query '{name}' has no parameter {', '.join(map(repr, unknown))}"
        return HTMLResponse(page(query.name, head + form + f"<p class='error'>{escape(message)}</p>"), 400)
    if missing:
        note = f"<p class='note'>Give {', '.join(missing)} and run.</p>"
        return HTMLResponse(page(query.name, head + form + note))
    message = {
        "op": "saved",
        "name": name,
        "params": values,
        "results_format": "json",
        "graph_format": "jsonld",
        "max_rows": config.limits.max_rows,
        "limit": config.limits.timeout,
    }
    reply = await request.app.state.engine.query(message, config.limits.timeout, request.is_disconnected)
    if reply.get("status") != 200:
        status = reply.get("status", 500)
        text = reply.get("message", "query failed")
        return HTMLResponse(page(query.name, head + form + f"<p class='error'>{escape(text)}</p>"), status,
                            headers=reply.get("headers"))
    from kg.server.protocol import result_headers

    result = api.api_result(query, reply, config.limits.max_rows)
    return HTMLResponse(page(query.name, head + form + result_html(result)),
                        headers=result_headers(reply, config.limits.max_rows))


def local_link(text: str) -> str:
    """Our entity IRIs point at this server's /id/ pages; others stay as they are."""
    base = vocab.base_iri() + "id/"
    return "/id/" + text[len(base):] if text.startswith(base) else text


def _cell(value) -> str:
    if value is None:
        return ""
    text = str(value)
    if text.startswith(("http://", "https://")):
        return f'<a href="{escape(local_link(text))}">{escape(text)}</a>'
    return escape(text)


def result_html(result: dict) -> str:
    if "boolean" in result:
        return f"<p class='answer'>{'true' if result['boolean'] else 'false'}</p>"
    if "rows" not in result:
        return f"<pre>{escape(json.dumps(result.get('graph'), ensure_ascii=False, indent=1))}</pre>"
    variables = result["variables"]
    rows = "".join("<tr>" + "".join(f"<td>{_cell(row.get(v))}</td>" for v in variables) + "</tr>" for row in result["rows"])
    note = f"{result['row_count']} row(s)" + (
        f"; truncated at the server's limit of {result['row_limit']} rows" if result.get("truncated") else ""
    )
    table = ("<div class='results'><table><thead><tr>" + "".join(f"<th>{escape(v)}</th>" for v in variables)
             + f"</tr></thead><tbody>{rows}</tbody></table></div>")
    return table + f"<p class='note'>{escape(note)}</p>"


def saved_query_html(query, result: dict) -> str:
    """A saved query's answer (the API's JSON result) as an HTML page: the form and the table."""
    values = {k: str(v) for k, v in result.get("parameters", {}).items() if v is not None}
    head = f"<h1>{escape(query.name)}</h1>{NAV}<p>{escape(query.summary)}</p>"
    return page(query.name, head + query_form(query, values) + result_html(result))


# --------------------------------------------------------------------------- /id/... entities

GRAPH_MEDIA = tuple(f.media_type for f in formats.GRAPH_FORMATS.values())
RDFS_LABEL = vocab.PREFIXES["rdfs"] + "label"
RDF_TYPE = vocab.PREFIXES["rdf"] + "type"
LONG = 600  # characters of a literal shown on an entity page (ai:content is a whole article)

FIGURES = """
SELECT ?figure ?role ?subject ?subject_label ?metric ?value ?lower ?upper ?unit ?approximate ?period ?doc ?title ?publisher ?issued ?lang ?exact WHERE {
  VALUES ?role { ai:subject ai:counterpart ai:facility ai:location ai:reportedBy }
  ?figure a ai:Figure ; ?role <IRI> .
  OPTIONAL { ?figure ai:subject ?subject . OPTIONAL { ?subject rdfs:label ?subject_label FILTER(LANGMATCHES(LANG(?subject_label), "en")) } }
  OPTIONAL { ?figure ai:metric ?m . OPTIONAL { ?m skos:notation ?metric } }
  OPTIONAL { ?figure ai:quantity ?q .
    OPTIONAL { ?q ai:value ?value } OPTIONAL { ?q ai:lowerBound ?lower } OPTIONAL { ?q ai:upperBound ?upper }
    OPTIONAL { ?q ai:unitCode ?unit } OPTIONAL { ?q ai:approximate ?approximate } }
  OPTIONAL { ?figure ai:period/rdfs:label ?period }
  OPTIONAL { ?figure prov:wasDerivedFrom ?src . OPTIONAL { ?src dct:identifier ?doc } OPTIONAL { ?src dct:title ?title }
             OPTIONAL { ?src dct:publisher ?publisher } OPTIONAL { ?src dct:issued ?issued } }
  OPTIONAL { ?figure ai:evidence ?ev . ?ev oa:hasSelector ?sel . ?sel a oa:TextQuoteSelector ; oa:exact ?exact .
             OPTIONAL { ?ev dct:language ?lang } }
}
ORDER BY ?metric ?figure ?exact
"""
OUTGOING = "SELECT DISTINCT ?p ?o ?o_label WHERE { <IRI> ?p ?o OPTIONAL { ?o rdfs:label ?o_label FILTER(LANGMATCHES(LANG(?o_label), 'en')) } } ORDER BY ?p ?o"
INCOMING = """SELECT DISTINCT ?s ?p ?s_label WHERE { ?s ?p <IRI> FILTER(?p NOT IN (ai:mentions))
  FILTER NOT EXISTS { ?s a ai:Figure } OPTIONAL { ?s rdfs:label ?s_label FILTER(LANGMATCHES(LANG(?s_label), 'en')) } } ORDER BY ?p ?s"""
SOURCES = """SELECT DISTINCT ?doc ?title ?publisher ?issued WHERE { ?src ai:mentions <IRI> ; dct:identifier ?doc .
  OPTIONAL { ?src dct:title ?title } OPTIONAL { ?src dct:publisher ?publisher } OPTIONAL { ?src dct:issued ?issued } } ORDER BY ?doc"""
RDF_VIEW = "CONSTRUCT { <IRI> ?p ?o . ?s ?q <IRI> } WHERE { { <IRI> ?p ?o } UNION { ?s ?q <IRI> FILTER(?q != ai:mentions) } }"


def _entity_iri(path: str) -> str:
    iri = vocab.base_iri() + "id/" + path
    if not path or re.search(r"[\s<>\"{}|\\^`]", iri):
        raise HttpError(400, f"not a valid entity IRI: {iri!r}")
    return iri


async def _run(request: Request, query: str, *, results_format: str = "json", graph_format: str | None = None) -> dict:
    config = request.app.state.config
    message = {
        "op": "query",
        "query": query,
        "default_graphs": None,
        "named_graphs": None,
        "union": True,
        "base_iri": None,
        "results_format": results_format,
        "graph_format": graph_format,
        "max_rows": config.limits.max_rows,
        "limit": config.limits.timeout,
    }
    reply = await request.app.state.engine.query(message, config.limits.timeout, request.is_disconnected)
    if reply.get("status") != 200:
        raise HttpError(reply.get("status", 500), reply.get("message", "query failed"), reply.get("headers"))
    return reply


def _bindings(reply: dict) -> list[dict]:
    return json.loads(reply["body"])["results"]["bindings"]


async def entity(request: Request) -> Response:
    iri = _entity_iri(request.path_params["path"])
    accept = request.headers.get("accept")
    wanted = request.query_params.get("format")
    html = wanted == "html" or (wanted is None and formats.accepts_html(accept, GRAPH_MEDIA))
    if not html:
        if wanted:
            fmt = formats.GRAPH_FORMATS.get(formats.FORMAT_PARAM.get(wanted.lower(), (None, None))[1] or "")
            if fmt is None:
                raise HttpError(400, f"unknown format {wanted!r} (expected html, turtle, ntriples, jsonld or rdfxml)")
        else:
            fmt = formats.negotiate(accept, formats.GRAPH_FORMATS)
            if fmt is None:
                raise HttpError(406, f"no acceptable format in Accept: {accept!r} (available: text/html, {', '.join(GRAPH_MEDIA)})")
        reply = await _run(request, RDF_VIEW.replace("IRI", iri), results_format=None, graph_format=fmt.name)
        if not reply.get("count"):
            raise HttpError(404, f"nothing is known about {iri}")
        return Response(reply["body"] if request.method == "GET" else b"", media_type=fmt.content_type,
                        headers={"Vary": "Accept", "Link": f'<{iri}>; rel="canonical"'})
    out, inc, figs, srcs = await asyncio.gather(
        *(_run(request, q.replace("IRI", iri)) for q in (OUTGOING, INCOMING, FIGURES, SOURCES))
    )
    outgoing, incoming, figures, sources = map(_bindings, (out, inc, figs, srcs))
    if not outgoing and not incoming:
        body = f"<h1>Not found</h1>{NAV}<p class='error'>nothing is known about {escape(iri)}</p>"
        return HTMLResponse(page("not found", body), 404)
    return HTMLResponse(entity_html(iri, outgoing, incoming, figures, sources), headers={"Vary": "Accept"})


def _short(iri: str) -> str:
    for prefix, ns in vocab.PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    ids = vocab.base_iri() + "id/"
    return iri[len(ids):] if iri.startswith(ids) else iri


def _term(binding: dict | None, label: dict | None = None) -> str:
    if binding is None:
        return ""
    value = binding["value"]
    if binding["type"] == "uri":
        shown = label["value"] if label else _short(value)
        return f'<a href="{escape(local_link(value))}" title="{escape(value)}">{escape(shown)}</a>'
    text = value if len(value) <= LONG else value[:LONG] + f"… ({len(value)} characters)"
    lang = binding.get("xml:lang")
    suffix = f' <span class="note">@{escape(lang)}</span>' if lang else ""
    return escape(text) + suffix


def entity_html(iri: str, outgoing: list[dict], incoming: list[dict], figures: list[dict], sources: list[dict]) -> str:
    labels = [b["o"] for b in outgoing if b["p"]["value"] == RDFS_LABEL]
    types = [b["o"]["value"] for b in outgoing if b["p"]["value"] == RDF_TYPE]
    english = next((l["value"] for l in labels if l.get("xml:lang", "").lower().startswith("en")), None)
    title = english or (labels[0]["value"] if labels else iri.rsplit("/", 1)[-1])
    label_list = "".join(
        f"<li lang='{escape(l.get('xml:lang', ''))}'>{escape(l['value'])} <span class='note'>{escape(l.get('xml:lang', ''))}</span></li>"
        for l in sorted(labels, key=lambda l: (l.get("xml:lang", ""), l["value"]))
    )
    type_list = ", ".join(f'<a href="{escape(local_link(t))}" title="{escape(t)}">{escape(_short(t))}</a>' for t in types)
    parts = [
        f"<h1>{escape(title)}</h1>{NAV}",
        f"<p><code>{escape(iri)}</code> · as <a href='?format=turtle'>Turtle</a>, <a href='?format=jsonld'>JSON-LD</a></p>",
        f"<p>type: {type_list or '<i>none stated</i>'}</p>",
        f"<h2>Labels</h2><ul class='labels'>{label_list or '<li><i>none</i></li>'}</ul>",
    ]
    if figures:
        grouped: dict[str, dict] = {}
        for b in figures:
            fig = grouped.setdefault(b["figure"]["value"], {"row": b, "quotes": []})
            if "exact" in b:
                quote_ = (b["exact"]["value"], b.get("lang", {}).get("value", ""))
                if quote_ not in fig["quotes"]:
                    fig["quotes"].append(quote_)
        rows = []
        for fig_iri, fig in grouped.items():
            b = fig["row"]
            amount = b.get("value", {}).get("value") or "–".join(
                x for x in (b.get("lower", {}).get("value"), b.get("upper", {}).get("value")) if x
            )
            approx = "≈ " if b.get("approximate", {}).get("value") in ("true", "1") else ""
            source = " · ".join(escape(b[k]["value"]) for k in ("doc", "publisher", "issued") if k in b)
            if "title" in b:
                source += f"<br><i>{escape(b['title']['value'])}</i>"
            quotes = "".join(f"<blockquote class='quote' lang='{escape(l)}'>{escape(q)}</blockquote>" for q, l in fig["quotes"])
            rows.append(
                f"<tr><td>{_term(b['figure'])}</td><td>{escape(_short(b['role']['value']))}</td>"
                f"<td>{_term(b.get('subject'), b.get('subject_label'))}</td>"
                f"<td>{escape(b.get('metric', {}).get('value', ''))}</td>"
                f"<td>{approx}{escape(amount)} {escape(b.get('unit', {}).get('value', ''))}</td>"
                f"<td>{escape(b.get('period', {}).get('value', ''))}</td><td>{source}</td><td>{quotes}</td></tr>"
            )
        parts.append(
            f"<h2>Figures ({len(grouped)})</h2><table class='figures'><thead><tr><th>figure</th><th>role</th><th>subject</th>"
            "<th>metric</th><th>amount</th><th>period</th><th>source</th><th>exact quote</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>"
        )
    others = [b for b in outgoing if b["p"]["value"] not in (RDFS_LABEL, RDF_TYPE)]
    if others:
        rows = "".join(f"<tr><td>{_term(b['p'])}</td><td>{_term(b['o'], b.get('o_label'))}</td></tr>" for b in others)
        parts.append(f"<h2>Properties and relations</h2><table class='relations'><tbody>{rows}</tbody></table>")
    if incoming:
        rows = "".join(f"<tr><td>{_term(b['s'], b.get('s_label'))}</td><td>{_term(b['p'])}</td></tr>" for b in incoming)
        parts.append(f"<h2>Pointing here</h2><table class='incoming'><tbody>{rows}</tbody></table>")
    if sources:
        items = "".join(
            f"<li>{' · '.join(escape(b[k]['value']) for k in ('doc', 'publisher', 'issued', 'title') if k in b)}</li>"
            for b in sources
        )
        parts.append(f"<h2>Documents that mention it</h2><ul class='sources'>{items}</ul>")
    return page(title, "".join(parts))

