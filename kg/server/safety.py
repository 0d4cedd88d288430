"""What keeps a public endpoint safe: limits, the write token, and the SERVICE / LOAD check.

Limits (see `Limits`): a time limit per query that a client may lower and never raise, a row
cap with a `truncated` signal, a request size limit. They are enforced elsewhere (the worker
pool kills a query at its deadline; the workers stop reading at the cap); this module parses
and checks the values.

SERVICE and LOAD make pyoxigraph open HTTP connections (its federation is on and cannot be
switched off from Python), so a query or update that contains either is refused before it
runs. Two independent checks must both pass:

1. `sparql_tokens` tokenises the text the way Oxigraph 0.5 does (strings with their escapes,
   IRIs, comments, prefixed names; no global \\u unescaping) and refuses a SERVICE or LOAD
   keyword anywhere. The tokeniser is conservative: `SERVICE:x` counts (Oxigraph reads it as
   SERVICE + `:x`), so does a prefix named `service:`.
2. rdflib's SPARQL parser builds the parse tree and we look for `ServiceGraphPattern` and
   `Load` nodes in it (when rdflib can parse the text at all; it lacks some RDF 1.2 syntax).

Check 2 alone can be fooled by a parser differential: rdflib expands \\u escapes in the whole
text before parsing and Oxigraph does not, so `BIND('\\u0027' AS ?a) SERVICE <x> {..} } #'''`
is a harmless long string to rdflib and a real SERVICE call to Oxigraph (tested). Check 1
sees the text as Oxigraph does and closes that hole.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import re
import unicodedata
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass

from kg.server.errors import HttpError

FORBIDDEN = {"SERVICE": "SERVICE (federated query)", "LOAD": "LOAD"}


@dataclass(frozen=True)
class Limits:
    timeout: float = 10.0  # seconds a query may run; a client may ask for less
    write_timeout: float = 120.0  # seconds an update or a graph upload may run
    max_rows: int = 10_000  # rows (or triples) in one answer; more -> truncated
    max_body: int = 1_000_000  # bytes of a /sparql or /queries request body
    max_upload: int = 64_000_000  # bytes of a graph uploaded to /store (a load)


def effective_timeout(requested: str | None, limit: float) -> float:
    """The time limit of one request: the client's `timeout` (seconds) if lower, else the server's."""
    if requested is None or requested.strip() == "":
        return limit
    try:
        value = float(requested)
    except ValueError:
        raise HttpError(400, f"timeout must be a number of seconds, got {requested!r}") from None
    if not math.isfinite(value) or value <= 0:
        raise HttpError(400, f"timeout must be a positive number of seconds, got {requested!r}")
    return min(value, limit)


def check_bearer(authorization: str | None, token: str | None, what: str = "updates") -> None:
    """401 unless the request carries `Authorization: Bearer <token>` with the server's token."""
    challenge = {"WWW-Authenticate": 'Bearer realm="kg"'}
    if not token:  # never reached when writes are enabled (the server refuses to start without one)
        raise HttpError(403, f"{what} are disabled on this server")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise HttpError(401, f"{what} need 'Authorization: Bearer <token>' (the token in KG_WRITE_TOKEN)", challenge)
    if not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise HttpError(401, "wrong bearer token", challenge)


async def read_body(request, limit: int) -> bytes:
    """The request body, refusing (413) more than `limit` bytes, declared or streamed."""
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.strip().isdigit():
            raise HttpError(400, f"invalid Content-Length {declared!r}")
        if int(declared) > limit:
            raise HttpError(413, f"request body of {int(declared)} bytes is over this server's limit of {limit} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HttpError(413, f"request body is over this server's limit of {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


# --------------------------------------------------------------------------- the tokeniser


@dataclass(frozen=True)
class Token:
    kind: str  # word, pname, var, iri, string, number, punct, bnode, langtag
    text: str
    start: int
    end: int
    depth: int  # curly-brace depth at the token


_SPACE = re.compile(r"\s+")
_COMMENT = re.compile(r"#[^\r\n]*")
_IRI = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*(?:\\.[^<>\"{}|^`\\\x00-\x20]*)*>")
_LONG_STRINGS = (
    re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""', re.DOTALL),
    re.compile(r"'''(?:[^'\\]|\\.|'(?!''))*'''", re.DOTALL),
)
_SHORT_STRINGS = (re.compile(r'"(?:[^"\\\r\n]|\\.)*"'), re.compile(r"'(?:[^'\\\r\n]|\\.)*'"))
_VAR = re.compile(r"[?$][\w\u00B7\u0300-\u036F\u203F-\u2040]*")
_LANGTAG = re.compile(r"@[A-Za-z]+(?:-[A-Za-z0-9]+)*(?:--[A-Za-z]+)?")
_BNODE = re.compile(r"_:[\w\-.\u00B7]*")
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)")
_NAME = re.compile(r"[^\W\d][\w\-.\u00B7\u0300-\u036F\u203F-\u2040]*")
_LOCAL = re.compile(r"(?:[\w\-.:\u00B7]|%[0-9A-Fa-f]{2}|\\.)*")


def sparql_tokens(text: str) -> Iterator[Token]:
    """Tokens of a SPARQL query or update, comments and whitespace skipped.

    An unterminated string or IRI becomes punctuation and the scan goes on: the text is then
    invalid for Oxigraph too, and going on can only find more keywords, never fewer.
    """
    pos, depth, n = 0, 0, len(text)
    while pos < n:
        char = text[pos]
        match = _SPACE.match(text, pos) or _COMMENT.match(text, pos)
        if match:
            pos = match.end()
            continue
        kind = None
        if char == "<":
            match = _IRI.match(text, pos)
            kind = "iri" if match else None
        elif char in "\"'":
            match = next((m for p in _LONG_STRINGS if (m := p.match(text, pos))), None) or next(
                (m for p in _SHORT_STRINGS if (m := p.match(text, pos))), None
            )
            kind = "string" if match else None
        elif char in "?$":
            match, kind = _VAR.match(text, pos), "var"
        elif char == "@":
            match = _LANGTAG.match(text, pos)
            kind = "langtag" if match else None
        elif char == "_" and text.startswith("_:", pos):
            match, kind = _BNODE.match(text, pos), "bnode"
        elif char.isdigit() or (char in "+-." and pos + 1 < n and text[pos + 1].isdigit()):
            match, kind = _NUMBER.match(text, pos), "number"
        elif char == ":" or _NAME.match(text, pos):
            name = _NAME.match(text, pos) if char != ":" else None
            end = name.end() if name else pos
            while end > pos and text[end - 1] == ".":  # a trailing dot ends the triple, not the name
                end -= 1
            if end < n and text[end] == ":":
                local = _LOCAL.match(text, end + 1)
                stop = local.end()
                while stop > end + 1 and text[stop - 1] == ".":
                    stop -= 1
                yield Token("pname", text[pos:stop], pos, stop, depth)
                pos = stop
                continue
            yield Token("word", text[pos:end], pos, end, depth)
            pos = end
            continue
        if match and kind and match.end() > pos:
            yield Token(kind, match.group(), pos, match.end(), depth)
            pos = match.end()
            continue
        if char == "}":
            depth = max(0, depth - 1)
        yield Token("punct", char, pos, pos + 1, depth)
        if char == "{":
            depth += 1
        pos += 1


def _keyword(word: str) -> str:
    """The keyword a word could be, folded to ASCII upper case (SeRvIcE, ſervice -> SERVICE)."""
    folded = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode()
    return word.upper() if word.upper() in FORBIDDEN else folded.upper()


def forbidden_by_tokens(text: str) -> str | None:
    for token in sparql_tokens(text):
        if token.kind == "word":
            word = _keyword(token.text)
            if word in FORBIDDEN:
                return FORBIDDEN[word]
        elif token.kind == "pname":  # `SERVICE:x` is SERVICE <:x> to Oxigraph
            word = _keyword(token.text.split(":", 1)[0])
            if word in FORBIDDEN:
                return (f"{FORBIDDEN[word]} (Oxigraph reads {token.text!r} as the keyword {word} "
                        f"followed by a prefixed name; rename the prefix)")
    return None


def forbidden_by_parse_tree(text: str, update: bool) -> str | None:
    """SERVICE / LOAD nodes in rdflib's parse tree; None when clean or when rdflib cannot parse."""
    try:
        from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

        tree = parseUpdate(text) if update else parseQuery(text)
    except Exception:  # noqa: BLE001 - pyparsing errors and rdflib's own: the tokens decide alone
        return None
    for name in _node_names(tree):
        if name == "ServiceGraphPattern":
            return FORBIDDEN["SERVICE"]
        if name == "Load":
            return FORBIDDEN["LOAD"]
    return None


def _node_names(node, seen=None) -> Iterator[str]:
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    seen = seen if seen is not None else set()
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, CompValue):
        yield node.name
        for value in node.values():
            yield from _node_names(value, seen)
    elif isinstance(node, (list, tuple, ParseResults)):
        for value in node:
            yield from _node_names(value, seen)
    elif isinstance(node, dict):
        for value in node.values():
            yield from _node_names(value, seen)


_VERDICTS: OrderedDict[tuple[bytes, bool], str | None] = OrderedDict()
_VERDICTS_SIZE = 512  # keyed by a digest, so a cache of large queries stays small


def forbidden_operation(text: str, update: bool = False, parse_tree: bool = True) -> str | None:
    """The name of a forbidden operation in a query or update, or None when it may run.

    `parse_tree=False` runs the tokeniser alone (microseconds; used for the saved queries, which
    are files of this project); rdflib's parse costs 50-350 ms on a 3-9 kB query, so verdicts
    are cached by the text's digest.
    """
    key = (hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest(), update)
    if key in _VERDICTS:
        _VERDICTS.move_to_end(key)
        return _VERDICTS[key]
    verdict = forbidden_by_tokens(text)
    if verdict is None and parse_tree:
        verdict = forbidden_by_parse_tree(text, update)
        _VERDICTS[key] = verdict
        if len(_VERDICTS) > _VERDICTS_SIZE:
            _VERDICTS.popitem(last=False)
    return verdict


def has_dataset_clause(query: str) -> bool:
    """Does the query name its own dataset (FROM / FROM NAMED)? Then no union default graph."""
    return any(t.kind == "word" and t.text.upper() == "FROM" for t in sparql_tokens(query))


def refuse_forbidden(text: str, update: bool = False, parse_tree: bool = True) -> None:
    found = forbidden_operation(text, update, parse_tree)
    if found:
        raise HttpError(400, f"{found} is not allowed on this endpoint: it would make the server open network connections")


# --------------------------------------------------------------------------- update datasets


def with_using_clauses(update: str, using: list[str], using_named: list[str]) -> str:
    """The update with `USING <g>` / `USING NAMED <g>` added to every DELETE/INSERT ... WHERE.

    This is how the protocol's using-graph-uri / using-named-graph-uri parameters take effect
    (pyoxigraph has no dataset argument for updates). Refused (400) when the update names its
    own dataset with USING or WITH, and for the DELETE WHERE shorthand, which has no USING.
    """
    if not using and not using_named:
        return update
    tokens = list(sparql_tokens(update))
    words = [(i, t) for i, t in enumerate(tokens) if t.kind == "word"]
    if any(t.text.upper() in ("USING", "WITH") for _, t in words):
        raise HttpError(400, "using-graph-uri / using-named-graph-uri cannot be combined with USING or WITH in the update")
    clause = " " + " ".join([*(f"USING <{g}>" for g in using), *(f"USING NAMED <{g}>" for g in using_named)]) + " "
    inserts = []
    for i, token in words:
        if token.depth == 0 and token.text.upper() == "WHERE":
            previous = tokens[i - 1] if i > 0 else None
            if previous is not None and previous.kind == "word" and previous.text.upper() == "DELETE":
                raise HttpError(400, "using-graph-uri cannot apply to DELETE WHERE { ... }; write DELETE { ... } WHERE { ... }")
            inserts.append(token.start)
    for start in reversed(inserts):
        update = update[:start] + clause + update[start:]
    return update
