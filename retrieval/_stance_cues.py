"""Parse cues for stance: denials, negation, hedges, counts, per sentence.

Helpers for ``retrieval/stance.py``. Each sentence of a text becomes a small ``SentenceCues``
record read off the spaCy parse: how strongly it denies something (a denial verb with a report
or a that-clause as its object, a predicative "false"/"untrue", "not so", a quote-initial "No."),
which verbs it negates, how much it hedges ("alleged", "reportedly"), whether it reaffirms that
things go on as planned, and the counts it gives. The records are plain data, so a benchmark can
cache them as JSON.
"""

from __future__ import annotations

import logging
import re
import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from retrieval.nlp import load_spacy

logger = logging.getLogger(__name__)


def nlp() -> Any:
    """The shared spaCy pipeline (``retrieval.nlp``), loaded once on first use."""
    return load_spacy()


# Verbs that deny or contradict what their object says ("refuted reports", "denied that ...").
_DENY_VERBS = {
    "deny", "refute", "reject", "dismiss", "debunk", "rebut", "disprove", "dispute",
    "contradict", "repudiate", "disown", "rubbish", "slam",
}  # fmt: skip
_DENY_NOUNS = {"denial", "rebuttal", "refutation", "disavowal"}
# Words that call something untrue when predicated of it ("the reports are false").
_FALSE_WORDS = {
    "untrue", "false", "baseless", "groundless", "unfounded", "fabricated", "fake", "bogus",
    "incorrect", "inaccurate", "erroneous", "misleading", "wrong", "absurd", "ridiculous",
    "nonsense", "fictitious", "fiction", "lie", "hoax", "fabrication", "myth", "falsehood",
    "made-up", "speculative", "unsubstantiated", "debunked", "satire", "satirical", "spoof",
    "invented", "concocted", "far-fetched",
}  # fmt: skip
# "not <word>" says the thing is untrue: "this is not so", "that is not the case".
_NOT_TRUE = {"true", "so", "case", "correct", "accurate", "real", "genuine", "right"}
# "no <word>" that rules out a claim: "there is no truth in it".
_NO_NOUNS = {"truth", "basis", "grounds", "foundation", "evidence", "substance", "merit"}
# What a denial verb's object is when the verb denies a claim rather than, say, a plan.
_REPORT_NOUNS = {
    "report", "claim", "allegation", "accusation", "rumour", "rumor", "story", "suggestion",
    "speculation", "figure", "number", "toll", "account", "assertion", "information", "news",
    "article", "statement", "charge", "idea", "notion", "version", "finding", "estimate",
    "reporting", "media", "talk", "theory", "narrative", "this", "that", "it", "they", "them",
}  # fmt: skip
_HEDGES = {
    "allege", "alleged", "allegedly", "reportedly", "claim", "rumour", "rumor", "rumoured",
    "rumored", "speculation", "speculate", "unconfirmed", "unverified", "purportedly",
    "purported", "supposedly", "apparently", "appear", "seem", "may", "might", "could",
    "possibly", "perhaps", "suggest", "suspect", "according", "likely", "unclear", "whether",
    "if", "believe", "report", "source",
}  # fmt: skip
# Lemmas that say something planned did not happen: the claims contradicted by "as planned".
_DISRUPT = {
    "refuse", "refusal", "decline", "cancel", "cancellation", "resign", "resignation", "quit",
    "postpone", "postponement", "delay", "suspend", "suspension", "withdraw", "withdrawal",
    "scrap", "abandon", "halt", "difficult", "unable", "impossible", "fire", "sack", "oust",
    "snub", "boycott", "skip", "stop", "end", "close", "shut", "collapse", "die", "dead",
    "kill", "leave", "surgery", "ill", "illness", "sick", "injure", "injured", "arrest",
}  # fmt: skip
_DISRUPT_PARTICLES = {("turn", "down"), ("call", "off"), ("step", "down"), ("pull", "out")}
# Multi-word cues (as lemma sequences) that say things go on as before.
_REAFFIRM_PHRASES = [
    ("go", "ahead"), ("take", "place"), ("as", "plan"), ("as", "planned"), ("as", "schedule"),
    ("as", "scheduled"), ("on", "schedule"), ("on", "track"), ("as", "usual"),
    ("good", "health"), ("no", "plan"), ("continue", "to"), ("remain", "on"), ("remain", "in"),
    ("stay", "on"), ("still", "in"), ("in", "office"), ("will", "certainly"), ("be", "fine"),
    ("fully", "committed"),
]  # fmt: skip
_REPORTING_VERBS = {
    "say", "tell", "report", "add", "announce", "state", "claim", "write", "cite", "quote",
    "according", "note", "explain", "insist", "confirm", "reveal", "declare", "acknowledge",
}  # fmt: skip
_NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
    "million": 1_000_000, "dozen": 12, "dozens": 24,
}  # fmt: skip
_NOT_NUMBER_ENTS = {"DATE", "TIME", "PERCENT", "MONEY", "ORDINAL", "QUANTITY"}


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
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SentenceCues:
        tuples = ("negated", "asserted", "numbers", "stems", "proper", "predicate")
        return cls(**{k: (tuple(v) if k in tuples else v) for k, v in data.items()})


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


def _numbers(sent: Any) -> list[int]:
    values: list[int] = []
    for ent in sent.ents:
        if ent.label_ != "CARDINAL":
            continue
        after = ent.end < len(ent.doc) and ent.doc[ent.end].lemma_.lower() in ("time", "percent")
        value = _parse_number(ent.text)
        if value is not None and value >= 2 and not after:
            values.append(value)
    return values


def _parse_number(text: str) -> int | None:
    text = text.lower().replace(",", "")
    text = re.sub(
        r"^(at least|at most|about|around|nearly|almost|some|over|more than)\s+", "", text
    )
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return int(float(text))
    total, current, seen = 0, 0, False
    for word in re.split(r"[\s-]+", text):
        if word in ("and", ""):
            continue
        if word not in _NUMBER_WORDS:
            return None
        value, seen = _NUMBER_WORDS[word], True
        if value >= 1000:
            total += max(current, 1) * value
            current = 0
        elif value == 100:
            current = max(current, 1) * value
        else:
            current += value
    return total + current if seen else None


_LIGHT = {"be", "have", "do", "get", "make", "go", "come", "take", "give", "put"}


def _predicate(sent: Any) -> list[str]:
    """Stems of what the sentence says happened: its main verb (under "said that"), the verbs
    it governs ("refused to come"), or for "is in talks to merge" the nouns after the copula."""
    root = sent.root
    for _ in range(2):
        comp = [c for c in root.children if c.dep_ == "ccomp"]
        if root.lemma_.lower() in _REPORTING_VERBS and comp:
            root = comp[0]
    denied = _denied_content(root)
    if denied is not None:
        # "reports about Xi's refusal to visit Russia are false": what happened is the refusal.
        return sorted(
            {
                stem(w.lemma_)
                for w in denied.subtree
                if w.pos_ in ("VERB", "NOUN", "ADJ")
                and w.lemma_.lower() not in _LIGHT | _REPORT_NOUNS | _HEDGES
            }
        )
    words = [root] + [c for c in root.children if c.dep_ in ("xcomp", "acomp", "attr", "prt")]
    if root.lemma_.lower() in _LIGHT or root.pos_ == "AUX":
        for c in root.children:
            if c.dep_ == "prep":
                words.extend(g for g in c.children if g.dep_ == "pobj")
        words.extend(g for w in list(words) for g in w.children if g.dep_ in ("acl", "xcomp"))
    return sorted(
        {
            stem(w.lemma_)
            for w in words
            if w.pos_ in ("VERB", "NOUN", "ADJ") and w.lemma_.lower() not in _LIGHT
        }
    )


def _denied_content(root: Any) -> Any | None:
    """The phrase a denial is about: the subject of "... are false", the object of "refuted"."""
    lemma = root.lemma_.lower()
    if lemma in _DENY_VERBS:
        objs = [c for c in root.children if c.dep_ in ("dobj", "ccomp", "nsubjpass")]
        return objs[0] if objs else None
    falsity = [c for c in root.children if c.dep_ in ("acomp", "attr")]
    if lemma == "be" and any(c.lemma_.lower() in _FALSE_WORDS for c in falsity):
        subj = [c for c in root.children if c.dep_ == "nsubj"]
        return subj[0] if subj else None
    return None


def _sentence_cues(sent: Any) -> SentenceCues:
    scores: list[float] = []
    negated: list[str] = []
    asserted: list[str] = []
    hedges = reaffirm = disrupt = 0
    no_comment = _no_comment(sent)
    words = [t for t in sent if not t.is_punct and not t.is_space]
    lemmas = [t.lemma_.lower() for t in words]

    # Quote-initial "No." / "No," ("No. This is not so.") or a bare "Not at all".
    if words and words[0].lower_ in ("no", "nope"):
        nxt = words[0].nbor(1) if words[0].i + 1 < len(words[0].doc) else None
        if len(words) == 1 or (nxt is not None and nxt.is_punct):
            scores.append(0.8)
    if sent.text.lower().lstrip(" \"'“‘").startswith("not at all"):
        scores.append(0.8)

    for tok in sent:
        lemma = tok.lemma_.lower()
        low = tok.lower_
        if lemma in _DENY_VERBS and tok.pos_ == "VERB":
            if _is_negated(tok):
                continue
            objs = _objects(tok)
            if any(o.dep_ == "ccomp" for o in objs):
                scores.append(0.9)
            elif any(o.lemma_.lower() in _REPORT_NOUNS or o.pos_ == "PRON" for o in objs):
                scores.append(0.9)
            elif objs:
                scores.append(0.35)
            else:
                scores.append(0.6)
        elif lemma in _DENY_NOUNS:
            scores.append(0.5)
        false_word = lemma in _FALSE_WORDS or low in _FALSE_WORDS
        if lemma == "lie" and tok.pos_ != "NOUN":  # "the town lies 8 km from the border"
            false_word = False
        if false_word and not _is_negated(tok):
            if tok.dep_ == "amod":
                scores.append(0.35)
            elif _predicative(tok):
                scores.append(0.9)
            else:
                scores.append(0.5)
        if tok.dep_ == "neg":
            head = tok.head
            comp = [c for c in head.children if c.dep_ in ("acomp", "attr", "advmod", "dobj")]
            if head.lemma_.lower() in _NOT_TRUE or any(c.lemma_.lower() in _NOT_TRUE for c in comp):
                scores.append(0.95)
            elif head.lemma_.lower() in ("happen", "occur", "exist"):
                scores.append(0.9)
            elif head.lemma_.lower() in _DENY_VERBS:
                pass  # "did not deny the report" is no denial
            elif not no_comment and head.dep_ in ("ROOT", "ccomp", "conj"):
                scores.append(0.4)
            if head.pos_ in ("VERB", "AUX", "ADJ", "NOUN"):
                negated.append(stem(head.lemma_))
                negated.extend(stem(c.lemma_) for c in head.children if c.dep_ == "xcomp")
        if low == "no" and tok.dep_ == "det":
            if tok.head.lemma_.lower() in _NO_NOUNS:
                scores.append(0.85)
            elif not no_comment:
                scores.append(0.3)
                negated.extend(stem(c.lemma_) for c in tok.head.children if c.dep_ == "acl")
        if low == "nothing" and any(c.lower_ == "to" for c in tok.subtree):
            if "to do with" in sent.text.lower():
                scores.append(0.8)
        if low == "never" and tok.dep_ == "neg":
            negated.append(stem(tok.head.lemma_))
        if lemma in _HEDGES or low in _HEDGES:
            if not (lemma == "report" and tok.pos_ == "NOUN"):
                hedges += 1
        if lemma == "comment" or tok.dep_ == "neg":
            pass
        elif lemma in _DISRUPT and not (lemma == "decline" and no_comment):
            if _negated_context(tok):
                reaffirm += 1
            else:
                disrupt += 1
        if tok.dep_ == "prt" and (tok.head.lemma_.lower(), low) in _DISRUPT_PARTICLES:
            if _is_negated(tok.head):
                reaffirm += 1
            else:
                disrupt += 1
        if (
            tok.pos_ in ("VERB", "NOUN", "ADJ")
            and not _is_negated(tok)
            and lemma not in _REPORTING_VERBS
        ):
            asserted.append(stem(lemma))

    for i in range(len(lemmas) - 1):
        if (lemmas[i], lemmas[i + 1]) in _REAFFIRM_PHRASES:
            reaffirm += 1

    stems = sorted(
        {
            stem(t.lemma_)
            for t in words
            if t.pos_ in ("NOUN", "PROPN", "VERB", "ADJ", "NUM")
            and not t.is_stop
            and t.lemma_.lower() not in _REPORTING_VERBS
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
        text=sent.text.strip(),
        denial=round(_noisy_or(scores), 4),
        negated=tuple(sorted(set(negated))),
        asserted=tuple(sorted(set(asserted))),
        hedges=hedges,
        reaffirm=reaffirm,
        disrupt=disrupt,
        no_comment=no_comment,
        numbers=tuple(sorted(set(_numbers(sent)))),
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
    parsed = {
        key: [_sentence_cues(s) for s in doc.sents if s.text.strip()]
        for key, doc in zip(missing, nlp().pipe(missing, batch_size=batch_size), strict=True)
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
    if not sentences:
        return 0.0
    ranked = sorted((s.denial for s in sentences), reverse=True)
    return round(min(1.0, ranked[0] + 0.1 * sum(ranked[1:3])), 4) if ranked[0] > 0 else 0.0
