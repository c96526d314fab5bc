"""Two dashboard servers behind nginx (bench/scale.py): sessions spread over both, each stays on its own.

nginx is required, not optional: CI installs it (.ci/run), and without it these tests fail. The tests of
the shared two-process cluster run in file order: the last two stop one server, then everything.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench import scale
from coopmap.deploy.server import Server

pytestmark = pytest.mark.bench

serve = scale.serve  # the module scale.py itself uses

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT_S = 60


def nginx_or_fail() -> None:
    try:
        scale.find_nginx()
    except scale.NginxMissing as missing:
        pytest.fail(f"{missing}. CI installs it in .ci/run; here: apt-get install nginx", pytrace=False)


@pytest.fixture(scope="module")
def cluster():
    nginx_or_fail()
    with scale.Cluster(2, pin=True) as started:
        yield started


def session(cluster: scale.Cluster) -> serve.Session:
    """A browser tab through the proxy: it loads the page first, so it carries the route cookie."""
    ws_url = cluster.url.replace("http://", "ws://") + "/_stcore/stream"
    return serve.Session(ws_url, cluster.url, "", TIMEOUT_S, cluster.url + "/")


def get(url: str, cookie: str = "") -> tuple[int, bytes, list[str]]:
    """Status, body and Set-Cookie headers of a GET."""
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_S) as answer:
            return answer.status, answer.read(), answer.headers.get_all("Set-Cookie") or []
    except urllib.error.HTTPError as refused:
        return refused.code, refused.read(), refused.headers.get_all("Set-Cookie") or []


def active_sessions(server: Server) -> int:
    """The sessions a server holds, asked of the server itself (not through the proxy)."""
    _, body, _ = get(f"{server.url}/_stcore/metrics?families=active_sessions")
    return int(re.search(rb"^active_sessions (\d+)", body, re.MULTILINE).group(1))


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_nginx_is_installed():
    nginx_or_fail()


def test_pinned_servers_run_every_thread_on_a_core_of_their_own(cluster):
    cores = []
    for server in cluster.servers:
        threads = [int(t.name) for t in Path(f"/proc/{server.pid}/task").iterdir()]
        cores.append({frozenset(os.sched_getaffinity(t)) for t in threads})
    assert all(len(c) == 1 and len(next(iter(c))) == 1 for c in cores), cores


@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="one core: two servers cannot sit apart")
def test_two_pinned_servers_sit_on_cores_apart(cluster):
    cores = [os.sched_getaffinity(server.pid) for server in cluster.servers]
    assert cores[0] != cores[1], cores


def test_sessions_spread_over_both_processes_and_run_the_page_without_errors(cluster):
    async def scenario():
        tabs = [session(cluster) for _ in range(4)]
        try:
            first = [await tab.open() for tab in tabs]  # one after another: nginx deals them out in turn
            held = {cluster.route_of(s): active_sessions(s) for s in cluster.servers}
            changes = await asyncio.gather(*(tab.change("years", serve.years(2012, 2014)) for tab in tabs))
            return tabs, first, held, changes
        finally:
            await asyncio.gather(*(tab.close() for tab in tabs))

    tabs, first, held, changes = asyncio.run(scenario())
    for run in [*first, *changes]:
        assert run.errors == [] and run.messages > 10, run.errors  # the whole page, drawn without errors
    assert all("years" in tab.widgets for tab in tabs)
    assert all("2012" in tab.query for tab in tabs), [tab.query for tab in tabs]  # the change was applied
    cookies = sorted(tab.cookie for tab in tabs)
    assert cookies == ["dashboard_route=s1"] * 2 + ["dashboard_route=s2"] * 2
    assert held == {"s1": 2, "s2": 2}  # each server counts the sessions its cookie sent it


async def first_run_with_downloads(tab: serve.Session) -> tuple[str, list[str]]:
    """Run the page again with plain messages: the session's id and its download buttons' file ids."""
    message = BackMsg()
    message.rerun_script.query_string = tab.query
    message.rerun_script.page_script_hash = tab.page_script_hash
    await tab.ws.send(message.SerializeToString())
    session_id, files = "", []
    deadline = time.monotonic() + TIMEOUT_S
    while time.monotonic() < deadline:
        msg = ForwardMsg()
        msg.ParseFromString(await asyncio.wait_for(tab.ws.recv(), TIMEOUT_S))
        kind = msg.WhichOneof("type")
        if kind == "new_session":
            session_id = msg.new_session.initialize.session_id
        elif kind == "delta" and msg.delta.new_element.WhichOneof("type") == "download_button":
            files.append(msg.delta.new_element.download_button.deferred_file_id)
        elif kind == "script_finished":
            return session_id, files
    raise AssertionError("no script_finished")


async def file_url(tab: serve.Session, session_id: str, file_id: str) -> str:
    """Press a download button as the frontend does: ask the session to build the file, get its URL."""
    message = BackMsg()
    request = message.backend_operation_request
    request.request_id, request.session_id = "download-1", session_id
    request.deferred_file.file_id = file_id
    await tab.ws.send(message.SerializeToString())
    deadline = time.monotonic() + TIMEOUT_S
    while time.monotonic() < deadline:
        msg = ForwardMsg()
        msg.ParseFromString(await asyncio.wait_for(tab.ws.recv(), TIMEOUT_S))
        if msg.WhichOneof("type") == "backend_operation_response":
            answer = msg.backend_operation_response
            assert answer.request_id == "download-1" and not answer.error_msg, answer
            return answer.deferred_file.url
    raise AssertionError("no backend_operation_response")


def test_a_download_reaches_the_process_that_holds_the_session(cluster):
    async def scenario():
        tab = session(cluster)
        try:
            await tab.open()
            session_id, files = await first_run_with_downloads(tab)
            assert session_id and len(files) == 6 and all(files), files  # CSV, JSON and four figures
            return tab.cookie, await file_url(tab, session_id, files[0])
        finally:
            await tab.close()

    cookie, url = asyncio.run(scenario())
    assert url.startswith("/media/"), url
    status, body, set_cookie = get(cluster.url + url, cookie)
    assert status == 200 and set_cookie == []  # the route it carries is the one that answered
    assert body.lstrip(b"\xef\xbb\xbf").startswith(b"event_id"), body[:200]
    # The file lives in that process's memory only: sent to the other process, the same URL is not found.
    other = "dashboard_route=s2" if cookie == "dashboard_route=s1" else "dashboard_route=s1"
    assert get(cluster.url + url, other)[0] == 404
    # nginx's log: every request that carried a route cookie was served by the process it names.
    routed = [(request, sent, by) for request, sent, by in cluster.routes_served() if sent]
    assert any(" /_stcore/stream " in r for r, _, _ in routed) and any(url in r for r, _, _ in routed)
    assert all(sent == by for request, sent, by in routed if "404" not in request), routed


def test_when_a_process_ends_its_readers_are_sent_to_the_other(cluster):
    """Runs after the tests above: it stops server s1 for good."""
    gone = cluster.servers[0]
    gone.process.terminate()
    gone.process.wait(timeout=30)
    status, _, set_cookie = get(cluster.url + "/", "dashboard_route=s1")
    assert status == 200 and set_cookie[0].startswith("dashboard_route=s2;"), set_cookie

    async def scenario():
        tab = session(cluster)
        try:
            run = await tab.open()
            return tab.cookie, run
        finally:
            await tab.close()

    cookie, run = asyncio.run(scenario())
    assert cookie == "dashboard_route=s2" and run.errors == [] and run.messages > 10


def test_stop_ends_every_process_it_started(cluster):
    """Runs last on the shared cluster."""
    started = cluster.pids()
    assert len(started) >= 2  # server s2, nginx and its worker (s1 was stopped above)
    cluster.stop()
    cluster.stop()  # twice is harmless
    assert [pid for pid in started if alive(pid)] == []
    assert not cluster.folder.exists()
    with pytest.raises(OSError):
        urllib.request.urlopen(cluster.url + "/_stcore/health", timeout=5)


def test_serve_mode_pins_each_server_and_sigterm_stops_them_and_nginx():
    nginx_or_fail()
    script = subprocess.Popen(
        [sys.executable, str(ROOT / "bench" / "scale.py"), "--processes", "2", "--serve", "--pin"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = script.stdout.readline()  # the URL, once nginx answers (or nothing, if the script failed)
        assert line.startswith("url=http://127.0.0.1:"), line + script.stderr.read()
        url = line.split()[0].removeprefix("url=")
        folder = Path(line.split()[2].removeprefix("config=")).parent
        children = [p for p in serve.descendants(script.pid) if p != script.pid]
        assert len(children) >= 4, children  # two servers, nginx and its worker
        assert get(url + "/_stcore/health")[0] == 200
        script.send_signal(signal.SIGTERM)
        assert script.wait(timeout=60) == 143
        pinned = script.stderr.readline()  # --pin: each server on the core it was given
        assert re.fullmatch(r"\S+ on cores \[\d+\], \S+ on cores \[\d+\]\n", pinned), pinned
    finally:
        if script.poll() is None:
            script.kill()
            script.wait()
    assert [pid for pid in children if alive(pid)] == []
    assert not folder.exists()


def test_the_measuring_mode_prints_a_row_for_each_count_of_processes():
    """The documented run, made small: one and two processes behind nginx, two readers each."""
    script = [sys.executable, str(ROOT / "bench" / "scale.py"), "--processes", "1,2", "--sessions", "2"]
    command = [*script, "--changes", "2", "--change", "mix", "--timeout", "60"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stdout.splitlines() if line.startswith("| ") and "processes" not in line]
    rows = [[cell.strip() for cell in line.strip("|").split("|")] for line in lines]
    assert [(r[0], r[1], r[2], r[3], r[7]) for r in rows] == [
        ("1", "2", "2", "mix", "0"),
        ("2", "2", "2", "mix", "0"),
    ]
