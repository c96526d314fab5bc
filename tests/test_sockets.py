"""The server process's sockets send small messages at once (coopmap.app.sockets)."""

from __future__ import annotations

import fcntl
import os
import socket
import sys

import pytest

from coopmap.app.sockets import send_without_delay

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="reads /proc/self/fd")


def nagle_off(sock: socket.socket) -> bool:
    return sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0


def test_a_listener_bound_as_streamlit_binds_it_and_its_connections_send_without_delay():
    listener = socket.socket(family=socket.AF_INET)  # protocol 0, as Streamlit's server binds it
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.setblocking(False)  # as asyncio needs it, and must keep it
    with listener, socket.create_connection(listener.getsockname()) as early:
        listener.setblocking(True)
        open_before, _ = listener.accept()
        listener.setblocking(False)
        with open_before:
            assert not nagle_off(open_before) and not nagle_off(listener)
            assert send_without_delay() >= 3  # the listener and both ends of the open connection
            assert nagle_off(listener) and nagle_off(open_before) and nagle_off(early)
            assert fcntl.fcntl(listener.fileno(), fcntl.F_GETFL) & os.O_NONBLOCK
            with socket.create_connection(listener.getsockname()), listener.accept()[0] as later:
                assert nagle_off(later)  # Linux gives an accepted socket its listener's options
            early.sendall(b"still open")
            assert open_before.recv(10) == b"still open"
