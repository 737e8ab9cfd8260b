"""Which words are cues: a speech verb with what it needs ("called the plan a disaster",
not "called a rally"), a belief verb with a clause, a feeling with a that-clause, a phrasal
verb of speech, "made clear", or any verb that tags a quotation."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from retrieval.attribution.syntax import child, feels, particle_of, phrase_head, tags_closing_quote
from retrieval.lexicon import (
    CALLED_PRONOUNS,
    FEELING_WORDS,
    PERSON_PRONOUNS,
    PHRASAL_SPEECH_VERBS,
    SPEECH_ONLY_WITH,
    SPEECH_VERBS,
    STATEMENT_NOUNS,
    THOUGHT_VERBS,
)

if TYPE_CHECKING:  # spaCy is imported by the loader, not by importing this module
    from spacy.tokens import Token

    from retrieval.attribution.article import Article
    from retrieval.attribution.records import Sentence


def is_cue(art: Article, tok: Token, sent: Sentence) -> bool:
    """Whether ``tok`` reports what its subject says, thinks or feels in ``sent``."""
    lemma = tok.lemma_.lower()
    if tok.pos_ == "ADJ" or (tok.pos_ == "VERB" and feels(tok)):
        if lemma not in FEELING_WORDS and tok.lower_ not in FEELING_WORDS:
            return False
        return child(tok, "ccomp") is not None or (
            tok.dep_ == "acomp" and child(tok.head, "ccomp") is not None
        )
    if tok.pos_ != "VERB":
        return False
    if lemma in SPEECH_VERBS:
        if lemma == "write" and any(c.dep_ == "prt" for c in tok.children):
            return False  # "write off capital investment", "wrote down the debt"
        if lemma == "continue":  # '"...," he continued' but not "the shelling continued"
            obj = child(tok, "dobj")
            if obj is not None and obj.lemma_.lower() in STATEMENT_NOUNS:
                return True  # "Howard continued his scathing remarks."
            return child(tok, "xcomp", "dobj") is None and art.has_quote(sent)
        if lemma in SPEECH_ONLY_WITH:
            # '"...," she countered', "threatened to sue"; not "plans to counter his
            # dominance", "threaten the donors' interests"
            return child(tok, *SPEECH_ONLY_WITH[lemma]) is not None or (
                child(tok, "dobj") is None and art.has_quote(sent)
            )
        if lemma == "call":
            return _call_is_cue(art, tok, sent)
        return True
    if lemma in THOUGHT_VERBS:
        return child(tok, "ccomp") is not None
    if (lemma, particle_of(tok)) in PHRASAL_SPEECH_VERBS:
        # "fired back", "shot back", "weighed in": speech when something is said
        return child(tok, "ccomp") is not None or art.has_quote(sent)
    if lemma == "make":  # "made clear Monday they have no plans", "made it clear that"
        after = [t.lower_ for t in tok.doc[tok.i + 1 : tok.i + 3]]
        adjacent = after[:1] == ["clear"] or after == ["it", "clear"]
        return adjacent and child(tok, "ccomp", "dobj") is not None
    # '"This is fantastic!" beamed Donald Hartley': a verb inverted after a quotation
    return tags_a_quote(tok) or named_after_quote(tok)


def named_after_quote(verb: Token) -> bool:
    """'"This is fantastic!" beamed Tom Reyes': a past-tense verb right after a quotation
    that ends on a comma, "!" or "?", followed by a name (its subject or, misread, object)."""
    if verb.tag_ != "VBD" or verb.i + 1 >= verb.sent.end or not tags_closing_quote(verb):
        return False
    nxt = verb.doc[verb.i + 1]
    head = phrase_head(nxt)
    return nxt.pos_ == "PROPN" and head.pos_ == "PROPN" and head.head == verb


def tags_a_quote(verb: Token) -> bool:
    """'"The Times is claiming ...," Hannity started.': a named subject and its verb right
    after a quotation that closes on a comma end the sentence as its tag, whatever the
    verb."""
    subj = child(verb, "nsubj")
    if subj is None or subj.i > verb.i or verb.i != subj.i + 1:
        return False
    if subj.pos_ != "PROPN" and subj.lower_ not in PERSON_PRONOUNS:
        return False
    doc = verb.doc
    first = subj.left_edge.i
    if first - 2 < verb.sent.start or doc[first - 1].tag_ != "''":
        return False
    if doc[first - 2].text not in (",", "?", "!"):
        return False
    rest = [t for t in doc[verb.i + 1 : verb.sent.end] if not (t.is_punct or t.is_space)]
    return not rest


def _called_something(obj: Token, opens_quote: Callable[[Token], bool]) -> bool:
    """ "called her son her hero", "called Yanukovych, a former director, an outstanding
    leader", 'called the chaos "a lesson"': the parser hung what X was called on X itself
    (not "called his brother Tom", nor "called the mayor, Ann Hale,")."""
    own = {t.i for t in obj.subtree}
    doc = obj.doc
    for t in doc[obj.left_edge.i : obj.i]:
        # 'called the Saudis “free riders”': the quoted words were read as the object, X as
        # their modifier (not 'called a "general strike"', where nothing precedes the quote)
        if opens_quote(t) and any(n.pos_ in ("NOUN", "PROPN") for n in doc[obj.left_edge.i : t.i]):
            return True
    for t in doc[obj.i + 1 : obj.sent.end]:
        if opens_quote(t) and not (t.i in own and _in_clause(t, obj)):
            return True  # a quotation opens after X (not 'called a "general strike"')
    after = [t for t in obj.subtree if t.i > obj.i and not _in_clause(t, obj)]
    return any(
        t.dep_ == "appos"
        and t.pos_ == "NOUN"
        and (
            t.doc[t.left_edge.i - 1].text != ","
            or (t.head.dep_ == "appos" and t.head.pos_ != "PROPN")
        )
        for t in after
    )


def _in_clause(tok: Token, top: Token) -> bool:
    """Whether ``tok`` hangs in a relative or participle clause below ``top``: 'called her
    mother, who told her "come home"'."""
    for t in (tok, *tok.ancestors):
        if t == top:
            return False
        if t.dep_ in ("relcl", "acl"):
            return True
    return False


def _call_is_cue(art: Article, tok: Token, sent: Sentence) -> bool:
    """Whether "call" reports speech: "called the report a fabrication", "called on
    Washington to ...", "called for calm"; not "called another rally for Wednesday"."""
    if any(c.dep_ in ("oprd", "ccomp") for c in tok.children):
        return True
    if any(c.dep_ == "xcomp" and c.pos_ in ("NOUN", "PROPN") for c in tok.children):
        return True  # "calling Trump a fascist" read as a small clause
    if any(  # "called for the wage to be raised" (read as a clause)
        c.dep_ == "advcl"
        and c.i > tok.i
        and (m := child(c, "mark")) is not None
        and m.lower_ == "for"
        for c in tok.children
    ):
        return True
    if any(c.dep_ == "prt" and c.lower_ == "out" for c in tok.children):
        return True  # "calling out the Republicans"
    obj = child(tok, "dobj")
    if obj is not None and obj.lower_ in CALLED_PRONOUNS:
        # 'called that "beyond preposterous."': a quote right after "it"/"that"
        nxt = obj.i + 1
        return nxt < sent.span.end and obj.doc[nxt].tag_ == "``"
    if obj is not None and _called_something(obj, art.opens_quote):
        return True
    if obj is None and art.quote_after(tok, sent):
        return True  # "called over her shoulder, ''His comments are not helping.''"
    return obj is None and any(
        c.dep_ in ("prep", "prt") and c.lower_ in ("for", "on") for c in tok.children
    )
