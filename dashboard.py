"""What `streamlit run dashboard.py` serves: the page, dashboard_page.py, as an st.App that loads the
package before it answers (START_WAIT_S at most), so the first reader need not wait for that load, and
whose page response names the map's files, so that the browser fetches them while Streamlit starts.
"""

from __future__ import annotations

import ast
import asyncio
import os
import sys
import threading
import time
from contextlib import asynccontextmanager
from pathlib import Path

import streamlit as st
from starlette.middleware import Middleware
from streamlit.logger import get_logger

from coopmap.app.preload import Preload

PAGE = Path(__file__).resolve().with_name("dashboard_page.py")
START_WAIT_S = 10  # the server answers once the package is loaded, or after this long if the load is slower
log = get_logger(__name__)


def warm_up() -> None:
    """The page's imports run and its package loaded into coopmap.app.loading's cache. A failure is only
    logged: the page shows a package's problems, and loads itself what was not loaded here."""
    try:
        began = time.monotonic()
        tree = ast.parse(PAGE.read_text(encoding="utf-8"))  # its own import lines: no list to keep in step
        imports = [node for node in tree.body if isinstance(node, ast.Import | ast.ImportFrom)]
        exec(compile(ast.Module(imports, type_ignores=[]), str(PAGE), "exec"), {})
        from coopmap.app import loading
        from coopmap.paths import data_dir

        root = data_dir(sys.argv[1:], os.environ)  # as the page finds it
        if problems := loading.loaded(root).problems:
            log.warning("Data package %s is invalid (%d problems): the page lists them", root, len(problems))
        else:
            log.info("Data package %s loaded at start in %.1f s", root, time.monotonic() - began)
    except Exception:
        log.exception("The data package was not loaded at start: the first reader loads it")


@asynccontextmanager
async def lifespan(_app: st.App):
    """The warm-up runs in a thread of its own, which a reader who comes early waits for, through the
    load lock; the server starts answering once it is done, or after START_WAIT_S whatever happens."""
    warming = threading.Thread(target=warm_up, name="warm-up", daemon=True)
    warming.start()
    await asyncio.to_thread(warming.join, START_WAIT_S)
    yield


app = st.App(PAGE, lifespan=lifespan, middleware=[Middleware(Preload)])
