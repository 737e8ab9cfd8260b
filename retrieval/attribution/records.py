"""The records of attribution: who speaks (``Speaker``), a claim found in the text
(``Claim``), a parsed sentence (``Sentence``) and the public ``Attribution``.

All are frozen: a step that extends a claim's extent or renames its speaker makes a new one
with ``dataclasses.replace``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # spaCy is imported by the loader, not by importing this module
    from spacy.tokens import Span as ParsedSpan

# (start, end) offsets into the whole article
Span = tuple[int, int]


class ClaimKind(StrEnum):
    """How a claim was found; the value is what ``Attribution.kind`` reports."""

    QUOTE = "quote"  # a quotation, or a clause ending in a colon that opens one
    REPORTED = "reported"  # reported speech: "Peskov announced that ..."
    STATEMENT = "statement"  # "the Kremlin's statement that ..."
    ACCORDING_TO = "according_to"  # "according to X", "in the X poll", "records show"
    QUOTED_AS = "quoted_as"  # "X quoted Y as saying"
    HEADLINE = "headline"  # "Icon Morton Blackwell Endorses Ted Cruz"
    HEADLINE_SOURCE = "headline_source"  # "Xi turns down Putin's invitation – media"
    COLON_LEAD = "colon_lead"  # "PENCE: Well, look ..."
    LEARNED_CUE = "learned"  # a verb the cue model accepts and no rule knows
    LEARNED_SOURCE = "learned_source"  # the source model's guess: weaker than any rule


@dataclass(frozen=True)
class Speaker:
    """Who a source phrase names: ``name`` as a reader would give it, where the phrase is
    (``source``, when it is in the sentence) and what it is (``kind``: "person", "org",
    "group" or "thing").

    A function that returns ``Speaker | None`` means by None that nobody speaks there (no
    claim), and by ``UNNAMED`` (``name`` None) that someone speaks whom the text does not
    name ("someone in the audience shouted"): a claim with no speaker.

    Example: Speaker("Dmitry Peskov, Kremlin spokesman", (120, 133), "person")
    """

    name: str | None
    source: Span | None = None
    kind: str | None = None

    def renamed(self, name: str) -> Speaker:
        """The same source under a longer name ("X, citing Y", "X, quoted by Y")."""
        return dataclasses.replace(self, name=name)


UNNAMED = Speaker(None)


@dataclass(frozen=True)
class Claim:
    """A claim found in the text; offsets index the whole article.

    ``extent`` is every character the claim speaks for (its sentence, or its clause when a
    sentence carries several speakers, plus any quotation it owns); ``content`` is the
    claim itself, ``source`` the phrase naming the speaker when it is in the same sentence;
    ``rule`` names the rule that found it (and, for a verb, the rule that found its
    subject: "verb/nominal_subject").
    """

    content: Span | None
    extent: Span
    speaker: str | None
    cue: str | None
    source: Span | None
    kind: ClaimKind
    sent: int
    block: int
    root: bool
    mkind: str | None = None
    owns_quote: bool = False
    colon: bool = False
    rank: int = 0
    cue_at: int | None = None  # where the cue word starts, when it is a word of the text
    frame: bool = False  # "As POLITICO revealed, ...": speaks for the clause it opens
    rule: str = field(default="", compare=False)

    @property
    def who(self) -> Speaker:
        return Speaker(self.speaker, self.source, self.mkind)

    def covering(self, span: Span | None) -> Claim:
        """The claim with its extent stretched over ``span`` (a sentence, a paragraph)."""
        return dataclasses.replace(self, extent=hull(self.extent, span) or self.extent)


@dataclass(frozen=True)
class Sentence:
    """A sentence of one block (line) with its parse and absolute offsets."""

    index: int
    block: int
    span: ParsedSpan
    offset: int
    start: int
    end: int
    headline: bool


@dataclass(frozen=True)
class Attribution:
    """One claim in a text and who makes it; offsets index the text given.

    Example: Attribution(120, 160, "Dmitry Peskov, Kremlin spokesman", "told reporters",
    None, None, "quote")
    """

    content_start: int
    content_end: int
    speaker: str | None
    cue: str | None
    source_start: int | None
    source_end: int | None
    kind: str

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Attribution:
        values: dict[str, Any] = {f.name: data.get(f.name) for f in dataclasses.fields(cls)}
        return cls(**values)


def hull(a: Span | None, b: Span | None) -> Span | None:
    """The smallest span covering both (either may be None)."""
    if a is None:
        return b
    if b is None:
        return a
    return (min(a[0], b[0]), max(a[1], b[1]))


def overlap(a: Span, b: Span) -> int:
    """How many characters two spans share."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))
