"""Fixtures for the desk: real uvicorn servers on 127.0.0.1 over small real indexes.

A server runs in a thread of the test process (so it shares the session's model) on a
socket bound to a free port; ``LiveDesk.get`` talks to it over HTTP with the standard library.
"""

from __future__ import annotations

import json
import shutil
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import pytest
import uvicorn

from retrieval.embed import Embedder
from storybot.desk import Desk
from storybot.web import create_app
from tests.conftest import SeedDirs
from tests.helpers.files import write_article

# An invented article whose text holds a script: shown on the page, it must stay text.
SCRIPT = "<script>document.title='pwned';document.body.setAttribute('data-pwned','yes')</script>"
HARBOUR_ARTICLE = (
    "Harbour tunnel vote delayed again\n\n"
    "The harbour council delayed its vote on the new harbour tunnel on Wednesday. "
    f"Councillor Mara Lind said the tunnel plan {SCRIPT} was not ready for a vote.\n\n"
    "The harbour authority said the tunnel would still open in 2030 as planned."
)
HARBOUR_QUESTION = "Why was the harbour tunnel vote delayed?"


@dataclass(frozen=True)
class Reply:
    """One HTTP response: status, headers and body text."""

    status: int
    headers: dict[str, str]
    text: str

    def json(self) -> Any:
        return json.loads(self.text)


@dataclass(frozen=True)
class LiveDesk:
    """A desk served by a real uvicorn on 127.0.0.1.

    Example: live.get("/api/ask", q="Did Xi refuse?").json()["answered"]
    """

    url: str
    desk: Desk

    def get(self, path: str, **params: Any) -> Reply:
        """GET a path with query parameters (a list value repeats the parameter)."""
        query = f"?{urlencode(params, doseq=True)}" if params else ""
        try:
            with urllib.request.urlopen(f"{self.url}{path}{query}", timeout=300) as response:
                return Reply(response.status, dict(response.headers), response.read().decode())
        except urllib.error.HTTPError as err:
            return Reply(err.code, dict(err.headers), err.read().decode())


@contextmanager
def serving(desk: Desk) -> Iterator[LiveDesk]:
    """Serve the desk with uvicorn in a thread until the block ends."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(desk), log_config=None, access_log=False, lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        while not server.started:
            if not thread.is_alive():
                raise RuntimeError("the desk's server stopped before it started")
            time.sleep(0.05)
        yield LiveDesk(f"http://127.0.0.1:{port}", desk)
    finally:
        server.should_exit = True
        thread.join(60)
        sock.close()


@pytest.fixture(scope="session")
def harbour_dirs(tmp_path_factory: pytest.TempPathFactory, seed_dirs: SeedDirs) -> SeedDirs:
    """The seed corpus plus the harbour article (with a script in its text), not yet indexed."""
    root = tmp_path_factory.mktemp("harbour")
    dirs = SeedDirs(root / "corpus", root / "index")
    shutil.copytree(seed_dirs.corpus, dirs.corpus)
    # The seed index, so that only the harbour article's passages are embedded when opening.
    shutil.copytree(seed_dirs.index, dirs.index, ignore=shutil.ignore_patterns(".lock"))
    write_article(dirs.corpus, "harbour_tunnel", HARBOUR_ARTICLE, outlet="Harbour <b>Gazette</b>")
    meta_path = dirs.corpus / "harbour_tunnel.meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["url"] = "javascript:alert('pwned')"  # a link that must never be made
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    return dirs


@pytest.fixture(scope="session")
def harbour_desk(harbour_dirs: SeedDirs, embedder: Embedder) -> Iterator[LiveDesk]:
    """A running desk over the seed articles and the harbour article (do not modify it)."""
    desk = Desk(harbour_dirs.corpus, harbour_dirs.index, embedder=embedder, check_every=3600)
    with serving(desk) as live:
        yield live
