"""Stance: which side of a claim each passage takes, and the sides of an answer.

How an answer's sides are formed (``retrieval/service.py`` searches; ``form_sides`` decides):

1. Retrieval ranks by closeness to the question, and a denial is rarely close: for "Did Xi
   refuse Putin's invitation?" over 19 real articles, no denial made the top 10 of BM25, MiniLM
   or their fusion. So the stance judge first judges the best hits against the question, and
   ``find_anchor`` picks the claim: the best hit that asserts what the question asks, else the
   best that neither denies anything outright nor only asks.
2. For a yes/no question, the caller then searches on purpose for the other side, twelve
   passages from each of two searches (BM25 and MiniLM, fused): the question, the claim and the
   next best hit with denial words added; and the claim itself, its words and its vector; and
   up to six denials anywhere in the corpus whose context (the passage with its neighbours) is
   close to the question (``retrieval/denials.py``). Passages not already among the hits, and
   not copies of them, are the other candidates, scored like the hits by their cosine to the
   question (a denial found by its context, by that context's cosine). An open question ("When
   was it built?") is contested only by its own best passages.
3. ``form_sides`` judges every candidate against the question and against the claim. A
   candidate denies the claim when it is on topic (cosine to the question at least 0.3, or
   0.55 for an open question) and of the same matter as the claim (cosine at least 0.55), and
   the judge finds it denying the question, or, for a yes/no question, denying the claim or
   denying something outright. Hits that assert the question form the asserting side; hits that
   only discuss it are context. The denying side keeps its first three passages (hits first),
   or all the denying hits when more of them deny.
4. Two sides (``Stance.ASSERTS``, ``Stance.DENIES``) when something denies the claim; else one
   side, ``Stance.ANSWER``, of the hits in rank order without those judged unrelated. Each side
   gets a label in words: the plainest denial, or the first clause of the best passage, with
   who says it.

The judge (``judge.py``) reads spaCy parse cues (``cues.py``, word lists in ``retrieval/lexicon/``),
MiniLM similarity and, for whole article bodies, a small learned model. What it reads off a
passage whatever the claim is computed at ingest (``store.py``) and kept in the index, so
answering parses only the question.
"""

from retrieval.stance.judge import (
    RuleStanceJudge,
    StanceJudge,
    StanceJudgement,
    StanceModelError,
    denial_strength,
)
from retrieval.stance.sides import Anchor, Candidate, find_anchor, form_sides, is_yes_no
from retrieval.stance.store import PassageAnalysis, analyse_passages
from retrieval.types import Stance

__all__ = [
    "Anchor",
    "Candidate",
    "PassageAnalysis",
    "RuleStanceJudge",
    "Stance",
    "StanceJudge",
    "StanceJudgement",
    "StanceModelError",
    "analyse_passages",
    "denial_strength",
    "find_anchor",
    "form_sides",
    "is_yes_no",
]
