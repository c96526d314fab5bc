"""Generated hostile links through the real server: no exception, exactly the notices owed, links that reopen.

.venv/bin/python bench/urls.py --count 1000 --seed 1"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from itertools import islice, product
from string import ascii_uppercase
from urllib.parse import quote

from serve import BenchError, Run, Server, Session
from serve import years as year_range

# (key, value) parts a reader's link may hold: every one names something in data/ and fits the others.
VALID = [
    ("country", "ECU"),
    ("country", "IRN,LBR"),
    ("country", "irn"),
    ("from", "2010"),
    ("from", "2011"),
    ("to", "2014"),
    ("to", "2016"),
    ("undated", "1"),
    ("undated", "0"),
    ("verdict", "confirmed"),
    ("verdict", "partly,not_found"),
    ("category", "police_training"),
    ("category", "surveillance_system"),
    ("actor", quote("华为")),
    ("actor", quote("中兴通讯,中共")),
    ("scope", "country"),
    ("scope", "group,aggregate"),
    ("q", "police"),
    ("q", quote("监控 Iran")),
    ("event", "E002"),
    ("sourceyears", "1"),
    ("lang", "zh"),
    ("lang", "en"),
    ("focus", "IRN"),
    ("confirmed", "1"),
]
CONTROL = ["%00", "%01", "%07", "%1B", "%7F", "%C2%85", "%E2%80%AE", "%E2%80%8B", "%EF%BB%BF"]
MARKUP = [quote("<script>alert(1)</script>"), quote("[x](javascript:alert(1))"), quote("![x](http://e.x/p)")]
KEYS = ["country", "from", "to", "undated", "verdict", "category", "actor", "scope", "q", "event"]
KEYS += ["sourceyears", "lang", "focus", "confirmed"]


# A part of a link: its key and value as written, and the notices its value calls for when the page reads
# it: 0 for a valid value, else 1, its key's notice of its kind of problem (see bad_part for the one
# exception).
Part = tuple[str, str, int]


def bad_part(rng: random.Random) -> Part:
    """One part the page must not take as it is: each gets a notice, save a search hiding NEL alone."""
    key = rng.choice(KEYS)
    huge = str(rng.choice([10**20, 2**63, 10**400 - 1, 99999, 100000]))
    choices = {
        "country": ["XXX", "TUV", "CHN%00", "E%CC%81CU", rng.choice(MARKUP), "ECU,ECU", "A" * 5000],
        "from": [huge, "-5", "1e3", "%D9%A3", "20%0010", "0x7DA", "2010.0"],
        "to": [huge, "-1", "NaN", "inf", "%EF%BC%92%EF%BC%90%EF%BC%91%EF%BC%90"],
        "undated": ["2", "yes", "true", "%00"],
        "verdict": ["maybe", "CONFIRMED", rng.choice(MARKUP)],
        "category": ["police", rng.choice(MARKUP), "police_training,police_training"],
        "actor": ["'%20OR%201=1%20--", "%E5%8D%8E%E4%B8%BA%00", "=HYPERLINK(1)"],
        "scope": ["all", "Country", "%E2%80%AEcountry"],
        "q": [
            "x" * rng.choice([201, 5000, 100_000]),
            "".join(hidden := rng.choices(CONTROL, k=5)) + "police",
        ],
        "event": ["E999", "E0002", rng.choice(MARKUP), huge],
        "sourceyears": ["2", "%00"],
        "lang": ["fr", "ZH", "zh-Hans", "%00"],
        "focus": ["XXX", "TUV", huge],
        "confirmed": ["yes", "-1"],
    }
    if rng.random() < 0.15:
        unknown = rng.choice(["utm_source", "%00", quote("键"), "x" * 300, rng.choice(MARKUP), "Country"])
        return unknown, rng.choice(["1", "", huge]), 0  # its key's notice, not its value's (see link)
    value = rng.choice(choices[key])
    if key == "q" and value.endswith("police"):
        # NEL (%C2%85) is whitespace to the page, as a tab is: the search folds it into a space, no notice.
        return key, value, int(any(not bytes.fromhex(c.replace("%", "")).decode().isspace() for c in hidden))
    return key, value, 1


@dataclass
class Link:
    query: str
    bad_parts: int = 0  # the parts the page ignores or changes
    notices: int = 0  # the notices it owes for them: as many or fewer (see link)

    @property
    def bad(self) -> bool:
        return self.bad_parts > 0


def link(parts: list[Part]) -> Link:
    """A link of parts, with the parts the page ignores or changes and the notices it owes for them, as
    coopmap/permalink.py parse reads a link: one notice for each key and kind of problem."""
    given: dict[str, list[Part]] = {}
    # Keys grouped as written, as the page groups them decoded: no known key is percent-encoded here, and
    # no unknown one decodes to a known one.
    for part in parts:
        given.setdefault(part[0], []).append(part)
    unknown = [key for key in given if key not in KEYS]
    bad_parts = sum(len(given[key]) for key in unknown)
    # The page names every unknown key, however many and however often given, in one notice.
    notices = 1 if unknown else 0
    for key, same in given.items():
        if key in unknown:
            continue
        *before, (_, _, owed) = same
        # The page reads a key's last value only, and says once that the key was repeated: the values
        # before it are ignored, bad or not, under that one notice.
        bad_parts += len(before) + (owed > 0)
        notices += (len(before) > 0) + owed
    # Valid years in reverse are swapped, with one notice for both. No bad year is 1 to 4 ASCII digits
    # and VALID's lie in data/'s years, so no year calls for a notice of being out of range.
    low, high = (given[key][-1][1] if key in given else "" for key in ("from", "to"))
    if all(y.isascii() and y.isdigit() and len(y) <= 4 for y in (low, high)) and int(low) > int(high):
        bad_parts, notices = bad_parts + 2, notices + 1
    return Link("&".join(f"{key}={value}" for key, value, _ in parts), bad_parts, notices)


# Links that once failed, first in every run: a valid value after a bad one of the same key (the page
# kept the repeated key in its own link).
REGRESSIONS = [link([("country", "ECU", 0), ("scope", "%E2%80%AEcountry", 1), ("scope", "country", 0)])]


def links(count: int, seed: int) -> list[Link]:
    """count query strings: a third valid, the rest with bad parts; some hold every parameter at once."""
    rng = random.Random(seed)
    made = REGRESSIONS[:count]
    for n in range(len(made), count):
        # Each key once (a dict of the sample): every parameter at once one time in ten, else up to six.
        drawn = len(VALID) if n % 10 == 9 else rng.randint(0, 6)
        parts: list[Part] = [(key, value, 0) for key, value in dict(rng.sample(VALID, drawn)).items()]
        if n % 3 != 0:
            for _ in range(rng.randint(1, 4)):
                parts.insert(rng.randint(0, len(parts)), bad_part(rng))
            if rng.random() < 0.2 and parts:  # a key repeated
                parts.append(rng.choice(parts))
        made.append(link(parts))
    return made


HUGE_KEYS = ("country", "category", "actor", "verdict", "scope", "repeated", "unknown")


def huge_query(items: int, keys: tuple[str, ...]) -> str:
    """One link of keys, each holding items items: a list of four letters each ('AAAA,AAAB,…', none in
    data/), 'repeated': from=2011 given items times, 'unknown': items unknown keys."""
    values = ",".join("".join(letters) for letters in islice(product(ascii_uppercase, repeat=4), items))
    parts = [f"{key}={values}" for key in keys if key in HUGE_KEYS[:5]]
    if "repeated" in keys:
        parts += ["from=2011"] * items
    if "unknown" in keys:
        parts += [f"k{n}=1" for n in range(items)]
    return "&".join(parts)


async def huge(url: str, query: str, timeout: float) -> tuple[Run, Run]:
    """The first load of a link, and a change of the years after it, in one session."""
    session = Session(url.replace("http://", "ws://") + "/_stcore/stream", url, query, timeout)
    try:
        return await session.open(), await session.change("years", year_range(2012, 2014))
    finally:
        await session.close()


def run_line(name: str, run: Run) -> str:
    return (
        f"{name}: {run.seconds * 1000:,.0f} ms, {run.bytes:,} bytes ({run.wire:,} on the wire), "
        f"{len(run.warnings)} notices"
    )


@dataclass
class Outcome:
    link: Link
    problems: list[str]
    notices: int = 0


async def check(url: str, link: Link, timeout: float) -> Outcome:
    ws_url, origin = url.replace("http://", "ws://") + "/_stcore/stream", url
    problems = []
    status = await asyncio.to_thread(get_status, f"{url}/?{link.query}", timeout)
    if status >= 500:
        problems.append(f"GET of the page answered {status}")
    first = Session(ws_url, origin, link.query, timeout)
    try:
        run = await first.open()
    except BenchError as failed:
        return Outcome(link, [*problems, f"first session: {failed}"])
    finally:
        await first.close()
    problems += run.errors
    shown = notices_shown(run.warnings)
    if shown != link.notices:
        problems.append(f"{link.notices} notices owed, {shown} shown: {run.warnings[:3]}")
    produced = first.query
    again = Session(ws_url, origin, produced, timeout)
    try:
        reopened = await again.open()
    except BenchError as failed:
        return Outcome(link, [*problems, f"reopened: {failed}"], shown)
    finally:
        await again.close()
    problems += [f"reopened: {error}" for error in reopened.errors]
    if reopened.warnings:
        problems.append(f"the page's own link {produced!r} gives notices: {reopened.warnings[:3]}")
    if again.query != produced:
        problems.append(f"the page's own link {produced!r} opened as {again.query!r}")
    return Outcome(link, problems, shown)


def notices_shown(warnings: list[str]) -> int:
    """A warning is one notice; a line of several (its label starts with the icon) says how many its list
    holds, in its only number ('⚠️ 3 link parts ignored or changed', '⚠️ 链接中 3 处被忽略或更改')."""
    return sum(int("".join(filter(str.isdecimal, w))) if w.startswith("⚠️") else 1 for w in warnings)


def get_status(url: str, timeout: float) -> int:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as answer:
            answer.read()
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code


async def check_all(url: str, made: list[Link], parallel: int, timeout: float) -> list[Outcome]:
    gate = asyncio.Semaphore(parallel)

    async def one(link: Link) -> Outcome:
        async with gate:
            return await check(url, link, timeout)

    return await asyncio.gather(*(one(link) for link in made))


def arguments(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line read and checked: an error exits with a message, as argparse does."""
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog='Method and results: bench/README.md, section "Hostile links and a half-hour soak".',
    )
    parser.add_argument("--count", type=int, default=1000, help="how many links")
    parser.add_argument("--seed", type=int, default=1, help="the same seed gives the same links")
    parser.add_argument("--parallel", type=int, default=4, help="links checked at once")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds a run may take")
    parser.add_argument("--huge", type=int, default=0, metavar="N", help="one link of N items per part")
    parser.add_argument(
        "--keys",
        type=lambda text: tuple(text.split(",")),
        default=HUGE_KEYS,
        help=f"with --huge: the parts that hold N items, of {','.join(HUGE_KEYS)} (default: all)",
    )
    args = parser.parse_args(argv)
    if set(args.keys) - set(HUGE_KEYS):
        parser.error(f"--keys takes some of {','.join(HUGE_KEYS)}")
    return args


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    made = links(args.count, args.seed)
    server = Server(None)
    try:
        if not server.wait_healthy():
            print(f"error: streamlit did not start; its log:\n{server.log_tail()}", file=sys.stderr)
            return 2
        if args.huge:
            query = huge_query(args.huge, args.keys)
            parts = ", ".join(args.keys)
            print(f"a link of {args.huge:,} items in each of {parts}: {len(query):,} characters")
            try:
                first, change = asyncio.run(huge(server.url, query, args.timeout))
            except BenchError as failed:
                print(f"error: {failed}", file=sys.stderr)
                return 1
            print(run_line("first load", first))
            print(run_line("a change of the years after it", change))
            for problem in first.errors + change.errors:
                print(f"error: {problem}", file=sys.stderr)
            return 1 if first.errors or change.errors else 0
        started = time.monotonic()
        outcomes = asyncio.run(check_all(server.url, made, args.parallel, args.timeout))
        seconds = time.monotonic() - started
        alive = server.wait_healthy(time.monotonic() + 10)
    finally:
        server.stop()
    failed = [o for o in outcomes if o.problems]
    bad = sum(link.bad for link in made)
    parts, owed = sum(link.bad_parts for link in made), sum(link.notices for link in made)
    print(
        f"{len(made)} links ({bad} with a bad part, {len(made) - bad} valid) in {seconds:.0f} s: "
        f"{len(made) - len(failed)} held, {len(failed)} did not; {parts} bad parts, {owed} notices owed, "
        f"{sum(o.notices for o in outcomes)} shown; server healthy after: {alive}"
    )
    longest = max(len(link.query) for link in made)
    print(f"longest query string: {longest:,} characters")
    for outcome in failed[:20]:
        print(f"error: ?{outcome.link.query[:200]}: {'; '.join(outcome.problems)[:500]}", file=sys.stderr)
    return 1 if failed or not alive else 0


if __name__ == "__main__":
    sys.exit(main())
