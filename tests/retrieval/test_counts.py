"""Questions that ask for a count, and the passages that give it."""

from __future__ import annotations

from retrieval.counts import boost_counts, counted_thing, counts
from retrieval.search import Scored, content_stems
from retrieval.types import Passage

QUESTION = "How many witnesses did the Courier's report rely on?"


def test_the_thing_a_question_asks_the_count_of() -> None:
    assert counted_thing("How much money was paid?") == content_stems("money")[0]
    assert counted_thing(QUESTION) == content_stems("witnesses")[0]
    assert counted_thing("how many ferries were sold?") == content_stems("ferry")[0]
    assert counted_thing("Did the harbour authority sell the crane?") is None


def test_a_count_in_words_digits_or_a_count_word_counts_it() -> None:
    thing = counted_thing(QUESTION)
    assert thing is not None
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
