"""Check answers against questions with what a good answer must contain.

The file format is that of ``shared/eval/README.md``: one JSON object per
line with ``question``, ``answered`` and optional ``must_find``, ``opposed``,
``speakers`` and ``outlets``. Substrings match case-insensitively after
collapsing whitespace and treating curly and straight quotes alike.
"""

from __future__ import annotations

import hashlib
import json
import re
import tempfile
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


# The kinds of check, in the order totals are printed.
CHECK_KINDS = (
    "answered",
    "forbidden",
    "must_find",
    "must_not_find",
    "opposed",
    "speakers",
    "outlets",
    "duplicates",
    "off_topic",
)


@dataclass
class CheckResult:
    """The outcome of one question: each failed check as a line of text, counted by kind."""

    id: str
    question: str
    failures: list[str] = field(default_factory=list)
    checks: int = 0
    # kind -> [passed, run]
    by_kind: dict[str, list[int]] = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        return not self.failures

    def check(self, kind: str, ok: bool, failure: str) -> None:
        """Count one check of ``kind``; a failed one is kept as ``failure``."""
        counts = self.by_kind.setdefault(kind, [0, 0])
        counts[1] += 1
        self.checks += 1
        if ok:
            counts[0] += 1
        else:
            self.failures.append(failure)


def totals_by_kind(results: Iterable[CheckResult]) -> dict[str, tuple[int, int]]:
    """Passed and run checks of each kind over many questions (kinds never run are left out)."""
    totals: dict[str, list[int]] = {}
    for result in results:
        for kind, (passed, run) in result.by_kind.items():
            counts = totals.setdefault(kind, [0, 0])
            counts[0] += passed
            counts[1] += run
    return {k: (totals[k][0], totals[k][1]) for k in CHECK_KINDS if k in totals}


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


def _options(want: str | list[str]) -> list[str]:
    """An item that is a list is satisfied by any one of its strings."""
    return want if isinstance(want, list) else [want]


def _holding(hits: Iterable[Hit], want: str | list[str]) -> list[Hit]:
    targets = [normalize(o) for o in _options(want)]
    return [h for h in hits if any(t in normalize(h.passage.text) for t in targets)]


def _located(text: str, needle: str) -> tuple[int, int] | None:
    """Where ``needle`` is in ``text`` (as ``normalize`` matches it), or None."""
    words = normalize(needle).split()
    if not words:
        return None
    pattern = r"\s+".join(re.escape(w) for w in words)
    m = re.search(pattern, text.translate(_QUOTES), re.IGNORECASE)
    return m.span() if m else None


def speaker_of_words(hit: Hit, needle: str | list[str]) -> str | None:
    """Who the answer shows speaking the words ``needle``: the speakers of the passage's
    claims that hold them ("; " between two) when the passage lists its claims (words in none
    of them are narration: None), else the passage's speaker."""
    passage = hit.passage
    listed = passage.claims_apart()
    if not listed:
        return passage.speaker
    for option in _options(needle):
        at = _located(passage.text, option)
        if at is None:
            continue
        start, end = passage.start + at[0], passage.start + at[1]
        names = [c.speaker for c in listed if min(c.end, end) > max(c.start, start)]
        return "; ".join(dict.fromkeys(names)) or None
    return passage.speaker


def _on_sides(answer: Answer, sides: set[int | None], holders: list[Hit]) -> str:
    """Where the passages holding one group of an opposed pair are: which sides, or the
    context, or nowhere (for the failure message)."""
    if not holders:
        return "not shown"
    names = sorted(answer.sides[i].stance.value for i in sides if i is not None)
    return "on " + ("+".join(names) if names else "the context")


def copied_pairs(hits: list[Hit]) -> list[tuple[Hit, Hit]]:
    """The pairs of shown passages that say the same words (``retrieval/copies.py``'s test)."""
    from retrieval.copies import is_copy, shingles

    runs = [shingles(h.passage.text) for h in hits]
    return [
        (hits[i], hits[j])
        for i in range(len(hits))
        for j in range(i + 1, len(hits))
        if is_copy(runs[i], runs[j])
    ]


def check_answer(
    item: dict[str, Any], answer: Answer, off_topic: frozenset[str] = frozenset()
) -> CheckResult:
    """Every check of one question against its answer.

    Besides the item's own checks, every answer is checked for the same words shown twice
    (``duplicates``) and, when ``off_topic`` names articles (by URL) that are about other
    stories, for passages from them (``off_topic``).
    """
    result = CheckResult(str(item["id"]), str(item["question"]))
    check = result.check
    hits = answer.all_hits()
    check(
        "answered",
        answer.answered == bool(item["answered"]),
        f"answered is {answer.answered}, expected {item['answered']}",
    )
    everything = normalize(" ".join([answer.message] + [h.passage.text for h in hits]))
    for bad in FORBIDDEN:
        check("forbidden", normalize(bad) not in everything, f"returned forbidden text {bad!r}")
    for want in item.get("must_find", []):
        check("must_find", bool(_holding(hits, want)), f"no passage holds {_options(want)}")
    for unwanted in item.get("must_not_find", []):
        check("must_not_find", not _holding(hits, unwanted), f"a passage holds {unwanted!r}")
    side_of = {h.passage.id: i for i, side in enumerate(answer.sides) for h in side.hits}
    for a, b in item.get("opposed", []):
        sides_a = {side_of.get(h.passage.id) for h in _holding(hits, a)} - {None}
        sides_b = {side_of.get(h.passage.id) for h in _holding(hits, b)} - {None}
        apart = bool(sides_a and sides_b and not sides_a & sides_b)
        where = ", ".join(
            _on_sides(answer, found, _holding(hits, group))
            for found, group in ((sides_a, a), (sides_b, b))
        )
        check("opposed", apart, f"{a!r} and {b!r} are not on different sides ({where})")
    for needle, name in item.get("speakers", {}).items():
        holders = _holding(hits, needle)
        names = [normalize(n) for n in _options(name)]
        said = [speaker_of_words(h, needle) for h in holders]
        ok = bool(holders) and all(any(n in normalize(s or "") for n in names) for s in said)
        got = sorted({s or "None" for s in said})
        check("speakers", ok, f"speaker of {needle!r} is {got}, expected {name!r}")
    for needle, outlet in item.get("outlets", {}).items():
        holders = _holding(hits, needle)
        ok = bool(holders) and all(normalize(outlet) in normalize(h.source.outlet) for h in holders)
        check("outlets", ok, f"outlet of {needle!r} is not {outlet!r}")
    if answer.answered:
        pairs = copied_pairs(hits)
        shown = "; ".join(f"{a.source.outlet} / {b.source.outlet}" for a, b in pairs[:3])
        check("duplicates", not pairs, f"{len(pairs)} passages copy another shown ({shown})")
        if off_topic:
            stray = [h for h in hits if h.source.url in off_topic]
            outlets = ", ".join(sorted({h.source.outlet for h in stray}))
            check("off_topic", not stray, f"{len(stray)} passages from off-topic {outlets}")
    return result


def run_eval(
    questions: list[dict[str, Any]],
    ask: Callable[[str], Answer],
    off_topic: frozenset[str] = frozenset(),
) -> list[tuple[CheckResult, Answer]]:
    """Ask every question and check its answer (``off_topic``: see ``check_answer``)."""
    return [
        (check_answer(item, answer, off_topic), answer)
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

    Each body is added under the file's own name with its outlet, URL and date, the way a user
    would add it with ``storybot add``.
    """
    from retrieval.corpus import Corpus

    corpus = Corpus(corpus_dir)
    with tempfile.TemporaryDirectory(prefix="storybot-story-") as staging:
        for story in story_files(folder):
            body = Path(staging) / story.path.name
            body.write_text(story.body, encoding="utf-8")
            corpus.add([body], story.outlet, story.url, story.published, None)
    return corpus_dir


def off_topic_urls(folder: Path) -> frozenset[str]:
    """The URLs of a story folder's distractors: articles about other stories."""
    return frozenset(
        s.url for s in story_files(folder) if s.url and s.path.parent.name == "distractors"
    )


def story_digest(folder: Path) -> str:
    """A checksum of a story folder's article files (names and bytes)."""
    digest = hashlib.sha256()
    for story in story_files(folder):
        digest.update(story.path.relative_to(folder).as_posix().encode() + b"\0")
        digest.update(story.path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def cached_story_corpus(folder: Path, cache_root: Path) -> tuple[Path, Path]:
    """The corpus and index folders for a story folder, built once per checksum in ``cache_root``.

    The corpus is built aside and renamed into place, so an interrupted build is never reused.
    """
    home = cache_root / f"{folder.resolve().name}-{story_digest(folder)}"
    corpus_dir = home / "corpus"
    if not corpus_dir.is_dir():
        home.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=".corpus-", dir=home) as aside:
            built = build_story_corpus(folder, Path(aside) / "corpus")
            built.rename(corpus_dir)
    return corpus_dir, home / "index"
