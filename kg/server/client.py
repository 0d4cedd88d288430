"""A GraphStore over HTTP: what `kg load --server URL` writes through.

The loader only needs `query` (to skip unchanged documents), `replace_graph` and `drop_graph`,
so a load through a running `kg serve` is the same code as a local load: queries go to /sparql
(SPARQL JSON results, parsed by pyoxigraph), graphs to /store (PUT N-Triples, one transaction
per document on the server). Writes send `Authorization: Bearer $KG_WRITE_TOKEN`.

Substitutions become a trailing VALUES clause (joined before any LIMIT, see SPARQL 1.1
section 18.2.4.3), so the terms are never spliced into the query's own text.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from typing import BinaryIO

import pyoxigraph as ox

from kg.store import GraphStore, StoreError

DEFAULT_TIMEOUT = 300.0  # seconds to wait for one HTTP answer (the server has its own limits)


class RemoteStore(GraphStore):
    def __init__(self, url: str, token: str | None = None, timeout: float = DEFAULT_TIMEOUT):
        parsed = urllib.parse.urlsplit(url)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise StoreError(f"--server must be an http(s) URL like http://127.0.0.1:7878, got {url!r}")
        self.base = f"{parsed.scheme}://{parsed.netloc}{parsed.path.rstrip('/')}"
        self.location = self.base
        self.token = token
        self.timeout = timeout

    # ---- HTTP

    def _request(self, method: str, path: str, params: dict | None = None, body: bytes | None = None,
                 headers: dict | None = None) -> tuple[int, dict, bytes]:
        url = self.base + path + ("?" + urllib.parse.urlencode(params, doseq=True) if params else "")
        request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as err:
            detail = err.read().decode("utf-8", "replace").strip()
            try:
                detail = json.loads(detail).get("error", detail)
            except (ValueError, AttributeError):
                pass
            if not detail and err.code == 401:
                detail = "the token in KG_WRITE_TOKEN was not accepted"
            elif not detail and err.code == 403:
                detail = "it is read-only (start it with --allow-updates)"
            raise StoreError(f"server {self.base} answered {err.code}: {' '.join(detail.split()) or err.reason}") from None
        except (urllib.error.URLError, OSError) as err:
            reason = getattr(err, "reason", err)
            raise StoreError(f"cannot reach server {self.base}: {reason}") from None

    def _auth(self) -> dict:
        if not self.token:
            raise StoreError("writing through a server needs its token in KG_WRITE_TOKEN")
        return {"Authorization": f"Bearer {self.token}"}

    def check_write_access(self) -> None:
        """Fail now, before any work, when the server would refuse our writes."""
        status, _, _ = self._request("HEAD", "/store", headers=self._auth())
        if status != 204:
            raise StoreError(f"server {self.base} does not accept graph uploads (HTTP {status})")

    # ---- GraphStore

    def query(self, sparql, *, substitutions=None, union_default_graph=True):
        text = with_values(sparql, substitutions or {})
        form = urllib.parse.urlencode({"query": text, "union-default-graph": "true" if union_default_graph else "false"})
        _, headers, body = self._request(
            "POST", "/sparql", body=form.encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded",
                     "Accept": "application/sparql-results+json, application/n-triples;q=0.9"},
        )
        if headers.get("KG-Truncated") == "true":
            raise StoreError(f"server {self.base} truncated the answer at its row limit ({headers.get('KG-Row-Limit')})")
        media = headers.get("Content-Type", "").split(";")[0].strip()
        if media == "application/n-triples":
            return list(ox.parse(body, ox.RdfFormat.N_TRIPLES))
        return ox.parse_query_results(body, ox.QueryResultsFormat.JSON)

    def replace_graph(self, graph_iri: str, quads: Iterable[ox.Quad]) -> int:
        graph = ox.NamedNode(graph_iri)
        triples = []
        for quad in quads:  # a producer that fails raises here, before anything is sent
            if quad.graph_name != graph:
                raise StoreError(f"quad {quad} is not in graph <{graph_iri}>; refusing to write it")
            triples.append(ox.Triple(quad.subject, quad.predicate, quad.object))
        data = ox.serialize(triples, None, ox.RdfFormat.N_TRIPLES)
        self._request("PUT", "/store", {"graph": graph_iri}, data,
                      {"Content-Type": "application/n-triples", **self._auth()})
        return len(triples)

    def drop_graph(self, graph_iri: str) -> bool:
        try:
            self._request("DELETE", "/store", {"graph": graph_iri}, headers=self._auth())
        except StoreError as err:
            if " answered 404" in str(err):
                return False
            raise
        return True

    def dump(self, format: str, graph: str | None = None, output: BinaryIO | None = None) -> bytes | None:
        raise StoreError("export from a server is not supported; run kg export on the server's store")

    def close(self) -> None:
        pass


def with_values(sparql: str, substitutions: dict[str, ox.Term]) -> str:
    """The query with a trailing VALUES clause binding each substituted variable."""
    if not substitutions:
        return sparql
    names = list(substitutions)
    for name, term in substitutions.items():
        if not isinstance(term, (ox.NamedNode, ox.Literal)):
            raise StoreError(f"cannot send a {type(term).__name__} for ?{name} to a server")
    row = " ".join(str(substitutions[n]) for n in names)
    return f"{sparql}\nVALUES ({' '.join('?' + n for n in names)}) {{ ({row}) }}\n"
