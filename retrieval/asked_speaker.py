"""Questions that ask what someone said: "What did the Kremlin say?", "How did Senator Mike
Lee react to the report?". The one asked about is the subject between the auxiliary and a
verb of saying or reacting; passages whose speaker holds that subject's name rank higher (a
third ranking in the fusion), since a reaction often shares few words with the question.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from retrieval.search import Scored, content_stems
from retrieval.types import Passage

_RRF_K = 60
_ASKED = re.compile(
    r"^\s*(?:what|how|why|when)\s+(?:did|does|do|has|have|had|was|were|is|are)\s+(?P<who>.+?)\s+"
    r"(?:say|said|tell|told|react|respond|answer|describe|demand|claim|deny|announce|write|"
    r"reply|comment|call|explain|add|insist|warn|argue)\w*\b",
    re.IGNORECASE,
)
_NAME = re.compile(r"\b[A-Z][\w'’-]*")


def asked_speaker(question: str) -> frozenset[str]:
    """The stems of who a question asks about: its capitalised words if it names someone
    ("Kremlin", "Mike Lee"), else its content words ("foreign ministry spokeswoman")."""
    found = _ASKED.match(question)
    if not found:
        return frozenset()
    who = re.sub(r"['’]s\b", "", found.group("who"))
    names = _NAME.findall(who)
    return frozenset(content_stems(" ".join(names) if names else who))


class SpeakerNames:
    """Each passage's speaker, as stems, by position."""

    def __init__(self, passages: Sequence[Passage]) -> None:
        self.stems = [frozenset(content_stems(p.speaker or "")) for p in passages]

    def boost(self, question: str, ranked: list[Scored]) -> list[Scored]:
        """The ranked passages re-fused with a ranking of those the asked speaker speaks."""
        who = asked_speaker(question)
        if not who:
            return ranked
        theirs = sorted(
            (s for s in ranked if who & self.stems[s.position]),
            key=lambda s: (-len(who & self.stems[s.position]), -s.cosine),
        )
        extra = {s.position: 1.0 / (_RRF_K + rank) for rank, s in enumerate(theirs)}
        fused = [replace(s, fused=s.fused + extra.get(s.position, 0.0)) for s in ranked]
        return sorted(fused, key=lambda s: (-s.fused, -s.cosine))
