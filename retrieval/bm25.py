"""BM25 over the passages' content stems, computed at ingest and stored beside the index.

Lucene's BM25 (k1 1.5, b 0.75) with the arithmetic of bm25s, which storybot used before: each
passage's score for a word is computed once, at ingest, and kept as postings (for each word,
the passages that use it and their scores). A question adds up the postings of its words in
numpy. Nothing is rebuilt when a process starts, and neither bm25s nor scipy is imported
(together 0.15 s of a cold ``storybot ask``).

File: one uncompressed ``.npz`` with the words (UTF-8, one per line), the postings' offsets
per word, their passage positions and their scores, and the passage count.
"""

from __future__ import annotations

import math
import re
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from retrieval.lexicon import BM25_STOP_WORDS

K1 = 1.5
B = 0.75
# A passage with no content word gets this one, so it still has a length (as bm25s needs).
EMPTY = "\x00empty"
_WORD = re.compile(r"(?u)\b\w\w+\b")
_local = threading.local()


def _stemmer() -> Any:
    """This thread's Snowball stemmer (a stemmer keeps state between words: one per thread)."""
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        import Stemmer

        stemmer = _local.stemmer = Stemmer.Stemmer("english")
    return stemmer


def stopwords() -> frozenset[str]:
    """English stop words, as BM25 drops them."""
    return BM25_STOP_WORDS


def content_stems(text: str) -> list[str]:
    """The stems of a text's words, stop words left out: what BM25 and coverage compare."""
    words = [w for w in _WORD.findall(text.lower()) if w not in BM25_STOP_WORDS]
    return list(_stemmer().stemWords(words))


class BM25:
    """Postings of BM25 scores: ``scores(stems)`` gives every passage's score for a text.

    Example: BM25.build([["xi", "refus"], ["kremlin"]]).scores(["refus"])
    """

    def __init__(
        self, words: list[str], starts: np.ndarray, docs: np.ndarray, weights: np.ndarray, n: int
    ) -> None:
        if len(starts) != len(words) + 1 or len(docs) != len(weights):
            raise ValueError(f"BM25 postings of {len(words)} words do not fit their offsets")
        self.words = words
        self.ids = {word: i for i, word in enumerate(words)}
        self.starts = starts
        self.docs = docs
        self.weights = weights
        self.count = n

    @classmethod
    def build(cls, stems: Sequence[Sequence[str]]) -> BM25:
        """Postings for passages given as their content stems (``content_stems``)."""
        docs_stems = [list(s) or [EMPTY] for s in stems]
        words = sorted({w for doc in docs_stems for w in doc})
        ids = {w: i for i, w in enumerate(words)}
        lengths = np.array([len(doc) for doc in docs_stems], dtype=np.int64)
        flat_doc = np.repeat(np.arange(len(docs_stems), dtype=np.int64), lengths)
        flat_word = np.fromiter(
            (ids[w] for doc in docs_stems for w in doc), dtype=np.int64, count=int(lengths.sum())
        )
        # One posting per (passage, word), with how often the word occurs in the passage.
        pairs, tf = np.unique(flat_doc * max(1, len(words)) + flat_word, return_counts=True)
        doc, word = np.divmod(pairs, max(1, len(words)))
        df = np.bincount(word, minlength=len(words))
        n = len(docs_stems)
        # bm25s's arithmetic step by step, so scores match it to the last bit: idf in float32,
        # the length norm in float64, the product rounded to float32 once.
        idf = np.array(
            [math.log(1 + (n - d + 0.5) / (d + 0.5)) for d in df.tolist()], dtype=np.float32
        )
        average = lengths.mean() if n else np.float64(1.0)
        norm = K1 * ((1 - B) + B * lengths[doc].astype(np.float64) / average)
        tfc = tf.astype(np.float32).astype(np.float64)
        weights = (idf[word].astype(np.float64) * (tfc / (norm + tfc))).astype(np.float32)
        order = np.argsort(word, kind="stable")  # by word, passages in order within each
        starts = np.concatenate([[0], np.cumsum(df)]).astype(np.int64)
        return cls(words, starts, doc[order].astype(np.int32), weights[order], n)

    @property
    def vocabulary(self) -> frozenset[str]:
        """Every stem some passage uses."""
        return frozenset(self.words)

    def scores(self, stems: Sequence[str]) -> np.ndarray:
        """Every passage's BM25 score for a text's stems (each occurrence counts; unknown
        stems add nothing), as float32."""
        out = np.zeros(self.count, dtype=np.float32)
        for stem in stems:
            word = self.ids.get(stem)
            if word is not None:
                start, end = self.starts[word], self.starts[word + 1]
                out[self.docs[start:end]] += self.weights[start:end]
        return out

    def save(self, path: str | Path) -> None:
        """Write the postings to ``path`` (an open-able file name; ``.npz`` layout)."""
        with open(path, "wb") as handle:
            np.savez(
                handle,
                words=np.frombuffer("\n".join(self.words).encode("utf-8"), dtype=np.uint8),
                starts=self.starts,
                docs=self.docs,
                weights=self.weights,
                count=np.array([self.count], dtype=np.int64),
            )

    @classmethod
    def load(cls, path: str | Path) -> BM25:
        """Read postings ``save`` wrote.

        Raises:
            ValueError, KeyError, OSError: the file is not such postings.
        """
        with np.load(path, allow_pickle=False) as data:
            text = data["words"].tobytes().decode("utf-8")
            words = text.split("\n") if text else []
            return cls(words, data["starts"], data["docs"], data["weights"], int(data["count"][0]))
