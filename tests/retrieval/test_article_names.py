"""An answer quotes articles about what the question names (tests/data/holm_interview): the
director's words about another matter, in an article that never names the deal, stay out."""

from __future__ import annotations

import pytest

from retrieval.article_names import named_things
from retrieval.embed import Embedder
from retrieval.service import Storybot
from tests.helpers.files import DATA
from tests.retrieval.test_story_sides import build_story_corpus

QUESTION = "What did Ada Holm say about the Brannock deal on Channel Nine?"


@pytest.fixture(scope="module")
def ferry_bot(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Storybot:
    root = tmp_path_factory.mktemp("ferry")
    build_story_corpus(DATA / "holm_interview", root / "corpus")
    return Storybot.open(root / "corpus", root / "index", embedder=embedder)


def test_a_question_names_things_of_one_or_more_words() -> None:
    things = named_things(QUESTION)
    assert len(things) == 3
    assert things[0] >= {"holm"} and things[2] >= {"channel"}
    # one or two names say too little to tell articles apart: nothing is filtered by them
    assert len(named_things("Will Ada Holm resign?")) == 1


def test_the_speakers_words_about_another_matter_stay_out(ferry_bot: Storybot) -> None:
    answer = ferry_bot.ask(QUESTION)
    outlets = {h.source.outlet for h in answer.all_hits()}
    assert "Harbour Gazette" in outlets
    assert "Valley Times" not in outlets, [h.passage.text for h in answer.all_hits()]


def test_the_same_article_is_quoted_when_the_question_is_about_it(ferry_bot: Storybot) -> None:
    answer = ferry_bot.ask("What did Ada Holm say about the harbour budget audit?")
    assert "Valley Times" in {h.source.outlet for h in answer.all_hits()}
