"""Intake: `storybot add` with folders, web pages, stdin, feeds and manifests; `remove`, `edit`.

Pages and feeds are served by a local HTTP server on 127.0.0.1 (never any other address);
the pages, outlets and wording are invented for these tests.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from retrieval.corpus import Corpus
from retrieval.embed import Embedder
from retrieval.intake import Item, page_metadata
from retrieval.pipeline import index_status
from storybot.cli import cli
from tests.conftest import SeedDirs
from tests.helpers.files import SEED_UNIAN, TINY_ARTICLES, snapshot

CRANE_PAGE = """<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8">
<title>Port board signs crane deal | Harbor Ledger</title>
<meta property="og:site_name" content="Harbor Ledger">
<meta property="og:title" content="Port board signs crane deal">
<meta property="article:published_time" content="2024-05-02T08:00:00Z">
</head><body><nav>Home | World | Sport</nav>
<article><h1>Port board signs crane deal</h1>
<p>The port board signed a contract for six automated cranes on Thursday, its chair Lena
Okafor said at a press conference in the harbour office.</p>
<p>"The cranes will be running by the spring," Okafor said. The dockworkers' union said the
deal would cost at least 200 jobs and called a meeting for Monday.</p>
<p>A spokesman for the port authority denied that any jobs would be lost.</p>
</article><footer>Copyright 2019 Harbor Ledger</footer></body></html>
"""

# No og: tags: the outlet, date and language are only in JSON-LD.
FERRY_PAGE = """<!DOCTYPE html>
<html><head><meta charset="windows-1251">
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
"headline": "Паром вернулся в порт", "datePublished": "2024-06-11", "inLanguage": "uk",
"publisher": {"@type": "Organization", "name": "Бухта Вісті"}}</script>
</head><body><article><h1>Паром вернулся в порт</h1>
<p>Паром вернулся в порт во вторник после шторма, сообщил капитан Олег Гнатюк.</p>
<p>По словам капитана, пассажиры не пострадали, а рейсы возобновятся в среду.</p>
</article></body></html>
""".encode("cp1251")

# A page with no site name, date or language of its own: the feed's title and date fill in.
PLAIN_PAGE = """<html><body><article><h1>Tugboat crews vote on pay offer</h1>
<p>Tugboat crews at the harbour voted on a new pay offer on Friday, the crews' union said.</p>
<p>The union said the result would be announced on Monday after the count.</p>
</article></body></html>
"""

RSS = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Harbor Ledger</title><link>http://127.0.0.1/</link>
<item><title>Port board signs crane deal</title><link>/news/crane.html</link>
<pubDate>Thu, 02 May 2024 08:00:00 GMT</pubDate></item>
<item><title>Tugboat crews vote on pay offer</title><link>/news/tugboat.html</link>
<pubDate>Fri, 03 May 2024 09:30:00 GMT</pubDate></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Bay News</title><id>urn:bay</id>
<updated>2024-06-11T10:00:00Z</updated>
<link rel="self" href="/atom.xml"/>
<entry><title>Ferry back in port</title><id>urn:bay:1</id>
<link rel="alternate" href="/news/ferry.html"/><updated>2024-06-11T10:00:00Z</updated></entry>
</feed>
"""

ROUTES: dict[str, tuple[bytes, str]] = {
    "/news/crane.html": (CRANE_PAGE.encode("utf-8"), "text/html; charset=utf-8"),
    "/news/ferry.html": (FERRY_PAGE, "text/html; charset=windows-1251"),
    "/news/tugboat.html": (PLAIN_PAGE.encode("utf-8"), "text/html"),
    "/news/brief.txt": (TINY_ARTICLES["flood"].encode("utf-8"), "text/plain; charset=utf-8"),
    # a fragment with no doctype or <html>: HTML because the server says so
    "/story/42": (
        b"<div><h2>Pilots end strike</h2><p>Harbour pilots ended their strike on Sunday after "
        b"the port board agreed to hire four more pilots, the pilots' association said.</p>"
        b"<p>Ships that had waited outside the harbour began to dock in the evening.</p></div>",
        "text/html; charset=utf-8",
    ),
    "/feed.xml": (RSS.encode("utf-8"), "application/rss+xml"),
    "/atom.xml": (ATOM.encode("utf-8"), "application/atom+xml"),
    "/not-a-feed.xml": (b"<html><body><p>Just a page.</p></body></html>", "text/html"),
    "/photo.jpg": (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" * 40, "image/jpeg"),
}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        if self.path not in ROUTES:
            self.send_error(404, "Not Found")
            return
        body, content_type = ROUTES[self.path]
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    """A local web site on 127.0.0.1 serving the pages and feeds above; yields its base url."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return tmp_path / "corpus"


def run(*args: str | Path, stdin: bytes | None = None) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], input=stdin, catch_exceptions=False)


def errors(result: Result) -> list[str]:
    assert "Traceback" not in result.output
    return [line for line in result.stderr.splitlines() if line.startswith("Error:")]


def stored(corpus: Path) -> dict[str, dict]:
    """The corpus's articles by original name, with their metadata."""
    return {f.meta["original_name"]: f.meta | {"path": f.path} for f in Corpus(corpus).files()}


class TestUrls:
    def test_page_kept_byte_for_byte_with_its_own_metadata(self, site: str, corpus: Path) -> None:
        result = run("add", f"{site}/news/crane.html", "--corpus", corpus)
        assert result.exit_code == 0, result.output
        [meta] = stored(corpus).values()
        assert meta["path"].read_bytes() == ROUTES["/news/crane.html"][0]
        assert meta["path"].suffix == ".html"
        assert (meta["outlet"], meta["title"], meta["published"], meta["language"]) == (
            "Harbor Ledger",
            "Port board signs crane deal",
            "2024-05-02",  # article:published_time, not the 2019 copyright line
            "en-GB",
        )
        assert meta["url"] == f"{site}/news/crane.html"

    def test_json_ld_and_a_declared_charset(self, site: str, corpus: Path) -> None:
        result = run("add", f"{site}/news/ferry.html", "--corpus", corpus)
        assert result.exit_code == 0, result.output
        [meta] = stored(corpus).values()
        assert meta["path"].read_bytes() == FERRY_PAGE  # cp1251 bytes, not re-encoded
        assert meta["charset"] in ("windows-1251", "cp1251")
        assert (meta["outlet"], meta["published"], meta["language"]) == (
            "Бухта Вісті",
            "2024-06-11",
            "uk",
        )

    def test_given_values_win_over_the_page(self, site: str, corpus: Path) -> None:
        result = run(
            "add", f"{site}/news/crane.html", "--outlet", "Dock Daily", "--published",
            "2024-05-03", "--corpus", corpus,
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        [meta] = stored(corpus).values()
        assert (meta["outlet"], meta["published"], meta["title"]) == (
            "Dock Daily",
            "2024-05-03",
            "Port board signs crane deal",
        )

    def test_plain_text_by_url(self, site: str, corpus: Path) -> None:
        result = run("add", f"{site}/news/brief.txt", "--corpus", corpus)
        assert result.exit_code == 0, result.output
        [meta] = stored(corpus).values()
        assert meta["path"].suffix == ".txt" and meta["outlet"] == "unknown outlet"

    def test_html_by_the_servers_content_type(self, site: str, corpus: Path) -> None:
        result = run("add", f"{site}/story/42", "--corpus", corpus)
        assert result.exit_code == 0, result.output
        [meta] = stored(corpus).values()
        assert meta["path"].name.startswith("42_") and meta["path"].suffix == ".html"

    def test_a_missing_page_does_not_stop_the_others(self, site: str, corpus: Path) -> None:
        result = run(
            "add", f"{site}/gone.html", f"{site}/photo.jpg", f"{site}/news/crane.html",
            "--corpus", corpus,
        )  # fmt: skip
        lines = errors(result)
        assert len(lines) == 2
        assert "gone.html: the server answered 404" in lines[0]
        assert "photo.jpg: a binary file" in lines[1]
        assert result.exit_code == 2  # a refused input outranks one that could not be fetched
        assert list(stored(corpus)) == ["crane.html"]

    def test_unreachable_server_is_exit_1(self, corpus: Path) -> None:
        # port 9 on 127.0.0.1 (discard): nothing listens there on a test machine
        result = run("add", "http://127.0.0.1:9/news.html", "--corpus", corpus)
        assert result.exit_code == 1
        assert "cannot fetch it" in errors(result)[0]
        assert not corpus.exists() or not list(corpus.iterdir())


class TestFeeds:
    def test_rss_adds_every_item_with_the_feeds_title_and_date_as_fallback(
        self, site: str, corpus: Path
    ) -> None:
        result = run("add", "--feed", f"{site}/feed.xml", "--corpus", corpus)
        assert result.exit_code == 0, result.output
        articles = stored(corpus)
        assert sorted(articles) == ["crane.html", "tugboat.html"]
        tug = articles["tugboat.html"]
        assert (tug["title"], tug["published"]) == ("Tugboat crews vote on pay offer", "2024-05-03")
        assert tug["url"] == f"{site}/news/tugboat.html"  # the relative link, resolved
        assert articles["crane.html"]["published"] == "2024-05-02"

        again = run("add", "--feed", f"{site}/feed.xml", "--corpus", corpus)
        assert again.exit_code == 0
        assert again.stdout.count("already in the corpus") == 2

    def test_atom(self, site: str, corpus: Path) -> None:
        result = run("add", "--feed", f"{site}/atom.xml", "--corpus", corpus)
        assert result.exit_code == 0, result.output
        assert list(stored(corpus)) == ["ferry.html"]

    def test_not_a_feed_is_one_line(self, site: str, corpus: Path) -> None:
        result = run("add", "--feed", f"{site}/not-a-feed.xml", "--corpus", corpus)
        assert result.exit_code == 2
        assert "not an RSS or Atom feed" in errors(result)[0]


class TestLocalInputs:
    def test_folder_recursively_skipping_hidden_and_other_files(
        self, tmp_path: Path, corpus: Path
    ) -> None:
        folder = tmp_path / "in"
        (folder / "sub" / "deeper").mkdir(parents=True)
        (folder / ".drafts").mkdir()
        (folder / "bridge.txt").write_text(TINY_ARTICLES["bridge"], "utf-8")
        (folder / "sub" / "strike.TXT").write_text(TINY_ARTICLES["strike"], "utf-8")
        (folder / "sub" / "deeper" / "crane.htm").write_text(CRANE_PAGE, "utf-8")
        (folder / "sub" / "notes.md").write_text(TINY_ARTICLES["school"], "utf-8")
        (folder / ".drafts" / "flood.txt").write_text(TINY_ARTICLES["flood"], "utf-8")
        result = run("add", folder, "--outlet", "Port Weekly", "--corpus", corpus)
        assert result.exit_code == 0, result.output
        articles = stored(corpus)
        assert sorted(articles) == ["bridge.txt", "crane.htm", "strike.TXT"]
        assert {m["outlet"] for m in articles.values()} == {"Port Weekly"}

    def test_stdin(self, corpus: Path) -> None:
        data = TINY_ARTICLES["school"].encode("utf-8")
        result = run("add", "-", "--outlet", "School Gazette", "--corpus", corpus, stdin=data)
        assert result.exit_code == 0, result.output
        [meta] = stored(corpus).values()
        assert meta["path"].read_bytes() == data and meta["outlet"] == "School Gazette"

    @pytest.mark.parametrize("flag", ["--title", "--url"])
    def test_title_or_url_with_several_inputs_is_an_error(
        self, tmp_path: Path, corpus: Path, flag: str
    ) -> None:
        for name in ("bridge", "strike"):
            (tmp_path / f"{name}.txt").write_text(TINY_ARTICLES[name], "utf-8")
        value = "https://example.org/a" if flag == "--url" else "A headline"
        result = run(
            "add", tmp_path / "bridge.txt", tmp_path / "strike.txt", flag, value,
            "--corpus", corpus,
        )  # fmt: skip
        assert result.exit_code == 2
        [line] = errors(result)
        assert flag in line and "2 inputs" in line
        assert not corpus.exists()

    def test_no_progress_bar_without_a_terminal(self, tmp_path: Path, corpus: Path) -> None:
        for name in TINY_ARTICLES:
            (tmp_path / f"{name}.txt").write_text(TINY_ARTICLES[name], "utf-8")
        result = run("add", *sorted(tmp_path.glob("*.txt")), "--corpus", corpus)
        assert result.exit_code == 0
        assert "adding" not in result.stderr and "%" not in result.stderr


class TestManifest:
    def test_csv_with_paths_and_urls(self, site: str, tmp_path: Path, corpus: Path) -> None:
        (tmp_path / "bridge.txt").write_text(TINY_ARTICLES["bridge"], "utf-8")
        manifest = tmp_path / "list.csv"
        manifest.write_text(
            "path,url,outlet,published,title,language\n"
            "bridge.txt,https://example.org/bridge,City Chronicle,2024-02-01,Bridge vote,en\n"
            f",{site}/news/crane.html,,,,\n"
            "missing.txt,,Nobody,,,\n"
            "bridge.txt,,,July 5,,\n",
            "utf-8",
        )
        result = run("add", "--manifest", manifest, "--corpus", corpus)
        lines = errors(result)
        assert len(lines) == 2 and "missing.txt: no such file" in lines[0]
        assert "line 5" in lines[1] and "YYYY-MM-DD" in lines[1]
        assert result.exit_code == 2
        articles = stored(corpus)
        assert sorted(articles) == ["bridge.txt", "crane.html"]
        bridge = articles["bridge.txt"]
        assert (bridge["outlet"], bridge["url"], bridge["published"], bridge["language"]) == (
            "City Chronicle",
            "https://example.org/bridge",
            "2024-02-01",
            "en",
        )
        assert articles["crane.html"]["outlet"] == "Harbor Ledger"

    def test_json_lines(self, tmp_path: Path, corpus: Path) -> None:
        (tmp_path / "strike.txt").write_text(TINY_ARTICLES["strike"], "utf-8")
        manifest = tmp_path / "list.jsonl"
        rows = [{"path": "strike.txt", "outlet": "Port Weekly", "title": "Walkout"}, [1, 2]]
        manifest.write_text("\n".join(json.dumps(r) for r in rows) + "\n", "utf-8")
        result = run("add", "--manifest", manifest, "--corpus", corpus)
        assert result.exit_code == 2
        assert "line 2: not a JSON object" in errors(result)[0]
        [meta] = stored(corpus).values()
        assert (meta["outlet"], meta["title"]) == ("Port Weekly", "Walkout")

    def test_csv_without_a_path_or_url_column(self, tmp_path: Path, corpus: Path) -> None:
        manifest = tmp_path / "list.csv"
        manifest.write_text("file,outlet\na.txt,X\n", "utf-8")
        result = run("add", "--manifest", manifest, "--corpus", corpus)
        assert result.exit_code == 2 and "'path' or 'url'" in errors(result)[0]


class TestPageMetadata:
    def test_outlet_is_never_guessed_from_the_address(self) -> None:
        page = (
            '<html><head><link rel="canonical" href="https://www.valleypost.example/a">'
            "</head><body><p>Some text of a page.</p></body></html>"
        )
        assert page_metadata(page)["outlet"] is None
        assert page_metadata(page)["url"] == "https://www.valleypost.example/a"

    def test_control_characters_never_reach_the_metadata(self) -> None:
        page = (
            '<html lang="xx-\u0007"><head>'
            '<meta property="og:site_name" content="Evil\x1b[31m News">'
            "<title>Head\u202eline</title></head><body><p>Text.</p></body></html>"
        )
        meta = page_metadata(page)
        assert meta["language"] is None
        assert "\x1b" not in str(meta["outlet"]) and "\u202e" not in str(meta["title"])

    def test_item_url(self) -> None:
        assert Item("https://example.org/a").is_url and not Item("a.txt").is_url


class TestRemoveAndEdit:
    @pytest.fixture
    def two(self, tmp_path: Path, corpus: Path) -> list[Path]:
        for name in ("bridge", "strike"):
            (tmp_path / f"{name}.txt").write_text(TINY_ARTICLES[name], "utf-8")
        run("add", tmp_path / "bridge.txt", tmp_path / "strike.txt", "--corpus", corpus)
        return [f.path for f in Corpus(corpus).files()]

    def test_remove_by_id_and_by_file_name(self, corpus: Path, two: list[Path]) -> None:
        result = run("remove", two[0].stem, two[1].name, "--corpus", corpus)
        assert result.exit_code == 0, result.output
        assert snapshot(corpus) == {}
        assert result.stdout.count("removed") == 2

    def test_an_unknown_article_removes_nothing(self, corpus: Path, two: list[Path]) -> None:
        before = snapshot(corpus)
        result = run("remove", two[0].stem, "no_such_article", "--corpus", corpus)
        assert result.exit_code == 2
        assert "no_such_article: no such article" in errors(result)[0]
        assert snapshot(corpus) == before

    def test_edit_changes_metadata_never_the_bytes(self, corpus: Path, two: list[Path]) -> None:
        before = two[0].read_bytes()
        result = run(
            "edit", two[0].stem, "--outlet", "River Times", "--published", "2024-04-01",
            "--title", "Bridge approved", "--corpus", corpus,
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        meta = Corpus(corpus).find(two[0].stem).meta
        assert (meta["outlet"], meta["published"], meta["title"]) == (
            "River Times",
            "2024-04-01",
            "Bridge approved",
        )
        assert meta["original_name"] == "bridge.txt" and meta["charset"] == "utf-8"
        assert two[0].read_bytes() == before

    @pytest.mark.parametrize(
        "args, message",
        [
            (["--published", "soon"], "YYYY-MM-DD"),
            (["--url", "ftp://x"], "http"),
            (["--outlet", "A\x1b[2JB"], "control character"),
            ([], "at least one"),
        ],
    )
    def test_bad_edit_changes_nothing(
        self, corpus: Path, two: list[Path], args: list[str], message: str
    ) -> None:
        before = snapshot(corpus)
        result = run("edit", two[0].stem, *args, "--corpus", corpus)
        assert result.exit_code == 2
        assert message in errors(result)[0]
        assert snapshot(corpus) == before

    def test_damaged_metadata_is_left_as_it_is(self, corpus: Path, two: list[Path]) -> None:
        meta_file = two[0].with_name(two[0].stem + ".meta.json")
        meta_file.write_text("{not json", "utf-8")
        result = run("edit", two[0].stem, "--outlet", "X", "--corpus", corpus)
        assert result.exit_code == 2 and "damaged metadata" in errors(result)[0]
        assert meta_file.read_text("utf-8") == "{not json"

    def test_the_index_notices_an_edit_and_a_removal(
        self, seed_copy: SeedDirs, embedder: Embedder
    ) -> None:
        corpus = Corpus(seed_copy.corpus)
        name = embedder.name
        assert index_status(corpus, seed_copy.index, name).state == "fresh"
        where = ["--corpus", seed_copy.corpus, "--index", seed_copy.index]
        assert run("edit", SEED_UNIAN, "--outlet", "Other Outlet", *where).exit_code == 0
        status = index_status(corpus, seed_copy.index, name)
        assert (status.state, status.reason) == (
            "stale",
            "the corpus changed (0 added, 1 changed, 0 removed)",
        )
        assert run("remove", SEED_UNIAN, *where).exit_code == 0
        status = index_status(corpus, seed_copy.index, name)
        assert "1 removed" in status.reason
