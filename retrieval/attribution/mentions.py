"""Who a noun phrase names, and what a role, pronoun or short name refers back to.

Helpers for ``retrieval.attribution``: ``describe`` turns the head token of a source
phrase into a ``Mention`` ("Kremlin spokesman Dmitry Peskov" -> name "Dmitry Peskov",
role "Kremlin spokesman"); ``Resolver`` links "Peskov", "the NATO chief", "he" or
"the publication" to the fullest earlier mention of the same person or body.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, NamedTuple

from retrieval.attribution.phrases import (
    AGE,
    NAME_LABELS,
    child_dep,
    civil_title,
    clean_join,
    content_words,
    contiguous,
    drop_honorifics,
    fraction_words,
    honorific,
    lower_first,
    name_run,
    names_a_role,
    opens_relative,
    phrase_tokens,
    share_of,
    strip_phrase,
)
from retrieval.lexicon import (
    MEDIA_NAME_WORDS,
    MEDIA_NOUNS,
    ORG_NOUNS,
    PERSON_ROLES,
    PERSON_SUFFIXES,
    POST_VERBS,
    QUANTIFIERS,
    SHARE_WORDS,
    SPEECH_VERBS,
    STREET_NAME_WORDS,
    TITLE_WORDS,
)

if TYPE_CHECKING:  # spaCy is imported by the loader, not by importing this module
    from spacy.tokens import Doc, Span, Token

logger = logging.getLogger(__name__)

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

    @cached_property
    def name_tokens(self) -> tuple[str, ...]:
        """The name's words in lower case, once: the resolver compares them 3,000 times an
        article (no rule renames a mention; ``dataclasses.replace`` makes a new one)."""
        return tuple(w.lower() for w in (self.name or "").replace("’s", "").split())

    def speaker(self) -> str:
        """How a reader would name them: "Dmitry Peskov, Kremlin spokesman"."""
        if self.name and self.role and not set(self.role.lower().split()) <= set(self.name_tokens):
            return f"{self.name}, {self.role}"  # not "Donald Trump, Trump"
        return self.name or self.text


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


def _clause_flags(head: Token) -> dict[str, Any]:
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
        text=lower_first(clean_join(head.doc, toks), toks),
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
    appos = [c for c in head.children if c.dep_ == "appos"]
    named_appos = _named_appos(head, appos)
    fraction = fraction_words(head)
    if fraction:  # "Six in 10 say ...", "Nearly nine out of 10 say ...": a poll's share
        return _group(head, fraction, offset, sent, plural=True)
    share = share_of(head)
    if share is None and head.lemma_.lower() in SHARE_WORDS and head.dep_ == "nsubj":
        if not any(c.dep_ == "prep" for c in head.children):
            # "Nearly a third say they don't know": a poll's share of those it asked
            toks = sorted((t for t in head.subtree if t.i <= head.i), key=lambda t: t.i)
            return _group(head, toks, offset, sent, plural=True)
    if head.pos_ in ("NUM", "PRON") or head.lower_ in QUANTIFIERS or share:
        # "One of the organisers, retired doctor Helen Marsh"
        if named_appos is not None:
            return describe(named_appos, offset, sent)
        return _counted(head, share, offset, sent)
    if head.pos_ in ("PUNCT", "SPACE", "DET") or head.is_stop and head.pos_ != "PROPN":
        return None
    if head.dep_ == "attr" and head.pos_ == "NOUN" and head.head.lemma_ == "be":
        # "Halvora is the only Aldmark team in the top division": a description of the
        # subject, not someone new (nor a fuller name the subject could be given)
        return None
    if head.ent_type_ in ("DATE", "TIME") and head.dep_ not in _SUBJECT_DEPS:
        # "by April 30", "on Monday": a day names nobody (but spaCy reads "Last week
        # Stumpf said" as one date, so a subject is left to the rules)
        return None
    if named_appos is not None and (head.pos_ != "PROPN" or _title_before_name(head, named_appos)):
        return _described_name(head, named_appos, offset, sent)
    return _phrase_mention(head, appos, offset, sent)


def _named_appos(head: Token, appos: list[Token]) -> Token | None:
    """The name set beside ``head`` ("A government spokesman, Pavel Ostrowski")."""
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
    return named_appos


def _set_off_person(head: Token, name: Token) -> bool:
    """ "The government's chief whip, Martin Lie,": a person's name set off by a comma after
    a common noun that someone's possessive or an adjective narrows is what that noun names
    the person as, whatever the noun."""
    if name.ent_type_ != "PERSON" or head.pos_ != "NOUN" or name.i <= head.i:
        return False
    if head.i + 1 >= len(head.doc) or head.doc[head.i + 1].text != ",":
        return False
    return any(c.dep_ in ("poss", "amod", "compound") for c in head.children)


def _counted(head: Token, share: Token | None, offset: int, sent: int) -> Mention | None:
    """A group headed by a quantifier or share: "All of the GOP candidates" (the quantifier
    is the head, so it stays), "both of Trump's remaining rivals", "many of the leaders who
    ...": the whole group; "two-thirds of" (the share's own words count too), "73 percent of
    Americans" (with the number counting the share). None for a number or pronoun alone."""
    prep = share or child_dep(head, "prep")
    if not ((head.lower_ in QUANTIFIERS or share) and prep is not None):
        return None
    pobj = child_dep(prep, "pobj") if prep.lower_ == "of" else None
    words = [t for t in prep.head.subtree if head.i < t.i < prep.i] if share else []
    toks = [head, *words, prep, *phrase_tokens(pobj, keep_prep=True)] if pobj else None
    run = contiguous(toks or phrase_tokens(head, keep_prep=True), head)
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
    group = (
        sorted(count, key=lambda t: t.i) + [head] + strip_phrase([t for t in run if t.i > head.i])
    )
    return _group(head, group, offset, sent, words=frozenset(content_words(group)))


def _described_name(head: Token, named_appos: Token, offset: int, sent: int) -> Mention | None:
    """A name described by the noun it stands beside: "the Japanese newspaper Yomiuri", "A
    government spokesman, Pavel Ostrowski" (the noun is the name's role or kind); "at the
    party convention Sen. Elizabeth Warren": a name beside a place or an event, which is no
    role of hers, is the name alone."""
    inner = describe(named_appos, offset, sent)
    if inner is not None and not describes_someone(head) and not _set_off_person(head, named_appos):
        return inner
    role_toks = strip_phrase(contiguous(phrase_tokens(head, keep_prep=True), head))
    role = lower_first(clean_join(head.doc, role_toks), role_toks) if role_toks else None
    if inner is None:
        return None
    span_toks = sorted(role_toks + [named_appos], key=lambda t: t.i)
    lemma = head.lemma_.lower()
    kind = "person" if lemma in PERSON_ROLES else inner.kind
    if lemma in ORG_NOUNS | MEDIA_NOUNS:
        kind = "org"
    return Mention(
        start=offset + span_toks[0].idx,
        end=offset + named_appos.idx + len(named_appos.text),
        text=inner.text,
        name=inner.name,
        role=inner.role or role,
        kind=kind,
        head_lemma=lemma,
        sent=sent,
        **_clause_flags(head),
        definite=False,
        media=inner.media or lemma in MEDIA_NOUNS,
        words=frozenset(inner.words | content_words(role_toks)),
        label=inner.label,
    )


def _phrase_mention(head: Token, appos: list[Token], offset: int, sent: int) -> Mention | None:
    """The mention of a plain noun phrase: a name with any role ("Texas Sen. Ted Cruz"), or
    a description ("the ministry", "diplomatic sources")."""
    doc = head.doc
    phrase = strip_phrase(contiguous(phrase_tokens(head, keep_prep=head.pos_ != "PROPN"), head))
    if not phrase:
        return None
    text = lower_first(clean_join(doc, phrase), phrase)
    lemma = head.lemma_.lower()
    dets = [c for c in head.children if c.dep_ == "det"]
    definite = bool(dets) and dets[0].lower_ in ("the", "this", "that", "these", "those")
    # "Marvia's infrastructure minister", "Corvane's spokeswoman": a named possessor makes a
    # person's role definite, one the text names elsewhere
    definite = definite or (
        lemma in PERSON_ROLES and any(c.dep_ == "poss" and c.pos_ == "PROPN" for c in head.children)
    )
    name = role = None
    media = lemma in MEDIA_NOUNS
    if is_name(head):
        named = _name_and_role(head, phrase, appos)
        name, role, kind, words = named.name, named.role, named.kind, named.words
        media = media or named.media
        definite = False
    else:
        kind = "thing"
        if head.tag_ in ("NNS", "NNPS") and lemma not in ORG_NOUNS:
            kind = "group"
        elif lemma in PERSON_ROLES:
            kind = "person"
        elif lemma in ORG_NOUNS or lemma in MEDIA_NOUNS:
            kind = "org"
        words = content_words(phrase)
    return Mention(
        start=offset + phrase[0].idx,
        end=offset + phrase[-1].idx + len(phrase[-1].text),
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
        label=head.ent_type_,
        plural=head.tag_ in ("NNS", "NNPS"),
    )


class _Named(NamedTuple):
    name: str
    role: str | None
    kind: str
    media: bool
    words: set[str]


def _name_and_role(head: Token, phrase: list[Token], appos: list[Token]) -> _Named:
    """The name a phrase headed by a proper noun gives, and the role beside it. "Sen. Hale":
    an honorific opening the phrase is no role; "Air Force 1st Lt. Tyler Livingston": a rank
    after other words is part of one; "Texas Sen. Ted Cruz" -> "Ted Cruz, Texas senator";
    "Mr." says nothing; "unlikely", "other", "silver-haired": no noun, no role;
    "62-year-old Brenda Johnson" -> "Brenda Johnson, 62"."""
    doc = head.doc
    run = name_run(head, phrase)
    name = clean_join(doc, run)
    role_toks = strip_phrase(drop_honorifics([t for t in phrase if t.i < run[0].i], keep_last=0))
    title = ""
    while role_toks and civil_title(role_toks[-1]):
        title = title or TITLE_WORDS.get(role_toks[-1].lower_.rstrip("."), "")
        role_toks = strip_phrase(role_toks[:-1])
    role_toks = _first_role(role_toks)
    role = lower_first(clean_join(doc, role_toks), role_toks) or None
    if role and title:
        role = f"{role} {title}"
    elif role and not names_a_role(role_toks):
        role = None
    if role and (age := AGE.fullmatch(role)):
        role = age.group(1)
    noun_appos = next(
        (c for c in appos if c.pos_ in ("NOUN", "ADJ") and not opens_relative(c)), None
    )
    appos_toks: list[Token] = []
    if noun_appos is not None:
        appos_toks = strip_phrase(contiguous(phrase_tokens(noun_appos, True), noun_appos))
        if names_a_role(appos_toks):
            appos_text = clean_join(doc, appos_toks)
            role = f"{role}, {appos_text}" if role else appos_text
    if role is None and (post := _post_clause(head)):
        role = clean_join(doc, post)
    titled = any(honorific(t) for t in phrase)
    role_heads = {t.lemma_.lower() for t in role_toks + appos_toks}
    person = run[-1].lower_ not in STREET_NAME_WORDS and (
        head.ent_type_ == "PERSON"
        or titled
        or bool(role_heads & PERSON_ROLES)
        or _personal(head, appos)
    )
    media = bool(role_heads & MEDIA_NOUNS) or (run[-1].lower_ in MEDIA_NAME_WORDS)
    words = content_words(phrase + appos_toks)
    return _Named(name, role, "person" if person else "org", media, words)


def _personal(head: Token, appos: list[Token]) -> bool:
    """Whether a name is a person's by how news writes it, whatever the NER says ("Aoife
    Brannan" read as an organisation): an age beside it ("Aoife Brannan, 34, a nurse") or a
    relative clause that opens with "who" ("Ken Mulgrew, who runs the pub")."""
    if any(a.like_num for a in appos):
        return True
    return any(
        c.dep_ == "relcl" and any(w.dep_ == "nsubj" and w.lower_ == "who" for w in c.children)
        for c in head.children
    )


def _post_clause(head: Token) -> list[Token]:
    """ "Edda Fennick, who chairs the Patients' Forum": a relative clause after a name that
    says what post its bearer holds (``POST_VERBS``), the name's role when it has no other."""
    for clause in head.children:
        if clause.dep_ != "relcl" or clause.lemma_.lower() not in POST_VERBS:
            continue
        if not any(c.dep_ == "nsubj" and c.lower_ == "who" for c in clause.children):
            continue
        words = sorted(clause.subtree, key=lambda t: t.i)
        # the comma after it closes the clause, whatever the parse hangs below it ("Ken
        # Mulgrew, who runs the pub on Keel Lane, worried about ...")
        comma = next((i for i, t in enumerate(words) if i and t.text == ","), len(words))
        words = strip_phrase(words[:comma])
        if words and words[-1].i - words[0].i + 1 == len(words):
            return words
    return []


def _first_role(role_toks: list[Token]) -> list[Token]:
    """ "Pentagon spokesman Marine Corps Lt. Col. Garron Garn": a job ("spokesman", written
    as a common noun) and then a rank with its service are two titles; the role is the job,
    and ends where it ends. "Air Force 1st Lt." (a rank alone) is kept whole."""
    if not role_toks or not honorific(role_toks[-1]) or civil_title(role_toks[-1]):
        return role_toks
    jobs = [
        i
        for i, t in enumerate(role_toks[:-1])
        if t.text.islower() and t.pos_ == "NOUN" and t.lemma_.lower() in PERSON_ROLES
    ]
    if not jobs or not all(t.text[:1].isupper() for t in role_toks[jobs[-1] + 1 :]):
        return role_toks
    return role_toks[: jobs[-1] + 1]


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
    chunks, ents = _doc_phrases(span.doc)
    inside = span.start, span.end
    doc = span.doc
    heads = [doc[root] for start, end, root in chunks if start >= inside[0] and end <= inside[1]]
    heads += [
        doc[root]
        for start, end, label, root in ents
        if start >= inside[0] and end <= inside[1] and (labels is None or label in labels)
    ]
    out: list[Token] = []
    seen: set[int] = set()
    for head in sorted(heads, key=lambda t: t.i):
        if head.i not in seen and head.dep_ not in ("appos", "compound"):
            seen.add(head.i)
            out.append(head)
    return out


# Where a doc's noun chunks and entities are kept (``Doc.user_data``), found once per doc.
_PHRASES_KEY = "storybot.attribution.phrases"


def _doc_phrases(doc: Doc) -> tuple[list[tuple[int, int, int]], list[tuple[int, int, str, int]]]:
    """The doc's noun chunks as (start, end, root) and entities as (start, end, label, root),
    token positions (not tokens: the doc would hold itself).

    ``Span.noun_chunks`` finds every noun chunk of the whole doc and keeps those inside the
    span, so asking it of each sentence of a long paragraph walked the paragraph once per
    sentence; found once here and filtered the same way, the heads are the same."""
    found = doc.user_data.get(_PHRASES_KEY)
    if found is None:
        chunks = [(nc.start, nc.end, nc.root.i) for nc in doc.noun_chunks]
        ents = [(e.start, e.end, e.label_, e.root.i) for e in doc.ents]
        found = doc.user_data[_PHRASES_KEY] = (chunks, ents)
    return found


def span_mentions(span: Span, offset: int, sent: int) -> list[Mention]:
    """Every mention in a sentence: noun-phrase heads, named entities and appositions."""
    out: list[Mention] = []
    for head in phrase_heads(span, NAME_LABELS):
        m = describe(head, offset, sent)
        if m is not None:
            out.append(m)
    return out
