"""Quotations, colons and headlines: claims that come from the layout of the text.

Helpers for ``retrieval.attribution.finder``: find quotation spans, tie each quotation to the
claim of a sentence it touches, give a quotation that stands alone the speaker of the quote
next to it (or of the paragraph before it, when that ends with a colon or a quote), and read
"NAME: ..." paragraphs and "... – media" headlines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from retrieval.lexicon import (
    CLOSE_QUOTES,
    COLON_LEAD_NOUNS,
    KICKER_WORDS,
    NOT_LEAD_WORDS,
    OPEN_QUOTES,
)

if TYPE_CHECKING:  # spaCy is imported by the loader, not by importing this module
    from spacy.tokens import Span

    from retrieval.attribution.mentions import Resolver

Span_ = tuple[int, int]

_HEADLINE_SOURCE = re.compile(r"^(?P<claim>.*\S)\s+[–—-]\s+(?P<source>[A-Za-z][\w.'’ ]{1,30})$")
# "PENCE: Well, look ...", "Pat Caddell: Democrat voters worried ..." (interviews, headlines)
# "Roger Stone: Don't trust ...", "EXCLUSIVE – Roger Stone: ..." (a kicker before the name)
# "Kremlin spokesman: ...", "Clinton camp: ..." (a name and what the speaker is)
_COLON_LEAD = re.compile(
    r"^(?:[A-Z]{3,}\s*[–—-]\s*)?[\"“]?"
    r"(?P<source>[A-Z][\w.’'&-]*(?:\s+[A-Z][\w.’'&-]*){0,3}(?:\s+[a-z][a-z-]*){0,2})\s*:\s+\S"
)


def _colon_lead(block: str) -> re.Match[str] | None:
    """ "NAME: ..." opening a paragraph, where NAME may end with what its speaker is."""
    m = _COLON_LEAD.match(block)
    if m is None:
        return None
    words = m.group("source").split()
    small = [w for w in words if w[0].islower()]
    if small and (
        words[0].lower() in ("the", "a", "an", "one", "this", "that")
        or any(w.removesuffix("s") not in COLON_LEAD_NOUNS for w in small)
    ):
        return None
    return m


# 'Rep. Trey Gowdy (R-S.C.):"I have not heard ..."', "... - Philip Bump: “Two weeks ago ...":
# a short phrase ending in a name, a colon, then a quotation (transcripts, round-ups)
_QUOTE_LEAD = re.compile(
    r"(?:^|[–—-]\s+)(?P<source>[A-Z][\w.’'&-]*(?:\s+[\w.’'&-]+){0,7})"
    r"(?P<paren>\s*\([^()]{1,20}\))?\s*:\s*[\"“]"
)
# 'Clinton: "Our goal is ..." Bush: "The mission is ...': a sentence inside a paragraph
# opening with a name, a colon and a quotation
_INNER_LEAD = re.compile(
    r"(?:(?<=[.!?][\"”’] )|(?<=[.!?] ))"
    r"(?P<source>[A-Z][\w.’'&-]*(?:\s+[A-Z][\w.’'&-]*){0,3})\s*:\s*[\"“]"
)
# "-President Obama, tweeting after Clinton's speech.", "— Bernie Sanders."
_DASH_TAG = re.compile(r"^[-–—]{1,2}\s*(?P<source>[A-Z][\w.’'&-]*(?:\s+[A-Z][\w.’'&-]*){0,4})")


@dataclass
class Claim:
    """A claim found in the text; offsets index the whole article.

    ``extent`` is every character the claim speaks for (its sentence, or its clause when a
    sentence carries several speakers, plus any quotation it owns); ``content`` is the
    claim itself, ``source`` the phrase naming the speaker when it is in the same sentence.
    """

    content: tuple[int, int] | None
    extent: tuple[int, int]
    speaker: str | None
    cue: str | None
    source: tuple[int, int] | None
    kind: str
    sent: int
    block: int
    root: bool
    mkind: str | None = None
    owns_quote: bool = False
    colon: bool = False
    rank: int = 0
    cue_at: int | None = None  # where the cue word starts, when it is a word of the text
    frame: bool = False  # "As POLITICO revealed, ...": speaks for the clause it opens


@dataclass
class Sentence:
    """A sentence of one block (line) with its parse and absolute offsets."""

    index: int
    block: int
    span: Span
    offset: int
    start: int
    end: int
    headline: bool


def hull(a: tuple[int, int] | None, b: tuple[int, int] | None) -> tuple[int, int] | None:
    if a is None:
        return b
    if b is None:
        return a
    return (min(a[0], b[0]), max(a[1], b[1]))


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


_AFTER_OPEN = frozenset(" \t([{—–-:/")


def _opens(seg: str, j: int, pending: bool) -> bool | None:
    """Whether the double quotation mark at ``seg[j]`` opens (True), closes (False) or
    is stray (None), from its shape and the characters around it.

    Copy mixes styles ("I don't think so,” Grassley said) and some sites write ” for
    both ends, so a mark's side comes from its neighbours, its shape only breaking ties.
    """
    ch = seg[j]
    before = seg[j - 1] if j > 0 else " "
    after = seg[j + 1] if j + 1 < len(seg) else " "
    open_side = before in _AFTER_OPEN or not before.isprintable()
    close_side = not after.isalnum()
    if open_side and not close_side:
        return True
    if close_side and not open_side:
        return False
    if ch in OPEN_QUOTES:
        return True
    if ch in CLOSE_QUOTES:
        return False
    # a straight mark with spaces (or letters) on both sides: closes what is open
    return not pending if open_side else (False if pending else None)


_DOUBLED = re.compile(r"''")


def _doubled_apostrophes(raw: str) -> str:
    """Two apostrophes as one straight mark on the side of the words they quote
    (''By embracing ...,'' he wrote): the same length, so offsets still hold."""

    def mark(m: re.Match[str]) -> str:
        after = raw[m.end() : m.end() + 1]
        return ' "' if after.isalnum() else '" '

    return _DOUBLED.sub(mark, raw)


def find_quotes(text: str, blocks: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Quotation spans (marks included) per block; an unclosed quote runs to the block end.

    Straight, curly and guillemet marks pair with each other (two apostrophes '' count as
    one straight mark, as some wires write them); a quote inside a longer quote is part
    of it. Single quotes are ignored (they double as apostrophes).
    """
    marks = set(OPEN_QUOTES + CLOSE_QUOTES + '"')
    spans: list[tuple[int, int]] = []
    carried = False  # the paragraph before ended inside a quotation
    for bs, be in blocks:
        raw = text[bs:be]
        seg = _doubled_apostrophes(raw)
        opened: int | None = None
        depth = 0
        for j, ch in enumerate(seg):
            if ch not in marks:
                continue
            side = _opens(seg, j, opened is not None)
            if side is True:
                if opened is None:
                    opened = j - 1 if raw[j - 1 : j + 1] == "''" else j
                depth += 1
            elif side is False and opened is None and carried:
                # 'Two" later' after a paragraph left open: the quotation ends here
                spans.append((bs, bs + j + 1))
            elif side is False and opened is not None:
                depth -= 1
                if depth == 0:
                    close = j + 2 if raw[j : j + 2] == "''" else j + 1
                    spans.append((bs + opened, bs + close))
                    opened = None
            carried = False  # only the paragraph's first mark can close the one before
        if opened is not None and be - (bs + opened) > 1:
            spans.append((bs + opened, be))
        carried = opened is not None
    spans.sort(key=lambda s: (s[0], -s[1]))
    out: list[tuple[int, int]] = []
    for s in spans:
        if out and s[0] < out[-1][1]:
            if s[1] > out[-1][1]:
                out[-1] = (out[-1][0], s[1])
            continue
        out.append(s)
    return out


def headline_source(text: str, sent: Sentence) -> Claim | None:
    """ "Xi Jinping turns down Putin's invitation – media": the words after the dash."""
    if not sent.headline:
        return None
    m = _HEADLINE_SOURCE.match(text[sent.start : sent.end])
    if m is None or len(m.group("source").split()) > 3:
        return None
    s = sent.start + m.start("source")
    return Claim(
        content=(sent.start, sent.start + m.end("claim")),
        extent=(sent.start, sent.end),
        speaker=m.group("source").strip(),
        cue="–",
        source=(s, sent.start + m.end("source")),
        kind="headline_source",
        sent=sent.index,
        block=sent.block,
        root=True,
        mkind="org",
    )


def colon_leads(
    text: str, blocks: list[Span_], sents: list[Sentence], resolver: Resolver
) -> list[Claim]:
    """A paragraph opening "NAME: ..." is NAME speaking (interviews, headlines); so is a
    sentence inside it opening 'NAME: "...' (a transcript's next speaker), up to the next."""
    out = []
    for b, (bs, be) in enumerate(blocks):
        block = text[bs:be]
        first = next((s for s in sents if s.block == b), None)
        if first is None:
            continue
        leads = []
        m = _colon_lead(block) or _quote_lead(block)
        if m is not None:
            leads.append((m, _lead_speaker(m.group("source"), resolver)))
        for inner in _INNER_LEAD.finditer(block):
            if m is not None and inner.start() < m.end():
                continue
            source = inner.group("source")
            speaker = _lead_speaker(source, resolver)
            if speaker is not None and _names_someone(source, speaker):
                leads.append((inner, speaker))
        for i, (lead, speaker) in enumerate(leads):
            if speaker is None:
                continue
            end = bs + leads[i + 1][0].start() if i + 1 < len(leads) else be
            start = bs + lead.start("source")
            source = lead.group("source")
            at = next((s for s in sents if s.block == b and s.start <= start < s.end), first)
            out.append(
                Claim(
                    content=(bs + lead.end() - 1, end),
                    extent=(start if lead.start("source") > 0 else bs, end),
                    speaker=speaker,
                    cue=":",
                    source=(start, start + len(source)),
                    kind="colon_lead",
                    sent=at.index,
                    block=b,
                    root=True,
                    mkind="person",
                    owns_quote=True,
                    rank=2,
                )
            )
    return out


def _names_someone(source: str, speaker: str) -> bool:
    """One word names someone only if the article knows the name ("Update:" is no one)."""
    return len(source.split()) > 1 or speaker != source


def _lead_speaker(source: str, resolver: Resolver) -> str | None:
    """Who a colon lead names, or None for a kicker ("UPDATE:", "Watch:")."""
    words = [w.lower().strip(".") for w in source.split()]
    if source == "Q":  # an interview transcript's question
        return "the interviewer (Q)"
    if any(w in NOT_LEAD_WORDS for w in words) or len(source) < 2 or len(words[-1]) < 2:
        return None
    if source.isupper() and any(w in KICKER_WORDS for w in words):
        return None  # "FIX IS IN: PBS Moderators Ignore ...": a shouted kicker, not a name
    return _full_name(source, resolver)


def _full_name(source: str, resolver: Resolver) -> str:
    """The fullest earlier mention of a name written alone ("Pence" -> "Mike Pence, ...")."""
    words = [w.lower().strip(".") for w in source.split()]
    last = words[-1].replace("’s", "").replace("'s", "")
    for mention in resolver.mentions:
        if mention.name and mention.name_tokens and mention.name_tokens[-1] == last:
            full = resolver.full(mention)
            if len(full.name_tokens) >= len(words):
                return full.speaker()
    return source


def dash_tags(
    text: str, blocks: list[Span_], sents: list[Sentence], resolver: Resolver
) -> list[Claim]:
    """A quotation paragraph signed by the next one: '"Great speech. She's ready." ⏎
    "-President Obama, tweeting after the speech."' (round-ups, fact checks)."""
    out = []
    for b in range(1, len(blocks)):
        m = _DASH_TAG.match(text[blocks[b][0] : blocks[b][1]])
        qs, qe = blocks[b - 1]
        if m is None or text[qs] not in OPEN_QUOTES + '"':
            continue
        source = m.group("source")
        first = next((s for s in sents if s.block == b - 1), None)
        if first is None or source.split()[0].lower().strip(".") in NOT_LEAD_WORDS:
            continue
        speaker = _full_name(source, resolver)
        if not _names_someone(source, speaker):
            continue  # "– Old hands –": a heading, not a name the article knows
        start = blocks[b][0] + m.start("source")
        out.append(
            Claim(
                content=(qs, qe),
                extent=(qs, qe),
                speaker=speaker,
                cue="—",
                source=(start, start + len(source)),
                kind="quote",
                sent=first.index,
                block=b - 1,
                root=True,
                mkind="person",
                owns_quote=True,
                rank=2,
            )
        )
    return out


def _quote_lead(block: str) -> re.Match[str] | None:
    """The last "NAME: “...”" lead in a block, when the phrase before the colon ends in a
    capitalised word (a name, not "the report said:")."""
    found = None
    for m in _QUOTE_LEAD.finditer(block):
        last = m.group("source").split()[-1]
        if last[:1].isupper() and any(ch.isalpha() for ch in last):
            found = m
    return found


def own_quotes(
    claims: list[Claim], quotes: list[Span_], sents: list[Sentence], blocks: list[Span_]
) -> None:
    """Extend each claim over the quotations in its sentence (the claim's own words)."""
    by_sent: dict[int, list[Claim]] = {}
    for c in claims:
        by_sent.setdefault(c.sent, []).append(c)
    for q in quotes:
        for sent in sents:
            if overlap((sent.start, sent.end), q) == 0 or sent.index not in by_sent:
                continue
            here = by_sent[sent.index]
            owners = [c for c in here if c.content and overlap(c.content, q) > 0]
            roots = [c for c in here if c.root]
            if not owners and len({c.speaker for c in roots}) == 1:
                owners = roots
            if not owners:
                # '"..., and people understand that," Lasry told Bloomberg' with the verb
                # misparsed off the main clause: the claim that touches the quotation
                owners = [
                    c
                    for c in here
                    if c.speaker and c.source and not overlap(c.source, q) and _touches(c.extent, q)
                ]
            for c in owners[:1]:
                _take(c, q)
    owned = [c.content for c in claims if c.owns_quote and c.content]
    for q in quotes:
        if any(overlap(q, o) for o in owned):
            continue
        # '"That's like a bribe, isn't it?" Trump asked.': the cue's sentence starts right
        # after the quotation ends (or ends with a colon right before it starts), in the
        # same paragraph
        for c in claims:
            sent = sents[c.sent]
            if not c.root or sent.block != _block_of(blocks, q[0]):
                continue
            after = 0 <= sent.start - q[1] <= 2
            before = 0 <= q[0] - sent.end <= 2 and sent.span.text.rstrip().endswith((":", ","))
            if after or before:
                _take(c, q)
                break


def _touches(extent: Span_, q: Span_) -> bool:
    """True when only a comma, colon or space lies between a claim and a quotation."""
    return 0 <= extent[0] - q[1] <= 2 or 0 <= q[0] - extent[1] <= 2


def _take(c: Claim, q: Span_) -> None:
    c.extent = hull(c.extent, q) or c.extent
    c.content = hull(c.content, q)
    c.owns_quote = True


def _sent_range(sents: list[Sentence], q: Span_) -> Span_:
    touched = [s for s in sents if overlap((s.start, s.end), q) > 0]
    if not touched:
        return q
    return (min(touched[0].start, q[0]), max(touched[-1].end, q[1]))


def _block_of(blocks: list[Span_], pos: int) -> int:
    for i, (s, e) in enumerate(blocks):
        if s <= pos < e:
            return i
    return -1


def _speaker_just_before(
    sents: list[Sentence], claims: list[Claim], block: int, q: Span_
) -> Claim | None:
    """The root claim with a speaker of the sentence right before the one ``q`` opens."""
    opens = next((s for s in sents if s.block == block and 0 <= q[0] - s.start <= 1), None)
    if opens is None or opens.index == 0 or sents[opens.index - 1].block != block:
        return None
    before = sents[opens.index - 1]
    prev = [c for c in claims if c.sent == before.index and c.speaker]
    # the root claim, or the one whose source opens the sentence (its verb misread)
    prev = [c for c in prev if c.root] or [
        c for c in prev if c.source and c.source[0] <= before.start + 1
    ]
    return prev[-1] if len({c.speaker for c in prev}) == 1 else None


def lone_quotes(
    text: str, blocks: list[Span_], sents: list[Sentence], quotes: list[Span_], claims: list[Claim]
) -> list[Claim]:
    """Claims for quotations no claim covers: the speaker of the nearest quote next to them.

    The donor is the nearest claim owning a quotation in the same paragraph (before, else
    after); for a paragraph that opens with a quotation, the last claim of the paragraph
    before it that owns a quotation or ends with a colon. Scare quotes inside the
    reporter's own sentence are left alone.
    """
    new: list[Claim] = []
    for q in quotes:
        if any(overlap(c.extent, q) * 2 >= q[1] - q[0] for c in claims + new):
            continue
        region = _sent_range(sents, q)
        words = len(text[q[0] : q[1]].split())
        if words < 3 or (q[1] - q[0]) * 2 < region[1] - region[0]:
            continue
        block = _block_of(blocks, q[0])
        same = [c for c in claims + new if c.block == block and c.owns_quote]
        before = [c for c in same if c.extent[1] <= q[0]]
        after = [c for c in same if c.extent[0] >= q[1]]
        donor = before[-1] if before else (after[0] if after else None)
        if donor is None:
            # 'Iowa State's Dianne Bystrom agreed. "Mainstream Republicans are ..."': a
            # quotation opening the sentence after a speaker's own sentence is theirs
            donor = _speaker_just_before(sents, claims + new, block, q)
        if donor is None and block > 0 and q[0] == blocks[block][0]:
            # a paragraph that is a quotation carries on the speaker of the paragraph
            # before: the one quoting or introducing with a colon, else the one whose
            # words the paragraph reports ("Carter said that ... \n\n “That's because ...”")
            prev = [c for c in claims + new if c.block == block - 1 and c.speaker]
            lead = (
                [c for c in prev if c.owns_quote or c.colon]
                or [c for c in prev if c.root]
                # "Schoen elaborated in an editorial that ...", its verb misread off the
                # root: the claim whose source opens the paragraph
                or [c for c in prev if c.source and c.source[0] == blocks[block - 1][0]]
                # the paragraph's only named speaker, wherever the cue sits
                or (prev if len({c.speaker for c in prev}) == 1 else [])
            )
            if not lead and text[blocks[block - 1][1] - 1] == ":":
                # "..., as Joel Pollak observed, the biggest victor was the stage itself:"
                # introduces the quotation whatever the cue's place in the sentence
                lead = prev
            donor = lead[-1] if lead else None
        if donor is None:
            continue
        sent = next(s.index for s in sents if s.end > q[0])
        new.append(
            Claim(
                content=q,
                extent=region,
                speaker=donor.speaker,
                cue=donor.cue,
                source=None,
                kind="quote",
                sent=sent,
                block=block,
                root=True,
                mkind=donor.mkind,
                owns_quote=True,
            )
        )
    return new


def colon_blocks(blocks: list[Span_], claims: list[Claim]) -> None:
    """ "Moran told the Gazette:" speaks for the paragraph that follows."""
    for c in claims:
        if not c.colon or c.block + 1 >= len(blocks):
            continue
        if any(o.block == c.block + 1 and o.speaker != c.speaker for o in claims):
            continue
        c.extent = hull(c.extent, blocks[c.block + 1]) or c.extent
