"""An answer's story period (retrieval/period.py)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from retrieval.embed import Embedder
from retrieval.period import day_of, story_start
from retrieval.service import Storybot
from tests.helpers.files import story_bot


def test_the_day_of_a_date_or_a_time_and_none_for_anything_else() -> None:
    assert day_of("2031-05-02") == date(2031, 5, 2)
    assert day_of("2031-05-02T09:30:00+02:00") == date(2031, 5, 2)
    assert day_of("last Tuesday") is None
    assert day_of(None) is None


def _days(*days: str) -> list[date]:
    return [date.fromisoformat(d) for d in days]


def test_the_story_starts_with_its_first_burst_of_coverage() -> None:
    # two lone articles of the month before, then a report and its replies within a week
    days = _days("2031-03-02", "2031-03-10", "2031-04-01", "2031-04-01", "2031-04-03")
    assert story_start(days) == date(2031, 4, 1)
    # a report whose replies came six days later starts the story itself
    assert story_start(_days("2031-04-01", "2031-04-07", "2031-04-07")) == date(2031, 4, 1)
    # fewer articles than a burst: no start, every article is the story's
    assert story_start(_days("2031-03-02", "2031-04-01")) is None
    # a long coverage needs a tenth of its articles in the week it starts
    spread = [date(2031, 1, 1) + timedelta(days=3 * i) for i in range(40)]
    assert story_start(spread) is None
    assert story_start([*spread, *([date(2031, 1, 2)] * 3)]) == date(2031, 1, 1)


STORY = {
    "pay": (
        "Marsh Courier",
        "2031-03-02",
        "Pellham dockers win pay rise\n\n"
        "Dockers at the port of Pellham won a 4 percent pay rise on Monday after a week of "
        "talks with the harbour authority, their union said.",
    ),
    "report": (
        "Marsh Courier",
        "2031-04-01",
        "Harbour crane was sold for scrap\n\n"
        "The harbour authority sold the Kessler crane to a scrap dealer for 40,000 crowns, "
        "according to documents seen by the Marsh Courier.",
    ),
    "denial": (
        "Pellham Radio",
        "2031-04-01",
        "Harbour authority denies crane sale\n\n"
        '"The crane was never sold," harbour master Lina Orsk said. "This is pure fiction."',
    ),
    "union": (
        "The Pellham Echo",
        "2031-04-03",
        "Union wants crane answers\n\n"
        "The dockers' union said the harbour authority must explain what happened to the "
        "Kessler crane and who was paid for it.",
    ),
}


@pytest.fixture(scope="module")
def harbour_bot(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Storybot:
    return story_bot(tmp_path_factory.mktemp("period"), STORY, embedder)


def test_an_article_of_the_month_before_stays_out_of_the_storys_answers(
    harbour_bot: Storybot,
) -> None:
    answer = harbour_bot.ask("What did the dockers' union say about the harbour authority?")
    shown = [h.passage.article_id for h in answer.all_hits()]
    assert shown and not any(a.startswith("pay") for a in shown)
    assert any(a.startswith("union") for a in shown)


def test_a_question_about_the_month_before_is_answered_from_it(harbour_bot: Storybot) -> None:
    answer = harbour_bot.ask("What pay rise did the Pellham dockers win?")
    shown = [h.passage.article_id for h in answer.all_hits()]
    assert shown and shown[0].startswith("pay")
