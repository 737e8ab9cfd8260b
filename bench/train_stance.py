"""Train the stance judge's tiny learned model on FNC-1's *train* split of bodies.

Run from the repository root:  HF_HUB_OFFLINE=1 .venv/bin/python bench/train_stance.py

The competition test set is split by a fixed hash of Body ID (``bench/stance.py: split_of``);
only the train half is read here, and every choice (model size, class weights, per-class logit
shifts) is made by 5-fold cross-validation grouped by body inside that half. The held-out half is
left for ``bench/stance.py``. The model is written as JSON (weights, feature scaling, shifts) to
``retrieval/data/stance_model.json`` and run at serve time with numpy alone.
"""

from __future__ import annotations

import argparse
import itertools
import json
import logging
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

import stance as bench  # noqa: E402  (bench/stance.py)

from retrieval.stance.features import CLASSES, FEATURE_NAMES, FNC1_CLASSES  # noqa: E402

logger = logging.getLogger("bench.train_stance")

OUT = ROOT / "retrieval" / "data" / "stance_model.json"
DISAGREE_FLOOR = 0.35  # per-class accuracy the shifts must keep for disagree (target 0.30)
AGREE_FLOOR = 0.35


def _fit(kind: str, x: np.ndarray, y: np.ndarray, weight_power: float, seed: int = 0):
    from sklearn.linear_model import LogisticRegression
    from sklearn.neural_network import MLPClassifier

    counts = np.bincount(y, minlength=len(CLASSES)).astype(float)
    class_w = (counts.sum() / (len(CLASSES) * np.maximum(counts, 1))) ** weight_power
    sample_w = class_w[y]
    if kind == "logreg":
        model = LogisticRegression(C=1.0, max_iter=2000)
    else:
        hidden = int(kind.split("-")[1])
        model = MLPClassifier(
            hidden_layer_sizes=(hidden,),
            alpha=1e-3,
            max_iter=400,
            early_stopping=False,
            random_state=seed,
        )
    model.fit(x, y, sample_weight=sample_w)
    return model


def _layers(model) -> list[dict]:
    if hasattr(model, "coef_"):
        return [{"W": model.coef_.T.tolist(), "b": model.intercept_.tolist()}]
    return [
        {"W": w.tolist(), "b": b.tolist()}
        for w, b in zip(model.coefs_, model.intercepts_, strict=True)
    ]


def _best_shift(probs: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    """Per-class logit shifts that maximise the FNC score while agree/disagree keep a floor."""
    logp = np.log(np.clip(probs, 1e-9, 1))
    grid = np.arange(-1.5, 1.51, 0.25)
    best, best_score = np.zeros(4), -1.0
    for a, d, s in itertools.product(grid, grid, grid):
        shift = np.array([a, d, s, 0.0])
        pred = (logp + shift).argmax(axis=1)
        m = bench.confusion(y, pred)
        acc = np.diag(m) / np.maximum(m.sum(axis=1), 1)
        if acc[1] < DISAGREE_FLOOR or acc[0] < AGREE_FLOOR:
            continue
        score = bench.fnc_score(y, pred)[2]
        if score > best_score:
            best, best_score = shift, score
    return best, best_score


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--out", type=Path, default=OUT)
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from sklearn.model_selection import GroupKFold

    from retrieval.embed import Embedder

    start = time.time()
    x, y, ids, _ = bench.fnc_features(Embedder(), "train")
    groups = np.array(ids)
    print(f"train split: {len(y)} pairs over {len(set(ids))} bodies ({time.time() - start:.0f} s)")
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-6] = 1.0
    xs = (x - mean) / scale

    folds = list(GroupKFold(n_splits=5).split(xs, y, groups))
    results = []
    # (An MLP with 32 hidden units and the 1.0 weighting of mlp-16 scored no better in earlier
    # runs, 0.830-0.839 against logreg's 0.840, and take minutes each, so they are left out.)
    for kind, power in (("logreg", 0.5), ("logreg", 1.0), ("mlp-16", 0.5)):
        oof = np.zeros((len(y), len(CLASSES)))
        for train_idx, test_idx in folds:
            model = _fit(kind, xs[train_idx], y[train_idx], power)
            oof[test_idx] = model.predict_proba(xs[test_idx])
        shift, score = _best_shift(oof, y)
        plain = bench.fnc_score(y, oof.argmax(axis=1))[2]
        print(
            f"  cv {kind:<7} weight^{power}: FNC {plain:.4f} plain, {score:.4f} with shift {shift}"
        )
        results.append((score, kind, power, shift))
    score, kind, power, shift = max(results, key=lambda r: r[0])
    model = _fit(kind, xs, y, power)
    print(f"chosen: {kind}, class weight power {power}, cv FNC score {score:.4f}")

    data = {
        "feature_names": list(FEATURE_NAMES),
        "classes": list(FNC1_CLASSES),  # the model file names its classes as FNC-1 does
        "mean": mean.tolist(),
        "scale": scale.tolist(),
        "layers": _layers(model),
        "log_prior_shift": shift.tolist(),
        "kind": kind,
        "class_weight_power": power,
        "trained_on": (
            "FNC-1 competition test set, train split only (sha256('fnc1-body-<Body ID>')[0] < 128):"
            f" {len(y)} pairs, {len(set(ids))} bodies"
        ),
        "cv_fnc_score": round(score, 4),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
