"""Group the passages that answer a question into the sides of the claim they take.

Retrieval ranks by closeness to the question, and a denial is rarely close: for
"Did Xi refuse Putin's invitation?" over 19 real articles, no denial made the
top 10 of BM25, MiniLM or their fusion. So the other side is looked for on
purpose: a second search for passages that deny or contradict what the best
passages assert (the claim's words plus denial words, and the claim's own
vector among passages that carry a denial), and every candidate is judged
against the claim by the stance judge. A question that nothing contests gets
one side and no invented opposition.
"""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import replace
from typing import Any

from retrieval.search import Scored, Searcher, distinct
from retrieval.types import Hit, Side

logger = logging.getLogger(__name__)

_DENIAL_QUERY = "denied, rejected, refuted: the reports are false, untrue, not so"
_CLAUSE = re.compile(r"(?<=[.!?])\s+|[;:—–]\s+|,\s+(?=(?:but|and|however|while)\b)")
# How many extra passages the search for the other side may add to an answer.
_MAX_OPPOSITION = 3
_POOL = 12
# Below this cosine to the question, a passage is not about it, whatever it denies.
_RELATED = 0.3
# An open question (what, when, why) is contested only by a denial this close to it.
_OPEN_QUESTION_RELATED = 0.55
# A denial and the passage it contradicts speak of the same matter: cosine at least this.
_SAME_MATTER = 0.55
# denial_strength of a passage that says outright that something is false or untrue.
_EXPLICIT_DENIAL = 0.6
_YES_NO = re.compile(
    r"^\s*(?:is|are|was|were|do|does|did|has|have|had|will|would|can|could|should|shall|may|might)"
    r"(?:n[o’']t)?\b",
    re.IGNORECASE,
)

_judge_lock = threading.Lock()
_judge: Any = None


def stance_judge(searcher: Searcher) -> Any:
    """The process's stance judge, sharing the searcher's embedder; loaded on first use."""
    global _judge
    with _judge_lock:
        if _judge is None:
            from retrieval.stance import load_stance_judge

            _judge = load_stance_judge(searcher.embedder)
    return _judge


def _gist(text: str, words: int = 12) -> str:
    """A short phrase made from a passage: its first clause."""
    clauses = [c.strip(" \"“”'") for c in _CLAUSE.split(" ".join(text.split())) if c.strip()]
    clauses = [c for c in clauses if len(c.split()) >= 2] or [text.strip()]
    clause = clauses[0]
    tokens = clause.split()
    gist = " ".join(tokens[:words]) + ("…" if len(tokens) > words else "")
    return gist.rstrip(".,;:")


def _who(hit: Hit) -> str:
    speaker = hit.passage.speaker
    if not speaker or speaker == hit.source.outlet:
        return hit.source.outlet
    return f"{speaker}, via {hit.source.outlet}"


def _denial_gist(hits: list[Hit], words: int = 12) -> tuple[str, Hit]:
    """The side's plainest denial, and the hit it is from: its most denying sentence,
    preferring short ones and those whose speaker is named."""
    from retrieval.stance import denial_strength

    sentences = [
        (sentence.strip(" \"“”'"), hit)
        for hit in hits
        for sentence in re.split(r"(?<=[.!?])[\"”]?\s+", " ".join(hit.passage.text.split()))
        if len(sentence.split()) >= 2
    ]
    best, source = max(
        sentences,
        key=lambda s: (
            denial_strength(s[0]) - 0.01 * len(s[0].split()) + 0.05 * bool(s[1].passage.speaker)
        ),
    )
    # "Peskov announced that media reports ... are false": what is said, not who says it.
    said = re.split(r"\b(?:said|says|announced|added|told \w+|stated|insisted) that\s+", best)
    best = said[-1] if len(said[-1].split()) >= 3 else best
    tokens = best.split()
    if len(tokens) > words:
        best = " ".join(tokens[: words - 2]) + " … " + " ".join(tokens[-2:])
    return best.rstrip(".,;:"), source


def side_label(stance: str, hits: list[Hit]) -> str:
    """A side's label in words made from its passages, e.g. "Denied: … (Peskov, via …)"."""
    top = hits[0]
    if stance == "denies":
        from retrieval.stance import denial_strength

        prefix = (
            "Denied" if any(denial_strength(h.passage.text) >= 0.5 for h in hits) else "Disputed"
        )
        gist, source = _denial_gist(hits)
        return f"{prefix}: {gist} ({_who(source)})"
    prefix = "Reported" if stance == "asserts" else "Answer"
    return f"{prefix}: {_gist(top.passage.text)} ({_who(top)})"


def _anchor(hits: list[Hit], labels: list[str]) -> int:
    """Where the claim is: the best hit that does not itself deny something.

    When a denial ranks first ("Peskov insisted the story was wrong") or a headline that
    only asks, the claim is further down, and denials must be measured against it. The
    best hit the judge finds agreeing with the question is preferred (``labels`` are the
    judge's labels of the hits against the question).
    """
    from retrieval.stance import denial_strength

    claims = [
        i
        for i, hit in enumerate(hits)
        if denial_strength(hit.passage.text) < _EXPLICIT_DENIAL
        and not _is_question(hit.passage.text)
    ]
    agreeing = [i for i in claims if labels[i] == "agree"]
    return (agreeing or claims or [0])[0]


def _is_question(text: str) -> bool:
    """A passage that only asks ("Did Xi snub Putin?", a headline): it claims nothing."""
    return text.rstrip().endswith("?") and len(text.split()) <= 25


def _opposition_pool(
    question: str, hits: list[Hit], anchor: Hit, searcher: Searcher
) -> list[Scored]:
    """Passages that may deny what the best hits assert, found by a search of their own."""
    # the claim's passage and the best other one (the two best, when the claim ranks first)
    other = next((h for h in hits if h is not anchor), None)
    claim = " ".join([question, anchor.passage.text] + ([other.passage.text] if other else []))
    pool = searcher.rank(f"{claim} {_DENIAL_QUERY}", depth=_POOL)[:_POOL]
    vector = searcher.embed(anchor.passage.text)
    pool += searcher.rank(anchor.passage.text, vector=vector, depth=_POOL)[:_POOL]
    seen = {h.passage.id for h in hits}
    fresh: list[Scored] = []
    for scored in pool:
        passage = searcher.index.passages[scored.position]
        if passage.id not in seen:
            seen.add(passage.id)
            fresh.append(scored)
    return fresh


def form_sides(question: str, hits: list[Hit], searcher: Searcher) -> tuple[list[Side], list[Hit]]:
    """The sides of the answer and the context (relevant passages taking neither side).

    Args:
        question: what the user asked (a yes/no question or any other).
        hits: the best distinct passages for the question, best first.
        searcher: the search over the whole corpus, used to look for the other side.
    """
    if not hits:
        return [], []
    judge = stance_judge(searcher)
    on_question = judge.judge(question, [h.passage.text for h in hits])
    first = _anchor(hits, [j.label for j in on_question])
    extra_scored = distinct(
        _opposition_pool(question, hits, hits[first], searcher), searcher.index.passages
    )
    # Score the extra passages by their similarity to the question, like the hits.
    qvec = searcher.embed(question)
    cosines = searcher.cosines(qvec)
    extra = [replace(searcher.hit(s), score=float(cosines[s.position])) for s in extra_scored]
    candidates = hits + extra
    yes_no = bool(_YES_NO.match(question))
    on_question = list(on_question) + list(judge.judge(question, [h.passage.text for h in extra]))
    # The claim as the best passage puts it: a denial often answers a report, not the question.
    on_anchor = judge.judge(hits[first].passage.text, [h.passage.text for h in candidates])

    from retrieval.stance import denial_strength

    vectors = searcher.embedder.encode([h.passage.text for h in candidates])
    anchor_vec = vectors[first]
    asserts: list[Hit] = []
    denies: list[Hit] = []
    context: list[Hit] = []
    for i, hit in enumerate(candidates):
        by_question, by_anchor = on_question[i].label, on_anchor[i].label
        in_answer = i < len(hits)
        # A denial is of the same matter as what is asserted: close to the best passage,
        # and, for an open question, close to the question too. A denial of something
        # else ("When did they last meet?" answered beside a denied refusal) is not a side.
        same_matter = i != first and float(vectors[i] @ anchor_vec) >= _SAME_MATTER
        on_topic = hit.score >= (_RELATED if yes_no else _OPEN_QUESTION_RELATED)
        denial = on_topic and (
            (by_question == "disagree" and same_matter)
            or (yes_no and same_matter and by_anchor == "disagree")
            or (yes_no and same_matter and denial_strength(hit.passage.text) >= _EXPLICIT_DENIAL)
        )
        if denial:
            denies.append(hit)
        elif by_question == "agree" and in_answer:
            asserts.append(hit)
        elif in_answer and by_question != "unrelated":
            context.append(hit)
        elif in_answer and hit.score >= hits[0].score * 0.6:
            context.append(hit)
    denies = denies[: max(_MAX_OPPOSITION, len([h for h in denies if h in hits]))]

    if denies and (asserts or hits[first] not in denies):
        if not asserts:
            # The claim's passage was judged context against a question that is not a
            # claim: it is still what the other side denies.
            asserts = [hits[first]]
            context = [h for h in context if h is not hits[first]]
        sides = [
            Side(side_label("asserts", asserts), tuple(asserts), "asserts"),
            Side(side_label("denies", denies), tuple(denies), "denies"),
        ]
        logger.info("%d asserting, %d denying, %d context", len(asserts), len(denies), len(context))
        return sides, context
    # Nothing contests it: one side, in rank order, without the passages judged unrelated.
    answer = [h for h in hits if h in asserts or h in context or h in denies] or hits[:1]
    return [Side(side_label("answer", answer), tuple(answer), "answer")], []
