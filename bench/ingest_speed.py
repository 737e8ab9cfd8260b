"""bench/speed.py's ingest row: the whole pipeline on 60 real articles against a bare MiniLM
encode of the same passages, each in a new process, alternating: the median of the ratios of
each pipeline run to the encode run after it (the machine is shared: a run may wait for the
cores, and the load of the moment weighs on both runs of a pair alike).

The pipeline embeds passages with the fp32 ONNX export of the model (``retrieval/onnx_fp32.py``),
so there are two bare encodes: torch's (sentence-transformers, the baseline the goal was set
against) and the export's, the encoder the pipeline uses; the goal is judged against the
latter, so that a faster encoder cannot pass for a cheaper pipeline."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def ingest_child(kind: str, folder: str) -> None:
    """In a new process: index the articles in ``folder`` into a new index (or encode the
    passages the last index holds)."""
    from retrieval.embed import Embedder

    embedder = Embedder()
    embedder.encode(["warm up"])
    where = Path(folder)
    if kind in ("encode", "onnx"):
        texts = json.loads((where / "passages.json").read_text(encoding="utf-8"))
        encoder = embedder
        if kind == "onnx":
            from retrieval.onnx_fp32 import Fp32Embedder

            encoder = Fp32Embedder.for_ingest(embedder)
            encoder.encode(["warm up"])
            texts = sorted(texts, key=len)  # as sentence-transformers does, and the pipeline
        started = time.perf_counter()
        encoder.encode(texts)
        print(json.dumps({"seconds": time.perf_counter() - started}))
        return
    from retrieval.corpus import Corpus
    from retrieval.pipeline import build_index

    corpus = Corpus(where / "corpus")
    corpus.add(sorted((where / "articles").glob("*.txt")), "PolNeAR")
    index_dir = Path(tempfile.mkdtemp(prefix="index-", dir=where))  # nothing to reuse
    started = time.perf_counter()
    index = build_index(corpus, index_dir, embedder, progress=False)
    seconds = time.perf_counter() - started
    (where / "passages.json").write_text(json.dumps([p.text for p in index.passages]), "utf-8")
    print(json.dumps({"seconds": seconds, "passages": len(index.passages)}))


def ingest(speed: Path, articles: int = 60, runs: int = 2) -> tuple[str, str, str, bool]:
    """The row: goal, measured, baseline, met. ``speed`` is bench/speed.py (its ``--child``
    runs ``ingest_child``)."""
    from large_article import _bodies

    seconds: dict[str, list[float]] = {"pipeline": [], "encode": [], "onnx": []}
    passages = 0
    loads: list[str] = []
    with tempfile.TemporaryDirectory(prefix="storybot-speed-") as tmp:
        folder = Path(tmp)
        (folder / "articles").mkdir()
        for i, body in zip(range(articles), _bodies(), strict=False):
            (folder / "articles" / f"article_{i:03d}.txt").write_text(body, encoding="utf-8")
        for _ in range(runs):
            loads.append(f"{os.getloadavg()[0]:.1f}")
            for kind in ("pipeline", "encode", "onnx"):
                out = subprocess.run(
                    [sys.executable, str(speed), "--child", kind, str(folder)],
                    cwd=speed.parent.parent,
                    check=True,
                    capture_output=True,
                    text=True,
                ).stdout
                record = json.loads(out.strip().splitlines()[-1])
                seconds[kind].append(record["seconds"])
                passages = record.get("passages", passages)
    # each pipeline run beside the encode runs just after it (the load of the moment); medians
    torch = _ratios(seconds["pipeline"], seconds["encode"])
    onnx = _ratios(seconds["pipeline"], seconds["onnx"])
    pairs = ", ".join(
        f"{p:.1f} s vs {e:.1f} s, {o:.1f} s"
        for p, e, o in zip(seconds["pipeline"], seconds["encode"], seconds["onnx"], strict=True)
    )
    return (
        f"ingest of {articles} articles ({passages} passages) <= 1.5x encode",
        f"{statistics.median(seconds['pipeline']):.1f} s (ratio {onnx[0]:.2f} to the ONNX "
        f"encode the pipeline uses, {torch[0]:.2f} to torch's; the medians of {onnx[1]} and "
        f"{torch[1]}; runs {pairs}, alternating; load {', '.join(loads)})",
        f"bare fp32 ONNX MiniLM encode {statistics.median(seconds['onnx']):.1f} s, "
        f"torch MiniLM encode {statistics.median(seconds['encode']):.1f} s",
        onnx[0] <= 1.5,
    )


def _ratios(pipeline: list[float], encode: list[float]) -> tuple[float, str]:
    """The median ratio of each pipeline run to its encode run, and all of them."""
    ratios = sorted(p / e for p, e in zip(pipeline, encode, strict=True))
    return statistics.median(ratios), ", ".join(f"{r:.2f}" for r in ratios)
