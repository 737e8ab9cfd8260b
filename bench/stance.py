"""Measure the stance judge: on our labelled passage pairs and on FNC-1's held-out bodies.

Run from the repository root:  HF_HUB_OFFLINE=1 .venv/bin/python bench/stance.py

FNC-1 is read at run time from ``../shared/bench/fnc1/`` (or ``$STORYBOT_FNC1``); its texts are
never copied into the repository. Bodies are split by a fixed hash of their Body ID: about half
train the small learned model (``bench/train_stance.py``), the other half are held out, and only
the held-out half is scored here. Parsed and embedded bodies are cached in ``bench/.cache/``
(embedding ~900 bodies takes minutes); delete that folder to rebuild it.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import logging
import os
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from retrieval.stance.cues import SentenceCues, analyse, normalise  # noqa: E402
from retrieval.stance.features import (  # noqa: E402
    CLASSES,
    FNC1_CLASSES,
    Analysed,
    pair_features,
)
from retrieval.stance.judge import BODY_WORDS, is_body  # noqa: E402
from retrieval.types import Stance  # noqa: E402

logger = logging.getLogger("bench.stance")

CACHE = ROOT / "bench" / ".cache"
PAIRS = ROOT / "tests" / "data" / "stance_pairs.jsonl"
# The code and word lists the cached parse cues depend on.
CUES_VERSION_FILES = (
    ROOT / "retrieval" / "stance" / "cues.py",
    ROOT / "retrieval" / "lexicon" / "stance.py",
)
# The dataset boundaries: FNC-1's stance names and our labelled pairs' names, as ``Stance``.
FNC1_STANCE = dict(zip(FNC1_CLASSES, CLASSES, strict=True))
PAIR_LABELS = ("same-side", "opposite-side", "unrelated")


def fnc_dir() -> Path:
    """Where FNC-1's competition test files are: ``$STORYBOT_FNC1`` or ../shared/bench/fnc1."""
    return Path(os.environ.get("STORYBOT_FNC1", ROOT.parent / "shared" / "bench" / "fnc1"))


def split_of(body_id: int) -> str:
    """'train' or 'heldout': a fixed hash of the Body ID, about half each, never both."""
    digest = hashlib.sha256(f"fnc1-body-{body_id}".encode()).digest()
    return "train" if digest[0] < 128 else "heldout"


def load_fnc() -> tuple[dict[int, str], list[tuple[str, int, str]]]:
    """Bodies by id and (headline, body id, stance) rows of the competition test set."""
    folder = fnc_dir()
    bodies_path = folder / "competition_test_bodies.csv"
    stances_path = folder / "competition_test_stances.csv"
    if not bodies_path.exists():
        raise SystemExit(f"FNC-1 not found at {folder} (set STORYBOT_FNC1)")
    with open(bodies_path, encoding="utf-8", newline="") as f:
        bodies = {int(r["Body ID"]): r["articleBody"] for r in csv.DictReader(f)}
    with open(stances_path, encoding="utf-8", newline="") as f:
        rows = [(r["Headline"], int(r["Body ID"]), r["Stance"]) for r in csv.DictReader(f)]
    return bodies, rows


def _cues_version() -> str:
    digest = hashlib.sha256()
    for path in CUES_VERSION_FILES:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _cached_analysis(name: str, texts: list[str], embedder) -> list[Analysed]:
    """Analyse texts, caching parse cues (per cue-code version) and vectors (per sentence)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256("\x1f".join(texts).encode()).hexdigest()[:12]
    cues_path = CACHE / f"{name}-{digest}-cues-{_cues_version()}.json"
    vec_path = CACHE / f"{name}-{digest}-vectors.npz"
    if cues_path.exists():
        raw = json.loads(cues_path.read_text(encoding="utf-8"))
        cues = [[SentenceCues.from_dict(s) for s in text] for text in raw]
    else:
        start = time.time()
        logger.info("parsing %d %s texts (cached afterwards in %s)", len(texts), name, CACHE)
        cues = analyse(texts)
        cues_path.write_text(
            json.dumps([[s.to_dict() for s in text] for text in cues]), encoding="utf-8"
        )
        logger.info("parsed in %.0f s", time.time() - start)
    texts = [normalise(t) for t in texts]  # as the judge embeds them
    sentences = [s.text for text in cues for s in text]
    # Vectors are keyed by a hash of the string they embed (storing the strings would be huge).
    if vec_path.exists():
        stored = np.load(vec_path, allow_pickle=False)
        known = dict(zip(stored["keys"].tolist(), stored["vectors"], strict=True))
    else:
        known = {}
    missing = sorted({t for t in sentences + texts if _key(t) not in known})
    if missing:
        start = time.time()
        logger.info("embedding %d %s sentences and texts", len(missing), name)
        vectors = embedder.encode(missing, show_progress=len(missing) > 1000)
        known.update(zip((_key(t) for t in missing), vectors, strict=True))
        keys = list(known)
        np.savez(vec_path, keys=np.array(keys), vectors=np.stack([known[k] for k in keys]))
        logger.info("embedded in %.0f s", time.time() - start)
    out = []
    for text, sents in zip(texts, cues, strict=True):
        rows = [known[_key(s.text)] for s in sents]
        vecs = np.stack(rows) if rows else np.zeros((0, 384), np.float32)
        out.append(Analysed(tuple(sents), vecs, known[_key(text)]))
    return out


def _key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def fnc_features(embedder, split: str) -> tuple[np.ndarray, np.ndarray, list[int], np.ndarray]:
    """Features, gold class indices, body ids and is-a-body flags of FNC-1 pairs in ``split``."""
    bodies, rows = load_fnc()
    body_ids = sorted(bodies)
    headlines = sorted({h for h, _, _ in rows})
    body_texts = [bodies[b] for b in body_ids]
    body_an = _cached_analysis("fnc1-bodies", body_texts, embedder)
    head_an = _cached_analysis("fnc1-headlines", headlines, embedder)
    body_of = dict(zip(body_ids, body_an, strict=True))
    head_of = dict(zip(headlines, head_an, strict=True))
    feats, gold, ids, long = [], [], [], []
    for headline, body_id, stance in rows:
        if split_of(body_id) != split:
            continue
        feats.append(pair_features(head_of[headline], body_of[body_id]))
        gold.append(CLASSES.index(FNC1_STANCE[stance]))
        ids.append(body_id)
        long.append(is_body(body_of[body_id]))
    return np.stack(feats), np.array(gold), ids, np.array(long)


def fnc_score(gold: np.ndarray, pred: np.ndarray) -> tuple[float, float, float]:
    """FNC-1's weighted score: (points, best possible, share).

    +0.25 for a pair rightly called related or unrelated; +0.75 more for a related pair with the
    right one of agree/disagree/discuss (the official scorer's 0.25 + 0.50 + 0.25).
    """
    gold, pred = np.asarray(gold), np.asarray(pred)
    unrelated = CLASSES.index(Stance.UNRELATED)
    g_rel, p_rel = gold != unrelated, pred != unrelated
    points = 0.25 * float((g_rel == p_rel).sum()) + 0.75 * float(((gold == pred) & g_rel).sum())
    best = 0.25 * float(len(gold)) + 0.75 * float(g_rel.sum())
    return points, best, points / best


def confusion(gold: np.ndarray, pred: np.ndarray) -> np.ndarray:
    """Rows gold, columns predicted, in ``CLASSES`` order."""
    m = np.zeros((len(CLASSES), len(CLASSES)), dtype=int)
    np.add.at(m, (np.asarray(gold), np.asarray(pred)), 1)
    return m


def print_confusion(m: np.ndarray, labels: tuple[str, ...] = FNC1_CLASSES) -> None:
    width = max(len(c) for c in labels) + 2
    print(" " * width + "predicted ->")
    print("gold".ljust(width) + "".join(c.rjust(width) for c in labels))
    for label, row in zip(labels, m, strict=True):
        print(label.ljust(width) + "".join(str(v).rjust(width) for v in row))


def labelled_pairs() -> list[dict]:
    with open(PAIRS, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def pair_label(judgement) -> str:
    """Map a judgement of b against a's claim onto the pair labels (documented in
    ``tests/data/stance_articles/README.md``): asserts -> same-side, denies -> opposite-side,
    discusses and unrelated -> unrelated (context: it neither puts the claim forward nor
    contradicts it)."""
    if judgement.label == Stance.ASSERTS:
        return "same-side"
    if judgement.label == Stance.DENIES:
        return "opposite-side"
    return "unrelated"


def run_labelled(judge) -> float:
    rows = labelled_pairs()
    labels = PAIR_LABELS
    start = time.time()
    preds = [pair_label(judge.judge(r["a"], [r["b"]])[0]) for r in rows]
    elapsed = time.time() - start
    right = sum(p == r["label"] for p, r in zip(preds, rows, strict=True))
    print("== Labelled passage pairs (tests/data/stance_pairs.jsonl, all of it; no training use)")
    print(f"stance accuracy: {right}/{len(rows)} = {right / len(rows):.3f}  (target >= 0.85)")
    m = np.zeros((3, 3), dtype=int)
    for p, r in zip(preds, rows, strict=True):
        m[labels.index(r["label"]), labels.index(p)] += 1
    print_confusion(m, labels)
    by_story = Counter()
    totals = Counter()
    for p, r in zip(preds, rows, strict=True):
        totals[r["story"]] += 1
        by_story[r["story"]] += p == r["label"]
    print("by story: " + ", ".join(f"{s} {by_story[s]}/{totals[s]}" for s in totals))
    print(f"judged {len(rows)} pairs in {elapsed:.1f} s")
    wrong = [(p, r) for p, r in zip(preds, rows, strict=True) if p != r["label"]]
    for p, r in wrong:
        print(f"  wrong: gold {r['label']}, got {p}: {r['a'][:60]!r} | {r['b'][:60]!r}")
    return right / len(rows)


def run_fnc(judge, embedder) -> float:
    feats, gold, ids, bodies = fnc_features(embedder, "heldout")
    pred = judge.predict_features(feats, bodies)
    points, best, share = fnc_score(gold, pred)
    n_bodies = len(set(ids))
    print()
    print(
        f"== FNC-1 competition test set, held-out split only: {len(gold)} pairs over "
        f"{n_bodies} bodies (Body IDs whose hash puts them outside training)"
    )
    print(f"FNC weighted score: {points:.2f} / {best:.2f} = {share:.4f}  (target >= 0.80)")
    m = confusion(gold, pred)
    for i, c in enumerate(FNC1_CLASSES):
        total = m[i].sum()
        print(f"  {c:<10} accuracy {m[i, i]}/{total} = {m[i, i] / max(1, total):.3f}")
    related = gold != CLASSES.index(Stance.UNRELATED)
    rel_right = ((pred != CLASSES.index(Stance.UNRELATED)) == related).sum()
    print(f"  related/unrelated right: {rel_right}/{len(gold)} = {rel_right / len(gold):.3f}")
    print_confusion(m)
    # The same pairs split by which part of the judge decided them.
    short = ~bodies
    print(
        f"  of which {int(bodies.sum())} pairs have bodies of more than {BODY_WORDS} words "
        f"(learned model) and {int(short.sum())} have shorter ones (passage rules)"
    )
    if judge.learned_model is not None:
        alone = judge.learned_model.predict_proba(feats).argmax(axis=1)
        print(f"  learned model alone on all held-out pairs: {_summary(gold, alone)}")
    if short.any():
        print(f"  passage rules alone on the short bodies:   {_summary(gold[short], pred[short])}")
    return share


def _summary(gold: np.ndarray, pred: np.ndarray) -> str:
    points, best, share = fnc_score(gold, pred)
    m = confusion(gold, pred)
    accs = ", ".join(
        f"{c} {m[i, i]}/{m[i].sum()}" for i, c in enumerate(FNC1_CLASSES) if m[i].sum()
    )
    return f"FNC {points:.2f}/{best:.2f} = {share:.4f} ({accs})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-fnc", action="store_true", help="only the labelled pairs")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from retrieval.embed import Embedder
    from retrieval.stance import RuleStanceJudge

    embedder = Embedder()
    judge = RuleStanceJudge(embedder)
    judge.warm_up()
    print(f"judge: {judge.describe()}")
    run_labelled(judge)
    if not args.no_fnc:
        run_fnc(judge, embedder)


if __name__ == "__main__":
    main()
