"""Generated links through the real server (bench/urls.py): 200 here; the 1,000 of bench/README.md there."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_two_hundred_hostile_links_give_notices_not_exceptions_and_the_pages_links_reopen():
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "urls.py"), "--count", "200", "--seed", "7", "--timeout", "60"],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    summary = re.match(r"200 links \((\d+) with a bad part, (\d+) valid\) in \d+ s: 200 held, 0 did not; "
                       r"(\d+) notices shown; server healthy after: True", done.stdout)  # fmt: skip
    assert summary, done.stdout
    bad, valid, notices = map(int, summary.groups())
    assert bad > 100 and valid > 50 and notices >= bad
    assert int(re.search(r"longest query string: ([\d,]+)", done.stdout)[1].replace(",", "")) > 100_000
