"""Nothing lost, whatever comes in: one test (or a few) per defect of the "trust" issue.

Each class names the defect it covers. The CLI runs in-process with the fake
embedder: these tests check files, streams and exit codes, never answers.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import retrieval.embed
from retrieval.corpus import Corpus
from storybot.cli import cli
from tests.helpers.fakes import FakeEmbedder
from tests.helpers.files import REPO_CORPUS, SEED_REPUBLIC, TINY_ARTICLES, snapshot

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


class TestDefect3OneBadValueTakesNothingDown:
    @pytest.mark.parametrize("flag", ["--outlet", "--title", "--url"])
    def test_a_non_utf8_byte_in_metadata_is_refused_at_add(
        self, tmp_path: Path, story: Path, flag: str
    ) -> None:
        corpus = tmp_path / "corpus"
        value = "Republic \udcff World" if flag != "--url" else "https://example.org/\udcff"
        result = run("add", "--corpus", corpus, flag, value, story)
        assert result.exit_code == 2
        assert flag in one_error_line(result)
        assert snapshot(corpus) == {}

    @pytest.mark.parametrize(
        "flag, value, message",
        [
            ("--url", "not a url", "http"),
            ("--title", "Two\nlines", "control character"),
            ("--outlet", "   ", "empty"),
            ("--outlet", "x" * 201, "too long"),
        ],
    )
    def test_other_bad_metadata_is_refused_at_add(
        self, tmp_path: Path, story: Path, flag: str, value: str, message: str
    ) -> None:
        corpus = tmp_path / "corpus"
        result = run("add", "--corpus", corpus, flag, value, story)
        assert result.exit_code == 2
        assert message in one_error_line(result)

    @pytest.mark.parametrize(
        "damage",
        [
            b"{not json",
            b"\xff\xfe garbage",
            b"[1, 2]",
            b'{"outlet": "Republic \\udcff World", "published": "yesterday"}',
            b'{"outlet": 5, "title": ["x"], "charset": "no-such-codec"}',
        ],
    )
    def test_a_damaged_meta_file_is_skipped_with_a_warning(
        self, tmp_path: Path, story: Path, damage: bytes, caplog: pytest.LogCaptureFixture
    ) -> None:
        corpus, index = tmp_path / "corpus", tmp_path / "index"
        assert run("add", "--corpus", corpus, "--outlet", "Good Outlet", story).exit_code == 0
        other = story.with_name("bridge.txt")
        other.write_text(TINY_ARTICLES["bridge"], encoding="utf-8")
        assert run("add", "--corpus", corpus, other).exit_code == 0
        meta = next(corpus.glob("story_*.meta.json"))
        meta.write_bytes(damage)
        result = run("ask", "--json", "--corpus", corpus, "--index", index, "Did Xi refuse?")
        assert result.exit_code == 0, result.output
        json.loads(result.stdout)
        assert f"{meta}: damaged" in caplog.text  # on stderr outside pytest
        assert "Traceback" not in result.output
        assert run("index", "--corpus", corpus, "--index", index).exit_code == 0
        listed = run("sources", "--json", "--corpus", corpus, "--index", index)
        assert listed.exit_code == 0
        assert len(listed.stdout.splitlines()) == 2
        assert meta.read_bytes() == damage  # the user's file is left as it is


class TestInputReading:
    @pytest.mark.parametrize(
        "encoding, charset",
        [("utf-16", "utf-16"), ("cp1251", "cp1251"), ("utf-8-sig", "utf-8-sig")],
    )
    def test_charset_is_detected_recorded_and_bytes_kept(
        self, tmp_path: Path, encoding: str, charset: str
    ) -> None:
        text = (
            "Кремль опроверг сообщения об отказе Си Цзиньпина\n\n"
            "Пресс-секретарь Кремля Дмитрий Песков заявил, что сообщения СМИ об отказе "
            "председателя КНР приехать в Россию не соответствуют действительности. "
            "Все запланированные визиты состоятся, сказал он журналистам во вторник.\n"
        )
        source = tmp_path / "kremlin.txt"
        source.write_bytes(text.encode(encoding))
        corpus = tmp_path / "corpus"
        result = run("add", "--corpus", corpus, source)
        assert result.exit_code == 0, result.output
        (stored,) = Corpus(corpus).files()
        assert stored.path.read_bytes() == source.read_bytes()
        assert stored.meta["charset"] == charset
        from retrieval.ingest import read_article

        assert "Дмитрий Песков" in read_article(stored).text

    def test_a_page_date_is_not_taken_from_its_copyright_footer(self, tmp_path: Path) -> None:
        page = tmp_path / "page.html"
        page.write_text(
            "<html><head><title>Kremlin denies Xi snub</title></head><body><article>"
            "<h1>Kremlin denies Xi snub</h1><p>On July 5, Kremlin spokesman Dmitry Peskov "
            "said that media reports about Xi Jinping's refusal to visit Russia were false. "
            "He added that all scheduled trips would take place.</p><p>The Chinese leader "
            "had allegedly declined the invitation because of the pandemic, according to "
            "media reports published earlier in the day.</p></article>"
            "<footer><p>Copyright 2022 Example News. All rights reserved.</p></footer>"
            "</body></html>",
            encoding="utf-8",
        )
        corpus = tmp_path / "corpus"
        assert run("add", "--corpus", corpus, page).exit_code == 0
        from retrieval.ingest import read_article

        (stored,) = Corpus(corpus).files()
        assert read_article(stored).source.published is None


PROSE_WITH_TAGS = (
    "Web editors argue over markup\n\n"
    "Mara Kettle, a web editor, said the old system wrapped every paragraph in <p and "
    'every box in a <div before anyone could stop it. "We lost <b>bold</b> text and '
    'whole sentences," she said.\n\n'
    "The vendor said the <div> problem had been fixed in March and no text was lost.\n"
)


class TestDefect5ProseThatNamesATag:
    def test_prose_naming_tags_is_stored_as_text_and_kept_verbatim(self, tmp_path: Path) -> None:
        source = tmp_path / "markup.txt"
        source.write_text(PROSE_WITH_TAGS, encoding="utf-8")
        corpus = tmp_path / "corpus"
        assert run("add", "--corpus", corpus, source).exit_code == 0
        (stored,) = Corpus(corpus).files()
        assert stored.path.suffix == ".txt"
        from retrieval.ingest import read_article

        text = read_article(stored).text
        assert "wrapped every paragraph in <p and every box in a <div before" in text
        assert '"We lost <b>bold</b> text and whole sentences," she said.' in text

    @pytest.mark.parametrize(
        "name, head",
        [
            ("page.html", "<p>"),
            ("page.txt", "<!DOCTYPE html>\n<html><body><p>"),
            ("page.txt", "<html lang='en'><body><p>"),
        ],
    )
    def test_a_real_page_is_still_html(self, tmp_path: Path, name: str, head: str) -> None:
        from retrieval.corpus import is_html

        body = (
            f"{head}The council approved the bridge on Monday after a long debate, "
            "the mayor said.</p></body></html>"
        )
        assert is_html(Path(name).suffix, body)


class TestDefect6Items:
    def test_a_dot_named_file_is_added_under_a_name_that_is_listed(self, tmp_path: Path) -> None:
        source = tmp_path / ".story.txt"
        source.write_text(TINY_ARTICLES["strike"], encoding="utf-8")
        corpus = tmp_path / "corpus"
        result = run("add", "--corpus", corpus, source)
        assert result.exit_code == 0
        (stored,) = Corpus(corpus).files()
        assert f"added as {stored.path.name}" in result.stdout
        assert not stored.path.name.startswith(".")

    def test_corpus_and_index_files_are_readable_by_others(
        self, tmp_path: Path, story: Path
    ) -> None:
        corpus, index = tmp_path / "corpus", tmp_path / "index"
        old = os.umask(0o022)
        try:
            assert run("add", "--corpus", corpus, story).exit_code == 0
            assert run("index", "--corpus", corpus, "--index", index).exit_code == 0
        finally:
            os.umask(old)
        made = [p for p in [*corpus.iterdir(), *index.iterdir()] if p.name != ".lock"]
        assert made
        for path in made:
            assert stat.S_IMODE(path.stat().st_mode) & 0o044 == 0o044, path

    @pytest.mark.parametrize("where", ["under a file", "under /proc", "read-only"])
    def test_an_index_path_that_cannot_be_written_is_one_line(
        self, tmp_path: Path, story: Path, where: str
    ) -> None:
        corpus = tmp_path / "corpus"
        assert run("add", "--corpus", corpus, story).exit_code == 0
        if where == "under a file":
            index = story / "index"
        elif where == "under /proc":
            index = Path("/proc/storybot-index")
        else:
            if os.geteuid() == 0:
                pytest.skip("root writes into a read-only folder")
            readonly = tmp_path / "ro"
            readonly.mkdir()
            readonly.chmod(0o555)
            index = readonly / "index"
        result = run("index", "--corpus", corpus, "--index", index)
        assert result.exit_code != 0
        assert str(index.parent) in one_error_line(result) or str(index) in one_error_line(result)


PESKOV = (
    "Kremlin denies reports that Xi declined Putin's invitation\n\n"
    "Japanese newspaper Yomiuri reported on Tuesday that Chinese leader Xi Jinping had "
    "refused to come to Russia, citing diplomatic sources.\n\n"
    "Kremlin spokesman Dmitry Peskov says:\n\n"
    '"This is not so. All scheduled trips will take place now that the restrictions '
    'have been relaxed."\n\n'
    "Peskov added that the Kremlin had not received any such refusal from Beijing and "
    "called the report an invention.\n\n"
    "The Chinese foreign ministry did not comment on the report.\n"
)

WORDPRESS_COMMENT = (
    "\n\n2 thoughts on the vote\n\n"
    "Gary Pellman says:\nMarch 3, 2023 at 9:14 pm\n\n"
    "The council should be ashamed of this decision, frankly.\n\nReply\n"
)


class TestDefect2SaysColonIsNotACommentSection:
    def test_the_denial_after_a_says_colon_line_is_kept(self) -> None:
        from retrieval.clean import clean_text

        text = clean_text(PESKOV).text
        assert "Kremlin spokesman Dmitry Peskov says:" in text
        assert '"This is not so.' in text
        assert "called the report an invention." in text
        assert "did not comment on the report." in text

    def test_a_reader_comment_opened_by_says_colon_is_still_dropped(self) -> None:
        from retrieval.clean import clean_text

        text = clean_text(PESKOV + WORDPRESS_COMMENT).text
        assert "did not comment on the report." in text
        assert "Gary Pellman" not in text and "ashamed" not in text
        plain = PESKOV.replace("\n\n2 thoughts", "")
        only_says = clean_text(
            plain + "\n\nGary Pellman says:\nMarch 3, 2023 at 9:14 pm\n\n"
            "The council should be ashamed of this.\n"
        ).text
        assert "ashamed" not in only_says


class TestDefect6Escapes:
    ESCAPED = (
        "Port strike ends\x1b]0;owned title\x07 after three days\n\n"
        "Dockworkers returned to work on Thursday\x1b[2J\x1b[31m after the union accepted "
        "a new offer, the port said.\x1b[0m\x9b31m\x07\x08\n\n"
        "Union leader Mara Kettle said the deal protected every job at the port.\n"
    )

    def test_the_cleaner_drops_escape_codes(self) -> None:
        from retrieval.clean import clean_text

        text = clean_text(self.ESCAPED).text
        assert "\x1b" not in text and "\x9b" not in text and "\x07" not in text
        assert "owned title" not in text
        assert "Dockworkers returned to work on Thursday after the union accepted" in text

    def test_no_escape_code_reaches_the_terminal(self, tmp_path: Path) -> None:
        source = tmp_path / "strike\x1b[31m.txt"
        source.write_text(self.ESCAPED, encoding="utf-8")
        corpus = tmp_path / "corpus"
        added = run("add", "--corpus", corpus, "--title", "Port strike", source)
        assert added.exit_code == 0, added.output
        for args in (["quotes"], ["sources"]):
            result = run(*args, "--corpus", corpus, "--index", tmp_path / "index")
            assert result.exit_code == 0, result.output
            assert "Dockworkers" in result.stdout or "Port strike" in result.stdout
            assert not any(ch in result.output for ch in "\x1b\x9b\x07\x08"), args
        assert "\x1b" not in added.output

    def test_the_terminal_renderer_drops_escape_codes(self) -> None:
        from storybot.render import terminal_safe

        assert terminal_safe("a\x1b]0;title\x07b\x1b[31mc\x9b1md\x00e") == "abcde"


class TestDefect6LockWait:
    def test_waiting_for_the_lock_is_said_and_a_timeout_is_one_line(
        self, tmp_path: Path, story: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        from filelock import FileLock

        import retrieval.service

        corpus, index = tmp_path / "corpus", tmp_path / "index"
        assert run("add", "--corpus", corpus, story).exit_code == 0
        assert run("index", "--corpus", corpus, "--index", index).exit_code == 0
        monkeypatch.setattr(retrieval.service, "LOCK_WAIT", 0.5)
        with FileLock(str(index / ".lock")):
            result = run("ask", "--corpus", corpus, "--index", index, "Did Xi refuse?")
        assert "waiting for another storybot process" in result.stderr
        assert str(index) in result.stderr
        assert result.exit_code == 1
        assert str(index / ".lock") in one_error_line(result)


UNBALANCED = (
    "Xi declined the invitation, Yomiuri says\n\n"
    "The Japanese newspaper Yomiuri reported, citing its own diplomatic sources, that "
    "Chinese leader Xi Jinping had refused to come to Russia at the invitation of Russian "
    "President Vladimir Putin because of the “coronavirus restrictions.\n\n"
    "“This is not so,” Kremlin spokesman Dmitry Peskov told reporters on Tuesday. “All "
    "scheduled trips will take place now that the restrictions have been relaxed.”\n"
)


def test_defect6_unbalanced_quote_does_not_credit_peskov_to_yomiuri() -> None:
    from retrieval.attribution import attribute_passages
    from retrieval.chunk import Chunker
    from retrieval.clean import clean_text
    from retrieval.types import Article, Source

    text = clean_text(UNBALANCED).text
    article = Article(source=Source(article_id="a", outlet="X"), text=text, checksum="x")
    passages = attribute_passages(text, Chunker().split(article))
    denial = next(p for p in passages if "This is not so" in p.text)
    assert denial.speaker is not None and "Peskov" in denial.speaker
    assert "Yomiuri" not in denial.speaker
