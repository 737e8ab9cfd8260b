"""storybot as one object: open a corpus and its index once, then answer questions.

The command line and the Telegram bot both go through ``Storybot``; neither
knows how passages are found.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from retrieval.answerability import Verdict, judge
from retrieval.corpus import Corpus
from retrieval.embed import CachingEmbedder, Embedder, TextEncoder
from retrieval.errors import IndexBusy, IndexMismatch, IndexNotFound
from retrieval.index import FILE_MODE, PassageIndex, claim_folder
from retrieval.lexicon import DENIAL_QUERY
from retrieval.onnx_embed import OnnxEmbedder
from retrieval.pipeline import build_index, index_status
from retrieval.question import check_question
from retrieval.search import Scored, Searcher, content_stems, distinct
from retrieval.stance import (
    Candidate,
    PassageAnalysis,
    RuleStanceJudge,
    analyse_passages,
    find_anchor,
    form_sides,
)
from retrieval.stance.reading import read_question
from retrieval.types import Answer, Passage, Source, Stance

logger = logging.getLogger(__name__)

REPO_ROOT = Path(__file__).resolve().parent.parent
NOT_ANSWERED = "The articles in the corpus do not answer this question."
# How many passages each of the two searches for the other side of a claim may bring.
_OPPOSITION_POOL = 12


def default_dirs(corpus: str | Path | None, index: str | Path | None) -> tuple[Path, Path]:
    """Where the corpus and the index live: arguments, then environment, then the repository.

    With a corpus given and no index, the index goes in a folder inside that corpus.
    """
    corpus = corpus or os.environ.get("STORYBOT_CORPUS")
    index = index or os.environ.get("STORYBOT_INDEX")
    corpus_dir = Path(corpus) if corpus else REPO_ROOT / "corpus"
    if index:
        index_dir = Path(index)
    elif corpus:
        index_dir = corpus_dir / ".index"
    else:
        index_dir = REPO_ROOT / "index"
    return corpus_dir, index_dir


@dataclass(frozen=True)
class SourceInfo:
    """An article of the corpus and how many passages it gave.

    Example: SourceInfo(Source("a1", "UNIAN", published="2022-07-05"), passages=7)
    """

    source: Source
    passages: int

    def to_dict(self) -> dict[str, object]:
        return {**self.source.to_dict(), "passages": self.passages}


LOCK_WAIT = 600  # seconds an ask or index waits for another process's build


@contextmanager
def _lock(
    index_dir: Path, corpus_dir: Path | None = None, say: Callable[[str], None] | None = None
) -> Iterator[None]:
    """Hold the index folder's lock; a wait for another process is said, not silent.

    The folder is claimed first (see ``claim_folder``), so no lock file is ever
    put in a folder storybot does not own.
    """
    from filelock import FileLock, Timeout

    claim_folder(index_dir, corpus_dir)
    path = index_dir / ".lock"
    lock = FileLock(str(path), mode=FILE_MODE)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        (say or _log_info)(
            f"waiting for another storybot process to finish with the index in {index_dir} "
            f"(lock {path}; at most {LOCK_WAIT} s)"
        )
        try:
            lock.acquire(timeout=LOCK_WAIT)
        except Timeout as err:
            raise IndexBusy(
                f"{path}: the index is still locked by another storybot process "
                f"after {LOCK_WAIT} s; try again later"
            ) from err
    try:
        yield
    finally:
        lock.release()


@lru_cache(maxsize=1)
def _query_embedder() -> OnnxEmbedder:
    """One ONNX session per process, shared by every Storybot (runs are thread-safe)."""
    return OnnxEmbedder()


def _log_info(message: str) -> None:
    logger.info("%s", message)


def ensure_index(
    corpus: Corpus,
    index_dir: Path,
    embedder: Embedder,
    notify: Callable[[str], None] | None = None,
    force: bool = False,
) -> PassageIndex:
    """The index for the corpus, built or rebuilt first if it is missing, stale or corrupt."""
    say = notify or _log_info
    corpus.files()  # a missing corpus is an error before anything is created beside it
    with _lock(index_dir, corpus.root, say):
        status = index_status(corpus, index_dir, embedder.name)
        if status.state == "fresh" and not force:
            try:
                return PassageIndex.load(index_dir)
            except (IndexNotFound, IndexMismatch) as err:
                say(f"index unusable ({err}); rebuilding")
        elif status.state != "fresh":
            verb = "building" if status.state == "missing" else "rebuilding"
            say(f"{verb} the index in {index_dir}: {status.reason}")
        return build_index(corpus, index_dir, embedder, on_step=say)


class Storybot:
    """Answers questions from one corpus.

    Example: Storybot.open().ask("Did Xi refuse?").sides
    """

    def __init__(self, index: PassageIndex, embedder: TextEncoder, story: str = "") -> None:
        self.index = index
        # The stance judge embeds the candidates' sentences for question after question:
        # remember each vector (the passages' own are the index's).
        self.embedder = CachingEmbedder(embedder)
        self.searcher = Searcher(index, self.embedder)
        self.embedder.remember_rows([p.text for p in index.passages], self.searcher.vectors)
        # The question is read from its words (no spaCy while answering; see stance/reading.py).
        self.stance_judge = RuleStanceJudge(self.embedder, reader=read_question)
        self._analyses = _Analyses(index)
        self._stems = _Stems(index.passages)
        # Answering only reads what is built here, so questions are answered on many threads at
        # once with no lock of their own; the caches they fill lock their own bookkeeping.
        self.story = story or _story_line(index)

    @classmethod
    def open(
        cls,
        corpus_dir: str | Path | None = None,
        index_dir: str | Path | None = None,
        notify: Callable[[str], None] | None = None,
        embedder: Embedder | None = None,
    ) -> Storybot:
        """Load the model and the index, building the index first if it needs it.

        ``embedder`` embeds the passages at ingest (the torch MiniLM by default); questions are
        embedded by its int8 ONNX build, whose vectors agree with it
        (``tests/retrieval/test_onnx_embed.py``), so answering from an index already built never
        imports torch. Another model (a test's fake) embeds its own questions.
        """
        corpus_path, index_path = default_dirs(corpus_dir, index_dir)
        builder = embedder or Embedder()
        index = ensure_index(Corpus(corpus_path), index_path, builder, notify)
        # The ONNX build answers for the model it is a build of (not, say, a test's fake), the
        # same for every caller: the command line, the desk and the bot give the same bytes.
        same_model = (
            builder.name == OnnxEmbedder.name and builder.dimension == OnnxEmbedder.dimension
        )
        return cls(index, _query_embedder() if same_model else builder)

    def sources(self) -> list[SourceInfo]:
        """The articles, with how many passages each gave."""
        counts: dict[str, int] = {}
        for passage in self.index.passages:
            counts[passage.article_id] = counts.get(passage.article_id, 0) + 1
        return [SourceInfo(s, counts.get(s.article_id, 0)) for s in self.index.sources.values()]

    def verdict(self, question: str) -> Verdict:
        """Whether the corpus answers the question, with the signals behind the decision."""
        question = check_question(question)
        ranked = self.searcher.rank(question)
        return judge(question, ranked, self._stems, self.searcher.vocabulary)

    def ask(self, question: str, k: int = 6) -> Answer:
        """Answer a question: the sides of what the corpus says, or an honest "not answered".

        Raises:
            BadQuestion: the question is empty, too long or holds markup.
        """
        question = check_question(question)
        if k <= 0:
            raise ValueError(f"k must be positive, got {k}")
        # No lock: the bot answers many chats at once, and nothing here changes shared state.
        ranked = self.searcher.rank(question)
        verdict = judge(question, ranked, self._stems, self.searcher.vocabulary)
        logger.info("question %r: %s", question, verdict.reason)
        if not verdict.answered:
            return Answer(question, False, message=f"{NOT_ANSWERED} ({verdict.reason})")
        hits = [self._candidate(s) for s in distinct(ranked, self.index.passages)[:k]]
        anchor = find_anchor(question, hits, self.stance_judge) if hits else None
        others = self._other_side(question, hits, anchor.position) if anchor else []
        sides, context = form_sides(question, hits, others, self.stance_judge, anchor)
        count = sum(len(s.hits) for s in sides) + len(context)
        contested = len([s for s in sides if s.stance in (Stance.ASSERTS, Stance.DENIES)]) > 1
        message = (
            f"{count} passages on {len(sides)} sides" if contested else f"{count} passages found"
        )
        return Answer(question, True, tuple(sides), tuple(context), message)

    def _candidate(self, scored: Scored, score: float | None = None) -> Candidate:
        """A scored passage with its stored vector and stance analysis."""
        hit = self.searcher.hit(scored)
        if score is not None:
            hit = replace(hit, score=score)
        vector = self.searcher.vectors[scored.position]
        # The judge embeds the candidate's sentences: hand it the vectors ingest stored.
        block = self.index.sentence_block(scored.position)
        if block is not None:
            self.embedder.remember(*block)
        return Candidate(hit, vector, self._analyses[hit.passage.id])

    def _other_side(self, question: str, hits: list[Candidate], anchor: int) -> list[Candidate]:
        """Passages that may deny what the best hits assert, found by two searches of their
        own, scored like the hits by their cosine to the question.

        One for the question, the claim and the best other hit with denial words added; one
        for the claim itself, its words and its vector as the index holds it.
        """
        claim = hits[anchor]
        other = next((h for h in hits if h is not claim), None)
        words = " ".join([question, claim.text] + ([other.text] if other else []))
        denying = self.searcher.rank(f"{words} {DENIAL_QUERY}", depth=_OPPOSITION_POOL)
        alike = self.searcher.rank(claim.text, vector=claim.vector, depth=_OPPOSITION_POOL)
        pool = denying[:_OPPOSITION_POOL] + alike[:_OPPOSITION_POOL]
        seen = {h.hit.passage.id for h in hits}
        fresh: list[Scored] = []
        for scored in pool:
            passage = self.index.passages[scored.position]
            if passage.id not in seen:
                seen.add(passage.id)
                fresh.append(scored)
        cosines = self.searcher.cosines(self.searcher.embed(question))
        return [
            self._candidate(s, float(cosines[s.position]))
            for s in distinct(fresh, self.index.passages)
        ]


class _Analyses:
    """Each passage's stance analysis by passage id, read from the index's stored JSON when a
    question first needs it (a question needs a few dozen, an archive holds millions).

    An index made without the analysis of some passage (by hand, in a test) gets it now.
    """

    def __init__(self, index: PassageIndex) -> None:
        self._stored = index.stance
        self._read: dict[str, PassageAnalysis] = {}
        missing = [p for p in index.passages if p.id not in index.stance]
        if missing:
            logger.warning("%d passages have no stored stance analysis; parsing them", len(missing))
            fresh = analyse_passages([p.text for p in missing])
            self._read.update(zip((p.id for p in missing), fresh, strict=True))

    def __getitem__(self, passage_id: str) -> PassageAnalysis:
        found = self._read.get(passage_id)
        if found is None:  # two threads may both read it: the same record either way
            found = self._read[passage_id] = PassageAnalysis.from_dict(self._stored[passage_id])
        return found


class _Stems:
    """The content stems of each passage by position, stemmed when first needed."""

    def __init__(self, passages: list[Passage]) -> None:
        self._passages = passages
        self._stems: dict[int, set[str]] = {}

    def __getitem__(self, position: int) -> set[str]:
        found = self._stems.get(position)
        if found is None:
            found = self._stems[position] = set(content_stems(self._passages[position].text))
        return found


def _story_line(index: PassageIndex) -> str:
    titles = [s.title for s in index.sources.values() if s.title]
    return titles[0] if titles else "the articles in the corpus"
