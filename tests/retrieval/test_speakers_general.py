"""Speakers that hold on any story (issue 18): what failed on invented multi-outlet stories
and reads as general usage: a stacked rank is not part of a role, a day is never a speaker,
a sentence-case headline's subject ends at its verb, Russian and German subjects split into
name and role, a German article is German in all its lines, and a quotation repeated in a
headline is said by whoever says it in the body. Articles are our own, invented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from retrieval.attribution.finder import find_attributions, find_claims


def said_by(text: str, words: str) -> list[str | None]:
    """The speakers of the claims whose extent holds ``words``."""
    at = text.index(words)
    return [
        c.speaker for c in find_claims(text) if c.extent[0] <= at and at + len(words) <= c.extent[1]
    ]


def test_a_rank_after_a_job_is_not_part_of_the_role() -> None:
    text = (
        "In a short statement, harbour authority spokesman Coast Guard Lt. Cmdr. Pavel Ostrin "
        'told the Tesk Courier "no ship was diverted that night," repeating an earlier answer.'
    )
    assert set(said_by(text, "no ship was diverted")) == {
        "Pavel Ostrin, harbour authority spokesman"
    }


def test_a_rank_alone_stays_the_role() -> None:
    text = "Air Force 1st Lt. Dana Morrel said the base would stay open."
    assert said_by(text, "the base would stay open") == ["Dana Morrel, Air Force 1st Lt."]


def test_a_day_is_never_the_speaker() -> None:
    # "claims ... by April 30": a noun of saying whose "by" names a date, not an author
    text = (
        "Veldt said the regulator had ordered the ferry firm to hand over all logs, insurance "
        "claims and repair records by April 30."
    )
    speakers = {c.speaker for c in find_claims(text)}
    assert not any(s and "April" in s for s in speakers)


def test_what_a_body_is_said_to_be_is_not_a_new_name_for_it() -> None:
    # "X is the only ... club in the league" describes X: the lead's speaker stays X
    text = (
        "VESTRA, May 4 (Lodestar) - The Kessa-Dorn rowing club on Monday rejected a newspaper "
        "report that its coach had doped rowers at a spring camp, days before the regatta.\n\n"
        "The Valley Courier reported the claims on Sunday, citing two former coaches.\n\n"
        "Kessa-Dorn is the only Vestra club in the sport's top league."
    )
    assert said_by(text, "its coach had doped rowers") == ["Kessa-Dorn rowing club"]


def test_she_said_goes_on_with_the_one_speaking_not_a_name_in_passing() -> None:
    # "Morrow" is also an English word, so the parser does not take it for a name; "Aster",
    # a ferry, it takes for a person
    text = (
        "The head of the Harbour Safety Board said on Monday that Tarnholm never told the "
        "board about engine faults in its Aster ferries.\n\n"
        '"We received no report of any kind," Edda Morrow, the board\'s director, told '
        "reporters. She said the board had searched its records.\n\n"
        "Morrow said the board had ordered Tarnholm to hand over all logs, repair records and "
        "test data on the Aster's engines by the end of the month. It was too early to say "
        "whether the ferries would be withdrawn, she said.\n"
    )
    assert "Edda Morrow" in (said_by(text, "whether the ferries would be withdrawn, she")[-1] or "")


def test_a_sentence_case_headline_ends_its_speaker_at_the_verb() -> None:
    text = "Tarnholm chief rejects claim it hid ferry faults\n\nThe firm met on Monday."
    assert "Tarnholm chief" in said_by(text, "claim it hid ferry faults")


@pytest.mark.parametrize(
    "line, expected",
    [
        (
            "Пресс-секретарь пароходства Ольга Ветрова назвала публикацию «чистым вымыслом».",
            "Ольга Ветрова, Пресс-секретарь пароходства",
        ),
        (
            "Генеральный директор Tarnholm Игорь Мельник также отверг эти сведения.",
            "Игорь Мельник, Генеральный директор Tarnholm",
        ),
        # a body with no name after it is the body, as written
        ("Министерство транспорта опровергло эти сведения.", "Министерство транспорта"),
    ],
)
def test_a_russian_subject_is_a_role_then_a_name(line: str, expected: str) -> None:
    text = f"Паром «Марисоль» снова вышел в море.\n\n{line}\n"
    assert said_by(text, line[:-1]) == [expected]


def test_a_german_according_to_without_a_comma_names_its_noun() -> None:
    text = (
        "Die Reederei Tarnholm steht unter Druck.\n\n"
        "Laut dem Bericht sollen Tarnholm-Techniker die Prüfprotokolle geändert haben, "
        "bevor die Behörde sie einsah.\n"
    )
    assert said_by(text, "Tarnholm-Techniker die Prüfprotokolle") == ["Bericht"]


def test_a_german_article_is_german_in_its_short_lines_too() -> None:
    # this line alone has one small German word in fourteen: the article says it is German
    text = (
        "Die Reederei Tarnholm hat Berichte über manipulierte Prüfprotokolle zurückgewiesen. "
        "Der Konzern habe zu keinem Zeitpunkt Daten geändert, hieß es.\n\n"
        "„Wir haben nichts zu verbergen“, sagte Konzernsprecher Lars Engmann am Montag.\n\n"
        "Das Ministerium in Veldhoven hatte den Bericht bereits am Dienstag als "
        "„reine Spekulation“ bezeichnet.\n"
    )
    assert said_by(text, "den Bericht bereits am Dienstag") == ["Ministerium"]


def test_a_german_paper_named_in_quotation_marks_carries_its_sources() -> None:
    text = (
        "Die Reederei Tarnholm steht unter Druck.\n\n"
        "Die Zeitung „Veldhovener Bote“ hatte am Montag unter Berufung auf zwei Techniker "
        "berichtet, die Protokolle seien geändert worden.\n"
    )
    (who,) = said_by(text, "unter Berufung auf zwei Techniker")
    assert who is not None and who.endswith("via Veldhovener Bote")


def test_german_bekraeftigte_is_a_verb_of_saying() -> None:
    text = (
        "Die Reederei Tarnholm steht unter Druck, seit die Zeitung über geänderte Protokolle "
        "berichtet hat. Die Aktie ist um vier Prozent gefallen, und die Behörde prüft den Fall.\n\n"
        "Konzernsprecher Lars Engmann bekräftigte, man habe die Behörde bereits im Juni "
        "informiert.\n"
    )
    assert said_by(text, "man habe die Behörde") == ["Lars Engmann, Konzernsprecher"]


def test_a_quotation_repeated_in_the_headline_is_the_body_speakers() -> None:
    text = (
        "Fährenaffäre: Reederei-Chefin weist Vorwürfe zurück – „Das hat es nie gegeben“\n\n"
        "VELDHOVEN. Die Chefin der Reederei Tarnholm, Ilse Marquardt, hat den Bericht "
        "zurückgewiesen. „Das hat es nie gegeben“, sagte Marquardt am Mittwoch der Zeitung "
        "Veldhovener Bote.\n"
    )
    headline = said_by(text, "Reederei-Chefin weist Vorwürfe zurück")
    body = said_by(text, "sagte Marquardt am Mittwoch")
    assert headline and headline == body and "Marquardt" in (headline[0] or "")


def test_a_short_quotation_is_not_credited_by_its_words_alone() -> None:
    # two words repeated are common speech, not one person's line
    text = (
        "Ferry row: 'no comment' from the harbour\n\n"
        '"No comment," said harbour master Olaf Brint on Monday.\n'
    )
    assert said_by(text, "Ferry row") in ([], [None])


def test_who_did_a_thing_is_not_a_source() -> None:
    text = (
        "Nadia Veldt said the ferry was safe.\n\n"
        "She was appointed by the previous government in 2019.\n\n"
        'The minutes were marked "approved" and initialled by two members of the board.\n'
    )
    assert said_by(text, "appointed by the previous government") in ([], [None])
    assert said_by(text, "initialled by two members") in ([], [None])


def test_a_named_possessor_makes_a_role_refer_to_the_person_named_later() -> None:
    # a wire lead names the office; the name comes two paragraphs on
    text = (
        "VELDHOVEN, May 4 (Northwire) - Tarnland's transport minister has denied a newspaper "
        "report that he ordered the ferry inspections stopped.\n\n"
        "The Veldhoven Post reported on Monday that Minister Eskil Brandt had told the "
        "harbour office to halt the inspections.\n"
    )
    (who,) = said_by(text, "has denied a newspaper report")
    assert who == "Eskil Brandt, Tarnland's transport minister"


def test_a_role_is_not_the_body_it_belongs_to() -> None:
    # "Morvane" reads as a person's name to the parser; its head of engineering is not it
    text = (
        "Morvane's head of engineering has challenged the figure, saying the company "
        "recorded three confirmed faults.\n\n"
        "Morvane said on Monday that the ferries were safe.\n"
    )
    for who in said_by(text, "has challenged the figure"):
        assert who is not None and not who.startswith("Morvane,")


def test_a_place_in_capitals_before_a_colon_is_a_dateline() -> None:
    # a place the parser knows as one; a name in capitals before a colon still speaks
    text = (
        "Harbour board rejects ferry report\n\n"
        "LONDON: The harbour board flatly rejected on Wednesday a report that it had "
        "hidden engine faults.\n\n"
        "BRINT: Well, look, we are not going to comment on that.\n"
    )
    assert said_by(text, "flatly rejected on Wednesday") == ["harbour board"]
    assert said_by(text, "we are not going to comment") == ["BRINT"]


def test_two_speakers_joined_by_and_are_two() -> None:
    text = (
        "Tarnholm and dockers' union agree pay deal\n\n"
        "Tarnholm and the union at its Veldhoven dock agreed a two-year pay deal on Monday "
        "after three rounds of talks.\n"
    )
    (who,) = said_by(text, "agreed a two-year pay deal")
    assert who is not None and who.lower().count("tarnholm") == 1


STORIES = Path(__file__).resolve().parent.parent / "data" / "stories"


def _pieces(speaker: str) -> list[str]:
    """The names and roles a speaker string is made of: "A; B" are two speakers, "X, via Y"
    names a relaying outlet, "name, role" two pieces, and "X and Y" (a joint subject) two."""
    out = []
    for one in speaker.split("; "):
        for part in re.split(r",\s+(?:via|quoted by)\s+", one):
            out.extend(p for p in part.split(", ") if p)
    return out


def test_every_speaker_of_the_invented_stories_is_made_of_spans_of_its_article() -> None:
    """Never a fragment run into other words ("Pentagon spokesman Marine Corps Lt. Col."):
    each name and each role is written in the article as it is shown."""
    bad = []
    for path in sorted(STORIES.glob("*/*/*.txt")):
        text = path.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
        flat = re.sub(r"\s+", " ", text.lower())
        for found in find_attributions(text):
            for piece in _pieces(found.speaker or ""):
                low = re.sub(r"\s+", " ", piece.lower())
                if low in flat or all(p in flat for p in low.split(" and ")):
                    continue
                bad.append(f"{path.name}: {piece!r} of {found.speaker!r}")
    assert bad == []


@pytest.mark.parametrize(
    "line, expected",
    [
        (
            "Олег Ветров, директор дилерского центра «Норд», рассказал «Вестнику», что заказы "
            "отменены.",
            "Олег Ветров, директор дилерского центра «Норд»",
        ),
        (
            "Ilse Marquardt, die Chefin der Reederei, erklärte am Montag, es habe keine Fehler "
            "gegeben.",
            "Ilse Marquardt, die Chefin der Reederei",
        ),
    ],
)
def test_a_foreign_name_with_its_role_between_commas_speaks(line: str, expected: str) -> None:
    lead = (
        "Паром «Марисоль» снова вышел в море, и ведомство проверяет дело."
        if "«" in line
        else "Die Reederei Tarnholm steht seit Tagen unter Druck, und die Behörde prüft den Fall."
    )
    text = f"{lead}\n\n{line}\n"
    assert said_by(text, line[:30]) == [expected]


def test_a_kicker_before_a_headlines_speaker_is_no_one() -> None:
    text = "Report: Ostrin Tells Marrow In Call Not To Close The Port\n\nThe call was on Friday."
    assert said_by(text, "Not To Close The Port") == ["Ostrin"]
    for kicker in ("Revealed", "Explained", "Investigation"):
        text = f"{kicker}: The night the Kessa dam gates opened\n\nEngineers said it was routine."
        assert kicker not in {c.speaker for c in find_claims(text)}


def test_a_pages_section_label_and_site_credits_are_not_the_headlines_words() -> None:
    """A page's title bar puts a section label before the headline and the site's section
    and name after it: neither is part of who speaks, nor of what they say."""
    text = (
        "HARBOUR AFFAIRS | Port board denies hiding ferry engine faults\n\n"
        "The port board on Monday distanced itself from the report.\n\n"
        "Ferry operator rejects fault claims | Business | The Tesk Courier\n\n"
        "The company said the claims were untrue.\n"
    )
    assert said_by(text, "hiding ferry engine faults") == ["Port board"]
    assert said_by(text, "distanced itself") == ["port board"]
    found = find_attributions(text)
    assert all("|" not in (a.speaker or "") for a in found)
    assert all("|" not in text[a.content_start : a.content_end] for a in found)
    (operator,) = said_by(text, "fault claims")
    assert operator is not None and "Courier" not in operator and "Business" not in operator


def test_a_post_held_in_a_relative_clause_is_the_speakers_role() -> None:
    """ "Edda Vorn, who chairs the Patients' Forum": the post after "who" is the speaker's
    role, as written; where someone lives or what they think is not a post."""
    text = (
        '"We are owed a letter," said Edda Vorn, who chairs the Kessa Patients\' Forum.\n\n'
        "Milo Brandt, who leads the dockers' branch of the union, said the strike would go on.\n\n"
        "Anna Berg, who lives in Kessa, said she was worried.\n"
    )
    assert said_by(text, "We are owed a letter") == [
        "Edda Vorn, who chairs the Kessa Patients' Forum"
    ]
    assert said_by(text, "the strike would go on") == [
        "Milo Brandt, who leads the dockers' branch of the union"
    ]
    assert said_by(text, "she was worried") == ["Anna Berg"]


def test_the_object_of_a_first_verb_is_not_who_says_the_second() -> None:
    """ "The board at first denied any leak, then said ...": the parser hangs "denied" off
    "said" and leaves "said" no subject; the speaker is the board, not "leak"."""
    text = (
        "The port board at first denied any leak, then said on Thursday that fewer than "
        "900 files had been reached.\n"
    )
    assert said_by(text, "fewer than 900 files") == ["port board"]


def test_a_document_speaks_for_who_sent_it() -> None:
    """ "The email, sent on 9 March by finance director Petra Vorn, reads: ...": the email
    says what its sender wrote; a letter the sentence names no sender of speaks for itself."""
    text = (
        "The email, sent on 9 March by finance director Petra Vorn to the board, reads: "
        '"If the league looks behind the sponsor, we are finished."\n\n'
        "The letter says the club is sound.\n"
    )
    assert said_by(text, "we are finished") == ["Petra Vorn, finance director"]
    assert said_by(text, "the club is sound") == ["letter"]


def test_a_pronoun_after_a_name_news_gives_an_age_or_a_who_clause_is_that_person() -> None:
    """ "Orla Venn, 34, a nurse ..." and "Tam Rusk, who runs the pub on Kell Lane, ..." are
    people however the NER labels the names (an age beside a name, "who" after it), and a
    street ("Kell Lane") is never one: the "she said" and "he said" after them are theirs, not
    the last speaker's a paragraph before."""
    text = (
        "Fans march on the ground\n\n"
        '"We are asking for the truth about who pays for our club," said Bram Tolle, chair '
        "of the supporters' trust.\n\n"
        "Orla Venn, 34, a nurse from Northbank, has held a season ticket since she was nine. "
        '"I don\'t care whose name is on the shirt," she said.\n\n'
        "Tam Rusk, who runs the Anchor pub on Kell Lane, worried about the league's inquiry. "
        '"Match days are half my takings," he said.\n'
    )
    assert [s and s.split(",")[0] for s in said_by(text, "I don't care")] == ["Orla Venn"]
    assert said_by(text, "Match days") == ["Tam Rusk, who runs the Anchor pub on Kell Lane"]


def test_a_team_principal_is_a_person_whatever_the_ner_says() -> None:
    """ "Team principal Renata Voss said ... '…,' she said": a principal (of a team, a
    school) is someone, so "she" is her."""
    text = (
        "Team stands down its doctor\n\n"
        "Team principal Renata Voss said the decision did not mean the team accepted any part "
        'of the report. "This is not an admission of anything," she said in a statement.\n'
    )
    assert [s and s.split(",")[0] for s in said_by(text, "This is not an admission")] == [
        "Renata Voss"
    ]
