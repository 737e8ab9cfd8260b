"""New articles parsed in forked worker processes give what one process gives, in corpus
order, and a worker that dies costs no article: the parent parses what it did not send."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import retrieval.workers
from retrieval.corpus import Corpus, StoredFile
from retrieval.workers import Outcome, parse_all, shares, usable_cores, worker_count
from tests.helpers.files import TINY_ARTICLES, copy_seed_corpus, write_article


@pytest.fixture
def files(tmp_path: Path) -> list[StoredFile]:
    """The two seed articles, four tiny ones and a file with no text, in corpus order."""
    root = copy_seed_corpus(tmp_path / "corpus")
    for name, text in TINY_ARTICLES.items():
        write_article(root, name, text)
    write_article(root, "blank", "   \n\n  ")
    return Corpus(root).files()


def test_workers_give_what_one_process_gives(files: list[StoredFile]) -> None:
    alone = parse_all(files, 1)
    assert parse_all(files, 2) == alone
    assert parse_all(files, 3) == alone
    skipped = [o for o in alone if isinstance(o, str)]
    assert len(skipped) == 1 and "blank" in skipped[0]
    parsed = [o for o in alone if not isinstance(o, str)]
    assert [source.article_id for source, _, _ in parsed] == [
        f.article_id for f in files if f.article_id != "blank"
    ]
    assert all(
        passages and analyses.keys() == {p.id for p in passages} for _, passages, analyses in parsed
    )


def test_a_worker_that_dies_loses_no_article(
    files: list[StoredFile], monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A worker killed after its first article (as by the kernel's OOM killer): the parent
    parses the articles it never sent, and the outcome is the whole corpus, in order."""
    parent = os.getpid()
    real = retrieval.workers.parse_files

    def dying(share: list[StoredFile]) -> Iterator[Outcome]:
        for count, outcome in enumerate(real(share)):
            if count == 1 and os.getpid() != parent:
                os._exit(9)
            yield outcome

    alone = parse_all(files, 1)
    monkeypatch.setattr(retrieval.workers, "parse_files", dying)
    steps: list[int] = []
    assert parse_all(files, 2, lambda: steps.append(1)) == alone
    assert len(steps) == len(files)  # a progress step for each article, wherever it was parsed
    assert "the parse workers left" in caplog.text


def test_shares_balance_the_bytes_and_keep_corpus_order() -> None:
    assert shares([5, 1, 4, 2], 2) == [[0, 1], [2, 3]]
    assert shares([9, 1, 1, 1], 2) == [[0], [1, 2, 3]]
    assert shares([3], 4) == [[0]]  # no empty share: no worker forked for nothing


def test_a_few_articles_are_parsed_in_this_process() -> None:
    assert worker_count(1) == 1
    assert worker_count(7) == 1
    assert worker_count(10_000) == (usable_cores() if sys.platform == "linux" else 1)
