"""The desk's latency beside its floor, and a cold `ask` through the desk beside the model import.

    .venv/bin/python bench/serve.py [--rounds 3] [--cold 5] [--corpus corpus] [--index DIR]

Starts `python -m storybot serve` on a free port over the seed corpus (its index is built
into a temporary folder unless --index is given), then prints:
- API: GET /api/ask over HTTP for every question of the public eval, median and p95, ms;
  the first ask of each question (its vector not yet cached) and the repeated ones apart;
- floor, in this process on the same index: `Storybot.ask` (what the endpoint calls), and
  one question embedding plus the flat FAISS search alone;
- cold: wall time of a whole `python -m storybot ask --json Q` process with STORYBOT_URL set,
  beside `python -c "import sentence_transformers"`, median of N runs each, same run.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

EVAL = Path("/work/shared/eval/questions.jsonl")


def p95(values: list[float]) -> float:
    """The 95th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered) + 0.5) - 1)]


def row(name: str, values: list[float]) -> str:
    ms = [v * 1000 for v in values]
    return f"  {name:<44} {statistics.median(ms):9.1f} {p95(ms):9.1f} {len(ms):5d}"


def timed(action: object) -> float:
    start = time.perf_counter()
    action()  # type: ignore[operator]
    return time.perf_counter() - start


def free_port() -> int:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


def start_desk(corpus: Path, index: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    command = [sys.executable, "-m", "storybot", "serve", "--port", str(port)]
    command += ["--corpus", str(corpus), "--index", str(index)]
    process = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    while True:
        if process.poll() is not None:
            sys.exit(f"storybot serve exited with status {process.returncode}")
        try:
            urllib.request.urlopen(f"{url}/openapi.json", timeout=5).close()
            return process, url
        except OSError:
            time.sleep(0.2)


def cold_run(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env, capture_output=True, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="repeated passes over the eval")
    parser.add_argument("--cold", type=int, default=5, help="cold process runs of each kind")
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--index", type=Path, help="index folder (default: a temporary one)")
    args = parser.parse_args()
    questions = [json.loads(line)["question"] for line in EVAL.read_text().splitlines() if line]
    scratch = tempfile.TemporaryDirectory(prefix="storybot-bench-")
    index = args.index or Path(scratch.name) / "index"

    from retrieval.embed import Embedder
    from retrieval.service import Storybot

    embedder = Embedder()
    bot = Storybot.open(args.corpus, index, embedder=embedder)  # builds the index if needed
    process, url = start_desk(args.corpus, index)
    try:
        ask = lambda q: urllib.request.urlopen(  # noqa: E731
            f"{url}/api/ask?{urlencode({'q': q})}", timeout=300
        ).read()
        first = [timed(lambda q=q: ask(q)) for q in questions]
        repeated = [timed(lambda q=q: ask(q)) for _ in range(args.rounds) for q in questions]

        env = {**os.environ, "STORYBOT_URL": url}
        via_desk = [sys.executable, "-m", "storybot", "ask", "--json", "Did Xi refuse?"]
        import_st = [sys.executable, "-c", "import sentence_transformers"]
        cold_desk, cold_import = [], []
        for _ in range(args.cold):  # interleaved, so both see the same machine load
            cold_desk.append(cold_run(via_desk, env))
            cold_import.append(cold_run(import_st, env))
    finally:
        process.terminate()
        process.wait(60)

    bot.ask(bot.story)  # an answered question loads what answering loads, as serve does
    floor_first = [timed(lambda q=q: bot.ask(q)) for q in questions]
    floor_repeated = [timed(lambda q=q: bot.ask(q)) for _ in range(args.rounds) for q in questions]
    fresh = Embedder()
    fresh.warm_up()
    search = [
        timed(lambda q=q: bot.index.search(fresh.encode([q]), 6))
        for _ in range(args.rounds + 1)
        for q in questions
    ]

    print(f"machine: {os.cpu_count()} cores; corpus {args.corpus.name}/ ", end="")
    print(f"({len(bot.index.passages)} passages); {len(questions)} eval questions\n")
    print(f"  {'':<44} {'median ms':>9} {'p95 ms':>9} {'n':>5}")
    print(row("GET /api/ask, first ask of each question", first))
    print(row("GET /api/ask, repeated", repeated))
    print(row("floor: Storybot.ask in-process, first", floor_first))
    print(row("floor: Storybot.ask in-process, repeated", floor_repeated))
    print(row("floor: embed the question + flat search", search))
    print()
    desk_s, import_s = statistics.median(cold_desk), statistics.median(cold_import)
    runs = f"(median of {args.cold})"
    print(f"  {'cold `storybot ask --json`, STORYBOT_URL set':<44} {desk_s:8.2f} s {runs}")
    label = 'python -c "import sentence_transformers"'
    print(f"  {label:<44} {import_s:8.2f} s {runs}")
    print(f"  {'ratio':<44} {desk_s / import_s:8.2f}x")
    scratch.cleanup()


if __name__ == "__main__":
    main()
