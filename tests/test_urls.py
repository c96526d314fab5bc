"""Links through the real server (bench/urls.py): 200 generated here, the 1,000 of bench/README.md there;
and one link of 100,000 countries."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.bench

ROOT = Path(__file__).resolve().parent.parent


def test_two_hundred_hostile_links_give_notices_not_exceptions_and_the_pages_links_reopen():
    """Each link shows exactly the notices its bad parts call for (bench/urls.py link), none when valid."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "urls.py"), "--count", "200", "--seed", "7", "--timeout", "60"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    # A link holds only when the page showed it the notices owed, no more and no fewer.
    summary = re.match(
        r"200 links \((\d+) with a bad part, (\d+) valid\) in \d+ s: 200 held, 0 did not; "
        r"(\d+) bad parts, (\d+) notices owed, (\d+) shown; server healthy after: True",
        done.stdout,
    )
    assert summary, done.stdout
    bad, valid, parts, owed, shown = map(int, summary.groups())
    # Links of several notices, and bad parts that share one (unknown keys, a repeated key), among them.
    assert bad > 100 and valid > 50 and parts > owed > bad and shown == owed
    assert int(re.search(r"longest query string: ([\d,]+)", done.stdout)[1].replace(",", "")) > 100_000


def test_a_link_of_100000_countries_gives_one_notice_once_through_the_server():
    """The first load shows one notice for the list; a change of the years after it sends none."""
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "urls.py"),
            "--huge",
            "100000",
            "--keys",
            "country",
            "--timeout",
            "120",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "a link of 100,000 items in each of country: 500,007 characters"
    run = r"[\d,]+ ms, ([\d,]+) bytes \([\d,]+ on the wire\), (\d+) notices"
    first = re.fullmatch(f"first load: {run}", lines[1])
    change = re.fullmatch(f"a change of the years after it: {run}", lines[2])
    assert first and change, done.stdout
    assert (first[2], change[2]) == ("1", "0")
    # What a link without notices costs, not 100,000 notices each time (32.6 MB and 15.5 MB before).
    assert int(first[1].replace(",", "")) < 300_000 and int(change[1].replace(",", "")) < 100_000
