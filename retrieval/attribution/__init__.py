"""Who makes each claim in an article: quotes, reported speech, "according to", narration.

``find_attributions(text)`` parses a cleaned article with spaCy and returns one
``Attribution`` per claim it can tie to a source: direct quotes (speaker before or after,
running over several sentences or into a paragraph of their own), reported speech
("Peskov announced that ...", "the ministry refuted ..."), "according to X",
"X, citing Y" and "X quoted Y as saying". Roles, short names and pronouns are resolved to
the fullest earlier mention ("the NATO chief" -> "Jens Stoltenberg, NATO Secretary-General").
``attribute_passages`` sets each passage's ``speaker`` and ``cue`` from the claim that
covers most of it, and from a second one where two people speak in one of its sentences
("Mara Kettle; Tom Brill"); the reporter's own narration keeps ``speaker=None``. The outlet is never
guessed from the text: it comes from the article's metadata.
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from retrieval.attribution.finder import LEARNED_CUE, LEARNED_SOURCE, Claim, ClaimFinder
from retrieval.lexicon import PERSON_ROLES
from retrieval.nlp import load_spacy
from retrieval.types import Passage

logger = logging.getLogger(__name__)

# A passage gets a speaker only if that speaker's claims cover this share of its characters.
MIN_COVER = 0.2
# Between the two speakers of a passage where two people speak in one sentence.
SPEAKER_SEPARATOR = "; "


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
        return cls(**{f.name: data.get(f.name) for f in dataclasses.fields(cls)})


def _nlp() -> Any:
    """The shared spaCy pipeline, loaded once on first use (never at import)."""
    return load_spacy()


def warm_up() -> None:
    """Load the spaCy model now rather than on the first call."""
    _nlp()


_LINE = re.compile(r"[^\n]+")
# A live blog's entries scraped without line breaks: "...February 6, 2016 9:23PMRubio Says
# ...": a year and a time glued to the next entry's headline end a paragraph.
_GLUED_TIMESTAMP = re.compile(r"\b\d{4},? \d{1,2}:\d{2} ?[AP]M ?(?=[A-Z])")


def _blocks(text: str) -> list[tuple[int, int]]:
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


_GLUED_QUOTE = re.compile(r"(?<=[a-z]),(?=[“\"]\w)")
_SIGNING_DASH = re.compile(r"^[-–—](?=[A-Z])")


def _for_parser(block: str) -> str:
    """The block as spaCy should see it, same length so offsets still hold."""
    # nbsp -> space stops spaCy from making stray SPACE tokens
    block = block.replace("\xa0", " ")
    # 'Ryan said,“Look, ...': a comma glued to an opening quote makes one token of both
    block = _GLUED_QUOTE.sub(" ", block)
    # "-President Obama, tweeting ...": a signing dash glued to the name would join it
    block = _SIGNING_DASH.sub(" ", block)
    m = _DATELINE.match(block)
    if m and m.end() < len(block):
        block = " " * m.end() + block[m.end() :]
    return block


def _claims(text: str) -> list[Claim]:
    blocks = _blocks(text)
    if not blocks:
        return []
    nlp = _nlp()
    docs = list(nlp.pipe(_for_parser(text[s:e]) for s, e in blocks))
    return ClaimFinder(text, blocks, docs).run()


def find_attributions(text: str) -> list[Attribution]:
    """Every claim in a cleaned article that can be tied to a source, in text order.

    Args:
        text: the whole cleaned article (paragraphs separated by newlines).

    Returns:
        Attributions whose offsets index ``text``; a claim whose source cannot be
        resolved has ``speaker=None``.
    """
    if not text.strip():
        return []
    out = []
    for c in _claims(text):
        start, end = c.content if c.content else c.extent
        out.append(
            Attribution(
                content_start=start,
                content_end=end,
                speaker=c.speaker,
                cue=c.cue,
                source_start=c.source[0] if c.source else None,
                source_end=c.source[1] if c.source else None,
                kind=c.kind,
            )
        )
    return out


def _merge(intervals: list[tuple[int, int]]) -> int:
    """Total length of a union of intervals."""
    total, cur_s, cur_e = 0, None, None
    for s, e in sorted(intervals):
        if cur_e is None or s > cur_e:
            if cur_e is not None:
                total += cur_e - cur_s
            cur_s, cur_e = s, e
        else:
            cur_e = max(cur_e, e)
    if cur_e is not None:
        total += cur_e - cur_s
    return total


def _speaker_of(
    claims: Sequence[Claim], starts: list[int], start: int, end: int
) -> tuple[Claim, ...]:
    """The claims whose speakers speak for text[start:end], in text order: the one whose
    speaker covers most of it, if that is enough, and a second named speaker who shares a
    sentence with it ("Cruz said ..., and Trump vowed ..."); () when nobody covers enough."""
    # claims are sorted by extent start; any claim starting after ``end`` cannot overlap
    hi = bisect.bisect_left(starts, end)
    by_speaker: dict[str | None, list[Claim]] = {}
    for c in claims[:hi]:
        if min(c.extent[1], end) > max(c.extent[0], start):
            key = c.speaker.lower() if c.speaker else None
            by_speaker.setdefault(key, []).append(c)
    if not by_speaker:
        return ()
    first = {k: max(v, key=lambda c: c.extent[1] - c.extent[0]) for k, v in by_speaker.items()}
    cover = {
        k: _merge([(max(c.extent[0], start), min(c.extent[1], end)) for c in v])
        for k, v in by_speaker.items()
    }
    enough = MIN_COVER * max(1, end - start)
    if any(k is not None and v >= enough for k, v in cover.items()):
        # a claim by someone the text never names ("someone in the audience shouted")
        # does not hide the named speaker beside it
        cover.pop(None, None)
    # on a tie, a rule's claim beats the cue model's guess
    key = max(
        cover,
        key=lambda k: (cover[k], first[k].rank, first[k].kind != LEARNED_CUE, k is not None),
    )
    if cover[key] < enough:
        return ()
    winner = first[key]
    second = _second_speaker(winner, by_speaker, cover, enough)
    return tuple(sorted((winner, second), key=lambda c: c.extent)) if second else (winner,)


def _words(name: str) -> set[str]:
    return set(re.findall(r"\w+", name.lower()))


def _bare_role(speaker: str) -> bool:
    """A speaker named by a role alone ("Florida senator", "former president"): beside a
    named person in the same sentence, most often that person, unresolved."""
    words = speaker.split(",", 1)[0].lower().split()
    return bool(words) and words[-1] in PERSON_ROLES


def _second_speaker(
    winner: Claim,
    by_speaker: dict[str | None, list[Claim]],
    cover: dict[str | None, int],
    enough: float,
) -> Claim | None:
    """Another speaker in the winner's sentence who covers enough of the passage on their
    own: named by a rule (not a model's guess), a person or body (not a thing), not the
    winner under a shorter name or a bare role, and speaking outside what the winner says
    (words reported inside another's are the reporter's)."""
    if winner.speaker is None or _bare_role(winner.speaker):
        return None
    own = winner.speaker.lower()
    names = _words(own)
    said = [c.content or c.extent for c in by_speaker[own]]
    best, best_cover = None, 0
    for key, claims in by_speaker.items():
        if key is None or key == own or cover.get(key, 0) < enough:
            continue
        if _words(key) <= names or names <= _words(key) or _bare_role(key):
            continue  # "Trump" beside "Donald Trump": one person, resolved or not
        for c in claims:
            if c.sent != winner.sent or c.kind in (LEARNED_CUE, LEARNED_SOURCE):
                continue
            if c.mkind == "thing" or any(
                min(c.extent[1], e) > max(c.extent[0], s) for s, e in said
            ):
                continue
            if cover[key] > best_cover:
                best, best_cover = c, cover[key]
    return best


def attribute_passages(text: str, passages: list[Passage]) -> list[Passage]:
    """New passages with ``speaker`` and ``cue`` set from the claims in ``text``.

    Args:
        text: the cleaned article text the passages were cut from.
        passages: passages with ``text == text[start:end]``.

    Returns:
        One new passage per input (same order), with speaker and cue None where the
        passage is the reporter's narration or its source is unknown.

    Raises:
        ValueError: a passage's text does not match ``text[start:end]``.
    """
    if not passages:
        return []
    for p in passages:
        if text[p.start : p.end] != p.text:
            raise ValueError(f"passage {p.id} does not match text[{p.start}:{p.end}]")
    claims = sorted(_claims(text), key=lambda c: c.extent)
    # the source model's guesses only speak for a passage the rules (and the cue model,
    # which judges verbs the rules found no claim for) leave unattributed
    ruled = [c for c in claims if c.kind != LEARNED_SOURCE]
    tiers = [ruled] + ([claims] if len(claims) > len(ruled) else [])
    tiers_starts = [(tier, [c.extent[0] for c in tier]) for tier in tiers]
    out = []
    for p in passages:
        speakers: tuple[Claim, ...] = ()
        for tier, starts in tiers_starts:
            speakers = _speaker_of(tier, starts, p.start, p.end)
            if speakers:
                break
        if not speakers or speakers[0].speaker is None:
            out.append(dataclasses.replace(p, speaker=None, cue=None))
        else:
            speaker = SPEAKER_SEPARATOR.join(c.speaker or "" for c in speakers)
            cue = SPEAKER_SEPARATOR.join(c.cue for c in speakers if c.cue) or None
            out.append(dataclasses.replace(p, speaker=speaker, cue=cue))
    return out
