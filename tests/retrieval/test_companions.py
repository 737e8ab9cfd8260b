"""A speaker's own words beside the passage that reports them (retrieval/companions.py)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from retrieval.companions import (
    companion_of,
    later_words_of,
    officer_of,
    quotes_own_words,
    with_companions,
)
from retrieval.embed import Embedder
from retrieval.search import Scored
from retrieval.service import Storybot
from retrieval.types import Passage
from tests.helpers.files import story_bot

MINISTRY = "Ostrava Foreign Ministry"


def _passages() -> list[Passage]:
    rows = [
        ("a1", MINISTRY, "The ministry told the Post that the claims were nonsense."),
        ("a1", "Valley Courier", "The Courier reported that Ostrava engineers built the dam."),
        ("a1", MINISTRY, '"These claims are pure nonsense," the ministry said.'),
        ("a2", MINISTRY, "The ministry said the dam was not its business."),
        ("a3", MINISTRY, '"We built nothing," the ministry said.'),
    ]
    return [
        Passage(f"p{i}", article, text, 0, len(text), speaker=speaker)
        for i, (article, speaker, text) in enumerate(rows)
    ]


class TestCompanionOf:
    def test_the_same_speakers_quotation_a_few_passages_on(self) -> None:
        passages = _passages()
        assert companion_of(passages, 0) == 2

    def test_only_in_the_same_article_and_only_for_reported_words(self) -> None:
        passages = _passages()
        assert companion_of(passages, 3) is None  # the quotation is another article's
        assert companion_of(passages, 2) is None  # already the speaker's own words
        assert companion_of(passages, 1) is None  # the Courier quotes nobody after

    def test_a_bodys_spokesperson_speaks_for_it(self) -> None:
        rows = [
            (
                "The Kessa water board on Monday rejected a report that the dam leaked.",
                "Kessa water board",
            ),
            ("The Courier reported that the dam leaked twice.", "Valley Courier"),
            (
                '"That is an invention," board spokeswoman Ada Lorne said.',
                "Ada Lorne, board spokeswoman",
            ),
        ]
        passages = [
            Passage(f"p{i}", "a1", text, 0, len(text), speaker=speaker)
            for i, (text, speaker) in enumerate(rows)
        ]
        assert companion_of(passages, 0) == 2
        other = replace(passages[2], speaker="Ada Lorne, council spokeswoman")
        assert companion_of([*passages[:2], other], 0) is None  # another body's spokesperson

    def test_a_bodys_officer_just_after_speaks_for_it(self) -> None:
        """ "Kestrel Mobile has demanded an audit." then "'We will not ...,' chief executive
        Bertil Amsel said": the officer named by a title alone speaks for the body named
        just before; not further on, and not an officer of another kind of body."""
        rows = [
            ("Kestrel Mobile has demanded an audit of the team.", "Kestrel Mobile, sponsor"),
            (
                '"We will not wait," chief executive Bertil Amsel said.',
                "Bertil Amsel, chief executive",
            ),
        ]
        passages = [
            Passage(f"p{i}", "a1", text, 0, len(text), speaker=speaker)
            for i, (text, speaker) in enumerate(rows)
        ]
        assert companion_of(passages, 0) == 1
        between = Passage("px", "a1", "The team starts the race on Sunday.", 0, 35, speaker=None)
        assert companion_of([passages[0], between, replace(passages[1], id="p2")], 0) is None
        named = replace(passages[1], speaker="Bertil Amsel, Corvane chief executive")
        assert companion_of([passages[0], named], 0) is None


@pytest.mark.parametrize(
    ("speaker", "body", "speaks_for_it"),
    [
        ("Bertil Amsel, chief executive", "Kestrel Mobile, telecoms operator", True),
        ("Mira Dantes, company spokeswoman", "Nordal Lithium, the Marvian refiner", True),
        ("the spokeswoman", "Nordal Lithium", True),
        ("Ana Dole, deputy director", "the water board", True),
        ("Ada Lorne, council spokeswoman", "Kessa water board", False),
        ("Ada Lorne, board spokeswoman", "Kessa water board", True),
        ("Marit Oyen, Stellbrook spokeswoman", "Aurentis Transit", False),
        ("Sigrun Halle, chief of staff", "Tobias Renholm", False),
        ("Dmitry Peskov", "the Kremlin", False),
    ],
)
def test_an_officer_of_the_body_named_before(speaker: str, body: str, speaks_for_it: bool) -> None:
    assert officer_of(speaker, body) is speaks_for_it


def test_own_words_are_a_quoted_sentence_not_a_borrowed_phrase() -> None:
    assert quotes_own_words('"These claims are pure nonsense," the ministry said.')
    assert quotes_own_words("«Ничего подобного не было», — сказал Лесков.")
    assert not quotes_own_words('The ministry called the claims "pure nonsense" on Monday.')
    assert not quotes_own_words('She said the board had "spoken to several engineers" since.')


class TestWithCompanions:
    def test_moved_up_beside_what_it_accompanies_scored_as_it(self) -> None:
        passages = _passages()
        ranked = [Scored(0, 0.7, 1.0, 0.05), Scored(3, 0.5, 0.0, 0.03), Scored(2, 0.1, 0.0, 0.01)]
        out = with_companions(ranked, passages, among=1)
        assert [(s.position, told) for s, told in out] == [(0, None), (2, 0), (3, None)]
        assert out[1][0].cosine == 0.7

    def test_a_denial_borrowing_a_phrase_brings_the_deniers_own_words(self) -> None:
        """A passage that quotes brings its speaker's next words; one that denies and only
        borrows a phrase of theirs brings their own quoted words, past their next report."""
        rows = [
            ("Kessa water board", 'The board rejected the report, calling it "pure invention".'),
            ("Kessa water board", "The board said the dam was last inspected in May."),
            ("Kessa water board", '"We hid nothing. The dam is sound," the board said.'),
            ("Valley Courier", "The Courier reported that the dam leaked twice."),
        ]
        passages = [
            Passage(f"p{i}", "a1", text, 0, len(text), speaker=speaker)
            for i, (speaker, text) in enumerate(rows)
        ]
        ranked = [Scored(0, 0.7, 1.0, 0.05), Scored(3, 0.5, 0.0, 0.03)]
        plain = with_companions(ranked, passages, among=1)
        assert [s.position for s, _ in plain] == [0, 1, 3]  # its next words
        denying = with_companions(ranked, passages, among=1, denies=lambda p: p == 0)
        assert [s.position for s, _ in denying] == [0, 2, 3]  # its own words

    def test_a_quotation_that_goes_on_comes_whole(self) -> None:
        """A quotation that goes on in the next paragraph ('"... had to work," said Ida Varn.
        "We knew it.' then '"Two days later I was off the panel," she said.') comes whole;
        the speaker's words end where the article or their turn ends."""
        rows = [
            ("Ida Varn, panel member", '"The numbers had to work," said Ida Varn. "We knew it.'),
            ("Ida Varn, panel member", '"Two days later I was off the panel," she said.'),
            ("Tom Brill, mayor", '"Nothing of the kind happened," the mayor said.'),
            ("Tom Brill, mayor", '"We will publish every sheet," he added.'),
        ]
        passages = [
            Passage(f"p{i}", "a1" if i < 2 else "a2", text, 0, len(text), speaker=speaker)
            for i, (speaker, text) in enumerate(rows)
        ]
        ranked = [Scored(0, 0.6, 1.0, 0.05), Scored(2, 0.5, 0.0, 0.03)]
        out = with_companions(ranked, passages, among=2)
        assert [(s.position, told) for s, told in out] == [(0, None), (1, 0), (2, None), (3, 2)]
        assert later_words_of(passages, 1) is None  # the article ends there
        other = [*passages[:1], replace(passages[1], speaker="Tom Brill, mayor")]
        assert later_words_of(other, 0) is None  # someone else speaks, and the article ends

    def test_a_speakers_reply_a_few_paragraphs_on(self) -> None:
        """'Mira Sollen said the board's denial was a lie', the board's words, then 'Sollen
        said she was stunned by Tarrow's nerve': what she goes on to say comes beside her
        first words, quoted or reported; not past ``_REACH`` passages, nor another speaker's."""
        rows = [
            ("a1", "Mira Sollen, union leader", "Mira Sollen said the board's denial was a lie."),
            (
                "a1",
                "Ivo Tarrow, board chairman",
                '"The dam is sound," board chairman Ivo Tarrow said.',
            ),
            ("a1", "Mira Sollen, union leader", "Sollen said she was stunned by Tarrow's nerve."),
            ("a2", "Ivo Tarrow, board chairman", '"We hid nothing," Ivo Tarrow said.'),
        ]
        passages = [
            Passage(f"p{i}", article, text, 0, len(text), speaker=speaker)
            for i, (article, speaker, text) in enumerate(rows)
        ]
        assert later_words_of(passages, 0) == 2
        assert later_words_of(passages, 1) is None  # Tarrow does not speak again there
        far = [passages[0], *[replace(passages[1], id=f"x{i}") for i in range(3)], passages[2]]
        assert later_words_of(far, 0) is None  # four passages on: out of reach
        ranked = [Scored(0, 0.6, 1.0, 0.05), Scored(3, 0.5, 0.0, 0.03)]
        out = with_companions(ranked, passages, among=2)
        assert [(s.position, told) for s, told in out] == [(0, None), (2, 0), (3, None)]

    def test_only_for_the_first_among(self) -> None:
        passages = _passages()
        ranked = [Scored(3, 0.5, 0.0, 0.03), Scored(0, 0.4, 1.0, 0.02)]
        assert [s.position for s, _ in with_companions(ranked, passages, among=1)] == [3, 0]


STORY = {
    "report": (
        "Valley Courier",
        "2031-04-02",
        "Report: Ostrava engineers secretly helped build the Kessa dam\n\n"
        "Engineers from Ostrava's state water company helped design the disputed Kessa dam on "
        "the Lenn river, the Valley Courier reported on Tuesday, citing two people who worked "
        "on the project.\n\n"
        "The dam has cut the flow of the Lenn into Marvia by a third since it was completed in "
        "March, according to the river commission.",
    ),
    "denial": (
        "Harbour Post",
        "2031-04-02",
        "Ostrava rejects dam claims\n\n"
        "The Ostrava Foreign Ministry told the Harbour Post on Wednesday that the claims of the "
        "country's involvement in building the Kessa dam are nonsense.\n\n"
        "The Valley Courier reported on Tuesday that engineers from Ostrava's state water "
        "company had helped design the dam on the Lenn river.\n\n"
        '"These claims are pure nonsense," the ministry said.\n\n'
        "The commission will meet in Kessa next month.",
    ),
}


@pytest.fixture(scope="module")
def dam_bot(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Storybot:
    return story_bot(tmp_path_factory.mktemp("dam"), STORY, embedder)


def test_the_denying_side_quotes_the_ministrys_own_words(dam_bot: Storybot) -> None:
    answer = dam_bot.ask("Did Ostrava help build the Kessa dam?")
    sides = {side.stance.value: side for side in answer.sides}
    assert set(sides) == {"asserts", "denies"}
    denied = [h.passage.text for h in sides["denies"].hits]
    # the quotation shares no content word with the question: found beside its report
    assert any(t.startswith('"These claims are pure nonsense,"') for t in denied), denied
    assert not any("pure nonsense" in h.passage.text for h in sides["asserts"].hits)
