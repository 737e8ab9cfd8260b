"""Claims of German and Russian lines, found by their layout and a few words, since the
English parser reads those languages as noise: „...“, sagte Regierungssprecher Jonas Keller;
«...», — заявил пресс-секретарь Аркадий Белов; "По словам Крылова, ..."; "Der Beobachter hatte
unter Berufung auf interne Dokumente berichtet, ..." (the cited source, via the paper).

Each speaker is "name, role" with both words taken from the line (or, for a surname alone,
from the fullest earlier mention of it in the article).
"""

from __future__ import annotations

import re

from retrieval.attribution.article import dateline
from retrieval.attribution.records import Claim, ClaimKind, Sentence, Span
from retrieval.lexicon import (
    FOREIGN_ACCORDING,
    FOREIGN_ADJUNCT_WORDS,
    FOREIGN_AT_WORDS,
    FOREIGN_AUDIENCE_WORDS,
    FOREIGN_CITING,
    FOREIGN_CLAIM_VERBS,
    FOREIGN_SPEECH_VERBS,
    GERMAN_ARTICLES,
    GERMAN_FUNCTION_WORDS,
    GERMAN_OPENERS,
    GERMAN_ROLE_ENDINGS,
)

# „...“, sagte X.  «...», — заявил X.  "...", sagte X.
_SIGNED = re.compile(
    r"(?P<quote>[„«“\"][^„“”«»\"]{2,}[“»”\"])\s*,?\s*[—–-]?\s*"
    r"(?P<verb>[^\W\d_]+)\s+(?P<who>[^.!?;:]+?)\s*[.!?]?$"
)
_WORD = re.compile(r"[^\W\d_][\w’'-]*", re.UNICODE)
_CITING = re.compile(
    r"^(?P<carrier>.+?)\s+(?:(?:hatte|hat|haben|hatten)\s+)?(?:"
    + "|".join(re.escape(c) for c in FOREIGN_CITING)
    + r")\s+",
    re.IGNORECASE,
)
_ACCORDING = re.compile(
    r"^(?:" + "|".join(re.escape(a) for a in FOREIGN_ACCORDING) + r")\s+(?P<who>[^,]+),",
    re.IGNORECASE,
)
# a paper's name in quotation marks: «Коммерсант», „Tresk Ledger“
_GUILLEMETS = re.compile(r"[«„]([^»“”]+)[»“”]")


def _is_role(word: str) -> bool:
    """A word that says what someone is: lower case (Russian, "пресс-секретарь") or a German
    noun with a role's ending ("Regierungssprecher")."""
    return word[:1].islower() or word.lower().endswith(GERMAN_ROLE_ENDINGS)


def _name_and_role(words: list[str]) -> tuple[list[str], list[str]]:
    """Split a speaker phrase into its name (the capitalised words after the roles) and
    its role (the words before the name)."""
    end = len(words)
    start = end
    while start > 0 and not _is_role(words[start - 1]):
        start -= 1
    return words[start:end], words[:start]


def _full_name(text: str, before: int, surname: str) -> tuple[str, str | None] | None:
    """The fullest earlier mention of ``surname`` (also inflected: "Крылова" for "Крылов"):
    (first and last name, the role word just before them, if any)."""
    stem = surname[:-1] if len(surname) > 4 else surname
    found = None
    pattern = (
        r"(?:(?P<role>[^\W\d_][\w-]*)\s+)?(?P<first>[A-ZА-ЯЁ][\w-]+)\s+"
        rf"(?P<last>{re.escape(stem)}\w{{0,2}})\b"
    )
    for m in re.finditer(pattern, text[:before]):
        if _is_role(m.group("first")):
            continue
        role = m.group("role")
        found = (
            f"{m.group('first')} {m.group('last')}",
            role if role and _is_role(role) and role[:1].isupper() else None,
        )
    return found


def _words(phrase: str) -> list[str]:
    """The words of a speaker phrase without the article, audience or "at" before it and
    what follows it ("am Dienstag", "на запрос RTVI": to whom, when, in answer to what)."""
    words = _WORD.findall(phrase)
    skip = GERMAN_ARTICLES | FOREIGN_AUDIENCE_WORDS | FOREIGN_AT_WORDS
    while words and words[0].lower() in skip:
        words = words[1:]
    cut = next((i for i, w in enumerate(words) if i and w in FOREIGN_ADJUNCT_WORDS), len(words))
    return words[:cut]


def _speaker(text: str, at: int, phrase: str) -> str | None:
    """ "Regierungssprecher Jonas Keller" -> "Jonas Keller, Regierungssprecher"; "die
    Sprecherin des Rates, Adrienne Watson" -> "Adrienne Watson, Sprecherin des Rates"; "ein
    Sprecher des Zollamts" -> "Sprecher des Zollamts"; "Brandl" -> the fullest earlier
    mention."""
    head, comma, tail = phrase.rpartition(",")
    named = _WORD.findall(tail)
    if comma and 0 < len(named) <= 4 and not any(_is_role(w) for w in named):
        return ", ".join(x for x in (" ".join(named), " ".join(_words(head))) if x)
    words = _words(phrase)
    # a German noun after an article ("Sprecher des Zollamts") is a role's, not a name
    article = next((i for i, w in enumerate(words) if i and w in GERMAN_ARTICLES), len(words))
    # "dem Sender": after a name, lower-case words say to whom
    first_name = next((i for i, w in enumerate(words[:article]) if not _is_role(w)), None)
    if first_name is not None:
        end = first_name
        while end < len(words) and not _is_role(words[end]):
            end += 1
        words = words[:end]
    words = [w for w in words if w.lower() not in FOREIGN_AUDIENCE_WORDS]
    if not words:
        return None
    if first_name is None:
        return " ".join(words)
    name, role = _name_and_role(words)
    if len(name) == 1:
        full = _full_name(text, at, name[0])
        if full is not None:
            return ", ".join(x for x in (full[0], " ".join(role) or full[1]) if x)
    return ", ".join(x for x in (" ".join(name), " ".join(role)) if x)


def _claim(
    sent: Sentence, extent: Span, content: Span, speaker: str, cue: str, kind: ClaimKind, rule: str
) -> Claim:
    return Claim(
        content=content,
        extent=extent,
        speaker=speaker,
        cue=cue,
        source=None,
        kind=kind,
        sent=sent.index,
        block=sent.block,
        root=True,
        mkind="person",
        owns_quote=kind == ClaimKind.QUOTE,
        rank=2,
        rule=rule,
    )


def _first_speech_verb(line: str, at: int) -> re.Match[str] | None:
    """The first speech verb of ``line`` after ``at`` (what the cited source said follows)."""
    for m in _WORD.finditer(line, at):
        if m.group().lower() in FOREIGN_SPEECH_VERBS:
            return m
    return None


_PIECE = re.compile(r"[^\s].*?(?:[.!?](?=\s+[„«“\"A-ZА-ЯЁ])|$)", re.DOTALL)


def foreign_blocks(text: str, blocks: list[Span]) -> list[Span]:
    """The paragraphs written in German or Russian: mostly Cyrillic letters, or German
    function words making a tenth of the words (an English line quoting "Müller" is not).
    When those hold most of the article, all of it is: a short German line ("Das
    Ministerium hatte den Bericht ... bezeichnet.") has too few small words to tell."""
    found = [(bs, be) for bs, be in blocks if _foreign(text[bs:be])]
    if 2 * sum(be - bs for bs, be in found) > sum(be - bs for bs, be in blocks):
        return list(blocks)
    return found


def _foreign(block: str) -> bool:
    letters = [ch for ch in block if ch.isalpha()]
    if not letters:
        return False
    if sum("а" <= ch.lower() <= "я" or ch in "ёЁ" for ch in letters) > 0.3 * len(letters):
        return True
    words = _WORD.findall(block.lower())
    german = sum(w in GERMAN_FUNCTION_WORDS for w in words)
    return german >= 2 and german >= 0.1 * len(words)


def _pieces(text: str, blocks: list[Span]) -> list[Span]:
    """The sentences of German and Russian paragraphs, cut at an end mark before a capital
    or an opening quotation (the English parser's sentences are unreliable there)."""
    out: list[Span] = []
    for bs, be in foreign_blocks(text, blocks):
        block = text[bs:be]
        out.extend((bs + m.start(), bs + m.end()) for m in _PIECE.finditer(block))
    return out


_AUXILIARIES = ("hat", "haben", "hatte", "hatten")


# a name of one to three capitalised words, its role between commas, then a word (the verb)
_APPOSITION = re.compile(
    r"(?P<name>[A-ZА-ЯЁ][\w’'-]+(?:\s+[A-ZА-ЯЁ][\w’'-]+){0,2}),\s+"
    r"(?P<role>[^\W\d_A-ZА-ЯЁ][^,:;.!?]{2,80}?),\s+(?P<verb>[^\W\d_]+)\b"
)


def _subject_claim(text: str, start: int, line: str) -> tuple[str, re.Match[str]] | None:
    """ "Министерство обороны опровергло сообщения ...", "Die Reederei Nordstern hat einen
    Bericht ... zurückgewiesen", "В норвежском МИДе назвали ...": who (the subject: a short
    phrase opening the sentence after any dateline, with no comma or colon in it) and the
    verb."""
    opening = dateline(line)
    words = list(_WORD.finditer(line, opening.end() if opening else 0))
    while words and words[0].group().lower() in GERMAN_OPENERS:
        words = words[1:]  # "Auch ein Sprecher ... erklärte": "also", not the speaker
    if not words:
        return None
    appos = _APPOSITION.match(line, words[0].start())
    if appos and _claim_verb(appos.group("verb")):
        # "Аркадий Лемешев, директор дилерского центра, рассказал ...": a name, its role
        # set off by commas, then the verb
        verb_at = next(w for w in words if w.start() == appos.start("verb"))
        return f"{appos.group('name')}, {appos.group('role')}", verb_at
    verb = next((i for i, w in enumerate(words[:8]) if i and _claim_verb(w.group())), None)
    if verb is None or re.search(r"[,:;]", line[words[0].start() : words[verb].start()]):
        return None
    if words[verb].group().lower() in _AUXILIARIES and not any(
        w.group().lower() in FOREIGN_CLAIM_VERBS for w in words[verb + 1 :]
    ):
        return None  # "hat ... gekauft": an act, not a claim
    subject = [w.group() for w in words[:verb]]
    cyrillic = bool(re.search(r"[а-яё]", " ".join(subject), re.IGNORECASE))
    if subject[0].lower() in FOREIGN_AT_WORDS:
        # impersonal "at the ministry they called ...": the body, as written
        return " ".join(subject[1:]), words[verb]
    if not cyrillic:
        # "Das Ministerium in Tresk hatte ...": where the body sits is not part of its name
        at = next((i for i, w in enumerate(subject) if i and w in FOREIGN_AT_WORDS), None)
        if at is not None and subject[at + 1 :] and subject[at + 1][:1].isupper():
            subject = subject[:at] + subject[at + 2 :]
    if not cyrillic and any(w[:1].islower() and w not in GERMAN_ARTICLES for w in subject):
        return None  # a German subject is capitalised nouns, articles and genitives
    while subject and subject[0].lower() in GERMAN_ARTICLES:
        subject = subject[1:]
    if not subject or subject[0].lower() == "wie":
        return None  # "Wie die Regierung erklärte auch ...": a comparison, not the subject
    if cyrillic:
        named = _russian_speaker(text, start, subject)
        if named:
            return named, words[verb]
    if _is_role(subject[-1]):
        return " ".join(subject), words[verb]  # "Министерство обороны": a body's name
    who = _speaker(text, start, " ".join(subject))
    return (who, words[verb]) if who else None


def _russian_speaker(text: str, start: int, subject: list[str]) -> str | None:
    """ "Пресс-секретарь министерства Хана Брезик", "Генеральный директор Corvane Мириам
    Дальквист также": Russian writes the role first and capitalises only its first word, so
    the name is the run of capitalised words (one script, at most two) that ends the
    subject, before any lower-case adverb ("также"), and the role is every word before it.
    None when no name ends the subject ("Министерство обороны": the body, as written)."""
    words = list(subject)
    while len(words) > 1 and words[-1][:1].islower():
        words.pop()  # "также", "все обвинения"
    if not words[-1][:1].isupper():
        return None
    cyrillic_name = bool(re.search(r"[а-яё]", words[-1], re.IGNORECASE))
    first = len(words) - 1
    while (
        first > 1
        and len(words) - first < 2
        and words[first - 1][:1].isupper()
        and bool(re.search(r"[а-яё]", words[first - 1], re.IGNORECASE)) == cyrillic_name
    ):
        first -= 1
    if first == 0:
        return None  # the sentence's first word: a capital that says nothing
    name, role = words[first:], words[:first]
    if len(name) == 1:
        full = _full_name(text, start, name[0])
        if full is not None:
            return ", ".join(x for x in (full[0], " ".join(role) or full[1]) if x)
    return ", ".join(x for x in (" ".join(name), " ".join(role)) if x)


def _according_words(phrase: str) -> list[str]:
    """Who an "according to" names: "Лемешева" ("По словам Лемешева, ..."); "Bericht" ("Laut
    dem Bericht sollen ...", where German sets no comma: the article and the capitalised
    nouns after it, not the clause that follows)."""
    words = _WORD.findall(phrase)
    run = 0
    while run < len(words) and (words[run] in GERMAN_ARTICLES or words[run][:1].isupper()):
        run += 1
    if 0 < run < len(words):
        words = words[:run]
    while len(words) > 1 and words[0] in GERMAN_ARTICLES:
        words = words[1:]
    return words


def _claim_verb(word: str) -> bool:
    word = word.lower()
    return word in FOREIGN_CLAIM_VERBS or word in FOREIGN_SPEECH_VERBS or word in _AUXILIARIES


def foreign_claims(text: str, blocks: list[Span], sents: list[Sentence]) -> list[Claim]:
    """The claims of German and Russian paragraphs: signed quotations, "according to" and
    "citing" lines. Each spans its whole sentence."""
    out = []
    for start, end in _pieces(text, blocks):
        sent = next((s for s in sents if s.start <= start < s.end), None)
        if sent is None:
            continue
        line = text[start:end]
        whole = (start, end)
        signed = _SIGNED.search(line)
        if signed and signed.group("verb").lower() in FOREIGN_SPEECH_VERBS:
            who = _speaker(text, start, signed.group("who"))
            if who:
                q = (start + signed.start("quote"), start + signed.end("quote"))
                cue = signed.group("verb")
                out.append(_claim(sent, whole, q, who, cue, ClaimKind.QUOTE, "foreign/signed"))
                continue
        according = _ACCORDING.match(line)
        if according:
            words = _according_words(according.group("who"))
            full = _full_name(text, start, words[-1]) if len(words) == 1 else None
            who = full[0] if full else " ".join(words)
            content = (start + according.end(), end)
            kind = ClaimKind.ACCORDING_TO
            out.append(_claim(sent, whole, content, who, "according to", kind, "foreign/according"))
            continue
        citing = _CITING.match(line)
        verb = _first_speech_verb(line, citing.end()) if citing else None
        if citing and verb:
            carrier = citing.group("carrier")
            # "Die Zeitung „Tresk Ledger“ hatte am Montag unter Berufung auf ...": the paper
            carrier = re.split(r"\s+(?:" + "|".join(_AUXILIARIES) + r")\s+", carrier)[0]
            named = _GUILLEMETS.search(carrier)
            carrier = named.group(1) if named else carrier
            cited = line[citing.end() : verb.start()].strip()
            who = f"{cited}, via {carrier.strip()}"
            content = (start + verb.end(), end)
            kind = ClaimKind.REPORTED
            out.append(_claim(sent, whole, content, who, verb.group(), kind, "foreign/citing"))
            continue
        subject = _subject_claim(text, start, line)
        if subject:
            who, cue = subject
            content = (start + cue.end(), end)
            kind = ClaimKind.REPORTED
            out.append(_claim(sent, whole, content, who, cue.group(), kind, "foreign/subject"))
    return out
