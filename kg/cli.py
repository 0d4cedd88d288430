"""`kg`: the command line. Thin: parse arguments, call the stage, print.

Every failure the user can cause ends as ONE line on stderr and exit code 1 (2 for a usage
error), never a traceback: errors are caught here, at the edge, and nowhere deeper.
Set KG_DEBUG=1 to see the traceback of an unexpected error.
"""

from __future__ import annotations

import functools
import os
import sys
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from kg import vocab
from kg.documents import DocumentError
from kg.queries import QueryError
from kg.store import GraphStore, StoreError, open_store, serialize_triples


class _KgApp(typer.Typer):
    """Runs the commands with one-line errors, also for usage errors and unexpected failures."""

    def __call__(self, *args, **kwargs):
        command = typer.main.get_command(self)
        try:
            code = command.main(prog_name="kg", standalone_mode=False)
        except typer.TyperException as err:  # click's usage errors: bad option, missing argument
            if type(err).__name__ == "NoArgsIsHelpError":
                help_text = err.format_message()
                if help_text:
                    typer.echo(help_text)
                sys.exit(2)
            ctx = getattr(err, "ctx", None)
            hint = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
            _error_line(f"{err.format_message()}{hint}")
            sys.exit(getattr(err, "exit_code", 2))
        except (typer.Abort, KeyboardInterrupt):
            _error_line("interrupted")
            sys.exit(130)
        except BrokenPipeError:  # `kg ... | head`: the reader left, not an error of ours
            sys.stderr = open(os.devnull, "w")
            sys.exit(0)
        except Exception as err:  # noqa: BLE001 - a bug: still one line unless debugging
            if os.environ.get("KG_DEBUG"):
                raise
            _error_line(f"internal error: {type(err).__name__}: {err} (set KG_DEBUG=1 for a traceback)")
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


app = _KgApp(
    name="kg",
    help="A knowledge graph of AI-infrastructure investment: load articles, query, export, check.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
query_app = typer.Typer(help="Saved SPARQL queries (queries/*.rq).", no_args_is_help=True)
app.add_typer(query_app, name="query")

StoreOption = Annotated[
    Optional[str],
    typer.Option(
        "--store",
        envvar="KG_STORE",
        help="Store directory (default: .kg/store), or the URL of a SPARQL 1.1 server.",
        show_default=False,
    ),
]


@dataclass
class _Settings:
    store: str | None = None
    queries: Path | None = None


@app.callback()
def _main(
    ctx: typer.Context,
    store: StoreOption = None,
    queries: Annotated[
        Optional[Path], typer.Option("--queries", envvar="KG_QUERIES", help="Saved-query folder.", hidden=True)
    ] = None,
) -> None:
    ctx.obj = _Settings(store=store, queries=queries)


# --------------------------------------------------------------------------- helpers


def _error_line(message: str) -> None:
    typer.echo(f"kg: error: {' '.join(str(message).split())}", err=True)


def _one_line_errors(command):
    """Known errors become one stderr line and exit 1, here rather than in every command."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except (DocumentError, StoreError, QueryError) as err:
            _error_line(str(err))
            raise typer.Exit(1) from None

    return wrapper


def _settings(ctx: typer.Context) -> _Settings:
    root = ctx.find_root()
    return root.obj if isinstance(root.obj, _Settings) else _Settings()


def _open(ctx: typer.Context, store: str | None, *, create: bool = False) -> GraphStore:
    """The command's --store, else the global one (both read KG_STORE), else .kg/store."""
    opened = open_store(store or _settings(ctx).store, create=create)
    repaired = getattr(opened, "repaired", [])
    if repaired:
        typer.echo(f"kg: store {opened.location}: removed {len(repaired)} document graph(s) that an interrupted "
                   "load left unfinished; kg load loads them again", err=True)
    return opened


def _queries_dir(ctx: typer.Context) -> Path:
    return _settings(ctx).queries or vocab.QUERIES_DIR


def _usage_error(message: str, param: str) -> typer.BadParameter:
    return typer.BadParameter(message, param_hint=param)


class ResultFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    tsv = "tsv"


class SparqlFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    tsv = "tsv"
    turtle = "turtle"
    ntriples = "ntriples"


class ExportFormat(str, Enum):
    trig = "trig"
    nquads = "nquads"
    jsonld = "jsonld"
    turtle = "turtle"
    ntriples = "ntriples"
    rdfxml = "rdfxml"


def _print_result(result, fmt: str) -> None:
    from kg import queries

    if fmt == "table":
        from rich.console import Console

        Console().print(queries.to_table(result))
    else:
        sys.stdout.write(queries.format_result(result, fmt))


# --------------------------------------------------------------------------- load


@app.command()
@_one_line_errors
def load(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (*.txt, *.md; sources.yaml read per folder).")],
    force: Annotated[bool, typer.Option("--force", help="Reload files even when unchanged.")] = False,
    server: Annotated[
        Optional[str],
        typer.Option("--server", help="Load through a running 'kg serve --allow-updates' at this URL (token in KG_WRITE_TOKEN)."),
    ] = None,
    jobs: Annotated[
        int,
        typer.Option("--jobs", "-j", min=0, help="Worker processes for extraction (0: one per core; 1: none)."),
    ] = 0,
    store: StoreOption = None,
) -> None:
    """Load articles: each file becomes one named graph, replaced atomically."""
    from kg.documents import iter_paths
    from kg.loader import load_paths
    from kg.pool import default_jobs

    iter_paths(paths)  # a mistyped path fails here, before the store is opened or created
    if server is not None:
        from kg.server.client import RemoteStore

        if not os.environ.get("KG_WRITE_TOKEN"):
            raise StoreError("loading through a server needs its write token in KG_WRITE_TOKEN")
        target: GraphStore = RemoteStore(server, token=os.environ["KG_WRITE_TOKEN"])
        target.check_write_access()
    else:
        target = _open(ctx, store, create=True)
    with target as kg:
        report = load_paths(kg, paths, progress=True, force=force, jobs=jobs or default_jobs())
    for doc in report.loaded:
        typer.echo(f"loaded     {doc.doc_id}  ({doc.figures} figures, {doc.quads} quads)")
    for doc in report.unchanged:
        typer.echo(f"unchanged  {doc.doc_id}")
    for refused in report.refused:
        typer.echo(f"kg: refused: {' '.join(refused.reason.split())}", err=True)
    for warning in report.warnings:
        typer.echo(f"kg: warning: {warning}", err=True)
    if report.ontology == "missing":
        typer.echo(f"kg: warning: no ontology file at {vocab.ONTOLOGY_FILE}", err=True)
    typer.echo(
        f"{len(report.loaded)} loaded, {len(report.unchanged)} unchanged, {len(report.refused)} refused; "
        f"{report.figures} figures, {report.quads} quads written; ontology {report.ontology}; "
        f"entity table {report.entity_table}"
    )
    if not report.ok:
        raise typer.Exit(1)


# --------------------------------------------------------------------------- saved queries


@query_app.command("list")
@_one_line_errors
def query_list(ctx: typer.Context) -> None:
    """List the saved queries with their parameters."""
    from rich.console import Console
    from rich.table import Table

    from kg.queries import list_queries

    table = Table("name", "summary", "parameters", "tags")
    for q in list_queries(_queries_dir(ctx)):
        params = ", ".join(
            f"{p.name}:{p.type}" + ("!" if p.required else f"={p.default if p.default is not None else '(any)'}")
            for p in q.params.values()
        )
        table.add_row(q.name, q.summary, params, ", ".join(q.tags))
    Console().print(table)


@query_app.command("show")
@_one_line_errors
def query_show(ctx: typer.Context, name: Annotated[str, typer.Argument(help="Query name (file stem).")]) -> None:
    """Show a saved query: what it answers, its parameters, its SPARQL."""
    from kg.queries import get_query

    q = get_query(name, _queries_dir(ctx))
    typer.echo(f"{q.name}: {q.summary}")
    if q.description:
        typer.echo(q.description)
    if q.tags:
        typer.echo(f"tags: {', '.join(q.tags)}")
    for p in q.params.values():
        default = "required" if p.required else f"default {p.default if p.default is not None else '(any)'}"
        enum = f"; one of {', '.join(p.enum)}" if p.enum else ""
        typer.echo(f"  -p {p.name}=<{p.type}>  ({default}{enum})  {p.description}".rstrip())
    typer.echo(f"file: {q.path}\n")
    typer.echo(q.text.rstrip())


@query_app.command("run")
@_one_line_errors
def query_run(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Query name (file stem).")],
    param: Annotated[Optional[list[str]], typer.Option("-p", "--param", help="key=value, repeatable.")] = None,
    format: Annotated[ResultFormat, typer.Option("--format", "-F", help="Output format.")] = ResultFormat.table,
    limit: Annotated[Optional[int], typer.Option("--limit", min=1, help="At most this many rows (a page).")] = None,
    offset: Annotated[int, typer.Option("--offset", min=0, help="Skip this many rows first (with --limit: the next page).")] = 0,
    store: StoreOption = None,
) -> None:
    """Run a saved query; parameters are typed and bound, never pasted into the text."""
    from kg.queries import get_query, run_saved

    values: dict[str, str] = {}
    for item in param or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise _usage_error(f"expected key=value, got {item!r}", "-p")
        if key.strip() in values:
            raise _usage_error(f"parameter '{key.strip()}' given twice", "-p")
        values[key.strip()] = value
    query = get_query(name, _queries_dir(ctx))  # an unknown name fails before the store is opened
    with _open(ctx, store) as kg:
        result = run_saved(kg, query, values, limit=limit, offset=offset)
        _print_result(result, format.value)


# --------------------------------------------------------------------------- ad-hoc SPARQL


@app.command()
@_one_line_errors
def sparql(
    ctx: typer.Context,
    query: Annotated[Optional[str], typer.Argument(help="SPARQL query text.")] = None,
    file: Annotated[Optional[Path], typer.Option("-f", "--file", help="Read the query from a file.")] = None,
    format: Annotated[SparqlFormat, typer.Option("--format", "-F", help="Output format.")] = SparqlFormat.table,
    store: StoreOption = None,
) -> None:
    """Run a SPARQL query over the union of all graphs (GRAPH ?g names the document)."""
    from kg.queries import execute

    if (query is None) == (file is None):
        raise _usage_error("give either a QUERY or -f FILE", "QUERY / -f")
    where = None
    if file is not None:
        where = str(file)
        try:
            query = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise StoreError(f"{file}: cannot read query file ({getattr(err, 'strerror', None) or err})") from None
    with _open(ctx, store) as kg:
        try:
            result = execute(kg, query)
        except StoreError as err:
            raise StoreError(f"{where}: {err}" if where else str(err)) from None
        if format.value in ("turtle", "ntriples"):
            if result.triples is None:
                raise QueryError(f"--format {format.value} needs a CONSTRUCT or DESCRIBE query")
            sys.stdout.buffer.write(serialize_triples(result.triples, format.value))
            sys.stdout.flush()
            return
        _print_result(result, format.value)


# --------------------------------------------------------------------------- serve


@app.command()
@_one_line_errors
def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port (0: any free port; the address is printed).")] = 7878,
    workers: Annotated[int, typer.Option("--workers", help="Query worker processes (queries at once).")] = 2,
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds a query may run; clients may ask for less.")] = 10.0,
    write_timeout: Annotated[float, typer.Option("--write-timeout", help="Seconds an update or graph upload may run.")] = 120.0,
    max_rows: Annotated[int, typer.Option("--max-rows", help="Rows per answer; more are cut and flagged as truncated.")] = 10_000,
    max_body: Annotated[int, typer.Option("--max-body", help="Bytes of a query request body.")] = 1_000_000,
    max_upload: Annotated[int, typer.Option("--max-upload", help="Bytes of one graph upload (kg load --server).")] = 64_000_000,
    union_default_graph: Annotated[
        bool,
        typer.Option("--union-default-graph/--no-union-default-graph", help="Default graph = union of all graphs (clients may override)."),
    ] = True,
    allow_updates: Annotated[
        bool, typer.Option("--allow-updates", help="Accept SPARQL Update and graph uploads from holders of the token in KG_WRITE_TOKEN.")
    ] = False,
    log_level: Annotated[str, typer.Option("--log-level", help="uvicorn log level (info shows each request).")] = "info",
    store: StoreOption = None,
) -> None:
    """Serve the store over HTTP: SPARQL 1.1 endpoint, saved-query API; read-only by default."""
    from kg.server.app import ServeError, ServerConfig
    from kg.server.app import serve as run_server
    from kg.server.safety import Limits
    from kg.store import store_path

    from kg.remote import is_remote

    location = store or _settings(ctx).store
    if location and is_remote(location):
        served: Path | str = location  # a SPARQL server: queries and writes are forwarded to it
        with _open(ctx, store) as remote:
            remote.query("ASK {}")  # an unreachable server fails here, in one line
    else:
        served = store_path(location)
        if not allow_updates:
            _open(ctx, store).close()  # a missing or locked store fails here, in one line
    config = ServerConfig(
        store=served,
        queries=_queries_dir(ctx),
        host=host,
        port=port,
        workers=workers,
        limits=Limits(timeout=timeout, write_timeout=write_timeout, max_rows=max_rows, max_body=max_body, max_upload=max_upload),
        union_default_graph=union_default_graph,
        allow_updates=allow_updates,
        token=os.environ.get("KG_WRITE_TOKEN") or None,
        log_level=log_level.lower(),
    )
    try:
        run_server(config)
    except ServeError as err:
        raise StoreError(str(err)) from None


# --------------------------------------------------------------------------- export, stats


@app.command()
@_one_line_errors
def export(
    ctx: typer.Context,
    format: Annotated[ExportFormat, typer.Option("--format", "-F", help="trig/nquads/jsonld: the dataset with its named graphs; turtle/ntriples/rdfxml: one graph or the union.")] = ExportFormat.trig,
    graph: Annotated[Optional[str], typer.Option("--graph", "-g", help="Graph IRI or document id.")] = None,
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Write to FILE instead of stdout.")] = None,
    store: StoreOption = None,
) -> None:
    """Export the graph as TriG, N-Quads, JSON-LD, Turtle, N-Triples or RDF/XML, with the usual prefixes."""
    if graph is not None and "://" not in graph and not graph.startswith("urn:"):
        graph = vocab.graph_iri(graph)  # a document id
    with _open(ctx, store) as kg:
        if output is None:
            kg.dump(format.value, graph=graph, output=sys.stdout.buffer, void=graph is None)
            sys.stdout.flush()
            return
        # streamed into a file beside the target, renamed when complete: a failed export leaves
        # no half-written file, and whatever FILE held before stays until the new one is whole
        partial = output.with_name(f".{output.name}.partial")
        try:
            with partial.open("wb") as stream:
                kg.dump(format.value, graph=graph, output=stream, void=graph is None)
            os.replace(partial, output)
        except OSError as err:
            raise StoreError(f"{output}: cannot write ({err.strerror or err})") from None
        finally:
            partial.unlink(missing_ok=True)
    typer.echo(f"wrote {output} ({output.stat().st_size} bytes)", err=True)


@app.command()
@_one_line_errors
def stats(ctx: typer.Context, store: StoreOption = None) -> None:
    """Count documents, figures, entities and quads, per graph."""
    from rich.console import Console
    from rich.table import Table

    from kg.queries import shorten_iri

    with _open(ctx, store) as kg:
        s = kg.stats()
    typer.echo(f"documents {s.documents}\nfigures   {s.figures}\nentities  {s.entities}\nquads     {s.quads}")
    table = Table("graph", "quads")
    for graph, count in s.graphs.items():
        table.add_row(shorten_iri(graph) if graph else "(default graph)", str(count))
    Console().print(table)


# --------------------------------------------------------------------------- checks


def _document_data(kg: GraphStore):
    """The document graphs (not the ontology) as one rdflib Graph, for the rdflib-based checks."""
    import pyoxigraph as ox
    import rdflib

    rows = kg.query(
        "SELECT DISTINCT ?s ?p ?o ?ontology WHERE { GRAPH ?g { ?s ?p ?o } FILTER(?g != ?ontology) }",
        substitutions={"ontology": ox.NamedNode(vocab.ontology_graph_iri())},
        union_default_graph=False,
    )
    triples = [ox.Triple(r["s"], r["p"], r["o"]) for r in rows]
    graph = rdflib.Graph()
    if triples:
        graph.parse(data=ox.serialize(triples, None, ox.RdfFormat.N_TRIPLES), format="nt")
    return graph


@app.command()
@_one_line_errors
def check(ctx: typer.Context, store: StoreOption = None) -> None:
    """Check the graph: OWL reasoner, SHACL shapes, evidence offsets, saved queries."""
    from kg.check import check_evidence, check_reasoner, check_saved_queries, check_shapes

    with _open(ctx, store) as kg:
        data = _document_data(kg)
        results = [
            check_reasoner(data),
            check_shapes(data),
            check_evidence(kg),
            check_saved_queries(_queries_dir(ctx)),
        ]
    for result in results:
        status = "ok  " if result.ok else "FAIL"
        typer.echo(f"{status} {result.name} ({result.seconds:.2f} s){'' if result.ok else f': {len(result.messages)} problem(s)'}")
        if not result.ok:
            for message in list(result.messages)[:20]:
                typer.echo(f"       {' '.join(str(message).split())}")
            if len(result.messages) > 20:
                typer.echo(f"       ... and {len(result.messages) - 20} more")
    if not all(r.ok for r in results):
        raise typer.Exit(1)


# --------------------------------------------------------------------------- evaluation


@app.command(name="eval")
@_one_line_errors
def eval_(
    ctx: typer.Context,
    gold: Annotated[Path, typer.Argument(help="Gold facts YAML (e.g. /work/shared/gold/seeds.yaml).")],
    store: StoreOption = None,
) -> None:
    """Score the graph's figures against a gold file: precision, recall, per document."""
    from kg.evaluate import evaluate, render

    if not gold.is_file():
        raise DocumentError(f"{gold}: no such gold file")
    with _open(ctx, store) as kg:
        report = evaluate(kg, gold)
    typer.echo(render(report))
