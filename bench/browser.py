"""Time-to-map and a map click in chromium: what the dashboard costs over its map alone (bench/bare.py).

.venv/bin/python bench/browser.py --rounds 5  # a map click after each dashboard load"""

from __future__ import annotations

import argparse
import base64
import math
import os
import re
import shutil
import signal
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Browser, Page, Playwright, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))  # bench/ is no package: serve.py sits beside

import serve  # noqa: E402

from coopmap.ui.projection import world_point  # noqa: E402
from tests.support.browser import CHROMIUM_ARGS  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
GEOMETRY = "/app/static/countries-equal-earth.geojson"  # both pages draw this one file
FILL = (236, 236, 236)  # NO_REPORTS: the static countries layer's fill
DRAWN_SHARE = 0.05
# Places to click: inside each country, far from its borders (as in tests/test_browser.py).
CLICKS = [("Iran", "IRN", (54, 32)), ("Argentina", "ARG", (-65, -35))]
FINISHED = ForwardMsg.ScriptFinishedStatus
CANVAS = '[data-testid="stDeckGlJsonChart"] canvas, .coopmap-map canvas'
SHADE = "Shade the countries"  # bench/bare.py's one widget
BARE_PAGES = ("bare", "around")  # bench/bare.py alone, and among the elements of the dashboard's page

RECORDER = """
(() => {
  if (window.__bench) return;
  const B = (window.__bench = {recv: [], sent: [], states: [], canvas: [], urls: [], long: [], clicks: [],
                               heading: null, headingAt: null});
  const copy = (d) => (d instanceof ArrayBuffer ? d.slice(0) : ArrayBuffer.isView(d) ? d.slice(0) : d);
  const Native = window.WebSocket;
  class Recorded extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (e) => B.recv.push([performance.now(), copy(e.data)]));
    }
    send(data) { B.sent.push([performance.now(), copy(data)]); return super.send(data); }
  }
  window.WebSocket = Recorded;
  const getContext = HTMLCanvasElement.prototype.getContext;
  HTMLCanvasElement.prototype.getContext = function (type, attributes) {
    if (typeof type === "string" && type.startsWith("webgl")) {
      attributes = {...(attributes || {}), preserveDrawingBuffer: true};
    }
    return getContext.call(this, type, attributes);
  };
  for (const name of ["pushState", "replaceState"]) {
    const original = history[name];
    history[name] = function (...args) {
      const out = original.apply(this, args);
      B.urls.push([performance.now(), location.search]);
      return out;
    };
  }
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) B.long.push([e.startTime, e.duration]);
    }).observe({type: "longtask", buffered: true});
  } catch (e) {}
  const small = document.createElement("canvas");
  small.width = 96; small.height = 48;
  const ctx = small.getContext("2d", {willReadFrequently: true});
  ctx.imageSmoothingEnabled = false;
  let lastState, lastCanvas = "";
  const state = () => {
    const app = document.querySelector('[data-testid="stApp"]');
    const now = app ? app.getAttribute("data-test-script-state") : null;
    if (now !== lastState) { B.states.push([performance.now(), now]); lastState = now; }
  };
  const sample = () => {
    state();
    const t = performance.now();
    const canvas = document.querySelector('[data-testid="stDeckGlJsonChart"] canvas, .coopmap-map canvas');
    let row = [0, 0, 0, 0, 0];
    if (canvas && canvas.width && canvas.height) {
      ctx.fillStyle = "#ffffff"; ctx.fillRect(0, 0, 96, 48);
      ctx.drawImage(canvas, 0, 0, 96, 48);
      const px = ctx.getImageData(0, 0, 96, 48).data;
      let fill = 0;
      for (let i = 0; i < px.length; i += 4) {
        const [r, g, b] = [px[i], px[i + 1], px[i + 2]];
        if (Math.abs(r - FILL_R) <= 6 && Math.abs(g - FILL_G) <= 6 && Math.abs(b - FILL_B) <= 6) fill++;
      }
      const box = canvas.getBoundingClientRect();
      const ratio = window.devicePixelRatio || 1;
      row = [Math.round(box.width * ratio), Math.round(box.height * ratio), canvas.width, canvas.height,
             Math.round(100 * fill / (96 * 48)) / 100];
    }
    const key = row.join(" ");
    if (key !== lastCanvas) { B.canvas.push([t, ...row]); lastCanvas = key; }
    if (B.heading && B.headingAt === null) {
      for (const h of document.querySelectorAll('[data-testid="stMain"] h2')) {
        if (h.textContent.trim() === B.heading) { B.headingAt = t; break; }
      }
    }
  };
  const scriptState = {attributes: true, attributeFilter: ["data-test-script-state"], subtree: true};
  new MutationObserver(state).observe(document, scriptState);
  setInterval(sample, 100);
  // After a click, every frame for 3 s: when the map changed is known to the frame, on both pages alike.
  window.addEventListener("click", () => {
    B.clicks.push(performance.now());
    const until = performance.now() + 3000;
    const frame = () => { sample(); if (performance.now() < until) requestAnimationFrame(frame); };
    requestAnimationFrame(frame);
  }, true);
  new MutationObserver(() => {
    if (B.heading && B.headingAt === null) sample();
  }).observe(document, {childList: true, subtree: true});
})();
"""
for _channel, _value in zip(("FILL_R", "FILL_G", "FILL_B"), FILL, strict=True):
    RECORDER = RECORDER.replace(_channel, str(_value))

# Everything recorded, with each WebSocket frame as base64, for Python to decode with Streamlit's protobufs.
COLLECT = """() => {
  const b = window.__bench;
  const enc = (d) => {
    if (typeof d === "string") return null;
    const u = new Uint8Array(d.buffer ? d.buffer.slice(d.byteOffset, d.byteOffset + d.byteLength) : d);
    let s = "";
    for (let i = 0; i < u.length; i += 0x8000) {
      s += String.fromCharCode.apply(null, u.subarray(i, i + 0x8000));
    }
    return btoa(s);
  };
  return {
    origin: performance.timeOrigin, now: performance.now(), url: location.href,
    recv: b.recv.map(([t, d]) => [t, enc(d)]), sent: b.sent.map(([t, d]) => [t, enc(d)]),
    states: b.states, canvas: b.canvas, urls: b.urls, long: b.long, clicks: b.clicks, headingAt: b.headingAt,
    geometry: performance.getEntriesByType("resource").filter((e) => e.name.includes("GEOMETRY"))
      .map((e) => [e.startTime, e.responseEnd, e.transferSize]),
  };
}""".replace("GEOMETRY", GEOMETRY)

# deck.gl's tooltip names the country hovered: picking works (it starts only once the layers are loaded).
NAMED = """name => [...document.querySelectorAll(".deck-tooltip, [role=tooltip]")]
  .some((tooltip) => tooltip.textContent.includes(name))"""

# What the benchmark polls while it waits: the page's state now, cheaply.
STATUS = """() => {
  const b = window.__bench;
  if (!b) return null;
  const c = b.canvas.length ? b.canvas[b.canvas.length - 1] : [0, 0, 0, 0, 0, 0];
  const g = performance.getEntriesByType("resource").filter((e) => e.name.includes("GEOMETRY"));
  return {now: performance.now(), state: b.states.length ? b.states[b.states.length - 1] : [0, null],
          canvas: c, geometry: g.length > 0 && g.every((e) => e.responseEnd > 0), headingAt: b.headingAt,
          search: location.search};
}""".replace("GEOMETRY", GEOMETRY)


# ----------------------------------------------------------------------------------------------
# The servers

# With --trace, the servers import this as sitecustomize: it logs when the server received each BackMsg
# and queued each ForwardMsg for the browser (epoch seconds), so a trace shows the server's clock beside
# the page's. It patches Streamlit's classes once their modules are loaded.
PROBE = """
import os, sys, threading, time
_log = open(os.environ["BENCH_SENT_LOG"], "a", buffering=1)
def _label(msg):
    kind = msg.WhichOneof("type")
    if kind == "script_finished":
        return "script_finished " + msg.ScriptFinishedStatus.Name(msg.script_finished)
    if kind == "delta":
        new = msg.delta.new_element.WhichOneof("type") if msg.delta.HasField("new_element") else None
        where = ".".join(map(str, msg.metadata.delta_path))
        return "delta " + (new or msg.delta.WhichOneof("type") or "?") + " @" + where
    return kind or "?"
def _patch():
    names = ("streamlit.web.server.starlette.starlette_websocket", "streamlit.runtime.runtime")
    while not all(n in sys.modules and hasattr(sys.modules[n], a) for n, a in
                  zip(names, ("StarletteSessionClient", "Runtime"))):
        time.sleep(0.01)
    client = sys.modules[names[0]].StarletteSessionClient
    write = client.write_forward_msg
    def write_forward_msg(self, msg):
        _log.write(f"{time.time():.6f} server -> {_label(msg)}\\n")
        return write(self, msg)
    client.write_forward_msg = write_forward_msg
    runtime = sys.modules[names[1]].Runtime
    handle = runtime.handle_backmsg
    def handle_backmsg(self, session_id, msg, **more):
        _log.write(f"{time.time():.6f} server <- {msg.WhichOneof('type')}\\n")
        return handle(self, session_id, msg, **more)
    runtime.handle_backmsg = handle_backmsg
threading.Thread(target=_patch, name="bench-probe", daemon=True).start()
"""


class Server(serve.deploy.Server):
    """`streamlit run SCRIPT` from a checkout's folder (so its .streamlit/config.toml), on a free port;
    with probe, what it sends and receives is logged with the time."""

    def __init__(self, name: str, script: Path, folder: Path, probe: bool = False, cwd: Path = ROOT):
        self.name = name
        self.sent_log = folder / f"{name}-sent.log" if probe else None
        env = {}
        if probe:
            (folder / "probe").mkdir(exist_ok=True)
            (folder / "probe" / "sitecustomize.py").write_text(PROBE)
            paths = (str(folder / "probe"), os.environ.get("PYTHONPATH"))
            env["PYTHONPATH"] = os.pathsep.join(p for p in paths if p)
            env["BENCH_SENT_LOG"] = str(self.sent_log)
        options = ["server.fileWatcherType=none"]
        super().__init__(folder / f"{name}.log", env=env, options=options, script=script, cwd=cwd)

    def sent(self, start: float, end: float) -> list[tuple[float, str]]:
        """(epoch seconds, what) of the probe's log lines between two time.time()s; none without --trace."""
        if self.sent_log is None or not self.sent_log.exists():
            return []
        found = []
        for line in self.sent_log.read_text().splitlines():
            at, what = line.split(" ", 1)
            if start <= float(at) <= end:
                found.append((float(at), what))
        return found


def bare_folder(folder: Path) -> Path:
    """bench/bare.py beside a link to static/: Streamlit serves /app/static/ from the main script's folder."""
    home = folder / "bare"
    home.mkdir()
    (home / "bare.py").symlink_to(ROOT / "bench" / "bare.py")
    (home / "static").symlink_to((ROOT / "static").resolve(), target_is_directory=True)
    return home / "bare.py"


# ----------------------------------------------------------------------------------------------
# Reading what the page recorded


@dataclass
class Frame:
    at: float  # ms on the page's clock: when the page handled (incoming) or sent it
    incoming: bool
    kind: str
    size: int
    message: object


def forward_label(msg: ForwardMsg) -> str:
    kind = msg.WhichOneof("type")
    if kind == "delta":
        delta = msg.delta.WhichOneof("type")
        where = ".".join(str(i) for i in msg.metadata.delta_path)
        if delta == "new_element":
            return f"{msg.delta.new_element.WhichOneof('type')} @{where}"
        return f"{delta} @{where}"
    if kind == "script_finished":
        return f"script_finished {FINISHED.Name(msg.script_finished)}"
    if kind == "page_info_changed":
        return f"page_info_changed ?{msg.page_info_changed.query_string}"
    if kind == "session_status_changed":
        return f"session_status_changed running={msg.session_status_changed.script_is_running}"
    return kind or "?"


def widget_value(state) -> str:
    which = state.WhichOneof("value")
    value = getattr(state, which) if which else None
    if hasattr(value, "data"):
        value = list(value.data)
    text = str(value).replace("\n", " ")
    return text if len(text) <= 60 else text[:57] + "..."


def widget_name(widget_id: str) -> str:
    """A widget id as its key: '$$ID-<hash>-search' -> 'search'; a key ending in a hash as '-*'.

    A component's trigger ('$$STREAMLIT_INTERNAL_KEY_$$ID-<hash>-map__events') is named by its key too.
    """
    match = serve.WIDGET_ID.match(widget_id.removeprefix("$$STREAMLIT_INTERNAL_KEY_"))
    return re.sub(r"-[0-9a-f]{8,}$", "-*", match.group("key") if match else widget_id)


def decode(data: dict) -> list[Frame]:
    frames = []
    for incoming, rows in ((True, data["recv"]), (False, data["sent"])):
        for at, payload in rows:
            if payload is None:
                continue
            raw = base64.b64decode(payload)
            msg = ForwardMsg() if incoming else BackMsg()
            msg.ParseFromString(raw)
            kind = forward_label(msg) if incoming else (msg.WhichOneof("type") or "?")
            frames.append(Frame(at, incoming, kind, len(raw), msg))
    return sorted(frames, key=lambda f: f.at)


@dataclass
class ScriptRun:
    """A script run as the page saw it: the rerun request that started it, and the ForwardMsgs after."""

    requested: float  # when the page sent the rerun_script BackMsg
    cause: str  # the widget states that changed since the page's previous request
    finished: float | None = None  # when the page handled its script_finished
    status: str = ""
    messages: int = 0
    bytes: int = 0


def script_runs(frames: list[Frame]) -> list[ScriptRun]:
    runs: list[ScriptRun] = []
    previous: dict[str, str] = {}
    for frame in frames:
        if not frame.incoming and frame.kind == "rerun_script":
            states = {w.id: widget_value(w) for w in frame.message.rerun_script.widget_states.widgets}
            changed = [
                f"{widget_name(i)}={v}" for i, v in states.items() if i in previous and previous[i] != v
            ]
            new = [f"{widget_name(i)}={v}" for i, v in states.items() if i not in previous]
            if new:
                changed.append("first sent: " + ", ".join(new))
            runs.append(ScriptRun(frame.at, "; ".join(changed) if runs else "first run"))
            previous = states
        elif frame.incoming and runs:
            run = runs[-1]
            run.messages += 1
            run.bytes += frame.size
            if frame.kind.startswith("script_finished") and run.finished is None:
                run.finished = frame.at
                run.status = frame.kind.split(" ", 1)[1]
    return runs


@dataclass
class Load:
    page: str
    round: int
    load_avg: float
    started: float = field(default_factory=time.monotonic)
    map_ms: float | None = None
    geometry_ms: float | None = None
    idle_ms: float | None = None
    drawn_ms: float | None = None
    runs: list[ScriptRun] = field(default_factory=list)
    error: str = ""


@dataclass
class Click:
    page: str
    country: str
    round: int
    load_avg: float
    panel_ms: float | None = None
    url_ms: float | None = None
    map_ms: float | None = None  # the canvas's last change after the click: the map as it stays
    idle_ms: float | None = None
    runs: list[ScriptRun] = field(default_factory=list)  # on the click's clock
    error: str = ""

    @property
    def tail_ms(self) -> float | None:
        return self.idle_ms - self.panel_ms if None not in (self.idle_ms, self.panel_ms) else None

    @property
    def shown_ms(self) -> float | None:
        """The reader's wait: the panel and the changed map both shown (the bare page has only a map)."""
        shown = [self.map_ms] if self.page in BARE_PAGES else [self.panel_ms, self.map_ms]
        return max(shown) if None not in shown else None


def changed_since(canvas: list, at: float) -> float | None:
    """When the canvas's copy last changed after at: the map's final state, not a first step towards it."""
    shown = [row[1:] for row in canvas if row[0] < at][-1:]
    changed = None
    for row in (row for row in canvas if row[0] >= at):
        if [row[1:]] != shown:
            changed, shown = row[0], [row[1:]]
    return changed


def last_idle(states: list, after: float = -math.inf) -> float | None:
    """When the app last became notRunning (after a time), if it is notRunning at the end."""
    states = [s for s in states if s[0] >= after]
    if not states or states[-1][1] != "notRunning":
        return None
    return states[-1][0]


def drawn_since(canvas: list) -> float | None:
    """The start of the canvas's last stable drawn state: its buffer at its displayed size, the fill shown."""
    if not canvas:
        return None
    final = canvas[-1][1:5]
    since = None
    for at, *row in canvas:
        width, height, buffer_width, buffer_height, share = row
        drawn = (
            row[:4] == final
            and width > 0
            and abs(width - buffer_width) <= 2
            and abs(height - buffer_height) <= 2
            and share >= DRAWN_SHARE
        )
        if drawn and since is None:
            since = at
        elif not drawn:
            since = None
    return since


# ----------------------------------------------------------------------------------------------
# Driving the browser


def launch(playwright: Playwright) -> Browser:
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def open_page(browser: Browser, viewport: dict):
    context = browser.new_context(viewport=viewport)
    context.add_init_script(RECORDER)
    return context, context.new_page()


def wait_until(page: Page, done: Callable[[dict], bool], quiet_s: float, timeout_s: float) -> dict:
    """Polls the page until done(status) has held, with no script-state or canvas change, for quiet_s."""
    deadline = time.monotonic() + timeout_s
    steady_since = last_key = status = None
    while time.monotonic() < deadline:
        status = page.evaluate(STATUS)
        key = (tuple(status["state"]), tuple(status["canvas"])) if status else None
        if status and done(status):
            if key != last_key or steady_since is None:
                steady_since, last_key = time.monotonic(), key
            elif time.monotonic() - steady_since >= quiet_s:
                return status
        else:
            steady_since, last_key = None, key
        page.wait_for_timeout(100)
    raise TimeoutError(f"not settled within {timeout_s:g} s; last status {status}")


def map_loaded(status: dict) -> bool:
    _, width, height, buffer_width, buffer_height, share = status["canvas"]
    return (
        status["state"][1] == "notRunning"
        and status["geometry"]
        and width > 0
        and abs(width - buffer_width) <= 2
        and abs(height - buffer_height) <= 2
        and share >= DRAWN_SHARE
    )


def first_run(
    playwright: Playwright, url: str, viewport: dict, timeout_s: float, width: bool = False
) -> tuple[float | None, int]:
    """Warms a server just started (imports, cached resources) with a page, up to its first run's end (ms).

    With width, also waits for the map's canvas width (0 if none in a minute); a checkout from before the
    map fitted itself reports it from its map-width component instead.
    """
    browser = launch(playwright)
    try:
        _, page = open_page(browser, viewport)
        page.goto(url, wait_until="commit")
        try:
            wait_until(page, lambda status: status["state"][1] == "notRunning", 0, timeout_s)
        except TimeoutError:
            return None, 0
        ended = page.evaluate(COLLECT)["states"][-1][0]
        deadline = time.monotonic() + min(timeout_s, 60)
        while width and time.monotonic() < deadline:
            if reported := reported_width(decode(page.evaluate(COLLECT))):
                return ended, reported
            # The dashboard's own map component fits itself: its canvas's width is the map's.
            if drawn := page.evaluate(f"() => document.querySelector('{CANVAS}')?.clientWidth || 0"):
                return ended, int(drawn)
            page.wait_for_timeout(250)
        return ended, 0
    finally:
        browser.close()


def reported_width(frames: list[Frame]) -> int:
    """The width in the first rerun request carrying the map-width component's state, else 0: that of a
    --what-if checkout from before the map fitted itself."""
    for frame in frames:
        if frame.incoming or frame.kind != "rerun_script":
            continue
        for state in frame.message.rerun_script.widget_states.widgets:
            if widget_name(state.id) == "map_width" and (
                found := re.search(r'"width":\s*(\d+)', widget_value(state))
            ):
                return int(found.group(1))
    return 0


def measure_load(page: Page, url: str, name: str, number: int, args) -> tuple[Load, dict]:
    load = Load(name, number, os.getloadavg()[0])
    page.goto(url, wait_until="commit")
    try:
        wait_until(page, map_loaded, args.quiet, args.timeout)
    except TimeoutError as problem:
        load.error = str(problem)[:300]
    data = page.evaluate(COLLECT)
    load.runs = script_runs(decode(data))
    ends = [end for _, end, _ in data["geometry"] if end > 0]
    load.geometry_ms = max(ends) if ends else None
    load.idle_ms = last_idle(data["states"])
    load.drawn_ms = drawn_since(data["canvas"])
    if not load.error and None not in (load.geometry_ms, load.idle_ms, load.drawn_ms):
        load.map_ms = max(load.geometry_ms, load.idle_ms, load.drawn_ms)
    elif not load.error:
        load.error = f"incomplete: geometry {load.geometry_ms}, idle {load.idle_ms}, drawn {load.drawn_ms}"
    return load, data


def canvas_point(page: Page, place: tuple[float, float]) -> dict[str, float]:
    """Where deck.gl draws (lon, lat) on the map's canvas, at the world view fitted to its width."""
    box = page.locator(CANVAS).bounding_box()
    x, y = world_point(box["width"], box["height"], *place)
    return {"x": x, "y": y}


def act(page: Page, click: Click, action: Callable[[], None], done: Callable[[dict], bool], args) -> dict:
    """One action, then a wait until done has held for --quiet: what the page recorded (or click.error)."""
    try:
        action()
        wait_until(page, done, args.quiet, args.timeout)
    except (TimeoutError, PlaywrightTimeout) as problem:
        click.error = str(problem).splitlines()[0][:300]
    data = page.evaluate(COLLECT)
    if not data["clicks"]:
        click.error = click.error or "no click event reached the page"
    else:
        changed = changed_since(data["canvas"], data["clicks"][-1])
        click.map_ms = changed - data["clicks"][-1] if changed is not None else None
    return data


def measure_click(page: Page, label: str, country: tuple, number: int, args) -> tuple[Click, dict]:
    name, iso3, place = country
    click = Click(label, name, number, os.getloadavg()[0])
    canvas = page.locator(CANVAS)
    wanted = re.compile(f"[?&]country={iso3}(&|$)")

    def clicked(status: dict) -> bool:
        return (
            status["state"][1] == "notRunning"
            and status["headingAt"] is not None
            and bool(wanted.search(status["search"]))
        )

    def hover_and_click() -> None:
        point = canvas_point(page, place)
        deadline = time.monotonic() + args.timeout
        while True:  # picking starts only once the layers are loaded: hover until the tooltip names it
            canvas.hover(position={"x": point["x"] + 3, "y": point["y"]})
            canvas.hover(position=point)
            try:
                page.wait_for_function(NAMED, arg=name, timeout=3000)
                break
            except PlaywrightTimeout:
                if time.monotonic() > deadline:
                    raise TimeoutError(f"the tooltip never named {name}") from None
        page.evaluate("name => { window.__bench.heading = name; window.__bench.headingAt = null; }", name)
        canvas.click(position=point)  # once: a dropped click must fail, not be hidden by a retry

    data = act(page, click, hover_and_click, clicked, args)
    if not data["clicks"]:
        return click, data
    clicked_at = data["clicks"][-1]
    frames = decode(data)
    before = [f for f in frames if f.at < clicked_at and not f.incoming and f.kind == "rerun_script"][-1:]
    runs = script_runs(before + [f for f in frames if f.at >= clicked_at])[len(before) :]
    for run in runs:  # on the click's clock
        run.requested -= clicked_at
        run.finished = run.finished - clicked_at if run.finished is not None else None
    click.runs = runs
    urls = [at for at, search in data["urls"] if at >= clicked_at and wanted.search(search)]
    click.url_ms = urls[0] - clicked_at if urls else None
    click.panel_ms = data["headingAt"] - clicked_at if data["headingAt"] is not None else None
    # React may apply running and notRunning in one render, leaving the attribute unchanged: the last
    # script_finished the page handled counts as well.
    idle = last_idle(data["states"], clicked_at)
    finished = [run.finished for run in runs if run.finished is not None]
    if finished and data["states"][-1][1] == "notRunning":
        idle = max(idle if idle is not None else -math.inf, max(finished) + clicked_at)
    if idle is not None and not click.error:
        click.idle_ms = idle - clicked_at
    return click, data


def measure_redraw(page: Page, name: str, number: int, args) -> tuple[Click, dict]:
    """The bare page's one widget clicked: the map redrawn in the new shade, and the app idle."""
    click = Click(name, "toggle", number, os.getloadavg()[0])
    data = act(
        page,
        click,
        lambda: page.get_by_text(SHADE, exact=True).click(),
        lambda status: status["state"][1] == "notRunning" and status["canvas"][5] < DRAWN_SHARE,
        args,
    )
    idle = last_idle(data["states"], data["clicks"][-1]) if data["clicks"] else None
    click.idle_ms = idle - data["clicks"][-1] if idle is not None and not click.error else None
    return click, data


# ----------------------------------------------------------------------------------------------
# Reporting


def trace_text(label: str, data: dict, server: list[tuple[float, str]], since: float = 0.0) -> str:
    """One load's or click's events on the page's clock: what the page did, and what the server did."""
    events: list[tuple[float, str]] = []
    for frame in decode(data):
        text = frame.kind
        if not frame.incoming and frame.kind == "rerun_script":
            text += f" ({len(frame.message.rerun_script.widget_states.widgets)} widget states)"
        events.append((frame.at, f"page   {'<-' if frame.incoming else '->'} {text} {frame.size} B"))
    events += [(at * 1000 - data["origin"], what) for at, what in server]
    events += [(at, f"page   state {state}") for at, state in data["states"]]
    events += [
        (row[0], "page   canvas {}x{} buffer {}x{} fill {:.2f}".format(*row[1:])) for row in data["canvas"]
    ]
    events += [(at, f"page   url ?{search.lstrip('?')}") for at, search in data["urls"]]
    events += [
        (start, f"page   long task {duration:.0f} ms, until {start + duration:.0f}")
        for start, duration in data["long"]
        if duration >= 100
    ]
    events += [(at, "page   click") for at in data["clicks"]]
    events += [
        (start, f"page   geometry requested; response ended {end:.0f}; {size} B transferred")
        for start, end, size in data["geometry"]
    ]
    if data.get("headingAt") is not None:
        events.append((data["headingAt"], "page   panel heading shown"))
    lines = [f"# {label}: ms since navigation start, on the page's clock (server lines converted to it)"]
    lines += [f"{at:9.0f}  {text}" for at, text in sorted(events) if at >= since]
    return "\n".join(lines) + "\n"


def fmt(ms: float | None) -> str:
    return f"{ms:.0f}" if ms is not None else "-"


def run_ends(load: Load) -> str:
    """When each script run of a load ended: 'first 2793, width 10886'."""
    named = []
    for n, run in enumerate(load.runs):
        name = "first" if n == 0 else ("width" if "map_width" in run.cause else run.cause[:40])
        named.append(f"{name} {fmt(run.finished)}")
    return ", ".join(named)


def spread(name: str, values: list[float]) -> str:
    return f"{name}: median {statistics.median(values):.0f} ms, min {min(values):.0f}, max {max(values):.0f}"


def report(loads: list[Load], clicks: list[Click], warm: dict, urls: dict, args, viewport: dict) -> str:
    pages = list(urls)
    dashboards = [page for page in pages if page != "bare"]  # the dashboard, and the --what-if one
    lines = [
        f"viewport {viewport['width']}x{viewport['height']}; {args.rounds} rounds; quiet {args.quiet:g} s; "
        "cold HTTP cache (a new chromium and profile per load)",
        "",
        "| round | order | load avg | bare ms | "
        + " | ".join(f"{page} ms | {page} / bare | {page}'s runs ended at (ms)" for page in dashboards)
        + " |",
        "|---|---|---|---|" + "---|---|---|" * len(dashboards),
    ]
    times: dict[str, list[float]] = {page: [] for page in pages}
    ratios: dict[str, list[float]] = {page: [] for page in dashboards}
    for number in range(1, args.rounds + 1):
        shown = {x.page: x for x in loads if x.round == number}
        if set(shown) != set(pages):
            continue
        bare = shown["bare"]
        cells = []
        for page in dashboards:
            ms = shown[page].map_ms
            ratio = ms / bare.map_ms if ms and bare.map_ms else None
            ratios[page] += [ratio] if ratio else []
            cells.append(f"{fmt(ms)} | {f'{ratio:.2f}' if ratio else '-'} | {run_ends(shown[page])}")
        for page, load in shown.items():
            times[page] += [load.map_ms] if load.map_ms else []
        order = ", ".join(x.page for x in sorted(shown.values(), key=lambda x: x.started))
        load_avg = statistics.fmean(x.load_avg for x in shown.values())
        lines.append(
            f"| {number} | {order} | {load_avg:.2f} | {fmt(bare.map_ms)} | " + " | ".join(cells) + " |"
        )
    lines.append("")
    for page in pages:
        if times[page]:
            lines.append(spread(page, times[page]))
    for page in dashboards:
        if ratios[page] and times["bare"] and times[page]:
            lines.append(
                f"{page} / bare: ratio of the medians "
                f"{statistics.median(times[page]) / statistics.median(times['bare']):.2f}; per round: median "
                f"{statistics.median(ratios[page]):.2f}, min {min(ratios[page]):.2f}, "
                f"max {max(ratios[page]):.2f}; rounds at 2x or more: {sum(r >= 2 for r in ratios[page])}"
            )
    for page, ms in warm.items():
        lines.append(f"untimed first page on the {page} server just started: first run ended at {fmt(ms)} ms")
    lines.append(f"bare page: {urls['bare'].partition('/?')[2] or 'the default width (no width reported)'}")
    if clicks:
        lines += [
            "",
            "| round | page | country | load avg | panel ms | URL ms | map ms | idle ms | tail ms "
            "| runs after it |",
            "|---|---|---|---|---|---|---|---|---|---|",
        ]
        for click in clicks:
            runs = "; ".join(
                f"sent {fmt(r.requested)}, ended {fmt(r.finished)} ({r.messages} msgs) [{r.cause}]"
                for r in click.runs
            )
            lines.append(
                f"| {click.round} | {click.page} | {click.country} | {click.load_avg:.2f} | "
                f"{fmt(click.panel_ms)} | {fmt(click.url_ms)} | {fmt(click.map_ms)} | {fmt(click.idle_ms)} | "
                f"{fmt(click.tail_ms)} | {runs} |"
            )
        lines.append("")
        for page in dashboards:
            mine = [c for c in clicks if c.page == page]
            for name, values in (
                ("click to panel", [c.panel_ms for c in mine if c.panel_ms is not None]),
                ("click to idle", [c.idle_ms for c in mine if c.idle_ms is not None]),
                ("tail (panel to idle)", [c.tail_ms for c in mine if c.tail_ms is not None]),
            ):
                if values:
                    lines.append(spread(f"{page}, {name}", values))
        redraws = [c.shown_ms for c in clicks if c.page == "bare" and c.shown_ms is not None]
        around = [c.shown_ms for c in clicks if c.page == "around" and c.shown_ms is not None]
        if redraws:
            lines.append(spread("bare, one widget change to its map redrawn", redraws))
        if around and redraws:
            lines.append(spread("around, the same change among the page's elements", around))
            ratio = statistics.median(around) / statistics.median(redraws)
            lines.append(f"around redraw / bare redraw: ratio of the medians {ratio:.2f}")
        for page in dashboards:
            shown = [c.shown_ms for c in clicks if c.page == page and c.shown_ms is not None]
            if shown and redraws and page != "around":
                lines.append(spread(f"{page}, click to panel and map both shown", shown))
                ratio = statistics.median(shown) / statistics.median(redraws)
                lines.append(f"{page} click / bare redraw: ratio of the medians {ratio:.2f}")
    return "\n".join(lines)


# ----------------------------------------------------------------------------------------------


def arguments(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line read and checked: an error exits with a message, as argparse does."""
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog='Method and results: bench/README.md, section "Browser time-to-map".',
    )
    parser.add_argument("--rounds", type=int, default=5, help="rounds: one dashboard and one bare-page load")
    parser.add_argument(
        "--click",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="click a country on the map after each dashboard load (default: yes)",
    )
    parser.add_argument("--viewport", default="1440x900", help="the browser's window, WIDTHxHEIGHT")
    parser.add_argument("--quiet", type=float, default=5.0, help="seconds unchanged that end a load or click")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds a load or a click may take")
    parser.add_argument("--trace", type=Path, metavar="DIR", help="write each load's, click's timeline here")
    parser.add_argument(
        "--what-if",
        type=Path,
        metavar="CHECKOUT",
        help="also load CHECKOUT/dashboard.py (a changed copy of the project) in every round, as 'what-if'",
    )
    parser.add_argument(
        "--around",
        action="store_true",
        help="also load the bare page among elements like the dashboard's (bare.py's around=1) as 'around'",
    )
    args = parser.parse_args(argv)
    if args.rounds < 1 or args.quiet < 0 or args.timeout <= 0:
        parser.error("--rounds must be at least 1, --quiet not negative, --timeout positive")
    if not re.fullmatch(r"\d+x\d+", args.viewport):
        parser.error("--viewport takes WIDTHxHEIGHT, e.g. 1440x900")
    if args.what_if and not (args.what_if / "dashboard.py").is_file():
        parser.error(f"--what-if: no dashboard.py in {args.what_if}")

    return args


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    width, height = (int(v) for v in args.viewport.split("x"))
    viewport = {"width": width, "height": height}
    if args.trace:
        args.trace.mkdir(parents=True, exist_ok=True)
    # A SIGTERM (a timeout killing the benchmark) unwinds like Ctrl-C, so the servers are stopped too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    folder = Path(tempfile.mkdtemp(prefix="bench-browser-"))
    servers: dict[str, Server] = {}
    loads: list[Load] = []
    clicks: list[Click] = []
    warm: dict[str, float | None] = {}
    urls: dict[str, str] = {}
    try:
        probe = args.trace is not None
        servers["dashboard"] = Server("dashboard", ROOT / "dashboard.py", folder, probe)
        servers["bare"] = Server("bare", bare_folder(folder), folder, probe)
        if args.what_if:
            checkout = args.what_if.resolve()
            servers["what-if"] = Server("what-if", checkout / "dashboard.py", folder, probe, cwd=checkout)
        for server in servers.values():
            if not server.wait_healthy():
                log = server.log.read_text(errors="replace")[-3000:]
                print(f"error: the {server.name} server did not start; its log:\n{log}", file=sys.stderr)
                return 2
        with sync_playwright() as playwright:

            def one(name: str, number: int) -> Load:
                label, server = f"round{number}-{name}", servers["bare" if name == "around" else name]
                browser = launch(playwright)
                try:
                    context, page = open_page(browser, viewport)
                    started = time.time()
                    load, data = measure_load(page, urls[name], name, number, args)
                    if args.trace:
                        text = trace_text(label, data, server.sent(started - 1, time.time()))
                        (args.trace / f"{label}.txt").write_text(text)
                    print(
                        f"{label}: time-to-map {fmt(load.map_ms)} ms (load average {load.load_avg:.2f}) "
                        f"{load.error}",
                        file=sys.stderr,
                        flush=True,
                    )
                    if args.click and not load.error:
                        country = CLICKS[(number - 1) % len(CLICKS)] if name not in BARE_PAGES else (SHADE,)
                        started = time.time()
                        if name in BARE_PAGES:
                            click, data = measure_redraw(page, name, number, args)
                        else:
                            click, data = measure_click(page, name, country, number, args)
                        clicks.append(click)
                        if args.trace and data["clicks"]:
                            sent = server.sent(started - 1, time.time())
                            text = trace_text(
                                f"{label}, click on {country[0]}", data, sent, data["clicks"][-1] - 500
                            )
                            (args.trace / f"{label}-click.txt").write_text(text)
                        said = (
                            f"panel {fmt(click.panel_ms)} ms, map {fmt(click.map_ms)} ms, "
                            f"idle {fmt(click.idle_ms)} ms {click.error}"
                        )
                        print(f"{label}: click on {country[0]}: {said}", file=sys.stderr, flush=True)
                    context.close()
                finally:
                    browser.close()
                return load

            pages, bare_width = list(servers), 0
            for name in pages:  # imports and cached resources, before anything is timed
                warm[name], width = first_run(
                    playwright, servers[name].url, viewport, args.timeout, width=name == "dashboard"
                )
                urls[name] = servers[name].url
                if name == "dashboard" and width:  # the bare page draws a canvas of the same size
                    bare_width = width
            if bare_width:
                urls["bare"] = f"{servers['bare'].url}/?width={bare_width}"
            if args.around:
                pages.append("around")
                urls["around"] = f"{urls['bare']}{'&' if '?' in urls['bare'] else '/?'}around=1"
            for number in range(1, args.rounds + 1):
                shift = (number - 1) % len(pages)  # each page first in turn: 2 pages alternate
                for name in pages[shift:] + pages[:shift]:
                    loads.append(one(name, number))
    finally:
        for server in servers.values():
            server.stop()
        shutil.rmtree(folder, ignore_errors=True)

    print(report(loads, clicks, warm, urls, args, viewport))
    failed = [item for item in loads + clicks if item.error]
    for item in failed:
        print(f"error: {type(item).__name__.lower()} in round {item.round}: {item.error}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
