"""A tiny learned cue model: does this verb report what its subject said, thought or wants?

The hand-written rules cover speech verbs ("said", "refuted", ...). News copy also
attributes through verbs whose meaning depends on context ("called the plan a disaster",
"took to Twitter to accuse", "endorsed", "is seeking"): this logistic model, trained on
PolNeAR's train split by ``bench/attribution.py --train-cues``, scores those. Its weights
are plain JSON (``retrieval/data/attribution_cues.json``) and scoring needs no library.
"""

from __future__ import annotations

import json
import logging
import math
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is imported by the loader, not by importing this module
    from spacy.tokens import Token

logger = logging.getLogger(__name__)

MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "attribution_cues.json"
SOURCE_MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "attribution_sources.json"

_KID_DEPS = (
    "ccomp",
    "xcomp",
    "dobj",
    "prep",
    "advcl",
    "neg",
    "aux",
    "auxpass",
    "prt",
    "dative",
    "oprd",
    "acomp",
    "attr",
    "npadvmod",
)


def features(tok: Token, subj: Token, quoted: bool) -> list[str]:
    """Sparse binary features of a candidate cue ``tok`` with subject ``subj``.

    Args:
        tok: the verb.
        subj: its (possibly inherited) subject.
        quoted: whether the verb's sentence holds a quotation.
    """
    lemma = tok.lemma_.lower()
    out = [f"lemma={lemma}", f"dep={tok.dep_}", f"tag={tok.tag_}"]
    kids = {c.dep_ for c in tok.children}
    for dep in _KID_DEPS:
        if dep in kids:
            out.append(f"has={dep}")
            out.append(f"lemma={lemma}|has={dep}")
    for c in tok.children:
        if c.dep_ in ("dobj", "xcomp", "attr", "oprd"):
            # "drew support", "took swipes", "came on the show to talk"
            out.append(f"{c.dep_}_lemma={c.lemma_.lower()}")
            out.append(f"lemma={lemma}|{c.dep_}_lemma={c.lemma_.lower()}")
        if c.dep_ == "prep":
            out.append(f"prep={c.lower_}")
            out.append(f"lemma={lemma}|prep={c.lower_}")
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                out.append(f"pobj_lemma={pobj.lemma_.lower()}")
        elif c.dep_ == "prt":
            out.append(f"lemma={lemma}|prt={c.lower_}")
        elif c.dep_ == "ccomp":
            mark = next((m.lower_ for m in c.children if m.dep_ == "mark"), "")
            out.append(f"ccomp_mark={mark}")
    if tok.dep_ in ("xcomp", "conj", "advcl"):
        out.append(f"head_lemma={tok.head.lemma_.lower()}")
    if quoted:
        out.append("quote_in_sentence")
        out.append(f"lemma={lemma}|quote")
    if tok.dep_ == "ROOT":
        out.append("root")
    if subj.pos_ == "PRON":
        out.append(f"subj_pron={subj.lower_}")
    else:
        out.append(f"subj_pos={subj.pos_}")
        if subj.ent_type_:
            out.append(f"subj_ent={subj.ent_type_}")
            out.append(f"lemma={lemma}|subj_ent={subj.ent_type_}")
    if subj.i > tok.i:
        out.append("subj_after")
    return out


def source_features(head: Token, quoted: bool) -> list[str]:
    """Sparse binary features of a noun phrase (by its head) as the source of its sentence.

    For sentences no rule attributes: "X drew support from Y", "an opponent of Z",
    "the bill was introduced by W", "in the ABC News poll, ...". The features say how the
    phrase hangs in the parse: its role, the word that governs it, the preposition between.
    """
    lemma = head.lemma_.lower()
    gov = head.head
    gov_lemma = gov.lemma_.lower()
    out = [
        f"dep={head.dep_}",
        f"pos={head.pos_}",
        f"ent={head.ent_type_ or '-'}",
        f"lemma={lemma}",
        f"gov={gov_lemma}",
        f"gov_pos={gov.pos_}",
        f"dep={head.dep_}|gov={gov_lemma}",
        f"dep={head.dep_}|gov_pos={gov.pos_}",
        f"dep={head.dep_}|ent={head.ent_type_ or head.pos_}",
        f"dep={head.dep_}|lemma={lemma}",
        f"gov={gov_lemma}|ent={head.ent_type_ or head.pos_}",
        f"root={head.sent.root.lemma_.lower()}",
    ]
    if any(c.dep_ == "ccomp" for c in head.sent.root.children):
        out.append(f"dep={head.dep_}|root_has_ccomp")
    if head.dep_ == "pobj":
        over = gov.head
        out += [
            f"prep={gov.lower_}",
            f"prep={gov.lower_}|over={over.lemma_.lower()}",
            f"prep={gov.lower_}|over_dep={gov.dep_}|over_pos={over.pos_}",
        ]
    if head.dep_ in ("nsubj", "nsubjpass"):
        for c in gov.children:
            if c.dep_ in ("dobj", "attr", "acomp", "xcomp", "ccomp", "prep", "oprd"):
                word = c.lower_ if c.dep_ == "prep" else c.lemma_.lower()
                out.append(f"verb_kid={c.dep_}:{word}")
                out.append(f"verb={gov_lemma}|{c.dep_}:{word}")
    for c in head.children:
        if c.dep_ == "prep":
            out.append(f"own_prep={c.lower_}")
            out.append(f"lemma={lemma}|own_prep={c.lower_}")
        elif c.dep_ in ("relcl", "acl"):
            out.append(f"own_{c.dep_}={c.lemma_.lower()}")
    if head.dep_ == "poss":
        out.append(f"poss_of={gov_lemma}")
    if quoted:
        out.append("quote_in_sentence")
    if head.i == head.sent.start or (head.i - head.sent.start) <= 2:
        out.append("sentence_start")
    if gov.dep_ == "ROOT" or head.dep_ == "ROOT":
        out.append("near_root")
    return out


class CueModel:
    """Logistic scores from a JSON file of feature weights.

    Example: CueModel.load().score(["lemma=call", "has=oprd"]) -> 0.81
    """

    def __init__(self, weights: dict[str, float], bias: float, threshold: float) -> None:
        if not 0.0 < threshold < 1.0:
            raise ValueError(f"threshold must be between 0 and 1, got {threshold}")
        self.weights = weights
        self.bias = bias
        self.threshold = threshold

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> CueModel | None:
        """The shipped model, or None if the file is missing (rules then work alone)."""
        if not path.is_file():
            logger.warning("no cue model at %s; using rules only", path)
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(data["weights"], float(data["bias"]), float(data["threshold"]))

    def score(self, feats: list[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in feats)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def is_cue(self, feats: list[str]) -> bool:
        return self.score(feats) >= self.threshold


@lru_cache(maxsize=1)
def shipped_model() -> CueModel | None:
    """The cue model in ``retrieval/data``, read once."""
    return CueModel.load()


@lru_cache(maxsize=1)
def shipped_source_model() -> CueModel | None:
    """The source model in ``retrieval/data``, read once (None if it is not there)."""
    return CueModel.load(SOURCE_MODEL_PATH)
