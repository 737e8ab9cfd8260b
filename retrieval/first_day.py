"""Questions about the first day of a story: "How did the team respond on the day the report
was published?", "What did the ministry say at first?".

The answer is in the articles of the day the story broke, which a search for the question's
words does not prefer over a reply a week later. The story's first day is the earliest day,
among the best passages' articles, within a week of the story's middle day (a distractor of
last year, or one from a month before, is not the story's start); that day's passages join
the fusion as one more ranking, as a named outlet's do.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from retrieval.search import Scored, fuse_in

_FIRST_DAY = re.compile(
    r"\b(?:on|that)\s+the\s+(?:same\s+|very\s+)?day\b(?!\s+of\b)|"
    r"\b(?:at\s+first|initially|first)\b[^?]{0,40}\b(?:respond|react|repl|answer|say|said)|"
    r"\b(?:respond|react|repl|answer|say|said)\w*\b[^?]{0,40}\bat\s+first\b",
    re.IGNORECASE,
)
# How many of the best passages tell the story's days, and how far from its middle day the
# first one may be.
_AMONG = 20
_WEEK = 7


def asks_first_day(question: str) -> bool:
    """Whether the question asks about the story's first day ("on the day the report came
    out", "at first")."""
    return bool(_FIRST_DAY.search(question))


def boost_first_day(
    question: str, ranked: list[Scored], day_of: Callable[[int], date | None]
) -> list[Scored]:
    """The ranked passages re-fused with a ranking of the story's first day's passages, for
    a question about that day; ``ranked`` unchanged for any other question."""
    if not asks_first_day(question):
        return ranked
    days = sorted(d for s in ranked[:_AMONG] if (d := day_of(s.position)) is not None)
    if not days:
        return ranked
    middle = days[len(days) // 2]
    first = min(d for d in days if abs((d - middle).days) <= _WEEK)
    theirs = [s for s in ranked if day_of(s.position) == first]
    return fuse_in(ranked, sorted(theirs, key=lambda s: -s.cosine))
