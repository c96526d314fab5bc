"""Several dashboard servers behind nginx, in the foreground, until Ctrl-C or SIGTERM stops them all.

    python -m coopmap.deploy --processes N --port P [--address A] [-- --data FOLDER]

--processes: the number of `streamlit run dashboard.py` servers (about one per core); --port and
--address (default 127.0.0.1): where nginx listens. After --, the page's own arguments: --data FOLDER
shows that package (else $DASHBOARD_DATA, else data/), a relative FOLDER read from this directory.
Exit status: 143 after SIGTERM, 130 after Ctrl-C, 1 when a process ended by itself, 2 when the start
failed.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys

from coopmap.deploy.cluster import Cluster, NginxMissing, serve_until_stopped
from coopmap.paths import data_dir


def processes(text: str) -> int:
    if int(text) < 1:
        raise ValueError(text)
    return int(text)


def port(text: str) -> int:
    if not 0 < int(text) < 65536:
        raise ValueError(text)
    return int(text)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    own, page_args = (argv[: argv.index("--")], argv[argv.index("--") + 1 :]) if "--" in argv else (argv, [])
    parser = argparse.ArgumentParser(
        prog="python -m coopmap.deploy",
        description=__doc__.split("\n\n")[0],
        epilog=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--processes", type=processes, required=True, metavar="N")
    parser.add_argument("--port", type=port, required=True, metavar="P")
    parser.add_argument("--address", default="127.0.0.1", metavar="A")
    args = parser.parse_args(own)

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # unwinds like Ctrl-C: everything is stopped
    try:
        with Cluster(args.processes, data_dir(page_args, os.environ), args.address, args.port) as cluster:
            return serve_until_stopped(cluster)
    except (NginxMissing, RuntimeError) as failed:
        print(f"error: {failed}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
