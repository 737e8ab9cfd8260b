"""The chunker cuts cleaned articles into passages of whole sentences, never inside a quote."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from retrieval.chunk import Chunker
from retrieval.clean import clean_text
from retrieval.types import Article, Source
from tests.helpers.files import DATA, REPO_CORPUS, SEED_REPUBLIC, SEED_SHA256, SEED_UNIAN

ARTICLE_FILES = sorted((DATA / "articles").glob("*.txt"))


def _article(text: str, article_id: str = "a1") -> Article:
    return Article(Source(article_id, "Test Gazette"), text)


def _seed_article(article_id: str) -> Article:
    text = clean_text((REPO_CORPUS / f"{article_id}.txt").read_text(encoding="utf-8")).text
    return _article(text, article_id)


def _file_article(path: Path) -> Article:
    return _article(path.read_text(encoding="utf-8").strip(), path.stem)


def _all_articles() -> list[Article]:
    return [_seed_article(a) for a in sorted(SEED_SHA256)] + [
        _file_article(p) for p in ARTICLE_FILES
    ]


def _sentence_count(text: str) -> int:
    import pysbd

    segmenter = pysbd.Segmenter(language="en", clean=False)
    return len([s for s in segmenter.segment(text) if s.strip()])


def _quotes_balanced(text: str) -> bool:
    straight = len(re.findall(r'(?<![A-Za-z0-9])"|"(?![A-Za-z0-9])', text))
    return text.count("“") == text.count("”") and straight % 2 == 0


ARTICLE_IDS = [a.id for a in _all_articles()]


@pytest.fixture(scope="module")
def chunked() -> dict[str, tuple[Article, list]]:
    chunker = Chunker()
    return {a.id: (a, chunker.split(a)) for a in _all_articles()}


class TestChunker:
    @pytest.mark.parametrize("article_id", ARTICLE_IDS)
    def test_passage_text_is_its_span(self, chunked: dict, article_id: str) -> None:
        article, passages = chunked[article_id]
        assert passages
        for passage in passages:
            assert passage.text == article.text[passage.start : passage.end]
            assert passage.article_id == article.id
            assert passage.text == passage.text.strip()

    @pytest.mark.parametrize("article_id", ARTICLE_IDS)
    def test_passages_cover_the_article_in_order(self, chunked: dict, article_id: str) -> None:
        article, passages = chunked[article_id]
        ends = [0] + [p.end for p in passages]
        for previous_end, passage in zip(ends, passages, strict=False):
            assert passage.start >= previous_end  # in reading order, no overlap
            assert article.text[previous_end : passage.start].strip() == ""  # nothing skipped
        assert article.text[passages[-1].end :].strip() == ""

    @pytest.mark.parametrize("article_id", ARTICLE_IDS)
    def test_no_quote_is_cut(self, chunked: dict, article_id: str) -> None:
        _, passages = chunked[article_id]
        assert [p.text for p in passages if not _quotes_balanced(p.text)] == []

    @pytest.mark.parametrize("article_id", ARTICLE_IDS)
    def test_passages_without_quotes_are_one_to_three_sentences(
        self, chunked: dict, article_id: str
    ) -> None:
        _, passages = chunked[article_id]
        for passage in passages:
            if not re.search(r"[\"“”]", passage.text):
                assert 1 <= _sentence_count(passage.text) <= 3, passage.text

    def test_ids_are_stable(self) -> None:
        article = _seed_article(SEED_UNIAN)
        first = [p.id for p in Chunker().split(article)]
        assert first == [p.id for p in Chunker().split(article)]
        assert len(set(first)) == len(first)

    def test_seed_kremlin_quote_is_one_passage(self) -> None:
        passages = Chunker().split(_seed_article(SEED_REPUBLIC))
        [quote] = [p for p in passages if '"No. This is not so.' in p.text]
        assert 'all visits will, certainly, take place."' in quote.text

    @pytest.mark.parametrize(
        "article_id, headline",
        [
            (SEED_UNIAN, "Xi Jinping turns down Putin’s invitation to visit Russia – media"),
            (
                SEED_REPUBLIC,
                "Stoltenberg disappointed that China has not been able to condemn Russian "
                "invasion of Ukraine",
            ),
        ],
    )
    def test_headline_stands_alone(self, article_id: str, headline: str) -> None:
        texts = [p.text for p in Chunker().split(_seed_article(article_id))]
        assert headline in texts

    @pytest.mark.parametrize(
        "max_sentences, expected",
        [
            (1, ["One is here.", "Two is here.", "Three is here.", "Four is here.", "Five."]),
            (2, ["One is here. Two is here.", "Three is here. Four is here.", "Five."]),
            (3, ["One is here. Two is here. Three is here.", "Four is here. Five."]),
        ],
    )
    def test_at_most_max_sentences(self, max_sentences: int, expected: list[str]) -> None:
        article = _article("One is here. Two is here. Three is here. Four is here. Five.")
        chunker = Chunker(max_sentences=max_sentences, min_chars=0)
        assert [p.text for p in chunker.split(article)] == expected

    @pytest.mark.parametrize("mark", ['"', "“"])
    def test_long_quote_stays_in_one_passage(self, mark: str) -> None:
        close = '"' if mark == '"' else "”"
        quote = (
            f"{mark}We will build the bridge. It will cost a lot. The money is there. "
            f"The council agrees. Work starts in May. Nobody will lose a home.{close}"
        )
        text = (
            f"The mayor spoke on Monday. She said, {quote} The vote is on Friday. Critics disagree."
        )
        passages = Chunker(max_sentences=2, min_chars=0, max_chars=120).split(_article(text))
        assert [p for p in passages if quote in p.text]
        assert all(_quotes_balanced(p.text) for p in passages)

    def test_quote_before_its_speaker_stays_whole(self) -> None:
        text = (
            "“We will not go. It is too soon. The virus is still here. We will wait,” "
            "the minister said. Officials agreed. The talks ended. Nobody else spoke."
        )
        passages = Chunker(max_sentences=2, min_chars=0).split(_article(text))
        assert passages[0].text.startswith("“We will not go.")
        assert "We will wait,” the minister said." in passages[0].text

    def test_quote_running_over_two_paragraphs_stays_whole(self) -> None:
        text = (
            "Opposition leader Marta Kovac told a rally in the capital on Saturday that the "
            "government had lied to voters about the cost of the new airport. She said: “They "
            "promised a modern terminal for half the price. They knew the figures were wrong.\n\n"
            "“Now families will pay for it for thirty years. We will not let them forget it,” "
            "she added, to loud applause from the crowd of several thousand supporters."
        )
        passages = Chunker().split(_article(text))
        [opening] = [p for p in passages if "They promised a modern terminal" in p.text]
        assert "We will not let them forget it,”" in opening.text

    def test_a_fragment_left_open_does_not_run_into_the_next_quotation(self) -> None:
        text = (
            "The harbour authority said on Monday that the old crane would be sold for scrap "
            "after years of disuse. A spokesman for the authority, which has run the port "
            "since 1990, blamed the delay on the “paperwork at the ministry.\n\n"
            "“Nothing has been sold,” harbour master Mara Kettle told the Valley Post. “The "
            "crane stays where it is until the council decides.”"
        )
        passages = Chunker().split(_article(text))
        [fragment] = [p for p in passages if "paperwork at the ministry" in p.text]
        assert "Nothing has been sold" not in fragment.text

    def test_headlines_stand_alone_between_paragraphs(self) -> None:
        text = (
            "Flood toll rises to 12\n\n"
            "Rescuers found two more bodies on Tuesday. The river is still rising.\n\n"
            "Minister under fire over warnings\n\n"
            "The minister declined to comment."
        )
        assert [p.text for p in Chunker().split(_article(text))] == [
            "Flood toll rises to 12",
            "Rescuers found two more bodies on Tuesday. The river is still rising.",
            "Minister under fire over warnings",
            "The minister declined to comment.",
        ]

    def test_a_paragraph_splits_evenly_and_keeps_its_tail(self) -> None:
        # 3 + 1 would leave the closing quote alone, to run on into the next paragraph and
        # lose its speaker there; 2 + 2 keeps it beside "she said"
        text = (
            "Observers were not convinced. Dr Ann Vane said the timing pointed to politics. "
            '"He does not want the photograph," she said. "The virus is an excuse."\n\n'
            "Beijing has been careful not to back the war openly."
        )
        texts = [p.text for p in Chunker().split(_article(text))]
        assert texts == [
            "Observers were not convinced. Dr Ann Vane said the timing pointed to politics.",
            '"He does not want the photograph," she said. "The virus is an excuse."',
            "Beijing has been careful not to back the war openly.",
        ]

    def test_one_sentence_article(self) -> None:
        [passage] = Chunker().split(_article("He declined to comment."))
        assert (passage.text, passage.start, passage.end) == ("He declined to comment.", 0, 23)

    def test_short_paragraph_runs_on_into_the_next(self) -> None:
        text = "Xi declined the invitation.\n\nAccording to Yomiuri, the reason was covid."
        [passage] = Chunker(min_chars=200).split(_article(text))
        assert passage.text == text
        separate = Chunker(min_chars=0).split(_article(text))
        assert len(separate) == 2

    def test_max_chars_splits_long_paragraphs(self) -> None:
        sentence = "The council met again on Monday to discuss the rising cost of the bridge."
        article = _article(" ".join([sentence] * 3))
        passages = Chunker(max_sentences=3, min_chars=0, max_chars=160).split(article)
        assert all(len(p.text) <= 160 for p in passages)
        assert len(passages) == 2

    def test_run(self) -> None:
        chunker = Chunker()
        assert chunker.run([]) == []
        articles = [_article("One sentence here.", "a"), _article("Another one here.", "b")]
        assert [p.article_id for p in chunker.run(articles)] == ["a", "b"]

    @pytest.mark.parametrize(
        "settings, message",
        [
            ({"max_sentences": 0}, "max_sentences must be positive, got 0"),
            ({"max_sentences": -3}, "max_sentences must be positive, got -3"),
            ({"min_chars": -1}, "got -1, 600"),
            ({"min_chars": 700, "max_chars": 600}, "got 700, 600"),
            ({"min_chars": 10, "max_chars": 5}, "got 10, 5"),
        ],
    )
    def test_bad_settings(self, settings: dict, message: str) -> None:
        with pytest.raises(ValueError, match=re.escape(message)):
            Chunker(**settings)
