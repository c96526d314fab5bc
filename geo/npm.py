"""A pinned package from the npm registry (npm pack), refused unless its sha512 is the one pinned.

The build scripts' one way to fetch: build.py (the shapes) and deckgl.py (the map's scripts).
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import subprocess
from pathlib import Path


def integrity(data: bytes) -> str:
    """npm's integrity string of a tarball: sha512, base64."""
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode("ascii")


def check(tarball: Path, pinned: str) -> None:
    """Refuse a tarball whose sha512 differs from the pinned one."""
    actual = integrity(tarball.read_bytes())
    if actual != pinned:
        raise SystemExit(f"integrity mismatch for {tarball.name}:\n  expected {pinned}\n  got      {actual}")


def pack(spec: str, pinned: str, workdir: Path) -> Path:
    """The tarball of spec ('name@version') in workdir, from the registry, checked against pinned."""
    npm = shutil.which("npm")
    if npm is None:
        raise SystemExit(f"npm not found: it is needed to fetch {spec} from the npm registry")
    result = subprocess.run(
        [npm, "pack", spec, "--json", "--ignore-scripts"],
        cwd=workdir,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"npm pack {spec} failed:\n{result.stderr}")
    tarball = workdir / json.loads(result.stdout)[0]["filename"]
    check(tarball, pinned)
    return tarball
