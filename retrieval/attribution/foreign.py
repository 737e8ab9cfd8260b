"""Claims of German and Russian lines, found by their layout and a few words, since the
English parser reads those languages as noise: „...“, sagte Regierungssprecher Jonas Keller;
«...», — заявил пресс-секретарь Аркадий Белов; "По словам Крылова, ..."; "Der Beobachter hatte
unter Berufung auf interne Dokumente berichtet, ..." (the cited source, via the paper).

Each speaker is "name, role" with both words taken from the line (or, for a surname alone,
from the fullest earlier mention of it in the article).
"""

from __future__ import annotations

import re
from itertools import repeat

from retrieval.attribution.article import dateline
from retrieval.attribution.foreign_names import (
    full_name,
    generic_referent,
    is_generic,
    is_person_noun,
    is_role,
    nominative,
    russian_speaker,
    sentence_spans,
    speaker_name,
    speaker_words,
    whole_quotation,
)
from retrieval.attribution.records import Claim, ClaimKind, Sentence, Span
from retrieval.lexicon import (
    FOREIGN_ACCORDING,
    FOREIGN_AS_WORDS,
    FOREIGN_AT_WORDS,
    FOREIGN_CITING,
    FOREIGN_CLAIM_VERBS,
    FOREIGN_PRONOUNS,
    FOREIGN_SPEECH_VERBS,
    GERMAN_ARTICLES,
    GERMAN_FUNCTION_WORDS,
    GERMAN_OPENERS,
    GERMAN_POSTPOSED_ACCORDING,
    MORE_FOREIGN_CLAIM_VERBS,
    MORE_FOREIGN_SPEECH_VERBS,
    QUOTE_SIGN_ADVERBS,
    RUSSIAN_OBJECT_OPENERS,
    SUBJECT_ADVERBS,
)

_SPEECH = FOREIGN_SPEECH_VERBS | MORE_FOREIGN_SPEECH_VERBS
_CLAIMING = FOREIGN_CLAIM_VERBS | MORE_FOREIGN_CLAIM_VERBS

# „...“, sagte X.  «...», — заявил X.  "...", sagte X.  „...“, so X.
_SIGNED = re.compile(
    r"(?P<quote>[„«“\"][^„“”«»\"]{2,}[“»”\"])\s*,?\s*[—–-]?\s*"
    r"(?P<verb>[^\W\d_]+)\s+(?P<who>[^.!?;:]+?)\s*[.!?]?$"
)
_WORD = re.compile(r"[^\W\d_][\w’'-]*", re.UNICODE)
# An audience in quotes before the name that signs: "— заявила «Вестнику Залива» Ольга Ветрова".
# Only before a name: "«Автостиль-Норд», рассказал «Вестнику», что ..." signs no quotation.
_AUDIENCE_FIRST = re.compile(r"^\s*[«„“\"][^«»„“”\"]*[»“”\"]\s+(?=[A-ZА-ЯЁ])")
_QUOTED = re.compile(r"[«„“\"][^«»„“”\"]*[»“”\"]")
# A run of capitalised words, where a paragraph names someone ("Рулевой Денис Лаптев", "Der
# Seerechtler Jürgen Mahlke"): Russian capitalises names only, German every noun too
# (``speaker_name`` takes a role word it knows off the name).
_NAME_RUN = re.compile(r"\b[A-ZÄÖÜА-ЯЁ][\w’'-]*(?: [A-ZÄÖÜА-ЯЁ][\w’'-]*)+")
# ..., sagte X.  ..., — сказал X.  (reported words, no quotation marks before the verb)
_TRAILING = re.compile(
    r"[^„“”«»\"],\s*[—–-]?\s*(?P<verb>[^\W\d_]+)\s+(?P<who>[^,.;:!?„“”«»\"]+?)\s*[.!?]$"
)
_CITING = re.compile(
    r"^(?P<carrier>.+?)\s+(?:(?:hatte|hat|haben|hatten)\s+)?(?:"
    + "|".join(re.escape(c) for c in FOREIGN_CITING)
    + r")\s+",
    re.IGNORECASE,
)
# "По словам X, ...", "Laut X liegt ..." (no comma in German), "Nach Angaben von X ..."
_ACCORDING = re.compile(
    r"^(?:"
    + "|".join(re.escape(a) for a in sorted(FOREIGN_ACCORDING, key=len, reverse=True))
    + r")\s+(?P<who>[^,.;:!?]+)(?P<comma>,)?",
    re.IGNORECASE,
)
# "Dem Ministerium zufolge ...", "Einem Sprecher zufolge, ..."
_POSTPOSED = re.compile(
    r"^(?P<who>[^,.;:!?]{2,60}?)\s+" + GERMAN_POSTPOSED_ACCORDING + r"\b(?P<comma>,)?",
    re.IGNORECASE,
)
# "Как сообщил X, ...", "Wie X mitteilte, ...": the clause credited to X follows the comma
_AS_FRAME = re.compile(r"^(?P<as>\w+)\s+(?P<rest>[^,.;:!?]+),")
# a paper's name in quotation marks: «Коммерсант», „Tresk Ledger“
_GUILLEMETS = re.compile(r"[«„]([^»“”]+)[»“”]")


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
        if m.group().lower() in _SPEECH:
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
    or an opening quotation and never inside a quotation (the English parser's sentences
    are unreliable there)."""
    out: list[Span] = []
    for bs, be in foreign_blocks(text, blocks):
        block = text[bs:be]
        spans = sentence_spans(block)
        if spans is None:  # quotation marks that do not pair: cut as if there were none
            spans = [(m.start(), m.end()) for m in _PIECE.finditer(block)]
        out.extend((bs + s, bs + e) for s, e in spans)
    return out


_AUXILIARIES = ("hat", "haben", "hatte", "hatten")


# a name of one to three capitalised words, its role between commas, then a word (the verb)
_APPOSITION = re.compile(
    r"(?P<name>[A-ZА-ЯЁ][\w’'-]+(?:\s+[A-ZА-ЯЁ][\w’'-]+){0,2}),\s+"
    r"(?P<role>[^\W\d_A-ZА-ЯЁ][^,:;.!?]{2,80}?),\s+(?P<verb>[^\W\d_]+)\b"
)


# up to four words (an article, an adjective, a role), a first and last name, a role between
# commas, then a word (the verb)
_GERMAN_APPOSITION = re.compile(
    r"(?P<pre>(?:[^\W\d_][\w-]*\s+){0,4}?)"
    r"(?P<name>[A-ZÄÖÜ][\w’'-]+\s+[A-ZÄÖÜ][\w’'-]+),\s+"
    r"(?P<role>[^,:;.!?]{2,80}?),\s+(?P<verb>[^\W\d_]+)\b"
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
    appos = _GERMAN_APPOSITION.match(line, words[0].start())
    if (
        appos
        and _claim_verb(appos.group("verb"))
        and not any(_claim_verb(w) for w in appos.group("pre").split())
    ):
        # "Die Verbraucherschützerin Clara Ostwald, Sprecherin der Initiative X, erklärte":
        # German capitalises the role before the name too; the name is the two words
        # before the comma, the role the words between the commas
        verb_at = next(w for w in words if w.start() == appos.start("verb"))
        return f"{appos.group('name')}, {appos.group('role')}", verb_at
    verb = next((i for i, w in enumerate(words[:8]) if i and _claim_verb(w.group())), None)
    if verb is None or re.search(r"[,:;]", line[words[0].start() : words[verb].start()]):
        return None
    if words[verb].group().lower() in _AUXILIARIES and not any(
        w.group().lower() in _CLAIMING for w in words[verb + 1 :]
    ):
        return None  # "hat ... gekauft": an act, not a claim
    subject = [w.group() for w in words[:verb] if w.group().lower() not in SUBJECT_ADVERBS]
    if not subject:
        return None
    cyrillic = bool(re.search(r"[а-яё]", " ".join(subject), re.IGNORECASE))
    if cyrillic:
        # "Клуб эти сведения отвергает": an object before the verb is not the subject's
        cut = next((i for i, w in enumerate(subject) if i and w in RUSSIAN_OBJECT_OPENERS), None)
        subject = subject[:cut] if cut is not None else subject
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
    quoted = _GUILLEMETS.search(line, words[0].start(), words[verb].start())
    if (
        cyrillic
        and quoted
        and not re.search(r"[A-ZА-ЯЁ]", line[quoted.end() : words[verb].start()])
    ):
        # "Ранее сайт «Открытый взгляд» сообщил": the name in quotation marks
        return quoted.group(1), words[verb]
    if cyrillic:
        named = russian_speaker(text, start, subject)
        if named:
            return named, words[verb]
    if is_role(subject[-1]):
        return " ".join(subject), words[verb]  # "Министерство обороны": a body's name
    who = speaker_name(text, start, " ".join(subject))
    return (who, words[verb]) if who else None


def _according_words(phrase: str) -> tuple[list[str], int]:
    """Who an "according to" names, and where those words end in ``phrase``: "Лемешева"
    ("По словам Лемешева, ..."); "Bericht" ("Laut dem Bericht sollen ...", where German sets
    no comma: the article and the capitalised nouns after it, not the clause that
    follows)."""
    found = list(_WORD.finditer(phrase))
    words = [m.group() for m in found]
    run = 0
    while run < len(words) and (words[run].lower() in GERMAN_ARTICLES or words[run][:1].isupper()):
        run += 1
    if 0 < run < len(words):
        found = found[:run]
    end = found[-1].end() if found else 0
    while len(found) > 1 and found[0].group().lower() in GERMAN_ARTICLES:
        found = found[1:]
    return [m.group() for m in found], end


def _claim_verb(word: str) -> bool:
    word = word.lower()
    return word in _CLAIMING or word in _SPEECH or word in _AUXILIARIES


# A rule name ending so: the speaker was reached from elsewhere in the article (a pronoun,
# a common noun standing for someone named before) or is a common noun nobody named:
# ``passages.basis`` reports it as coreference, which every output marks unverified.
RESOLVED = "~coref"


def _last_speaker(before: list[Claim]) -> str | None:
    """The speaker of the last claim found before, that a pronoun signs for ("— добавил
    он")."""
    for claim in reversed(before):
        if claim.speaker and not claim.rule.endswith(RESOLVED):
            return claim.speaker
    return next((c.speaker for c in reversed(before) if c.speaker), None)


def _lone(line: str, whole: Span, sent: Sentence, before: list[Claim]) -> Claim | None:
    """A quotation standing alone („Jeder darf sie sehen. …“): said by the one speaker of
    its paragraph, or of the paragraph before when its own names nobody; unverified. None
    when two people speak there (the reader cannot tell whose it is)."""
    if not whole_quotation(line):
        return None
    for block in (sent.block, sent.block - 1):
        said = [c for c in before if c.block == block and c.speaker]
        if not said:
            continue
        if len({c.speaker for c in said}) != 1:
            return None
        who, cue = said[-1].speaker or "", said[-1].cue or ""
        return _claim(sent, whole, whole, who, cue, ClaimKind.QUOTE, "foreign/lone" + RESOLVED)
    return None


def _signed(text: str, start: int, line: str, sent: Sentence, before: list[Claim]) -> Claim | None:
    """ "„…“, sagte X", "«…», — заявил X", "„…“, so X", "«…», — добавил он"."""
    signed = _SIGNED.search(line)
    if not signed:
        return None
    verb = signed.group("verb").lower()
    if verb not in _SPEECH and verb not in QUOTE_SIGN_ADVERBS:
        return None
    # "— сказал Весновский «Спортивному обозрению»", "— заявила «Вестнику» Ольга Ветрова": the
    # outlet in quotes, after the name or before it, is the audience
    phrase = re.split(r"[«„“\"]", _AUDIENCE_FIRST.sub("", signed.group("who")))[0]
    who, rule = _signer(text, start, phrase, sent, before, "foreign/signed")
    if not who:
        return None
    q = (start + signed.start("quote"), start + signed.end("quote"))
    whole = (start, start + len(line))
    return _claim(sent, whole, q, who, signed.group("verb"), ClaimKind.QUOTE, rule)


def _signer(
    text: str, start: int, phrase: str, sent: Sentence, before: list[Claim], rule: str
) -> tuple[str | None, str]:
    """Who signs a line, and the rule: a pronoun ("sagte er mit Blick auf …", "добавил он")
    is who it stands for (``_referent``), unverified; else the name the phrase gives."""
    words = phrase.split()
    if words and words[0].lower() in FOREIGN_PRONOUNS:
        return _referent(text, start, sent, before), rule + RESOLVED
    return speaker_name(text, start, phrase, opens_sentence=False), rule


def _referent(text: str, start: int, sent: Sentence, before: list[Claim]) -> str | None:
    """Who a pronoun signing a quotation stands for: the last speaker before, when its
    paragraph has one; else the person a Russian paragraph names before the quotation
    ("Капитан парома Игорь Сомов ... попросил пассажиров не паниковать. «…», — сказал он"),
    for a reader takes "он" for the man just named, not for a speaker paragraphs back."""
    if not any(c.block == sent.block and c.speaker for c in before):
        lead = _QUOTED.sub(lambda m: " " * len(m.group()), text[sent.offset : start])
        names = [n for n in map(_name_in, _NAME_RUN.finditer(lead), repeat(lead)) if n]
        if names:
            at, name = names[-1]
            return speaker_name(text, sent.offset + at, name, opens_sentence=False)
    return _last_speaker(before)


def _name_in(run: re.Match[str], text: str) -> tuple[int, str] | None:
    """(offset, words) of the name a run of capitalised words may hold: the run without the
    word that opens its sentence (capitalised for that alone: "Рулевой Денис Лаптев", "Der
    Seerechtler Jürgen Mahlke"); None when fewer than two words are left."""
    words = run.group().split()
    at = run.start()
    if _opens_sentence(text, at) and (len(words) > 2 or words[0].lower() in GERMAN_ARTICLES):
        at += len(words[0]) + 1
        words = words[1:]
    return (at, " ".join(words)) if len(words) >= 2 else None


def _opens_sentence(text: str, at: int) -> bool:
    """Whether a word at ``at`` is the first of its sentence (capitalised for that alone)."""
    return not text[:at].strip() or text[:at].rstrip()[-1] in ".!?…"


def _trailing(
    text: str, start: int, line: str, sent: Sentence, before: list[Claim]
) -> Claim | None:
    """Reported words signed at their end: "Man habe erst aus der Zeitung davon erfahren,
    sagte Wehling." / "…, — сказал Белов." (the words before the comma are the claim)."""
    signed = _TRAILING.search(line)
    if not signed or signed.group("verb").lower() not in _SPEECH:
        return None
    who, rule = _signer(text, start, signed.group("who"), sent, before, "foreign/trailing")
    if not who:
        return None
    content = (start, start + signed.start())
    return _claim(
        sent,
        (start, start + len(line)),
        content,
        who,
        signed.group("verb"),
        ClaimKind.REPORTED,
        rule,
    )


def _credited(text: str, start: int, words: list[str], generic: bool) -> tuple[str, str]:
    """(speaker, rule suffix) for the words an "according to" names: a surname as the
    fullest earlier mention; a common noun standing for someone ("издания", "гонщика",
    "dem Blatt") as the outlet or person it stands for, unverified, or as written,
    unverified, when the article names nobody for it."""
    if generic or is_generic(words):
        ref = generic_referent(text, start, words[-1])
        return (ref or " ".join(words)), RESOLVED
    full = full_name(text, start, words[-1]) if len(words) == 1 else None
    if full is None and len(words) == 1:
        return nominative(text, words[0]), ""
    return (full[0] if full else " ".join(words)), ""


def _according(text: str, start: int, line: str, sent: Sentence) -> Claim | None:
    """ "По словам X, …", "Laut X liegt …" (German sets no comma), "Nach Angaben von X …",
    "Dem X zufolge …"."""
    whole = (start, start + len(line))
    m = _ACCORDING.match(line)
    postposed = None if m else _POSTPOSED.match(line)
    m = m or postposed
    if not m:
        return None
    phrase = m.group("who")
    words, at = _according_words(phrase)
    if not words:
        return None
    lead = _WORD.match(phrase.strip())
    # "Laut dem Fahrer", "nach Angaben des Blattes": one German noun after an article
    generic = bool(lead and lead.group().lower() in GERMAN_ARTICLES and len(words) == 1)
    who, suffix = _credited(text, start, words, generic)
    # "Nach Angaben des Portals wurden ..., aber ...": German sets no comma after the frame,
    # so a comma counts only right after the words it credits
    framed = m.group("comma") and not phrase[at:].strip()
    content_at = m.end() if framed or postposed else m.start("who") + at
    content = (start + content_at, whole[1])
    rule = "foreign/according" + suffix
    return _claim(sent, whole, content, who, "according to", ClaimKind.ACCORDING_TO, rule)


def _as_frame(text: str, start: int, line: str, sent: Sentence) -> Claim | None:
    """ "Как сообщил X, …", "Как заявили в министерстве, …", "Wie X mitteilte, …"."""
    m = _AS_FRAME.match(line)
    if not m or m.group("as").lower() not in FOREIGN_AS_WORDS:
        return None
    words = _WORD.findall(m.group("rest"))
    if len(words) < 2:
        return None
    russian = m.group("as").lower() == "как"
    verb, phrase = (words[0], words[1:]) if russian else (words[-1], words[:-1])
    if verb.lower() not in _SPEECH and verb.lower() not in _CLAIMING:
        return None
    who = speaker_name(text, start, " ".join(phrase), opens_sentence=False)
    if not who:
        return None
    whole = (start, start + len(line))
    rule = "foreign/as" + (RESOLVED if is_generic(speaker_words(" ".join(phrase))) else "")
    return _claim(sent, whole, (start + m.end(), whole[1]), who, verb, ClaimKind.REPORTED, rule)


def _citing(text: str, start: int, line: str, sent: Sentence) -> Claim | None:
    """ "Газета «…» со ссылкой на источники сообщила …", "Der Beobachter hatte unter
    Berufung auf … berichtet": the cited source, via the paper."""
    citing = _CITING.match(line)
    verb = _first_speech_verb(line, citing.end()) if citing else None
    if not citing or not verb:
        return None
    carrier = citing.group("carrier")
    # "Die Zeitung „Tresk Ledger“ hatte am Montag unter Berufung auf ...": the paper
    carrier = re.split(r"\s+(?:" + "|".join(_AUXILIARIES) + r")\s+", carrier)[0]
    named = _GUILLEMETS.search(carrier)
    carrier = named.group(1) if named else carrier
    carrier_words = carrier.split()
    if len(carrier_words) > 1 and carrier_words[0].lower() in GERMAN_ARTICLES:
        carrier = " ".join(carrier_words[1:])  # "Die Wirtschaftszeitung X": no article
    cited = line[citing.end() : verb.start()].strip()
    who = f"{cited}, via {carrier.strip()}"
    content = (start + verb.end(), start + len(line))
    whole = (start, start + len(line))
    return _claim(sent, whole, content, who, verb.group(), ClaimKind.REPORTED, "foreign/citing")


def foreign_claims(text: str, blocks: list[Span], sents: list[Sentence]) -> list[Claim]:
    """The claims of German and Russian paragraphs: signed quotations, "according to" and
    "citing" lines, "as X said" frames and sentences whose subject denies or says. Each
    spans its whole sentence."""
    out: list[Claim] = []
    for start, end in _pieces(text, blocks):
        sent = next((s for s in sents if s.start <= start < s.end), None)
        if sent is None:
            continue
        line = text[start:end]
        claim = (
            _signed(text, start, line, sent, out)
            or _according(text, start, line, sent)
            or _as_frame(text, start, line, sent)
            or _citing(text, start, line, sent)
            or _trailing(text, start, line, sent, out)
            or _lone(line, (start, end), sent, out)
        )
        if claim is None:
            subject = _subject_claim(text, start, line)
            if subject:
                who, cue = subject
                content = (start + cue.end(), end)
                kind, rule = ClaimKind.REPORTED, "foreign/subject"
                if who.lower() in FOREIGN_PRONOUNS:  # "Sie nannte ihn …", "Он заявил: …"
                    who, rule = _last_speaker(out) or who, rule + RESOLVED
                elif len(who.split()) == 1 and (is_generic([who]) or is_person_noun(who)):
                    # "Издание утверждает …", "Der Fahrer sagte …": who it stands for
                    who, rule = generic_referent(text, start, who) or who, rule + RESOLVED
                claim = _claim(sent, (start, end), content, who, cue.group(), kind, rule)
        if claim is not None:
            out.append(claim)
    return out
