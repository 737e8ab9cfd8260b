"""Questions that ask for a count, and the passages that give it."""

from __future__ import annotations

import pytest

from retrieval.counts import amount_missing, asked_amounts, boost_counts, counted_things, counts
from retrieval.embed import Embedder
from retrieval.search import Scored, content_stems
from retrieval.service import Storybot
from retrieval.types import Passage
from tests.helpers.files import story_bot

QUESTION = "How many witnesses did the Courier's report rely on?"


def _stems(*words: str) -> frozenset[str]:
    return frozenset(content_stems(w)[0] for w in words)


def test_the_thing_a_question_asks_the_count_of() -> None:
    assert counted_things("How much money was paid?") == _stems("money")
    assert counted_things(QUESTION) == _stems("witnesses")
    assert counted_things("how many ferries were sold?") == _stems("ferry")
    assert counted_things("Did the harbour authority sell the crane?") == frozenset()
    # the head of the counted words, not the first of them; every count a question asks for
    assert counted_things("How many harbour cranes did the port sell?") == _stems("cranes")
    two = "How many cranes does the Courier say were sold, and how many does the port admit?"
    assert counted_things(two) == _stems("cranes")
    both = "How many drips were given, and how many infusions does the doctor admit to?"
    assert counted_things(both) == _stems("drips", "infusions")


def test_a_count_in_words_digits_or_a_count_word_counts_it() -> None:
    thing = counted_things(QUESTION)
    assert thing
    assert counts("The story rested on a single unnamed witness, the paper admitted.", thing)
    assert counts("Three witnesses told the Courier they saw the crane cut up.", thing)
    assert counts("It quoted 2 witnesses.", thing)
    # the plural alone, or a number far from the thing, is no count of it
    assert not counts("The Courier cited unnamed witnesses.", thing)
    assert not counts("In 2031 the paper printed the story, citing a witness.", thing)


def test_counting_passages_rise_in_the_ranking() -> None:
    texts = [
        "The Courier stands by its report on the crane.",
        "Witnesses said lorries came at night.",
        "The report rested on two witnesses, both dock workers.",
    ]
    passages = [Passage(f"p{i}", "a", t, 0, len(t)) for i, t in enumerate(texts)]
    ranked = [Scored(i, 0.5 - i / 10, 0.0, 1 / (60 + i)) for i in range(3)]
    boosted = boost_counts(QUESTION, ranked, passages)
    assert boosted[0].position == 2
    assert boost_counts("Did the Courier stand by its report?", ranked, passages) == ranked


def test_what_an_amount_question_asks_the_figure_of() -> None:
    assert asked_amounts("How many jobs will the Kessa mill cut?") == [("jobs", {"job"})]
    # "how much" of a verb: its words, the owner's name left out
    (asked,) = asked_amounts("How much did Marvia Steel's shares fall after the report?")
    assert asked[0] == "shares fall" and asked[1] == set(content_stems("share fall"))
    two = "How many trams were ordered, and how many drivers were hired?"
    assert [a for a, _ in asked_amounts(two)] == ["trams", "drivers"]
    assert asked_amounts("Did the mill cut jobs?") == []


def test_only_a_figure_for_the_thing_asked_answers() -> None:
    question = "How many jobs will the Kessa mill cut?"
    assert amount_missing(question, ["The mill will cut 140 jobs by June, the union said."]) is None
    assert amount_missing(question, ["Forty workers marched.", "Jobs are at risk, she said."]) == (
        "no passage gives a figure for jobs"
    )
    assert amount_missing("Who runs the mill?", ["Nobody said."]) is None


MILL = {
    "cuts": (
        "Lenn Valley Courier",
        "2031-04-02",
        "Kessa mill to close its paper line\n\n"
        "The Kessa paper mill will close its oldest paper line in June, its owner Marvia Pulp "
        "said on Monday. Jobs are at risk, the millworkers' union said, though the owner has "
        "not said how many.\n\n"
        "The mill paid 9 million crowns for two new pulp boilers last year.",
    ),
    "union": (
        "Harbour Post",
        "2031-04-02",
        "Union demands talks over Kessa mill line\n\n"
        "The millworkers' union asked Marvia Pulp for talks on Tuesday about the future of the "
        "Kessa mill's paper line, which employs workers from three villages.\n\n"
        "The mill's owner said the line had lost money for four years.",
    ),
}


@pytest.fixture(scope="module")
def mill_bot(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Storybot:
    return story_bot(tmp_path_factory.mktemp("mill"), MILL, embedder)


def test_an_amount_nobody_gives_is_not_answered(mill_bot: Storybot) -> None:
    refused = mill_bot.ask("How many jobs will the Kessa mill cut?")
    assert not refused.answered
    assert "no passage gives a figure for jobs" in refused.message
    answered = mill_bot.ask("How much did the Kessa mill pay for its new boilers?")
    assert answered.answered
    texts = [h.passage.text for side in answered.sides for h in side.hits]
    assert any("9 million crowns" in t for t in texts)
