"""How the dense search scales: flat against approximate FAISS indexes at 30k, 100k and 1M.

    .venv/bin/python bench/scale.py [--sizes 100000,1000000] [--queries 200]

The archive is real news from ``../shared/bench/`` (PolNeAR's articles and FNC-1's bodies,
about 25k passages as storybot chunks them, read at run time, never copied), embedded with
MiniLM once and cached in the git-ignored ``bench/.cache/scale/``. Larger sizes are grown
from it: each added vector is the normalised mean of two real passages' vectors, so the
distribution stays that of news. Queries are the public eval's and the development story's
questions plus real passages held out of the archive.

For each size it prints, medians and p95 over the queries: one query embedding (MiniLM,
torch and int8 ONNX), flat top-10 (``IndexFlatIP``; the floor is embedding + flat), HNSW
and IVF top-10 with their recall@10 against flat, build times and resident bytes per passage.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CACHE = ROOT / "bench" / ".cache" / "scale"
SHARED = ROOT.parent / "shared"
TOP = 10


def _archive_vectors(held_out: int) -> tuple[np.ndarray, np.ndarray]:
    """The real archive's vectors and the held-out passages' vectors (cached)."""
    path = CACHE / "archive.npy"
    if not path.exists():
        sys.path.insert(0, str(ROOT / "bench"))
        from copies import archive_passages

        from retrieval.embed import Embedder

        texts = archive_passages(10**9)
        print(f"embedding {len(texts)} archive passages once (cached in {CACHE})", file=sys.stderr)
        CACHE.mkdir(parents=True, exist_ok=True)
        vectors = Embedder().encode(texts, show_progress=sys.stderr.isatty())
        np.save(path.with_suffix(".tmp.npy"), vectors)
        path.with_suffix(".tmp.npy").rename(path)
    vectors = np.load(path)
    rng = np.random.default_rng(7)
    order = rng.permutation(len(vectors))
    return vectors[order[held_out:]], vectors[order[:held_out]]


def _grown(real: np.ndarray, size: int) -> np.ndarray:
    """``size`` vectors: the real ones, then normalised means of random pairs of them."""
    if size <= len(real):
        return np.ascontiguousarray(real[:size])
    path = CACHE / f"grown-{size}.npy"
    if path.exists():
        return np.load(path, mmap_mode="r")
    rng = np.random.default_rng(size)
    extra = size - len(real)
    out = np.empty((size, real.shape[1]), dtype=np.float32)
    out[: len(real)] = real
    for start in range(0, extra, 100_000):
        n = min(100_000, extra - start)
        mixed = real[rng.integers(0, len(real), n)] + real[rng.integers(0, len(real), n)]
        mixed /= np.linalg.norm(mixed, axis=1, keepdims=True)
        out[len(real) + start : len(real) + start + n] = mixed
    np.save(path, out)
    return out


def _timed(run: Callable[[np.ndarray], object], queries: np.ndarray) -> list[float]:
    times = []
    for q in queries:
        started = time.perf_counter()
        run(q[None, :])
        times.append((time.perf_counter() - started) * 1000)
    return times


def _stats(times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return f"{statistics.median(ordered):.2f} / {p95:.2f}"


def _recall(approx: np.ndarray, exact: np.ndarray) -> float:
    return float(np.mean([len(set(a) & set(e)) / TOP for a, e in zip(approx, exact, strict=True)]))


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _question_vectors() -> tuple[list[str], np.ndarray, np.ndarray]:
    from retrieval.embed import Embedder
    from retrieval.onnx_embed import OnnxEmbedder

    files = [SHARED / "eval" / "questions.jsonl"]
    files.append(SHARED / "stories" / "nordstream_hersh_2023" / "questions.jsonl")
    questions = [
        json.loads(line)["question"]
        for f in files
        for line in f.read_text("utf-8").splitlines()
        if line.strip()
    ]
    torch_model, onnx_model = Embedder(), OnnxEmbedder()
    torch_model.encode(questions[:1])
    onnx_model.encode(questions[:1])
    return questions, torch_model.encode(questions), onnx_model.encode(questions)


def _embedding_times(questions: list[str]) -> tuple[list[float], list[float]]:
    from retrieval.embed import Embedder
    from retrieval.onnx_embed import OnnxEmbedder

    torch_model, onnx_model = Embedder(), OnnxEmbedder()
    out = []
    for model in (torch_model, onnx_model):
        model.encode(questions[:1])
        times = []
        for q in questions:
            started = time.perf_counter()
            model.encode([q])
            times.append((time.perf_counter() - started) * 1000)
        out.append(times)
    return out[0], out[1]


def measure(size: int, real: np.ndarray, queries: np.ndarray, embed_ms: list[float]) -> None:
    import faiss

    vectors = _grown(real, size)
    before = _rss_mb()
    flat = faiss.IndexFlatIP(vectors.shape[1])  # unit vectors: inner product is cosine
    flat.add(np.ascontiguousarray(vectors))
    flat_mb = _rss_mb() - before
    _, exact = flat.search(queries, TOP)
    flat_ms = _timed(lambda q: flat.search(q, TOP), queries)
    embeds = embed_ms * (len(flat_ms) // len(embed_ms) + 1)
    floor = [e + f for e, f in zip(embeds[: len(flat_ms)], flat_ms, strict=True)]
    print(f"\n## {size:,} passages")
    print("| search | build s | top-10 ms, median / p95 | recall@10 vs flat | MB resident |")
    print("| --- | --- | --- | --- | --- |")
    print(f"| flat (IndexFlatIP) | 0 | {_stats(flat_ms)} | 1.000 | {flat_mb:.0f} |")
    print(f"| floor: ONNX query embedding + flat | - | {_stats(floor)} | - | - |")
    for name, make, tune in (
        (
            "HNSW32, efSearch 64",
            lambda d: faiss.IndexHNSWFlat(d, 32, faiss.METRIC_INNER_PRODUCT),
            lambda ix: setattr(ix.hnsw, "efSearch", 64),
        ),
        ("IVF (4*sqrt(n) lists), nprobe 16", None, None),
    ):
        before = _rss_mb()
        started = time.perf_counter()
        if make is not None:
            index = make(vectors.shape[1])
            index.hnsw.efConstruction = 80
            index.add(np.ascontiguousarray(vectors))
            tune(index)
        else:
            lists = int(4 * np.sqrt(size))
            quantizer = faiss.IndexFlatIP(vectors.shape[1])
            index = faiss.IndexIVFFlat(
                quantizer, vectors.shape[1], lists, faiss.METRIC_INNER_PRODUCT
            )
            sample = np.ascontiguousarray(vectors[:: max(1, size // (lists * 40))])
            index.train(sample)
            index.add(np.ascontiguousarray(vectors))
            index.nprobe = 16
        build = time.perf_counter() - started
        mb = _rss_mb() - before
        _, found = index.search(queries, TOP)
        ms = _timed(lambda q, ix=index: ix.search(q, TOP), queries)
        print(f"| {name} | {build:.1f} | {_stats(ms)} | {_recall(found, exact):.3f} | {mb:.0f} |")
        del index
    print(f"flat memory per passage: {vectors.shape[1] * 4} bytes of vector")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="25000,100000,1000000")
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    questions, torch_q, onnx_q = _question_vectors()
    real, held = _archive_vectors(max(0, args.queries - len(questions)))
    queries = np.ascontiguousarray(np.vstack([onnx_q, held]), dtype=np.float32)
    torch_ms, onnx_ms = _embedding_times(questions)
    print(f"{len(real):,} real archive passages; {len(queries)} queries")
    print(
        f"one question embedded, median / p95 ms: torch {_stats(torch_ms)}, ONNX {_stats(onnx_ms)}"
    )
    cosines = (torch_q * onnx_q).sum(axis=1)
    print(f"ONNX vs torch question vectors: cosine min {cosines.min():.4f}")
    for size in (int(s) for s in args.sizes.split(",")):
        measure(size, real, queries, onnx_ms)


if __name__ == "__main__":
    main()
