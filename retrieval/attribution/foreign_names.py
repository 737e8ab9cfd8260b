"""Sentences and names of German and Russian lines, for ``retrieval.attribution.foreign``.

``sentence_spans`` cuts a paragraph into sentences without cutting inside a quotation
(„Das ist Unsinn. Ich habe nichts genommen“, sagte X: one sentence, signed at its end).
``surname_forms`` and ``nominative`` find the name an article gives a person in its
nominative ("Весновский") from an inflected one ("Весновскому", "Весновского").
``generic_referent`` resolves a common noun standing for someone ("по данным издания",
"по словам гонщика") to the outlet or person the article named before: the most recent
outlet named with such a noun, the most recent person given that role, or the person the
article is about (the one it names most).
"""

from __future__ import annotations

import re
from collections import Counter

from retrieval.lexicon import (
    CAPITALISED_NOT_NAMES,
    GERMAN_ROLE_ENDINGS,
    MEDIA_NOUN_STEMS,
    PERSON_NOUN_STEMS,
    RUSSIAN_ENDINGS,
)

_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
# A capitalised word (a name's), Latin or Cyrillic.
_NAME_WORD = r"[A-ZÄÖÜА-ЯЁ][\w’'-]+"
_NEXT_STARTS = re.compile(r"\s+[„«“\"A-ZÄÖÜА-ЯЁ]")


def _quote_step(stack: list[str], ch: str) -> None:
    """Push or pop the quotation marks: „…“ and „…” (German), «…» (Russian), “…”, "…"."""
    if ch in "„«":
        stack.append(ch)
    elif ch == "“":
        if stack and stack[-1] == "„":
            stack.pop()
        else:
            stack.append(ch)
    elif ch == "”":
        if stack and stack[-1] in "„“":
            stack.pop()
    elif ch == "»":
        if stack and stack[-1] == "«":
            stack.pop()
    elif ch == '"':
        if stack and stack[-1] == '"':
            stack.pop()
        else:
            stack.append(ch)


def sentence_spans(block: str) -> list[tuple[int, int]] | None:
    """(start, end) of the sentences of ``block``: cut after an end mark (or a quotation
    closing on one) followed by a capital or an opening quotation, never inside a
    quotation. None when the block's quotation marks do not pair (the caller cuts it as
    if there were none)."""
    stack: list[str] = []
    out: list[tuple[int, int]] = []
    start = None
    for i, ch in enumerate(block):
        if start is None:
            if ch.isspace():
                continue
            start = i
        was_open = bool(stack)
        _quote_step(stack, ch)
        ends = (ch in ".!?…" and not stack) or (
            was_open and not stack and i > 0 and block[i - 1] in ".!?…"
        )
        if ends and _NEXT_STARTS.match(block, i + 1):
            out.append((start, i + 1))
            start = None
    if stack:
        return None
    if start is not None and block[start:].strip():
        out.append((start, len(block.rstrip())))
    return out


def russian_stem(word: str) -> str:
    """ "Весновскому" -> "Весновск", "гонщика" -> "гонщик": the word without its case
    ending (a Latin or short word is left whole)."""
    if not _CYRILLIC.search(word) or len(word) < 5:
        return word
    for ending in RUSSIAN_ENDINGS:
        if word.lower().endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def surname_pattern(surname: str) -> str:
    """A pattern matching every case form of ``surname`` (German ones are as written, but
    for a genitive "s")."""
    if _CYRILLIC.search(surname):
        return rf"{re.escape(russian_stem(surname))}\w{{0,3}}"
    stem = surname[:-1] if len(surname) > 4 and surname.endswith("s") else surname
    return rf"{re.escape(stem)}s?"


def nominative(text: str, surname: str) -> str:
    """The surname as the article writes it in the nominative: the form the text uses
    most often as a sentence's subject-like word (followed by a verb or a comma), else as
    given. "Весновскому" -> "Весновский" in an article that has "Весновский подтвердил"."""
    if not _CYRILLIC.search(surname):
        return surname
    forms = Counter(
        m.group()
        for m in re.finditer(rf"\b{surname_pattern(surname)}\b", text)
        if m.group().lower().endswith(("ий", "ый", "ой", "ов", "ев", "ин", "ын", "ая"))
    )
    return forms.most_common(1)[0][0] if forms else surname


def _is_media_noun(word: str) -> bool:
    return word.lower().startswith(MEDIA_NOUN_STEMS) or any(
        word.lower().endswith(stem) for stem in MEDIA_NOUN_STEMS if len(stem) > 5
    )


def named_outlet(text: str, before: int) -> str | None:
    """The outlet the article last named with a common noun before ``before``: "сайт
    Counterpace", "газета «Северный курьер»", "Das Enthüllungsportal Veltpress"."""
    found = None
    pattern = (
        # the name in a lookahead: "Das Rechercheportal Faktenlicht" is tried at every word
        r"(?P<noun>[^\W\d_][\w-]*)\s+(?=«(?P<q1>[^»]+)»|„(?P<q2>[^“”]+)[“”]"
        rf"|(?P<n>{_NAME_WORD}(?:\s+{_NAME_WORD})?))"
    )
    for m in re.finditer(pattern, text[:before]):
        if _is_media_noun(m.group("noun")):
            found = m.group("q1") or m.group("q2") or m.group("n")
    return found


def _main_person(text: str) -> str | None:
    """The person the article is about: of the full names ("Кирилл Весновский"), the one
    whose surname the text repeats most (in any case form)."""
    # in a lookahead: "Гонщица Алина Сверчкова" holds "Алина Сверчкова" too
    names = set(re.findall(rf"\b(?=({_NAME_WORD}\s+{_NAME_WORD})\b)", text))
    best, best_count = None, 1
    for name in sorted(names):
        first, last = name.split()
        if first.isupper() or last.isupper() or first.lower() in CAPITALISED_NOT_NAMES:
            continue
        count = len(re.findall(rf"\b{surname_pattern(last)}\b", text))
        if count > best_count:
            best, best_count = name, count
    return best


def _role_holder(text: str, before: int, noun: str) -> str | None:
    """The last person named before ``before`` right after a role word of the same stem
    as ``noun`` ("Министр экологии Ольга Ведерникова" for "министра")."""
    stem = russian_stem(noun).lower()
    if len(stem) < 4:
        return None
    found = None
    pattern = (
        # what follows in a lookahead: "сказал вице-мэр Олег Стрельцов" is tried at each word
        r"(?P<role>[^\W\d_][\w-]*)(?=(?:\s+[^\W\d_A-ZА-ЯЁ][\w-]*){0,3}\s+"
        rf"(?P<name>{_NAME_WORD}\s+{_NAME_WORD}))"
    )
    for m in re.finditer(pattern, text[:before]):
        if m.group("role").lower().startswith(stem):
            found = m.group("name")
    return found


def generic_referent(text: str, before: int, noun: str) -> str | None:
    """Who a common noun standing for a speaker names: the outlet named before for a media
    noun ("издания"), else the person last given that role ("министра"), else the person
    the article is about ("гонщика"); None when the article names nobody for it."""
    if _is_media_noun(noun):
        return named_outlet(text, before)
    if not is_person_noun(noun):
        return None  # "по данным министерства": a body, not the article's main person
    return _role_holder(text, before, noun) or _main_person(text)


def is_person_noun(noun: str) -> bool:
    """ "гонщика", "Fahrers", "Sprecherin": a common noun naming a person by a role."""
    word = noun.lower()
    if word.startswith(PERSON_NOUN_STEMS):
        return True
    # German compounds end in the role ("Teamsprecherin", "Radfahrers"); "Ministerium" does not
    bare = re.sub(r"(?:s|n|en)$", "", word)
    return any(w.endswith(GERMAN_ROLE_ENDINGS + PERSON_NOUN_STEMS) for w in (word, bare))


def is_generic(words: list[str]) -> bool:
    """Whether a speaker phrase is a common noun and no name: Russian writes it in lower
    case ("издания", "гонщика"); a German one is a single capitalised noun after an article
    that is an outlet's ("Blattes")."""
    if not words:
        return False
    if all(w[:1].islower() for w in words):
        return True
    return len(words) == 1 and _is_media_noun(words[0])
