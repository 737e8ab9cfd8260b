"""Checks that every answer storybot gives keeps the ``ask --json`` contract."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from retrieval.corpus import Corpus
from retrieval.ingest import read_article
from retrieval.types import Answer, Article

ANSWER_KEYS = {"question", "answered", "message", "sides", "context"}
SIDE_KEYS = {"label", "passages"}
PASSAGE_KEYS = {"text", "speaker", "outlet", "published", "url", "article", "score"}


def cleaned_articles(corpus_dir: Path) -> dict[str, Article]:
    """Every article of a corpus as the pipeline cleans it, by id."""
    return {a.id: a for a in (read_article(f) for f in Corpus(corpus_dir).files())}


def check_answer_dict(data: Any, articles: dict[str, Article]) -> None:
    """Assert the contract of one answer object and that every passage is verbatim.

    Every ``text`` must be a span of its article's cleaned text, its outlet and date
    must be the article's own, and an unanswered question carries no passages.
    """
    assert isinstance(data, dict), data
    assert set(data) == ANSWER_KEYS, sorted(data)
    assert isinstance(data["question"], str) and data["question"]
    assert isinstance(data["answered"], bool)
    assert isinstance(data["message"], str) and data["message"]
    assert isinstance(data["sides"], list) and isinstance(data["context"], list)
    if not data["answered"]:
        assert data["sides"] == [] and data["context"] == [], data
        return
    assert data["sides"] or data["context"], "answered, but no passage returned"
    passages = list(data["context"])
    for side in data["sides"]:
        assert SIDE_KEYS <= set(side), sorted(side)
        assert isinstance(side["label"], str) and side["label"].strip()
        assert side["passages"], f"side {side['label']!r} has no passages"
        passages += side["passages"]
    for passage in passages:
        assert PASSAGE_KEYS <= set(passage), sorted(passage)
        article = articles.get(passage["article"])
        assert article is not None, f"unknown article {passage['article']!r}"
        assert passage["text"] and passage["text"] in article.text, (
            f"not a verbatim span of {article.id}: {passage['text'][:120]!r}"
        )
        if "start" in passage and "end" in passage:
            assert article.text[passage["start"] : passage["end"]] == passage["text"]
        assert passage["outlet"] == article.source.outlet
        assert passage["published"] == article.source.published
        assert passage["url"] == article.source.url
        assert passage["speaker"] is None or isinstance(passage["speaker"], str)
        assert isinstance(passage["score"], float | int)
        assert -1.0001 <= passage["score"] <= 1.0001


def check_answer(answer: Answer, articles: dict[str, Article]) -> dict[str, Any]:
    """``check_answer_dict`` on an ``Answer``; returns its dict."""
    data = answer.to_dict()
    check_answer_dict(data, articles)
    return data


def passage_texts(data: dict[str, Any]) -> list[str]:
    """The text of every passage of an answer object, sides first."""
    texts = [p["text"] for side in data["sides"] for p in side["passages"]]
    return texts + [p["text"] for p in data["context"]]
