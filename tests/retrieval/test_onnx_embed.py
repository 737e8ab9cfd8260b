"""The int8 ONNX model gives the torch model's vectors, closely enough to query its index."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from retrieval.embed import Embedder
from retrieval.onnx_embed import OnnxEmbedder

ARTICLES = Path(__file__).resolve().parent.parent / "data" / "articles"
QUESTIONS = [
    "Did the finance minister resign?",
    "How many people died in the flood?",
    "Who won the election?",
    "Will the hospital close?",
    "Did the airlines agree to merge?",
    "Was the drone deal signed?",
]


@pytest.fixture(scope="module")
def onnx() -> OnnxEmbedder:
    return OnnxEmbedder()


def _paragraphs() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("*.txt"))]
    return [" ".join(p.split()) for t in texts for p in t.split("\n\n") if len(p.split()) >= 6]


class TestOnnxEmbedder:
    def test_unit_vectors_of_the_right_shape(self, onnx: OnnxEmbedder) -> None:
        vectors = onnx.encode(["Did Xi refuse?", "A much longer sentence " * 200])
        assert vectors.shape == (2, 384) and vectors.dtype == np.float32
        assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
        assert onnx.encode([]).shape == (0, 384)

    def test_same_vectors_and_same_ranking_as_torch(
        self, onnx: OnnxEmbedder, embedder: Embedder
    ) -> None:
        passages = _paragraphs()
        assert len(passages) > 30
        texts = QUESTIONS + passages
        ours, theirs = onnx.encode(texts), embedder.encode(texts)
        cosines = (ours * theirs).sum(axis=1)
        assert cosines.min() >= 0.99, texts[int(cosines.argmin())]
        # Each question against the torch-built passage vectors: the same best passages.
        stored = theirs[len(QUESTIONS) :]
        for i, question in enumerate(QUESTIONS):
            by_onnx = np.argsort(-(stored @ ours[i]))[:3]
            by_torch = np.argsort(-(stored @ theirs[i]))[:3]
            assert list(by_onnx) == list(by_torch), question

    def test_bad_batch_size(self) -> None:
        with pytest.raises(ValueError, match="batch_size must be positive, got 0"):
            OnnxEmbedder(batch_size=0)
