"""Bring articles into the corpus: files, folders, web pages, stdin, feeds and manifests.

Every input is one ``Item``; each is read or fetched, checked and stored on its own
(``Corpus.store``: metadata first, then the bytes, each written aside and renamed), so
one bad input is reported in one line and the others still go in. A fetched page is
kept byte for byte as the server sent it.

Metadata, first found wins: what the user gave (flags, a manifest row), then the page's
own (``og:site_name``, ``article:published_time``, JSON-LD, ``<html lang>``, read by
trafilatura and htmldate), then what a feed says of its item.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import re
import sys
import unicodedata
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from retrieval.charset import MAX_FILE_BYTES, check_bytes
from retrieval.corpus import (
    LANGUAGE_TAG,
    META_LIMITS,
    Carriers,
    Corpus,
    StoredFile,
    check_meta,
    decode,
    is_html,
)
from retrieval.errors import BadArticle, FetchFailed

logger = logging.getLogger(__name__)

FIELDS = ("outlet", "url", "published", "title", "language")
FOLDER_SUFFIXES = frozenset({".txt", ".html", ".htm"})
FETCH_TIMEOUT = 30.0  # seconds for one page or feed
USER_AGENT = "storybot/0.1 (newsroom intake)"
_WEB = re.compile(r"^https?://", re.IGNORECASE)
Meta = dict[str, str | None]


@dataclass(frozen=True)
class Item:
    """One input to add: a path, an http(s) url or ``-`` (stdin), with its given metadata.

    Example: Item("https://example.org/a.html", given={"outlet": "Example Post"})
    """

    where: str
    given: Meta = field(default_factory=dict)  # the user's: flags, a manifest row
    fallback: Meta = field(default_factory=dict)  # below the page's own: a feed's item
    problem: str | None = None  # known bad before reading (a manifest row)

    @property
    def is_url(self) -> bool:
        return bool(_WEB.match(self.where))


@dataclass(frozen=True)
class Outcome:
    """What became of one input: stored, already there, or refused (with the reason).

    ``status`` is 0 (added or already there), 1 (could not be fetched or read) or 2
    (bad input: not an article, a bad value).
    """

    item: Item
    stored: StoredFile | None = None
    error: str | None = None
    status: int = 0


@dataclass(frozen=True)
class Fetched:
    """A page's bytes as the server sent them, with the final url and declared charset."""

    data: bytes
    url: str
    charset: str | None = None
    html: bool = False  # served as text/html or application/xhtml+xml


def fetch(url: str, timeout: float = FETCH_TIMEOUT) -> Fetched:
    """GET an http(s) url, at most ``MAX_FILE_BYTES``.

    Raises:
        FetchFailed: the url is not http(s), the server cannot be reached, answers
            with an error status, or sends too much.
    """
    if not _WEB.match(url):
        raise FetchFailed(f"{url}: not an http:// or https:// address")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read(MAX_FILE_BYTES + 1)
            charset = response.headers.get_content_charset()
            served_as = response.headers.get_content_type()
            final = response.geturl() or url
    except urllib.error.HTTPError as err:
        raise FetchFailed(f"{url}: the server answered {err.code} {err.reason}") from err
    except urllib.error.URLError as err:
        raise FetchFailed(f"{url}: cannot fetch it ({err.reason})") from err
    except (OSError, ValueError) as err:
        raise FetchFailed(f"{url}: cannot fetch it ({err})") from err
    if len(data) > MAX_FILE_BYTES:
        raise FetchFailed(f"{url}: too large (more than {MAX_FILE_BYTES} bytes)")
    html = served_as in ("text/html", "application/xhtml+xml")
    return Fetched(data, final, charset, html)


def expand(args: Iterable[str]) -> list[Item]:
    """The inputs named on the command line: folders become their article files.

    A folder is walked recursively for ``.txt``, ``.html`` and ``.htm`` files, in name
    order; hidden files and folders (a name starting with a dot) are skipped.
    """
    items: list[Item] = []
    for arg in args:
        path = Path(arg)
        if arg != "-" and not _WEB.match(arg) and path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.suffix.lower() in FOLDER_SUFFIXES
                and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not found:
                items.append(Item(arg, problem=f"{arg}: no .txt, .html or .htm files in it"))
            items.extend(Item(str(p)) for p in found)
        else:
            items.append(Item(arg))
    return items


def feed_items(url: str, fetcher: Callable[[str], Fetched] = fetch) -> list[Item]:
    """One item per entry of an RSS or Atom feed: the entry's page, its title and date.

    Raises:
        FetchFailed: the feed cannot be fetched.
        BadArticle: it is not a feed, or lists no pages.
    """
    import feedparser  # parses the bytes we fetched: feedparser itself reaches nothing

    fetched = fetcher(url)
    parsed = feedparser.parse(
        io.BytesIO(fetched.data), response_headers={"content-location": fetched.url}
    )
    if not parsed.get("version") and not parsed.entries:
        raise BadArticle(f"{url}: not an RSS or Atom feed")
    items = []
    for entry in parsed.entries:
        link = entry.get("link")
        if not link:
            continue
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        published = date(*when[:3]).isoformat() if when else None
        title = _page_value("title", entry.get("title"))
        items.append(
            Item(
                urllib.parse.urljoin(fetched.url, link),
                fallback={"title": title, "published": published},
            )
        )
    if not items:
        raise BadArticle(f"{url}: the feed lists no pages")
    return items


def manifest_items(path: Path) -> list[Item]:
    """One item per row of a manifest: CSV with a header row, or JSON lines.

    Columns: ``path`` or ``url`` (where the article is: a path relative to the manifest's
    folder, else the url is fetched), then ``outlet``, ``url``, ``published``, ``title``,
    ``language``. A bad row is an item with its problem, reported like a bad file.

    Raises:
        BadArticle: the manifest cannot be read or is neither CSV nor JSON lines.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise BadArticle(f"{path}: cannot read the manifest ({err})") from err
    rows: list[tuple[int, Any]] = []
    if path.suffix.lower() == ".csv" or not text.lstrip().startswith("{"):
        reader = csv.DictReader(io.StringIO(text))
        if not reader.fieldnames or not {"path", "url"} & set(reader.fieldnames):
            raise BadArticle(f"{path}: a CSV manifest needs a header row with 'path' or 'url'")
        rows = [(reader.line_num, row) for row in reader]
    else:
        for number, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    rows.append((number, json.loads(line)))
                except ValueError:
                    rows.append((number, None))
    return [_manifest_row(path, number, row) for number, row in rows]


def _manifest_row(manifest: Path, number: int, row: Any) -> Item:
    where_ = f"{manifest} line {number}"
    if not isinstance(row, dict):
        return Item(where_, problem=f"{where_}: not a JSON object")
    values = {k: (str(v).strip() or None) if v is not None else None for k, v in row.items()}
    source = values.get("path") or values.get("url")
    if not source:
        return Item(where_, problem=f"{where_}: neither 'path' nor 'url' given")
    if values.get("path") and not _WEB.match(source):
        source = str(manifest.parent / source)
    given = {k: values.get(k) for k in FIELDS if values.get(k)}
    try:
        given = check_meta(given)
    except BadArticle as err:
        return Item(source, problem=f"{where_}: {err}")
    return Item(source, given=given)


class Intake:
    """Adds items to a corpus one by one; each bad one is an ``Outcome`` with its reason.

    Example: Intake(Corpus("corpus"), {"outlet": "Port Weekly"}).run(expand(["in/"]))
    """

    def __init__(
        self,
        corpus: Corpus,
        given: Meta | None = None,
        check: Callable[[str, str, bool], None] | None = None,
        fetcher: Callable[[str], Fetched] = fetch,
        stdin: Callable[[], bytes] | None = None,
    ) -> None:
        self.corpus = corpus
        self.given = check_meta(given or {})
        self.check = check
        self.fetcher = fetcher
        self.stdin = stdin or sys.stdin.buffer.read
        self._known: Carriers | None = None

    def run(
        self,
        items: list[Item],
        report: Callable[[Outcome], None] | None = None,
        progress: bool = False,
    ) -> list[Outcome]:
        """Add every item, reporting each outcome as it comes; a bar on stderr if asked."""
        from tqdm import tqdm

        outcomes = []
        with tqdm(
            total=len(items), desc="adding", unit="article", disable=not progress, file=sys.stderr
        ) as bar:
            for item in items:
                outcome = self.add(item)
                outcomes.append(outcome)
                if report is not None:
                    with tqdm.external_write_mode(file=sys.stderr):
                        report(outcome)
                bar.update(1)
        return outcomes

    def add(self, item: Item) -> Outcome:
        """Read or fetch one item, check it and store it."""
        if item.problem:
            return Outcome(item, error=item.problem, status=2)
        try:
            return Outcome(item, stored=self._store(item))
        except BadArticle as err:
            return Outcome(item, error=str(err), status=2)
        except FetchFailed as err:
            return Outcome(item, error=str(err), status=1)
        except OSError as err:
            reason = err.strerror or err.__class__.__name__
            return Outcome(item, error=f"{err.filename or item.where}: {reason}", status=1)

    def _store(self, item: Item) -> StoredFile | None:
        declared, page_url, served_html = None, None, False
        if item.is_url:
            fetched = self.fetcher(item.where)
            data, declared, page_url = fetched.data, fetched.charset, fetched.url
            name, served_html = _name_from_url(fetched.url), fetched.html
        elif item.where == "-":
            data, name = self.stdin(), "stdin"
        else:
            path = Path(item.where)
            if not path.exists():
                raise BadArticle(f"{item.where}: no such file")
            if not path.is_file():
                raise BadArticle(f"{item.where}: not a regular file")
            data, name = path.read_bytes(), path.name
        charset = check_bytes(item.where, data, declared)
        text = decode(data, charset)
        html = served_html or is_html(Path(name).suffix if not item.is_url else "", text)
        if self.check is not None:
            self.check(item.where, text, html)
        page = page_metadata(text) if html else {}
        meta: Meta = {}
        for key in FIELDS:
            meta[key] = (
                self.given.get(key)
                or item.given.get(key)
                or page.get(key)
                or item.fallback.get(key)
            )
        meta["url"] = self.given.get("url") or item.given.get("url") or page_url or meta["url"]
        if self._known is None:
            self._known = self.corpus.checksums()
        return self.corpus.store(data, name, html, charset, meta, self._known)


def _name_from_url(url: str) -> str:
    """A file name for a fetched page: the last part of its path, else its host."""
    parts = urllib.parse.urlsplit(url)
    last = parts.path.rstrip("/").rsplit("/", 1)[-1]
    return urllib.parse.unquote(last) or parts.hostname or "page"


def page_metadata(html: str) -> Meta:
    """A page's own outlet, title, date, url and language, from its tags and JSON-LD.

    The date is the page's (meta tags, structured data, its url), never a "Copyright
    2022" footer; the outlet is ``og:site_name`` or the JSON-LD publisher, never a guess
    from the address.
    """
    from trafilatura import extract_metadata

    found = extract_metadata(html, date_config={"extensive_search": False, "original_date": True})
    outlet = None
    if found.sitename and _declares_sitename(html, found.sitename):
        outlet = found.sitename
    meta: Meta = {
        "outlet": _page_value("outlet", outlet),
        "title": _page_value("title", found.title),
        "published": _page_value("published", found.date),
        "url": _page_value("url", found.url),
        "language": _page_value("language", _page_language(html)),
    }
    return meta


def _declares_sitename(html: str, sitename: str) -> bool:
    """Whether the page names its site (og:site_name, JSON-LD publisher ...), rather than
    trafilatura having taken the host of the page's address for it."""
    stripped = re.sub(r"https?://(?:www\.|w[0-9]+\.)?[^/\s\"'<>]+", " ", html[:200_000])
    return sitename.lower() in stripped.lower()


def _page_language(html: str) -> str | None:
    """The page's language: ``<html lang>``, JSON-LD ``inLanguage``, or ``og:locale``."""
    import lxml.html

    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return None
    root = tree.getroottree().getroot()
    candidates = [root.get("lang"), root.get("{http://www.w3.org/XML/1998/namespace}lang")]
    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        match = re.search(r'"inLanguage"\s*:\s*"([^"]+)"', script)
        if match:
            candidates.append(match.group(1))
    candidates += tree.xpath('//meta[@property="og:locale"]/@content')
    for candidate in candidates:
        if candidate and LANGUAGE_TAG.match(candidate.strip()):
            return candidate.strip().replace("_", "-")
    return None


def _page_value(name: str, value: object) -> str | None:
    """A value a page or feed gives, made sound: control characters out, spaces collapsed,
    cut to the longest kept; a url that is not http(s) or a date not YYYY-MM-DD is dropped.
    """
    if not isinstance(value, str):
        return None
    text = "".join(ch for ch in value if unicodedata.category(ch) not in ("Cc", "Cf", "Cs"))
    text = " ".join(text.split())
    if not text:
        return None
    if name == "published":
        try:
            return date.fromisoformat(text[:10]).isoformat()
        except ValueError:
            return None
    if name == "url" and not _WEB.match(text):
        return None
    if name == "language" and not LANGUAGE_TAG.match(text):
        return None
    return text[: META_LIMITS.get(name, 1000)]


def gather(
    args: Iterable[str],
    feeds: Iterable[str] = (),
    manifests: Iterable[Path] = (),
    fetcher: Callable[[str], Fetched] = fetch,
) -> tuple[list[Item], list[Outcome]]:
    """Every item named by arguments, feeds and manifests, and the feeds or manifests
    that could not be read (each an ``Outcome`` with its reason)."""
    items = expand(args)
    failed: list[Outcome] = []
    for url in feeds:
        try:
            items.extend(feed_items(url, fetcher))
        except BadArticle as err:
            failed.append(Outcome(Item(url), error=str(err), status=2))
        except FetchFailed as err:
            failed.append(Outcome(Item(url), error=str(err), status=1))
    for manifest in manifests:
        try:
            items.extend(manifest_items(manifest))
        except BadArticle as err:
            failed.append(Outcome(Item(str(manifest)), error=str(err), status=2))
    return items, failed
