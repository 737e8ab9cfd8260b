"""Side labels: a short line that says what a side is, made only of the side's own words.

"Denied by Lina Orsk and Tesk Port: “There was no sale.”" names who takes the side (their
names, not the whole speaker line the passages show) and, when one is short enough, quotes
one whole sentence of theirs: the plainest denial, or the claim as its best passage puts it.
A long sentence is never cut: the label then names who alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from retrieval.language import base_language
from retrieval.lexicon import SAID_THAT, TITLE_ABBREVIATIONS, TITLE_WORDS
from retrieval.stance.store import PassageAnalysis
from retrieval.types import Hit, Stance

# A sentence of at most this many words is quoted whole in a label; a longer one not at all.
SHORT_SENTENCE = 16
# How many names a label lists before "and N more".
_NAMES = 3
_SAID_THAT = re.compile(rf"^.*?\b(?:{SAID_THAT}) that\s+")
_PREFIX = {
    Stance.ASSERTS: "Reported by",
    Stance.DENIES: "Denied by",
    Stance.ANSWER: "According to",
}


def short_name(hit: Hit) -> str:
    """Who a passage is from, in a few words: the speaker's name without the role ("Dmitry
    Peskov" of "Dmitry Peskov, Kremlin spokesman"), the first of two, else (also when the
    speaker is unverified) the outlet's name without what follows a comma ("The Straits Times"
    of "The Straits Times, Reuters wire")."""
    # a label states who takes a side: a speaker attribution is not sure of is not named there
    sure = hit.passage.verified is not False
    speaker = (hit.passage.speaker or "").split(";")[0].split(",")[0].strip() if sure else ""
    return speaker or hit.source.outlet.split(", ")[0]


def names(hits: Sequence[Hit]) -> str:
    """The side's distinct names in order: "A", "A and B", "A, B and C", "A, B, C and 2 more"."""
    found = list(dict.fromkeys(short_name(h) for h in hits))
    if len(found) > _NAMES:
        return f"{', '.join(found[:_NAMES])} and {len(found) - _NAMES} more"
    if len(found) > 1:
        return f"{', '.join(found[:-1])} and {found[-1]}"
    return found[0] if found else "the articles"


# A "sentence" that ends on initials or a title's abbreviation was cut short by the splitter.
_TITLES = {*TITLE_WORDS, *(a.rstrip(".").lower() for a in TITLE_ABBREVIATIONS)}
_CUT_AT_ABBREVIATION = re.compile(
    rf"(?:\b(?:[A-Z]\.){{2,}}|\b(?i:{'|'.join(sorted(_TITLES, key=len, reverse=True))})\.)$"
)
_QUOTED = re.compile(r"[“\"«„](.+?)[”\"»“]")
# the closing mark of a quotation whose opening mark the sentence lost ('It is false," he said')
_CLOSED = re.compile(r"^(.+?)[”\"»]")


def _opens_inside(sentence: str) -> bool:
    """Whether the sentence begins inside a quotation whose opening mark it lost
    ('No such order," he said, and called it "invention".'): its first mark closes."""
    marks = [ch for ch in sentence if ch in '"“”«»']
    if not marks:
        return False
    if marks[0] in "”»":
        return True
    return marks[0] == '"' and sentence.count('"') % 2 == 1


def _whole(sentence: str) -> str | None:
    """A sentence fit to quote whole in a label: short, and more than a couple of words. A
    sentence that quotes someone gives the quoted words alone ('“It is false,” he said' gives
    'It is false')."""
    sentence = " ".join(sentence.split())
    quoted = _CLOSED.match(sentence) if _opens_inside(sentence) else None
    quoted = quoted or _QUOTED.search(sentence) or _CLOSED.match(sentence)
    if quoted and len(quoted.group(1).split()) >= 3:
        sentence = quoted.group(1)
    sentence = sentence.strip(' ,;:"“”«»„')
    if _CUT_AT_ABBREVIATION.search(sentence):
        return None  # "... that the U.S.", "... Marine Corps Lt.": the sentence goes on
    return sentence if 3 <= len(sentence.split()) <= SHORT_SENTENCE else None


def plainest_denial(analyses: Sequence[PassageAnalysis]) -> tuple[str, int] | None:
    """The most denying short sentence of the side ("Peskov said that the reports are false"
    gives what is said: "the reports are false"), the shorter first among equals, with the
    index of the passage it is from."""
    sentences = [
        (denial, -len(text.split()), -i, _SAID_THAT.sub("", text))
        for i, a in enumerate(analyses)
        for text, denial in a.quotable
        if denial > 0
    ]
    for _, _, i, text in sorted(sentences, reverse=True):
        if whole := _whole(text):
            return whole, -i
    return None


def first_claim(analyses: Sequence[PassageAnalysis]) -> tuple[str, int] | None:
    """The first sentence of one of the side's best passages that is not a question, when it
    is short enough to quote whole, with the index of the passage it is from. Only a
    passage's first statement says its claim: a later one is often a detail ("The trust's
    own monitoring flagged the traffic on 28 September"), which would misstate the side."""
    for i, analysis in enumerate(analyses):
        statements = (text for text, _ in analysis.quotable if not text.rstrip().endswith("?"))
        first = next(statements, None)
        if first is not None and (whole := _whole(first)) and not whole.endswith("?"):
            return whole, i
    return None


def side_label(stance: Stance, hits: Sequence[Hit], analyses: Sequence[PassageAnalysis]) -> str:
    """A side's label, e.g. 'Denied by Dmitry Peskov: “This is completely untrue.”'.

    Args:
        stance: the side's stance (ASSERTS, DENIES or ANSWER).
        hits: the side's passages, best first.
        analyses: their stored stance analyses, in the same order.
    """
    # quoted in the language of the side's best passage when one of that language will do
    same = [
        i
        for i, h in enumerate(hits)
        if base_language(h.source.language) == base_language(hits[0].source.language)
    ]
    if stance == Stance.DENIES:
        found = plainest_denial([analyses[i] for i in same])
        quoted = (found[0], same[found[1]]) if found else plainest_denial(analyses)
    else:
        quoted = first_claim(analyses[:2])
    # whoever's words are quoted is named first: the label never puts them under another name
    first = quoted[1] if quoted else 0
    who = names([hits[first], *hits[:first], *hits[first + 1 :]])
    label = f"{_PREFIX.get(stance, 'According to')} {who}"
    return f"{label}: “{quoted[0]}”" if quoted else label
