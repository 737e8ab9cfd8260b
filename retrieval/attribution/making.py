"""Turning what a rule found into a ``Claim``: the content's and cue's offsets, the cue's
words ("told reporters", "made clear"), "citing ..." sources, and the context a claim rule
reads (the parsed article, the speaker resolver and the subject finder)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from retrieval.attribution.records import Claim, ClaimKind, Sentence, Speaker, hull
from retrieval.attribution.syntax import COMPLEMENTS, child, contrasted, names_a_source
from retrieval.lexicon import AUDIENCE_NOUNS, SPEECH_VERBS, VERDICT_PREPOSITIONS

if TYPE_CHECKING:  # spaCy is imported by the loader, not by importing this module
    from spacy.tokens import Token

    from retrieval.attribution.article import Article
    from retrieval.attribution.coref import Sources
    from retrieval.attribution.subject import SubjectFinder


@dataclass(frozen=True)
class Context:
    """What a claim rule reads: the parsed article, who its phrases name, and the subject
    of any verb."""

    art: Article
    sources: Sources
    subject: SubjectFinder


def make(
    ctx: Context,
    sent: Sentence,
    cue: Token,
    cue_text: str,
    kind: ClaimKind,
    who: Speaker,
    content: list[Token],
    subj: Token | None,
    root: bool,
    *,
    rule: str,
    frame: bool = False,
) -> Claim:
    """The claim of a cue in ``sent``: offsets of its content, cue and subject, and whether
    its sentence ends in a colon that introduces what follows."""
    off = sent.offset
    content_span = None
    if content:
        toks = sorted(content, key=lambda t: t.i)
        while toks and toks[-1].is_punct and toks[-1].text not in '"”':
            toks.pop()
        while toks and toks[0].is_punct and toks[0].text not in '"“':
            toks.pop(0)
        if toks:
            content_span = (off + toks[0].idx, off + toks[-1].idx + len(toks[-1].text))
    cue_span = (off + cue.idx, off + cue.idx + len(cue.text))
    subj_span = None
    if subj is not None:
        st = list(subj.subtree)
        subj_span = (off + st[0].idx, off + st[-1].idx + len(st[-1].text))
    extent = hull(hull(content_span, cue_span), subj_span) or cue_span
    tail = ctx.art.text[sent.start : sent.end].rstrip()
    colon = tail.endswith(":") and (content_span is None or content_span[1] <= cue_span[1] + 30)
    return Claim(
        content=content_span,
        extent=extent,
        speaker=who.name,
        cue=cue_text,
        source=who.source,
        kind=kind,
        sent=sent.index,
        block=sent.block,
        root=root,
        mkind=who.kind,
        colon=colon,
        cue_at=cue_span[0],
        frame=frame,
        rule=rule,
    )


def said_words(tok: Token, exclude: set[int]) -> list[Token]:
    """What a cue says: its complements (or the clause it hangs off), minus ``exclude``."""
    comps = [c for c in tok.children if c.dep_ in COMPLEMENTS or c.lower_ == "about"]
    if comps and tok.lemma_.lower() in SPEECH_VERBS:
        # "slammed his proposal as too vague", "blamed the network for reporting that
        # ...": what the object is called or blamed for is said too
        comps += [c for c in tok.children if c.dep_ == "prep" and c.lower_ in VERDICT_PREPOSITIONS]
    mark = child(tok, "mark")
    head = tok.head
    said_subj = child(head, "nsubj")
    # "The plan, he said, is dead." / "As UNIAN reported, ...": the claim is the clause
    # the cue hangs off ("While critics argue that ..., Obama has ...": not); so it is
    # in "after Trump told The Washington Post he was ...", where the parser made the
    # said clause the head of "told"
    if (
        tok.dep_ == "parataxis"
        or (tok.dep_ == "advcl" and mark is not None and mark.lower_ == "as")
        or (
            tok.dep_ == "advcl"
            and tok.lemma_.lower() in ("tell", "say")
            and not any(c.dep_ in ("ccomp", "xcomp") for c in tok.children)
            and head.i > tok.i
            and said_subj is not None
            and said_subj.i > tok.i
        )
    ):
        own = {t.i for t in tok.subtree}
        return [t for t in head.subtree if t.i not in own and not t.is_space]
    pool = [t for c in comps for t in c.subtree] if comps else list(tok.subtree)
    exclude = exclude | contrasted(pool)
    return [t for t in pool if t.i not in exclude and t.i != tok.i and not t.is_space]


def citing_phrase(sent: Sentence, anchor: Token, subj: Token | None) -> str | None:
    """ "citing its own diplomatic sources" when the cue's clause cites someone."""
    for tok in sent.span:
        if tok.lemma_.lower() != "cite" or tok.tag_ != "VBG":
            continue
        ok = tok.head == anchor or anchor in tok.ancestors
        ok = ok or (subj is not None and tok in subj.subtree)
        obj = child(tok, "dobj")
        if ok and obj is not None and names_a_source(obj):
            words = [t for t in obj.subtree if not t.is_space]
            while words and words[-1].is_punct:
                words.pop()
            if not words:
                continue  # "citing \": nothing but punctuation was read as its object
            text = sent.span.doc[words[0].i : words[-1].i + 1].text
            return "citing " + " ".join(text.split())
    return None


def via(who: Speaker, cited: str | None) -> Speaker:
    """ "The Ledger reported, citing three executives": the executives speak, through the
    paper ("three executives, via the Ledger"); the cited phrase loses "its own"."""
    if not cited or not who.name:
        return who
    cited = re.sub(r"^citing\s+", "", cited)
    cited = re.sub(r"^(?:its|their|his|her)\s+(?:own\s+)?", "", cited)
    return who.renamed(f"{cited}, via {who.name}")


def cue_text(tok: Token) -> str:
    """The cue as a reader would quote it: "fired back", "told reporters", "made clear"."""
    words = [tok.text]
    prt = child(tok, "prt")
    if prt is not None:
        words.append(prt.text)
    obj = child(tok, "dobj", "dative")
    if tok.lemma_ == "tell" and obj is not None and obj.lemma_.lower() in AUDIENCE_NOUNS:
        words.append(obj.text)
    if tok.lemma_ == "make":  # "made clear", "made it clear"
        end = next((t.i for t in tok.doc[tok.i : tok.i + 4] if t.lower_ == "clear"), tok.i)
        return tok.doc[tok.i : end + 1].text
    return " ".join(words)
