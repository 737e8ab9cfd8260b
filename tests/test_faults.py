"""The long fault test: kill -9 at random points of ``add`` and ``index``, with ``add``,
``ask`` and ``index`` running beside them; afterwards nothing ``add`` reported is lost.

Each process is the real command line with the fake embedder (``tests.helpers.fake_cli``),
so a round takes seconds, not the model's ten-second import. The number of kills and the
seed can be set:
``STORYBOT_FAULT_KILLS=200 STORYBOT_FAULT_SEED=7 ./run tests tests/test_faults.py``.
"""

from __future__ import annotations

import json
import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

from retrieval.corpus import Corpus
from retrieval.index import PassageIndex
from retrieval.pipeline import index_status
from tests.helpers.fakes import FakeEmbedder
from tests.helpers.files import REPO, TINY_ARTICLES

KILLS = int(os.environ.get("STORYBOT_FAULT_KILLS", "20"))
SEED = int(os.environ.get("STORYBOT_FAULT_SEED", str(time.time_ns() % 10**6)))
OUTLET = "Fault Gazette"
_ADDED = re.compile(r"^(?P<source>.+): added as (?P<name>\S+)$")
_ALREADY = re.compile(r"^(?P<source>.+): already in the corpus, not added again$")


def _start(*args: str | Path) -> subprocess.Popen[str]:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    env["PYTHONPATH"] = str(REPO)
    env["PYTHONUNBUFFERED"] = "1"  # a line printed before the kill is a line the user saw
    return subprocess.Popen(
        [sys.executable, "-m", "tests.helpers.fake_cli", *map(str, args)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


class _Articles:
    """Distinct small articles, written to an input folder as they are needed."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir()
        self.count = 0
        self.bytes: dict[str, bytes] = {}  # input path -> its bytes

    def new(self) -> Path:
        self.count += 1
        base = list(TINY_ARTICLES.values())[self.count % len(TINY_ARTICLES)]
        text = base.replace("\n\n", f"\n\nIn report {self.count}, officials spoke.\n\n", 1)
        path = self.folder / f"article_{self.count:03d}.txt"
        path.write_text(text, encoding="utf-8")
        self.bytes[str(path)] = path.read_bytes()
        return path


def _reported(out: str, articles: _Articles, reported: dict[str, bytes]) -> None:
    """Record every article an ``add`` said it added (or already had)."""
    for line in out.splitlines():
        added, already = _ADDED.match(line), _ALREADY.match(line)
        if added:
            reported[added["name"]] = articles.bytes[added["source"]]
        elif already:
            reported[f"already:{already['source']}"] = articles.bytes[already["source"]]


def test_kill_9_at_random_points_loses_nothing(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    note = f"(STORYBOT_FAULT_SEED={SEED})"
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    where = ["--corpus", corpus, "--index", index]
    articles = _Articles(tmp_path / "input")
    reported: dict[str, bytes] = {}

    first = _start("add", *where, "--outlet", OUTLET, articles.new(), articles.new())
    out, err = first.communicate(timeout=120)
    assert first.returncode == 0, err
    _reported(out, articles, reported)

    kills = rounds = 0
    while kills < KILLS:
        rounds += 1
        assert rounds <= 4 * KILLS, f"only {kills} kills in {rounds} rounds {note}"
        victim_kind = "add" if rounds % 2 else "index"
        if victim_kind == "add":
            files = [articles.new() for _ in range(rng.randint(1, 4))]
            # Sometimes a file added once already: it must never be lost or doubled.
            if articles.count > 4 and rng.random() < 0.3:
                files.append(Path(rng.choice(sorted(articles.bytes))))
            victim = _start("add", *where, "--outlet", OUTLET, *files)
            delay = rng.uniform(0.0, 0.4)
        else:
            victim = _start("index", *where, *(["--rebuild"] if rng.random() < 0.5 else []))
            delay = rng.uniform(0.0, 3.0)
        companions = [("add", _start("add", *where, "--outlet", OUTLET, articles.new()))]
        if victim_kind == "index" or rng.random() < 0.3:
            companions.append(("ask", _start("ask", "--json", *where, "Did the union strike?")))
        if rng.random() < 0.3:
            companions.append(("index", _start("index", *where)))

        time.sleep(delay)
        if victim.poll() is None:
            victim.send_signal(signal.SIGKILL)
            kills += 1
        out, _ = victim.communicate(timeout=120)
        if victim_kind == "add":
            _reported(out, articles, reported)  # what it said before it died counts too
        for kind, process in companions:
            out, err = process.communicate(timeout=300)
            assert process.returncode == 0, f"{kind} failed {note}: {err[-2000:]}"
            assert "Traceback" not in err, err
            if kind == "add":
                _reported(out, articles, reported)
            elif kind == "ask":
                assert json.loads(out)["question"] == "Did the union strike?"

    # Every article add reported is there, byte for byte, with its metadata.
    stored = {f.path.name: f for f in Corpus(corpus).files()}
    lost = [n for n in reported if not n.startswith("already:") and n not in stored]
    assert not lost, f"{len(lost)} articles lost after {kills} kills {note}: {lost}"
    present = {f.path.read_bytes() for f in stored.values()}
    assert all(data in present for data in reported.values()), note
    for name, data in reported.items():
        if not name.startswith("already:"):
            assert stored[name].path.read_bytes() == data, name
    # Nothing half-written is listed: every article is one of the inputs, with its outlet.
    inputs = set(articles.bytes.values())
    for name, stored_file in stored.items():
        assert stored_file.path.read_bytes() in inputs, f"{name} is not an input {note}"
        assert stored_file.meta["outlet"] == OUTLET, f"{name} has no metadata {note}"
    assert len(present) == len(stored), f"an article was stored twice {note}"

    # ask works, and leaves an index that is whole and fresh for the corpus as it is.
    final = _start("ask", "--json", *where, "Did the union strike?")
    out, err = final.communicate(timeout=300)
    assert final.returncode == 0, err
    json.loads(out)
    built = PassageIndex.load(index)
    assert set(built.sources) == {f.article_id for f in Corpus(corpus).files()}
    assert index_status(Corpus(corpus), index, FakeEmbedder().name).state == "fresh"
    print(f"fault test: {kills} kills in {rounds} rounds, {len(reported)} adds reported, 0 lost")
