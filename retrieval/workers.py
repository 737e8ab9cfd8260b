"""New articles read, cleaned, parsed and attributed in forked worker processes.

spaCy and the attribution rules run in one core of a process (most of an ingest before the
passages are embedded); on a machine with more cores, forked workers each take a share of the
new articles, biggest first to the least loaded, and send each article's outcome back as it is
done. Forked after spaCy is loaded, they share the parent's model pages and load nothing. A
long article is parsed first, its paragraphs spread over every worker (``_parse_big``).

A worker's failure costs time, never an article: whatever a worker did not send back (it
raised, was killed, or its pipe broke) the parent parses itself, in the same order, so an error
surfaces there with its own traceback. A worker whose parent died stops at its next send (the
pipe is broken), so none outlives a killed ingest by more than one article.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from retrieval.errors import BadArticle

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from retrieval.corpus import StoredFile
    from retrieval.types import Article, Passage, Source

logger = logging.getLogger(__name__)

# Articles parsed per call of spaCy's nlp.pipe (their blocks batched together).
PARSE_BATCH = 64

# A worker is worth forking for this many new articles (forking and sending the passages back
# cost little, but a few articles parse faster than the pipes are set up); and no more workers
# than cores the process may use.
ARTICLES_PER_WORKER = 8

# An article this long (bytes; a long feature is about 40,000) is parsed first and alone, its
# blocks spread over every worker: in a worker of its own it would hold one core while the
# others finished the rest.
BIG_ARTICLE = 200_000

# One article's outcome: its source, attributed passages and their stance analyses by passage
# id; or, for a file that cannot be read, the one-line reason.
Parsed = tuple["Source", list["Passage"], dict[str, dict[str, Any]]]
Outcome = Parsed | str


def usable_cores() -> int:
    """The cores this process may run on (its affinity, where the platform tells)."""
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity is not None else os.cpu_count() or 1


def worker_count(articles: int, big: bool = False) -> int:
    """How many processes parse ``articles`` new articles: one per ``ARTICLES_PER_WORKER``,
    at most one per usable core (every one when one is ``big``, see ``BIG_ARTICLE``); 1 (this
    process) where fork is missing or unsafe: on macOS, and beside other threads (the desk
    rebuilding beside its server, the bot), one of which may hold a lock the child would wait
    on for ever."""
    if sys.platform != "linux" or not _alone():
        return 1
    wanted = usable_cores() if big else articles // ARTICLES_PER_WORKER
    return max(1, min(usable_cores(), wanted))


def _alone() -> bool:
    """Whether this is the main thread and no other thread runs but tqdm's monitor, which
    sentence-transformers starts and which touches tqdm's own bars only."""
    here = threading.current_thread()
    return here is threading.main_thread() and all(
        t is here or type(t).__name__ == "TMonitor" for t in threading.enumerate()
    )


def parse_files(files: list[StoredFile]) -> Iterator[Outcome]:
    """Each file's outcome, in order: read, cleaned, parsed (``PARSE_BATCH`` articles to a
    ``nlp.pipe`` call), chunked, attributed and its stance cues analysed."""
    from retrieval.attribution import parse_articles
    from retrieval.chunk import Chunker
    from retrieval.pipeline import parse_passages
    from retrieval.types import Article

    chunker = Chunker()
    for start in range(0, len(files), PARSE_BATCH):
        read = [_read(stored) for stored in files[start : start + PARSE_BATCH]]
        articles = [a for a in read if isinstance(a, Article)]
        parses = iter(parse_articles([a.text for a in articles]))
        for item in read:
            if isinstance(item, str):
                yield item
                continue
            passages, analyses = parse_passages(item, chunker, next(parses))
            yield item.source, passages, analyses


def parse_all(
    files: list[StoredFile], workers: int, done: Callable[[], None] = lambda: None
) -> list[Outcome]:
    """Every file's outcome, in order, parsed by ``workers`` forked processes (this one alone
    when 1); ``done`` is called as each article is finished (a progress bar's step)."""
    outcomes: dict[int, Outcome] = {}
    if workers > 1:
        from retrieval.nlp import load_spacy

        load_spacy()  # before the fork: the workers share its pages instead of loading it
        big = [i for i, f in enumerate(files) if is_big(f)]
        for position in big:
            if (outcome := _parse_big(files[position], workers)) is not None:
                outcomes[position] = outcome
                done()
        rest = [i for i in range(len(files)) if i not in big]
        for position, outcome in _from_workers([files[i] for i in rest], workers):
            outcomes[rest[position]] = outcome
            done()
    left = [i for i in range(len(files)) if i not in outcomes]
    if left and workers > 1:
        logger.warning("the parse workers left %d articles; parsing them here", len(left))
    for position, outcome in zip(left, parse_files([files[i] for i in left]), strict=True):
        outcomes[position] = outcome
        done()
    return [outcomes[i] for i in range(len(files))]


def shares(sizes: list[int], workers: int) -> list[list[int]]:
    """The positions each worker parses: biggest first to the least loaded, each share in
    corpus order. Example: shares([5, 1, 4, 2], 2) == [[0, 1], [2, 3]]"""
    loads = [0] * workers
    out: list[list[int]] = [[] for _ in range(workers)]
    for position in sorted(range(len(sizes)), key=lambda i: -sizes[i]):
        least = loads.index(min(loads))
        out[least].append(position)
        loads[least] += sizes[position]
    return [sorted(share) for share in out if share]


def _from_workers(files: list[StoredFile], workers: int) -> Iterator[tuple[int, Outcome]]:
    """(position, outcome) of each article a worker sent back, as they come."""
    sizes = [_size(f) for f in files]
    return _forked(shares(sizes, workers), lambda share: parse_files([files[i] for i in share]))


def _forked(
    parts: list[list[int]], work: Callable[[list[int]], Iterable[Any]]
) -> Iterator[tuple[int, Any]]:
    """(position, result) of what each forked worker sends back, as they come: a worker for
    each part (positions), running ``work`` on it (a result per position, in order)."""
    import multiprocessing
    from multiprocessing.connection import wait

    context = multiprocessing.get_context("fork")
    readers: dict[Any, Any] = {}
    for part in parts:
        reader, writer = context.Pipe(duplex=False)
        theirs = [*readers, reader]  # the child closes the read ends: a dead parent's is the last
        process = context.Process(target=_work, args=(work, part, theirs, writer), daemon=True)
        process.start()
        writer.close()  # the child's copy is the only one: its exit ends the parent's reads
        readers[reader] = process
    try:
        while readers:
            ready: list[Any] = wait(list(readers))
            for reader in ready:
                try:
                    message = reader.recv()
                except (EOFError, OSError):  # the worker finished, or died
                    readers.pop(reader).join()
                    reader.close()
                    continue
                yield message
    finally:
        for reader, process in readers.items():  # the caller stopped early: stop them
            process.terminate()
            process.join()
            reader.close()


def _work(
    work: Callable[[list[int]], Iterable[Any]],
    part: list[int],
    readers: list[Connection],
    writer: Connection,
) -> None:
    """In a worker: run ``work`` on the positions of ``part`` and send each (position, result).
    The parent's read ends are closed here first, so that its death breaks this worker's pipe;
    Ctrl-C is the parent's to handle (it stops the workers), not each worker's to report."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for reader in readers:
        reader.close()
    try:
        for position, result in zip(part, work(part), strict=True):
            writer.send((position, result))
    except BrokenPipeError:  # the parent is gone
        pass
    except Exception:  # the parent does what is missing itself, and meets the error there
        logger.debug("a parse worker stopped", exc_info=True)
    finally:
        writer.close()


def _parse_big(stored: StoredFile, workers: int) -> Outcome | None:
    """One long article's outcome, its blocks parsed by spaCy in ``workers`` forked processes
    (in runs of neighbouring blocks of about equal length) and sent back as bytes; None when a
    worker sent back less than its share (the caller parses the article alone)."""
    from spacy.tokens import Doc

    from retrieval.attribution.article import blocks, for_parser
    from retrieval.attribution.finder import parsed_from_docs
    from retrieval.chunk import Chunker
    from retrieval.nlp import load_spacy
    from retrieval.pipeline import parse_passages

    article = _read(stored)
    if isinstance(article, str):
        return article
    nlp = load_spacy()
    spans = blocks(article.text)
    texts = [for_parser(article.text[s:e]) for s, e in spans]
    parsed: dict[int, bytes] = dict(
        _forked(_runs([len(t) for t in texts], workers), lambda run: _parsed_bytes(texts, run))
    )
    if len(parsed) != len(texts):
        return None
    docs = [Doc(nlp.vocab).from_bytes(parsed[i]) for i in range(len(texts))]
    passages, analyses = parse_passages(
        article, Chunker(), parsed_from_docs(article.text, spans, docs)
    )
    return article.source, passages, analyses


def _read(stored: StoredFile) -> Article | str:
    """The file read and cleaned (``ingest.read_article``), or why it is skipped, in a line."""
    from retrieval.ingest import read_article

    try:
        return read_article(stored)
    except BadArticle as err:
        return f"skipping {stored.path.name}: {err}"


def _parsed_bytes(texts: list[str], run: list[int]) -> Iterator[bytes]:
    """In a worker: each block of ``run`` parsed by spaCy, as bytes for the pipe."""
    from retrieval.nlp import load_spacy

    for doc in load_spacy().pipe([texts[i] for i in run]):
        yield doc.to_bytes()


def _runs(sizes: list[int], workers: int) -> list[list[int]]:
    """Positions cut into ``workers`` runs of neighbours of about equal total size.
    Example: _runs([1, 1, 1, 1], 2) == [[0, 1], [2, 3]]"""
    total, filled = sum(sizes), 0
    out: list[list[int]] = []
    current: list[int] = []
    for position, size in enumerate(sizes):
        current.append(position)
        filled += size
        if filled >= total * (len(out) + 1) / workers and len(out) < workers - 1:
            out.append(current)
            current = []
    return [run for run in [*out, current] if run]


def is_big(stored: StoredFile) -> bool:
    """Whether an article is long enough to be parsed across every worker."""
    return _size(stored) >= BIG_ARTICLE


def _size(stored: StoredFile) -> int:
    try:
        return stored.path.stat().st_size
    except OSError:
        return 0
