"""An answer's story period: the days its story is told around.

A follow-up a year on, or another story that shares the story's names, is not the answer to a
question about the story unless the question is about it. The period is the middle
publication day of the best passages' articles, and the best passage's own day, give or take
``DAYS``; undated articles are always in it.
"""

from __future__ import annotations

from datetime import date

from retrieval.index import PassageIndex
from retrieval.search import Scored

# How many of the best passages tell the story's days, and how far from them it goes.
FROM = 5
DAYS = 120


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

    def published(self, position: int) -> date | None:
        """The day the passage at ``position`` was published, None when unknown."""
        return self._dates.get(self._passages[position].article_id)

    def days(self, ranked: list[Scored]) -> tuple[date, ...]:
        """The days the ranking's story is told around: the middle publication day of the
        best passages' articles, and the best passage's own day (the question may be about
        it)."""
        dates = [d for d in (self.published(s.position) for s in ranked[:FROM]) if d]
        if not dates:
            return ()
        best = self.published(ranked[0].position)
        return tuple({sorted(dates)[len(dates) // 2], *([best] if best else [])})

    def holds(self, position: int, days: tuple[date, ...]) -> bool:
        """Whether a passage's article is of the story's period (``days``, as ``days()``
        gives them); undated articles always are."""
        day = self.published(position)
        return not days or day is None or any(abs((day - d).days) <= DAYS for d in days)
