"""Questions that ask for a count: "How many sources did the report rely on?".

The answer is a passage that counts the thing asked about ("based on a single anonymous
source", "three divers", "both ministers"), which may share little else with the question and
rank far down. Among the ranked passages, those that count it join the fusion as one more
ranking (``search.fuse_in``), as a named outlet's and an asked speaker's do, and the answer
keeps a place for them (``Candidate.direct``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from retrieval.lexicon import COUNT_WORDS, NUMBER_WORDS
from retrieval.search import Scored, content_stems, fuse_in
from retrieval.types import Passage

_HOW_MANY = re.compile(r"\bhow\s+(?:many|much)\s+(?P<what>[\w-]+)", re.IGNORECASE)
_COUNTER = "|".join(sorted({*NUMBER_WORDS, *COUNT_WORDS}, key=len, reverse=True))
# a count, then at most two words ("anonymous", "US Navy"), then what is counted
_COUNTED = re.compile(
    rf"(?:\b\d[\d,.]*|\b(?:{_COUNTER}))\s+((?:[\w-]+\s+){{0,2}}[\w-]+)", re.IGNORECASE
)


def counted_thing(question: str) -> str | None:
    """The stem of what a question asks the count of ("sourc" of "How many sources ..."),
    None when it does not ask for one."""
    found = _HOW_MANY.search(question)
    stems = content_stems(found.group("what")) if found else []
    return stems[0] if stems else None


def counts(text: str, thing: str) -> bool:
    """Whether a text counts the thing (a stem): a number or a count word at most two words
    before it ("a single anonymous source", "3 sources"), not merely its plural."""
    return any(thing in content_stems(found.group(1)) for found in _COUNTED.finditer(text))


def boost_counts(question: str, ranked: list[Scored], passages: Sequence[Passage]) -> list[Scored]:
    """The ranked passages re-fused with a ranking of those that count what the question asks
    the count of; ``ranked`` unchanged for any other question."""
    thing = counted_thing(question)
    if thing is None:
        return ranked
    counting = [s for s in ranked if counts(passages[s.position].text, thing)]
    return fuse_in(ranked, counting) if counting else ranked
