"""A passage's speaker is right for all of its words: each passage carries its claims (who
speaks for each run of its sentences), cut from the same sentence units attribution judges,
and every output shows them claim by claim."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.format import passage_html
from retrieval.attribution import parse_claims
from retrieval.attribution.article import blocks
from retrieval.attribution.quotes import find_quotes
from retrieval.chunk import Chunker
from retrieval.evaluate import check_answer, speaker_of_words
from retrieval.pipeline import split_and_attribute
from retrieval.types import Answer, Article, ClaimSpan, Hit, Passage, Side, Source
from storybot.page import render_hit as page_hit
from storybot.render import claim_lines, render_hit
from tests.helpers.files import DATA

# A report, its denial and a councillor's words, in invented copy.
TERMINAL = (
    "Port row deepens over ferry terminal\n\n"
    "The Harbour Ledger reported on Monday that the port authority had quietly sold the old "
    "ferry terminal to a shipping firm. Port authority spokeswoman Mara Kettle denied the "
    'report. "No terminal has been sold, and none will be," she said.\n\n'
    'The terminal has stood empty since 2019. "The sale was agreed in secret," councillor '
    "Tom Brill told reporters.\n"
)

ARTICLE_FILES = sorted((DATA / "articles").glob("*.txt")) + sorted(
    (DATA / "wire_articles").glob("*.txt")
)


def _passages(text: str, article_id: str = "a1") -> list[Passage]:
    return split_and_attribute(Article(Source(article_id, "Test Ledger"), text), Chunker())


def _holding(passages: list[Passage], words: str) -> Passage:
    return next(p for p in passages if words in p.text)


class TestClaimsOfAPassage:
    def test_a_report_and_its_denial_in_one_passage_each_have_their_speaker(self) -> None:
        passage = _holding(_passages(TERMINAL), "denied the report")
        said = [(c.speaker, passage.words_of(c)) for c in passage.claims]
        assert [s for s, _ in said] == ["Harbour Ledger", "Mara Kettle, port authority spokeswoman"]
        assert said[0][1].startswith("The Harbour Ledger reported")
        assert said[1][1].startswith("Port authority spokeswoman") and said[1][1].endswith(
            "she said."
        )
        # the passage holds two speakers' words, so every output lists them
        assert passage.claims_apart() == passage.claims

    def test_narration_is_in_no_claim(self) -> None:
        passage = _holding(_passages(TERMINAL), "stood empty")
        assert [passage.words_of(c) for c in passage.claims] == [
            '"The sale was agreed in secret," councillor Tom Brill told reporters.'
        ]
        assert passage.claims[0].speaker == "Tom Brill, councillor"
        assert passage.claims[0].verified is True

    def test_claims_found_through_a_pronoun_are_unverified(self) -> None:
        passage = _holding(_passages(TERMINAL), "she said")
        kettle = passage.claims[-1]
        assert kettle.speaker_basis == "coreference" and kettle.verified is False

    def test_a_lede_sourced_by_the_according_to_sentence_after_it_is_that_sources(self) -> None:
        text = (
            "The mayor of Bergvik refused to sign the harbour deal on Friday.\n\n"
            "According to the Valley Post, citing two council members, the refusal followed "
            "a row over the price."
        )
        passage = _holding(_passages(text), "refused to sign")
        assert "According to" in passage.text
        (claim,) = passage.claims
        assert passage.words_of(claim).startswith("The mayor of Bergvik refused")
        assert "Valley Post" in claim.speaker and claim.verified is False
        # a frame speaks for what it follows in its passage, never for a claim of another's
        quoted = '"We will not sign," the mayor said.\n\n' + text.split("\n\n", 1)[1]
        first = _holding(_passages(quoted), "We will not sign")
        assert [c.speaker for c in first.claims][0] != claim.speaker

    def test_a_headline_with_no_source_has_no_claims(self) -> None:
        passage = _passages(TERMINAL)[0]
        assert passage.text == "Port row deepens over ferry terminal"
        assert passage.claims == () and passage.speaker is None

    @pytest.mark.parametrize("path", ARTICLE_FILES, ids=lambda p: p.stem)
    def test_claims_lie_inside_their_passage_in_order(self, path: Path) -> None:
        text = path.read_text(encoding="utf-8")
        for passage in _passages(text, path.stem):
            ends = [passage.start]
            for claim in passage.claims:
                assert passage.start <= claim.start < claim.end <= passage.end
                assert claim.start >= ends[-1]  # in text order, never overlapping
                ends.append(claim.end)
                assert claim.speaker


class TestOneSegmentation:
    @pytest.mark.parametrize("path", ARTICLE_FILES, ids=lambda p: p.stem)
    def test_no_passage_cuts_a_quotation_attribution_treats_as_one(self, path: Path) -> None:
        text = path.read_text(encoding="utf-8")
        passages = _passages(text, path.stem)
        for start, end in find_quotes(text, blocks(text)):
            holders = [p for p in passages if p.start < end and start < p.end]
            assert len(holders) == 1, text[start:end]
            assert holders[0].start <= start and end <= holders[0].end

    @pytest.mark.parametrize("path", ARTICLE_FILES, ids=lambda p: p.stem)
    def test_passages_are_whole_sentence_units(self, path: Path) -> None:
        text = path.read_text(encoding="utf-8")
        _claims, units = parse_claims(text)
        starts = {s for s, _ in units}
        ends = {e for _, e in units}
        for passage in _passages(text, path.stem):
            assert passage.start in starts and passage.end in ends

    def test_a_sentence_the_parser_cuts_without_a_full_stop_stays_whole(self) -> None:
        # spaCy's English model ends a sentence after "USA" in German copy
        text = (
            "Das Weiße Haus hat einen Bericht zurückgewiesen.\n\n"
            "Dem Bericht zufolge soll die USA im vergangenen September die Leitungen gesprengt "
            "haben. Das sei falsch."
        )
        held = _holding(_passages(text), "Dem Bericht")
        assert "gesprengt haben." in held.text


def _claimed_hit() -> Hit:
    text = 'The Ledger reported the sale. "No terminal has been sold," Kettle said.'
    report = ClaimSpan(100, 129, "Harbour Ledger", "reported", "rule", True)
    denial = ClaimSpan(130, 172, "Mara Kettle", "said", "coreference", False)
    passage = Passage(
        "p1", "a1", text, 100, 100 + len(text), "Mara Kettle", "said", claims=(report, denial)
    )
    return Hit(passage, Source("a1", "Test Ledger"), 0.5)


class TestShownClaimByClaim:
    def test_the_eval_reads_the_claim_that_holds_the_words(self) -> None:
        hit = _claimed_hit()
        assert speaker_of_words(hit, "reported the sale") == "Harbour Ledger"
        assert speaker_of_words(hit, "no terminal has been sold") == "Mara Kettle"
        answer = Answer("Was it sold?", True, (Side("Sold", (hit,), "asserts"),))
        item = {"id": "x", "question": "Was it sold?", "answered": True}
        ok = check_answer({**item, "speakers": {"reported the sale": "Ledger"}}, answer)
        bad = check_answer({**item, "speakers": {"reported the sale": "Kettle"}}, answer)
        assert ok.passed and not bad.passed

    def test_json_carries_claims_with_article_offsets(self) -> None:
        data = json.loads(json.dumps(_claimed_hit().to_dict()))
        assert [c["speaker"] for c in data["claims"]] == ["Harbour Ledger", "Mara Kettle"]
        first = data["claims"][0]
        assert data["text"][first["start"] - data["start"] : first["end"] - data["start"]] == (
            "The Ledger reported the sale."
        )
        assert data["claims"][1]["verified"] is False

    def test_text_page_and_telegram_list_each_claim(self) -> None:
        hit = _claimed_hit()
        assert claim_lines(hit.passage) == [
            "“The Ledger reported the sale.” — Harbour Ledger",
            '“"No terminal has been sold," Kettle said.” — Mara Kettle (unverified)',
        ]
        text = render_hit(hit)
        assert "· “The Ledger reported the sale.” — Harbour Ledger" in text
        # the claims come before the passage's own line
        assert text.index("Harbour Ledger") < text.index("— Mara Kettle · Test Ledger")
        assert '<ul class="claims"><li>“The Ledger reported the sale.” — Harbour Ledger' in (
            page_hit(hit)
        )
        assert "· “The Ledger reported the sale.” — Harbour Ledger" in passage_html(hit)

    def test_one_speakers_words_are_not_listed_again(self) -> None:
        words = '"No terminal has been sold," Kettle said.'
        denial = ClaimSpan(130, 130 + len(words), "Mara Kettle", "said", "rule", True)
        alone = Passage("p2", "a1", words, 130, 130 + len(words), "Mara Kettle", claims=(denial,))
        assert alone.claims_apart() == () and claim_lines(alone) == []
        hit = Hit(alone, Source("a1", "Test Ledger"), 0.5)
        assert "  · “" not in render_hit(hit)
        assert speaker_of_words(hit, "no terminal") == "Mara Kettle"

    def test_narration_beside_one_speakers_claim_is_shown_as_nobodys(self) -> None:
        text = 'The terminal stood empty. "It was sold in secret," Brill said.'
        claim = ClaimSpan(26, len(text), "Tom Brill", "said", "rule", True)
        passage = Passage("p3", "a1", text, 0, len(text), "Tom Brill", claims=(claim,))
        assert passage.claims_apart() == (claim,)
        hit = Hit(passage, Source("a1", "Test Ledger"), 0.5)
        assert speaker_of_words(hit, "stood empty") is None
        assert speaker_of_words(hit, "sold in secret") == "Tom Brill"
        assert claim_lines(passage) == ['“"It was sold in secret," Brill said.” — Tom Brill']
