"""storybot's retrieval pipeline: articles in, answers with sides and speakers out.

Public names only; ``Storybot`` is imported on first use so that importing the
package stays cheap for commands that need no model.
"""

from typing import Any

from retrieval.errors import (
    BadArticle,
    BadQuestion,
    CorpusError,
    IndexMismatch,
    IndexNotFound,
    StorybotError,
)
from retrieval.types import Answer, Article, Hit, Passage, Side, Source, Stance

__all__ = [
    "Answer",
    "Article",
    "BadArticle",
    "BadQuestion",
    "CorpusError",
    "Hit",
    "IndexMismatch",
    "IndexNotFound",
    "Passage",
    "Side",
    "Source",
    "Stance",
    "Storybot",
    "StorybotError",
]


def __getattr__(name: str) -> Any:
    if name == "Storybot":
        from retrieval.service import Storybot

        return Storybot
    raise AttributeError(f"module 'retrieval' has no attribute {name!r}")
