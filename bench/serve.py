"""What a reader waits for after a filter change: Streamlit's own server and websocket, without a browser.

.venv/bin/python bench/serve.py --sessions 1 --changes 30"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import json
import math
import os
import re
import shutil
import signal
import statistics
import sys
import tempfile
import time
import urllib.request
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import websockets
from streamlit.components.v2.bidi_component.main import _make_trigger_id
from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: the checkout's code is not an installed package
    sys.path.insert(0, str(ROOT))

from coopmap.deploy import server as deploy  # noqa: E402
from coopmap.deploy.server import descendants, healthy  # noqa: E402

FINISHED = ForwardMsg.ScriptFinishedStatus
WIDGET_ID = re.compile(r"^\$\$ID-[0-9a-f]+-(?P<key>.+)$")  # a keyed widget's id ends in -KEY
HISTORY = "coopmap_history"  # the page's history script: what it puts in the address is the address


# ----------------------------------------------------------------------------------------------
# The server


# With --gc-probe, the server imports this as sitecustomize: it logs every garbage collection (end time,
# generation, seconds, thread) and, for "freeze", calls gc.freeze() once the benchmark creates a flag file.
GC_PROBE = """
import gc, os, threading, time
_log = open(os.environ["BENCH_GC_LOG"], "a", buffering=1)
_began = {}
def _timed(phase, info):
    if phase == "start":
        _began[threading.get_ident()] = time.perf_counter()
    elif (began := _began.pop(threading.get_ident(), None)) is not None:
        spent = time.perf_counter() - began
        _log.write(f"{time.time():.6f} {info['generation']} {spent:.6f} {threading.current_thread().name}\\n")
gc.callbacks.append(_timed)
if _flag := os.environ.get("BENCH_GC_FREEZE"):
    def _freeze():
        while not os.path.exists(_flag):
            time.sleep(0.05)
        gc.collect()
        gc.freeze()
    threading.Thread(target=_freeze, name="bench-gc-freeze", daemon=True).start()
"""


class Server(deploy.Server):
    """The page's server, its log in a temporary folder, and with gc_probe its collections timed."""

    def __init__(self, data: str | None, gc_probe: str | None = None, options: list[str] = ()):
        self.folder = Path(tempfile.mkdtemp(prefix="bench-serve-"))
        self.gc_log = self.folder / "gc.log" if gc_probe else None
        self.freeze_flag = self.folder / "freeze" if gc_probe == "freeze" else None
        env = {}
        if gc_probe:
            (self.folder / "probe").mkdir()
            (self.folder / "probe" / "sitecustomize.py").write_text(GC_PROBE)
            paths = [str(self.folder / "probe"), os.environ.get("PYTHONPATH")]
            env["PYTHONPATH"] = os.pathsep.join(p for p in paths if p)
            env["BENCH_GC_LOG"] = str(self.gc_log)
            if self.freeze_flag:
                env["BENCH_GC_FREEZE"] = str(self.freeze_flag)
        # options: --set runner.postScriptGC=false, a what-if on Streamlit's own settings
        data_path = Path(data).expanduser().resolve() if data else None
        super().__init__(self.folder / "streamlit.log", data_path, env=env, options=options)

    def collections(self, start: float, end: float) -> list[tuple[int, float, str]]:
        """(generation, seconds, thread) of the server's collections that ended between two time.time()s."""
        if self.gc_log is None or not self.gc_log.exists():
            return []
        found = []
        for line in self.gc_log.read_text().splitlines():
            ended, generation, seconds, thread = line.split(" ", 3)
            if start <= float(ended) <= end:
                found.append((int(generation), float(seconds), thread))
        return found

    def stop(self) -> None:
        super().stop()
        shutil.rmtree(self.folder, ignore_errors=True)


def rss_mb(pid: int | list[int] | None) -> float | None:
    """Resident memory (VmRSS) of a process and its descendants (of several: their sum), in MB."""
    if pid is None:
        return None
    total_kb = 0
    for each in (d for p in ([pid] if isinstance(pid, int) else pid) for d in descendants(p)):
        try:
            status = Path(f"/proc/{each}/status").read_text()
        except OSError:
            continue
        match = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
        total_kb += int(match.group(1)) if match else 0
    return total_kb / 1024 if total_kb else None


# ----------------------------------------------------------------------------------------------
# One browser session over the websocket


class BenchError(Exception):
    """A change that did not finish cleanly: timeout, closed socket, exception on the page."""


@dataclass
class Run:
    """One script run as the session saw it: time to script_finished, bytes, and what arrived when."""

    seconds: float
    bytes: int  # the ForwardMsgs' own sizes
    wire: int  # what arrived over the socket: deflated frames, as a browser receives them
    messages: int
    refs: int  # ForwardMsgs answered from the session's cache (ref_hash)
    errors: list[str]
    arrivals: list[tuple[float, str]]  # (seconds since the BackMsg, label) of every ForwardMsg
    warnings: list[str] = field(default_factory=list)  # the link's notices: a warning, or a line of several


@dataclass
class Widget:
    id: str
    kind: str  # the Element oneof: slider, multiselect, button_group, text_input, …
    proto: object


class Session:
    """A browser tab: its websocket, URL query string, widget states and ForwardMsg cache."""

    def __init__(self, ws_url: str, origin: str, query: str, timeout: float, page_url: str | None = None):
        self.ws_url, self.origin, self.query, self.timeout = ws_url, origin, query, timeout
        self.page_url = page_url  # given: GET the page first and keep the cookies it sets, as a browser does
        self.cookie = ""  # the Cookie header the session sends (a proxy's sticky-session cookie)
        self.ws = None
        self.page_script_hash = ""
        self.widgets: dict[str, Widget] = {}  # by key, from the latest run
        self.states: dict[str, WidgetState] = {}  # by widget id: what the browser would send
        self.cache: dict[str, tuple[bytes, int]] = {}  # hash -> (message, run count when last used)
        self.run_count = 0
        self.max_cached_age = 2
        self.wire = 0  # bytes received on the socket so far

    async def open(self) -> Run:
        if self.page_url:
            self.cookie = await asyncio.to_thread(page_cookies, self.page_url, self.timeout)
        self.ws = await websockets.connect(
            self.ws_url,
            subprotocols=["streamlit"],
            origin=self.origin,
            max_size=None,
            compression="deflate",
            open_timeout=self.timeout,
            ping_interval=None,  # as browsers do
            additional_headers={"Cookie": self.cookie} if self.cookie else None,
        )
        protocol = self.ws.protocol
        receive = protocol.receive_data

        def counted(data: bytes) -> None:
            self.wire += len(data)
            receive(data)

        protocol.receive_data = counted
        return await self.rerun()

    async def close(self) -> None:
        if self.ws is not None:
            with contextlib.suppress(TimeoutError, websockets.WebSocketException, OSError):
                await asyncio.wait_for(self.ws.close(), 10)

    async def change(self, key: str, value_of: Callable[[Widget], WidgetState]) -> Run:
        """Set one keyed widget as the reader would, then rerun with all widget states."""
        widget = self.widgets.get(key)
        if widget is None:
            raise BenchError(f"no widget keyed {key!r} on the page")
        state = value_of(widget)
        state.id = state.id or widget.id  # a component's event has an id of its own, sent once
        self.states[state.id] = state
        return await self.rerun()

    async def rerun(self) -> Run:
        message = BackMsg()
        client = message.rerun_script
        client.query_string = self.query
        client.page_script_hash = self.page_script_hash
        client.widget_states.widgets.extend(self.states.values())
        client.cached_message_hashes.extend(self.cache)
        client.context_info.timezone = "UTC"
        client.context_info.locale = "en-US"
        client.context_info.url = self.origin + "/" + ("?" + self.query if self.query else "")
        started = time.monotonic()
        await self.ws.send(message.SerializeToString())
        return await self._receive(started)

    async def _receive(self, started: float) -> Run:
        total = count = refs = 0
        wire_before = self.wire
        errors: list[str] = []
        warnings: list[str] = []
        arrivals: list[tuple[float, str]] = []
        seen: dict[str, Widget] = {}
        deadline = started + self.timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise BenchError(f"no script_finished within {self.timeout:g} s")
            try:
                raw = await asyncio.wait_for(self.ws.recv(), left)
            except TimeoutError:
                raise BenchError(f"no script_finished within {self.timeout:g} s") from None
            except websockets.ConnectionClosed as closed:
                raise BenchError(f"websocket closed: {closed}") from None
            now = time.monotonic() - started
            total, count = total + len(raw), count + 1
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            if msg.WhichOneof("type") == "ref_hash":
                refs += 1
                cached = self.cache.get(msg.ref_hash)
                if cached is None:
                    errors.append(f"cache miss for ref_hash {msg.ref_hash}")
                    continue
                self.cache[msg.ref_hash] = (cached[0], self.run_count)
                msg = ForwardMsg()
                msg.ParseFromString(cached[0])
            elif msg.metadata.cacheable and msg.hash and msg.hash not in self.cache:
                self.cache[msg.hash] = (raw, self.run_count)
            kind = msg.WhichOneof("type")
            arrivals.append((now, label(msg)))
            if kind == "new_session":
                self.page_script_hash = msg.new_session.page_script_hash
                self.max_cached_age = msg.new_session.config.max_cached_message_age or self.max_cached_age
            elif kind == "page_info_changed":
                self.query = msg.page_info_changed.query_string  # the browser's URL follows the page
            elif kind == "session_event" and msg.session_event.HasField("script_compilation_exception"):
                problem = msg.session_event.script_compilation_exception
                errors.append(f"script compilation exception: {problem.type}: {problem.message}"[:500])
            elif kind == "delta" and msg.delta.WhichOneof("type") == "add_block":
                block = msg.delta.add_block
                if block.WhichOneof("type") == "expandable" and block.expandable.label.startswith("⚠️"):
                    warnings.append(block.expandable.label)  # several notices: one line, their list in it
            elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                element = msg.delta.new_element
                element_kind = element.WhichOneof("type")
                if element_kind == "exception":
                    problem = element.exception
                    errors.append(f"exception on the page: {problem.type}: {problem.message}"[:500])
                elif element_kind == "alert" and element.alert.format == Alert.ERROR:
                    errors.append(f"st.error on the page: {element.alert.body}"[:500])
                elif element_kind == "alert" and element.alert.format == Alert.WARNING:
                    warnings.append(element.alert.body)
                elif element_kind == "bidi_component" and element.bidi_component.component_name == HISTORY:
                    # The history script puts a link's first view in place of the address.
                    if (replaced := json.loads(element.bidi_component.json)["replace"]) is not None:
                        self.query = replaced
                elif element_kind is not None:
                    widget = getattr(element, element_kind)
                    widget_id = getattr(widget, "id", "") if "id" in widget.DESCRIPTOR.fields_by_name else ""
                    if match := WIDGET_ID.match(widget_id or ""):
                        seen[match.group("key")] = Widget(widget_id, element_kind, widget)
            elif kind == "script_finished":
                status = msg.script_finished
                if status == FINISHED.FINISHED_EARLY_FOR_RERUN:
                    continue  # a callback asked for another run: the reader waits for that one
                if status == FINISHED.FINISHED_WITH_COMPILE_ERROR:
                    errors.append("script finished with a compile error")
                self._finished_run(seen)
                return Run(now, total, self.wire - wire_before, count, refs, errors, arrivals, warnings)

    def _finished_run(self, seen: dict[str, Widget]) -> None:
        """What the frontend does at script_finished: forget stale widgets, age the message cache."""
        self.widgets = seen
        active = {w.id for w in seen.values()}
        self.states = {i: s for i, s in self.states.items() if i in active}
        self.run_count += 1
        self.cache = {h: c for h, c in self.cache.items() if self.run_count - c[1] <= self.max_cached_age}


def page_cookies(url: str, timeout: float) -> str:
    """GET the page as a browser's first request; the cookies it sets, as a Cookie header's value."""
    with urllib.request.urlopen(url, timeout=timeout) as answer:
        answer.read()
        return "; ".join(c.split(";", 1)[0].strip() for c in answer.headers.get_all("Set-Cookie") or [])


def label(msg: ForwardMsg) -> str:
    """A ForwardMsg in words, for the timeline of a run: kind and key of a widget, else kind and place."""
    kind = msg.WhichOneof("type")
    if kind != "delta":
        return kind or "?"
    delta_kind = msg.delta.WhichOneof("type")
    where = ".".join(str(i) for i in msg.metadata.delta_path)
    if delta_kind != "new_element":
        return f"{delta_kind} @{where}"
    element_kind = msg.delta.new_element.WhichOneof("type")
    widget = getattr(msg.delta.new_element, element_kind)
    widget_id = getattr(widget, "id", "") if "id" in widget.DESCRIPTOR.fields_by_name else ""
    if match := WIDGET_ID.match(widget_id or ""):  # a key ending in a hash (a data-dependent key) as -*
        return f"{element_kind}:{re.sub(r'-[0-9a-f]{8,}$', '-*', match.group('key'))}"
    return f"{element_kind} @{where}"


# ----------------------------------------------------------------------------------------------
# What a reader changes


def years(low: int, high: int) -> Callable[[Widget], WidgetState]:
    def value(_: Widget) -> WidgetState:
        state = WidgetState()
        state.double_array_value.data.extend([float(low), float(high)])
        return state

    return value


def text(words: str) -> Callable[[Widget], WidgetState]:
    def value(_: Widget) -> WidgetState:
        state = WidgetState()
        state.string_value = words
        return state

    return value


def options(widget: Widget) -> list[str]:
    """A multiselect's or pills' options as the page shows them (their wire values)."""
    if widget.kind == "button_group":  # the frontend puts back the leading icon Streamlit split off
        shown = widget.proto.options
        return [f"{o.content_icon} {o.content}".strip() if o.content_icon else o.content for o in shown]
    return list(widget.proto.options)


def choose(*wanted: str) -> Callable[[Widget], WidgetState]:
    """Options whose shown label starts with each name given (none: clear the selection); a country's
    label names it in both languages ('伊朗 · Iran' in Chinese), and either name is its start."""

    def value(widget: Widget) -> WidgetState:
        shown = options(widget)
        picked = []
        for name in wanted:
            found = [o for o in shown if any(part.startswith(name) for part in o.split(" · "))]
            if not found:
                raise BenchError(f"no option starting with {name!r} in {widget.kind} ({len(shown)} options)")
            picked.append(found[0])
        state = WidgetState()
        state.string_array_value.SetInParent()
        state.string_array_value.data.extend(picked)
        return state

    return value


def nth_option(index: int) -> Callable[[Widget], WidgetState]:
    def value(widget: Widget) -> WidgetState:
        shown = options(widget)
        state = WidgetState()
        state.string_array_value.SetInParent()
        state.string_array_value.data.append(shown[index % len(shown)])
        return state

    return value


def click(code: str) -> Callable[[Widget], WidgetState]:
    """The map's event for a click on a country, as static/map.js sends it: a trigger, sent with one run."""

    def value(widget: Widget) -> WidgetState:
        state = WidgetState()
        state.id = _make_trigger_id(widget.id, "events")
        state.json_trigger_value = json.dumps([{"event": "country", "value": code}])
        return state

    return value


# Each scenario is a cycle of (widget key, new value) that every session walks from its start, where each
# step changes the page (started elsewhere, a step could set a value already there: no change at all).
SCENARIOS: dict[str, list[tuple[str, Callable[[Widget], WidgetState]]]] = {
    "years": [("years", years(2012, 2014)), ("years", years(2010, 2016))],
    "search": [("search", text("police")), ("search", text("surveillance")), ("search", text(""))],
    "country": [("countries", choose("Iran")), ("countries", choose("Ecuador")), ("countries", choose())],
    "mix": [
        ("years", years(2012, 2014)),
        ("search", text("police")),
        ("countries", choose("Iran")),
        ("verdicts", nth_option(0)),
        ("years", years(2010, 2016)),
        ("search", text("")),
        ("countries", choose()),
        ("verdicts", choose()),
    ],
    "lang": [("lang", nth_option(1)), ("lang", nth_option(0))],
    "click": [("map", click("IRN")), ("map", click("ECU")), ("map", click("ARG"))],
}


# ----------------------------------------------------------------------------------------------
# The benchmark


@dataclass
class Result:
    sessions: int
    changes: int
    scenario: str
    runs: list[Run] = field(default_factory=list)  # successful changes
    first_run: Run | None = None  # session 1's first load, alone on the server
    other_loads: list[float] = field(default_factory=list)  # the other sessions' first loads, concurrent
    errors: list[str] = field(default_factory=list)
    wall_s: float = 0.0
    rss: float | None = None
    profile_runs: list[Run] = field(default_factory=list)  # session 1's changes, for --profile
    collections: list[tuple[int, float, str]] | None = None  # the server's, during the changes (--gc-probe)
    unchanged: int = 0  # changes after which the page's URL stayed the same (a value the page ignored?)
    client_cpu_s: float = 0.0  # this benchmark's own CPU time during the changes (it shares the machine)
    changes_started: float = 0.0  # time.monotonic() when the changes began (they took wall_s)
    minutes: list[tuple[int, float | None, int, int, float]] = field(default_factory=list)  # see sample_…

    @property
    def error_count(self) -> int:
        return len(self.errors)


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile: a value that was measured, not an interpolation."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


async def drive(
    session: Session, index: int, changes: int, scenario: str, think: float, result: Result, until: float
):
    """changes changes, or as many as fit before time.monotonic() reaches until (when not infinite)."""
    steps = SCENARIOS[scenario]
    for n in range(changes) if math.isinf(until) else itertools.count():
        if time.monotonic() >= until:
            return
        key, value_of = steps[n % len(steps)]
        before = session.query
        try:
            run = await session.change(key, value_of)
        except BenchError as problem:
            result.errors.append(f"session {index + 1}, change {n + 1} ({key}): {problem}")
            result.errors.extend(["(not sent: the session stopped)"] * (changes - n - 1))
            return
        if run.errors:
            result.errors.extend(f"session {index + 1}, change {n + 1} ({key}): {e}" for e in run.errors)
        else:
            result.runs.append(run)
            if index == 0:
                result.profile_runs.append(run)
        # Every filter of this page is in its URL: a change that leaves the URL alone was not applied.
        result.unchanged += session.query == before
        if think:
            await asyncio.sleep(think)


async def bench(url: str, pid: int | None, args: argparse.Namespace, server: Server | None = None) -> Result:
    parts = urlsplit(url)
    ws_url = urlunsplit(
        (
            "wss" if parts.scheme == "https" else "ws",
            parts.netloc,
            parts.path.rstrip("/") + "/_stcore/stream",
            "",
            "",
        )
    )
    origin = f"{parts.scheme}://{parts.netloc}"
    result = Result(args.sessions, args.changes, args.change)
    page = url.rstrip("/") + "/" if args.page_cookies else None
    sessions = [Session(ws_url, origin, args.query, args.timeout, page) for _ in range(args.sessions)]

    async def load(index: int) -> bool:
        started = time.monotonic()
        try:
            run = await sessions[index].open()
        except (BenchError, OSError, TimeoutError, websockets.WebSocketException) as problem:
            result.errors.append(f"session {index + 1}, first load: {problem or type(problem).__name__}")
            return False
        if run.errors:
            result.errors.extend(f"session {index + 1}, first load: {e}" for e in run.errors)
            return False
        seconds = time.monotonic() - started  # connect, handshake and first run
        if index == 0:
            result.first_run = replace_seconds(run, seconds)
        else:
            result.other_loads.append(seconds)
        return True

    try:
        # Session 1 loads alone (on a server just started: a cold load); the others join together.
        loaded = [await load(0)]
        loaded += await asyncio.gather(*(load(i) for i in range(1, args.sessions)))
        ready = [i for i, ok in enumerate(loaded) if ok]
        result.errors.extend(["(not sent: no first load)"] * args.changes * (args.sessions - len(ready)))
        if server is not None and server.freeze_flag is not None:
            await frozen(server)
        started, wall_started, cpu_started = time.monotonic(), time.time(), time.process_time()
        result.changes_started = started
        until = started + args.minutes * 60 if args.minutes else math.inf
        sampler = asyncio.create_task(sample_each_minute(pid, started, result))
        await asyncio.gather(
            *(drive(sessions[i], i, args.changes, args.change, args.think, result, until) for i in ready)
        )
        sampler.cancel()
        if args.minutes:  # as many as fitted
            result.changes = len(result.runs) // max(1, len(ready))
        result.wall_s = time.monotonic() - started
        result.client_cpu_s = time.process_time() - cpu_started
        if server is not None and server.gc_log is not None:
            result.collections = server.collections(wall_started, time.time())
        result.rss = rss_mb(pid)  # while every session is still open
    finally:
        await asyncio.gather(*(s.close() for s in sessions))
    return result


async def sample_each_minute(pid: int | list[int] | None, started: float, result: Result) -> None:
    """The server's memory, the changes done and their median wait, at the end of every minute."""
    done = 0
    for minute in itertools.count(1):
        await asyncio.sleep(started + minute * 60 - time.monotonic())
        waits = [run.seconds * 1000 for run in result.runs[done:]]
        done = len(result.runs)
        median = statistics.median(waits) if waits else math.nan
        result.minutes.append((minute, rss_mb(pid), len(waits), len(result.errors), median))


async def frozen(server: Server) -> None:
    """Ask the probe to freeze the server's heap as it is after the first loads, and wait until it has."""
    server.freeze_flag.touch()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if any(thread == "bench-gc-freeze" for _, _, thread in server.collections(0, math.inf)):
            return
        await asyncio.sleep(0.1)
    raise BenchError("the server's heap was not frozen within 30 s")


def replace_seconds(run: Run, seconds: float) -> Run:
    return Run(seconds, run.bytes, run.wire, run.messages, run.refs, run.errors, run.arrivals, run.warnings)


# ----------------------------------------------------------------------------------------------
# Reporting

COLUMNS = [
    "sessions",
    "changes",
    "change",
    "p50 ms",
    "p95 ms",
    "max ms",
    "errors",
    "changes/s",
    "bytes/rerun p50",
    "bytes/rerun max",
    "wire/rerun p50",
    "wire/rerun max",
    "server RSS MB",
    "first load ms",
]


def table_row(result: Result) -> list[str]:
    latencies = [r.seconds * 1000 for r in result.runs]
    sizes = [r.bytes for r in result.runs]
    wire = [r.wire for r in result.runs]

    def ms(values: list[float], share: float) -> str:
        return f"{percentile(values, share):.0f}" if values else "-"

    return [
        str(result.sessions),
        str(result.changes),
        result.scenario,
        ms(latencies, 0.5),
        ms(latencies, 0.95),
        ms(latencies, 1.0),
        str(result.error_count),
        f"{len(result.runs) / result.wall_s:.2f}" if result.wall_s and result.runs else "0",
        f"{statistics.median(sizes):,.0f}" if sizes else "-",
        f"{max(sizes):,}" if sizes else "-",
        f"{statistics.median(wire):,.0f}" if wire else "-",
        f"{max(wire):,}" if wire else "-",
        f"{result.rss:.0f}" if result.rss is not None else "n/a",
        f"{result.first_run.seconds * 1000:.0f}" if result.first_run else "-",
    ]


def markdown_table(rows: list[list[str]], columns: list[str] = COLUMNS) -> str:
    lines = ["| " + " | ".join(columns) + " |", "|" + "|".join("---" for _ in columns) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def profile(runs: list[Run], top: int) -> str:
    """Where a change's time goes: the waits between consecutive ForwardMsgs of session 1's changes.

    The server sends each element as the script draws it, so the wait before a message is the script's
    work since the previous one (plus the event loop's send latency, a few ms). Waits are averaged over
    all changes (a wait that occurs in half the changes counts half). A pause that holds the interpreter
    (Streamlit's garbage collection after each run) delays whichever message the event loop was about to
    send, so it lands at a varying place here: --gc-probe measures it directly.
    """
    waits: dict[str, float] = defaultdict(float)
    for run in runs:
        previous_at, previous = 0.0, "BackMsg sent"
        for at, what in run.arrivals:
            waits[f"{previous} -> {what}"] += at - previous_at
            previous_at, previous = at, what
    if not waits:
        return ""
    mean = statistics.fmean(r.seconds for r in runs)
    ranked = sorted(((total / len(runs), k) for k, total in waits.items()), reverse=True)[:top]
    lines = [f"Longest waits in a change (session 1, {len(runs)} changes, mean {mean * 1000:.0f} ms):"]
    lines += [f"  {wait * 1000:6.0f} ms {wait / mean:4.0%}  {what}" for wait, what in ranked]
    return "\n".join(lines)


def garbage_collection(result: Result) -> str:
    """How long the server's garbage collector held the interpreter during the changes."""
    found = result.collections or []
    full = [seconds for generation, seconds, _ in found if generation == 2]
    total = sum(seconds for _, seconds, _ in found)
    in_scripts = sum(seconds for _, seconds, thread in found if thread.startswith("ScriptRunner"))
    line = f"server GC during the changes ({result.wall_s:.1f} s): {len(found)} collections, {total:.2f} s"
    if result.wall_s:
        line += f" ({total / result.wall_s:.0%} of the time; {in_scripts:.2f} s in script runs)"
    if full:
        line += f"; {len(full)} full (gen 2): median {statistics.median(full) * 1000:.0f} ms"
        line += f", max {max(full) * 1000:.0f} ms"
    return line


def arguments(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line read and checked: an error exits with a message, as argparse does."""
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog='Method and results: bench/README.md, section "Server time per interaction".',
    )
    parser.add_argument("--sessions", type=int, default=1, help="concurrent sessions (browser tabs)")
    parser.add_argument("--changes", type=int, default=30, help="filter changes per session")
    parser.add_argument("--change", choices=sorted(SCENARIOS), default="years", help="what each change sets")
    parser.add_argument("--url", help="a running server (http://HOST:PORT[/base]) instead of starting one")
    parser.add_argument(
        "--pid",
        type=lambda text: [int(p) for p in text.split(",")],
        help="with --url: the server's PID, to read its memory (several, comma-separated: their sum)",
    )
    parser.add_argument(
        "--page-cookies",
        action="store_true",
        help="each session GETs the page first and sends the cookies it set, as a browser does "
        "(a proxy that keeps sessions on one server by cookie needs them)",
    )
    parser.add_argument("--data", help="the data package the started server shows (its --data)")
    parser.add_argument("--query", default="", help="the first URL's query string, e.g. 'lang=zh'")
    parser.add_argument(
        "--minutes",
        type=float,
        default=0.0,
        help="change filters for this long instead of --changes times (a soak); prints the server's memory "
        "each minute",
    )
    parser.add_argument("--think", type=float, default=0.0, help="seconds a reader waits between changes")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds a run may take")
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="list the N longest waits")
    parser.add_argument(
        "--gc-probe",
        choices=["log", "freeze"],
        help="log the started server's garbage collections; 'freeze': also gc.freeze() after the first loads",
    )
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="OPTION=VALUE",
        help="a Streamlit option for the started server, e.g. runner.postScriptGC=false (repeatable)",
    )
    args = parser.parse_args(argv)
    if args.sessions < 1 or args.changes < 0:
        parser.error("--sessions must be at least 1 and --changes not negative")
    if args.url and (args.data or args.gc_probe or args.set):
        parser.error("--data, --gc-probe and --set apply to a server this benchmark starts, not to --url")
    if any("=" not in option for option in args.set):
        parser.error("--set takes OPTION=VALUE")

    return args


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    server = None
    # A SIGTERM (a timeout killing the benchmark) unwinds like Ctrl-C, so the server is stopped too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        if args.url:
            url, pid = args.url.rstrip("/"), args.pid
            if not healthy(url, time.monotonic() + 10):
                print(f"error: {url}/_stcore/health does not answer", file=sys.stderr)
                return 2
        else:
            server = Server(args.data, args.gc_probe, args.set)
            url, pid = server.url, server.pid
            if not server.wait_healthy():
                print(f"error: streamlit did not start; its log:\n{server.log_tail()}", file=sys.stderr)
                return 2
        result = asyncio.run(bench(url, pid, args, server))
    finally:
        if server is not None:
            server.stop()

    print(markdown_table([table_row(result)]))
    if result.first_run:
        first = result.first_run
        print(
            f"first load: {first.seconds * 1000:.0f} ms, {first.bytes:,} bytes ({first.wire:,} on the wire), "
            f"{first.messages} messages"
        )
    if result.other_loads:
        loads = [s * 1000 for s in result.other_loads]
        print(
            f"other sessions' first loads, together: p50 {percentile(loads, 0.5):.0f} ms, "
            f"max {max(loads):.0f} ms"
        )
    if result.runs:
        messages = statistics.median(r.messages for r in result.runs)
        refs = statistics.fmean(r.refs for r in result.runs)
        print(
            f"per change: median {messages:.0f} messages, on average {refs:.1f} answered from the "
            f"session's cache"
        )
        print(f"changes took {result.wall_s:.1f} s; this client used {result.client_cpu_s:.1f} s of CPU")
    if result.unchanged:
        print(f"warning: {result.unchanged} changes left the page's URL as it was: were they ignored?")
    if result.minutes:
        print(
            markdown_table(
                [
                    [str(m), f"{rss:.0f}" if rss else "?", str(n), str(errors), f"{median:.0f}"]
                    for m, rss, n, errors, median in result.minutes
                ],
                ["minute", "server RSS MB", "changes", "errors so far", "p50 ms"],
            )
        )
    if result.collections is not None:
        print(garbage_collection(result))
    if args.profile and result.profile_runs:
        print(profile(result.profile_runs, args.profile))
    for problem in result.errors[:20]:
        print("error:", problem, file=sys.stderr)
    if len(result.errors) > 20:
        print(f"error: … and {len(result.errors) - 20} more", file=sys.stderr)
    return 1 if result.errors else 0


if __name__ == "__main__":
    sys.exit(main())
