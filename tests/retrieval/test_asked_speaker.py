"""Questions that ask what someone said rank that speaker's passages higher."""

from __future__ import annotations

import pytest

from retrieval.asked_speaker import SpeakerNames, asked_speaker
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
