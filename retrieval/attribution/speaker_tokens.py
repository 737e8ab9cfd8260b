"""Where the parser gave a speech verb no subject (or a wrong one), the token that names
its speaker: the name after an inverted verb ('..., said Michael Kofman'), the phrase right
before or after it, the name opening the sentence, and other common misreadings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from retrieval.attribution.mentions import describes_someone
from retrieval.attribution.syntax import (
    FINITE,
    TIMES_AND_NUMBERS,
    child,
    phrase_head,
    tags_closing_quote,
)
from retrieval.lexicon import INVERTING_VERBS, SAID_TO_SOMEONE_VERBS, SPEECH_VERBS

if TYPE_CHECKING:  # spaCy is imported by the loader, not by importing this module
    from spacy.tokens import Token


def adjacent_subject(verb: Token) -> Token | None:
    """The speaker of a speech verb the parser left without a subject: the noun phrase
    right after it ('"The risk," said Edward Leamer, ...') or right before it, past commas,
    an appositive ("Senator Harry Reid, the minority leader, said ..."), an age ("Ramos,
    58, told AFP") or a party label ("Sen. Elizabeth Warren (D-MA) said ...")."""
    sent = verb.sent
    doc = verb.doc
    after = verb.i + 1
    candidates = []
    # not "told AFP", "criticized the identity politics"
    if after < sent.end and phrase_head(doc[after]).dep_ not in ("dobj", "dative"):
        if not _opens_said_clause(phrase_head(doc[after]), verb):
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
        crossed or (verb.tag_ in FINITE and doc[before].pos_ in ("NOUN", "PROPN"))
    ):
        # "..., House Speaker Paul Ryan's office announced Friday that ...", with the
        # office misread as joined to a noun before it
        candidates.append(_named_owner(doc[before], verb))
    for tok in candidates:
        head = tok if tok.pos_ == "PROPN" and tok.dep_ == "appos" else phrase_head(tok)
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
        if head.ent_type_ in TIMES_AND_NUMBERS or head.is_punct:
            continue
        if (
            head.pos_ == "NOUN"
            and head.dep_ in ("dobj", "pobj", "dative")
            and head.head.i < head.i
            and head.head != verb
        ):
            continue  # "The trust denied any leak, then said ...": another verb's object
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


def inverted_speaker(verb: Token) -> Token | None:
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
        and (lemma in SPEECH_VERBS or tags_closing_quote(verb))
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
        return phrase_head(nxt)
    if nxt.pos_ == "NOUN" and nxt.tag_ == "NNS" and _names_some(nxt):
        # "Part of the problem, say experts like Paul Bauman, is ...": a group named by
        # its members
        return nxt if nxt.head == verb or nxt.head.head == verb else None
    if nxt.pos_ == "DET" and prev.tag_ == "''":
        # '"...," added another New Hampshire Republican': the phrase after a quotation's
        # verb is its speaker even when the parser reads it as the object
        head = phrase_head(nxt)
        named = head.pos_ == "PROPN" or describes_someone(head)
        return head if named and head.head == verb and head.i > nxt.i else None
    if nxt.pos_ != "PROPN" or nxt.dep_ in ("nsubj", "nsubjpass"):
        return None
    head = phrase_head(nxt)
    if head.pos_ != "PROPN" or head.ent_type_ in TIMES_AND_NUMBERS:
        return None  # "said Tuesday"
    if _opens_said_clause(head, verb):
        return None
    if head.head != verb and head.head.head != verb:
        return None
    return head


def _set_off(name: Token) -> bool:
    """True when the phrase ``name`` heads (a name, "and others") ends at a comma."""
    head = phrase_head(name)
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


def participle_subject(verb: Token) -> Token | None:
    """The subject a misparse hung on a participle next to a speech verb: "Majorities of
    Democrats going to the polls say ..." (say under going), "activists clamoring to block
    Trump say ..." (clamoring under say)."""
    near = [verb.head] if verb.dep_ in ("dep", "parataxis") else []
    near += [c for c in verb.children if c.dep_ == "advcl" and c.i < verb.i]
    for part in near:
        if part.tag_ != "VBG" or part.i > verb.i:
            continue
        subj = child(part, "nsubj")
        if subj is not None and subj.i < part.i:
            return subj
    return None


def opening_name(verb: Token) -> Token | None:
    """ "Sanders, meanwhile, who sits at zero endorsements, said ...", "Jolly said he ...":
    the capitalised words opening the sentence, right before a subjectless speech verb or
    closed off by commas up to it, whatever the parser made of them."""
    doc, sent = verb.doc, verb.sent
    first = next((t for t in sent if not (t.is_punct or t.is_space)), None)
    if first is None or first.i >= verb.i or first.is_stop or not first.text[:1].isupper():
        return None
    if first.ent_type_ in TIMES_AND_NUMBERS:
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


def _then(verb: Token) -> bool:
    """ "..., then said": the verb goes on from one before it."""
    return any(c.dep_ == "advmod" and c.lower_ in ("then", "later") for c in verb.children)


def first_verb_subject(verb: Token) -> Token | None:
    """ "Trump summed up Clinton as 'terrible,' denounced her record and said ...": a list of
    verbs whose first the parser made a clause on the second, taking the subject with it
    ("The trust at first denied any leak, then said that ..." too)."""
    for c in verb.children:
        if c.dep_ not in ("advcl", "ccomp") or c.i > verb.i or c.tag_ not in FINITE:
            continue
        if c.dep_ == "ccomp" and not _then(verb):
            continue  # '"It is false," said ...': a clause before the verb is what is said
        if any((m.dep_ == "mark" or m.tag_ == "WRB") and m.i < c.i for m in c.children):
            continue  # "When Ann spoke, ...", "As Ann spoke, ..."
        subj = child(c, "nsubj")
        if subj is not None and subj.i < c.i:
            return subj
    return None


def name_before_misread_verb(verb: Token) -> Token | None:
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


def verbless_root(verb: Token) -> Token | None:
    """The subject of a main verb that the parser read as a clause on a noun, leaving the
    sentence a noun phrase: "A Quinnipiac poll found last week that ..." (found under
    poll), "Stuart Stevens, who served as ..., called Trump's statements childish"."""
    root = verb.sent.root
    if root.pos_ not in ("NOUN", "PROPN") or root.i > verb.i:
        return None
    if child(verb, "agent") is not None or child(verb, "ccomp", "oprd") is None:
        return None
    if any(t.pos_ in ("VERB", "AUX") and t.i < verb.i and t.dep_ == "ROOT" for t in verb.sent):
        return None
    return root
