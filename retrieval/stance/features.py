"""Features of a (claim, text) pair for the stance judge, and the small learned model over them.

``bench/train_stance.py`` computes the same features to train the model, so the judge and the
benchmark cannot drift apart. A text is a short passage or a whole article body: its sentences
are ranked by cosine similarity to the claim, and the parse cues of the most similar ones carry
most of the weight.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from retrieval.lexicon import CLAIM_LIGHT_VERBS
from retrieval.stance.cues import SentenceCues, analyse, normalise, text_denial
from retrieval.types import Stance

if TYPE_CHECKING:
    from retrieval.embed import TextEncoder

# The learned model's classes, in the order of its output columns.
CLASSES = (Stance.ASSERTS, Stance.DENIES, Stance.DISCUSSES, Stance.UNRELATED)
# The same classes as the model file names them: FNC-1's labels, which it was trained on.
FNC1_CLASSES = ("agree", "disagree", "discuss", "unrelated")
TOP_SENTENCES = 3
# Cosine at which two sentences are taken to tell of the same event (MiniLM paraphrases ~0.6+).
SAME_EVENT_SIM = 0.5
SHARED_COUNT_SIM = 0.35

FEATURE_NAMES = (
    "max_sim",
    "mean_top_sim",
    "whole_sim",
    "mean_sim",
    "stem_overlap_top",
    "stem_overlap_all",
    "proper_overlap",
    "denial_top",
    "denial_on_topic",
    "denial_all",
    "denial_rate",
    "hedge_top",
    "hedge_rate",
    "reaffirm_top",
    "contrast",
    "negates_claim",
    "restates_claim",
    "numbers_agree",
    "numbers_differ",
    "no_comment_top",
    "claim_denial",
    "claim_hedges",
    "claim_question",
    "both_deny",
    "polarity_flip",
    "log_sentences",
)


@dataclass(frozen=True)
class Analysed:
    """A text's sentences with their cues and unit vectors, and the vector of the whole text.

    Example: Analysed(sentences, vectors, whole) with vectors.shape == (len(sentences), 384)
    """

    sentences: tuple[SentenceCues, ...]
    vectors: np.ndarray
    whole: np.ndarray

    def __repr__(self) -> str:
        first = self.sentences[0].text[:60] if self.sentences else ""
        return f"Analysed({len(self.sentences)} sentences, vector of 384 dims, {first!r})"


def _claim_keys(claim: Analysed) -> set[str]:
    """Stems of what the claim says happened ("refus" for "Xi refused to come to Russia")."""
    return {k for s in claim.sentences for k in s.predicate if k not in CLAIM_LIGHT_VERBS}


def pair_features(claim: Analysed, text: Analysed) -> np.ndarray:
    """One row of ``FEATURE_NAMES`` for how ``text`` stands towards ``claim``."""
    n = len(text.sentences)
    out = dict.fromkeys(FEATURE_NAMES, 0.0)
    c_sents = claim.sentences
    c_den = text_denial(list(c_sents))
    out["claim_denial"] = c_den
    out["claim_hedges"] = min(3, sum(s.hedges for s in c_sents)) / 3
    out["claim_question"] = float(any(s.question for s in c_sents))
    if n == 0:
        return np.array([out[k] for k in FEATURE_NAMES], dtype=np.float32)

    sims = text.vectors @ claim.whole
    whole_sim = float(text.whole @ claim.whole)
    order = np.argsort(-sims)[:TOP_SENTENCES]
    top = [text.sentences[i] for i in order]
    top_sims = sims[order]
    out["max_sim"] = float(top_sims[0])
    out["mean_top_sim"] = float(top_sims.mean())
    out["whole_sim"] = whole_sim
    out["mean_sim"] = float(sims.mean())

    c_stems = {k for s in c_sents for k in s.stems}
    c_proper = {p for s in c_sents for p in s.proper}
    all_stems = {k for s in text.sentences for k in s.stems}
    all_proper = {p for s in text.sentences for p in s.proper}
    if c_stems:
        out["stem_overlap_top"] = max(len(c_stems & set(s.stems)) for s in top) / len(c_stems)
        out["stem_overlap_all"] = len(c_stems & all_stems) / len(c_stems)
    if c_proper:
        out["proper_overlap"] = len(c_proper & all_proper) / len(c_proper)

    # A denial counts for the claim only as far as its sentence (or, for a bare "This is not
    # so.", the text around it) is about the claim.
    on_topic = [
        s.denial * max(0.0, max(float(sims[i]), whole_sim)) for i, s in enumerate(text.sentences)
    ]
    out["denial_top"] = max(s.denial for s in top)
    out["denial_on_topic"] = max(on_topic)
    out["denial_all"] = text_denial(list(text.sentences))
    out["denial_rate"] = sum(s.denial >= 0.5 for s in text.sentences) / n
    out["hedge_top"] = min(3.0, sum(s.hedges for s in top) / len(top)) / 3
    tokens = sum(s.tokens for s in text.sentences) or 1
    out["hedge_rate"] = min(1.0, 10 * sum(s.hedges for s in text.sentences) / tokens)
    reaffirm = min(1, sum(s.reaffirm for s in top))
    disrupt = min(1, sum(s.disrupt for s in top))
    c_disrupt = min(1, sum(s.disrupt for s in c_sents))
    c_reaffirm = min(1, sum(s.reaffirm for s in c_sents))
    out["reaffirm_top"] = float(reaffirm)
    out["contrast"] = float(max(c_disrupt * reaffirm * (1 - disrupt), c_reaffirm * disrupt))

    keys = _claim_keys(claim)
    if keys:
        negated = {k for s in top for k in s.negated}
        asserted = {k for s in top for k in s.asserted}
        out["negates_claim"] = float(bool(keys & negated))
        out["restates_claim"] = float(bool(keys & asserted))
    # Counts are compared only between sentences about the same event: "31 miners were killed"
    # against "nine miners had died", not against "the mine employs 1,200 people".
    c_numbers = {v for s in c_sents for v in s.numbers}
    # A shared count is specific evidence, so it needs less similarity than a different one
    # (texts about one story give many unrelated counts: "employs 1,200 people").
    # A sentence counts as near the claim if it, or the text around it, is similar enough.
    near = [(s, max(float(sim), whole_sim)) for s, sim in zip(top, top_sims, strict=True)]
    shared = {v for s, sim in near if sim >= SHARED_COUNT_SIM for v in s.numbers}
    other = {v for s, sim in near if sim >= SAME_EVENT_SIM for v in s.numbers}
    if c_numbers and shared & c_numbers:
        out["numbers_agree"] = 1.0
    elif c_numbers and other:
        out["numbers_differ"] = 1.0
    out["no_comment_top"] = float(any(s.no_comment for s in top))
    out["both_deny"] = c_den * out["denial_on_topic"]
    text_deny = max(out["denial_on_topic"], 0.6 * out["negates_claim"] * max(0.0, whole_sim))
    out["polarity_flip"] = c_den * (1 - out["denial_top"]) + (1 - c_den) * text_deny
    out["log_sentences"] = math.log1p(n)
    return np.array([out[k] for k in FEATURE_NAMES], dtype=np.float32)


class LearnedModel:
    """A small MLP (or logistic regression, with no hidden layer) run with numpy alone.

    Example: LearnedModel.load(path).predict_proba(features)  # (n, 4), columns CLASSES
    """

    def __init__(self, data: dict[str, Any]) -> None:
        names = tuple(data["feature_names"])
        if names != FEATURE_NAMES:
            raise ValueError(f"stance model was trained on other features: {names}")
        if tuple(data["classes"]) != FNC1_CLASSES:
            raise ValueError(f"stance model has other classes: {data['classes']}")
        self.mean = np.asarray(data["mean"], dtype=np.float32)
        self.scale = np.asarray(data["scale"], dtype=np.float32)
        self.layers = [
            (np.asarray(layer["W"], dtype=np.float32), np.asarray(layer["b"], dtype=np.float32))
            for layer in data["layers"]
        ]
        self.log_prior_shift = np.asarray(data.get("log_prior_shift", [0.0] * 4), np.float32)
        self.meta = {k: v for k, v in data.items() if k not in ("layers", "mean", "scale")}

    @classmethod
    def load(cls, path: str | Path) -> LearnedModel:
        with open(path, encoding="utf-8") as f:
            return cls(json.load(f))

    def predict_proba(self, features: np.ndarray) -> np.ndarray:
        """Class probabilities, columns in ``CLASSES`` order."""
        x = (np.atleast_2d(features).astype(np.float32) - self.mean) / self.scale
        for i, (weights, bias) in enumerate(self.layers):
            x = x @ weights + bias
            if i < len(self.layers) - 1:
                x = np.maximum(x, 0.0)
        x = x + self.log_prior_shift
        x = x - x.max(axis=1, keepdims=True)
        p = np.exp(x)
        return p / p.sum(axis=1, keepdims=True)


def analyse_texts(
    texts: list[str],
    embedder: TextEncoder,
    cues: Sequence[Sequence[SentenceCues] | None] | None = None,
) -> list[Analysed]:
    """Parse and embed texts: one ``Analysed`` per text, in order (one encode call for all).

    ``cues`` gives the sentences of texts already parsed (a passage's stored analysis), None
    for a text to parse now.
    """
    if not texts:
        return []
    known = list(cues) if cues is not None else [None] * len(texts)
    if len(known) != len(texts):
        raise ValueError(f"{len(known)} analyses for {len(texts)} texts")
    parsed = iter(analyse([t for t, c in zip(texts, known, strict=True) if c is None]))
    sentences = [list(c) if c is not None else next(parsed) for c in known]
    # Embed each distinct string once: a one-sentence passage is its own sentence.
    texts = [normalise(t) for t in texts]
    unique: dict[str, int] = {}
    for text, sents in zip(texts, sentences, strict=True):
        for s in sents:
            unique.setdefault(s.text, len(unique))
        unique.setdefault(text, len(unique))
    vectors = embedder.encode(list(unique))
    out = []
    for text, sents in zip(texts, sentences, strict=True):
        rows = [unique[s.text] for s in sents]
        sent_vecs = vectors[rows] if rows else np.zeros((0, vectors.shape[1]), np.float32)
        out.append(Analysed(tuple(sents), sent_vecs, vectors[unique[text]]))
    return out
