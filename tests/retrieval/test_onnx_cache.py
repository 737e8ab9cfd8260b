"""The int8 ONNX model's optimised graph, kept after a first load: the same vectors, to the bit."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from retrieval.onnx_embed import OnnxEmbedder, cache_dir

TEXTS = [
    "Did the council approve the bridge?",
    "The port authority said no jobs would be lost and talks would resume on Friday.",
]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return cache_dir()


def test_a_second_load_reads_the_kept_graph_and_gives_the_same_vectors(cache: Path) -> None:
    first = OnnxEmbedder().encode(TEXTS)
    kept = list(cache.glob("minilm-int8.*.onnx"))
    assert len(kept) == 1
    assert not list(cache.glob(".*.tmp"))
    stamp = kept[0].stat().st_mtime_ns
    again = OnnxEmbedder().encode(TEXTS)
    assert np.array_equal(first, again)
    assert kept[0].stat().st_mtime_ns == stamp  # read, not written again


def test_a_damaged_graph_is_made_again(cache: Path) -> None:
    first = OnnxEmbedder().encode(TEXTS)
    kept = next(cache.glob("minilm-int8.*.onnx"))
    kept.write_bytes(b"not an onnx graph")
    again = OnnxEmbedder().encode(TEXTS)
    assert np.array_equal(first, again)
    assert kept.stat().st_size > 1_000_000


def test_no_writable_cache_still_embeds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    vectors = OnnxEmbedder().encode(TEXTS)
    assert vectors.shape == (2, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
