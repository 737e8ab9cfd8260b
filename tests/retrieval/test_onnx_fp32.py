"""The fp32 ONNX export ingest embeds passages with gives the torch model's vectors."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from retrieval.embed import Embedder
from retrieval.onnx_fp32 import MIN_COSINE, Fp32Embedder, export_path

ARTICLES = Path(__file__).resolve().parent.parent / "data" / "articles"


class _Other:
    """Another model: ingest must embed with it, never with the MiniLM export."""

    name = "other-model"
    dimension = 384

    def warm_up(self) -> None:
        pass

    def encode(self, texts: list[str], show_progress: bool = False) -> np.ndarray:
        return np.zeros((len(texts), self.dimension), dtype=np.float32)


def _paragraphs() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("*.txt"))]
    return [" ".join(p.split()) for t in texts for p in t.split("\n\n") if p.strip()]


class TestFp32Embedder:
    def test_the_export_gives_torch_vectors(self, embedder: Embedder) -> None:
        encoder = Fp32Embedder.for_ingest(embedder)
        assert isinstance(encoder, Fp32Embedder) and encoder.path == export_path()
        assert export_path().is_file()
        texts = _paragraphs() + ["Did Xi refuse?", "A much longer sentence " * 200]
        ours, torch = encoder.encode(texts), embedder.encode(texts)
        assert ours.shape == torch.shape == (len(texts), 384) and ours.dtype == np.float32
        assert (ours * torch).sum(axis=1).min() >= MIN_COSINE

    def test_another_model_embeds_its_own(self) -> None:
        other = _Other()
        assert Fp32Embedder.for_ingest(other) is other

    def test_empty_input(self, embedder: Embedder) -> None:
        assert Fp32Embedder.for_ingest(embedder).encode([]).shape == (0, 384)


def test_batch_size_checked() -> None:
    with pytest.raises(ValueError, match="batch_size must be positive"):
        Fp32Embedder(export_path(), batch_size=0)
