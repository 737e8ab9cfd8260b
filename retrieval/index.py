"""The FAISS index of passage vectors, its passage store and its manifest, on disk.

Layout of the index folder:
- ``manifest.json``: model, dimension, pipeline versions, each article's
  checksum and source, and the names and sha256 of the current generation's
  files. It is written last, by rename, so it is the commit point: a build
  killed half-way leaves the previous manifest pointing at the previous files.
- ``vectors.<gen>.faiss``: ``IndexIDMap2(IndexFlatIP)`` over L2-normalised
  vectors (inner product on unit vectors is cosine similarity); the FAISS id of
  a passage is its line number in the passage store.
- ``passages.<gen>.jsonl``: one ``Passage.to_dict()`` per line.
- ``passages.<gen>.stance.jsonl``: the stance analysis of each passage, computed at ingest
  (``retrieval/stance/store.py``), one ``{"id": passage id, ...}`` per line; a sidecar, so the
  passage store and ``Passage.to_dict()`` stay as they are.
- ``passages.<gen>.bm25.npz``: BM25's postings over the passages' stems, computed at ingest
  (``retrieval/bm25.py``), so no process stems the corpus when it starts.
- ``.storybot-index``: the marker that says storybot owns the folder. storybot
  writes into, and removes files from, a folder with this marker only, and
  removes only the file names it makes itself; it claims a new or empty
  folder (or one holding only such names) and refuses any other.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from retrieval.bm25 import BM25, content_stems
from retrieval.denials import DenialIndex
from retrieval.errors import IndexMismatch, IndexNotFound
from retrieval.index_files import (  # noqa: F401  (FILE_MODE, claim_folder, MARKER: re-exported)
    FILE_MODE,
    MANIFEST,
    MARKER,
    _remove_old_generations,
    _sha256_file,
    _write_aside,
    claim_folder,
)
from retrieval.types import Passage, Source

logger = logging.getLogger(__name__)

# Above this many passages the vectors go into an HNSW graph instead of a flat index: flat
# top-k costs a pass over every vector (about 9 ms at 100k passages, 68 ms at 1M on this
# machine), HNSW about 0.3 ms at either size. Below it flat is exact and fast enough
# (about 4 ms at 50k), and builds at once. Figures: bench/speed.py.
APPROXIMATE_FROM = 50_000
HNSW_LINKS = 32  # neighbours per node: more is better recall for more memory (~260 B/passage)
HNSW_BUILD_DEPTH = 80  # efConstruction
# efSearch: how many candidates HNSW keeps while it walks; the smallest the bench found to give
# recall@10 of at least 0.95 against flat at 100k and 1M passages (bench/speed.py sweeps it).
HNSW_SEARCH_DEPTH = 128

FORMAT_VERSION = 1


@dataclass(frozen=True)
class Manifest:
    """What an index was built from and with.

    Example: Manifest(model="…MiniLM-L6-v2", dimension=384, pipeline="c1-k1-a1", ...)
    """

    model: str
    dimension: int
    pipeline: str
    articles: dict[str, str]
    sources: dict[str, Source]
    vectors_file: str = ""
    passages_file: str = ""
    stance_file: str = ""
    sentences_file: str = ""
    bm25_file: str = ""
    denials_file: str = ""
    files_sha256: dict[str, str] = field(default_factory=dict)
    count: int = 0
    built_at: float = 0.0
    format: int = FORMAT_VERSION

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "model": self.model,
            "dimension": self.dimension,
            "pipeline": self.pipeline,
            "articles": self.articles,
            "sources": {k: v.to_dict() for k, v in self.sources.items()},
            "vectors_file": self.vectors_file,
            "passages_file": self.passages_file,
            "stance_file": self.stance_file,
            "sentences_file": self.sentences_file,
            "bm25_file": self.bm25_file,
            "denials_file": self.denials_file,
            "files_sha256": self.files_sha256,
            "count": self.count,
            "built_at": self.built_at,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Manifest:
        return cls(
            model=str(data["model"]),
            dimension=int(data["dimension"]),
            pipeline=str(data["pipeline"]),
            articles={str(k): str(v) for k, v in data["articles"].items()},
            sources={str(k): Source.from_dict(v) for k, v in data["sources"].items()},
            vectors_file=str(data["vectors_file"]),
            passages_file=str(data["passages_file"]),
            stance_file=str(data.get("stance_file", "")),
            sentences_file=str(data.get("sentences_file", "")),
            bm25_file=str(data.get("bm25_file", "")),
            denials_file=str(data.get("denials_file", "")),
            files_sha256=dict(data.get("files_sha256", {})),
            count=int(data.get("count", 0)),
            built_at=float(data.get("built_at", 0.0)),
            format=int(data.get("format", 0)),
        )


def read_manifest(folder: Path) -> Manifest:
    """The manifest of the index in ``folder``.

    Raises:
        IndexNotFound: there is no manifest.
        IndexMismatch: the manifest is not one of ours or cannot be parsed.
    """
    path = folder / MANIFEST
    if not path.exists():
        raise IndexNotFound(f"no index in {folder}")
    try:
        manifest = Manifest.from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as err:
        raise IndexMismatch(
            f"the index manifest {path} is corrupt ({err.__class__.__name__})"
        ) from err
    if manifest.format != FORMAT_VERSION:
        raise IndexMismatch(f"the index in {folder} has format {manifest.format}")
    return manifest


class PassageIndex:
    """Passages, their sources and their vectors in a FAISS flat inner-product index.

    Example: PassageIndex.build(passages, vectors, manifest).save(Path("index"))
    """

    def __init__(
        self,
        faiss_index: Any,
        passages: list[Passage],
        manifest: Manifest,
        stance: dict[str, dict[str, Any]] | None = None,
        sentence_vectors: np.ndarray | None = None,
        bm25: BM25 | None = None,
        denials: DenialIndex | None = None,
    ) -> None:
        if faiss_index.ntotal != len(passages):
            raise IndexMismatch(
                f"the index holds {faiss_index.ntotal} vectors for {len(passages)} passages"
            )
        self.faiss_index = faiss_index
        self.passages = passages
        self.manifest = manifest
        # Each passage's stance analysis as JSON, by passage id (``PassageAnalysis.to_dict()``).
        self.stance: dict[str, dict[str, Any]] = stance or {}
        # The vectors of what the stance judge embeds of each passage (``sentence_keys``), in
        # passage order, computed at ingest: answering embeds only the question.
        self.sentence_vectors = sentence_vectors
        # BM25's postings, computed at ingest (None for an index made by hand: the searcher
        # computes them then).
        self.bm25 = bm25
        # The passages that deny something with their context vectors (``denials.py``), built
        # at ingest from the stance analyses (None for an index made by hand: built when asked).
        self.denials = denials
        self._offsets: np.ndarray | None = None
        self._offsets_lock = threading.Lock()

    @classmethod
    def build(
        cls,
        passages: list[Passage],
        vectors: np.ndarray,
        manifest: Manifest,
        stance: dict[str, dict[str, Any]] | None = None,
        approximate_from: int = APPROXIMATE_FROM,
        sentence_vectors: np.ndarray | None = None,
    ) -> PassageIndex:
        """An index over ``vectors`` (one row per passage, unit length), with the passages'
        stance analyses by passage id; HNSW from ``approximate_from`` passages on, else flat."""
        import faiss

        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if vectors.shape != (len(passages), manifest.dimension):
            raise ValueError(
                f"vectors of shape {vectors.shape} for {len(passages)} passages "
                f"of dimension {manifest.dimension}"
            )
        faiss.normalize_L2(vectors)  # in place; IP on unit vectors == cosine
        approximate = len(passages) >= approximate_from
        index = faiss.IndexIDMap2(_inner_index(approximate, manifest.dimension))
        if len(passages):
            index.add_with_ids(vectors, np.arange(len(passages), dtype=np.int64))
        bm25 = BM25.build([content_stems(p.text) for p in passages])
        denials = _denials(passages, vectors, stance)
        return cls(index, passages, manifest, stance, sentence_vectors, bm25, denials)

    @property
    def sources(self) -> dict[str, Source]:
        return self.manifest.sources

    @property
    def kind(self) -> str:
        """ "flat" (exact) or "hnsw" (approximate), as ``APPROXIMATE_FROM`` chose at build."""
        import faiss

        inner = faiss.downcast_index(self.faiss_index.index)
        return "hnsw" if isinstance(inner, faiss.IndexHNSW) else "flat"

    def vectors(self) -> np.ndarray:
        """Every stored vector, in passage order: a read-only view of the FAISS index's own
        storage (memory-mapped when the index was loaded from disk), not a copy."""
        import faiss

        if not self.passages:
            return np.zeros((0, self.manifest.dimension), dtype=np.float32)
        inner: Any = faiss.downcast_index(self.faiss_index.index)
        if isinstance(inner, faiss.IndexHNSW):
            inner = faiss.downcast_index(inner.storage)
        # Passages are added with ids 0..n-1 in order, so row i of the storage is passage i.
        n, d = len(self.passages), self.manifest.dimension
        view = faiss.rev_swig_ptr(inner.get_xb(), n * d).reshape(n, d)
        view.flags.writeable = False
        return view

    def sentence_block(self, position: int) -> tuple[list[str], np.ndarray] | None:
        """What the stance judge embeds of one passage (``sentence_keys``) with the vectors
        stored at ingest, or None when the index has none for it."""
        passage = self.passages[position]
        analysis = self.stance.get(passage.id)
        if self.sentence_vectors is None or analysis is None:
            return None
        offsets = self._sentence_offsets()
        keys = sentence_keys(passage.text, analysis)
        start, end = int(offsets[position]), int(offsets[position + 1])
        if end - start != len(keys):
            return None
        return keys, np.asarray(self.sentence_vectors[start:end], dtype=np.float32)

    def _sentence_offsets(self) -> np.ndarray:
        with self._offsets_lock:
            if self._offsets is None:
                counts = [len(self.stance[p.id]["sentences"]) + 1 for p in self.passages]
                self._offsets = np.concatenate([[0], np.cumsum(counts, dtype=np.int64)])
            return self._offsets

    def search(self, query: np.ndarray, k: int) -> list[tuple[int, float]]:
        """The ``k`` passages nearest to a unit query vector, as (position, cosine) pairs."""
        if not self.passages or k <= 0:
            return []
        import faiss

        # One question, one thread: FAISS would wake OpenMP workers for it, and on a busy
        # machine a woken worker waits for a core (8 ms for a 0.4 ms HNSW search). OpenMP keeps
        # this per thread: builds on other threads keep every core.
        faiss.omp_set_num_threads(1)
        xq = np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32)
        D, I = self.faiss_index.search(xq, min(k, self.faiss_index.ntotal))  # noqa: E741
        # FAISS pads missing results with -1.
        return [(int(i), float(d)) for d, i in zip(D[0], I[0], strict=True) if i >= 0]

    def save(self, folder: Path) -> None:
        """Write the index as a new generation, then switch the manifest to it."""
        import faiss

        claim_folder(folder)
        generation = f"{int(time.time() * 1000):x}-{os.getpid():x}"
        vectors_file = f"vectors.{generation}.faiss"
        passages_file = f"passages.{generation}.jsonl"
        stance_file = f"passages.{generation}.stance.jsonl"
        sentences_file = f"passages.{generation}.sentences.npy" if self.has_sentences else ""
        bm25_file = f"passages.{generation}.bm25.npz" if self.bm25 is not None else ""
        denials_file = f"passages.{generation}.denials.npz" if self.denials is not None else ""
        own = [vectors_file, passages_file, stance_file]
        own += [name for name in (sentences_file, bm25_file, denials_file) if name]

        def write_passages(path: str) -> None:
            with open(path, "w", encoding="utf-8") as handle:
                for passage in self.passages:
                    handle.write(json.dumps(passage.to_dict(), ensure_ascii=False) + "\n")

        _write_aside(folder, vectors_file, lambda p: faiss.write_index(self.faiss_index, p))

        def write_stance(path: str) -> None:
            with open(path, "w", encoding="utf-8") as handle:
                for pid, analysis in self.stance.items():
                    handle.write(json.dumps({"id": pid, **analysis}, ensure_ascii=False) + "\n")

        _write_aside(folder, passages_file, write_passages)
        _write_aside(folder, stance_file, write_stance)
        if sentences_file:

            def write_sentences(path: str) -> None:
                with open(path, "wb") as handle:
                    np.save(handle, np.asarray(self.sentence_vectors, dtype=np.float32))

            _write_aside(folder, sentences_file, write_sentences)
        if self.bm25 is not None:
            _write_aside(folder, bm25_file, self.bm25.save)
        if self.denials is not None:
            _write_aside(folder, denials_file, self.denials.save)
        manifest = Manifest(
            **{
                **self.manifest.__dict__,
                "vectors_file": vectors_file,
                "passages_file": passages_file,
                "stance_file": stance_file,
                "sentences_file": sentences_file,
                "bm25_file": bm25_file,
                "denials_file": denials_file,
                "files_sha256": {name: _sha256_file(folder / name) for name in own},
                "count": len(self.passages),
                "built_at": time.time(),
            }
        )
        text = json.dumps(manifest.to_dict(), indent=1, ensure_ascii=False)
        _write_aside(folder, MANIFEST, lambda p: Path(p).write_text(text, encoding="utf-8"))
        self.manifest = manifest
        _remove_old_generations(folder, keep=set(own))
        logger.info("saved %d passages to %s", len(self.passages), folder)

    @classmethod
    def load(cls, folder: Path) -> PassageIndex:
        """Read the current generation of the index in ``folder``.

        Raises:
            IndexNotFound: there is no index there.
            IndexMismatch: a file is missing, truncated, altered or not a FAISS index.
        """
        import faiss

        manifest = read_manifest(folder)
        stance_file = [manifest.stance_file] if manifest.stance_file else []
        sentences_file = [manifest.sentences_file] if manifest.sentences_file else []
        extra = [manifest.sentences_file, manifest.bm25_file, manifest.denials_file]
        extra = [name for name in extra if name]
        for name in (manifest.vectors_file, manifest.passages_file, *stance_file, *extra):
            path = folder / name
            if not name or not path.is_file():
                raise IndexMismatch(f"the index file {path} is missing")
            if manifest.files_sha256.get(name) != _sha256_file(path):
                raise IndexMismatch(f"the index file {path} is corrupt (checksum differs)")
        try:
            # Mapped, not read: the vectors stay in the page cache, shared between processes,
            # and a process touches only the pages its searches visit.
            faiss_index = faiss.read_index(
                str(folder / manifest.vectors_file), faiss.IO_FLAG_MMAP_IFC
            )
            _tune(faiss_index)
            lines = (folder / manifest.passages_file).read_text(encoding="utf-8").splitlines()
            passages = [Passage.from_dict(json.loads(line)) for line in lines if line.strip()]
            stance = _read_stance(folder / manifest.stance_file) if stance_file else {}
            sentences = (
                np.load(folder / manifest.sentences_file, mmap_mode="r") if sentences_file else None
            )
            bm25 = BM25.load(folder / manifest.bm25_file) if manifest.bm25_file else None
            denials = (
                DenialIndex.load(folder / manifest.denials_file) if manifest.denials_file else None
            )
        except (RuntimeError, OSError, ValueError, KeyError, TypeError) as err:
            raise IndexMismatch(f"the index in {folder} cannot be read ({err})") from err
        if faiss_index.d != manifest.dimension:
            raise IndexMismatch(
                f"the index has dimension {faiss_index.d}, its manifest says {manifest.dimension}"
            )
        if bm25 is not None and bm25.count != len(passages):
            raise IndexMismatch(f"the BM25 postings in {folder} are for another set of passages")
        if (
            denials is not None
            and len(denials.positions)
            and denials.positions[-1] >= len(passages)
        ):
            raise IndexMismatch(f"the index in {folder} has denials past its passages")
        return cls(faiss_index, passages, manifest, stance, sentences, bm25, denials)

    @property
    def has_sentences(self) -> bool:
        """Whether the sentence vectors of the stance judge are stored with the passages."""
        return self.sentence_vectors is not None


def sentence_keys(text: str, analysis: dict[str, Any]) -> list[str]:
    """The strings the stance judge embeds for a passage (``stance.features.analyse_texts``):
    each sentence of its stored analysis, then the whole passage as the judge normalises it."""
    from retrieval.stance.cues import normalise

    return [str(s["text"]) for s in analysis["sentences"]] + [normalise(text)]


def _denials(
    passages: list[Passage], vectors: np.ndarray, stance: dict[str, dict[str, Any]] | None
) -> DenialIndex | None:
    """The denying passages with their context vectors, read off the stance analyses (None
    unless every passage has one: answering then builds it from what it has)."""
    from retrieval.stance.store import stored_denial

    if not passages or stance is None or any(p.id not in stance for p in passages):
        return None
    strengths = [stored_denial(stance[p.id]) for p in passages]
    return DenialIndex.build(vectors, [p.article_id for p in passages], strengths)


def _inner_index(approximate: bool, dimension: int) -> Any:
    """An empty FAISS index for unit vectors, HNSW or flat (inner product either way: cosine
    on unit vectors)."""
    import faiss

    if not approximate:
        return faiss.IndexFlatIP(dimension)
    index = faiss.IndexHNSWFlat(dimension, HNSW_LINKS, faiss.METRIC_INNER_PRODUCT)
    index.hnsw.efConstruction = HNSW_BUILD_DEPTH
    index.hnsw.efSearch = HNSW_SEARCH_DEPTH
    return index


def _tune(faiss_index: Any) -> None:
    """Set the search depth of an HNSW index as read from disk (a flat one has none)."""
    import faiss

    inner = faiss.downcast_index(faiss_index.index) if hasattr(faiss_index, "index") else None
    if isinstance(inner, faiss.IndexHNSW):
        inner.hnsw.efSearch = HNSW_SEARCH_DEPTH


def _read_stance(path: Path) -> dict[str, dict[str, Any]]:
    """The stance sidecar: each passage's analysis by passage id."""
    stance = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            stance[str(record.pop("id"))] = record
    return stance
