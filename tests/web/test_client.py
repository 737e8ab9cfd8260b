"""``storybot ask`` through a running desk (STORYBOT_URL), and ``storybot serve`` itself."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from retrieval.errors import BadQuestion
from storybot.cli import cli
from storybot.client import DeskUnreachable, ask_desk
from tests.conftest import SeedDirs
from tests.helpers.files import REPO
from tests.web.conftest import HARBOUR_QUESTION, LiveDesk

# Modules a question asked through the desk must never import (the model and its kin).
HEAVY = ("torch", "sentence_transformers", "transformers", "faiss", "spacy", "fastapi")


def ask(*args: str, url: str | None = None, dirs: SeedDirs | None = None) -> Result:
    """``storybot ask ARGS`` in-process, through the desk at URL or over DIRS."""
    env = {"STORYBOT_URL": url} if url else {}
    where = ["--corpus", str(dirs.corpus), "--index", str(dirs.index)] if dirs else []
    return CliRunner(env=env).invoke(cli, ["ask", *args, *where], catch_exceptions=False)


def closed_port() -> int:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now
    return port


class TestAskThroughTheDesk:
    @pytest.mark.parametrize("question", ["Did Xi refuse?", HARBOUR_QUESTION])
    @pytest.mark.parametrize("flags", [["--json"], [], ["--json", "-k", "2"]])
    def test_same_output_as_in_process(
        self,
        harbour_desk: LiveDesk,
        harbour_dirs: SeedDirs,
        shared_model: object,
        question: str,
        flags: list[str],
    ) -> None:
        remote = ask(*flags, question, url=harbour_desk.url)
        local = ask(*flags, question, dirs=harbour_dirs)
        assert remote.exit_code == local.exit_code == 0, remote.output
        assert remote.stdout == local.stdout and remote.stdout.strip()

    def test_unanswerable_through_the_desk(self, harbour_desk: LiveDesk) -> None:
        result = ask("--json", "What is the weather in Paris today?", url=harbour_desk.url)
        assert result.exit_code == 0
        assert json.loads(result.stdout)["answered"] is False

    @pytest.mark.parametrize("question", ["", "<b>Did Xi refuse?</b>", "x" * 600])
    def test_bad_question_exits_2(self, harbour_desk: LiveDesk, question: str) -> None:
        result = ask("--json", question, url=harbour_desk.url)
        assert result.exit_code == 2 and result.stdout == ""
        assert len(result.stderr.strip().splitlines()) == 1

    def test_the_servers_400_is_a_bad_question(self, harbour_desk: LiveDesk) -> None:
        with pytest.raises(BadQuestion, match="markup"):
            ask_desk(harbour_desk.url, "<b>Did Xi refuse?</b>")

    def test_no_server_is_one_line_and_exit_1(self) -> None:
        url = f"http://127.0.0.1:{closed_port()}"
        result = ask("--json", "Did Xi refuse?", url=url)
        assert result.exit_code == 1 and result.stdout == ""
        assert result.stderr.startswith("Error: cannot reach the storybot server at " + url)
        assert len(result.stderr.strip().splitlines()) == 1

    def test_a_server_that_is_not_the_desk(self, harbour_desk: LiveDesk) -> None:
        with pytest.raises(DeskUnreachable, match="HTTP 404"):
            ask_desk(harbour_desk.url + "/nothing", "Did Xi refuse?")


@dataclass(frozen=True)
class Served:
    """A ``storybot serve`` process: its URL and where its stderr goes."""

    url: str
    log: Path


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory, seed_dirs: SeedDirs) -> Iterator[Served]:
    """``python -m storybot serve`` on a free port over the seed index, as a newcomer runs it."""
    root = tmp_path_factory.mktemp("served")
    log = root / "serve.log"
    port = closed_port()
    command = [sys.executable, "-m", "storybot", "serve", "--port", str(port)]
    command += ["--corpus", str(seed_dirs.corpus), "--index", str(seed_dirs.index)]
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    with log.open("w") as stderr:
        process = subprocess.Popen(command, cwd=REPO, env=env, stderr=stderr)
    url = f"http://127.0.0.1:{port}"
    try:
        while True:  # loading the model takes a while; give up only if the process died
            if process.poll() is not None:
                pytest.fail(f"storybot serve exited {process.returncode}: {log.read_text()}")
            try:
                urllib.request.urlopen(f"{url}/openapi.json", timeout=5).close()
                break
            except OSError:
                time.sleep(0.2)
        yield Served(url, log)
    finally:
        process.terminate()
        process.wait(60)


class TestServeCommand:
    def test_a_cold_ask_imports_no_model(self, served: Served, seed_dirs: SeedDirs) -> None:
        """A real ``storybot ask`` process with STORYBOT_URL: the answer, and no torch."""
        env = {**os.environ, "STORYBOT_URL": served.url}
        command = [sys.executable, "-X", "importtime", "-m", "storybot", "ask", "--json"]
        done = subprocess.run(
            [*command, "Did Xi refuse?"],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert done.returncode == 0, done.stderr[-2000:]
        assert json.loads(done.stdout)["answered"] is True
        imported = {line.split("|")[-1].strip() for line in done.stderr.splitlines()}
        heavy = {name for name in imported if name.split(".")[0] in HEAVY}
        assert not heavy, sorted(heavy)[:10]

    def test_one_log_line_per_request_on_stderr(self, served: Served) -> None:
        urllib.request.urlopen(f"{served.url}/api/sources", timeout=60).close()
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(f"{served.url}/api/quotes?article=nope", timeout=60)
        log = served.log.read_text()
        assert "the desk is at " + served.url in log
        assert re.search(r"^INFO storybot\.web: GET /api/sources 200 \d+\.\d ms$", log, re.M)
        assert re.search(r"^INFO storybot\.web: GET /api/quotes 404 \d+\.\d ms$", log, re.M)
        assert "Traceback" not in log
