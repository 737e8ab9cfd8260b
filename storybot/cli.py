"""The ``storybot`` command line: thin commands over ``retrieval``.

Commands that need no model (``add``, ``sources``, ``--help``) never import
sentence-transformers, which takes about ten seconds to import.
"""

from __future__ import annotations

import json
import logging
import shlex
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

import click

from retrieval.errors import BadArticle, BadQuestion, IndexFolderRefused, StorybotError

logger = logging.getLogger("storybot")


class BadInput(click.ClickException):
    """Bad input from the user: one line on stderr, exit status 2, nothing changed."""

    exit_code = 2


def _notify(message: str) -> None:
    click.echo(f"storybot: {message}", err=True)


def location_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """--corpus and --index, shared by every command."""
    command = click.option(
        "--index",
        "index_dir",
        envvar="STORYBOT_INDEX",
        type=click.Path(file_okay=False, path_type=Path),
        help="Index folder (default: index/ in the repository, or CORPUS/.index with --corpus).",
    )(command)
    command = click.option(
        "--corpus",
        "corpus_dir",
        envvar="STORYBOT_CORPUS",
        type=click.Path(file_okay=False, path_type=Path),
        help="Corpus folder (default: corpus/ in the repository).",
    )(command)
    return command


def reports_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn storybot's errors into one clear line instead of a traceback."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (BadQuestion, BadArticle, IndexFolderRefused) as err:
            raise BadInput(one_line(str(err))) from err
        except StorybotError as err:
            raise click.ClickException(one_line(str(err))) from err
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


@cli.command()
@click.argument("question", nargs=-1, required=True)
@click.option("json_", "--json", is_flag=True, help="Print one JSON object on stdout.")
@click.option("-k", "--top", "k", default=6, show_default=True, type=click.IntRange(1, 50))
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
    server_url: str | None,
    corpus_dir: Path | None,
    index_dir: Path | None,
) -> None:
    """Answer QUESTION from the corpus, side by side."""
    from retrieval.question import check_question
    from retrieval.types import Answer
    from storybot.render import render_answer

    text = check_question(" ".join(question))  # before loading anything: bad input is cheap
    if server_url:  # the desk answers; this process never imports the model
        from storybot.client import ask_desk

        answer = Answer.from_dict(ask_desk(server_url, text, k))
    else:
        answer = _open(corpus_dir, index_dir).ask(text, k=k)
    if json_:
        click.echo(json.dumps(answer.to_dict(), ensure_ascii=False))
    else:
        click.echo(render_answer(answer))


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--outlet", help="Who published the articles, e.g. 'Reuters'.")
@click.option("--url", help="Where the article was published.")
@click.option("--published", metavar="YYYY-MM-DD", help="Publication date.")
@click.option("--title", help="The article's headline.")
@location_options
@reports_errors
def add(
    files: tuple[Path, ...],
    outlet: str | None,
    url: str | None,
    published: str | None,
    title: str | None,
    corpus_dir: Path | None,
    index_dir: Path | None,
) -> None:
    """Add article FILES (plain text or saved HTML pages) to the corpus, byte for byte."""
    from retrieval.corpus import Corpus
    from retrieval.ingest import check_article
    from retrieval.service import default_dirs

    corpus_path, _ = default_dirs(corpus_dir, index_dir)
    added = Corpus(corpus_path).add(list(files), outlet, url, published, title, check=check_article)
    from storybot.render import terminal_safe

    for path, stored in added:
        shown = terminal_safe(shown_path(path))
        if stored is None:
            click.echo(f"{shown}: already in the corpus, not added again")
        else:
            click.echo(f"{shown}: added as {stored.path.name}")
    where = "".join(
        f" {flag} {shlex.quote(str(value))}"
        for flag, value in (("--corpus", corpus_dir), ("--index", index_dir))
        if value
    )
    click.echo(f"run `storybot index{where}` (or just ask) to index the new articles", err=True)


@cli.command()
@click.option("--rebuild", is_flag=True, help="Rebuild even when the index is up to date.")
@location_options
@reports_errors
def index(rebuild: bool, corpus_dir: Path | None, index_dir: Path | None) -> None:
    """Build or update the index; only new or changed articles are embedded."""
    from retrieval.corpus import Corpus
    from retrieval.embed import Embedder
    from retrieval.service import default_dirs, ensure_index

    corpus_path, index_path = default_dirs(corpus_dir, index_dir)
    built = ensure_index(Corpus(corpus_path), index_path, Embedder(), _notify, force=rebuild)
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
            click.echo(json.dumps({**source.to_dict(), "passages": count}, ensure_ascii=False))
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
    from retrieval.evaluate import cached_story_corpus, load_questions, run_eval, totals_by_kind
    from retrieval.service import REPO_ROOT

    if file.is_dir():  # a story brings its own articles: --corpus and --index do not apply
        corpus_dir, index_dir = cached_story_corpus(file, REPO_ROOT / ".cache" / "stories")
        file = file / "questions.jsonl"
    questions = load_questions(file)
    bot = _open(corpus_dir, index_dir)
    results = run_eval(questions, lambda q: bot.ask(q, k=k))
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
    from retrieval.corpus import Corpus
    from retrieval.embed import Embedder
    from retrieval.quotes import quoted_passages
    from retrieval.service import default_dirs, ensure_index

    corpus_path, index_path = default_dirs(corpus_dir, index_dir)
    # The model loads only when the index must be built first, as for ask.
    built = ensure_index(Corpus(corpus_path), index_path, Embedder(), _notify)
    rows = quoted_passages(built, list(articles))
    for source, passage in rows:
        if json_:
            record = {**passage.to_dict(), "outlet": source.outlet, "published": source.published}
            click.echo(json.dumps(record, ensure_ascii=False))
        else:
            from storybot.render import terminal_safe

            who = passage.speaker or f"({source.outlet}'s own reporting)"
            if passage.speaker and passage.verified is False:
                who += " (unverified)"
            cue = f" [{passage.cue}]" if passage.cue else ""
            text = f"{passage.text[:160]}{'…' if len(passage.text) > 160 else ''}"
            click.echo(
                terminal_safe(f"{source.article_id} {passage.start}-{passage.end} {who}{cue}")
            )
            click.echo(terminal_safe(f"    {text}"))


@cli.command()
@click.option("json_", "--json", is_flag=True, help="One JSON object per speaker per line.")
@location_options
@reports_errors
def speakers(json_: bool, corpus_dir: Path | None, index_dir: Path | None) -> None:
    """Who is quoted: each person or body once, however outlets name them, most quoted first."""
    from retrieval.corpus import Corpus
    from retrieval.embed import Embedder
    from retrieval.service import default_dirs, ensure_index
    from retrieval.speakers import speaker_registry

    corpus_path, index_path = default_dirs(corpus_dir, index_dir)
    built = ensure_index(Corpus(corpus_path), index_path, Embedder(), _notify)
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
@location_options
@reports_errors
def bot(corpus_dir: Path | None, index_dir: Path | None) -> None:
    """Run the Telegram bot (token in STORYBOT_TOKEN or .env; STORYBOT_API_URL for the API)."""
    from bot.app import run_bot

    run_bot(corpus_dir, index_dir)


def main() -> None:
    """Entry point of the ``storybot`` command."""
    cli(prog_name="storybot")
