"""An article made ready for the rules: its blocks (lines), their spaCy parses, its
quotations and sentences, and the mentions of people and bodies in them, built once.
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING, Any

from retrieval.attribution.mentions import Mention, span_mentions
from retrieval.attribution.quotes import find_quotes
from retrieval.attribution.records import Sentence, Span, SpanIndex
from retrieval.nlp import load_spacy

if TYPE_CHECKING:  # spaCy is imported by the loader, not by importing this module
    from spacy.tokens import Doc, Token


def nlp() -> Any:
    """The shared spaCy pipeline, loaded once on first use (never at import)."""
    return load_spacy()


def warm_up() -> None:
    """Load the spaCy model now rather than on the first call."""
    nlp()


_LINE = re.compile(r"[^\n]+")
# A live blog's entries scraped without line breaks: "...February 6, 2016 9:23PMRubio Says
# ...": a year and a time glued to the next entry's headline end a paragraph.
_GLUED_TIMESTAMP = re.compile(r"\b\d{4},? \d{1,2}:\d{2} ?[AP]M ?(?=[A-Z])")


def blocks(text: str) -> list[tuple[int, int]]:
    """Each non-blank line as (start, end) with its surrounding whitespace trimmed; a line
    of live-blog entries glued together is one block per entry."""
    out = []
    for m in _LINE.finditer(text):
        line = m.group()
        cuts = [0, *(t.end() for t in _GLUED_TIMESTAMP.finditer(line)), len(line)]
        for a, b in itertools.pairwise(cuts):
            piece = line[a:b]
            stripped = piece.strip()
            if not stripped:
                continue
            start = m.start() + a + (len(piece) - len(piece.lstrip()))
            out.append((start, start + len(stripped)))
    return out


# "WASHINGTON (AP) — ", "LOS ANGELES, Sept. 28 (UPI) — ", "New York (AFP) – ": a dateline,
# not a subject (a title-case place needs the agency in brackets to count as one)
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'-]+(?:\s+[A-Z][A-Z.'-]+)*(?:,\s*[A-Z][\w.]*(?:\s+[\w.]+){0,3})?"
    r"\s*(?:\([^)]{1,30}\))?"
    r"|[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,2}(?:,\s*[A-Z][\w.]*(?:\s+[\w.]+){0,3})?"
    r"\s*\([A-Z][^)]{0,29}\))\s*[—–-]{1,2}\s+"
)


# "MOSCOW, July 5. /TASS/: ", "OSLO, March 3. /NORTA/. ": a wire agency's dateline
_SLASH_DATELINE = re.compile(
    r"^[A-ZА-ЯЁ][A-ZА-ЯЁ .'-]+,\s*[^/\n]{1,25}?\.?\s*/[^/\n]{1,30}/\s*[:.—–-]?\s+"
)


def dateline(block: str) -> re.Match[str] | None:
    """The dateline opening a block ("WASHINGTON (AP) — ", "MOSCOW, July 5. /TASS/: ")."""
    return _DATELINE.match(block) or _SLASH_DATELINE.match(block)


# "POLITICS | Health ministry says ...": a section label before a page's headline
_SECTION_LABEL = re.compile(r"^[A-Z][A-Z&'’ -]{1,30}?\s+\|\s+(?=\S)")
# "... theft (Anchorline) | Istby Daily Courier", "... report | Money | The Calder Tribune":
# the site's section and name after a page's headline
_SITE_CREDITS = re.compile(r"(?:\s+\|\s+[^|\n.!?]{1,40})+$")


def page_labels(block: str) -> list[tuple[int, int]]:
    """The spans of a one-line block's section label and site credits, which the page's
    title bar puts round its headline ("POLITICS | ...", "... | Sport | The Chronicle"):
    layout, not words of the headline."""
    if "|" not in block or "\n" in block.strip():
        return []
    found = [(m.start(), m.end()) for m in (_SECTION_LABEL.match(block),) if m]
    if (m := _SITE_CREDITS.search(block)) and m.start() > (found[0][1] if found else 0):
        found.append((m.start(), m.end()))
    return found


_GLUED_QUOTE = re.compile(r"(?<=[a-z]),(?=[“\"]\w)")
_SIGNING_DASH = re.compile(r"^[-–—](?=[A-Z])")


def for_parser(block: str) -> str:
    """The block as spaCy should see it, same length so offsets still hold."""
    # nbsp -> space stops spaCy from making stray SPACE tokens
    block = block.replace("\xa0", " ")
    # 'Ryan said,“Look, ...': a comma glued to an opening quote makes one token of both
    block = _GLUED_QUOTE.sub(" ", block)
    # "-President Obama, tweeting ...": a signing dash glued to the name would join it
    block = _SIGNING_DASH.sub(" ", block)
    m = dateline(block)
    if m and m.end() < len(block):
        block = " " * m.end() + block[m.end() :]
    for start, end in page_labels(block):
        block = block[:start] + " " * (end - start) + block[end:]
    return block


class Article:
    """One article's blocks, parses, quotations, sentences and mentions.

    Example: Article(text, blocks(text), docs).sents[0].span.text
    """

    def __init__(self, text: str, blocks: list[Span], docs: list[Doc]) -> None:
        if len(blocks) != len(docs):
            raise ValueError(f"got {len(blocks)} blocks but {len(docs)} parses")
        self.text = text
        self.blocks = blocks
        self.docs = docs
        self.quotes = find_quotes(text, blocks)
        self._quote_index = SpanIndex(self.quotes)
        # 1 for every character inside a quotation
        self.inq = bytearray(len(text) + 1)
        for s, e in self.quotes:
            self.inq[s:e] = b"\x01" * (e - s)
        self._doc_starts = {id(doc): bs for (bs, _be), doc in zip(blocks, docs, strict=True)}
        self.sents: list[Sentence] = []
        self.mentions: list[Mention] = []
        for b, ((bs, be), doc) in enumerate(zip(blocks, docs, strict=True)):
            sents = [s for s in doc.sents if s.text.strip()]
            tail = text[bs:be].rstrip()[-1:]
            headline = len(sents) == 1 and tail not in '.!?:"”’)…'
            for span in sents:
                idx = len(self.sents)
                start = bs + span.start_char
                end = bs + span.end_char
                self.sents.append(Sentence(idx, b, span, bs, start, end, headline))
                for m in span_mentions(span, bs, idx):
                    if not self.inq[m.start]:
                        self.mentions.append(m)

    def offset(self, tok: Token) -> int | None:
        """Where ``tok`` starts in the whole text (None for a doc not of this article)."""
        start = self._doc_starts.get(id(tok.doc))
        return None if start is None else start + tok.idx

    def opens_quote(self, tok: Token) -> bool:
        """Whether ``tok`` is a quotation mark that opens a quotation."""
        if not (tok.is_quote or tok.tag_ in ("``", "''")):
            return False
        at = self.offset(tok)
        if at is None:
            return False
        inside_after = bool(self.inq[min(at + len(tok.text), len(self.inq) - 1)])
        return inside_after and (at == 0 or not self.inq[at - 1])

    def quoted(self, tok: Token) -> bool:
        """Whether ``tok`` lies inside a quotation."""
        at = self.offset(tok)
        return at is not None and bool(self.inq[at])

    def has_quote(self, sent: Sentence) -> bool:
        """Whether any quotation overlaps the sentence."""
        return bool(self._quote_index.overlapping((sent.start, sent.end)))

    def quote_after(self, tok: Token, sent: Sentence) -> bool:
        """True when a quotation opens after ``tok`` in its sentence."""
        return any(self.opens_quote(t) for t in sent.span if t.i > tok.i)

    def quote_paragraph_next(self, sent: Sentence) -> bool:
        """True when ``sent`` ends its paragraph and the next paragraph opens a quotation."""
        nxt = sent.block + 1
        if nxt >= len(self.blocks) or sent.end < self.blocks[sent.block][1]:
            return False
        return bool(self.inq[self.blocks[nxt][0] + 1])
