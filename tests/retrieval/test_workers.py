"""New articles parsed in forked worker processes give what one process gives, in corpus
order, and a worker that dies costs no article: the parent parses what it did not send."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import retrieval.workers
from retrieval.corpus import Corpus, StoredFile
from retrieval.workers import Outcome, _runs, parse_all, shares, usable_cores, worker_count
from tests.helpers.files import REPO, TINY_ARTICLES, copy_seed_corpus, write_article


@pytest.fixture
def files(tmp_path: Path) -> list[StoredFile]:
    """The two seed articles, four tiny ones and a file with no text, in corpus order."""
    root = copy_seed_corpus(tmp_path / "corpus")
    for name, text in TINY_ARTICLES.items():
        write_article(root, name, text)
    write_article(root, "blank", "   \n\n  ")
    return Corpus(root).files()


def test_workers_give_what_one_process_gives(files: list[StoredFile]) -> None:
    alone = parse_all(files, 1)
    assert parse_all(files, 2) == alone
    assert parse_all(files, 3) == alone
    skipped = [o for o in alone if isinstance(o, str)]
    assert len(skipped) == 1 and "blank" in skipped[0]
    parsed = [o for o in alone if not isinstance(o, str)]
    assert [source.article_id for source, _, _ in parsed] == [
        f.article_id for f in files if f.article_id != "blank"
    ]
    assert all(
        passages and analyses.keys() == {p.id for p in passages} for _, passages, analyses in parsed
    )


def test_a_worker_that_dies_loses_no_article(
    files: list[StoredFile], monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A worker killed after its first article (as by the kernel's OOM killer): the parent
    parses the articles it never sent, and the outcome is the whole corpus, in order."""
    parent = os.getpid()
    real = retrieval.workers.parse_files

    def dying(share: list[StoredFile]) -> Iterator[Outcome]:
        for count, outcome in enumerate(real(share)):
            if count == 1 and os.getpid() != parent:
                os._exit(9)
            yield outcome

    alone = parse_all(files, 1)
    monkeypatch.setattr(retrieval.workers, "parse_files", dying)
    steps: list[int] = []
    assert parse_all(files, 2, lambda: steps.append(1)) == alone
    assert len(steps) == len(files)  # a progress step for each article, wherever it was parsed
    assert "the parse workers left" in caplog.text


def test_a_long_article_is_parsed_across_the_workers_as_one_process_parses_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An article past ``BIG_ARTICLE`` has its paragraphs parsed in every worker and sent back
    as spaCy's bytes: its passages, speakers and stance cues are the ones one process finds."""
    root = tmp_path / "corpus"
    long = "\n\n".join(
        text.replace("\n\n", f"\n\nIn report {n}, officials spoke.\n\n", 1)
        for n in range(6)
        for text in TINY_ARTICLES.values()
    )
    write_article(root, "long", long)
    write_article(root, "bridge", TINY_ARTICLES["bridge"])
    files = Corpus(root).files()
    monkeypatch.setattr(retrieval.workers, "BIG_ARTICLE", len(long) // 2)
    assert [retrieval.workers.is_big(f) for f in files] == [False, True]
    alone = parse_all(files, 1)
    assert parse_all(files, 2) == alone
    _, passages, _ = alone[1]  # type: ignore[misc]
    assert len(passages) >= 8 and any(p.speaker for p in passages)


def test_runs_cut_neighbours_into_even_parts() -> None:
    assert _runs([1, 1, 1, 1], 2) == [[0, 1], [2, 3]]
    assert _runs([5, 1, 1, 1, 1, 1], 2) == [[0], [1, 2, 3, 4, 5]]
    assert _runs([3], 2) == [[0]]


def test_shares_balance_the_bytes_and_keep_corpus_order() -> None:
    assert shares([5, 1, 4, 2], 2) == [[0, 1], [2, 3]]
    assert shares([9, 1, 1, 1], 2) == [[0], [1, 2, 3]]
    assert shares([3], 4) == [[0]]  # no empty share: no worker forked for nothing


def _count_in_a_new_process(code: str = "") -> int:
    """``worker_count(10_000)`` in a new Python process (no thread another test left running),
    after ``code``."""
    program = f"{code}\nfrom retrieval.workers import worker_count\nprint(worker_count(10_000))"
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    done = subprocess.run(
        [sys.executable, "-c", program], cwd=REPO, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return int(done.stdout.split()[-1])


def test_a_few_articles_are_parsed_in_this_process() -> None:
    assert worker_count(1) == 1
    assert worker_count(7) == 1
    assert _count_in_a_new_process() == (usable_cores() if sys.platform == "linux" else 1)


def test_a_process_running_other_threads_forks_no_worker() -> None:
    """The desk rebuilds on a thread beside its server: a fork there could copy a lock another
    thread holds, so its articles are parsed in the process itself."""
    stop = threading.Event()
    server = threading.Thread(target=stop.wait)
    server.start()
    try:
        assert worker_count(10_000) == 1
    finally:
        stop.set()
        server.join()
    counted: list[int] = []
    rebuild = threading.Thread(target=lambda: counted.append(worker_count(10_000)))
    rebuild.start()
    rebuild.join()
    assert counted == [1]  # a build on a thread of its own, as the desk runs it


@pytest.mark.skipif(sys.platform != "linux", reason="workers are forked on Linux only")
def test_the_model_loaded_first_still_lets_the_workers_fork() -> None:
    """Encoding with sentence-transformers starts tqdm's monitor thread, which holds no lock
    a worker needs: a command that loaded the model first still parses in workers."""
    warm = "from retrieval.embed import Embedder\nEmbedder().encode(['warm up'])"
    assert _count_in_a_new_process(warm) == usable_cores()


def _children(pid: int) -> set[int]:
    """The live processes whose parent is ``pid`` (Linux's /proc)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.add(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(sys.platform != "linux", reason="workers are forked on Linux only")
def test_workers_of_a_killed_ingest_stop(tmp_path: Path) -> None:
    """kill -9 of the parsing process: its workers stop by themselves (their pipe is broken at
    their next article) instead of parsing on, or hanging, as orphans."""
    root = tmp_path / "corpus"
    for copy in range(40):
        for name, text in TINY_ARTICLES.items():
            write_article(
                root, f"{name}_{copy}", text.replace("\n\n", f"\n\nReport {copy}.\n\n", 1)
            )
    code = (
        "import sys; from retrieval.corpus import Corpus; from retrieval.workers import parse_all;"
        "files = Corpus(sys.argv[1]).files(); [parse_all(files, 2) for _ in range(50)]"
    )
    victim = subprocess.Popen([sys.executable, "-c", code, str(root)], cwd=REPO)
    try:
        workers: set[int] = set()
        for _ in range(600):  # until both workers are forked (spaCy loads first)
            workers = _children(victim.pid)
            if len(workers) == 2:
                break
            time.sleep(0.1)
        assert len(workers) == 2
    finally:
        victim.kill()
        victim.wait()
    for _ in range(1200):
        if not any(_alive(pid) for pid in workers):
            break
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in workers)
