"""Claims that come from the layout of a paragraph rather than from a verb: "NAME: ..."
paragraphs (interviews, transcripts), quotations signed by a dash on the next line, and
"... – media" headlines."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from retrieval.attribution.records import Claim, ClaimKind, Sentence, Span
from retrieval.lexicon import COLON_LEAD_NOUNS, KICKER_WORDS, NOT_LEAD_WORDS, OPEN_QUOTES

if TYPE_CHECKING:
    from retrieval.attribution.coref import Resolver


# "... - Daily Courier", "... – media", "... budget row -source": who reports the headline
_HEADLINE_SOURCE = re.compile(r"^(?P<claim>.*\S)\s+[–—-]\s*(?P<source>[A-Za-z][\w.'’ ]{1,30})$")


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
        kind=ClaimKind.HEADLINE_SOURCE,
        sent=sent.index,
        block=sent.block,
        root=True,
        mkind="org",
        rule="headline_source",
    )


def colon_leads(
    text: str, blocks: list[Span], sents: list[Sentence], resolver: Resolver
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
        if m is not None and _place_dateline(m, first):
            m = None
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
                    kind=ClaimKind.COLON_LEAD,
                    sent=at.index,
                    block=b,
                    root=True,
                    mkind="person",
                    owns_quote=True,
                    rank=2,
                    rule="colon_lead",
                )
            )
    return out


def _place_dateline(m: re.Match[str], first: Sentence) -> bool:
    """ "WASHINGTON: The White House flatly rejected ...": a place in capitals before a colon
    is where the story was filed (a dateline), not someone speaking ("PENCE: Well, ...")."""
    source = m.group("source")
    if not source.isupper() or m.start("source") != 0:
        return False
    toks = [t for t in first.span if t.idx < len(source) and not t.is_punct]
    return bool(toks) and all(t.ent_type_ in ("GPE", "LOC") for t in toks)


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
    text: str, blocks: list[Span], sents: list[Sentence], resolver: Resolver
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
                kind=ClaimKind.QUOTE,
                sent=first.index,
                block=b - 1,
                root=True,
                mkind="person",
                owns_quote=True,
                rank=2,
                rule="dash_tag",
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
