"""An answer's story period: the days its story is told around.

A follow-up a year on, or another story that shares the story's names, is not the answer to a
question about the story unless the question is about it. The period is the middle
publication day of the best passages' articles, and the best passage's own day, give or take
``DAYS``; undated articles are always in it.

A story's coverage also has a start: the first week in which several of the corpus's articles
appear (a report, the replies, the wire copies). An article published more than a week before
it, alone in its week, is another story from the same outlets or places (last month's pay deal
at the same plant, a prosecutor's earlier case): it is in the period of no question about the
story, only of one whose best passages are from that time too. A report whose replies came
within a week is the story's.
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import date, timedelta

from retrieval.index import PassageIndex
from retrieval.search import Scored

# How many of the best passages tell the story's days, and how far from them it goes.
FROM = 5
DAYS = 120
# The story's coverage starts in the first week (``WEEK`` days on from a day) that holds at
# least ``BURST`` articles, and a tenth of the dated ones when there are more than 30.
WEEK = 7
BURST = 3
# A question is about the time before the story when a passage of then matches it better than
# the story's best passage does by this much (cosine), among the ``AMONG`` best passages.
LEAD = 0.05
AMONG = 20


def day_of(published: str | None) -> date | None:
    """The day of an article's ``published`` (ISO date or time), None when it has none."""
    try:
        return date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


class StoryPeriod:
    """The publication days of an index's passages, and the story period of a ranking.

    Example: period = StoryPeriod(index); days = period.days(ranked); period.holds(p, days)
    """

    def __init__(self, index: PassageIndex) -> None:
        self._passages = index.passages
        self._dates = {a: day_of(s.published) for a, s in index.sources.items()}
        self.start = story_start([d for d in self._dates.values() if d is not None])

    def published(self, position: int) -> date | None:
        """The day the passage at ``position`` was published, None when unknown."""
        return self._dates.get(self._passages[position].article_id)

    def days(self, ranked: list[Scored]) -> tuple[date, ...]:
        """The days the ranking's story is told around: the middle publication day of the
        best passages' articles, and the best passage's own day (the question may be about
        it)."""
        earlier = self._earlier(ranked[:AMONG])
        if earlier is not None:
            return (earlier,)
        dates = [d for d in (self.published(s.position) for s in ranked[:FROM]) if d]
        if not dates:
            return ()
        best = self.published(ranked[0].position)
        return tuple({sorted(dates)[len(dates) // 2], *([best] if best else [])})

    def holds(self, position: int, days: tuple[date, ...]) -> bool:
        """Whether a passage's article is of the story's period (``days``, as ``days()``
        gives them); undated articles always are."""
        day = self.published(position)
        if day is None:
            return True
        if self.before_story(day) and not (days and all(self.before_story(d) for d in days)):
            return False  # the question is about the story, not about what came before it
        return not days or any(abs((day - d).days) <= DAYS for d in days)

    def _earlier(self, ranked: list[Scored]) -> date | None:
        """The day of the best passage published before the story, when the question is
        about that time: it matches the question better than any passage of the story's
        coverage does, by ``LEAD`` (cosine)."""
        before = [s for s in ranked if (d := self.published(s.position)) and self.before_story(d)]
        if not before:
            return None
        best = max(before, key=lambda s: s.cosine)
        story = max((s.cosine for s in ranked if s not in before), default=0.0)
        return self.published(best.position) if best.cosine >= story + LEAD else None

    def before_story(self, day: date) -> bool:
        """Whether ``day`` is more than a week before the story's coverage started."""
        return self.start is not None and (self.start - day).days > WEEK


def story_start(days: list[date]) -> date | None:
    """The first day of the story's coverage: the earliest publication day from which a week
    holds at least ``BURST`` articles (and a tenth of them all); None when no week does, or
    for a corpus of fewer articles than that (every article is the story's)."""
    need = max(BURST, len(days) // 10)
    ordered = sorted(days)
    for i, first in enumerate(ordered):  # an archive's many days: a binary search each
        if bisect_right(ordered, first + timedelta(days=WEEK)) - i >= need:
            return first
    return None
