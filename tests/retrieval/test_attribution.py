"""Tests for retrieval.attribution: who makes each claim, with the real spaCy model."""

from __future__ import annotations

import dataclasses
import json
import logging
import subprocess
import sys
from pathlib import Path

import pytest

from retrieval import attribution
from retrieval.attribution import Attribution, attribute_passages, find_attributions
from retrieval.attribution.coref import Resolver
from retrieval.attribution.mentions import Mention
from retrieval.attribution.quotes import find_quotes
from retrieval.types import Passage

DATA = Path(__file__).resolve().parent.parent / "data"
ROOT = DATA.parent.parent


@pytest.fixture(scope="module", autouse=True)
def nlp():
    """Load spaCy once for the whole module."""
    attribution.warm_up()


def speaker_of(text: str, passage: str) -> Passage:
    """The attributed passage for the first occurrence of ``passage`` in ``text``."""
    start = text.index(passage)
    p = Passage("p1", "a1", passage, start, start + len(passage))
    return attribute_passages(text, [p])[0]


def speaker_named(text: str) -> str:
    """The speaker a one-passage text gets ("" for none)."""
    return speaker_of(text, text).speaker or ""


class TestFindQuotes:
    @pytest.mark.parametrize(
        "text, expected",
        [
            ('He said "no" twice.', ['"no"']),
            ("She said “yes” and “maybe”.", ["“yes”", "“maybe”"]),
            ("“A “nested” quote” ends", ["“A “nested” quote”"]),
            ('"Open to the end of the paragraph', ['"Open to the end of the paragraph']),
            ("It's O'Brien's view.", []),
        ],
    )
    def test_spans(self, text, expected):
        spans = find_quotes(text, [(0, len(text))])
        assert [text[s:e] for s, e in spans] == expected

    def test_quotes_stay_in_their_paragraph(self):
        text = 'He said "one\n\nTwo" later'
        blocks = attribution._blocks(text)
        spans = find_quotes(text, blocks)
        assert [text[s:e] for s, e in spans] == ['"one', 'Two"']

    @pytest.mark.parametrize(
        "text, expected",
        [
            # styles mixed in one quotation, as copied copy often has them
            ('"I don’t think so,” Grassley said.', ['"I don’t think so,”']),
            ('“Yes," she said.', ['“Yes,"']),
            # two apostrophes for a double quote, and ” used at both ends
            ("Trump had said, ''I think so.'' Then", ["''I think so.''"]),
            ("”Isis will burn,” he wrote", ["”Isis will burn,”"]),
            # a straight quote inside a straight quote
            ('He called it "a "fake" story" today.', ['"a "fake" story"']),
            ('Gowdy (R-S.C.):"I have not heard."', ['"I have not heard."']),
            # two apostrophes opening a quote after a sentence, NYT style
            ("He left. ''By staying, we lose,'' he wrote.", ["''By staying, we lose,''"]),
        ],
    )
    def test_mixed_marks_pair_by_their_side(self, text, expected):
        spans = find_quotes(text, [(0, len(text))])
        assert [text[s:e] for s, e in spans] == expected

    def test_a_stray_open_quote_does_not_swallow_the_next_paragraph(self):
        text = 'He said "one\n\nThe vote is on Monday. Nothing is quoted here.'
        spans = find_quotes(text, attribution._blocks(text))
        assert [text[s:e] for s, e in spans] == ['"one']


class TestPatterns:
    @pytest.mark.parametrize(
        "text, passage, expected",
        [
            # direct quote, speaker after
            (
                '"We will not sell the stadium," Mayor Ruth Calder said on Monday.',
                '"We will not sell the stadium," Mayor Ruth Calder said on Monday.',
                "Ruth Calder",
            ),
            # speaker inverted after the quote, with an appositive role
            (
                '"The fares will rise," said Jonas Berg, an analyst at Fjell Bank.',
                '"The fares will rise," said Jonas Berg, an analyst at Fjell Bank.',
                "Jonas Berg, analyst at Fjell Bank",
            ),
            # direct quote, speaker before
            (
                'Ruth Calder said: "The stadium stays with the city."',
                'Ruth Calder said: "The stadium stays with the city."',
                "Ruth Calder",
            ),
            # a quote running over sentence boundaries
            (
                'Coach Lena Fors told reporters, "We lost. We deserved to lose. Nobody here is '
                'hiding from that."',
                "We deserved to lose.",
                "Lena Fors",
            ),
            # a quote-only paragraph after the speaker's sentence
            (
                'Union leader Tom Reyes told the rally:\n\n"We will strike on Monday. Nobody '
                'will cross the line."',
                '"We will strike on Monday. Nobody will cross the line."',
                "Tom Reyes",
            ),
            # the speaker two sentences away, inside one quotation chain
            (
                '"The vaccine is safe," said Omar Haddad, the chief medical officer. "It has '
                'been tested on thousands of people. Nobody has been harmed."',
                "Nobody has been harmed.",
                "Omar Haddad",
            ),
            # the next paragraph of a multi-paragraph quotation
            (
                'Tom Reyes spoke first. "We have waited four years," he said.\n\n"We will not '
                'wait another four."',
                '"We will not wait another four."',
                "Tom Reyes",
            ),
            # reported speech
            (
                "Kremlin spokesman Dmitry Peskov announced that the reports were false.",
                "Kremlin spokesman Dmitry Peskov announced that the reports were false.",
                "Dmitry Peskov, Kremlin spokesman",
            ),
            # a short name expands to the earlier full name and role
            (
                "Finance Minister Elsa Ruud spoke on Monday. Later, Ruud added that taxes would "
                "not rise.",
                "Later, Ruud added that taxes would not rise.",
                "Elsa Ruud, Finance Minister",
            ),
            # according to
            (
                "According to the Harbour Gazette, the mayor has already signed the deal.",
                "According to the Harbour Gazette, the mayor has already signed the deal.",
                "Harbour Gazette",
            ),
            # citing: the cited source speaks, via the paper ("Y, via X")
            (
                "The Northern Star, citing two council officials, said the deal was signed "
                "last week.",
                "The Northern Star, citing two council officials, said the deal was signed "
                "last week.",
                "two council officials, via Northern Star",
            ),
            # unnamed sources in a place
            (
                "Diplomatic sources in Oslo said the summit had been moved to June.",
                "Diplomatic sources in Oslo said the summit had been moved to June.",
                "diplomatic sources in Oslo",
            ),
            # X quoted Y as saying: the speaker is Y, carried by X
            (
                "The Daily Courant quoted a senior diplomat as saying that talks had collapsed.",
                "The Daily Courant quoted a senior diplomat as saying that talks had collapsed.",
                "senior diplomat, quoted by Daily Courant",
            ),
            # a role that refers back
            (
                "At the summit, NATO Secretary-General Jens Stoltenberg said the alliance was "
                'united. Later, the NATO chief added, "We are disappointed."',
                'Later, the NATO chief added, "We are disappointed."',
                "Jens Stoltenberg",
            ),
            # a pronoun that refers back
            (
                "Karl Voss arrived late to the briefing. He said the meeting had been postponed.",
                "He said the meeting had been postponed.",
                "Karl Voss",
            ),
            # "the newspaper" refers back to the outlet named before
            (
                "The Valley Post reported that the dam had cracked. The newspaper said repairs "
                "would take a year.",
                "The newspaper said repairs would take a year.",
                "Valley Post",
            ),
            # a headline's dash names its source
            (
                "Minister to resign next week – sources",
                "Minister to resign next week – sources",
                "sources",
            ),
            # a question quoted before the cue's own sentence
            (
                'Trump spoke at a rally. "Isn\'t that a bribe? Isn\'t it?" Trump asked. "I think '
                'it is."',
                "\"Isn't that a bribe? Isn't it?\"",
                "Trump",
            ),
            # the cue inside the claim: "The plan, he said, is dead."
            (
                "Mayor Ruth Calder spoke first. The stadium plan, she said, is dead.",
                "The stadium plan, she said, is dead.",
                "Ruth Calder",
            ),
            # wires that write quotation marks as two apostrophes
            (
                "Ann Tanzer, the club's manager, said on Friday:\n\n''The course will close.''",
                "''The course will close.''",
                "Ann Tanzer",
            ),
            # an interview transcript
            (
                "Chris Wallace spoke to Governor Mike Pence.\n\nPENCE: Well, look, the debate "
                "will go ahead.",
                "PENCE: Well, look, the debate will go ahead.",
                "Mike Pence",
            ),
            # a wire dateline is not the subject
            (
                "OSLO (Reuters) — Energy Minister Ida Lunde said on Tuesday that gas prices "
                "would fall.",
                "OSLO (Reuters) — Energy Minister Ida Lunde said on Tuesday that gas prices "
                "would fall.",
                "Ida Lunde",
            ),
            # a name that is also a common word, read by spaCy as a noun
            (
                "Rice claims the deal is dead.",
                "Rice claims the deal is dead.",
                "Rice",
            ),
            # quotation marks of two styles in one quotation
            (
                '"I don’t think the vote will pass,” Councillor Ann Tanzer said.',
                '"I don’t think the vote will pass,” Councillor Ann Tanzer said.',
                "Ann Tanzer",
            ),
            # inverted cue between two halves of a quotation, the parse leaving it no subject
            (
                '"The risk," said Edward Lind, an economist who is the director of the Fjell '
                'Forecast, "is that we attract workers and repel jobs."',
                '"The risk," said Edward Lind, an economist who is the director of the Fjell '
                'Forecast, "is that we attract workers and repel jobs."',
                "Edward Lind",
            ),
            # an opening participle that the parse takes the speaker into
            (
                "Alarmed by the unrest in Nevada, Senator Harry Reid, the minority leader, said "
                "that he spoke with the candidate on Tuesday.",
                "Alarmed by the unrest in Nevada, Senator Harry Reid, the minority leader, said "
                "that he spoke with the candidate on Tuesday.",
                "Harry Reid",
            ),
            # a quotation paragraph after a paragraph of reported speech carries it on
            (
                "Minister Ida Lunde said that critics had predicted a withdrawal, but it would "
                "not happen.\n\n“That is because this region matters most to our security.”",
                "“That is because this region matters most to our security.”",
                "Ida Lunde",
            ),
            # a transcript line: name, party in brackets, colon, quotation
            (
                'Rep. Ann Tanzer (D-Ore.):"I have not heard that figure from anyone."',
                'Rep. Ann Tanzer (D-Ore.):"I have not heard that figure from anyone."',
                "Ann Tanzer",
            ),
            # a round-up line: a summary, a dash, then who said it and the quotation
            (
                "Turnout has mattered most in the north - Ruth Calder: “The north decided it.”",
                "Turnout has mattered most in the north - Ruth Calder: “The north decided it.”",
                "Ruth Calder",
            ),
            # a title-case dateline with the agency in brackets is not the subject
            (
                "New York (AFP) – Actress Susan Vane is not sure she can vote for the mayor, "
                "she said.",
                "New York (AFP) – Actress Susan Vane is not sure she can vote for the mayor, "
                "she said.",
                "Susan Vane",
            ),
            # a statement noun: whose words they are is its owner
            (
                "The Kremlin's statement that the report is completely untrue came hours later.",
                "The Kremlin's statement that the report is completely untrue came hours later.",
                "Kremlin",
            ),
            (
                "Council leader Ann Tanzer spoke on Monday. Tanzer's denial of the report "
                "came a day later.",
                "Tanzer's denial of the report came a day later.",
                "Ann Tanzer",
            ),
            # a feeling with a that-clause
            (
                "Mayor Ruth Calder was disappointed that the council had voted against the plan.",
                "Mayor Ruth Calder was disappointed that the council had voted against the plan.",
                "Ruth Calder",
            ),
            # a passive feeling whose subject the parser hangs on "is"
            (
                "Mayor Ruth Calder is convinced the vote on the bridge was rigged.",
                "Mayor Ruth Calder is convinced the vote on the bridge was rigged.",
                "Ruth Calder",
            ),
            # a passive participle with its agent: the outlet that reported it
            (
                "The campaign, first reported by The Valley Post, began in March.",
                "The campaign, first reported by The Valley Post, began in March.",
                "Valley Post",
            ),
            # "called on X to ..." and "called X a ..." are speech
            (
                "Mayor Ruth Calder has repeatedly called on the state to fund the bridge.",
                "Mayor Ruth Calder has repeatedly called on the state to fund the bridge.",
                "Ruth Calder",
            ),
            (
                "The ministry called the report a fabrication.",
                "The ministry called the report a fabrication.",
                "ministry",
            ),
            # "called for X to be done", which the parser reads as a clause
            (
                "Calder has called for the bridge toll, now $4 a crossing, to be cut to $1.",
                "Calder has called for the bridge toll, now $4 a crossing, to be cut to $1.",
                "Calder",
            ),
            # a speech verb after a name and its role, misread as a clause on the name
            (
                "Ann Hale, the 2012 Democratic mayoral nominee, tweeted in response: "
                "''Important distinction: the count was fair; the recount is a stunt.''",
                "Ann Hale, the 2012 Democratic mayoral nominee, tweeted in response: "
                "''Important distinction: the count was fair; the recount is a stunt.''",
                "Ann Hale",
            ),
            # a quantifier with its group is someone
            (
                "All of the council members said they oppose the plan.",
                "All of the council members said they oppose the plan.",
                "all of the council members",
            ),
            # the subject the parser hung on a participle beside the speech verb
            (
                "Majorities of voters in five states going to the polls Tuesday say they "
                "would be satisfied with either candidate.",
                "Majorities of voters in five states going to the polls Tuesday say they "
                "would be satisfied with either candidate.",
                "majorities of voters",
            ),
            # a main verb the parser read as a clause on the subject noun
            (
                "A Harlow University poll found last week that Calder would win the vote.",
                "A Harlow University poll found last week that Calder would win the vote.",
                "poll",
            ),
            # the name before its role and a conjoined title, after a fronted place
            (
                "At Fjell Bank, where a seat on the board costs $70,000, Jonas Berg, the bank's "
                "58-year-old chairman and chief executive, suggested that the merger was dead.",
                "At Fjell Bank, where a seat on the board costs $70,000, Jonas Berg, the bank's "
                "58-year-old chairman and chief executive, suggested that the merger was dead.",
                "Jonas Berg, bank's 58-year-old chairman",
            ),
            # "he" is the main subject before it, not a name inside the quote or the
            # subject of a clause ("for Mr. Hale to own", "that Jonas Berg would resign")
            (
                "Omar Haddad, a former minister, has been quietly pushing for Mr. Hale to own "
                "the issue of tolls, arguing its political advantages. ''By embracing the toll, "
                "Ann Hale could leap to the left of Reyes,'' he wrote in June on his website.",
                "''By embracing the toll, Ann Hale could leap to the left of Reyes,'' he wrote "
                "in June on his website.",
                "Omar Haddad",
            ),
            (
                "Omar Haddad said that Jonas Berg would resign on Friday. He added that the "
                "board had not met.",
                "He added that the board had not met.",
                "Omar Haddad",
            ),
            # a rule-found speaker outranks the cue model on the same sentence
            (
                '"Our staff support this merger," Ann Hale told the crowd, her voice drowned '
                "out by boos.",
                '"Our staff support this merger," Ann Hale told the crowd, her voice drowned '
                "out by boos.",
                "Ann Hale",
            ),
            # whoever releases a statement or runs an ad speaks through it
            (
                "Later, the Hale campaign released a statement saying the rally was postponed.",
                "Later, the Hale campaign released a statement saying the rally was postponed.",
                "Hale campaign",
            ),
            (
                "But Omar Haddad showed no sign of backing down, releasing a statement that, "
                "while condemning violence, accused the party leadership of bias.",
                "But Omar Haddad showed no sign of backing down, releasing a statement that, "
                "while condemning violence, accused the party leadership of bias.",
                "Omar Haddad",
            ),
            # a finite verb joined to an infinitive belongs to the main subject
            (
                "During the 2020 race, Ann Hale largely ran on her ability to fix the budget and "
                "accused Reyes of wasting money.",
                "During the 2020 race, Ann Hale largely ran on her ability to fix the budget and "
                "accused Reyes of wasting money.",
                "Ann Hale",
            ),
            # a passive speech verb whose "by" the parser hung on the complement
            (
                'This approach has been called "strategic ambiguity" by Jonas Berg, a professor '
                "at Fjell University.",
                'This approach has been called "strategic ambiguity" by Jonas Berg, a professor '
                "at Fjell University.",
                "Jonas Berg",
            ),
            # the purpose of an act is its subject's: "held a briefing to brag", "to defend"
            (
                "Reyes on Friday held an impromptu press briefing to brag that unemployment had "
                "fallen.",
                "Reyes on Friday held an impromptu press briefing to brag that unemployment had "
                "fallen.",
                "Reyes",
            ),
            (
                "Hale's lawyers relied on precedent and legal history to defend the view that she"
                " is eligible.",
                "Hale's lawyers relied on precedent and legal history to defend the view that she"
                " is eligible.",
                "lawyers",
            ),
            # "calling out" someone is speech
            (
                "On Friday, Reyes took a lighter tone, still calling out the council for its "
                "delays.",
                "On Friday, Reyes took a lighter tone, still calling out the council for its "
                "delays.",
                "Reyes",
            ),
            # a surname the tagger read as a pronoun
            (
                "The plans were broadly similar to those of O’Hara and Reyes, although O’Hara "
                "frequently notes that he was the first to publish one.",
                "The plans were broadly similar to those of O’Hara and Reyes, although O’Hara "
                "frequently notes that he was the first to publish one.",
                "O’Hara",
            ),
            # the subject right before a speech verb that the parser joined to a noun before it
            (
                "After a day of tensions between two of the state’s highest-profile Democrats, "
                "Senate Leader Ann Hale’s office announced Friday that Hale will meet with Reyes "
                "next week.",
                "After a day of tensions between two of the state’s highest-profile Democrats, "
                "Senate Leader Ann Hale’s office announced Friday that Hale will meet with Reyes "
                "next week.",
                "Ann Hale’s office",
            ),
            # "they" after "X did A but Y said" is Y, the subject of a verb joined to the main one
            (
                "The Tesk Front claimed responsibility for the attack but Fjell officials have "
                "said they do not believe the bomber was helped from abroad.",
                "The Tesk Front claimed responsibility for the attack but Fjell officials have "
                "said they do not believe the bomber was helped from abroad.",
                "Fjell officials",
            ),
            # a participle the parser made the main verb, with "said" hung off it
            (
                "But Sen. Ann Hale (D-Ore.), noting the size of Reyes's following, said, "
                '"Let me tell you, he has a heck of an email list."',
                "But Sen. Ann Hale (D-Ore.), noting the size of Reyes's following, said, "
                '"Let me tell you, he has a heck of an email list."',
                "Ann Hale",
            ),
            # an age between the name and the verb, and the audience after it is not the speaker
            (
                "“We were tremendously wrong to not have confronted him from the beginning,” "
                "Ramos, 58, told AFP in an interview in Tesk on Monday.",
                "“We were tremendously wrong to not have confronted him from the beginning,” "
                "Ramos, 58, told AFP in an interview in Tesk on Monday.",
                "Ramos",
            ),
            # a comma glued to the opening quote
            (
                "Calder said,“Look, the toll has no place in this budget. Drivers should know "
                "that.”",
                "Calder said,“Look, the toll has no place in this budget. Drivers should know "
                "that.”",
                "Calder",
            ),
            # the quote's own subject is not the speaker's
            (
                '"If she gets to pick the judges, nothing you can do, folks," Reyes said before'
                ' adding: "I do not know."',
                '"If she gets to pick the judges, nothing you can do, folks," Reyes said before'
                ' adding: "I do not know."',
                "Reyes",
            ),
            # the name an appositive with a place in it belongs to, not the place; a rank
            # abbreviation is no role
            (
                "But in a conference call with reporters on Dec. 2, Col. Omar K. Haddad, a "
                "military spokesman in Tesk, said, ''I mean it.''",
                "But in a conference call with reporters on Dec. 2, Col. Omar K. Haddad, a "
                "military spokesman in Tesk, said, ''I mean it.''",
                "Omar K. Haddad, military spokesman in Tesk",
            ),
            # the name after an inverted "said", whatever the parser made the subject
            (
                "Any ''cleareyed'' reading of Mr. Reyes's actions, said Jonas Berg, an expert "
                "on Tesk at the Fjell Institute in Oslo, would see a failure.",
                "Any ''cleareyed'' reading of Mr. Reyes's actions, said Jonas Berg, an expert "
                "on Tesk at the Fjell Institute in Oslo, would see a failure.",
                "Jonas Berg",
            ),
            # an AP series label before a colon is not a speaker
            (
                "The Latest: Ann Hale tells voters she is with them.",
                "The Latest: Ann Hale tells voters she is with them.",
                "Ann Hale",
            ),
            # an interview transcript's questions are the interviewer's
            (
                "Q: Did you expect the vote to be this close?\n\nA: No, nobody did.",
                "Q: Did you expect the vote to be this close?",
                "interviewer",
            ),
        ],
    )
    def test_speaker(self, text, passage, expected):
        got = speaker_of(text, passage)
        assert got.speaker is not None
        assert expected.lower() in got.speaker.lower()

    @pytest.mark.parametrize(
        "text, passage",
        [
            # a quotation paragraph after the reporter's narration has nobody to carry on
            (
                "The council met on Monday and voted on the budget.\n\n“A historic day for "
                "the city, with a budget for everyone.”",
                "“A historic day for the city, with a budget for everyone.”",
            ),
            # a statement noun with nothing said, only when it was made
            (
                "Mayor Ruth Calder's speech on Tuesday drew a large crowd to the square.",
                "Mayor Ruth Calder's speech on Tuesday drew a large crowd to the square.",
            ),
            # a colon after a lowercase phrase is not a transcript line
            (
                'The slogan on every poster in town: "Save our library, save our town."',
                'The slogan on every poster in town: "Save our library, save our town."',
            ),
        ],
    )
    def test_nobody_is_invented(self, text, passage):
        assert speaker_of(text, passage).speaker is None

    @pytest.mark.parametrize(
        "text, expected_speaker, expected_cue",
        [
            ("The ministry refuted the report on Tuesday.", "ministry", "refuted"),
            ("Chairman Li Wen rejected the claims as baseless.", "Li Wen", "rejected"),
            ('The club dismissed the rumours as "nonsense".', "club", "dismissed"),
            ("Aerotek denied that any contract had been signed.", "Aerotek", "denied"),
        ],
    )
    def test_denials(self, text, expected_speaker, expected_cue):
        got = speaker_of(text, text)
        assert got.speaker is not None and expected_speaker.lower() in got.speaker.lower()
        assert got.cue == expected_cue

    @pytest.mark.parametrize(
        "text, passage",
        [
            ("The bridge was closed for three days after the storm.", None),
            (
                "Lind said the toll was 14. The water reached the roofs of houses in Tesk.",
                "The water reached the roofs of houses in Tesk.",
            ),
            ("Putin and Xi met in Beijing on February 4.", None),
            ("He laughed.", None),
            ("One reader wrote that the article was biased.", None),
            # "the Tesk attacks" is a noun, not "Tesk attacks ..."
            ("After the Tesk attacks, the council closed the bridge.", None),
            # calling a rally is an act, not a claim
            ("Mayor Ruth Calder has called another rally for Wednesday.", None),
            ("A commenter said the minister should resign.", None),
        ],
    )
    def test_narration_has_no_speaker(self, text, passage):
        got = speaker_of(text, passage or text)
        assert got.speaker is None
        assert got.cue is None

    def test_unresolvable_pronoun_stays_none(self):
        assert (
            speaker_of("She said the deal was off.", "She said the deal was off.").speaker is None
        )

    def test_outlet_is_not_guessed_from_text(self):
        # the reporter's outlet is metadata; narration that mentions it has no speaker
        text = "UNIAN 2022. The shelling continued overnight in the east."
        got = speaker_of(text, "The shelling continued overnight in the east.")
        assert got.speaker is None


class TestFindAttributions:
    def test_offsets_point_into_the_text(self):
        text = 'Kremlin spokesman Dmitry Peskov told reporters, "This is completely untrue."'
        found = find_attributions(text)
        assert len(found) == 1
        a = found[0]
        assert isinstance(a, Attribution)
        assert a.speaker == "Dmitry Peskov, Kremlin spokesman"
        assert a.cue == "told reporters"
        assert "completely untrue" in text[a.content_start : a.content_end]
        assert text[a.source_start : a.source_end] == "Kremlin spokesman Dmitry Peskov"

    def test_resolved_speaker_has_no_source_span(self):
        text = "Karl Voss arrived late. He said the meeting had been postponed."
        found = [a for a in find_attributions(text) if a.cue == "said"]
        assert found and found[0].speaker == "Karl Voss"
        assert found[0].source_start is None and found[0].source_end is None

    def test_conjoined_subjects_leave_no_dangling_and(self):
        # (the invented tram story's sentence, which the parser reads with nested conjuncts)
        text = (
            "A tender closes in April, and Stellbrook, Aurentis Transit and a third "
            "manufacturer have asked for the documents."
        )
        [asked] = [a for a in find_attributions(text) if a.cue == "asked"]
        assert asked.speaker == "Stellbrook and Aurentis Transit"

    def test_empty_text(self):
        assert find_attributions("") == []
        assert find_attributions("  \n\n ") == []

    def test_round_trip(self):
        a = Attribution(1, 5, "X", "said", None, None, "reported")
        assert Attribution.from_dict(a.to_dict()) == a


class TestAttributePassages:
    def test_returns_new_passages_in_order(self):
        text = "Ann Lee said taxes would fall.\n\nThe vote is on Friday."
        first = Passage("a", "x", "Ann Lee said taxes would fall.", 0, 30)
        second = Passage("b", "x", "The vote is on Friday.", 32, 54)
        got = attribute_passages(text, [first, second])
        assert [p.id for p in got] == ["a", "b"]
        assert got[0].speaker == "Ann Lee" and got[0].cue == "said"
        assert got[1].speaker is None
        assert first.speaker is None  # inputs untouched

    def test_empty(self):
        assert attribute_passages("Some text.", []) == []

    def test_mismatched_passage(self):
        with pytest.raises(ValueError, match="does not match"):
            attribute_passages("Some text.", [Passage("a", "x", "other", 0, 5)])

    def test_speaker_covering_most_wins(self):
        text = (
            "Chinese leader Xi Jinping refused to come to Russia.\n\nAccording to the Japanese "
            "newspaper Yomiuri, citing its own diplomatic sources, the refusal was justified by "
            "the restrictions caused by the coronavirus."
        )
        got = speaker_of(text, text)
        assert "Yomiuri" in got.speaker
        assert got.cue == "according to"

    @pytest.mark.parametrize(
        "text, speaker, cue",
        [
            (
                "Mara Kettle said the bridge plan would fail, and Tom Brill vowed to block it "
                "in the council.",
                "Mara Kettle; Tom Brill",
                "said; vowed",
            ),
            (
                "Mara Kettle proposed a debate on April 4, but Tom Brill rejected the idea.",
                "Mara Kettle; Tom Brill",
                "proposed; rejected",
            ),
            (
                "The Valley Party claimed the vote had been rigged, but election officials "
                "said they had found no fraud.",
                "Valley Party; election officials",
                "claimed; said",
            ),
            # "while" another speaks, set against the claim though parsed inside it
            (
                "Senator Mara Kettle suggested that the plan was too costly, while Tom Brill "
                "said the town could not wait any longer.",
                "Mara Kettle, Senator; Tom Brill",
                "suggested; said",
            ),
            # a report in a coordinated clause is a second speaker, not a relay
            (
                "Mara Kettle said the bridge would open in May, but the Tesk Courier reported "
                "that the money had run out.",
                "Mara Kettle; Tesk Courier",
                "said; reported",
            ),
        ],
    )
    def test_two_people_speaking_in_one_sentence_are_both_named(self, text, speaker, cue):
        got = speaker_of(text, text)
        assert (got.speaker, got.cue) == (speaker, cue)

    @pytest.mark.parametrize(
        "text, speaker",
        [
            # one person, named again
            (
                "Mara Kettle said the bridge plan would fail, and Kettle added that the "
                "council knew it.",
                "Mara Kettle",
            ),
            (
                "Mara Kettle, the mayor, said the bridge plan would fail, and the mayor "
                "vowed to block it.",
                "Mara Kettle, mayor",
            ),
            # a bare role beside a name is most often that person, unresolved
            (
                "Mara Kettle said the bridge would open in May, and the former mayor "
                "promised a party.",
                "Mara Kettle",
            ),
            (
                "The Tesk senator said the bridge would open in May, and Mara Kettle promised "
                "a party.",
                "Tesk senator",
            ),
            # a thing that shows something is no second speaker
            (
                "Mara Kettle said the bridge would open in May, but a council report showed "
                "the money had run out.",
                "Mara Kettle",
            ),
            # words reported inside another's are the reporter's
            ("Tom Brill said that Mara Kettle had called the plan a disgrace.", "Tom Brill"),
            (
                "Mara Kettle said that while Tom Brill had called the plan costly, it would "
                "pay for itself.",
                "Mara Kettle",
            ),
            # across sentences, the passage keeps the speaker who covers most of it
            (
                "Mara Kettle said the bridge plan would fail on the first day. "
                "Tom Brill said it would open.",
                "Mara Kettle",
            ),
        ],
    )
    def test_one_speaker_when_the_second_is_the_same_or_not_beside_them(self, text, speaker):
        assert speaker_named(text) == speaker


def test_import_does_not_load_spacy():
    code = "import sys, retrieval.attribution; print('spacy' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"


def test_labelled_set_accuracy():
    """Speakers of tests/data/speakers.jsonl: at least 0.9 of passages right."""
    rows = [json.loads(line) for line in (DATA / "speakers.jsonl").read_text().splitlines()]
    assert len(rows) >= 60
    right = 0
    by_article: dict[str, list[dict]] = {}
    for row in rows:
        by_article.setdefault(row["article"], []).append(row)
    for name, items in by_article.items():
        text = (DATA / "articles" / name).read_text(encoding="utf-8")
        passages = []
        for i, row in enumerate(items):
            start = text.index(row["passage"])
            passages.append(
                Passage(str(i), name, row["passage"], start, start + len(row["passage"]))
            )
        for row, got in zip(items, attribute_passages(text, passages), strict=True):
            want = row["speaker"]
            if want is None:
                right += got.speaker is None
            else:
                right += got.speaker is not None and want.lower() in got.speaker.lower()
    assert right / len(rows) >= 0.9, f"{right}/{len(rows)}"


SEED_UNIAN = "seed_000_48b3ab6b06832608.txt"
SEED_REPUBLIC = "seed_002_531a3ddd1fc5c7d1.txt"


def _paragraph(text: str, phrase: str) -> str:
    at = text.index(phrase)
    start = text.rfind("\n\n", 0, at)
    end = text.find("\n\n", at)
    return text[0 if start < 0 else start + 2 : len(text) if end < 0 else end]


@pytest.mark.parametrize(
    "article, phrases, name",
    [
        (SEED_REPUBLIC, ["completely untrue"], "Peskov"),
        (SEED_REPUBLIC, ["will, certainly, take place"], "Peskov"),
        (
            SEED_UNIAN,
            ["refused to come to Russia", "restrictions caused by the coronavirus"],
            "Yomiuri",
        ),
        (SEED_UNIAN, ["restrictions caused by the coronavirus"], "Yomiuri"),
        (SEED_UNIAN, ["June 15"], "diplomatic sources"),
        (SEED_REPUBLIC, ["disappointed by the fact"], "Stoltenberg"),
        (SEED_REPUBLIC, ["Stoltenberg disappointed that China"], "Stoltenberg"),
        (
            SEED_REPUBLIC,
            ["Stoltenberg disappointed that China", "the NATO chief added"],
            "Stoltenberg",
        ),
    ],
)
def test_seed_requirements(article, phrases, name):
    """The seed passages the project's eval checks: whole paragraphs, as the chunker cuts them."""
    text = (DATA / "articles" / article).read_text(encoding="utf-8")
    first, last = _paragraph(text, phrases[0]), _paragraph(text, phrases[-1])
    start = text.index(first)
    passage = text[start : text.index(last, start) + len(last)]
    got = speaker_of(text, passage)
    assert got.speaker is not None and name.lower() in got.speaker.lower(), passage[:80]


class TestCueModel:
    def test_model_adds_verbs_the_rules_do_not_know(self):
        from retrieval.attribution.finder import ClaimFinder

        text = "Senator Ann Hale endorsed the plan on Monday."
        blocks = attribution._blocks(text)
        docs = list(attribution._nlp().pipe(text[s:e] for s, e in blocks))
        learned = ClaimFinder(text, blocks, docs).run()
        rules_only = ClaimFinder(text, blocks, docs, model=None, source_model=None).run()
        assert [c.speaker for c in learned] == ["Ann Hale, Senator"]
        assert rules_only == []

    def test_threshold_is_checked(self):
        from retrieval.attribution.model import CueModel

        with pytest.raises(ValueError, match="threshold must be between 0 and 1"):
            CueModel({}, 0.0, 1.5)

    def test_missing_model_file_means_rules_only(self, tmp_path):
        from retrieval.attribution.model import CueModel

        assert CueModel.load(tmp_path / "absent.json") is None


class TestSourceModel:
    """The learned source model: for sentences no rule attributes, weaker than any rule."""

    @staticmethod
    def _finder(text: str, **kwargs):
        from retrieval.attribution.finder import ClaimFinder

        blocks = attribution._blocks(text)
        docs = list(attribution._nlp().pipe(text[s:e] for s, e in blocks))
        return ClaimFinder(text, blocks, docs, **kwargs)

    @staticmethod
    def _subjects_speak():
        """A stand-in source model that takes any sentence subject as the source."""
        from retrieval.attribution.model import CueModel

        return CueModel({"dep=nsubj": 10.0}, bias=-5.0, threshold=0.5)

    def test_the_model_names_the_source_of_a_sentence_no_rule_attributes(self):
        text = "Hale is a fierce opponent of the deal."
        learned = self._finder(text, source_model=self._subjects_speak()).run()
        assert [(c.speaker, c.kind) for c in learned] == [("Hale", "learned_source")]
        assert self._finder(text, source_model=None).run() == []

    def test_the_subject_of_an_act_is_never_a_candidate(self):
        finder = self._finder("Xi Jinping refused to come to Russia at Putin's invitation.")
        heads = [head.text for head, _ in finder.source_candidates(finder.sents[0])]
        assert "Jinping" not in heads and "Xi" not in heads

    def test_rules_win_over_the_model_in_a_passage(self, monkeypatch):
        # the model reads the poll as a source; the rule-found reporter of the paragraph
        # speaks for the whole passage
        text = (
            "Hale is a fierce opponent of the deal. "
            "The Valley Post reported that the deal would be signed on Friday."
        )
        claims = self._finder(text, source_model=self._subjects_speak()).run()
        assert {c.kind for c in claims} >= {"learned_source", "reported"}
        from retrieval.attribution import finder as _attribution_cues

        monkeypatch.setattr(_attribution_cues, "shipped_source_model", self._subjects_speak)
        got = speaker_of(text, text)
        assert got.speaker is not None and "Valley Post" in got.speaker


def test_a_name_beside_an_event_takes_no_role_from_it():
    text = (
        "Saturday at the Fjell Democratic party convention Sen. Ann Hale (D-OR) said Reyes "
        'was a "proven failure" in business.'
    )
    got = speaker_of(text, text)
    assert got.speaker == "Ann Hale"


@pytest.mark.parametrize(
    "headline, speaker, cue",
    [
        (
            "Conservative Icon Ann Hale Endorses Omar Haddad.",
            "Conservative Icon Ann Hale",
            "Endorses",
        ),
        ("Fjell Mayor Denies Reports The Bridge Will Close", "Fjell Mayor", "Denies"),
        # in the past tense, and behind a kicker
        ("Ann Hale Just Announced Who She Would Back For Mayor", "Ann Hale", "Announced"),
        (
            "This Fjell Council Panel Just Dismissed The Bridge Plan.",
            "This Fjell Council Panel",
            "Dismissed",
        ),
        ("EXCLUSIVE – Jonas Berg: Don’t Trust the Bridge Figures.", "Jonas Berg", ":"),
    ],
)
def test_a_title_case_headline_splits_at_its_speech_verb(headline, speaker, cue):
    text = headline + "\n\nThe council met on Monday."
    got = speaker_of(text, headline)
    assert (got.speaker, got.cue) == (speaker, cue)


def test_a_title_case_headline_without_speech_verb_has_no_speaker():
    text = "Fjell Bridge Closes For Winter Repairs\n\nThe council met on Monday."
    assert speaker_of(text, "Fjell Bridge Closes For Winter Repairs").speaker is None


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("Six in 10 say the mayor is at least somewhat decisive.", "Six in 10"),
        ("Nearly nine out of 10 say they will need new skills.", "nine out of 10"),
    ],
)
def test_a_poll_share_is_the_speaker_of_its_figures(text, speaker):
    assert speaker in speaker_named(text)


@pytest.mark.parametrize(
    "text, speaker",
    [
        # a rank abbreviation neither splits the sentence nor leaves the role
        (
            "“I do not see how a better candidate stayed out,” said Air Force 1st Lt. Omar "
            "Haddad, who is stationed in Tesk.",
            "Omar Haddad, Air Force 1st Lt.",
        ),
        ("Army Capt. Ann Hale said the base would stay open.", "Ann Hale, Army Capt."),
        # a role the tagger reads as a name keeps the name that follows it
        (
            "Former Fjell Telecom CEO Jonas Berg denied the report on Monday.",
            "Jonas Berg, former Fjell Telecom CEO",
        ),
        # an honorific opening the phrase is still no role
        ("Sgt. Ann Hale said the base would stay open.", "Ann Hale"),
    ],
)
def test_titles_and_ranks_before_a_name(text, speaker):
    assert speaker_of(text, text).speaker == speaker


@pytest.mark.parametrize(
    "text, speaker, cue",
    [
        # a participle phrase between the name and a subjectless "said"
        (
            "“We have had better budgets than this one,” Fjell delegate Ann Hale, wearing a "
            "red scarf and campaign buttons, said matter-of-factly.",
            "Ann Hale, Fjell delegate",
            "said",
        ),
        # "called it/that" with the quote right after
        ('Campaign manager Jonas Berg called that "beyond absurd."', "Jonas Berg", "called"),
        # "made clear" is speech
        (
            "Officials with the Fjell Party made clear Monday they have no plans to "
            "spend money on the race.",
            "officials with the Fjell Party",
            "made clear",
        ),
    ],
)
def test_more_ways_to_say_it(text, speaker, cue):
    got = speaker_of(text, text)
    assert got.speaker is not None and speaker in got.speaker and got.cue == cue


@pytest.mark.parametrize(
    "headline, speaker",
    [
        ("Fjell PAC blasts Reyes for skipping debate.", "Fjell PAC"),
        ("Ann Hale heckles Reyes supporters: 'You are being ridiculous.'", "Ann Hale"),
        # the object read as the verb, and the verb as its plural subject
        ("Councillor Hale rips plan over tolls;", "Councillor Hale"),
    ],
)
def test_a_sentence_case_headline_the_parser_misread(headline, speaker):
    text = headline + "\n\nThe council met on Monday."
    assert speaker_of(text, headline).speaker == speaker


def test_a_one_sentence_paragraph_with_a_verb_is_no_headline():
    text = "Senate Republicans' attacks on the mayor intensified.\n\nThe council met."
    assert "headline" not in {a.kind for a in attribution.find_attributions(text)}


@pytest.mark.parametrize(
    "text, speaker",
    [
        # what X was called, hung by the parser on X itself
        ("Ann Hale called her old rival her hero before the vote.", "Ann Hale"),
        (
            "At the time, Mr. Berg called Mr. Reyes, a former coal trucking director, an "
            "outstanding leader.",
            "Berg",
        ),
        ("Ms. Hale called Mr. Reyes an ''Aunt Tom.''", "Hale"),
        # a second verb the parser left loose takes the first one's subject
        ("Ann Hale paused, then revealed why the vote had failed.", "Ann Hale"),
        # a speech verb read as a participle on the noun after it
        ("In March, Hale blasted Fjell Air for its “outrageous practices.”", "Hale"),
    ],
)
def test_speech_verbs_the_parser_misread(text, speaker):
    assert speaker in speaker_named(text)


@pytest.mark.parametrize(
    "text",
    ["He called his friend Bob to ask about it.", "She called the mayor, Ann Hale, on Monday."],
)
def test_a_phone_call_is_no_claim(text):
    assert not [a for a in attribution.find_attributions(text) if a.cue == "called"]


@pytest.mark.parametrize(
    "text, speaker",
    [
        # a speech verb under "by"/"in" belongs to the verb's subject
        ("Ann Hale opened the meeting by saying she is ready to work.", "Ann Hale"),
        # a comma-bounded phrase and an adverb between the name and the verb
        (
            "Speaking in Tesk, Hale, without naming him, also accused Reyes of being late.",
            "Hale",
        ),
        # a list of verbs whose first the parser made a clause on the second
        (
            "Hale summed up Reyes as “terrible,” denounced his record and said he should resign.",
            "Hale",
        ),
    ],
)
def test_speakers_of_verbs_the_parser_cut_off(text, speaker):
    assert speaker in speaker_named(text)


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("Hale was heard on a microphone telling Reyes to get on a plane.", "Hale"),
        ("The row centers on comments Hale made during a speech attacking Reyes.", "Hale"),
    ],
)
def test_the_thing_someone_speaks_through_is_not_the_speaker(text, speaker):
    assert speaker in speaker_named(text)


def test_writing_off_an_investment_is_no_claim():
    text = "Fjell would let businesses immediately write off capital investment."
    assert not [a for a in attribution.find_attributions(text) if a.cue == "write off"]


@pytest.mark.parametrize(
    "text, speaker",
    [
        (
            "On Tuesday, both of Hale's remaining rivals for the nomination criticized her "
            "handling of the bridge.",
            "both of Hale's remaining rivals for the nomination",
        ),
        (
            "Many of the local party leaders who would rather be campaigning say they are "
            "frustrated.",
            "many of the local party leaders",
        ),
        (
            "The Fjell hacker whose mischief first revealed that the mayor used a private "
            "account pleaded guilty.",
            "Fjell hacker",
        ),
        # a number or a share counting a group
        (
            "On the main issue, nearly two-thirds of Tesk primary voters said that the banks "
            "do more to hurt the economy than to help it.",
            "two-thirds of Tesk primary voters",
        ),
        (
            "Two of the council members seeking the mayoralty have said their totals are strong.",
            "Two of the council members",
        ),
    ],
)
def test_groups_and_whose_clauses_name_the_whole_source(text, speaker):
    assert speaker_of(text, text).speaker == speaker


@pytest.mark.parametrize(
    "text, wrong",
    [
        # a person after "with"/"to" speaks for themselves, not for the main subject
        ("Police spoke with a witness claiming he saw the gunman.", "Police"),
        ("The mayor met with a group demanding his resignation.", "mayor"),
        # speech verbs that are also plain actions
        ("The chef improved the soup by adding salt.", "chef"),
        # a quoted name for a thing, a quote in someone else's clause, a phone call
        ('The union called a "general strike" for Monday.', "union"),
        ('She called her mother, who told her "come home now."', "She"),
        ("She called her lawyer, John Smith, a longtime friend, for advice.", "She"),
        # "made ... clear" is speech only as "made clear" / "made it clear"
        ("The filter made the water clear.", "filter"),
    ],
)
def test_actions_that_look_like_speech_get_no_false_speaker(text, wrong):
    speakers = {a.speaker for a in attribution.find_attributions(text)}
    assert not any(s and wrong.lower() in s.lower() for s in speakers)


def test_a_quoted_name_read_as_the_object_is_still_what_x_was_called():
    text = "Ann Hale also is reported to have called the Fjell board “free riders” on Monday."
    assert "Ann Hale" in (speaker_of(text, text).speaker or "")


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("Massachusetts Sen. Ann Hale said the bill was bad.", "Ann Hale, Massachusetts senator"),
        (
            "Former Fjell Gov. Jonas Berg said the bill was bad.",
            "Jonas Berg, former Fjell governor",
        ),
        ("Ann Hale, unlikely as it seems, said the bill was bad.", "Ann Hale"),
        (
            "Air Force 1st Lt. Omar Haddad said the base would close.",
            "Omar Haddad, Air Force 1st Lt.",
        ),
    ],
)
def test_a_civil_title_ending_a_role_is_spelled_out_and_a_rank_kept(text, speaker):
    assert speaker_of(text, text).speaker == speaker


@pytest.mark.parametrize(
    "headline",
    [
        "Fjell Mayor Criticized By Council Over Bridge",
        "Firefighter Hailed A Hero After Rescue",
        "Senator Questioned About Campaign Finances",
    ],
)
def test_a_passive_past_tense_headline_has_no_headline_speaker(headline):
    text = headline + "\n\nThe council met on Monday."
    assert "headline" not in {a.kind for a in attribution.find_attributions(text)}


def test_he_said_after_a_report_of_someone_else_is_the_reporter():
    text = (
        "Hale spokesman Jonas Berg said that the campaign will contrast Hale and Reyes to "
        'show that Hale has "guiding principles for hard decisions," he said.'
    )
    assert speaker_of(text, text).speaker == "Jonas Berg, Hale spokesman"


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("Asked about the bridge, Mr. Berg shot back: ''That would be good.''", "Berg"),
        ('Hale delivered a snappy retort: "No one is closing this bridge."', "Hale"),
    ],
)
def test_a_clause_ending_in_a_colon_before_a_quotation_is_its_subject_speaking(text, speaker):
    assert speaker in speaker_named(text)


def test_a_thing_before_a_colon_and_a_quotation_is_no_speaker():
    text = 'The sign on the bridge read: "Closed for repairs."'
    assert {a.kind for a in attribution.find_attributions(text)} <= {"learned", "learned_source"}


@pytest.mark.parametrize(
    "text, speaker",
    [
        ('Berg fired back: "As a guardian of the budget, I know better."', "Berg"),
        ('"Go back to the studio," Hale barked.', "Hale"),
        ('Ms. Hale, who signed the bridge law, interjected to say: "It is not true."', "Hale"),
        ("Absent Reyes derides the debate.", "Reyes"),
        ("Ann Hale rebuked the council for its silence on the toll.", "Ann Hale"),
    ],
)
def test_more_speech_verbs(text, speaker):
    assert speaker.lower() in speaker_named(text).lower()


def test_gunfire_is_no_speech():
    assert not [
        a for a in attribution.find_attributions("Police shot back at the gunman.") if a.speaker
    ]


def test_an_age_alone_reads_as_an_age():
    text = "At a campaign event in Tesk, 62-year-old Ann Hale also railed against the toll."
    assert speaker_of(text, text).speaker == "Ann Hale, 62"


def test_a_whose_clause_is_no_role():
    text = (
        "Ann Hale, whose latest start-up, Fjellware, sells maps, spoke first.\n\n"
        "Ms. Hale added that the bridge would close."
    )
    got = speaker_of(text, "Ms. Hale added that the bridge would close.")
    assert got.speaker is not None and "whose" not in got.speaker


@pytest.mark.parametrize(
    "text",
    [
        "Reader Comments On This Story\n\nThe council met.",
        "Reader comments on this story\n\nThe council met.",
        "Reader: The bridge should close.\n\nThe council met.",
    ],
)
def test_a_reader_is_never_a_speaker_whatever_the_rule(text):
    assert not [a for a in attribution.find_attributions(text) if a.speaker]


def test_a_magazine_named_for_readers_still_speaks():
    text = "Reader's Digest said the bridge should close."
    assert speaker_of(text, text).speaker == "Reader's Digest"


def test_a_name_the_tagger_misread_keeps_its_capital():
    text = "Sanders called her fallen son her hero, and Sanders wept."
    assert speaker_of(text, text).speaker == "Sanders"


def test_a_common_noun_at_the_start_is_still_lowered():
    text = "Police said the road was closed, and Police Chief Ann Hale agreed."
    speakers = {a.speaker for a in attribution.find_attributions(text)}
    assert "police" in speakers


def speaker_of_words(text: str, words: str) -> str:
    """The speaker of the claim whose content holds ``words`` ("" for none)."""
    at = text.index(words)
    for a in find_attributions(text):
        if a.content_start <= at and at + len(words) <= a.content_end:
            return a.speaker or ""
    return ""


@pytest.mark.parametrize(
    "text, words, speaker",
    [
        # a quotation the parser cut off from its verb still belongs to the claim beside it
        (
            "“She is moving a bit to the left and I think that’s fine, and people who are "
            "giving to her understand that,” Lasrin told the Tesk Courier in May.",
            "people who are giving",
            "Lasrin",
        ),
        (
            'Hale has since apologized for what happened: "Yes, I should have used two email '
            "addresses, one for personal matters and one for my work at the ministry. Not "
            "doing so was a mistake. I'm sorry.\"",
            "Not doing so was a mistake",
            "Hale",
        ),
        # a speech verb misread as an adjective says what follows it
        (
            "In March, Hale blasted Tesko for its “outrageous practices” in requiring 250 "
            "workers to train their foreign replacements before being laid off.",
            "outrageous practices",
            "Hale",
        ),
        # a preposition misread as the subject, its name read as an appositive
        (
            "Of Carson, Levrin, who has given money to Marco Hale, said, “He’s flat-out "
            "scary. I think he’s a wonderful man … But he’s totally vapid.”",
            "totally vapid",
            "Levrin",
        ),
        # a name opening the sentence, cut off from its verb by a misread relative clause
        (
            "Tesker, meanwhile, who sits at zero such endorsements, said that fact speaks "
            'volumes about which of the two candidates is "prepared to take on the '
            'establishment."',
            "fact speaks volumes",
            "Tesker",
        ),
        # "said Mr. Reyes was ...": the subject of what was said is not the speaker; the
        # name that opens the sentence is
        (
            "Mr. Berg, whose latest start-up, Paradata, uses big data to help brands find "
            "suppliers, said Mr. Reyes was a candidate very much of the moment.",
            "a candidate very much",
            "Berg",
        ),
        # a verb after a scare quote in a list of one speaker's verbs: not the quote's verb,
        # and its object is no speaker
        (
            "The anxiety was underscored Wednesday when Mayor Ann Hale of Tesk lamented the "
            '"disheartened" state of the campaign and criticized the "identity politics" on '
            "display in the increasingly toxic race for the nomination.",
            "identity politics",
            "Ann Hale",
        ),
        # a poll's share read as a number on its verb
        (
            "About 4 in 10 say they want the next mayor to have more liberal policies.",
            "more liberal policies",
            "4 in 10",
        ),
        # an inverted speech verb before a group named by its members
        (
            "Part of the problem in detecting tunnels, say experts like Paul Varga, a "
            "Canadian geophysicist, is the ground itself.",
            "the ground itself",
            "Varga",
        ),
    ],
)
def test_quotes_and_speakers_the_parser_split_from_their_verb(text, words, speaker):
    assert speaker in speaker_of_words(text, words)


def test_a_learned_cue_inside_what_a_speaker_reports_does_not_own_the_sentence():
    text = (
        "As the Tesk Courier’s investigative unit reported just today, the State Department "
        "Inspector General issued subpoenas to the Hale Foundation as part of a probe."
    )
    assert "Tesk Courier" in speaker_named(text)


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("The Hale campaign plans to air the ad in Tesk next week.", "Hale campaign"),
        ("Mayor Ann Hale wants to bring the games to Tesk.", "Ann Hale"),
    ],
)
def test_wanting_and_planning_state_the_subjects_position(text, speaker):
    assert speaker in speaker_named(text)


@pytest.mark.parametrize(
    "text",
    ["Xi refused to come to Russia.", "The minister declined to attend the summit."],
)
def test_refusing_to_act_is_an_act_not_a_claim(text):
    assert speaker_named(text) == ""


@pytest.mark.parametrize(
    "text, speaker",
    [
        # a claim by someone unnamed does not hide the named speaker beside it
        (
            'Although Hale says that Reyes "broke the story" of the armed 2014 standoff in '
            "Tesk, others argue that Reyes is the reason it occurred in the first place.",
            "Hale",
        ),
        # "That said" means "however"
        (
            "That said, students say they believe success will require a lifetime of effort.",
            "students",
        ),
        # a new clause after a dash has its own subject
        (
            "And it wasn’t a one-off or an accident — Brendan Varga, a spokesman for Hale, "
            "told the Courier that the mayor gave Reyes a heads up about his declaration.",
            "Brendan Varga",
        ),
        # the phrase after a quotation's verb is its speaker, even read as the object
        (
            "“There are more candidates competing in Tesk, many of whom have practically lived "
            "there for months,” added another Tesk councillor.",
            "councillor",
        ),
    ],
)
def test_the_named_speaker_of_a_sentence_with_an_unnamed_one(text, speaker):
    assert speaker in speaker_named(text)


@pytest.mark.parametrize(
    "text, speaker",
    [
        # "hopes" is lemmatised "hop" by the tagger: the word as written still counts
        ("Hale hopes to get one last media splash from her tour of Tesk.", "Hale"),
        # "calling X Y" read as a small clause
        (
            "The candidates went further, with former Tesk Mayor Ann Hale calling Reyes a fascist.",
            "Ann Hale",
        ),
        # the said clause the parser made the head of "told"
        (
            "The endorsement comes just three days after Hale told the Tesk Courier she was "
            "“not quite there yet” on supporting Reyes, who will face a challenger in a "
            "primary on Tuesday.",
            "Hale",
        ),
        # "with X asking": the one after "with" asks, not the subject of the sentence
        (
            "The interview ended with Varga asking Hale pointedly whether she would run "
            "again should the council fall.",
            "Varga",
        ),
        # a day opening the sentence is no speaker
        (
            "Friday, Tesk, leading a coalition of 13 towns, asked a federal judge to block "
            "the rules in time for this school year.",
            "Tesk",
        ),
        # a conversation believes nothing; the one who entered it does
        (
            "The Hale campaign entered Thursday’s conversation believing they have more "
            "leverage than the party’s establishment figures.",
            "Hale campaign",
        ),
        # a name and any verb ending the sentence after a quotation are its tag
        (
            "“The Courier is claiming today that you had an off-the-record conversation "
            "in January,” Varga started.",
            "Varga",
        ),
        # a speech verb read as an adjective after a name and its appositive
        (
            "Omar Varga, the father of a slain Tesk soldier, decried Hale’s repeated calls "
            "to ban all migrants from entering Tesk during a speech at the convention.",
            "Omar Varga",
        ),
        ("The bridge is her secret weapon, Hale hints.", "Hale"),
        # a trailing "..., the Courier reports." speaks for what comes before the comma
        (
            "Tesk fans also chanted, “Build a wall,” referring to the candidate’s vow to "
            "construct a wall along the border, the Tesk Courier reports.",
            "Tesk Courier",
        ),
    ],
)
def test_hopes_small_clauses_and_trailing_reports(text, speaker):
    assert speaker in speaker_named(text)


def test_a_paragraph_ending_in_a_colon_speaks_for_the_quotation_after_it():
    text = (
        "In the debate, Hale called them on it:\n\n"
        "“The questions asked in this debate illustrate why the people of Tesk don’t trust "
        "the media. Everyone knows it.”"
    )
    assert speaker_of(text, "Everyone knows it.").speaker == "Hale"


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("In the new Courier-Tesk poll, Hale wins about 1 in 3 primary voters.", "poll"),
        ("Reyes was at 25 percent support in the most recent Tesk poll, up eight points.", "poll"),
        ("Hale surged in the polls after the debate.", ""),
    ],
)
def test_a_poll_is_the_source_of_its_figures(text, speaker):
    got = speaker_named(text)
    assert speaker in got if speaker else got == ""


def test_a_paragraph_ending_in_a_colon_lends_any_of_its_speakers_to_the_quotation():
    text = (
        "Of course, as Ann Hale of the Tesk Courier observed, the biggest victor was not on "
        "the stage, it was the stage itself:\n\n"
        "“The clear winner of the debate was the network, which conducted two lively "
        "sessions that were freewheeling and fair. The entire field benefited.”"
    )
    assert speaker_of(text, "The entire field benefited.").speaker == "Ann Hale"


def test_a_quotation_after_a_speakers_own_sentence_is_theirs():
    text = (
        "Tesk University professor Dianne Varga agreed. "
        '"Mainstream candidates are running out of time to find an alternative to Hale. '
        'At this point, that alternative may be Reyes."'
    )
    passage = "At this point, that alternative may be Reyes."
    assert "Dianne Varga" in (speaker_of(text, passage).speaker or "")


def test_a_quotation_paragraph_signed_by_the_next_one():
    text = (
        "Varga was among friends in Tesk on Wednesday.\n\n"
        '"Great speech. She is tested. She is ready. She never quits."\n\n'
        "-Mayor Ann Hale, tweeting after the speech.\n\n"
        '"The whole idea is something that we hear about all the time, and it needs to stop."'
        "\n\n— Tom Reyes."
    )
    assert "Ann Hale" in (speaker_of(text, "She never quits.").speaker or "")
    assert speaker_of(text, "and it needs to stop.").speaker == "Tom Reyes"
    assert speaker_of(text, "Varga was among friends in Tesk on Wednesday.").speaker is None


@pytest.mark.parametrize(
    "lead",
    [
        # a verb the parser hung off the root, its subject opening the paragraph
        "Varga elaborated in an editorial for the Tesk Courier that councillors pledged to "
        "Hale, even those who did so before the campaign began, may reconsider.",
        "Varga continued her scathing remarks.",
        # the paragraph's only named speaker, wherever the cue sits
        "If anything, Varga argued in her email, the incident is an illustration of why the "
        "council should adopt new rules of order.",
    ],
)
def test_the_paragraph_before_a_quotation_paragraph_lends_its_opening_speaker(lead):
    quote = "“A win for Reyes would underscore Hale’s weakness. Councillors will think hard.”"
    text = f"{lead}\n\n{quote}"
    assert "Varga" in (speaker_of(text, "Councillors will think hard.").speaker or "")


@pytest.mark.parametrize(
    "text, speaker",
    [
        (
            "Hale has not given to any other candidate this year, Tesk Election Commission "
            "records compiled by the Courier show.",
            "Tesk Election Commission records",
        ),
        (
            "During the same stretch, council records show, the mayor's car was driven "
            "roughly 216 hours.",
            "council records",
        ),
        (
            "In all, the host committee raised $5 million, campaign finance records show.",
            "campaign finance records",
        ),
        (
            "Hale may win the district (although as Tuesday's results show, the north is not "
            "out of reach).",
            "Tuesday's results",
        ),
    ],
)
def test_records_set_off_by_commas_are_the_source_of_their_sentence(text, speaker):
    assert speaker_named(text) == speaker


@pytest.mark.parametrize(
    "text",
    [
        "The mayor took to the talk shows.",
        "Hale won, as show.",  # nothing between "as" and the verb: no phrase, no crash
        "Hale said so on Monday, in a rerun of the show.",
        # a quotation's own records are the quoted speaker's business, not the article's
        '"As the council took control, records show, a flow of cash moved to Tesk."',
    ],
)
def test_a_show_that_is_a_noun_or_quoted_records_name_no_records(text):
    assert "records" not in speaker_named(text) and "transcript" not in speaker_named(text)


@pytest.mark.parametrize(
    "text, speaker",
    [
        # any speech verb inverts right after a quotation; the name was read as its object
        (
            '"Gun owners should leave their weapons at home," opined the Tesk Courier.',
            "Tesk Courier",
        ),
        # the main verb read as a relative clause on the speaker's name
        (
            "Mayor Ann Hale, the city's highest-ranking Republican, on Tuesday called "
            "Tom Reyes's remarks about a judge ''racist,'' an extraordinary indictment.",
            "Ann Hale",
        ),
        # "reassure" reports what was said
        (
            "At the same time, Hale has worked to calm fears, reassuring her counterpart "
            "Tom Reyes that Tesk has no plans to close the border.",
            "Hale",
        ),
    ],
)
def test_inverted_relative_and_reassuring_speakers(text, speaker):
    assert speaker in speaker_named(text)


def test_countering_a_rival_is_an_act_and_countering_a_quote_is_speech():
    assert speaker_named("Tesk has no plans to counter the city's dominance in the region.") == ""
    assert speaker_named('"That is simply untrue," Hale countered.') == "Hale"


def test_whom_a_speaker_tells_after_a_quotation_is_not_the_speaker():
    text = (
        "The Hale Foundation did not want to address “that person,” telling Tesk 35 that "
        "the organization is focused on “ending senseless gun violence.”"
    )
    assert speaker_named(text) == "Hale Foundation"


def test_each_name_and_colon_in_a_transcript_paragraph_speaks_until_the_next():
    text = (
        "Ann Hale and Tom Reyes, among others, reject the term containment.\n\n"
        'Hale: "Our goal is not to contain the flood but to end it." '
        'Reyes: "The mission is to end the flood, not to contain it." '
        'Update: "Both spoke on Monday."'
    )
    assert speaker_of(text, "Our goal is not to contain the flood").speaker == "Ann Hale"
    assert speaker_of(text, "The mission is to end the flood").speaker == "Tom Reyes"
    assert speaker_of(text, "Both spoke on Monday.").speaker != "Update"


def test_current_and_former_aides_are_one_group():
    assert speaker_named("Current and former aides said the campaign was broke.") == (
        "current and former aides"
    )


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("“Go back to Tesk,” Hale barked and a security guard escorted Reyes out.", "Hale"),
        (
            "When someone in the audience shouted, “Reyes,” Varga joked, again using an "
            "exaggerated accent, “Amen, brother! Come on up and get baptized!”",
            "Varga",
        ),
    ],
)
def test_a_name_read_as_part_of_the_verb_after_a_quotation_is_its_speaker(text, speaker):
    assert speaker_named(text) == speaker


@pytest.mark.parametrize(
    "text, speaker",
    [
        # what the object is called or blamed for is part of what is said, so the claim
        # covers enough of its sentence to speak for it
        (
            "Reyes has continued to push for a single-payer health care system — a dream for "
            "many in Tesk — while Hale has slammed his proposal as too vague and politically "
            "unrealistic.",
            "Hale",
        ),
        (
            "That type of friendly stance toward moneyed elites is hardly an anomaly for Varga, "
            "who criticized fellow councillors in 2011 for seeking a higher tax rate on "
            "millionaires.",
            "Varga",
        ),
        ("Other councillors joined Hale's call for a special prosecutor.", "Hale"),
    ],
)
def test_what_a_speaker_calls_blames_or_calls_for(text, speaker):
    assert speaker_named(text) == speaker


def test_a_phone_call_is_no_statement():
    assert speaker_named("Hale took a call from Reyes on Monday.") == ""


def test_a_surname_read_as_a_common_noun_is_still_he():
    def mention(text: str, start: int, sent: int, **kw) -> Mention:
        fields = dict(name=None, role=None, kind="thing", head_lemma=text.lower())
        fields.update(kw)
        return Mention(start, start + len(text), text, sent=sent, subject=True, definite=False,
                       main=True, **fields)  # fmt: skip

    named = mention("Tom Reyes", 0, 0, name="Tom Reyes", kind="person")
    # "Reyes quickly disavowed ..., but he slammed ...": the tagger read "Reyes" as a noun
    noun = mention("Reyes", 100, 1)
    resolver = Resolver([named, noun])
    assert resolver.pronoun_in_sentence("he", 150, 1).speaker() == "Tom Reyes"


@pytest.mark.parametrize(
    "headline, speaker",
    [
        # title case keeps short function words small ("for", "from")
        (
            "Ann Hale Blasts Reyes for Mocking His Fast, Quotes Bible to Urge Tesk to ‘Turn "
            "Away’ from ‘Boasters’ Like Varga.",
            "Ann Hale",
        ),
        # a possessive inside the name; backing someone is a position, like endorsing
        ("Tesk’s Ann Hale Backs Reyes And Denounces Varga.", "Tesk’s Ann Hale"),
    ],
)
def test_title_case_headlines_with_small_words_and_possessives(headline, speaker):
    assert speaker_named(headline) == speaker


@pytest.mark.parametrize(
    "text, speaker",
    [
        (
            'Some in the "Hale or Bust" crowd suggest the idea of a Reyes mayoralty is as '
            "unpalatable as a Varga one.",
            'some in the "Hale or Bust" crowd',
        ),
        (
            "The move was hotly criticized by left-leaning economists and by centrist councillors.",
            "left-leaning economists",
        ),
        (
            "Ann Hale, a Reyes supporter from Tesk, is among those who say they have no "
            "intention of backing Varga.",
            "Ann Hale",
        ),
    ],
)
def test_speaker_phrases_keep_their_quotes_hyphens_and_members(text, speaker):
    assert speaker_named(text).startswith(speaker)


def test_a_shouted_kicker_before_a_colon_is_no_speaker():
    assert "FIX" not in speaker_named("FIX IS IN: Tesk Moderators Ignore Hale Scandals.")


def test_a_surname_alone_is_the_person_not_a_building_named_after_them():
    def mention(text: str, start: int, kind: str) -> Mention:
        return Mention(start, start + len(text), text, name=text, role=None, kind=kind,
                       head_lemma=text.lower(), sent=0, subject=True, definite=False)  # fmt: skip

    person = mention("Tom Reyes", 0, "person")
    tower = mention("Reyes Tower Tesk", 40, "org")
    alone = mention("Reyes", 80, "org")
    # the subject being resolved is read fresh from its sentence, not one of the listed mentions
    assert Resolver([person, tower]).full(alone).name == "Tom Reyes"


@pytest.mark.parametrize(
    "text, speaker",
    [
        # an inverted tag set off by commas, its name read as the subject of what follows
        (
            "The contrast with Reyes, said Varga and others, would be clear since Reyes has no "
            "former mayors by his side.",
            "Varga",
        ),
        (
            "And Reyes, said Sunshine, who remains friendly with her former boss, doesn't "
            "forgive or forget.",
            "Sunshine",
        ),
        # the one addressed inside the quotation is not the speaker after it
        (
            "''That was a good speech you gave last night, Madam Mayor,'' Councillor Tom "
            "Varga, Democrat of Tesk, told Ms. Hale as she stopped to have a word.",
            "Tom Varga",
        ),
        # a rally says nothing; whoever holds it does
        (
            "Tuesday, the Tesk senator opened a Rochester rally blasting Hale for promoting "
            "fracking in other countries.",
            "senator",
        ),
    ],
)
def test_inverted_tags_addressees_and_rallies(text, speaker):
    assert speaker in speaker_named(text)


def test_said_with_a_name_opening_the_said_clause_is_not_inverted():
    text = "Reyes, said Hale was the best candidate the party had fielded in years."
    assert speaker_named(text) == "Reyes"


@pytest.mark.parametrize(
    "text",
    [
        "As the Tesk Courier revealed, the council agreed to allow Hale to use the party’s "
        "voter file in late November.",
        "As the Tesk Courier revealed, most of the payments were to buy copies of a book "
        "written by the committee’s chairman, Tom Reyes, for its field staff.",
    ],
)
def test_as_x_revealed_speaks_for_what_is_said_inside_it(text):
    assert speaker_named(text) == "Tesk Courier"


def test_a_speech_denouncing_someone_is_its_givers():
    text = (
        "Mayor Tom Reyes will follow councillor Ann Hale’s Tuesday speech denouncing his "
        "budget with a speech of his own Wednesday morning."
    )
    assert speaker_named(text).startswith("Ann Hale")


def test_a_place_alone_is_not_the_body_named_after_it():
    def mention(text: str, start: int, kind: str) -> Mention:
        return Mention(start, start + len(text), text, name=text, role=None, kind=kind,
                       head_lemma=text.lower(), sent=0, subject=True, definite=False)  # fmt: skip

    clinic = mention("Tesk Clinic and University Hospitals", 0, "org")
    city = mention("Tesk", 60, "org")
    first_name = mention("Ann", 80, "person")
    person = mention("Ann Hale", 20, "person")
    resolver = Resolver([clinic, person])
    assert resolver.full(city).name == "Tesk"
    assert resolver.full(first_name).name == "Ann Hale"


def test_an_article_written_by_someone_speaks_for_its_sentence():
    text = (
        "An article written by the Tesk Courier’s Ann Hale — headlined The Rats Are "
        "Scurrying — argues that the council has lost its nerve."
    )
    assert "Ann Hale" in speaker_named(text)


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("Hale threatened to sue the council over the vote.", "Hale"),
        (
            "Issues of class get attention from councillors so long as they do not threaten "
            "existing benefits for the professional class.",
            "",
        ),
    ],
)
def test_threatening_to_act_is_speech_threatening_interests_is_not(text, speaker):
    assert speaker_named(text) == speaker


def test_a_role_at_the_cue_keeps_the_articles_words_for_them_there():
    text = (
        "Ann Hale, a Republican senator from Tesk, has led the race for months.\n\n"
        "The Tesk senator sought to calm her supporters, saying the protester would “not "
        "get beat up” at her rally."
    )
    assert speaker_of(text, "The Tesk senator sought").speaker == "Ann Hale, Tesk senator"


def test_as_the_outlet_reported_someone_saying_something_is_the_sayers():
    text = (
        "As the Tesk Courier reported earlier, on July 4, Tom Reyes, head of the city's "
        "water board, answered whether the dam is now dangerous."
    )
    assert speaker_named(text).startswith("Tom Reyes")


@pytest.mark.parametrize(
    "text, speaker",
    [
        # any verb right after a quotation that ends on "!", "?" or a comma is its tag
        (
            "“This is fantastic!” beamed Tom Reyes of Tesk, who snuck onto the floor from the "
            "guest seats.",
            "Tom Reyes",
        ),
        (
            "Dashing into a closed-door luncheon, Councillor Ann Hale called over her "
            "shoulder, ''His comments are not helping.''",
            "Ann Hale",
        ),
        (
            "On Monday, Hale groused to a crowd in Tesk that the Courier “doesn’t treat me "
            "properly” before floating the idea.",
            "Hale",
        ),
        # a copula before a colon and a quotation: its subject speaks
        (
            "As if addressing the mayor directly, the Tesk Election Board was conclusive in "
            "its findings: “Further discussion on this issue is unnecessary.”",
            "Tesk Election Board",
        ),
    ],
)
def test_beamed_called_over_groused_and_was_conclusive(text, speaker):
    assert speaker in speaker_named(text)


def test_a_thing_that_was_clear_before_a_quotation_is_no_speaker():
    text = "The message was clear: “Further discussion on this issue is unnecessary.”"
    assert speaker_named(text) == ""


@pytest.mark.parametrize(
    "text, wrong",
    [
        # a group or thing that "is" something before a colon says nothing
        (
            "Estimates of civic engagement are particularly problematic - Tesk Research: “All "
            "the samples evaluated include more engaged people than benchmark sources indicate.”",
            "estimates",
        ),
        # a copula inside a relative clause is not the sentence's
        (
            "Reyes worked closely with Varga, who was responsible for cleaning up the voter "
            "rolls: “Varga is outstanding with data.”",
            "Varga",
        ),
        # a capitalised word after a quotation opens a new sentence, not a tag
        (
            "“The best taco bowls are made in Hale Tower Grill. I love Tesk!”Former mayor Tom "
            "Reyes broke down exactly what was wrong with the message.",
            "Hale",
        ),
    ],
)
def test_no_speaker_from_a_copula_a_relative_clause_or_a_new_sentence(text, wrong):
    assert not speaker_named(text).lower().startswith(wrong.lower())


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("The Department of Justice said the case was closed.", "Department of Justice"),
        ("The Bank of America said profits rose.", "Bank of America"),
    ],
)
def test_an_organisation_named_with_of_keeps_its_whole_name(text, speaker):
    assert speaker_named(text) == speaker


def _claims_of_parse(rows: list[tuple[str, str, int, str, str]], **kwargs) -> list:
    """Claims found in one paragraph given its parse: (word, tag, head index, dep, lemma)
    rows, so a test can pin down a misreading the small model makes only on some words."""
    from spacy.tokens import Doc

    from retrieval.attribution.finder import ClaimFinder

    words = [r[0] for r in rows]
    spaces = [
        i + 1 < len(words) and words[i + 1] not in ",.”" and w != "“" for i, w in enumerate(words)
    ]
    doc = Doc(
        attribution._nlp().vocab,
        words=words,
        spaces=spaces,
        tags=[r[1] for r in rows],
        pos=[_POS[r[1]] for r in rows],
        heads=[r[2] for r in rows],
        deps=[r[3] for r in rows],
        lemmas=[r[4] for r in rows],
    )
    text = doc.text
    kwargs = {"model": None, "source_model": None} | kwargs
    return ClaimFinder(text, [(0, len(text))], [doc], **kwargs).run()


_POS = {
    "NNP": "PROPN",
    "NN": "NOUN",
    "NNS": "NOUN",
    "VBD": "VERB",
    "VBG": "VERB",
    "VBP": "VERB",
    "VBN": "VERB",
    "VB": "VERB",
    "DT": "DET",
    "JJ": "ADJ",
    "IN": "ADP",
    ",": "PUNCT",
    ".": "PUNCT",
    "``": "PUNCT",
    "''": "PUNCT",
    "RB": "ADV",
    "TO": "PART",
    "PRP$": "PRON",
}


def test_a_participle_hung_on_the_verb_inside_a_quotation_is_the_sentence_subjects():
    # the small model hangs "telling" on the quotation's "get", whose subject is "people"
    rows = [
        ("Tanzer", "NNP", 1, "nsubj", "Tanzer"),
        ("joked", "VBD", 1, "ROOT", "joke"),
        ("about", "IN", 1, "prep", "about"),
        ("it", "PRP$", 2, "pobj", "it"),
        (",", ",", 1, "punct", ","),
        ("telling", "VBG", 11, "advcl", "tell"),
        ("the", "DT", 7, "det", "the"),
        ("crowd", "NN", 5, "dobj", "crowd"),
        (",", ",", 11, "punct", ","),
        ("“", "``", 11, "punct", "“"),
        ("people", "NNS", 11, "nsubj", "people"),
        ("get", "VBP", 1, "advcl", "get"),
        ("carried", "VBN", 11, "acomp", "carry"),
        ("away", "RB", 12, "prt", "away"),
        (".", ".", 1, "punct", "."),
        ("”", "''", 1, "punct", "”"),
    ]
    telling = [c for c in _claims_of_parse(rows) if c.cue.startswith("telling")]
    assert [c.speaker for c in telling] == ["Tanzer"]


def test_a_name_read_as_a_noun_root_with_its_verb_as_an_adjective_still_speaks():
    # "Trump defended eminent domain, ...": the name a noun root, "defended" an adjective
    rows = [
        ("Tanzer", "NN", 0, "ROOT", "tanzer"),
        ("defended", "VBN", 3, "amod", "defend"),
        ("eminent", "JJ", 3, "amod", "eminent"),
        ("domain", "NN", 0, "dobj", "domain"),
        (".", ".", 0, "punct", "."),
    ]
    claims = [c for c in _claims_of_parse(rows) if c.cue == "defended"]
    # lowercase here, as a noun the article never capitalises elsewhere
    assert [c.speaker.lower() for c in claims] == ["tanzer"]


def test_who_was_the_first_to_weigh_in_is_the_one_tweeting():
    text = (
        "Democratic mayor Ann Tanzer was the first candidate to weigh in on the occasion, "
        "tweeting her approval of the ruling."
    )
    assert "Ann Tanzer" in speaker_named(text)


def test_live_blog_entries_glued_to_a_timestamp_are_paragraphs_of_their_own():
    text = (
        "Ruth Calder spoke first and took questions.\n"
        "Lena OrtFlagShareLikeReplyMark Dunn 5ptsmoderatorFeaturedMarch 3, 2024 9:12PM"
        "Calder Says Bridge Toll Plan Is A Tax On Commuters\n"
    )
    assert attribution._blocks(text)[2] == (text.index("Calder Says"), len(text) - 1)
    assert (
        "Calder" in speaker_of(text, "Calder Says Bridge Toll Plan Is A Tax On Commuters").speaker
    )


@pytest.mark.parametrize(
    "text",
    [
        'On Monday, Mara Kettle said she was "happy to see" the result, according to The '
        "Valley Post.",
        'Mara Kettle said: "There will always be exceptions," the Valley Post reported.',
    ],
)
def test_words_relayed_by_a_report_name_the_speaker_and_the_report(text):
    assert speaker_named(text) == "Mara Kettle, via Valley Post"


@pytest.mark.parametrize(
    "text, speaker",
    [
        # nobody else speaks inside: the report alone
        ("The bridge will close in May, according to the Valley Post.", "Valley Post"),
        # a frame carries the sentence, often for the article's own outlet
        (
            "As the Valley Post reported earlier, Mara Kettle answered whether the bridge "
            "would close.",
            "Mara Kettle",
        ),
    ],
)
def test_a_report_with_no_one_relayed_keeps_one_speaker(text, speaker):
    assert speaker_named(text) == speaker


@pytest.mark.parametrize(
    "headline, kicker",
    [
        ("Wow: Council Just Voted To Close The Bridge For Good", "Wow"),
        ("Just Leaked: Look At The Mayor's Shocking Response To The Vote", "Just Leaked"),
        ("Bombshell: Bridge Toll Plan Was Written By Its Builder", "Bombshell"),
        ("So: the council could ignore the ruling after all.", "So"),
    ],
)
def test_a_headline_kicker_before_a_colon_is_no_speaker(headline, kicker):
    assert kicker not in speaker_named(headline)


@pytest.mark.parametrize(
    "headline, speaker",
    [
        # a name and what its speaker is
        ("Kremlin spokesman: the reports of a refusal are completely untrue.", "Kremlin spokesman"),
        ("Tesk camp: the toll plan threatens the whole valley.", "Tesk camp"),
    ],
)
def test_a_colon_lead_may_be_a_name_with_what_its_speaker_is(headline, speaker):
    assert speaker_named(headline) == speaker


@pytest.mark.parametrize(
    "text",
    [
        "The reason is simple: nobody on the council voted for it.",
        "One conclusion: the toll was a bad idea from the start.",
    ],
)
def test_a_clause_or_a_thing_before_a_colon_is_no_colon_lead(text):
    assert speaker_named(text) == ""


@pytest.mark.parametrize(
    "text, speaker",
    [
        # the parser reads "that denied ..." as the complement of "was"
        ("It was the Kremlin that denied the report.", "Kremlin"),
        # or as a relative clause on the name
        ("It was Ann Tanzer who denied the report on Tuesday.", "Ann Tanzer"),
    ],
)
def test_a_cleft_names_the_one_who_denied(text, speaker):
    assert speaker in speaker_named(text)


@pytest.mark.parametrize(
    "role, speaker",
    [
        ("Tesk senator", "Tom Reyes, Tesk senator"),
        # a role that only repeats the name is no role
        ("Reyes", "Tom Reyes"),
    ],
)
def test_a_speaker_reads_name_and_role_but_never_the_name_twice(role, speaker):
    mention = Mention(0, 9, "Tom Reyes", name="Tom Reyes", role=role, kind="person",
                      head_lemma="reyes", sent=0, subject=True, definite=False)  # fmt: skip
    assert mention.speaker() == speaker


def test_a_second_he_in_a_sentence_is_the_first_not_a_name_between():
    text = (
        "Mara Kettle spoke in Tesk on Monday. Though she did not mention Tom Brill or Ann Hale "
        "by name, she made it clear that she felt they should step aside."
    )
    passage = text[text.index("Though") :]
    assert speaker_of(text, passage).speaker == "Mara Kettle"


class TestSubjectRules:
    """The subject rules are a table: each is named, switchable and logged when it fires."""

    @pytest.mark.parametrize(
        "text, rule, speaker",
        [
            ("Tom Brill paused, then revealed why he left.", "loose_second_verb", "Tom Brill"),
            ("Mara Kettle is convinced the vote was rigged.", "passive_subject", "Mara Kettle"),
        ],
    )
    def test_a_rule_switched_off_by_name_loses_its_speaker(self, text, rule, speaker):
        from retrieval.attribution.finder import find_claims

        on = find_claims(text)
        assert [(c.speaker, c.rule) for c in on] == [(speaker, f"verb/{rule}")]
        assert find_claims(text, skip_rules={rule}) == []
        # switching off another rule changes nothing here
        other = "verb_as_adjective"
        assert [c.speaker for c in find_claims(text, skip_rules={other})] == [speaker]

    def test_a_fix_of_the_nominal_subject_switched_off_by_name(self):
        from retrieval.attribution.finder import find_claims

        text = "It was Tom Brill that denied the story."
        assert [c.speaker for c in find_claims(text)] == ["Tom Brill"]
        # without the cleft fix the subject is the relative "that", which names nobody
        assert [c.speaker for c in find_claims(text, skip_rules={"cleft"})] == [None]

    def test_the_debug_log_names_the_rule_that_fired(self, caplog):
        from retrieval.attribution.finder import find_claims

        with caplog.at_level(logging.DEBUG, logger="retrieval.attribution.subject"):
            find_claims("It was Tom Brill that denied the story.")
        messages = [r.getMessage() for r in caplog.records]
        assert any(m.startswith("subject fix cleft:") for m in messages), messages
        assert any(m.startswith("subject rule nominal_subject:") for m in messages), messages
        assert not any("loose_second_verb" in m for m in messages)

    def test_an_unknown_rule_name_is_refused(self):
        from retrieval.attribution.finder import find_claims

        with pytest.raises(ValueError, match="no subject rule named no_such_rule"):
            find_claims("Mara Kettle said the plan was dead.", skip_rules={"no_such_rule"})

    def test_every_rule_has_a_unique_name(self):
        from retrieval.attribution.subject import NOMINAL_FIXES, RULE_NAMES, SUBJECT_RULES

        names = [name for name, _ in SUBJECT_RULES + NOMINAL_FIXES]
        assert len(names) == len(RULE_NAMES)


class TestFrozenRecords:
    def _claim(self):
        from retrieval.attribution.finder import find_claims

        (claim,) = find_claims("Mara Kettle said the plan was dead.")
        return claim

    def test_a_claim_cannot_be_changed_in_place(self):
        claim = self._claim()
        with pytest.raises(dataclasses.FrozenInstanceError):
            claim.speaker = "Tom Brill"
        with pytest.raises(dataclasses.FrozenInstanceError):
            claim.extent = (0, 1)

    def test_covering_makes_a_new_claim_and_keeps_the_old_one(self):
        claim = self._claim()
        wider = claim.covering((0, claim.extent[1] + 40))
        assert wider.extent == (0, claim.extent[1] + 40)
        assert claim.extent != wider.extent
        assert dataclasses.replace(wider, extent=claim.extent) == claim

    def test_the_kind_is_an_enum_and_the_attribution_a_string(self):
        from retrieval.attribution.records import ClaimKind

        claim = self._claim()
        assert claim.kind is ClaimKind.REPORTED
        (found,) = find_attributions("Mara Kettle said the plan was dead.")
        assert type(found.kind) is str and found.kind == "reported"
        assert json.loads(json.dumps(found.to_dict()))["kind"] == "reported"

    def test_a_speaker_is_frozen_and_unnamed_differs_from_nobody(self):
        from retrieval.attribution.records import UNNAMED, Speaker

        who = Speaker("Mara Kettle", (0, 11), "person")
        with pytest.raises(dataclasses.FrozenInstanceError):
            who.name = "Tom Brill"
        assert who.renamed("Mara Kettle, citing aides") == Speaker(
            "Mara Kettle, citing aides", (0, 11), "person"
        )
        assert who.name == "Mara Kettle"
        assert UNNAMED.name is None and UNNAMED is not None
