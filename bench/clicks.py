"""First clicks: does the first click or tap on a freshly loaded page choose the country (desktop, phone)?

.venv/bin/python bench/clicks.py  # 20 fresh pages at 1440x900 (mouse), 20 at 390x844 (touch)"""

from __future__ import annotations

import argparse
import re
import shutil
import signal
import statistics
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/ is no package: browser.py sits beside

import browser

# Inside each country, far from its borders: one with claims of its own, one without, in turn.
COUNTRIES = [("Iran", "IRN", (54, 32)), ("Brazil", "BRA", (-52, -10))]
VIEWPORTS = {"desktop": {"width": 1440, "height": 900}, "phone": {"width": 390, "height": 844}}
CANVAS = ".coopmap-map canvas"
CLOCK = "() => performance.now()"


@dataclass
class Trial:
    viewport: str
    number: int
    country: str
    canvas_ms: float | None = None  # from navigation start: when the canvas was on screen and acted on
    panel_ms: float | None = None  # from the click: the panel's heading naming the country
    error: str = ""


def first_click(context, url: str, viewport: str, number: int, timeout_s: float) -> Trial:
    """One fresh page: wait for the canvas, act once, wait for the panel and the link."""
    name, iso3, place = COUNTRIES[(number - 1) % len(COUNTRIES)]
    trial = Trial(viewport, number, name)
    page = context.new_page()
    try:
        page.goto(url, wait_until="commit")
        canvas = page.locator(CANVAS)
        canvas.wait_for(state="visible", timeout=timeout_s * 1000)
        canvas.scroll_into_view_if_needed()
        point = browser.canvas_point(page, place)
        trial.canvas_ms = page.evaluate(CLOCK)
        if viewport == "phone":
            canvas.tap(position=point)
        else:
            canvas.click(position=point)
        clicked = page.evaluate(CLOCK)
        heading = page.get_by_role("heading", name=name, exact=True)
        heading.wait_for(state="attached", timeout=timeout_s * 1000)
        trial.panel_ms = page.evaluate(CLOCK) - clicked
        if not re.search(f"[?&]country={iso3}(&|$)", page.url):
            trial.error = f"the link does not name {iso3}: {page.url}"
    except PlaywrightTimeout as problem:
        trial.error = str(problem).splitlines()[0][:200]
    finally:
        page.close()
    return trial


def report(trials: list[Trial], pages: int) -> str:
    columns = (
        "viewport",
        "chose the country",
        "canvas on screen, median ms",
        "click to panel, median ms (min-max)",
    )
    header = f"| {' | '.join(columns)} |"
    lines = [
        f"{pages} fresh pages per viewport; one click or tap each, as soon as the map's canvas is on screen",
        "",
        header,
        "|---|---|---|---|",
    ]
    for viewport in VIEWPORTS:
        mine = [t for t in trials if t.viewport == viewport]
        good = [t for t in mine if not t.error]
        panels = [t.panel_ms for t in good]
        canvas = [t.canvas_ms for t in mine if t.canvas_ms is not None]
        spread = f"{statistics.median(panels):.0f} ({min(panels):.0f}-{max(panels):.0f})" if panels else "-"
        seen = f"{statistics.median(canvas):.0f}" if canvas else "-"
        lines.append(f"| {viewport} | {len(good)} of {len(mine)} | {seen} | {spread} |")
    return "\n".join(lines)


def arguments(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line read and checked: an error exits with a message, as argparse does."""
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog='Method and results: bench/README.md, section "First clicks on fresh pages".',
    )
    parser.add_argument("--pages", type=int, default=20, help="fresh pages per viewport (default 20)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds a page may take to its panel")
    args = parser.parse_args(argv)
    if args.pages < 1 or args.timeout <= 0:
        parser.error("--pages must be at least 1 and --timeout positive")
    return args


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    folder = Path(tempfile.mkdtemp(prefix="bench-clicks-"))
    server = browser.Server("dashboard", browser.ROOT / "dashboard.py", folder)
    trials: list[Trial] = []
    try:
        if not server.wait_healthy():
            log = server.log.read_text(errors="replace")[-3000:]
            print(f"error: the server did not start; its log:\n{log}", file=sys.stderr)
            return 2
        with sync_playwright() as playwright:
            browser.first_run(playwright, server.url, VIEWPORTS["desktop"], args.timeout)  # imports, caches
            chromium = browser.launch(playwright)
            try:
                for number in range(1, args.pages + 1):
                    for viewport, size in VIEWPORTS.items():
                        touch = viewport == "phone"
                        context = chromium.new_context(viewport=size, has_touch=touch, is_mobile=touch)
                        try:
                            trial = first_click(context, server.url, viewport, number, args.timeout)
                        finally:
                            context.close()
                        trials.append(trial)
                        said = f"panel {trial.panel_ms:.0f} ms" if trial.panel_ms is not None else "no panel"
                        print(f"{viewport} {number} {trial.country}: {said} {trial.error}", file=sys.stderr)
            finally:
                chromium.close()
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)
    print(report(trials, args.pages))
    failed = [t for t in trials if t.error]
    for trial in failed:
        where = f"{trial.viewport} page {trial.number} ({trial.country})"
        print(f"error: {where}: {trial.error}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
