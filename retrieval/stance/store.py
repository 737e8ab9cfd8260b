"""What the stance judge reads off a passage whatever the claim, computed once at ingest.

``analyse_passages`` parses every passage with spaCy (in batches) when the index is built; the
index keeps the result beside its passages (``PassageIndex.stance``, keyed by passage id) and
answering reads it back with ``PassageAnalysis.from_dict``, so no passage is parsed while
answering. Only the question, and a claim that is not a passage, are parsed then.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from retrieval.chunk import quote_open
from retrieval.denials import DENIES as OUTRIGHT
from retrieval.language import base_language
from retrieval.lexicon import FOREIGN_DENIAL_WORDS
from retrieval.stance.cues import (
    SentenceCues,
    analyse,
    span_cues,
    strongest_denial,
    text_denial,
)

if TYPE_CHECKING:
    from retrieval.index import PassageIndex

_logger = logging.getLogger(__name__)

# A sentence whose own words deny something at least this much is a denial, however weak
# ("the ministry had received no report of any leak"): its side is the denying one.
SAYS_NO = 0.3

# How a side's label splits a passage into the sentences it may quote ("Denied: ...").
_QUOTABLE = re.compile(r"(?<=[.!?])[\"”]?\s+")


def _key(sentence: str) -> str:
    """A sentence as ``quotable_sentences`` gives it: whitespace runs one space, the quote
    marks around it stripped."""
    return " ".join(sentence.split()).strip(" \"“”'")


def quotable_sentences(text: str) -> list[str]:
    """The sentences of a passage a label may quote, quotes stripped, of two words or more."""
    return [
        _key(sentence)
        for sentence in _QUOTABLE.split(" ".join(text.split()))
        if len(sentence.split()) >= 2
    ]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Where each sentence of ``quotable_sentences`` split lies in ``text`` itself (start,
    end), whitespace and quote marks kept: ``text[start:end]`` quotes it word for word."""
    spans = []
    start = 0
    for gap in _QUOTABLE.finditer(text):
        spans.append((start, gap.start() + len(gap.group().rstrip())))
        start = gap.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _speaker_at(start: int, end: int, speakers: Sequence[tuple[int, int, str]]) -> str | None:
    """Who speaks most of ``start:end``, None when no one does (the reporter's narration)."""
    overlap: dict[str, int] = {}
    for a, b, speaker in speakers:
        shared = min(b, end) - max(a, start)
        if shared > 0:
            overlap[speaker] = overlap.get(speaker, 0) + shared
    return max(overlap, key=lambda s: overlap[s]) if overlap else None


@dataclass(frozen=True)
class PassageAnalysis:
    """One passage's parse cues, sentence by sentence, and how strongly each of its quotable
    sentences, parsed alone, denies something.

    Example: PassageAnalysis.from_dict(analysis.to_dict()) == analysis
    """

    sentences: tuple[SentenceCues, ...]
    quotable: tuple[tuple[str, float], ...]

    @property
    def denial(self) -> float:
        """How strongly the passage denies something (``judge.denial_strength`` of its text)."""
        return text_denial(list(self.sentences))

    def denying_span(
        self,
        text: str,
        speakers: Sequence[tuple[int, int, str]] = (),
        restates: Callable[[str], bool] = lambda sentence: True,
    ) -> tuple[int, int] | None:
        """The part of the passage ``text`` (this analysis's passage) its denying side quotes:
        the passage without the report it restates at either end ("... said the claims were
        false. Hersh had reported that ..."), i.e. without leading and trailing sentences that
        deny less than the passage's strongest denial and either hedge (reported, alleged,
        according to) or restate the claim in someone else's words than the denial's. The
        denier's own further words, the reporter's, and others' on another matter stay. None
        when nothing is left out.

        Args:
            text: the passage's text.
            speakers: who speaks where in it, as (start, end, speaker) offsets in ``text``
                (the passage's claims), when known.
            restates: whether a sentence of it says what the claim says (by its vector).
        """
        of = {_key(s): denial for s, denial in self.quotable}
        spans = sentence_spans(text)
        denials = [of.get(_key(text[a:b]), 0.0) for a, b in spans]
        if not denials or max(denials) <= 0:
            return None
        strongest = min(max(denials), OUTRIGHT)
        who = [_speaker_at(a, b, speakers) for a, b in spans]
        deniers = {who[i] for i, d in enumerate(denials) if d >= strongest} - {None}
        strong = [i for i, d in enumerate(denials) if d >= strongest]
        hedged = [self._hedged(text[a:b]) for a, b in spans]
        # before the denial, only what hedges goes: whoever speaks there may be answering too
        # ("Peskov said the post should prompt an inquiry. The White House dismissed it")
        first = next(i for i in range(len(spans)) if i >= strong[0] or not hedged[i])
        # someone else's words that say what the claim says go; someone else's denial stays
        others = [
            who[i] not in {None, *deniers} and denials[i] < SAYS_NO and restates(text[a:b])
            for i, (a, b) in enumerate(spans)
        ]
        last = max(i for i in range(len(spans)) if i <= strong[-1] or not (hedged[i] or others[i]))
        first, last = _whole_quotations(text, spans, first, last)
        if first == 0 and last == len(spans) - 1:
            return None
        return spans[first][0], spans[last][1]

    def _hedged(self, sentence: str) -> bool:
        """Whether the parse found a hedge in the sentence (or the parsed sentence holding it)."""
        return any(cues.hedges > 0 for cues in self.parsed(sentence))

    def parsed(self, sentence: str) -> list[SentenceCues]:
        """The parsed sentences that hold a sentence of the passage or lie inside it (the
        parse and ``quotable_sentences`` split a passage differently)."""
        key = _key(sentence)
        return [c for c in self.sentences if key in _key(c.text) or _key(c.text) in key]

    def to_dict(self) -> dict[str, Any]:
        return {
            "sentences": [s.to_dict() for s in self.sentences],
            "quotable": [[text, denial] for text, denial in self.quotable],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PassageAnalysis:
        return cls(
            tuple(SentenceCues.from_dict(s) for s in data["sentences"]),
            tuple((str(text), float(denial)) for text, denial in data["quotable"]),
        )


class StoredAnalyses:
    """Each passage's stance analysis by passage id, read from the index's stored JSON when a
    question first needs it (a question needs a few dozen, an archive holds millions).

    An index made without the analysis of some passage (by hand, in a test) gets it now.
    """

    def __init__(self, index: PassageIndex) -> None:
        self._stored = index.stance
        self._read: dict[str, PassageAnalysis] = {}
        missing = [p for p in index.passages if p.id not in index.stance]
        if missing:
            _logger.warning(
                "%d passages have no stored stance analysis; parsing them", len(missing)
            )
            fresh = analyse_passages([p.text for p in missing])
            self._read.update(zip((p.id for p in missing), fresh, strict=True))

    def __getitem__(self, passage_id: str) -> PassageAnalysis:
        found = self._read.get(passage_id)
        if found is None:  # two threads may both read it: the same record either way
            found = self._read[passage_id] = PassageAnalysis.from_dict(self._stored[passage_id])
        return found


def analyse_passages(
    texts: Sequence[str], batch_size: int = 64, languages: Sequence[str | None] | None = None
) -> list[PassageAnalysis]:
    """The analysis of each passage text, in order; all texts parsed in one batched pass.

    A passage in a language of ``FOREIGN_DENIAL_WORDS`` (``languages``, one per text) is read
    by those words instead: the English parse of German or Russian is noise.
    """
    languages = list(languages or [None] * len(texts))
    foreign = {i for i, lang in enumerate(languages) if base_language(lang) in FOREIGN_DENIAL_WORDS}
    if foreign:
        english = [i for i in range(len(texts)) if i not in foreign]
        read = analyse_passages([texts[i] for i in english], batch_size)
        done = dict(zip(english, read, strict=True))
        done.update({i: foreign_analysis(texts[i], base_language(languages[i])) for i in foreign})
        return [done[i] for i in range(len(texts))]
    quotable = [quotable_sentences(t) for t in texts]
    # The same parse as denial_strength gives: an empty (quote-only) sentence denies nothing.
    alone = [s for sentences in quotable for s in sentences if s.strip()]
    parsed = analyse([*texts, *alone], batch_size=batch_size)
    whole, parts = parsed[: len(texts)], parsed[len(texts) :]
    denial_of = {s: text_denial(cues) for s, cues in zip(alone, parts, strict=True)}
    return [
        PassageAnalysis(
            tuple(cues), tuple((s, denial_of[s] if s.strip() else 0.0) for s in sentences)
        )
        for cues, sentences in zip(whole, quotable, strict=True)
    ]


def analyse_parsed(
    text: str,
    passages: Sequence[tuple[int, int]],
    sentences: Sequence[tuple[int, Any]],
    language: str | None = None,
) -> list[PassageAnalysis]:
    """The analysis of each passage ``text[start:end]`` of an article, read off the article's
    own parse instead of parsing the passage and its sentences again (ingest parses each
    article once).

    A passage's sentences are the parsed sentences it holds (one cut by its edge, only the
    part inside); a quotable sentence's denial is that of the parsed sentences within it, as
    ``analyse_passages`` reads it off the sentence parsed alone.

    Args:
        text: the cleaned article.
        passages: each passage's (start, end) in ``text``.
        sentences: the article's parsed sentences as (offset, span): a spaCy span of a
            document whose character 0 is ``text[offset]``.
        language: the article's language; one of ``FOREIGN_DENIAL_WORDS`` is read by those
            words (``foreign_analysis``).
    """
    if base_language(language) in FOREIGN_DENIAL_WORDS:
        return [foreign_analysis(text[a:b], base_language(language)) for a, b in passages]
    cues = _ParsedCues(text, sentences)
    out = []
    for start, end in passages:
        passage = text[start:end]
        where = {_key(passage[a:b]): (start + a, start + b) for a, b in sentence_spans(passage)}
        quotable = []
        for sentence in quotable_sentences(passage):
            if not sentence.strip():
                quotable.append((sentence, 0.0))
            elif sentence in where:
                quotable.append((sentence, text_denial(cues.within(*where[sentence]))))
            else:  # the two splits disagree (never seen): parse it alone, as before
                quotable.append((sentence, text_denial(analyse([sentence])[0])))
        out.append(PassageAnalysis(tuple(cues.within(start, end)), tuple(quotable)))
    return out


class _ParsedCues:
    """The cues of the parsed sentences (or parts of them) within a stretch of an article,
    each read once however many passages and quotable sentences hold it."""

    def __init__(self, text: str, sentences: Sequence[tuple[int, Any]]) -> None:
        self.text = text
        self.sentences = sorted(
            (offset + span.start_char, offset + span.end_char, offset, span)
            for offset, span in sentences
        )
        self._starts = [start for start, *_ in self.sentences]
        self._read: dict[tuple[int, int], SentenceCues | None] = {}

    def within(self, start: int, end: int) -> list[SentenceCues]:
        first = max(0, bisect_right(self._starts, start) - 1)
        out = []
        for s, e, offset, span in self.sentences[first:]:
            if s >= end:
                break
            if e <= start:
                continue
            a, b = max(s, start), min(e, end)
            if (a, b) not in self._read:
                part = span if (a, b) == (s, e) else _part(span, a - offset, b - offset)
                whole = part is not None and bool(self.text[a:b].strip())
                self._read[a, b] = span_cues(part, self.text[a:b]) if whole else None
            found = self._read[a, b]
            if found is not None:
                out.append(found)
        return out


def _part(span: Any, start: int, end: int) -> Any | None:
    """The tokens of ``span``'s document between two of its character offsets (None for
    none)."""
    part = span.doc.char_span(start, end, alignment_mode="contract")
    return part if part is not None and len(part) else None


# a word denies when one of FOREIGN_DENIAL_WORDS starts it (case folded)
_FOREIGN_DENIAL = {
    lang: re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + ")", re.IGNORECASE)
    for lang, words in FOREIGN_DENIAL_WORDS.items()
}
_FOREIGN_STRENGTH = 0.9  # as an English "X is false" reads


def foreign_analysis(text: str, language: str) -> PassageAnalysis:
    """A passage of a language the parse cannot read, by its denial words alone."""
    found = _FOREIGN_DENIAL[language]
    sentences = quotable_sentences(text) or [text.strip()]
    cues = []
    for sentence in sentences:
        denial = _FOREIGN_STRENGTH if found.search(sentence) else 0.0
        words = len(sentence.split())
        cues.append(
            SentenceCues(sentence, denial, (), (), 0, 0, 0, False, (), (), (), (), False, words)
        )
    return PassageAnalysis(tuple(cues), tuple((c.text, c.denial) for c in cues))


def stored_denial(data: dict[str, Any]) -> float:
    """``PassageAnalysis.denial`` of an analysis as the index stores it, without reading it
    whole (a corpus-wide look at which passages deny something reads every one)."""
    return strongest_denial([float(s["denial"]) for s in data["sentences"]])


def _whole_quotations(
    text: str, spans: Sequence[tuple[int, int]], first: int, last: int
) -> tuple[int, int]:
    """The sentences ``first`` to ``last`` of ``text`` widened so that no quotation is cut in
    half: a part that would start or end inside one takes the rest of it ('"We received an
    anonymous letter in August.' without 'It named no sponsor and no company," she said.')."""
    while first > 0 and quote_open(text[: spans[first][0]]):
        first -= 1
    while last < len(spans) - 1 and quote_open(text[spans[first][0] : spans[last][1]]):
        last += 1
    return first, last
