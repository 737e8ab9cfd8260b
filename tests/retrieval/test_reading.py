"""Reading a question without a parser gives the cues the spaCy parse gives for it."""

from __future__ import annotations

import pytest

from retrieval.answerability import absent_nouns
from retrieval.stance.cues import analyse
from retrieval.stance.reading import lemma_of, read_question

# Invented questions of the shapes people ask: yes/no, wh-, reported, phrasal, negated.
QUESTIONS = [
    "Did the finance minister resign?",
    "Did Marrow resign after the vote?",
    "Will the Harbourside hospital close next year?",
    "When did the Velora airline agree to merge with Skyreach?",
    "Who first reported that the council turned down the offer?",
    "What did Mayor Ines Calder say about the flood?",
    "How did the Transport Ministry respond to the report?",
    "Did the Northbridge board cancel the merger?",
    "Did the ministry deny the reports?",
    "Did US drone makers sign the deal in March?",
    "Were the harbour pilots told to hide the damage from the insurers?",
    "Was the bridge sold to a private fund?",
]
# The fields the stance judge reads off a claim (see features.pair_features).
FIELDS = ("stems", "proper", "question", "disrupt", "numbers")


@pytest.mark.parametrize("question", QUESTIONS)
def test_same_cues_as_the_parse(question: str) -> None:
    (read,) = read_question(question)
    ((parsed,),) = analyse([question])
    for field in FIELDS:
        assert getattr(read, field) == getattr(parsed, field), field
    # The parse finds no verb in some ("Did the finance minister resign?" gives none): the
    # reading finds at least what it finds.
    assert set(parsed.predicate) <= set(read.predicate)
    assert (read.denial >= 0.5) == (parsed.denial >= 0.5)
    assert (read.hedges > 0) == (parsed.hedges > 0)


def test_denials_hedges_and_counts() -> None:
    (denying,) = read_question("Is the report of 40 deaths false?")
    assert denying.denial >= 0.9 and denying.numbers == (40,) and denying.hedges == 0
    (plain,) = read_question("Did the mayor allegedly refuse to sign?")
    assert plain.denial == 0.0 and plain.hedges == 1 and plain.predicate == ("refus", "sign")
    (negated,) = read_question("Didn't the mayor resign?")
    assert negated.negated == ("resig",) and negated.reaffirm == 1 and negated.disrupt == 0


def test_a_passive_with_an_irregular_participle_has_a_predicate() -> None:
    """ "Were staff told to hide ...?": the participle is the verb (not a copula, as in "Is
    the weather nice?"), and what they were told to do is the predicate, not a verb further
    on ("what had happened")."""
    (told,) = read_question("Were the pilots told to hide what had happened from the insurers?")
    assert told.predicate == ("hide", "tell")
    (sold,) = read_question("Was the bridge sold to a private fund?")
    assert sold.predicate == ("sell",)
    (copula,) = read_question("Is the weather nice?")
    assert copula.predicate == ()


def test_lemmas_by_suffix() -> None:
    assert [lemma_of(w) for w in ["stories", "turned", "planned", "cited", "met", "news"]] == [
        "story",
        "turn",
        "plan",
        "cite",
        "meet",
        "news",
    ]


def test_nouns_are_the_things_asked_about() -> None:
    assert absent_nouns("What is the weather in Lisbon today?", frozenset()) == [
        "weather",
        "today",
    ]
    assert absent_nouns("Did the board cancel the merger?", frozenset({"board"})) == ["merger"]


def test_a_word_before_a_noun_the_corpus_uses_only_says_which() -> None:
    vocabulary = frozenset({"team", "sponsor", "want", "say"})
    assert absent_nouns("What does the team's main sponsor want?", vocabulary) == []
    assert absent_nouns("What did the main sponsor of the team say?", vocabulary) == []
    # the noun it stands before absent too: the corpus is not about either
    assert "weather" in absent_nouns("What did the weather service say?", vocabulary)


def test_a_word_the_corpus_uses_in_an_irregular_form_is_not_absent() -> None:
    vocabulary = frozenset({"mill", "paid"})
    assert absent_nouns("What was the pay at the mill?", vocabulary) == []
    assert absent_nouns("What was the pay at the mill?", frozenset({"mill"})) == ["pay"]
