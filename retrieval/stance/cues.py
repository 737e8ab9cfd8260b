"""Parse cues for stance: denials, negation, hedges, counts, per sentence.

Each sentence of a text becomes a small ``SentenceCues``
record read off the spaCy parse: how strongly it denies something (a denial verb with a report
or a that-clause as its object, a predicative "false"/"untrue", "not so", a quote-initial "No."),
which verbs it negates, how much it hedges ("alleged", "reportedly"), whether it reaffirms that
things go on as planned, and the counts it gives. The records are plain data, so a benchmark can
cache them as JSON.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from retrieval.lexicon import (
    DENY_NOUNS,
    DENY_VERBS,
    DISRUPT,
    DISRUPT_PARTICLES,
    FALSE_WORDS,
    HEDGES,
    LIGHT_VERBS,
    NO_NOUNS,
    NOT_TRUE,
    PART_NOUNS,
    PART_WORDS,
    REAFFIRM_PHRASES,
    REPORT_NOUNS,
    REPORTING_VERBS,
    VERIFY_VERBS,
)
from retrieval.nlp import load_spacy
from retrieval.stance.figures import figures_in


def nlp() -> Any:
    """The shared spaCy pipeline (``retrieval.nlp``), loaded once on first use."""
    return load_spacy()


@dataclass(frozen=True)
class SentenceCues:
    """What the parse says about one sentence.

    Example: SentenceCues.from_dict(cues.to_dict()) == cues
    """

    text: str
    denial: float
    negated: tuple[str, ...]
    asserted: tuple[str, ...]
    hedges: int
    reaffirm: int
    disrupt: int
    no_comment: bool
    numbers: tuple[int, ...]
    stems: tuple[str, ...]
    proper: tuple[str, ...]
    predicate: tuple[str, ...]
    question: bool
    tokens: int

    def __repr__(self) -> str:
        text = self.text if len(self.text) <= 60 else self.text[:59] + "…"
        return f"SentenceCues(denial={self.denial:.2f}, hedges={self.hedges}, text={text!r})"

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON values (lists, not tuples), as they read back."""
        return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(self).items()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SentenceCues:
        return cls(
            text=str(data["text"]),
            denial=float(data["denial"]),
            negated=tuple(data["negated"]),
            asserted=tuple(data["asserted"]),
            hedges=int(data["hedges"]),
            reaffirm=int(data["reaffirm"]),
            disrupt=int(data["disrupt"]),
            no_comment=bool(data["no_comment"]),
            numbers=tuple(int(n) for n in data["numbers"]),
            stems=tuple(data["stems"]),
            proper=tuple(data["proper"]),
            predicate=tuple(data["predicate"]),
            question=bool(data["question"]),
            tokens=int(data["tokens"]),
        )


def stem(lemma: str) -> str:
    """A crude stem that joins a verb and its noun: refuse/refusal, resign/resignation."""
    lemma = lemma.lower()
    return lemma[:5] if len(lemma) > 5 else lemma


def _noisy_or(values: Iterable[float]) -> float:
    keep = 1.0
    for v in values:
        keep *= 1.0 - max(0.0, min(1.0, v))
    return 1.0 - keep


def _is_negated(tok: Any) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def _negated_context(tok: Any) -> bool:
    """Negated itself, under a negated head, or under "no": "had no plans to leave"."""
    if _is_negated(tok) or _is_negated(tok.head):
        return True
    return tok.dep_ in ("acl", "xcomp") and any(c.lower_ == "no" for c in tok.head.children)


def _objects(tok: Any) -> list[Any]:
    return [c for c in tok.children if c.dep_ in ("dobj", "ccomp", "nsubjpass", "attr", "pobj")]


def _predicative(tok: Any) -> bool:
    """Is this word said *of* something ("reports are false", "rejected it as fabricated")?"""
    if tok.dep_ in ("acomp", "attr", "oprd", "ROOT", "ccomp", "conj", "xcomp", "appos"):
        return True
    if tok.dep_ in ("advcl", "advmod", "npadvmod") and any(c.lower_ == "as" for c in tok.children):
        return True
    # "dismissed the claims as false": spaCy may hang "false" on "as" (prep -> pobj / amod).
    return tok.head.lower_ == "as"


def _no_comment(sent: Any) -> bool:
    for tok in sent:
        if tok.lemma_.lower() != "comment":
            continue
        head = tok.head
        if tok.dep_ == "dobj" and any(c.lower_ == "no" for c in tok.children):
            return True
        if _is_negated(tok) or (head.lemma_ in ("decline", "refuse") and tok.dep_ == "xcomp"):
            return True
        if head.lemma_ in ("decline", "refuse", "not") or _is_negated(head):
            return True
    return "no comment" in sent.text.lower()


def _predicate(sent: Any) -> list[str]:
    """Stems of what the sentence says happened: its main verb (under "said that"), the verbs
    it governs ("refused to come"), or for "is in talks to merge" the nouns after the copula."""
    root = sent.root
    for _ in range(2):
        comp = [c for c in root.children if c.dep_ == "ccomp"]
        if root.lemma_.lower() in REPORTING_VERBS and comp:
            root = comp[0]
    denied = _denied_content(root)
    if denied is not None:
        # "reports about Xi's refusal to visit Russia are false": what happened is the refusal.
        return sorted(
            {
                stem(w.lemma_)
                for w in denied.subtree
                if w.pos_ in ("VERB", "NOUN", "ADJ")
                and w.lemma_.lower() not in LIGHT_VERBS | REPORT_NOUNS | HEDGES
            }
        )
    words = [root] + [c for c in root.children if c.dep_ in ("xcomp", "acomp", "attr", "prt")]
    if root.lemma_.lower() in LIGHT_VERBS or root.pos_ == "AUX":
        for c in root.children:
            if c.dep_ == "prep":
                words.extend(g for g in c.children if g.dep_ == "pobj")
        words.extend(g for w in list(words) for g in w.children if g.dep_ in ("acl", "xcomp"))
    return sorted(
        {
            stem(w.lemma_)
            for w in words
            if w.pos_ in ("VERB", "NOUN", "ADJ") and w.lemma_.lower() not in LIGHT_VERBS
        }
    )


def _denied_content(root: Any) -> Any | None:
    """The phrase a denial is about: the subject of "... are false", the object of "refuted"."""
    lemma = root.lemma_.lower()
    if lemma in DENY_VERBS:
        objs = [c for c in root.children if c.dep_ in ("dobj", "ccomp", "nsubjpass")]
        return objs[0] if objs else None
    falsity = [c for c in root.children if c.dep_ in ("acomp", "attr")]
    if lemma == "be" and any(c.lemma_.lower() in FALSE_WORDS for c in falsity):
        subj = [c for c in root.children if c.dep_ == "nsubj"]
        return subj[0] if subj else None
    return None


@dataclass
class _Tally:
    """What the tokens of one sentence add up to, as ``_sentence_cues`` reads them."""

    no_comment: bool
    scores: list[float] = field(default_factory=list)
    negated: list[str] = field(default_factory=list)
    asserted: list[str] = field(default_factory=list)
    hedges: int = 0
    reaffirm: int = 0
    disrupt: int = 0


def _opening_denial(sent: Any, words: list[Any], tally: _Tally) -> None:
    """Quote-initial "No." / "No," ("No. This is not so.") or a bare "Not at all"."""
    if words and words[0].lower_ in ("no", "nope"):
        nxt = words[0].nbor(1) if words[0].i + 1 < len(words[0].doc) else None
        if len(words) == 1 or (nxt is not None and nxt.is_punct):
            tally.scores.append(0.8)
    if sent.text.lower().lstrip(" \"'“‘").startswith("not at all"):
        tally.scores.append(0.8)


def _denial_words(tok: Any, tally: _Tally) -> bool:
    """Denial verbs and nouns, and words that call something false. False: skip the token
    (a negated denial verb, "did not deny", says nothing more)."""
    lemma = tok.lemma_.lower()
    if lemma in DENY_VERBS and tok.pos_ == "VERB":
        if _is_negated(tok):
            return False
        objs = _objects(tok)
        if any(o.dep_ == "ccomp" for o in objs):
            tally.scores.append(0.9)
        elif any(o.lemma_.lower() in REPORT_NOUNS or o.pos_ == "PRON" for o in objs):
            tally.scores.append(0.9)
        elif objs:
            tally.scores.append(0.35)
        else:
            tally.scores.append(0.6)
    elif lemma in DENY_NOUNS:
        tally.scores.append(0.5)
    elif lemma == "make" and not _is_negated(tok):
        made_up = _made_up(tok)
        if made_up:
            tally.scores.append(made_up)
    false_word = lemma in FALSE_WORDS or tok.lower_ in FALSE_WORDS
    if lemma == "lie" and tok.pos_ != "NOUN":  # "the town lies 8 km from the border"
        false_word = False
    if false_word and not _is_negated(tok):
        if tok.dep_ == "amod":
            tally.scores.append(0.35)
        elif _predicative(tok):
            tally.scores.append(0.9)
        elif not _literal(tok):
            tally.scores.append(0.5)
    return True


def _literal(tok: Any) -> bool:
    """A falsity word used for a thing, not said of one: a modifier ("the fiction prize") or
    what a verb other than one of speech acts on ("cleared rubbish from the beach"). A
    fragment someone says ("'Absolute rubbish,' she said") is not, nor is the object of a
    preposition ("a pack of lies"; the parser hangs a late "nonsense" on a preposition)."""
    if tok.dep_ == "compound":
        return True
    head = tok.head.lemma_.lower()
    return tok.dep_ in ("dobj", "nsubj", "nsubjpass") and head not in REPORTING_VERBS


def _no_such(noun: Any) -> bool:
    """ "no such order", "no such meeting": what was reported, ruled out."""
    return any(c.lower_ == "such" for c in noun.children)


def _there_was_no(noun: Any) -> bool:
    """ "there was no call": the noun is what "there is" says exists, here that it does not."""
    head = noun.head
    return (
        noun.dep_ in ("attr", "nsubj", "dobj")
        and head.lemma_.lower() == "be"
        and any(c.dep_ == "expl" for c in head.children)
    )


def has_quotation(text: str) -> bool:
    """Whether the text holds a quotation mark: someone's own words."""
    return any(mark in text for mark in '"“”«»„')


def _relative(verb: Any) -> bool:
    """A verb of a relative clause ("..., which never happens in a drought"): it says what is
    usual of something, not that a reported event did not take place."""
    return verb.dep_ == "relcl" or any(
        c.dep_ in ("nsubj", "nsubjpass") and c.tag_ in ("WDT", "WP") for c in verb.children
    )


def _made_up(make: Any) -> float:
    """ "That is made up" (0.9) and "they made it all up" (0.7) call something invented; "made
    up her mind" and "make up half of it" do not (their object is something else)."""
    children = list(make.children)
    if not any(c.lower_ == "up" and c.dep_ in ("prt", "ccomp", "advmod") for c in children):
        return 0.0
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in children):
        return 0.0  # "made up of three halls"
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in children):
        return 0.9
    objects = [c for c in children if c.dep_ == "dobj"]
    said = all(o.lemma_.lower() in REPORT_NOUNS | {"thing", "everything"} for o in objects)
    return 0.7 if said else 0.0


def _part(head: Any, complements: list[Any]) -> bool:
    """A negated verb that denies taking part: "was not involved in", "is not responsible"."""
    around = [*complements, *(c for c in head.children if c.dep_ == "prep")]  # "not behind"
    return any(w.lemma_.lower() in PART_WORDS or w.lower_ in PART_WORDS for w in [head, *around])


# Where "nobody", "none" or "no one" negates its verb: its subject (active or passive) or object.
_NEGATING_ROLES = ("dobj", "nsubj", "nsubjpass", "pobj")


def _negation(tok: Any, sent: Any, tally: _Tally) -> None:
    """ "not so", "did not happen", a negated main verb; "no truth in"; "nothing to do with"."""
    low = tok.lower_
    if tok.dep_ == "neg":
        head = tok.head
        comp = [c for c in head.children if c.dep_ in ("acomp", "attr", "advmod", "dobj")]
        if head.lemma_.lower() in NOT_TRUE or any(c.lemma_.lower() in NOT_TRUE for c in comp):
            tally.scores.append(0.95)
        elif _part(head, comp) and not _relative(head):
            tally.scores.append(0.8)  # "was not involved in", "is not responsible for"
        elif head.lemma_.lower() in ("happen", "occur", "exist") and not _relative(head):
            # "it never happened"; not "..., which never happens in a drought"
            tally.scores.append(0.9)
        elif head.lemma_.lower() in DENY_VERBS:
            pass  # "did not deny the report" is no denial
        elif head.lemma_.lower() in VERIFY_VERBS:
            tally.hedges += 1  # "Reuters could not verify the report": unverified, not denied
        elif not tally.no_comment and head.dep_ in ("ROOT", "ccomp", "conj"):
            tally.scores.append(0.4)
        if head.pos_ in ("VERB", "AUX", "ADJ", "NOUN"):
            tally.negated.append(stem(head.lemma_))
            tally.negated.extend(stem(c.lemma_) for c in head.children if c.dep_ == "xcomp")
    no_one = low == "one" and any(c.lower_ == "no" and c.dep_ == "det" for c in tok.children)
    if (low in ("none", "nobody", "no-one") or no_one) and tok.dep_ in _NEGATING_ROLES:
        # "had met none of them", "nobody ordered it", "no one was told to": the verb is
        # negated; a passive one says what did not happen to anyone ("none of the workers were
        # hurt"), not that someone denies it, unless a claim says it did
        verb = tok.head if tok.dep_ != "pobj" else tok.head.head
        if verb.pos_ in ("VERB", "AUX") and not tally.no_comment:
            if tok.dep_ != "nsubjpass":
                tally.scores.append(0.4)
            tally.negated.append(stem(verb.lemma_))
            tally.negated.extend(stem(c.lemma_) for c in verb.children if c.dep_ == "xcomp")
    if low == "no" and tok.dep_ == "det" and tok.head.lower_ != "one":
        had_part = tok.head.lemma_.lower() in PART_NOUNS and tok.head.head.lemma_ == "have"
        if tok.head.lemma_.lower() in NO_NOUNS or _no_such(tok.head) or had_part:
            tally.scores.append(0.85)
        elif _there_was_no(tok.head) and has_quotation(sent.text):
            tally.scores.append(0.7)
        elif not tally.no_comment:
            tally.scores.append(0.3)
            tally.negated.extend(stem(c.lemma_) for c in tok.head.children if c.dep_ == "acl")
    if low == "nothing" and any(c.lower_ == "to" for c in tok.subtree):
        if "to do with" in sent.text.lower():
            tally.scores.append(0.8)
    if low == "never" and tok.dep_ == "neg":
        tally.negated.append(stem(tok.head.lemma_))


def _plans_and_hedges(tok: Any, tally: _Tally) -> None:
    """Hedges; words that say a plan was broken (or, negated, that it holds); what is asserted."""
    lemma = tok.lemma_.lower()
    low = tok.lower_
    if lemma in HEDGES or low in HEDGES:
        if not (lemma == "report" and tok.pos_ == "NOUN"):
            tally.hedges += 1
    if lemma == "comment" or tok.dep_ == "neg":
        pass
    elif lemma in DISRUPT and not (lemma == "decline" and tally.no_comment):
        if _negated_context(tok):
            tally.reaffirm += 1
        else:
            tally.disrupt += 1
    if tok.dep_ == "prt" and (tok.head.lemma_.lower(), low) in DISRUPT_PARTICLES:
        if _is_negated(tok.head):
            tally.reaffirm += 1
        else:
            tally.disrupt += 1
    if (
        tok.pos_ in ("VERB", "NOUN", "ADJ")
        and not _is_negated(tok)
        and lemma not in REPORTING_VERBS
    ):
        tally.asserted.append(stem(lemma))


def span_cues(span: Any, text: str) -> SentenceCues:
    """The cues of a sentence of a parse made elsewhere (an article's, at ingest), or of the
    part of one a passage holds; ``text`` is what it says in the article (``normalise``d
    here, as ``analyse`` gives a sentence's text)."""
    return _sentence_cues(span, normalise(text))


def _sentence_cues(sent: Any, text: str | None = None) -> SentenceCues:
    tally = _Tally(no_comment=_no_comment(sent))
    words = [t for t in sent if not t.is_punct and not t.is_space]
    lemmas = [t.lemma_.lower() for t in words]
    _opening_denial(sent, words, tally)
    for tok in sent:
        if _denial_words(tok, tally):
            _negation(tok, sent, tally)
            _plans_and_hedges(tok, tally)
    for i in range(len(lemmas) - 1):
        if (lemmas[i], lemmas[i + 1]) in REAFFIRM_PHRASES:
            tally.reaffirm += 1

    stems = sorted(
        {
            stem(t.lemma_)
            for t in words
            if t.pos_ in ("NOUN", "PROPN", "VERB", "ADJ", "NUM")
            and not t.is_stop
            and t.lemma_.lower() not in REPORTING_VERBS
        }
    )
    proper = sorted(
        {
            t.lower_
            for t in words
            if t.pos_ == "PROPN" and t.ent_type_ not in ("DATE", "TIME") and len(t) > 1
        }
    )
    return SentenceCues(
        text=sent.text.strip() if text is None else text,
        denial=round(_noisy_or(tally.scores), 4),
        negated=tuple(sorted(set(tally.negated))),
        asserted=tuple(sorted(set(tally.asserted))),
        hedges=tally.hedges,
        reaffirm=tally.reaffirm,
        disrupt=tally.disrupt,
        no_comment=tally.no_comment,
        numbers=tuple(sorted(set(figures_in(sent)))),
        stems=tuple(stems),
        proper=tuple(proper),
        predicate=tuple(_predicate(sent)),
        question=sent.text.strip().endswith("?"),
        tokens=len(words),
    )


_CACHE_SIZE = 20_000
_cache: OrderedDict[str, list[SentenceCues]] = OrderedDict()
_cache_lock = threading.Lock()


def analyse(texts: list[str], batch_size: int = 32) -> list[list[SentenceCues]]:
    """Split each text into sentences and read the cues of each; empty texts give [].

    Each distinct text is parsed once per process: answering judges the same
    passages for question after question, and parsing is most of a judgement's cost.
    """
    keys = [normalise(t) for t in texts]
    with _cache_lock:
        missing = list(dict.fromkeys(k for k in keys if k not in _cache))
    docs = nlp().pipe(missing, batch_size=batch_size) if missing else []
    parsed = {
        key: [_sentence_cues(s) for s in doc.sents if s.text.strip()]
        for key, doc in zip(missing, docs, strict=True)
    }
    with _cache_lock:
        _cache.update(parsed)
        out = [parsed[k] if k in parsed else _cache[k] for k in keys]
        for key in keys:
            if key in _cache:
                _cache.move_to_end(key)
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return out


def normalise(text: str) -> str:
    """Curly quotes and long dashes as their plain forms (they parse better); one space."""
    table = {"“": '"', "”": '"', "‘": "'", "’": "'", "—": " - ", "–": " - "}
    for a, b in table.items():
        text = text.replace(a, b)
    return re.sub(r"\s+", " ", text).strip()


def text_denial(sentences: list[SentenceCues]) -> float:
    """How strongly a text denies something: its most denying sentence, lifted a little by more."""
    return strongest_denial([s.denial for s in sentences])


def strongest_denial(strengths: Sequence[float]) -> float:
    """``text_denial`` of sentences with these denial strengths."""
    if not strengths:
        return 0.0
    ranked = sorted(strengths, reverse=True)
    return round(min(1.0, ranked[0] + 0.1 * sum(ranked[1:3])), 4) if ranked[0] > 0 else 0.0
