"""The HTTP application: configuration, routes, error responses, and running it under uvicorn.

Starlette (routing, requests, responses) on uvicorn (the ASGI server). The event loop only
parses requests, negotiates formats and waits; every store operation runs in a worker process
(worker.py) that is killed at its deadline.

Routes, in order (pages last, so a later page cannot shadow the API):
  /sparql, /sparql/   protocol.py   SPARQL 1.1 Protocol; service description on a bare GET
  /store              graphstore.py graph uploads and deletes (loads), with --allow-updates only
  /queries/{name}     pages.py      a browser's view (form + table); hands every other client to api.py
  /queries, /queries/{name}, /openapi.json   api.py
  /, /queries/, /id/..., /static/   pages.py   YASGUI page, saved-query index, entity pages, static files
"""

from __future__ import annotations

import asyncio
import logging
import socket
import sys
from collections.abc import Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response

from kg.server import api, graphstore, pages, protocol
from kg.server.errors import HttpError
from kg.server.safety import Limits
from kg.server.worker import Engine, WorkerDied

TOKEN_ENV = "KG_WRITE_TOKEN"
MIN_TOKEN_LENGTH = 16
LOG_LEVELS = ("critical", "error", "warning", "info", "debug", "trace")
log = logging.getLogger("kg.server")


class ServeError(Exception):
    """The server cannot start; the message is one line for the CLI."""


@dataclass(frozen=True)
class ServerConfig:
    store: Path | str  # a store directory, or the URL of a SPARQL server to forward to
    queries: Path
    host: str = "127.0.0.1"
    port: int = 7878
    workers: int = 2  # query worker processes (concurrent queries)
    limits: Limits = field(default_factory=Limits)
    union_default_graph: bool = True  # the saved queries and the data model need the union
    allow_updates: bool = False
    token: str | None = None
    log_level: str = "info"

    def check(self) -> None:
        if self.allow_updates and not self.token:
            raise ServeError(f"--allow-updates needs a write token in the {TOKEN_ENV} environment variable")
        if self.allow_updates and len(self.token or "") < MIN_TOKEN_LENGTH:
            raise ServeError(f"the token in {TOKEN_ENV} is too short (at least {MIN_TOKEN_LENGTH} characters)")
        if not 0 <= self.port <= 65535:
            raise ServeError(f"--port must be between 0 and 65535, got {self.port}")
        if self.workers < 1:
            raise ServeError("--workers must be at least 1")
        if not self.limits.timeout > 0 or not self.limits.write_timeout > 0:
            raise ServeError("time limits must be positive")
        if self.limits.max_rows < 1 or self.limits.max_body < 1 or self.limits.max_upload < 1:
            raise ServeError("--max-rows, --max-body and --max-upload must be positive")
        if self.log_level not in LOG_LEVELS:
            raise ServeError(f"--log-level must be one of: {', '.join(LOG_LEVELS)}")


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/queries") or path == "/openapi.json"


def error_response(request: Request, status: int, message: str, headers: dict | None = None) -> Response:
    if _wants_json(request):
        return JSONResponse({"error": message, "status": status}, status_code=status, headers=headers)
    return PlainTextResponse(message + "\n", status_code=status, headers=headers)


async def _http_error(request: Request, exc: HttpError) -> Response:
    return error_response(request, exc.status, exc.message, exc.headers)


async def _starlette_error(request: Request, exc: HTTPException) -> Response:
    message = exc.detail
    if exc.status_code == 405:
        allowed = (exc.headers or {}).get("Allow", "")
        message = f"method {request.method} is not allowed on {request.url.path}" + (f" (allowed: {allowed})" if allowed else "")
    elif exc.status_code == 404:
        message = f"nothing at {request.url.path} (see / for what this server offers)"
    return error_response(request, exc.status_code, message, exc.headers)


async def _unexpected(request: Request, exc: Exception) -> Response:
    log.error("internal error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(request, 500, "internal error (the server log has the details)")


def create_app(config: ServerConfig, engine: Engine | None = None, on_ready: Callable[[], None] | None = None) -> Starlette:
    """The ASGI app. Without an `engine`, its lifespan starts one; it stops the engine at shutdown."""

    @asynccontextmanager
    async def lifespan(app: Starlette):
        running = engine or Engine(config.store, config.queries, readers=config.workers, create=config.allow_updates)
        if engine is None:
            await running.start()
        app.state.engine = running
        if on_ready is not None:
            on_ready()
        try:
            yield
        finally:
            # Here and not after uvicorn returns: uvicorn re-raises SIGTERM/SIGINT once it has
            # shut down, which ends the process before any code after serve() could run.
            await running.stop()
            print("kg serve: stopped", file=sys.stderr, flush=True)

    app = Starlette(
        routes=[*protocol.routes(), *graphstore.routes(), *pages.html_routes(), *api.routes(), *pages.routes()],
        lifespan=lifespan,
        exception_handlers={HttpError: _http_error, HTTPException: _starlette_error, Exception: _unexpected},
    )
    app.state.config = config
    return app


def bind_socket(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto=IPPROTO_TCP matters: asyncio only sets TCP_NODELAY on connections whose socket says
    # so, and without it every keep-alive answer waited ~40 ms for a delayed ACK (measured).
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        sock.bind((host, port))
    except OSError as err:
        sock.close()
        raise ServeError(f"cannot listen on {host}:{port}: {err.strerror or err}") from None
    sock.listen(2048)
    sock.setblocking(False)
    return sock


def serve(config: ServerConfig) -> None:
    """Run until interrupted. Prints 'kg serve: listening on URL' once it answers requests."""
    config.check()
    sock = bind_socket(config.host, config.port)
    try:
        asyncio.run(_serve(config, sock))
    except KeyboardInterrupt:
        pass
    finally:
        sock.close()


async def _serve(config: ServerConfig, sock: socket.socket) -> None:
    import uvicorn

    engine = Engine(config.store, config.queries, readers=config.workers, create=config.allow_updates)
    try:
        await engine.start()
    except WorkerDied as err:
        await engine.stop()
        raise ServeError(str(err)) from None
    host, port = sock.getsockname()[:2]
    url = f"http://{f'[{host}]' if ':' in host else host}:{port}/"

    def ready() -> None:
        mode = "read-write (updates and /store need the bearer token)" if config.allow_updates else "read-only"
        print(
            f"kg serve: listening on {url} ({mode}; {config.workers} query workers; time limit "
            f"{config.limits.timeout:g} s; row cap {config.limits.max_rows}; store {config.store})",
            flush=True,
        )

    app = create_app(config, engine, on_ready=ready)
    server = uvicorn.Server(
        uvicorn.Config(
            app,
            log_level=config.log_level,
            lifespan="on",
            # a GET's query string may be as long as a POST body (within reason)
            h11_max_incomplete_event_size=max(64 * 1024, min(config.limits.max_body + 16 * 1024, 1024 * 1024)),
            timeout_graceful_shutdown=5,
        )
    )
    try:
        await server.serve(sockets=[sock])
    finally:
        await engine.stop()  # (already done by the lifespan unless startup failed)
