"""The newsroom desk's answerer: one ``Storybot`` kept current while the server runs.

``storybot serve`` is a resident process, so articles are added beside it (``storybot add``)
and indexes are rebuilt beside it (``storybot index``). Every request looks at the index's
manifest (one ``stat``); every few seconds at most it also asks whether the corpus changed
(``index_status``: it hashes every article, cheap for a story's few hundred files but not
something to do on every request). Either change reopens the ``Storybot`` on a background
thread, rebuilding the index first when the corpus changed; requests keep being answered by
the previous one until the new one is ready, so the server is never without an answerer.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from retrieval.corpus import Corpus
from retrieval.embed import Embedder
from retrieval.errors import BadQuestion, StorybotError
from retrieval.index import MANIFEST, read_manifest
from retrieval.pipeline import index_status
from retrieval.question import MAX_QUESTION_CHARS
from retrieval.service import SourceInfo, Storybot, default_dirs
from retrieval.timeline import TimelineEntry
from retrieval.types import Answer

logger = logging.getLogger(__name__)


class SerialEmbedder(Embedder):
    """An ``Embedder`` whose model answers one caller at a time.

    A rebuild on the desk's background thread embeds new passages while requests embed
    questions with the same model; the fast tokenizer under sentence-transformers is not
    safe to call from two threads at once ("Already borrowed").

    Example: SerialEmbedder(Embedder()).encode(["Did Xi refuse?"])
    """

    def __init__(self, inner: Embedder) -> None:
        super().__init__(batch_size=inner.batch_size)
        self.inner = inner
        self._turn = threading.Lock()

    def warm_up(self) -> None:
        """Load the model behind it."""
        with self._turn:
            self.inner.warm_up()

    def encode(self, texts: list[str], show_progress: bool = False) -> np.ndarray:
        """Embed texts with the inner model, waiting for any other caller to finish."""
        with self._turn:
            return self.inner.encode(texts, show_progress=show_progress)


def _stamp(path: Path) -> tuple[int, int, int] | None:
    """What changes when a file is replaced or rewritten: inode, size, mtime (None: missing)."""
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_ino, info.st_size, info.st_mtime_ns


class Desk:
    """The current ``Storybot`` of a corpus, reopened when the corpus or its index changes.

    Example: Desk(Path("corpus"), Path("index")).bot().ask("Did Xi refuse?")

    Args:
        check_every: seconds between two looks at the corpus (0: on every request).
        notify: called with one line when the index is built or rebuilt.
    """

    def __init__(
        self,
        corpus_dir: str | Path | None = None,
        index_dir: str | Path | None = None,
        embedder: Embedder | None = None,
        check_every: float = 2.0,
        notify: Callable[[str], None] | None = None,
        story: str | None = None,
    ) -> None:
        if check_every < 0:
            raise ValueError(f"check_every must be zero or more seconds, got {check_every}")
        self.corpus_dir, self.index_dir = default_dirs(corpus_dir, index_dir)
        self.embedder = SerialEmbedder(embedder or Embedder())
        self.check_every = check_every
        self.notify = notify
        self.story = story
        self.reloads = 0  # how many times the answerer was replaced after the first open
        self._manifest = self.index_dir / MANIFEST
        self._guard = threading.Lock()
        self._worker: threading.Thread | None = None
        self._last_check = time.monotonic()
        self._loaded_stamp: tuple[int, int, int] | None = None
        self._bot = self._open()

    def warm_up(self) -> None:
        """Answer a question now, so that the first request does not wait for models to load.

        Only an answered question loads everything (stance and sides come after the verdict):
        the story's own headline is the question most likely to be answered.
        """
        for question in (self._bot.story[:MAX_QUESTION_CHARS], "What happened?"):
            try:
                if self._bot.ask(question).answered:
                    return
            except BadQuestion:
                continue

    def _open(self) -> Storybot:
        """Open (building or rebuilding the index if it needs it) and remember what was read."""
        # Stamped before: a manifest written while opening (by us or by `storybot index`) is
        # looked at on the next request, where an unchanged generation costs no reopening.
        stamp = _stamp(self._manifest)
        bot = Storybot.open(
            self.corpus_dir,
            self.index_dir,
            notify=self.notify,
            embedder=self.embedder,
            story=self.story,
        )
        self._loaded_stamp = stamp
        return bot

    def _same_generation(self) -> bool:
        """Whether the manifest on disk points at the files the current answerer was read from."""
        try:
            on_disk = read_manifest(self.index_dir)
        except StorybotError:
            return False
        loaded = self._bot.index.manifest
        return (on_disk.vectors_file, on_disk.passages_file) == (
            loaded.vectors_file,
            loaded.passages_file,
        )

    def bot(self) -> Storybot:
        """The answerer to use for this request; starts a reload in the background if due."""
        with self._guard:
            manifest_changed = _stamp(self._manifest) != self._loaded_stamp
            corpus_due = time.monotonic() - self._last_check >= self.check_every
            busy = self._worker is not None and self._worker.is_alive()
            if (manifest_changed or corpus_due) and not busy:
                self._last_check = time.monotonic()
                self._worker = threading.Thread(
                    target=self._refresh,
                    args=(manifest_changed,),
                    name="storybot-desk-reload",
                    daemon=True,
                )
                self._worker.start()
            return self._bot

    def wait(self, timeout: float | None = None) -> None:
        """Wait for a reload under way to finish (for tests and tools; requests never wait)."""
        worker = self._worker
        if worker is not None:
            worker.join(timeout)

    def _refresh(self, manifest_changed: bool) -> None:
        try:
            if manifest_changed:
                stamp = _stamp(self._manifest)
                if self._same_generation():  # touched, or written by our own rebuild
                    self._loaded_stamp = stamp
                    return
                logger.info("the index in %s changed: reopening", self.index_dir)
            else:
                status = index_status(Corpus(self.corpus_dir), self.index_dir, self.embedder.name)
                if status.state == "fresh":
                    return
                logger.info("the index is %s (%s): reopening", status.state, status.reason)
            bot = self._open()
        except Exception:
            # Keep answering with what we have; the corpus check tries again in a few seconds.
            self._loaded_stamp = _stamp(self._manifest)
            logger.exception(
                "could not reopen the corpus %s; still answering from before", self.corpus_dir
            )
            return
        with self._guard:
            self._bot = bot
            self.reloads += 1
        logger.info(
            "answering from %d passages of %d articles",
            len(bot.index.passages),
            len(bot.index.sources),
        )


class DeskAnswerer:
    """What the Telegram bot asks (``bot.handlers.StoryAnswerer``), answered by a desk's
    current ``Storybot``, so the bot too picks up articles added while it runs.

    Example: build_application(token, DeskAnswerer(Desk("corpus", "index")))
    """

    def __init__(self, desk: Desk) -> None:
        self.desk = desk

    @property
    def story(self) -> str:
        return self.desk.bot().story

    @property
    def generation(self) -> int:
        """How many times the corpus was reopened: answers remembered before are stale."""
        self.desk.bot()  # looks at the corpus now and then
        return self.desk.reloads

    def ask(self, question: str, k: int = 6) -> Answer:
        return self.desk.bot().ask(question, k)

    def sources(self) -> list[SourceInfo]:
        return self.desk.bot().sources()

    def timeline(self) -> list[TimelineEntry]:
        return self.desk.bot().timeline()
