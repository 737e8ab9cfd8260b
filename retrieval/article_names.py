"""Which articles are about what a question names.

An article that mentions few of the names a question asks about is about something else, even
when one of its passages shares a name or two: "What did John Kirby say about the Hersh story on
Fox News Sunday?" is not answered by Kirby's words, a month later, about another inquiry, in an
article that never names Hersh or Fox News. Each article's names are the stems of every word of
its passages and of its outlet's name, gathered when a question first needs them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from retrieval.answerability import StemLookup, question_names
from retrieval.search import Scored, content_stems
from retrieval.types import Passage, Source

# An article is about the question when it names at least this share of what the best-covering
# article of the ranking names of the question.
_SHARE_OF_BEST = 0.5
# How many of the best passages' articles set what "best-covering" is.
_LOOK = 20


_RUN = re.compile(r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*")


def named_things(question: str) -> list[frozenset[str]]:
    """The things a question names, each as the stems of its words: "John Kirby", "Hersh" and
    "Fox News Sunday" of "What did John Kirby say about the Hersh story on Fox News Sunday?"."""
    words = set(question_names(question))
    things = []
    for run in _RUN.findall(question):
        kept = [re.sub(r"['’]s$", "", w) for w in run.split()]
        stems = frozenset(content_stems(" ".join(w for w in kept if w in words)))
        if stems and stems not in things:
            things.append(stems)
    return things


class ArticleNames:
    """The stems each article uses, by article id, gathered on first need."""

    def __init__(
        self, passages: Sequence[Passage], sources: Mapping[str, Source], stems: StemLookup
    ) -> None:
        self._stems = stems
        self._sources = sources
        self._passages = passages
        self._positions: dict[str, list[int]] | None = None  # on first need, not at start-up
        self._known: dict[str, frozenset[str]] = {}

    def _of(self, article: str) -> list[int]:
        """The positions of an article's passages (the map is made by the first question that
        needs it: a cold ask answers without it)."""
        if self._positions is None:
            positions: dict[str, list[int]] = {}
            for position, passage in enumerate(self._passages):
                positions.setdefault(passage.article_id, []).append(position)
            self._positions = positions
        return self._positions.get(article, [])

    def stems(self, article: str) -> frozenset[str]:
        found = self._known.get(article)
        if found is None:
            words: set[str] = set()
            for position in self._of(article):
                words |= self._stems[position]
            source = self._sources.get(article)
            words |= set(content_stems(source.outlet)) if source else set()
            found = self._known[article] = frozenset(words)
        return found

    def about(self, question: str, ranked: list[Scored]) -> list[Scored]:
        """``ranked`` without the passages of articles that name less than half of what the
        best-covering article among the first ones names of the question; all of it when the
        question names fewer than three things (a name or two say too little to tell)."""
        names = named_things(question)
        if len(names) < 3 or not ranked:
            return ranked
        article = [self._passages[s.position].article_id for s in ranked]
        share = {a: sum(name <= self.stems(a) for name in names) / len(names) for a in set(article)}
        floor = max(share[a] for a in article[:_LOOK]) * _SHARE_OF_BEST
        return [s for s, a in zip(ranked, article, strict=True) if share[a] >= floor]
