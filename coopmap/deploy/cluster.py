"""N page servers and nginx in front of them, from nginx.conf.template, each ended by its own PID.
What it says of itself is key=value lines (logfmt) around the logs of nginx and the servers: an operator's
terminal and a log collector read them alike, and they hold no prose to translate."""

from __future__ import annotations

import base64
import grp
import hashlib
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

from coopmap.deploy.server import START_S, Server, descendants, end_with_parent, free_port, healthy
from coopmap.paths import MAP_GEOJSON, STATIC

TEMPLATE = Path(__file__).resolve().parent / "nginx.conf.template"
NGINX_START_S = 15


class NginxMissing(RuntimeError):
    """nginx is not installed: Debian has it in the package nginx (never started as a service here)."""


def find_nginx() -> str:
    """nginx's path; not on PATH for every user on Debian (it is in /usr/sbin)."""
    found = shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if os.access(p, os.X_OK)), None
    )
    if found is None:
        raise NginxMissing('missing=nginx debian="apt-get install nginx"')
    return found


def route_name(index: int) -> str:
    return f"s{index + 1}"


class _InlineScripts(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._open = False

    def handle_starttag(self, tag, attrs):
        self._open = tag == "script" and "src" not in dict(attrs)
        if self._open:
            self.scripts.append("")

    def handle_endtag(self, tag):
        self._open = False

    def handle_data(self, data):
        if self._open:
            self.scripts[-1] += data


def script_hashes(page: str) -> list[str]:
    """CSP sources ('sha256-…') for each inline script of the page: those alone may run, unchanged."""
    parser = _InlineScripts()
    parser.feed(page)
    return [
        f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in parser.scripts
    ]


def listen_on(address: str, port: int) -> str:
    return f"[{address}]:{port}" if ":" in address else f"{address}:{port}"


def render_config(prefix: Path, listen: str, ports: list[int], hashes: list[str], static: Path) -> str:
    """nginx.conf.template for servers on 127.0.0.1 at these ports, the proxy listening on listen."""
    routes = [(route_name(i), port) for i, port in enumerate(ports)]
    user = ""
    if os.geteuid() == 0:  # the master runs as root: its workers should not
        nobody = pwd.getpwnam("nobody")
        user = f"user {nobody.pw_name} {grp.getgrgid(nobody.pw_gid).gr_name};"
    fill = {
        "@PREFIX@": str(prefix),
        "@LISTEN@": listen,
        "@USER@": user,
        "@STATIC@": str(static),
        "@SCRIPT_HASHES@": " ".join(hashes),
        "@ROUTE_UPSTREAMS@": "\n".join(
            f"    upstream dashboard_{name} {{ server 127.0.0.1:{port}; }}" for name, port in routes
        ),
        "@BALANCED_SERVERS@": "\n".join(
            f"        server 127.0.0.1:{port} max_fails=1 fail_timeout=10s;" for _, port in routes
        ),
        "@ROUTE_MAP@": "\n".join(f"        {name} dashboard_{name};" for name, _ in routes),
        "@ADDRESS_MAP@": "\n".join(f'        "~127\\.0\\.0\\.1:{port}$" {name};' for name, port in routes),
    }
    text = TEMPLATE.read_text()
    for name, value in fill.items():
        text = text.replace(name, value)
    return text


class Cluster:
    """N page servers on 127.0.0.1 showing the package in data (absolute; None: the page's default)
    and nginx in front of them on address:port (0: a free port).

    Everything lives in a temporary folder (configuration, logs, nginx's temp files) removed by stop().
    """

    def __init__(self, processes: int, data: Path | None = None, address: str = "127.0.0.1", port: int = 0):
        self.nginx_path = find_nginx()  # before anything starts
        self.processes, self.data = processes, data
        self.static = STATIC
        self.address, self.port = address, port
        self.folder = Path(tempfile.mkdtemp(prefix="coopmap-deploy-"))
        self.servers: list[Server] = []
        self.nginx: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        """Where this machine reaches the proxy: on loopback when it listens on every address."""
        host = {"0.0.0.0": "127.0.0.1", "::": "::1"}.get(self.address, self.address)
        return f"http://{listen_on(host, self.port)}"

    def __enter__(self) -> Cluster:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *_) -> None:
        self.stop()

    def start(self) -> None:
        if os.geteuid() == 0:
            self.folder.chmod(0o755)  # nginx's workers (nobody) use the temp folders inside
        self.servers = [self.start_server(i) for i in range(self.processes)]
        deadline = time.monotonic() + START_S
        for server in self.servers:
            if not server.wait_healthy(deadline):
                raise RuntimeError(f"failed={self.route_of(server)} url={server.url}\n{server.log_tail()}")
        with urllib.request.urlopen(self.servers[0].url + "/", timeout=30) as answer:
            hashes = script_hashes(answer.read().decode("utf-8"))
        self.port = self.port or free_port()
        listen = listen_on(self.address, self.port)
        ports = [s.port for s in self.servers]
        self.config.write_text(render_config(self.folder, listen, ports, hashes, self.static))
        with (self.folder / "nginx.out").open("wb") as out:
            self.nginx = subprocess.Popen(
                [self.nginx_path, "-p", str(self.folder), "-c", str(self.config), "-e", str(self.error_log)],
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                preexec_fn=end_with_parent,
                process_group=0,  # ended by its PID when the launcher stops, not by the terminal's Ctrl-C
            )
        if not healthy(self.url, time.monotonic() + NGINX_START_S, self.nginx):
            raise RuntimeError(f"failed=nginx url={self.url}\n{self.nginx_log()}")
        geometry = urllib.request.Request(f"{self.url}/app/static/{MAP_GEOJSON.name}", method="HEAD")
        try:
            urllib.request.urlopen(geometry, timeout=30).close()
        except OSError as refused:  # nginx's workers may not read the checkout (run as nobody under root)
            path = self.static / MAP_GEOJSON.name
            raise RuntimeError(
                f'failed=geometry path={path} answer="{refused}"\n{self.nginx_log()}'
            ) from None

    def start_server(self, index: int) -> Server:
        return Server(self.folder / f"{route_name(index)}.log", self.data)

    @property
    def config(self) -> Path:
        return self.folder / "nginx.conf"

    @property
    def error_log(self) -> Path:
        return self.folder / "error.log"

    @property
    def access_log(self) -> Path:
        return self.folder / "access.log"

    def nginx_log(self) -> str:
        parts = [
            p.read_text(errors="replace")[-3000:]
            for p in (self.folder / "nginx.out", self.error_log)
            if p.exists()
        ]
        return "\n".join(parts)

    @property
    def server_pids(self) -> list[int]:
        return [s.pid for s in self.servers]

    def pids(self) -> list[int]:
        """Every process this cluster started that is still there: servers, nginx and its workers."""
        roots = [*self.server_pids, *([self.nginx.pid] if self.nginx else [])]
        return [p for root in roots for p in descendants(root) if Path(f"/proc/{p}").exists()]

    def route_of(self, server: Server) -> str:
        return route_name(self.servers.index(server))

    def ended(self) -> str:
        """What has ended of what was started, with its log's end; empty while all of it runs."""
        if self.nginx is not None and self.nginx.poll() is not None:
            return f"ended=nginx code={self.nginx.returncode}\n{self.nginx_log()}"
        for server in self.servers:
            if server.process.poll() is not None:
                return f"ended={self.route_of(server)} code={server.process.returncode}\n{server.log_tail()}"
        return ""

    def stop(self) -> None:
        """Stop nginx and the servers by their own PIDs and remove the folder; safe to call twice."""
        if self.nginx is not None and self.nginx.poll() is None:
            self.nginx.terminate()  # SIGTERM: nginx's fast shutdown, its workers end with it
            try:
                self.nginx.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.nginx.kill()
                self.nginx.wait(timeout=10)
        for server in self.servers:
            server.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


def serve_until_stopped(cluster: Cluster) -> int:
    """Say where the started cluster answers, then wait until a signal ends this process (or a part ends)."""
    print(f"url={cluster.url} nginx_pid={cluster.nginx.pid} config={cluster.config}", flush=True)
    for server in cluster.servers:
        print(f"route={cluster.route_of(server)} url={server.url} pid={server.pid}", flush=True)
    while not (ended := cluster.ended()):
        time.sleep(0.5)
    print(ended, file=sys.stderr)
    return 1
