"""Copies: passages whose words appear again in another passage of the corpus.

Wire copy runs in many outlets with small edits ("U.S." for "US", a dateline, another
headline), and each outlet cuts it into paragraphs its own way, so a passage of one copy
overlaps one or two passages of another rather than matching one exactly. Two passages are
copies when at least half of the smaller one's 3-word runs are in the other (and at least
three runs, unless the two are the same words). That relation is not transitive (passages
that overlap a third one in different places may say different things), so each passage
keeps the list of its own copies, found once at ingest; an answer then shows each run of
words once, with the outlets that carried it.

Finding the pairs: an inverted index from each 3-word run to the passages that hold it, so a
passage is compared only with passages it shares runs with. A run that hundreds of passages
share ("the united states said") would make that quadratic, so each run's list is only read
over its last ``window`` entries: a new copy of a paragraph that has run everywhere still
meets its latest copies. ``bench/copies.py`` measures this against every pair.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace

from retrieval.types import Passage, Source

# A word; an abbreviation's dots are dropped first, so "U.S." and "US" are one word.
_WORD = re.compile(r"\w+")
_ABBREVIATION_DOT = re.compile(r"(?<=\b\w)\.(?=\w\b)|(?<=\b\w\.\w)\.")
OVERLAP = 0.5  # of the smaller passage's runs
LEAST_RUNS = 3


def shingles(text: str) -> frozenset[str]:
    """A text's 3-word runs, lower case (a text of one or two words is one run; none, none)."""
    words = _WORD.findall(_ABBREVIATION_DOT.sub("", text.lower()))
    if not words:
        return frozenset()
    return frozenset(" ".join(words[i : i + 3]) for i in range(max(1, len(words) - 2)))


def is_copy(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two passages' runs say the same words: half the smaller one's in the other."""
    if not a or not b:
        return False
    if a == b:
        return True
    shared = len(a & b)
    return shared >= LEAST_RUNS and shared >= OVERLAP * min(len(a), len(b))


def copy_neighbours(texts: Sequence[str], window: int = 200) -> list[tuple[int, ...]]:
    """For each text, the positions of the other texts that are its copies, in corpus order.

    Args:
        texts: the passages in corpus order.
        window: how many of the latest entries of each run's list are read.
    """
    if window <= 0:
        raise ValueError(f"window must be positive, got {window}")
    runs = [shingles(t) for t in texts]
    postings: dict[str, list[int]] = {}
    found: list[list[int]] = [[] for _ in texts]
    for i, mine in enumerate(runs):
        counts: Counter[int] = Counter()
        for run in mine:
            holders = postings.setdefault(run, [])
            counts.update(holders[-window:])
            holders.append(i)
        for j, shared in counts.items():
            # the counts are a cheap filter before the sets are compared
            least = min(len(mine), len(runs[j]))
            if (shared >= LEAST_RUNS or shared == least) and shared >= OVERLAP * least:
                if is_copy(mine, runs[j]):
                    found[i].append(j)
                    found[j].append(i)
    return [tuple(sorted(f)) for f in found]


def mark_copies(passages: Sequence[Passage], window: int = 200) -> list[Passage]:
    """The passages, each with the ids of its copies elsewhere in the corpus (``copies``)."""
    neighbours = copy_neighbours([p.text for p in passages], window)
    return [
        replace(p, copies=tuple(passages[j].id for j in found))
        for p, found in zip(passages, neighbours, strict=True)
    ]


def first_appearance(sources: Sequence[Source], corpus_order: Mapping[str, int]) -> list[Source]:
    """Each article once, the earliest published first; undated ones last; ties by corpus order."""
    unique = list({s.article_id: s for s in sources}.values())
    return sorted(
        unique,
        key=lambda s: (s.published is None, s.published or "", corpus_order.get(s.article_id, 0)),
    )
