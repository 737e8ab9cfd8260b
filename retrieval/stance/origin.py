"""Where a denied claim comes from: the outlet whose report the denials answer.

A denial usually names what it denies: "Stellbrook denied a report by Lamplight
Investigations", "In her first comments since the Ledgerline's report", "The Tresk Ledger
reported on Monday that ...". When that outlet is in the corpus, its own passages on the
matter are the claim as first told, and they belong on the asserting side of the answer even
where the stance judge reads them as mere discussion of the question (the report words it
otherwise: "the scoring rules were rewritten" for "did the deputy mayor steer the deal?").

Pure: given candidates (each knows its outlet), it searches nothing.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from typing import Protocol, TypeVar

from retrieval.lexicon import RECIPIENT_WORDS
from retrieval.outlets import outlet_name
from retrieval.types import Hit

# Shorter names ("AP", "CNN" aside, which are upper case) match too much ordinary text.
_SHORTEST_NAME = 4


class _HasHit(Protocol):
    @property
    def hit(self) -> Hit: ...


C = TypeVar("C", bound=_HasHit)


def _names_as_source(text: str, name: str) -> bool:
    """Whether ``text`` names ``name`` as someone who reported something, not as whom a
    statement was given to ("told Reuters")."""
    for found in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
        before = re.findall(r"[\w’'-]+", text[: found.start()])
        previous = [w.casefold() for w in before[-2:]]
        if previous[-1:] == ["the"]:
            previous = previous[:-1]
        if not (previous and previous[-1] in RECIPIENT_WORDS):
            return True
    return False


def origin_outlets(denials: Iterable[_HasHit], outlets: Iterable[str]) -> frozenset[str]:
    """The outlets (as ``Source.outlet`` spells them) whose report the denials name: an
    outlet's name in the text of a denial published by another outlet, not as the one a
    statement was given to. A wire copy's own credit ("(Reuters)", "Reuters has not
    corroborated") is its own outlet, not an origin."""
    names = {o: " ".join(outlet_name(o)) for o in set(outlets)}
    found: set[str] = set()
    for denial in denials:
        own = denial.hit.source.outlet.casefold()
        for outlet, name in names.items():
            if len(name) < _SHORTEST_NAME and not name.isupper():
                continue
            if name.casefold() in own:
                continue
            if _names_as_source(denial.hit.passage.text, name):
                found.add(outlet)
    return frozenset(found)


def from_origin(candidates: Sequence[C], origins: Collection[str], least_score: float) -> list[C]:
    """The candidates published by one of the ``origins`` (``origin_outlets``), about the
    question (cosine at least ``least_score``), best first."""
    found = [c for c in candidates if c.hit.source.outlet in origins and c.hit.score >= least_score]
    return sorted(found, key=lambda c: -c.hit.score)
