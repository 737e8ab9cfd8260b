"""Split cleaned articles into passages of whole sentences.

A passage is one to three sentences, and a quotation is never cut in half: a
sentence that opens a quote is joined with the sentences that close it, even
when that makes a long passage. A short paragraph (a one-line lede, say) runs
on into the next one, so that a claim and the sentence that sources it
("According to …") usually share a passage. Headlines, lines with no sentence
end, stand alone.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from retrieval.types import Article, Passage, content_id

logger = logging.getLogger(__name__)

_SENTENCE_END = re.compile(r"[.!?…][\"”’)\]]*$")


@dataclass(frozen=True)
class _Unit:
    """A sentence (or a run of sentences held together by a quote) of one paragraph."""

    start: int
    end: int
    sentences: int
    paragraph: int
    headline: bool


def quote_open(text: str) -> bool:
    """Whether a span leaves a quotation open (curly or straight double quotes)."""
    if text.count("“") > text.count("”"):
        return True
    straight = len(re.findall(r'(?<![A-Za-z0-9])"|"(?![A-Za-z0-9])', text))
    return straight % 2 == 1


def _opens_speech(text: str) -> bool:
    """Whether the quotation a span leaves open opens someone's words: at the start of the
    span or after a colon or comma ('She said: “They promised ...'), as a quotation that runs
    over paragraphs does; not a fragment inside a sentence ('because of the “coronavirus
    restrictions.') whose closing mark went missing."""
    curly = text.rfind("“")
    at = curly if curly > text.rfind("”") else -1
    if at < 0:
        straight = [m.start() for m in re.finditer(r'(?<![A-Za-z0-9])"|"(?![A-Za-z0-9])', text)]
        at = straight[-1] if straight else 0
    before = text[:at].rstrip()
    return not before or before.endswith((":", ",", ".", "!", "?", "—", "–", "-"))


class Chunker:
    """Split a cleaned article into passages of whole sentences.

    Example: Chunker(max_sentences=3).run(articles)
    """

    def __init__(self, max_sentences: int = 3, min_chars: int = 200, max_chars: int = 600) -> None:
        if max_sentences <= 0:
            raise ValueError(f"max_sentences must be positive, got {max_sentences}")
        if not 0 <= min_chars <= max_chars:
            raise ValueError(f"need 0 <= min_chars <= max_chars, got {min_chars}, {max_chars}")
        self.max_sentences = max_sentences
        self.min_chars = min_chars
        self.max_chars = max_chars
        self._segmenter: Any = None

    def _sentences(self, paragraph: str) -> list[tuple[int, int]]:
        if self._segmenter is None:
            import pysbd

            self._segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
        spans = []
        for span in self._segmenter.segment(paragraph):
            text = span.sent
            lead = len(text) - len(text.lstrip())
            start, end = span.start + lead, span.start + len(text.rstrip())
            if end > start:
                spans.append((start, end))
        return spans or [(0, len(paragraph))]

    def _given(
        self, sentences: Sequence[tuple[int, int]], start: int, end: int
    ) -> list[tuple[int, int]]:
        """The given sentence units (article offsets, sorted) that lie in text[start:end]."""
        i = bisect.bisect_left(sentences, (start, start))
        out = []
        while i < len(sentences) and sentences[i][0] < end:
            out.append((sentences[i][0], min(sentences[i][1], end)))
            i += 1
        return out or [(start, end)]

    def _units(self, text: str, sentences: Sequence[tuple[int, int]] | None = None) -> list[_Unit]:
        units: list[_Unit] = []
        paragraphs = list(re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]+)*", text))
        pending: tuple[int, int] | None = None  # (start, sentences) of a quote still open
        for number, match in enumerate(paragraphs):
            offset = match.start()
            if sentences is None:
                spans = [(s + offset, e + offset) for s, e in self._sentences(match.group())]
            else:
                spans = self._given(sentences, match.start(), match.end())
            for n, (start, end) in enumerate(spans):
                count = 1
                if pending is not None:
                    start, count = pending[0], pending[1] + 1
                    pending = None
                if quote_open(text[start:end]):
                    pending = (start, count)  # the quote goes on: keep it whole
                    continue
                if n + 1 < len(spans) and not _SENTENCE_END.search(text[start:end]):
                    # no sentence end and more of the paragraph to come: the sentence goes on
                    # (a line broken mid-sentence, a parser's cut after "USA"); only a
                    # paragraph's last line can be a headline
                    pending = (start, count - 1)
                    continue
                headline = not _SENTENCE_END.search(text[start:end])
                units.append(_Unit(start, end, count, number, headline))
            if pending is not None:
                following = paragraphs[number + 1].group() if number + 1 < len(paragraphs) else ""
                # Wire copy runs a quote over paragraphs: no closing mark, the next one reopens.
                # A fragment quoted inside a sentence never runs on: its closing mark is missing.
                runs_on = _opens_speech(text[pending[0] : match.end()])
                if not following.lstrip().startswith(("“", '"')) or not runs_on:
                    start, count = pending
                    units.append(_Unit(start, match.end(), count, number, False))
                    pending = None
        return units

    def _pieces(self, units: list[_Unit]) -> list[list[_Unit]]:
        """One paragraph's units in pieces of even size: four sentences go 2 + 2, not
        3 + 1, so that a closing quote is not left alone to run into the next paragraph."""
        total = sum(u.sentences for u in units)
        parts = max(1, -(-total // self.max_sentences))
        cap = -(-total // parts)
        pieces: list[list[_Unit]] = []
        current: list[_Unit] = []
        for unit in units:
            if current:
                sentences = sum(u.sentences for u in current) + unit.sentences
                size = unit.end - current[0].start
                joinable = not unit.headline and not current[-1].headline
                if not (sentences <= cap and size <= self.max_chars and joinable):
                    pieces.append(current)
                    current = []
            current.append(unit)
        if current:
            pieces.append(current)
        return pieces

    def _group(self, units: list[_Unit]) -> list[list[_Unit]]:
        paragraphs: list[list[_Unit]] = []
        for unit in units:
            if paragraphs and paragraphs[-1][-1].paragraph == unit.paragraph:
                paragraphs[-1].append(unit)
            else:
                paragraphs.append([unit])
        groups: list[list[_Unit]] = []
        current: list[_Unit] = []
        whole = False  # ``current`` holds whole paragraphs only
        for paragraph in paragraphs:
            pieces = self._pieces(paragraph)
            for n, piece in enumerate(pieces):
                if current:
                    sentences = sum(u.sentences for u in current + piece)
                    size = piece[-1].end - current[0].start
                    # a short paragraph (a one-line lede) runs on into the next one
                    short = whole and current[-1].end - current[0].start < self.min_chars
                    fits = sentences <= self.max_sentences and size <= self.max_chars
                    joinable = not piece[0].headline and not current[-1].headline
                    if not (short and fits and joinable and n == 0):
                        groups.append(current)
                        current = []
                current.extend(piece)
                whole = len(pieces) == 1 and (whole or len(current) == len(piece))
        if current:
            groups.append(current)
        return groups

    def split(
        self, article: Article, sentences: Sequence[tuple[int, int]] | None = None
    ) -> list[Passage]:
        """The passages of one article, in reading order.

        Args:
            sentences: the article's sentence units as attribution found them
                (``retrieval.attribution.parse_claims``: sentences, a quotation's sentences
                held together), so that a passage is whole units and never cuts a quotation
                attribution treats as one; without them, pysbd splits the sentences.
        """
        units = sorted(sentences) if sentences is not None else None
        passages = []
        for group in self._group(self._units(article.text, units)):
            start, end = group[0].start, group[-1].end
            text = article.text[start:end]
            passage_id = content_id(article.id, str(start), text)
            passages.append(Passage(passage_id, article.id, text, start, end))
        return passages

    def run(self, articles: list[Article]) -> list[Passage]:
        """The passages of every article, article by article."""
        if not articles:
            return []
        passages = [p for article in articles for p in self.split(article)]
        logger.info("chunked %d articles into %d passages", len(articles), len(passages))
        return passages
