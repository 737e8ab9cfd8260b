"""Quotations: find their spans, tie each to the claim of a sentence it touches, give a
quotation that stands alone the speaker of the quote next to it (or of the paragraph before
it, when that ends with a colon or a quote), and let "X told the Gazette:" speak for the
paragraph that follows."""

from __future__ import annotations

import bisect
import dataclasses
import math
import re

from retrieval.attribution.records import (
    Claim,
    ClaimKind,
    Sentence,
    Span,
    SpanIndex,
    hull,
    overlap,
)
from retrieval.lexicon import CLOSE_QUOTES, OPEN_QUOTES

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


def own_quotes(
    claims: list[Claim], quotes: list[Span], sents: list[Sentence], blocks: list[Span]
) -> list[Claim]:
    """The claims, each extended over the quotations in its sentence (the claim's own
    words) or right beside it."""
    out = list(claims)
    by_sent: dict[int, list[int]] = {}
    for i, c in enumerate(out):
        by_sent.setdefault(c.sent, []).append(i)
    sentences = SpanIndex([(s.start, s.end) for s in sents])
    for q in quotes:
        for position in sentences.overlapping(q):
            sent = sents[position]
            if sent.index not in by_sent:
                continue
            owner = _owner(out, by_sent[sent.index], q)
            if owner is not None:
                out[owner] = _take(out[owner], q)
    owned = [c.content for c in out if c.owns_quote and c.content]
    for q in quotes:
        if any(overlap(q, o) for o in owned):
            continue
        # '"That's like a bribe, isn't it?" Trump asked.': the cue's sentence starts right
        # after the quotation ends (or ends with a colon right before it starts), in the
        # same paragraph
        block = _block_of(blocks, q[0])
        for i, c in enumerate(out):
            sent = sents[c.sent]
            if not c.root or sent.block != block:
                continue
            after = 0 <= sent.start - q[1] <= 2
            before = 0 <= q[0] - sent.end <= 2 and sent.span.text.rstrip().endswith((":", ","))
            if after or before:
                out[i] = _take(c, q)
                break
    return out


def _owner(claims: list[Claim], here: list[int], q: Span) -> int | None:
    """Which of a sentence's claims (by index) owns the quotation ``q`` in it, if any: the
    one whose content it touches, else the one speaker of the main clause."""
    owners = [i for i in here if (c := claims[i].content) and overlap(c, q) > 0]
    roots = [i for i in here if claims[i].root]
    if not owners and len({claims[i].speaker for i in roots}) == 1:
        owners = roots
    if not owners:
        # '"..., and people understand that," Lasry told Bloomberg' with the verb
        # misparsed off the main clause: the claim that touches the quotation
        owners = [
            i
            for i in here
            if claims[i].speaker
            and (source := claims[i].source)
            and not overlap(source, q)
            and _touches(claims[i].extent, q)
        ]
    return owners[0] if owners else None


def _touches(extent: Span, q: Span) -> bool:
    """True when only a comma, colon or space lies between a claim and a quotation."""
    return 0 <= extent[0] - q[1] <= 2 or 0 <= q[0] - extent[1] <= 2


def _take(c: Claim, q: Span) -> Claim:
    """The claim owning the quotation ``q``: its content and extent stretched over it."""
    return dataclasses.replace(
        c, extent=hull(c.extent, q) or c.extent, content=hull(c.content, q), owns_quote=True
    )


def _sent_range(sents: list[Sentence], q: Span) -> Span:
    touched = [s for s in sents if overlap((s.start, s.end), q) > 0]
    if not touched:
        return q
    return (min(touched[0].start, q[0]), max(touched[-1].end, q[1]))


def _block_of(blocks: list[Span], pos: int) -> int:
    """The index of the block holding ``pos`` (blocks are in text order and apart), or -1."""
    i = bisect.bisect_right(blocks, (pos, math.inf)) - 1
    return i if i >= 0 and blocks[i][0] <= pos < blocks[i][1] else -1


def _speaker_just_before(
    sents: list[Sentence], claims: list[Claim], block: int, q: Span
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
    text: str, blocks: list[Span], sents: list[Sentence], quotes: list[Span], claims: list[Claim]
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
                kind=ClaimKind.QUOTE,
                rule="lone_quote",
                sent=sent,
                block=block,
                root=True,
                mkind=donor.mkind,
                owns_quote=True,
            )
        )
    return new


def _said(text: str) -> str:
    """A quotation's words, for comparing two copies of it: no marks, case or end comma."""
    return " ".join(re.findall(r"\w+", text.lower()))


def repeated_quotes(
    text: str, blocks: list[Span], sents: list[Sentence], quotes: list[Span], claims: list[Claim]
) -> list[Claim]:
    """Claims for quotations no claim covers whose words a claim quotes elsewhere in the
    article: a headline or a pull quote repeats a line said in the body ("Chefin weist
    Vorwürfe zurück – „Das hat es nie gegeben“" above „Das hat es nie gegeben“, sagte
    Dahlquist), and the speaker is the one who said it there."""
    owned = [c for c in claims if c.speaker and c.content]
    new: list[Claim] = []
    for q in quotes:
        words = _said(text[q[0] : q[1]])
        if len(words.split()) < 3 or any(overlap(c.extent, q) for c in claims):
            continue
        donor = next(
            (
                c
                for c in owned
                if c.content is not None
                and not overlap(c.content, q)
                and words in _said(text[c.content[0] : c.content[1]])
            ),
            None,
        )
        if donor is None:
            continue
        block = _block_of(blocks, q[0])
        sent = next((s.index for s in sents if s.end > q[0]), donor.sent)
        new.append(
            dataclasses.replace(
                donor,
                content=q,
                extent=_sent_range(sents, q),
                source=None,
                kind=ClaimKind.QUOTE,
                rule="repeated_quote",
                sent=sent,
                block=block,
                owns_quote=True,
                cue_at=None,
                colon=False,
            )
        )
    return new


def colon_blocks(blocks: list[Span], claims: list[Claim]) -> list[Claim]:
    """The claims, where "Moran told the Gazette:" speaks for the paragraph that follows."""
    out = []
    for c in claims:
        follows = c.colon and c.block + 1 < len(blocks)
        if follows and not any(o.block == c.block + 1 and o.speaker != c.speaker for o in claims):
            c = c.covering(blocks[c.block + 1])
        out.append(c)
    return out
