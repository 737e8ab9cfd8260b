"""Measure how copies (wire copy, repeated paragraphs) are found at ingest.

    .venv/bin/python bench/copies.py [--archive N]

Passages come from the development story (``../shared/stories/nordstream_hersh_2023``) and from
real news in ``../shared/bench/`` (PolNeAR's articles and FNC-1's bodies), chunked as storybot
chunks them; all read at run time, never copied. Three ways to find the copy pairs:

- every pair compared (the truth, on a sample small enough for it);
- ``retrieval.copies.copy_neighbours`` (an inverted index of 3-word runs, windowed);
- datasketch's MinHash LSH (128 permutations, Jaccard threshold 0.3), each candidate checked
  with the same rule.

It prints the time of each and the share of the true copy pairs each finds.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from retrieval.chunk import Chunker  # noqa: E402
from retrieval.copies import copy_neighbours, is_copy, shingles  # noqa: E402
from retrieval.types import Article, Source  # noqa: E402

SHARED = ROOT.parent / "shared"
STORY = SHARED / "stories" / "nordstream_hersh_2023"


def _chunk(articles: list[tuple[str, str]]) -> list[str]:
    chunker = Chunker()
    texts = []
    for name, text in articles:
        article = Article(Source(name, "bench"), text)
        texts += [p.text for p in chunker.split(article)]
    return texts


def story_passages() -> list[str]:
    from retrieval.evaluate import story_files

    return _chunk([(s.path.stem, s.body) for s in story_files(STORY)])


def archive_passages(limit: int) -> list[str]:
    polnear = SHARED / "bench" / "polnear"
    articles = [
        (path.stem, path.read_text(encoding="utf-8"))
        for split in ("train", "dev")
        for path in sorted((polnear / split / "text").glob("*.txt"))
    ]
    csv.field_size_limit(10_000_000)
    with (SHARED / "bench" / "fnc1" / "competition_test_bodies.csv").open(encoding="utf-8") as f:
        articles += [(f"fnc-{row['Body ID']}", row["articleBody"]) for row in csv.DictReader(f)]
    texts = []
    for name, text in articles:
        texts += _chunk([(name, text)])
        if len(texts) >= limit:
            break
    return texts[:limit]


def true_pairs(texts: list[str]) -> set[tuple[int, int]]:
    runs = [shingles(t) for t in texts]
    return {
        (i, j) for i, j in itertools.combinations(range(len(texts)), 2) if is_copy(runs[i], runs[j])
    }


def minhash_pairs(texts: list[str]) -> set[tuple[int, int]]:
    # datasketch is not a dependency (this comparison chose against it): `pip install datasketch`
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=0.3, num_perm=128)
    runs = [shingles(t) for t in texts]
    pairs = set()
    for i, mine in enumerate(runs):
        sketch = MinHash(num_perm=128)
        sketch.update_batch([r.encode("utf-8") for r in mine])
        pairs |= {(j, i) for j in lsh.query(sketch) if is_copy(mine, runs[j])}
        lsh.insert(i, sketch)
    return pairs


def neighbour_pairs(texts: list[str]) -> set[tuple[int, int]]:
    return {(i, j) for i, found in enumerate(copy_neighbours(texts)) for j in found if i < j}


def _timed(find, texts: list[str]) -> tuple[set[tuple[int, int]], float]:  # noqa: ANN001
    started = time.perf_counter()
    pairs = find(texts)
    return pairs, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--sample", type=int, default=2500, help="archive passages compared pairwise"
    )
    parser.add_argument("--archive", type=int, default=30000, help="archive passages for timing")
    args = parser.parse_args()

    story = story_passages()
    archive = archive_passages(args.archive)
    print(f"{len(story)} story passages, {len(archive)} archive passages")
    sample = story + archive[: args.sample]
    samples = (("story", story), (f"story + {args.sample} archive", sample))
    print("| passages | n | true copy pairs | every pair (s) | ours: recall, s |", end=" ")
    print("MinHash LSH: recall, s |")
    print("| --- | --- | --- | --- | --- | --- |")
    for label, texts in samples:
        truth, every = _timed(true_pairs, texts)
        ours, ours_s = _timed(neighbour_pairs, texts)
        lsh, lsh_s = _timed(minhash_pairs, texts)
        assert ours <= truth and lsh <= truth  # both check each candidate with the same rule
        share = len(ours) / max(1, len(truth)), len(lsh) / max(1, len(truth))
        print(
            f"| {label} | {len(texts)} | {len(truth)} | {every:.2f} "
            f"| {share[0]:.3f}, {ours_s:.2f} | {share[1]:.3f}, {lsh_s:.2f} |"
        )
    texts = story + archive
    ours, ours_s = _timed(neighbour_pairs, texts)
    lsh, lsh_s = _timed(minhash_pairs, texts)
    print(
        f"all {len(texts)} passages: ours {ours_s:.1f} s ({len(ours)} pairs), "
        f"MinHash LSH {lsh_s:.1f} s ({len(lsh)} pairs, {len(lsh - ours)} not in ours)"
    )


if __name__ == "__main__":
    with tempfile.TemporaryDirectory():
        main()
