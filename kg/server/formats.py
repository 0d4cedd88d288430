"""Media types, content negotiation and the serialisers for query answers.

Light on purpose (standard library + pyoxigraph): the query workers import it.

SELECT / ASK answers: SPARQL 1.1 JSON, XML, CSV, TSV (`RESULT_FORMATS`).
CONSTRUCT / DESCRIBE answers: Turtle, N-Triples, JSON-LD, RDF/XML (`GRAPH_FORMATS`).

The result serialisers are ours rather than pyoxigraph's `QuerySolutions.serialize` because the
server stops reading a result at the row cap and serialises only the rows it kept; the tests
check every one of them by parsing it back with pyoxigraph's own parsers.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
RDF_DIR_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#dirLangString"


@dataclass(frozen=True)
class Format:
    name: str  # the short name used by the `format` parameter
    media_type: str  # what the response's Content-Type says
    aliases: tuple[str, ...] = ()  # other media types a client may ask for
    charset: bool = False  # add "; charset=utf-8" to the Content-Type

    @property
    def content_type(self) -> str:
        return f"{self.media_type}; charset=utf-8" if self.charset else self.media_type


# Order = the server's preference when a client accepts several equally (first = default).
RESULT_FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("json", "application/sparql-results+json", ("application/json",)),
        Format("xml", "application/sparql-results+xml", ("application/xml", "text/xml")),
        Format("csv", "text/csv", (), charset=True),
        Format("tsv", "text/tab-separated-values", (), charset=True),
    )
}
GRAPH_FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("turtle", "text/turtle", ("application/x-turtle",), charset=True),
        Format("ntriples", "application/n-triples", ("text/plain",), charset=True),
        Format("jsonld", "application/ld+json", ("application/json",)),
        Format("rdfxml", "application/rdf+xml", ("application/xml", "text/xml")),
    )
}
OX_GRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
# `format=` values that choose for both kinds of answer (json: SPARQL JSON or JSON-LD, ...).
FORMAT_PARAM = {
    "json": ("json", "jsonld"),
    "xml": ("xml", "rdfxml"),
    "csv": ("csv", None),
    "tsv": ("tsv", None),
    "turtle": (None, "turtle"),
    "ttl": (None, "turtle"),
    "ntriples": (None, "ntriples"),
    "nt": (None, "ntriples"),
    "jsonld": (None, "jsonld"),
    "rdfxml": (None, "rdfxml"),
}


# --------------------------------------------------------------------------- negotiation


def parse_accept(header: str | None) -> list[tuple[str, float, int]]:
    """`Accept` as (media range, q, position); malformed entries are skipped, not fatal."""
    ranges = []
    for position, part in enumerate((header or "").split(",")):
        pieces = [p.strip() for p in part.split(";")]
        media = pieces[0].lower()
        if "/" not in media:
            continue
        q = 1.0
        for param in pieces[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value.strip())))
                except ValueError:
                    q = 0.0
        ranges.append((media, q, position))
    return ranges


def _quality(media_types: tuple[str, ...], ranges: list[tuple[str, float, int]]) -> tuple[float, int, int]:
    """(q, specificity, -position) of the best range matching one of `media_types`."""
    best = (0.0, -1, 0)
    for media in media_types:
        main = media.split("/")[0]
        for accept, q, position in ranges:
            if accept == media:
                specificity = 2
            elif accept == f"{main}/*":
                specificity = 1
            elif accept == "*/*":
                specificity = 0
            else:
                continue
            # The most specific matching range decides the quality (RFC 9110, 12.5.1).
            if specificity > best[1] or (specificity == best[1] and q > best[0]):
                best = (q, specificity, -position)
    return best


def negotiate(accept: str | None, formats: dict[str, Format]) -> Format | None:
    """The format the client likes best (None when it accepts none of them).

    No Accept header, or one without any usable entry, means the first (default) format.
    A format the client names exactly wins over one it only accepts through a wildcard.
    """
    ranges = parse_accept(accept)
    if not ranges:
        return next(iter(formats.values()))
    scored = []
    for index, fmt in enumerate(formats.values()):
        q, specificity, position = _quality((fmt.media_type, *fmt.aliases), ranges)
        if q > 0:
            scored.append((q, specificity, position, -index, fmt))
    if not scored:
        return None
    return max(scored, key=lambda s: s[:4])[-1]


def accepts_html(accept: str | None, than: tuple[str, ...]) -> bool:
    """Does the client prefer HTML over every media type in `than` (a browser, usually)?"""
    ranges = parse_accept(accept)
    if not ranges:
        return False
    html = _quality(("text/html",), ranges)
    return html[0] > 0 and html[1] == 2 and all(html[:2] > _quality((m,), ranges)[:2] for m in than)


# --------------------------------------------------------------------------- SELECT / ASK


def json_term(term: ox.Term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
            direction = getattr(term, "direction", None)
            if direction is not None:
                out["its:dir"] = str(getattr(direction, "value", direction)).lower().rsplit(".", 1)[-1]
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {
            "type": "triple",
            "value": {k: json_term(getattr(term, k)) for k in ("subject", "predicate", "object")},
        }
    raise TypeError(f"not an RDF term: {term!r}")


def to_json(variables: list[str], rows: list[list[ox.Term | None]] | None, boolean: bool | None = None) -> bytes:
    if boolean is not None:
        return json.dumps({"head": {}, "boolean": boolean}).encode()
    bindings = [{v: json_term(t) for v, t in zip(variables, row) if t is not None} for row in rows or []]
    doc = {"head": {"vars": variables}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode()


def _xml_term(term: ox.Term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            attrs = f" xml:lang={quoteattr(term.language)}"
            direction = getattr(term, "direction", None)
            if direction is not None:
                attrs += f" its:dir={quoteattr(str(getattr(direction, 'value', direction)).lower().rsplit('.', 1)[-1])}"
        elif term.datatype.value != XSD_STRING:
            attrs = f" datatype={quoteattr(term.datatype.value)}"
        else:
            attrs = ""
        return f"<literal{attrs}>{escape(term.value)}</literal>"
    if isinstance(term, ox.Triple):
        return (
            f"<triple><subject>{_xml_term(term.subject)}</subject><predicate>{_xml_term(term.predicate)}"
            f"</predicate><object>{_xml_term(term.object)}</object></triple>"
        )
    raise TypeError(f"not an RDF term: {term!r}")


def to_xml(variables: list[str], rows: list[list[ox.Term | None]] | None, boolean: bool | None = None) -> bytes:
    out = [('<?xml version="1.0" encoding="UTF-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"'
            ' xmlns:its="http://www.w3.org/2005/11/its">\n<head>')]
    if boolean is not None:
        out.append(f"</head>\n<boolean>{'true' if boolean else 'false'}</boolean>\n</sparql>\n")
        return "".join(out).encode()
    out.extend(f"<variable name={quoteattr(v)}/>" for v in variables)
    out.append("</head>\n<results>\n")
    for row in rows or []:
        out.append("<result>")
        for var, term in zip(variables, row):
            if term is not None:
                out.append(f"<binding name={quoteattr(var)}>{_xml_term(term)}</binding>")
        out.append("</result>\n")
    out.append("</results>\n</sparql>\n")
    return "".join(out).encode()


def csv_value(term: ox.Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, (ox.NamedNode, ox.Literal)):
        return term.value
    if isinstance(term, ox.Triple):  # as pyoxigraph writes it: the three plain values
        return " ".join(csv_value(getattr(term, k)) for k in ("subject", "predicate", "object"))
    return str(term)


# CSV and TSV have no boolean form in SPARQL 1.1; like pyoxigraph, an ASK answer is the bare word.


def to_csv(variables: list[str], rows: list[list[ox.Term | None]] | None, boolean: bool | None = None) -> bytes:
    if boolean is not None:
        return b"true" if boolean else b"false"
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(variables)
    writer.writerows([csv_value(t) for t in row] for row in rows or [])
    return out.getvalue().encode()


def _nt(term: ox.Term) -> str:
    if isinstance(term, ox.Triple):
        return f"<<( {_nt(term.subject)} {_nt(term.predicate)} {_nt(term.object)} )>>"
    return str(term)


def _tsv_value(term: ox.Term | None) -> str:
    if term is None:
        return ""
    # N-Triples syntax (a valid SPARQL/Turtle term); a raw tab or newline would break the table.
    return _nt(term).replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def to_tsv(variables: list[str], rows: list[list[ox.Term | None]] | None, boolean: bool | None = None) -> bytes:
    if boolean is not None:
        return b"true" if boolean else b"false"
    lines = ["\t".join(f"?{v}" for v in variables)]
    lines.extend("\t".join(_tsv_value(t) for t in row) for row in rows or [])
    return ("\n".join(lines) + "\n").encode()


SERIALIZERS = {"json": to_json, "xml": to_xml, "csv": to_csv, "tsv": to_tsv}


def serialize_results(fmt: str, variables: list[str], rows=None, boolean: bool | None = None) -> bytes:
    return SERIALIZERS[fmt](variables, rows, boolean)


# --------------------------------------------------------------------------- CONSTRUCT / DESCRIBE


def serialize_graph(fmt: str, triples: list[ox.Triple], prefixes: dict[str, str] | None = None) -> bytes:
    """Triples (duplicates written once) as Turtle, N-Triples, JSON-LD or RDF/XML."""
    unique = list(dict.fromkeys(triples))
    if fmt == "turtle":
        return ox.serialize(unique, None, ox.RdfFormat.TURTLE, prefixes=_used(prefixes, unique))
    return ox.serialize(unique, None, OX_GRAPH_FORMATS[fmt])


def _used(prefixes: dict[str, str] | None, triples: list[ox.Triple]) -> dict[str, str] | None:
    """Only the prefixes the graph uses: a small answer should not start with fifteen lines."""
    if not prefixes:
        return None
    iris = set()
    for t in triples:
        for term in (t.subject, t.predicate, t.object):
            if isinstance(term, ox.NamedNode):
                iris.add(term.value)
            elif isinstance(term, ox.Literal):
                iris.add(term.datatype.value)
    return {p: ns for p, ns in prefixes.items() if any(i.startswith(ns) for i in iris)} or None
