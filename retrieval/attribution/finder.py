"""Find claims and their sources in parsed blocks: the rules behind ``find_attributions``.

``ClaimFinder`` walks the sentences of an article in order. For each reporting cue (a
speech, belief or feeling verb, "according to", "X quoted Y as saying", a verb the learned
cue model accepts) it finds the source phrase, resolves it through ``Resolver`` and
records the claim's content and extent (the characters it speaks for). Quotations,
"NAME: ..." paragraphs and "... – media" headlines are then handled by
``retrieval.attribution.quotes``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from retrieval.attribution.coref import Resolver, Sources, Who
from retrieval.attribution.mentions import (
    Mention,
    describes_someone,
    phrase_heads,
    span_mentions,
)
from retrieval.attribution.model import (
    CueModel,
    features,
    shipped_model,
    shipped_source_model,
    source_features,
)
from retrieval.attribution.quotes import (
    Claim,
    Sentence,
    colon_blocks,
    colon_leads,
    dash_tags,
    find_quotes,
    headline_source,
    hull,
    lone_quotes,
    overlap,
    own_quotes,
)
from retrieval.lexicon import (
    AFTER_PASSIVE_HEADLINE_VERB,
    ALSO_ACTION_VERBS,
    AUDIENCE_NOUNS,
    BEFORE_PASSIVE_HEADLINE_VERB,
    CALLED_PRONOUNS,
    CARRIER_NOUNS,
    CITED_SOURCE_NOUNS,
    CLEFT_SUBJECTS,
    CONTRAST_MARKS,
    EVENT_NOUNS,
    EVIDENCE_NOUNS,
    FEELING_WORDS,
    FIRST_PERSON,
    HEADLINE_ADVERBS,
    HEADLINE_VERBS,
    INVERTING_VERBS,
    MEDIA_NOUNS,
    NEVER_SPEAKERS,
    NOTHING_SAID_VERBS,
    ORG_NOUNS,
    PERSON_PRONOUNS,
    PERSON_ROLES,
    PHRASAL_SPEECH_VERBS,
    PLAIN_SAYING_VERBS,
    POLL_NOUNS,
    RELATIVE_PRONOUNS,
    RELAYING_CUES,
    RELEASE_VERBS,
    SAID_PREPOSITIONS,
    SAID_TO_SOMEONE_VERBS,
    SHOWING_VERB_FORMS,
    SPEECH_ONLY_WITH,
    SPEECH_VERBS,
    STATEMENT_NOUNS,
    THOUGHT_VERBS,
    VERDICT_PREPOSITIONS,
    WANTING_VERBS,
    WRITINGS,
)

if TYPE_CHECKING:  # spaCy is imported by the loader, not by importing this module
    from spacy.tokens import Doc, Token

logger = logging.getLogger(__name__)

# a copula heading its clause (the parser may hang it on the quotation's verb), not one
# inside a relative clause ("Chrabaszcz, who was responsible for ...:") or an auxiliary
_MAIN_COPULA_DEPS = frozenset({"ROOT", "ccomp", "conj"})
_CLAUSE_DEPS = frozenset({"ccomp", "attr", "xcomp", "acomp"})
_SMALL_TAGS = frozenset({"IN", "CC", "DT", "TO", "WDT"})
_COMPLEMENTS = frozenset({"ccomp", "xcomp", "dobj", "oprd", "acomp", "intj", "attr"})
# The kind of claim the learned source model makes: weaker evidence than any rule.
LEARNED_SOURCE = "learned_source"
# The kind of claim the learned cue model makes: a verb no rule knows as a cue.
LEARNED_CUE = "learned"


def _child(tok: Token, *deps: str) -> Token | None:
    return next((c for c in tok.children if c.dep_ in deps), None)


def _is_root(tok: Token) -> bool:
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


_NOUN_PHRASE_TAGS = frozenset("DT NNP NNPS NN NNS JJ POS CD IN VBN HYPH PRP$ CC".split())
_ASIDE_OPENS = frozenset({",", "(", "—", "–", "--"})
_CLAUSE_BREAKS = frozenset({"—", "–", "--", ";"})


def _acts(verb: Token) -> bool:
    """A verb with a to-infinitive and nothing said: an act ("refused to come"), not a claim."""
    if verb.lemma_.lower() in WANTING_VERBS or verb.lower_ in WANTING_VERBS:
        return False
    said = {"ccomp", "dobj", "obj", "parataxis"}
    children = list(verb.children)
    to_infinitive = any(
        c.dep_ == "xcomp" and any(g.tag_ == "TO" for g in c.children) for c in children
    )
    return to_infinitive and not any(c.dep_ in said for c in children)


# Entities that name a time or a number: never a speaker, nor what was said
_TIMES_AND_NUMBERS = frozenset(
    {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"}
)


def _names_a_source(obj: Token) -> bool:
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


def _outside(sent: Sentence, tok: Token) -> list[Token]:
    """The sentence's words outside ``tok``'s phrase: what the phrase's owner says."""
    own = {t.i for t in tok.subtree}
    return [t for t in sent.span if t.i not in own and not t.is_space]


def _phrase_head(tok: Token) -> Token:
    """The head noun of the phrase ``tok`` sits in ("Edward" -> "Leamer", "the" -> "spokesman")."""
    for _ in range(6):
        if tok.dep_ in ("compound", "det", "amod", "flat", "nmod", "poss") and tok.head.i > tok.i:
            tok = tok.head
        elif tok.dep_ == "appos":
            tok = tok.head
        else:
            break
    return tok


def _adjacent_subject(verb: Token) -> Token | None:
    """The speaker of a speech verb the parser left without a subject: the noun phrase
    right after it ('"The risk," said Edward Leamer, ...') or right before it, past commas,
    an appositive ("Senator Harry Reid, the minority leader, said ..."), an age ("Ramos,
    58, told AFP") or a party label ("Sen. Elizabeth Warren (D-MA) said ...")."""
    sent = verb.sent
    doc = verb.doc
    after = verb.i + 1
    candidates = []
    # not "told AFP", "criticized the identity politics"
    if after < sent.end and _phrase_head(doc[after]).dep_ not in ("dobj", "dative"):
        if not _opens_said_clause(_phrase_head(doc[after]), verb):
            candidates.append(doc[after])
    before = verb.i - 1
    crossed = False
    while before >= sent.start:
        tok = doc[before]
        if tok.text == ",":
            crossed = True
        elif tok.text == ")":  # "(D-MA)"
            opening = next(
                (i for i in range(before, sent.start - 1, -1) if doc[i].text == "("), None
            )
            if opening is None or before - opening > 6:
                break
            before = opening
        elif tok.dep_ == "advmod" and tok.head == verb and tok.pos_ == "ADV":
            pass  # "Clinton, without naming him, also accused"
        elif tok.like_num and tok.dep_ == "appos" and doc[before - 1].text == ",":
            crossed = True  # "Ramos, 58, told"
        elif (participle := _participle_phrase(tok, verb)) is not None:
            before = participle.i - 1  # "Eastland, wearing a cowboy hat and ..., said"
            crossed = True
        else:
            break
        before -= 1
    if before >= sent.start and (
        crossed or (verb.tag_ in _FINITE and doc[before].pos_ in ("NOUN", "PROPN"))
    ):
        # "..., House Speaker Paul Ryan's office announced Friday that ...", with the
        # office misread as joined to a noun before it
        candidates.append(_named_owner(doc[before], verb))
    for tok in candidates:
        head = tok if tok.pos_ == "PROPN" and tok.dep_ == "appos" else _phrase_head(tok)
        owned = any(c.dep_ == "det" for c in head.children) or (
            tok.i == verb.i - 1 and any(c.dep_ == "poss" for c in head.children)
        )
        # "Jay DiPietro, the club's president and general manager, suggested ...": up
        # from the last conjunct or appositive to the name they describe
        for _ in range(4):
            if head.pos_ == "PROPN" or head.dep_ not in ("conj", "appos") or head.head.i > head.i:
                break
            if head.head.pos_ not in ("NOUN", "PROPN"):
                break
            head = head.head
        if head.ent_type_ in _TIMES_AND_NUMBERS or head.is_punct:
            continue
        if head.pos_ == "PROPN" or (head.pos_ == "NOUN" and owned):
            return head
    return None


def _participle_phrase(tok: Token, verb: Token) -> Token | None:
    """The participle opening a comma-bounded phrase that ``tok`` lies in, before ``verb``:
    "wearing" in "Bill Eastland, wearing a cowboy hat and campaign buttons, said"."""
    for t in (tok, *tok.ancestors):
        if t.i >= verb.i:
            return None
        opens = t.left_edge.i == t.i and t.i > t.sent.start and t.doc[t.i - 1].text == ","
        if opens and t.tag_ in ("VBG", "VBN") and t.dep_ in ("advcl", "acl"):
            return t
        after = t.right_edge.i + 1
        if opens and t.dep_ == "prep" and after < len(t.doc) and t.doc[after].text == ",":
            return t  # "Clinton, without naming him, also accused ..."
    return None


def _opens_said_clause(head: Token, verb: Token) -> bool:
    """True for "Mr. Trump" in "..., said Mr. Trump was a candidate": the subject of what
    was said, running straight into its verb (not "said Edward Leamer, an economist")."""
    clause = head.head
    if head.dep_ not in ("nsubj", "nsubjpass") or clause == verb or clause.i < head.i:
        return False
    return not any(t.text == "," for t in head.doc[head.i : clause.i])


def _inverted_speaker(verb: Token) -> Token | None:
    """The name right after an inverted speech verb: "Any interpretation of the deal, said
    Michael Kofman, an expert on Russia, ..." (whatever the parser made the subject)."""
    if verb.i == verb.sent.start:
        return None
    prev = verb.doc[verb.i - 1]
    lemma = verb.lemma_.lower()
    # right after a quotation any speech verb in the past or present can invert ('"...,"
    # opined the Plain Dealer') unless what follows it is whom it is said to ('"...,"
    # telling Fox 35'); after a comma only the verbs that do so in news copy
    # ('"This is fantastic!" beamed Donald Hartley': any verb, after a quotation that ends
    # on a comma, "!" or "?")
    after_quote = (
        prev.tag_ == "''"
        and (lemma in SPEECH_VERBS or _tags_closing_quote(verb))
        and verb.tag_ in ("VBD", "VBZ")
        and lemma not in SAID_TO_SOMEONE_VERBS
    )
    if not (lemma in INVERTING_VERBS and prev.text == "," or after_quote):
        return None
    after = verb.i + 1
    if after >= verb.sent.end:
        return None
    nxt = verb.doc[after]
    if nxt.dep_ in ("nsubj", "nsubjpass") and nxt.head == verb:
        return None  # a subject after the verb is the parser's own inversion: keep it
    if prev.text == "," and nxt.pos_ == "PROPN" and _set_off(nxt):
        # "The contrast, said Doyle and others, would be clear": the name set off by commas
        # is the tag's speaker, though the parser made it the subject of what follows
        return _phrase_head(nxt)
    if nxt.pos_ == "NOUN" and nxt.tag_ == "NNS" and _names_some(nxt):
        # "Part of the problem, say experts like Paul Bauman, is ...": a group named by
        # its members
        return nxt if nxt.head == verb or nxt.head.head == verb else None
    if nxt.pos_ == "DET" and prev.tag_ == "''":
        # '"...," added another New Hampshire Republican': the phrase after a quotation's
        # verb is its speaker even when the parser reads it as the object
        head = _phrase_head(nxt)
        named = head.pos_ == "PROPN" or describes_someone(head)
        return head if named and head.head == verb and head.i > nxt.i else None
    if nxt.pos_ != "PROPN" or nxt.dep_ in ("nsubj", "nsubjpass"):
        return None
    head = _phrase_head(nxt)
    if head.pos_ != "PROPN" or head.ent_type_ in _TIMES_AND_NUMBERS:
        return None  # "said Tuesday"
    if _opens_said_clause(head, verb):
        return None
    if head.head != verb and head.head.head != verb:
        return None
    return head


def _named_after_quote(verb: Token) -> bool:
    """'"This is fantastic!" beamed Tom Reyes': a past-tense verb right after a quotation
    that ends on a comma, "!" or "?", followed by a name (its subject or, misread, object)."""
    if verb.tag_ != "VBD" or verb.i + 1 >= verb.sent.end or not _tags_closing_quote(verb):
        return False
    nxt = verb.doc[verb.i + 1]
    head = _phrase_head(nxt)
    return nxt.pos_ == "PROPN" and head.pos_ == "PROPN" and head.head == verb


def _tags_closing_quote(verb: Token) -> bool:
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


def _set_off(name: Token) -> bool:
    """True when the phrase ``name`` heads (a name, "and others") ends at a comma."""
    head = _phrase_head(name)
    phrase = [t for t in head.subtree if t.i >= name.i]
    comma = next((t for t in phrase if t.text == ","), None)
    if comma is None:
        return False
    return all(t.i in {p.i for p in phrase} for t in name.doc[name.i : comma.i])


def _names_some(noun: Token) -> bool:
    """True for "experts like Paul Bauman", "officials including Jane Roe": a group noun
    with named members."""
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in ("like", "including"):
            if any(c.dep_ == "pobj" and c.pos_ == "PROPN" for c in prep.children):
                return True
    return False


def _named_owner(tok: Token, verb: Token) -> Token:
    """The name a phrase ending right before a speech verb belongs to: "Col. Steven
    Warren, a military spokesman in Baghdad, said" (Baghdad -> Warren), "Jeffrey Salkin,
    a rabbi helping to organize the boycott, said" (boycott -> Salkin)."""
    t = tok
    for _ in range(8):
        if t.pos_ == "PROPN" and t.dep_ not in ("pobj", "dobj"):
            break
        if t.head.i == t.i or t.head.i >= verb.i:
            break
        t = t.head
    return t if t.pos_ == "PROPN" else tok


_FINITE = frozenset({"VBD", "VBZ", "VBP"})


def _misread_headline_verb(tok: Token) -> bool:
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
        and tok.nbor(-1).pos_ == "PROPN"
    ):
        # "Obama rips rhetoric over ...", the object read as the verb (not "The comments
        # come as ...", "Coastal states swing ...")
        return True
    return root.pos_ in ("NOUN", "PROPN") and root in (tok, tok.head, tok.head.head)


def _in_noun_phrase(tok: Token) -> bool:
    """True for a word that can sit in a plain noun phrase naming a record ("Federal
    Election Commission records compiled by the Center for Responsive Politics")."""
    if tok.lower_ in EVIDENCE_NOUNS:
        return True  # whatever the tagger made of it ("records" as a verb)
    return tok.tag_ in _NOUN_PHRASE_TAGS and tok.text not in "()"


def _quote_closes(first: Token, last: Token) -> bool:
    """True when a quotation closes between ``first`` and ``last``: the one is inside a
    quote the other is outside of ('"We were wrong," Ramos told AFP')."""
    return any(t.tag_ == "''" for t in first.doc[first.i : last.i])


def _infinitive(verb: Token) -> bool:
    """A to-infinitive: "to defend", "to brag"."""
    return verb.tag_ == "VB" and any(c.tag_ == "TO" for c in verb.children)


def _late_agent(verb: Token) -> Token | None:
    """The "by" of a passive verb that the parser hung on its complement: "has been called
    'strategic ambiguity' by Joshua Hendrick"."""
    for comp in verb.children:
        if comp.dep_ in ("oprd", "dobj", "attr"):
            by = next((c for c in comp.children if c.lower_ == "by" and c.dep_ == "prep"), None)
            if by is not None:
                return by
    return None


def _participle_subject(verb: Token) -> Token | None:
    """The subject a misparse hung on a participle next to a speech verb: "Majorities of
    Democrats going to the polls say ..." (say under going), "activists clamoring to block
    Trump say ..." (clamoring under say)."""
    near = [verb.head] if verb.dep_ in ("dep", "parataxis") else []
    near += [c for c in verb.children if c.dep_ == "advcl" and c.i < verb.i]
    for part in near:
        if part.tag_ != "VBG" or part.i > verb.i:
            continue
        subj = _child(part, "nsubj")
        if subj is not None and subj.i < part.i:
            return subj
    return None


def _opening_name(verb: Token) -> Token | None:
    """ "Sanders, meanwhile, who sits at zero endorsements, said ...", "Jolly said he ...":
    the capitalised words opening the sentence, right before a subjectless speech verb or
    closed off by commas up to it, whatever the parser made of them."""
    doc, sent = verb.doc, verb.sent
    first = next((t for t in sent if not (t.is_punct or t.is_space)), None)
    if first is None or first.i >= verb.i or first.is_stop or not first.text[:1].isupper():
        return None
    if first.ent_type_ in _TIMES_AND_NUMBERS:
        return None  # "Friday, Texas, leading a coalition of 13 states, asked ..."
    last = first
    while (
        last.i + 1 < verb.i and doc[last.i + 1].text[:1].isupper() and not doc[last.i + 1].is_stop
    ):
        last = doc[last.i + 1]
    if last.i == verb.i - 1:
        return last
    if doc[last.i + 1].text != "," or doc[verb.i - 1].text != ",":
        return None
    return last


def _first_verb_subject(verb: Token) -> Token | None:
    """ "Trump summed up Clinton as 'terrible,' denounced her record and said ...": a list of
    verbs whose first the parser made a clause on the second, taking the subject with it."""
    for c in verb.children:
        if c.dep_ != "advcl" or c.i > verb.i or c.tag_ not in _FINITE:
            continue
        if any((m.dep_ == "mark" or m.tag_ == "WRB") and m.i < c.i for m in c.children):
            continue  # "When Ann spoke, ...", "As Ann spoke, ..."
        subj = _child(c, "nsubj")
        if subj is not None and subj.i < c.i:
            return subj
    return None


def _a_reader(speaker: str | None) -> bool:
    """Whether a speaker string names a reader or commenter ("Reader", "readers in Ohio"),
    not "Reader's Digest"."""
    if not speaker:
        return False
    words = speaker.split(",")[0].lower().split()
    return any(w.rstrip("s") in NEVER_SPEAKERS for w in (words[:1] + words[-1:]))


def _particle(verb: Token) -> str:
    """The particle of a phrasal verb ("back" in "fired back"), or ""."""
    for c in verb.children:
        if c.dep_ in ("prt", "advmod") and c.i == verb.i + 1 and c.lower_ in ("back", "in", "out"):
            return c.lower_
    return ""


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


def _name_before_misread_verb(verb: Token) -> Token | None:
    """ "In March, Ruiz blasted Fjell Air for ...": a speech verb read as a participle on
    the noun after it ("blasted Fjell Air"), with the name opening the clause before it."""
    if verb.tag_ not in ("VBD", "VBN") or verb.i == verb.sent.start:
        return None
    name = verb.doc[verb.i - 1]
    if name.pos_ != "PROPN" or not name.text[:1].isupper():
        return None
    if name.dep_ == "compound" and name.head == verb and name.i > verb.sent.start:
        # '"Go back to Univision," Trump barked', with the name read as part of the verb
        if verb.doc[name.i - 1].tag_ == "''":
            return name
    if verb.dep_ != "amod":
        return None
    if name.i != verb.sent.start and verb.doc[name.i - 1].text != ",":
        return None
    return name


def _verbless_root(verb: Token) -> Token | None:
    """The subject of a main verb that the parser read as a clause on a noun, leaving the
    sentence a noun phrase: "A Quinnipiac poll found last week that ..." (found under
    poll), "Stuart Stevens, who served as ..., called Trump's statements childish"."""
    root = verb.sent.root
    if root.pos_ not in ("NOUN", "PROPN") or root.i > verb.i:
        return None
    if _child(verb, "agent") is not None or _child(verb, "ccomp", "oprd") is None:
        return None
    if any(t.pos_ in ("VERB", "AUX") and t.i < verb.i and t.dep_ == "ROOT" for t in verb.sent):
        return None
    return root


def _tags_a_quote(verb: Token) -> bool:
    """'"The Times is claiming ...," Hannity started.': a named subject and its verb right
    after a quotation that closes on a comma end the sentence as its tag, whatever the
    verb."""
    subj = _child(verb, "nsubj")
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


def _said_in(claim: Claim, found: list[Claim]) -> bool:
    """True when ``claim``'s cue lies inside the content of another claim with a speaker."""
    at = claim.cue_at
    return at is not None and any(
        o is not claim
        and o.kind != LEARNED_CUE
        and o.speaker
        and o.content
        and o.content[0] <= at < o.content[1]
        for o in found
    )


# clauses of their own: a tag inside one scopes over that clause only ("the gap, which
# stood at 263 according to the AP")
_OWN_CLAUSES = frozenset({"relcl", "acl", "conj", "advcl", "csubj"})


def _relays(tag: Token, cue: Token) -> bool:
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


def _contrasted(pool: list[Token]) -> set[int]:
    """The tokens of someone else's words set against the claim, which the parser may hang
    inside it: "Kettle suggested that the plan was too costly, while Brill said ..."."""
    out: set[int] = set()
    for t in pool:
        mark = _child(t, "mark")
        if (
            t.dep_ == "advcl"
            and t.lemma_.lower() in SPEECH_VERBS
            and mark is not None
            and mark.lower_ in CONTRAST_MARKS
            and mark.i > 0
            and t.doc[mark.i - 1].text == ","
            and _child(t, "nsubj") is not None
        ):
            out.update(x.i for x in t.subtree)
    return out


def _feels(verb: Token) -> bool:
    """A verb reporting a feeling: "was worried that", "is convinced the vote was rigged"
    (a participle whose lemma, "convince", is no feeling but whose passive form is)."""
    if verb.lemma_.lower() in FEELING_WORDS:
        return True
    return verb.lower_ in FEELING_WORDS and _child(verb, "auxpass") is not None


class ClaimFinder:
    """Claims of one article, from its blocks (lines) and their spaCy parses.

    Example: ClaimFinder(text, blocks, docs).run()
    """

    def __init__(
        self,
        text: str,
        blocks: list[tuple[int, int]],
        docs: list[Doc],
        model: CueModel | None | bool = True,
        source_model: CueModel | None | bool = True,
    ) -> None:
        if len(blocks) != len(docs):
            raise ValueError(f"got {len(blocks)} blocks but {len(docs)} parses")
        # model=True: the shipped cue model; None or False: rules only
        self.model = shipped_model() if model is True else (model or None)
        self.source_model = (
            shipped_source_model() if source_model is True else (source_model or None)
        )
        self.text = text
        self.blocks = blocks
        self.quotes = find_quotes(text, blocks)
        self._inq = bytearray(len(text) + 1)
        for s, e in self.quotes:
            self._inq[s:e] = b"\x01" * (e - s)
        self._doc_starts = {id(doc): bs for (bs, _be), doc in zip(blocks, docs, strict=True)}
        self.sents: list[Sentence] = []
        mentions: list[Mention] = []
        for b, ((bs, be), doc) in enumerate(zip(blocks, docs, strict=True)):
            sents = [s for s in doc.sents if s.text.strip()]
            tail = text[bs:be].rstrip()[-1:]
            headline = len(sents) == 1 and tail not in '.!?:"”’)…'
            for span in sents:
                idx = len(self.sents)
                start = bs + span.start_char
                end = bs + span.end_char
                self.sents.append(Sentence(idx, b, span, bs, start, end, headline))
                for m in span_mentions(span, bs, idx):
                    if not self._inq[m.start]:
                        mentions.append(m)
        self.resolver = Resolver(mentions)
        self.claims: list[Claim] = []
        self.sources = Sources(self.resolver, self.claims)

    def run(self) -> list[Claim]:
        """All claims, sorted by where they start."""
        leads = colon_leads(self.text, self.blocks, self.sents, self.resolver)
        leads += dash_tags(self.text, self.blocks, self.sents, self.resolver)
        for sent in self.sents:
            self.claims.extend(self._sentence(sent))
        self._relay()
        self.claims.extend(leads)
        own_quotes(self.claims, self.quotes, self.sents, self.blocks)
        self.claims.extend(
            lone_quotes(self.text, self.blocks, self.sents, self.quotes, self.claims)
        )
        colon_blocks(self.blocks, self.claims)
        if self.source_model is not None:
            for sent in self.unattributed():
                claim = self._learned_source(sent, self.source_model)
                if claim is not None:
                    self.claims.append(claim)
        for claim in self.claims:
            if _a_reader(claim.speaker):
                claim.speaker = None  # "Reader comments on this story": never a source
        return sorted(self.claims, key=lambda c: c.extent)

    # -- sentences no rule attributes: the learned source model --------------------------

    def unattributed(self) -> list[Sentence]:
        """Sentences that no claim found so far speaks for (less than a fifth covered)."""
        out = []
        for sent in self.sents:
            length = max(1, sent.end - sent.start)
            covered = sum(overlap((sent.start, sent.end), c.extent) for c in self.claims)
            if covered < 0.2 * length:
                out.append(sent)
        return out

    def source_candidates(self, sent: Sentence) -> list[tuple[Token, list[str]]]:
        """(phrase head, features) for every noun phrase that could be the sentence's source."""
        quoted = self._has_quote(sent)
        out = []
        for head in phrase_heads(sent.span):
            if head.dep_ == "expl" or head.lower_ in FIRST_PERSON:
                continue
            if head.pos_ not in ("NOUN", "PROPN", "PRON"):
                continue
            if self._inq[sent.offset + head.idx] or head.ent_type_ in _TIMES_AND_NUMBERS:
                continue
            if head.dep_ in ("nsubj", "nsubjpass") and (
                _acts(head.head) or head.head.lemma_.lower() in SPEECH_VERBS
            ):
                # "Xi refused to come to Russia": an act, not a claim; a speech verb the
                # rules turned down ("called another rally") stays turned down
                continue
            out.append((head, source_features(head, quoted)))
        return out

    def _learned_source(self, sent: Sentence, model: CueModel) -> Claim | None:
        """The best-scoring noun phrase as the sentence's source, if the model accepts it."""
        scored = [(model.score(f), head) for head, f in self.source_candidates(sent)]
        scored = [(p, head) for p, head in scored if p >= model.threshold]
        for _p, head in sorted(scored, key=lambda x: -x[0]):
            who = self.sources.speaker(head, sent)
            if who is None or who[0] is None:
                continue
            # the word that ties the phrase to the sentence: "In" (a poll), "wants", "support"
            link = head.head
            content = _outside(sent, head)
            return self._make(sent, link, link.text, LEARNED_SOURCE, who, content, head, True)
        return None

    # -- cues ------------------------------------------------------------------------

    def _is_cue(self, tok: Token, sent: Sentence) -> bool:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "ADJ" or (tok.pos_ == "VERB" and _feels(tok)):
            if lemma not in FEELING_WORDS and tok.lower_ not in FEELING_WORDS:
                return False
            return _child(tok, "ccomp") is not None or (
                tok.dep_ == "acomp" and _child(tok.head, "ccomp") is not None
            )
        if tok.pos_ != "VERB":
            return False
        if lemma in SPEECH_VERBS:
            if lemma == "write" and any(c.dep_ == "prt" for c in tok.children):
                return False  # "write off capital investment", "wrote down the debt"
            if lemma == "continue":  # '"...," he continued' but not "the shelling continued"
                obj = _child(tok, "dobj")
                if obj is not None and obj.lemma_.lower() in STATEMENT_NOUNS:
                    return True  # "Howard continued his scathing remarks."
                return _child(tok, "xcomp", "dobj") is None and self._has_quote(sent)
            if lemma in SPEECH_ONLY_WITH:
                # '"...," she countered', "threatened to sue"; not "plans to counter his
                # dominance", "threaten the donors' interests"
                return _child(tok, *SPEECH_ONLY_WITH[lemma]) is not None or (
                    _child(tok, "dobj") is None and self._has_quote(sent)
                )
            if lemma == "call":
                # "called the report a fabrication", "called on Washington to ...", "called
                # for calm"; not "called another rally for Wednesday"
                if any(c.dep_ in ("oprd", "ccomp") for c in tok.children):
                    return True
                if any(c.dep_ == "xcomp" and c.pos_ in ("NOUN", "PROPN") for c in tok.children):
                    return True  # "calling Trump a fascist" read as a small clause
                if any(  # "called for the wage to be raised" (read as a clause)
                    c.dep_ == "advcl"
                    and c.i > tok.i
                    and (m := _child(c, "mark")) is not None
                    and m.lower_ == "for"
                    for c in tok.children
                ):
                    return True
                if any(c.dep_ == "prt" and c.lower_ == "out" for c in tok.children):
                    return True  # "calling out the Republicans"
                obj = _child(tok, "dobj")
                if obj is not None and obj.lower_ in CALLED_PRONOUNS:
                    # 'called that "beyond preposterous."': a quote right after "it"/"that"
                    nxt = obj.i + 1
                    return nxt < sent.span.end and obj.doc[nxt].tag_ == "``"
                if obj is not None and _called_something(obj, self._opens_quote):
                    return True
                if obj is None and self._quote_after(tok, sent):
                    return True  # "called over her shoulder, ''His comments are not helping.''"
                return obj is None and any(
                    c.dep_ in ("prep", "prt") and c.lower_ in ("for", "on") for c in tok.children
                )
            return True
        if lemma in THOUGHT_VERBS:
            return _child(tok, "ccomp") is not None
        if (lemma, _particle(tok)) in PHRASAL_SPEECH_VERBS:
            # "fired back", "shot back", "weighed in": speech when something is said
            return _child(tok, "ccomp") is not None or self._has_quote(sent)
        if lemma == "make":  # "made clear Monday they have no plans", "made it clear that"
            nxt = [t.lower_ for t in tok.doc[tok.i + 1 : tok.i + 3]]
            adjacent = nxt[:1] == ["clear"] or nxt == ["it", "clear"]
            return adjacent and _child(tok, "ccomp", "dobj") is not None
        # '"This is fantastic!" beamed Donald Hartley': a verb inverted after a quotation
        return _tags_a_quote(tok) or _named_after_quote(tok)

    def _subject(self, tok: Token) -> tuple[Token | None, bool]:
        """The subject of a cue and whether the cue itself is passive."""
        inverted = _inverted_speaker(tok)
        if inverted is not None:
            return inverted, False
        subjects = [c for c in tok.children if c.dep_ in ("nsubj", "csubj")]
        # '"..., nothing you can do," Trump said': two subjects, the one inside the quote
        # is part of what was said; 'Slinker, whose start-up ..., said Mr. Trump was ...':
        # one after the verb is the said clause's
        outside = [c for c in subjects if not _quote_closes(c, tok)] or subjects
        before = [c for c in outside if c.i < tok.i]
        subj = max(before, key=lambda c: c.i) if before else (outside[0] if outside else None)
        if (
            subj is not None
            and subj.i > tok.i
            and tok.lemma_.lower() in SPEECH_VERBS
            and any(c.dep_ == "ccomp" and c.i > subj.i for c in tok.children)
        ):
            # "..., said Mr. Trump was a candidate ...": the said clause's subject
            subj = _adjacent_subject(tok)
        if subj is not None and subj.i < tok.i and _quote_closes(subj, tok):
            # "''..., Mr. President,'' Representative Steve Cohen told ...": the one addressed
            # inside the quotation, with the speaker read as its appositive
            named = next(
                (
                    c
                    for c in subj.children
                    if c.dep_ == "appos" and c.pos_ == "PROPN" and _quote_closes(subj, c)
                ),
                None,
            )
            subj = named or subj
        if subj is not None and subj.ent_type_ in ("DATE", "TIME"):
            # "Friday, Texas, leading a coalition ..., asked": the day is no speaker
            subj = _child(subj, "appos") or subj
        if subj is not None and subj.pos_ == "ADP":
            # "Of Carson, Levine, who ..., said": a preposition misread as the subject; the
            # speaker is the last name in its phrase (the parser may make it an appositive)
            subj = _child(subj, "pobj")
            while subj is not None and (appos := _child(subj, "appos")) is not None:
                subj = appos
        if subj is not None and subj.lower_ in RELATIVE_PRONOUNS and tok.dep_ in ("relcl", "acl"):
            # "released a statement that accused ...": whoever released it
            subj = self._carrier(tok.head) or subj
        if subj is not None and subj.lower_ in RELATIVE_PRONOUNS and tok.dep_ == "ccomp":
            # "It was the Kremlin that denied the report": a cleft names its speaker after
            # "It was"
            cleft = tok.head
            if cleft.lemma_ == "be" and (it := _child(cleft, "nsubj")) is not None:
                subj = _child(cleft, "attr") if it.lower_ == "it" else None
        if subj is not None:
            return subj, False
        passive = _child(tok, "nsubjpass")
        if passive is None:
            # "Mara Kettle is convinced the vote was rigged": the subject hung on "is"
            aux = _child(tok, "auxpass")
            passive = _child(aux, "nsubj") if aux is not None else None
        if passive is not None:
            return passive, True
        if tok.dep_ == "acomp":
            return self._subject(tok.head)[0], False
        if (
            tok.dep_ == "conj"
            and tok.lemma_.lower() in SPEECH_VERBS
            and _quote_closes(tok.head, tok)
        ):
            # '"We were wrong," Ramos, 58, told AFP': the quote's verb is not the speaker's;
            # with no name beside it, "lamented the "disheartened" state and criticized" is
            # one speaker's list of verbs after all
            return _adjacent_subject(tok) or self._subject(tok.head)[0], False
        if tok.dep_ == "conj" and tok.head.pos_ in ("VERB", "AUX", "ADJ"):
            if tok.lemma_.lower() in SPEECH_VERBS and any(
                t.text in _CLAUSE_BREAKS for t in tok.doc[tok.head.i : tok.i]
            ):
                # "It wasn't an accident — Brendan Buck, a spokesman, told POLITICO ...": a
                # new clause after a dash has its own subject, whatever the parser joined
                named = _adjacent_subject(tok)
                if named is not None and named.pos_ == "PROPN":
                    return named, False
            subj = self._subject(tok.head)[0]
            if subj is None and tok.tag_ in _FINITE and tok.head.tag_ in ("VB", "VBG"):
                # "ran on his ability to jolt X and accused Obama of ...": a finite verb
                # cannot join an infinitive, so it joins the sentence's main verb
                subj = _child(tok.sent.root, "nsubj")
            return subj, False
        if tok.tag_ == "VBG" and tok.dep_ == "pcomp" and tok.head.head.pos_ == "VERB":
            # "picked up from his daughter by saying he is ready", "in talking to reporters";
            # not "improved the soup by adding salt"
            says = _child(tok, "ccomp") is not None or self._has_quote(tok.sent)
            if tok.head.lower_ in ("by", "in", "while", "after", "before") and (
                says or tok.lemma_.lower() not in ALSO_ACTION_VERBS
            ):
                return self._subject(tok.head.head)[0], False
        if (tok.dep_ in ("advcl", "xcomp") and tok.tag_ == "VBG") or (
            tok.dep_ == "advcl" and _infinitive(tok)
        ):
            # "..., saying ...", "relied on precedent to defend the view that ..."; but
            # "ended with Maddow asking ...": the one after "with" asks
            prev = tok.doc[tok.i - 1] if tok.i > tok.sent.start else None
            if (
                tok.tag_ == "VBG"
                and prev is not None
                and prev.dep_ == "pobj"
                and prev.head.lower_ == "with"
                and prev.pos_ in ("PROPN", "NOUN")
            ):
                return prev, False
            head = tok.head
            if self._quoted(head) and not self._quoted(tok):
                # '..., telling the crowd, "Some people get ..."': hung on the quotation's
                # verb, the participle still belongs to the sentence outside it
                head = tok.sent.root
                if head == tok.head or self._quoted(head):
                    return None, False
            return self._subject(head)[0], False
        if tok.dep_ in ("relcl", "acl") and _infinitive(tok) and tok.head.dep_ == "dobj":
            # "held a press briefing to brag that ...": the holder brags
            return self._subject(tok.head.head)[0], False
        if tok.dep_ == "xcomp" and _child(tok.head, "dobj") is None:
            # "took to Twitter to accuse", "refuses to disavow": the subject of the head
            return self._subject(tok.head)[0], False
        if tok.tag_ == "VBG" and tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN"):
            noun = tok.head
            carrier = self._carrier(noun)
            if carrier is not None:
                return carrier, False
            if (
                noun.dep_ == "pobj"
                and noun.pos_ == "NOUN"
                and noun.tag_ == "NN"
                and not noun.ent_type_
                and noun.lemma_.lower() not in PERSON_ROLES | ORG_NOUNS | CARRIER_NOUNS
                and noun.head.head.pos_ in ("VERB", "AUX")
            ):
                # "was heard on a microphone telling ...", "during a speech attacking ...":
                # the microphone and the speech say nothing; whoever is heard on them does
                subj = self._subject(noun.head.head)[0]
                if subj is not None:
                    return subj, False
            if (
                noun.dep_ == "dobj"
                and noun.lemma_.lower() in EVENT_NOUNS
                and tok.lemma_.lower() in SPEECH_VERBS
            ):
                # "opened a Rochester rally blasting Clinton": whoever holds the rally; "will
                # follow Clinton's speech denouncing ...": whoever's speech it is
                subj = _child(noun, "poss") or self._subject(noun.head)[0]
                if subj is not None:
                    return subj, False
            if (
                noun.dep_ == "dobj"
                and noun.pos_ == "NOUN"
                and not noun.ent_type_
                and not describes_someone(noun)
                and noun.lemma_.lower() not in CARRIER_NOUNS
                and tok.lemma_.lower() in THOUGHT_VERBS
            ):
                # "The campaign entered the conversation believing they ...": a conversation
                # believes nothing; the one who entered it does
                subj = self._subject(noun.head)[0]
                if subj is not None:
                    return subj, False
            return noun, False
        if (
            tok.tag_ in ("VBD", "VBN")
            and tok.dep_ in ("acl", "relcl")
            and tok.head.pos_ == "PROPN"
            and tok.lemma_.lower() in SPEECH_VERBS
            and _child(tok, "agent") is None
            and any(t.text == "," for t in tok.doc[tok.head.i : tok.i])
        ):
            # 'Mitt Romney, the nominee, tweeted: "..."' misread as a clause on the name
            # ("Speaker Paul D. Ryan, ..., on Tuesday called ...": as a relative clause)
            return tok.head, False
        if tok.tag_ == "VBN" and tok.dep_ in ("acl", "advcl") and _child(tok, "agent"):
            # "The campaign, first reported by The Washington Post, ...": the agent
            return _child(tok, "agent"), True
        if tok.lemma_.lower() in SPEECH_VERBS:
            subj = _participle_subject(tok) or _name_before_misread_verb(tok)
            if subj is not None:
                return subj, False
        if tok.dep_ == "dep" and tok.tag_ in _FINITE and tok.head.pos_ == "VERB":
            # "Clinton paused, then revealed why ...": a second verb the parser left loose
            if tok.head.i < tok.i:
                return self._subject(tok.head)[0], False
        share = _child(tok, "nummod")
        if share is not None and share.i < tok.i:
            return share, False  # "About 4 in 10 say ...", the share read as a number on "say"
        if tok.dep_ in ("ROOT", "parataxis") and tok.lemma_.lower() in SPEECH_VERBS:
            if tok.tag_ in _FINITE and (opening := _opening_name(tok)) is not None:
                return opening, False
            return _adjacent_subject(tok) or _first_verb_subject(tok), False
        if tok.tag_ in ("VBD", "VBN") and tok.dep_ == "acl":
            subj = _verbless_root(tok)
            if subj is not None:
                return subj, False
        if (
            tok.tag_ in ("VBD", "VBN")
            and tok.dep_ == "amod"
            and tok.lemma_.lower() in SPEECH_VERBS
            and tok.i > tok.sent.start
        ):
            root = tok.sent.root
            before = tok.doc[tok.i - 1]
            if before.text == ",":
                # "Khizr Khan, the father of a slain soldier, decried Trump's calls ...",
                # with "decried" read as an adjective and the name as a verbless root
                if root.ent_type_ == "PERSON" and any(
                    c.dep_ == "appos" and c.right_edge.i == tok.i - 2 for c in root.children
                ):
                    return root, False
            elif before == root and root.pos_ in ("NOUN", "PROPN") and root.is_title:
                # "Trump defended eminent domain, ...", with the name read as a noun root
                # and the verb as an adjective on its object
                return root, False
        return None, False

    def _carrier(self, noun: Token) -> Token | None:
        """Who released the statement, ad or letter ``noun`` that says something: "Trump's
        campaign released a statement saying ..." -> "campaign"."""
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in CARRIER_NOUNS:
            return None
        if noun.dep_ != "dobj" or noun.head.lemma_.lower() not in RELEASE_VERBS:
            return None  # "police found a note saying ...": the note's author is unknown
        return self._subject(noun.head)[0]

    def _content(self, tok: Token, exclude: set[int]) -> list[Token]:
        comps = [c for c in tok.children if c.dep_ in _COMPLEMENTS or c.lower_ == "about"]
        if comps and tok.lemma_.lower() in SPEECH_VERBS:
            # "slammed his proposal as too vague", "blamed the network for reporting that
            # ...": what the object is called or blamed for is said too
            comps += [
                c for c in tok.children if c.dep_ == "prep" and c.lower_ in VERDICT_PREPOSITIONS
            ]
        mark = _child(tok, "mark")
        head = tok.head
        said_subj = _child(head, "nsubj")
        # "The plan, he said, is dead." / "As UNIAN reported, ...": the claim is the clause
        # the cue hangs off ("While critics argue that ..., Obama has ...": not); so it is
        # in "after Trump told The Washington Post he was ...", where the parser made the
        # said clause the head of "told"
        if (
            tok.dep_ == "parataxis"
            or (tok.dep_ == "advcl" and mark is not None and mark.lower_ == "as")
            or (
                tok.dep_ == "advcl"
                and tok.lemma_.lower() in ("tell", "say")
                and not any(c.dep_ in ("ccomp", "xcomp") for c in tok.children)
                and head.i > tok.i
                and said_subj is not None
                and said_subj.i > tok.i
            )
        ):
            own = {t.i for t in tok.subtree}
            return [t for t in head.subtree if t.i not in own and not t.is_space]
        pool = [t for c in comps for t in c.subtree] if comps else list(tok.subtree)
        exclude = exclude | _contrasted(pool)
        return [t for t in pool if t.i not in exclude and t.i != tok.i and not t.is_space]

    def _citing(self, sent: Sentence, anchor: Token, subj: Token | None) -> str | None:
        """ "citing its own diplomatic sources" when the cue's clause cites someone."""
        for tok in sent.span:
            if tok.lemma_.lower() != "cite" or tok.tag_ != "VBG":
                continue
            ok = tok.head == anchor or anchor in tok.ancestors
            ok = ok or (subj is not None and tok in subj.subtree)
            obj = _child(tok, "dobj")
            if ok and obj is not None and _names_a_source(obj):
                words = [t for t in obj.subtree if not t.is_space]
                while words and words[-1].is_punct:
                    words.pop()
                text = sent.span.doc[words[0].i : words[-1].i + 1].text
                return "citing " + " ".join(text.split())
        return None

    def _make(
        self,
        sent: Sentence,
        cue: Token,
        cue_text: str,
        kind: str,
        who: Who,
        content: list[Token],
        subj: Token | None,
        root: bool,
    ) -> Claim:
        off = sent.offset
        content_span = None
        if content:
            toks = sorted(content, key=lambda t: t.i)
            while toks and toks[-1].is_punct and toks[-1].text not in '"”':
                toks.pop()
            while toks and toks[0].is_punct and toks[0].text not in '"“':
                toks.pop(0)
            if toks:
                content_span = (off + toks[0].idx, off + toks[-1].idx + len(toks[-1].text))
        cue_span = (off + cue.idx, off + cue.idx + len(cue.text))
        subj_span = None
        if subj is not None:
            st = list(subj.subtree)
            subj_span = (off + st[0].idx, off + st[-1].idx + len(st[-1].text))
        extent = hull(hull(content_span, cue_span), subj_span) or cue_span
        speaker, source, mkind = who
        tail = self.text[sent.start : sent.end].rstrip()
        colon = tail.endswith(":") and (content_span is None or content_span[1] <= cue_span[1] + 30)
        return Claim(
            content=content_span,
            extent=extent,
            speaker=speaker,
            cue=cue_text,
            source=source,
            kind=kind,
            sent=sent.index,
            block=sent.block,
            root=root,
            mkind=mkind,
            colon=colon,
            cue_at=cue_span[0],
        )

    def _noun_cue(self, sent: Sentence, tok: Token) -> Claim | None:
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
            full = self.sources.name_alone(who_tok)
            source = (sent.offset + who_tok.idx, sent.offset + who_tok.idx + len(who_tok))
            who = (full.speaker() if full else who_tok.text, source, full.kind if full else None)
            return self._make(sent, tok, tok.text, "reported", who, content, who_tok, True)
        else:
            return None
        who = self.sources.speaker(who_tok, sent)
        if who is None:
            return None
        return self._make(sent, tok, tok.text, "reported", who, content, who_tok, True)

    def _statement_noun(self, sent: Sentence, tok: Token) -> Claim | None:
        """ "The Kremlin's statement that the report is untrue", "Peskov's denial of the
        report", "an admission from Warren that ...": the owner of the words speaks."""
        if tok.pos_ != "NOUN":
            return None
        demand = tok.lemma_.lower() == "call" and any(
            c.dep_ == "prep" and c.lower_ == "for" for c in tok.children
        )  # "Pence's call for a special prosecutor" (not "a call with Putin")
        if tok.lemma_.lower() not in STATEMENT_NOUNS and not demand:
            return None
        owner = _child(tok, "poss")
        if owner is None:
            by = next((c for c in tok.children if c.lower_ in ("by", "from")), None)
            owner = _child(by, "pobj") if by is not None else None
        if owner is None or owner.lower_ in FIRST_PERSON or owner.lower_ in ("its", "their"):
            return None
        # what was said: a that-clause, "of/about/on ..." or a quotation; not "on Tuesday"
        said = [c for c in tok.children if c.dep_ in ("acl", "ccomp", "appos")]
        said += [
            c
            for c in tok.children
            if c.dep_ == "prep"
            and (c.lower_ in SAID_PREPOSITIONS or (demand and c.lower_ == "for"))
            and not any(g.ent_type_ in _TIMES_AND_NUMBERS for g in c.children)
        ]
        if tok.dep_ == "nsubj" and tok.head.lemma_ == "be":
            # "The senator's answer was that ...", "Clinton's response was: "...""
            said += [c for c in tok.head.children if c.i > tok.i and c.dep_ in _CLAUSE_DEPS]
        if not said and not self._has_quote(sent):
            return None
        who = self.sources.speaker(owner, sent)
        if who is None or who[0] is None:
            return None
        content = [t for c in said for t in c.subtree if not t.is_space]
        return self._make(sent, tok, tok.text, "statement", who, content, owner, False)

    def _opens_quote(self, tok: Token) -> bool:
        """Whether ``tok`` is a quotation mark that opens a quotation."""
        if not (tok.is_quote or tok.tag_ in ("``", "''")):
            return False
        at = self._offset(tok)
        if at is None:
            return False
        inside_after = bool(self._inq[min(at + len(tok.text), len(self._inq) - 1)])
        return inside_after and (at == 0 or not self._inq[at - 1])

    def _quoted(self, tok: Token) -> bool:
        """Whether ``tok`` lies inside a quotation."""
        at = self._offset(tok)
        return at is not None and bool(self._inq[at])

    def _offset(self, tok: Token) -> int | None:
        """Where ``tok`` starts in the whole text (None for a doc not of this article)."""
        start = self._doc_starts.get(id(tok.doc))
        return None if start is None else start + tok.idx

    def _has_quote(self, sent: Sentence) -> bool:
        return any(overlap((sent.start, sent.end), q) > 0 for q in self.quotes)

    def _cue_text(self, tok: Token) -> str:
        words = [tok.text]
        prt = _child(tok, "prt")
        if prt is not None:
            words.append(prt.text)
        obj = _child(tok, "dobj", "dative")
        if tok.lemma_ == "tell" and obj is not None and obj.lemma_.lower() in AUDIENCE_NOUNS:
            words.append(obj.text)
        if tok.lemma_ == "make":  # "made clear", "made it clear"
            end = next((t.i for t in tok.doc[tok.i : tok.i + 4] if t.lower_ == "clear"), tok.i)
            return tok.doc[tok.i : end + 1].text
        return " ".join(words)

    def _sentence(self, sent: Sentence) -> list[Claim]:
        found: list[Claim] = []
        consumed: set[int] = set()
        span = sent.span
        claim = headline_source(self.text, sent) or self._headline_verb(sent)
        if claim is not None:
            return [claim]
        for tok in span:
            if tok.i in consumed or tok.is_space or tok.is_punct:
                continue
            if self._inq[sent.offset + tok.idx]:
                continue
            if tok.lemma_.lower() == "cite" and tok.tag_ == "VBG":
                continue  # "X said ..., citing Y": part of X's cue
            claim = self._according(sent, tok) or self._quoted_as(sent, tok, consumed)
            if claim is None and self._is_cue(tok, sent):
                claim = self._verb_claim(sent, tok)
            if claim is None:
                claim = self._noun_cue(sent, tok)
            if claim is None:
                claim = self._statement_noun(sent, tok)
            # the rules decide the speech verbs they know ("called a rally" is no claim)
            # "shot back at the gunman" without a quotation is gunfire, not a retort
            known = tok.lemma_.lower() in SPEECH_VERBS or (
                tok.lemma_.lower() == "shoot" and _particle(tok) == "back"
            )
            if claim is None and self.model is not None and not known and not _acts(tok):
                cand = self._candidate(sent, tok)
                if cand is not None and self.model.is_cue(cand[1]):
                    claim = self._verb_claim(sent, tok, kind=LEARNED_CUE)
            if claim is not None:
                found.append(claim)
        if not any(c.speaker for c in found):
            claim = self._colon_quote(sent) or self._in_poll(sent) or self._evidence_tag(sent)
            if claim is not None:
                found.append(claim)
        if any(c.kind != LEARNED_CUE for c in found):
            # a thing the cue model heard speak beside a rule-found speaker ("..., Hale told
            # the crowd, her voice drowned out by boos") is a description, not a source
            found = [c for c in found if c.kind != LEARNED_CUE or c.mkind != "thing"]
        # a verb inside what another speaker says ("As the Post reported, the inspector
        # general issued subpoenas", "As POLITICO revealed, the RNC agreed to ...") is part
        # of that claim, not its owner: it does not speak for the whole sentence
        # ... unless it reports someone saying something: "As UNIAN reported, Budanov said
        # ..." is Budanov's claim, carried by UNIAN
        frames = [c for c in found if c.frame]
        sayings = [c for c in found if _said_in(c, frames) and self._reports_saying(c)]
        roots = [
            c
            for c in found
            if c.root
            and not (c.kind == LEARNED_CUE and _said_in(c, found))
            and not (_said_in(c, frames) and c not in sayings)
            and not (c.frame and sayings)
        ]
        if roots and len({c.speaker for c in roots}) == 1:
            for c in roots:
                c.extent = hull(c.extent, (sent.start, sent.end)) or c.extent
        return found

    def _quote_after(self, tok: Token, sent: Sentence) -> bool:
        """True when a quotation opens after ``tok`` in its sentence."""
        return any(self._opens_quote(t) for t in sent.span if t.i > tok.i)

    def _relay(self) -> None:
        """ "Kettle said she was happy, according to The Valley Post": one speaker, relayed
        by another. Both claims then name the two ("Mara Kettle, according to Valley
        Post"), as "quoted by" does, so neither hides the other: the words are Kettle's and
        the report that she said them is the Post's. A frame ("As UNIAN reported earlier,
        Budanov answered ...") only carries the sentence, often for the outlet itself."""
        for outer in self.claims:
            if not outer.speaker or outer.frame or (outer.cue or "") not in RELAYING_CUES:
                continue
            tag = self._cue_token(outer)
            if tag is None:
                continue
            inner = [
                c
                for c in self.claims
                if c is not outer
                and c.sent == outer.sent
                and c.kind in ("reported", "quote")
                and c.speaker
                and c.speaker.lower() != outer.speaker.lower()
                and (c.cue or "") not in RELAYING_CUES
                and (cue := self._cue_token(c)) is not None
                and _relays(tag, cue)
            ]
            if len({c.speaker for c in inner}) != 1:
                continue
            relayed_by = f"{inner[0].speaker}, according to {outer.speaker}"
            for c in (outer, *inner):
                c.speaker = relayed_by

    def _cue_token(self, claim: Claim) -> Token | None:
        """The token of a claim's cue word, when it is a word of the text."""
        if claim.cue_at is None:
            return None
        sent = self.sents[claim.sent]
        return next((t for t in sent.span if sent.offset + t.idx == claim.cue_at), None)

    def _reports_saying(self, claim: Claim) -> bool:
        """True when ``claim``'s cue is a plain verb of saying ("said", "told", "denied")."""
        cue = self._cue_token(claim)
        return cue is not None and cue.lemma_.lower() in PLAIN_SAYING_VERBS

    def _colon_quote(self, sent: Sentence) -> Claim | None:
        """ "Sanders delivered a snappy retort: "No one is tearing this up."", "Mr. Smith shot
        back: ''That would be good.''": a clause ending in a colon that opens a quotation is
        its subject speaking, whatever the verb."""
        toks = [t for t in sent.span if not t.is_space]
        for i, colon in enumerate(toks):
            if colon.text != ":":
                continue
            if i + 1 < len(toks):
                if not self._opens_quote(toks[i + 1]):
                    continue
            elif not self._quote_paragraph_next(sent):
                continue  # 'Cruz continued:' then a paragraph that is a quotation
            # the last verb before the colon with a subject (the parser often hangs it on the
            # quotation's own verb)
            # ("The board was conclusive in its findings: "..."": a main-clause copula will do)
            verbs = [
                t
                for t in toks[:i]
                if t.tag_ in _FINITE
                and (t.pos_ == "VERB" or t.pos_ == "AUX" and t.dep_ in _MAIN_COPULA_DEPS)
            ]
            found = ((v, self._subject(v)[0]) for v in reversed(verbs))
            verb, subj = next(((v, sb) for v, sb in found if sb is not None), (None, None))
            if verb is None or subj is None or subj.i > colon.i:
                return None
            who = self.sources.speaker(subj, sent)
            if who is None or who[0] is None or who[2] == "thing":
                return None
            if verb.pos_ == "AUX" and who[2] not in ("person", "org"):
                return None  # "Estimates ... are problematic: "..."" is no one speaking
            content = toks[i + 1 :]
            return self._make(sent, verb, self._cue_text(verb), "quote", who, content, subj, True)
        return None

    def _in_poll(self, sent: Sentence) -> Claim | None:
        """ "In the new Post-ABC poll, the real estate mogul wins about 1 in 3 ...", "Kasich
        was at 25 percent in the most recent Fox poll": the poll is the source of its figures
        (as if "according to" it)."""
        for tok in sent.span:
            if tok.lower_ not in POLL_NOUNS or tok.dep_ != "pobj" or tok.head.lower_ != "in":
                continue
            who = self.sources.speaker(tok, sent)
            if who is None or who[0] is None:
                return None
            own = {t.i for t in tok.head.subtree}
            content = [t for t in sent.span if t.i not in own and not t.is_space]
            return self._make(sent, tok.head, "in", "according_to", who, content, tok, True)
        return None

    def _evidence_tag(self, sent: Sentence) -> Claim | None:
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
            if self._inq[sent.offset + verb.idx]:
                continue  # a quotation's own "records show" is the quoted speaker's
            opens = next((j for j in range(i - 1, -1, -1) if toks[j].text in _ASIDE_OPENS), None)
            if opens is None:
                continue
            phrase = toks[opens + 1 : i]
            while phrase and phrase[0].lower_ in ("as", "although", "though"):
                phrase = phrase[1:]  # ", as the records show," "(although as results show,"
            if phrase and phrase[0].lower_ in ("the", "a", "an"):
                phrase = phrase[1:]
            if not phrase or not all(_in_noun_phrase(t) for t in phrase):
                continue
            nouns = [j for j, t in enumerate(phrase) if t.lower_ in EVIDENCE_NOUNS]
            if not nouns:
                continue
            cut = nouns[0] + 1
            if cut < len(phrase) and phrase[cut].tag_ == "VBN":
                phrase = phrase[:cut]  # "records compiled by the Center for ...": the records
            start = sent.offset + phrase[0].idx
            end = sent.offset + phrase[-1].idx + len(phrase[-1].text)
            who = (self.text[start:end], (start, end), "thing")
            content = toks[:opens] + toks[i + 2 :]
            return self._make(sent, verb, verb.text, "according_to", who, content, None, True)
        return None

    def _quote_paragraph_next(self, sent: Sentence) -> bool:
        """True when ``sent`` ends its paragraph and the next paragraph opens a quotation."""
        nxt = sent.block + 1
        if nxt >= len(self.blocks) or sent.end < self.blocks[sent.block][1]:
            return False
        return bool(self._inq[self.blocks[nxt][0] + 1])

    def _headline_verb(self, sent: Sentence) -> Claim | None:
        """ "Conservative Icon Morton Blackwell Endorses Ted Cruz": in a title-case headline
        the parser reads as one long name, the capitalised speech verb splits speaker from
        claim."""
        words = [t for t in sent.span if not t.is_space]
        # title case leaves function words small ("Blasts Drudge for Mocking ... from")
        long_words = [t for t in words if t.is_alpha and len(t) > 3 and t.tag_ not in _SMALL_TAGS]
        if (sent.start, sent.end) != self.blocks[sent.block]:
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
            elif not _misread_headline_verb(tok):
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
            if not all(
                t.text[:1].isupper() or (title_case and (t.is_punct or t.tag_ == "POS"))
                for t in before
            ):  # "France's Marine Le Pen Backs Trump"
                return None
            if title_case and not after[0].text[:1].isupper():
                return None
            start = sent.offset + before[0].idx
            end = sent.offset + before[-1].idx + len(before[-1].text)
            # the parser read the headline as one name, so the words say who, not the parse
            who = (self.text[start:end], (start, end), None)
            return self._make(sent, tok, tok.text, "headline", who, after, None, True)
        return None

    def _according(self, sent: Sentence, tok: Token) -> Claim | None:
        if tok.lower_ != "according":
            return None
        to = next((c for c in tok.children if c.lower_ == "to"), None)
        obj = _child(to, "pobj") if to is not None else None
        if obj is None:
            return None
        who = self.sources.speaker(obj, sent)
        if who is None:
            return None
        clause = tok.head
        while clause.pos_ not in ("VERB", "AUX") and clause.dep_ != "ROOT":
            clause = clause.head
        citing = self._citing(sent, clause, None)
        if citing and who[0]:
            who = (f"{who[0]}, {citing}", who[1], who[2])
        own = {t.i for t in tok.subtree}
        own |= {t.i for c in clause.children if c.lemma_ == "cite" for t in c.subtree}
        content = [t for t in clause.subtree if t.i not in own and not t.is_space]
        return self._make(
            sent, tok, "according to", "according_to", who, content, obj, _is_root(clause)
        )

    def _quoted_as(self, sent: Sentence, tok: Token, consumed: set[int]) -> Claim | None:
        """ "The Valley Post quoted a senior police officer as saying ..." -> the officer."""
        if tok.lemma_.lower() not in ("quote", "cite") or tok.pos_ != "VERB":
            return None
        as_prep = next((c for c in tok.children if c.lower_ == "as"), None)
        saying = _child(as_prep, "pcomp") if as_prep is not None else None
        if saying is None:
            return None
        quoted = _child(tok, "dobj")
        carrier = _child(tok, "nsubj")
        if quoted is None:
            quoted = _child(tok, "nsubjpass")
            agent = _child(tok, "agent")
            carrier = _child(agent, "pobj") if agent is not None else None
        if quoted is None:
            return None
        who = self.sources.speaker(quoted, sent) or (None, None, None)
        if carrier is not None and who[0]:
            by = self.sources.speaker(carrier, sent)
            if by and by[0]:
                who = (f"{who[0]}, quoted by {by[0]}", who[1], who[2])
        consumed.add(saying.i)
        content = [t for t in saying.subtree if t.i != saying.i and not t.is_space]
        cue = f"{tok.text} as {saying.text}"
        return self._make(sent, tok, cue, "quoted_as", who, content, quoted, _is_root(tok))

    def _candidate(self, sent: Sentence, tok: Token) -> tuple[Token, list[str]] | None:
        """(subject, features) for a verb (or "is miffed") the rules did not take."""
        if self._inq[sent.offset + tok.idx]:
            return None
        if tok.pos_ != "VERB" and not (tok.pos_ == "ADJ" and tok.dep_ == "acomp"):
            return None
        subj, passive = self._subject(tok)
        if subj is None or passive or subj.lower_ in FIRST_PERSON:
            return None
        if subj.lower_ in ("there", "it") and subj.dep_ == "expl":
            return None
        return subj, features(tok, subj, self._has_quote(sent))

    def candidates(self) -> list[tuple[int, Token, list[str]]]:
        """Every (text offset, verb, features) the model would judge; for training."""
        out = []
        for sent in self.sents:
            for tok in sent.span:
                if tok.is_space or tok.is_punct or self._inq[sent.offset + tok.idx]:
                    continue
                if self._is_cue(tok, sent) or tok.lower_ == "according":
                    continue
                cand = self._candidate(sent, tok)
                if cand is not None:
                    out.append((sent.offset + tok.idx, tok, cand[1]))
        return out

    def _verb_claim(self, sent: Sentence, tok: Token, kind: str = "reported") -> Claim | None:
        subj, passive = self._subject(tok)
        nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
        if subj is not None and subj.lower_ == "that" and nxt is not None and nxt.text == ",":
            return None  # "That said, ...": "however", not a claim
        feeling = tok.lemma_.lower() in FEELING_WORDS or tok.lower_ in FEELING_WORDS
        if passive and not feeling:  # "X was disappointed that ...": X still feels it
            agent = _child(tok, "agent") or _late_agent(tok)
            subj = _child(agent, "pobj") if agent is not None else None
        if subj is None:
            return None
        named = _child(subj.head, "nsubj") if subj.dep_ == "attr" else None
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
        who = self.sources.speaker(subj, sent)
        if who is None:
            return None
        if any(c.dep_ == "xcomp" and c.lemma_.lower() in NOTHING_SAID_VERBS for c in tok.children):
            return None  # "declined to comment", "refused to say whether ...": nothing claimed
        if tok.dep_ == "xcomp" and not any(c.dep_ in _COMPLEMENTS for c in tok.children):
            if not self._has_quote(sent):
                return None  # "refused to comment": a cue with nothing said
        citing = self._citing(sent, tok, subj)
        if citing and who[0]:
            who = (f"{who[0]}, {citing}", who[1], who[2])
        in_sent = subj.sent == tok.sent
        exclude = {t.i for t in subj.subtree} if in_sent else set()
        for c in tok.children:
            if c.dep_ == "conj" and c.pos_ == "VERB" and _child(c, "nsubj") is not None:
                exclude |= {t.i for t in c.subtree}
        mark = _child(tok, "mark")
        # "As POLITICO revealed, the RNC agreed ...": the frame speaks for the sentence
        frame = (
            kind == "reported"
            and tok.lemma_.lower() in SPEECH_VERBS
            and tok.dep_ == "advcl"
            and mark is not None
            and mark.lower_ == "as"
        )
        root = _is_root(tok) or frame
        authored = tok.lemma_.lower() == "write" and tok.head.lemma_.lower() not in WRITINGS
        if passive and tok.dep_ == "acl" and not authored:
            # the claim is the sentence the reported phrase sits in, not the phrase itself
            # ("An article written by X ..."; but "copies of a book written by X" is about
            # the copies, not X's claim)
            content = _outside(sent, tok)
            root = True
        else:
            content = self._content(tok, exclude)
        if (
            not content
            and in_sent
            and subj.i < tok.i
            and kind == "reported"
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
        claim = self._make(
            sent,
            tok,
            self._cue_text(tok),
            kind,
            who,
            content,
            subj if in_sent else None,
            root,
        )
        claim.frame = frame
        return claim
