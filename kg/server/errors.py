"""The one exception the HTTP layer raises on purpose: a status code and a readable message.

Handlers raise `HttpError`; `app.py` turns it into a response (plain text for the SPARQL
protocol routes, JSON for the saved-query API). Nothing else is meant to reach a client, and
an unexpected exception becomes a 500 without a traceback (the traceback goes to the log).
"""

from __future__ import annotations


class HttpError(Exception):
    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = " ".join(str(message).split())  # one line, always
        self.headers = headers or {}
