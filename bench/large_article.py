"""Does one huge article index in about the time of the same text as many articles?

    .venv/bin/python bench/large_article.py [--megabytes 5] [--pieces 50]

The text is real news (PolNeAR's articles, then FNC-1's bodies, read from
``../shared/bench/`` at run time, never copied) joined until it reaches the size asked for.
It is indexed twice with the whole pipeline (read, clean, chunk, attribute, stance cues,
embed, FAISS), each time into a new corpus and index: once as one article, once cut at
paragraph breaks into ``--pieces`` articles. It prints both times, their ratio (the goal is
at most 2) and the peak memory of each run, measured in a child process of its own.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
POLNEAR = ROOT.parent / "shared" / "bench" / "polnear"


def _bodies() -> Iterator[str]:
    """Real news bodies: PolNeAR's train and dev texts, then FNC-1's bodies."""
    for split in ("train", "dev"):
        for path in sorted((POLNEAR / split / "text").glob("*.txt")):
            yield path.read_text(encoding="utf-8").strip()
    csv.field_size_limit(10_000_000)
    with (POLNEAR.parent / "fnc1" / "competition_test_bodies.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            yield row["articleBody"].strip()


def _text(megabytes: float) -> str:
    parts, size = [], 0
    for body in _bodies():
        parts.append(body)
        size += len(body.encode("utf-8")) + 2
        if size >= megabytes * 1_000_000:
            break
    return "\n\n".join(parts)


def _pieces(text: str, count: int) -> list[str]:
    paragraphs = text.split("\n\n")
    per = max(1, -(-len(paragraphs) // count))
    return ["\n\n".join(paragraphs[i : i + per]) for i in range(0, len(paragraphs), per)]


def _index_once(files: list[str]) -> None:
    """In this process: index ``files`` (a JSON list of texts) and print seconds and peak MB."""
    from retrieval.corpus import Corpus
    from retrieval.embed import Embedder
    from retrieval.pipeline import build_index

    embedder = Embedder()
    embedder.encode(["warm up"])
    with tempfile.TemporaryDirectory(prefix="storybot-large-") as tmp:
        where = Path(tmp)
        paths = []
        for i, text in enumerate(files):
            path = where / f"piece_{i:03d}.txt"
            path.write_text(text, encoding="utf-8")
            paths.append(path)
        corpus = Corpus(where / "corpus")
        corpus.add(paths, "PolNeAR")
        started = time.perf_counter()
        index = build_index(corpus, where / "index", embedder, progress=False)
        seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak, "passages": len(index.passages)}))


def _measure(files: list[str]) -> dict[str, float]:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(files, f)
    try:
        out = subprocess.run(
            [sys.executable, __file__, "--child", f.name],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    finally:
        os.unlink(f.name)
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--megabytes", type=float, default=1.0)
    parser.add_argument("--pieces", type=int, default=50)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _index_once(json.loads(Path(args.child).read_text(encoding="utf-8")))
        return
    text = _text(args.megabytes)
    pieces = _pieces(text, args.pieces)
    one = _measure([text])
    many = _measure(pieces)
    mb = len(text.encode("utf-8")) / 1e6
    print(f"{mb:.2f} MB of PolNeAR text, indexed with the whole pipeline")
    print("| as | passages | seconds | peak MB |")
    print("| --- | --- | --- | --- |")
    print(f"| one article | {one['passages']} | {one['seconds']:.1f} | {one['peak_mb']:.0f} |")
    print(
        f"| {len(pieces)} articles | {many['passages']} | {many['seconds']:.1f} "
        f"| {many['peak_mb']:.0f} |"
    )
    ratio = one["seconds"] / many["seconds"]
    print(f"ratio one / many: {ratio:.2f} (goal: at most 2)")


if __name__ == "__main__":
    main()
