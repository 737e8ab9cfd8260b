"""Ingest's work per article is kept by the article's checksum: adding one article to a corpus
reads, parses and attributes that article only, and the index is the one a fresh build gives."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import retrieval.pipeline
from retrieval.chunk import Chunker
from retrieval.corpus import Corpus
from retrieval.index import PassageIndex
from retrieval.pipeline import build_index
from retrieval.types import Article, Passage
from tests.helpers.fakes import FakeEmbedder
from tests.helpers.files import TINY_ARTICLES, write_article


@pytest.fixture
def attributed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the articles the build attributes (the real step, recorded on the way)."""
    seen: list[str] = []
    real = retrieval.pipeline.parse_passages

    def parse_passages(
        article: Article, chunker: Chunker, *parsed: Any
    ) -> tuple[list[Passage], dict[str, dict[str, Any]]]:
        seen.append(article.id)
        return real(article, chunker, *parsed)

    monkeypatch.setattr(retrieval.pipeline, "parse_passages", parse_passages)
    return seen


def _corpus(tmp_path: Path, names: tuple[str, ...]) -> Corpus:
    corpus = Corpus(tmp_path / "corpus")
    for name in names:
        write_article(corpus.root, name, TINY_ARTICLES[name])
    return corpus


def test_adding_one_article_parses_that_article_only(tmp_path: Path, attributed: list[str]) -> None:
    corpus = _corpus(tmp_path, ("bridge", "strike", "flood"))
    build_index(corpus, tmp_path / "index", FakeEmbedder(), progress=False)
    assert sorted(attributed) == ["bridge", "flood", "strike"]
    attributed.clear()
    write_article(corpus.root, "school", TINY_ARTICLES["school"])
    grown = build_index(corpus, tmp_path / "index", FakeEmbedder(), progress=False)
    assert attributed == ["school"]
    fresh = build_index(
        _corpus(tmp_path / "again", ("bridge", "strike", "flood", "school")),
        tmp_path / "again" / "index",
        FakeEmbedder(),
        progress=False,
    )
    assert grown.passages == fresh.passages
    assert grown.sources == fresh.sources
    assert PassageIndex.load(tmp_path / "index").passages == fresh.passages


def test_a_changed_article_is_parsed_again(tmp_path: Path, attributed: list[str]) -> None:
    corpus = _corpus(tmp_path, ("bridge", "strike"))
    build_index(corpus, tmp_path / "index", FakeEmbedder(), progress=False)
    attributed.clear()
    meta_path = corpus.root / "strike.meta.json"
    meta = json.loads(meta_path.read_text())
    meta_path.write_text(json.dumps({**meta, "outlet": "Port Weekly"}))
    index = build_index(corpus, tmp_path / "index", FakeEmbedder(), progress=False)
    assert attributed == ["strike"]
    assert index.sources["strike"].outlet == "Port Weekly"


def test_changed_pipeline_code_parses_every_article(
    tmp_path: Path, attributed: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = _corpus(tmp_path, ("bridge", "strike"))
    build_index(corpus, tmp_path / "index", FakeEmbedder(), progress=False)
    attributed.clear()
    monkeypatch.setattr(retrieval.pipeline, "pipeline_version", lambda: "something-else")
    build_index(corpus, tmp_path / "index", FakeEmbedder(), progress=False)
    assert sorted(attributed) == ["bridge", "strike"]


def test_copies_are_found_again_across_kept_and_new_articles(
    tmp_path: Path, attributed: list[str]
) -> None:
    corpus = _corpus(tmp_path, ("bridge",))
    build_index(corpus, tmp_path / "index", FakeEmbedder(), progress=False)
    # another outlet runs the same words: its passages and the kept ones are copies
    wire = tmp_path / "wire.txt"
    wire.write_text("WIRE: " + TINY_ARTICLES["bridge"], encoding="utf-8")
    corpus.add([wire], "Wire Daily")
    index = build_index(corpus, tmp_path / "index", FakeEmbedder(), progress=False)
    assert attributed == ["bridge", next(a for a in index.sources if a != "bridge")]
    kept = [p for p in index.passages if p.article_id == "bridge"]
    assert any(p.copies for p in kept)


def test_each_phase_has_its_progress_bar(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """On a terminal (``progress=True``) a build shows a bar for each of its phases, counting
    that phase's own things; a rebuild that keeps every article reads and embeds none."""
    corpus = _corpus(tmp_path, ("bridge", "strike"))
    build_index(corpus, tmp_path / "index", FakeEmbedder(), progress=True)
    shown = capsys.readouterr().err
    for phase in ("reading articles", "stance cues", "embedding passages", "embedding sentences"):
        assert phase in shown
    assert "2/2 [" in shown  # the two articles read
    build_index(corpus, tmp_path / "index", FakeEmbedder(), progress=True)
    again = capsys.readouterr().err
    assert "reading articles: 0article" in again and "embedding" not in again
