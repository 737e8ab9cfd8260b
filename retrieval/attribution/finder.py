"""Find claims and their sources in parsed blocks: the rules behind ``find_attributions``.

``ClaimFinder`` walks the sentences of an article in order. For each reporting cue (a
speech, belief or feeling verb, "according to", "X quoted Y as saying", a verb the learned
cue model accepts) it finds the source phrase, resolves it through ``Resolver`` and
records the claim's content and extent (the characters it speaks for). Quotations,
"NAME: ..." paragraphs and "... – media" headlines are then handled by
``retrieval.attribution.quotes`` and ``retrieval.attribution.leads``.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Collection, Iterator, Sequence
from itertools import islice
from typing import TYPE_CHECKING, Any

from retrieval.attribution.article import Article, blocks, for_parser, nlp
from retrieval.attribution.coref import Resolver, Sources
from retrieval.attribution.cues import is_cue
from retrieval.attribution.foreign import foreign_blocks, foreign_claims
from retrieval.attribution.leads import colon_leads, dash_tags, headline_source
from retrieval.attribution.making import Context, make
from retrieval.attribution.mentions import phrase_heads
from retrieval.attribution.model import (
    CueModel,
    features,
    shipped_model,
    shipped_source_model,
    source_features,
)
from retrieval.attribution.quotes import colon_blocks, lone_quotes, own_quotes, repeated_quotes
from retrieval.attribution.records import (
    Attribution,
    Claim,
    ClaimKind,
    Sentence,
    SpanIndex,
    overlap,
)
from retrieval.attribution.sentence_rules import colon_quote, evidence_tag, headline_verb, in_poll
from retrieval.attribution.subject import SubjectFinder
from retrieval.attribution.syntax import (
    TIMES_AND_NUMBERS,
    a_reader,
    acts,
    particle_of,
    relays,
    said_in,
    words_outside,
)
from retrieval.attribution.units import sentence_units
from retrieval.attribution.verb_rules import (
    according,
    noun_cue,
    quoted_as,
    says_nothing,
    statement_noun,
    verb_claim,
)
from retrieval.lexicon import FIRST_PERSON, PLAIN_SAYING_VERBS, RELAYING_CUES, SPEECH_VERBS

if TYPE_CHECKING:  # spaCy is imported by the loader, not by importing this module
    from spacy.tokens import Doc, Token

logger = logging.getLogger(__name__)


class ClaimFinder:
    """Claims of one article, from its blocks (lines) and their spaCy parses.

    ``model`` and ``source_model``: True for the shipped models, None or False for rules
    only; ``skip_rules``: names of subject rules to switch off (``subject.SUBJECT_RULES``).

    Example: ClaimFinder(text, blocks, docs).run()
    """

    def __init__(
        self,
        text: str,
        blocks: list[tuple[int, int]],
        docs: list[Doc],
        model: CueModel | None | bool = True,
        source_model: CueModel | None | bool = True,
        skip_rules: Collection[str] = (),
    ) -> None:
        self.model = shipped_model() if model is True else (model or None)
        self.source_model = (
            shipped_source_model() if source_model is True else (source_model or None)
        )
        self.art = Article(text, blocks, docs)
        self.text = text
        self.blocks = blocks
        self.quotes = self.art.quotes
        self.sents = self.art.sents
        self.resolver = Resolver(self.art.mentions)
        self.claims: list[Claim] = []
        self.sources = Sources(self.resolver, self.claims)
        self.ctx = Context(self.art, self.sources, SubjectFinder(self.art, skip_rules))

    def run(self) -> list[Claim]:
        """All claims, sorted by where they start."""
        leads = colon_leads(self.text, self.blocks, self.sents, self.resolver)
        leads += dash_tags(self.text, self.blocks, self.sents, self.resolver)
        for sent in self.sents:
            self.claims.extend(self._sentence(sent))
        self._relay()
        self.claims.extend(leads)
        self.claims[:] = own_quotes(self.claims, self.quotes, self.sents, self.blocks)
        self.claims.extend(
            lone_quotes(self.text, self.blocks, self.sents, self.quotes, self.claims)
        )
        self.claims[:] = colon_blocks(self.blocks, self.claims)
        foreign = foreign_claims(self.text, self.blocks, self.sents)
        if foreign:
            # the English parse of a German or Russian line is noise: its layout decides
            index = SpanIndex([c.extent for c in foreign])
            self.claims[:] = [c for c in self.claims if not index.overlapping(c.extent)]
            self.claims.extend(foreign)
        if self.source_model is not None:
            for sent in self.unattributed():
                claim = self._learned_source(sent, self.source_model)
                if claim is not None:
                    self.claims.append(claim)
        # the rules and models read English parses: on a German or Russian line they guess
        # from noise ("Накануне, 8 февраля" as a speaker), so only its layout speaks there
        foreign_lines = SpanIndex(foreign_blocks(self.text, self.blocks))
        self.claims[:] = [
            c
            for c in self.claims
            if c.rule.startswith("foreign/") or not foreign_lines.overlapping(c.extent)
        ]
        self.claims.extend(
            repeated_quotes(self.text, self.blocks, self.sents, self.quotes, self.claims)
        )
        # "Reader comments on this story": never a source
        self.claims[:] = [
            dataclasses.replace(c, speaker=None) if a_reader(c.speaker) else c for c in self.claims
        ]
        return sorted(self.claims, key=lambda c: c.extent)

    # -- sentences no rule attributes: the learned source model --------------------------

    def unattributed(self) -> list[Sentence]:
        """Sentences that no claim found so far speaks for (less than a fifth covered)."""
        out = []
        extents = SpanIndex([c.extent for c in self.claims])
        for sent in self.sents:
            length = max(1, sent.end - sent.start)
            here = (sent.start, sent.end)
            covered = sum(overlap(here, extents.spans[i]) for i in extents.overlapping(here))
            if covered < 0.2 * length:
                out.append(sent)
        return out

    def source_candidates(self, sent: Sentence) -> list[tuple[Token, list[str]]]:
        """(phrase head, features) for every noun phrase that could be the sentence's source."""
        quoted = self.art.has_quote(sent)
        out = []
        for head in phrase_heads(sent.span):
            if head.dep_ == "expl" or head.lower_ in FIRST_PERSON:
                continue
            if head.pos_ not in ("NOUN", "PROPN", "PRON"):
                continue
            if self.art.inq[sent.offset + head.idx] or head.ent_type_ in TIMES_AND_NUMBERS:
                continue
            if head.dep_ in ("nsubj", "nsubjpass") and (
                acts(head.head) or head.head.lemma_.lower() in SPEECH_VERBS
            ):
                # "Xi refused to come to Russia": an act, not a claim; a speech verb the
                # rules turned down ("called another rally") stays turned down
                continue
            if _agent_of_an_act(head):
                continue
            out.append((head, source_features(head, quoted)))
        return out

    def _learned_source(self, sent: Sentence, model: CueModel) -> Claim | None:
        """The best-scoring noun phrase as the sentence's source, if the model accepts it."""
        if says_nothing(sent.span.root):
            return None  # "The ministry declined to comment.": no claim to source
        scored = [(model.score(f), head) for head, f in self.source_candidates(sent)]
        scored = [(p, head) for p, head in scored if p >= model.threshold]
        for _p, head in sorted(scored, key=lambda x: -x[0]):
            who = self.sources.speaker(head, sent)
            if who is None or who.name is None:
                continue
            # the word that ties the phrase to the sentence: "In" (a poll), "wants", "support"
            link = head.head
            content = words_outside(sent, head)
            kind = ClaimKind.LEARNED_SOURCE
            return make(
                self.ctx, sent, link, link.text, kind, who, content, head, True, rule="source_model"
            )
        return None

    # -- verbs no rule knows: the learned cue model --------------------------------------

    def _candidate(self, sent: Sentence, tok: Token) -> tuple[Token, list[str]] | None:
        """(subject, features) for a verb (or "is miffed") the rules did not take."""
        if self.art.inq[sent.offset + tok.idx]:
            return None
        if tok.pos_ != "VERB" and not (tok.pos_ == "ADJ" and tok.dep_ == "acomp"):
            return None
        subj, passive, _rule = self.ctx.subject(tok)
        if subj is None or passive or subj.lower_ in FIRST_PERSON:
            return None
        if subj.lower_ in ("there", "it") and subj.dep_ == "expl":
            return None
        return subj, features(tok, subj, self.art.has_quote(sent))

    def candidates(self) -> list[tuple[int, Token, list[str]]]:
        """Every (text offset, verb, features) the model would judge; for training."""
        out = []
        for sent in self.sents:
            for tok in sent.span:
                if tok.is_space or tok.is_punct or self.art.inq[sent.offset + tok.idx]:
                    continue
                if is_cue(self.art, tok, sent) or tok.lower_ == "according":
                    continue
                cand = self._candidate(sent, tok)
                if cand is not None:
                    out.append((sent.offset + tok.idx, tok, cand[1]))
        return out

    # -- one sentence ------------------------------------------------------------------

    def _sentence(self, sent: Sentence) -> list[Claim]:
        """The claims of one sentence; one speaker of its main clause speaks for all of it."""
        claim = headline_source(self.text, sent) or headline_verb(self.ctx, sent)
        if claim is not None:
            return [claim]
        found: list[Claim] = []
        consumed: set[int] = set()
        for tok in sent.span:
            if tok.i in consumed or tok.is_space or tok.is_punct:
                continue
            if self.art.inq[sent.offset + tok.idx]:
                continue
            if tok.lemma_.lower() == "cite" and tok.tag_ == "VBG":
                continue  # "X said ..., citing Y": part of X's cue
            claim = self._word_claim(sent, tok, consumed)
            if claim is not None:
                found.append(claim)
        if not any(c.speaker for c in found):
            ctx = self.ctx
            claim = colon_quote(ctx, sent) or in_poll(ctx, sent) or evidence_tag(ctx, sent)
            if claim is not None:
                found.append(claim)
        if any(c.kind != ClaimKind.LEARNED_CUE for c in found):
            # a thing the cue model heard speak beside a rule-found speaker ("..., Hale told
            # the crowd, her voice drowned out by boos") is a description, not a source
            found = [c for c in found if c.kind != ClaimKind.LEARNED_CUE or c.mkind != "thing"]
        roots = self._main_claims(found)
        if roots and len({c.speaker for c in roots}) == 1:
            whole = (sent.start, sent.end)
            found = [c.covering(whole) if any(c is r for r in roots) else c for c in found]
        return found

    def _word_claim(self, sent: Sentence, tok: Token, consumed: set[int]) -> Claim | None:
        """The claim whose cue is ``tok``, by the first rule that finds one."""
        ctx = self.ctx
        claim = according(ctx, sent, tok) or quoted_as(ctx, sent, tok, consumed)
        if claim is None and is_cue(self.art, tok, sent):
            claim = verb_claim(ctx, sent, tok)
        if claim is None:
            claim = noun_cue(ctx, sent, tok)
        if claim is None:
            claim = statement_noun(ctx, sent, tok)
        # the rules decide the speech verbs they know ("called a rally" is no claim)
        # "shot back at the gunman" without a quotation is gunfire, not a retort
        known = tok.lemma_.lower() in SPEECH_VERBS or (
            tok.lemma_.lower() == "shoot" and particle_of(tok) == "back"
        )
        if claim is None and self.model is not None and not known and not acts(tok):
            cand = self._candidate(sent, tok)
            if cand is not None and self.model.is_cue(cand[1]):
                claim = verb_claim(ctx, sent, tok, kind=ClaimKind.LEARNED_CUE)
        return claim

    def _main_claims(self, found: list[Claim]) -> list[Claim]:
        """The claims of a sentence's main clause, which may speak for all of it.

        A verb inside what another speaker says ("As the Post reported, the inspector
        general issued subpoenas", "As POLITICO revealed, the RNC agreed to ...") is part
        of that claim, not its owner: it does not speak for the whole sentence ... unless
        it reports someone saying something: "As UNIAN reported, Budanov said ..." is
        Budanov's claim, carried by UNIAN.
        """
        frames = [c for c in found if c.frame]
        sayings = [c for c in found if said_in(c, frames) and self._reports_saying(c)]
        return [
            c
            for c in found
            if c.root
            and not (c.kind == ClaimKind.LEARNED_CUE and said_in(c, found))
            and not (said_in(c, frames) and c not in sayings)
            and not (c.frame and sayings)
        ]

    # -- relayed words -----------------------------------------------------------------

    def _relay(self) -> None:
        """ "Kettle said she was happy, according to The Valley Post": one speaker, relayed
        by another. Both claims then name the two ("Mara Kettle, via Valley
        Post"), as "quoted by" does, so neither hides the other: the words are Kettle's and
        the report that she said them is the Post's. A frame ("As UNIAN reported earlier,
        Budanov answered ...") only carries the sentence, often for the outlet itself."""
        claims = self.claims
        for i in range(len(claims)):
            outer = claims[i]
            if not outer.speaker or outer.frame or (outer.cue or "") not in RELAYING_CUES:
                continue
            tag = self._cue_token(outer)
            if tag is None:
                continue
            inner = [j for j, c in enumerate(claims) if j != i and self._relayed(c, outer, tag)]
            if len({claims[j].speaker for j in inner}) != 1:
                continue
            relayed_by = f"{claims[inner[0]].speaker}, via {outer.speaker}"
            for j in (i, *inner):
                claims[j] = dataclasses.replace(claims[j], speaker=relayed_by)

    def _relayed(self, c: Claim, outer: Claim, tag: Token) -> bool:
        """Whether ``c`` is another speaker's claim that the relaying ``outer`` carries."""
        return bool(
            c.sent == outer.sent
            and c.kind in (ClaimKind.REPORTED, ClaimKind.QUOTE)
            and c.speaker
            and outer.speaker
            and c.speaker.lower() != outer.speaker.lower()
            and (c.cue or "") not in RELAYING_CUES
            and (cue := self._cue_token(c)) is not None
            and relays(tag, cue)
        )

    def _cue_token(self, claim: Claim) -> Token | None:
        """The token of a claim's cue word, when it is a word of the text."""
        if claim.cue_at is None:
            return None
        sent = self.sents[claim.sent]
        return next((t for t in sent.span if sent.offset + t.idx == claim.cue_at), None)

    def _reports_saying(self, claim: Claim) -> bool:
        """True when ``claim``'s cue is a plain verb of saying ("said", "told", "denied")."""
        cue = self._cue_token(claim)
        return cue is not None and cue.lemma_.lower() in PLAIN_SAYING_VERBS


def _agent_of_an_act(head: Token) -> bool:
    """ "She was appointed by the previous government", "minutes initialled by two board
    members": who did a thing, with nothing said (no clause after the verb, and not a verb of
    saying), is no source; "it was reported by the Times that ..." is."""
    prep = head.head
    if head.dep_ != "pobj" or prep.dep_ != "agent":
        return False
    verb = prep.head
    if verb.lemma_.lower() in SPEECH_VERBS:
        return False
    return not any(c.dep_ in ("ccomp", "xcomp", "parataxis") for c in verb.children)


def find_claims(text: str, skip_rules: Collection[str] = ()) -> list[Claim]:
    """Every claim of a cleaned article, sorted by extent start; [] for an empty one."""
    return parse_claims(text, skip_rules)[0]


def parse_claims(
    text: str, skip_rules: Collection[str] = ()
) -> tuple[list[Claim], list[tuple[int, int]]]:
    """Every claim of a cleaned article (sorted by extent start) and its sentence units
    (``units.sentence_units``), from one parse; ([], []) for an empty article."""
    claims, units, _sents = parse_article(text, skip_rules)
    return claims, units


ParsedArticle = tuple[list[Claim], list[tuple[int, int]], list[Sentence]]


def parse_article(text: str, skip_rules: Collection[str] = ()) -> ParsedArticle:
    """``parse_claims`` with the parsed sentences it read them from (their spaCy spans and
    absolute offsets), so that ingest reads the stance cues off the same parse."""
    return next(parse_articles([text], skip_rules=skip_rules))


def parse_articles(
    texts: Sequence[str], skip_rules: Collection[str] = (), processes: int = 1
) -> Iterator[ParsedArticle]:
    """``parse_article`` of each text, in order, the blocks of all of them parsed by one
    ``nlp.pipe`` (in ``processes`` processes): spaCy batches the blocks of several articles
    together."""
    spans = [blocks(text) for text in texts]
    docs = nlp().pipe(
        (for_parser(text[s:e]) for text, each in zip(texts, spans, strict=True) for s, e in each),
        n_process=processes,
    )
    for text, each in zip(texts, spans, strict=True):
        yield parsed_from_docs(text, each, list(islice(docs, len(each))), skip_rules)


def parsed_from_docs(
    text: str, spans: list[tuple[int, int]], docs: list[Any], skip_rules: Collection[str] = ()
) -> ParsedArticle:
    """What ``parse_article`` gives for a text whose blocks (``blocks(text)``, as
    ``for_parser`` gives them to spaCy) are parsed already: ``docs``, one per block."""
    if not spans:
        return [], [], []
    finder = ClaimFinder(text, spans, docs, skip_rules=skip_rules)
    claims = finder.run()
    return claims, sentence_units(finder.sents, finder.quotes), finder.sents


def find_attributions(text: str) -> list[Attribution]:
    """Every claim in a cleaned article that can be tied to a source, in text order.

    Args:
        text: the whole cleaned article (paragraphs separated by newlines).

    Returns:
        Attributions whose offsets index ``text``; a claim whose source cannot be
        resolved has ``speaker=None``.
    """
    if not text.strip():
        return []
    out = []
    for c in find_claims(text):
        start, end = c.content if c.content else c.extent
        out.append(
            Attribution(
                content_start=start,
                content_end=end,
                speaker=c.speaker,
                cue=c.cue,
                source_start=c.source[0] if c.source else None,
                source_end=c.source[1] if c.source else None,
                kind=c.kind.value,
            )
        )
    return out
