"""Saved queries: the `queries/*.rq` files, their headers, typed parameters, and results.

A saved query is a SPARQL file whose `#+` comment lines form a YAML header (grlc style):

    #+ summary: Who committed how much to AI infrastructure?
    #+ description: One row per figure, with the documents that report it.
    #+ tags: [investment]
    #+ params:
    #+   firm: {type: entity, default: Anthropic, description: the organisation}
    #+   min_usd: {type: decimal, default: null}

Parameter types: string, integer, decimal, date, iri (full or prefixed, e.g. `ai:Firm`), entity
(a label matched case-insensitively against rdfs:label in any language, or an IRI). `enum`
restricts the accepted values. A parameter that is not given and has no default stays unbound,
i.e. matches anything; `required: true` makes the caller give it; `absent: <value>` is written in
instead when none is given, unseen by the caller (a query whose patterns need a constant either way:
cq11's `figure`). grlc's `#+ defaults:` list is
read too.

Values are typed first (an entity is resolved to its IRI), then written into the query as constants
in N-Triples syntax by pyoxigraph (kg/sparql_text.py), so a value cannot change the query's shape:
Oxigraph then reads only what the constant selects, where a pre-bound variable (substitutions, a
VALUES block) is joined in after the whole pattern was evaluated. A parameter in the query's own
SELECT list stays a column (`(<iri> AS ?firm)`), as with a substitution.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import yaml

from kg import vocab
from kg.sparql_text import inline_values
from kg.server.formats import csv_value, json_term  # one term writer for the CLI and the server
from kg.store import GraphStore, StoreError, sparql_syntax_error, term_value

PARAM_TYPES = ("string", "integer", "decimal", "date", "iri", "entity")
HEADER_KEYS = {"summary", "description", "tags", "params", "defaults", "enumerate", "method"}
PARAM_KEYS = {"type", "default", "description", "enum", "required", "absent"}
FORMATS = ("table", "json", "csv", "tsv")

_HEADER_LINE = re.compile(r"^\s*#\+ ?(.*)$")
_VAR_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_QUERY_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_-]*$")  # a file stem, never a path
_IRI_LIKE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*$")


class QueryError(Exception):
    """Unknown query, bad header, bad parameter or failing query; the message names it."""


@dataclass(frozen=True)
class Param:
    name: str
    type: str = "string"
    required: bool = False  # `required: true` in the header: the caller must give a value
    default: str | None = None
    description: str = ""
    enum: tuple[str, ...] = ()
    # written into the query when no value is given (an IRI that names nothing, say), for a query
    # whose patterns need a constant either way; it is no value: nothing echoes or reports it
    absent: str | None = None


@dataclass(frozen=True)
class SavedQuery:
    name: str
    summary: str
    description: str
    tags: tuple[str, ...]
    params: dict[str, Param]
    text: str
    path: Path


@dataclass
class Result:
    """Rows of RDF terms; `rows` gives Python values. ASK sets `boolean`, CONSTRUCT `triples`."""

    variables: list[str]
    terms: list[list[ox.Term | None]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] | None = None

    @property
    def rows(self) -> list[list[Any]]:
        return [[term_value(t) for t in row] for row in self.terms]


# --------------------------------------------------------------------------- the registry


def list_queries(folder: Path | str | None = None) -> list[SavedQuery]:
    """Every saved query in `folder` (default: the project's queries/), sorted by name."""
    folder = Path(folder or vocab.QUERIES_DIR)
    return [parse_query_file(path) for path in sorted(folder.glob("*.rq"))]


def get_query(name: str, folder: Path | str | None = None) -> SavedQuery:
    folder = Path(folder or vocab.QUERIES_DIR)
    path = folder / f"{name}.rq"
    if not _QUERY_NAME.match(name) or not path.is_file():
        known = ", ".join(p.stem for p in sorted(folder.glob("*.rq"))) or "none"
        raise QueryError(f"unknown query '{name}' (known: {known})")
    return parse_query_file(path)


def parse_query_file(path: Path) -> SavedQuery:
    """Read one .rq file and its `#+` header; errors name the file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise QueryError(f"{path}: cannot read query file ({err})") from None
    header_lines = [m.group(1) for line in text.splitlines() if (m := _HEADER_LINE.match(line))]
    try:
        header = yaml.safe_load("\n".join(header_lines)) or {}
    except yaml.YAMLError as err:
        raise QueryError(f"{path}: invalid YAML in the #+ header: {str(err).splitlines()[0]}") from None
    if not isinstance(header, dict):
        raise QueryError(f"{path}: the #+ header must be 'key: value' lines")
    unknown = sorted(set(header) - HEADER_KEYS)
    if unknown:
        raise QueryError(f"{path}: unknown header key '{unknown[0]}' (allowed: {', '.join(sorted(HEADER_KEYS))})")
    params = _parse_params(path, header)
    for name in params:
        if not re.search(rf"[?$]{name}\b", _strip_comments(text)):
            raise QueryError(f"{path}: parameter '{name}' is declared but ?{name} does not occur in the query")
    tags = header.get("tags") or ()
    return SavedQuery(
        name=path.stem,
        summary=str(header.get("summary") or "").strip(),
        description=str(header.get("description") or "").strip(),
        tags=tuple(str(t) for t in ([tags] if isinstance(tags, str) else tags)),
        params=params,
        text=text,
        path=path,
    )


def _parse_params(path: Path, header: dict) -> dict[str, Param]:
    declared = header.get("params") or {}
    if not isinstance(declared, dict):
        raise QueryError(f"{path}: '#+ params:' must map parameter names to {{type: ..., default: ...}}")
    specs: dict[str, dict] = {}
    for name, spec in declared.items():
        spec = {"type": spec} if isinstance(spec, str) else (spec or {})
        if not isinstance(spec, dict):
            raise QueryError(f"{path}: parameter '{name}' must be a mapping like {{type: string}}")
        specs[str(name)] = dict(spec)
    # grlc: `#+ defaults:` is a list of one-key mappings `- name: value`.
    for item in header.get("defaults") or []:
        if not isinstance(item, dict):
            raise QueryError(f"{path}: '#+ defaults:' entries must be '- name: value'")
        for name, value in item.items():
            specs.setdefault(str(name), {})["default"] = value
    params = {}
    for name, spec in specs.items():
        where = f"{path}: parameter '{name}'"
        if not _VAR_NAME.match(name):
            raise QueryError(f"{where}: not a SPARQL variable name")
        unknown = sorted(set(spec) - PARAM_KEYS)
        if unknown:
            raise QueryError(f"{where}: unknown key '{unknown[0]}' (allowed: {', '.join(sorted(PARAM_KEYS))})")
        if spec.get("required") not in (None, True, False):
            raise QueryError(f"{where}: 'required' must be true or false")
        type_ = spec.get("type", "string")
        if type_ not in PARAM_TYPES:
            raise QueryError(f"{where}: unknown type '{type_}' (expected one of: {', '.join(PARAM_TYPES)})")
        default = spec.get("default")
        param = Param(
            name=name,
            type=type_,
            required=spec.get("required") is True,
            default=None if default is None else str(default),
            description=str(spec.get("description") or "").strip(),
            enum=tuple(str(v) for v in spec.get("enum") or ()),
            absent=None if spec.get("absent") is None else str(spec["absent"]),
        )
        if param.default is not None and param.type != "entity":
            _typed(param, param.default, where=f"{where}: default")
        if param.absent is not None:
            _absent_term(param, where=f"{where}: absent")
        params[name] = param
    return params


def _strip_comments(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))


# --------------------------------------------------------------------------- binding parameters


def bind(store: GraphStore, query: SavedQuery, values: dict[str, str]) -> dict[str, ox.Term]:
    """Typed RDF terms for the given values and the defaults; QueryError names a bad one."""
    unknown = sorted(set(values) - set(query.params))
    if unknown:
        known = ", ".join(query.params) or "none"
        raise QueryError(f"query '{query.name}' has no parameter '{unknown[0]}' (parameters: {known})")
    bound: dict[str, ox.Term] = {}
    for name, param in query.params.items():
        value = values.get(name, param.default)
        if value is None:
            if param.required:
                raise QueryError(f"query '{query.name}' needs parameter '{name}' (-p {name}=...)")
            continue  # optional and not given: the variable stays free
        where = f"query '{query.name}': parameter '{name}'"
        if param.type == "entity":
            bound[name] = resolve_entity(store, value, where)
        else:
            bound[name] = _typed(param, value, where)
    return bound


def _typed(param: Param, value: str, where: str) -> ox.Term:
    value = unicodedata.normalize("NFC", value.strip())
    if param.enum and value not in param.enum:
        raise QueryError(f"{where}: {value!r} is not one of: {', '.join(param.enum)}")
    if param.type == "string":
        return ox.Literal(value)
    if param.type == "integer":
        if not re.fullmatch(r"[+-]?\d+", value):
            raise QueryError(f"{where}: {value!r} is not an integer")
        return ox.Literal(int(value))
    if param.type == "decimal":
        try:
            number = Decimal(value.replace("_", ""))
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite():
            raise QueryError(f"{where}: {value!r} is not a decimal number")
        return ox.Literal(format(number, "f"), datatype=ox.NamedNode(vocab.XSD + "decimal"))
    if param.type == "date":
        try:
            return ox.Literal(date.fromisoformat(value).isoformat(), datatype=ox.NamedNode(vocab.XSD + "date"))
        except ValueError:
            raise QueryError(f"{where}: {value!r} is not a date (YYYY-MM-DD)") from None
    iri = _as_iri(value)
    if iri is None:
        raise QueryError(f"{where}: {value!r} is not an IRI (give a full IRI or a prefixed name like ai:Firm)")
    return iri


def _as_iri(value: str) -> ox.NamedNode | None:
    """A full IRI, `<IRI>`, or a prefixed name with a known prefix; None otherwise."""
    value = value.strip()
    if value.startswith("<") and value.endswith(">"):
        value = value[1:-1]
    if not _IRI_LIKE.match(value):
        return None
    prefix, _, local = value.partition(":")
    if prefix in vocab.PREFIXES and not local.startswith("//"):
        value = vocab.PREFIXES[prefix] + local
    elif not local.startswith("//") and prefix not in ("urn", "mailto", "tag"):
        return None  # "Alphabet: Google" is a label, not an IRI
    try:
        return ox.NamedNode(value)
    except ValueError:
        return None


def resolve_entity(store: GraphStore, value: str, where: str = "entity") -> ox.NamedNode:
    """An IRI as given, or the one resource whose rdfs:label matches `value` ignoring case."""
    iri = _as_iri(value)
    if iri is not None:
        return iri
    needle = unicodedata.normalize("NFC", value.strip())
    rows = store.query(
        """SELECT DISTINCT ?entity ?needle WHERE {
             ?entity rdfs:label ?label .
             FILTER(LCASE(STR(?label)) = LCASE(STR(?needle)))
           }""",
        substitutions={"needle": ox.Literal(needle)},
    )
    found = sorted({r["entity"].value for r in rows if isinstance(r["entity"], ox.NamedNode)})
    # Prefer things from the data over ontology terms that happen to share the label.
    data = [iri for iri in found if iri.startswith(vocab.base_iri())]
    found = data or found
    if not found:
        raise QueryError(f"{where}: no entity labelled {needle!r} in the store")
    if len(found) > 1:
        raise QueryError(f"{where}: {needle!r} is ambiguous ({', '.join(found)}); give the IRI")
    return ox.NamedNode(found[0])


# --------------------------------------------------------------------------- running


def run(store: GraphStore, name: str, params: dict[str, str], folder: Path | str | None = None) -> Result:
    """Run saved query `name` with parameter values given as text (from `-p key=value`)."""
    query = get_query(name, folder)
    return run_saved(store, query, params)


def run_saved(store: GraphStore, query: SavedQuery, params: dict[str, str],
              limit: int | None = None, offset: int | None = None) -> Result:
    """Run a saved query; `limit` / `offset` page through its (ordered) rows."""
    values = bind(store, query, params)
    try:
        return execute(store, prepared_text(query, values, limit, offset))
    except StoreError as err:
        raise QueryError(f"{query.path}: {err}") from None


def prepared_text(query: SavedQuery, values: dict[str, ox.Term], limit: int | None = None,
                  offset: int | None = None) -> str:
    """The text that runs: paged, with the bound values (and the `absent` stand-ins of parameters
    given no value) written in as constants (kg/sparql_text.py says why)."""
    stand_ins = {name: _absent_term(p, name) for name, p in query.params.items() if p.absent is not None and name not in values}
    text = paged(query, limit, offset)
    # (a saved query names our graphs and items by the default base IRI; a store built under
    # KG_BASE_IRI has them under that one: cq11's "GRAPH <…/graph/reference/entities>"; the
    # ontology's and the metrics' IRIs stay where they are)
    if vocab.base_iri() != vocab.DEFAULT_BASE_IRI:
        for part in ("graph/", "id/"):
            text = text.replace(f"<{vocab.DEFAULT_BASE_IRI}{part}", f"<{vocab.base_iri()}{part}")
    return inline_values(text, {**stand_ins, **values}, absent=frozenset(stand_ins))


def _absent_term(param: Param, where: str) -> ox.Term:
    """A parameter's `absent` stand-in as a term of its type (outside its enum: it is no value)."""
    return _typed(replace(param, enum=()), param.absent, where)


def paged(query: SavedQuery, limit: int | None, offset: int | None) -> str:
    """The query's text with LIMIT / OFFSET appended (after its ORDER BY, so pages are stable)."""
    if limit is None and not offset:
        return query.text
    if re.search(r"(?i)^\s*(LIMIT|OFFSET)\s+\d+\s*$", query.text.rstrip().rsplit("\n", 1)[-1], re.MULTILINE):
        raise QueryError(f"{query.path}: the query sets its own LIMIT/OFFSET; it cannot be paged")
    return query.text.rstrip() + ("" if limit is None else f"\nLIMIT {int(limit)}") + (f"\nOFFSET {int(offset)}" if offset else "")


def execute(store: GraphStore, sparql: str, substitutions: dict[str, ox.Term] | None = None) -> Result:
    """Run any SPARQL query and collect its answer (StoreError if it fails)."""
    answer = store.query(sparql, substitutions=substitutions)
    try:
        if isinstance(answer, ox.QueryBoolean):
            return Result(variables=[], boolean=bool(answer))
        if isinstance(answer, ox.QueryTriples):
            triples = list(dict.fromkeys(answer))  # a graph is a set: one triple seen in two graphs once
            return Result(
                variables=["subject", "predicate", "object"],
                terms=[[t.subject, t.predicate, t.object] for t in triples],
                triples=triples,
            )
        variables = [v.value for v in answer.variables]
        return Result(variables=variables, terms=[[row[v] for v in variables] for row in answer])
    except (RuntimeError, OSError) as err:  # evaluation errors surface while iterating
        raise StoreError(f"query failed: {err}") from None


def validate(query: SavedQuery) -> None:
    """Parse and dry-run the query on an empty store, with a sample value for each parameter.

    Catches syntax errors, with the parameters written in as they will be, before a user does.
    """
    samples = {
        "string": ox.Literal("x"),
        "integer": ox.Literal(0),
        "decimal": ox.Literal("0", datatype=ox.NamedNode(vocab.XSD + "decimal")),
        "date": ox.Literal("2025-01-01", datatype=ox.NamedNode(vocab.XSD + "date")),
        "iri": ox.NamedNode("urn:x"),
        "entity": ox.NamedNode("urn:x"),
    }
    text = prepared_text(query, {n: samples[p.type] for n, p in query.params.items()})
    try:
        answer = ox.Store().query(text, prefixes=vocab.PREFIXES, use_default_graph_as_union=True)
        if not isinstance(answer, ox.QueryBoolean):
            list(answer)
    except SyntaxError as err:
        raise QueryError(f"{query.path}: {sparql_syntax_error(err, 'query', text)}") from None
    except (RuntimeError, ValueError) as err:
        raise QueryError(f"{query.path}: {err}") from None


# --------------------------------------------------------------------------- formatting


def format_result(result: Result, fmt: str) -> str:
    """json (SPARQL 1.1 JSON results), csv / tsv (SPARQL 1.1 CSV/TSV), or table as plain text."""
    if fmt == "json":
        return to_json(result)
    if fmt == "csv":
        return to_csv(result)
    if fmt == "tsv":
        return to_tsv(result)
    if fmt == "table":
        from rich.console import Console

        out = io.StringIO()
        Console(file=out, width=200, no_color=True).print(to_table(result))
        return out.getvalue()
    raise QueryError(f"unknown format '{fmt}' (expected one of: {', '.join(FORMATS)})")


def to_json(result: Result) -> str:
    if result.boolean is not None:
        return json.dumps({"head": {}, "boolean": result.boolean}) + "\n"
    bindings = [
        {var: json_term(term) for var, term in zip(result.variables, row) if term is not None}
        for row in result.terms
    ]
    doc = {"head": {"vars": result.variables}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def to_csv(result: Result) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if result.boolean is not None:
        writer.writerows([["boolean"], [str(result.boolean).lower()]])
        return out.getvalue()
    writer.writerow(result.variables)
    for row in result.terms:
        writer.writerow([csv_value(term) for term in row])
    return out.getvalue()


def to_tsv(result: Result) -> str:
    if result.boolean is not None:
        return f"?boolean\n{str(result.boolean).lower()}\n"
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    for row in result.terms:
        # N-Triples syntax per term; a raw tab inside a literal would break the columns.
        lines.append("\t".join("" if t is None else str(t).replace("\t", "\\t") for t in row))
    return "\n".join(lines) + "\n"


MIN_COLUMN_WIDTH = 12  # below this a table cell shows only "…": switch to one record per row


def to_table(result: Result, width: int | None = None):
    """A rich Table for people: IRIs shortened with the usual prefixes, literals as text.

    When the columns cannot fit the terminal at a readable width, each row is shown as a
    record (one "column: value" line per non-empty column) instead of a crushed table.
    """
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    if result.boolean is not None:
        table = Table("boolean")
        table.add_row(str(result.boolean).lower())
        return table
    if width is None:
        from rich.console import Console

        width = Console().width
    caption = f"{len(result.terms)} row(s)"
    if len(result.variables) * MIN_COLUMN_WIDTH <= width:
        table = Table(*result.variables, caption=caption)
        for row in result.terms:
            table.add_row(*[_display(term) for term in row])
        return table
    records = []
    for n, row in enumerate(result.terms, start=1):
        records.append(Text(f"── row {n} " + "─" * max(0, min(width, 60) - 10), style="dim"))
        for name, term in zip(result.variables, row):
            if term is not None:
                records.append(Text.assemble((f"{name}: ", "bold"), Text.from_markup(_display(term))))
    records.append(Text(caption, style="dim"))
    return Group(*records)


def _display(term: ox.Term | None) -> str:
    from rich.markup import escape

    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return escape(shorten_iri(term.value))
    if isinstance(term, ox.Literal):
        return escape(term.value)
    return escape(str(term))


def shorten_iri(iri: str) -> str:
    for prefix, namespace in vocab.PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    base = vocab.base_iri()
    if iri.startswith(base):
        return f"base:{iri[len(base):]}"
    return iri
