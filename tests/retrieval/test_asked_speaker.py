"""Questions that ask what someone said rank that speaker's passages higher."""

from __future__ import annotations

import pytest

from retrieval.asked_speaker import SpeakerNames, asked_head, asked_speaker
from retrieval.search import Scored, content_stems
from retrieval.types import Passage


@pytest.mark.parametrize(
    "question, who",
    [
        ("How did the Kremlin react to the report?", "Kremlin"),
        ("What did Senator Ada Lund say about the crane?", "Senator Ada Lund"),
        ("what did the harbour authority say?", "harbour authority"),
        ("What did Lina Orsk's office tell reporters?", "Lina Orsk"),
        ("Did the harbour sell the crane?", ""),
        ("When was the crane built?", ""),
        # why someone named did something: theirs to say, whatever the verb
        ("Why did Lina Orsk resign?", "Lina Orsk"),
        ("why did Ada Lund quit as head of the port?", "Ada Lund"),
        ("Why did the crane fall?", ""),  # nobody named
    ],
)
def test_who_the_question_asks_about(question: str, who: str) -> None:
    assert asked_speaker(question) == frozenset(content_stems(who))


def test_the_asked_speakers_passages_move_up() -> None:
    passages = [
        Passage("a", "x", "The crane was sold.", 0, 19, speaker="Tesk Courier"),
        Passage("b", "x", "There was no sale.", 20, 38, speaker="Lina Orsk, spokeswoman"),
        Passage("c", "x", "Heritage groups protested.", 40, 66),
    ]
    names = SpeakerNames(passages)
    ranked = [Scored(0, 0.6, 0.0, 0.03), Scored(2, 0.5, 0.0, 0.02), Scored(1, 0.3, 0.0, 0.01)]
    boosted = names.boost("What did Lina Orsk say about the sale?", ranked)
    assert [s.position for s in boosted] == [0, 1, 2]
    assert names.boost("Was the crane sold?", ranked) == ranked


def test_names_that_only_say_where_the_asked_ones_are_do_not_make_them_speakers() -> None:
    """'workers at the Brannock yard' asks about workers: Brannock's own statements are not
    theirs, though they share the name."""
    question = "What did workers at the Brannock yard in Tesk say about the sale?"
    assert asked_head(question) == frozenset(content_stems("workers"))
    assert asked_head("How did the head of the Tesk port react?") == frozenset({"head"})
    assert asked_head("What did Lina Orsk of the port say?") == frozenset()
    passages = [
        Passage("a", "x", "Crane workers feared for their jobs.", 0, 36, speaker="Ola Berg"),
        Passage("b", "x", "The yard denied it.", 40, 59, speaker="Brannock yard"),
        Passage("c", "x", "Jobs are safe, the union said.", 60, 90, speaker="dock workers"),
    ]
    names = SpeakerNames(passages)
    ranked = [Scored(0, 0.6, 0.0, 0.02), Scored(1, 0.5, 0.0, 0.019), Scored(2, 0.3, 0.0, 0.018)]
    # only the workers' own words move up; the yard's statement does not
    assert [s.position for s in names.boost(question, ranked)] == [2, 0, 1]
