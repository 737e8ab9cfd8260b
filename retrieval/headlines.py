"""A headline stands for its article's lead.

A headline is an editor's summary of the article under it, cut to fit: it holds the story's
words (so it ranks high) but rarely the claim a reader can check, who makes it, or on what
grounds ("Exclusive: Corvane knew of battery fires" against the lead "Corvane ... logged 41
thermal incidents ..., according to internal documents seen by the Ledgerline"). An answer that
quotes headlines shows summaries, each outlet's own, of what the leads say in full. So where
a headline ranks, its article's lead (the passage after it) is what the answer takes; or, when
the headline quotes someone ("Director wrote 'We cannot lose her in August' as repair was put
off"), the passage of its article that gives those words, with who said them and where.
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
# Words a headline quotes: in quote marks that open after a space (not the apostrophe of
# "Ostmere's") and close before one; three words at least.
_QUOTED = re.compile(r"(?:^|(?<=[\s(:]))[\"'‘“«„]([^\"“”«»„‘’]+?)[\"'’”»“](?=[\s,.:;!?)]|$)")
_QUOTE_MARKS = str.maketrans({c: "'" for c in '‘’‚‛`"“”„«»'})
_QUOTED_WORDS = 3


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
    """The passage an answer takes for the one at ``position``: when it is a headline (that
    does not quote its article in full), the passage of its article giving the words it
    quotes, else its article's lead; otherwise itself."""
    if is_headline(passages, position) and not passages[position].copies:
        return quoting(passages, position) or lead_of(passages, position) or position
    return position


def quoting(passages: Sequence[Passage], position: int) -> int | None:
    """The first passage after a headline, in its article, holding words the headline quotes
    (three words at least; quote marks, case and spacing aside)."""
    quoted = [
        _plain(m.group(1))
        for m in _QUOTED.finditer(passages[position].text)
        if len(m.group(1).split()) >= _QUOTED_WORDS
    ]
    if not quoted:
        return None
    article = passages[position].article_id
    after = position + 1
    while after < len(passages) and passages[after].article_id == article:
        text = _plain(passages[after].text)
        if any(q in text for q in quoted):
            return after
        after += 1
    return None


def _plain(text: str) -> str:
    return " ".join(text.translate(_QUOTE_MARKS).lower().split())


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
