"""What asking across languages costs, on the development story (English, German, Norwegian and
Russian articles):

    .venv/bin/python bench/multilingual.py

- e5's ingest: passages embedded per second (the second vector set a corpus in several
  languages keeps), beside MiniLM's int8 ONNX build on the same passages;
- a question embedded by e5 on one thread (what answering does) and on its default threads;
- opening the story's Storybot, its first answer (loads e5 and the language model), and the
  median answer to each of the story's 20 questions asked for the first time in a warm
  process, cross-lingual and MiniLM alone.

The story is read from ``../shared/`` at run time and its index built in ``.cache/stories/``
as ``storybot eval`` builds it. Figures are medians of this machine; it is shared, so they vary.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import threading
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from retrieval.evaluate import cached_story_corpus  # noqa: E402
from retrieval.index import PassageIndex  # noqa: E402
from retrieval.multilingual import MultilingualEncoder  # noqa: E402
from retrieval.onnx_embed import OnnxEmbedder  # noqa: E402
from retrieval.service import Storybot, _query_embedder  # noqa: E402

STORY = ROOT.parent / "shared" / "stories" / "nordstream_hersh_2023"


def _median_ms(run: list[float]) -> float:
    return statistics.median(run) * 1000


def main() -> None:
    corpus, index_dir = cached_story_corpus(STORY, ROOT / ".cache" / "stories")
    started = time.perf_counter()
    bot = Storybot.open(corpus, index_dir)
    opened = time.perf_counter() - started
    questions = [
        json.loads(line)["question"]
        for line in (STORY / "questions.jsonl").read_text("utf-8").splitlines()
        if line.strip()
    ]
    started = time.perf_counter()
    bot.ask(questions[16])  # the German one: e5 and the language model load now
    first = time.perf_counter() - started

    plain = Storybot(PassageIndex.load(index_dir), _query_embedder())
    warm: dict[str, list[float]] = {"cross-lingual": [], "MiniLM alone": []}
    for name, answering in (("cross-lingual", bot), ("MiniLM alone", plain)):
        answering.ask("Who is Seymour Hersh?")  # the models warm, no question of the set
        for question in questions:  # each asked for the first time: nothing cached for it
            started = time.perf_counter()
            answering.ask(question)
            warm[name].append(time.perf_counter() - started)

    texts = [p.text for p in bot.index.passages]
    encoder = MultilingualEncoder()
    rates: dict[str, float] = {}
    many: list[float] = []

    def on_fresh_thread() -> None:
        # a new thread runs e5 on its default threads, as ingest does; answering sets one
        started = time.perf_counter()
        encoder.passage(texts)
        rates["e5"] = len(texts) / (time.perf_counter() - started)
        model = encoder._get()
        for question in questions * 2:
            started = time.perf_counter()
            model.query([question])
            many.append(time.perf_counter() - started)

    worker = threading.Thread(target=on_fresh_thread)
    worker.start()
    worker.join()
    onnx = OnnxEmbedder()
    onnx.encode(texts[:8])
    started = time.perf_counter()
    onnx.encode(texts)
    rates["onnx"] = len(texts) / (time.perf_counter() - started)
    one = []
    for question in questions * 2:
        started = time.perf_counter()
        encoder.query([question])
        one.append(time.perf_counter() - started)

    print(f"development story: {len(texts)} passages, {len(bot.index.sources)} articles")
    print(f"ingest, passages/s: e5 {rates['e5']:.0f}, MiniLM int8 ONNX {rates['onnx']:.0f}")
    print(
        f"e5, one question: {_median_ms(one):.1f} ms on one thread, "
        f"{_median_ms(many):.1f} ms on its default threads"
    )
    print(f"open {opened:.2f} s; first answer (a German question) {first:.2f} s")
    for name, run in warm.items():
        median = _median_ms(run)
        print(f"first ask of each question, warm, median of {len(run)}: {name} {median:.1f} ms")


if __name__ == "__main__":
    main()
