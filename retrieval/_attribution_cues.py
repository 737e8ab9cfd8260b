"""Find claims and their sources in parsed blocks: the rules behind ``find_attributions``.

``ClaimFinder`` walks the sentences of an article in order. For each reporting cue (a
speech, belief or feeling verb, "according to", "X quoted Y as saying", a headline's
"– media") it finds the source phrase, resolves it through ``Resolver`` and records the
claim's content and extent (the characters it speaks for). Then direct quotes are tied to
the claim in their sentence, and quotes standing alone take the speaker of the quote before
them in the paragraph, or of the previous paragraph when it ends with a colon or a quote.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from retrieval._attribution_lexicon import (
    CLOSE_QUOTES,
    FEELING_WORDS,
    FIRST_PERSON,
    GROUP_PRONOUNS,
    MEDIA_NOUNS,
    OPEN_QUOTES,
    PERSON_PRONOUNS,
    RELATIVE_PRONOUNS,
    SPEECH_VERBS,
    THING_PRONOUNS,
    THOUGHT_VERBS,
)
from retrieval._attribution_mentions import Mention, Resolver, describe, span_mentions
from retrieval._attribution_model import CueModel, features, shipped_model

if TYPE_CHECKING:  # spaCy is imported by the loader, not by importing this module
    from spacy.tokens import Doc, Span, Token

logger = logging.getLogger(__name__)

_HEADLINE_SOURCE = re.compile(r"^(?P<claim>.*\S)\s+[–—-]\s+(?P<source>[A-Za-z][\w.'’ ]{1,30})$")
# "PENCE: Well, look ...", "Pat Caddell: Democrat voters worried ..." (interviews, headlines)
_COLON_LEAD = re.compile(r"^[\"“]?(?P<source>[A-Z][\w.’'&-]*(?:\s+[A-Z][\w.’'&-]*){0,3})\s*:\s+\S")
_NOT_LEADS = frozenset(
    """
    update updated watch breaking exclusive video videos photo photos listen read note editor
    editor's correction clarification related advertisement source sources full text abstract
    summary background context warning caution question answer q a re fw fwd subject from to
    date time location image images caption credit credits transcript live opinion analysis
    """.split()
)
_COMPLEMENTS = frozenset({"ccomp", "xcomp", "dobj", "oprd", "acomp", "intj", "attr"})
_AUDIENCE = frozenset({"reporter", "journalist", "press", "audience", "supporter", "parliament"})


@dataclass
class Claim:
    """A claim found in the text; offsets index the whole article.

    ``extent`` is every character the claim speaks for (its sentence, or its clause when a
    sentence carries several speakers, plus any quotation it owns); ``content`` is the
    claim itself, ``source`` the phrase naming the speaker when it is in the same sentence.
    """

    content: tuple[int, int] | None
    extent: tuple[int, int]
    speaker: str | None
    cue: str | None
    source: tuple[int, int] | None
    kind: str
    sent: int
    block: int
    root: bool
    mkind: str | None = None
    owns_quote: bool = False
    colon: bool = False
    rank: int = 0


@dataclass
class _Sent:
    index: int
    block: int
    span: Span
    offset: int
    start: int
    end: int
    headline: bool


def _hull(a: tuple[int, int] | None, b: tuple[int, int] | None) -> tuple[int, int] | None:
    if a is None:
        return b
    if b is None:
        return a
    return (min(a[0], b[0]), max(a[1], b[1]))


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def find_quotes(text: str, blocks: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Quotation spans (marks included) per block; an unclosed quote runs to the block end.

    Curly quotes pair with curly, straight with straight; quotes inside a longer quote
    are dropped. Single quotes are ignored (they double as apostrophes).
    """
    spans: list[tuple[int, int]] = []
    for bs, be in blocks:
        seg = text[bs:be]
        curly_open: int | None = None
        depth = 0
        straight_open: int | None = None
        for j, ch in enumerate(seg):
            if ch in OPEN_QUOTES:
                if curly_open is None:
                    curly_open = j
                depth += 1
            elif ch in CLOSE_QUOTES:
                depth = max(0, depth - 1)
                if curly_open is not None and depth == 0:
                    spans.append((bs + curly_open, bs + j + 1))
                    curly_open = None
            elif ch == '"':
                if straight_open is None:
                    straight_open = j
                else:
                    spans.append((bs + straight_open, bs + j + 1))
                    straight_open = None
        for opened in (curly_open, straight_open):
            if opened is not None and be - (bs + opened) > 1:
                spans.append((bs + opened, be))
    spans.sort(key=lambda s: (s[0], -s[1]))
    out: list[tuple[int, int]] = []
    for s in spans:
        if out and s[0] < out[-1][1]:
            if s[1] > out[-1][1]:
                out[-1] = (out[-1][0], s[1])
            continue
        out.append(s)
    return out


def _child(tok: Token, *deps: str) -> Token | None:
    return next((c for c in tok.children if c.dep_ in deps), None)


def _is_root(tok: Token) -> bool:
    """True when ``tok`` heads the sentence's main clause (or a clause joined to it)."""
    t = tok
    for _ in range(12):
        if t.dep_ == "ROOT":
            return True
        if t.dep_ in ("conj", "acomp") or (t.dep_ in ("advcl", "xcomp") and t.tag_ == "VBG"):
            t = t.head
            continue
        return False
    return False


class ClaimFinder:
    """Claims of one article, from its blocks (lines) and their spaCy parses.

    Example: ClaimFinder(text, blocks, docs).run()
    """

    def __init__(
        self,
        text: str,
        blocks: list[tuple[int, int]],
        docs: list[Doc],
        model: CueModel | None | bool = True,
    ) -> None:
        if len(blocks) != len(docs):
            raise ValueError(f"got {len(blocks)} blocks but {len(docs)} parses")
        # model=True: the shipped cue model; None or False: rules only
        self.model = shipped_model() if model is True else (model or None)
        self.text = text
        self.blocks = blocks
        self.quotes = find_quotes(text, blocks)
        self._inq = bytearray(len(text) + 1)
        for s, e in self.quotes:
            self._inq[s:e] = b"\x01" * (e - s)
        self.sents: list[_Sent] = []
        mentions: list[Mention] = []
        for b, ((bs, be), doc) in enumerate(zip(blocks, docs, strict=True)):
            sents = [s for s in doc.sents if s.text.strip()]
            tail = text[bs:be].rstrip()[-1:]
            headline = len(sents) == 1 and tail not in '.!?:"”’)…'
            for span in sents:
                idx = len(self.sents)
                start = bs + span.start_char
                end = bs + span.end_char
                self.sents.append(_Sent(idx, b, span, bs, start, end, headline))
                for m in span_mentions(span, bs, idx):
                    if not self._inq[m.start]:
                        mentions.append(m)
        self.resolver = Resolver(mentions)
        self.claims: list[Claim] = []

    def run(self) -> list[Claim]:
        """All claims, sorted by where they start."""
        leads = self._colon_leads()
        for sent in self.sents:
            self.claims.extend(self._sentence(sent))
        self.claims.extend(leads)
        self._own_quotes()
        self._lone_quotes()
        self._colon_blocks()
        return sorted(self.claims, key=lambda c: c.extent)

    # -- sources ---------------------------------------------------------------------

    def _speaker(
        self, subj: Token, sent: _Sent
    ) -> tuple[str | None, tuple[int, int] | None, str | None] | None:
        """(speaker, source span, kind) for a subject token; None when nobody can be named."""
        lower = subj.lower_
        if lower in FIRST_PERSON or lower in ("there", "this", "these", "those"):
            return None
        if lower in RELATIVE_PRONOUNS and subj.head.dep_ in ("relcl", "acl"):
            subj = subj.head.head
            lower = subj.lower_
        pos = sent.offset + subj.idx
        if lower in PERSON_PRONOUNS or lower in GROUP_PRONOUNS or lower in THING_PRONOUNS:
            return self._pronoun(lower, pos, sent)
        if subj.pos_ == "PRON":
            return (None, None, None)
        conjs = [c for c in subj.children if c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN")]
        m = describe(subj, sent.offset, sent.index)
        if m is None:
            return (None, None, None)
        name, kind, source = self._resolve(m, subj, sent)
        if conjs:
            names = [name] if name else []
            for c in conjs:
                cm = describe(c, sent.offset, sent.index)
                if cm is not None:
                    names.append(self._resolve(cm, c, sent)[0] or cm.text)
            name = " and ".join(n for n in names if n)
        return (name, source, kind)

    def _pronoun(
        self, lower: str, pos: int, sent: _Sent
    ) -> tuple[str | None, tuple[int, int] | None, str | None]:
        """Walk back up to three sentences to the nearest fitting mention or speaker."""
        if lower in PERSON_PRONOUNS:
            want: tuple[str, ...] = ("person",)
        elif lower in THING_PRONOUNS:
            want = ("org",)
        else:
            want = ("org", "group")
        for s in range(sent.index, max(-1, sent.index - 4), -1):
            spoke = [c for c in self.claims if c.sent == s and c.speaker and c.mkind in want]
            if spoke and lower not in PERSON_PRONOUNS:
                return (spoke[-1].speaker, None, spoke[-1].mkind)
            m = self.resolver.pronoun_in_sentence(lower, pos, s)
            if m is not None:
                return (m.speaker(), None, m.kind)
            if spoke:
                return (spoke[-1].speaker, None, spoke[-1].mkind)
        return (None, None, want[0])

    def _resolve(
        self, m: Mention, head: Token, sent: _Sent
    ) -> tuple[str | None, str, tuple[int, int] | None]:
        if m.name:
            full = self.resolver.full(m)
            return full.speaker(), full.kind, (m.start, m.end)
        bare_headline = sent.headline and not any(c.dep_ == "det" for c in head.children)
        refers_back = m.definite or bare_headline
        if refers_back and (m.kind in ("person", "org") or m.head_lemma in MEDIA_NOUNS):
            r = self.resolver.resolve_role(m)
            if r is not None:
                return r.speaker(), r.kind, None
        if refers_back and m.kind == "group":
            r = self.resolver.resolve_role(m)
            if r is not None and not r.name:
                return r.speaker(), r.kind, None
        return m.text, m.kind, (m.start, m.end)

    # -- cues ------------------------------------------------------------------------

    def _is_cue(self, tok: Token, sent: _Sent) -> bool:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "ADJ" or (tok.pos_ == "VERB" and lemma in FEELING_WORDS):
            if lemma not in FEELING_WORDS and tok.lower_ not in FEELING_WORDS:
                return False
            return _child(tok, "ccomp") is not None or (
                tok.dep_ == "acomp" and _child(tok.head, "ccomp") is not None
            )
        if tok.pos_ != "VERB":
            return False
        if lemma in SPEECH_VERBS:
            if lemma == "continue":  # '"...," he continued' but not "the shelling continued"
                return _child(tok, "xcomp", "dobj") is None and self._has_quote(sent)
            if lemma == "call":
                return any(c.dep_ in ("oprd", "ccomp", "xcomp") for c in tok.children) or any(
                    c.dep_ == "prep" and c.lower_ in ("for", "on") for c in tok.children
                )
            return True
        if lemma in THOUGHT_VERBS:
            return _child(tok, "ccomp") is not None
        return False

    def _subject(self, tok: Token) -> tuple[Token | None, bool]:
        """The subject of a cue and whether the cue itself is passive."""
        subj = _child(tok, "nsubj", "csubj")
        if subj is not None:
            return subj, False
        passive = _child(tok, "nsubjpass")
        if passive is not None:
            return passive, True
        if tok.dep_ == "acomp":
            return self._subject(tok.head)[0], False
        if tok.dep_ == "conj" and tok.head.pos_ in ("VERB", "AUX", "ADJ"):
            return self._subject(tok.head)[0], False
        if tok.tag_ == "VBG" and tok.dep_ in ("advcl", "xcomp"):
            return self._subject(tok.head)[0], False
        if tok.dep_ == "xcomp" and _child(tok.head, "dobj") is None:
            # "took to Twitter to accuse", "refuses to disavow": the subject of the head
            return self._subject(tok.head)[0], False
        if tok.tag_ == "VBG" and tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN"):
            return tok.head, False
        return None, False

    def _content(self, tok: Token, exclude: set[int]) -> list[Token]:
        comps = [c for c in tok.children if c.dep_ in _COMPLEMENTS or c.lower_ == "about"]
        if tok.dep_ == "advcl" and _child(tok, "mark") is not None:
            # "As UNIAN reported, ...": the claim is the clause it modifies
            own = {t.i for t in tok.subtree}
            return [t for t in tok.head.subtree if t.i not in own and not t.is_space]
        pool = [t for c in comps for t in c.subtree] if comps else list(tok.subtree)
        return [t for t in pool if t.i not in exclude and t.i != tok.i and not t.is_space]

    def _citing(self, sent: _Sent, anchor: Token, subj: Token | None) -> str | None:
        """ "citing its own diplomatic sources" when the cue's clause cites someone."""
        for tok in sent.span:
            if tok.lemma_.lower() != "cite" or tok.tag_ != "VBG":
                continue
            ok = tok.head == anchor or anchor in tok.ancestors
            ok = ok or (subj is not None and tok in subj.subtree)
            obj = _child(tok, "dobj")
            if ok and obj is not None:
                words = [t for t in obj.subtree if not t.is_space]
                while words and words[-1].is_punct:
                    words.pop()
                text = sent.span.doc.text[words[0].idx : words[-1].idx + len(words[-1].text)]
                return "citing " + " ".join(text.split())
        return None

    def _make(
        self,
        sent: _Sent,
        cue: Token,
        cue_text: str,
        kind: str,
        who: tuple[str | None, tuple[int, int] | None, str | None],
        content: list[Token],
        subj: Token | None,
        root: bool,
    ) -> Claim:
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
        extent = _hull(_hull(content_span, cue_span), subj_span)
        assert extent is not None
        speaker, source, mkind = who
        tail = self.text[sent.start : sent.end].rstrip()
        colon = tail.endswith(":") and (content_span is None or content_span[1] <= cue_span[1] + 30)
        return Claim(
            content=content_span,
            extent=extent,
            speaker=speaker,
            cue=cue_text,
            source=source,
            kind=kind,
            sent=sent.index,
            block=sent.block,
            root=root,
            mkind=mkind,
            colon=colon,
        )

    def _colon_leads(self) -> list[Claim]:
        """A paragraph opening "NAME: ..." is NAME speaking (interviews, headlines)."""
        out = []
        for b, (bs, be) in enumerate(self.blocks):
            m = _COLON_LEAD.match(self.text[bs:be])
            if m is None:
                continue
            source = m.group("source")
            words = [w.lower().strip(".") for w in source.split()]
            if any(w in _NOT_LEADS for w in words) or len(source) < 2 or len(words[-1]) < 2:
                continue
            speaker = source
            last = words[-1].replace("’s", "").replace("'s", "")
            for mention in self.resolver.mentions:
                if mention.name and mention.name_tokens and mention.name_tokens[-1] == last:
                    full = self.resolver.full(mention)
                    if len(full.name_tokens) >= len(words):
                        speaker = full.speaker()
                        break
            sent = next(s.index for s in self.sents if s.block == b)
            start = bs + m.start("source")
            out.append(
                Claim(
                    content=(bs + m.end() - 1, be),
                    extent=(bs, be),
                    speaker=speaker,
                    cue=":",
                    source=(start, start + len(source)),
                    kind="colon_lead",
                    sent=sent,
                    block=b,
                    root=True,
                    mkind="person",
                    owns_quote=True,
                    rank=2,
                )
            )
        return out

    def _noun_cue(self, sent: _Sent, tok: Token) -> Claim | None:
        """ "..., Viguerie notes.": spaCy reads "notes" as a noun compounded with the name."""
        if tok.pos_ != "NOUN" or tok.tag_ != "NNS" or not tok.lower_.endswith("s"):
            return None
        if tok.lemma_.lower() not in SPEECH_VERBS | THOUGHT_VERBS:
            return None
        nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
        if nxt is not None and not nxt.is_punct:
            return None
        names = [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
        if not names:
            return None
        who = self._speaker(names[-1], sent)
        if who is None:
            return None
        content = [t for t in sent.span if t.i < names[0].i and not t.is_space]
        return self._make(sent, tok, tok.text, "reported", who, content, names[-1], True)

    def _has_quote(self, sent: _Sent) -> bool:
        return any(_overlap((sent.start, sent.end), q) > 0 for q in self.quotes)

    def _cue_text(self, tok: Token) -> str:
        words = [tok.text]
        prt = _child(tok, "prt")
        if prt is not None:
            words.append(prt.text)
        obj = _child(tok, "dobj", "dative")
        if tok.lemma_ == "tell" and obj is not None and obj.lemma_.lower() in _AUDIENCE:
            words.append(obj.text)
        return " ".join(words)

    def _sentence(self, sent: _Sent) -> list[Claim]:
        found: list[Claim] = []
        consumed: set[int] = set()
        span = sent.span
        if sent.headline:
            m = _HEADLINE_SOURCE.match(self.text[sent.start : sent.end])
            if m and len(m.group("source").split()) <= 3:
                s = sent.start + m.start("source")
                found.append(
                    Claim(
                        content=(sent.start, sent.start + m.end("claim")),
                        extent=(sent.start, sent.end),
                        speaker=m.group("source").strip(),
                        cue="–",
                        source=(s, sent.start + m.end("source")),
                        kind="headline_source",
                        sent=sent.index,
                        block=sent.block,
                        root=True,
                        mkind="org",
                    )
                )
                return found
        for tok in span:
            if tok.i in consumed or tok.is_space or tok.is_punct:
                continue
            if self._inq[sent.offset + tok.idx]:
                continue
            if tok.lemma_.lower() == "cite" and tok.tag_ == "VBG":
                continue  # "X said ..., citing Y": part of X's cue
            claim = self._according(sent, tok) or self._quoted_as(sent, tok, consumed)
            if claim is None and self._is_cue(tok, sent):
                claim = self._verb_claim(sent, tok)
            if claim is None:
                claim = self._noun_cue(sent, tok)
            if claim is None and self.model is not None:
                cand = self._candidate(sent, tok)
                if cand is not None and self.model.is_cue(cand[1]):
                    claim = self._verb_claim(sent, tok, kind="learned")
            if claim is not None:
                found.append(claim)
        roots = [c for c in found if c.root]
        if roots and len({c.speaker for c in roots}) == 1:
            for c in roots:
                c.extent = _hull(c.extent, (sent.start, sent.end)) or c.extent
        return found

    def _according(self, sent: _Sent, tok: Token) -> Claim | None:
        if tok.lower_ != "according":
            return None
        to = next((c for c in tok.children if c.lower_ == "to"), None)
        obj = _child(to, "pobj") if to is not None else None
        if obj is None:
            return None
        who = self._speaker(obj, sent)
        if who is None:
            return None
        clause = tok.head
        while clause.pos_ not in ("VERB", "AUX") and clause.dep_ != "ROOT":
            clause = clause.head
        citing = self._citing(sent, clause, None)
        if citing and who[0]:
            who = (f"{who[0]}, {citing}", who[1], who[2])
        own = {t.i for t in tok.subtree}
        own |= {t.i for c in clause.children if c.lemma_ == "cite" for t in c.subtree}
        content = [t for t in clause.subtree if t.i not in own and not t.is_space]
        return self._make(
            sent, tok, "according to", "according_to", who, content, obj, _is_root(clause)
        )

    def _quoted_as(self, sent: _Sent, tok: Token, consumed: set[int]) -> Claim | None:
        """ "The Valley Post quoted a senior police officer as saying ..." -> the officer."""
        if tok.lemma_.lower() not in ("quote", "cite") or tok.pos_ != "VERB":
            return None
        as_prep = next((c for c in tok.children if c.lower_ == "as"), None)
        saying = _child(as_prep, "pcomp") if as_prep is not None else None
        if saying is None:
            return None
        quoted = _child(tok, "dobj")
        carrier = _child(tok, "nsubj")
        if quoted is None:
            quoted = _child(tok, "nsubjpass")
            agent = _child(tok, "agent")
            carrier = _child(agent, "pobj") if agent is not None else None
        if quoted is None:
            return None
        who = self._speaker(quoted, sent) or (None, None, None)
        if carrier is not None and who[0]:
            by = self._speaker(carrier, sent)
            if by and by[0]:
                who = (f"{who[0]}, quoted by {by[0]}", who[1], who[2])
        consumed.add(saying.i)
        content = [t for t in saying.subtree if t.i != saying.i and not t.is_space]
        cue = f"{tok.text} as {saying.text}"
        return self._make(sent, tok, cue, "quoted_as", who, content, quoted, _is_root(tok))

    def _candidate(self, sent: _Sent, tok: Token) -> tuple[Token, list[str]] | None:
        """(subject, features) for a verb the rules did not take, if the model may."""
        if tok.pos_ != "VERB" or self._inq[sent.offset + tok.idx]:
            return None
        subj, passive = self._subject(tok)
        if subj is None or passive or subj.lower_ in FIRST_PERSON:
            return None
        if subj.lower_ in ("there", "it") and subj.dep_ == "expl":
            return None
        return subj, features(tok, subj, self._has_quote(sent))

    def candidates(self) -> list[tuple[int, Token, list[str]]]:
        """Every (text offset, verb, features) the model would judge; for training."""
        out = []
        for sent in self.sents:
            for tok in sent.span:
                if tok.is_space or tok.is_punct or self._inq[sent.offset + tok.idx]:
                    continue
                if self._is_cue(tok, sent) or tok.lower_ == "according":
                    continue
                cand = self._candidate(sent, tok)
                if cand is not None:
                    out.append((sent.offset + tok.idx, tok, cand[1]))
        return out

    def _verb_claim(self, sent: _Sent, tok: Token, kind: str = "reported") -> Claim | None:
        subj, passive = self._subject(tok)
        feeling = tok.lemma_.lower() in FEELING_WORDS or tok.lower_ in FEELING_WORDS
        if passive and not feeling:  # "X was disappointed that ...": X still feels it
            agent = _child(tok, "agent")
            subj = _child(agent, "pobj") if agent is not None else None
        if subj is None:
            return None
        who = self._speaker(subj, sent)
        if who is None:
            return None
        if tok.dep_ == "xcomp" and not any(c.dep_ in _COMPLEMENTS for c in tok.children):
            if not self._has_quote(sent):
                return None  # "refused to comment": a cue with nothing said
        citing = self._citing(sent, tok, subj)
        if citing and who[0]:
            who = (f"{who[0]}, {citing}", who[1], who[2])
        in_sent = subj.sent == tok.sent
        exclude = {t.i for t in subj.subtree} if in_sent else set()
        for c in tok.children:
            if c.dep_ == "conj" and c.pos_ == "VERB" and _child(c, "nsubj") is not None:
                exclude |= {t.i for t in c.subtree}
        content = self._content(tok, exclude)
        return self._make(
            sent,
            tok,
            self._cue_text(tok),
            kind,
            who,
            content,
            subj if in_sent else None,
            _is_root(tok),
        )

    # -- quotations ------------------------------------------------------------------

    def _sent_range(self, q: tuple[int, int]) -> tuple[int, int]:
        touched = [s for s in self.sents if _overlap((s.start, s.end), q) > 0]
        if not touched:
            return q
        return (min(touched[0].start, q[0]), max(touched[-1].end, q[1]))

    def _block_of(self, pos: int) -> int:
        for i, (s, e) in enumerate(self.blocks):
            if s <= pos < e:
                return i
        return -1

    def _own_quotes(self) -> None:
        """A quotation belongs to the claim of a sentence it touches."""
        by_sent: dict[int, list[Claim]] = {}
        for c in self.claims:
            by_sent.setdefault(c.sent, []).append(c)
        for q in self.quotes:
            for sent in self.sents:
                if _overlap((sent.start, sent.end), q) == 0 or sent.index not in by_sent:
                    continue
                claims = by_sent[sent.index]
                owners = [c for c in claims if c.content and _overlap(c.content, q) > 0]
                roots = [c for c in claims if c.root]
                if not owners and len({c.speaker for c in roots}) == 1:
                    owners = roots
                for c in owners[:1]:
                    c.extent = _hull(c.extent, q) or c.extent
                    c.content = _hull(c.content, q)
                    c.owns_quote = True

    def _lone_quotes(self) -> None:
        """A quotation no claim covers takes the speaker of the nearest quote next to it."""
        for q in self.quotes:
            if any(_overlap(c.extent, q) * 2 >= q[1] - q[0] for c in self.claims):
                continue
            region = self._sent_range(q)
            words = len(self.text[q[0] : q[1]].split())
            if words < 3 or (q[1] - q[0]) * 2 < region[1] - region[0]:
                continue  # a scare quote inside the reporter's own sentence
            block = self._block_of(q[0])
            same = [c for c in self.claims if c.block == block and c.owns_quote]
            before = [c for c in same if c.extent[1] <= q[0]]
            after = [c for c in same if c.extent[0] >= q[1]]
            donor = before[-1] if before else (after[0] if after else None)
            if donor is None and block > 0 and q[0] == self.blocks[block][0]:
                prev = [
                    c
                    for c in self.claims
                    if c.block == block - 1 and (c.owns_quote or c.colon) and c.speaker
                ]
                donor = prev[-1] if prev else None
            if donor is None:
                continue
            sent = next(s.index for s in self.sents if s.end > q[0])
            self.claims.append(
                Claim(
                    content=q,
                    extent=region,
                    speaker=donor.speaker,
                    cue=donor.cue,
                    source=None,
                    kind="quote",
                    sent=sent,
                    block=block,
                    root=True,
                    mkind=donor.mkind,
                    owns_quote=True,
                )
            )

    def _colon_blocks(self) -> None:
        """ "Moran told the Gazette:" speaks for the paragraph that follows."""
        for c in list(self.claims):
            if not c.colon or c.block + 1 >= len(self.blocks):
                continue
            nxt = self.blocks[c.block + 1]
            if any(o.block == c.block + 1 and o.speaker != c.speaker for o in self.claims):
                continue
            c.extent = _hull(c.extent, nxt) or c.extent
