"""A page's first script run through the server's websocket, asked for as a browser asks, without one."""

from __future__ import annotations

import asyncio

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Delta_pb2 import Delta
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

RUN_S = 60


def first_run(url: str) -> list[str]:
    """What a new session's first run draws, in order: status and expander labels, and every text."""
    return asyncio.run(_first_run(url))


async def _first_run(url: str) -> list[str]:
    stream = url.replace("http", "ws", 1) + "/_stcore/stream"
    async with websockets.connect(stream, subprotocols=["streamlit"], origin=url, max_size=None) as socket:
        asked = BackMsg()
        asked.rerun_script.context_info.url = url + "/"
        await socket.send(asked.SerializeToString())
        drawn = []
        while True:
            message = ForwardMsg()
            message.ParseFromString(await asyncio.wait_for(socket.recv(), RUN_S))
            if message.WhichOneof("type") == "script_finished":
                return drawn
            if message.WhichOneof("type") == "delta":
                drawn.append(text(message.delta))


def text(delta: Delta) -> str:
    if delta.WhichOneof("type") == "add_block":
        return delta.add_block.expandable.label
    element = delta.new_element
    kind = getattr(element, element.WhichOneof("type") or "", None)
    fields = kind.DESCRIPTOR.fields_by_name if kind is not None else {}
    return next((getattr(kind, f) for f in ("body", "code_text") if f in fields), "")
