"""Reading SPARQL text without a parser: where its syntax is (not inside IRIs, strings or comments),
and writing a saved query's parameter values into it as constants.

Why constants: Oxigraph 0.5 evaluates a query with pre-bound variables (`substitutions`, or a VALUES
block) as if they were free and joins the binding in afterwards, so a query for one firm reads every
firm's figures; with the firm's IRI written into the pattern it reads only that firm's (cq11 at
10,000 articles: 13.6 s with the firm substituted, 1.1 s with it written in; BENCHMARKS.md). The
terms are written in N-Triples syntax by pyoxigraph from typed values, never from a user's text.
"""

from __future__ import annotations

import re

import pyoxigraph as ox

# IRIs, string literals and comments, whose braces, '#' and keywords are not syntax (an IRI never
# follows a name or a bracket: "?v<?max&&?v>?min" compares)
NOT_SYNTAX = re.compile(r'(?<![\w)])<[^<>"{}|^`\\\s]*>|"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|#[^\n]*')

_TOKEN = re.compile(r"(?i)(?<![:\w])(?:SELECT|WHERE|GROUP\s+BY|HAVING|ORDER\s+BY|LIMIT|OFFSET|VALUES|AS)\b|[{}()]|[?$]\w+")


def masked(sparql: str) -> str:
    """The text with IRIs, strings and comments blanked out (same length, same offsets)."""
    return NOT_SYNTAX.sub(lambda m: " " * len(m.group(0)), sparql)


def inline_values(sparql: str, values: dict[str, ox.Term], absent: frozenset[str] = frozenset()) -> str:
    """`sparql` with each variable named in `values` replaced by its term: in the query's SELECT list
    as `(term AS ?name)` (the column keeps its name), dropped from a subquery's (nothing binds ?name
    any more; a subquery that projected it would put it in scope; one left with nothing projects a
    constant of its own), in a GROUP BY as `(term)`, dropped from an ORDER BY (a constant sorts
    nothing), `BOUND(?name)` as true (false for the names in `absent`: stand-ins for a value not
    given), everywhere else the term itself. A VALUES block's variables are left alone. Under
    `SELECT *` a parameter is no column."""
    if not values:
        return sparql
    # (a bound parameter is bound: "BOUND(?min_amount)" is true)
    names = "|".join(map(re.escape, values))
    for hit in reversed(list(re.finditer(rf"(?<![:\w])(?i:BOUND)\s*\(\s*[?$]({names})\s*\)", masked(sparql)))):
        sparql = sparql[:hit.start()] + ("false" if hit.group(1) in absent else "true") + sparql[hit.end():]
    out, last = [], 0
    mode, depth, braces, previous = "body", 0, 0, ""
    outermost = False  # whether the SELECT list being read is the query's own (not a subquery's)
    for token in _TOKEN.finditer(masked(sparql)):
        word = re.sub(r"\s+", " ", token.group(0).upper())
        if word == "SELECT":
            mode, depth, outermost = "projection", 0, braces == 0
        elif word in ("GROUP BY", "ORDER BY"):
            mode, depth = ("group" if word == "GROUP BY" else "order"), 0
        elif word == "VALUES":
            mode = "values"
        elif word in ("HAVING", "LIMIT", "OFFSET"):
            mode = "body"
        elif word == "(":
            depth += 1
        elif word == ")":
            depth -= 1
        elif word in ("{", "}"):
            braces += 1 if word == "{" else -1
            if depth == 0:
                mode = "body"
        elif word == "WHERE" and depth == 0:
            mode = "body"
        elif word[0] in "?$" and token.group(0)[1:] in values and previous != "AS" and mode != "values":
            name = token.group(0)[1:]
            term = str(values[name])
            if mode == "projection" and depth == 0:
                replacement = f"({term} AS ?{name})" if outermost else ""
            elif mode == "group" and depth == 0:
                replacement = f"({term})"
            elif mode == "order" and depth == 0:
                replacement = ""
            else:
                replacement = term
            out.append(sparql[last:token.start()])
            out.append(replacement)
            last = token.end()
        previous = word
    out.append(sparql[last:])
    text = "".join(out)
    # (an ORDER BY left with nothing goes: the order as it was)
    for hit in reversed(list(_EMPTY_CLAUSE.finditer(masked(text)))):
        text = text[:hit.start()] + text[hit.end():]
    # (a subquery's SELECT list left with nothing projects a constant of its own)
    for n, hit in reversed(list(enumerate(_EMPTY_SELECT.finditer(masked(text))))):
        text = text[:hit.end()] + f"(true AS ?_kg{n}_) " + text[hit.end():]
    return text


_EMPTY_SELECT = re.compile(r"(?i)(?<![:\w])SELECT\s+(?:(?:DISTINCT|REDUCED)\s+)?(?=WHERE\b|\{)")
_EMPTY_CLAUSE = re.compile(r"(?i)\bORDER\s+BY\s*(?=[{}]|\b(?:HAVING|LIMIT|OFFSET|VALUES)\b|$)")
