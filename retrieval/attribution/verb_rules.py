"""Claim rules for one word of a sentence: "according to X", "X quoted Y as saying", a
reporting verb and its subject, a speech verb misread as a noun, and statement nouns
("the Kremlin's denial of the report")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from retrieval.attribution.making import Context, citing_phrase, cue_text, make, said_words, via
from retrieval.attribution.records import UNNAMED, Claim, ClaimKind, Sentence, Speaker
from retrieval.attribution.syntax import (
    CLAUSE_DEPS,
    COMPLEMENTS,
    TIMES_AND_NUMBERS,
    child,
    is_root,
    late_agent,
    words_outside,
)
from retrieval.lexicon import (
    CLEFT_SUBJECTS,
    FEELING_WORDS,
    FIRST_PERSON,
    NOTHING_SAID_VERBS,
    REFUSING_VERBS,
    SAID_PREPOSITIONS,
    SPEECH_VERBS,
    STATEMENT_NOUNS,
    THOUGHT_VERBS,
    WRITINGS,
)

if TYPE_CHECKING:  # spaCy is imported by the loader, not by importing this module
    from spacy.tokens import Token


def according(ctx: Context, sent: Sentence, tok: Token) -> Claim | None:
    """ "according to X": X speaks for the clause the phrase hangs on."""
    if tok.lower_ != "according":
        return None
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    obj = child(to, "pobj") if to is not None else None
    if obj is None:
        return None
    who = ctx.sources.speaker(obj, sent)
    if who is None:
        return None
    clause = tok.head
    while clause.pos_ not in ("VERB", "AUX") and clause.dep_ != "ROOT":
        clause = clause.head
    cited = citing_phrase(sent, clause, None)
    who = via(who, cited)
    own = {t.i for t in tok.subtree}
    own |= {t.i for c in clause.children if c.lemma_ == "cite" for t in c.subtree}
    content = [t for t in clause.subtree if t.i not in own and not t.is_space]
    kind, root = ClaimKind.ACCORDING_TO, is_root(clause)
    return make(ctx, sent, tok, "according to", kind, who, content, obj, root, rule="according")


def quoted_as(ctx: Context, sent: Sentence, tok: Token, consumed: set[int]) -> Claim | None:
    """ "The Valley Post quoted a senior police officer as saying ..." -> the officer."""
    if tok.lemma_.lower() not in ("quote", "cite") or tok.pos_ != "VERB":
        return None
    as_prep = next((c for c in tok.children if c.lower_ == "as"), None)
    saying = child(as_prep, "pcomp") if as_prep is not None else None
    if saying is None:
        return None
    quoted = child(tok, "dobj")
    carrier = child(tok, "nsubj")
    if quoted is None:
        quoted = child(tok, "nsubjpass")
        agent = child(tok, "agent")
        carrier = child(agent, "pobj") if agent is not None else None
    if quoted is None:
        return None
    who = ctx.sources.speaker(quoted, sent) or UNNAMED
    if carrier is not None and who.name:
        by = ctx.sources.speaker(carrier, sent)
        if by and by.name:
            who = who.renamed(f"{who.name}, quoted by {by.name}")
    consumed.add(saying.i)
    content = [t for t in saying.subtree if t.i != saying.i and not t.is_space]
    cue = f"{tok.text} as {saying.text}"
    kind, root = ClaimKind.QUOTED_AS, is_root(tok)
    return make(ctx, sent, tok, cue, kind, who, content, quoted, root, rule="quoted_as")


def says_nothing(tok: Token) -> bool:
    """ "declined to comment", "refused to say whether ...": a cue that claims nothing."""
    if any(c.dep_ == "xcomp" and c.lemma_.lower() in NOTHING_SAID_VERBS for c in tok.children):
        return True
    if tok.lemma_.lower() not in NOTHING_SAID_VERBS:
        return False
    # "did not respond to a request for comment" says nothing either, but PolNeAR counts a
    # negated cue as an attribution, so it stays one
    return tok.dep_ == "xcomp" and tok.head.lemma_.lower() in REFUSING_VERBS


def verb_claim(
    ctx: Context, sent: Sentence, tok: Token, kind: ClaimKind = ClaimKind.REPORTED
) -> Claim | None:
    """A reporting verb's claim: its subject (or a passive's agent) speaks its complements."""
    found = _speaking_subject(ctx, tok)
    if found is None:
        return None
    subj, passive, subject_rule = found
    who = ctx.sources.speaker(subj, sent)
    if who is None:
        return None
    if says_nothing(tok):
        return None  # "declined to comment", "refused to say whether ...": nothing claimed
    if tok.dep_ == "xcomp" and not any(c.dep_ in COMPLEMENTS for c in tok.children):
        if not ctx.art.has_quote(sent):
            return None  # "refused to comment": a cue with nothing said
    cited = citing_phrase(sent, tok, subj)
    who = via(who, cited)
    content, root, frame = _verb_content(sent, tok, subj, passive, kind)
    shown = subj if subj.sent == tok.sent else None
    rule = f"verb/{subject_rule}"
    return make(
        ctx, sent, tok, cue_text(tok), kind, who, content, shown, root, rule=rule, frame=frame
    )


def _speaking_subject(ctx: Context, tok: Token) -> tuple[Token, bool, str] | None:
    """(who speaks, whether the verb is passive, the subject rule that found them): the
    subject, or a passive verb's agent; None when nobody does."""
    subj, passive, subject_rule = ctx.subject(tok)
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if subj is not None and subj.lower_ == "that" and nxt is not None and nxt.text == ",":
        return None  # "That said, ...": "however", not a claim
    feeling = tok.lemma_.lower() in FEELING_WORDS or tok.lower_ in FEELING_WORDS
    if passive and not feeling:  # "X was disappointed that ...": X still feels it
        agent = child(tok, "agent") or late_agent(tok)
        subj = child(agent, "pobj") if agent is not None else None
    if subj is None:
        return None
    named = child(subj.head, "nsubj") if subj.dep_ == "attr" else None
    if (
        named is not None
        and subj.pos_ == "NOUN"
        and named.pos_ in ("PROPN", "PRON")
        and named.lower_ not in CLEFT_SUBJECTS
    ):
        # "Hillary Clinton was the first candidate to weigh in, tweeting ...": who the
        # candidate is (not "It" in "It was the Kremlin that denied ...", nor "the
        # candidate" in "the candidate in the spotlight was Trump, who took to ...")
        subj = named
    return subj, passive, subject_rule


def _verb_content(
    sent: Sentence, tok: Token, subj: Token, passive: bool, kind: ClaimKind
) -> tuple[list[Token], bool, bool]:
    """(what the verb's subject says, whether the claim speaks for its whole sentence,
    whether it is an "As X reported, ..." frame)."""
    in_sent = subj.sent == tok.sent
    exclude = {t.i for t in subj.subtree} if in_sent else set()
    for c in tok.children:
        if c.dep_ == "conj" and c.pos_ == "VERB" and child(c, "nsubj") is not None:
            exclude |= {t.i for t in c.subtree}
    mark = child(tok, "mark")
    # "As POLITICO revealed, the RNC agreed ...": the frame speaks for the sentence
    frame = (
        kind == ClaimKind.REPORTED
        and tok.lemma_.lower() in SPEECH_VERBS
        and tok.dep_ == "advcl"
        and mark is not None
        and mark.lower_ == "as"
    )
    root = is_root(tok) or frame
    authored = tok.lemma_.lower() == "write" and tok.head.lemma_.lower() not in WRITINGS
    if passive and tok.dep_ == "acl" and not authored:
        # the claim is the sentence the reported phrase sits in, not the phrase itself
        # ("An article written by X ..."; but "copies of a book written by X" is about
        # the copies, not X's claim)
        return words_outside(sent, tok), True, frame
    content = said_words(tok, exclude)
    if (
        not content
        and in_sent
        and subj.i < tok.i
        and kind == ClaimKind.REPORTED
        and tok.lemma_.lower() in SPEECH_VERBS
    ):
        # "In March, Trump blasted Disney for ...", with "blasted" misread as an adjective
        # on "Disney": what follows the verb is what it says; '..., the Chicago Tribune
        # reports.' at the end of a sentence: what comes before the comma
        # (the subject comes first, so nothing after the verb is part of it, whatever
        # the misparse hung on it)
        content = [t for t in sent.span if t.i > tok.i and not (t.is_space or t.is_punct)]
        comma = subj.left_edge.i - 1
        if not content and comma > sent.span.start and tok.doc[comma].text == ",":
            content = [t for t in sent.span if t.i < comma and not t.is_space]
    return content, root, frame


def noun_cue(ctx: Context, sent: Sentence, tok: Token) -> Claim | None:
    """A speech verb spaCy read as a plural noun: "..., Viguerie notes." or
    "Trump claims he's worth $10 billion." (a name that is also a common word)."""
    if tok.pos_ != "NOUN" or tok.tag_ != "NNS" or not tok.lower_.endswith("s"):
        return None
    if tok.dep_ == "pobj":
        return None  # "Ginsburg apologizes for Trump comments": a noun after all
    if tok.lemma_.lower() not in SPEECH_VERBS | THOUGHT_VERBS:
        return None
    words = [t for t in sent.span if not t.is_space]
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    names = [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
    if any(c.dep_ == "det" for c in tok.children):
        names = []  # "after the Paris attacks,": a noun after all
    if names and (nxt is None or nxt.is_punct):
        who_tok, content = names[-1], [t for t in words if t.i < names[0].i]
    elif (
        len(words) > 2
        and words[1] == tok
        and words[0].text[:1].isupper()
        and words[0].pos_ in ("NOUN", "PROPN")
        and not words[0].is_stop
    ):
        who_tok, content = words[0], words[2:]
        full = ctx.sources.name_alone(who_tok)
        source = (sent.offset + who_tok.idx, sent.offset + who_tok.idx + len(who_tok))
        who = Speaker(full.speaker() if full else who_tok.text, source, full.kind if full else None)
        kind = ClaimKind.REPORTED
        return make(ctx, sent, tok, tok.text, kind, who, content, who_tok, True, rule="noun_cue")
    else:
        return None
    named = ctx.sources.speaker(who_tok, sent)
    if named is None:
        return None
    kind = ClaimKind.REPORTED
    return make(ctx, sent, tok, tok.text, kind, named, content, who_tok, True, rule="noun_cue")


def statement_noun(ctx: Context, sent: Sentence, tok: Token) -> Claim | None:
    """ "The Kremlin's statement that the report is untrue", "Peskov's denial of the
    report", "an admission from Warren that ...": the owner of the words speaks."""
    if tok.pos_ != "NOUN":
        return None
    demand = tok.lemma_.lower() == "call" and any(
        c.dep_ == "prep" and c.lower_ == "for" for c in tok.children
    )  # "Pence's call for a special prosecutor" (not "a call with Putin")
    if tok.lemma_.lower() not in STATEMENT_NOUNS and not demand:
        return None
    owner = child(tok, "poss")
    if owner is None:
        by = next((c for c in tok.children if c.lower_ in ("by", "from")), None)
        owner = child(by, "pobj") if by is not None else None
    if owner is None or owner.lower_ in FIRST_PERSON or owner.lower_ in ("its", "their"):
        return None
    # what was said: a that-clause, "of/about/on ..." or a quotation; not "on Tuesday"
    said = [c for c in tok.children if c.dep_ in ("acl", "ccomp", "appos")]
    said += [
        c
        for c in tok.children
        if c.dep_ == "prep"
        and (c.lower_ in SAID_PREPOSITIONS or (demand and c.lower_ == "for"))
        and not any(g.ent_type_ in TIMES_AND_NUMBERS for g in c.children)
    ]
    if tok.dep_ == "nsubj" and tok.head.lemma_ == "be":
        # "The senator's answer was that ...", "Clinton's response was: "...""
        said += [c for c in tok.head.children if c.i > tok.i and c.dep_ in CLAUSE_DEPS]
    if not said and not ctx.art.has_quote(sent):
        return None
    who = ctx.sources.speaker(owner, sent)
    if who is None or who.name is None:
        return None
    content = [t for c in said for t in c.subtree if not t.is_space]
    kind = ClaimKind.STATEMENT
    return make(ctx, sent, tok, tok.text, kind, who, content, owner, False, rule="statement_noun")
