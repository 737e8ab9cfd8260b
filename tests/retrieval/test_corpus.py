"""The corpus keeps every article byte for byte, and refuses bad files without changing anything."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from retrieval.corpus import Corpus, sha256_bytes
from retrieval.errors import BadArticle, CorpusError
from retrieval.ingest import read_article
from tests.helpers.files import (
    MESSY,
    REPO_CORPUS,
    SEED_REPUBLIC,
    SEED_SHA256,
    SEED_UNIAN,
    copy_seed_corpus,
    messy_page,
    sha256_file,
    snapshot,
)

ARTICLE = (
    "Port strike ends after three days\r\n\r\n"
    "Dockworkers\u00a0returned to work on Thursday after the union accepted a new offer.  \r\n"
    "\ufeffThe port said ships would be unloaded by the weekend.\r\n"
)


def _bad_files(tmp_path: Path) -> dict[str, Path]:
    """One of each kind of file that ``add`` must refuse."""
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "a_folder").mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_bytes(b"  \n\n\t \n")
    (folder / "binary.txt").write_bytes(b"GIF89a\x01\x00\x01\x00\x00\xff\xff\xff" * 20)
    (folder / "late_nul.txt").write_bytes(b"A line of text.\n" * 600 + b"\x00\x00\x01\x02" * 50)
    return {
        "missing": folder / "no_such_article.txt",
        "directory": folder / "a_folder",
        "empty": folder / "empty.txt",
        "whitespace": folder / "blank.txt",
        "binary": folder / "binary.txt",
        "NUL bytes after 8 KB": folder / "late_nul.txt",
    }


@pytest.fixture
def article_file(tmp_path: Path) -> Path:
    path = tmp_path / "in" / "port strike (final).txt"
    path.parent.mkdir()
    path.write_bytes(ARTICLE.encode("utf-8"))
    return path


@pytest.fixture
def corpus(tmp_path: Path) -> Corpus:
    """A corpus that already holds the two seeds."""
    return Corpus(copy_seed_corpus(tmp_path / "corpus"))


class TestSeeds:
    @pytest.mark.parametrize("article_id", sorted(SEED_SHA256))
    def test_seed_is_the_captured_file(self, article_id: str) -> None:
        assert sha256_file(REPO_CORPUS / f"{article_id}.txt") == SEED_SHA256[article_id]

    @pytest.mark.parametrize(
        "article_id, outlet, title",
        [
            (
                SEED_UNIAN,
                "UNIAN",
                "Xi Jinping turns down Putin’s invitation to visit Russia – media",
            ),
            (
                SEED_REPUBLIC,
                "Republic World",
                "Kremlin refutes reports about Xi Jinping's denial to visit Russia "
                "at Putin's request",
            ),
        ],
    )
    def test_seed_metadata(self, corpus: Corpus, article_id: str, outlet: str, title: str) -> None:
        stored = {f.article_id: f for f in corpus.files()}[article_id]
        assert stored.checksum == SEED_SHA256[article_id]
        source = read_article(stored).source
        assert (source.article_id, source.outlet, source.published, source.title) == (
            article_id,
            outlet,
            "2022-07-05",
            title,
        )

    def test_language_given_wins_else_found_from_the_text(self, tmp_path: Path) -> None:
        folder = tmp_path / "in"
        folder.mkdir()
        german = folder / "de.txt"
        german.write_text(
            "Der Hafen bestreitet den Verkauf des alten Krans. Es gab keinen Verkauf, sagte "
            "die Sprecherin am Samstag.\n",
            encoding="utf-8",
        )
        corpus = Corpus(tmp_path / "corpus")
        corpus.add([german], outlet="Tesker Rundschau")
        (stored,) = corpus.files()
        assert read_article(stored).source.language == "de"
        marked = dataclasses.replace(stored, meta={**stored.meta, "language": "de-AT"})
        assert read_article(marked).source.language == "de-AT"

    def test_adding_the_seeds_keeps_their_bytes(self, tmp_path: Path) -> None:
        fresh = Corpus(tmp_path / "fresh")
        paths = [REPO_CORPUS / f"{article_id}.txt" for article_id in sorted(SEED_SHA256)]
        results = fresh.add(paths, outlet="UNIAN")
        stored = [s for _, s in results]
        assert all(s is not None for s in stored)
        assert sorted(sha256_file(s.path) for s in stored) == sorted(SEED_SHA256.values())


class TestAdd:
    def test_keeps_bytes_and_writes_metadata(self, corpus: Corpus, article_file: Path) -> None:
        [(given, stored)] = corpus.add(
            [article_file],
            outlet="Northsea Business Daily",
            url="https://example.org/port-strike",
            published="2024-03-07",
            title="Port strike ends",
        )
        assert given == article_file and stored is not None
        assert stored.path.parent == corpus.root
        assert stored.path.read_bytes() == ARTICLE.encode("utf-8")
        meta = json.loads(stored.path.with_name(stored.path.stem + ".meta.json").read_text())
        assert meta == {
            "outlet": "Northsea Business Daily",
            "url": "https://example.org/port-strike",
            "published": "2024-03-07",
            "title": "Port strike ends",
            "original_name": "port strike (final).txt",
            "charset": "utf-8",
            "sha256": sha256_bytes(ARTICLE.encode("utf-8")),
        }
        listed = {f.article_id: f for f in corpus.files()}
        assert listed[stored.article_id].meta["outlet"] == "Northsea Business Daily"
        assert len(listed) == 3

    def test_article_reads_back_cleaned(self, corpus: Corpus, article_file: Path) -> None:
        [(_, stored)] = corpus.add([article_file], outlet="Northsea Business Daily")
        article = read_article(stored)
        assert article.source.outlet == "Northsea Business Daily"
        assert "Dockworkers returned to work on Thursday" in article.text
        assert article.checksum == sha256_file(stored.path)

    def test_same_file_twice_is_added_once(self, corpus: Corpus, article_file: Path) -> None:
        corpus.add([article_file], outlet="A")
        before = snapshot(corpus.root)
        [(_, again)] = corpus.add([article_file], outlet="A")
        assert again is None
        [(_, unnamed)] = corpus.add([article_file])  # nothing new carries it
        assert unnamed is None
        assert snapshot(corpus.root) == before

    def test_the_same_words_from_another_outlet_are_another_article(
        self, corpus: Corpus, article_file: Path
    ) -> None:
        # a wire text run word for word by a second outlet: answers show it carried by both
        [(_, first)] = corpus.add([article_file], outlet="A", url="https://a.example/1")
        [(_, second)] = corpus.add([article_file], outlet="B", url="https://b.example/7")
        assert first is not None and second is not None
        assert first.article_id != second.article_id
        outlets = sorted(f.meta["outlet"] for f in corpus.files() if f.checksum == first.checksum)
        assert outlets == ["A", "B"]
        [(_, third)] = corpus.add([article_file], outlet="B", url="https://b.example/7")
        assert third is None

    def test_same_bytes_under_two_names_are_added_once(
        self, corpus: Corpus, article_file: Path
    ) -> None:
        twin = article_file.with_name("copy.txt")
        twin.write_bytes(article_file.read_bytes())
        results = corpus.add([article_file, twin])
        assert [s is None for _, s in results] == [False, True]
        assert len(corpus.files()) == 3

    def test_an_article_is_found_by_the_name_it_was_added_under(
        self, corpus: Corpus, article_file: Path, tmp_path: Path
    ) -> None:
        [(_, stored)] = corpus.add([article_file], outlet="A")
        assert stored is not None and stored.path.name != article_file.name
        assert corpus.find(article_file.name).path == stored.path
        assert corpus.find(str(article_file)).path == stored.path
        # another text added under the same name: the name no longer says which one
        other = tmp_path / "elsewhere" / article_file.name
        other.parent.mkdir()
        other.write_text(ARTICLE + "\nA line more.\n", encoding="utf-8")
        corpus.add([other])
        with pytest.raises(BadArticle, match="2 articles were added under that name"):
            corpus.find(article_file.name)
        assert corpus.find(stored.article_id).path == stored.path

    def test_a_seed_added_again_is_not_duplicated(self, corpus: Corpus) -> None:
        before = snapshot(corpus.root)
        [(_, stored)] = corpus.add([REPO_CORPUS / f"{SEED_UNIAN}.txt"])
        assert stored is None
        assert snapshot(corpus.root) == before

    @pytest.mark.parametrize(
        "kind, message",
        [
            ("missing", "no such file"),
            ("directory", "not a regular file"),
            ("empty", "empty"),
            ("whitespace", "empty"),
            ("binary", "binary"),
            ("NUL bytes after 8 KB", "binary"),
        ],
    )
    def test_bad_file_is_refused_and_nothing_changes(
        self, corpus: Corpus, tmp_path: Path, kind: str, message: str
    ) -> None:
        bad = _bad_files(tmp_path)[kind]
        before = snapshot(corpus.root)
        with pytest.raises(BadArticle, match=message) as err:
            corpus.add([bad], outlet="X")
        assert str(bad) in str(err.value)
        assert "\n" not in str(err.value)
        assert snapshot(corpus.root) == before

    @pytest.mark.parametrize("kind", ["missing", "directory", "empty", "whitespace", "binary"])
    def test_one_bad_file_among_good_ones_adds_nothing(
        self, corpus: Corpus, tmp_path: Path, article_file: Path, kind: str
    ) -> None:
        other = tmp_path / "in" / "other.txt"
        other.write_text("Flood waters recede\n\nThe river fell a metre overnight.\n")
        before = snapshot(corpus.root)
        with pytest.raises(BadArticle):
            corpus.add([article_file, _bad_files(tmp_path)[kind], other], outlet="X")
        assert snapshot(corpus.root) == before

    def test_bad_files_leave_a_new_corpus_uncreated(self, tmp_path: Path) -> None:
        root = tmp_path / "new_corpus"
        with pytest.raises(BadArticle):
            Corpus(root).add([_bad_files(tmp_path)["binary"]])
        assert snapshot(root) == {}

    @pytest.mark.parametrize("published", ["5 July 2022", "2022-13-01", "yesterday"])
    def test_bad_date_is_refused(self, corpus: Corpus, article_file: Path, published: str) -> None:
        before = snapshot(corpus.root)
        with pytest.raises(BadArticle, match="YYYY-MM-DD"):
            corpus.add([article_file], published=published)
        assert snapshot(corpus.root) == before


class TestHtml:
    def test_html_page_is_kept_and_its_article_extracted(self, corpus: Corpus) -> None:
        page, expected = messy_page("html_page")
        [(_, stored)] = corpus.add([page])
        assert stored is not None and stored.path.suffix == ".html"
        assert stored.path.read_bytes() == page.read_bytes()
        article = read_article(stored)
        assert article.source.outlet == expected["outlet"]
        assert article.source.title == expected["title"]
        assert [k for k in expected["must_keep"] if k not in article.text] == []
        left = [d for d in expected["must_drop"] if d.casefold() in article.text.casefold()]
        assert left == []

    def test_given_outlet_wins_over_the_page(self, corpus: Corpus) -> None:
        [(_, stored)] = corpus.add([MESSY / "html_page.html"], outlet="Harbourline (print)")
        assert read_article(stored).source.outlet == "Harbourline (print)"


class TestFiles:
    def test_missing_folder(self, tmp_path: Path) -> None:
        with pytest.raises(CorpusError, match="does not exist"):
            Corpus(tmp_path / "nowhere").files()

    def test_only_articles_are_listed(self, corpus: Corpus) -> None:
        (corpus.root / ".hidden.txt").write_text("not an article")
        (corpus.root / "notes.md").write_text("not an article")
        (corpus.root / ".index").mkdir()
        assert [f.article_id for f in corpus.files()] == sorted(SEED_SHA256)

    def test_unreadable_metadata_is_skipped_with_a_warning(
        self, corpus: Corpus, caplog: pytest.LogCaptureFixture
    ) -> None:
        (corpus.root / f"{SEED_UNIAN}.meta.json").write_text("{not json")
        stored = {f.article_id: f for f in corpus.files()}
        assert stored[SEED_UNIAN].meta["outlet"] == "unknown outlet"
        assert stored[SEED_REPUBLIC].meta["outlet"] != "unknown outlet"
        assert f"{SEED_UNIAN}.meta.json: damaged metadata skipped" in caplog.text

    def test_checksum_follows_the_bytes(self, corpus: Corpus) -> None:
        path = corpus.root / f"{SEED_UNIAN}.txt"
        path.write_bytes(path.read_bytes() + b"\nA correction was added.\n")
        stored = {f.article_id: f for f in corpus.files()}[SEED_UNIAN]
        assert stored.checksum == sha256_file(path) != SEED_SHA256[SEED_UNIAN]
