"""The subject of a cue: who says, thinks or feels what a verb reports.

``SubjectFinder(art)(verb)`` tries the rules of ``SUBJECT_RULES`` in order; the first that
decides gives the subject (or decides there is none). The nominal subject, the parser's own
answer, is mended by the fixes of ``NOMINAL_FIXES`` first. Most rules and fixes undo one
misreading of the small spaCy model, which their docstrings quote. Each is switched off by
its name (``SubjectFinder(art, skip={"cleft"})``) and logged at debug level when it fires.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection
from typing import TYPE_CHECKING, NamedTuple, cast

from retrieval.attribution.mentions import describes_someone
from retrieval.attribution.speaker_tokens import (
    adjacent_subject,
    first_verb_subject,
    inverted_speaker,
    name_before_misread_verb,
    opening_name,
    participle_subject,
    verbless_root,
)
from retrieval.attribution.syntax import (
    CLAUSE_BREAKS,
    FINITE,
    child,
    is_infinitive,
    quote_closes,
)
from retrieval.lexicon import (
    ALSO_ACTION_VERBS,
    CARRIER_NOUNS,
    EVENT_NOUNS,
    ORG_NOUNS,
    PERSON_ROLES,
    RELATIVE_PRONOUNS,
    RELEASE_VERBS,
    SPEECH_VERBS,
    THOUGHT_VERBS,
)

if TYPE_CHECKING:  # spaCy is imported by the loader, not by importing this module
    from spacy.tokens import Token

    from retrieval.attribution.article import Article
    from retrieval.attribution.records import Sentence

logger = logging.getLogger(__name__)

# What a rule decides: (subject or None, whether the cue is passive); None: not its case.
Found = tuple["Token | None", bool] | None
Rule = Callable[["Token", "SubjectFinder"], Found]
# A fix of the nominal subject: (subject, cue, finder) -> the subject meant, or None.
Fix = Callable[["Token", "Token", "SubjectFinder"], "Token | None"]


class Subject(NamedTuple):
    """A cue's subject, whether the cue is passive, and the rule that decided ("" if none)."""

    token: Token | None
    passive: bool
    rule: str


def _speech(tok: Token) -> bool:
    return tok.lemma_.lower() in SPEECH_VERBS


# -- fixes of the nominal subject -----------------------------------------------------


def fix_said_clause_subject(subj: Token, tok: Token, find: SubjectFinder) -> Token | None:
    """ "..., said Mr. Trump was a candidate ...": the said clause's subject, not the
    speaker, follows the verb."""
    if (
        subj.i > tok.i
        and _speech(tok)
        and any(c.dep_ == "ccomp" and c.i > subj.i for c in tok.children)
    ):
        return adjacent_subject(tok)
    return subj


def fix_addressed_in_quote(subj: Token, tok: Token, find: SubjectFinder) -> Token | None:
    """ "''..., Mr. President,'' Representative Steve Cohen told ...": the one addressed
    inside the quotation, with the speaker read as its appositive."""
    if subj.i < tok.i and quote_closes(subj, tok):
        named = next(
            (
                c
                for c in subj.children
                if c.dep_ == "appos" and c.pos_ == "PROPN" and quote_closes(subj, c)
            ),
            None,
        )
        return named or subj
    return subj


def fix_day_as_subject(subj: Token, tok: Token, find: SubjectFinder) -> Token | None:
    """ "Friday, Texas, leading a coalition ..., asked": the day is no speaker."""
    if subj.ent_type_ in ("DATE", "TIME"):
        return child(subj, "appos") or subj
    return subj


def fix_preposition_as_subject(subj: Token, tok: Token, find: SubjectFinder) -> Token | None:
    """ "Of Carson, Levine, who ..., said": a preposition misread as the subject; the
    speaker is the last name in its phrase (the parser may make it an appositive)."""
    if subj.pos_ != "ADP":
        return subj
    found = child(subj, "pobj")
    while found is not None and (appos := child(found, "appos")) is not None:
        found = appos
    return found


def fix_relative_carrier(subj: Token, tok: Token, find: SubjectFinder) -> Token | None:
    """ "released a statement that accused ...": whoever released it."""
    if subj.lower_ in RELATIVE_PRONOUNS and tok.dep_ in ("relcl", "acl"):
        return find.carrier(tok.head) or subj
    return subj


def fix_cleft(subj: Token, tok: Token, find: SubjectFinder) -> Token | None:
    """ "It was the Kremlin that denied the report": a cleft names its speaker after
    "It was"."""
    if subj.lower_ in RELATIVE_PRONOUNS and tok.dep_ == "ccomp":
        cleft = tok.head
        if cleft.lemma_ == "be" and (it := child(cleft, "nsubj")) is not None:
            return child(cleft, "attr") if it.lower_ == "it" else None
    return subj


def fix_document_sender(subj: Token, tok: Token, find: SubjectFinder) -> Token | None:
    """ "The memo, sent on 30 September by the trust's communications director, Hanne Lyle,
    reads: ...": a letter, memo or email that says something speaks for who sent, wrote or
    signed it when the sentence names them."""
    if subj.pos_ != "NOUN" or subj.lemma_.lower() not in CARRIER_NOUNS:
        return subj
    for clause in subj.children:
        if clause.dep_ != "acl" or clause.lemma_.lower() not in RELEASE_VERBS:
            continue
        agent = child(clause, "agent")
        sender = child(agent, "pobj") if agent is not None else None
        if sender is not None and sender.pos_ in ("NOUN", "PROPN"):
            return sender
    return subj


NOMINAL_FIXES: list[tuple[str, Fix]] = [
    ("said_clause_subject", fix_said_clause_subject),
    ("addressed_in_quote", fix_addressed_in_quote),
    ("day_as_subject", fix_day_as_subject),
    ("preposition_as_subject", fix_preposition_as_subject),
    ("relative_carrier", fix_relative_carrier),
    ("cleft", fix_cleft),
    ("document_sender", fix_document_sender),
]


# -- the rules, in the order they are tried -------------------------------------------


def rule_inverted_speaker(tok: Token, find: SubjectFinder) -> Found:
    """ "Any interpretation of the deal, said Michael Kofman, ...": the name after an
    inverted speech verb, whatever the parser made the subject."""
    inverted = inverted_speaker(tok)
    return (inverted, False) if inverted is not None else None


def rule_nominal_subject(tok: Token, find: SubjectFinder) -> Found:
    """The parser's nominal subject, mended by ``NOMINAL_FIXES``. '"..., nothing you can
    do," Trump said': of two subjects, the one inside the quote is part of what was said;
    'Slinker, whose start-up ..., said Mr. Trump was ...': one after the verb is the said
    clause's."""
    subjects = [c for c in tok.children if c.dep_ in ("nsubj", "csubj")]
    outside = [c for c in subjects if not quote_closes(c, tok)] or subjects
    before = [c for c in outside if c.i < tok.i]
    subj = max(before, key=lambda c: c.i) if before else (outside[0] if outside else None)
    for name, fix in find.fixes:
        if subj is None:
            break
        mended = fix(subj, tok, find)
        if mended is not subj:
            logger.debug("subject fix %s: %r -> %r", name, subj.text, mended)
        subj = mended
    return (subj, False) if subj is not None else None


def rule_passive_subject(tok: Token, find: SubjectFinder) -> Found:
    """A passive cue's subject; "Mara Kettle is convinced the vote was rigged": the subject
    hung on "is"."""
    passive = child(tok, "nsubjpass")
    if passive is None:
        aux = child(tok, "auxpass")
        passive = child(aux, "nsubj") if aux is not None else None
    return (passive, True) if passive is not None else None


def rule_adjective_complement(tok: Token, find: SubjectFinder) -> Found:
    """ "is miffed that ...": the subject of the verb the adjective completes."""
    return (find(tok.head).token, False) if tok.dep_ == "acomp" else None


def rule_quote_verb_conjunct(tok: Token, find: SubjectFinder) -> Found:
    """'"We were wrong," Ramos, 58, told AFP': the quote's verb is not the speaker's; with
    no name beside it, "lamented the "disheartened" state and criticized" is one speaker's
    list of verbs after all."""
    if tok.dep_ == "conj" and _speech(tok) and quote_closes(tok.head, tok):
        return adjacent_subject(tok) or find(tok.head).token, False
    return None


def rule_verb_conjunct(tok: Token, find: SubjectFinder) -> Found:
    """A verb joined to another takes its subject. "It wasn't an accident — Brendan Buck,
    a spokesman, told POLITICO ...": a new clause after a dash has its own subject,
    whatever the parser joined; "ran on his ability to jolt X and accused Obama of ...": a
    finite verb cannot join an infinitive, so it joins the sentence's main verb."""
    if tok.dep_ != "conj" or tok.head.pos_ not in ("VERB", "AUX", "ADJ"):
        return None
    if _speech(tok) and any(t.text in CLAUSE_BREAKS for t in tok.doc[tok.head.i : tok.i]):
        named = adjacent_subject(tok)
        if named is not None and named.pos_ == "PROPN":
            return named, False
    subj = find(tok.head).token
    if subj is None and tok.tag_ in FINITE and tok.head.tag_ in ("VB", "VBG"):
        subj = child(tok.sent.root, "nsubj")
    return subj, False


def rule_by_saying(tok: Token, find: SubjectFinder) -> Found:
    """ "picked up from his daughter by saying he is ready", "in talking to reporters": the
    subject of the verb the gerund's preposition hangs on; not "improved the soup by adding
    salt"."""
    if tok.tag_ != "VBG" or tok.dep_ != "pcomp" or tok.head.head.pos_ != "VERB":
        return None
    # Kept as it was (a refactoring changes no behaviour): spaCy's sentence has token
    # indices for start and end, not the character offsets has_quote compares, so this is
    # true only for a quotation near the article's start. To mend with a bench run.
    says = child(tok, "ccomp") is not None or find.art.has_quote(cast("Sentence", tok.sent))
    if tok.head.lower_ in ("by", "in", "while", "after", "before") and (
        says or tok.lemma_.lower() not in ALSO_ACTION_VERBS
    ):
        return find(tok.head.head).token, False
    return None


def rule_participle_clause(tok: Token, find: SubjectFinder) -> Found:
    """ "..., saying ...", "relied on precedent to defend the view that ...": the subject of
    the clause the participle hangs on; but "ended with Maddow asking ...": the one after
    "with" asks; '..., telling the crowd, "Some people get ..."': hung on the quotation's
    verb, the participle still belongs to the sentence outside it."""
    if not (
        (tok.dep_ in ("advcl", "xcomp") and tok.tag_ == "VBG")
        or (tok.dep_ == "advcl" and is_infinitive(tok))
    ):
        return None
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
    if find.art.quoted(head) and not find.art.quoted(tok):
        head = tok.sent.root
        if head == tok.head or find.art.quoted(head):
            return None, False
    return find(head).token, False


def rule_infinitive_on_object(tok: Token, find: SubjectFinder) -> Found:
    """ "held a press briefing to brag that ...": the holder brags."""
    if tok.dep_ in ("relcl", "acl") and is_infinitive(tok) and tok.head.dep_ == "dobj":
        return find(tok.head.head).token, False
    return None


def rule_open_complement(tok: Token, find: SubjectFinder) -> Found:
    """ "took to Twitter to accuse", "refuses to disavow": the subject of the head."""
    if tok.dep_ == "xcomp" and child(tok.head, "dobj") is None:
        return find(tok.head).token, False
    return None


def rule_participle_on_noun(tok: Token, find: SubjectFinder) -> Found:
    """A participle on a noun: the noun speaks ("a statement saying ..."), or whoever
    released it, holds the event it names or is heard on it."""
    if tok.tag_ != "VBG" or tok.dep_ != "acl" or tok.head.pos_ not in ("NOUN", "PROPN"):
        return None
    noun = tok.head
    carrier = find.carrier(noun)
    if carrier is not None:
        return carrier, False
    for speaker_of in (_heard_on, _event_holder, _entered_believing):
        subj = speaker_of(tok, noun, find)
        if subj is not None:
            return subj, False
    return noun, False


def _heard_on(tok: Token, noun: Token, find: SubjectFinder) -> Token | None:
    """ "was heard on a microphone telling ...", "during a speech attacking ...": the
    microphone and the speech say nothing; whoever is heard on them does."""
    if (
        noun.dep_ == "pobj"
        and noun.pos_ == "NOUN"
        and noun.tag_ == "NN"
        and not noun.ent_type_
        and noun.lemma_.lower() not in PERSON_ROLES | ORG_NOUNS | CARRIER_NOUNS
        and noun.head.head.pos_ in ("VERB", "AUX")
    ):
        return find(noun.head.head).token
    return None


def _event_holder(tok: Token, noun: Token, find: SubjectFinder) -> Token | None:
    """ "opened a Rochester rally blasting Clinton": whoever holds the rally; "will follow
    Clinton's speech denouncing ...": whoever's speech it is."""
    if noun.dep_ == "dobj" and noun.lemma_.lower() in EVENT_NOUNS and _speech(tok):
        return child(noun, "poss") or find(noun.head).token
    return None


def _entered_believing(tok: Token, noun: Token, find: SubjectFinder) -> Token | None:
    """ "The campaign entered the conversation believing they ...": a conversation believes
    nothing; the one who entered it does."""
    if (
        noun.dep_ == "dobj"
        and noun.pos_ == "NOUN"
        and not noun.ent_type_
        and not describes_someone(noun)
        and noun.lemma_.lower() not in CARRIER_NOUNS
        and tok.lemma_.lower() in THOUGHT_VERBS
    ):
        return find(noun.head).token
    return None


def rule_clause_on_name(tok: Token, find: SubjectFinder) -> Found:
    """'Mitt Romney, the nominee, tweeted: "..."' misread as a clause on the name ("Speaker
    Paul D. Ryan, ..., on Tuesday called ...": as a relative clause)."""
    if (
        tok.tag_ in ("VBD", "VBN")
        and tok.dep_ in ("acl", "relcl")
        and tok.head.pos_ == "PROPN"
        and _speech(tok)
        and child(tok, "agent") is None
        and any(t.text == "," for t in tok.doc[tok.head.i : tok.i])
    ):
        return tok.head, False
    return None


def rule_participle_agent(tok: Token, find: SubjectFinder) -> Found:
    """ "The campaign, first reported by The Washington Post, ...": the agent."""
    if tok.tag_ == "VBN" and tok.dep_ in ("acl", "advcl"):
        agent = child(tok, "agent")
        if agent is not None:
            return agent, True
    return None


def rule_speech_misparse(tok: Token, find: SubjectFinder) -> Found:
    """A speech verb whose subject the parser hung elsewhere: on a participle beside it
    ("Majorities of Democrats going to the polls say ...") or before a verb read as a
    participle on its object ("In March, Ruiz blasted Fjell Air for ...")."""
    if not _speech(tok):
        return None
    subj = participle_subject(tok) or name_before_misread_verb(tok)
    return (subj, False) if subj is not None else None


def rule_loose_second_verb(tok: Token, find: SubjectFinder) -> Found:
    """ "Clinton paused, then revealed why ...": a second verb the parser left loose."""
    if tok.dep_ == "dep" and tok.tag_ in FINITE and tok.head.pos_ == "VERB":
        if tok.head.i < tok.i:
            return find(tok.head).token, False
    return None


def rule_share_as_number(tok: Token, find: SubjectFinder) -> Found:
    """ "About 4 in 10 say ...": the share read as a number on "say"."""
    share = child(tok, "nummod")
    return (share, False) if share is not None and share.i < tok.i else None


def rule_subjectless_main_verb(tok: Token, find: SubjectFinder) -> Found:
    """A main speech verb with no subject: the name opening the sentence ("Sanders,
    meanwhile, who ..., said"), the phrase beside the verb, or the first of a list of
    verbs ("Trump summed up ..., denounced her record and said ...")."""
    if tok.dep_ not in ("ROOT", "parataxis") or not _speech(tok):
        return None
    if tok.tag_ in FINITE and (opening := opening_name(tok)) is not None:
        return opening, False
    return adjacent_subject(tok) or first_verb_subject(tok), False


def rule_verbless_root(tok: Token, find: SubjectFinder) -> Found:
    """ "A Quinnipiac poll found last week that ...": a main verb read as a clause on a
    noun, leaving the sentence a noun phrase."""
    if tok.tag_ in ("VBD", "VBN") and tok.dep_ == "acl":
        subj = verbless_root(tok)
        if subj is not None:
            return subj, False
    return None


def rule_verb_as_adjective(tok: Token, find: SubjectFinder) -> Found:
    """A speech verb read as an adjective. "Khizr Khan, the father of a slain soldier,
    decried Trump's calls ...", with the name read as a verbless root; "Trump defended
    eminent domain, ...", with the name read as a noun root and the verb as an adjective on
    its object."""
    if not (
        tok.tag_ in ("VBD", "VBN")
        and tok.dep_ == "amod"
        and _speech(tok)
        and tok.i > tok.sent.start
    ):
        return None
    root = tok.sent.root
    before = tok.doc[tok.i - 1]
    if before.text == ",":
        if root.ent_type_ == "PERSON" and any(
            c.dep_ == "appos" and c.right_edge.i == tok.i - 2 for c in root.children
        ):
            return root, False
    elif before == root and root.pos_ in ("NOUN", "PROPN") and root.is_title:
        return root, False
    return None


SUBJECT_RULES: list[tuple[str, Rule]] = [
    ("inverted_speaker", rule_inverted_speaker),
    ("nominal_subject", rule_nominal_subject),
    ("passive_subject", rule_passive_subject),
    ("adjective_complement", rule_adjective_complement),
    ("quote_verb_conjunct", rule_quote_verb_conjunct),
    ("verb_conjunct", rule_verb_conjunct),
    ("by_saying", rule_by_saying),
    ("participle_clause", rule_participle_clause),
    ("infinitive_on_object", rule_infinitive_on_object),
    ("open_complement", rule_open_complement),
    ("participle_on_noun", rule_participle_on_noun),
    ("clause_on_name", rule_clause_on_name),
    ("participle_agent", rule_participle_agent),
    ("speech_misparse", rule_speech_misparse),
    ("loose_second_verb", rule_loose_second_verb),
    ("share_as_number", rule_share_as_number),
    ("subjectless_main_verb", rule_subjectless_main_verb),
    ("verbless_root", rule_verbless_root),
    ("verb_as_adjective", rule_verb_as_adjective),
]

RULE_NAMES = frozenset(name for name, _ in SUBJECT_RULES + NOMINAL_FIXES)


class SubjectFinder:
    """The subject of any cue in one article, by ``SUBJECT_RULES`` minus those ``skip`` names.

    Example: SubjectFinder(art)(verb) -> Subject(token=Peskov, passive=False,
    rule="nominal_subject")
    """

    def __init__(self, art: Article, skip: Collection[str] = ()) -> None:
        unknown = set(skip) - RULE_NAMES
        if unknown:
            raise ValueError(f"no subject rule named {', '.join(sorted(unknown))}")
        self.art = art
        self.rules = [(name, rule) for name, rule in SUBJECT_RULES if name not in skip]
        self.fixes = [(name, fix) for name, fix in NOMINAL_FIXES if name not in skip]

    def __call__(self, tok: Token) -> Subject:
        """The subject of the cue ``tok``, whether it is passive, and the deciding rule."""
        for name, rule in self.rules:
            found = rule(tok, self)
            if found is not None:
                logger.debug("subject rule %s: %r -> %r", name, tok.text, found[0])
                return Subject(found[0], found[1], name)
        return Subject(None, False, "")

    def carrier(self, noun: Token) -> Token | None:
        """Who released the statement, ad or letter ``noun`` that says something: "Trump's
        campaign released a statement saying ..." -> "campaign"."""
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in CARRIER_NOUNS:
            return None
        if noun.dep_ != "dobj" or noun.head.lemma_.lower() not in RELEASE_VERBS:
            return None  # "police found a note saying ...": the note's author is unknown
        return self(noun.head).token
