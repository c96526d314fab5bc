"""Fetch the map's deck.gl scripts into geo/web/deckgl/, from the npm registry, pinned and checked.
The page serves them itself (static/ -> geo/web/): no CDN, nothing fetched at run time.
    python geo/deckgl.py  # from the repository root, at build time only
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tarfile
import tempfile
from pathlib import Path

import npm  # geo/npm.py: this folder is the script's own

VERSION = "9.4.0"  # one version for both packages: two deck.gl versions in one tab refuse to draw
# sha512 of the registry tarballs, as npm reports them ("integrity").
PACKAGES = {
    "deck.gl": (
        "deck.min.js",
        "sha512-8q5R1CwUNZUYTZ41BC8l6avRvLIEzT9uceh0PHc6Me74dLlpBvYt92pFLpY25i0HFSg9cRiVuidTXFRpmuZbJg==",
    ),
    "@deck.gl/json": (
        "json.min.js",
        "sha512-mJ23Hz3eMYcwoQxyX9IXQoYR6LKC/J//RqydPx6sL8cXZeDGVQnQyeEHp8PNkQ3qAU5idnj6tn9rPYDT4lDcjA==",
    ),
}
OUT_DIR = Path(__file__).resolve().parent / "web" / "deckgl"
BUNDLED = "/*! Bundled license information:"  # esbuild's block of the embedded packages' notices


def pack(name: str, workdir: Path) -> bytes:
    """The package's tarball from the registry (npm pack), refused unless it is the one pinned."""
    return npm.pack(f"{name}@{VERSION}", PACKAGES[name][1], workdir).read_bytes()


# No bundler: each package ships a ready UMD file (dist.min.js), which the page loads as it is.
def members(tarball: bytes, workdir: Path) -> tuple[bytes, str]:
    """The ready-made script and the package's licence."""
    path = workdir / "package.tgz"
    path.write_bytes(tarball)
    with tarfile.open(path, "r:gz") as tar:
        script = tar.extractfile("package/dist.min.js").read()
        licence = tar.extractfile("package/LICENSE").read().decode("utf-8")
    return script, licence


def notices(script: bytes) -> str:
    """The licence notices of the packages embedded in a bundle (long.js: Apache-2.0, ieee754: BSD)."""
    text = script.decode("utf-8")
    at = text.find(BUNDLED)
    return text[at:].strip() if at >= 0 else ""


def build() -> None:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    info, licences = {"version": VERSION, "files": {}}, []
    with tempfile.TemporaryDirectory() as tmp:
        for name, (out, pinned) in PACKAGES.items():
            script, licence = members(pack(name, Path(tmp)), Path(tmp))
            (OUT_DIR / out).write_bytes(script)
            info["files"][out] = {
                "package": f"{name}@{VERSION}",
                "member": "package/dist.min.js",
                "integrity": pinned,
                "size_bytes": len(script),
                "sha256": hashlib.sha256(script).hexdigest(),
                "licence": "MIT",
            }
            licences.append(f"## {name} {VERSION} ({out}): MIT\n\n```\n{licence.strip()}\n```\n")
            if embedded := notices(script):
                licences.append(
                    f"### Packages embedded in {out}, with their own licences\n\n"
                    "long.js is under the Apache License, Version 2.0 "
                    "(https://www.apache.org/licenses/LICENSE-2.0); ieee754 under BSD-3-Clause. "
                    f"The notices as the bundle carries them:\n\n```\n{embedded}\n```\n"
                )
    (OUT_DIR / "LICENSE.md").write_text(
        "# Licences of the map's deck.gl scripts\n\nFetched by `geo/deckgl.py`; do not edit.\n\n"
        + "\n".join(licences),
        encoding="utf-8",
    )
    (OUT_DIR / "build-info.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {', '.join(info['files'])} ({VERSION}) to {OUT_DIR}")


def main(argv: list[str] | None = None) -> None:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args(argv)
    build()


if __name__ == "__main__":
    main(sys.argv[1:])
