"""Find the passages that answer a question: dense (FAISS) and lexical (BM25) search, fused.

Dense search finds paraphrases ("turned down" for "refused"); BM25 finds the
rare names a small embedding model blurs ("Budanov"). Reciprocal rank fusion
merges the two rankings without having to put their scores on one scale.
Near-duplicate passages (a standfirst repeated in the body, the same wire copy
in two outlets) are returned once.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from retrieval.embed import TextEncoder
from retrieval.index import PassageIndex
from retrieval.types import Hit, Passage

logger = logging.getLogger(__name__)

_RRF_K = 60
_WORD = re.compile(r"(?u)\b\w\w+\b")


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    import Stemmer

    return Stemmer.Stemmer("english")


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """English stop words, as BM25 drops them."""
    from bm25s.stopwords import STOPWORDS_EN

    return frozenset(STOPWORDS_EN)


def content_stems(text: str) -> list[str]:
    """The stems of a text's words, stop words left out: what BM25 and coverage compare."""
    words = [w for w in _WORD.findall(text.lower()) if w not in stopwords()]
    return list(_stemmer().stemWords(words))


@dataclass(frozen=True)
class Scored:
    """One passage's position in the index with its dense and lexical evidence."""

    position: int
    cosine: float
    bm25: float
    fused: float


class Searcher:
    """Hybrid search over one ``PassageIndex``.

    Example: Searcher(index, embedder).search("Did Xi refuse?", k=6)
    """

    def __init__(self, index: PassageIndex, embedder: TextEncoder) -> None:
        self.index = index
        self.embedder = embedder
        self.vocabulary: frozenset[str] = frozenset()
        self._bm25: Any = None
        self.vectors = index.vectors()
        self._build_bm25(index.passages)

    def _build_bm25(self, passages: list[Passage]) -> None:
        import bm25s

        # bm25s sets its own logger to DEBUG on import; keep its chatter out of our stderr.
        logging.getLogger("bm25s").setLevel(logging.WARNING)
        stems = [content_stems(p.text) or ["\x00empty"] for p in passages]
        self.vocabulary = frozenset(s for doc in stems for s in doc)
        if passages:
            self._bm25 = bm25s.BM25()
            self._bm25.index(stems, show_progress=False)

    def embed(self, text: str) -> np.ndarray:
        """The unit vector of one text."""
        return self.embedder.encode([text])[0]

    def bm25_scores(self, text: str) -> np.ndarray:
        """BM25 score of every passage for a text (zeros when no word matches)."""
        n = len(self.index.passages)
        stems = [s for s in content_stems(text) if s in self.vocabulary]
        if not n or not stems:
            return np.zeros(n, dtype=np.float32)
        return np.asarray(self._bm25.get_scores(stems), dtype=np.float32)

    def cosines(self, vector: np.ndarray) -> np.ndarray:
        """Cosine similarity of every passage to a unit vector (exact, via FAISS for top-k)."""
        if not len(self.vectors):
            return np.zeros(0, dtype=np.float32)
        return self.vectors @ vector.astype(np.float32)

    def rank(self, text: str, vector: np.ndarray | None = None, depth: int = 50) -> list[Scored]:
        """Passages fused from the dense and BM25 rankings, best first."""
        n = len(self.index.passages)
        if not n:
            return []
        vector = self.embed(text) if vector is None else vector
        depth = min(depth, n)
        dense = self.index.search(vector, depth)
        cosine = self.cosines(vector)
        lexical = self.bm25_scores(text)
        fused: dict[int, float] = {}
        for rank, (position, _) in enumerate(dense):
            fused[position] = fused.get(position, 0.0) + 1.0 / (_RRF_K + rank)
        for rank, position in enumerate(np.argsort(-lexical, kind="stable")[:depth]):
            if lexical[position] > 0:
                fused[int(position)] = fused.get(int(position), 0.0) + 1.0 / (_RRF_K + rank)
        order = sorted(fused, key=lambda p: (-fused[p], -cosine[p]))
        return [Scored(p, float(cosine[p]), float(lexical[p]), fused[p]) for p in order]

    def hit(self, scored: Scored) -> Hit:
        """The hit for a scored position."""
        passage = self.index.passages[scored.position]
        return Hit(passage, self.index.sources[passage.article_id], scored.cosine)

    def search(self, question: str, k: int = 6) -> list[Hit]:
        """The ``k`` best distinct passages for a question."""
        return [self.hit(s) for s in distinct(self.rank(question), self.index.passages)[:k]]


# A copy this many times longer than the shown passage it holds is shown in its place.
_FULLER = 1.5


def distinct(ranked: list[Scored], passages: list[Passage]) -> list[Scored]:
    """Each run of words once: a passage that copies a better-ranked one (its ``copies``, found
    at ingest) is dropped, unless it holds that one and much more (a headline inside a wire
    paragraph, one outlet's paragraph inside another's longer one): then it takes its place."""
    kept: list[Scored] = []
    for scored in ranked:
        passage = passages[scored.position]
        copies = set(passage.copies)
        twins = [i for i, k in enumerate(kept) if passages[k.position].id in copies]
        if not twins:
            kept.append(scored)
        elif all(len(passage.text) > _FULLER * len(passages[kept[i].position].text) for i in twins):
            kept[twins[0]] = scored
            kept = [k for i, k in enumerate(kept) if i not in twins[1:]]
    return kept
