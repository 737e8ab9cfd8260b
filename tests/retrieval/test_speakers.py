"""The speaker registry: one entry per person, whatever the outlets call them."""

from __future__ import annotations

import pytest

from retrieval.speakers import mentions_of, same_voice, speaker_registry
from retrieval.types import ClaimSpan, Passage, Source

SOURCES = {
    "courier": Source("courier", "Tesk Courier", published="2031-04-02"),
    "post": Source("post", "Valley Post", published="2031-04-05"),
    "zeitung": Source("zeitung", "Tesker Zeitung", published="2031-04-03"),
    "vesti": Source("vesti", "Teskie Vesti"),
}


def _passages(*rows: tuple[str, str]) -> list[Passage]:
    return [
        Passage(f"p{i}", article, "words", 0, 5, speaker=speaker)
        for i, (article, speaker) in enumerate(rows)
    ]


class TestMentions:
    def test_name_role_relay_and_two_speakers(self) -> None:
        [kettle] = mentions_of("Mara Kettle, harbour master, according to Valley Post")
        assert (kettle.name, kettle.role) == ("Mara Kettle", "harbour master")
        first, second = mentions_of("Mara Kettle; Tom Brill, mayor")
        assert (first.name, second.name, second.role) == ("Mara Kettle", "Tom Brill", "mayor")
        [role] = mentions_of("the harbour spokesman")
        assert (role.name, role.role) == ("", "the harbour spokesman")

    def test_two_named_subjects_of_one_verb_are_two_speakers(self) -> None:
        """ "Tobias Renholm and Stellbrook Rail denied ...": each of them speaks, and each
        is the voice of their own words elsewhere; a role is never split."""
        renholm, firm = mentions_of("Tobias Renholm and Stellbrook Rail")
        assert (renholm.name, firm.name) == ("Tobias Renholm", "Stellbrook Rail")
        assert same_voice("Tobias Renholm and Stellbrook Rail", "Tobias Renholm, deputy mayor")
        assert not same_voice("Tobias Renholm and Stellbrook Rail", "Ingrid Saltvik, mayor")
        [role] = mentions_of("the mayor and the council")
        assert role.role == "the mayor and the council"
        [one] = mentions_of("Ada Lind, head of sales and marketing")
        assert one.role == "head of sales and marketing"


class TestRegistry:
    def test_spellings_surnames_scripts_and_roles_are_one_person(self) -> None:
        passages = _passages(
            ("courier", "Dmitry Volkov, harbour spokesman"),
            ("courier", "Volkov"),
            ("zeitung", "Dmitri Volkow, Hafensprecher"),
            ("vesti", "Дмитрий Волков"),
            ("post", "harbour spokesman"),
            ("post", "Dmitry Volkov, harbour spokesman; Tom Brill, mayor"),
        )
        registry = speaker_registry(passages, SOURCES)
        volkov = registry[0]
        assert volkov.name == "Dmitry Volkov"
        assert volkov.passages == 6
        assert set(volkov.aliases) == {
            "Dmitri Volkow",
            "Дмитрий Волков",
            "Volkov",
            "harbour spokesman",
        }
        assert volkov.roles == ("Hafensprecher", "harbour spokesman")
        assert volkov.outlets == ("Tesk Courier", "Tesker Zeitung", "Teskie Vesti", "Valley Post")
        assert (volkov.first, volkov.last) == ("2031-04-02", "2031-04-05")
        assert [e.name for e in registry[1:]] == ["Tom Brill"]

    def test_different_first_names_stay_apart_and_ambiguous_surnames_alone(self) -> None:
        passages = _passages(
            ("courier", "Anna Kettle, judge"),
            ("post", "Mara Kettle, harbour master"),
            ("post", "Kettle"),
        )
        names = sorted(e.name for e in speaker_registry(passages, SOURCES))
        assert names == ["Anna Kettle", "Kettle", "Mara Kettle"]

    def test_nothing_quoted_is_an_empty_registry(self) -> None:
        assert speaker_registry(_passages(("courier", "")), SOURCES) == []
        assert speaker_registry([], SOURCES) == []

    def test_a_speaker_of_a_claim_in_someone_elses_passage_is_quoted(self) -> None:
        denial = ClaimSpan(20, 40, "Dmitry Volkov, harbour spokesman", "said")
        passages = [
            Passage("p1", "courier", "x" * 40, 0, 40, "Harbour Board", claims=(denial,)),
            Passage("p2", "post", "words", 0, 5, "Volkov"),
        ]
        registry = {e.name: e for e in speaker_registry(passages, SOURCES)}
        assert registry["Dmitry Volkov"].passages == 2
        assert registry["Dmitry Volkov"].outlets == ("Tesk Courier", "Valley Post")
        assert registry["Harbour Board"].passages == 1


@pytest.mark.parametrize(
    ("one", "other", "same"),
    [
        ("Dmitry Peskov, Kremlin spokesman", "Peskov", True),
        ("the ministry", "Norwegian Foreign Ministry", True),
        ("Kremlin", "Dmitry Peskov, Kremlin spokesman", True),
        ("Kessa water board", "Ada Lorne, board spokeswoman", True),
        ("Ada Lorne, board spokeswoman", "Kessa city council", False),
        ("John Kirby", "John Smith", False),
        ("Ada Lorne, board spokeswoman", "Ben Lorne, council chair", False),
        ("Mattias Orlander", "Renata Quillan", False),
        # a body named like a person (two capitalised words) has a spokesperson too
        ("Corvane Motors", "Lena Hartogh, Corvane spokeswoman", True),
        ("Corvane Motors", "Lena Hartogh, Ledgerline spokeswoman", False),
        # and its officers speak for it too
        ("Kessa Water Board", "Ada Lorne, chief executive of the Kessa Water Board", True),
        ("Kessa Water Board", "Ada Lorne, chief executive of Marl Shipping", False),
        # a body called by a bare role ("the health ministry") and its possessive spokesperson
        ("health ministry", "Ilse Varga, the ministry's spokeswoman", True),
        ("health ministry", "Ilse Varga, the board's spokeswoman", False),
        ("Tom Brill, mayor", "Ilse Varga, the ministry's spokeswoman", False),
    ],
)
def test_same_voice(one: str, other: str, same: bool) -> None:
    assert same_voice(one, other) is same
    assert same_voice(other, one) is same
