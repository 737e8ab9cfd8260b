"""Answers on a small invented multi-outlet story (tests/data/crane_story): a report, the same
wire copy in two outlets with small edits, a terse denial of the whole event, and an article
about another story in the same harbour a year later."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from retrieval.embed import Embedder
from retrieval.service import Storybot
from retrieval.types import Answer, Hit
from tests.helpers.files import DATA

STORY = DATA / "crane_story"


def build_story_corpus(folder: Path, corpus: Path) -> None:
    """Each article with its ``outlet | published`` first line as metadata, as ``add`` stores it."""
    corpus.mkdir(parents=True)
    for path in sorted(folder.glob("*.txt")):
        head, _, body = path.read_text(encoding="utf-8").partition("\n")
        outlet, published = (part.strip() for part in head.split("|"))
        (corpus / path.name).write_text(body, encoding="utf-8")
        meta = {"outlet": outlet, "url": f"https://{path.stem}.example/", "published": published}
        (corpus / f"{path.stem}.meta.json").write_text(json.dumps(meta), encoding="utf-8")


@pytest.fixture(scope="module")
def crane_bot(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Storybot:
    root = tmp_path_factory.mktemp("crane")
    build_story_corpus(STORY, root / "corpus")
    return Storybot.open(root / "corpus", root / "index", embedder=embedder)


def shown(answer: Answer) -> list[Hit]:
    return answer.all_hits()


class TestBothSidesOfTheEvent:
    def test_a_terse_denial_of_the_whole_event_is_the_other_side(self, crane_bot: Storybot) -> None:
        answer = crane_bot.ask("Did the harbour authority sell the Kessler crane for scrap?")
        sides = {side.stance.value: side for side in answer.sides}
        assert set(sides) == {"asserts", "denies"}, [s.label for s in answer.sides]
        asserted = " ".join(h.passage.text for h in sides["asserts"].hits)
        denied = " ".join(h.passage.text for h in sides["denies"].hits)
        assert "sold" in asserted and "scrap dealer" in asserted
        # the denial never names the crane or the sale's buyer: found by what is around it
        assert "pure fiction" in denied
        assert "pure fiction" not in asserted
        # the German article's denial is found for the English question too (its label may
        # quote it: retrieval/multilingual.py)
        german = [h for h in sides["denies"].hits if h.source.language == "de"]
        assert german and all(
            "bestreitet" in h.passage.text or "zurückgewiesen" in h.passage.text for h in german
        )
        assert sides["denies"].label.startswith("Denied by Lina Orsk")

    def test_a_denying_side_quotes_the_denial_not_the_report_it_restates(
        self, crane_bot: Storybot
    ) -> None:
        answer = crane_bot.ask("Did the harbour authority sell the Kessler crane for scrap?")
        denies = next(side for side in answer.sides if side.stance.value == "denies")
        brief = [h for h in denies.hits if h.source.outlet == "Tesk Radio"]
        assert brief, [h.source.outlet for h in denies.hits]
        assert "completely untrue" in brief[0].passage.text
        assert "allegedly sold" not in brief[0].passage.text
        # a span of the stored passage, at the article offsets it gives: word for word
        part = brief[0].passage
        (whole,) = [p for p in crane_bot.index.passages if p.id == part.id]
        assert whole.start <= part.start < part.end <= whole.end
        assert whole.text[part.start - whole.start : part.end - whole.start] == part.text

    def test_the_wire_copy_is_shown_once_carried_by_both_outlets_first_appearance_first(
        self, crane_bot: Storybot
    ) -> None:
        # k=8: the German denial's passages come on the other side since it is read across
        # languages, and the asserting side is ordered against them
        answer = crane_bot.ask("Did the harbour authority sell the Kessler crane for scrap?", k=8)
        wire = [h for h in shown(answer) if "(Valley Wire)" in h.passage.text]
        assert len(wire) == 1, [h.passage.text[:60] for h in wire]
        outlets = [s.outlet for s in wire[0].carried_by]
        assert outlets == ["Tesk Times", "Harbour Daily"]
        side = next(s for s in answer.sides if wire[0] in s.hits)
        assert len(side.outlets) >= 2
        data = answer.to_dict()
        carried = [p["carried_by"] for s in data["sides"] for p in s["passages"]]
        several = [[c["outlet"] for c in carriers] for carriers in carried if len(carriers) > 1]
        assert several == [["Tesk Times", "Harbour Daily"]]

    def test_no_answer_shows_the_same_words_twice(self, crane_bot: Storybot) -> None:
        from retrieval.evaluate import copied_pairs

        for question in (
            "Did the harbour authority sell the Kessler crane for scrap?",
            "When was the Kessler crane built?",
            "Who bought the crane?",
        ):
            answer = crane_bot.ask(question, k=10)
            assert copied_pairs(shown(answer)) == [], question


class TestOffTopic:
    def test_an_article_from_another_period_stays_out(self, crane_bot: Storybot) -> None:
        for question in (
            "Did the harbour authority sell the Kessler crane for scrap?",
            "What happened to the crane on Pier 4?",
        ):
            answer = crane_bot.ask(question, k=10)
            outlets = {h.source.outlet for h in shown(answer)}
            assert "Valley Business Weekly" not in outlets, question

    def test_unless_the_question_is_about_it(self, crane_bot: Storybot) -> None:
        answer = crane_bot.ask("How much did the harbour pay for the electric cranes?")
        assert answer.answered
        assert answer.all_hits()[0].source.outlet == "Valley Business Weekly"


class TestLanguages:
    def test_each_article_is_tagged_with_its_language_found_at_ingest(
        self, crane_bot: Storybot
    ) -> None:
        languages = {s.outlet: s.language for s in crane_bot.index.sources.values()}
        assert languages["Tesker Rundschau"] == "de"
        assert languages["Tesk Courier"] == "en"

    def test_a_passage_is_shown_in_its_own_language_tagged_with_it(
        self, crane_bot: Storybot
    ) -> None:
        answer = crane_bot.ask("Hat die Hafenverwaltung den Kessler-Kran verkauft?", k=10)
        german = [h for h in answer.all_hits() if h.source.outlet == "Tesker Rundschau"]
        assert german, [h.source.outlet for h in answer.all_hits()]
        data = german[0].to_dict()
        assert data["language"] == "de"
        assert data["text"] in (STORY / "german_rundschau.txt").read_text(encoding="utf-8")


class TestOutletNamed:
    def test_a_question_naming_an_outlet_is_answered_from_its_article(
        self, crane_bot: Storybot
    ) -> None:
        # no passage says "Evening" or "Post": the outlet's name is the article's metadata
        answer = crane_bot.ask("What did the Tesk Evening Post report about the crane?")
        assert answer.answered, answer.message
        outlets = [h.source.outlet for h in answer.all_hits()]
        assert outlets.count("Tesk Evening Post") >= 2, outlets
