"""Denials looked for across the whole corpus, by what they are about in their article.

A denial rarely repeats what it denies: "This is utterly false and complete fiction," or
"These allegations are nonsense." Its words are far from the question, so a search for the
question does not find it, and its topic lies in the passages around it: the report it
answers is named a sentence before or after. So each passage that denies something (its
stored ``denial_strength``) gets a context vector at ingest, the normalised mean of its own
vector and its neighbours' in the same article, and a question's other side is looked for
among those context vectors, across the corpus, not only among the top hits.

Pure numpy over arrays the index holds: no model, no parse, no search object. Ingest builds it
and the index stores it (``passages.<gen>.denials.npz``), so no question reads every passage's
stance analysis to find the denials.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

# denial_strength of a passage that says outright that something is false or untrue
DENIES = 0.6


def context_vector(
    vectors: np.ndarray, article_ids: Sequence[str], position: int, reach: int = 1
) -> np.ndarray:
    """A passage's vector averaged with its ``reach`` neighbours on each side in its article
    (passages of an article next to each other, in corpus order)."""
    around = [
        j
        for j in range(position - reach, position + reach + 1)
        if 0 <= j < len(article_ids) and article_ids[j] == article_ids[position]
    ]
    mean = vectors[around].mean(axis=0)
    return (mean / max(float(np.linalg.norm(mean)), 1e-12)).astype(np.float32)


@dataclass(frozen=True)
class DenialIndex:
    """The passages of a corpus that deny something, with their context vectors.

    Example: DenialIndex.build(vectors, article_ids, strengths).find(question_vector, k=5)
    """

    positions: np.ndarray  # int64, positions of the denying passages in the corpus
    contexts: np.ndarray  # float32 (m, d), their context vectors

    @classmethod
    def build(
        cls,
        vectors: np.ndarray,
        article_ids: Sequence[str],
        strengths: Sequence[float],
        least: float = DENIES,
    ) -> DenialIndex:
        """Keep the passages whose denial strength is at least ``least``."""
        if len(strengths) != len(vectors):
            raise ValueError(f"{len(strengths)} strengths for {len(vectors)} passages")
        positions = np.array([i for i, s in enumerate(strengths) if s >= least], dtype=np.int64)
        if not len(positions):
            return cls(positions, np.zeros((0, vectors.shape[1]), dtype=np.float32))
        # only the denying passages' contexts: a small share of a large corpus
        contexts = np.stack([context_vector(vectors, article_ids, int(p)) for p in positions])
        return cls(positions, np.ascontiguousarray(contexts, dtype=np.float32))

    def save(self, path: str | Path) -> None:
        """Write the positions and context vectors to ``path`` (``.npz`` layout), as ingest
        stores them beside the index."""
        with open(path, "wb") as handle:
            np.savez(handle, positions=self.positions, contexts=self.contexts)

    @classmethod
    def load(cls, path: str | Path) -> DenialIndex:
        """Read what ``save`` wrote.

        Raises:
            ValueError, KeyError, OSError: the file is not such an index.
        """
        with np.load(path, allow_pickle=False) as data:
            positions = np.asarray(data["positions"], dtype=np.int64)
            contexts = np.ascontiguousarray(data["contexts"], dtype=np.float32)
        if contexts.ndim != 2 or len(contexts) != len(positions):
            raise ValueError(f"{len(contexts)} context vectors for {len(positions)} denials")
        return cls(positions, contexts)

    def context_of(self, position: int) -> np.ndarray:
        """The context vector of the denying passage at ``position`` in the corpus."""
        return self.contexts[int(np.searchsorted(self.positions, position))]

    def find(self, vector: np.ndarray, k: int, least: float = 0.0) -> list[tuple[int, float]]:
        """The ``k`` denials whose context is closest to ``vector``: (position, cosine), best first.

        Args:
            vector: a unit vector (the question's, or the claim's the answer asserts).
            least: leave out denials whose context cosine is below this.
        """
        if k <= 0:
            raise ValueError(f"k must be positive, got {k}")
        if not len(self.positions):
            return []
        cosines = self.contexts @ vector.astype(np.float32)
        best = np.argsort(-cosines, kind="stable")[:k]
        return [(int(self.positions[b]), float(cosines[b])) for b in best if cosines[b] >= least]
