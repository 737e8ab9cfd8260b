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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from retrieval.chunk import Chunker
from retrieval.copies import mark_copies
from retrieval.corpus import Corpus, StoredFile
from retrieval.embed import Embedder
from retrieval.errors import BadArticle, IndexMismatch, IndexNotFound
from retrieval.index import Manifest, PassageIndex, read_manifest, sentence_keys
from retrieval.ingest import read_article
from retrieval.types import Article, Passage

logger = logging.getLogger(__name__)

# The code and data that turn files into passages: changing any of them makes indexes stale.
_PIPELINE_FILES = (
    "bm25.py",
    "clean.py",
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


def pipeline_version() -> str:
    """A digest of the code that turns files into passages: changing it makes indexes stale."""
    digest = hashlib.sha256()
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


def attribute(article: Article, passages: list[Passage]) -> list[Passage]:
    """Passages with their speakers, from the attribution step."""
    from retrieval.attribution import attribute_passages

    return attribute_passages(article.text, passages)


def read_corpus(files: list[StoredFile]) -> list[Article]:
    """Clean every readable article; one bad file is skipped with a warning, not fatal."""
    articles = []
    for stored in files:
        try:
            articles.append(read_article(stored))
        except BadArticle as err:
            logger.warning("skipping %s: %s", stored.path.name, err)
    return articles


def _embed_new(
    texts: list[str], embedder: Embedder, progress: bool, batch: int = 64, unit: str = "passage"
) -> np.ndarray:
    if not texts:
        return np.zeros((0, embedder.dimension), dtype=np.float32)
    from tqdm import tqdm

    # Shortest first: a batch is padded to its longest text, so texts of like length together
    # waste no work on padding (batches of mixed passages were most of the embedding time).
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    out = np.zeros((len(texts), embedder.dimension), dtype=np.float32)
    with tqdm(
        total=len(texts), desc="embedding", unit=unit, disable=not progress, file=sys.stderr
    ) as bar:
        for i in range(0, len(texts), batch):
            rows = order[i : i + batch]
            out[rows] = embedder.encode([texts[r] for r in rows])
            bar.update(len(rows))
    return out


def build_index(
    corpus: Corpus,
    index_dir: Path,
    embedder: Embedder,
    progress: bool | None = None,
    on_step: Callable[[str], None] | None = None,
) -> PassageIndex:
    """Build the index for the corpus, reusing the vectors of unchanged passages.

    The result is saved to ``index_dir`` as a new generation; until the
    manifest is renamed into place, the previous index stays the current one.
    """
    say = on_step or (lambda message: logger.info("%s", message))
    progress = sys.stderr.isatty() if progress is None else progress
    files = corpus.files()
    articles = read_corpus(files)
    chunker = Chunker()
    passages: list[Passage] = []
    for article in articles:
        passages.extend(attribute(article, chunker.split(article)))
    passages = mark_copies(passages)

    previous: dict[str, np.ndarray] = {}
    old_stance: dict[str, dict[str, Any]] = {}
    old_sentences: dict[str, np.ndarray] = {}
    try:
        old = PassageIndex.load(index_dir)
        if old.manifest.model == embedder.name:
            old_vectors = old.vectors()
            previous = {p.text: old_vectors[i] for i, p in enumerate(old.passages)}
            old_sentences = _stored_sentences(old)
        old_stance = _reusable_stance(old)
    except (IndexNotFound, IndexMismatch):
        pass

    todo = [p.text for p in passages if p.text not in previous]
    say(f"embedding {len(todo)} new passages of {len(passages)} ({len(articles)} articles)")
    fresh = dict(zip(todo, _embed_new(todo, embedder, progress), strict=True))
    vectors = np.zeros((len(passages), embedder.dimension), dtype=np.float32)
    for i, passage in enumerate(passages):
        vectors[i] = previous[passage.text] if passage.text in previous else fresh[passage.text]

    languages = {a.id: a.source.language for a in articles}
    stance = _stance_analyses(passages, old_stance, languages)
    known = {**old_sentences, **{p.text: vectors[i] for i, p in enumerate(passages)}}
    blocks = [sentence_keys(p.text, stance[p.id]) for p in passages]
    todo = list(dict.fromkeys(k for block in blocks for k in block if k not in known))
    say(f"embedding {len(todo)} new sentences for the stance judge")
    known.update(zip(todo, _embed_new(todo, embedder, progress, unit="sentence"), strict=True))
    sentence_vectors = np.zeros((sum(map(len, blocks)), embedder.dimension), dtype=np.float32)
    for row, key in enumerate(k for block in blocks for k in block):
        sentence_vectors[row] = known[key]
    signature = corpus_signature(files)
    manifest = Manifest(
        model=embedder.name,
        dimension=embedder.dimension,
        pipeline=pipeline_version(),
        articles=signature,  # unreadable files too, so they do not make the index look stale
        sources={a.id: a.source for a in articles},
    )
    index = PassageIndex.build(
        passages, vectors, manifest, stance, sentence_vectors=sentence_vectors
    )
    index.save(index_dir)
    return index


def _stored_sentences(old: PassageIndex) -> dict[str, np.ndarray]:
    """The previous index's sentence vectors by the text embedded (see ``sentence_keys``)."""
    out: dict[str, np.ndarray] = {}
    for position in range(len(old.passages) if old.has_sentences else 0):
        block = old.sentence_block(position)
        if block is not None:
            out.update(zip(block[0], block[1], strict=True))
    return out


def _reusable_stance(old: PassageIndex) -> dict[str, dict[str, Any]]:
    """The previous index's stance analyses by passage text, if made by the same code."""
    if old.manifest.pipeline != pipeline_version():
        return {}
    return {p.text: old.stance[p.id] for p in old.passages if p.id in old.stance}


def _stance_analyses(
    passages: list[Passage],
    previous: dict[str, dict[str, Any]],
    languages: dict[str, str | None] | None = None,
) -> dict[str, dict[str, Any]]:
    """Each passage's stance analysis by passage id, parsing only texts not analysed before."""
    from retrieval.stance import analyse_passages

    todo = list(dict.fromkeys(p.text for p in passages if p.text not in previous))
    logger.info("analysing the stance cues of %d passages of %d", len(todo), len(passages))
    language_of = {p.text: (languages or {}).get(p.article_id) for p in passages}
    analysed = analyse_passages(todo, languages=[language_of[t] for t in todo])
    fresh = {t: a.to_dict() for t, a in zip(todo, analysed, strict=True)}
    return {p.id: previous[p.text] if p.text in previous else fresh[p.text] for p in passages}
