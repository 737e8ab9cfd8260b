"""New articles read, cleaned, parsed and attributed in forked worker processes.

spaCy and the attribution rules run in one core of a process (most of an ingest before the
passages are embedded); on a machine with more cores, forked workers each take a share of the
new articles, biggest first to the least loaded, and send each article's outcome back as it is
done. Forked after spaCy is loaded, they share the parent's model pages and load nothing.

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
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from retrieval.errors import BadArticle

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from retrieval.corpus import StoredFile
    from retrieval.types import Passage, Source

logger = logging.getLogger(__name__)

# Articles parsed per call of spaCy's nlp.pipe (their blocks batched together).
PARSE_BATCH = 64

# A worker is worth forking for this many new articles (forking and sending the passages back
# cost little, but a few articles parse faster than the pipes are set up); and no more workers
# than cores the process may use.
ARTICLES_PER_WORKER = 8

# One article's outcome: its source, attributed passages and their stance analyses by passage
# id; or, for a file that cannot be read, the one-line reason.
Parsed = tuple["Source", list["Passage"], dict[str, dict[str, Any]]]
Outcome = Parsed | str


def usable_cores() -> int:
    """The cores this process may run on (its affinity, where the platform tells)."""
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity is not None else os.cpu_count() or 1


def worker_count(articles: int) -> int:
    """How many processes parse ``articles`` new articles: one per ``ARTICLES_PER_WORKER``,
    at most one per usable core; 1 (this process) where fork is missing or unsafe: on macOS,
    and beside other threads (the desk rebuilding beside its server, the bot), one of which may
    hold a lock the child would wait on for ever."""
    if sys.platform != "linux" or not _alone():
        return 1
    return max(1, min(usable_cores(), articles // ARTICLES_PER_WORKER))


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
    from retrieval.ingest import read_article
    from retrieval.pipeline import parse_passages
    from retrieval.types import Article

    chunker = Chunker()
    for start in range(0, len(files), PARSE_BATCH):
        read: list[Article | str] = []
        for stored in files[start : start + PARSE_BATCH]:
            try:
                read.append(read_article(stored))
            except BadArticle as err:
                read.append(f"skipping {stored.path.name}: {err}")
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
        for position, outcome in _from_workers(files, workers):
            outcomes[position] = outcome
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
    import multiprocessing
    from multiprocessing.connection import wait

    context = multiprocessing.get_context("fork")
    readers: dict[Any, Any] = {}
    for share in shares([_size(f) for f in files], workers):
        reader, writer = context.Pipe(duplex=False)
        theirs = [*readers, reader]  # the child closes the read ends: a dead parent's is the last
        process = context.Process(target=_work, args=(files, share, theirs, writer), daemon=True)
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
    files: list[StoredFile], share: list[int], readers: list[Connection], writer: Connection
) -> None:
    """In a worker: parse the files at ``share`` and send each (position, outcome). The
    parent's read ends are closed here first, so that its death breaks this worker's pipe;
    Ctrl-C is the parent's to handle (it stops the workers), not each worker's to report."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for reader in readers:
        reader.close()
    try:
        for position, outcome in zip(share, parse_files([files[i] for i in share]), strict=True):
            writer.send((position, outcome))
    except BrokenPipeError:  # the parent is gone
        pass
    except Exception:  # the parent parses what is missing itself, and meets the error there
        logger.debug("a parse worker stopped", exc_info=True)
    finally:
        writer.close()


def _size(stored: StoredFile) -> int:
    try:
        return stored.path.stat().st_size
    except OSError:
        return 0
