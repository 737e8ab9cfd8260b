"""The story's timeline: what each article first brought, in the order it appeared.

Each dated article gives one entry, its lead: the first passage of at least a few words (the
headline, or the opening sentence when the headline is a kicker). Articles whose leads are
copies of one another (a wire story run by several outlets, ``Passage.copies``) give one
entry, dated by its first appearance and carried by all of them; so do articles that carry
at least half of one another's passages under headlines of their own. Undated articles come last,
in corpus order. Read from the index alone: no model, no parse.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from retrieval.copies import first_appearance
from retrieval.types import Passage, Source, carrier

# A lead shorter than this many words ("Watch:", "Camera Icon") is passed over for the next.
_LEAD_WORDS = 5


@dataclass(frozen=True)
class TimelineEntry:
    """One event of the story: the passage that first told it and every article that did.

    Example: TimelineEntry(lead, (reuters, straits_times)).date == "2023-02-08"
    """

    passage: Passage
    carried_by: tuple[Source, ...]  # first appearance first

    @property
    def first(self) -> Source:
        return self.carried_by[0]

    @property
    def date(self) -> str | None:
        return self.first.published

    def to_dict(self) -> dict[str, Any]:
        first = self.first
        return {
            "date": self.date,
            "text": self.passage.text,
            "speaker": self.passage.speaker,
            "verified": self.passage.verified,
            "outlet": first.outlet,
            "url": first.url,
            "article": first.article_id,
            "language": first.language,
            "passage_id": self.passage.id,
            "carried_by": [carrier(s) for s in self.carried_by],
        }


def _leads(passages: Iterable[Passage]) -> dict[str, Passage]:
    """Each article's lead passage, by article id, in corpus order."""
    by_article: dict[str, list[Passage]] = {}
    for passage in passages:
        by_article.setdefault(passage.article_id, []).append(passage)
    leads = {}
    for article, own in by_article.items():
        long_enough = [p for p in own if len(p.text.split()) >= _LEAD_WORDS]
        leads[article] = (long_enough or own)[0]
    return leads


def _copied(passages: list[Passage]) -> dict[str, set[str]]:
    """For each article, the articles that carry at least half of its passages word for word
    or nearly (``Passage.copies``): one wire story run by several outlets under their own
    headlines."""
    article_of = {p.id: p.article_id for p in passages}
    shared: dict[str, Counter[str]] = {}
    sizes: Counter[str] = Counter()
    for passage in passages:
        sizes[passage.article_id] += 1
        others = {article_of[c] for c in passage.copies if c in article_of}
        shared.setdefault(passage.article_id, Counter()).update(others - {passage.article_id})
    return {
        article: {b for b, n in counts.items() if n >= max(2, sizes[article] / 2)}
        for article, counts in shared.items()
    }


def story_timeline(passages: Iterable[Passage], sources: dict[str, Source]) -> list[TimelineEntry]:
    """The story's events in the order they first appeared (undated ones last)."""
    passages = list(passages)
    order = {article: i for i, article in enumerate(sources)}
    leads = {a: p for a, p in _leads(passages).items() if a in sources}
    lead_of = {p.id: a for a, p in leads.items()}
    copied = _copied(passages)
    entries: list[TimelineEntry] = []
    done: set[str] = set()
    for article in sorted(leads, key=lambda a: _when(sources[a], order)):
        if article in done:
            continue
        group = [article] + [lead_of[c] for c in leads[article].copies if c in lead_of]
        group += sorted(b for b in copied.get(article, ()) if b in leads)
        group = [a for a in dict.fromkeys(group) if a not in done]
        done.update(group)
        carriers = first_appearance([sources[a] for a in group], order)
        entries.append(TimelineEntry(leads[carriers[0].article_id], tuple(carriers)))
    return entries


def _when(source: Source, order: dict[str, int]) -> tuple[bool, str, int]:
    return (source.published is None, source.published or "", order[source.article_id])
