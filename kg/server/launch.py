"""Start a real `kg serve` in a subprocess on a free port: for tests and benchmarks.

    with running_server(store_path, "--timeout", "2") as server:
        httpx.get(server.url + "sparql", params={"query": "ASK {}"})

The server binds port 0 itself and prints the address it got, so there is no race for a port.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

_READY = re.compile(r"kg serve: listening on (\S+)")


@dataclass
class RunningServer:
    url: str  # ends with "/"
    process: subprocess.Popen
    log: Path  # the server's stderr

    @property
    def pid(self) -> int:
        return self.process.pid

    def log_text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""


@contextmanager
def running_server(store: Path | str, *args: str, env: dict | None = None, queries: Path | str | None = None,
                   start_timeout: float = 60.0, host: str = "127.0.0.1") -> Iterator[RunningServer]:
    command = [sys.executable, "-c", "from kg.cli import app; app()", "--store", str(store)]
    if queries is not None:
        command += ["--queries", str(queries)]
    command += ["serve", "--host", host, "--port", "0", "--log-level", "warning", *args]
    full_env = {k: v for k, v in os.environ.items() if k not in ("KG_STORE", "KG_QUERIES", "KG_WRITE_TOKEN")}
    full_env.update(env or {})
    log = Path(tempfile.mkstemp(prefix="kg-serve-", suffix=".log")[1])
    with open(log, "wb") as err:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=err, env=full_env, text=True)
    found: list[str] = []

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            match = _READY.search(line)
            if match and not found:
                found.append(match.group(1))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(0.05)
    waited = 0.0
    while not found and process.poll() is None and waited < start_timeout:
        reader.join(0.1)
        waited += 0.1
    server = RunningServer(found[0] if found else "", process, log)
    try:
        if not found:
            raise RuntimeError(f"kg serve did not start (exit code {process.poll()}): {server.log_text()[-2000:]}")
        yield server
    finally:
        stop(process)
        log.unlink(missing_ok=True)


def stop(process: subprocess.Popen, grace: float = 10.0) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
