"""Find the passages that answer a question: dense (FAISS) and lexical (BM25) search, fused.

Dense search finds paraphrases ("turned down" for "refused"); BM25 finds the
rare names a small embedding model blurs ("Budanov"). Reciprocal rank fusion
merges the two rankings without having to put their scores on one scale.
Near-duplicate passages (a standfirst repeated in the body, the same wire copy
in two outlets) are returned once.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace

import numpy as np

from retrieval.bm25 import BM25, content_stems, stopwords
from retrieval.embed import TextEncoder
from retrieval.index import PassageIndex
from retrieval.types import Hit, Passage

logger = logging.getLogger(__name__)

__all__ = ["Cosines", "Scored", "Searcher", "content_stems", "distinct", "fuse_in", "stopwords"]

_RRF_K = 60


class Cosines:
    """Cosines of a query vector to the passages, computed one by one when looked up:
    ``cosines[position]``. A question needs a few dozen, never all of them."""

    def __init__(self, vectors: np.ndarray, vector: np.ndarray) -> None:
        self._vectors = vectors
        self._vector = np.asarray(vector, dtype=np.float32)

    def __len__(self) -> int:
        return len(self._vectors)

    def __getitem__(self, position: int) -> float:
        return float(self._vectors[position] @ self._vector)


@dataclass(frozen=True)
class Scored:
    """One passage's position in the index with its dense and lexical evidence (``bm25`` is 0
    for a passage outside the lexical top of its search)."""

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
        self.vectors = index.vectors()
        # BM25's postings as ingest stored them; an index made by hand gets them now.
        self._bm25 = index.bm25 or BM25.build([content_stems(p.text) for p in index.passages])
        self.vocabulary: frozenset[str] = self._bm25.vocabulary if index.passages else frozenset()

    def embed(self, text: str) -> np.ndarray:
        """The unit vector of one text."""
        return self.embedder.encode([text])[0]

    def bm25_scores(self, text: str) -> np.ndarray:
        """BM25 score of every passage for a text (zeros when no word matches)."""
        n = len(self.index.passages)
        stems = [s for s in content_stems(text) if s in self.vocabulary]
        if not n or not stems:
            return np.zeros(n, dtype=np.float32)
        return self._bm25.scores(stems)

    def bm25_top(self, text: str, depth: int) -> list[tuple[int, float]]:
        """The ``depth`` best passages by BM25 with a score above 0, as (position, score),
        best first, ties in passage order. BM25 adds up the postings of the text's words
        (numpy, not a loop over passages) and the best are picked by partition, not sorted."""
        scores = self.bm25_scores(text)
        if not len(scores) or depth <= 0:
            return []
        depth = min(depth, len(scores))
        # Everything scoring at least the depth-th best, so ties at the edge keep passage order.
        edge = np.partition(scores, len(scores) - depth)[len(scores) - depth]
        best = np.flatnonzero(scores >= max(edge, np.float32(1e-30)))
        best = best[np.lexsort((best, -scores[best]))][:depth]
        return [(int(p), float(scores[p])) for p in best]

    def cosines(self, vector: np.ndarray) -> Cosines:
        """Cosine similarity of passages to a unit vector, each computed when looked up."""
        return Cosines(self.vectors, vector)

    def rank(self, text: str, vector: np.ndarray | None = None, depth: int = 50) -> list[Scored]:
        """Passages fused from the dense and BM25 rankings, best first.

        Only the candidates of the two top-``depth`` lists are scored: nothing per question
        grows with the corpus but the searches themselves.
        """
        n = len(self.index.passages)
        if not n:
            return []
        vector = self.embed(text) if vector is None else vector
        depth = min(depth, n)
        dense = self.index.search(vector, depth)
        lexical = self.bm25_top(text, depth)
        fused: dict[int, float] = {}
        for rank, (position, _) in enumerate(dense):
            fused[position] = fused.get(position, 0.0) + 1.0 / (_RRF_K + rank)
        for rank, (position, _) in enumerate(lexical):
            fused[position] = fused.get(position, 0.0) + 1.0 / (_RRF_K + rank)
        positions = list(fused)
        exact = self.vectors[positions] @ np.asarray(vector, dtype=np.float32)
        cosine = dict(zip(positions, exact.tolist(), strict=True))
        bm25 = dict(lexical)
        order = sorted(fused, key=lambda p: (-fused[p], -cosine[p]))
        return [Scored(p, cosine[p], bm25.get(p, 0.0), fused[p]) for p in order]

    def hit(self, scored: Scored) -> Hit:
        """The hit for a scored position."""
        passage = self.index.passages[scored.position]
        return Hit(passage, self.index.sources[passage.article_id], scored.cosine)

    def search(self, question: str, k: int = 6) -> list[Hit]:
        """The ``k`` best distinct passages for a question."""
        return [self.hit(s) for s in distinct(self.rank(question), self.index.passages)[:k]]


def fuse_in(ranked: list[Scored], ranking: list[Scored]) -> list[Scored]:
    """The ranked passages with one more ranking of some of them joined in the reciprocal rank
    fusion (a named outlet's passages, an asked speaker's), best first as ``rank`` orders."""
    extra = {s.position: 1.0 / (_RRF_K + rank) for rank, s in enumerate(ranking)}
    fused = [replace(s, fused=s.fused + extra.get(s.position, 0.0)) for s in ranked]
    return sorted(fused, key=lambda s: (-s.fused, -s.cosine))


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
