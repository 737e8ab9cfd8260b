"""A running desk picks up articles added beside it, and never stops answering meanwhile.

Reloads run on the desk's background thread; ``Desk.wait()`` joins it, so each test knows
when the reload it caused is over instead of sleeping.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from retrieval.corpus import Corpus
from retrieval.embed import Embedder
from retrieval.service import Storybot
from storybot.cli import cli
from storybot.desk import Desk
from tests.conftest import SeedDirs
from tests.helpers.files import TINY_ARTICLES
from tests.web.conftest import LiveDesk, serving

FLOOD_QUESTION = "How many residents did rescuers evacuate from the flooded villages?"


def flood_outlets(live: LiveDesk) -> set[str]:
    """The outlets of every passage the desk answers the flood question with."""
    data = live.get("/api/ask", q=FLOOD_QUESTION).json()
    hits = [h for side in data["sides"] for h in side["passages"]] + data["context"]
    return {h["outlet"] for h in hits if "evacuated 200 residents" in h["text"]}


def run_cli(dirs: SeedDirs, *args: str | Path) -> None:
    where = ["--corpus", str(dirs.corpus), "--index", str(dirs.index)]
    result = CliRunner().invoke(cli, [*map(str, args), *where], catch_exceptions=False)
    assert result.exit_code == 0, result.output


@pytest.fixture
def flood_file(tmp_path: Path) -> Path:
    path = tmp_path / "input" / "flood.txt"
    path.parent.mkdir()
    path.write_text(TINY_ARTICLES["flood"], encoding="utf-8")
    return path


def live_desk(dirs: SeedDirs, embedder: Embedder, check_every: float) -> Iterator[LiveDesk]:
    desk = Desk(dirs.corpus, dirs.index, embedder=embedder, check_every=check_every)
    with serving(desk) as live:
        desk.wait()  # the first request's look at the corpus is over before the test starts
        yield live


@pytest.fixture
def watching(seed_copy: SeedDirs, embedder: Embedder) -> Iterator[LiveDesk]:
    """A desk over a private seed copy that looks at the corpus on every request."""
    yield from live_desk(seed_copy, embedder, check_every=0)


@pytest.fixture
def lazy(seed_copy: SeedDirs, embedder: Embedder) -> Iterator[LiveDesk]:
    """A desk over a private seed copy that looks at the corpus only once an hour."""
    yield from live_desk(seed_copy, embedder, check_every=3600)


class TestReload:
    def test_article_added_with_the_cli_is_answered(
        self, watching: LiveDesk, seed_copy: SeedDirs, flood_file: Path, shared_model: object
    ) -> None:
        assert flood_outlets(watching) == set()
        watching.desk.wait()
        run_cli(seed_copy, "add", flood_file, "--outlet", "River Times")
        watching.get("/api/sources")  # this request notices the new article ...
        watching.desk.wait()  # ... and the index is rebuilt beside the running server
        assert flood_outlets(watching) == {"River Times"}
        assert watching.desk.reloads == 1
        sources = watching.get("/api/sources").json()
        assert "River Times" in {row["outlet"] for row in sources} and len(sources) == 3

    def test_index_rebuilt_by_another_process_is_reopened(
        self, lazy: LiveDesk, seed_copy: SeedDirs, flood_file: Path, shared_model: object
    ) -> None:
        Corpus(seed_copy.corpus).add([flood_file], outlet="River Times")
        lazy.get("/api/sources")
        lazy.desk.wait()
        assert flood_outlets(lazy) == set()  # the corpus is not looked at for an hour ...
        run_cli(seed_copy, "index")  # ... but a new manifest is seen on the next request
        lazy.get("/api/sources")
        lazy.desk.wait()
        assert flood_outlets(lazy) == {"River Times"}
        assert lazy.desk.reloads == 1

    def test_answers_from_before_while_reopening(
        self,
        watching: LiveDesk,
        seed_copy: SeedDirs,
        flood_file: Path,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """The reload is held at its start until the test lets it go: requests meanwhile
        are answered by the previous answerer, not refused and not kept waiting."""
        gate = threading.Event()
        open_for_real = Storybot.open

        def held_open(*args: Any, **kwargs: Any) -> Storybot:
            if threading.current_thread().name == "storybot-desk-reload":
                assert gate.wait(600), "the test never let the reload go"
            return open_for_real(*args, **kwargs)

        monkeypatch.setattr(Storybot, "open", held_open)
        Corpus(seed_copy.corpus).add([flood_file], outlet="River Times")
        watching.get("/api/sources")  # starts the reload, which now waits at the gate
        for _ in range(3):
            reply = watching.get("/api/ask", q="Did Xi refuse?")
            assert reply.status == 200 and reply.json()["answered"] is True
            assert flood_outlets(watching) == set()
        gate.set()
        watching.desk.wait()
        assert flood_outlets(watching) == {"River Times"}

    def test_keeps_answering_when_the_corpus_cannot_be_read(
        self, watching: LiveDesk, seed_copy: SeedDirs, caplog: pytest.LogCaptureFixture
    ) -> None:
        before = watching.get("/api/ask", q="Did Xi refuse?").text
        watching.desk.wait()
        shutil.move(seed_copy.corpus, seed_copy.corpus.with_name("moved_away"))
        watching.get("/api/sources")
        watching.desk.wait()
        assert "could not reopen the corpus" in caplog.text
        reply = watching.get("/api/ask", q="Did Xi refuse?")
        assert reply.status == 200 and reply.text == before
        assert watching.desk.reloads == 0

    def test_no_reload_when_nothing_changed(self, watching: LiveDesk) -> None:
        for _ in range(3):
            watching.get("/api/sources")
            watching.desk.wait()
        assert watching.desk.reloads == 0


class TestDeskSettings:
    def test_negative_check_interval_is_refused(self, seed_copy: SeedDirs) -> None:
        with pytest.raises(ValueError, match="check_every must be zero or more seconds, got -1"):
            Desk(seed_copy.corpus, seed_copy.index, check_every=-1)
