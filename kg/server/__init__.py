"""`kg serve`: the SPARQL 1.1 endpoint, the saved-query API, and the web pages.

One module per concern (docs/server.md has the design and the measurements behind it):

  app.py         configuration, routes, error responses, running under uvicorn
  protocol.py    SPARQL 1.1 Protocol at /sparql, service description
  graphstore.py  graph uploads at /store (what `kg load --server` sends)
  api.py         /queries, /queries/{name}, /openapi.json
  pages.py       HTML: the YASGUI editor at /, a page per saved query, entity pages at /id/...
  static/        install.sh (YASGUI from npm into the git-ignored vendor/), home.js
  safety.py      limits, the write token, the SERVICE / LOAD check
  formats.py     content negotiation and result serialisers
  worker.py      worker processes (one writer, N readers on snapshots) that are killed at the deadline
  client.py      a GraphStore over HTTP, for `kg load --server URL`
  launch.py      start a real server on a free port (tests, benchmarks)
"""
