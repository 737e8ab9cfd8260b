"""A stand-in for ``retrieval.service.Storybot`` built from hand-made answers.

For tests that need an answer the seed corpus cannot give (thousands of characters, markup in
the articles); every other end-to-end test uses the real ``Storybot``.
"""

from __future__ import annotations

import threading
import time

from retrieval.errors import BadQuestion
from retrieval.service import SourceInfo
from retrieval.timeline import TimelineEntry
from retrieval.types import Answer, Hit, Passage, Side, Source

UNIAN = Source("a1", "UNIAN", "https://www.unian.info/world/xi-refused", "2022-07-05", "Xi refused")
REPUBLIC = Source("a2", "Republic World", None, "2022-07-05", "Kremlin refutes <b>reports</b>")


def hit(text: str, source: Source = UNIAN, speaker: str | None = None, score: float = 0.5) -> Hit:
    """A hit on a passage with this text."""
    passage = Passage(f"p{abs(hash(text)) % 10**8}", source.article_id, text, 0, len(text), speaker)
    return Hit(passage, source, score)


def two_sides(question: str) -> Answer:
    """A contested answer: one side asserts, the other denies."""
    asserts = Side(
        "Reported: Xi declined the invitation (Yomiuri, via UNIAN)",
        (hit("Xi Jinping refused to come to Russia at the invitation of Vladimir Putin."),),
        "asserts",
    )
    denies = Side(
        "Denied: the Kremlin calls the reports untrue (Republic World)",
        (hit('"This is completely untrue," Peskov said.', REPUBLIC, "Dmitry Peskov"),),
        "denies",
    )
    return Answer(question, True, (asserts, denies), (), "2 passages on 2 sides")


HOSTILE_TEXT = "<script>alert('x')</script> Xi said 2 < 3 & 4 > 1 </blockquote> &amp; &#65;"


def hostile(question: str) -> Answer:
    """Corpus text full of markup that must show as text."""
    side = Side(
        'Reported: <b>bold</b> & <a href="javascript:alert(1)">links</a>',
        (hit(HOSTILE_TEXT, UNIAN, "<i>X</i>"),),
        "asserts",
    )
    return Answer(question, True, (side,), (), "1 passage")


def long_answer(question: str, passages: int = 24, chars: int = 600) -> Answer:
    """An answer of many long passages, far over Telegram's 4096 characters."""
    hits = tuple(
        hit(f"Passage {i:02d}: " + ("Xi & Putin <talks> " * chars)[:chars], UNIAN, f"Speaker {i}")
        for i in range(passages)
    )
    half = passages // 2
    sides = (
        Side("Reported: Xi declined", hits[:half], "asserts"),
        Side("Denied: the Kremlin says no", hits[half:], "denies"),
    )
    return Answer(question, True, sides, (), f"{passages} passages on 2 sides")


class StandIn:
    """Answers every question with ``make(question)``; records questions; can be slow.

    Example: StandIn(long_answer).ask("Did Xi refuse?")
    """

    story = "Xi Jinping and Putin's invitation to visit Russia (July 2022)"

    def __init__(self, make=two_sides, delay: float = 0.0, fail: Exception | None = None) -> None:
        self.make = make
        self.delay = delay
        self.fail = fail
        self.questions: list[str] = []
        self.threads: set[str] = set()
        self._lock = threading.Lock()

    def ask(self, question: str, k: int = 6) -> Answer:
        with self._lock:
            self.questions.append(question)
            self.threads.add(threading.current_thread().name)
        if not question.strip():
            raise BadQuestion("the question is empty: ask something about the story")
        if self.delay:
            time.sleep(self.delay)  # blocking on purpose: it must run off the event loop
        if self.fail is not None:
            raise self.fail
        return self.make(question)

    def sources(self) -> list[SourceInfo]:
        return [SourceInfo(UNIAN, 6), SourceInfo(REPUBLIC, 7)]

    def timeline(self) -> list[TimelineEntry]:
        return []
