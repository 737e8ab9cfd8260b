"""Who is quoted in an article: every passage with its speaker and cue, as the index holds them.

The index stores each passage's speaker and cue from ingest, so nothing is read, chunked or
attributed again here.
"""

from __future__ import annotations

from typing import Any

from retrieval.errors import BadArticle
from retrieval.index import PassageIndex
from retrieval.types import Passage, Source


def quoted_passages(index: PassageIndex, names: list[str]) -> list[tuple[Source, Passage]]:
    """Every passage of the named articles (ids or file names; all when empty) with its speaker.

    Raises:
        BadArticle: a name matches no article of the index.
    """
    sources = index.sources
    wanted = set(sources)
    if names:
        wanted = {n.removesuffix(".txt").removesuffix(".html").removesuffix(".htm") for n in names}
        unknown = sorted(wanted - set(sources))
        if unknown:
            raise BadArticle(f"no article {', '.join(unknown)} in the corpus")
    return [(sources[p.article_id], p) for p in index.passages if p.article_id in wanted]


def quote_record(source: Source, passage: Passage) -> dict[str, Any]:
    """One ``quotes --json`` row: the passage with its outlet and date, under the field names
    every command shares (``article``, ``passage_id``), beside the passage's own
    ``article_id`` and ``id``."""
    return {
        **passage.to_dict(),
        "outlet": source.outlet,
        "published": source.published,
        "article": passage.article_id,
        "passage_id": passage.id,
    }
