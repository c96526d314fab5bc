"""One `streamlit run dashboard.py` process on 127.0.0.1, started and ended by its own PID: the deployment
runs N of them behind nginx, and the tests and benchmarks start theirs with it. It lives here, not in
bench/, because the product may not import the benchmarks."""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Mapping, Sequence
from pathlib import Path

from coopmap.paths import ROOT

START_S = 90  # a cold start validates the package and imports geopandas: seconds on a busy machine


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def healthy(url: str, deadline: float, process: subprocess.Popen | None = None) -> bool:
    """Whether url/_stcore/health answers 200 before the deadline (False at once if process ended)."""
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


def end_with_parent() -> None:
    """Run in a child before it starts: SIGTERM to it when its parent dies, even killed."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def stop_process(process: subprocess.Popen) -> None:
    """SIGTERM, then SIGKILL if the process has not ended within 15 s."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


def descendants(pid: int) -> list[int]:
    """The process and its children, grandchildren, … (from /proc/PID/task/*/children)."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for children in Path(f"/proc/{current}/task").glob("*/children"):
            with contextlib.suppress(OSError):  # the process may have ended meanwhile
                todo.extend(int(c) for c in children.read_text().split())
    return found


class Server:
    """The page's server on 127.0.0.1 and a free port (or the port given: a restart on the one the pages
    know), showing the package in data (else the page's default), its output in log; it ends when its
    parent does. The tests and bench/ start theirs with this too, so all measure one launcher.

    It runs in cwd, where Streamlit reads .streamlit/config.toml: data and script must be absolute.
    env adds variables to this process's own; options are more `streamlit run` flags, as flag=value;
    base_path serves the page under /base_path/ (server.baseUrlPath), as a proxy's sub-path would.
    """

    def __init__(
        self,
        log: Path,
        data: Path | None = None,
        *,
        port: int | None = None,
        env: Mapping[str, str] | None = None,
        options: Sequence[str] = (),
        script: Path = ROOT / "dashboard.py",
        cwd: Path = ROOT,
        base_path: str = "",
    ):
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}" + (f"/{base_path}" if base_path else "")
        self.log = log
        command = [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(self.port)]
        command += ["--server.address", "127.0.0.1", "--server.headless", "true"]
        command += ["--browser.gatherUsageStats", "false"]
        for option in [*options, *([f"server.baseUrlPath={base_path}"] if base_path else [])]:
            name, _, value = option.partition("=")
            command += [f"--{name}", value]
        if data is not None:
            command += ["--", "--data", str(data)]
        with log.open("wb") as out:
            self.process = subprocess.Popen(
                command,
                cwd=cwd,
                env={**os.environ, **(env or {})},
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                preexec_fn=end_with_parent,
                process_group=0,  # a terminal's Ctrl-C reaches the launcher alone
            )
        self.pid = self.process.pid

    def wait_healthy(self, deadline: float | None = None) -> bool:
        """Whether it answers before the deadline (a time.monotonic(); START_S from now if None)."""
        return healthy(self.url, deadline or time.monotonic() + START_S, self.process)

    def log_tail(self, chars: int = 3000) -> str:
        return self.log.read_text(errors="replace")[-chars:]

    def stop(self) -> None:
        stop_process(self.process)
