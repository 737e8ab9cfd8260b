"""The corpus folder: each article kept byte for byte, its metadata beside it.

Layout: ``corpus/NAME.txt`` (or ``.html``) is the file as captured, and
``corpus/NAME.meta.json`` holds outlet, url, published date, title, the
file's charset (detected at ``add``: the bytes are kept as they came) and its
sha256. Nothing here parses article text: see ``ingest``.

A damaged metadata file never stops the corpus: it is skipped with a warning
(the article is read with an unknown outlet), and so is a damaged field.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import logging
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from retrieval.charset import check_bytes, detect_charset
from retrieval.errors import BadArticle, CorpusError

logger = logging.getLogger(__name__)

META_SUFFIX = ".meta.json"
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
# A document that is HTML by its structure: it opens with a doctype or an <html>, <head>
# or <body> element (after an XML declaration, comments and blank space), or opens with
# a tag and closes its body or html element. A tag named inside prose decides nothing.
_HTML_OPENING = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
    r"(?:<!doctype\s+html\b|<html[\s>]|<head[\s>]|<body[\s>])",
    re.IGNORECASE | re.DOTALL,
)
_HTML_TAG_FIRST = re.compile(r"\A\s*<[a-z!][^<>]*>", re.IGNORECASE)
_HTML_CLOSING = re.compile(r"</(?:body|html)\s*>", re.IGNORECASE)
# Metadata given at ``add`` and kept in NAME.meta.json: name -> longest value.
META_LIMITS = {"outlet": 200, "title": 1000, "url": 2000, "language": 35}
_URL = re.compile(r"^https?://[^\s/]+\S*$", re.IGNORECASE)
# A language tag as pages give it (BCP 47: "en", "en-GB", "uk_UA", "zh-Hant").
LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(?:[-_][a-z0-9]{1,8})*$", re.IGNORECASE)


# The sha256 of each article's bytes with the (outlet, url) of each article that has them.
Carriers = dict[str, set[tuple[str | None, str | None]]]


@dataclass(frozen=True)
class StoredFile:
    """One article file in the corpus with its metadata.

    Example: StoredFile(path=Path("corpus/a.txt"), meta={"outlet": "UNIAN", ...})
    """

    path: Path
    meta: dict[str, Any]

    @property
    def article_id(self) -> str:
        return self.path.stem

    @property
    def checksum(self) -> str:
        return str(self.meta.get("sha256", ""))


def sha256_bytes(data: bytes) -> str:
    """Hex sha256 of some bytes."""
    return hashlib.sha256(data).hexdigest()


def is_html(suffix: str, text: str) -> bool:
    """Whether a file is an HTML page: by its extension, or by its document structure.

    Example: is_html(".txt", "Tags such as <p or <div in prose") -> False
    """
    if suffix.lower() in HTML_SUFFIXES:
        return True
    head = text[:4096]
    if _HTML_OPENING.match(head):
        return True
    return bool(_HTML_TAG_FIRST.match(head) and _HTML_CLOSING.search(text[-4096:]))


def decode(data: bytes, charset: str | None) -> str:
    """A file's text in its charset (UTF-8 when none is recorded), damaged bytes replaced."""
    try:
        return data.decode(charset or "utf-8")
    except (UnicodeDecodeError, LookupError):
        detected = detect_charset(data)
        return data.decode(detected or "utf-8", errors="replace")


def check_meta_value(name: str, value: str | None) -> str | None:
    """A metadata value given at ``add`` (``--outlet``, ``--title``, ``--url``), checked.

    Raises:
        BadArticle: the value is not valid text (a non-UTF-8 byte, a control
            character), is blank or too long, or the url is not an http(s) address.
    """
    if value is None:
        return None
    flag = f"--{name}"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as err:
        bad = value[err.start]
        byte = f"byte 0x{ord(bad) - 0xDC00:02x}" if 0xDC80 <= ord(bad) <= 0xDCFF else "character"
        raise BadArticle(f"{flag} is not valid UTF-8 text (a stray {byte})") from err
    if any(unicodedata.category(ch) in ("Cc", "Cf") and ch not in "\u200c\u200d" for ch in value):
        raise BadArticle(f"{flag} holds a control character; give plain text")
    value = " ".join(value.split())
    if not value:
        raise BadArticle(f"{flag} is empty")
    if len(value) > META_LIMITS[name]:
        raise BadArticle(
            f"{flag} is too long ({len(value)} characters; at most {META_LIMITS[name]})"
        )
    if name == "url" and not _URL.match(value):
        raise BadArticle(f"--url must be an http:// or https:// address, got {value[:80]!r}")
    if name == "language" and not LANGUAGE_TAG.match(value):
        raise BadArticle(f"--language must be a language tag such as 'en', got {value[:80]!r}")
    return value


def _displayable(name: str) -> str:
    """A file name as text that can always be written out (undecodable bytes replaced)."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _check_readable(path: Path) -> tuple[bytes, str]:
    if not path.exists():
        raise BadArticle(f"{path}: no such file")
    if not path.is_file():
        raise BadArticle(f"{path}: not a regular file")
    try:
        data = path.read_bytes()
    except OSError as err:
        raise BadArticle(f"{path}: cannot read it ({err.strerror or err})") from err
    return data, check_bytes(str(path), data)


def _check_date(published: str | None) -> str | None:
    if published is None:
        return None
    try:
        return date.fromisoformat(published).isoformat()
    except ValueError as err:
        raise BadArticle(f"--published must be YYYY-MM-DD, got {published!r}") from err


def check_meta(meta: dict[str, str | None]) -> dict[str, str | None]:
    """Metadata given by the user (outlet, url, published, title, language), checked;
    values that are None are left out.

    Raises:
        BadArticle: a value is not sound (see ``check_meta_value``) or a date not YYYY-MM-DD.
    """
    return {
        key: _check_date(value) if key == "published" else check_meta_value(key, value)
        for key, value in meta.items()
        if value is not None
    }


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# Articles are created readable as any new file is (mkstemp alone gives 0600), so that a
# bot or a colleague under another account can read the corpus.
FILE_MODE = 0o666 & ~_umask()


def _write_atomic(path: Path, data: bytes) -> None:
    """Write aside, then rename: a reader never sees half a file."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


_warned: set[tuple[str, str]] = set()


def _warn_once(path: Path, message: str) -> None:
    """Warn about a damaged metadata file once per process, not at every listing."""
    if (str(path), message) not in _warned:
        _warned.add((str(path), message))
        logger.warning("%s: %s", _displayable(str(path)), message)


def _load_meta(meta_path: Path) -> dict[str, Any]:
    """The fields of a metadata file that are sound; a damaged file or field is warned about."""
    try:
        raw = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        reason = getattr(err, "strerror", None) or err.__class__.__name__
        _warn_once(meta_path, f"damaged metadata skipped ({reason}); outlet unknown")
        return {}
    if not isinstance(raw, dict):
        _warn_once(meta_path, "damaged metadata skipped (not a JSON object); outlet unknown")
        return {}
    meta: dict[str, Any] = {}
    for key, value in raw.items():
        if not isinstance(key, str) or not _sound(key):
            continue
        if key == "published" and value is not None:
            try:
                value = date.fromisoformat(value).isoformat() if isinstance(value, str) else None
            except ValueError:
                value = None
            if value is None:
                _warn_once(meta_path, "damaged field 'published' skipped")
                continue
        elif key == "charset" and value is not None:
            try:
                codecs.lookup(value)
            except (LookupError, TypeError):
                _warn_once(meta_path, "damaged field 'charset' skipped")
                continue
        if value is not None and not (isinstance(value, str) and _sound(value)):
            if key in ("outlet", "url", "title", "published", "original_name", "charset"):
                _warn_once(meta_path, f"damaged field {key!r} skipped")
                continue
            if not isinstance(value, (int, float, bool)):
                continue  # a field of someone else's: kept only when plainly a scalar
        meta[key] = value
    return meta


def _read_json_object(meta_path: Path) -> dict[str, Any]:
    """A metadata file's object, to be changed and written back whole.

    Raises:
        BadArticle: the file is damaged; it is left as it is.
    """
    try:
        raw = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raw = err
    if not isinstance(raw, dict):
        raise BadArticle(f"{meta_path}: damaged metadata, left as it is; fix or delete it first")
    return raw


def _sound(text: str) -> bool:
    """Text that can be written anywhere: valid Unicode, no control characters."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return not any(unicodedata.category(ch) == "Cc" for ch in text)


class Corpus:
    """The articles of one story, as files in a folder.

    Example: Corpus("corpus").add([Path("a.txt")], outlet="UNIAN")
    """

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    def files(self) -> list[StoredFile]:
        """Every article file with its metadata, sorted by name."""
        if not self.root.is_dir():
            raise CorpusError(f"corpus folder {self.root} does not exist")
        stored = []
        for path in sorted(self.root.iterdir()):
            if path.name.startswith(".") or path.name.endswith(META_SUFFIX):
                continue
            if not path.is_file() or path.suffix.lower() not in {".txt", ".html", ".htm"}:
                continue
            stored.append(StoredFile(path, self._read_meta(path)))
        return stored

    def _meta_path(self, path: Path) -> Path:
        return path.with_name(path.stem + META_SUFFIX)

    def _read_meta(self, path: Path) -> dict[str, Any]:
        meta_path = self._meta_path(path)
        meta: dict[str, Any] = {}
        if meta_path.exists():
            meta = _load_meta(meta_path)
        # The checksum is of the bytes as they are now, so an edited file is seen as changed.
        try:
            meta["sha256"] = sha256_bytes(path.read_bytes())
        except OSError as err:
            raise CorpusError(f"{path}: cannot read it ({err.strerror or err})") from err
        meta.setdefault("outlet", "unknown outlet")
        return meta

    def add(
        self,
        paths: list[Path],
        outlet: str | None = None,
        url: str | None = None,
        published: str | None = None,
        title: str | None = None,
        check: Callable[[str, str, bool], None] | None = None,
    ) -> list[tuple[Path, StoredFile | None]]:
        """Copy files into the corpus with their metadata.

        Every file is checked before anything is written, so one bad file
        leaves the corpus as it was. A file whose bytes are already in the
        corpus is not added again (its entry in the result is None).

        Args:
            check: called with each file's name, text and whether it is HTML before
                anything is written; raises ``BadArticle`` for a file that must not be added.

        Raises:
            BadArticle: a file is missing, unreadable, empty or binary, or a
                metadata value is not sound text (see ``check_meta_value``).
        """
        given = check_meta({"outlet": outlet, "url": url, "published": published, "title": title})
        payloads = []
        for path in paths:
            data, charset = _check_readable(path)
            html = is_html(path.suffix, decode(data, charset))
            if check is not None:
                check(_displayable(str(path)), decode(data, charset), html)
            payloads.append((path, data, charset, html))
        known = self.checksums()
        return [
            (path, self.store(data, path.name, html, charset, given, known))
            for path, data, charset, html in payloads
        ]

    def checksums(self) -> Carriers:
        """The sha256 of every article's bytes, each with the outlets and urls that carry
        those bytes (none when the folder does not exist yet)."""
        known: Carriers = {}
        for f in self.files() if self.root.is_dir() else []:
            known.setdefault(f.checksum, set()).add((f.meta.get("outlet"), f.meta.get("url")))
        return known

    def store(
        self,
        data: bytes,
        name: str,
        html: bool,
        charset: str,
        meta: dict[str, Any],
        known: Carriers,
    ) -> StoredFile | None:
        """Write one checked article and its metadata; None if its bytes are already there
        and nothing new carries them.

        The same bytes from another outlet or url (a wire text run word for word) are another
        article, which answers collapse into one passage ``carried_by`` both; the same bytes
        again with no other outlet or url given are the article already there.

        Args:
            name: the name it came under (a file name, or one made from a url), kept as
                ``original_name`` and used for the stored file's name.
            meta: outlet, url, published, title (and language), already checked.
            known: ``checksums()`` of the corpus; the new one is added to it.
        """
        self.root.mkdir(parents=True, exist_ok=True)
        digest = sha256_bytes(data)
        outlet = meta.get("outlet") or "unknown outlet"
        carrier = (outlet, meta.get("url"))
        carriers = known.setdefault(digest, set())
        if carriers and (carrier in carriers or not (meta.get("outlet") or meta.get("url"))):
            logger.info("%s is already in the corpus", _displayable(name))
            return None
        suffix = ".html" if html else ".txt"
        # No leading dot: a dot-named file is one nothing lists.
        stem = re.sub(r"[^\w.-]+", "_", Path(name).stem).lstrip(".")[:60] or "article"
        # another carrier of the same bytes: its own name, after the carrier
        again = f"_{sha256_bytes(repr(carrier).encode('utf-8'))[:4]}" if carriers else ""
        carriers.add(carrier)
        target = self.root / f"{stem}_{digest[:8]}{again}{suffix}"
        record = {
            "outlet": outlet,
            "url": meta.get("url"),
            "published": meta.get("published"),
            "title": meta.get("title"),
            **({"language": meta["language"]} if meta.get("language") else {}),
            "original_name": _displayable(name),
            "charset": charset,
            "sha256": digest,
        }
        # Metadata first: an add killed in between leaves a stray .meta.json, which
        # nothing lists, never an article without its outlet.
        _write_atomic(self._meta_path(target), json.dumps(record, indent=2).encode("utf-8"))
        _write_atomic(target, data)
        return StoredFile(target, record)

    def find(self, article: str) -> StoredFile:
        """An article by its id, its file name in the corpus, or the name it was added under
        when no other article was added under the same one.

        Raises:
            BadArticle: no article of the corpus has that id or name, or several were added
                under that name.
        """
        name = Path(article).name
        files = self.files()
        for stored in files:
            if name in (stored.article_id, stored.path.name):
                return stored
        # the name it was added under ("gazette.txt" for gazette_674a2ae9.txt), when one has it
        added = [s for s in files if s.meta.get("original_name") == name]
        if len(added) == 1:
            return added[0]
        if added:
            ids = ", ".join(s.article_id for s in added)
            raise BadArticle(f"{article}: {len(added)} articles were added under that name ({ids})")
        raise BadArticle(f"{article}: no such article in {self.root} (see `storybot sources`)")

    def remove(self, articles: list[str]) -> list[StoredFile]:
        """Delete articles and their metadata; all are found before any is deleted.

        The article goes first, then its metadata: a remove killed in between leaves a
        stray .meta.json, which nothing lists (and which a later add of the same bytes
        overwrites), never an article without its outlet.

        Raises:
            BadArticle: one of the articles is not in the corpus (nothing is deleted).
        """
        found = list({s.path: s for s in (self.find(a) for a in articles)}.values())
        for stored in found:
            stored.path.unlink()
            self._meta_path(stored.path).unlink(missing_ok=True)
        return found

    def edit(self, article: str, changes: dict[str, str | None]) -> StoredFile:
        """Change an article's metadata (outlet, url, published, title, language); never its bytes.

        Raises:
            BadArticle: the article is not in the corpus, a value is not sound, or its
                metadata file is damaged (it is left as it is).
        """
        stored = self.find(article)
        checked = check_meta(changes)
        meta_path = self._meta_path(stored.path)
        if meta_path.exists():
            current = _read_json_object(meta_path)
        else:
            data = stored.path.read_bytes()
            current = {"charset": detect_charset(data), "sha256": sha256_bytes(data)}
        record = {**current, **checked}
        _write_atomic(meta_path, json.dumps(record, indent=2).encode("utf-8"))
        return StoredFile(stored.path, self._read_meta(stored.path))
