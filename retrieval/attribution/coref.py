"""Who a source phrase refers to: short names, roles, pronouns, "the publication".

``Resolver`` links "Peskov", "the NATO chief" or "the publication" to the fullest mention
of the same person or body; ``Sources`` turns the subject of a cue into the speaker a
reader would name ("Dmitry Peskov, Kremlin spokesman"), walking back through earlier
sentences and claims for "he", "she", "it" and "they".
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

from retrieval.attribution.mentions import Mention, describe
from retrieval.attribution.records import UNNAMED, Speaker
from retrieval.lexicon import (
    COMPANY_NOUNS,
    FIRST_PERSON,
    GROUP_PRONOUNS,
    MEDIA_NOUNS,
    NEVER_SPEAKERS,
    PERSON_PRONOUNS,
    QUANTIFIERS,
    RELATIVE_PRONOUNS,
    SPEECH_VERBS,
    THING_PRONOUNS,
)

# A coordinator a conjunct's span ends with ("Aurentis Transit and").
_TRAILING_AND = re.compile(r"[\s,]+(?:and|or|und|и)$")

if TYPE_CHECKING:  # spaCy is imported by the loader, not by importing this module
    from spacy.tokens import Token

    from retrieval.attribution.records import Claim, Sentence

logger = logging.getLogger(__name__)


def _is_part(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """True when ``short`` is the start or the end of the longer ``full`` name."""
    if not short or len(short) >= len(full):
        return False
    return full[: len(short)] == short or full[-len(short) :] == short


def _one_of_those(those: Token) -> Token | None:
    """ "Jahangir is among those who say ...", "Hale was one of those who argued ...": the
    subject counted among "those"."""
    if those.lower_ != "those" or those.dep_ != "pobj" or those.head.lower_ not in ("among", "of"):
        return None
    verb = those.head.head
    if verb.lower_ == "one":
        verb = verb.head
    return next((c for c in verb.children if c.dep_ == "nsubj"), None)


def _overlaps(a: str, b: str) -> bool:
    """Whether one name's words hold the other's ("Corvane", "Corvane and Osterfeld works
    council")."""
    wa, wb = set(a.lower().split()), set(b.lower().split())
    return bool(wa and wb) and (wa <= wb or wb <= wa)


def _one_capitalised_word(text: str) -> bool:
    return text[:1].isupper() and text.isalpha()


class Resolver:
    """Links short names, roles and pronouns to the fullest mention of the same referent.

    Example: Resolver(mentions).full(mention) -> Mention(name="Dmitry Peskov", ...)
    """

    def __init__(self, mentions: list[Mention], window: int = 15) -> None:
        if window <= 0:
            raise ValueError(f"window must be positive, got {window}")
        self.mentions = sorted(mentions, key=lambda m: m.start)
        # the mentions of each sentence, in text order
        self._in_sentence: dict[int, list[Mention]] = {}
        for m in self.mentions:
            self._in_sentence.setdefault(m.sent, []).append(m)
        self.window = window
        # spaCy often labels a surname alone as ORG or GPE; one PERSON reading settles it
        person_names = {m.name_tokens[-1] for m in mentions if m.name and m.kind == "person"}
        for m in self.mentions:
            if m.name and m.kind == "org" and m.name_tokens[-1] in person_names and not m.media:
                m.kind = "person"
            elif not m.name and _one_capitalised_word(m.text) and m.text.lower() in person_names:
                # "Trump quickly disavowed ...", the surname tagged as a common noun
                m.name, m.kind = m.text, "person"
        # Named mentions by each word of their name, in text order: a mention of the same
        # referent shares the first word of the shorter name, so each mention is compared with
        # those few, not with every mention of the article (which grew with its square).
        self._by_word: dict[str, list[Mention]] = {}
        for m in self.mentions:
            if m.name:
                for word in dict.fromkeys(m.name_tokens):
                    self._by_word.setdefault(word, []).append(m)
        self._full: dict[int, Mention] = {}
        for m in self.mentions:
            self._full[id(m)] = self._expand(m)

    def _same(self, m: Mention) -> list[Mention]:
        """Named mentions of the same referent, nearest before first, then after."""
        short = m.name_tokens
        # an empty short name (a bare "’s") can only equal another empty one: look at all
        near = self._by_word.get(short[0], []) if short else self.mentions
        before = [c for c in near if c.start < m.start and c.name][::-1]
        after = [c for c in near if c.start > m.start and c.name]
        out = []
        for c in before + after:
            if c.name_tokens == short or _is_part(short, c.name_tokens):
                if m.kind == "person" and c.kind != "person":
                    continue
                opens = c.name_tokens != short and c.name_tokens[: len(short)] == short
                if opens and c.kind != "person":
                    # a first name opens a person's name, but "Cleveland" is not the
                    # "Cleveland Clinic", nor "Clinton" the "Clinton Foundation"
                    continue
                out.append(c)
        return out

    def _expand(self, m: Mention) -> Mention:
        if not m.name:
            return m
        same = self._same(m)
        if not same:
            return m
        # a surname ends the full name: "Trump" is "Donald Trump" before "Trump Tower Manila"
        short = m.name_tokens
        longest = max(
            same,
            key=lambda c: (
                c.name_tokens[-len(short) :] == short,
                len(c.name_tokens),
                -abs(c.start - m.start),
            ),
        )
        name = m.name if len(longest.name_tokens) <= len(m.name_tokens) else longest.name
        role = m.role or next((c.role for c in same if c.role), None)
        words = set(m.words)
        for c in same:
            words |= c.words
        kind = m.kind
        if kind != "person" and any(c.kind == "person" for c in same):
            kind = "person"
        return Mention(
            start=m.start,
            end=m.end,
            text=name or m.text,
            name=name,
            role=role,
            kind=kind,
            head_lemma=m.head_lemma,
            sent=m.sent,
            subject=m.subject,
            main=m.main,
            definite=m.definite,
            media=m.media or any(c.media for c in same),
            words=frozenset(words),
            label=m.label or next((c.label for c in same if c.label), ""),
        )

    def full(self, m: Mention) -> Mention:
        """The mention with its fullest name and role (itself when nothing better is known)."""
        return self._full.get(id(m)) or self._expand(m)

    def _role_score(self, m: Mention, c: Mention) -> float:
        lemma = m.head_lemma
        mods = set(m.words) - {lemma}
        c = self.full(c)
        if c.start == m.start:
            return 0.0
        bonus = 0.5 if c.subject else 0.0
        if m.kind == "person":
            if c.kind != "person" or not c.name:
                return 0.0
            if lemma not in c.words and set(c.name_tokens) <= mods:
                return 0.0  # "Corvane's head of engineering" is not Corvane, whom it names
            score = (2.0 if lemma in c.words else 0.0) + len(mods & c.words)
            return score + bonus if score else 0.0
        if lemma in MEDIA_NOUNS:
            return 2.0 + bonus if c.media and c.name else 0.0
        if c.kind == "person":
            return 0.0
        if not c.name:
            # "the union" -> "the pilots' union": same head noun, and more words to go on
            if c.head_lemma != lemma or c.words <= m.words or c.plural != m.plural:
                return 0.0
            return 1.0 + len(mods & c.words) + bonus
        if lemma in c.words or c.head_lemma == lemma:
            return 2.0 + len(mods & c.words) + bonus
        if lemma in COMPANY_NOUNS and c.label == "ORG" and not c.media:
            return 1.0 + len(mods & c.words) + bonus
        return 0.0

    def resolve_role(self, m: Mention) -> Mention | None:
        """The named person or body a description ("the NATO chief") refers to, if any."""
        before = [c for c in self.mentions if c.end <= m.start and m.sent - c.sent <= self.window]
        after = [c for c in self.mentions if c.start >= m.end and c.sent - m.sent <= self.window]
        for pool in (before[::-1], after):
            best, best_score = None, 0.0
            for c in pool:
                score = self._role_score(m, c)
                if score > best_score:
                    best, best_score = c, score
            if best is not None and best_score >= 1.0:
                return self.full(best)
        return None

    def pronoun_in_sentence(self, lower: str, position: int, sent: int) -> Mention | None:
        """The mention in sentence ``sent`` (before ``position``) a pronoun can refer to.

        He/she take the last person named there, preferring the main clause's subject, then
        any subject; it/they take the last body or group in subject position (main first).
        """
        person = lower in ("he", "she", "him", "her")
        cands = [
            m
            for m in self._in_sentence.get(sent, [])
            if m.end <= position and (m.name or not person)
        ]
        if person:
            cands = [m for m in cands if self.full(m).kind == "person"]
        elif lower == "it":
            cands = [m for m in cands if self.full(m).kind == "org" and m.subject]
        else:
            cands = [m for m in cands if self.full(m).kind in ("org", "group") and m.subject]
        if not cands:
            return None
        mains = [m for m in cands if m.main]
        # '"...," he said' after "Tyler said that ... Cruz has ...": the one who was speaking
        speakers = [m for m in cands if m.speaks]
        subjects = [m for m in cands if m.subject]
        return self.full((mains or speakers or subjects or cands)[-1])


class Sources:
    """Names the speaker behind a cue's subject, using earlier mentions and claims.

    Example: Sources(resolver, claims).speaker(subject_token, sentence)
    """

    def __init__(self, resolver: Resolver, claims: list[Claim]) -> None:
        self.resolver = resolver
        self.claims = claims  # the finder's list, growing as sentences are read

    def speaker(self, subj: Token, sent: Sentence) -> Speaker | None:
        """Who a subject token names; None when nobody speaks there, ``UNNAMED`` when someone
        does whom the text does not name."""
        lower = subj.lower_
        if lower in FIRST_PERSON or lower in ("there", "this", "these", "those"):
            return None
        if lower in RELATIVE_PRONOUNS and subj.head.dep_ in ("relcl", "acl"):
            subj = subj.head.head
            lower = subj.lower_
            member = _one_of_those(subj)
            if member is not None:
                subj, lower = member, member.lower_
        whose = next((c for c in subj.children if c.lower_ == "whose"), None)
        if whose is not None and whose.i > subj.sent.start:
            # "The hacker whose cyber-mischief first revealed that ...": the hacker did
            before = subj.doc[whose.i - 1]
            if before.pos_ in ("NOUN", "PROPN"):
                subj = before
                lower = subj.lower_
        pos = sent.offset + subj.idx
        if lower in PERSON_PRONOUNS or lower in GROUP_PRONOUNS or lower in THING_PRONOUNS:
            return self._pronoun(lower, pos, sent, subj.head.lemma_.lower() in SPEECH_VERBS)
        if subj.pos_ == "PRON" and subj.text[:1].isupper() and not subj.is_stop:
            # a surname spaCy tagged as a pronoun ("although O’Malley frequently notes")
            full = self.name_alone(subj)
            span = (sent.offset + subj.idx, sent.offset + subj.idx + len(subj.text))
            return (
                Speaker(full.speaker(), span, full.kind)
                if full
                else Speaker(subj.text, span, "person")
            )
        if subj.pos_ == "PRON" and subj.lower_ not in QUANTIFIERS:
            return UNNAMED  # "all of the candidates" is someone; "each" is not
        conjs = [c for c in subj.children if c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN")]
        m = describe(subj, sent.offset, sent.index)
        if m is None:
            return UNNAMED
        if m.head_lemma in NEVER_SPEAKERS:
            return None  # a reader's comment is never a source
        name, kind, source = self._resolve(m, subj, sent)
        if conjs:
            names = [name] if name else []
            for c in conjs:
                cm = describe(c, sent.offset, sent.index)
                if cm is not None:
                    resolved = self._resolve(cm, c, sent)[0] or cm.text
                    if any(_overlaps(resolved, n) for n in names):
                        # "Corvane and the works council": not "Corvane and Corvane and
                        # Osterfeld works council"; each of "X and Y" is someone else
                        resolved = cm.text
                    names.append(resolved)
            # "The minister and the company deny it": "Radim Solvej and Nordal Lithium", each
            # by name alone (a role would run into the next name)
            # (a conjunct's span ends before the next conjunct: "Aurentis Transit and" of
            # "Stellbrook, Aurentis Transit and a third manufacturer" is "Aurentis Transit")
            name = " and ".join(_TRAILING_AND.sub("", n.split(", ")[0]) for n in names if n)
        return Speaker(name, source, kind)

    def _pronoun(self, lower: str, pos: int, sent: Sentence, says: bool = False) -> Speaker:
        """Walk back up to three sentences to the nearest fitting mention or speaker; ``says``:
        the pronoun is the subject of a verb of saying ("..., she said"), which goes on with
        the one who spoke last rather than a person named in passing."""
        if lower in PERSON_PRONOUNS:
            want: tuple[str, ...] = ("person",)
        elif lower in THING_PRONOUNS:
            want = ("org",)
        else:
            want = ("org", "group")
        # "Though he did not mention Rubio or Kasich, he made it clear ...": the second "he"
        # is the first one, not a name between them
        first = next(
            (
                t
                for t in sent.span
                if t.lower_ == lower
                and t.dep_ in ("nsubj", "nsubjpass")
                and sent.offset + t.idx < pos
            ),
            None,
        )
        if first is not None:
            pos = sent.offset + first.idx
        for s in range(sent.index, max(-1, sent.index - 4), -1):
            spoke = [c for c in self.claims if c.sent == s and c.speaker and c.mkind in want]
            if spoke and lower not in PERSON_PRONOUNS:
                return Speaker(spoke[-1].speaker, None, spoke[-1].mkind)
            m = self.resolver.pronoun_in_sentence(lower, pos, s)
            if m is not None and says and spoke and s < sent.index and not m.subject:
                # '... test data on the Aster's battery. It was too early, she said.': a
                # person named in passing is not who goes on speaking; the one who spoke is
                return Speaker(spoke[-1].speaker, None, spoke[-1].mkind)
            if m is not None:
                return Speaker(m.speaker(), None, m.kind)
            if spoke:
                return Speaker(spoke[-1].speaker, None, spoke[-1].mkind)
        return Speaker(None, None, want[0])

    def _resolve(
        self, m: Mention, head: Token, sent: Sentence
    ) -> tuple[str | None, str, tuple[int, int] | None]:
        """(speaker, kind, source span) for a described subject: expand names, resolve roles."""
        if m.name:
            full = self.resolver.full(m)
            return full.speaker(), full.kind, (m.start, m.end)
        if head.text[:1].isupper() and head.i == sent.span.start:
            # "Costea has called ...": a sentence-initial name that spaCy read as a noun
            alone = self.name_alone(head)
            if alone is not None:
                return alone.speaker(), alone.kind, (m.start, m.end)
        bare_headline = sent.headline and not any(c.dep_ == "det" for c in head.children)
        refers_back = m.definite or bare_headline
        if refers_back and (m.kind in ("person", "org") or m.head_lemma in MEDIA_NOUNS):
            r = self.resolver.resolve_role(m)
            if (
                r is not None
                and r.name
                and r.kind == "person"
                and m.text.lower() not in r.speaker().lower()
            ):
                # "the Florida senator said": the name, with the article's words for them here
                return f"{r.name}, {m.text}", r.kind, None
            if r is not None:
                return r.speaker(), r.kind, None
        if refers_back and m.kind == "group":
            r = self.resolver.resolve_role(m)
            if r is not None and not r.name:
                return r.speaker(), r.kind, None
        return m.text, m.kind, (m.start, m.end)

    def name_alone(self, tok: Token) -> Mention | None:
        """The fullest mention whose name ends with this one capitalised word, if any."""
        same = [c for c in self.resolver.mentions if c.name_tokens[-1:] == (tok.lower_,)]
        return self.resolver.full(same[0]) if same else None
