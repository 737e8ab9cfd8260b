"""Reading spaCy's parse: small questions about tokens that the rules ask again and again
(a token's child of some relation, whether it heads the main clause, whether a quotation
closes between two tokens, ...), with the parser labels and tags they look for."""

from __future__ import annotations

from typing import TYPE_CHECKING

from retrieval.attribution.records import Claim, ClaimKind, Sentence
from retrieval.lexicon import (
    CITED_SOURCE_NOUNS,
    CONTRAST_MARKS,
    EVIDENCE_NOUNS,
    FEELING_WORDS,
    MEDIA_NOUNS,
    NEVER_SPEAKERS,
    ORG_NOUNS,
    PERSON_ROLES,
    SPEECH_VERBS,
    WANTING_VERBS,
)

if TYPE_CHECKING:  # spaCy is imported by the loader, not by importing this module
    from spacy.tokens import Token


# a copula heading its clause (the parser may hang it on the quotation's verb), not one
# inside a relative clause ("Chrabaszcz, who was responsible for ...:") or an auxiliary
MAIN_COPULA_DEPS = frozenset({"ROOT", "ccomp", "conj"})


CLAUSE_DEPS = frozenset({"ccomp", "attr", "xcomp", "acomp"})


SMALL_TAGS = frozenset({"IN", "CC", "DT", "TO", "WDT"})


COMPLEMENTS = frozenset({"ccomp", "xcomp", "dobj", "oprd", "acomp", "intj", "attr"})


NOUN_PHRASE_TAGS = frozenset("DT NNP NNPS NN NNS JJ POS CD IN VBN HYPH PRP$ CC".split())


ASIDE_OPENS = frozenset({",", "(", "—", "–", "--"})


CLAUSE_BREAKS = frozenset({"—", "–", "--", ";"})


# Entities that name a time or a number: never a speaker, nor what was said
TIMES_AND_NUMBERS = frozenset(
    {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"}
)


FINITE = frozenset({"VBD", "VBZ", "VBP"})


# clauses of their own: a tag inside one scopes over that clause only ("the gap, which
# stood at 263 according to the AP")
_OWN_CLAUSES = frozenset({"relcl", "acl", "conj", "advcl", "csubj"})


def child(tok: Token, *deps: str) -> Token | None:
    return next((c for c in tok.children if c.dep_ in deps), None)


def is_root(tok: Token) -> bool:
    """True when ``tok`` heads the sentence's main clause (or a clause joined to it)."""
    t = tok
    for _ in range(12):
        if t.dep_ == "ROOT":
            return True
        if t.dep_ in ("conj", "acomp", "parataxis") or (
            t.dep_ in ("advcl", "xcomp") and t.tag_ == "VBG"
        ):
            t = t.head
            continue
        return False
    return False


def acts(verb: Token) -> bool:
    """A verb with a to-infinitive and nothing said: an act ("refused to come"), not a claim."""
    if verb.lemma_.lower() in WANTING_VERBS or verb.lower_ in WANTING_VERBS:
        return False
    said = {"ccomp", "dobj", "obj", "parataxis"}
    children = list(verb.children)
    to_infinitive = any(
        c.dep_ == "xcomp" and any(g.tag_ == "TO" for g in c.children) for c in children
    )
    return to_infinitive and not any(c.dep_ in said for c in children)


def names_a_source(obj: Token) -> bool:
    """True when the object of "citing" is who or what said it, not why."""
    lemma = obj.lemma_.lower()
    if obj.pos_ == "PROPN" or obj.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return True
    return (
        lemma in CITED_SOURCE_NOUNS
        or lemma in PERSON_ROLES
        or lemma in ORG_NOUNS
        or lemma in MEDIA_NOUNS
    )


def words_outside(sent: Sentence, tok: Token) -> list[Token]:
    """The sentence's words outside ``tok``'s phrase: what the phrase's owner says."""
    own = {t.i for t in tok.subtree}
    return [t for t in sent.span if t.i not in own and not t.is_space]


def phrase_head(tok: Token) -> Token:
    """The head noun of the phrase ``tok`` sits in ("Edward" -> "Leamer", "the" -> "spokesman")."""
    for _ in range(6):
        if tok.dep_ in ("compound", "det", "amod", "flat", "nmod", "poss") and tok.head.i > tok.i:
            tok = tok.head
        elif tok.dep_ == "appos":
            tok = tok.head
        else:
            break
    return tok


def quote_closes(first: Token, last: Token) -> bool:
    """True when a quotation closes between ``first`` and ``last``: the one is inside a
    quote the other is outside of ('"We were wrong," Ramos told AFP')."""
    return any(t.tag_ == "''" for t in first.doc[first.i : last.i])


def is_infinitive(verb: Token) -> bool:
    """A to-infinitive: "to defend", "to brag"."""
    return verb.tag_ == "VB" and any(c.tag_ == "TO" for c in verb.children)


def late_agent(verb: Token) -> Token | None:
    """The "by" of a passive verb that the parser hung on its complement: "has been called
    'strategic ambiguity' by Joshua Hendrick"."""
    for comp in verb.children:
        if comp.dep_ in ("oprd", "dobj", "attr"):
            by = next((c for c in comp.children if c.lower_ == "by" and c.dep_ == "prep"), None)
            if by is not None:
                return by
    return None


def in_noun_phrase(tok: Token) -> bool:
    """True for a word that can sit in a plain noun phrase naming a record ("Federal
    Election Commission records compiled by the Center for Responsive Politics")."""
    if tok.lower_ in EVIDENCE_NOUNS:
        return True  # whatever the tagger made of it ("records" as a verb)
    return tok.tag_ in NOUN_PHRASE_TAGS and tok.text not in "()"


def role_noun(tok: Token) -> bool:
    """ "chief", "spokesman", "ministry": a common noun for someone's job or a body."""
    return tok.pos_ == "NOUN" and tok.lemma_.lower() in PERSON_ROLES | ORG_NOUNS


def misread_headline_verb(tok: Token) -> bool:
    """ "Super PAC blasts Trump for skipping debate": in a sentence-case headline the parser
    read the verb as a plural noun, the sentence's root or part of the root's noun phrase."""
    if tok.tag_ not in ("NNS", "NNPS", "VBZ") or not tok.text[:1].islower():
        return False
    root = tok.sent.root
    if (
        root.tag_ == "VBP"
        and tok.dep_ == "nsubj"
        and tok.head == root == tok.nbor()
        and tok.i > tok.sent.start
        and (tok.nbor(-1).pos_ == "PROPN" or role_noun(tok.nbor(-1)))
    ):
        # "Obama rips rhetoric over ...", "Tessaly chief rejects claim ...": the object read
        # as the verb (not "The comments come as ...", "Coastal states swing ...")
        return True
    return root.pos_ in ("NOUN", "PROPN") and root in (tok, tok.head, tok.head.head)


def a_reader(speaker: str | None) -> bool:
    """Whether a speaker string names a reader or commenter ("Reader", "readers in Ohio"),
    not "Reader's Digest"."""
    if not speaker:
        return False
    words = speaker.split(",")[0].lower().split()
    return any(w.rstrip("s") in NEVER_SPEAKERS for w in (words[:1] + words[-1:]))


def particle_of(verb: Token) -> str:
    """The particle of a phrasal verb ("back" in "fired back"), or ""."""
    for c in verb.children:
        if c.dep_ in ("prt", "advmod") and c.i == verb.i + 1 and c.lower_ in ("back", "in", "out"):
            return c.lower_
    return ""


def tags_closing_quote(verb: Token) -> bool:
    """True for a lowercase word right after a quotation that closes on a comma, "!" or
    "?" (read in the doc: the parser may end the sentence at the quotation); a capitalised
    one opens a new sentence ('...I love Hispanics!"Former ...')."""
    doc = verb.doc
    return (
        verb.i >= 2
        and doc[verb.i - 1].tag_ == "''"
        and doc[verb.i - 2].text in (",", "!", "?")
        and verb.text[:1].islower()
    )


def said_in(claim: Claim, found: list[Claim]) -> bool:
    """True when ``claim``'s cue lies inside the content of another claim with a speaker."""
    at = claim.cue_at
    return at is not None and any(
        o is not claim
        and o.kind != ClaimKind.LEARNED_CUE
        and o.speaker
        and o.content
        and o.content[0] <= at < o.content[1]
        for o in found
    )


def relays(tag: Token, cue: Token) -> bool:
    """Whether the relaying tag scopes over the clause of ``cue``: one hangs on the other
    through complements only ("Trump said he was happy, according to the Times"; "Trump
    said: ..., the Times reported")."""
    for low, high in ((tag, cue), (cue, tag)):
        path = []
        t = low
        while t.head != t and t != high:
            path.append(t)
            t = t.head
        if t == high:
            # "X said ..., but the Times reported ...": a coordinated clause is its own claim
            return not path or (
                path[0].dep_ != "conj" and not any(x.dep_ in _OWN_CLAUSES for x in path[1:])
            )
    return False


def contrasted(pool: list[Token]) -> set[int]:
    """The tokens of someone else's words set against the claim, which the parser may hang
    inside it: "Kettle suggested that the plan was too costly, while Brill said ..."."""
    out: set[int] = set()
    for t in pool:
        mark = child(t, "mark")
        if (
            t.dep_ == "advcl"
            and t.lemma_.lower() in SPEECH_VERBS
            and mark is not None
            and mark.lower_ in CONTRAST_MARKS
            and mark.i > 0
            and t.doc[mark.i - 1].text == ","
            and child(t, "nsubj") is not None
        ):
            out.update(x.i for x in t.subtree)
    return out


def feels(verb: Token) -> bool:
    """A verb reporting a feeling: "was worried that", "is convinced the vote was rigged"
    (a participle whose lemma, "convince", is no feeling but whose passive form is)."""
    if verb.lemma_.lower() in FEELING_WORDS:
        return True
    return verb.lower_ in FEELING_WORDS and child(verb, "auxpass") is not None
