"""A question's stance cues read from its words alone, without spaCy: the question path.

Answering reads every passage's cues from the index (computed at ingest by ``cues.py``), so the
question is the only text left to read. A question is short and shaped one way ("Did Xi refuse
to visit Russia?", "What did the Kremlin say about the reports?"): an auxiliary, a subject, a
verb and what it governs. ``read_question`` reads that shape with word lists
(``retrieval/lexicon/``) and a few suffix rules, and gives the same ``SentenceCues`` fields
the parse gives for the ones the judge reads off a claim (stems, names, predicate, denial,
hedges, counts, broken plans); ``tests/retrieval/test_reading.py`` compares it with spaCy.
spaCy (about 1.5 s to import and load) then never loads while answering.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from retrieval.lexicon import (
    AUXILIARIES,
    BE_FORMS,
    DATE_NAMES,
    DENY_NOUNS,
    DENY_VERBS,
    DETERMINERS,
    DISRUPT,
    DISRUPT_PARTICLES,
    FALSE_WORDS,
    FUNCTION_WORDS,
    HEDGES,
    IRREGULAR_FORMS,
    LIGHT_VERBS,
    NO_NOUNS,
    NOT_TRUE,
    NUMBER_WORDS,
    PARTICLES,
    REAFFIRM_PHRASES,
    REPORT_NOUNS,
    REPORTING_VERBS,
)
from retrieval.stance.cues import SentenceCues, normalise, stem

_WORD = re.compile(r"\w+(?:\.\w+)*|'s|\S")
_SENTENCE = re.compile(r"(?<=[.?!])\s+(?=[A-Z\"'])")
_NEGATIONS = frozenset({"not", "n't", "never"})
_WH = frozenset({"what", "who", "whom", "whose", "which", "when", "where", "why", "how"})


@dataclass(frozen=True)
class _Word:
    text: str
    lower: str
    lemma: str
    name: bool  # a capitalised word inside the sentence: a name ("Xi", "Nord Stream")


def lemma_of(word: str) -> str:
    """The dictionary form of a lowercase word by suffix rules: refused -> refuse (as far as
    ``stem`` looks), stories -> story, turned -> turn, met -> meet."""
    if word in IRREGULAR_FORMS:
        return IRREGULAR_FORMS[word]
    if len(word) <= 3 or not word.isalpha():
        return word
    for suffix in ("ied", "ies"):
        if word.endswith(suffix) and len(word) > 4:
            return word[: -len(suffix)] + "y"
    for suffix in ("ed", "ing"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            base = word[: -len(suffix)]
            if len(base) >= 4 and base[-1] == base[-2] and base[-1] not in "lsz":
                base = base[:-1]  # planned -> plan, stopped -> stop
            elif _needs_e(base):
                base += "e"  # cited -> cite, making -> make
            return base
    if word.endswith("es") and word[-3] in "sxz" or word.endswith(("ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is", "ous")):
        return word[:-1]
    return word


def _needs_e(base: str) -> bool:
    """Whether a stem lost a silent e: one syllable ending consonant-vowel-consonant."""
    vowels = "aeiou"
    return (
        len(base) <= 4
        and len(base) >= 3
        and base[-1] not in vowels + "wxy"
        and base[-2] in vowels
        and base[-3] not in vowels
        and sum(c in vowels for c in base) == 1
    )


def _words(sentence: str) -> list[_Word]:
    out = []
    sentence = re.sub(r"n't\b", " not", sentence)
    for i, token in enumerate(_WORD.findall(sentence)):
        lower = token.lower()
        if not token[0].isalnum():  # a possessive or a mark: it ends a run of words
            out.append(_Word(token, lower, lower, False))
            continue
        capital = token[0].isupper() and i > 0 and lower not in FUNCTION_WORDS
        name = (capital or len(token) > 1 and token.isupper()) and lower not in DATE_NAMES
        lemma = lower if name else lemma_of(lower)
        out.append(_Word(token, lower, lemma, name))
    return out


def _verb_at(words: list[_Word], start: int, be: bool) -> int | None:
    """Where the verb after a subject is: the last lowercase content word of the first run of
    content words that holds one ("Did US Navy divers plant the ...", "Did the United States
    blow up ..."); a run ends at a function word or a possessive."""
    found: int | None = None
    for i in range(start, len(words)):
        w = words[i]
        if w.lower in FUNCTION_WORDS or w.lower in _NEGATIONS or not w.text[0].isalnum():
            if found is not None:
                break
            continue
        if not w.name and not w.text.isdigit():
            found = i
    participle = found is not None and (
        words[found].lower.endswith(("ed", "ing", "en")) or words[found].lower in IRREGULAR_FORMS
    )
    if found is not None and be and not participle:
        return None  # "What is the weather ...": a copula, no verb of its own ("were told")
    return found


def _main_verbs(words: list[_Word]) -> list[int]:
    """Where the verbs are that the sentence says happened: the first, then the verb of what
    it reports (at most two reporting verbs down); the last is the one that happened."""
    aux = next((i for i, w in enumerate(words) if w.lower in AUXILIARIES | BE_FORMS), None)
    opens = aux is not None and (aux == 0 or words[aux - 1].lower in _WH)
    if aux is not None and opens:
        verb = _verb_at(words, aux + 1, words[aux].lower in BE_FORMS)
    else:
        verb = _finite_verb(words, 0)
    chain = [] if verb is None else [verb]
    for _ in range(2):
        if not chain or words[chain[-1]].lemma not in REPORTING_VERBS:
            break
        if chain[-1] + 1 < len(words) and words[chain[-1] + 1].lower == "to":
            break  # "told to hide": what they were told is the predicate's ("tell", "hide")
        inner = _finite_verb(words, chain[-1] + 1)
        if inner is None:
            break
        chain.append(inner)
    return chain


def _finite_verb(words: list[_Word], start: int) -> int | None:
    """The first word from ``start`` with the form of a past tense (or an irregular one)."""
    for i in range(start, len(words)):
        w = words[i]
        if w.name or w.lower in FUNCTION_WORDS:
            continue
        if w.lower.endswith("ed") or w.lower in IRREGULAR_FORMS and w.lower != "news":
            return i
    return None


def _predicate(words: list[_Word], verb: int | None) -> list[str]:
    """Stems of the verb and of a verb it governs ("invite Xi to visit" -> invit, visit)."""
    if verb is None:
        return []
    if words[verb].lemma in DENY_VERBS:
        # "Did the ministry deny the reports of a merger?": what happened is what is denied.
        denied = [w for w in words[verb + 1 :] if w.text[0].isalnum() and not w.name]
        skip = FUNCTION_WORDS | REPORT_NOUNS | HEDGES | LIGHT_VERBS
        return sorted({stem(w.lemma) for w in denied if w.lemma not in skip})
    found = [words[verb].lemma]
    for i in range(verb + 1, min(len(words) - 1, verb + 6)):
        nxt = words[i + 1]
        if words[i].lower == "to" and not nxt.name and nxt.lower not in FUNCTION_WORDS:
            found.append(nxt.lemma)
            break
    return sorted({stem(w) for w in found if w not in LIGHT_VERBS})


def _denials(words: list[_Word], verb: int | None) -> tuple[float, list[str]]:
    """How strongly the words deny something (combined as ``cues`` combines), and the stems
    of the verbs they negate."""
    scores: list[float] = []
    negated: list[str] = []
    for i, w in enumerate(words):
        before = words[i - 1].lower if i else ""
        after = words[i + 1] if i + 1 < len(words) else None
        if w.lemma in DENY_VERBS and before not in _NEGATIONS:
            obj = next((v for v in words[i + 1 :] if v.lower not in DETERMINERS), None)
            if after is None or obj is None:
                scores.append(0.6)
            elif after.lower == "that" or obj.lemma in REPORT_NOUNS:
                scores.append(0.9)
            else:
                scores.append(0.35)
        elif w.lemma in DENY_NOUNS:
            scores.append(0.5)
        elif w.lower in FALSE_WORDS or w.lemma in FALSE_WORDS:
            # Said of something ("is the report false?"), not before a noun ("a false report").
            ends = after is None or not after.text[0].isalnum() or after.lower in FUNCTION_WORDS
            said_of = before in BE_FORMS or ends and any(v.lower in BE_FORMS for v in words[:i])
            scores.append(0.9 if said_of else 0.5)
        elif w.lower in _NEGATIONS and after is not None:
            if after.lower in NOT_TRUE:
                scores.append(0.95)
            elif verb is not None and i < verb:
                scores.append(0.4)
                negated.append(stem(words[verb].lemma))
        elif w.lower == "no" and after is not None and after.lemma in NO_NOUNS:
            scores.append(0.85)
    keep = 1.0
    for score in scores:
        keep *= 1.0 - score
    return round(1.0 - keep, 4), negated


def _plans(words: list[_Word], verb: int | None) -> tuple[int, int]:
    """How many words say a plan broke (refused, called off), and how many that it holds."""
    disrupt = reaffirm = 0
    negated = any(w.lower in _NEGATIONS for w in words[: verb or 0])
    for i, w in enumerate(words):
        nxt = words[i + 1].lower if i + 1 < len(words) else ""
        broke = w.lemma in DISRUPT or (w.lemma, nxt) in DISRUPT_PARTICLES
        if broke:
            if negated and i == verb:
                reaffirm += 1
            else:
                disrupt += 1
    lemmas = [w.lemma for w in words]
    reaffirm += sum((a, b) in REAFFIRM_PHRASES for a, b in zip(lemmas, lemmas[1:], strict=False))
    return disrupt, reaffirm


def _numbers(words: list[_Word]) -> list[int]:
    values = []
    for i, w in enumerate(words):
        nxt = words[i + 1].lemma if i + 1 < len(words) else ""
        value = NUMBER_WORDS.get(w.lower)
        if w.lower.replace(",", "").isdigit():
            value = int(w.lower.replace(",", ""))
        if value is not None and value >= 2 and nxt not in ("time", "percent"):
            values.append(value)
    return values


def _is_verb_use(words: list[_Word], i: int, chain: list[int]) -> bool:
    """Is the word at ``i`` used as a verb: a main verb, a past form, after "to" or before a
    particle ("carry out")?"""
    w = words[i]
    nxt = words[i + 1].lower if i + 1 < len(words) else ""
    before = words[i - 1].lower if i else ""
    return i in chain or w.lower.endswith(("ed", "ing")) or before == "to" or nxt in PARTICLES


def read_sentence(sentence: str) -> SentenceCues:
    """The cues of one sentence, read from its words."""
    words = _words(sentence)
    chain = _main_verbs(words)
    verb = chain[-1] if chain else None
    denial, negated = _denials(words, verb)
    disrupt, reaffirm = _plans(words, verb)
    content = [
        w for w in words if w.text[0].isalnum() and w.lower not in FUNCTION_WORDS | _NEGATIONS | _WH
    ]
    hedges = sum(
        1
        for i, w in enumerate(words)
        if (w.lemma in HEDGES or w.lower in HEDGES)
        and not (w.lemma == "report" and not _is_verb_use(words, i, chain))
    )
    return SentenceCues(
        text=sentence.strip(),
        denial=denial,
        negated=tuple(sorted(set(negated))),
        asserted=tuple(sorted({stem(w.lemma) for w in content if not w.name})),
        hedges=hedges,
        reaffirm=reaffirm,
        disrupt=disrupt,
        no_comment="no comment" in sentence.lower(),
        numbers=tuple(sorted(set(_numbers(words)))),
        stems=tuple(sorted({stem(w.lemma) for w in content if w.lemma not in REPORTING_VERBS})),
        proper=tuple(sorted({w.lower for w in words if w.name and len(w.text) > 1})),
        predicate=tuple(_predicate(words, verb)),
        question=sentence.strip().endswith("?"),
        tokens=sum(w.text[0].isalnum() for w in words),
    )


def read_question(text: str) -> list[SentenceCues]:
    """The cues of each sentence of a question (or a short claim), as ``cues.analyse`` gives
    them for one text, read without a parser."""
    text = normalise(text)
    return [read_sentence(s) for s in _SENTENCE.split(text) if s.strip()]


def _content_after(words: list[_Word], i: int) -> str | None:
    """The lemma of the word after ``words[i]`` when it is a content word, else None."""
    if i + 1 >= len(words):
        return None
    after = words[i + 1]
    if after.name or not after.lower.isalpha() or after.lower in FUNCTION_WORDS | _WH:
        return None
    return after.lemma


def question_nouns(text: str) -> list[tuple[str, str | None]]:
    """The lemmas of a question's common nouns (content words that are not its verb, a name,
    a verb form or an adverb), each with the one it stands before when that is one too: in
    "the team's main sponsor", "main" comes with "sponsor", the thing it says which of."""
    out: list[tuple[str, str | None]] = []
    for sentence in _SENTENCE.split(normalise(text)):
        words = _words(sentence)
        chain = _main_verbs(words)
        nouns: dict[int, str] = {}  # by position
        for i, w in enumerate(words):
            if w.name or not w.text[0].isalnum() or w.lower in FUNCTION_WORDS | _WH | _NEGATIONS:
                continue
            if _is_verb_use(words, i, chain) or w.lower.endswith("ly") or not w.lower.isalpha():
                continue
            if w.lower in DATE_NAMES or w.text[0].isupper():
                continue
            nouns[i] = w.lemma
        out += [(lemma, _content_after(words, i)) for i, lemma in nouns.items()]
    return out
