"""The stance judge: how each passage stands towards a claim (``Stance``), with a confidence.

``RuleStanceJudge`` reads the parse cues of ``cues.py`` (denials such as "reports ... are
false", "not so", "rejected the report"; negation of the claim's own predicate, "has not
resigned"; "as planned" contrasts; hedges and counts), MiniLM similarity to say whether a passage
is about the claim at all, and, for whole article bodies, a tiny MLP learned on half of FNC-1's
bodies (``retrieval/data/stance_model.json``, run with numpy). Nothing heavy loads at import:
the embedder, spaCy and the model load on first use, once.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from retrieval.errors import StorybotError
from retrieval.stance.cues import SentenceCues, analyse, text_denial
from retrieval.stance.features import (
    CLASSES,
    FEATURE_NAMES,
    Analysed,
    LearnedModel,
    analyse_texts,
    pair_features,
)
from retrieval.types import Stance

if TYPE_CHECKING:
    from retrieval.embed import TextEncoder

logger = logging.getLogger(__name__)

MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "stance_model.json"
# A text of more words than this is an article body, judged by the learned model; passages
# (1-3 sentences as the chunker makes them, rarely past ~90 words) go to the rules. Words, not
# sentences: spaCy makes four sentences of '"No. This is not so. This is untrue." he said'.
BODY_WORDS = 120
# Passage mode: a passage "restates" the claim at or above this cosine, halfway between where
# MiniLM puts paraphrases (~0.6-0.8; a question next to its answer ~0.7) and same-story
# background that merely names the same people (~0.2-0.5).
RESTATE_SIM = 0.55
# Passage mode: below this (cosine plus a little for shared names and words) a passage is about
# something else. The learned model is not used for this: it learned relatedness from whole
# bodies, and on 1-3 sentence passages it calls too much unrelated (see bench/stance.py).
RELATED_SIM = 0.3
_F = {name: i for i, name in enumerate(FEATURE_NAMES)}


class StanceModelError(StorybotError):
    """The shipped stance model cannot be loaded."""


@dataclass(frozen=True)
class StanceJudgement:
    """How one passage stands towards a claim, with the judge's confidence and class scores.

    Example: StanceJudgement(Stance.DENIES, 0.9, {Stance.ASSERTS: 0.03, Stance.DENIES: 0.9, ...})
    """

    label: Stance
    confidence: float
    scores: dict[Stance, float] = field(default_factory=dict)
    reason: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label.value,
            "confidence": round(self.confidence, 4),
            "scores": {k.value: round(v, 4) for k, v in self.scores.items()},
            "reason": self.reason,
        }


Cues = Sequence[SentenceCues]


class StanceJudge(Protocol):
    """Anything that can judge passages against a claim (a statement or a yes/no question).

    ``cues`` are the passages' sentences already parsed (their stored analysis; None for one to
    parse now), ``claim_cues`` the claim's.
    """

    def judge(
        self,
        claim: str,
        passages: Sequence[str],
        cues: Sequence[Cues | None] | None = None,
        claim_cues: Cues | None = None,
    ) -> list[StanceJudgement]: ...


def denial_strength(text: str) -> float:
    """How strongly a text denies or contradicts something, from 0 to 1.

    High for denial predicates said of a report or a that-clause ("reports ... are false",
    "rejected the report", "denied that ..."), "not so"/"not true", "no truth in", "nothing to do
    with", a quote that opens with "No."; about 0.4 for a negated main verb; 0 for plain reports
    and hedged ones ("allegedly declined").
    """
    if not text or not text.strip():
        return 0.0
    return text_denial(analyse([text])[0])


class RuleStanceJudge:
    """The default judge: parse cues + MiniLM similarity (+ a tiny learned model if shipped).

    Example: RuleStanceJudge().judge("Did Xi refuse to visit Russia?", passages)
    """

    def __init__(
        self,
        embedder: TextEncoder | None = None,
        model_path: str | Path | None = MODEL_PATH,
        reader: Callable[[str], list[SentenceCues]] | None = None,
    ) -> None:
        self._embedder: TextEncoder | None = embedder
        # How a claim with no cues of its own (the question) is read: spaCy by default; the
        # answering path gives ``reading.read_question``, so spaCy never loads there.
        self._reader = reader
        self.model_path = Path(model_path) if model_path is not None else None
        self._model: LearnedModel | None = None
        self._warm = False
        self._lock = threading.Lock()

    def warm_up(self) -> None:
        """Load the embedder, spaCy and the learned model once; later calls do nothing."""
        if self._warm:
            return
        with self._lock:
            if self._warm:
                return
            if self._embedder is None:
                from retrieval.embed import Embedder

                self._embedder = Embedder()
            self._embedder.warm_up()
            if self._reader is None:
                analyse(["Warm up."])
            if self.model_path is not None and self.model_path.exists():
                try:
                    self._model = LearnedModel.load(self.model_path)
                except (OSError, ValueError, KeyError) as err:
                    raise StanceModelError(
                        f"cannot load stance model {self.model_path}: {err}"
                    ) from err
            elif self.model_path is not None:
                logger.warning("no stance model at %s; passage rules only", self.model_path)
            self._warm = True

    @property
    def learned_model(self) -> LearnedModel | None:
        """The shipped model, once warmed up (None if there is none)."""
        return self._model

    def describe(self) -> str:
        """One line saying what this judge uses."""
        self.warm_up()
        name = self.model_path.name if self.model_path is not None else ""
        model = f"learned model {name}" if self._model else "no learned model"
        return f"RuleStanceJudge (parse cues + MiniLM similarity + {model})"

    def judge(
        self,
        claim: str,
        passages: Sequence[str],
        cues: Sequence[Cues | None] | None = None,
        claim_cues: Cues | None = None,
    ) -> list[StanceJudgement]:
        """Judge each passage against the claim; one judgement per passage, in order.

        Texts whose ``cues`` (or ``claim_cues``) are given are not parsed again.
        """
        if not passages:
            return []
        if not claim or not claim.strip():
            raise ValueError("stance needs a claim to judge passages against, got an empty one")
        self.warm_up()
        assert self._embedder is not None  # warm_up made one
        known = list(cues) if cues is not None else [None] * len(passages)
        if claim_cues is None and self._reader is not None:
            claim_cues = self._reader(claim)
        analysed = analyse_texts([claim, *passages], self._embedder, [claim_cues, *known])
        claim_an, texts = analysed[0], analysed[1:]
        feats = np.stack([pair_features(claim_an, t) for t in texts])
        learned = self._model.predict_proba(feats) if self._model is not None else None
        out = []
        for i, t in enumerate(texts):
            probs = learned[i] if learned is not None else None
            if is_body(t) and probs is not None:
                out.append(_from_probs(probs, "learned model over the body's closest sentences"))
            else:
                out.append(_passage_rules(feats[i]))
        return out

    def predict_features(self, features: np.ndarray, bodies: np.ndarray) -> np.ndarray:
        """Class indices (``CLASSES`` order) for precomputed feature rows, decided as ``judge``
        decides: the learned model where ``bodies`` is true (see ``is_body``), else the rules."""
        self.warm_up()
        rules = np.array([CLASSES.index(_passage_rules(f).label) for f in features])
        if self._model is None:
            return rules
        learned = self._model.predict_proba(features).argmax(axis=1)
        return np.where(np.asarray(bodies, dtype=bool), learned, rules)


def is_body(text: Analysed) -> bool:
    """Is this a whole article body (judged by the learned model) rather than a passage?"""
    return sum(s.tokens for s in text.sentences) > BODY_WORDS


def _from_probs(probs: np.ndarray, reason: str) -> StanceJudgement:
    scores = {c: float(p) for c, p in zip(CLASSES, probs, strict=True)}
    label = CLASSES[int(np.argmax(probs))]
    return StanceJudgement(label, scores[label], scores, reason)


def _judgement(label: Stance, confidence: float, reason: str) -> StanceJudgement:
    rest = (1.0 - confidence) / 3
    scores = {c: (confidence if c == label else rest) for c in CLASSES}
    return StanceJudgement(label, confidence, scores, reason)


def _passage_rules(f: np.ndarray) -> StanceJudgement:
    """Decide a short passage's stance from its features (see FEATURE_NAMES)."""
    sim = max(float(f[_F["max_sim"]]), float(f[_F["whole_sim"]]))
    # Relatedness is judged on the whole passage (the unit a caller shows): one short sentence
    # such as "Marrow has not resigned" can sit close to any "X refused" claim. Shared names and
    # content words say "same story" where MiniLM is unsure.
    lexical = 0.1 * float(f[_F["proper_overlap"]] > 0) + 0.1 * float(f[_F["stem_overlap_all"]])
    related_score = float(f[_F["whole_sim"]]) + lexical
    p_related = min(1.0, max(0.0, related_score))
    related = related_score >= RELATED_SIM
    if not related:
        return _judgement(Stance.UNRELATED, max(0.5, 1 - p_related), "not about the claim")

    claim_denies = f[_F["claim_denial"]] >= 0.5
    passage_denies = f[_F["denial_top"]] >= 0.5 or f[_F["negates_claim"]] > 0
    contrast = f[_F["contrast"]] > 0
    restates = sim >= RESTATE_SIM or f[_F["restates_claim"]] >= 0.5 or f[_F["numbers_agree"]] > 0
    if f[_F["no_comment_top"]] > 0 and not passage_denies:
        return _judgement(Stance.DISCUSSES, 0.7, "declines to comment")
    if f[_F["numbers_agree"]] > 0 and not f[_F["numbers_differ"]] > 0:
        return _judgement(Stance.ASSERTS, 0.7, "gives the same figure")
    if f[_F["numbers_differ"]] > 0:
        return _judgement(Stance.DENIES, 0.6, "gives a different figure")
    if claim_denies:
        if passage_denies or contrast or f[_F["reaffirm_top"]] > 0:
            return _judgement(Stance.ASSERTS, 0.8, "denies it too")
        if restates:
            return _judgement(Stance.DENIES, 0.7, "asserts what the claim denies")
        return _judgement(Stance.DISCUSSES, 0.6, "about the claim, takes no side")
    if passage_denies:
        return _judgement(Stance.DENIES, 0.6 + 0.3 * float(f[_F["denial_top"]]), "denies the claim")
    if contrast:
        return _judgement(Stance.DENIES, 0.65, "says it goes ahead as planned")
    if restates:
        return _judgement(Stance.ASSERTS, 0.6 + 0.3 * min(1.0, sim), "restates the claim")
    return _judgement(Stance.DISCUSSES, 0.6, "about the claim, takes no side")
