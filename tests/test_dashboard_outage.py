"""Neo4j stopping under a running dashboard: one banner on every page, cached answers still shown
(and labelled as such by the banner), a message where nothing is cached, never a driver error.

The dashboard talks to the real test Neo4j through a small TCP relay owned by the test; closing
the relay is, for the dashboard, exactly the server going away (connections drop, new ones are
refused), without stopping the server the rest of the suite shares.
"""

from __future__ import annotations

import socket
import threading
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from remit.dashboard import outage

pytestmark = pytest.mark.neo4j
APP = str(Path(__file__).resolve().parents[1] / "dashboard" / "app.py")
BANNER = "The database (Neo4j) is not answering"


class Relay:
    """Forward 127.0.0.1:<port> to the Neo4j Bolt address until close()."""

    def __init__(self, host: str, port: int):
        self.target = (host, port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.sockets: list[socket.socket] = []
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return  # closed
            try:
                upstream = socket.create_connection(self.target)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.sockets += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def close(self) -> None:
        try:
            self.listener.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept(); close() alone does not
        except OSError:
            pass
        self.listener.close()
        with self.lock:
            for s in self.sockets:
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                s.close()


@pytest.fixture
def relay(monkeypatch, neo4j_backend):
    import os
    from urllib.parse import urlparse

    target = urlparse(os.environ["NEO4J_URI"])
    r = Relay(target.hostname or "127.0.0.1", target.port or 7687)
    monkeypatch.setenv("REMIT_BACKEND", "neo4j")
    monkeypatch.setenv("NEO4J_URI", f"bolt://127.0.0.1:{r.port}")
    st.cache_resource.clear()
    st.cache_data.clear()
    yield r
    r.close()
    outage.forget()  # the next test's server is up: do not let it inherit "not answering"
    st.cache_resource.clear()
    st.cache_data.clear()


def _banners(at: AppTest) -> list[str]:
    return [w.value for w in at.warning if BANNER in w.value]


def _no_raw_errors(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def _no_address(at: AppTest) -> None:
    """Every visitor reads the banner and messages: they never name the server's address (issue 25)."""
    shown = " ".join(e.value for e in [*at.warning, *at.info, *at.error])
    assert "127.0.0.1" not in shown and "bolt" not in shown and "localhost" not in shown, shown


def test_neo4j_stopping_under_the_dashboard(relay):
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.sidebar.selectbox(key="main_council").select("barnet").run()
    at.sidebar.selectbox(key="main_structure").select("barnet-2015-04").run()
    _no_raw_errors(at)
    assert not _banners(at)
    label = at.header[0].value
    for page in ("views/ask.py", "views/assurance.py"):  # answers cached while the server is up
        at.switch_page(page).run()
        _no_raw_errors(at)
    assurance_metric = at.metric[0].value

    relay.close()  # Neo4j goes away
    outage.forget()  # the next run checks now, not after the check interval

    at.switch_page("views/assurance.py").run()
    _no_raw_errors(at)
    assert len(_banners(at)) == 1 and at.metric[0].value == assurance_metric  # cached, under the banner

    at.switch_page("views/structure.py").run()
    _no_raw_errors(at)
    assert len(_banners(at)) == 1 and at.header[0].value == label

    at.switch_page("views/ask.py").run()
    _no_raw_errors(at)
    assert len(_banners(at)) == 1
    at.button(key="ask_run").click().run()  # the Cypher box: a message, not ServiceUnavailable
    _no_raw_errors(at)
    assert any(BANNER in w.value for w in at.warning[1:])
    _no_address(at)

    at.switch_page("views/compare.py").run()  # never visited: nothing cached
    _no_raw_errors(at)
    assert len(_banners(at)) == 1
    assert any("not cached" in i.value for i in at.info)
    _no_address(at)

    at.switch_page("views/structure.py").run()
    at.sidebar.selectbox(key="main_council").select("harrow").run()  # a structure never loaded
    _no_raw_errors(at)
    assert len(_banners(at)) == 1
    assert any("not cached" in i.value for i in at.info)
