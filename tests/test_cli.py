"""The storybot command line: its JSON contract, its streams, its exit codes, its folders."""

from __future__ import annotations

import io
import json
import os
import pkgutil
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from retrieval.corpus import Corpus
from retrieval.embed import Embedder
from retrieval.service import Storybot, default_dirs
from storybot.cli import cli
from tests.conftest import SeedDirs
from tests.helpers.answers import check_answer_dict, cleaned_articles, passage_texts
from tests.helpers.files import (
    REPO,
    SEED_REPUBLIC,
    SEED_UNIAN,
    TINY_ARTICLES,
    copy_seed_corpus,
    snapshot,
)

REFUSED = "refused to come to Russia"


def run(*args: str | Path) -> Result:
    """Invoke the CLI in-process; stdout and stderr are kept apart."""
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def where(dirs: SeedDirs) -> list[str]:
    return ["--corpus", str(dirs.corpus), "--index", str(dirs.index)]


def one_error_line(result: Result) -> str:
    """The single "Error: …" line on stderr, with no traceback anywhere."""
    assert "Traceback" not in result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, result.stderr
    return errors[0]


def ask_json(result: Result, corpus_dir: Path) -> dict:
    """The one JSON object of ``ask --json``, with its contract checked."""
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("\n") and result.stdout.count("\n") == 1, result.stdout
    data = json.loads(result.stdout)
    check_answer_dict(data, cleaned_articles(corpus_dir))
    return data


@pytest.fixture
def dirs(seed_copy: SeedDirs, shared_model: object) -> SeedDirs:
    """A private copy of the seed corpus and index; the CLI uses the session's model."""
    return seed_copy


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "input"
    folder.mkdir()
    (folder / "strike.txt").write_text(TINY_ARTICLES["strike"], encoding="utf-8")
    (folder / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 30)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "a_folder").mkdir()
    return {
        "article": folder / "strike.txt",
        "binary": folder / "photo.txt",
        "empty": folder / "empty.txt",
        "directory": folder / "a_folder",
        "missing": folder / "nothing_here.txt",
    }


class TestAsk:
    def test_json_is_one_object_with_the_contract(self, dirs: SeedDirs) -> None:
        corpus_before = snapshot(dirs.corpus)
        data = ask_json(run("ask", "--json", "Did Xi refuse?", *where(dirs)), dirs.corpus)
        assert data["question"] == "Did Xi refuse?"
        assert data["answered"] is True
        assert any(REFUSED in text for text in passage_texts(data))
        assert snapshot(dirs.corpus) == corpus_before

    def test_question_words_are_joined(self, dirs: SeedDirs) -> None:
        words = ["What", "is", "the", "weather", "in", "Paris", "today?"]
        data = ask_json(run("ask", "--json", *words, *where(dirs)), dirs.corpus)
        assert data["question"] == "What is the weather in Paris today?"

    def test_unanswerable_has_no_sides_and_no_context(self, dirs: SeedDirs) -> None:
        result = run("ask", "--json", "What is the weather in Paris today?", *where(dirs))
        data = ask_json(result, dirs.corpus)
        assert data["answered"] is False
        assert data["sides"] == [] and data["context"] == []
        assert data["message"]

    def test_human_output(self, dirs: SeedDirs) -> None:
        result = run("ask", "Did Xi refuse?", *where(dirs))
        assert result.exit_code == 0, result.output
        words = " ".join(result.stdout.split())
        assert words.startswith("Q: Did Xi refuse?")
        assert REFUSED in words and "UNIAN" in words
        assert "{" not in result.stdout.splitlines()[0]

    @pytest.mark.parametrize(
        "question",
        [
            "",
            "   ",
            "\t\n",
            "x" * 10_000,
            "Did Xi refuse? " * 700,
            "<b>Did Xi refuse?</b>",
            "What did <script>alert(1)</script> Peskov say?",
            "Did Xi&nbsp;refuse?",
        ],
    )
    @pytest.mark.parametrize("json_flag", [[], ["--json"]])
    def test_bad_question_exits_2_and_changes_nothing(
        self, dirs: SeedDirs, question: str, json_flag: list[str]
    ) -> None:
        before = snapshot(dirs.corpus), snapshot(dirs.index)
        result = run("ask", *json_flag, question, *where(dirs))
        assert result.exit_code == 2
        assert result.stdout == ""
        assert len(result.stderr.strip().splitlines()) == 1
        assert len(one_error_line(result)) < 200
        assert (snapshot(dirs.corpus), snapshot(dirs.index)) == before

    def test_stale_index_is_rebuilt_and_said_on_stderr(self, dirs: SeedDirs) -> None:
        Corpus(dirs.corpus).add([_write(dirs.corpus.parent, "flood")], outlet="River Times")
        result = run("ask", "--json", "What is the weather in Paris today?", *where(dirs))
        ask_json(result, dirs.corpus)
        assert "rebuilding the index" in result.stderr
        assert "rebuilding" not in result.stdout
        # the next question finds the index fresh and says nothing about it
        again = run("ask", "--json", "What is the weather in Paris today?", *where(dirs))
        assert "building" not in again.stderr
        listed = run("sources", "--json", *where(dirs))
        outlets = {
            row["outlet"]: row["passages"]
            for row in map(json.loads, listed.stdout.split("\n")[:-1])
        }
        assert outlets["River Times"] > 0 and len(outlets) == 3

    def test_corrupt_index_is_rebuilt_without_a_traceback(self, dirs: SeedDirs) -> None:
        (dirs.index / "manifest.json").write_text("{ this is not json")
        result = run("ask", "--json", "What is the weather in Paris today?", *where(dirs))
        ask_json(result, dirs.corpus)
        assert "building the index" in result.stderr and "corrupt" in result.stderr
        assert "Traceback" not in result.output


PARIS = "What is the weather in Paris today?"


class TestAskMore:
    """ask -, ask --batch, --strict, colour only on a terminal, wrapping, shell completion."""

    def test_question_from_stdin(self, dirs: SeedDirs) -> None:
        result = CliRunner().invoke(
            cli, ["ask", "--json", "-", *map(str, where(dirs))], input="Did Xi\nrefuse?\n"
        )
        data = ask_json(result, dirs.corpus)
        assert data["question"] == "Did Xi refuse?" and data["answered"] is True

    def test_batch_one_json_line_per_question(self, dirs: SeedDirs, tmp_path: Path) -> None:
        batch = tmp_path / "questions.jsonl"
        lines = [{"id": "q1", "question": "Did Xi refuse?", "k": 3}, PARIS, {"question": ""}]
        batch.write_text("\n".join(json.dumps(x) for x in lines) + "\n\n", encoding="utf-8")
        result = run("ask", "--batch", batch, *where(dirs))
        assert result.exit_code == 2  # one line was a bad question
        first, second, third = (json.loads(x) for x in result.stdout.splitlines())
        single = json.loads(run("ask", "--json", "-k", "3", "Did Xi refuse?", *where(dirs)).stdout)
        assert first == {"id": "q1", **single}  # what ask --json prints, with the id carried
        check_answer_dict(single, cleaned_articles(dirs.corpus))
        assert second["question"] == PARIS and second["answered"] is False
        assert third["line"] == 3 and "empty" in third["error"]

    def test_batch_strict_exits_3_when_one_is_not_answered(
        self, dirs: SeedDirs, tmp_path: Path
    ) -> None:
        batch = tmp_path / "q.jsonl"
        batch.write_text(json.dumps("Did Xi refuse?") + "\n", encoding="utf-8")
        assert run("ask", "--batch", batch, "--strict", *where(dirs)).exit_code == 0
        batch.write_text(json.dumps("Did Xi refuse?") + "\n" + json.dumps(PARIS), "utf-8")
        result = run("ask", "--batch", batch, "--strict", *where(dirs))
        assert result.exit_code == 3 and len(result.stdout.splitlines()) == 2
        assert run("ask", "--batch", batch, *where(dirs)).exit_code == 0

    @pytest.mark.parametrize("json_flag", [[], ["--json"]])
    def test_strict_exits_3_when_not_answered(self, dirs: SeedDirs, json_flag: list[str]) -> None:
        result = run("ask", "--strict", *json_flag, PARIS, *where(dirs))
        assert result.exit_code == 3 and result.stdout
        assert run("ask", "--strict", *json_flag, "Did Xi refuse?", *where(dirs)).exit_code == 0
        assert run("ask", *json_flag, PARIS, *where(dirs)).exit_code == 0

    @pytest.mark.parametrize("args", [["--batch", "x.jsonl", "Xi?"], []])
    def test_question_or_batch(self, args: list[str]) -> None:
        result = run("ask", *args)
        assert result.exit_code == 2 and result.stdout == ""
        one_error_line(result)

    def test_no_colour_when_piped_and_with_no_color(
        self, seed_bot: Storybot, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        from storybot.render import render_answer, terminal_width, use_color

        class Terminal(io.StringIO):
            def isatty(self) -> bool:
                return True

        monkeypatch.delenv("NO_COLOR", raising=False)
        monkeypatch.setenv("TERM", "xterm-256color")
        assert use_color(Terminal()) and not use_color(io.StringIO())
        monkeypatch.setenv("NO_COLOR", "1")
        assert not use_color(Terminal())
        assert terminal_width(io.StringIO()) is None
        answer = seed_bot.ask("Did Xi refuse?")
        coloured, plain = render_answer(answer, color=True), render_answer(answer)
        assert "\x1b[" in coloured and "\x1b[" not in plain
        assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain

    def test_wraps_to_the_width_given(self, seed_bot: Storybot) -> None:
        from storybot.render import render_answer, render_hit

        narrow = render_answer(seed_bot.ask("Did Xi refuse?"), width=50)
        lines = [line for line in narrow.splitlines() if "http" not in line]  # urls stay whole
        assert len(lines) > 10 and max(len(line) for line in lines) <= 50
        piped = render_hit(seed_bot.ask("Did Xi refuse?").sides[0].hits[0])
        last = piped.splitlines()[-1]  # the attribution whole on one line, for grep
        assert last.startswith("     — ") and "(score " in last and "UNIAN" in last

    def test_the_cli_prints_no_escape_codes_when_piped(self, dirs: SeedDirs) -> None:
        result = run("ask", "Did Xi refuse?", *where(dirs))
        assert result.exit_code == 0 and "\x1b" not in result.stdout

    def test_shell_completion(self) -> None:
        env = {**os.environ, "_STORYBOT_COMPLETE": "bash_complete"}
        env.update(COMP_WORDS="storybot a", COMP_CWORD="1")
        done = subprocess.run(
            [sys.executable, "-m", "storybot"], env=env, capture_output=True, text=True, cwd=REPO
        )
        assert done.returncode == 0, done.stderr
        assert {"plain,ask", "plain,add"} <= set(done.stdout.splitlines())


def _write(folder: Path, name: str) -> Path:
    path = folder / f"{name}.txt"
    path.write_text(TINY_ARTICLES[name], encoding="utf-8")
    return path


class TestStreams:
    def test_progress_and_logs_go_to_stderr_only(self, seed_copy: SeedDirs) -> None:
        """A real process with -v, on a stale index: stdout holds the JSON object, nothing else."""
        Corpus(seed_copy.corpus).add([_write(seed_copy.corpus.parent, "school")], outlet="Post")
        env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
        command = [sys.executable, "-m", "storybot", "-v", "ask", "--json", "Did Xi refuse?"]
        done = subprocess.run(
            command + where(seed_copy),
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout.count("\n") == 1, done.stdout
        data = json.loads(done.stdout)
        check_answer_dict(data, cleaned_articles(seed_copy.corpus))
        assert "storybot: rebuilding the index" in done.stderr
        assert "INFO" in done.stderr
        assert "storybot:" not in done.stdout and "INFO" not in done.stdout


class TestAdd:
    def test_add_then_add_again(self, dirs: SeedDirs, files: dict[str, Path]) -> None:
        first = run("add", files["article"], "--outlet", "Port Weekly", *where(dirs))
        assert first.exit_code == 0, first.output
        assert "added as" in first.stdout
        # the hint names the folders given, so following it indexes this corpus
        assert f"storybot index --corpus {dirs.corpus} --index {dirs.index}" in first.stderr
        after_first = snapshot(dirs.corpus)
        assert len(after_first) == 6  # two seeds and the new article, each with its metadata

        second = run("add", files["article"], "--outlet", "Port Weekly", *where(dirs))
        assert second.exit_code == 0, second.output
        assert "already in the corpus" in second.stdout
        assert snapshot(dirs.corpus) == after_first

    def test_add_writes_metadata(self, dirs: SeedDirs, files: dict[str, Path]) -> None:
        result = run(
            "add",
            files["article"],
            "--outlet",
            "Port Weekly",
            "--url",
            "https://example.org/strike",
            "--published",
            "2024-03-07",
            "--title",
            "Dockworkers walk out",
            *where(dirs),
        )
        assert result.exit_code == 0, result.output
        [stored] = [f for f in Corpus(dirs.corpus).files() if f.meta.get("outlet") == "Port Weekly"]
        assert stored.path.read_bytes() == files["article"].read_bytes()
        assert (stored.meta["url"], stored.meta["published"], stored.meta["title"]) == (
            "https://example.org/strike",
            "2024-03-07",
            "Dockworkers walk out",
        )

    @pytest.mark.parametrize("kind", ["missing", "binary", "empty", "directory"])
    def test_bad_file_exits_2_and_changes_nothing(
        self, dirs: SeedDirs, files: dict[str, Path], kind: str
    ) -> None:
        before = snapshot(dirs.corpus), snapshot(dirs.index)
        result = run("add", files[kind], *where(dirs))
        assert result.exit_code == 2
        assert str(files[kind].name) in one_error_line(result)
        assert result.stdout == ""
        assert (snapshot(dirs.corpus), snapshot(dirs.index)) == before

    def test_one_bad_file_among_good_ones_does_not_stop_them(
        self, dirs: SeedDirs, files: dict[str, Path]
    ) -> None:
        before = snapshot(dirs.corpus)
        result = run("add", files["article"], files["binary"], *where(dirs))
        assert result.exit_code == 2  # some input was refused
        assert files["binary"].name in one_error_line(result)
        assert f"{files['article']}: added as" in result.stdout
        after = snapshot(dirs.corpus)
        assert set(before) < set(after) and len(after) == len(before) + 2  # article, meta
        assert {k: after[k] for k in before} == before

    def test_a_page_of_furniture_only_is_refused(
        self, dirs: SeedDirs, files: dict[str, Path], tmp_path: Path
    ) -> None:
        page = tmp_path / "furniture.txt"
        page.write_text("Advertisement\n\nShare on Facebook Twitter\n\nLeave a Reply\n", "utf-8")
        before = snapshot(dirs.corpus)
        result = run("add", page, *where(dirs))
        assert result.exit_code == 2
        assert "no article text" in one_error_line(result)
        assert snapshot(dirs.corpus) == before

    def test_bad_date_exits_2(self, dirs: SeedDirs, files: dict[str, Path]) -> None:
        before = snapshot(dirs.corpus)
        result = run("add", files["article"], "--published", "July 5", *where(dirs))
        assert result.exit_code == 2
        assert "YYYY-MM-DD" in one_error_line(result)
        assert snapshot(dirs.corpus) == before

    def test_add_goes_to_the_corpus_from_the_environment(
        self, tmp_path: Path, files: dict[str, Path]
    ) -> None:
        result = run("add", files["article"])
        assert result.exit_code == 0, result.output
        assert len(Corpus(tmp_path / "env" / "corpus").files()) == 1


class TestCommands:
    @pytest.mark.parametrize("args", [["frobnicate"], ["ask"], ["add"], ["ask", "-k", "0", "Xi?"]])
    def test_usage_errors_exit_2(self, args: list[str]) -> None:
        result = run(*args)
        assert result.exit_code == 2
        assert result.stdout == ""
        one_error_line(result)

    def test_unknown_command_is_named(self) -> None:
        assert "frobnicate" in one_error_line(run("frobnicate"))

    @pytest.mark.parametrize("flag", ["-h", "--help"])
    def test_help(self, flag: str) -> None:
        result = run(flag)
        assert result.exit_code == 0
        for command in ("ask", "add", "index", "sources", "eval"):
            assert command in result.stdout

    def test_version(self) -> None:
        result = run("--version")
        assert result.exit_code == 0 and "0.1.0" in result.stdout

    def test_index_command(self, dirs: SeedDirs) -> None:
        result = run("index", *where(dirs))
        assert result.exit_code == 0, result.output
        assert "index ready" in result.stdout and "from 2 articles" in result.stdout


class TestSources:
    def test_lists_both_seeds(self, dirs: SeedDirs) -> None:
        result = run("sources", *where(dirs))
        assert result.exit_code == 0, result.output
        assert "UNIAN · 2022-07-05 · Xi Jinping turns down Putin’s invitation" in result.stdout
        assert (
            "Republic World · 2022-07-05 · Kremlin refutes reports about Xi Jinping's denial"
            in result.stdout
        )
        assert SEED_UNIAN in result.stdout and SEED_REPUBLIC in result.stdout

    def test_json_lines(self, dirs: SeedDirs) -> None:
        result = run("sources", "--json", *where(dirs))
        assert result.exit_code == 0, result.output
        rows = {r["article_id"]: r for r in map(json.loads, result.stdout.splitlines())}
        assert set(rows) == {SEED_UNIAN, SEED_REPUBLIC}
        assert rows[SEED_UNIAN]["outlet"] == "UNIAN"
        assert rows[SEED_REPUBLIC]["published"] == "2022-07-05"
        assert all(r["passages"] > 0 for r in rows.values())

    def test_without_an_index(self, tmp_path: Path) -> None:
        corpus = copy_seed_corpus(tmp_path / "c")
        result = run("sources", "--corpus", corpus, "--index", tmp_path / "none")
        assert result.exit_code == 0, result.output
        assert result.stdout.count("not indexed yet") == 2
        assert not (tmp_path / "none").exists()

    def test_does_not_import_sentence_transformers(self, seed_dirs: SeedDirs) -> None:
        code = (
            "import sys\n"
            "from click.testing import CliRunner\n"
            "from storybot.cli import cli\n"
            "args = ['sources', '--corpus', sys.argv[1], '--index', sys.argv[2]]\n"
            "result = CliRunner().invoke(cli, args, catch_exceptions=False)\n"
            "assert result.exit_code == 0, result.output\n"
            "assert 'UNIAN' in result.stdout and 'Republic World' in result.stdout\n"
            "assert 'sentence_transformers' not in sys.modules\n"
            "print('ok')\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", code, str(seed_dirs.corpus), str(seed_dirs.index)],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == "ok"


class TestEval:
    def _jsonl(self, tmp_path: Path, items: list[dict]) -> Path:
        path = tmp_path / "questions.jsonl"
        path.write_text("".join(json.dumps(i) + "\n" for i in items), encoding="utf-8")
        return path

    def test_passing_file_exits_0(self, dirs: SeedDirs, tmp_path: Path) -> None:
        path = self._jsonl(
            tmp_path,
            [
                {
                    "id": "xi",
                    "question": "Did Xi refuse?",
                    "answered": True,
                    "must_find": [REFUSED],
                    "outlets": {REFUSED: "UNIAN"},
                },
                {
                    "id": "weather",
                    "question": "What is the weather in Paris today?",
                    "answered": False,
                },
            ],
        )
        result = run("eval", path, *where(dirs))
        assert result.exit_code == 0, result.output
        assert "2/2 questions passed" in result.stdout
        assert "PASS xi" in result.stdout and "FAIL" not in result.stdout

    def test_failing_file_exits_1(self, dirs: SeedDirs, tmp_path: Path) -> None:
        path = self._jsonl(
            tmp_path,
            [
                {
                    "id": "weather",
                    "question": "What is the weather in Paris today?",
                    "answered": True,
                }
            ],
        )
        result = run("eval", path, *where(dirs))
        assert result.exit_code == 1
        assert "FAIL weather" in result.stdout
        assert "0/1 questions passed" in result.stdout

    def test_bad_line_is_one_clear_error(self, dirs: SeedDirs, tmp_path: Path) -> None:
        path = tmp_path / "bad.jsonl"
        path.write_text('{"question": "Did Xi refuse?"}\n', encoding="utf-8")
        result = run("eval", path, *where(dirs))
        assert result.exit_code != 0
        assert "needs 'question' and 'answered'" in one_error_line(result)


_STORY_REPORT = """Outlet: Tesk Courier
URL: https://courier.example/harbour-crane
Date: 2031-04-02
Language: English
Source: written for the tests
---
The Tesk harbour authority sold its oldest crane to a scrap dealer last week, the Tesk
Courier has learned from two port workers.

The crane had stood idle since the flood of 2029, the workers said.
[stored excerpt ends here]
"""
_STORY_DENIAL = """Outlet: Valley Post
URL: https://valleypost.example/crane-denial
Date: not shown (a weekday)
Language: English
Source: written for the tests
---
Harbour master Mara Kettle said the report was completely false. "The crane has not been
sold to anyone," Kettle told the Valley Post.
"""
_STORY_DISTRACTOR = """Outlet: Orchard Weekly
URL: https://orchard.example/apples
Date: 2031-05-01
Language: English
Source: written for the tests
---
The apple harvest in the Tesk valley was the largest in ten years, growers said.
"""


class TestStoryFolder:
    @pytest.fixture
    def story(self, tmp_path: Path) -> Path:
        folder = tmp_path / "crane_story"
        for name, text in (
            ("articles/report_courier.txt", _STORY_REPORT),
            ("articles/denial_post.txt", _STORY_DENIAL),
            ("distractors/apples.txt", _STORY_DISTRACTOR),
        ):
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(text, encoding="utf-8")
        question = {
            "id": "c1",
            "question": "Did the harbour authority sell the crane to a scrap dealer?",
            "answered": True,
            "must_find": [["sold its oldest crane", "no such words"], "completely false"],
            "must_not_find": ["apple harvest"],
            "outlets": {"completely false": "Valley Post"},
        }
        (folder / "questions.jsonl").write_text(json.dumps(question) + "\n", encoding="utf-8")
        return folder

    def test_builds_its_corpus_from_the_headers_once_and_counts_each_kind_of_check(
        self, story: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shared_model: object
    ) -> None:
        monkeypatch.setattr("retrieval.service.REPO_ROOT", tmp_path / "repo")
        first = run("eval", story)
        assert "must_find 2/2" in first.stdout and "must_not_find 1/1" in first.stdout
        assert "outlets 1/1" in first.stdout, first.output
        [home] = (tmp_path / "repo" / ".cache" / "stories").iterdir()
        corpus = Corpus(home / "corpus")
        metas = {f.meta["outlet"]: f.meta for f in corpus.files()}
        assert set(metas) == {"Tesk Courier", "Valley Post", "Orchard Weekly"}
        assert metas["Tesk Courier"]["published"] == "2031-04-02"
        assert metas["Valley Post"]["published"] is None
        assert metas["Valley Post"]["url"] == "https://valleypost.example/crane-denial"
        texts = [f.path.read_text(encoding="utf-8") for f in corpus.files()]
        assert not any("stored excerpt" in t or "Outlet:" in t for t in texts)

        again = run("eval", story)
        assert again.stdout == first.stdout
        assert "building the index" not in again.stderr
        assert list((tmp_path / "repo" / ".cache" / "stories").iterdir()) == [home]


class TestLocations:
    def test_corpus_alone_puts_the_index_inside_it(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shared_model: object
    ) -> None:
        monkeypatch.delenv("STORYBOT_INDEX")
        monkeypatch.delenv("STORYBOT_CORPUS")
        fake_repo = tmp_path / "repo"
        monkeypatch.setattr("retrieval.service.REPO_ROOT", fake_repo)
        corpus = copy_seed_corpus(tmp_path / "mine")

        result = run("ask", "--json", "What is the weather in Paris today?", "--corpus", corpus)
        ask_json(result, corpus)
        assert (corpus / ".index" / "manifest.json").is_file()
        assert not fake_repo.exists()
        assert [f.article_id for f in Corpus(corpus).files()] == [SEED_UNIAN, SEED_REPUBLIC]

        listed = run("sources", "--corpus", corpus)
        assert "not indexed yet" not in listed.stdout and "passages" in listed.stdout

    def test_missing_corpus_is_an_error_and_creates_nothing(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shared_model: object
    ) -> None:
        monkeypatch.delenv("STORYBOT_INDEX")
        missing = tmp_path / "no_such_corpus"
        result = run("ask", "--json", "What is the weather in Paris today?", "--corpus", missing)
        assert result.exit_code != 0
        assert result.stdout == ""
        assert str(missing) in one_error_line(result)
        assert not missing.exists()

    @pytest.mark.parametrize(
        "corpus, index, env, expected",
        [
            (None, None, {}, ("REPO/corpus", "REPO/index")),
            ("c", None, {}, ("c", "c/.index")),
            ("c", "i", {}, ("c", "i")),
            (None, "i", {}, ("REPO/corpus", "i")),
            (None, None, {"STORYBOT_CORPUS": "ec"}, ("ec", "ec/.index")),
            (None, None, {"STORYBOT_INDEX": "ei"}, ("REPO/corpus", "ei")),
            ("c", None, {"STORYBOT_INDEX": "ei"}, ("c", "ei")),
            (None, None, {"STORYBOT_CORPUS": "ec", "STORYBOT_INDEX": "ei"}, ("ec", "ei")),
        ],
    )
    def test_default_dirs(
        self,
        monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path,
        corpus: str | None,
        index: str | None,
        env: dict[str, str],
        expected: tuple[str, str],
    ) -> None:
        monkeypatch.delenv("STORYBOT_INDEX")
        monkeypatch.delenv("STORYBOT_CORPUS")
        for key, value in env.items():
            monkeypatch.setenv(key, value)
        monkeypatch.setattr("retrieval.service.REPO_ROOT", Path("REPO"))
        assert default_dirs(corpus, index) == (Path(expected[0]), Path(expected[1]))


class TestInstalled:
    """Installed with pip outside the repository: ./corpus and ./index of the current folder."""

    def test_default_dirs_outside_the_checkout(
        self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
    ) -> None:
        for name in ("STORYBOT_INDEX", "STORYBOT_CORPUS", "STORYBOT_HOME"):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setattr("retrieval.service.CHECKOUT", False)
        monkeypatch.chdir(tmp_path)
        assert default_dirs(None, None) == (tmp_path / "corpus", tmp_path / "index")
        monkeypatch.setenv("STORYBOT_HOME", str(tmp_path / "home"))
        assert default_dirs(None, None) == (
            tmp_path / "home" / "corpus",
            tmp_path / "home" / "index",
        )
        assert default_dirs("c", None) == (Path("c"), Path("c/.index"))

    def test_the_checkout_keeps_the_repository_folders(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        from retrieval.service import CHECKOUT

        for name in ("STORYBOT_INDEX", "STORYBOT_CORPUS", "STORYBOT_HOME"):
            monkeypatch.delenv(name, raising=False)
        assert CHECKOUT  # the suite runs from the checkout, as ./run ask does
        assert default_dirs(None, None) == (REPO / "corpus", REPO / "index")

    def test_init_creates_the_folders_and_claims_the_index(
        self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
    ) -> None:
        for name in ("STORYBOT_INDEX", "STORYBOT_CORPUS"):
            monkeypatch.delenv(name)
        monkeypatch.setenv("STORYBOT_HOME", str(tmp_path / "desk"))
        first = run("init")
        assert first.exit_code == 0, first.output
        assert first.stdout.count("created") == 2
        assert (tmp_path / "desk" / "corpus").is_dir()
        assert (tmp_path / "desk" / "index" / ".storybot-index").is_file()
        again = run("init")
        assert again.exit_code == 0 and again.stdout.count("already there") == 2

    def test_init_refuses_a_folder_of_someone_else_for_the_index(self, tmp_path: Path) -> None:
        (tmp_path / "notes").mkdir()
        (tmp_path / "notes" / "todo.txt").write_text("mine", "utf-8")
        result = run("init", "--corpus", tmp_path / "c", "--index", tmp_path / "notes")
        assert result.exit_code == 2
        assert "holds files storybot did not make" in one_error_line(result)
        assert (tmp_path / "notes" / "todo.txt").read_text("utf-8") == "mine"
        assert sorted(p.name for p in (tmp_path / "notes").iterdir()) == ["todo.txt"]

    def test_pip_install_outside_the_repository(self, tmp_path: Path) -> None:
        """A real `pip install .` (no dependencies: the suite's are there) works from /tmp."""
        source = tmp_path / "source"  # a copy: the build leaves build/ in the tree it builds
        ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
        for name in ("retrieval", "bot", "storybot"):
            shutil.copytree(REPO / name, source / name, ignore=ignore)
        for name in ("pyproject.toml", "README.md", "LICENSE"):
            shutil.copy2(REPO / name, source / name)
        target = tmp_path / "site"
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation",
             "--target", str(target), str(source)],
            check=True, capture_output=True, cwd=tmp_path,
        )  # fmt: skip
        work = tmp_path / "work"
        work.mkdir()
        env = {k: v for k, v in os.environ.items() if not k.startswith("STORYBOT_")}
        env["PYTHONPATH"] = str(target)
        script = (
            "import pkgutil, importlib, retrieval, storybot.cli\n"
            "print(retrieval.__file__)\n"
            "for m in pkgutil.walk_packages(retrieval.__path__, 'retrieval.'):\n"
            "    print(importlib.import_module(m.name).__name__)\n"
            "storybot.cli.main()\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", script, "init"], env=env, cwd=work, capture_output=True,
            text=True,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith(str(target))  # the installed copy, not the checkout
        modules = {m.name for m in pkgutil.walk_packages([str(REPO / "retrieval")], "retrieval.")}
        assert modules <= set(done.stdout.splitlines())  # every module of the checkout
        assert (work / "corpus").is_dir() and (work / "index" / ".storybot-index").is_file()
        assert not (target / "corpus").exists()


class TestStoryName:
    """The story's name the bot and the desk show: --story, STORYBOT_STORY, else a title."""

    def test_given_then_environment_then_the_first_title(
        self, seed_copy: SeedDirs, embedder: Embedder, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        def story(**kwargs: str) -> str:
            opened = Storybot.open(seed_copy.corpus, seed_copy.index, embedder=embedder, **kwargs)
            return opened.story

        monkeypatch.delenv("STORYBOT_STORY", raising=False)
        first_title = story()
        assert first_title and first_title != "the articles in the corpus"
        monkeypatch.setenv("STORYBOT_STORY", "  Xi and the\ninvitation to Moscow ")
        assert story() == "Xi and the invitation to Moscow"
        assert story(story="The Moscow visit") == "The Moscow visit"

    @pytest.mark.parametrize("name", ["Xi\x1b[2J", "x" * 201])
    def test_a_bad_name_is_one_line_before_anything_starts(
        self, name: str, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.delenv("STORYBOT_TOKEN", raising=False)
        result = run("bot", "--story", name)
        assert result.exit_code == 2
        assert "story's name" in one_error_line(result)


class TestSpeakers:
    def test_json_lines_name_each_speaker_once_with_outlets_and_dates(self, dirs: SeedDirs) -> None:
        result = run("speakers", "--json", *where(dirs))
        assert result.exit_code == 0, result.output
        rows = [json.loads(line) for line in result.stdout.splitlines()]
        names = [r["name"] for r in rows]
        assert len(names) == len(set(names))
        [peskov] = [r for r in rows if "Peskov" in r["name"]]
        assert peskov["outlets"] == ["Republic World"] and peskov["first"] == "2022-07-05"
        assert peskov["passages"] >= 1 and any("spokesman" in r for r in peskov["roles"])
        counts = [r["passages"] for r in rows]
        assert counts == sorted(counts, reverse=True)

    def test_text_lists_roles_and_outlets(self, dirs: SeedDirs) -> None:
        result = run("speakers", *where(dirs))
        assert result.exit_code == 0, result.output
        assert "Dmitry Peskov: " in result.stdout and "in Republic World" in result.stdout


class TestSharedFieldNames:
    def test_every_command_names_an_article_article_and_a_passage_passage_id(
        self, dirs: SeedDirs
    ) -> None:
        rows = {}
        for command in ("sources", "quotes", "timeline"):
            result = run(command, "--json", *where(dirs))
            assert result.exit_code == 0, result.output
            rows[command] = [json.loads(line) for line in result.stdout.splitlines()]
        answer = json.loads(run("ask", "--json", "Did Xi refuse?", *where(dirs)).stdout)
        rows["ask"] = [p for side in answer["sides"] for p in side["passages"]]
        articles = set(cleaned_articles(dirs.corpus))
        for command, found in rows.items():
            assert found, command
            assert all(row["article"] in articles for row in found), command
        for command in ("quotes", "timeline", "ask"):
            assert all(row["passage_id"] for row in rows[command]), command


class TestTimeline:
    def test_json_lines_one_event_per_article_in_date_order(self, dirs: SeedDirs) -> None:
        result = run("timeline", "--json", *where(dirs))
        assert result.exit_code == 0, result.output
        rows = [json.loads(line) for line in result.stdout.splitlines()]
        assert {r["outlet"] for r in rows} == {"UNIAN", "Republic World"}
        articles = cleaned_articles(dirs.corpus)
        for row in rows:
            assert row["text"] in articles[row["article"]].text
            assert row["date"] == "2022-07-05"
            assert [c["article"] for c in row["carried_by"]] == [row["article"]]

    def test_text_shows_date_quote_and_outlet(self, dirs: SeedDirs) -> None:
        result = run("timeline", *where(dirs))
        assert result.exit_code == 0, result.output
        assert result.stdout.startswith("2022-07-05  “")
        assert "— " in result.stdout and "UNIAN" in result.stdout


class TestQuotes:
    def test_json_lines_carry_speaker_cue_and_offsets(self, dirs: SeedDirs) -> None:
        result = run("quotes", SEED_REPUBLIC, "--json", *where(dirs))
        assert result.exit_code == 0, result.output
        rows = [json.loads(line) for line in result.stdout.splitlines()]
        articles = cleaned_articles(dirs.corpus)
        text = articles[SEED_REPUBLIC].text
        assert rows and all(r["article_id"] == SEED_REPUBLIC for r in rows)
        for row in rows:
            assert text[row["start"] : row["end"]] == row["text"]
        [denial] = [r for r in rows if "completely untrue" in r["text"]]
        assert "Peskov" in denial["speaker"] and denial["cue"]
        assert all(r["outlet"] == "Republic World" for r in rows)

    def test_every_article_by_default_and_no_reader_is_quoted(self, dirs: SeedDirs) -> None:
        result = run("quotes", "--json", *where(dirs))
        assert result.exit_code == 0, result.output
        rows = [json.loads(line) for line in result.stdout.splitlines()]
        assert {r["article_id"] for r in rows} == {SEED_UNIAN, SEED_REPUBLIC}
        assert not any("Fuhrer" in r["text"] or "Fuhrer" in (r["speaker"] or "") for r in rows)

    def test_reads_the_index_without_chunking_or_attributing_again(
        self, dirs: SeedDirs, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        first = run("quotes", "--json", *where(dirs))
        assert first.exit_code == 0, first.output

        def no_chunking(*args: object, **kwargs: object) -> None:
            raise AssertionError("quotes chunked an article again")

        monkeypatch.setattr("retrieval.chunk.Chunker.split", no_chunking)
        again = run("quotes", "--json", *where(dirs))
        assert again.exit_code == 0, again.output
        assert again.stdout == first.stdout

    def test_unknown_article_is_bad_input(self, dirs: SeedDirs) -> None:
        result = run("quotes", "no_such_article", *where(dirs))
        assert result.exit_code == 2
        assert "no_such_article" in one_error_line(result)
