"""Claim rules for a whole sentence: title-case headlines split at their verb, a clause
ending in a colon that opens a quotation, "in the X poll", and "..., records show"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from retrieval.attribution.making import Context, cue_text, make
from retrieval.attribution.records import Claim, ClaimKind, Sentence, Speaker
from retrieval.attribution.syntax import (
    ASIDE_OPENS,
    FINITE,
    MAIN_COPULA_DEPS,
    SMALL_TAGS,
    in_noun_phrase,
    misread_headline_verb,
    role_noun,
)
from retrieval.lexicon import (
    AFTER_PASSIVE_HEADLINE_VERB,
    BEFORE_PASSIVE_HEADLINE_VERB,
    EVIDENCE_NOUNS,
    HEADLINE_ADVERBS,
    HEADLINE_VERBS,
    NOT_LEAD_WORDS,
    POLL_NOUNS,
    SHOWING_VERB_FORMS,
)

if TYPE_CHECKING:  # spaCy is imported by the loader, not by importing this module
    pass


def headline_verb(ctx: Context, sent: Sentence) -> Claim | None:
    """ "Conservative Icon Morton Blackwell Endorses Ted Cruz": in a title-case headline
    the parser reads as one long name, the capitalised speech verb splits speaker from
    claim."""
    words = [t for t in sent.span if not t.is_space]
    # title case leaves function words small ("Blasts Drudge for Mocking ... from")
    long_words = [t for t in words if t.is_alpha and len(t) > 3 and t.tag_ not in SMALL_TAGS]
    if (sent.start, sent.end) != ctx.art.blocks[sent.block]:
        return None  # a headline is a paragraph of its own
    title_case = len(long_words) >= 3 and all(t.text[:1].isupper() for t in long_words)
    for i, tok in enumerate(words[1:-1], start=1):
        lower = tok.lower_
        if title_case and lower.endswith("ed"):
            # "Trump Just Announced ...", "Panel Dismissed ...", "Aide Slammed ..."
            stems = {lower[:-1], lower[:-2], lower[:-3], lower[:-3] + "y"}
        elif lower.endswith("s"):
            stems = {lower[:-1], lower[:-2], lower[:-3] + "y"}  # slams, pushes, denies
        else:
            continue
        if title_case:
            if not tok.text[:1].isupper():
                continue
        elif not misread_headline_verb(tok):
            continue
        if not stems & HEADLINE_VERBS:
            continue
        before, after = words[:i], words[i + 1 :]
        if lower.endswith("ed") and (
            after[0].lower_ in AFTER_PASSIVE_HEADLINE_VERB
            or before[-1].lower_ in BEFORE_PASSIVE_HEADLINE_VERB
        ):
            return None  # "Clinton Accused Of ...", "Aide Is Criticized For ...": passive
        while len(before) > 1 and before[-1].lower_ in HEADLINE_ADVERBS:
            before = before[:-1]  # "Trump Just Announced": the adverb is not the speaker
        colon = max((j for j, t in enumerate(before) if t.text == ":"), default=None)
        if colon is not None and all(t.lower_ in NOT_LEAD_WORDS for t in before[:colon]):
            before = before[colon + 1 :]  # "Report: Trump Tells ...": a kicker is no one
            if not before:
                return None
        if not all(
            t.text[:1].isupper()
            or (title_case and (t.is_punct or t.tag_ == "POS"))
            or (t is before[-1] is not before[0] and not title_case and role_noun(t))
            for t in before
        ):  # "France's Marine Le Pen Backs Trump", "Tessaly chief rejects claim ..."
            return None
        if title_case and not after[0].text[:1].isupper():
            return None
        start = sent.offset + before[0].idx
        end = sent.offset + before[-1].idx + len(before[-1].text)
        # the parser read the headline as one name, so the words say who, not the parse
        who = Speaker(ctx.art.text[start:end], (start, end), None)
        kind = ClaimKind.HEADLINE
        return make(ctx, sent, tok, tok.text, kind, who, after, None, True, rule="headline_verb")
    return None


def colon_quote(ctx: Context, sent: Sentence) -> Claim | None:
    """ "Sanders delivered a snappy retort: "No one is tearing this up."", "Mr. Smith shot
    back: ''That would be good.''": a clause ending in a colon that opens a quotation is
    its subject speaking, whatever the verb."""
    toks = [t for t in sent.span if not t.is_space]
    for i, colon in enumerate(toks):
        if colon.text != ":":
            continue
        if i + 1 < len(toks):
            if not ctx.art.opens_quote(toks[i + 1]):
                continue
        elif not ctx.art.quote_paragraph_next(sent):
            continue  # 'Cruz continued:' then a paragraph that is a quotation
        # the last verb before the colon with a subject (the parser often hangs it on the
        # quotation's own verb)
        # ("The board was conclusive in its findings: "..."": a main-clause copula will do)
        verbs = [
            t
            for t in toks[:i]
            if t.tag_ in FINITE
            and (t.pos_ == "VERB" or t.pos_ == "AUX" and t.dep_ in MAIN_COPULA_DEPS)
        ]
        found = ((v, ctx.subject(v).token) for v in reversed(verbs))
        verb, subj = next(((v, sb) for v, sb in found if sb is not None), (None, None))
        if verb is None or subj is None or subj.i > colon.i:
            return None
        who = ctx.sources.speaker(subj, sent)
        if who is None or who.name is None or who.kind == "thing":
            return None
        if verb.pos_ == "AUX" and who.kind not in ("person", "org"):
            return None  # "Estimates ... are problematic: "..."" is no one speaking
        content = toks[i + 1 :]
        cue, kind = cue_text(verb), ClaimKind.QUOTE
        return make(ctx, sent, verb, cue, kind, who, content, subj, True, rule="colon_quote")
    return None


def in_poll(ctx: Context, sent: Sentence) -> Claim | None:
    """ "In the new Post-ABC poll, the real estate mogul wins about 1 in 3 ...", "Kasich
    was at 25 percent in the most recent Fox poll": the poll is the source of its figures
    (as if "according to" it)."""
    for tok in sent.span:
        if tok.lower_ not in POLL_NOUNS or tok.dep_ != "pobj" or tok.head.lower_ != "in":
            continue
        who = ctx.sources.speaker(tok, sent)
        if who is None or who.name is None:
            return None
        own = {t.i for t in tok.head.subtree}
        content = [t for t in sent.span if t.i not in own and not t.is_space]
        kind = ClaimKind.ACCORDING_TO
        return make(ctx, sent, tok.head, "in", kind, who, content, tok, True, rule="in_poll")
    return None


def evidence_tag(ctx: Context, sent: Sentence) -> Claim | None:
    """ "..., Federal Election Commission records show.", "During the same stretch,
    F.A.A. records show, the Cessna has flown ...": records that speak for the rest of
    their sentence, set off by commas (the parser rarely reads "records show" as a
    subject and its verb there)."""
    toks = [t for t in sent.span if not t.is_space]
    for i, verb in enumerate(toks):
        if (
            verb.lower_ not in SHOWING_VERB_FORMS
            or i + 1 >= len(toks)
            or toks[i + 1].text not in ",."
        ):
            continue
        if ctx.art.inq[sent.offset + verb.idx]:
            continue  # a quotation's own "records show" is the quoted speaker's
        opens = next((j for j in range(i - 1, -1, -1) if toks[j].text in ASIDE_OPENS), None)
        if opens is None:
            continue
        phrase = toks[opens + 1 : i]
        while phrase and phrase[0].lower_ in ("as", "although", "though"):
            phrase = phrase[1:]  # ", as the records show," "(although as results show,"
        if phrase and phrase[0].lower_ in ("the", "a", "an"):
            phrase = phrase[1:]
        if not phrase or not all(in_noun_phrase(t) for t in phrase):
            continue
        nouns = [j for j, t in enumerate(phrase) if t.lower_ in EVIDENCE_NOUNS]
        if not nouns:
            continue
        cut = nouns[0] + 1
        if cut < len(phrase) and phrase[cut].tag_ == "VBN":
            phrase = phrase[:cut]  # "records compiled by the Center for ...": the records
        start = sent.offset + phrase[0].idx
        end = sent.offset + phrase[-1].idx + len(phrase[-1].text)
        who = Speaker(ctx.art.text[start:end], (start, end), "thing")
        content = toks[:opens] + toks[i + 2 :]
        kind = ClaimKind.ACCORDING_TO
        return make(ctx, sent, verb, verb.text, kind, who, content, None, True, rule="evidence_tag")
    return None
