"""How throughput grows with server processes: bench/serve.py's client through the deployment recipe's nginx.

.venv/bin/python bench/scale.py --processes 1,2 --sessions 20 --changes 10 --change mix"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import re
import signal
import statistics
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script: the checkout's code is not an installed package
sys.path.insert(0, str(ROOT / "bench"))  # bench/ is no package: serve.py sits beside
import serve  # noqa: E402

from coopmap.deploy import cluster as deploy  # noqa: E402
from coopmap.deploy.cluster import NginxMissing, find_nginx, route_name  # noqa: E402
from coopmap.deploy.server import Server, descendants  # noqa: E402


class Cluster(deploy.Cluster):
    """The deployment on free ports of 127.0.0.1, optionally one core per server, and its log read back."""

    def __init__(self, processes: int, data: str | None = None, pin: bool = False):
        super().__init__(processes, Path(data).expanduser().resolve() if data else None)
        self.pin = pin

    def start_server(self, index: int) -> Server:
        """A server; with pin, on one core of its own (the n-th core this script may use), for good."""
        if not self.pin:
            return super().start_server(index)
        allowed = os.sched_getaffinity(0)
        os.sched_setaffinity(0, {sorted(allowed)[index % len(allowed)]})  # the child inherits it
        try:
            return super().start_server(index)
        finally:
            os.sched_setaffinity(0, allowed)

    def routes_served(self) -> list[tuple[str, str, str]]:
        """(request, route cookie sent, route of the process that served it) for each request nginx logged."""
        if not self.access_log.exists():
            return []
        found = []
        for line in self.access_log.read_text(errors="replace").splitlines():
            if match := re.search(r'"(?P<request>[^"]*)" route=(?P<sent>\S*) .* served_by=(?P<by>\S*)', line):
                found.append((match["request"], match["sent"].replace("-", ""), match["by"]))
        return found

    def sessions_per_process(self) -> Counter:
        """Websockets (sessions) each process served, from nginx's log (written when each one closes)."""
        return Counter(by for request, _, by in self.routes_served() if " /_stcore/stream " in request)


# ----------------------------------------------------------------------------------------------
# CPU time: who used the machine during a run


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time of these processes (all their threads) so far, from /proc/PID/stat."""
    ticks = 0
    for pid in pids:
        with contextlib.suppress(OSError, IndexError, ValueError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return ticks / os.sysconf("SC_CLK_TCK")


def machine_busy_seconds() -> float:
    """CPU time every process on the machine has used since boot (all cores), from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + (values[4] if len(values) > 4 else 0)  # idle + iowait
    guest = sum(values[8:10]) if len(values) > 9 else 0  # already counted in user and nice
    return (sum(values) - idle - guest) / os.sysconf("SC_CLK_TCK")


@dataclass
class Cpu:
    wall: float = 0.0
    servers: list[float] = field(default_factory=list)
    nginx: float = 0.0
    client: float = 0.0
    machine: float = 0.0

    @property
    def others(self) -> float:
        return max(0.0, self.machine - sum(self.servers) - self.nginx - self.client)


def cpu_snapshot(servers: list[int], nginx: list[int]) -> Cpu:
    """A few reads of /proc, cheap enough to repeat five times a second beside the benchmark."""
    return Cpu(
        time.monotonic(),
        [cpu_seconds([pid]) for pid in servers],
        cpu_seconds(nginx),
        cpu_seconds([os.getpid()]),
        machine_busy_seconds(),
    )


class Sampler:
    """CPU snapshots every 0.2 s in a thread, to cut out the changes' window afterwards."""

    def __init__(self, cluster: Cluster, every: float = 0.2):
        self.every = every
        self.servers = cluster.server_pids  # a server has no child processes; nginx has its workers
        self.nginx = descendants(cluster.nginx.pid) if cluster.nginx else []
        self.snapshots: list[Cpu] = []
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._run, name="cpu-sampler", daemon=True)

    def _run(self) -> None:
        while not self.done.is_set():
            self.snapshots.append(cpu_snapshot(self.servers, self.nginx))
            self.done.wait(self.every)

    def __enter__(self) -> Sampler:
        self.thread.start()
        return self

    def __exit__(self, *_) -> None:
        self.done.set()
        self.thread.join()
        self.snapshots.append(cpu_snapshot(self.servers, self.nginx))

    def between(self, start: float, end: float) -> Cpu:
        """CPU used from the last snapshot at or before start to the first at or after end."""
        before = [s for s in self.snapshots if s.wall <= start] or self.snapshots[:1]
        after = [s for s in self.snapshots if s.wall >= end] or self.snapshots[-1:]
        return cpu_between(before[-1], after[0])


def cpu_between(before: Cpu, after: Cpu) -> Cpu:
    return Cpu(
        after.wall - before.wall,
        [b - a for a, b in zip(before.servers, after.servers, strict=True)],
        after.nginx - before.nginx,
        after.client - before.client,
        after.machine - before.machine,
    )


# ----------------------------------------------------------------------------------------------
# The benchmark through the proxy


@dataclass
class Measured:
    processes: int
    pinned: bool
    result: serve.Result
    sessions_per_process: list[int]
    rss_per_process: list[float]
    cpu: Cpu
    load_before: str

    @property
    def changes_per_s(self) -> float:
        return len(self.result.runs) / self.result.wall_s if self.result.wall_s else 0.0


def bench_args(sessions: int, changes: int, change: str, timeout: float) -> argparse.Namespace:
    """What bench/serve.py's bench() reads from its command line."""
    return argparse.Namespace(
        sessions=sessions,
        changes=changes,
        change=change,
        timeout=timeout,
        query="",
        think=0.0,
        minutes=0.0,
        page_cookies=True,  # each session loads the page first and gets the route cookie
    )


def measure(cluster: Cluster, args: argparse.Namespace) -> Measured:
    """bench/serve.py's sessions and changes through the proxy, and the CPU each part used in the changes."""
    load_before = load_average()
    with Sampler(cluster) as sampler:
        result = asyncio.run(serve.bench(cluster.url, cluster.server_pids, args))
    cpu = sampler.between(result.changes_started, result.changes_started + result.wall_s)
    rss = [serve.rss_mb(pid) or 0.0 for pid in cluster.server_pids]
    time.sleep(0.3)  # nginx logs a websocket when it closes
    spread = cluster.sessions_per_process()
    per_process = [spread.get(route_name(i), 0) for i in range(cluster.processes)]
    return Measured(cluster.processes, cluster.pin, result, per_process, rss, cpu, load_before)


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


COLUMNS = [
    "processes",
    "sessions",
    "changes",
    "change",
    "p50 ms",
    "p95 ms",
    "max ms",
    "errors",
    "changes/s",
    "sessions per process",
    "server RSS MB",
    "load before",
]


def table_row(m: Measured) -> list[str]:
    row = dict(zip(serve.COLUMNS, serve.table_row(m.result), strict=True))
    kept = ("sessions", "changes", "change", "p50 ms", "p95 ms", "max ms", "errors", "changes/s")
    return [
        f"{m.processes}{' pinned' if m.pinned else ''}",
        *(row[c] for c in kept),
        " + ".join(str(n) for n in m.sessions_per_process),
        f"{sum(m.rss_per_process):.0f} (" + " + ".join(f"{r:.0f}" for r in m.rss_per_process) + ")",
        m.load_before,
    ]


def cpu_line(m: Measured) -> str:
    c = m.cpu
    servers = " + ".join(f"{s:.1f}" for s in c.servers)
    if not c.wall:
        return f"{m.processes} process(es): no changes timed"
    return (
        f"{m.processes} process(es), CPU during the changes ({c.wall:.1f} s): servers {servers} s, "
        f"nginx {c.nginx:.1f} s, client {c.client:.1f} s, rest of the machine {c.others:.1f} s; "
        f"machine busy {c.machine / c.wall:.2f} of {os.cpu_count()} cores"
    )


def speed_ups(measured: list[Measured]) -> list[str]:
    """Median changes/s of each process count, and its ratio to the first count's."""
    by_count: dict[int, list[float]] = {}
    for m in measured:
        by_count.setdefault(m.processes, []).append(m.changes_per_s)
    counts = list(by_count)
    base = statistics.median(by_count[counts[0]])
    lines = []
    for n in counts:
        median = statistics.median(by_count[n])
        runs = ", ".join(f"{v:.2f}" for v in by_count[n])
        ratio = f"{median / base:.2f}x" if base else "n/a"
        lines.append(f"{n} process(es): median {median:.2f} changes/s ({runs}); vs {counts[0]}: {ratio}")
    return lines


def arguments(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line read and checked: an error exits with a message, as argparse does."""
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog='Method and results: bench/README.md, section "Several processes behind nginx".',
    )
    parser.add_argument("--processes", default="1,2", help="server processes behind the proxy, e.g. 2 or 1,2")
    parser.add_argument("--sessions", type=int, default=20, help="concurrent sessions (browser tabs)")
    parser.add_argument("--changes", type=int, default=10, help="filter changes per session")
    parser.add_argument("--change", choices=sorted(serve.SCENARIOS), default="mix", help="what a change sets")
    parser.add_argument("--data", help="the data package the servers show (their --data)")
    parser.add_argument("--repeat", type=int, default=1, help="run each count this many times, interleaved")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds a run may take")
    parser.add_argument(
        "--pin",
        action="store_true",
        help="pin each server to a core of its own (server i to core i): one interpreter per core",
    )
    parser.add_argument("--serve", action="store_true", help="start the first count, keep it up until Ctrl-C")
    args = parser.parse_args(argv)
    try:
        args.counts = counts = [int(n) for n in args.processes.split(",")]
    except ValueError:
        parser.error("--processes takes counts such as 2 or 1,2")
    if not counts or min(counts) < 1 or args.sessions < 1 or args.changes < 0 or args.repeat < 1:
        parser.error("--processes and --sessions must be at least 1, --changes not negative, --repeat >= 1")

    return args


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    counts = args.counts
    # A SIGTERM unwinds like Ctrl-C, so everything started is stopped too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        find_nginx()
    except NginxMissing as missing:
        print(f"error: {missing}", file=sys.stderr)
        return 2
    if args.serve:
        return serve_until_stopped(counts[0], args.data, args.pin)

    measured: list[Measured] = []
    for attempt in range(args.repeat):
        for n in counts:
            print(f"run {attempt + 1}/{args.repeat}: {n} process(es), load {load_average()}", file=sys.stderr)
            try:
                with Cluster(n, args.data, pin=args.pin) as cluster:
                    measured.append(
                        measure(cluster, bench_args(args.sessions, args.changes, args.change, args.timeout))
                    )
            except RuntimeError as failed:
                print(f"error: {failed}", file=sys.stderr)
                return 2
    print(serve.markdown_table([table_row(m) for m in measured], COLUMNS))
    for m in measured:
        print(cpu_line(m))
    if len(set(counts)) > 1 or args.repeat > 1:
        print("\n".join(speed_ups(measured)))
    errors = [e for m in measured for e in m.result.errors]
    for problem in errors[:20]:
        print("error:", problem, file=sys.stderr)
    return 1 if errors else 0


def serve_until_stopped(processes: int, data: str | None, pin: bool) -> int:
    try:
        with Cluster(processes, data, pin=pin) as cluster:
            if pin:
                print(
                    ", ".join(
                        f"{cluster.route_of(s)} on cores {sorted(os.sched_getaffinity(s.pid))}"
                        for s in cluster.servers
                    ),
                    file=sys.stderr,
                )
            return deploy.serve_until_stopped(cluster)
    except RuntimeError as failed:
        print(f"error: {failed}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
