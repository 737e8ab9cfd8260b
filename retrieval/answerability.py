"""Decide whether the corpus answers a question at all.

No single cosine threshold separates answerable from unanswerable questions
across corpora (an unanswerable "weather in Moscow" scored 0.46 over 19
articles; an answerable "which newspaper broke the story" 0.37 over two), so the
decision weighs several signals:

- coverage: the share of the question's content words (stemmed) that occur
  anywhere in the corpus; a question about "Biden" or "the weather" asks about
  words the corpus never uses;
- names: a capitalised name in the question that the corpus never mentions
  means the corpus cannot be answering about it;
- support: how many of the question's content words the best passages share;
- the best passage's cosine, as one signal among these, not a verdict.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from retrieval.lexicon import IRREGULAR_FORMS, TITLE_WORDS
from retrieval.search import Scored, content_stems, stopwords
from retrieval.types import Passage

# Words that shape a question but carry no topic of their own.
_QUESTION_WORDS = frozenset(
    """what whats when where which who whom whose why how did does do is are was were will would
    could can should say said says tell told know think anyone someone something anything really
    about report reported reports news latest happen happened any there their them they
    many much between still ever really actually exactly also even just now already yet
    date day time year reason kind sort way number""".split()
)
# The irregular forms of a word ("pay": "paid"), whose stems are not the word's.
_IRREGULAR: dict[str, list[str]] = {}
for _form, _lemma in IRREGULAR_FORMS.items():
    _IRREGULAR.setdefault(_lemma, []).append(_form)
# Words that name what kind of answer is wanted, not what it is about ("on what date").
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)*)\b")


class StemLookup(Protocol):
    """The content stems of a passage by its position: a list, or one that stems on demand."""

    def __getitem__(self, position: int, /) -> set[str]: ...


class PassageStems:
    """The content stems of each passage by position, stemmed when first needed."""

    def __init__(self, passages: list[Passage]) -> None:
        self._passages = passages
        self._stems: dict[int, set[str]] = {}

    def __getitem__(self, position: int) -> set[str]:
        found = self._stems.get(position)
        if found is None:
            found = self._stems[position] = set(content_stems(self._passages[position].text))
        return found


@dataclass(frozen=True)
class Verdict:
    """Whether to answer, and why, in numbers a test or a log can read.

    Example: Verdict(answered=False, reason="the corpus never mentions: paris, weather")
    """

    answered: bool
    reason: str
    coverage: float
    support: float
    top_cosine: float
    missing: tuple[str, ...] = ()


def question_terms(question: str) -> list[str]:
    """The question's topic words, stemmed: what the corpus must speak about to answer."""
    words = re.findall(r"(?u)\b\w\w+\b", question.lower())
    kept = [w for w in words if w not in _QUESTION_WORDS and w not in stopwords()]
    return content_stems(" ".join(kept))


def absent_nouns(question: str, vocabulary: frozenset[str]) -> list[str]:
    """Stems of the question's common nouns that the corpus never uses: things it asks about
    (read from its words, without a parser: ``retrieval.stance.reading``). A word before a
    noun the corpus does use only says which one ("the team's main sponsor"): not absent."""
    from retrieval.stance.reading import question_nouns

    absent = []
    for noun, before in question_nouns(question):
        stems = content_stems(noun) if noun not in _QUESTION_WORDS else []
        if not stems or _used(noun, stems[0], vocabulary):
            continue
        if before is not None and set(content_stems(before)) <= vocabulary:
            continue
        absent.append(stems[0])
    return list(dict.fromkeys(absent))


def _used(lemma: str, stem: str, vocabulary: frozenset[str]) -> bool:
    """Whether the corpus uses a word, in any form: "pay" is in a corpus that says "paid"
    (an irregular form's stem is not the word's)."""
    return stem in vocabulary or any(
        set(content_stems(form)) <= vocabulary for form in _IRREGULAR.get(lemma, ())
    )


def question_names(question: str) -> list[str]:
    """Capitalised words inside the question (not its first word): names it asks about."""
    # "Japan's government" asks about Japan
    names = [re.sub(r"['’]s$", "", m.group(1)) for m in _NAME.finditer(question.strip())]
    return [n for n in names if n.lower() not in _QUESTION_WORDS and n.lower() not in stopwords()]


def _mentioned(name: str, vocabulary: frozenset[str]) -> bool:
    """Whether the corpus uses a name of the question, or its abbreviation for a title
    ("Senator" written "Sen.")."""
    if set(content_stems(name)) <= vocabulary:
        return True
    short = [abbreviation for abbreviation, word in TITLE_WORDS.items() if word == name.lower()]
    return any(set(content_stems(a)) <= vocabulary for a in short)


def judge(
    question: str,
    ranked: list[Scored],
    passage_stems: StemLookup,
    vocabulary: frozenset[str],
    top: int = 5,
    names: bool = True,
) -> Verdict:
    """Whether the ranked passages answer the question.

    Args:
        question: what the user asked.
        ranked: passages fused from dense and BM25 search, best first.
        passage_stems: the content stems of every passage, by position.
        vocabulary: every stem the corpus uses.
        top: how many of the best passages may lend support.
        names: whether the question's capitalised words are names (not in German, which
            capitalises every noun).
    """
    terms = list(dict.fromkeys(question_terms(question)))
    if not ranked:
        return Verdict(False, "the corpus is empty", 0.0, 0.0, 0.0)
    top_cosine = max(s.cosine for s in ranked[:top])
    if not terms:
        # Nothing to look for but the question's shape: trust only a close paraphrase.
        answered = top_cosine >= 0.5
        return Verdict(answered, "no topic words; by similarity alone", 0.0, 0.0, top_cosine)
    missing = tuple(t for t in terms if t not in vocabulary)
    coverage = 1 - len(missing) / len(terms)
    asked = question_names(question) if names else []
    missing_names = [n for n in asked if not _mentioned(n, vocabulary)]
    support = max(len(set(terms) & passage_stems[s.position]) / len(terms) for s in ranked[:top])

    if missing_names:
        reason = "the corpus never mentions " + ", ".join(missing_names)
        return Verdict(False, reason, coverage, support, top_cosine, missing)
    # A thing the question asks about that the corpus never names ("the weather",
    # "troops", "medals") means the corpus is not about it, unless a passage is a
    # passage is close to the whole question (a paraphrase: "paper" for "newspaper").
    absent = absent_nouns(question, vocabulary)
    if absent and top_cosine < 0.45:
        reason = "the corpus never mentions " + ", ".join(absent)
        return Verdict(False, reason, coverage, support, top_cosine, missing)
    if coverage < 0.5:
        reason = "the corpus never mentions " + ", ".join(missing)
        return Verdict(False, reason, coverage, support, top_cosine, missing)
    # Most of the question's words are somewhere in the corpus: answer when one of
    # the best passages is about them, either by shared words or by meaning.
    evidence = support + top_cosine
    answered = (support >= 0.5 and top_cosine >= 0.2) or (top_cosine >= 0.45) or evidence >= 0.75
    reason = f"coverage {coverage:.2f}, support {support:.2f}, cosine {top_cosine:.2f}"
    return Verdict(answered, reason, coverage, support, top_cosine, missing)
