"""Questions that ask what someone said: "What did the Kremlin say?", "How did Senator Mike
Lee react to the report?", and why someone named did something ("Why did Edvard Rimmel
resign?"). The one asked about is the subject between the auxiliary and a verb of saying or
reacting (any verb after a name, for "why"); passages whose speaker holds that subject's
name rank higher (a third ranking in the fusion), since a reaction often shares few words with
the question.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from retrieval.search import Scored, content_stems, fuse_in
from retrieval.types import Passage

_ASKED = re.compile(
    r"^\s*(?:what|how|why|when)\s+(?:did|does|do|has|have|had|was|were|is|are)\s+(?P<who>.+?)\s+"
    r"(?:say|said|tell|told|react|respond|answer|describe|demand|claim|deny|announce|write|"
    r"reply|comment|call|explain|add|insist|warn|argue)\w*\b",
    re.IGNORECASE,
)
# "Why did Edvard Rimmel resign?": why someone named did something is first theirs to say
# (their letter, their statement), whatever the verb.
_WHY_NAMED = re.compile(
    r"^\s*(?i:why\s+(?:did|does|do|has|have|had|was|were|is|are))\s+"
    r"(?P<who>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)\s+[a-z]"
)
_NAME = re.compile(r"\b[A-Z][\w'’-]*")
# a preposition that opens what qualifies who is asked ("workers at ...", "the head of ...")
_QUALIFIER = re.compile(r"\s+(?:at|of|in|from|for|on|with)\s+")


def asked_speaker(question: str) -> frozenset[str]:
    """The stems of who a question asks about: its capitalised words if it names someone
    ("Kremlin", "Mike Lee"), else its content words ("foreign ministry spokeswoman"); a common
    noun the names only qualify ("workers at the Nordal refinery") is one of them too."""
    who = _who(question)
    if who is None:
        return frozenset()
    names = _NAME.findall(who)
    return frozenset(content_stems(" ".join(names) if names else who)) | asked_head(question)


def asked_head(question: str) -> frozenset[str]:
    """The stems of the common noun that says who is asked when names after it only qualify
    it: "workers" of "workers at the Nordal refinery in Ostrel", "head" of "the head of the
    water authority"; empty when the asked one is named first ("Kremlin spokesman Peskov")."""
    who = _who(question)
    if who is None:
        return frozenset()
    before = _QUALIFIER.split(who, maxsplit=1)[0]
    if before == who or _NAME.search(before):
        return frozenset()
    return frozenset(content_stems(before))


def _who(question: str) -> str | None:
    found = _ASKED.match(question) or _WHY_NAMED.match(question)
    return re.sub(r"['’]s\b", "", found.group("who")) if found else None


@lru_cache(maxsize=4096)
def _speaker_stems(speaker: str) -> frozenset[str]:
    return frozenset(content_stems(speaker))


class SpeakerNames:
    """Each passage's speaker, as stems, read for the ranked passages of a question only."""

    def __init__(self, passages: Sequence[Passage]) -> None:
        self._passages = passages

    def stems(self, position: int) -> frozenset[str]:
        return _speaker_stems(self._passages[position].speaker or "")

    def asked_about(self, question: str) -> Callable[[int], bool]:
        """Whether the passage at a position is spoken by the one the question asks about
        (a name of theirs in its speaker); never, for a question that asks about no one."""
        who = asked_speaker(question)
        head = asked_head(question)
        # the speaker must be what is asked about ("workers"), not only where it is ("Nordal")
        return lambda position: (
            bool(who & self.stems(position)) and (not head or bool(head & self.stems(position)))
        )

    def boost(self, question: str, ranked: list[Scored]) -> list[Scored]:
        """The ranked passages re-fused with a ranking of those the asked speaker speaks."""
        who = asked_speaker(question)
        if not who:
            return ranked
        speaks = self.asked_about(question)
        theirs = [s for s in ranked if speaks(s.position)]
        theirs.sort(key=lambda s: (-len(who & self.stems(s.position)), -s.cosine))
        return fuse_in(ranked, theirs) if theirs else ranked
