"""The eval's checks: each kind counted, and the story format's alternatives understood."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval.errors import StorybotError
from retrieval.evaluate import check_answer, read_story_file, totals_by_kind
from retrieval.types import Answer, Hit, Passage, Side, Source


def _hit(text: str, speaker: str | None, outlet: str) -> Hit:
    passage = Passage(f"p-{abs(hash(text))}", outlet, text, 0, len(text), speaker=speaker)
    return Hit(passage, Source(outlet, outlet), 0.5)


REPORT = _hit("The council sold the old bridge, the Courier reported.", "Courier", "Tesk Courier")
DENIAL = _hit("Mayor Kettle said the sale was completely false.", "Mara Kettle, mayor", "Post")
ANSWER = Answer(
    "Did the council sell the bridge?",
    True,
    (Side("Reported", (REPORT,), "asserts"), Side("Denied", (DENIAL,), "denies")),
)


class TestCheckAnswer:
    def test_alternatives_in_must_find_opposed_and_speakers(self) -> None:
        item = {
            "id": "b1",
            "question": ANSWER.question,
            "answered": True,
            "must_find": [["no such words", "sold the old bridge"]],
            "opposed": [[["sold the old bridge", "absent"], ["absent too", "completely false"]]],
            "speakers": {"completely false": ["Nobody", "Kettle"]},
        }
        result = check_answer(item, ANSWER)
        assert result.passed, result.failures
        assert result.by_kind == {
            "answered": [1, 1],
            "forbidden": [8, 8],
            "must_find": [1, 1],
            "opposed": [1, 1],
            "speakers": [1, 1],
            "duplicates": [1, 1],
        }

    def test_must_not_find_and_failures_are_counted_by_kind(self) -> None:
        item = {
            "id": "b2",
            "question": ANSWER.question,
            "answered": True,
            "must_not_find": ["old bridge", "a ferry"],
            "speakers": {"sold the old bridge": "Kettle"},
            "outlets": {"completely false": "Post"},
        }
        result = check_answer(item, ANSWER)
        assert len(result.failures) == 2
        totals = totals_by_kind([result, result])
        assert totals["must_not_find"] == (2, 4)
        assert totals["speakers"] == (0, 2)
        assert totals["outlets"] == (2, 2)
        assert list(totals) == [
            "answered",
            "forbidden",
            "must_not_find",
            "speakers",
            "outlets",
            "duplicates",
        ]

    def test_the_same_words_twice_and_off_topic_passages_fail(self) -> None:
        copy = _hit(
            "The council sold the old bridge, the Courier reported on Monday.", None, "Tesk Wire"
        )
        stray = _hit("The ferry will run again in May.", None, "Valley News")
        stray = Hit(
            stray.passage, Source("Valley News", "Valley News", url="https://v.example/f"), 0.4
        )
        answer = Answer(ANSWER.question, True, ANSWER.sides, (copy, stray))
        item = {"id": "b3", "question": ANSWER.question, "answered": True}
        result = check_answer(item, answer, off_topic=frozenset({"https://v.example/f"}))
        assert result.by_kind["duplicates"] == [0, 1]
        assert result.by_kind["off_topic"] == [0, 1]
        assert check_answer(item, ANSWER, frozenset({"https://v.example/f"})).passed


class TestStoryFile:
    def test_header_body_and_excerpt_marker(self, tmp_path: Path) -> None:
        path = tmp_path / "a.txt"
        path.write_text(
            "Outlet: Tesk Courier\nURL: https://c.example/x\nDate: 2031-04-02 (from URL)\n"
            "Language: German\nSource: ours\n---\nErster Satz.\n\nZweiter Satz.\n"
            "[stored excerpt ends here]\n",
            encoding="utf-8",
        )
        story = read_story_file(path)
        assert (story.outlet, story.url, story.published, story.language) == (
            "Tesk Courier",
            "https://c.example/x",
            "2031-04-02",
            "German",
        )
        assert story.body == "Erster Satz.\n\nZweiter Satz.\n"

    def test_undated_and_headerless(self, tmp_path: Path) -> None:
        path = tmp_path / "b.txt"
        path.write_text("Outlet: X\nDate: not shown (Wednesday)\n---\nBody.\n", encoding="utf-8")
        assert read_story_file(path).published is None
        path.write_text("No header at all.\n", encoding="utf-8")
        with pytest.raises(StorybotError, match="no '---' line"):
            read_story_file(path)
