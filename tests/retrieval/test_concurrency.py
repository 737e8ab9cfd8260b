"""Many threads answer at once: no global lock, and every answer is the one asked for."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from retrieval.service import Storybot

QUESTIONS = [
    "Did Xi refuse to come to Russia?",
    "Why did the Chinese leader not travel to Moscow?",
    "What did the Kremlin spokesman say?",
    "Did the Kremlin deny the reports?",
    "Which newspaper wrote about the refusal?",
    "What is the price of wheat in Chicago?",
]


def test_answers_on_many_threads_are_those_asked_alone(seed_bot: Storybot) -> None:
    alone = {q: seed_bot.ask(q).to_dict() for q in QUESTIONS}
    with ThreadPoolExecutor(max_workers=6) as pool:
        futures = [(q, pool.submit(seed_bot.ask, q)) for q in QUESTIONS * 4]
        for question, future in futures:
            assert future.result().to_dict() == alone[question], question


def test_two_questions_are_inside_retrieval_at_once(
    seed_bot: Storybot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each ask waits inside the search until another ask is there too: with one lock over the
    whole answer the second could never get in, and the barrier would break."""
    barrier = threading.Barrier(2, timeout=60)
    rank = seed_bot.searcher.rank
    met: list[int] = []
    waited: set[int] = set()
    lock = threading.Lock()

    def meeting_rank(*args: Any, **kwargs: Any) -> Any:
        with lock:
            first = threading.get_ident() not in waited
            waited.add(threading.get_ident())
        if first:  # each thread's first search waits for the other's
            met.append(barrier.wait())
        return rank(*args, **kwargs)

    monkeypatch.setattr(seed_bot.searcher, "rank", meeting_rank)
    with ThreadPoolExecutor(max_workers=2) as pool:
        answers = list(pool.map(seed_bot.ask, QUESTIONS[:2]))
    assert sorted(met) == [0, 1]
    assert [a.question for a in answers] == QUESTIONS[:2]


def test_answering_embeds_no_passage_sentence(
    seed_bot: Storybot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The judge's sentence vectors are stored at ingest: a question embeds its own texts only."""
    index = seed_bot.index
    blocks = [index.sentence_block(i) for i in range(len(index.passages))]
    assert all(b is not None for b in blocks)
    stored = {key for block in blocks if block is not None for key in block[0]}
    encoded: list[str] = []
    inner = seed_bot.embedder.inner
    real = inner.encode

    def recording(texts: list[str], show_progress: bool = False) -> Any:
        encoded.extend(texts)
        return real(texts, show_progress=show_progress)

    monkeypatch.setattr(inner, "encode", recording)
    answer = seed_bot.ask("Did the Kremlin call the reports about Xi untrue?")
    assert answer.answered and encoded
    assert not stored & set(encoded), sorted(stored & set(encoded))[:3]
