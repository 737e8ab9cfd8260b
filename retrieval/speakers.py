"""Who is quoted across the corpus: one entry per person or body, whatever the outlet calls them.

Attribution gives each passage a speaker string, "name, role" ("Dmitry Peskov, Kremlin
spokesman"), a name alone ("Peskov"), a role alone ("the Kremlin spokesman"), two speakers
joined by "; ", or a relay ("Mara Kettle, according to Valley Post"). Outlets spell the same
person differently ("Peskow" in German, "Песков" in Russian) and give them other roles. The
registry groups those strings:

- names are compared transliterated to ASCII (anyascii), folded and without "the";
- a full name (two or more capitalised words) is keyed by its surname; two keys merge when
  the surnames are nearly the same (difflib ratio at least 0.8, "Peskov"/"Peskow") and the
  first names do not disagree;
- a surname alone joins the one full name that ends with it; a role alone joins the one
  person whose roles hold all its words ("Kremlin spokesman"); otherwise each stays its own
  entry.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from retrieval.lexicon.attribution import OFFICER_QUALIFIERS, OFFICER_ROLES, ROLE_STOPWORDS
from retrieval.types import Passage, Source

# Words that hand a speaker's words on: what follows is the relay, not the speaker.
_RELAY = re.compile(r",\s+(?:according to|citing|quoted by|via|as reported by)\s+.*$", re.I)
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
SAME_SURNAME = 0.8
SAME_FIRST_NAME = 0.75


def _fold(text: str) -> str:
    from anyascii import anyascii

    ascii_text = anyascii(unicodedata.normalize("NFC", text)).replace("’", "'")
    return re.sub(r"^the\s+", "", " ".join(ascii_text.lower().split()))


def _similar(a: str, b: str, least: float) -> bool:
    return a == b or SequenceMatcher(None, a, b).ratio() >= least


@dataclass(frozen=True)
class Mention:
    """One speaker string cut into its name and role (either may be empty)."""

    text: str
    name: str
    role: str

    @property
    def words(self) -> list[str]:
        return _WORD.findall(self.name)

    @property
    def is_full_name(self) -> bool:
        """Two or more capitalised words and nothing else: a person's full name."""
        words = self.words
        return len(words) >= 2 and all(w[0].isupper() for w in words)


# Two named speakers of one verb: "Renholm and Stellbrook Rail", "Renholm und Stellbrook".
_JOINED = re.compile(r"\s+(?:and|und|и)\s+")


def mentions_of(speaker: str) -> list[Mention]:
    """The speakers a speaker string names ("A; B" and "A and B" name two), relays left
    out."""
    found: list[Mention] = []
    for part in speaker.split("; "):
        part = _RELAY.sub("", part.strip())
        if not part:
            continue
        name, _, role = part.partition(", ")
        if not any(c.isupper() for c in name[:1]) and not role:
            name, role = "", name  # "the Kremlin spokesman": a role with no name
        names = _JOINED.split(name) if not role else [name]
        if len(names) > 1 and all(n[:1].isupper() for n in names):
            # "Tobias Renholm and Stellbrook Rail denied ...": each of them speaks
            found.extend(Mention(n.strip(), n.strip(), "") for n in names)
            continue
        found.append(Mention(part, name.strip(), role.strip()))
    return found


def same_voice(one: str, other: str) -> bool:
    """Whether two speaker strings give one voice: the same person ("Dmitry Peskov, Kremlin
    spokesman" and "Peskov"), a bare role and the speaker it fits ("the ministry" and
    "Norwegian Foreign Ministry"), or a body and who speaks for it ("the Halvora team" and
    "Jorik Baltes, team spokesman")."""
    if one == other:
        return True
    return any(
        _one_voice(a, b) or _one_voice(b, a) for a in mentions_of(one) for b in mentions_of(other)
    )


def _words(text: str) -> set[str]:
    """The words of a name or role, a possessive's "'s" off ("the ministry's spokeswoman")."""
    return {w.removesuffix("'s") for w in _fold(text).split()} - ROLE_STOPWORDS


def _one_voice(a: Mention, b: Mention) -> bool:
    """``a`` names ``b``'s voice: same surname and first names that agree, ``a`` a role
    alone all of whose words ``b`` holds, or ``a`` the spokesperson or an officer of the body
    ``b`` names."""
    if a.is_full_name or (a.name and b.is_full_name and len(a.words) == 1):
        names = (_fold(a.words[-1]), _fold(b.words[-1])) if b.words else ("", "")
        firsts = [_fold(m.words[0]) for m in (a, b) if m.is_full_name]
        if b.words and _similar(*names, SAME_SURNAME):
            return len(firsts) < 2 or _similar(firsts[0], firsts[1], SAME_FIRST_NAME)
    role = _words(a.role)
    if a.name or not role:
        return bool(role & OFFICER_ROLES) and _speaks_for(role, b)
    return role <= _words(f"{b.name} {b.role}")


def _speaks_for(role: set[str], body: Mention) -> bool:
    """A spokesperson's or an officer's role ("team spokesman", "chief executive of the
    Hallorin Health Trust") names the body ``body`` is ("Halvora team", "Corvane Motors", a
    name of two capitalised words like a person's), or the person they speak for ("Trump
    spokeswoman"), or the body a bare role calls it ("the ministry's spokeswoman" for "the
    health ministry")."""
    of = role - OFFICER_ROLES - OFFICER_QUALIFIERS
    return bool(of) and of <= _words(f"{body.name} {body.role}" if not body.name else body.name)


@dataclass
class _Entry:
    name: str
    aliases: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)
    passages: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)

    def surname(self) -> str:
        return _fold(_WORD.findall(self.name)[-1]) if _WORD.findall(self.name) else ""

    def first_name(self) -> str:
        words = _WORD.findall(self.name)
        return _fold(words[0]) if len(words) >= 2 else ""


@dataclass(frozen=True)
class SpeakerEntry:
    """One person or body quoted in the corpus, with every name and role it was given.

    Example: SpeakerEntry("Dmitry Peskov", ("Peskov", "Peskow"), ("Kremlin spokesman",), 4, ...)
    """

    name: str
    aliases: tuple[str, ...]
    roles: tuple[str, ...]
    passages: int
    outlets: tuple[str, ...]
    first: str | None
    last: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "aliases": list(self.aliases),
            "roles": list(self.roles),
            "passages": self.passages,
            "outlets": list(self.outlets),
            "first": self.first,
            "last": self.last,
        }


def _merge(into: _Entry, other: _Entry) -> None:
    into.aliases |= other.aliases | {other.name}
    into.roles |= other.roles
    into.passages |= other.passages
    into.articles |= other.articles


def _full_names(entries: list[_Entry]) -> list[_Entry]:
    """Full names merged when their surnames are nearly the same and first names agree."""
    merged: list[_Entry] = []
    for entry in sorted(entries, key=lambda e: (-len(e.passages), e.name)):
        same = next(
            (
                m
                for m in merged
                if _similar(m.surname(), entry.surname(), SAME_SURNAME)
                and _similar(m.first_name(), entry.first_name(), SAME_FIRST_NAME)
            ),
            None,
        )
        if same is None:
            merged.append(entry)
        else:
            _merge(same, entry)
    return merged


def _owner(mention: Mention, people: list[_Entry]) -> _Entry | None:
    """The one full-name entry a bare surname or a bare role belongs to, if only one fits."""
    if mention.name:
        key = _fold(mention.name)
        fits = [p for p in people if _similar(p.surname(), key, SAME_SURNAME)]
    else:
        words = set(_fold(mention.role).split())
        fits = [p for p in people if any(words <= set(_fold(r).split()) for r in p.roles)]
    return fits[0] if len(fits) == 1 else None


def speaker_registry(passages: Iterable[Passage], sources: dict[str, Source]) -> list[SpeakerEntry]:
    """Every speaker of the passages (each passage's speaker and the speakers of its
    claims: a denial quoted in someone else's passage counts), grouped across spellings,
    most quoted first."""
    full: dict[str, _Entry] = {}
    rest: list[tuple[Mention, Passage]] = []
    for passage in passages:
        said = dict.fromkeys([passage.speaker or "", *(c.speaker for c in passage.claims)])
        for mention in (m for name in said for m in mentions_of(name)):
            if mention.is_full_name:
                entry = full.setdefault(_fold(mention.name), _Entry(mention.name))
                entry.aliases.add(mention.name)
                entry.roles |= {mention.role} if mention.role else set()
                entry.passages.add(passage.id)
                entry.articles.add(passage.article_id)
            else:
                rest.append((mention, passage))
    people = _full_names(list(full.values()))
    others: dict[str, _Entry] = {}
    for mention, passage in rest:
        label = mention.name or mention.role
        entry = _owner(mention, people) or others.setdefault(_fold(label), _Entry(label))
        entry.aliases.add(label)
        entry.roles |= {mention.role} if mention.role and mention.name else set()
        entry.passages.add(passage.id)
        entry.articles.add(passage.article_id)
    return sorted(
        (_frozen(e, sources) for e in people + list(others.values())),
        key=lambda s: (-s.passages, s.name.casefold()),
    )


def _frozen(entry: _Entry, sources: dict[str, Source]) -> SpeakerEntry:
    known = [sources[a] for a in entry.articles if a in sources]
    dates = sorted(s.published for s in known if s.published)
    return SpeakerEntry(
        name=entry.name,
        aliases=tuple(sorted(entry.aliases - {entry.name})),
        roles=tuple(sorted(entry.roles)),
        passages=len(entry.passages),
        outlets=tuple(sorted({s.outlet for s in known})),
        first=dates[0] if dates else None,
        last=dates[-1] if dates else None,
    )
