"""A headline stands for its article's lead.

A headline is an editor's summary of the article under it, cut to fit: it holds the story's
words (so it ranks high) but rarely the claim a reader can check, who makes it, or on what
grounds ("Exclusive: Corvane knew of battery fires" against the lead "Corvane ... logged 41
thermal incidents ..., according to internal documents seen by the Ledgerline"). An answer that
quotes headlines shows summaries, each outlet's own, of what the leads say in full. So where
a headline ranks, its article's lead (the passage after it) is what the answer takes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from retrieval.search import Scored
from retrieval.types import Passage

# A line that ends a sentence (a full stop, a question or exclamation mark, a closing quote
# after one): a headline does not.
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)]*\s*$")
# A headline is short: a first passage longer than this is the article's first paragraph.
_HEADLINE_WORDS = 30


def is_headline(passages: Sequence[Passage], position: int) -> bool:
    """Whether a passage is its article's headline: its first, short, and no sentence."""
    passage = passages[position]
    first = position == 0 or passages[position - 1].article_id != passage.article_id
    text = passage.text.strip()
    return (
        first
        and "\n" not in text
        and len(text.split()) <= _HEADLINE_WORDS
        and not _SENTENCE_END.search(text)
    )


def lead_of(passages: Sequence[Passage], position: int) -> int | None:
    """The passage after a headline in its article, if any."""
    after = position + 1
    if after < len(passages) and passages[after].article_id == passages[position].article_id:
        return after
    return None


def lead_in_place(passages: Sequence[Passage], position: int) -> int:
    """The passage an answer takes for the one at ``position``: its article's lead when it is a
    headline that has one (and does not quote its article in full), else itself."""
    if is_headline(passages, position) and not passages[position].copies:
        return lead_of(passages, position) or position
    return position


def leads_for_headlines(
    ranked: list[Scored], passages: Sequence[Passage], cosine_of: Callable[[int], float]
) -> list[Scored]:
    """The ranking with each headline's article lead in its place (ranked where the headline
    ranked, scored by its own cosine ``cosine_of(position)`` to the question); a lead already
    ranked lower goes from there. A headline whose words a passage repeats (its ``copies``: a
    quotation the article gives in full) is left for ``search.distinct`` to show that one."""
    out: list[Scored] = []
    taken: set[int] = set()
    for scored in ranked:
        lead = lead_in_place(passages, scored.position)
        if lead != scored.position:
            scored = replace(scored, position=lead, cosine=cosine_of(lead))
        if scored.position not in taken:
            taken.add(scored.position)
            out.append(scored)
    return out
