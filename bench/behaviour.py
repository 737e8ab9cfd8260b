"""Record what storybot answers, so that a refactoring can be shown to change nothing.

    .venv/bin/python bench/behaviour.py record OUT.jsonl     # every answer and quote, one per line
    .venv/bin/python bench/behaviour.py diff OLD.jsonl NEW.jsonl

``record`` runs the real command line (``ask --json`` and ``quotes --json``, through click's
runner in one process) on:

- the public eval's questions over the seed corpus (``../shared/eval/questions.jsonl``);
- the public development story's questions over a corpus built from its folder
  (``../shared/stories/nordstream_hersh_2023``, read at run time, never copied);
- ``quotes --json`` for the seeds and for our own labelled articles (``tests/data/articles``).

Each line is ``{"key": ..., "output": ...}``; ``diff`` prints every key whose output differs, with
the first differing fields, and exits 1 when any does.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SHARED = ROOT.parent / "shared"
EVAL = SHARED / "eval" / "questions.jsonl"
STORY = SHARED / "stories" / "nordstream_hersh_2023"
LABELLED = ROOT / "tests" / "data" / "articles"


def _run(args: list[str]) -> str:
    from click.testing import CliRunner

    from storybot.cli import cli

    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    if result.exit_code != 0:
        raise SystemExit(f"storybot {' '.join(args)} exited {result.exit_code}: {result.output}")
    return result.stdout


def _questions(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["question"] for line in lines if line.strip()]


def _asks(label: str, questions: list[str], corpus: Path, index: Path) -> list[dict[str, Any]]:
    rows = []
    for question in questions:
        out = _run(["ask", "--json", "--corpus", str(corpus), "--index", str(index), question])
        rows.append({"key": f"ask {label}: {question}", "output": json.loads(out)})
    return rows


def _quotes(label: str, corpus: Path, index: Path) -> list[dict[str, Any]]:
    out = _run(["quotes", "--json", "--corpus", str(corpus), "--index", str(index)])
    records = [json.loads(line) for line in out.splitlines()]
    return [
        {"key": f"quotes {label}: {r['article_id']} {r['start']}", "output": r} for r in records
    ]


def _labelled_corpus(where: Path) -> Path:
    from retrieval.corpus import Corpus

    corpus = Corpus(where / "labelled")
    for path in sorted(LABELLED.glob("*.txt")):
        corpus.add([path], "Labelled", None, None, None)
    return corpus.root


def record(out: Path) -> None:
    """Write every answer and quote of the sets above to ``out``, one JSON object a line."""
    from retrieval.evaluate import build_story_corpus

    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="storybot-behaviour-") as tmp:
        where = Path(tmp)
        seeds = ROOT / "corpus"
        rows += _asks("eval", _questions(EVAL), seeds, where / "seed-index")
        rows += _quotes("seeds", seeds, where / "seed-index")
        story = build_story_corpus(STORY, where / "story")
        rows += _asks("story", _questions(STORY / "questions.jsonl"), story, where / "story-index")
        labelled = _labelled_corpus(where)
        rows += _quotes("labelled", labelled, where / "labelled-index")
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    print(f"{len(rows)} outputs recorded in {out}")


def _fields(old: Any, new: Any, path: str = "") -> list[str]:
    """Where two JSON values differ, as dotted paths (at most a few)."""
    if type(old) is not type(new):
        return [path or "."]
    if isinstance(old, dict):
        keys = sorted(set(old) | set(new))
        return [p for k in keys for p in _fields(old.get(k), new.get(k), f"{path}.{k}")]
    if isinstance(old, list):
        if len(old) != len(new):
            return [f"{path} (length {len(old)} -> {len(new)})"]
        return [
            p
            for i, (a, b) in enumerate(zip(old, new, strict=True))
            for p in _fields(a, b, f"{path}[{i}]")
        ]
    return [] if old == new else [path]


def diff(old_path: Path, new_path: Path) -> int:
    """Print each output that differs between two recordings; the number that differ."""
    load = lambda p: {  # noqa: E731 - a one-line reader
        r["key"]: r["output"] for r in map(json.loads, p.read_text("utf-8").splitlines())
    }
    old, new = load(old_path), load(new_path)
    changed = 0
    for key in sorted(set(old) | set(new)):
        if key not in new or key not in old:
            print(f"{'only before' if key in old else 'only after'}: {key}")
            changed += 1
        elif old[key] != new[key]:
            print(f"differs: {key}: {', '.join(_fields(old[key], new[key])[:6])}")
            changed += 1
    print(f"{len(old)} before, {len(new)} after, {changed} differ")
    return changed


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "record":
        record(Path(argv[1]))
        return 0
    if len(argv) == 3 and argv[0] == "diff":
        return 1 if diff(Path(argv[1]), Path(argv[2])) else 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
