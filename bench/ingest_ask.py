"""Ingest throughput and warm `ask` latency, side by side with a numpy brute-force baseline.

    .venv/bin/python bench/ingest_ask.py [--synthetic 10000] [--queries 40]

Two corpora: the seed corpus, and a synthetic corpus of N passages made by
recombining the seed sentences with varied names and numbers (so the vectors
are realistic, not random). For each it prints:
- ingest: clean + chunk + embed + FAISS build, passages per second;
- search: FAISS `IndexFlatIP` top-k against numpy `x @ q` + argpartition on the
  same vectors (median and p95, ms), and the ratio;
- warm ask: `Storybot.ask` end to end (embedding the question, hybrid search,
  answerability, sides) median and p95, ms.
Figures are also written to bench/results/ingest_ask.txt.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from retrieval.chunk import Chunker  # noqa: E402
from retrieval.corpus import Corpus  # noqa: E402
from retrieval.embed import Embedder  # noqa: E402
from retrieval.index import Manifest, PassageIndex  # noqa: E402
from retrieval.pipeline import build_index, read_corpus  # noqa: E402
from retrieval.service import Storybot  # noqa: E402
from retrieval.stance import analyse_passages  # noqa: E402
from retrieval.types import Passage, Source  # noqa: E402

QUESTIONS = [
    "Did Xi refuse?",
    "Why did Xi Jinping decline Putin's invitation?",
    "What did the Kremlin say about the reports?",
    "When did Putin invite Xi to visit Russia?",
    "What did Stoltenberg say about China?",
    "Will Xi Jinping visit Russia?",
    "Who is Kirill Budanov?",
    "What is the weather in Paris today?",
]
NAMES = [
    "Xi Jinping",
    "Vladimir Putin",
    "Dmitry Peskov",
    "Jens Stoltenberg",
    "Olaf Scholz",
    "Emmanuel Macron",
    "Recep Erdogan",
    "Narendra Modi",
    "Fumio Kishida",
    "Joe Biden",
]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def timed(fn, repeat: int) -> list[float]:  # noqa: ANN001
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def synthetic_passages(n: int, seed_sentences: list[str]) -> list[str]:
    rng = random.Random(7)
    texts = []
    for i in range(n):
        picked = rng.sample(seed_sentences, k=min(2, len(seed_sentences)))
        text = " ".join(picked)
        for name in ("Xi Jinping", "Putin", "Peskov", "Stoltenberg"):
            text = text.replace(name, rng.choice(NAMES))
        texts.append(f"{text} (report {i}, day {rng.randint(1, 28)})")
    return texts


def search_compare(vectors: np.ndarray, queries: np.ndarray, k: int = 10) -> dict[str, float]:
    import faiss

    index = faiss.IndexFlatIP(vectors.shape[1])
    index.add(vectors)
    faiss_ms, numpy_ms = [], []
    for q in queries:
        xq = q.reshape(1, -1)
        faiss_ms += timed(lambda xq=xq: index.search(xq, k), 1)

        def brute(q=q) -> np.ndarray:
            scores = vectors @ q
            top = np.argpartition(-scores, min(k, len(scores) - 1))[:k]
            return top[np.argsort(-scores[top])]

        numpy_ms += timed(brute, 1)
    return {
        "faiss_median": statistics.median(faiss_ms),
        "faiss_p95": percentile(faiss_ms, 0.95),
        "numpy_median": statistics.median(numpy_ms),
        "numpy_p95": percentile(numpy_ms, 0.95),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synthetic", type=int, default=10000)
    parser.add_argument("--queries", type=int, default=40)
    args = parser.parse_args()
    lines: list[str] = []

    def say(text: str) -> None:
        print(text, flush=True)
        lines.append(text)

    embedder = Embedder()
    embedder.warm_up()
    work = Path(tempfile.mkdtemp(prefix="storybot-bench-"))
    try:
        # --- seed corpus: the real pipeline, end to end
        corpus_dir = work / "corpus"
        shutil.copytree(ROOT / "corpus", corpus_dir)
        start = time.perf_counter()
        index = build_index(Corpus(corpus_dir), work / "index", embedder, progress=False)
        seed_s = time.perf_counter() - start
        seed_n = len(index.passages)
        bot = Storybot(index, embedder)
        questions = (QUESTIONS * ((args.queries // len(QUESTIONS)) + 1))[: args.queries]
        bot.ask(questions[0])  # warm: spaCy and the stance judge load on first use
        seed_ask = [t for q in questions for t in timed(lambda q=q: bot.ask(q), 1)]
        qvec = embedder.encode(questions)
        seed_search = search_compare(index.vectors(), qvec)

        # --- synthetic corpus of N passages
        articles = read_corpus(Corpus(corpus_dir).files())
        sentences = [p.text for a in articles for p in Chunker(max_sentences=1).split(a)]
        texts = synthetic_passages(args.synthetic, sentences)
        start = time.perf_counter()
        vectors = embedder.encode(texts)
        source = Source("synthetic", "Synthetic Wire", published="2022-07-05")
        passages = [Passage(f"s{i}", "synthetic", t, 0, len(t)) for i, t in enumerate(texts)]
        manifest = Manifest(embedder.name, embedder.dimension, "bench", {}, {"synthetic": source})
        # the stance cues of every passage, as build_index stores them (ingest's spaCy pass)
        analyses = analyse_passages(texts)
        stance = {p.id: a.to_dict() for p, a in zip(passages, analyses, strict=True)}
        big = PassageIndex.build(passages, vectors, manifest, stance)
        big.save(work / "big")
        big_s = time.perf_counter() - start
        big_bot = Storybot(big, embedder)
        big_bot.ask(questions[0])
        big_ask = [t for q in questions for t in timed(lambda q=q: big_bot.ask(q), 1)]
        big_search = search_compare(big.vectors(), qvec)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    say(f"machine: {os.cpu_count()} cores; model {embedder.name}; {args.queries} questions")
    say("")
    say(f"{'corpus':<22}{'passages':>9}{'ingest s':>10}{'passages/s':>12}")
    say(f"{'seeds (full pipeline)':<22}{seed_n:>9}{seed_s:>10.2f}{seed_n / seed_s:>12.1f}")
    say(f"{'synthetic (emb+cues)':<22}{len(texts):>9}{big_s:>10.2f}{len(texts) / big_s:>12.1f}")
    say("")
    say("top-10 search on the same vectors, ms (median / p95), FAISS vs numpy brute force:")
    for name, s in (("seeds", seed_search), (f"synthetic {len(texts)}", big_search)):
        ratio = s["faiss_median"] / s["numpy_median"] if s["numpy_median"] else float("nan")
        say(
            f"  {name:<18} FAISS {s['faiss_median']:.3f} / {s['faiss_p95']:.3f}   "
            f"numpy {s['numpy_median']:.3f} / {s['numpy_p95']:.3f}   FAISS/numpy {ratio:.2f}x"
        )
    say("")
    say("warm ask, end to end (question embedding, hybrid search, answerability, sides), ms:")
    for name, values in (("seeds", seed_ask), (f"synthetic {len(texts)}", big_ask)):
        say(
            f"  {name:<18} median {statistics.median(values):.1f}   "
            f"p95 {percentile(values, 0.95):.1f}"
        )
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "ingest_ask.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
