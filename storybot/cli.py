"""The ``storybot`` command line: thin commands over ``retrieval``.

Commands that need no model (``add``, ``sources``, ``--help``) never import
sentence-transformers, which takes about ten seconds to import.
"""

from __future__ import annotations

import json
import logging
import os
import shlex
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from retrieval.errors import (
    BadArticle,
    BadQuestion,
    BadStory,
    IndexFolderRefused,
    StorybotError,
)

if TYPE_CHECKING:
    from retrieval.index import PassageIndex

logger = logging.getLogger("storybot")


class BadInput(click.ClickException):
    """Bad input from the user: one line on stderr, exit status 2, nothing changed."""

    exit_code = 2


def _notify(message: str) -> None:
    click.echo(f"storybot: {message}", err=True)


def _ready_index(
    corpus_dir: Path | None, index_dir: Path | None, rebuild: bool = False
) -> PassageIndex:
    """The index of the corpus, built or brought up to date first when it must be (the model
    loads only then, as for ask)."""
    from retrieval.corpus import Corpus
    from retrieval.embed import Embedder
    from retrieval.service import default_dirs, ensure_index

    corpus_path, index_path = default_dirs(corpus_dir, index_dir)
    return ensure_index(Corpus(corpus_path), index_path, Embedder(), _notify, force=rebuild)


def location_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """--corpus and --index, shared by every command."""
    command = click.option(
        "--index",
        "index_dir",
        envvar="STORYBOT_INDEX",
        type=click.Path(file_okay=False, path_type=Path),
        help="Index folder (default: index/ beside the corpus, or CORPUS/.index with --corpus).",
    )(command)
    command = click.option(
        "--corpus",
        "corpus_dir",
        envvar="STORYBOT_CORPUS",
        type=click.Path(file_okay=False, path_type=Path),
        help="Corpus folder (default: corpus/ of the repository, else of $STORYBOT_HOME or here).",
    )(command)
    return command


# The article metadata ``add`` takes and ``edit`` changes: (flag, metavar, help).
METADATA_OPTIONS = (
    ("--outlet", None, "Who published the article(s), e.g. 'Reuters'."),
    ("--url", None, "Where the article was published (one article only)."),
    ("--published", "YYYY-MM-DD", "Publication date."),
    ("--title", None, "The article's headline (one article only)."),
    ("--language", "TAG", "The article's language, e.g. 'en'."),
)


def metadata_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """--outlet, --url, --published, --title and --language, shared by ``add`` and ``edit``."""
    for flag, metavar, text in reversed(METADATA_OPTIONS):
        command = click.option(flag, metavar=metavar, help=text)(command)
    return command


def reports_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn storybot's errors into one clear line instead of a traceback."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (BadQuestion, BadArticle, BadStory, IndexFolderRefused) as err:
            raise BadInput(one_line(str(err))) from err
        except StorybotError as err:
            raise click.ClickException(one_line(str(err))) from err
        except BrokenPipeError:
            # the reader stopped reading (`storybot sources | head`): nothing went wrong here
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(0)
        except OSError as err:
            raise click.ClickException(one_line(os_error_line(err))) from err

    return wrapper


def one_line(message: str) -> str:
    """A message as one printable line: no line breaks, escape codes or undecodable bytes."""
    from storybot.render import terminal_safe

    return " ".join(terminal_safe(shown_path(message)).split())


def shown_path(path: object) -> str:
    """A path as text that can always be printed (bytes that are not UTF-8 replaced)."""
    return str(path).encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def os_error_line(err: OSError) -> str:
    """An operating-system error as one line that names the path: "PATH: Permission denied"."""
    reason = err.strerror or err.__class__.__name__
    paths = [shown_path(p) for p in (err.filename, err.filename2) if p is not None]
    if not paths:
        return f"{reason} ({err})"
    return f"{' -> '.join(paths)}: {reason}"


def _open(corpus_dir: Path | None, index_dir: Path | None) -> Any:
    from retrieval.service import Storybot

    return Storybot.open(corpus_dir, index_dir, notify=_notify)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="storybot")
@click.option("-v", "--verbose", count=True, help="More log lines on stderr (-vv for debug).")
def cli(verbose: int) -> None:
    """Answer questions about a news story from the articles that cover it.

    Every answer shows the sides of a contested claim, each passage quoted with
    who said it and the outlet that published it.

    \b
        storybot ask "Did Xi refuse Putin's invitation?"
        storybot ask --json "What did the Kremlin say?" | jq .sides
    """
    level = [logging.WARNING, logging.INFO, logging.DEBUG][min(verbose, 2)]
    logging.basicConfig(
        level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr
    )
    for noisy in ("httpx", "faiss.loader", "sentence_transformers", "bm25s"):
        logging.getLogger(noisy).setLevel(max(level, logging.WARNING))


NOT_ANSWERED_EXIT = 3  # ask --strict: the corpus does not answer (0 ok, 1 error, 2 bad input)


@cli.command()
@click.argument("question", nargs=-1)
@click.option("json_", "--json", is_flag=True, help="Print one JSON object on stdout.")
@click.option(
    "-k",
    "--top",
    "k",
    default=6,
    show_default=True,
    type=click.IntRange(1, 50),
    help=(
        "How many passages answer the question; the other side's, looked for apart, and a "
        "speaker's further words beside a passage come on top."
    ),
)
@click.option(
    "--batch",
    type=click.Path(path_type=Path, dir_okay=False, allow_dash=True),
    help="Answer every question of a JSON lines file (- for stdin): one JSON line out each.",
)
@click.option(
    "--strict", is_flag=True, help=f"Exit {NOT_ANSWERED_EXIT} when the corpus does not answer."
)
@click.option(
    "--server",
    "server_url",
    envvar="STORYBOT_URL",
    metavar="URL",
    help="Ask the `storybot serve` running at URL (or $STORYBOT_URL) instead of loading the model.",
)
@location_options
@reports_errors
def ask(
    question: tuple[str, ...],
    json_: bool,
    k: int,
    batch: Path | None,
    strict: bool,
    server_url: str | None,
    corpus_dir: Path | None,
    index_dir: Path | None,
) -> None:
    """Answer QUESTION from the corpus, side by side (- reads it from stdin)."""
    from retrieval.question import check_question
    from storybot.render import render_answer, terminal_width, use_color

    if batch is not None:
        if question:
            raise click.UsageError("give a QUESTION or --batch FILE, not both")
        _ask_batch(batch, k, strict, server_url, corpus_dir, index_dir)
        return
    if not question:
        raise click.UsageError("give a QUESTION (or - to read it from stdin, or --batch FILE)")
    words = " ".join(question)
    if question == ("-",):
        words = sys.stdin.read()
    text = check_question(words)  # before loading anything: bad input is cheap
    answer = _answerer(server_url, corpus_dir, index_dir)(text, k)
    if json_:
        click.echo(json.dumps(answer.to_dict(), ensure_ascii=False))
    else:
        out = sys.stdout
        width, color = terminal_width(out), use_color(out)
        click.echo(render_answer(answer, width, color), color=color)
    if strict and not answer.answered:
        sys.exit(NOT_ANSWERED_EXIT)


def _answerer(
    server_url: str | None, corpus_dir: Path | None, index_dir: Path | None
) -> Callable[[str, int], Any]:
    """Answers through the desk at ``server_url`` (no model loaded here), else locally."""
    from retrieval.types import Answer

    if server_url:
        from storybot.client import ask_desk

        return lambda text, k: Answer.from_dict(ask_desk(server_url, text, k))
    bot = _open(corpus_dir, index_dir)
    return lambda text, k: bot.ask(text, k=k)


def _ask_batch(
    batch: Path,
    k: int,
    strict: bool,
    server_url: str | None,
    corpus_dir: Path | None,
    index_dir: Path | None,
) -> None:
    """One JSON line per question: what ``ask --json`` prints, or ``{"question", "error"}``.

    A line is a JSON object with "question" (and "id", carried to the output, and "k"), or a
    JSON string. Exit 2 when a line was bad, else 3 with --strict when one was not answered.
    """
    from retrieval.question import check_question

    if str(batch) == "-":
        lines = sys.stdin.read().splitlines()
    else:
        try:
            lines = batch.read_text(encoding="utf-8").splitlines()
        except UnicodeDecodeError as err:
            raise BadInput(f"{batch}: not UTF-8 text") from err
    answer_with: Callable[[str, int], Any] | None = None
    bad = unanswered = False
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        record: dict[str, Any] = {}
        try:
            parsed = json.loads(line)
            record = parsed if isinstance(parsed, dict) else {"question": parsed}
            text = check_question(record.get("question"))
            top = record.get("k", k)
            if not isinstance(top, int) or isinstance(top, bool) or not 1 <= top <= 50:
                raise BadQuestion(f"k must be a whole number from 1 to 50, got {top!r}")
        except (ValueError, BadQuestion) as err:
            bad = True
            out: dict[str, Any] = {"question": record.get("question"), "error": one_line(str(err))}
            out = {**({"id": record["id"]} if "id" in record else {}), **out, "line": number}
            click.echo(json.dumps(out, ensure_ascii=False))
            continue
        answer_with = answer_with or _answerer(server_url, corpus_dir, index_dir)
        answer = answer_with(text, top)
        unanswered = unanswered or not answer.answered
        ident = {"id": record["id"]} if "id" in record else {}
        click.echo(json.dumps({**ident, **answer.to_dict()}, ensure_ascii=False))
    if bad:
        sys.exit(2)
    if strict and unanswered:
        sys.exit(NOT_ANSWERED_EXIT)


@cli.command()
@click.argument("inputs", nargs=-1, metavar="[FILE|FOLDER|URL|-]...")
@click.option(
    "--feed", "feeds", multiple=True, metavar="URL", help="An RSS or Atom feed: every item's page."
)
@click.option(
    "--manifest",
    "manifests",
    multiple=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="A CSV or JSON lines file: path or url, outlet, url, published, title, language.",
)
@metadata_options
@location_options
@reports_errors
def add(
    inputs: tuple[str, ...],
    feeds: tuple[str, ...],
    manifests: tuple[Path, ...],
    outlet: str | None,
    url: str | None,
    published: str | None,
    title: str | None,
    language: str | None,
    corpus_dir: Path | None,
    index_dir: Path | None,
) -> None:
    """Add articles to the corpus, byte for byte: files, folders (their .txt, .html and
    .htm files), web pages by URL, - for stdin, feeds and manifests.

    Outlet, title, date and language come from the page itself when not given. Each bad
    input is one line on stderr and does not stop the others; the exit status is 2 when
    any input was refused, 1 when one could not be fetched or read, else 0.
    """
    from retrieval.corpus import Corpus
    from retrieval.ingest import check_article
    from retrieval.intake import Intake, Outcome, gather
    from retrieval.service import default_dirs

    if not (inputs or feeds or manifests):
        raise click.UsageError("give a FILE, FOLDER, URL or -, or --feed URL or --manifest FILE")
    given = {"outlet": outlet, "url": url, "published": published, "title": title}
    intake = Intake(
        Corpus(default_dirs(corpus_dir, index_dir)[0]),
        {**given, "language": language},
        check=check_article,
        stdin=_read_stdin,
    )  # the values given are checked here, before anything is read
    items, failed = gather(inputs, feeds, manifests)
    count = len(items) + len(failed)
    if (title or url) and count > 1:
        raise BadInput(f"{'--title' if title else '--url'} names one article; {count} inputs given")

    def report(outcome: Outcome) -> None:
        shown = one_line(outcome.item.where)
        if outcome.error:
            click.echo(f"Error: {one_line(outcome.error)}", err=True)
        elif outcome.stored is None:
            click.echo(f"{shown}: already in the corpus, not added again")
        else:
            click.echo(f"{shown}: added as {outcome.stored.path.name}")

    for outcome in failed:
        report(outcome)
    progress = sys.stderr.isatty() and len(items) > 1
    outcomes = failed + intake.run(items, report, progress=progress)
    if any(o.stored for o in outcomes):
        where = "".join(
            f" {flag} {shlex.quote(str(value))}"
            for flag, value in (("--corpus", corpus_dir), ("--index", index_dir))
            if value
        )
        click.echo(f"run `storybot index{where}` (or just ask) to index the new articles", err=True)
    status = max((o.status for o in outcomes), default=0)
    if status:
        sys.exit(status)


@cli.command()
@location_options
@reports_errors
def init(corpus_dir: Path | None, index_dir: Path | None) -> None:
    """Create the corpus and index folders: ./corpus and ./index of this folder (or of
    $STORYBOT_HOME) when storybot is installed, the repository's in its checkout."""
    from retrieval.service import default_dirs, init_dirs

    for path, new in init_dirs(*default_dirs(corpus_dir, index_dir)):
        click.echo(f"{one_line(str(path))}: {'created' if new else 'already there'}")
    click.echo("next: storybot add FILE|FOLDER|URL, then storybot ask QUESTION", err=True)


@cli.command()
@click.argument("articles", nargs=-1, required=True)
@location_options
@reports_errors
def remove(articles: tuple[str, ...], corpus_dir: Path | None, index_dir: Path | None) -> None:
    """Remove ARTICLES (ids or file names, as `sources` lists them, or the names they were
    added under) and their metadata.

    All are looked up first: an unknown one is an error and nothing is removed.
    """
    from retrieval.corpus import Corpus
    from retrieval.service import default_dirs

    for stored in Corpus(default_dirs(corpus_dir, index_dir)[0]).remove(list(articles)):
        click.echo(f"removed {one_line(stored.path.name)}")


@cli.command()
@click.argument("article")
@metadata_options
@location_options
@reports_errors
def edit(
    article: str,
    outlet: str | None,
    url: str | None,
    published: str | None,
    title: str | None,
    language: str | None,
    corpus_dir: Path | None,
    index_dir: Path | None,
) -> None:
    """Change ARTICLE's metadata; its bytes never change. The index notices at the next ask."""
    from retrieval.corpus import Corpus
    from retrieval.service import default_dirs

    changes = {"outlet": outlet, "url": url, "published": published, "title": title}
    changes["language"] = language
    if not any(changes.values()):
        raise click.UsageError(
            "give at least one of " + ", ".join(flag for flag, _, _ in METADATA_OPTIONS)
        )
    stored = Corpus(default_dirs(corpus_dir, index_dir)[0]).edit(article, changes)
    shown = ", ".join(f"{k} {stored.meta.get(k)!r}" for k, v in changes.items() if v)
    click.echo(one_line(f"{stored.path.name}: {shown}"))


def _read_stdin() -> bytes:
    return sys.stdin.buffer.read()


@cli.command()
@click.option("--rebuild", is_flag=True, help="Rebuild even when the index is up to date.")
@location_options
@reports_errors
def index(rebuild: bool, corpus_dir: Path | None, index_dir: Path | None) -> None:
    """Build or update the index; only new or changed articles are embedded."""
    built = _ready_index(corpus_dir, index_dir, rebuild)
    click.echo(f"index ready: {len(built.passages)} passages from {len(built.sources)} articles")


@cli.command()
@click.option("json_", "--json", is_flag=True, help="One JSON object per article per line.")
@location_options
@reports_errors
def sources(json_: bool, corpus_dir: Path | None, index_dir: Path | None) -> None:
    """List the articles: outlet, date, title and number of passages."""
    from retrieval.corpus import Corpus
    from retrieval.index import PassageIndex
    from retrieval.ingest import read_article
    from retrieval.service import default_dirs

    corpus_path, index_path = default_dirs(corpus_dir, index_dir)
    counts: dict[str, int] = {}
    try:
        for passage in PassageIndex.load(index_path).passages:
            counts[passage.article_id] = counts.get(passage.article_id, 0) + 1
    except StorybotError:
        pass  # no index yet: the counts are unknown, the articles are not
    for stored in Corpus(corpus_path).files():
        try:
            source = read_article(stored).source
        except BadArticle as err:
            click.echo(f"{stored.path.name}: unreadable ({err})", err=True)
            continue
        count = counts.get(source.article_id)
        if json_:
            record = {**source.to_dict(), "article": source.article_id, "passages": count}
            click.echo(json.dumps(record, ensure_ascii=False))
        else:
            from storybot.render import terminal_safe

            passages = "not indexed yet" if count is None else f"{count} passages"
            date = source.published or "undated"
            line = f"{source.outlet} · {date} · {source.title or '(no title)'} · {passages}"
            click.echo(terminal_safe(f"{line}\n    {source.article_id}"))


@cli.command(name="eval")
@click.argument("file", type=click.Path(path_type=Path, exists=True))
@click.option("-k", "--top", "k", default=6, show_default=True, type=click.IntRange(1, 50))
@location_options
@reports_errors
def eval_(file: Path, k: int, corpus_dir: Path | None, index_dir: Path | None) -> None:
    """Check the answers to FILE's questions (JSONL), or a story FOLDER's; exit 1 if any fails.

    A FOLDER holds questions.jsonl and articles/ (and distractors/) in the story format of
    shared/stories/: its own corpus and index are built once per checksum in .cache/stories/
    of the repository.
    """
    from retrieval.evaluate import (
        cached_story_corpus,
        load_questions,
        off_topic_urls,
        run_eval,
        totals_by_kind,
    )
    from retrieval.service import home_dir

    off_topic: frozenset[str] = frozenset()
    if file.is_dir():  # a story brings its own articles: --corpus and --index do not apply
        corpus_dir, index_dir = cached_story_corpus(file, home_dir() / ".cache" / "stories")
        off_topic = off_topic_urls(file)
        file = file / "questions.jsonl"
    questions = load_questions(file)
    bot = _open(corpus_dir, index_dir)
    results = run_eval(questions, lambda q: bot.ask(q, k=k), off_topic)
    for result, answer in results:
        mark = "PASS" if result.passed else "FAIL"
        click.echo(f"{mark} {result.id}: {result.question}  [{answer.message}]")
        for failure in result.failures:
            click.echo(f"     - {failure}")
    totals = totals_by_kind(r for r, _ in results)
    click.echo("checks: " + ", ".join(f"{kind} {p}/{n}" for kind, (p, n) in totals.items()))
    passed = sum(r.passed for r, _ in results)
    checks = sum(r.checks for r, _ in results)
    failed_checks = sum(len(r.failures) for r, _ in results)
    click.echo(
        f"{passed}/{len(results)} questions passed; {checks - failed_checks}/{checks} checks passed"
    )
    if passed != len(results):
        sys.exit(1)


@cli.command()
@click.argument("articles", nargs=-1)
@click.option("json_", "--json", is_flag=True, help="One JSON object per passage per line.")
@location_options
@reports_errors
def quotes(
    articles: tuple[str, ...], json_: bool, corpus_dir: Path | None, index_dir: Path | None
) -> None:
    """Who is quoted in ARTICLES (ids or file names; all by default)."""
    from retrieval.quotes import quote_record, quoted_passages

    built = _ready_index(corpus_dir, index_dir)
    rows = quoted_passages(built, list(articles))
    for source, passage in rows:
        if json_:
            record = quote_record(source, passage)
            click.echo(json.dumps(record, ensure_ascii=False))
        else:
            from retrieval.types import unverified
            from storybot.render import claim_lines, terminal_safe

            who = passage.speaker or f"({source.outlet}'s own reporting)"
            who += unverified(passage.verified) if passage.speaker else ""
            cue = f" [{passage.cue}]" if passage.cue else ""
            text = f"{passage.text[:160]}{'…' if len(passage.text) > 160 else ''}"
            click.echo(
                terminal_safe(f"{source.article_id} {passage.start}-{passage.end} {who}{cue}")
            )
            click.echo(terminal_safe(f"    {text}"))
            for line in claim_lines(passage):
                click.echo(terminal_safe(f"      · {line}"))


@cli.command()
@click.option("json_", "--json", is_flag=True, help="One JSON object per speaker per line.")
@location_options
@reports_errors
def speakers(json_: bool, corpus_dir: Path | None, index_dir: Path | None) -> None:
    """Who is quoted: each person or body once, however outlets name them, most quoted first."""
    from retrieval.speakers import speaker_registry

    built = _ready_index(corpus_dir, index_dir)
    for entry in speaker_registry(built.passages, built.sources):
        if json_:
            click.echo(json.dumps(entry.to_dict(), ensure_ascii=False))
            continue
        dates = " to ".join(dict.fromkeys(d for d in (entry.first, entry.last) if d)) or "undated"
        also = f" (also: {', '.join(entry.aliases)})" if entry.aliases else ""
        count = f"{entry.passages} passage{'s' if entry.passages != 1 else ''}"
        click.echo(f"{entry.name}{also}: {count}, {dates}")
        if entry.roles:
            click.echo(f"    {'; '.join(entry.roles)}")
        click.echo(f"    in {', '.join(entry.outlets)}")


@cli.command()
@click.option("json_", "--json", is_flag=True, help="One JSON object per event per line.")
@location_options
@reports_errors
def timeline(json_: bool, corpus_dir: Path | None, index_dir: Path | None) -> None:
    """The story's events in the order they first appeared: each article's lead, a wire
    story once with every outlet that ran it, undated articles last."""
    from retrieval.timeline import story_timeline
    from retrieval.types import unverified
    from storybot.render import terminal_safe

    built = _ready_index(corpus_dir, index_dir)
    for entry in story_timeline(built.passages, built.sources):
        if json_:
            click.echo(json.dumps(entry.to_dict(), ensure_ascii=False))
            continue
        text = " ".join(entry.passage.text.split())
        mark = unverified(entry.passage.verified)
        who = f"{entry.passage.speaker}{mark} · " if entry.passage.speaker else ""
        click.echo(terminal_safe(f"{entry.date or 'undated':10}  “{text}”"))
        click.echo(terminal_safe(f"            — {who}{entry.first.outlet}"))
        if len(entry.carried_by) > 1:
            others = ", ".join(s.outlet for s in entry.carried_by[1:])
            click.echo(terminal_safe(f"            also carried by {others}"))


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@location_options
@reports_errors
def serve(host: str, port: int, corpus_dir: Path | None, index_dir: Path | None) -> None:
    """Run the newsroom desk: the page at http://HOST:PORT/ and the JSON API under /api/."""
    from storybot.desk import Desk
    from storybot.web import serve as run_desk

    for name in ("storybot.web", "storybot.desk"):  # one line per request, and each reload
        logging.getLogger(name).setLevel(logging.INFO)
    desk = Desk(corpus_dir, index_dir, notify=_notify)
    desk.warm_up()
    _notify(f"the desk is at http://{host}:{port}/ (API /api/ask?q=..., docs /docs)")
    run_desk(desk, host, port)


@cli.command()
@click.option(
    "--story",
    envvar="STORYBOT_STORY",
    metavar="NAME",
    help="The story's name in the bot's replies (default: the first article's title).",
)
@click.option(
    "--webhook-url",
    metavar="URL",
    help="Have Telegram POST updates to this https URL instead of polling for them.",
)
@click.option(
    "--listen",
    default="127.0.0.1",
    show_default=True,
    metavar="ADDRESS",
    help="With --webhook-url: the address the bot's webhook server listens on.",
)
@click.option(
    "--webhook-port",
    type=int,
    default=8443,
    show_default=True,
    help="With --webhook-url: the port the bot's webhook server listens on.",
)
@click.option(
    "--secret-token",
    envvar="STORYBOT_WEBHOOK_SECRET",
    metavar="TOKEN",
    help="With --webhook-url: the secret Telegram sends with each update (default: a random one).",
)
@location_options
@reports_errors
def bot(
    story: str | None,
    webhook_url: str | None,
    listen: str,
    webhook_port: int,
    secret_token: str | None,
    corpus_dir: Path | None,
    index_dir: Path | None,
) -> None:
    """Run the Telegram bot (token in STORYBOT_TOKEN or .env; STORYBOT_API_URL for the API).

    Long polling by default; with --webhook-url, a webhook server on --listen:--webhook-port.
    """
    from bot.app import run_bot, webhook_settings
    from retrieval.story import story_name

    webhook = None
    if webhook_url is not None:
        try:
            webhook = webhook_settings(webhook_url, listen, webhook_port, secret_token)
        except ValueError as err:
            raise BadInput(str(err)) from None
    run_bot(corpus_dir, index_dir, story=story_name(story) or None, webhook=webhook)


def main() -> None:
    """Entry point of the ``storybot`` command."""
    cli(prog_name="storybot")
