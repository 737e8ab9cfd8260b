"""Questions about the story's first day (retrieval/first_day.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from retrieval.embed import Embedder
from retrieval.first_day import asks_first_day, boost_first_day
from retrieval.search import Scored
from retrieval.service import Storybot
from tests.helpers.files import story_bot


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("How did the ministry respond on the day the report was published?", True),
        ("What did the board say on the same day?", True),
        ("How did the mayor respond at first?", True),
        ("What did the ministry initially say about the dam?", True),
        ("How did the ministry respond to the report?", False),
        ("What happened on the first day of the trial?", False),
    ],
)
def test_what_asks_about_the_first_day(question: str, asks: bool) -> None:
    assert asks_first_day(question) is asks


def test_the_first_days_passages_rise_but_not_a_distractor_of_a_month_before() -> None:
    days = {
        0: date(2031, 4, 9),  # a reply a week on
        1: date(2031, 4, 2),  # the day the story broke
        2: date(2031, 3, 1),  # another story, a month before
        3: date(2031, 4, 5),
    }
    ranked = [Scored(p, 0.6 - p / 10, 1.0, 0.05 - p / 100) for p in (0, 3, 2, 1)]
    question = "How did the ministry respond on the day the report was published?"
    boosted = boost_first_day(question, ranked, days.get)
    assert [s.position for s in boosted][0] == 1
    assert boost_first_day("How did the ministry respond?", ranked, days.get) == ranked


STORY = {
    "report": (
        "Valley Courier",
        "2031-04-02",
        "Report: Ostrava engineers secretly helped build the Kessa dam\n\n"
        "Engineers from Ostrava's state water company helped design the disputed Kessa dam, "
        "the Valley Courier reported on Tuesday, citing two people who worked on it.",
    ),
    "wire": (
        "Harbour Post",
        "2031-04-02",
        "Ostrava rejects dam report\n\n"
        "LENN, April 2 (Lodestar) - Ostrava's foreign ministry on Tuesday rejected a report that "
        "its engineers had helped build the Kessa dam.\n\n"
        '"This is an invention from start to finish," ministry spokeswoman Ada Lorne said.',
    ),
    "later": (
        "Marvia Today",
        "2031-04-09",
        "Ostrava offers talks on the Kessa dam\n\n"
        "A week after the report, Ostrava's foreign ministry responded by offering talks on the "
        "river's flow, and said it would answer questions about the dam in parliament.",
    ),
}


@pytest.fixture(scope="module")
def dam_bot(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Storybot:
    return story_bot(tmp_path_factory.mktemp("first-day"), STORY, embedder)


def test_the_first_days_response_comes_first(dam_bot: Storybot) -> None:
    answer = dam_bot.ask("How did Ostrava's ministry respond on the day the report came out?")
    shown = [h for side in answer.sides for h in side.hits]
    assert shown and shown[0].source.published == "2031-04-02"
    assert shown[0].passage.article_id.startswith("wire")


def test_a_wire_copy_run_a_day_later_counts_from_the_day_it_first_ran(
    tmp_path: Path, embedder: Embedder
) -> None:
    """The same wire text in an outlet a day later was first published on the story's first
    day: the first-day ranking reads the earliest day that carries its words."""
    wire = STORY["wire"][2]
    story = {**STORY, "copy": ("Harbour Daily", "2031-04-03", wire)}
    bot = story_bot(tmp_path, story, embedder)
    passages = bot.index.passages
    late = [
        i
        for i, p in enumerate(passages)
        if p.article_id.startswith("copy") and "invention" in p.text
    ]
    assert late and passages[late[0]].copies
    assert bot._first_published(late[0]) == date(2031, 4, 2)
    assert bot.period.published(late[0]) == date(2031, 4, 3)
