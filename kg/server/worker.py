"""Where queries and writes run: worker processes the server can kill, over store snapshots.

pyoxigraph cannot cancel a query and a thread cannot be stopped, so every store operation runs
in a child process (`python -m kg.server.worker reader|writer`) that the server kills when its
time is up; the operating system then really stops it, and the server starts a replacement.

- The *writer* owns the store directory (Oxigraph allows one process per directory). It applies
  updates and graph uploads (`kg load --server`), each one transaction, and after every write
  makes a RocksDB checkpoint (`Store.backup`: hard links, milliseconds) into a new snapshot
  directory.
- The *readers* (`--workers`, default 2) open the newest snapshot read-only. A snapshot is
  never written, so several processes may read it at once, which is not safe on a directory
  another process writes to. A reader reopens when a newer snapshot exists, so a query sees
  every write that was acknowledged before it started; a write never waits for readers and a
  reader never waits for a write.

Messages are pickled and length-prefixed over the child's stdin/stdout (the child moves its
own stdout to stderr first, so a stray print cannot corrupt the stream). Children die with the
server (PR_SET_PDEATHSIG) and exit when their stdin closes.
"""

from __future__ import annotations

import asyncio
import json
import os
import pickle
import shutil
import struct
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from kg.store import GraphStore, SparqlSyntaxError, StoreError

_HEADER = struct.Struct(">Q")
START_TIMEOUT = 60.0  # seconds a child may take to import and open its store


class WorkerTimeout(Exception):
    pass


class WorkerDied(Exception):
    pass


class ClientGone(Exception):
    pass


# =========================================================================== server side


class Worker:
    """One child process and its pipe."""

    def __init__(self, role: str, settings: dict):
        self.role = role
        self.settings = settings
        self.proc: asyncio.subprocess.Process | None = None
        self.snapshot: str | None = None  # (readers) the snapshot it has open

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.proc else None

    async def start(self) -> dict:
        self.proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "kg.server.worker", self.role, json.dumps(self.settings),
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
            limit=2**20,
        )
        try:
            ready = await asyncio.wait_for(self._read(), START_TIMEOUT)
        except (TimeoutError, WorkerDied):
            await self.kill()
            raise WorkerDied(f"the {self.role} process did not start (see the messages above)") from None
        if ready.get("status") != 200:
            await self.kill()
            raise WorkerDied(ready.get("message", f"the {self.role} process failed to start"))
        return ready

    async def call(self, message: dict) -> dict:
        assert self.proc is not None and self.proc.stdin is not None
        data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        try:
            self.proc.stdin.write(_HEADER.pack(len(data)) + data)
            await self.proc.stdin.drain()
        except (BrokenPipeError, ConnectionResetError):
            raise WorkerDied(f"the {self.role} process is gone") from None
        return await self._read()

    async def _read(self) -> dict:
        assert self.proc is not None and self.proc.stdout is not None
        try:
            (size,) = _HEADER.unpack(await self.proc.stdout.readexactly(_HEADER.size))
            return pickle.loads(await self.proc.stdout.readexactly(size))
        except (asyncio.IncompleteReadError, ConnectionResetError):
            raise WorkerDied(f"the {self.role} process died") from None

    async def kill(self) -> None:
        if self.proc is not None and self.proc.returncode is None:
            try:
                self.proc.kill()
            except ProcessLookupError:
                pass
            await self.proc.wait()

    async def close(self, grace: float = 5.0) -> None:
        """Let the child finish and exit (stdin closed); kill it if it takes too long."""
        if self.proc is None or self.proc.returncode is not None:
            return
        try:
            if self.proc.stdin is not None:
                self.proc.stdin.close()
            await asyncio.wait_for(self.proc.wait(), grace)
        except (TimeoutError, BrokenPipeError, ConnectionResetError):
            await self.kill()


class Engine:
    """The writer, the pool of readers and the snapshots they read."""

    def __init__(self, store: Path | str, queries: Path, *, readers: int = 2, create: bool = False):
        from kg.remote import is_remote

        # A SPARQL server (`kg serve --store URL`) has its own concurrency and isolation: the
        # workers forward to it, and there are no snapshots to make.
        self.remote = str(store) if is_remote(str(store)) else None
        self.store = Path(store).resolve() if self.remote is None else None
        self.queries = Path(queries).resolve()
        self.size = max(1, readers)
        self.create = create
        self.writer: Worker | None = None
        self.readers: set[Worker] = set()
        self.idle: asyncio.Queue[Worker] = asyncio.Queue()
        self.snapdir: Path | None = None
        self.snapshot: str | None = None
        self.generation = 0
        self.writes = 0
        self.reading: Counter[str] = Counter()  # snapshot -> queries running on it
        self.pending: set[str] = set()  # snapshots the writer is making right now
        self.write_lock = asyncio.Lock()
        self._tasks: set[asyncio.Task] = set()
        self.stopping = False

    # ---- life cycle

    async def start(self) -> None:
        """Open the store (StoreError-like RuntimeError with one line if it cannot) and the pool."""
        self.writer = await self._start_writer()
        if self.remote is not None:
            await asyncio.gather(*(self._spawn_reader() for _ in range(self.size)))
            return
        # The writer holds the store's lock now: snapshot folders left by a crashed server on
        # this store are ours to remove.
        for stale in self.store.parent.glob(f".{self.store.name}.snapshots-*"):
            shutil.rmtree(stale, ignore_errors=True)
        try:
            self.snapdir = Path(tempfile.mkdtemp(prefix=f".{self.store.name}.snapshots-", dir=self.store.parent))
        except OSError as err:
            raise WorkerDied(f"cannot create the snapshot folder beside the store in {self.store.parent}: {err.strerror or err}") from None
        target = self._next_target()
        reply = await self.writer.call({"op": "snapshot", "target": target})
        if reply.get("status") != 200:
            raise WorkerDied(reply.get("message", "cannot snapshot the store"))
        self._published(target)
        await asyncio.gather(*(self._spawn_reader() for _ in range(self.size)))

    async def stop(self) -> None:
        if self.stopping:
            return
        self.stopping = True
        for task in list(self._tasks):
            task.cancel()
        # Readers only read: stop them at once. The writer finishes what it is doing.
        await asyncio.gather(*(r.kill() for r in self.readers), return_exceptions=True)
        if self.writer is not None:
            await self.writer.close()
        self.readers.clear()
        if self.snapdir is not None:
            shutil.rmtree(self.snapdir, ignore_errors=True)

    async def _start_writer(self) -> Worker:
        writer = Worker("writer", {"store": str(self.store), "create": self.create, "remote": self.remote})
        await writer.start()
        return writer

    async def _spawn_reader(self) -> None:
        reader = Worker("reader", {"snapshot": self.snapshot, "queries": str(self.queries), "remote": self.remote})
        await reader.start()
        reader.snapshot = self.snapshot
        if self.stopping:
            await reader.kill()
            return
        self.readers.add(reader)
        self.idle.put_nowait(reader)

    def _replace(self, worker: Worker) -> None:
        self.readers.discard(worker)
        if self.stopping:
            return
        task = asyncio.ensure_future(self._spawn_reader_logged())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _spawn_reader_logged(self) -> None:
        try:
            await self._spawn_reader()
        except Exception as err:  # noqa: BLE001 - logged; the pool runs on with one reader less
            print(f"kg serve: cannot start a replacement query worker: {err}", file=sys.stderr, flush=True)

    # ---- snapshots

    def _next_target(self) -> str | None:
        if self.remote is not None:
            return None  # the server's own writes are what readers see
        assert self.snapdir is not None
        return str(self.snapdir / f"{self.generation + 1:08d}")

    def _published(self, target: str | None) -> None:
        self.generation += 1
        self.snapshot = target
        self._collect()

    def _collect(self) -> None:
        """Remove snapshots that are neither the newest nor read by a running query."""
        if self.snapdir is None:
            return
        for path in self.snapdir.iterdir():
            # Only finished generations older than the newest: the writer's checkpoint in
            # progress (RocksDB fills "<target>.tmp" and renames it) is never touched.
            if not path.name.isdigit() or int(path.name) >= self.generation:
                continue
            name = str(path)
            if name not in self.pending and self.reading[name] <= 0:
                shutil.rmtree(path, ignore_errors=True)
                self.reading.pop(name, None)

    # ---- queries

    async def query(self, message: dict, timeout: float, disconnected=None) -> dict:
        """Run a read job on a reader; kill it at the deadline (HttpError 503) or if the client leaves."""
        from kg.server.errors import HttpError

        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        try:
            reader = await asyncio.wait_for(self.idle.get(), timeout)
        except TimeoutError:
            raise HttpError(
                503,
                f"all {self.size} query workers stayed busy for {timeout:g} s (the time limit); try again later",
                {"Retry-After": "2"},
            ) from None
        snapshot = self.snapshot
        self.reading[snapshot] += 1
        keep = False
        try:
            reply = await self._watch(reader.call({**message, "snapshot": snapshot}), deadline, disconnected)
            reader.snapshot = snapshot
            keep = True
            return reply
        except WorkerTimeout:
            raise HttpError(
                503,
                f"query stopped after {timeout:g} s, the time limit (the server allows at most "
                f"{message.get('limit', timeout):g} s; a client may ask for less with timeout=SECONDS)",
                {"KG-Timeout": "true"},
            ) from None
        except WorkerDied:
            raise HttpError(500, "the query worker died while running this query (out of memory?); it was restarted") from None
        except ClientGone:  # nobody will read this answer; the worker is killed below
            raise HttpError(499, "the client closed the connection; its query was stopped") from None
        finally:
            self.reading[snapshot] -= 1
            if keep:
                self.idle.put_nowait(reader)
            else:  # timed out, client gone, died, or the request was cancelled: stop it for real
                await reader.kill()
                self._replace(reader)
            self._collect()

    @staticmethod
    async def _watch(call, deadline: float, disconnected) -> dict:
        loop = asyncio.get_running_loop()
        task = asyncio.ensure_future(call)
        try:
            while True:
                remaining = deadline - loop.time()
                if remaining <= 0:
                    raise WorkerTimeout()
                done, _ = await asyncio.wait({task}, timeout=min(remaining, 0.25 if disconnected else remaining))
                if done:
                    return task.result()
                if disconnected is not None and await disconnected():
                    raise ClientGone()
        finally:
            if not task.done():
                task.cancel()

    # ---- writes

    async def write(self, message: dict, timeout: float) -> dict:
        """Run a write on the writer, then publish its snapshot; kill it at the deadline."""
        from kg.server.errors import HttpError

        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        try:
            await asyncio.wait_for(self.write_lock.acquire(), timeout)
        except TimeoutError:
            raise HttpError(503, f"another write kept the store busy for {timeout:g} s; try again later", {"Retry-After": "5"}) from None
        assert self.writer is not None
        target = self._next_target()
        if target is not None:
            self.pending.add(target)  # not to be collected while the writer fills it
        try:
            try:
                reply = await self._watch(self.writer.call({**message, "target": target}), deadline, None)
            except (WorkerTimeout, WorkerDied, asyncio.CancelledError) as err:
                await self._restart_writer(target)
                if isinstance(err, asyncio.CancelledError):
                    raise
                if isinstance(err, WorkerTimeout):
                    if self.remote is not None:  # the request was cut; the server decides what became of it
                        raise HttpError(503, f"write stopped after {timeout:g} s, the time limit; the SPARQL server "
                                             f"{self.remote} may still apply it (one request, all or nothing)") from None
                    raise HttpError(
                        503, f"write stopped after {timeout:g} s, the time limit; nothing of it was written (each write is one transaction)"
                    ) from None
                raise HttpError(500, "the writer process died during this write; nothing of it was written; it was restarted") from None
            if reply.get("status", 500) < 400:  # the writer snapshots after every write that succeeded
                self.writes += 1
                self._published(target)
            elif target is not None:
                shutil.rmtree(target, ignore_errors=True)
            return reply
        finally:
            self.pending.discard(target)
            self.write_lock.release()

    async def _restart_writer(self, target: str) -> None:
        """Kill the writer mid-write (RocksDB drops the open transaction), start a new one, and
        publish a fresh snapshot so that readers see exactly what the store holds."""
        assert self.writer is not None
        await self.writer.kill()
        self.writer = await self._start_writer()
        if target is None:
            return
        for leftover in (target, target + ".tmp"):
            shutil.rmtree(leftover, ignore_errors=True)
        reply = await self.writer.call({"op": "snapshot", "target": target})
        if reply.get("status") == 200:
            self._published(target)


# =========================================================================== worker side


class _Channel:
    def __init__(self):
        self.inp = sys.stdin.buffer
        out_fd = os.dup(1)
        os.dup2(2, 1)  # anything printed now goes to stderr, never into the message stream
        sys.stdout = sys.stderr
        self.out = os.fdopen(out_fd, "wb")

    def recv(self) -> dict | None:
        header = self.inp.read(_HEADER.size)
        if len(header) < _HEADER.size:
            return None
        (size,) = _HEADER.unpack(header)
        return pickle.loads(self.inp.read(size))

    def send(self, message: dict) -> None:
        data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        self.out.write(_HEADER.pack(len(data)) + data)
        self.out.flush()


def _die_with_parent() -> None:
    """Linux: the kernel kills this process when the server dies, even by SIGKILL."""
    try:
        import ctypes
        import signal

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except Exception:  # noqa: BLE001 - other systems: stdin EOF still ends an idle worker
        pass


class Reader:
    """Answers read jobs on a read-only snapshot."""

    def __init__(self, settings: dict):
        import pyoxigraph as ox
        import rdflib.plugins.sparql.parser  # noqa: F401

        # Imported now, not at the first query: a replacement worker is ready when it says so.
        import kg.queries
        import kg.server.formats  # noqa: F401

        self.ox = ox
        self.queries = Path(settings["queries"])
        self.path: str | None = None
        self.store: GraphStore | None = None
        if settings.get("remote"):
            from kg.remote import RemoteStore

            self.store = RemoteStore(settings["remote"])
        else:
            self._open(settings["snapshot"])

    def _open(self, path: str | None) -> None:
        if path is not None and path != self.path:
            self.store = None
            self.store = SnapshotStore(self.ox.Store.read_only(path))
            self.path = path

    def handle(self, message: dict) -> dict:
        self._open(message["snapshot"])
        op = message["op"]
        if op == "query":
            return self.query(message)
        if op == "saved":
            return self.saved(message)
        if op == "sleep":  # for tests of the time limit on a store of any size
            time.sleep(float(message.get("seconds", 1)))
            return {"status": 200}
        raise ValueError(f"unknown operation {op!r}")

    def query(self, message: dict) -> dict:
        from kg.server import safety

        text = message["query"]
        safety.refuse_forbidden(text)
        # The protocol's dataset (default_graphs / named_graphs) replaces the query's FROM / FROM NAMED entirely.
        kwargs: dict = {
            "base_iri": message.get("base_iri"),
            "default_graphs": message.get("default_graphs"),
            "named_graphs": message.get("named_graphs"),
            "union_default_graph": bool(message.get("union")),
        }
        answer = self._run(text, kwargs)
        return self._collect(answer, message, text)

    def saved(self, message: dict) -> dict:
        from kg.queries import QueryError, bind, get_query, prepared_text
        from kg.server import safety
        from kg.server.errors import HttpError

        try:
            query = get_query(message["name"], self.queries)
        except QueryError as err:
            raise HttpError(404, str(err)) from None
        safety.refuse_forbidden(query.text, parse_tree=False)
        try:
            values = bind(self.store, query, message.get("params") or {})
        except QueryError as err:
            raise HttpError(400, str(err)) from None
        except StoreError as err:
            raise _store_error(err) from None
        kwargs = {"union_default_graph": True}
        page = message.get("page") or {}
        try:
            text = prepared_text(query, values, page.get("limit"), page.get("offset"))
        except QueryError as err:
            raise HttpError(400, str(err)) from None
        answer = self._run(text, kwargs, where=str(query.path.name))
        reply = self._collect(answer, message, text)
        reply["parameters"] = {
            name: (str(getattr(values.get(name), "value", "")) if name in values else None)
            for name in query.params
        }
        return reply

    def _run(self, text: str, kwargs: dict, where: str | None = None):
        from kg.server.errors import HttpError
        from kg.store import sparql_syntax_error

        try:
            return self.store.query(text, **kwargs)
        except SyntaxError as err:
            message = str(sparql_syntax_error(err, "query", text if len(text) < 100_000 else None))
            raise HttpError(400, f"{where}: {message}" if where else message) from None
        except SparqlSyntaxError as err:
            raise HttpError(400, f"{where}: {err}" if where else str(err)) from None
        except StoreError as err:
            raise _store_error(err) from None
        except (OSError, RuntimeError, ValueError, TypeError) as err:
            raise HttpError(400, f"query failed: {' '.join(str(err).split())}") from None

    def _collect(self, answer, message: dict, text: str) -> dict:
        """Read at most max_rows rows (or triples) and serialise them in the negotiated format."""
        from kg.server import formats
        from kg.server.errors import HttpError

        ox = self.ox
        cap = int(message["max_rows"])
        try:
            if isinstance(answer, ox.QueryBoolean):
                form, fmt = "ask", message.get("results_format")
                if fmt is None:
                    raise HttpError(406, _not_acceptable("an ASK query", formats.RESULT_FORMATS))
                return {"status": 200, "form": form, "format": fmt, "count": 1, "truncated": False,
                        "body": formats.serialize_results(fmt, [], boolean=bool(answer))}
            if isinstance(answer, ox.QueryTriples):
                fmt = message.get("graph_format")
                if fmt is None:
                    raise HttpError(406, _not_acceptable("a CONSTRUCT or DESCRIBE query", formats.GRAPH_FORMATS))
                triples = []
                for triple in answer:
                    if len(triples) == cap:
                        return self._graph(fmt, triples, True)
                    triples.append(triple)
                return self._graph(fmt, triples, False)
            fmt = message.get("results_format")
            if fmt is None:
                raise HttpError(406, _not_acceptable("a SELECT query", formats.RESULT_FORMATS))
            variables = [v.value for v in answer.variables]
            rows, truncated = [], False
            for solution in answer:
                if len(rows) == cap:
                    truncated = True
                    break
                rows.append([solution[v] for v in variables])
            return {"status": 200, "form": "select", "format": fmt, "count": len(rows), "truncated": truncated,
                    "body": formats.serialize_results(fmt, variables, rows)}
        except (OSError, RuntimeError, ValueError) as err:  # evaluation errors surface while iterating
            raise HttpError(400, f"query failed: {' '.join(str(err).split())}") from None

    def _graph(self, fmt: str, triples: list, truncated: bool) -> dict:
        from kg import vocab
        from kg.server import formats

        return {"status": 200, "form": "graph", "format": fmt, "count": len(triples), "truncated": truncated,
                "body": formats.serialize_graph(fmt, triples, vocab.PREFIXES)}


def _store_error(err: Exception):
    """A remote server's failure as an HTTP error: 502 when it did not answer, 400 when it refused."""
    from kg.remote import ServerUnreachable
    from kg.server.errors import HttpError

    return HttpError(502 if isinstance(err, ServerUnreachable) else 400, " ".join(str(err).split()))


def _not_acceptable(what: str, choices: dict) -> str:
    return f"cannot answer {what} in any format the request accepts (available: {', '.join(f.media_type for f in choices.values())})"


class Writer:
    """Owns the store directory: updates, graph uploads, snapshots."""

    def __init__(self, settings: dict):
        import pyoxigraph as ox
        import rdflib.plugins.sparql.parser  # noqa: F401

        from kg.store import open_store

        self.ox = ox
        if settings.get("remote"):
            from kg.remote import RemoteStore

            self.store: GraphStore = RemoteStore(settings["remote"])
        else:
            self.store = open_store(settings["store"], create=bool(settings.get("create")))

    def handle(self, message: dict) -> dict:
        op = message["op"]
        if op == "snapshot":
            return self._snapshot(message, {"status": 200})
        if op == "update":
            return self._snapshot(message, self.update(message))
        if op == "put":
            return self._snapshot(message, self.put(message))
        if op == "delete":
            return self._snapshot(message, self.delete(message))
        raise ValueError(f"unknown operation {op!r}")

    def _snapshot(self, message: dict, reply: dict) -> dict:
        if message.get("target") is None:  # a SPARQL server: its readers see its writes
            return reply
        for leftover in (message["target"], message["target"] + ".tmp"):  # of a killed writer
            shutil.rmtree(leftover, ignore_errors=True)
        self.store.oxigraph.flush()
        self.store.oxigraph.backup(message["target"])
        return reply

    def update(self, message: dict) -> dict:
        from kg.server import safety
        from kg.server.errors import HttpError
        from kg.store import sparql_syntax_error

        text = message["update"]
        safety.refuse_forbidden(text, update=True)
        text = safety.with_using_clauses(text, message.get("using") or [], message.get("using_named") or [])
        try:
            self.store.update(text, base_iri=message.get("base_iri"))
        except SyntaxError as err:
            raise HttpError(400, str(sparql_syntax_error(err, "update", text if len(text) < 100_000 else None))) from None
        except StoreError as err:
            raise _store_error(err) from None
        except (OSError, RuntimeError, ValueError) as err:
            raise HttpError(400, f"update failed: {' '.join(str(err).split())}") from None
        return {"status": 204}

    def put(self, message: dict) -> dict:
        from kg.server.errors import HttpError
        from kg.server.formats import OX_GRAPH_FORMATS
        from kg.store import StoreError

        ox = self.ox
        graph = message["graph"]
        try:
            triples = list(ox.parse(message["data"], OX_GRAPH_FORMATS[message["format"]], base_iri=graph))
        except SyntaxError as err:
            raise HttpError(400, f"invalid {message['format_name']}: {' '.join(str(err).split())}") from None
        except (ValueError, OSError) as err:
            raise HttpError(400, f"cannot read the body as {message['format_name']}: {err}") from None
        node = ox.NamedNode(graph)
        quads = []
        for item in triples:
            if isinstance(item, ox.Quad) and item.graph_name != ox.DefaultGraph():
                raise HttpError(400, "the body names graphs; send triples (N-Triples, Turtle, RDF/XML, JSON-LD)")
            quads.append(ox.Quad(item.subject, item.predicate, item.object, node))
        try:
            existed = self.store.has_graph(graph)
            count = self.store.replace_graph(graph, quads)
        except StoreError as err:
            raise _store_error(err) from None
        return {"status": 204 if existed else 201, "count": count}

    def delete(self, message: dict) -> dict:
        from kg.server.errors import HttpError

        try:
            dropped = self.store.drop_graph(message["graph"])
        except StoreError as err:
            raise _store_error(err) from None
        if not dropped:
            raise HttpError(404, f"no graph <{message['graph']}> in the store")
        return {"status": 204}


class SnapshotStore(GraphStore):
    """kg.store's GraphStore interface over a read-only snapshot (what kg.queries.bind needs)."""

    location = "snapshot"

    def __init__(self, oxstore):
        self._store = oxstore

    def query(self, sparql, *, substitutions=None, union_default_graph=True,
              default_graphs=None, named_graphs=None, base_iri=None):
        """As `RemoteStore.query`: a protocol dataset (default_graphs / named_graphs) replaces the
        query's FROM clauses; otherwise the union default graph unless the query names its own."""
        import pyoxigraph as ox

        from kg import vocab
        from kg.server.safety import has_dataset_clause

        kwargs: dict = {"prefixes": vocab.PREFIXES, "base_iri": base_iri}
        if default_graphs is not None or named_graphs is not None:
            kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graphs or []]
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs or []]
        elif union_default_graph and not has_dataset_clause(sparql):
            kwargs["use_default_graph_as_union"] = True
        return self._store.query(
            sparql,
            substitutions={ox.Variable(k): v for k, v in (substitutions or {}).items()} or None,
            **kwargs,
        )

    def replace_graph(self, graph_iri, quads):
        raise NotImplementedError("a snapshot is read-only")

    def drop_graph(self, graph_iri):
        raise NotImplementedError("a snapshot is read-only")

    def dump(self, format, graph=None, output=None):
        raise NotImplementedError("a snapshot is read-only")

    def close(self):
        self._store = None


def main(argv: list[str]) -> int:
    _die_with_parent()
    role, settings = argv[0], json.loads(argv[1])
    channel = _Channel()
    try:
        from kg.server.errors import HttpError

        handler = Reader(settings) if role == "reader" else Writer(settings)
    except Exception as err:  # noqa: BLE001 - reported to the server as one line
        channel.send({"status": 500, "message": " ".join(str(err).split()) or type(err).__name__})
        return 1
    channel.send({"status": 200, "pid": os.getpid()})
    while True:
        message = channel.recv()
        if message is None:
            return 0
        try:
            reply = handler.handle(message)
        except HttpError as err:
            reply = {"status": err.status, "message": err.message, "headers": err.headers}
        except Exception as err:  # noqa: BLE001 - a bug: one line to the client, the traceback to the log
            import traceback

            traceback.print_exc()
            reply = {"status": 500, "message": f"internal error: {type(err).__name__}: {' '.join(str(err).split())}"}
        channel.send(reply)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
