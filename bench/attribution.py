"""Measure speaker attribution on our labelled passages and on PolNeAR.

Usage: python bench/attribution.py [--polnear-split dev] [--limit N] [--window 1] [-v]
       python bench/attribution.py --train-cues     (refit retrieval/data/attribution_cues.json)
       python bench/attribution.py --train-sources  (refit .../attribution_sources.json)

1. Labelled set (tests/data/speakers.jsonl): a passage is right when its speaker contains
   the label (case-insensitive), or is None for a null label. The wire set
   (tests/data/wire_speakers.jsonl, invented multi-outlet copy) is scored the same way, and
   also on the role and the outlet ("via") its rows give, which the speaker must contain.
2. PolNeAR (read from ../shared/bench/polnear/ at run time, never copied here): articles are
   cut into passages of ``--window`` sentences (sentences inside one quotation stay
   together). For each attribution whose Source contains a name (a capitalised word other
   than a pronoun or determiner), take the passage holding most of its Content; it is right
   when our speaker names the same person or body: it contains the Source's head word (its
   last name or main noun, found by parsing the Source), or, when that head is a common noun
   ("a spokesman for Trump"), that noun or one of the Source's names. A passage where two
   people speak in one sentence names both ("A; B") and is right for either; the bench
   prints how many such passages there are and how many right answers they hold. The
   false-speaker rate is the share of passages that no sourced Content touches which still
   get a speaker.
3. ``--train-cues`` refits the cue model and ``--train-sources`` the source model (which
   noun phrase, if any, is the source of a sentence no rule attributes) on nine tenths of
   PolNeAR train; the last tenth (``--polnear-split heldout``) and dev are never fitted.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import os
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from retrieval import attribution  # noqa: E402
from retrieval.types import Passage  # noqa: E402

logger = logging.getLogger(__name__)

LABELS = ROOT / "tests" / "data" / "speakers.jsonl"
ARTICLES = ROOT / "tests" / "data" / "articles"
WIRE_LABELS = ROOT / "tests" / "data" / "wire_speakers.jsonl"
WIRE_ARTICLES = ROOT / "tests" / "data" / "wire_articles"
POLNEAR = ROOT.parent / "shared" / "bench" / "polnear"

_LINE = re.compile(r"^([TE]\d+)\t(.*)$")
# Capitalised words that do not name anyone.
_NOT_NAMES = frozenset(
    """
    i he she it we they you him her them his hers its our their your me us who which that
    this these those the a an one some many most others other another all both each either
    neither any several few mr mr. mrs mrs. ms ms. dr dr. sen. rep. gov. president pres.
    gen. lt. col. sgt. adm. gov sen rep pres
    """.split()
)


@dataclass
class Gold:
    """One PolNeAR attribution: where its Content is and the text of its Source."""

    content: list[tuple[int, int]]
    source: str | None
    source_spans: list[tuple[int, int]] = field(default_factory=list)


def accuracy_labelled(
    verbose: bool = False, labels: Path = LABELS, articles: Path = ARTICLES
) -> tuple[int, int, list[str]]:
    """(right, total, failure lines) over a labelled set (tests/data/speakers.jsonl)."""
    scores = score_labelled(labels, articles)
    return scores["speaker"][0], scores["speaker"][1], scores["failures"]


def score_labelled(labels: Path, articles: Path) -> dict:
    """Counts over a labelled set: "speaker" (right, total); "role" and "via" (right, total)
    over the rows that give one (the speaker must contain it too); "languages": speaker
    (right, total) of the rows whose pattern names a language ("german_signed",
    "russian"), by language; "failures" lines."""
    rows = [json.loads(line) for line in labels.read_text(encoding="utf-8").splitlines() if line]
    by_article: dict[str, list[dict]] = {}
    for row in rows:
        by_article.setdefault(row["article"], []).append(row)
    counts = {"speaker": [0, 0], "role": [0, 0], "via": [0, 0]}
    languages: dict[str, list[int]] = {}
    failures: list[str] = []
    for name, items in by_article.items():
        text = (articles / name).read_text(encoding="utf-8")
        passages = []
        for i, row in enumerate(items):
            start = text.index(row["passage"])
            passages.append(
                Passage(f"p{i}", name, row["passage"], start, start + len(row["passage"]))
            )
        for row, got in zip(items, attribution.attribute_passages(text, passages), strict=True):
            said = (got.speaker or "").lower()
            for key in ("speaker", "role", "via"):
                want = row.get(key)
                if key != "speaker" and want is None:
                    continue
                ok = got.speaker is None if want is None else want.lower() in said
                counts[key][0] += ok
                counts[key][1] += 1
                language = row["pattern"].split("_")[0]
                if key == "speaker" and language in ("german", "russian"):
                    languages.setdefault(language, [0, 0])
                    languages[language][0] += ok
                    languages[language][1] += 1
                if not ok:
                    failures.append(
                        f"  [{row['pattern']}] {key} want {want!r} got {got.speaker!r}: "
                        f"{row['passage'][:80]!r}"
                    )
    return {
        **{k: tuple(v) for k, v in counts.items()},
        "languages": {k: tuple(v) for k, v in languages.items()},
        "failures": failures,
    }


def speed(repeats: int = 3) -> tuple[float, float, int]:
    """Median seconds per article over the labelled set's articles: (find_attributions, the
    spaCy parse of the same lines alone, the baseline), and the number of articles."""
    import statistics

    nlp = attribution._nlp()
    texts = [p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("*.txt"))]
    attribution.find_attributions(texts[0])  # load the models before timing
    ours, parse = [], []
    for text in texts:
        lines = [text[s:e] for s, e in attribution._blocks(text)]
        for _ in range(repeats):
            started = time.perf_counter()
            list(nlp.pipe(lines))
            parse.append(time.perf_counter() - started)
            started = time.perf_counter()
            attribution.find_attributions(text)
            ours.append(time.perf_counter() - started)
    return statistics.median(ours), statistics.median(parse), len(texts)


def _read_ann(path: Path) -> tuple[dict[str, list[tuple[int, int]]], list[dict[str, str]]]:
    """A brat .ann file: its text-bound spans by id, and its events (role -> span id)."""
    spans: dict[str, list[tuple[int, int]]] = {}
    events = []
    for line in path.read_text(encoding="utf-8").splitlines():
        m = _LINE.match(line)
        if not m:
            continue
        tid, rest = m.groups()
        if tid[0] == "T":
            offsets = rest.split("\t")[0].split(" ", 1)[1]
            spans[tid] = [tuple(int(x) for x in p.split()) for p in offsets.split(";")]
        else:
            events.append(dict(x.split(":", 1) for x in rest.split()))
    return spans, events


def _load_ann(path: Path, text: str) -> list[Gold]:
    spans, events = _read_ann(path)
    out = []
    for ev in events:
        content = spans.get(ev.get("Content", ""))
        if content is None:
            continue
        source = spans.get(ev.get("Source", ""))
        src_text = " ".join(text[a:b] for a, b in source) if source else None
        out.append(Gold(content, src_text, source or []))
    return out


def _names(source: str) -> list[str]:
    words = re.findall(r"[A-Za-z][\w.'’-]*", source)
    return [w for w in words if w[0].isupper() and w.lower() not in _NOT_NAMES]


def _words(text: str) -> set[str]:
    """Lowercase word pieces: "Nash-Hahn's" -> {"nash", "hahn"}."""
    return set(re.findall(r"\w+", re.sub(r"['’]s\b", "", text.lower())))


def _heads(doc, spans: list[tuple[int, int]], offset_map) -> tuple[str | None, bool]:
    """The Source's syntactic head word and whether it is a proper noun."""
    tokens = [t for t in doc if any(a <= offset_map(t) < b for a, b in spans) and not t.is_space]
    if not tokens:
        return None, False
    ids = {t.i for t in tokens}
    roots = [t for t in tokens if t.head.i not in ids or t.head.i == t.i]
    nouns = [t for t in roots if t.pos_ in ("NOUN", "PROPN", "PRON")] or roots or tokens
    # the head is the root that dominates most of the span; a title ("Pres. Obama") is not
    root = max(nouns, key=lambda t: sum(1 for x in t.subtree if x.i in ids))
    if root.lower_ in _NOT_NAMES:
        names = [t for t in tokens if t.pos_ == "PROPN" and t.lower_ not in _NOT_NAMES]
        root = names[-1] if names else root
    if root.pos_ == "PART" or root.dep_ == "case":
        root = root.head
    return root.text, root.pos_ == "PROPN"


def _passages(text: str, name: str, window: int, nlp) -> list[Passage]:
    """Sentence windows inside paragraphs; sentences inside one quotation stay together."""
    blocks = attribution._blocks(text)
    from retrieval.attribution.quotes import find_quotes

    quotes = find_quotes(text, blocks)
    out: list[Passage] = []
    docs = nlp.pipe(text[s:e] for s, e in blocks)
    for (bs, _be), doc in zip(blocks, docs, strict=True):
        sents = [(bs + s.start_char, bs + s.end_char) for s in doc.sents if s.text.strip()]
        merged: list[tuple[int, int]] = []
        for s in sents:
            inside = any(q[0] < s[0] < q[1] for q in quotes)
            if merged and inside:
                merged[-1] = (merged[-1][0], s[1])
            else:
                merged.append(s)
        for i in range(0, len(merged), window):
            group = merged[i : i + window]
            start, end = group[0][0], group[-1][1]
            out.append(Passage(f"{name}:{start}", name, text[start:end], start, end))
    return out


def _product_passages(text: str, name: str) -> list[Passage]:
    """The passages storybot itself makes (``Chunker``, one to three sentences, quotations
    whole), on the article's text as PolNeAR gives it (not cleaned, so gold offsets hold)."""
    from retrieval.chunk import Chunker
    from retrieval.pipeline import split_and_attribute
    from retrieval.types import Article, Source

    return split_and_attribute(Article(Source(name, "PolNeAR"), text), Chunker())


def _claim_speaker(passage: Passage, gold: Gold) -> str | None:
    """The speaker of the passage's claim that holds most of the gold Content (what the
    user reads beside those words), or None when no claim of the passage touches it."""
    best, best_ov = None, 0
    for c in passage.claims:
        ov = sum(max(0, min(c.end, b) - max(c.start, a)) for a, b in gold.content)
        if ov > best_ov:
            best, best_ov = c.speaker, ov
    return best


def _shown_speaker(passage: Passage, spans: list[tuple[int, int]]) -> str | None:
    """Who every output shows speaking the words at ``spans``, as the eval reads it: when the
    passage lists its claims (``Passage.claims_apart``), the claim holding most of them (None
    for words in no claim), else the passage's speaker."""
    listed = passage.claims_apart()
    if not listed:
        return passage.speaker
    best, best_ov = None, 0
    for c in listed:
        ov = sum(max(0, min(c.end, b) - max(c.start, a)) for a, b in spans)
        if ov > best_ov:
            best, best_ov = c.speaker, ov
    return best


def _score_claims(stats, text, name, got, golds, sourced, nlp) -> None:
    """False speakers of claims: the sentences of passages that no sourced Content touches
    and that a claim still gives a speaker ("false_units" of "free_units"), and the
    passages with no sourced Content that show any claim at all ("false_passages")."""
    sentences = _passages(text, name, 1, nlp)
    for p in got:
        touched = any(min(p.end, b) > max(p.start, a) for a, b in sourced)
        stats["false_passages"] += bool(p.claims) and not touched
        for u in sentences:
            s, e = max(u.start, p.start), min(u.end, p.end)
            if e <= s or any(min(e, b) > max(s, a) for a, b in sourced):
                continue
            stats["free_units"] += 1
            stats["false_units"] += any(min(e, c.end) > max(s, c.start) for c in p.claims)
            stats["false_shown"] += _shown_speaker(p, [(s, e)]) is not None


def _article_files(split: str) -> list[tuple[str, Path]]:
    """(article name, its first annotator's .ann file) for a PolNeAR split.

    ``heldout`` is the tenth of train that fitting never sees: rules are studied there,
    so that dev stays a figure nobody tuned to.
    """
    if split == "heldout":
        return [(n, p) for n, p in _article_files("train") if _held_out(n)]
    base = POLNEAR / split
    if not base.is_dir():
        raise SystemExit(f"PolNeAR split not found: {base}")
    seen: dict[str, Path] = {}
    for path in sorted((base / "attributions").iterdir()):
        seen.setdefault(path.stem.rsplit("_", 1)[0], path)
    return sorted(seen.items())


def _touches(gold: Gold, passage: Passage) -> bool:
    return any(min(passage.end, b) > max(passage.start, a) for a, b in gold.content)


def _names_source(speaker: str, gold: Gold, head: str | None, proper: bool) -> bool:
    """Whether our speaker names the gold Source: its head word, or for a common-noun head
    ("a spokesman for Trump") that noun or one of the Source's names."""
    ours = _words(speaker)
    if head and (proper or not _names(gold.source or "")):
        return bool(_words(head)) and _words(head) <= ours
    keys = (_words(head) if head else set()) | _words(" ".join(_names(gold.source or "")))
    return bool(keys & ours)


def evaluate_polnear(
    split: str, limit: int | None, window: int, verbose: bool, product: bool = False
) -> dict:
    """Speaker accuracy and false-speaker counts over a PolNeAR split (one annotator each).

    With ``product``, over the passages storybot makes instead of ``window``-sentence ones.
    """
    nlp = attribution._nlp()
    stats = dict.fromkeys(
        (
            "right",
            "named",
            "no_speaker",
            "free",
            "false",
            "articles",
            "two",
            "right_in_two",
            "two_names",
            "two_names_sourced",
            "two_names_unchecked",
            "claims_right",
            "claims_none",
            "free_units",
            "false_units",
            "false_passages",
            "shown_right",
            "false_shown",
        ),
        0,
    )
    examples: list[str] = []
    started = time.perf_counter()
    for name, path in _article_files(split)[:limit]:
        stats["articles"] += 1
        text = (path.parent.parent / "text" / f"{name}.txt").read_text(encoding="utf-8")
        golds = _load_ann(path, text)
        passages = _product_passages(text, name) if product else _passages(text, name, window, nlp)
        got = passages if product else attribution.attribute_passages(text, passages)
        stats["two"] += sum(attribution.SPEAKER_SEPARATOR in (p.speaker or "") for p in got)
        doc = nlp(text)
        sourced: list[tuple[int, int]] = [s for g in golds if g.source for s in g.content]
        for p in got:
            if not any(min(p.end, b) > max(p.start, a) for a, b in sourced):
                stats["free"] += 1
                if p.speaker is not None:
                    stats["false"] += 1
        named = [g for g in golds if g.source and _names(g.source)]
        heads = [_heads(doc, g.source_spans, lambda t: t.idx) for g in named]
        for p in got:
            if attribution.SPEAKER_SEPARATOR not in (p.speaker or ""):
                continue
            here = [(g, h) for g, h in zip(named, heads, strict=True) if _touches(g, p)]
            # a Source such as "he" or "who" cannot be checked against a name
            unnamed = any(g.source and not _names(g.source) and _touches(g, p) for g in golds)
            for part in (p.speaker or "").split(attribution.SPEAKER_SEPARATOR):
                stats["two_names"] += 1
                if any(_names_source(part, g, *h) for g, h in here):
                    stats["two_names_sourced"] += 1
                elif unnamed:
                    stats["two_names_unchecked"] += 1
        if product:
            _score_claims(stats, text, name, got, golds, sourced, nlp)
        for g, (head, proper) in zip(named, heads, strict=True):
            best, best_ov = None, 0
            for p in got:
                ov = sum(max(0, min(p.end, b) - max(p.start, a)) for a, b in g.content)
                if ov > best_ov:
                    best, best_ov = p, ov
            if best is None:
                continue
            stats["named"] += 1
            ok = best.speaker is not None and _names_source(best.speaker, g, head, proper)
            stats["right"] += ok
            stats["right_in_two"] += ok and attribution.SPEAKER_SEPARATOR in best.speaker
            if best.speaker is None:
                stats["no_speaker"] += 1
            if product:
                said = _claim_speaker(best, g)
                claim_ok = said is not None and _names_source(said, g, head, proper)
                stats["claims_right"] += claim_ok
                stats["claims_none"] += said is None
                shown = _shown_speaker(best, g.content)
                stats["shown_right"] += shown is not None and _names_source(shown, g, head, proper)
                if not claim_ok and verbose and len(examples) < 60:
                    examples.append(
                        f"  claim: gold {g.source!r:40.40} got {said!r:40.40} | {best.text[:80]!r}"
                    )
            if not ok and verbose and len(examples) < 60:
                examples.append(
                    f"  gold {g.source!r:40.40} got {best.speaker!r:40.40} | {best.text[:80]!r}"
                )
    stats["seconds"] = round(time.perf_counter() - started, 1)
    stats["examples"] = examples
    return stats


@dataclass
class _Annotated:
    """A parsed PolNeAR article with its (Source spans, Content spans, Cue spans) events."""

    name: str
    text: str
    blocks: list[tuple[int, int]]
    docs: list
    events: list[tuple[list[tuple[int, int]], list[tuple[int, int]], list[tuple[int, int]]]]


def _annotated(split: str):
    """Every article of a split, parsed the way ``retrieval.attribution`` parses it."""
    nlp = attribution._nlp()
    base = "train" if split == "heldout" else split
    for name, ann in _article_files(split):
        text = (POLNEAR / base / "text" / f"{name}.txt").read_text(encoding="utf-8")
        spans, raw = _read_ann(ann)
        events = [
            (
                spans[ev["Source"]],
                spans.get(ev.get("Content", ""), []),
                spans.get(ev.get("Cue", ""), []),
            )
            for ev in raw
            if ev.get("Source") in spans
        ]
        blocks = attribution._blocks(text)
        docs = list(nlp.pipe(attribution._for_parser(text[s:e]) for s, e in blocks))
        yield _Annotated(name, text, blocks, docs, events)


def _cue_examples(split: str) -> tuple[list[list[str]], list[int], list[str]]:
    """Features and labels of every candidate verb in a split: 1 if it is a sourced cue."""
    from retrieval.attribution.finder import ClaimFinder

    X: list[list[str]] = []
    y: list[int] = []
    groups: list[str] = []
    for art in _annotated(split):
        cue_mask = bytearray(len(art.text) + 1)
        for _source, _content, cues in art.events:
            for a, b in cues:
                cue_mask[a:b] = b"\x01" * (b - a)
        finder = ClaimFinder(art.text, art.blocks, art.docs, model=None, source_model=None)
        for offset, _tok, feats in finder.candidates():
            X.append(feats)
            y.append(int(cue_mask[offset]))
            groups.append(art.name)
    return X, y, groups


def _source_examples(split: str) -> tuple[list[list[str]], list[int], list[str]]:
    """Features and labels of every noun phrase in a sentence no rule attributes: 1 if it
    lies in the Source of an attribution whose Content overlaps that sentence."""
    from retrieval.attribution.finder import ClaimFinder

    X: list[list[str]] = []
    y: list[int] = []
    groups: list[str] = []
    for art in _annotated(split):
        finder = ClaimFinder(art.text, art.blocks, art.docs, source_model=None)
        finder.run()
        for sent in finder.unattributed():
            for head, feats in finder.source_candidates(sent):
                at = sent.offset + head.idx
                label = any(
                    any(a <= at < b for a, b in source)
                    and any(min(e, sent.end) > max(s, sent.start) for s, e in content)
                    for source, content, _cues in art.events
                )
                X.append(feats)
                y.append(int(label))
                groups.append(art.name)
    return X, y, groups


@dataclass(frozen=True)
class _Fit:
    """How one shipped model is fitted; the threshold was picked on the held-out tenth."""

    about: str
    C: float
    threshold: float
    min_count: int = 5
    min_weight: float = 0.05


_CUE_FIT = _Fit(
    "logistic cue model for retrieval/attribution: bench/attribution.py --train-cues "
    "on nine tenths of PolNeAR train (one annotator per article)",
    C=0.5,
    threshold=0.35,
)
_SOURCE_FIT = _Fit(
    "logistic source model for sentences no rule attributes: bench/attribution.py "
    "--train-sources on nine tenths of PolNeAR train (one annotator per article)",
    C=1.0,
    threshold=0.4,
)


def _held_out(name: str) -> bool:
    """One article in ten of PolNeAR train, by a stable hash, kept out of fitting."""
    return int(hashlib.sha256(name.encode()).hexdigest(), 16) % 10 == 0


def train(examples, how: _Fit, out_path: Path) -> None:
    """Fit a logistic model on nine tenths of PolNeAR train and write its weights as JSON."""
    from collections import Counter

    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    started = time.perf_counter()
    X, y, groups = examples("train")
    took = time.perf_counter() - started
    print(f"{len(y)} candidates, {sum(y)} positive ({took:.0f} s)")
    counts = Counter(f for feats in X for f in feats)
    rows = [dict.fromkeys((f for f in feats if counts[f] >= how.min_count), 1) for feats in X]
    vec = DictVectorizer()
    matrix = vec.fit_transform(rows)
    fit = [i for i, g in enumerate(groups) if not _held_out(g)]
    held = [i for i, g in enumerate(groups) if _held_out(g)]
    model = LogisticRegression(C=how.C, max_iter=3000)
    model.fit(matrix[fit], [y[i] for i in fit])
    probs = model.predict_proba(matrix[held])[:, 1]
    for threshold in (0.25, 0.3, 0.35, 0.4, 0.5, 0.6):
        tp = sum(1 for p, i in zip(probs, held, strict=True) if p >= threshold and y[i])
        fp = sum(1 for p, i in zip(probs, held, strict=True) if p >= threshold and not y[i])
        fn = sum(1 for p, i in zip(probs, held, strict=True) if p < threshold and y[i])
        print(
            f"  held-out tenth, threshold {threshold:.2f}: precision "
            f"{tp / max(1, tp + fp):.3f}, recall {tp / max(1, tp + fn):.3f}"
        )
    names = vec.get_feature_names_out()
    weights = {
        str(n): round(float(w), 4)
        for n, w in zip(names, model.coef_[0], strict=True)
        if abs(w) >= how.min_weight
    }
    data = {
        "about": how.about,
        "examples": len(fit),
        "threshold": how.threshold,
        "bias": round(float(model.intercept_[0]), 4),
        "weights": dict(sorted(weights.items())),
    }
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(json.dumps(data, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {out_path} ({len(weights)} weights, threshold {how.threshold})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--polnear-split",
        default="dev",
        help="dev (default), train, or heldout (the tenth of train never fitted)",
    )
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--window", type=int, default=1, help="sentences per PolNeAR passage")
    parser.add_argument(
        "--product-passages",
        action="store_true",
        help="score the passages storybot makes (what quotes returns) instead of windows",
    )
    parser.add_argument("--skip-polnear", action="store_true")
    parser.add_argument("-v", "--verbose", action="store_true", help="print failures")
    parser.add_argument(
        "--train-cues", action="store_true", help="fit the cue model on PolNeAR train and exit"
    )
    parser.add_argument(
        "--train-sources",
        action="store_true",
        help="fit the source model (sentences no rule attributes) on PolNeAR train and exit",
    )
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    if args.train_cues or args.train_sources:
        from retrieval.attribution.model import MODEL_PATH, SOURCE_MODEL_PATH

        if args.train_cues:
            train(_cue_examples, _CUE_FIT, MODEL_PATH)
        if args.train_sources:
            train(_source_examples, _SOURCE_FIT, SOURCE_MODEL_PATH)
        return

    right, total, failures = accuracy_labelled()
    print(f"labelled set: speaker accuracy {right / total:.3f} ({right}/{total})")
    if args.verbose:
        print("\n".join(failures))
    wire = score_labelled(WIRE_LABELS, WIRE_ARTICLES)
    print(
        "wire set (tests/data/wire_speakers.jsonl): "
        + "; ".join(
            f"{k} {r / max(1, t):.3f} ({r}/{t})"
            for k in ("speaker", "role", "via")
            for r, t in [wire[k]]
        )
    )
    print(
        "wire set by language: "
        + "; ".join(f"{k} speaker {r / t:.3f} ({r}/{t})" for k, (r, t) in wire["languages"].items())
    )
    if args.verbose:
        print("\n".join(wire["failures"]))
    ours, parse, n = speed()
    print(
        f"speed ({n} labelled-set articles, median per article): find_attributions "
        f"{ours * 1000:.0f} ms, baseline spaCy parse of the same lines {parse * 1000:.0f} ms "
        f"(ratio {ours / parse:.2f})"
    )
    if args.skip_polnear:
        return
    s = evaluate_polnear(
        args.polnear_split, args.limit, args.window, args.verbose, args.product_passages
    )
    acc = s["right"] / max(1, s["named"])
    false_rate = s["false"] / max(1, s["free"])
    print(
        f"PolNeAR {args.polnear_split} ({s['articles']} articles, "
        f"{'storybot' if args.product_passages else f'{args.window}-sentence'} "
        f"passages): speaker accuracy {acc:.3f} ({s['right']}/{s['named']} named sources; "
        f"{s['no_speaker']} got no speaker)"
    )
    print(
        f"PolNeAR {args.polnear_split}: {s['two']} passages name two speakers (two people "
        f"speaking in one sentence); {s['right_in_two']} of the right answers are in them; "
        f"of their {s['two_names']} names, {s['two_names_sourced']} are a PolNeAR source there, "
        f"{s['two_names_unchecked']} may be one given as a pronoun, "
        f"{s['two_names'] - s['two_names_sourced'] - s['two_names_unchecked']} neither"
    )
    print(
        f"PolNeAR {args.polnear_split}: false-speaker rate {false_rate:.3f} "
        f"({s['false']}/{s['free']} passages with no sourced content got a speaker)"
    )
    if args.product_passages:
        print(
            f"PolNeAR {args.polnear_split}, claim by claim (the speaker of the passage's claim "
            f"that holds the Content): speaker accuracy "
            f"{s['claims_right'] / max(1, s['named']):.3f} ({s['claims_right']}/{s['named']}; "
            f"{s['claims_none']} in no claim); false-speaker rate "
            f"{s['false_units'] / max(1, s['free_units']):.3f} ({s['false_units']}/"
            f"{s['free_units']} sentences of passages with no sourced content shown in a "
            f"claim); {s['false_passages']}/{s['free']} such passages show any claim"
        )
    if args.product_passages:
        print(
            f"PolNeAR {args.polnear_split}, as shown (the listed claim that holds the Content, "
            f"else the passage's speaker): speaker accuracy "
            f"{s['shown_right'] / max(1, s['named']):.3f} ({s['shown_right']}/{s['named']}); "
            f"false-speaker rate {s['false_shown'] / max(1, s['free_units']):.3f} "
            f"({s['false_shown']}/{s['free_units']} sentences with no sourced content)"
        )
    print(f"time: {s['seconds']} s")
    if args.verbose:
        print("\n".join(s["examples"]))


if __name__ == "__main__":
    main()
