"""BM25 postings: the scores, their file round trip, and the index storing them at ingest."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

from retrieval.bm25 import BM25, content_stems
from retrieval.corpus import Corpus
from retrieval.index import MANIFEST, PassageIndex
from retrieval.pipeline import build_index, index_status
from tests.helpers.fakes import FakeEmbedder
from tests.helpers.files import TINY_ARTICLES, write_article

PASSAGES = [
    "The harbour bridge closed after the storm damaged its cables.",
    "Ferry crews said the storm delayed crossings all morning.",
    "The mayor of Tesk opened the new library on Friday.",
    "",
]


def _lucene(tf: int, df: int, n: int, length: int, average: float) -> float:
    """Lucene's BM25 of one word in one passage, written out (k1 1.5, b 0.75)."""
    idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
    return idf * tf / (tf + 1.5 * (0.25 + 0.75 * length / average))


class TestBM25:
    def test_scores_are_lucene_bm25(self) -> None:
        stems = [content_stems(p) for p in PASSAGES]
        bm25 = BM25.build(stems)
        lengths = [len(s) or 1 for s in stems]  # an empty passage counts one placeholder word
        average = sum(lengths) / len(lengths)
        scores = bm25.scores(["storm"])
        for i, passage_stems in enumerate(stems):
            tf = passage_stems.count("storm")
            expected = _lucene(tf, 2, 4, lengths[i], average) if tf else 0.0
            assert scores[i] == pytest.approx(expected, rel=1e-6)
        assert scores.dtype == np.float32

    def test_a_rare_word_weighs_more_and_each_occurrence_counts(self) -> None:
        bm25 = BM25.build([content_stems(p) for p in PASSAGES])
        rare, common = bm25.scores(["cabl"])[0], bm25.scores(["storm"])[0]
        assert rare > common > 0
        twice = bm25.scores(["storm", "storm"])
        assert twice[0] == pytest.approx(2 * common)

    def test_unknown_words_score_nothing(self) -> None:
        bm25 = BM25.build([content_stems(p) for p in PASSAGES])
        assert not bm25.scores(["zebra"]).any()
        assert "zebra" not in bm25.vocabulary and "storm" in bm25.vocabulary

    def test_file_round_trip(self, tmp_path: Path) -> None:
        bm25 = BM25.build([content_stems(p) for p in PASSAGES])
        bm25.save(tmp_path / "bm25.npz")
        back = BM25.load(tmp_path / "bm25.npz")
        assert back.words == bm25.words and back.count == bm25.count
        for word in ("storm", "librari", "bridg"):
            assert np.array_equal(back.scores([word]), bm25.scores([word]))

    def test_no_passages(self) -> None:
        bm25 = BM25.build([])
        assert bm25.scores(["storm"]).shape == (0,)


class TestStoredPostings:
    def test_ingest_stores_the_postings_and_a_load_reads_them(self, tmp_path: Path) -> None:
        corpus = Corpus(tmp_path / "corpus")
        for name in ("bridge", "strike"):
            write_article(corpus.root, name, TINY_ARTICLES[name])
        built = build_index(corpus, tmp_path / "index", FakeEmbedder(), progress=False)
        loaded = PassageIndex.load(tmp_path / "index")
        assert loaded.bm25 is not None and built.bm25 is not None
        fresh = BM25.build([content_stems(p.text) for p in loaded.passages])
        for word in fresh.words[:20]:
            assert np.array_equal(loaded.bm25.scores([word]), fresh.scores([word]))

    def test_an_index_without_postings_is_stale(self, tmp_path: Path) -> None:
        corpus = Corpus(tmp_path / "corpus")
        write_article(corpus.root, "bridge", TINY_ARTICLES["bridge"])
        fake = FakeEmbedder()
        build_index(corpus, tmp_path / "index", fake, progress=False)
        manifest = json.loads((tmp_path / "index" / MANIFEST).read_text())
        manifest["bm25_file"] = ""
        (tmp_path / "index" / MANIFEST).write_text(json.dumps(manifest))
        status = index_status(corpus, tmp_path / "index", fake.name)
        assert status.state == "stale" and "BM25" in status.reason
