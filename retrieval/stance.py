"""Which side of a claim a passage takes: agree, disagree, discuss or unrelated.

One interface, ``StanceJudge.judge(claim, passages)``, with two judges behind it:

- ``RuleStanceJudge`` (the default): the spaCy parse finds denials ("reports ... are false", "not
  so", "rejected the report"), negation of the claim's own predicate ("has not resigned"),
  "as planned" contrasts, hedges and counts; MiniLM embeddings say whether a passage is about the
  claim at all; a tiny MLP learned on half of FNC-1's bodies (``retrieval/data/stance_model.json``,
  run with numpy) judges whole article bodies and whether a short passage is related.
- ``NLIStanceJudge``: an NLI sequence-classification model from a local path given in
  ``STORYBOT_NLI_MODEL`` (none can be had offline here, so it is only loaded when asked for).

``load_stance_judge()`` picks one. ``side_of()`` turns a judgement into the side a caller shows.
Nothing heavy loads at import: the embedder, spaCy and the model load on first use, once.

Forming the two sides of a question (what ``retrieval/sides.py`` is meant to do)::

    judge = load_stance_judge(embedder)              # once; share the search's Embedder
    claim = top_hit.passage.text                     # the claim: the best answer to the question
    marks = judge.judge(claim, [h.passage.text for h in hits])
    asserts = [h for h, m in zip(hits, marks) if m.label == "agree"]      # + the claim's own hit
    denies = [h for h, m in zip(hits, marks) if m.label == "disagree"]
    context = [h for h, m in zip(hits, marks) if m.label == "discuss"]    # drop "unrelated"

Judge against a passage that states the claim rather than the bare question when you can: a
question carries no polarity of its own, so "agree" then means "says yes". If the best hit is
itself a denial ("reports ... are false"), the labels flip consistently: other denials "agree"
with it and the original report "disagrees", so name the sides from ``denial_strength(claim)``.
Sort each side by ``confidence``; two sides exist only when both lists are non-empty.
"""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

import numpy as np

from retrieval._stance_cues import analyse, text_denial
from retrieval._stance_features import (
    CLASSES,
    FEATURE_NAMES,
    Analysed,
    LearnedModel,
    analyse_texts,
    pair_features,
)
from retrieval.errors import StorybotError

if TYPE_CHECKING:
    from retrieval.embed import Embedder

logger = logging.getLogger(__name__)

Stance = Literal["agree", "disagree", "discuss", "unrelated"]
Side = Literal["same-side", "opposite-side", "unrelated"]

MODEL_PATH = Path(__file__).resolve().parent / "data" / "stance_model.json"
NLI_ENV = "STORYBOT_NLI_MODEL"
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
    """The stance model named in STORYBOT_NLI_MODEL (or the shipped one) cannot be loaded."""


@dataclass(frozen=True)
class StanceJudgement:
    """How one passage stands towards a claim, with the judge's confidence and class scores.

    Example: StanceJudgement("disagree", 0.9, {"agree": 0.03, "disagree": 0.9, ...})
    """

    label: Stance
    confidence: float
    scores: dict[str, float] = field(default_factory=dict)
    reason: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "confidence": round(self.confidence, 4),
            "scores": {k: round(v, 4) for k, v in self.scores.items()},
            "reason": self.reason,
        }


class StanceJudge(Protocol):
    """Anything that can judge passages against a claim (a statement or a yes/no question)."""

    def judge(self, claim: str, passages: list[str]) -> list[StanceJudgement]: ...


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


def side_of(judgement: StanceJudgement) -> Side:
    """The side a passage takes relative to the claim it was judged against.

    agree -> "same-side"; disagree -> "opposite-side"; discuss and unrelated -> "unrelated"
    (context: it neither puts the claim forward nor contradicts it).
    """
    if judgement.label == "agree":
        return "same-side"
    if judgement.label == "disagree":
        return "opposite-side"
    return "unrelated"


class RuleStanceJudge:
    """The default judge: parse cues + MiniLM similarity (+ a tiny learned model if shipped).

    Example: RuleStanceJudge().judge("Did Xi refuse to visit Russia?", passages)
    """

    def __init__(
        self,
        embedder: Embedder | None = None,
        model_path: str | Path | None = MODEL_PATH,
    ) -> None:
        self._embedder = embedder
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
        model = f"learned model {self.model_path.name}" if self._model else "no learned model"
        return f"RuleStanceJudge (parse cues + MiniLM similarity + {model})"

    def judge(self, claim: str, passages: list[str]) -> list[StanceJudgement]:
        """Judge each passage against the claim; one judgement per passage, in order."""
        if not passages:
            return []
        if not claim or not claim.strip():
            raise ValueError("stance needs a claim to judge passages against, got an empty one")
        self.warm_up()
        analysed = analyse_texts([claim, *passages], self._embedder)
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
    return StanceJudgement(label, scores[label], scores, reason)  # type: ignore[arg-type]


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
        return _judgement("unrelated", max(0.5, 1 - p_related), "not about the claim")

    claim_denies = f[_F["claim_denial"]] >= 0.5
    passage_denies = f[_F["denial_top"]] >= 0.5 or f[_F["negates_claim"]] > 0
    contrast = f[_F["contrast"]] > 0
    restates = sim >= RESTATE_SIM or f[_F["restates_claim"]] >= 0.5 or f[_F["numbers_agree"]] > 0
    if f[_F["no_comment_top"]] > 0 and not passage_denies:
        return _judgement("discuss", 0.7, "declines to comment")
    if f[_F["numbers_agree"]] > 0 and not f[_F["numbers_differ"]] > 0:
        return _judgement("agree", 0.7, "gives the same figure")
    if f[_F["numbers_differ"]] > 0:
        return _judgement("disagree", 0.6, "gives a different figure")
    if claim_denies:
        if passage_denies or contrast or f[_F["reaffirm_top"]] > 0:
            return _judgement("agree", 0.8, "denies it too")
        if restates:
            return _judgement("disagree", 0.7, "asserts what the claim denies")
        return _judgement("discuss", 0.6, "about the claim, takes no side")
    if passage_denies:
        return _judgement("disagree", 0.6 + 0.3 * float(f[_F["denial_top"]]), "denies the claim")
    if contrast:
        return _judgement("disagree", 0.65, "says it goes ahead as planned")
    if restates:
        return _judgement("agree", 0.6 + 0.3 * min(1.0, sim), "restates the claim")
    return _judgement("discuss", 0.6, "about the claim, takes no side")


class NLIStanceJudge:
    """Stance from a local NLI sequence-classification model (entail/contradict/neutral).

    Example: NLIStanceJudge("/models/nli-deberta").judge("Xi refused to visit", passages)
    """

    def __init__(self, path: str | Path, embedder: Embedder | None = None) -> None:
        self.path = Path(path)
        if not self.path.is_dir() or not (self.path / "config.json").exists():
            raise StanceModelError(
                f"{NLI_ENV}={path} is not a local Hugging Face model folder (no config.json)"
            )
        self._embedder = embedder
        self._model: Any = None
        self._tokenizer: Any = None
        self._labels: dict[str, int] = {}

    def warm_up(self) -> None:
        """Load the NLI model once."""
        if self._model is not None:
            return
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            from transformers import AutoModelForSequenceClassification, AutoTokenizer

            self._tokenizer = AutoTokenizer.from_pretrained(str(self.path), local_files_only=True)
            self._model = AutoModelForSequenceClassification.from_pretrained(
                str(self.path), local_files_only=True
            ).eval()
        except Exception as err:  # noqa: BLE001 - any loader failure is the same to the user
            raise StanceModelError(f"cannot load NLI model from {self.path}: {err}") from err
        names = {int(i): n.lower() for i, n in self._model.config.id2label.items()}
        for want in ("entailment", "contradiction", "neutral"):
            hits = [i for i, n in names.items() if n.startswith(want[:7])]
            if not hits:
                raise StanceModelError(f"NLI model {self.path} has no {want!r} label: {names}")
            self._labels[want] = hits[0]
        if self._embedder is None:
            from retrieval.embed import Embedder

            self._embedder = Embedder()

    def judge(self, claim: str, passages: list[str]) -> list[StanceJudgement]:
        """Premise = passage, hypothesis = claim; unrelated when MiniLM says off-topic."""
        if not passages:
            return []
        self.warm_up()
        import torch

        vectors = self._embedder.encode([claim, *passages])
        sims = vectors[1:] @ vectors[0]
        batch = self._tokenizer(
            list(passages), [claim] * len(passages), truncation=True, padding=True,
            return_tensors="pt",
        )  # fmt: skip
        with torch.no_grad():
            probs = torch.softmax(self._model(**batch).logits, dim=-1).numpy()
        out = []
        for sim, p in zip(sims, probs, strict=True):
            scores = {
                "agree": float(p[self._labels["entailment"]]),
                "disagree": float(p[self._labels["contradiction"]]),
                "discuss": float(p[self._labels["neutral"]]),
                "unrelated": 0.0,
            }
            if sim < RELATED_SIM:
                scores = {k: v * float(max(sim, 0.0)) for k, v in scores.items()}
                scores["unrelated"] = 1.0 - sum(scores.values())
            label = max(scores, key=scores.__getitem__)
            out.append(StanceJudgement(label, scores[label], scores, "NLI model"))  # type: ignore[arg-type]
        return out


def load_stance_judge(embedder: Embedder | None = None) -> StanceJudge:
    """The stance judge to use: an NLI model if ``STORYBOT_NLI_MODEL`` names one, else the rules.

    Raises:
        StanceModelError: ``STORYBOT_NLI_MODEL`` is set but is not a loadable local model.
    """
    path = os.environ.get(NLI_ENV, "").strip()
    if path:
        judge = NLIStanceJudge(path, embedder)
        judge.warm_up()
        return judge
    return RuleStanceJudge(embedder)
