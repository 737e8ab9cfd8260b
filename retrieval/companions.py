"""A speaker's own words beside the passage that reports them.

A news article often gives a position twice: first reported ("The Norwegian Foreign Ministry
told Sputnik that the allegations ... are nonsense"), a few paragraphs on in the speaker's own
words ("'These allegations are nonsense,' the ministry said"). Search finds the first, which
repeats the report's words; the second, the one a reader wants quoted, shares almost none.
So an answer that shows the report of a speaker's words shows their own words next to it.

And what a speaker goes on to say is theirs too: a quotation that runs on into the next
paragraph ('"... sat at the end of the table," said Johanna Peltz.' then '"Two days later I was
taken off the panel," she said.'), a reply a few paragraphs on ("Attempts by the State
Department to brush off the article are overt lies, Maria Zakharova said", the State
Department's words, then "Zakharova said she was astonished by Price's audacity ..."). Each
shares few of the question's words, so an answer that shows a speaker's words shows their next
words in the article beside them (``later_words_of``), taking no place of their own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace

from retrieval.lexicon import BODY_NOUNS, OFFICER_QUALIFIERS, OFFICER_ROLES, ROLE_STOPWORDS
from retrieval.search import Scored
from retrieval.speakers import mentions_of, same_voice
from retrieval.stance.cues import has_quotation
from retrieval.types import Passage

# How far on in the article the speaker's own words may be (passages after the report).
_REACH = 3
# A quotation that opens with a capital is someone's sentence ('"These claims are nonsense,"
# the ministry said'), and so is a long one; a short one inside the writer's sentence (called
# it "nonsense", had "spoken to several witnesses") is a word or phrase the report borrows.
_OWN_WORDS = 8
_QUOTED = re.compile(r'["“«„]([^"“”«»„]+)["”»“]')


def quotes_own_words(text: str) -> bool:
    """Whether the text quotes a speaker's own words: a quotation that opens with a capital
    letter, or one of at least eight words."""
    return any(
        quoted.lstrip()[:1].isupper() or len(quoted.split()) >= _OWN_WORDS
        for quoted in (found.group(1) for found in _QUOTED.finditer(text))
    )


def companion_of(
    passages: Sequence[Passage], position: int, quotes: Callable[[str], bool] = has_quotation
) -> int | None:
    """The passage just after ``position`` in its article where the same speaker speaks in
    quotation marks, when the passage at ``position`` reports them without: the same speaker,
    or one voice (``same_voice``: "the ministry", a body's spokesperson). ``quotes`` says
    whether a text quotes someone: any quotation mark, or, for a denial, where a terse
    quotation is the side's best evidence, ``quotes_own_words`` (a word or a phrase the
    report borrows in quotation marks is not the denier's own words)."""
    reported = passages[position]
    if not reported.speaker or quotes(reported.text):
        return None
    for after in _within_reach(passages, position):
        passage = passages[after]
        if passage.speaker and quotes(passage.text):
            if same_voice(passage.speaker, reported.speaker):
                return after
            if after == position + 1 and officer_of(passage.speaker, reported.speaker):
                return after  # the officer of whoever the passage before reports
    return None


def _role_words(text: str) -> set[str]:
    return set(re.findall(r"[\w'’]+", text.casefold())) - ROLE_STOPWORDS


def officer_of(speaker: str, body: str) -> bool:
    """Whether ``speaker`` is named by an officer's title and no body's name of their own
    ("Bertil Amsel, chief executive", "company spokeswoman Mira Dantes"), and so speaks for
    the body the paragraph before names: a common noun for a body in the title must be the
    one ``body`` is called by, when it is called by one."""
    mentions = mentions_of(speaker)
    if len(mentions) != 1 or not mentions[0].role:
        return False
    words = _role_words(mentions[0].role)
    kinds = words & BODY_NOUNS
    called = _role_words(body) & BODY_NOUNS
    return (
        bool(words & OFFICER_ROLES)
        and words <= OFFICER_ROLES | OFFICER_QUALIFIERS | BODY_NOUNS
        and (not kinds or not called or kinds <= called)
    )


def later_words_of(passages: Sequence[Passage], position: int) -> int | None:
    """The same speaker's next words in the article after ``position``, quoted or reported,
    up to ``_REACH`` passages on: the rest of their quotation, or what they went on to say."""
    said = passages[position]
    if not said.speaker:
        return None
    for after in _within_reach(passages, position):
        passage = passages[after]
        if passage.speaker and same_voice(passage.speaker, said.speaker):
            return after
    return None


def _within_reach(passages: Sequence[Passage], position: int) -> Iterator[int]:
    """The positions of the ``_REACH`` passages after ``position``, while in its article."""
    article = passages[position].article_id
    for after in range(position + 1, min(position + 1 + _REACH, len(passages))):
        if passages[after].article_id != article:
            return
        yield after


def with_companions(
    ranked: list[Scored],
    passages: Sequence[Passage],
    among: int,
    denies: Callable[[int], bool] = lambda position: False,
) -> list[tuple[Scored, int | None]]:
    """The ranking with each of its first ``among`` passages' companion right after it,
    scored as it is, paired with the position of the passage it accompanies (None for the
    ranking's own): the speaker's own words when the passage reports them (``companion_of``),
    else the speaker's next words (``later_words_of``). A companion ranked further down moves
    up; none is shown twice, nor beside a copy of itself. A passage that ``denies`` something
    brings the denier's own words even when it borrows a phrase of theirs
    (``quotes_own_words``)."""
    shown: set[str] = set()
    out: list[tuple[Scored, int | None]] = []
    for i, scored in enumerate(ranked):
        if passages[scored.position].id in shown:
            continue  # moved up beside the passage it accompanies
        out.append((scored, None))
        shown.update((passages[scored.position].id, *passages[scored.position].copies))
        if i >= among:
            continue
        quotes = quotes_own_words if denies(scored.position) else has_quotation
        companion = companion_of(passages, scored.position, quotes)
        if companion is None:
            companion = later_words_of(passages, scored.position)
        if companion is not None and passages[companion].id not in shown:
            shown.update((passages[companion].id, *passages[companion].copies))
            out.append((replace(scored, position=companion), scored.position))
    return out
