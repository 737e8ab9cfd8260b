"""storybot as one object: open a corpus and its index once, then answer questions.

The command line and the Telegram bot both go through ``Storybot``; neither
knows how passages are found.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from pathlib import Path

from retrieval.answerability import PassageStems, Verdict
from retrieval.article_names import ArticleNames
from retrieval.asked_speaker import SpeakerNames
from retrieval.companions import companion_of, quotes_own_words, with_companions
from retrieval.copies import first_appearance
from retrieval.corpus import Corpus
from retrieval.counts import amount_missing, boost_counts, counted_things, counts
from retrieval.denials import DENIES, DenialIndex
from retrieval.embed import CachingEmbedder, Embedder, TextEncoder
from retrieval.errors import IndexBusy, IndexMismatch, IndexNotFound
from retrieval.first_day import boost_first_day
from retrieval.headlines import lead_in_place, leads_for_headlines
from retrieval.index import FILE_MODE, PassageIndex, claim_folder
from retrieval.lexicon import DENIAL_QUERY
from retrieval.multilingual import CrossLingualSearcher, judge_across, searcher_for
from retrieval.onnx_embed import OnnxEmbedder
from retrieval.outlets import OutletNames
from retrieval.period import StoryPeriod
from retrieval.pipeline import build_index, index_status
from retrieval.question import check_question
from retrieval.search import Scored, distinct
from retrieval.stance import (
    Candidate,
    RuleStanceJudge,
    find_anchor,
    form_sides,
    is_yes_no,
)
from retrieval.stance.reading import read_question
from retrieval.stance.store import StoredAnalyses, stored_denial
from retrieval.story import first_title, story_name
from retrieval.timeline import TimelineEntry, story_timeline
from retrieval.types import Answer, Hit, Source, Stance

logger = logging.getLogger(__name__)

REPO_ROOT = Path(__file__).resolve().parent.parent
NOT_ANSWERED = "The articles in the corpus do not answer this question."
# How many passages each of the two searches for the other side of a claim may bring.
_OPPOSITION_POOL = 12
# Denials found by their context (retrieval/denials.py): how many, and how close.
_DENIALS = 6
_DENIAL_CONTEXT = 0.45
# How many passages beyond the k shown the asserting side is chosen from.
_EXTRA_POOL = 3


# Whether storybot runs from its source checkout (./run, an editable install) rather than
# installed into site-packages, where no corpus may be kept.
CHECKOUT = (REPO_ROOT / "pyproject.toml").is_file() and (REPO_ROOT / "storybot").is_dir()


def home_dir() -> Path:
    """The folder whose corpus/ and index/ are the defaults.

    ``STORYBOT_HOME`` if set; else the repository when running from its checkout (so
    ``./run ask`` answers from the seed corpus); else the current folder, never
    site-packages.
    """
    home = os.environ.get("STORYBOT_HOME")
    if home:
        return Path(home)
    return REPO_ROOT if CHECKOUT else Path.cwd()


def default_dirs(corpus: str | Path | None, index: str | Path | None) -> tuple[Path, Path]:
    """Where the corpus and the index live: arguments, then environment, then ``home_dir()``.

    With a corpus given and no index, the index goes in a folder inside that corpus.
    """
    corpus = corpus or os.environ.get("STORYBOT_CORPUS")
    index = index or os.environ.get("STORYBOT_INDEX")
    corpus_dir = Path(corpus) if corpus else home_dir() / "corpus"
    if index:
        index_dir = Path(index)
    elif corpus:
        index_dir = corpus_dir / ".index"
    else:
        index_dir = home_dir() / "index"
    return corpus_dir, index_dir


def init_dirs(corpus_dir: Path, index_dir: Path) -> list[tuple[Path, bool]]:
    """Create the corpus folder and claim the index folder; each with whether it is new.

    Raises:
        IndexFolderRefused: the index folder is the corpus or holds files of someone else.
        OSError: a folder cannot be created.
    """
    made = []
    new = not corpus_dir.exists()
    corpus_dir.mkdir(parents=True, exist_ok=True)
    made.append((corpus_dir, new))
    new = not index_dir.exists()
    claim_folder(index_dir, corpus_dir)
    made.append((index_dir, new))
    return made


@dataclass(frozen=True)
class SourceInfo:
    """An article of the corpus and how many passages it gave.

    Example: SourceInfo(Source("a1", "UNIAN", published="2022-07-05"), passages=7)
    """

    source: Source
    passages: int

    def to_dict(self) -> dict[str, object]:
        return {
            **self.source.to_dict(),
            "article": self.source.article_id,
            "passages": self.passages,
        }


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

    def __init__(
        self,
        index: PassageIndex,
        embedder: TextEncoder,
        story: str = "",
        folder: Path | None = None,
    ) -> None:
        self.index = index
        # The stance judge embeds the candidates' sentences for question after question:
        # remember each vector (the passages' own are the index's).
        self.embedder = CachingEmbedder(embedder)
        # cross-lingual when the index in ``folder`` holds a corpus of several languages
        self.searcher = searcher_for(folder, index, self.embedder)
        self.embedder.remember_rows([p.text for p in index.passages], self.searcher.vectors)
        # The question is read from its words (no spaCy while answering; see stance/reading.py).
        self.stance_judge = RuleStanceJudge(self.embedder, reader=read_question)
        self._analyses = StoredAnalyses(index)
        self._stems = PassageStems(index.passages)
        self._position_of = {p.id: i for i, p in enumerate(index.passages)}
        self.outlets = OutletNames(index.passages, index.sources)
        self.speakers = SpeakerNames(index.passages)
        # The words a question may use: the passages', and the outlets' names ("What did the
        # Tesk Evening Post report?" asks about the corpus even if no passage says "Post").
        self._vocabulary = self.searcher.vocabulary | self.outlets.vocabulary()
        self.article_names = ArticleNames(index.passages, index.sources, self._stems)
        self._denials: DenialIndex | None = None  # the index's, or built when first needed
        self._denials_lock = threading.Lock()
        self._corpus_order = {article: i for i, article in enumerate(index.sources)}
        self.period = StoryPeriod(index)
        # Answering only reads what is built here, so questions are answered on many threads at
        # once with no lock of their own; the caches they fill lock their own bookkeeping.
        self.story = story or first_title(index)

    @classmethod
    def open(
        cls,
        corpus_dir: str | Path | None = None,
        index_dir: str | Path | None = None,
        notify: Callable[[str], None] | None = None,
        embedder: Embedder | None = None,
        story: str | None = None,
    ) -> Storybot:
        """Load the model and the index, building the index first if it needs it.

        Args:
            embedder: embeds the passages at ingest (the torch MiniLM by default); questions
                are embedded by its int8 ONNX build, whose vectors agree with it
                (``tests/retrieval/test_onnx_embed.py``), so answering from an index already
                built never imports torch. Another model (a test's fake) embeds its own
                questions.
            story: the story's name as the bot and the desk show it; else
                ``STORYBOT_STORY``, else the first article's title.
        """
        corpus_path, index_path = default_dirs(corpus_dir, index_dir)
        story = story_name(story or os.environ.get("STORYBOT_STORY"))
        builder = embedder or Embedder()
        index = ensure_index(Corpus(corpus_path), index_path, builder, notify)
        # The ONNX build answers for the model it is a build of (not, say, a test's fake), the
        # same for every caller: the command line, the desk and the bot give the same bytes.
        same_model = (
            builder.name == OnnxEmbedder.name and builder.dimension == OnnxEmbedder.dimension
        )
        return cls(index, _query_embedder() if same_model else builder, story, index_path)

    def sources(self) -> list[SourceInfo]:
        """The articles, with how many passages each gave."""
        counts: dict[str, int] = {}
        for passage in self.index.passages:
            counts[passage.article_id] = counts.get(passage.article_id, 0) + 1
        return [SourceInfo(s, counts.get(s.article_id, 0)) for s in self.index.sources.values()]

    def timeline(self) -> list[TimelineEntry]:
        """The story's events in the order they first appeared (``retrieval/timeline.py``)."""
        return story_timeline(self.index.passages, self.index.sources)

    def verdict(self, question: str) -> Verdict:
        """Whether the corpus answers the question, with the signals behind the decision."""
        question = check_question(question)
        ranked = self.searcher.rank(question)
        return judge_across(self.searcher, question, ranked, self._stems, self._vocabulary)

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
        verdict = judge_across(self.searcher, question, ranked, self._stems, self._vocabulary)
        logger.info("question %r: %s", question, verdict.reason)
        if not verdict.answered:
            return Answer(question, False, message=f"{NOT_ANSWERED} ({verdict.reason})")
        cosines = self.searcher.cosines(self.searcher.embed(question))
        ranked = leads_for_headlines(ranked, self.index.passages, lambda i: float(cosines[i]))
        ranked = self.speakers.boost(question, self.outlets.boost(question, ranked))
        ranked = boost_counts(
            question, self.article_names.about(question, ranked), self.index.passages
        )
        days = self.period.days(ranked)
        ranked = [s for s in ranked if self.period.holds(s.position, days)]
        ranked = boost_first_day(question, ranked, self._first_published)
        pool = k + _EXTRA_POOL
        best = [self._first_copy(s) for s in distinct(ranked, self.index.passages)[:pool]]
        texts = [self.index.passages[s.position].text for s in best]
        if (no_figure := amount_missing(question, texts)) is not None:
            return Answer(question, False, message=f"{NOT_ANSWERED} ({no_figure})")
        hits: list[Candidate] = []
        for scored, told in with_companions(best, self.index.passages, k, self._denies):
            if told is None:
                hits.append(self._candidate(scored))
                continue
            reported = next(c for c in hits if c.hit.passage.id == self.index.passages[told].id)
            hits.append(self._told(scored, reported))
        if things := counted_things(question):
            hits = [replace(c, direct=counts(c.text, things)) for c in hits]
        anchor = find_anchor(question, hits, self.stance_judge) if hits else None
        # An open question ("When was it built?") is contested only by its own best
        # passages: a denial looked for elsewhere answers whether, not when.
        others = (
            self._other_side(question, hits, anchor.position, days)
            if anchor is not None and is_yes_no(question)
            else []
        )
        asked_in = getattr(self.searcher, "language", lambda text: None)(question)
        sides, context = form_sides(
            question, hits, others, self.stance_judge, anchor, k, language=asked_in
        )
        count = sum(len(s.hits) for s in sides) + len(context)
        contested = len([s for s in sides if s.stance in (Stance.ASSERTS, Stance.DENIES)]) > 1
        shown = f"{count} passage{'' if count == 1 else 's'}"
        message = f"{shown} on {len(sides)} sides" if contested else f"{shown} found"
        return Answer(question, True, tuple(sides), tuple(context), message)

    def _candidate(self, scored: Scored, score: float | None = None) -> Candidate:
        """A scored passage with its stored vector and stance analysis."""
        hit = self.searcher.hit(scored)
        hit = replace(
            hit, carried_by=self._carriers(hit), score=hit.score if score is None else score
        )
        vector = self.searcher.vectors[scored.position]
        # The judge embeds the candidate's sentences: hand it the vectors ingest stored.
        block = self.index.sentence_block(scored.position)
        sentences = {}
        if block is not None:
            self.embedder.remember(*block)
            sentences = dict(zip(block[0], block[1], strict=True))
        return Candidate(hit, vector, self._analyses[hit.passage.id], sentence_vectors=sentences)

    def _denies(self, position: int) -> bool:
        return self._analyses[self.index.passages[position].id].denial >= DENIES

    def _told(self, scored: Scored, reported: Candidate) -> Candidate:
        """A speaker's own words (``companions.py``) as the passage reporting them stands: its
        score and vector, so that whether it is about the question is judged by that one."""
        own = self._candidate(scored)
        beside = replace(own.hit, beside=reported.hit.passage.id)
        return replace(own, hit=beside, vector=reported.vector, accompanies=reported)

    @property
    def denials(self) -> DenialIndex:
        """The passages that deny something, with their context vectors: as ingest stored
        them, or built when a yes/no question first needs them, from the stored stance
        analyses (an index made by hand; a corpus in several languages, whose searcher moves
        the vectors of the passages not in English)."""
        with self._denials_lock:
            if self._denials is None and not isinstance(self.searcher, CrossLingualSearcher):
                self._denials = self.index.denials
            if self._denials is None:
                passages = self.index.passages
                self._denials = DenialIndex.build(
                    self.searcher.vectors,
                    [p.article_id for p in passages],
                    [
                        stored_denial(self.index.stance[p.id])
                        if p.id in self.index.stance
                        else self._analyses[p.id].denial
                        for p in passages
                    ],
                )
            return self._denials

    def _first_published(self, position: int) -> date | None:
        """The day a passage's words first appeared: its own article's day, or an earlier
        one of an article that carries them word for word (a wire copy run a day later)."""
        copies = self.index.passages[position].copies
        days = [
            self.period.published(i)
            for i in (position, *map(self._position_of.get, copies))
            if i is not None
        ]
        return min((d for d in days if d is not None), default=None)

    def _first_copy(self, scored: Scored) -> Scored:
        """A passage whose very words other articles carry, as its first appearance has it."""
        passages = self.index.passages
        same = [self._position_of[c] for c in passages[scored.position].copies]
        same = [i for i in same if passages[i].text == passages[scored.position].text]
        if not same:
            return scored
        carriers = (scored.position, *same)
        sources = [self.index.sources[passages[i].article_id] for i in carriers]
        first = first_appearance(sources, self._corpus_order)[0].article_id
        shown = next(i for i in carriers if passages[i].article_id == first)
        return replace(scored, position=shown)

    def _carriers(self, hit: Hit) -> tuple[Source, ...]:
        """The articles that carry a hit's words, the first appearance first."""
        sources = self.index.sources
        passages = self.index.passages
        copies = [passages[self._position_of[c]].article_id for c in hit.passage.copies]
        articles = [hit.passage.article_id, *copies]
        found = [sources[a] for a in articles if a in sources]
        return tuple(first_appearance(found, self._corpus_order))

    def _other_side(
        self, question: str, hits: list[Candidate], anchor: int, days: tuple[date, ...]
    ) -> list[Candidate]:
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
        question_vector = self.searcher.embed(question)
        cosines = self.searcher.cosines(question_vector)
        pool = leads_for_headlines(
            denying[:_OPPOSITION_POOL] + alike[:_OPPOSITION_POOL],
            self.index.passages,
            lambda i: float(cosines[i]),
        )
        # nothing already shown, nor a copy of it
        seen = {i for h in hits for i in (h.hit.passage.id, *h.hit.passage.copies)}
        fresh: list[Scored] = []
        for scored in pool:
            passage = self.index.passages[scored.position]
            if passage.id not in seen and self.period.holds(scored.position, days):
                seen.add(passage.id)
                fresh.append(scored)
                seen.update(passage.copies)
        found = [
            (s.position, self._candidate(s, float(cosines[s.position])))
            for s in distinct(fresh, self.index.passages)
        ]
        # Denials anywhere in the corpus whose surroundings are about the question: a terse
        # "This is utterly false" shares no words with it, the report it answers does.
        for position, context in self.denials.find(
            question_vector, k=_DENIALS, least=_DENIAL_CONTEXT
        ):
            position = lead_in_place(self.index.passages, position)
            passage = self.index.passages[position]
            if passage.id in seen or not self.period.holds(position, days):
                continue
            seen.update((passage.id, *passage.copies))
            scored = Scored(position, float(cosines[position]), 0.0, 0.0)
            candidate = self._candidate(scored, max(context, float(cosines[position])))
            vector = self.denials.context_of(position)
            found.append((position, replace(candidate, vector=vector)))
        # the speaker's own words beside a passage that reports them (companions.py)
        for position, candidate in list(found):
            told = companion_of(self.index.passages, position, quotes_own_words)
            if told is None or self.index.passages[told].id in seen:
                continue
            seen.update((self.index.passages[told].id, *self.index.passages[told].copies))
            scored = Scored(told, candidate.hit.score, 0.0, 0.0)
            found.append((told, self._told(scored, candidate)))
        return [candidate for _, candidate in found]
