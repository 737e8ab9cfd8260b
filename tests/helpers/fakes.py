"""A deterministic stand-in for the embedder, for index bookkeeping tests only.

Never use it for tests of answers: its vectors carry no meaning.
"""

from __future__ import annotations

import hashlib

import numpy as np


class FakeEmbedder:
    """Hash each text to a unit vector, and remember every text it was asked to encode.

    Example: FakeEmbedder().encode(["a", "b"]).shape == (2, 16)
    """

    def __init__(self, name: str = "test/fake-hash-embedder", dimension: int = 16) -> None:
        self.name = name
        self.dimension = dimension
        self.encoded: list[str] = []

    def warm_up(self) -> None:
        """Nothing to load."""

    def vector(self, text: str) -> np.ndarray:
        """The unit vector of one text: the same text always gives the same vector."""
        seed = int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")
        raw = np.random.default_rng(seed).standard_normal(self.dimension).astype(np.float32)
        return raw / np.linalg.norm(raw)

    def encode(self, texts: list[str], show_progress: bool = False) -> np.ndarray:
        self.encoded.extend(texts)
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.vstack([self.vector(t) for t in texts]).astype(np.float32)
