"""Build or refresh the index from the corpus: read → clean → chunk → attribute → copies →
embed → FAISS.

Only what changed is embedded: vectors of passages whose text is already in
the previous index are reused, so adding one article embeds that article's
passages alone, and a change of the cleaner or the attribution rules re-runs
those steps without re-embedding unchanged text.
"""

from __future__ import annotations

import hashlib
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from retrieval.corpus import Corpus, StoredFile
from retrieval.embed import TextEncoder
from retrieval.errors import BadArticle, IndexMismatch, IndexNotFound
from retrieval.index import Manifest, PassageIndex, read_manifest, sentence_keys
from retrieval.multilingual import missing_reason, store_vectors, stored_by_text
from retrieval.types import Article, Passage, Source

if TYPE_CHECKING:
    from retrieval.attribution import ParsedArticle
    from retrieval.chunk import Chunker

logger = logging.getLogger(__name__)

# Fewer new passages than this are embedded by the model given (its session is loaded
# already), not by the fp32 ONNX export, whose session takes about a second to open.
_FEW_PASSAGES = 64

# Passages parsed for their stance cues per call (spaCy batches them 64 at a time): a slice
# is a step of the progress bar.
_STANCE_SLICE = 512

# The code and data that turn files into passages: changing any of them makes indexes stale.
_PIPELINE_FILES = (
    "bm25.py",
    "clean.py",
    "controls.py",
    "chunk.py",
    "copies.py",
    "ingest.py",
    "language.py",
    "attribution/**/*.py",
    "lexicon/*.py",
    "nlp.py",
    "data/attribution*",
    # the stance analysis stored beside each passage (retrieval/stance/store.py)
    "stance/cues.py",
    "stance/store.py",
)


# How the stance judge's vectors of a passage are made (``_sentence_vectors``): part of the
# digest, so an index whose vectors were made another way is rebuilt (its passages' kept).
_SENTENCES = "whole: the passage's vector; sentences: the fp32 ONNX export of the ingest model"


def pipeline_version() -> str:
    """A digest of the code that turns files into passages: changing it makes indexes stale."""
    digest = hashlib.sha256(_SENTENCES.encode())
    here = Path(__file__).parent
    for pattern in _PIPELINE_FILES:
        for path in sorted(here.glob(pattern)):
            # the path inside retrieval/, so attribution/__init__.py is not just __init__.py
            name = path.relative_to(here).as_posix()
            digest.update(name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def corpus_signature(files: list[StoredFile]) -> dict[str, str]:
    """Each article's checksum, with its metadata: a new outlet name is a change too."""
    signature = {}
    for stored in files:
        meta = {k: v for k, v in sorted(stored.meta.items()) if k != "sha256"}
        meta_digest = hashlib.sha256(repr(meta).encode("utf-8")).hexdigest()[:12]
        signature[stored.article_id] = f"{stored.checksum}:{meta_digest}"
    return signature


@dataclass(frozen=True)
class IndexStatus:
    """Whether the index on disk answers for the corpus as it is now.

    Example: IndexStatus("stale", "2 articles changed")
    """

    state: str  # "fresh" | "missing" | "stale" | "corrupt"
    reason: str = ""


def index_status(corpus: Corpus, index_dir: Path, embedder_name: str) -> IndexStatus:
    """Compare the index's manifest with the corpus and the model, without loading vectors."""
    try:
        manifest = read_manifest(index_dir)
    except IndexNotFound:
        return IndexStatus("missing", f"no index in {index_dir}")
    except IndexMismatch as err:
        return IndexStatus("corrupt", str(err))
    if manifest.model != embedder_name:
        return IndexStatus("stale", f"built with {manifest.model}, now {embedder_name}")
    if manifest.pipeline != pipeline_version():
        return IndexStatus("stale", "the cleaning, chunking, attribution or stance code changed")
    if manifest.count and not manifest.sentences_file:
        return IndexStatus("stale", "the index stores no sentence vectors for the stance judge")
    if manifest.count and not manifest.bm25_file:
        return IndexStatus("stale", "the index stores no BM25 postings")
    if manifest.count and not manifest.denials_file:
        return IndexStatus("stale", "the index stores no denials with their context vectors")
    multilingual = missing_reason(index_dir, manifest)
    if multilingual:
        return IndexStatus("stale", multilingual)
    now = corpus_signature(corpus.files())
    if manifest.articles != now:
        added = len(set(now) - set(manifest.articles))
        removed = len(set(manifest.articles) - set(now))
        changed = sum(
            1 for k in set(now) & set(manifest.articles) if now[k] != manifest.articles[k]
        )
        return IndexStatus(
            "stale", f"the corpus changed ({added} added, {changed} changed, {removed} removed)"
        )
    return IndexStatus("fresh")


def split_and_attribute(article: Article, chunker: Chunker) -> list[Passage]:
    """The article's passages with their speakers and claims, from one parse: the chunker
    groups the sentence units attribution judges speakers by, so no passage cuts one."""
    return parse_passages(article, chunker)[0]


def parse_passages(
    article: Article, chunker: Chunker, parsed: ParsedArticle | None = None
) -> tuple[list[Passage], dict[str, dict[str, Any]]]:
    """``split_and_attribute``, with each passage's stance analysis by passage id: all read
    off the one parse of the article (``parsed``, what ``attribution.parse_article`` gives,
    when the caller has it; the stance cues once took two more parses, of every passage and
    of each of its sentences alone, most of the time of an ingest)."""
    from retrieval.attribution import attribute_passages, parse_article
    from retrieval.stance.store import analyse_parsed

    claims, units, sentences = parsed if parsed is not None else parse_article(article.text)
    passages = chunker.split(article, units)
    passages = attribute_passages(article.text, passages, (claims, units))
    analyses = analyse_parsed(
        article.text,
        [(p.start, p.end) for p in passages],
        [(s.offset, s.span) for s in sentences],
        article.source.language,
    )
    return passages, {p.id: a.to_dict() for p, a in zip(passages, analyses, strict=True)}


def read_corpus(files: list[StoredFile]) -> list[Article]:
    """Clean every readable article; one bad file is skipped with a warning, not fatal."""
    from retrieval.ingest import read_article

    articles = []
    for stored in files:
        try:
            articles.append(read_article(stored))
        except BadArticle as err:
            logger.warning("skipping %s: %s", stored.path.name, err)
    return articles


def _bar(progress: bool, total: int, desc: str, unit: str) -> Any:
    """A progress bar on stderr for one phase of a build (none when ``progress`` is off)."""
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit=unit, disable=not progress, file=sys.stderr)


def _embed_new(
    texts: list[str], embedder: TextEncoder, progress: bool, batch: int = 64, unit: str = "passage"
) -> np.ndarray:
    if not texts:
        return np.zeros((0, embedder.dimension), dtype=np.float32)
    # Shortest first: a batch is padded to its longest text, so texts of like length together
    # waste no work on padding (batches of mixed passages were most of the embedding time).
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    out = np.zeros((len(texts), embedder.dimension), dtype=np.float32)
    with _bar(progress, len(texts), f"embedding {unit}s", unit) as bar:
        for i in range(0, len(texts), batch):
            rows = order[i : i + batch]
            out[rows] = embedder.encode([texts[r] for r in rows])
            bar.update(len(rows))
    return out


def build_index(
    corpus: Corpus,
    index_dir: Path,
    embedder: TextEncoder,
    progress: bool | None = None,
    on_step: Callable[[str], None] | None = None,
) -> PassageIndex:
    """Build the index for the corpus, reusing what the previous index holds.

    An article whose checksum and metadata are those the previous index was built from (by the
    same pipeline) keeps its passages: only new and changed articles are read, parsed and
    attributed. Passages and sentences already embedded keep their vectors. The result is
    saved to ``index_dir`` as a new generation; until the manifest is renamed into place, the
    previous index stays the current one. On a terminal each phase has a progress bar.
    """
    from retrieval.copies import mark_copies  # here: a cold ask that builds nothing needs none

    say = on_step or (lambda message: logger.info("%s", message))
    progress = sys.stderr.isatty() if progress is None else progress
    files = corpus.files()
    signature = corpus_signature(files)
    old = _previous_index(index_dir)
    same_model = old is not None and old.manifest.model == embedder.name
    kept = _kept_articles(old, signature)
    sources, passages, analysed = _article_passages(files, kept, progress, say)
    passages = mark_copies(passages)  # across all articles: a new one may copy a kept one

    previous: dict[str, np.ndarray] = {}
    if old is not None and same_model:
        old_vectors = old.vectors()
        previous = {p.text: old_vectors[i] for i, p in enumerate(old.passages)}
    todo = list(dict.fromkeys(p.text for p in passages if p.text not in previous))
    say(f"embedding {len(todo)} new passages of {len(passages)} ({len(sources)} articles)")
    fresh = dict(
        zip(todo, _embed_new(todo, _passage_encoder(embedder, todo), progress), strict=True)
    )
    vectors = np.zeros((len(passages), embedder.dimension), dtype=np.float32)
    for i, passage in enumerate(passages):
        vectors[i] = previous[passage.text] if passage.text in previous else fresh[passage.text]

    if old is not None and kept:  # kept articles keep their analyses (same pipeline)
        analysed.update((p.id, old.stance[p.id]) for p in passages if p.id in old.stance)
    languages = {aid: source.language for aid, source in sources.items()}
    stance = _stance_analyses(passages, analysed, languages, progress)
    same_pipeline = old is not None and old.manifest.pipeline == pipeline_version()
    old_sentences = (
        _stored_sentences(old) if old is not None and same_model and same_pipeline else {}
    )
    sentence_vectors = _sentence_vectors(
        passages, stance, vectors, old_sentences, _sentence_encoder(embedder), progress, say
    )
    manifest = Manifest(
        model=embedder.name,
        dimension=embedder.dimension,
        pipeline=pipeline_version(),
        articles=signature,  # unreadable files too, so they do not make the index look stale
        sources=sources,
    )
    index = PassageIndex.build(
        passages, vectors, manifest, stance, sentence_vectors=sentence_vectors
    )
    previous_e5 = stored_by_text(index_dir, old) if old is not None else {}
    index.save(index_dir)
    # After the save, beside the generation it names: a corpus in several languages only.
    if store_vectors(index_dir, index, previous_e5):
        say("embedded the new passages with the multilingual model")
    return index


def _passage_encoder(embedder: TextEncoder, todo: list[str]) -> TextEncoder:
    """What embeds the new passages: for the torch MiniLM and more than a few passages, its
    fp32 ONNX export (``retrieval.onnx_fp32``: the same vectors, cosine at least 0.9999,
    several times faster on a loaded machine); otherwise ``embedder``."""
    from retrieval.onnx_fp32 import Fp32Embedder

    return embedder if len(todo) < _FEW_PASSAGES else Fp32Embedder.for_ingest(embedder)


def _sentence_encoder(embedder: TextEncoder) -> TextEncoder:
    """What embeds the stance judge's sentences at ingest: for the torch MiniLM, its fp32 ONNX
    export (torch's vectors; on this machine's CPU 1.3x faster than the int8 build that embeds
    the question, 6.4 s against 8.4 s for the 2,219 sentences of 60 PolNeAR articles, and
    within cosine 0.994 of it); any other model (a test's fake) embeds its own."""
    from retrieval.onnx_fp32 import Fp32Embedder

    return Fp32Embedder.for_ingest(embedder)


def _previous_index(index_dir: Path) -> PassageIndex | None:
    try:
        return PassageIndex.load(index_dir)
    except (IndexNotFound, IndexMismatch):
        return None


def _kept_articles(
    old: PassageIndex | None, signature: dict[str, str]
) -> dict[str, tuple[Source, list[Passage]]]:
    """The previous index's source and passages of each article it was built from as it is
    now, by the same pipeline (their copies are found again: other articles may have come)."""
    if old is None or old.manifest.pipeline != pipeline_version():
        return {}
    by_article: dict[str, list[Passage]] = {}
    for passage in old.passages:
        by_article.setdefault(passage.article_id, []).append(replace(passage, copies=()))
    return {
        aid: (source, by_article.get(aid, []))
        for aid, source in old.manifest.sources.items()
        if signature.get(aid) == old.manifest.articles.get(aid)
    }


def _article_passages(
    files: list[StoredFile],
    kept: dict[str, tuple[Source, list[Passage]]],
    progress: bool,
    say: Callable[[str], None],
) -> tuple[dict[str, Source], list[Passage], dict[str, dict[str, Any]]]:
    """Each readable article's source and attributed passages, in corpus order: kept ones as
    they were, the others read, cleaned, chunked and attributed now, in worker processes where
    there are cores and articles enough (``retrieval.workers``; one bad file is skipped with a
    warning, not fatal); and the stance analyses of the new passages, by id."""
    from retrieval.workers import is_big, parse_all, worker_count

    done = dict(kept)
    analysed: dict[str, dict[str, Any]] = {}
    new = [f for f in files if f.article_id not in kept]
    workers = worker_count(len(new), big=any(is_big(f) for f in new))
    say(
        f"reading and attributing {len(new)} new or changed articles of {len(files)}"
        + (f" in {workers} processes" if workers > 1 else "")
    )
    with _bar(progress, len(new), "reading articles", "article") as bar:
        outcomes = parse_all(new, workers, lambda: bar.update(1))
    for stored, outcome in zip(new, outcomes, strict=True):
        if isinstance(outcome, str):
            logger.warning("%s", outcome)
            continue
        source, found, analyses = outcome
        done[stored.article_id] = (source, found)
        analysed.update(analyses)
    sources = {f.article_id: done[f.article_id][0] for f in files if f.article_id in done}
    passages = [p for aid in sources for p in done[aid][1]]
    return sources, passages, analysed


def _sentence_vectors(
    passages: list[Passage],
    stance: dict[str, dict[str, Any]],
    vectors: np.ndarray,
    old_sentences: dict[str, np.ndarray],
    embedder: TextEncoder,
    progress: bool,
    say: Callable[[str], None],
) -> np.ndarray:
    """The vectors of what the stance judge embeds of each passage (``sentence_keys``), in
    passage order: reused from the previous index, or the passage's own, or embedded now.

    The judge's whole passage is the passage with plain quotes and dashes (``normalise``); its
    vector is the passage's own, not embedded again: they differ by a few punctuation marks,
    and most passages have some (837 of 1,013 PolNeAR passages, as many tokens again as the
    passages themselves).
    """
    from retrieval.stance.cues import normalise

    wholes: dict[str, np.ndarray] = {}
    for i, passage in enumerate(passages):
        wholes.setdefault(normalise(passage.text), vectors[i])
    known = {**old_sentences, **wholes, **{p.text: vectors[i] for i, p in enumerate(passages)}}
    blocks = [sentence_keys(p.text, stance[p.id]) for p in passages]
    todo = list(dict.fromkeys(k for block in blocks for k in block if k not in known))
    say(f"embedding {len(todo)} new sentences for the stance judge")
    known.update(zip(todo, _embed_new(todo, embedder, progress, unit="sentence"), strict=True))
    sentence_vectors = np.zeros((sum(map(len, blocks)), embedder.dimension), dtype=np.float32)
    for row, key in enumerate(k for block in blocks for k in block):
        sentence_vectors[row] = known[key]
    return sentence_vectors


def _stored_sentences(old: PassageIndex) -> dict[str, np.ndarray]:
    """The previous index's sentence vectors by the text embedded (see ``sentence_keys``)."""
    out: dict[str, np.ndarray] = {}
    for position in range(len(old.passages) if old.has_sentences else 0):
        block = old.sentence_block(position)
        if block is not None:
            out.update(zip(block[0], block[1], strict=True))
    return out


def _stance_analyses(
    passages: list[Passage],
    analysed: dict[str, dict[str, Any]],
    languages: dict[str, str | None] | None = None,
    progress: bool = False,
) -> dict[str, dict[str, Any]]:
    """Each passage's stance analysis by passage id: those ``analysed`` (by id) at their
    article's parse, the others (none, unless a kept passage's analysis went missing) by
    parsing the passage (through spaCy's ``nlp.pipe`` in batches; a slice at a time for the
    progress bar)."""
    from retrieval.stance import analyse_passages

    todo = list(dict.fromkeys(p.text for p in passages if p.id not in analysed))
    logger.info("analysing the stance cues of %d passages of %d", len(todo), len(passages))
    language_of = {p.text: (languages or {}).get(p.article_id) for p in passages}
    fresh: dict[str, dict[str, Any]] = {}
    with _bar(progress, len(todo), "stance cues", "passage") as bar:
        for start in range(0, len(todo), _STANCE_SLICE):
            part = todo[start : start + _STANCE_SLICE]
            read = analyse_passages(part, languages=[language_of[t] for t in part])
            fresh.update((t, a.to_dict()) for t, a in zip(part, read, strict=True))
            bar.update(len(part))
    return {p.id: analysed[p.id] if p.id in analysed else fresh[p.text] for p in passages}
