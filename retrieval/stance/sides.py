"""Group the passages that answer a question into the sides of the claim they take.

Pure: ``form_sides`` is given the question, the best hits and the candidates for the other side
(found, scored and embedded by the caller, ``retrieval/service.py``), each with its vector and its
stored stance analysis, and a stance judge; it searches nothing. See the package docstring for
the algorithm.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from retrieval.denials import DENIES
from retrieval.language import base_language
from retrieval.lexicon import GERMAN_YES_NO_VERBS, QUESTION_OPENERS, RUSSIAN_QUESTION_WORDS
from retrieval.stance.cues import has_quotation
from retrieval.stance.judge import StanceJudge, StanceJudgement
from retrieval.stance.labels import side_label
from retrieval.stance.origin import from_origin, origin_outlets
from retrieval.stance.store import SAYS_NO, PassageAnalysis
from retrieval.types import Hit, Side, Stance

logger = logging.getLogger(__name__)

# How many extra passages the search for the other side may add to an answer.
_MAX_OPPOSITION = 3
# Below this cosine to the question, a passage is not about it, whatever it denies.
_RELATED = 0.3
# An open question (what, when, why) is contested only by a denial this close to it.
_OPEN_QUESTION_RELATED = 0.55
# A denial and the passage it contradicts speak of the same matter: cosine at least this.
_SAME_MATTER = 0.55
# ... or this close when both readings of it and its own words say it denies outright.
_SAME_MATTER_SURELY = 0.45
# One sentence of a passage is about the claim's matter at this cosine to the claim's passage
# (a sentence is shorter, so it sits lower than a whole passage of the same matter would).
_SAME_MATTER_SENTENCE = 0.45
# denial strength of a passage that says outright that something is false or untrue.
_EXPLICIT_DENIAL = DENIES
# A denial this strong calls the thing false or denies one's part ("untrue", "denied", "was
# not involved"); a weaker one may only negate a detail ("he is not on the panel").
_OUTRIGHT = 0.8
# A passage goes on the denying side only if its own words deny something (``SAYS_NO``, from
# the store): the judge alone can find a report "contradicting" a question by a detail.
_YES_NO = re.compile(
    r"^\s*(?:is|are|was|were|do|does|did|has|have|had|will|would|can|could|should|shall|may|might)"
    r"(?:n[o’']t)?\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, eq=False)
class Candidate:
    """A passage that may go on a side: its hit (scored by cosine to the question), its unit
    vector as the index holds it, and its stance analysis as the index stores it.

    Example: Candidate(hit, index_vectors[position], PassageAnalysis.from_dict(stored))
    """

    hit: Hit
    vector: np.ndarray
    analysis: PassageAnalysis
    # it answers the question's form ("how many ...?" and it counts that): the answer keeps it
    direct: bool = False
    # the unit vectors of its parsed sentences by their text, as the index stores them
    sentence_vectors: Mapping[str, np.ndarray] = field(default_factory=dict)
    # the passage that reports these words without quoting them, when these are a speaker's
    # own words brought beside it (``retrieval/companions.py``): they take its side
    accompanies: Candidate | None = None

    @property
    def text(self) -> str:
        return self.hit.passage.text


@dataclass(frozen=True)
class Anchor:
    """Where the claim is among the hits, with the hits' judgements against the question."""

    position: int
    on_question: tuple[StanceJudgement, ...]


def _judge(
    judge: StanceJudge, claim: str, candidates: Sequence[Candidate]
) -> list[StanceJudgement]:
    """Judge candidates against a claim from their stored analyses (no passage is parsed)."""
    texts = [c.text for c in candidates]
    return judge.judge(claim, texts, cues=[c.analysis.sentences for c in candidates])


def find_anchor(question: str, hits: Sequence[Candidate], judge: StanceJudge) -> Anchor:
    """Where the claim is: the best hit that does not itself deny something.

    When a denial ranks first ("Peskov insisted the story was wrong") or a headline that
    only asks, the claim is further down, and denials must be measured against it. The
    best hit the judge finds asserting what the question asks is preferred.
    """
    on_question = tuple(_judge(judge, question, hits))
    claims = [
        i
        for i, hit in enumerate(hits)
        if hit.analysis.denial < _EXPLICIT_DENIAL and not _is_question(hit.text)
    ]
    # The judge may read "who is not a member of the panel" as contradicting the question;
    # with no words that deny, the passage still says what it reports.
    asserting = [
        i
        for i in claims
        if on_question[i].label == Stance.ASSERTS
        or (on_question[i].label == Stance.DENIES and hits[i].analysis.denial < SAYS_NO)
    ]
    return Anchor((asserting or claims or [0])[0], on_question)


def is_yes_no(question: str) -> bool:
    """Whether a question asks if something is so ("Did Xi refuse?", "Haben die USA ...
    gesprengt?", "США взорвали ...?"), not what, when or who; a word a spoken question opens
    with aside ("so did Ostmere cover it up ...?")."""
    opener = re.match(r"\s*(\w+)\s*,?\s+", question)
    while opener and opener.group(1).casefold() in QUESTION_OPENERS:
        question = question[opener.end() :]
        opener = re.match(r"\s*(\w+)\s*,?\s+", question)
    if _YES_NO.match(question):
        return True
    words = re.findall(r"\w+", question.casefold())
    if not words:
        return False
    if words[0] in GERMAN_YES_NO_VERBS:
        return True
    cyrillic = any("а" <= ch <= "я" for ch in words[0])
    return cyrillic and ("ли" in words or words[0] not in RUSSIAN_QUESTION_WORDS)


def _is_question(text: str) -> bool:
    """A passage that only asks ("Did Xi snub Putin?", a headline): it claims nothing."""
    return text.rstrip().endswith("?") and len(text.split()) <= 25


def _denial(candidate: Candidate) -> float:
    """How strongly a passage denies: a speaker's own words brought beside the passage that
    reports their denial deny as strongly as it says they do (a terse quotation, "A
    fabrication from the first line to the last," reads weaker than "denied" on its own)."""
    reported = candidate.accompanies.analysis.denial if candidate.accompanies else 0.0
    return max(candidate.analysis.denial, reported)


def _beside(candidate: Candidate, shown: Sequence[Candidate]) -> bool:
    """Whether the candidate is a speaker's words brought beside a passage ``shown``: shown
    with it, however the judge reads it alone."""
    return candidate.accompanies is not None and any(candidate.accompanies is c for c in shown)


def _plainest_first(denies: Sequence[Candidate]) -> list[Candidate]:
    """Denials in the order a reader wants them: outright ones first (then explicit ones,
    then the rest); among those, words quoted from a named speaker; one passage per speaker
    before any speaker's second."""

    def key(c: Candidate) -> tuple[bool, bool, bool, float]:
        quoted = bool(c.hit.passage.speaker) and has_quotation(c.text)
        denial = _denial(c)
        return (denial < _OUTRIGHT, denial < _EXPLICIT_DENIAL, not quoted, -c.hit.score)

    ranked = sorted(denies, key=key)
    first: list[Candidate] = []
    later: list[Candidate] = []
    speakers: set[str] = set()
    for c in ranked:
        speaker = (c.hit.passage.speaker or c.hit.source.outlet).casefold()
        (later if speaker in speakers else first).append(c)
        speakers.add(speaker)
    return first + later


def _shown_denials(denies: Sequence[Candidate], hits: Sequence[Candidate]) -> list[Candidate]:
    """The denials the side shows, in their order: a speaker's own words and the passage
    that reports their denial next to each other (the plainer first), the two one denial;
    as many denials as the hits hold, and at least ``_MAX_OPPOSITION``."""

    def head(c: Candidate) -> Candidate:
        return next((d for d in denies if c.accompanies is d), c)

    units: list[list[Candidate]] = []
    for c in denies:  # each unit where the first of its two comes, its two in their order
        if not any(head(c) is head(u[0]) for u in units):
            units.append([d for d in denies if head(d) is head(c)])
    in_hits = len([u for u in units if any(c in hits for c in u)])
    return [c for unit in units[: max(_MAX_OPPOSITION, in_hits)] for c in unit]


def _first(
    side: Sequence[Candidate], limit: int, shown: Sequence[Candidate] = ()
) -> list[Candidate]:
    """The first ``limit`` passages of a side, in order; a speaker's words brought beside a
    passage shown (``_beside``: on this side or in ``shown``) come with it and take no place
    of their own."""
    out: list[Candidate] = []
    taken = 0
    for c in side:
        if _beside(c, [*out, *shown]):
            out.append(c)
        elif taken < limit:
            out.append(c)
            taken += 1
    return out


def _most_contested_first(
    asserts: Sequence[Candidate], denies: Sequence[Candidate]
) -> list[Candidate]:
    """The asserting passages closest to what the denials deny first: a report of the claim
    before background that merely shares the question's words."""
    matrix = np.stack([d.vector for d in denies])
    return sorted(asserts, key=lambda c: -(c.hit.score + float((matrix @ c.vector).max())))


def _denying_part(candidate: Candidate, claim: Candidate) -> Hit:
    """A denying passage as its side quotes it: the sentences that deny, without the report
    it restates ("... said the claims were false. Hersh had reported that ..."); word for word,
    a span of the same article, with the claims and the speaker of those words alone."""
    passage = candidate.hit.passage
    speakers = [(c.start - passage.start, c.end - passage.start, c.speaker) for c in passage.claims]
    span = candidate.analysis.denying_span(
        passage.text, speakers, lambda sentence: _restates(candidate, sentence, claim)
    )
    if span is None:
        return candidate.hit
    start, end = passage.start + span[0], passage.start + span[1]
    claims = tuple(
        replace(c, start=max(c.start, start), end=min(c.end, end))
        for c in passage.claims
        if c.start < end and c.end > start
    )
    part = replace(
        passage, text=passage.text[span[0] : span[1]], start=start, end=end, claims=claims
    )
    if passage.claims:
        # who speaks in the quoted words: the claim covering most of them, or nobody (the
        # reporter's narration) when none does
        main = max(claims, key=lambda c: c.end - c.start, default=None)
        part = replace(
            part,
            speaker=main.speaker if main else None,
            cue=main.cue if main else None,
            speaker_basis=main.speaker_basis if main else None,
            speaker_rule=passage.speaker_rule if main else None,
            verified=main.verified if main else None,
        )
    return replace(candidate.hit, passage=part)


def _restates(candidate: Candidate, sentence: str, claim: Candidate) -> bool:
    """Whether a sentence of the passage is about what the claim's passage says: a parsed
    sentence holding it sits within ``_SAME_MATTER_SENTENCE`` of it (True when unknown). The
    whole passage, which the index stores a vector of beside its sentences, is no such
    sentence: it holds every one."""
    held = candidate.analysis.parsed(sentence)
    vectors = [
        candidate.sentence_vectors[c.text] for c in held if c.text in candidate.sentence_vectors
    ]
    if not vectors:
        return True
    return max(float(v @ claim.vector) for v in vectors) >= _SAME_MATTER_SENTENCE


def _english(candidate: Candidate) -> bool:
    """Whether the passage is in English (or of no known language), MiniLM's language."""
    return base_language(candidate.hit.source.language or "en") == "en"


def _denies_too(
    claims: Sequence[str], claim_vector: np.ndarray, candidate: Candidate, judge: StanceJudge
) -> bool:
    """Whether a passage that asserts the claim also denies it: outright, or in a sentence that,
    judged alone, denies the claim (the question, or the claim as the best passage puts it:
    "Hersh claimed ... The Pentagon said the US was not involved"), not something beside it
    ("It was a flush. Nobody at the ministry asked for it" asserts a flush)."""
    if candidate.analysis.denial >= _EXPLICIT_DENIAL:
        return True
    weak = [c for c in candidate.analysis.sentences if c.denial >= SAYS_NO]
    if not weak:
        return False
    # a weak denial as close to the claim as a sentence of the same matter is: it denies it
    vectors = [candidate.sentence_vectors.get(c.text) for c in weak]
    if any(v is None or float(v @ claim_vector) >= _SAME_MATTER_SENTENCE for v in vectors):
        return True
    texts, cues = [c.text for c in weak], [(c,) for c in weak]
    return any(
        v.label == Stance.DENIES for claim in claims for v in judge.judge(claim, texts, cues=cues)
    )


def _asked_language_first(side: list[Candidate], language: str | None) -> list[Candidate]:
    """The side's passages in the question's language first, in their order, then the others:
    an English question's answer leads with English words, a German one's with German."""
    if not language:
        return side
    same = [c for c in side if base_language(c.hit.source.language or "en") == language]
    return same + [c for c in side if c not in same]


def _side(stance: Stance, side: Sequence[Candidate], claim: Candidate | None = None) -> Side:
    hits = tuple(
        _denying_part(c, claim) if stance == Stance.DENIES and claim else c.hit for c in side
    )
    return Side(side_label(stance, hits, [c.analysis for c in side]), hits, stance)


def _denies(
    cand: Candidate, claim: Candidate, by_question: Stance, by_anchor: Stance, yes_no: bool
) -> bool:
    """Whether a passage goes on the denying side: its own words deny something, and what it
    denies is the claim's matter.

    A denial is of the same matter as what is asserted: close to the best passage, and, for
    an open question, close to the question too. A denial of something else ("When did they
    last meet?" answered beside a denied refusal) is not a side. For a yes/no question the
    question is a claim too: a denial as close to it is of the same matter, though the best
    passage words the claim otherwise. (Only where the score is MiniLM's own cosine: a
    passage in another language is scored by e5 mapped onto its scale, too coarse to tell
    matters apart.)
    """
    closeness = float(cand.vector @ claim.vector)
    # Judged a denial of the question and of the claim alike, and outright: a looser match of
    # matter will do ("rejected a media report that ..." words the report its own way).
    surely = by_question == by_anchor == Stance.DENIES and cand.analysis.denial >= _EXPLICIT_DENIAL
    same_matter = (
        closeness >= _SAME_MATTER
        or (yes_no and _english(cand) and cand.hit.score >= _SAME_MATTER)
        or (yes_no and surely and closeness >= _SAME_MATTER_SURELY)
    )
    on_topic = cand.hit.score >= (_RELATED if yes_no else _OPEN_QUESTION_RELATED)
    return (
        on_topic
        and same_matter
        and cand.analysis.denial >= SAYS_NO
        and (
            by_question == Stance.DENIES
            or (yes_no and by_anchor == Stance.DENIES)
            or (yes_no and cand.analysis.denial >= _EXPLICIT_DENIAL)
        )
    )


def form_sides(
    question: str,
    hits: Sequence[Candidate],
    others: Sequence[Candidate],
    judge: StanceJudge,
    anchor: Anchor | None = None,
    limit: int | None = None,
    language: str | None = None,
) -> tuple[list[Side], list[Hit]]:
    """The sides of the answer and the context (relevant passages taking neither side).

    Args:
        question: what the user asked (a yes/no question or any other).
        hits: the best distinct passages for the question, best first.
        others: passages found for the other side (not among ``hits``), scored by their cosine
            to the question.
        judge: the stance judge.
        anchor: ``find_anchor(question, hits, judge)``, when the caller has it already.
        limit: how many passages the answer shows besides the other side's (all the hits when
            None); the hits may be more, a pool to choose the asserting side from.
        language: the question's language ("en"), when known: each side shows its passages
            in that language first, the others' after.
    """
    if not hits:
        return [], []
    anchor = anchor or find_anchor(question, hits, judge)
    first = anchor.position
    claim = hits[first]
    candidates = [*hits, *others]
    yes_no = is_yes_no(question)
    on_question = [*anchor.on_question, *_judge(judge, question, others)]
    # The claim as the best passage puts it: a denial often answers a report, not the question.
    on_anchor = judge.judge(
        claim.text,
        [c.text for c in candidates],
        cues=[c.analysis.sentences for c in candidates],
        claim_cues=claim.analysis.sentences,
    )
    asserts: list[Candidate] = []
    denies: list[Candidate] = []
    context: list[Candidate] = []
    for i, cand in enumerate(candidates):
        by_question, by_anchor = on_question[i].label, on_anchor[i].label
        in_answer = i < len(hits)
        if i != first and (
            _denies(cand, claim, by_question, by_anchor, yes_no) or _beside(cand, denies)
        ):
            denies.append(cand)  # a denier's words beside their denial go with it
        elif by_question == Stance.ASSERTS and in_answer:
            asserts.append(cand)
        elif in_answer and by_question != Stance.UNRELATED:
            context.append(cand)
        elif in_answer and cand.hit.score >= hits[0].hit.score * 0.6:
            context.append(cand)
        elif in_answer and _beside(cand, asserts):
            asserts.append(cand)  # the rest of the words of a passage shown
        elif in_answer and _beside(cand, context):
            context.append(cand)
    # The claim as the outlet the denials answer reported it (see ``origin``): read in every
    # passage that denies, a side or not ("Counterpace reported ..., which the team denied").
    related = _RELATED if yes_no else _OPEN_QUESTION_RELATED
    deniers = [c for c in candidates if c.analysis.denial >= SAYS_NO]
    origins = origin_outlets(deniers, (c.hit.source.outlet for c in candidates))
    reported = [c for c in from_origin(candidates, origins, related) if c not in deniers]
    denies = _shown_denials(_asked_language_first(_plainest_first(denies), language), hits)
    if denies:
        asserts = _asked_language_first(_most_contested_first(asserts, denies), language)
        asserts = reported + [c for c in asserts if c not in reported]
        context = [c for c in context if c not in reported]

    limit = limit or len(hits)
    if denies and (asserts or claim not in denies):
        if claim not in asserts and claim not in denies:
            # The claim's passage was judged context against a question that is not a
            # claim, or read as contradicting it with no words that deny: it is still what
            # the other side denies.
            first = len([c for c in asserts if c in reported])  # after the report itself
            asserts = [*asserts[:first], claim, *asserts[first:]]
            context = [c for c in context if c is not claim]
        # A passage that reports the claim and denies it too ("Hersh claimed ... The Pentagon
        # told The Post it was not involved") takes neither side: it is context.
        claims = (question, claim.text)
        both = [
            c for c in asserts if c is not claim and _denies_too(claims, claim.vector, c, judge)
        ]
        if len(both) < len(asserts):
            asserts = [c for c in asserts if c not in both]
            context = [c for c in candidates if c in context or c in both]
        # the answer's own passages are at most ``limit``, the other side's come on top; a
        # passage that answers the question's form keeps a place in the context
        asserts = _first(asserts, limit)
        direct = [c for c in context if c.direct]
        context = direct + [c for c in context if not c.direct]
        places = [c for c in asserts if not _beside(c, asserts)]
        room = limit - len(places) - len([c for c in denies if c in hits])
        context = _first(context, max(room, len(direct[:1])), asserts)
        sides = [_side(Stance.ASSERTS, asserts), _side(Stance.DENIES, denies, claim)]
        logger.info("%d asserting, %d denying, %d context", len(asserts), len(denies), len(context))
        return sides, [c.hit for c in context]
    # Nothing contests it: one side, in rank order, without the passages judged unrelated.
    shown = [c for c in hits if c in asserts or c in context or c in denies]
    answer = _first(shown, limit)
    missed = [c for c in shown[len(answer) :] if c.direct][:1]
    answer = (_first(answer, limit - len(missed)) + missed) or list(hits[:1])
    return [_side(Stance.ANSWER, answer)], []
