"""Questions that ask for a count: "How many sources did the report rely on?".

The answer is a passage that counts the thing asked about ("based on a single anonymous
source", "three divers", "both ministers"), which may share little else with the question and
rank far down. Among the ranked passages, those that count it join the fusion as one more
ranking (``search.fuse_in``), as a named outlet's and an asked speaker's do, and the answer
keeps a place for them (``Candidate.direct``).

A question that asks how many or how much is answered only by a passage that gives a figure
for what it asks: a sentence with a number or a count word and the thing counted ("jobs" of
"How many jobs ...?") or, when "how much" asks of a verb, that verb ("fall" of "How much did
the shares fall?"). Passages about the thing without a figure ("Corvane has not said what
compensation it will offer") do not answer "How much compensation ...?" (``amount_missing``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from retrieval.lexicon import COUNT_WORDS, FUNCTION_WORDS, NUMBER_WORDS
from retrieval.search import Scored, content_stems, fuse_in
from retrieval.stance.reading import lemma_of
from retrieval.stance.store import sentence_spans
from retrieval.types import Passage

_HOW_ASKED = re.compile(r"\bhow\s+(?:many|much)\b(?P<rest>[^?,;]*)", re.IGNORECASE)
_WORD = re.compile(r"[^\W_][\w'’-]*")
_COUNTER = "|".join(sorted({*NUMBER_WORDS, *COUNT_WORDS}, key=len, reverse=True))
_FIGURE = re.compile(rf"\d|\b(?:{_COUNTER})\b", re.IGNORECASE)
# a count, then at most two words ("anonymous", "US Navy"), then what is counted
_COUNTED = re.compile(
    rf"(?:\b\d[\d,.]*|\b(?:{_COUNTER}))\s+((?:[\w-]+\s+){{0,2}}[\w-]+)", re.IGNORECASE
)


def counted_things(question: str) -> frozenset[str]:
    """The stems of what a question asks the count of: for each "how many" or "how much",
    the last word before the question goes on ("incid" of "How many battery incidents did
    ...", "sourc" of "How many sources ..."; both of "How many drips ..., and how many
    infusions ...?"); empty when it asks for none."""
    things: set[str] = set()
    for found in _HOW_ASKED.finditer(question):
        head = _counted_word(_WORD.findall(found.group("rest")))
        if head is not None and (stems := content_stems(head)):
            things.add(stems[0])
    return frozenset(things)


def _counted_word(words: Sequence[str]) -> str | None:
    """The word "how many" or "how much" asks the amount of: the last of the words after it,
    up to the first function word ("incidents" of "battery incidents did ...")."""
    thing: list[str] = []
    for word in words:
        if word.lower() in FUNCTION_WORDS:
            break
        thing.append(word)
    return thing[-1] if thing else None


def counts(text: str, things: frozenset[str]) -> bool:
    """Whether a text counts one of the things (stems): a number or a count word at most two
    words before it ("a single anonymous source", "3 sources"), not merely its plural."""
    return any(things & set(content_stems(found.group(1))) for found in _COUNTED.finditer(text))


def boost_counts(question: str, ranked: list[Scored], passages: Sequence[Passage]) -> list[Scored]:
    """The ranked passages re-fused with a ranking of those that count what the question asks
    the count of; ``ranked`` unchanged for any other question."""
    things = counted_things(question)
    if not things:
        return ranked
    counting = [s for s in ranked if counts(passages[s.position].text, things)]
    return fuse_in(ranked, counting) if counting else ranked


def _stems(words: Sequence[str]) -> set[str]:
    return {s for w in words for s in content_stems(lemma_of(w.lower()))}


def asked_amounts(question: str) -> list[tuple[str, set[str]]]:
    """For each "how many" or "how much" of a question, what it asks the amount of, as asked,
    and the stems a sentence that answers it holds one of: the thing counted ("jobs", {"job"}
    of "How many jobs ..."), else what "how much" asks of ("shares fall", {"share", "fall"}
    of "How much did Corvane's shares fall after ...")."""
    asked = []
    for found in _HOW_ASKED.finditer(question):
        words = _WORD.findall(found.group("rest"))
        if (thing := _counted_word(words)) is not None:
            asked.append((thing, _stems([thing])))
            continue
        # "how much does X pay to ...": after the auxiliary, up to the next function word
        phrase = []
        for word in words[1:]:
            if word.lower() in FUNCTION_WORDS:
                break
            if not word[0].isupper():  # a name says whose, not what
                phrase.append(word)
        if stems := _stems(phrase):
            asked.append((" ".join(phrase), stems))
    return asked


def gives_amount(text: str, stems: set[str]) -> bool:
    """Whether a sentence of ``text`` holds a figure and one of ``stems``."""
    return any(
        _FIGURE.search(sentence) and stems & _stems(_WORD.findall(sentence))
        for sentence in (text[a:b] for a, b in sentence_spans(text))
    )


def amount_missing(question: str, texts: Sequence[str]) -> str | None:
    """Why ``texts`` (the best passages) do not answer a question asking how many or how
    much ("no passage gives a figure for jobs"); None when they do, or when the question asks
    no amount."""
    for asked, stems in asked_amounts(question):
        if not any(gives_amount(text, stems) for text in texts):
            return f"no passage gives a figure for {asked}"
    return None
