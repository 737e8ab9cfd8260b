"""Answers as Telegram HTML: escaping, splitting and wording, checked with the emulator's parser."""

from __future__ import annotations

import pytest

from bot.format import (
    MAX_MESSAGE_LENGTH,
    format_answer,
    format_date,
    format_help,
    format_refusal,
    format_side,
    format_sources,
    format_timeline,
    side_description,
    tg_length,
)
from retrieval.timeline import TimelineEntry
from retrieval.types import Answer, Passage, Side
from tests.bot.standin import (
    HOSTILE_TEXT,
    REPUBLIC,
    UNIAN,
    StandIn,
    hit,
    hostile,
    long_answer,
    two_sides,
)
from tests.emulator import parse_html


def visible(markup: str) -> tuple[str, list[dict]]:
    """What Telegram shows for our HTML (raises if Telegram would refuse it)."""
    return parse_html(markup)


class TestFormatAnswer:
    def test_two_sides_with_labels_quotes_and_attribution(self):
        (page,) = format_answer(two_sides("Did Xi refuse?"))
        text, entities = visible(page)
        assert text.startswith("Did Xi refuse?")
        bold = [
            text[e["offset"] : e["offset"] + e["length"]] for e in entities if e["type"] == "bold"
        ]
        assert bold == [
            "Reported: Xi declined the invitation (Yomiuri, via UNIAN)",
            "Denied: the Kremlin calls the reports untrue (Republic World)",
        ]
        quotes = [e for e in entities if e["type"] == "blockquote"]
        assert len(quotes) == 2
        assert "— Dmitry Peskov, Republic World, 5 July 2022" in text
        links = [e for e in entities if e["type"] == "text_link"]
        assert [e["url"] for e in links] == [UNIAN.url]  # the outlet is linked when there is a URL
        assert text[links[0]["offset"] :].startswith("UNIAN")

    def test_markup_in_corpus_and_question_is_shown_as_text(self):
        question = "Did <b>Xi</b> & co refuse? </i>"
        (page,) = format_answer(hostile(question))
        text, entities = visible(page)
        assert question in text
        assert HOSTILE_TEXT in text
        assert 'Reported: <b>bold</b> & <a href="javascript:alert(1)">links</a>' in text
        assert "— <i>X</i>, UNIAN" in text
        assert {e["type"] for e in entities} <= {"italic", "bold", "blockquote", "text_link"}
        assert all(e.get("url", UNIAN.url) == UNIAN.url for e in entities)

    def test_long_answer_is_split_between_passages_under_4096(self):
        answer = long_answer("Did Xi refuse?", passages=24, chars=600)
        pages = format_answer(answer)
        assert len(pages) > 1
        seen = []
        for page in pages:
            text, _ = visible(page)
            assert len(text.encode("utf-16-le")) // 2 <= MAX_MESSAGE_LENGTH
            assert tg_length(page) == len(text.encode("utf-16-le")) // 2
            seen += [line[:10] for line in text.splitlines() if line.startswith("Passage ")]
        # every passage once, whole, in order
        assert seen == [f"Passage {i:02d}" for i in range(24)]
        assert "Denied: the Kremlin says no" in visible(pages[-1])[0]

    def test_a_side_that_continues_repeats_its_label(self):
        pages = format_answer(long_answer("q", passages=24, chars=600))
        continued = [p for p in pages[1:] if "(continued)" in visible(p)[0]]
        assert continued

    @pytest.mark.parametrize("limit", [1000, 1500, 4096])
    def test_every_limit_is_respected(self, limit):
        for page in format_answer(long_answer("q", passages=6, chars=3000), limit):
            assert tg_length(page) <= limit
            visible(page)

    def test_a_passage_longer_than_a_message_is_shortened(self):
        side = Side("One long passage", (hit("Xi & Putin <talks> " * 500, UNIAN, "Speaker"),))
        (page,) = format_answer(Answer("q", True, (side,)))
        text, _ = visible(page)
        assert tg_length(page) <= MAX_MESSAGE_LENGTH and "…" in text

    def test_not_answered_says_so_plainly(self):
        answer = Answer("Who won the match?", False, message="The articles do not answer this.")
        (page,) = format_answer(answer)
        text, entities = visible(page)
        assert text == "Who won the match?\n\nThe articles do not answer this."
        assert [e["type"] for e in entities] == ["italic"]

    def test_limit_out_of_range(self):
        with pytest.raises(ValueError, match="limit must be between"):
            format_answer(two_sides("q"), 100)


class TestOtherMessages:
    def test_side_for_inline_result(self):
        answer = two_sides("Did Xi refuse?")
        text, _ = visible(format_side(answer, answer.sides[1]))
        assert text.startswith("Did Xi refuse?\n\nDenied: the Kremlin")
        assert "Reported" not in text
        assert side_description(answer.sides[1]) == (
            '"This is completely untrue," Peskov said. (Dmitry Peskov, Republic World)'
        )

    def test_help_is_two_lines_with_story_and_article_count(self):
        text, _ = visible(format_help("Xi & Putin <2022>", 2, "storybot_test_bot"))
        lines = text.splitlines()
        assert len(lines) == 2
        assert "Xi & Putin <2022>" in lines[0] and "2 news articles" in lines[0]
        assert "/ask" in lines[1] and "@storybot_test_bot" in lines[1]

    def test_sources_list(self):
        (page,) = format_sources(StandIn.story, StandIn().sources())
        text, entities = visible(page)
        assert text.splitlines() == [
            StandIn.story,
            "2 articles:",
            "1. Xi refused — UNIAN, 5 July 2022, 6 passages",
            "2. Kremlin refutes <b>reports</b> — Republic World, 5 July 2022, 7 passages",
        ]
        assert [e["url"] for e in entities if e["type"] == "text_link"] == [UNIAN.url]

    def test_timeline_marks_an_uncertain_speaker(self):
        guessed = Passage(
            "p1",
            UNIAN.article_id,
            "Xi will not go, diplomats say",
            0,
            29,
            speaker="diplomats",
            verified=False,
        )
        sure = Passage(
            "p2", REPUBLIC.article_id, "Peskov denies it", 0, 16, speaker="Peskov", verified=True
        )
        entries = [TimelineEntry(guessed, (UNIAN,)), TimelineEntry(sure, (REPUBLIC,))]
        (page,) = format_timeline(StandIn.story, entries)
        text, _ = visible(page)
        assert "— diplomats (unverified), UNIAN" in text
        assert "— Peskov, Republic World" in text

    def test_refusal_escapes_the_reason(self):
        text, _ = visible(format_refusal("<b>q</b>", "the question holds markup (<b>)"))
        assert text == "<b>q</b>\n\nthe question holds markup (<b>)"

    @pytest.mark.parametrize(
        "published, shown",
        [
            ("2022-07-05", "5 July 2022"),
            ("2022-07-05T10:00:00", "5 July 2022"),
            ("July 2022", "July 2022"),
            (None, ""),
        ],
    )
    def test_dates(self, published, shown):
        assert format_date(published) == shown

    def test_no_speaker_no_url(self):
        side = Side("Label", (hit("Text.", REPUBLIC),))
        text, entities = visible(format_answer(Answer("q", True, (side,)))[0])
        assert text.endswith("— Republic World, 5 July 2022")
        assert not [e for e in entities if e["type"] == "text_link"]
