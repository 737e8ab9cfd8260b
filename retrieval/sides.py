"""Group the passages that answer a question into the sides of the claim they take."""

from __future__ import annotations

import logging

from retrieval.search import Searcher
from retrieval.types import Hit, Side

logger = logging.getLogger(__name__)


def _label(prefix: str, hits: list[Hit]) -> str:
    top = hits[0]
    words = top.passage.text.split()
    gist = " ".join(words[:12]) + ("…" if len(words) > 12 else "")
    who = top.passage.speaker or top.source.outlet
    via = "" if who == top.source.outlet else f", via {top.source.outlet}"
    return f"{prefix}: {gist} ({who}{via})"


def form_sides(question: str, hits: list[Hit], searcher: Searcher) -> tuple[list[Side], list[Hit]]:
    """The sides of the answer and the context passages (relevant, taking neither side)."""
    if not hits:
        return [], []
    return [Side(_label("Answer", hits), tuple(hits), "answer")], []
