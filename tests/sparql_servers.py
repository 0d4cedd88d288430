"""Real SPARQL servers for the remote-store tests, each started in a temporary folder on free ports.

- Oxigraph server: the `oxigraph` command of the pip package (test extra).
- Virtuoso: Debian's `virtuoso-opensource` (`sh tests/setup.sh` installs it); a fresh database,
  whose public /sparql endpoint is granted SPARQL_UPDATE through isql, as a Virtuoso operator
  would do for a loader.

Both are run by hand here too: `python tests/sparql_servers.py virtuoso /tmp/v` prints the URL
and keeps the server until Ctrl-C.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

OXIGRAPH = Path(sys.executable).parent / "oxigraph"
VIRTUOSO = shutil.which("virtuoso-t")
ISQL = shutil.which("isql-vt") or shutil.which("isql")
VIRTUOSO_VSP = Path("/var/lib/virtuoso-opensource-7/vsp")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_http(url: str, proc: subprocess.Popen, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with code {proc.returncode} before it answered {url}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"no answer from {url} after {seconds:g} s")


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@contextmanager
def oxigraph_server(folder: Path) -> Iterator[str]:
    """An Oxigraph server; yields its root URL (queries at /query, updates at /update)."""
    binary = str(OXIGRAPH) if OXIGRAPH.exists() else shutil.which("oxigraph")
    if not binary:
        raise RuntimeError("the oxigraph server is missing: pip install -e '.[test]'")
    port = free_port()
    proc = subprocess.Popen([binary, "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for_http(url + "/query?query=ASK%7B%7D", proc)
        yield url
    finally:
        _stop(proc)


VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
[Parameters]
ServerPort = {sql_port}
DisableUnixSocket = 1
NumberOfBuffers = 20000
MaxDirtyBuffers = 12000
DirsAllowed = .
[HTTPServer]
ServerPort = {http_port}
ServerRoot = {vsp}
ServerThreads = 10
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 300
MaxQueryCostEstimationTime = 0
"""


@contextmanager
def virtuoso_server(folder: Path) -> Iterator[str]:
    """A Virtuoso 7 with a new database; yields its endpoint URL, ending in /sparql."""
    if not VIRTUOSO or not ISQL:
        raise RuntimeError("Virtuoso is not installed: sh tests/setup.sh (Debian's virtuoso-opensource)")
    folder = Path(folder).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    vsp = VIRTUOSO_VSP if VIRTUOSO_VSP.is_dir() else folder
    (folder / "virtuoso.ini").write_text(VIRTUOSO_INI.format(dir=folder, sql_port=sql_port, http_port=http_port, vsp=vsp))
    proc = subprocess.Popen([VIRTUOSO, "-f", "-c", "virtuoso.ini"], cwd=folder,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{http_port}/sparql"
    try:
        _wait_for_http(url + "?query=ASK%7B%7D", proc)
        grant = subprocess.run([ISQL, str(sql_port), "dba", "dba", 'exec=GRANT SPARQL_UPDATE TO "SPARQL";'],
                               check=False, capture_output=True, text=True, timeout=60)
        if grant.returncode != 0:
            raise RuntimeError(f"isql could not grant SPARQL_UPDATE: {grant.stdout[-500:]} {grant.stderr[-500:]}")
        yield url
    finally:
        _stop(proc)


if __name__ == "__main__":
    kind, where = sys.argv[1], Path(sys.argv[2])
    with (virtuoso_server if kind == "virtuoso" else oxigraph_server)(where) as endpoint:
        print(endpoint, flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
