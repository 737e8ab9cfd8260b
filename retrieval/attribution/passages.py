"""Which speaker speaks for a passage: the one whose claims cover most of it, and a second
one where two people speak in one of its sentences ("Mara Kettle; Tom Brill") or where the
passage holds a quotation of someone else's ("White House; Adrienne Watson")."""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Sequence

from retrieval.attribution.finder import parse_claims
from retrieval.attribution.foreign import RESOLVED
from retrieval.attribution.records import Claim, ClaimKind, SpanIndex
from retrieval.lexicon import PERSON_ROLES
from retrieval.types import ClaimSpan, Passage

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


def _speaker_of(claims: Sequence[Claim], start: int, end: int) -> tuple[Claim, ...]:
    """The claims whose speakers speak for text[start:end], in text order: the one whose
    speaker covers most of it, if that is enough, and a second named speaker who shares a
    sentence with it ("Cruz said ..., and Trump vowed ..."); () when nobody covers enough.
    ``claims``: those whose extents overlap the span, sorted by extent."""
    by_speaker: dict[str | None, list[Claim]] = {}
    for c in claims:
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


def attribute_passages(
    text: str,
    passages: list[Passage],
    parsed: tuple[list[Claim], list[tuple[int, int]]] | None = None,
) -> list[Passage]:
    """New passages with ``speaker``, ``cue`` and ``claims`` set from the claims in ``text``.

    Args:
        text: the cleaned article text the passages were cut from.
        passages: passages with ``text == text[start:end]``.
        parsed: what ``parse_claims(text)`` returned, when the caller has it already
            (the chunker cut the passages out of its sentence units).

    Returns:
        One new passage per input (same order), with speaker and cue None where the
        passage is the reporter's narration or its source is unknown, and ``claims``: who
        speaks for each run of its sentences (``claim_spans``).

    Raises:
        ValueError: a passage's text does not match ``text[start:end]``.
    """
    if not passages:
        return []
    for p in passages:
        if text[p.start : p.end] != p.text:
            raise ValueError(f"passage {p.id} does not match text[{p.start}:{p.end}]")
    claims, units = parsed if parsed is not None else parse_claims(text)
    speakers_of = _Speakers(sorted(claims, key=lambda c: c.extent))
    spans = _UnitSpeakers(text, units, speakers_of)
    out = []
    for p in passages:
        speakers = speakers_of(p.start, p.end)
        claimed = spans.claims(p.start, p.end)
        if not speakers or speakers[0].speaker is None or not claimed:
            # a speaker no sentence of the passage has on its own speaks for none of its words
            out.append(dataclasses.replace(p, speaker=None, cue=None, claims=claimed))
            continue
        said = described(text, speakers)
        out.append(
            dataclasses.replace(
                p,
                speaker=said.speaker,
                cue=said.cue,
                speaker_basis=said.speaker_basis,
                speaker_rule=SPEAKER_SEPARATOR.join(c.rule or c.kind.value for c in speakers),
                verified=said.verified,
                claims=claimed,
            )
        )
    return out


class _Speakers:
    """The claims that speak for a span of the article, tier by tier: the source model's
    guesses only speak for a span the rules (and the cue model, which judges verbs the rules
    found no claim for) leave unattributed."""

    def __init__(self, claims: list[Claim]) -> None:
        ruled = [c for c in claims if c.kind != ClaimKind.LEARNED_SOURCE]
        tiers = [ruled] + ([claims] if len(claims) > len(ruled) else [])
        # each tier's extents indexed: a span's claims are found without a scan of them all
        self.tiers = [(tier, SpanIndex([c.extent for c in tier])) for tier in tiers]

    def __call__(self, start: int, end: int) -> tuple[Claim, ...]:
        for tier, index in self.tiers:
            near = [tier[i] for i in index.overlapping((start, end))]
            speakers = _speaker_of(near, start, end)
            if speakers:
                return speakers
        return ()


def described(text: str, speakers: Sequence[Claim]) -> ClaimSpan:
    """The speakers of a span as one record (offsets left 0): their names joined, their
    cues, and the weakest of their bases, which speaks for all of them."""
    bases = [basis(text, c) for c in speakers]
    weakest = max(bases, key=BASES.index)
    return ClaimSpan(
        0,
        0,
        SPEAKER_SEPARATOR.join(c.speaker or "" for c in speakers),
        SPEAKER_SEPARATOR.join(c.cue for c in speakers if c.cue) or None,
        weakest,
        weakest == "rule",
    )


class _UnitSpeakers:
    """Who speaks for each sentence unit (a sentence, or a quotation's sentences), judged
    as a one-unit passage is, and the claims of a passage made of them."""

    def __init__(self, text: str, units: list[tuple[int, int]], speakers: _Speakers) -> None:
        self.text = text
        self.units = units
        self.ends = [e for _s, e in units]
        self.speakers = speakers
        self.said: dict[int, ClaimSpan | None] = {}
        self.frames: dict[int, bool] = {}

    def _own(self, i: int) -> ClaimSpan | None:
        if i not in self.said:
            found = self.speakers(*self.units[i])
            named = bool(found) and found[0].speaker is not None
            self.said[i] = described(self.text, found) if named else None
            # "According to X, ..." opening the unit: a frame over what comes before it
            self.frames[i] = named and all(
                c.kind == ClaimKind.ACCORDING_TO
                and c.cue_at is not None
                and not self.text[self.units[i][0] : c.cue_at].strip()
                for c in found
            )
        return self.said[i]

    def _of(self, i: int, last: int) -> ClaimSpan | None:
        """The unit's own speaker; for narration, the speaker of an "According to X, ..."
        frame that follows it in the passage (units up to ``last``) with only narration
        between: evidence framed so speaks for what it follows. Found so: unverified."""
        own = self._own(i)
        if own is not None:
            return own
        for j in range(i + 1, last + 1):
            nxt = self._own(j)
            if nxt is not None:
                if not self.frames[j]:
                    return None
                return dataclasses.replace(nxt, speaker_basis="coreference", verified=False)
        return None

    def claims(self, start: int, end: int) -> tuple[ClaimSpan, ...]:
        """The runs of units in text[start:end] with one speaker, clipped to it; the units
        nobody speaks for (narration) are in none."""
        out: list[ClaimSpan] = []
        run_on = False  # the unit before this one is in ``out[-1]``
        i = bisect.bisect_right(self.ends, start)
        final = bisect.bisect_left(self.units, (end, end)) - 1
        while i < len(self.units) and self.units[i][0] < end:
            said = self._of(i, final)
            s, e = max(self.units[i][0], start), min(self.units[i][1], end)
            i += 1
            if said is None or not re.search(r"\w", self.text[s:e]):
                run_on = False  # narration between two claims of one speaker parts them
                continue
            if run_on and out[-1].speaker.lower() == said.speaker.lower():
                last = out[-1]
                weakest = max(
                    last.speaker_basis or "rule", said.speaker_basis or "rule", key=BASES.index
                )
                out[-1] = dataclasses.replace(
                    last, end=e, speaker_basis=weakest, verified=weakest == "rule"
                )
            else:
                out.append(dataclasses.replace(said, start=s, end=e))
            run_on = True
        return tuple(out)


# How a speaker was found, surest first.
BASES = ("rule", "coreference", "model")
# Rules that name the speaker by the layout of the line, with no source phrase to check.
_LAYOUT_RULES = ("headline_source", "foreign/", "colon_lead", "dash_tag")


def _common_noun(speaker: str) -> bool:
    """A speaker that is a common noun and no name: no capital in any of its words
    ("rider", "издания", "officials"), before any role or "via", and no named outlet or body
    that relays them ("diplomatic sources, via Yomiuri" says whose sources)."""
    name = speaker.split(",", 1)[0]
    relay = speaker.rpartition(", via ")[2] if ", via " in speaker else ""
    return not any(ch.isupper() for ch in name) and not relay[:1].isupper()


def basis(text: str, claim: Claim) -> str:
    """ "model" for the learned guesses; "coreference" for a speaker reached from elsewhere
    or a common noun ("the rider said"); "rule" when the speaker's name is written in the
    claim's own source phrase ("Peskov said", "said Dmitry Peskov, the Kremlin spokesman")
    or a layout rule names it; "coreference" when it was reached from elsewhere ("she
    said", "the minister said", a quotation paragraph after the one naming its speaker)."""
    if claim.kind in (ClaimKind.LEARNED_CUE, ClaimKind.LEARNED_SOURCE):
        return "model"
    if claim.rule.endswith(RESOLVED) or (claim.speaker and _common_noun(claim.speaker)):
        # "— добавил он", "по данным издания": reached from elsewhere; "the rider said" with
        # nobody named for the rider: a common noun, never shown as if it were a name
        return "coreference"
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
