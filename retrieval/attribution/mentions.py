"""Who a noun phrase names, and what a role, pronoun or short name refers back to.

Helpers for ``retrieval.attribution``: ``describe`` turns the head token of a source
phrase into a ``Mention`` ("Kremlin spokesman Dmitry Peskov" -> name "Dmitry Peskov",
role "Kremlin spokesman"); ``Resolver`` links "Peskov", "the NATO chief", "he" or
"the publication" to the fullest earlier mention of the same person or body.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from retrieval.lexicon import (
    HONORIFICS,
    MEDIA_NAME_WORDS,
    MEDIA_NOUNS,
    MILITARY_RANKS,
    ORG_NOUNS,
    PERSON_ROLES,
    PERSON_SUFFIXES,
    QUANTIFIERS,
    ROLE_STOPWORDS,
    SHARE_WORDS,
    SPEECH_VERBS,
    TIME_OF_OFFICE,
    TITLE_WORDS,
)

if TYPE_CHECKING:  # spaCy is imported by the loader, not by importing this module
    from spacy.tokens import Doc, Span, Token

logger = logging.getLogger(__name__)

# Children that end a source phrase: clauses and side remarks are not part of a name.
_DROP_DEPS = frozenset(
    {"relcl", "acl", "advcl", "appos", "parataxis", "punct", "dep", "mark", "advmod", "npadvmod"}
)
# a verb's dependents, which hang on a noun only when the parser read it as the verb:
# "Trump defended eminent domain" with "Trump" the root and "domain" its object
_VERB_DEPS = frozenset({"dobj", "dative", "ccomp", "xcomp"})
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "WORK_OF_ART"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


@dataclass
class Mention:
    """A phrase that names (or describes) a person or body, with offsets into the text."""

    start: int
    end: int
    text: str
    name: str | None
    role: str | None
    kind: str  # "person", "org", "group" or "thing"
    head_lemma: str
    sent: int
    subject: bool
    definite: bool
    media: bool = False
    words: frozenset[str] = field(default_factory=frozenset)
    label: str = ""
    plural: bool = False
    main: bool = False  # the subject of its sentence's main clause
    speaks: bool = False  # the subject of a speech verb ("Tyler" in "Tyler said that ...")

    @property
    def name_tokens(self) -> tuple[str, ...]:
        return tuple(w.lower() for w in (self.name or "").replace("’s", "").split())

    def speaker(self) -> str:
        """How a reader would name them: "Dmitry Peskov, Kremlin spokesman"."""
        if self.name and self.role and not set(self.role.lower().split()) <= set(self.name_tokens):
            return f"{self.name}, {self.role}"  # not "Donald Trump, Trump"
        return self.name or self.text


def _clean_join(doc: Doc, tokens: list[Token]) -> str:
    """The text of a run of tokens as it reads in the document."""
    if not tokens:
        return ""
    # a Span's text, not doc.text: doc.text is rebuilt from every token on each call
    return " ".join(doc[tokens[0].i : tokens[-1].i + 1].text.split())


def _contiguous(tokens: list[Token], head: Token) -> list[Token]:
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


def _phrase_tokens(head: Token, keep_prep: bool) -> list[Token]:
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
            out.extend(_phrase_tokens(child, keep_prep=keep_prep))  # "left-leaning"
            continue
        if child.dep_ == "acl" and keep_prep and child.tag_ == "VBN" and _child_dep(child, "agent"):
            # "figures published by the board", "residents interviewed by the Post"
            sub = list(child.subtree)
            if len(sub) <= 8:
                out.extend(sub)
            continue
        if child.dep_ == "npadvmod" and head.dep_ == "amod" and child.i < head.i:
            out.extend(_phrase_tokens(child, keep_prep=keep_prep))  # "78-year-old"
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
        out.extend(_phrase_tokens(child, keep_prep=keep_prep))
    return out


def _quotes_both(head: Token) -> bool:
    """True when both an opening and a closing quotation mark hang on ``head``."""
    tags = {c.tag_ for c in head.children if c.dep_ == "punct"}
    return "``" in tags and "''" in tags


def _child_dep(tok: Token, dep: str) -> Token | None:
    return next((c for c in tok.children if c.dep_ == dep), None)


def _strip(tokens: list[Token]) -> list[Token]:
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


def _name_run(head: Token, phrase: list[Token]) -> list[Token]:
    """The proper-name tokens of a phrase whose head is a proper noun."""
    in_phrase = {t.i for t in phrase}
    if head.ent_type_ in _NAME_LABELS:
        ent = next((e for e in head.doc.ents if e.start <= head.i < e.end), None)
        if ent is not None:
            toks = [t for t in ent if t.i in in_phrase and t.dep_ != "det" and t.dep_ != "case"]
            toks = [t for t in toks if not t.is_punct or t.text in "-.&"]
            if toks:
                run = toks
                # "Secretary-General Jens Stoltenberg" mislabelled as one entity: keep the name
                titled = [i for i, t in enumerate(run) if t.lower_ in PERSON_ROLES]
                if titled and titled[-1] < len(run) - 1:
                    run = run[titled[-1] + 1 :]
                return _drop_honorifics(run)
    run = [head]
    i = head.i - 1
    while i >= 0 and i in in_phrase:
        tok = head.doc[i]
        if tok.pos_ == "PROPN" and tok.lower_ not in PERSON_ROLES:
            run.insert(0, tok)
        elif tok.text in ("-", "&", ".") and i - 1 in in_phrase:
            run.insert(0, tok)
        else:
            break
        i -= 1
    while run and run[0].text in "-&.":
        run = run[1:]
    return _drop_honorifics(run)


_AGE = re.compile(r"(\d{1,3})-year-old")


def _names_a_role(tokens: list[Token]) -> bool:
    """Whether a role phrase holds a noun that is not a number ("former neurosurgeon", "House
    Speaker", "62-year-old"), not only adjectives or verbs ("unlikely", "brutalizing")."""
    return (
        any(
            t.pos_ in ("NOUN", "PROPN") and not t.like_num and t.lower_ not in ("percent", "%")
            for t in tokens
        )
        or any(_AGE.fullmatch(t.text) for t in tokens)
        or any(t.lower_ == "old" and t.i > 0 and t.nbor(-1).text == "-" for t in tokens)
    )


def _relative(tok: Token) -> bool:
    """An apposition that opens with "whose"/"which" ("whose latest start-up") is a clause
    about someone, not their role."""
    return any(t.lower_ in ("whose", "which", "who") for t in tok.subtree if t.i < tok.i)


def _honorific(tok: Token) -> bool:
    """ "Sen.", "Col", "Mr." (with or without the full stop)."""
    return tok.lower_.rstrip(".") in HONORIFICS


def _civil_title(tok: Token) -> bool:
    return _honorific(tok) and tok.lower_.rstrip(".") not in MILITARY_RANKS


def _drop_honorifics(run: list[Token], keep_last: int = 1) -> list[Token]:
    """``run`` without its leading titles ("Sen.", "Col"), keeping at least ``keep_last``."""
    while len(run) > keep_last and _honorific(run[0]):
        run = run[1:]
        if run and run[0].text == ".":
            run = run[1:]
    return run


def _content_words(tokens: list[Token]) -> set[str]:
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


def _lower_first(text: str, tokens: list[Token]) -> str:
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


def _fraction(head: Token) -> list[Token]:
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


def _share_of(head: Token) -> Token | None:
    """The "of" in "two-thirds of Democratic voters", "Two of the Republicans", "a third of
    voters": a number or share followed by the group it counts ("none of" counts nobody)."""
    for word in (head, *(c for c in head.children if c.dep_ == "quantmod")):
        lower = word.lower_
        if not (word.like_num or word.lemma_.lower() in SHARE_WORDS or lower.endswith("thirds")):
            continue
        prep = _child_dep(word, "prep")
        if prep is None or prep.lower_ != "of":
            continue
        pobj = _child_dep(prep, "pobj")
        if pobj is not None and pobj.tag_ in ("NNS", "NNPS"):
            return prep
    return None


def describes_someone(noun: Token) -> bool:
    """True for a noun that can be someone's role or a body's kind ("spokesman",
    "economist", "newspaper", "ministry"), not a place or an event ("convention")."""
    lemma = noun.lemma_.lower()
    if lemma in PERSON_ROLES or lemma in ORG_NOUNS or lemma in MEDIA_NOUNS:
        return True
    return lemma.endswith(PERSON_SUFFIXES)


def _main_subject(head: Token) -> bool:
    """True for the subject of the sentence's main verb, or of a verb joined to it
    ("Stockman" in "Stockman has been pushing for Mr. Trump to own the issue"), not of a
    clause inside it ("Trump")."""
    verb = head.head
    while verb.dep_ == "conj" and verb.head.i < verb.i:  # "..., but officials have said"
        verb = verb.head
    return head.dep_ in _SUBJECT_DEPS and verb.dep_ == "ROOT"


def _clause_flags(head: Token) -> dict[str, bool]:
    """A mention's place in its clause: its ``subject``, ``main`` and ``speaks`` fields."""
    return {
        "subject": head.dep_ in _SUBJECT_DEPS,
        "main": _main_subject(head),
        # the subject of a speech verb ("Tyler" in "Tyler said that ...")
        "speaks": head.dep_ == "nsubj" and head.head.lemma_.lower() in SPEECH_VERBS,
    }


def _group(
    head: Token,
    toks: list[Token],
    offset: int,
    sent: int,
    words: frozenset[str] = frozenset(),
    plural: bool = False,
) -> Mention:
    """An unnamed group headed by a number or quantifier: "six in 10", "all of the GOP
    candidates"."""
    return Mention(
        start=offset + toks[0].idx,
        end=offset + toks[-1].idx + len(toks[-1].text),
        text=_lower_first(_clean_join(head.doc, toks), toks),
        name=None,
        role=None,
        kind="group",
        head_lemma=head.lower_,
        sent=sent,
        **_clause_flags(head),
        definite=False,
        words=words,
        plural=plural,
    )


def describe(head: Token, offset: int, sent: int) -> Mention | None:
    """The mention whose head is ``head``; ``offset`` maps the doc into the article text.

    Returns None for pronouns, numbers and other heads that name nobody.
    """
    doc = head.doc
    appos = [c for c in head.children if c.dep_ == "appos"]
    named_appos = next((c for c in appos if c.pos_ == "PROPN"), None)
    if named_appos is None and head.pos_ == "NOUN" and head.lemma_.lower() in PERSON_ROLES:
        # "The head of the mission, Sofia Lindqvist": the name may hang off "mission"
        named_appos = next(
            (
                t
                for t in head.subtree
                if t.dep_ == "appos" and t.pos_ == "PROPN" and t.ent_type_ == "PERSON"
            ),
            None,
        )
    fraction = _fraction(head)
    if fraction:  # "Six in 10 say ...", "Nearly nine out of 10 say ...": a poll's share
        return _group(head, fraction, offset, sent, plural=True)
    share = _share_of(head)
    if share is None and head.lemma_.lower() in SHARE_WORDS and head.dep_ == "nsubj":
        if not any(c.dep_ == "prep" for c in head.children):
            # "Nearly a third say they don't know": a poll's share of those it asked
            toks = sorted((t for t in head.subtree if t.i <= head.i), key=lambda t: t.i)
            return _group(head, toks, offset, sent, plural=True)
    if head.pos_ in ("NUM", "PRON") or head.lower_ in QUANTIFIERS or share:
        # "One of the organisers, retired doctor Helen Marsh"
        if named_appos is not None:
            return describe(named_appos, offset, sent)
        prep = share or _child_dep(head, "prep")
        if (head.lower_ in QUANTIFIERS or share) and prep is not None:
            # "All of the GOP candidates": the quantifier is the head, so it stays; "both of
            # Trump's remaining rivals", "many of the leaders who ...": the whole group
            pobj = _child_dep(prep, "pobj") if prep.lower_ == "of" else None
            # "two-thirds of": the share's own words ("-thirds") count too
            words = [t for t in prep.head.subtree if head.i < t.i < prep.i] if share else []
            toks = [head, *words, prep, *_phrase_tokens(pobj, keep_prep=True)] if pobj else None
            run = _contiguous(toks or _phrase_tokens(head, keep_prep=True), head)
            # "73 percent of Americans": the number counting the share
            count = (
                [
                    t
                    for c in head.children
                    if c.dep_ in ("nummod", "quantmod") and c.i < head.i
                    for t in c.subtree
                ]
                if share
                else []
            )
            toks = (
                sorted(count, key=lambda t: t.i) + [head] + _strip([t for t in run if t.i > head.i])
            )
            return _group(head, toks, offset, sent, words=frozenset(_content_words(toks)))
        return None
    if head.pos_ in ("PUNCT", "SPACE", "DET") or head.is_stop and head.pos_ != "PROPN":
        return None
    if named_appos is not None and (head.pos_ != "PROPN" or _title_before_name(head, named_appos)):
        # "the Japanese newspaper Yomiuri", "A government spokesman, Pavel Ostrowski"
        inner = describe(named_appos, offset, sent)
        if inner is not None and not describes_someone(head):
            # "at the party convention Sen. Elizabeth Warren": a name beside a place or an
            # event, which is no role of hers
            return inner
        role_toks = _strip(_contiguous(_phrase_tokens(head, keep_prep=True), head))
        role = _lower_first(_clean_join(doc, role_toks), role_toks) if role_toks else None
        if inner is None:
            return None
        span_toks = sorted(role_toks + [named_appos], key=lambda t: t.i)
        kind = "person" if head.lemma_.lower() in PERSON_ROLES else inner.kind
        if head.lemma_.lower() in ORG_NOUNS | MEDIA_NOUNS:
            kind = "org"
        words = inner.words | _content_words(role_toks)
        media = inner.media or head.lemma_.lower() in MEDIA_NOUNS
        return Mention(
            start=offset + span_toks[0].idx,
            end=offset + named_appos.idx + len(named_appos.text),
            text=inner.text,
            name=inner.name,
            role=inner.role or role,
            kind=kind,
            head_lemma=head.lemma_.lower(),
            sent=sent,
            **_clause_flags(head),
            definite=False,
            media=media,
            words=frozenset(words),
            label=inner.label,
        )
    phrase = _strip(_contiguous(_phrase_tokens(head, keep_prep=head.pos_ != "PROPN"), head))
    if not phrase:
        return None
    start = offset + phrase[0].idx
    end = offset + phrase[-1].idx + len(phrase[-1].text)
    text = _lower_first(_clean_join(doc, phrase), phrase)
    lemma = head.lemma_.lower()
    dets = [c for c in head.children if c.dep_ == "det"]
    definite = bool(dets) and dets[0].lower_ in ("the", "this", "that", "these", "those")
    indefinite = bool(dets) and not definite
    name = role = None
    kind = "thing"
    media = lemma in MEDIA_NOUNS
    label = head.ent_type_
    if is_name(head):
        run = _name_run(head, phrase)
        name = _clean_join(doc, run)
        # "Sen. Hale": an honorific opening the phrase is no role; "Air Force 1st Lt.
        # Tyler Livingston": a rank after other words is part of one
        role_toks = _strip(_drop_honorifics([t for t in phrase if t.i < run[0].i], keep_last=0))
        title = ""
        while role_toks and _civil_title(role_toks[-1]):
            # "Texas Sen. Ted Cruz" -> "Ted Cruz, Texas senator"; "Mr." says nothing
            title = title or TITLE_WORDS.get(role_toks[-1].lower_.rstrip("."), "")
            role_toks = _strip(role_toks[:-1])
        role = _lower_first(_clean_join(doc, role_toks), role_toks) or None
        if role and title:
            role = f"{role} {title}"
        elif role and not _names_a_role(role_toks):
            role = None  # "unlikely", "other", "silver-haired": no noun, no role
        if role and (age := _AGE.fullmatch(role)):
            role = age.group(1)  # "62-year-old Brenda Johnson" -> "Brenda Johnson, 62"
        noun_appos = next(
            (c for c in appos if c.pos_ in ("NOUN", "ADJ") and not _relative(c)), None
        )
        appos_toks: list[Token] = []
        if noun_appos is not None:
            appos_toks = _strip(_contiguous(_phrase_tokens(noun_appos, True), noun_appos))
            if _names_a_role(appos_toks):
                appos_text = _clean_join(doc, appos_toks)
                role = f"{role}, {appos_text}" if role else appos_text
        titled = any(_honorific(t) for t in phrase)
        role_heads = {t.lemma_.lower() for t in role_toks + appos_toks}
        if head.ent_type_ == "PERSON" or titled or role_heads & PERSON_ROLES:
            kind = "person"
        else:
            kind = "org"
        media = media or bool(role_heads & MEDIA_NOUNS) or (run[-1].lower_ in MEDIA_NAME_WORDS)
        words = _content_words(phrase + appos_toks)
        definite = False
    else:
        if head.tag_ in ("NNS", "NNPS") and lemma not in ORG_NOUNS:
            kind = "group"
        elif lemma in PERSON_ROLES:
            kind = "person"
        elif lemma in ORG_NOUNS or lemma in MEDIA_NOUNS:
            kind = "org"
        words = _content_words(phrase)
        if indefinite:
            definite = False
    return Mention(
        start=start,
        end=end,
        text=name if name else text,
        name=name,
        role=role,
        kind=kind,
        head_lemma=lemma,
        sent=sent,
        **_clause_flags(head),
        definite=definite,
        media=media,
        words=frozenset(words),
        label=label,
        plural=head.tag_ in ("NNS", "NNPS"),
    )


def _title_before_name(head: Token, name: Token) -> bool:
    """ "Former Hewlett-Packard CEO Carly Fiorina": a role the tagger read as a proper noun,
    with the name right after it (no comma), is the name's role, not a name itself."""
    if head.lower_ not in PERSON_ROLES or name.i <= head.i:
        return False
    return not any(t.is_punct for t in head.doc[head.i + 1 : name.i])


def is_name(tok: Token) -> bool:
    """A capitalised proper noun, or a capitalised word spaCy tagged as a noun inside a name."""
    if not tok.text[:1].isupper():
        return False
    if tok.pos_ == "PROPN":
        return True
    return tok.pos_ == "NOUN" and tok.ent_type_ in ("PERSON", "ORG") and tok.lower_ not in ORG_NOUNS


def phrase_heads(span: Span, labels: frozenset[str] | None = None) -> list[Token]:
    """The heads of a sentence's noun phrases and named entities (those with ``labels``, or
    all), in order, each once; a head inside a larger phrase (an apposition, a compound) is
    left to that phrase."""
    heads: list[Token] = [nc.root for nc in span.noun_chunks]
    heads += [e.root for e in span.ents if labels is None or e.label_ in labels]
    out: list[Token] = []
    seen: set[int] = set()
    for head in sorted(heads, key=lambda t: t.i):
        if head.i not in seen and head.dep_ not in ("appos", "compound"):
            seen.add(head.i)
            out.append(head)
    return out


def span_mentions(span: Span, offset: int, sent: int) -> list[Mention]:
    """Every mention in a sentence: noun-phrase heads, named entities and appositions."""
    out: list[Mention] = []
    for head in phrase_heads(span, _NAME_LABELS):
        m = describe(head, offset, sent)
        if m is not None:
            out.append(m)
    return out
