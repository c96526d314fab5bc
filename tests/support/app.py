"""The page run in AppTest, and the files its download buttons give."""

from __future__ import annotations

import json
import re
from pathlib import Path
from unittest import mock
from urllib.parse import parse_qsl

import streamlit.testing.v1.app_test as app_test
from streamlit.components.v2.bidi_component.main import _make_trigger_id
from streamlit.proto.WidgetStates_pb2 import WidgetStates
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "dashboard_page.py")


def run(**params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def show(at: AppTest, tab: str) -> AppTest:
    """The chart frame's tab chosen as a reader clicks it: only the tab shown is built."""
    if at.session_state["tab"] != tab:
        at.segmented_control(key="tab").set_value(tab).run()
        assert not at.exception, at.exception
    return at


def link_notices(at: AppTest) -> list[str]:
    """What a link's notices say: one warning, or one line whose list opens below it."""
    told = [w.value for w in at.warning]
    for box in at.expander:
        if box.label.startswith("⚠️"):
            told += [line.removeprefix("- ") for text in box.markdown for line in text.value.splitlines()]
    return [notice.replace("\\", "") for notice in told]


def address(at: AppTest) -> dict[str, str]:
    """The query the browser's address holds after a run: what the page's history script puts in place
    of it (a link's first view, normalised), or else what Streamlit wrote."""
    script = next(c for c in at.get("bidi_component") if c.proto.component_name == "coopmap_history")
    replaced = json.loads(script.proto.json)["replace"]
    return dict(parse_qsl(replaced)) if replaced is not None else dict(at.query_params)


def fire(at: AppTest, component: str, event: str, value: object) -> AppTest:
    """What the browser sends when one of the page's components fires an event (the map's click on a
    country): the event as the component's trigger, beside every widget's state, and the rerun it asks
    for. AppTest has no public way to send a component's event, so this uses its _run and _tree."""
    element = next(c for c in at.get("bidi_component") if c.proto.component_name == component)
    states = WidgetStates()
    states.CopyFrom(at._tree.get_widget_states())
    fired = states.widgets.add()
    fired.id = _make_trigger_id(element.proto.id, "events")
    fired.json_trigger_value = json.dumps([{"event": event, "value": value}])
    at._run(states)
    assert not at.exception, at.exception
    return at


def component_names(at: AppTest) -> list[str]:
    """The page's own components drawn, by name (the map is coopmap_map), in page order."""
    return [c.proto.component_name for c in at.get("bidi_component")]


def cards(at: AppTest) -> list[str]:
    """Each claim card's markup, in page order."""
    return [h.proto.body for h in at.get("html") if h.proto.body.startswith('<article class="coopmap-card"')]


def card_ids(at: AppTest) -> list[str]:
    """Each card's event id, from its data-event attribute (never its text), in page order."""
    opening = re.compile(r'<article class="coopmap-card" data-event="([^"]+)"')
    return [opening.match(card).group(1) for card in cards(at)]


def downloads(**params: str) -> dict[str, bytes]:
    """The files the page's download buttons give, by file name: their callables run as a click would."""
    managers: list[MediaFileManager] = []

    class Recording(MediaFileManager):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            managers.append(self)

    with mock.patch.object(app_test, "MediaFileManager", Recording):
        at = run(**params)
    files = {}
    for button in at.get("download_button"):
        file_id = button.proto.deferred_file_id
        name = managers[-1]._deferred_callables[file_id]["filename"]
        url = managers[-1].execute_deferred(file_id)
        files[name] = managers[-1]._storage.get_file(url.rsplit("/", 1)[1].split(".")[0]).content
    return files
