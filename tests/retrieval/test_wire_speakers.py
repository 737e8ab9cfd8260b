"""Speakers of multi-outlet wire copy (issue 18): headline kickers and credits, datelines,
wire credits, "X told Y", "Y reported, citing X", German and Russian lines; every speaker's
name and role are words of its article; and how sure each speaker is, in every output."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bot.format import attribution as bot_attribution
from bot.format import side_description
from retrieval.attribution import attribute_passages, find_attributions
from retrieval.speakers import mentions_of
from retrieval.types import Hit, Passage, Side, Source
from storybot.page import render_hit as page_hit
from storybot.render import render_hit

DATA = Path(__file__).resolve().parent.parent / "data"


def speaker_of(text: str, passage: str) -> Passage:
    start = text.index(passage)
    return attribute_passages(text, [Passage("p1", "a1", passage, start, start + len(passage))])[0]


class TestWireConventions:
    @pytest.mark.parametrize(
        "text, passage, expected, not_expected",
        [
            # a kicker names nobody; the headline's own speech verb does
            (
                "Report: Mayor Tolv Told Ferry Firms To Cut Routes\n\nThe mayor denied it.",
                "Report: Mayor Tolv Told Ferry Firms To Cut Routes",
                "Tolv",
                "Report",
            ),
            (
                "Exclusive: Harbour board weighs sale of ferries\n\nThe board met on Monday.",
                "Exclusive: Harbour board weighs sale of ferries",
                None,
                None,
            ),
            # a trailing credit, with or without a space after the dash
            (
                "Harbour board to sell ferries -source\n\nThe board met on Monday.",
                "Harbour board to sell ferries -source",
                "source",
                None,
            ),
            (
                "Harbour board to sell ferries - Tesk Courier\n\nThe board met on Monday.",
                "Harbour board to sell ferries - Tesk Courier",
                "Tesk Courier",
                None,
            ),
            # an agency's dateline is not glued into the speaker's name
            (
                "TALLINN, May 9. /ESTPRESS/: Harbour Spokesman Mart Kask rejected the report "
                "on Friday.",
                "TALLINN, May 9. /ESTPRESS/: Harbour Spokesman Mart Kask rejected the report "
                "on Friday.",
                "Mart Kask",
                "Spokesman Mart",
            ),
            # "Y reported, citing X": X speaks, via Y
            (
                "The Tesk Courier reported, citing Deputy Mayor Ilse Raud, that the ferries "
                "would be sold.",
                "The Tesk Courier reported, citing Deputy Mayor Ilse Raud, that the ferries "
                "would be sold.",
                "Ilse Raud, via Tesk Courier",
                None,
            ),
            # a wire credit after a spokeswoman's denial: her words, via the wire
            (
                '"This is utterly false," said a spokeswoman for the harbour board, Baltic '
                "Wire reported.",
                '"This is utterly false," said a spokeswoman for the harbour board, Baltic '
                "Wire reported.",
                "spokeswoman",
                None,
            ),
            # German and Russian signed quotations: name, then role, both as written
            (
                "„Wir verkaufen keine Fähren“, sagte Hafensprecher Jonas Roth am Montag.",
                "„Wir verkaufen keine Fähren“, sagte Hafensprecher Jonas Roth am Montag.",
                "Jonas Roth, Hafensprecher",
                "Montag",
            ),
            (
                "«Это полная выдумка», — заявил пресс-секретарь порта Олег Ветров.",
                "«Это полная выдумка», — заявил пресс-секретарь порта Олег Ветров.",
                "Олег Ветров, пресс-секретарь порта",
                None,
            ),
            # a surname alone in German gets the full name given earlier
            (
                "Die Grünen-Politikerin Anna Sieg forderte eine Untersuchung. „Das ist ein "
                "Skandal“, sagte Sieg.",
                "„Das ist ein Skandal“, sagte Sieg.",
                "Anna Sieg",
                None,
            ),
            # a German or Russian sentence's subject denies: a body, as written
            (
                "HAMBURG (Hafenbote) — Die Reederei Weststern hat den Bericht zurückgewiesen.",
                "HAMBURG (Hafenbote) — Die Reederei Weststern hat den Bericht zurückgewiesen.",
                "Reederei Weststern",
                "HAMBURG",
            ),
            (
                "Министерство транспорта опровергло сообщения о закрытии порта.",
                "Министерство транспорта опровергло сообщения о закрытии порта.",
                "Министерство транспорта",
                None,
            ),
            # "Auch" (also) opens the sentence, not the speaker's name; a comparison is no one
            (
                "Auch ein Sprecher des Hafenamts erklärte, der Bericht sei falsch.",
                "Auch ein Sprecher des Hafenamts erklärte, der Bericht sei falsch.",
                "Sprecher des Hafenamts",
                "Auch",
            ),
            (
                "Wie die Regierung erklärte auch das Hafenamt, der Bericht sei falsch.",
                "Wie die Regierung erklärte auch das Hafenamt, der Bericht sei falsch.",
                None,
                None,
            ),
            # "По словам X": according to X, inflected, resolved to the earlier full name
            (
                "«Войск нет», — заявил генерал Сергей Крылов.\n\nПо словам Крылова, все "
                "подразделения на месте.",
                "По словам Крылова, все подразделения на месте.",
                "Сергей Крылов",
                None,
            ),
        ],
    )
    def test_speaker(
        self, text: str, passage: str, expected: str | None, not_expected: str | None
    ) -> None:
        got = speaker_of(text, passage).speaker
        if expected is None:
            assert got is None
            return
        assert got is not None and expected.lower() in got.lower()
        if not_expected:
            assert not_expected.lower() not in got.lower()


class TestQuotedBesideALongerClaim:
    def test_a_quotation_in_the_passage_names_its_speaker_too(self) -> None:
        """A passage that holds someone's quotation names them, even when another speaker's
        longer claim covers more of it: whose those words are is never hidden."""
        text = (
            "The harbour board on Monday rejected a newspaper report that it had agreed to sell "
            "the ferry fleet to a private operator before the summer season begins. "
            '"This is invented from start to finish," said Ola Brekke, the board\'s spokesman.'
        )
        speaker = speaker_of(text, text).speaker or ""
        assert "harbour board" in speaker.lower() and "Ola Brekke" in speaker


def _parts(speaker: str) -> list[str]:
    """Every name, role and relaying outlet a speaker string holds."""
    out = []
    for one in speaker.split("; "):
        relay = re.search(r",\s+(?:via|quoted by)\s+(.+)$", one)
        if relay:
            out.extend(p for p in relay.group(1).split(", ") if p)
        for mention in mentions_of(one):
            out.extend(p for p in (mention.name, mention.role) if p)
    return out


class TestSpeakerStrings:
    @pytest.mark.parametrize(
        "corpus", ["articles", "wire_articles"], ids=["team articles", "wire copy"]
    )
    def test_every_name_and_role_is_words_of_the_article(self, corpus: str) -> None:
        """A speaker is never a fragment run into other words: its name (or a known alias
        of it, every word of which is in the article) and its role are written there."""
        bad = []
        for path in sorted((DATA / corpus).glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            low = text.lower()
            for found in find_attributions(text):
                for part in _parts(found.speaker or ""):
                    words = re.findall(r"\w+", part.lower())
                    if part.lower() in low or all(re.search(rf"\b{w}\b", low) for w in words):
                        continue
                    bad.append(f"{path.name}: {part!r} of {found.speaker!r}")
        assert bad == []


SOURCE = Source("a1", "Tesk Courier", url="https://courier.example/a1", published="2031-04-02")


def _hit(passage: Passage) -> Hit:
    return Hit(passage, SOURCE, 0.5)


class TestConfidence:
    TEXT = (
        "Harbour master Mara Kettle said the ferries would be sold in May.\n\n"
        '"We have no other choice," she said.'
    )

    def test_named_in_the_sentence_is_a_rule_and_verified(self) -> None:
        p = speaker_of(
            self.TEXT, "Harbour master Mara Kettle said the ferries would be sold in May."
        )
        assert (p.speaker_basis, p.verified) == ("rule", True)
        assert p.speaker_rule and p.speaker_rule.startswith("verb/")

    def test_a_pronoun_is_coreference_and_unverified(self) -> None:
        p = speaker_of(self.TEXT, '"We have no other choice," she said.')
        assert p.speaker is not None and "Mara Kettle" in p.speaker
        assert (p.speaker_basis, p.verified) == ("coreference", False)

    def test_narration_has_no_basis(self) -> None:
        text = "The ferries sail twice a day.\n\nTickets cost ten crowns."
        p = speaker_of(text, "Tickets cost ten crowns.")
        assert (p.speaker, p.speaker_basis, p.verified) == (None, None, None)

    def test_json_is_additive_and_round_trips(self) -> None:
        p = speaker_of(self.TEXT, '"We have no other choice," she said.')
        data = json.loads(json.dumps(_hit(p).to_dict()))
        assert data["speaker_basis"] == "coreference" and data["verified"] is False
        assert {"text", "speaker", "outlet", "cue", "start", "end"} <= set(data)
        back = Hit.from_dict(data)
        assert back.passage == p
        # an older record without the fields still loads, with nothing claimed
        old = {k: v for k, v in data.items() if k not in ("speaker_basis", "verified")}
        assert Hit.from_dict(old).passage.verified is None

    def test_every_text_output_marks_the_unverified(self) -> None:
        sure = speaker_of(
            self.TEXT, "Harbour master Mara Kettle said the ferries would be sold in May."
        )
        unsure = speaker_of(self.TEXT, '"We have no other choice," she said.')
        for show in (render_hit, page_hit, bot_attribution):
            assert "unverified" in show(_hit(unsure))
            assert "unverified" not in show(_hit(sure))
        side = Side("asserts", [_hit(unsure)])
        assert "unverified" in side_description(side)
