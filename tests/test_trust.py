"""Nothing lost, whatever comes in: one test (or a few) per defect of the "trust" issue.

Each class names the defect it covers. The CLI runs in-process with the fake
embedder: these tests check files, streams and exit codes, never answers.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import retrieval.embed
from retrieval.corpus import Corpus
from storybot.cli import cli
from tests.helpers.fakes import FakeEmbedder
from tests.helpers.files import REPO_CORPUS, SEED_REPUBLIC, snapshot

MARKER = ".storybot-index"  # the index folder's ownership marker


def run(*args: str | Path) -> Result:
    """Invoke the CLI in-process; stdout and stderr are kept apart."""
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def one_error_line(result: Result) -> str:
    """The single "Error: …" line on stderr, with no traceback anywhere."""
    assert "Traceback" not in result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, result.stderr
    return errors[0]


@pytest.fixture(autouse=True)
def fake_model(monkeypatch: pytest.MonkeyPatch) -> FakeEmbedder:
    """Every ``Embedder()`` the CLI makes is the fast fake one."""
    fake = FakeEmbedder()
    monkeypatch.setattr(retrieval.embed, "Embedder", lambda *a, **k: fake)
    return fake


@pytest.fixture
def story(tmp_path: Path) -> Path:
    """A file to add: the Republic World seed article, under a name of one's own."""
    path = tmp_path / "input" / "story.txt"
    path.parent.mkdir()
    path.write_bytes((REPO_CORPUS / f"{SEED_REPUBLIC}.txt").read_bytes())
    return path


class TestDefect1IndexOwnsOnlyItsFiles:
    def test_index_in_the_corpus_folder_is_refused_and_deletes_nothing(
        self, tmp_path: Path, story: Path
    ) -> None:
        # The reproduction: an article named like an index file, --index = --corpus.
        folder = tmp_path / "d"
        named = story.with_name("passages.story.txt")
        named.write_bytes(story.read_bytes())
        added = run("add", "--corpus", folder, "--index", folder, named)
        assert added.exit_code == 0, added.output
        before = snapshot(folder)
        result = run("index", "--corpus", folder, "--index", folder)
        assert result.exit_code == 2
        line = one_error_line(result)
        assert str(folder) in line and "corpus folder" in line
        assert snapshot(folder) == before
        assert len(Corpus(folder).files()) == 1

    def test_a_folder_holding_other_files_is_refused(self, tmp_path: Path, story: Path) -> None:
        corpus, index = tmp_path / "corpus", tmp_path / "index"
        assert run("add", "--corpus", corpus, story).exit_code == 0
        index.mkdir()
        (index / "notes.txt").write_text("mine")
        (index / "vectors.old.faiss").write_text("mine too")
        before = snapshot(index)
        result = run("ask", "--corpus", corpus, "--index", index, "Did Xi refuse?")
        assert result.exit_code == 2
        assert str(index) in one_error_line(result)
        assert snapshot(index) == before

    def test_a_new_folder_is_marked_and_only_own_names_are_removed(
        self, tmp_path: Path, story: Path
    ) -> None:
        corpus, index = tmp_path / "corpus", tmp_path / "index"
        assert run("add", "--corpus", corpus, story).exit_code == 0
        assert run("index", "--corpus", corpus, "--index", index).exit_code == 0
        assert (index / MARKER).is_file()
        # Files a user drops in later, even named like index files, survive a rebuild.
        (index / "passages.story.txt").write_text("mine")
        (index / ".notes.tmp").write_text("mine")
        os.utime(index / ".notes.tmp", (0, 0))
        assert run("index", "--rebuild", "--corpus", corpus, "--index", index).exit_code == 0
        assert (index / "passages.story.txt").read_text() == "mine"
        assert (index / ".notes.tmp").read_text() == "mine"

    def test_an_index_built_before_the_marker_is_claimed(self, tmp_path: Path, story: Path) -> None:
        corpus, index = tmp_path / "corpus", tmp_path / "index"
        assert run("add", "--corpus", corpus, story).exit_code == 0
        assert run("index", "--corpus", corpus, "--index", index).exit_code == 0
        (index / MARKER).unlink()
        result = run("index", "--corpus", corpus, "--index", index)
        assert result.exit_code == 0, result.output
        assert (index / MARKER).is_file()

    def test_the_repository_index_folder_is_marked(self) -> None:
        assert (REPO_CORPUS.parent / "index" / MARKER).is_file()
