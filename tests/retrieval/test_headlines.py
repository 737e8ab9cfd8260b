"""A headline stands for its article's lead (retrieval/headlines.py)."""

from __future__ import annotations

import pytest

from retrieval.embed import Embedder
from retrieval.headlines import is_headline, lead_in_place, lead_of, leads_for_headlines
from retrieval.search import Scored
from retrieval.service import Storybot
from retrieval.types import Passage
from tests.helpers.files import story_bot
from tests.retrieval.test_story_sides import crane_bot  # noqa: F401  (the fixture)


def _passages() -> list[Passage]:
    texts = [
        ("a1", "Exclusive: Mill owner dumped dye in the river, documents show"),
        (
            "a1",
            "The Orvik mill released 300 litres of dye into the Sela last winter, records show.",
        ),
        ("a1", "The owner did not answer calls."),
        ("a2", "Mill owner: 'We never dumped anything'"),
        ("a2", '"We never dumped anything," the owner said on Monday.'),
        ("a3", "Is the Sela safe to swim in?"),
        ("a4", "River festival called off"),
    ]
    return [
        Passage(f"p{i}", article, text, 0, len(text), copies=("p4",) if i == 3 else ())
        for i, (article, text) in enumerate(texts)
    ]


class TestWhatIsAHeadline:
    def test_the_first_short_line_without_a_sentence_end(self) -> None:
        passages = _passages()
        assert is_headline(passages, 0)
        assert not is_headline(passages, 1)  # a sentence
        assert not is_headline(passages, 2)  # not its article's first
        assert not is_headline(passages, 5)  # a question ends a sentence

    def test_the_lead_is_the_next_passage_of_the_same_article(self) -> None:
        passages = _passages()
        assert lead_of(passages, 0) == 1
        assert lead_of(passages, 6) is None  # the article is its headline alone


class TestLeadsTakeTheHeadlinesPlaces:
    def test_one_passage_in_place(self) -> None:
        passages = _passages()
        assert lead_in_place(passages, 0) == 1  # the headline's lead
        assert lead_in_place(passages, 3) == 3  # quotes its article in full
        assert lead_in_place(passages, 6) == 6  # no lead
        assert lead_in_place(passages, 2) == 2  # no headline

    def test_a_headline_quoting_someone_stands_for_the_passage_giving_the_words(self) -> None:
        """ "Owner wrote 'We keep the dye until spring' as ..." quotes a line the article gives
        further down, with who wrote it: that passage, not the lead, takes the headline's
        place; a quotation of two words, or one the article never gives, leaves the lead."""
        texts = [
            "Mill owner wrote 'We keep the dye until spring' as river fines loomed",
            "The owner of the Orvik mill delayed a clean-up, emails show.",
            "The river authority said it had not been told.",
            "In an email of 3 May the owner wrote: “We keep the dye until spring. The fine is "
            "cheaper.”",
        ]
        passages = [Passage(f"q{i}", "b1", t, 0, len(t)) for i, t in enumerate(texts)]
        assert lead_in_place(passages, 0) == 3
        for headline in ("Mill owner 'lied' about dye", "Owner: 'We never had dye stores'"):
            other = [Passage("h", "b1", headline, 0, len(headline)), *passages[1:]]
            assert lead_in_place(other, 0) == 1
        assert lead_in_place(_passages(), 0) == 1  # a headline that quotes nobody

    def test_the_lead_is_ranked_where_its_headline_was_with_its_own_score(self) -> None:
        passages = _passages()
        ranked = [Scored(0, 0.8, 2.0, 0.05), Scored(2, 0.5, 0.0, 0.03), Scored(1, 0.4, 1.0, 0.02)]
        out = leads_for_headlines(ranked, passages, {1: 0.45}.__getitem__)
        assert [(s.position, s.cosine) for s in out] == [(1, 0.45), (2, 0.5)]
        assert out[0].fused == 0.05  # the headline's place

    def test_a_headline_quoting_its_article_is_left_for_distinct(self) -> None:
        passages = _passages()
        ranked = [Scored(3, 0.7, 1.0, 0.05), Scored(6, 0.3, 0.0, 0.01)]
        out = leads_for_headlines(ranked, passages, lambda i: 0.0)
        # p3's words are p4's (a copy): distinct() shows p4; a headline with no lead stays
        assert [s.position for s in out] == [3, 6]


def test_an_answer_quotes_the_reports_lead_not_its_headline(
    crane_bot: Storybot,  # noqa: F811
) -> None:
    answer = crane_bot.ask("Did the harbour authority sell the Kessler crane for scrap?")
    texts = [h.passage.text for h in answer.all_hits()]
    assert not any(t.startswith("Harbour authority sold its oldest crane") for t in texts), texts
    assert any(t.startswith("The Tesk harbour authority secretly sold") for t in texts), texts


MILL_STORY = {
    "report": (
        "Sela Courier",
        "2031-03-02",
        "Exclusive: Orvik mill dumped dye in the Sela, records show\n\n"
        "The Orvik textile mill released some 300 litres of blue dye into the river Sela last "
        "winter, according to discharge records seen by the Sela Courier.\n\n"
        "Two anglers said the water below the mill ran blue for three days in January.",
    ),
    "denial": (
        "Valley Post",
        "2031-03-03",
        "Orvik mill calls dye report 'nonsense'\n\n"
        "The Orvik mill on Monday called a newspaper report that it had dumped dye in the "
        "river Sela nonsense.\n\n"
        '"We have never let a drop of dye into that river," said Hanne Brask, the mill\'s '
        "managing director.\n\n"
        "The mill employs 240 people in Orvik.",
    ),
    "wire": (
        "Harbour Daily",
        "2031-03-03",
        "Mill rejects river dye claims\n\n"
        "ORVIK, March 3 (Valley Wire) - The Orvik mill rejected as false a report that it had "
        "released dye into the river Sela.\n\n"
        "The regional water board said it would take samples below the mill this week.",
    ),
}


@pytest.fixture(scope="module")
def mill_bot(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Storybot:
    return story_bot(tmp_path_factory.mktemp("mill"), MILL_STORY, embedder)


def test_no_side_quotes_a_headline_in_place_of_its_lead(mill_bot: Storybot) -> None:
    """The other side is looked for on purpose too (service._other_side, denials.py): a
    denial's headline ("Orvik mill calls dye report 'nonsense'") gives its lead there too."""
    passages = mill_bot.index.passages
    where = {p.id: i for i, p in enumerate(passages)}
    answer = mill_bot.ask("Did the Orvik mill dump dye into the river?")
    shown = [where[h.passage.id] for h in answer.all_hits()]
    assert all(lead_in_place(passages, i) == i for i in shown), [passages[i].text for i in shown]
    denied = " ".join(
        h.passage.text for s in answer.sides for h in s.hits if s.stance.value == "denies"
    )
    assert "called a newspaper report" in denied or "never let a drop" in denied, [
        (s.stance.value, [h.passage.text[:60] for h in s.hits]) for s in answer.sides
    ] + [h.passage.text[:60] for h in answer.context]


def test_the_story_is_named_after_its_first_appearance(mill_bot: Storybot) -> None:
    """Not after the first file by name ('denial.txt', a day later): the desk and the bot
    name the story by it when none is given."""
    assert mill_bot.story == "Exclusive: Orvik mill dumped dye in the Sela, records show"
