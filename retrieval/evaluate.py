"""Check answers against questions with what a good answer must contain.

The file format is that of ``shared/eval/README.md``: one JSON object per
line with ``question``, ``answered`` and optional ``must_find``, ``opposed``,
``speakers`` and ``outlets``. Substrings match case-insensitively after
collapsing whitespace and treating curly and straight quotes alike.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from retrieval.errors import StorybotError
from retrieval.types import Answer, Hit

FORBIDDEN = (
    "tiny Fuhrer",
    "Leave a Reply",
    "Liked by",
    "WordPress.com",
    "Advertisement",
    "Akismet",
    "Log Out",
    "play video",
)
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'"})


def normalize(text: str) -> str:
    """Lower case, one space between words, straight quotes."""
    return " ".join(text.translate(_QUOTES).split()).casefold()


@dataclass
class CheckResult:
    """The outcome of one question: each failed check as a line of text."""

    id: str
    question: str
    failures: list[str] = field(default_factory=list)
    checks: int = 0

    @property
    def passed(self) -> bool:
        return not self.failures


def load_questions(path: Path) -> list[dict[str, Any]]:
    """The questions of a JSONL file.

    Raises:
        StorybotError: the file is missing or a line is not a question object.
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise StorybotError(f"{path}: cannot read it ({err.strerror or err})") from err
    questions = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except ValueError as err:
            raise StorybotError(f"{path}:{number}: not JSON ({err})") from err
        if not isinstance(item, dict) or "question" not in item or "answered" not in item:
            raise StorybotError(f"{path}:{number}: needs 'question' and 'answered'")
        item.setdefault("id", f"line {number}")
        questions.append(item)
    return questions


def _holding(hits: Iterable[Hit], needle: str) -> list[Hit]:
    target = normalize(needle)
    return [h for h in hits if target in normalize(h.passage.text)]


def check_answer(item: dict[str, Any], answer: Answer) -> CheckResult:
    """Every check of one question against its answer."""
    result = CheckResult(str(item["id"]), str(item["question"]))

    def check(ok: bool, failure: str) -> None:
        result.checks += 1
        if not ok:
            result.failures.append(failure)

    hits = answer.all_hits()
    check(
        answer.answered == bool(item["answered"]),
        f"answered is {answer.answered}, expected {item['answered']}",
    )
    everything = normalize(" ".join([answer.message] + [h.passage.text for h in hits]))
    for bad in FORBIDDEN:
        check(normalize(bad) not in everything, f"returned forbidden text {bad!r}")
    for want in item.get("must_find", []):
        options = want if isinstance(want, list) else [want]
        check(any(_holding(hits, o) for o in options), f"no passage holds {options}")
    side_of = {h.passage.id: i for i, side in enumerate(answer.sides) for h in side.hits}
    for a, b in item.get("opposed", []):
        sides_a = {side_of.get(h.passage.id) for h in _holding(hits, a)} - {None}
        sides_b = {side_of.get(h.passage.id) for h in _holding(hits, b)} - {None}
        apart = bool(sides_a and sides_b and not sides_a & sides_b)
        check(apart, f"{a!r} and {b!r} are not on different sides")
    for needle, name in item.get("speakers", {}).items():
        holders = _holding(hits, needle)
        ok = bool(holders) and all(
            normalize(name) in normalize(h.passage.speaker or "") for h in holders
        )
        got = sorted({h.passage.speaker or "None" for h in holders})
        check(ok, f"speaker of {needle!r} is {got}, expected {name!r}")
    for needle, outlet in item.get("outlets", {}).items():
        holders = _holding(hits, needle)
        ok = bool(holders) and all(normalize(outlet) in normalize(h.source.outlet) for h in holders)
        check(ok, f"outlet of {needle!r} is not {outlet!r}")
    return result


def run_eval(
    questions: list[dict[str, Any]], ask: Callable[[str], Answer]
) -> list[tuple[CheckResult, Answer]]:
    """Ask every question and check its answer."""
    return [
        (check_answer(item, answer), answer)
        for item in questions
        for answer in [ask(item["question"])]
    ]


_EXCERPT_END = "[stored excerpt ends here]"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class StoryFile:
    """One article of a story folder: its header fields and its body.

    Example: StoryFile(Path("a.txt"), "Reuters", "https://...", "2023-02-09", "English", "...")
    """

    path: Path
    outlet: str
    url: str | None
    published: str | None
    language: str | None
    body: str


def read_story_file(path: Path) -> StoryFile:
    """Parse a story file: ``Outlet:``, ``URL:``, ``Date:``, ``Language:`` lines, ``---``, body.

    A ``Date:`` that does not start with YYYY-MM-DD ("not shown (...)") gives no date; a last
    line ``[stored excerpt ends here]`` is not part of the body.

    Raises:
        StorybotError: the file has no ``---`` line.
    """
    text = path.read_text(encoding="utf-8")
    head, sep, body = text.partition("\n---\n")
    if not sep:
        raise StorybotError(f"{path}: no '---' line between the header and the body")
    fields = {}
    for line in head.splitlines():
        name, _, value = line.partition(":")
        fields[name.strip().lower()] = value.strip()
    lines = body.rstrip("\n").split("\n")
    if lines and lines[-1].strip() == _EXCERPT_END:
        lines = lines[:-1]
    date = _DATE.match(fields.get("date", ""))
    return StoryFile(
        path=path,
        outlet=fields.get("outlet") or "unknown outlet",
        url=fields.get("url") or None,
        published=date.group(0) if date else None,
        language=fields.get("language") or None,
        body="\n".join(lines).rstrip() + "\n",
    )


def story_files(folder: Path) -> list[StoryFile]:
    """The articles of a story folder (``articles/`` then ``distractors/``), in name order."""
    paths = [p for sub in ("articles", "distractors") for p in sorted((folder / sub).glob("*.txt"))]
    if not paths:
        raise StorybotError(f"{folder}: no articles/*.txt or distractors/*.txt")
    return [read_story_file(p) for p in paths]


def build_story_corpus(folder: Path, corpus_dir: Path) -> Path:
    """A corpus in ``corpus_dir`` made from a story folder's files (bodies and headers).

    Each body is added as the file's own name with its outlet, URL and date, the way a user
    would add it with ``storybot add``.
    """
    from retrieval.corpus import Corpus

    corpus = Corpus(corpus_dir)
    staging = corpus_dir.parent / f".{corpus_dir.name}-staging"
    staging.mkdir(parents=True, exist_ok=True)
    for story in story_files(folder):
        body = staging / story.path.name
        body.write_text(story.body, encoding="utf-8")
        corpus.add([body], story.outlet, story.url, story.published, None)
    return corpus_dir
