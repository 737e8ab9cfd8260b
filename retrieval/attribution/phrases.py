"""The words of a source phrase: its tokens (without clauses and side remarks), the run of
a proper name in it, titles and honorifics, and shares and fractions of a group ("six in 10",
"two-thirds of voters"). Helpers for ``retrieval.attribution.mentions``."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from retrieval.lexicon import (
    HONORIFICS,
    MILITARY_RANKS,
    PERSON_ROLES,
    ROLE_STOPWORDS,
    SHARE_WORDS,
    TIME_OF_OFFICE,
)

if TYPE_CHECKING:  # spaCy is imported by the loader, not by importing this module
    from spacy.tokens import Doc, Token

# Children that end a source phrase: clauses and side remarks are not part of a name.
_DROP_DEPS = frozenset(
    {"relcl", "acl", "advcl", "appos", "parataxis", "punct", "dep", "mark", "advmod", "npadvmod"}
)
# a verb's dependents, which hang on a noun only when the parser read it as the verb:
# "Trump defended eminent domain" with "Trump" the root and "domain" its object
_VERB_DEPS = frozenset({"dobj", "dative", "ccomp", "xcomp"})
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "WORK_OF_ART"})


def clean_join(doc: Doc, tokens: list[Token]) -> str:
    """The text of a run of tokens as it reads in the document."""
    if not tokens:
        return ""
    # a Span's text, not doc.text: doc.text is rebuilt from every token on each call
    return " ".join(doc[tokens[0].i : tokens[-1].i + 1].text.split())


def contiguous(tokens: list[Token], head: Token) -> list[Token]:
    """The gap-free run of tokens around ``head``."""
    ids = sorted({t.i for t in tokens})
    if head.i not in ids:
        return [head]
    pos = ids.index(head.i)
    lo = hi = pos
    while lo > 0 and ids[lo - 1] == ids[lo] - 1:
        lo -= 1
    while hi < len(ids) - 1 and ids[hi + 1] == ids[hi] + 1:
        hi += 1
    doc = head.doc
    return [doc[i] for i in ids[lo : hi + 1]]


def phrase_tokens(head: Token, keep_prep: bool) -> list[Token]:
    out: list[Token] = [head]
    for child in head.children:
        if child.is_space:
            continue
        if child.dep_ == "punct" and child.text in "-–&.'’":
            out.append(child)
            continue
        if child.dep_ == "punct" and child.tag_ in ("``", "''") and _quotes_both(head):
            out.append(child)  # 'some in the "Bernie or Bust" crowd': a quotation inside
            continue
        if child.i == head.i - 2 and head.doc[head.i - 1].tag_ == "HYPH":
            out.extend(phrase_tokens(child, keep_prep=keep_prep))  # "left-leaning"
            continue
        if child.dep_ == "acl" and keep_prep and child.tag_ == "VBN" and child_dep(child, "agent"):
            # "figures published by the board", "residents interviewed by the Post"
            sub = list(child.subtree)
            if len(sub) <= 8:
                out.extend(sub)
            continue
        if child.dep_ == "npadvmod" and head.dep_ == "amod" and child.i < head.i:
            out.extend(phrase_tokens(child, keep_prep=keep_prep))  # "78-year-old"
            continue
        if child.dep_ in _DROP_DEPS:
            continue
        if child.dep_ in _VERB_DEPS and head.pos_ in ("NOUN", "PROPN"):
            continue
        if child.dep_ == "prep" and not keep_prep:
            if child.ent_iob_ == "I" and child.ent_type_ == head.ent_type_ == "ORG":
                # "the Illinois Board of Elections", "the Department of Justice": one name
                out.extend(t for t in child.subtree if t.ent_iob_ == "I")
            continue
        if child.dep_ == "prep" and any(
            t.pos_ == "VERB" or t.ent_type_ in ("DATE", "TIME") for t in child.subtree
        ):
            continue
        if child.dep_ in ("cc", "conj") and head.pos_ not in ("PROPN", "ADJ"):
            continue  # "Hale and Reyes" is two speakers; "current and former aides" is one
        out.extend(phrase_tokens(child, keep_prep=keep_prep))
    return out


def _quotes_both(head: Token) -> bool:
    """True when both an opening and a closing quotation mark hang on ``head``."""
    tags = {c.tag_ for c in head.children if c.dep_ == "punct"}
    return "``" in tags and "''" in tags


def child_dep(tok: Token, dep: str) -> Token | None:
    return next((c for c in tok.children if c.dep_ == dep), None)


def strip_phrase(tokens: list[Token]) -> list[Token]:
    """Drop leading determiners, possessive pronouns and punctuation, trailing punctuation."""
    while tokens and (
        tokens[0].dep_ == "det"
        or tokens[0].is_punct
        or tokens[0].is_space
        or (tokens[0].dep_ == "poss" and tokens[0].pos_ == "PRON")
        or tokens[0].lower_ in ("both", "all")
    ):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space or tokens[-1].dep_ == "case"):
        tokens = tokens[:-1]
    return tokens


def _first_name_before(run: list[Token], in_phrase: set[int]) -> list[Token]:
    """ "Russian Presidential Spokesman Dmitry Peskov", where the tagger made "Dmitry" the
    end of an organisation and "Peskov" a person alone: a surname keeps the capitalised
    word right before it when a role stands before that ("Dmitry Peskov", not "Peskov,
    Russian Presidential Spokesman Dmitry")."""
    if len(run) != 1 or run[0].ent_type_ != "PERSON" or run[0].i < 2:
        return run
    doc = run[0].doc
    first, before = doc[run[0].i - 1], doc[run[0].i - 2]
    if (
        first.i in in_phrase
        and first.pos_ == "PROPN"
        and first.is_title
        and first.ent_type_ != "PERSON"
        and first.lower_ not in PERSON_ROLES
        and not honorific(first)
        and not civil_title(first)
        and before.lower_ in PERSON_ROLES
    ):
        return [first, *run]
    return run


def name_run(head: Token, phrase: list[Token]) -> list[Token]:
    """The proper-name tokens of a phrase whose head is a proper noun."""
    in_phrase = {t.i for t in phrase}
    if head.ent_type_ in NAME_LABELS:
        ent = next((e for e in head.doc.ents if e.start <= head.i < e.end), None)
        if ent is not None:
            toks = [t for t in ent if t.i in in_phrase and t.dep_ != "det" and t.dep_ != "case"]
            toks = [t for t in toks if not t.is_punct or t.text in "-.&"]
            if toks:
                run = toks
                # "Secretary-General Jens Stoltenberg" mislabelled as one entity: keep the name
                # and "Coast Guard Lt. Cmdr. Pavel Ostrin": a rank is never part of a name
                titled = [
                    i for i, t in enumerate(run) if t.lower_ in PERSON_ROLES or (i and honorific(t))
                ]
                if titled and titled[-1] < len(run) - 1:
                    run = run[titled[-1] + 1 :]
                    while len(run) > 1 and run[0].text == ".":
                        run = run[1:]
                return drop_honorifics(_first_name_before(run, in_phrase))
    run = [head]
    i = head.i - 1
    while i >= 0 and i in in_phrase:
        tok = head.doc[i]
        if tok.pos_ == "PROPN" and tok.lower_ not in PERSON_ROLES and not honorific(tok):
            # "Coast Guard Lt. Cmdr. Pavel Ostrin": the name ends (going back) at a rank
            run.insert(0, tok)
        elif tok.text in ("-", "&", ".") and i - 1 in in_phrase:
            run.insert(0, tok)
        else:
            break
        i -= 1
    while run and run[0].text in "-&.":
        run = run[1:]
    return drop_honorifics(run)


AGE = re.compile(r"(\d{1,3})-year-old")


def names_a_role(tokens: list[Token]) -> bool:
    """Whether a role phrase holds a noun that is not a number ("former neurosurgeon", "House
    Speaker", "62-year-old"), not only adjectives or verbs ("unlikely", "brutalizing")."""
    return (
        any(
            t.pos_ in ("NOUN", "PROPN") and not t.like_num and t.lower_ not in ("percent", "%")
            for t in tokens
        )
        or any(AGE.fullmatch(t.text) for t in tokens)
        or any(t.lower_ == "old" and t.i > 0 and t.nbor(-1).text == "-" for t in tokens)
    )


def opens_relative(tok: Token) -> bool:
    """An apposition that opens with "whose"/"which" ("whose latest start-up") is a clause
    about someone, not their role."""
    return any(t.lower_ in ("whose", "which", "who") for t in tok.subtree if t.i < tok.i)


def honorific(tok: Token) -> bool:
    """ "Sen.", "Col", "Mr." (with or without the full stop)."""
    return tok.lower_.rstrip(".") in HONORIFICS


def civil_title(tok: Token) -> bool:
    return honorific(tok) and tok.lower_.rstrip(".") not in MILITARY_RANKS


def drop_honorifics(run: list[Token], keep_last: int = 1) -> list[Token]:
    """``run`` without its leading titles ("Sen.", "Col"), keeping at least ``keep_last``."""
    while len(run) > keep_last and honorific(run[0]):
        run = run[1:]
        if run and run[0].text == ".":
            run = run[1:]
    return run


def content_words(tokens: list[Token]) -> set[str]:
    """Words that identify a referent: nouns and names, not adjectives like "regional"."""
    keep = [
        t
        for t in tokens
        if not t.is_punct
        and not t.is_space
        and t.lower_ not in ROLE_STOPWORDS
        and (t.pos_ in ("NOUN", "PROPN") or t.ent_type_ in ("NORP", "ORG", "GPE"))
    ]
    return {t.lemma_.lower() for t in keep} | {t.lower_ for t in keep}


def _capitalised_elsewhere(tok: Token) -> bool:
    """Whether ``tok``'s word stands alone with its capital mid-sentence elsewhere in the
    paragraph ("..., and Sanders wept"), not as part of a longer name ("Police Chief")."""
    doc = tok.doc
    for t in doc:
        if t.i == tok.i or t.text != tok.text or t.is_sent_start:
            continue
        nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
        if nxt is None or not nxt.text[:1].isupper():
            return True
    return False


def lower_first(text: str, tokens: list[Token]) -> str:
    """ "Diplomatic sources" -> "diplomatic sources": undo sentence-initial capitals only."""
    if not tokens or tokens[0].pos_ == "PROPN" or tokens[0].ent_type_ or not text[:1].isupper():
        return text
    if len(text) > 1 and text[1].isupper():  # an acronym
        return text
    if any(c.isupper() or c.isdigit() for c in tokens[0].text[1:]):  # "Not1More", "eBay"
        return text
    if _capitalised_elsewhere(tokens[0]):
        return text  # "Sanders" written with a capital mid-sentence too: a name, mis-tagged
    if tokens[0].lower_ in TIME_OF_OFFICE:  # "Former Hewlett-Packard CEO" -> "former ..."
        return text[0].lower() + text[1:]
    if len(tokens) > 1 and tokens[1].text[:1].isupper():  # a title: "Regional Health Minister"
        return text
    return text[0].lower() + text[1:]


def fraction_words(head: Token) -> list[Token]:
    """The words of "six in 10" or "nine out of 10" when ``head`` is its number."""
    if head.pos_ != "NUM":
        return []
    toks = sorted(head.subtree, key=lambda t: t.i)
    words = [t.lower_ for t in toks]
    if "in" not in words and "out" not in words:
        return []
    if sum(t.like_num for t in toks) < 2 or len(toks) > 6:
        return []
    return toks


def share_of(head: Token) -> Token | None:
    """The "of" in "two-thirds of Democratic voters", "Two of the Republicans", "a third of
    voters": a number or share followed by the group it counts ("none of" counts nobody)."""
    for word in (head, *(c for c in head.children if c.dep_ == "quantmod")):
        lower = word.lower_
        if not (word.like_num or word.lemma_.lower() in SHARE_WORDS or lower.endswith("thirds")):
            continue
        prep = child_dep(word, "prep")
        if prep is None or prep.lower_ != "of":
            continue
        pobj = child_dep(prep, "pobj")
        if pobj is not None and pobj.tag_ in ("NNS", "NNPS"):
            return prep
    return None
