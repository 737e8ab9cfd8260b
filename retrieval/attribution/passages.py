"""Which speaker speaks for a passage: the one whose claims cover most of it, and a second
one where two people speak in one of its sentences ("Mara Kettle; Tom Brill") or where the
passage holds a quotation of someone else's ("White House; Adrienne Watson")."""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Sequence

from retrieval.attribution.finder import find_claims
from retrieval.attribution.records import Claim, ClaimKind
from retrieval.lexicon import PERSON_ROLES
from retrieval.types import Passage

# A passage gets a speaker only if that speaker's claims cover this share of its characters.
MIN_COVER = 0.2
# Between the two speakers of a passage where two people speak in one sentence.
SPEAKER_SEPARATOR = "; "


def _merge(intervals: list[tuple[int, int]]) -> int:
    """Total length of a union of intervals."""
    total = 0
    current: tuple[int, int] | None = None
    for s, e in sorted(intervals):
        if current is None or s > current[1]:
            if current is not None:
                total += current[1] - current[0]
            current = (s, e)
        else:
            current = (current[0], max(current[1], e))
    if current is not None:
        total += current[1] - current[0]
    return total


def _speaker_of(
    claims: Sequence[Claim], starts: list[int], start: int, end: int
) -> tuple[Claim, ...]:
    """The claims whose speakers speak for text[start:end], in text order: the one whose
    speaker covers most of it, if that is enough, and a second named speaker who shares a
    sentence with it ("Cruz said ..., and Trump vowed ..."); () when nobody covers enough."""
    # claims are sorted by extent start; any claim starting after ``end`` cannot overlap
    hi = bisect.bisect_left(starts, end)
    by_speaker: dict[str | None, list[Claim]] = {}
    for c in claims[:hi]:
        if min(c.extent[1], end) > max(c.extent[0], start):
            key = c.speaker.lower() if c.speaker else None
            by_speaker.setdefault(key, []).append(c)
    if not by_speaker:
        return ()
    first = {k: max(v, key=lambda c: c.extent[1] - c.extent[0]) for k, v in by_speaker.items()}
    cover = {
        k: _merge([(max(c.extent[0], start), min(c.extent[1], end)) for c in v])
        for k, v in by_speaker.items()
    }
    enough = MIN_COVER * max(1, end - start)
    if any(k is not None and v >= enough for k, v in cover.items()):
        # a claim by someone the text never names ("someone in the audience shouted")
        # does not hide the named speaker beside it
        cover.pop(None, None)
    # on a tie, a rule's claim beats the cue model's guess
    key = max(
        cover,
        key=lambda k: (
            cover[k],
            first[k].rank,
            first[k].kind != ClaimKind.LEARNED_CUE,
            k is not None,
        ),
    )
    if cover[key] < enough:
        return ()
    winner = first[key]
    second = _second_speaker(winner, by_speaker, cover, enough)
    return tuple(sorted((winner, second), key=lambda c: c.extent)) if second else (winner,)


def _words(name: str) -> set[str]:
    return set(re.findall(r"\w+", name.lower()))


def _bare_role(speaker: str) -> bool:
    """A speaker named by a role alone ("Florida senator", "former president"): beside a
    named person in the same sentence, most often that person, unresolved."""
    words = speaker.split(",", 1)[0].lower().split()
    return bool(words) and words[-1] in PERSON_ROLES


def _second_speaker(
    winner: Claim,
    by_speaker: dict[str | None, list[Claim]],
    cover: dict[str | None, int],
    enough: float,
) -> Claim | None:
    """Another speaker in the winner's sentence who covers enough of the passage on their
    own: named by a rule (not a model's guess), a person or body (not a thing), not the
    winner under a shorter name or a bare role, and speaking outside what the winner says
    (words reported inside another's are the reporter's)."""
    if winner.speaker is None or _bare_role(winner.speaker):
        return None
    own = winner.speaker.lower()
    names = _words(own)
    said = [c.content or c.extent for c in by_speaker[own]]
    best, best_cover = None, 0
    for key, claims in by_speaker.items():
        if key is None or key == own or cover.get(key, 0) < enough:
            continue
        if _words(key) <= names or names <= _words(key) or _bare_role(key):
            continue  # "Trump" beside "Donald Trump": one person, resolved or not
        for c in claims:
            # beside the winner in its sentence, or a quotation of their own in the passage
            # ("The White House rejected the report. «...», said Watson."): whose words
            # those are is never hidden behind the longer claim
            beside = c.sent == winner.sent or c.owns_quote
            if not beside or c.kind in (ClaimKind.LEARNED_CUE, ClaimKind.LEARNED_SOURCE):
                continue
            if c.mkind == "thing" or any(
                min(c.extent[1], e) > max(c.extent[0], s) for s, e in said
            ):
                continue
            if cover[key] > best_cover:
                best, best_cover = c, cover[key]
    return best


def attribute_passages(text: str, passages: list[Passage]) -> list[Passage]:
    """New passages with ``speaker`` and ``cue`` set from the claims in ``text``.

    Args:
        text: the cleaned article text the passages were cut from.
        passages: passages with ``text == text[start:end]``.

    Returns:
        One new passage per input (same order), with speaker and cue None where the
        passage is the reporter's narration or its source is unknown.

    Raises:
        ValueError: a passage's text does not match ``text[start:end]``.
    """
    if not passages:
        return []
    for p in passages:
        if text[p.start : p.end] != p.text:
            raise ValueError(f"passage {p.id} does not match text[{p.start}:{p.end}]")
    claims = sorted(find_claims(text), key=lambda c: c.extent)
    # the source model's guesses only speak for a passage the rules (and the cue model,
    # which judges verbs the rules found no claim for) leave unattributed
    ruled = [c for c in claims if c.kind != ClaimKind.LEARNED_SOURCE]
    tiers = [ruled] + ([claims] if len(claims) > len(ruled) else [])
    tiers_starts = [(tier, [c.extent[0] for c in tier]) for tier in tiers]
    out = []
    for p in passages:
        speakers: tuple[Claim, ...] = ()
        for tier, starts in tiers_starts:
            speakers = _speaker_of(tier, starts, p.start, p.end)
            if speakers:
                break
        if not speakers or speakers[0].speaker is None:
            out.append(dataclasses.replace(p, speaker=None, cue=None))
        else:
            speaker = SPEAKER_SEPARATOR.join(c.speaker or "" for c in speakers)
            cue = SPEAKER_SEPARATOR.join(c.cue for c in speakers if c.cue) or None
            bases = [basis(text, c) for c in speakers]
            # the weakest of its speakers' bases speaks for the passage
            weakest = max(bases, key=BASES.index)
            out.append(
                dataclasses.replace(
                    p,
                    speaker=speaker,
                    cue=cue,
                    speaker_basis=weakest,
                    speaker_rule=SPEAKER_SEPARATOR.join(c.rule or c.kind.value for c in speakers),
                    verified=weakest == "rule",
                )
            )
    return out


# How a speaker was found, surest first.
BASES = ("rule", "coreference", "model")
# Rules that name the speaker by the layout of the line, with no source phrase to check.
_LAYOUT_RULES = ("headline_source", "foreign/", "colon_lead", "dash_tag")


def basis(text: str, claim: Claim) -> str:
    """ "model" for the learned guesses; "rule" when the speaker's name is written in the
    claim's own source phrase ("Peskov said", "said Dmitry Peskov, the Kremlin spokesman")
    or a layout rule names it; "coreference" when it was reached from elsewhere ("she
    said", "the minister said", a quotation paragraph after the one naming its speaker)."""
    if claim.kind in (ClaimKind.LEARNED_CUE, ClaimKind.LEARNED_SOURCE):
        return "model"
    if claim.rule.startswith(_LAYOUT_RULES):
        return "rule"
    if claim.source is None or not claim.speaker:
        return "coreference"
    written = _words(text[claim.source[0] : claim.source[1]])
    name = claim.speaker.split(",", 1)[0]
    carrier = claim.speaker.rpartition(", via ")[2] if ", via " in claim.speaker else ""
    # "Lavrov" for "Sergei Lavrov": any word of the name (not a role's) in the phrase; for
    # "three executives, via the Ledger", the paper's name in the phrase (the cited ones
    # are named beside it, in the same sentence)
    return "rule" if (_words(name) | _words(carrier)) & written else "coreference"
