"""Plain records that flow one way through storybot.

Article -> Passage -> Hit -> Side -> Answer. Each is a frozen dataclass with
``to_dict()`` / ``from_dict()``; the CLI's JSON and the index's passage store
both go through them.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any, cast


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def unverified(verified: bool | None) -> str:
    """What every output writes after an uncertain speaker (found through coreference or the
    learned guess, ``verified`` False), so that a misattribution never reads as a fact."""
    return " (unverified)" if verified is False else ""


def content_id(*parts: str | None) -> str:
    """A stable id: the first 16 hex digits of sha256 over the parts."""
    digest = hashlib.sha256("\x1f".join(p or "" for p in parts).encode("utf-8"))
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class Source:
    """Where an article was published: its metadata without its text.

    Example: Source(article_id="000_48b3", outlet="UNIAN", published="2022-07-05")
    """

    article_id: str
    outlet: str
    url: str | None = None
    published: str | None = None
    title: str | None = None
    language: str | None = None  # "en", "de": given with the article or found at ingest

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Source:
        return cls(
            article_id=cast(str, data.get("article_id")),
            outlet=cast(str, data.get("outlet")),
            url=data.get("url"),
            published=data.get("published"),
            title=data.get("title"),
            language=data.get("language"),
        )


@dataclass(frozen=True)
class Article:
    """One cleaned article: the text every passage offset points into.

    Example: Article(source=Source("a1", "UNIAN"), text="Xi Jinping refused ...")
    """

    source: Source
    text: str
    checksum: str = ""

    @property
    def id(self) -> str:
        return self.source.article_id

    def __repr__(self) -> str:
        return f"Article(id={self.id!r}, outlet={self.source.outlet!r}, text={_short(self.text)!r})"

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source.to_dict(), "text": self.text, "checksum": self.checksum}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        return cls(Source.from_dict(data["source"]), data["text"], data.get("checksum", ""))


@dataclass(frozen=True)
class ClaimSpan:
    """Who speaks for one stretch of a passage: ``start`` and ``end`` index the article
    (not the passage), within the passage's own span. Text of a passage outside its claims is
    the reporter's narration. ``speaker_basis`` and ``verified`` mean what they mean on
    ``Passage``.

    Example: ClaimSpan(120, 160, "Dmitry Peskov", "said", "rule", True)
    """

    start: int
    end: int
    speaker: str
    cue: str | None = None
    speaker_basis: str | None = None
    verified: bool | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ClaimSpan:
        return cls(
            start=int(data["start"]),
            end=int(data["end"]),
            speaker=str(data["speaker"]),
            cue=data.get("cue"),
            speaker_basis=data.get("speaker_basis"),
            verified=data.get("verified"),
        )


def claims_from(data: dict[str, Any]) -> tuple[ClaimSpan, ...]:
    """The ``claims`` of a passage's dict (none in an index written before they existed)."""
    return tuple(ClaimSpan.from_dict(c) for c in data.get("claims") or ())


@dataclass(frozen=True)
class Passage:
    """A span of whole sentences of a cleaned article, ``text == article.text[start:end]``.

    ``speaker`` is who makes the claim the passage carries (None when unknown; two names
    joined by "; " when two people speak in one of its sentences); ``cue`` is the words
    that say so ("said", "according to", "denied"; "said; vowed" for two speakers).
    ``copies`` are the ids of the other passages of the corpus that say the same words (a
    wire copy in another outlet, a standfirst repeated in the body), found at ingest by
    ``retrieval/copies.py``.

    ``speaker_basis`` says how the speaker was found: "rule" (named in the sentence that
    makes the claim, or by a layout rule: a headline's credit, a signed quotation),
    "coreference" (named elsewhere and reached through a pronoun, a role or the paragraph
    before) or "model" (the learned guess); ``speaker_rule`` names the rule; ``verified`` is
    False for the uncertain ones (coreference and model), which every output marks
    "unverified". All three are None for a passage with no speaker.

    ``claims`` say who speaks for each stretch of the passage, sentence by sentence (a
    passage may hold a denial and the report it denies): what every output shows when the
    passage holds more than its one speaker's words. ``speaker`` stays the one who speaks for
    most of it.

    Example: Passage("p1", "a1", "Peskov said ...", 120, 160, speaker="Dmitry Peskov")
    """

    id: str
    article_id: str
    text: str
    start: int
    end: int
    speaker: str | None = None
    cue: str | None = None
    speaker_basis: str | None = None
    speaker_rule: str | None = None
    verified: bool | None = None
    copies: tuple[str, ...] = ()
    claims: tuple[ClaimSpan, ...] = ()

    def __repr__(self) -> str:
        return (
            f"Passage(id={self.id!r}, article_id={self.article_id!r}, "
            f"{self.start}:{self.end}, speaker={self.speaker!r}, text={_short(self.text)!r})"
        )

    def claims_apart(self) -> tuple[ClaimSpan, ...]:
        """The claims every output lists under the passage, claim by claim: all of them unless
        ``speaker`` alone is right for all of its words (its only speaker, and every word in a
        claim of theirs). Listed, words in no claim read as the reporter's narration."""
        said = {c.speaker.lower() for c in self.claims}
        if not said or said != {(self.speaker or "").lower()}:
            return self.claims
        covered = list(self.text)
        for c in self.claims:
            covered[c.start - self.start : c.end - self.start] = " " * (c.end - c.start)
        return self.claims if any(ch.isalnum() or ch == "_" for ch in covered) else ()

    def words_of(self, claim: ClaimSpan) -> str:
        """The words of one of the passage's claims."""
        return self.text[claim.start - self.start : claim.end - self.start]

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["copies"] = list(self.copies)
        data["claims"] = [c.to_dict() for c in self.claims]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Passage:
        return cls(
            id=data["id"],
            article_id=data["article_id"],
            text=data["text"],
            start=int(data["start"]),
            end=int(data["end"]),
            speaker=data.get("speaker"),
            cue=data.get("cue"),
            speaker_basis=data.get("speaker_basis"),
            speaker_rule=data.get("speaker_rule"),
            verified=data.get("verified"),
            copies=tuple(str(c) for c in data.get("copies") or ()),
            claims=claims_from(data),
        )


def carrier(source: Source) -> dict[str, Any]:
    """One entry of a ``carried_by`` list: the article that carries a passage's words."""
    return {
        "outlet": source.outlet,
        "published": source.published,
        "url": source.url,
        "article": source.article_id,
    }


@dataclass(frozen=True)
class Hit:
    """A passage found for a question, with where it was published and its score.

    ``carried_by`` are the articles that carry the passage's words, its own among them, the
    first appearance first (earliest ``published``, then corpus order); its own article alone
    when not given. ``beside`` is the ``passage_id`` of the passage of the answer whose
    speaker's words this one goes on with (``retrieval.companions``), shown after it; None for
    a passage found for the question itself.

    Example: Hit(passage, source, score=0.62, carried_by=(reuters, source))
    """

    passage: Passage
    source: Source
    score: float
    carried_by: tuple[Source, ...] = field(default=(), repr=False)
    beside: str | None = None

    def __post_init__(self) -> None:
        if not self.carried_by:
            object.__setattr__(self, "carried_by", (self.source,))

    def to_dict(self) -> dict[str, Any]:
        """The ``Passage`` object of the ``ask --json`` contract."""
        return {
            "text": self.passage.text,
            "speaker": self.passage.speaker,
            "outlet": self.source.outlet,
            "published": self.source.published,
            "url": self.source.url,
            "article": self.source.article_id,
            "score": round(float(self.score), 4),
            "cue": self.passage.cue,
            "title": self.source.title,
            "language": self.source.language,
            "passage_id": self.passage.id,
            "start": self.passage.start,
            "end": self.passage.end,
            "speaker_basis": self.passage.speaker_basis,
            "speaker_rule": self.passage.speaker_rule,
            "verified": self.passage.verified,
            "claims": [c.to_dict() for c in self.passage.claims],
            "carried_by": [carrier(s) for s in self.carried_by],
            "beside": self.beside,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Hit:
        passage = Passage(
            id=data.get("passage_id") or content_id(data["article"], data["text"]),
            article_id=data["article"],
            text=data["text"],
            start=int(data.get("start", 0)),
            end=int(data.get("end", len(data["text"]))),
            speaker=data.get("speaker"),
            cue=data.get("cue"),
            speaker_basis=data.get("speaker_basis"),
            speaker_rule=data.get("speaker_rule"),
            verified=data.get("verified"),
            claims=claims_from(data),
        )
        source = Source(
            article_id=data["article"],
            outlet=data["outlet"],
            url=data.get("url"),
            published=data.get("published"),
            title=data.get("title"),
            language=data.get("language"),
        )
        carried_by = tuple(
            source
            if c["article"] == source.article_id
            else Source(c["article"], c["outlet"], c.get("url"), c.get("published"))
            for c in data.get("carried_by") or ()
        )
        return cls(passage, source, float(data["score"]), carried_by, data.get("beside"))


class Stance(StrEnum):
    """How a passage stands towards a claim, and so which side of an answer it goes on.

    The stance judge gives a passage one of ASSERTS, DENIES, DISCUSSES or UNRELATED against a
    claim; a ``Side`` of an answer is ASSERTS or DENIES when the claim is contested, or ANSWER
    when nothing contests it. The values are what ``ask --json`` prints.
    """

    ASSERTS = "asserts"  # says what the claim says (FNC-1's "agree")
    DENIES = "denies"  # denies or contradicts it (FNC-1's "disagree")
    DISCUSSES = "discusses"  # about the claim, takes no side (FNC-1's "discuss")
    UNRELATED = "unrelated"  # about something else
    ANSWER = "answer"  # a side that nothing contests: the answer as the corpus gives it


@dataclass(frozen=True)
class Side:
    """Passages that take one side of a contested claim, with a label in words.

    ``stance`` is ``Stance.ASSERTS``, ``Stance.DENIES`` or ``Stance.ANSWER`` (nothing contests
    it); a plain string of one of those values is taken as that member.

    Example: Side("Reported: Xi declined the invitation (Yomiuri, via UNIAN)", hits, "asserts")
    """

    label: str
    hits: tuple[Hit, ...]
    stance: Stance = Stance.ANSWER

    def __post_init__(self) -> None:
        object.__setattr__(self, "stance", Stance(self.stance))

    @property
    def outlets(self) -> list[str]:
        """The distinct outlets that carry the side's passages, in order of appearance."""
        return list(dict.fromkeys(s.outlet for h in self.hits for s in h.carried_by))

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "stance": self.stance.value,
            "outlets": len(self.outlets),
            "passages": [h.to_dict() for h in self.hits],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Side:
        return cls(
            data["label"],
            tuple(Hit.from_dict(h) for h in data["passages"]),
            Stance(data.get("stance", Stance.ANSWER)),
        )


@dataclass(frozen=True)
class Answer:
    """What storybot says to a question; ``to_dict()`` is the ``ask --json`` object.

    Example: Answer("Did Xi refuse?", True, sides, context, "2 sides found")
    """

    question: str
    answered: bool
    sides: tuple[Side, ...] = field(default_factory=tuple)
    context: tuple[Hit, ...] = field(default_factory=tuple)
    message: str = ""

    def all_hits(self) -> list[Hit]:
        """Every returned hit, sides first, then context."""
        return [h for s in self.sides for h in s.hits] + list(self.context)

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answered": self.answered,
            "message": self.message,
            "sides": [s.to_dict() for s in self.sides],
            "context": [h.to_dict() for h in self.context],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Answer:
        return cls(
            question=data["question"],
            answered=bool(data["answered"]),
            sides=tuple(Side.from_dict(s) for s in data.get("sides", [])),
            context=tuple(Hit.from_dict(h) for h in data.get("context", [])),
            message=data.get("message", ""),
        )
