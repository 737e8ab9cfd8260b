"""Questions that name an outlet: "What did CGTN report ...?", "According to the Washington
Examiner, ...". The outlet is metadata, in no passage's words, so neither search finds it;
the passages of the articles it published rank higher instead (a third ranking in the fusion).

An outlet is named when every word of its name (the part before a comma or parenthesis:
"Washington Examiner" of "Washington Examiner (via NewsBreak)") is in the question, with case,
so "Fox News Sunday" names no "Yahoo News" and "the New York Times" no "New York Post".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from retrieval.search import Scored, content_stems, fuse_in
from retrieval.types import Passage, Source

_WORD = re.compile(r"[\w'’&.-]+")
_NAME_END = re.compile(r"\s*[,(\[|–—]")


def outlet_name(outlet: str) -> tuple[str, ...]:
    """The words of an outlet's own name: "Washington Examiner (via NewsBreak)" gives
    ("Washington", "Examiner"); a leading "The" is dropped."""
    name = _NAME_END.split(outlet, maxsplit=1)[0]
    words = [w for w in _WORD.findall(name) if w]
    return tuple(words[1:] if words and words[0].lower() == "the" else words)


class OutletNames:
    """Which articles each outlet published, by the words of its name."""

    def __init__(self, passages: Sequence[Passage], sources: dict[str, Source]) -> None:
        self._passages = passages
        self._name_of = {a: outlet_name(s.outlet) for a, s in sources.items()}
        # each name once: a question is compared with the outlets, not with every passage
        self.names = frozenset(n for n in self._name_of.values() if n)

    def vocabulary(self) -> frozenset[str]:
        """The stems of every outlet's name, as answerability compares words."""
        return frozenset(s for name in self.names for s in content_stems(" ".join(name)))

    def named_in(self, question: str) -> set[tuple[str, ...]]:
        words = set(_WORD.findall(question))
        return {n for n in self.names if all(w in words for w in n)}

    def boost(self, question: str, ranked: list[Scored]) -> list[Scored]:
        """The ranked passages re-fused with a ranking of the named outlets' passages."""
        named = self.named_in(question)
        if not named:
            return ranked
        theirs = [s for s in ranked if self._name(s.position) in named]
        return fuse_in(ranked, sorted(theirs, key=lambda s: -s.cosine)) if theirs else ranked

    def _name(self, position: int) -> tuple[str, ...]:
        return self._name_of.get(self._passages[position].article_id, ())
