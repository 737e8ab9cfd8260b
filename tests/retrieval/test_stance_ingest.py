"""Ingest reads each passage's stance cues off its article's one parse
(``retrieval.stance.store.analyse_parsed``): no passage and no sentence is parsed again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

import retrieval.attribution.finder
import retrieval.stance.cues
from retrieval.attribution import parse_article
from retrieval.chunk import Chunker
from retrieval.corpus import Corpus
from retrieval.denials import DenialIndex
from retrieval.index import PassageIndex
from retrieval.pipeline import build_index, parse_passages
from retrieval.service import Storybot
from retrieval.stance import PassageAnalysis, analyse_passages
from retrieval.stance.cues import normalise
from retrieval.stance.store import (
    analyse_parsed,
    foreign_analysis,
    quotable_sentences,
    stored_denial,
)
from retrieval.types import Article, Source
from tests.helpers.fakes import FakeEmbedder
from tests.helpers.files import write_article

ARTICLE = (
    "Ministry rejects report of a closed border\n\n"
    "The Valley Post reported on Monday that the northern crossing had been closed. "
    "Officials said trucks were turned back.\n\n"
    'Ministry spokeswoman Ilsa Varn said: "This is completely false. The crossing is open."\n\n'
    "Traders in the market town said they had seen no change."
)


def _sentences(text: str) -> list[tuple[int, Any]]:
    return [(s.offset, s.span) for s in parse_article(text)[2]]


class TestAnalyseParsed:
    def test_the_denial_is_read_off_the_article_parse(self) -> None:
        passages, analyses = parse_passages(
            Article(Source("a1", "Valley Post"), ARTICLE), Chunker()
        )
        denying = [p for p in passages if "completely false" in p.text]
        assert len(denying) == 1
        stored = PassageAnalysis.from_dict(analyses[denying[0].id])
        denial = {s: d for s, d in stored.quotable if "completely false" in s}
        assert list(denial.values()) == [0.9]
        assert stored.denial >= 0.9
        # as parsing the passage and its sentences alone reads them
        assert stored == analyse_passages([denying[0].text])[0]

    def test_every_passage_has_its_own_sentences(self) -> None:
        passages, analyses = parse_passages(
            Article(Source("a1", "Valley Post"), ARTICLE), Chunker()
        )
        assert sorted(analyses) == sorted(p.id for p in passages)
        for passage in passages:
            stored = PassageAnalysis.from_dict(analyses[passage.id])
            assert " ".join(s.text for s in stored.sentences) == normalise(passage.text)
            assert [s for s, _ in stored.quotable] == quotable_sentences(passage.text)

    def test_a_passage_cut_inside_a_sentence_reads_its_part_only(self) -> None:
        start = ARTICLE.index("Officials")
        end = ARTICLE.index(" were turned")
        (analysis,) = analyse_parsed(ARTICLE, [(start, end)], _sentences(ARTICLE))
        assert [s.text for s in analysis.sentences] == ["Officials said trucks"]

    def test_a_foreign_article_is_read_by_its_denial_words(self) -> None:
        text = "Das Ministerium sagte, der Bericht sei falsch. Die Grenze ist offen."
        span = (0, len(text))
        (analysis,) = analyse_parsed(text, [span], _sentences(text), language="de")
        assert analysis == foreign_analysis(text, "de")


def test_ingest_parses_each_article_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One spaCy pass over the blocks of the articles together (for attribution), none for
    the stance cues: each block is parsed once."""
    calls: list[list[str]] = []
    real = retrieval.attribution.finder.nlp

    class Recording:
        def pipe(self, texts: Any, **kwargs: object) -> Any:
            texts = list(texts)
            calls.append(texts)
            return real().pipe(texts, **kwargs)

    monkeypatch.setattr(retrieval.attribution.finder, "nlp", Recording)
    monkeypatch.setattr(retrieval.stance.cues, "nlp", Recording)
    monkeypatch.setattr(retrieval.stance.cues, "_cache", type(retrieval.stance.cues._cache)())
    corpus = Corpus(tmp_path / "corpus")
    write_article(corpus.root, "border", ARTICLE)
    write_article(corpus.root, "market", "Market reopens\n\nThe market reopened on Friday.")
    index = build_index(corpus, tmp_path / "index", FakeEmbedder(), progress=False)
    assert len(calls) == 1
    assert sorted(calls[0]) == sorted(set(calls[0]))  # each block once
    assert sorted(b for b in calls[0] if b in ARTICLE) == sorted(ARTICLE.split("\n\n"))
    assert sorted(index.stance) == sorted(p.id for p in index.passages)


class TestStoredDenials:
    """The denials with their context vectors (``denials.py``) are built at ingest and stored
    in the index: no question reads every passage's analysis to find them."""

    def test_built_at_ingest_and_read_back(self, tmp_path: Path) -> None:
        corpus = Corpus(tmp_path / "corpus")
        write_article(corpus.root, "border", ARTICLE)
        write_article(corpus.root, "market", "Market reopens\n\nThe market reopened on Friday.")
        built = build_index(corpus, tmp_path / "index", FakeEmbedder(), progress=False)
        loaded = PassageIndex.load(tmp_path / "index")
        assert loaded.denials is not None and built.denials is not None
        denying = [i for i, p in enumerate(loaded.passages) if "completely false" in p.text]
        assert loaded.denials.positions.tolist() == denying
        passages = loaded.passages
        strengths = [stored_denial(loaded.stance[p.id]) for p in passages]
        again = DenialIndex.build(loaded.vectors(), [p.article_id for p in passages], strengths)
        np.testing.assert_array_equal(loaded.denials.contexts, again.contexts)
        np.testing.assert_array_equal(built.denials.contexts, again.contexts)

    def test_answering_uses_the_stored_ones(
        self, seed_bot: Storybot, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        def no_build(*args: object, **kwargs: object) -> DenialIndex:
            raise AssertionError("the denials were built while answering")

        monkeypatch.setattr(DenialIndex, "build", no_build)
        fresh = Storybot(seed_bot.index, seed_bot.embedder)
        assert fresh.denials is seed_bot.index.denials
        assert len(fresh.denials.positions) > 0
