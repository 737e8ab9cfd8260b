"""Sentences and names of German and Russian lines, for ``retrieval.attribution.foreign``.

``sentence_spans`` cuts a paragraph into sentences without cutting inside a quotation
(„Das ist Unsinn. Ich habe nichts genommen“, sagte X: one sentence, signed at its end).
``surname_pattern`` and ``nominative`` find the name an article gives a person in its
nominative ("Весновский") from an inflected one ("Весновскому", "Весновского").
``generic_referent`` resolves a common noun standing for someone ("по данным издания",
"по словам гонщика") to the outlet or person the article named before: the most recent
outlet named with such a noun, the most recent person given that role, or the person the
article is about (the one it names most). ``speaker_name`` turns a speaker phrase into
"name, role", both words of the line ("Regierungssprecher Jonas Keller" -> "Jonas Keller,
Regierungssprecher"); ``full_name`` finds the fullest earlier mention of a surname.
"""

from __future__ import annotations

import re
from collections import Counter

from retrieval.lexicon import (
    CAPITALISED_NOT_NAMES,
    FOREIGN_ADJUNCT_WORDS,
    FOREIGN_AT_WORDS,
    FOREIGN_AUDIENCE_WORDS,
    GERMAN_ARTICLES,
    GERMAN_ROLE_ENDINGS,
    MEDIA_NOUN_STEMS,
    MORE_FOREIGN_AUDIENCE_WORDS,
    PERSON_NOUN_STEMS,
    RUSSIAN_ENDINGS,
)

_AUDIENCE = FOREIGN_AUDIENCE_WORDS | MORE_FOREIGN_AUDIENCE_WORDS
_WORD = re.compile(r"[^\W\d_][\w’'-]*", re.UNICODE)
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


def whole_quotation(line: str) -> bool:
    """Whether ``line`` is one quotation and nothing else but its end mark: „…“ or «…»."""
    line = line.strip()
    if not line or line[0] not in '„«“"':
        return False
    stack: list[str] = []
    for i, ch in enumerate(line):
        _quote_step(stack, ch)
        if not stack:
            return line[i + 1 :].strip() in ("", ".", "!", "?", "…")
    return False


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


# -- speakers' names and roles -----------------------------------------------------


def is_role(word: str) -> bool:
    """A word that says what someone is: lower case (Russian, "пресс-секретарь") or a German
    noun with a role's ending ("Regierungssprecher")."""
    return word[:1].islower() or word.lower().endswith(GERMAN_ROLE_ENDINGS)


def name_and_role(words: list[str]) -> tuple[list[str], list[str]]:
    """Split a speaker phrase into its name (the capitalised words after the roles) and
    its role (the words before the name)."""
    end = len(words)
    start = end
    while start > 0 and not is_role(words[start - 1]):
        start -= 1
    return words[start:end], words[:start]


def full_name(text: str, before: int, surname: str) -> tuple[str, str | None] | None:
    """The fullest earlier mention of ``surname`` (also inflected: "Крылова" for "Крылов"):
    (first and last name, the role word just before them, if any)."""
    found = None
    pattern = (
        r"(?:(?P<role>[^\W\d_][\w-]*)\s+)?(?P<first>[A-ZА-ЯЁ][\w-]+)\s+"
        rf"(?P<last>{surname_pattern(surname)})\b"
    )
    for m in re.finditer(pattern, text[:before]):
        if is_role(m.group("first")) or m.group("first").lower() in CAPITALISED_NOT_NAMES:
            continue
        role = m.group("role")
        found = (
            f"{m.group('first')} {nominative(text, m.group('last'))}",
            role if role and is_role(role) and role[:1].isupper() else None,
        )
    return found


def speaker_words(phrase: str) -> list[str]:
    """The words of a speaker phrase without the article, audience or "at" before it and
    what follows it ("am Dienstag", "на запрос RTVI": to whom, when, in answer to what)."""
    words = _WORD.findall(phrase)
    skip = GERMAN_ARTICLES | _AUDIENCE | FOREIGN_AT_WORDS
    while words and words[0].lower() in skip:
        words = words[1:]
    cut = next((i for i, w in enumerate(words) if i and w in FOREIGN_ADJUNCT_WORDS), len(words))
    return words[:cut]


def speaker_name(text: str, at: int, phrase: str, opens_sentence: bool = True) -> str | None:
    """ "Regierungssprecher Jonas Keller" -> "Jonas Keller, Regierungssprecher"; "die
    Sprecherin des Rates, Adrienne Watson" -> "Adrienne Watson, Sprecherin des Rates"; "ein
    Sprecher des Zollamts" -> "Sprecher des Zollamts"; "Brandl" -> the fullest earlier
    mention. ``opens_sentence``: whether the phrase may begin its sentence, whose first word
    is capitalised whatever it is (not after a verb: "— заявил Иван Петров")."""
    head, comma, tail = phrase.rpartition(",")
    named = _WORD.findall(tail)
    if comma and 0 < len(named) <= 4 and not any(is_role(w) for w in named):
        return ", ".join(x for x in (" ".join(named), " ".join(speaker_words(head))) if x)
    words = speaker_words(phrase)
    # a German noun after an article ("Sprecher des Zollamts") is a role's, not a name
    article = next((i for i, w in enumerate(words) if i and w in GERMAN_ARTICLES), len(words))
    # "dem Sender": after a name, lower-case words say to whom
    first_name = next((i for i, w in enumerate(words[:article]) if not is_role(w)), None)
    if first_name is not None:
        end = first_name
        while end < len(words) and not is_role(words[end]):
            end += 1
        words = words[:end]
    words = [w for w in words if w.lower() not in _AUDIENCE]
    if not words:
        return None
    if first_name is None:
        return " ".join(words)
    if re.search(r"[а-яё]", words[-1], re.IGNORECASE):
        # "фермер из села Нижний Варн Николай Тарасов": the name is the last two capitals
        russian = russian_speaker(text, at, words, opens_sentence)
        if russian:
            return russian
    name, role = name_and_role(words)
    if len(name) == 1:
        full = full_name(text, at, name[0])
        if full is not None:
            return ", ".join(x for x in (full[0], " ".join(role) or full[1]) if x)
    return ", ".join(x for x in (" ".join(name), " ".join(role)) if x)


def russian_speaker(
    text: str, start: int, subject: list[str], opens_sentence: bool = True
) -> str | None:
    """ "Пресс-секретарь министерства Хана Брезик", "Генеральный директор Corvane Мириам
    Дальквист также": Russian writes the role first and capitalises only its first word, so
    the name is the run of capitalised words (one script, at most two) that ends the
    subject, before any lower-case adverb ("также"), and the role is every word before it.
    None when no name ends the subject ("Министерство обороны": the body, as written). A
    subject that does not open its sentence ("— заявил Иван Петров") may be all name."""
    words = list(subject)
    while len(words) > 1 and words[-1][:1].islower():
        words.pop()  # "также", "все обвинения"
    if not words[-1][:1].isupper():
        return None
    cyrillic_name = bool(re.search(r"[а-яё]", words[-1], re.IGNORECASE))
    first = len(words) - 1
    while (
        first > (1 if opens_sentence else 0)
        and len(words) - first < 2
        and words[first - 1][:1].isupper()
        and bool(re.search(r"[а-яё]", words[first - 1], re.IGNORECASE)) == cyrillic_name
    ):
        first -= 1
    if first == 0 and (opens_sentence or len(words) == 1):
        return None  # the sentence's first word: a capital that says nothing
    name, role = words[first:], words[:first]
    if len(name) == 1:
        full = full_name(text, start, name[0])
        if full is not None and full[0].split()[0] == role[-1]:
            return " ".join(words)  # "Мэрия Светлогорска": a body and its place, no person
        if full is not None:
            return ", ".join(x for x in (full[0], " ".join(role) or full[1]) if x)
    return ", ".join(x for x in (" ".join(name), " ".join(role)) if x)
