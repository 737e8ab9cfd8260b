"""The claim's origin: the outlet a story's denials answer, whose own report goes on the
asserting side though it words the claim otherwise than the question."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from retrieval.embed import Embedder
from retrieval.outlets import outlet_name
from retrieval.service import Storybot
from retrieval.stance.origin import from_origin, origin_outlets
from retrieval.types import Hit, Passage, Source
from tests.helpers.files import story_bot


@dataclass(frozen=True)
class Found:
    hit: Hit


def found(outlet: str, text: str, score: float = 0.5) -> Found:
    source = Source(article_id=outlet.casefold().replace(" ", "-"), outlet=outlet)
    return Found(
        Hit(Passage(f"{outlet}:{text[:8]}", source.article_id, text, 0, len(text)), source, score)
    )


@pytest.mark.parametrize(
    ("outlet", "name"),
    [
        ("The Tresk Ledger", "Tresk Ledger"),
        ("Seymour Hersh (Substack newsletter), copy on Scribd", "Seymour Hersh"),
        ("Harnsby Globe, Lodestar wire", "Harnsby Globe"),
        ("Counterpace", "Counterpace"),
    ],
)
def test_an_outlet_is_named_as_articles_call_it(outlet: str, name: str) -> None:
    assert " ".join(outlet_name(outlet)) == name


def test_the_outlet_a_denial_answers_is_the_origin_not_the_one_it_was_told_to() -> None:
    outlets = ["The Marsh Courier", "Pellham Radio", "Northwire", "Pellham Radio, Northwire wire"]
    denials = [
        found(
            "Pellham Radio", 'The mayor denied a report by the Marsh Courier. "Untrue," she said.'
        ),
        found("Northwire", "The firm called it false, its chief told Pellham Radio on Monday."),
        # a wire copy's own credit is not an origin
        found("Pellham Radio, Northwire wire", "PELLHAM, May 2 (Northwire) - The firm denied it."),
    ]
    assert origin_outlets(denials, outlets) == {"The Marsh Courier"}
    assert origin_outlets(denials[1:], outlets) == frozenset()


def test_only_the_origins_passages_about_the_question_are_taken() -> None:
    denial = found("Pellham Radio", "The Marsh Courier's report is a fabrication, the mayor said.")
    report = found("The Marsh Courier", "The mayor moved the contract to her cousin's firm.", 0.52)
    aside = found("The Marsh Courier", "Tickets for the harbour festival go on sale today.", 0.1)
    other = found("Pellham Radio", "The council meets on Friday.", 0.6)
    candidates = [denial, report, aside, other]
    origins = origin_outlets([denial], [c.hit.source.outlet for c in candidates])
    assert from_origin(candidates, origins, least_score=0.3) == [report]


STORY = {
    "report": (
        "The Marsh Courier",
        "2031-05-02",
        "Harbour dredging contract was rewritten for the second bidder\n\n"
        "The rules for scoring Pellham's harbour dredging contract were rewritten after the "
        "bids had been opened, moving Calder Dredging from second place to first, according "
        "to council documents seen by the Marsh Courier.\n\n"
        "The first scoring sheet put the rival Oresund Works ahead by eleven points.",
    ),
    "denial": (
        "Pellham Radio",
        "2031-05-03",
        "Mayor rejects dredging report\n\n"
        "Pellham's mayor, Ilse Varga, on Tuesday rejected a report by the Marsh Courier that "
        'the harbour contract was steered to Calder Dredging. "This is false from start to '
        'finish," she said.\n\n'
        "Calder Dredging's chief executive, Tomas Brill, called the report baseless.",
    ),
    "handover": (
        "Pellham Radio",
        "2031-05-06",
        "Mayor hands over harbour portfolio\n\n"
        "Mayor Ilse Varga has handed the harbour portfolio to her deputy while auditors examine "
        "how the dredging deal with Calder Dredging was awarded, the council said on Friday.",
    ),
    "opposition": (
        "The Pellham Echo",
        "2031-05-05",
        "Opposition wants answers on dredging deal\n\n"
        "The opposition leader, Rune Sandt, said the mayor must explain to the council why the "
        "dredging deal went to Calder Dredging.",
    ),
    "brill": (
        "The Pellham Echo",
        "2031-05-04",
        "Calder chief hits back\n\n"
        "Calder Dredging's chief executive, Tomas Brill, said: \"We won the dredging deal "
        "fairly. The Marsh Courier's story is untrue.\"",
    ),
    "festival": (
        "Pellham Radio",
        "2031-05-03",
        "Harbour festival returns\n\n"
        "The harbour festival returns to Pellham in June with boat races and a fish market.",
    ),
}


@pytest.fixture(scope="module")
def harbour_bot(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Storybot:
    return story_bot(tmp_path_factory.mktemp("origin"), STORY, embedder)


def test_the_denied_report_is_the_asserting_side(harbour_bot: Storybot) -> None:
    # The report words the claim otherwise ("the rules for scoring ... were rewritten"): the
    # judge alone reads it as discussion, and the handover as what asserts the claim.
    answer = harbour_bot.ask("Did the mayor rig the harbour contract?")
    sides = {side.stance.value: side for side in answer.sides}
    assert set(sides) == {"asserts", "denies"}, [s.label for s in answer.sides]
    asserting = list(sides["asserts"].hits)
    assert asserting[0].source.outlet == "The Marsh Courier"
    assert "rewritten after the bids had been opened" in asserting[0].passage.text
    assert any("false from start to finish" in h.passage.text for h in sides["denies"].hits)
