"""A cold ``storybot ask`` over a built index imports neither torch, sentence-transformers nor
spaCy: the question is embedded by the int8 ONNX model and read without a parser."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import SeedDirs

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("torch", "sentence_transformers", "spacy", "transformers", "sklearn")
_SCRIPT = f"""
import json, sys
from storybot.cli import cli
try:
    cli.main(["ask", "--json", sys.argv[1]], standalone_mode=False)
finally:
    print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))
"""


def _cold_ask(dirs: SeedDirs, question: str) -> tuple[dict[str, object], list[str]]:
    env = {**os.environ, "STORYBOT_CORPUS": str(dirs.corpus), "STORYBOT_INDEX": str(dirs.index)}
    env["PYTHONPATH"] = str(ROOT)
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT, question],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    answer, heavy = done.stdout.strip().splitlines()[-2:]
    return json.loads(answer), json.loads(heavy)


def test_cold_ask_imports_no_torch_nor_spacy(seed_copy: SeedDirs) -> None:
    answer, heavy = _cold_ask(seed_copy, "Did the Kremlin deny the reports?")
    assert heavy == []
    assert answer["answered"] is True and answer["sides"]


def test_cold_ask_says_not_answered_without_them_too(seed_copy: SeedDirs) -> None:
    answer, heavy = _cold_ask(seed_copy, "What is the weather in Lisbon tomorrow?")
    assert heavy == []
    assert answer["answered"] is False
