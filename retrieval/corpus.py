"""The corpus folder: each article kept byte for byte, its metadata beside it.

Layout: ``corpus/NAME.txt`` (or ``.html``) is the file as captured, and
``corpus/NAME.meta.json`` holds outlet, url, published date, title and the
file's sha256. Nothing here parses article text: see ``ingest``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from retrieval.errors import BadArticle, CorpusError

logger = logging.getLogger(__name__)

META_SUFFIX = ".meta.json"
MAX_FILE_BYTES = 20 * 1024 * 1024
_HTML_SNIFF = re.compile(rb"<\s*(?:!doctype\s+html|html|head|body|article|p|div)\b", re.IGNORECASE)


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


def looks_like_html(data: bytes) -> bool:
    """Whether a file's first few kilobytes look like an HTML page."""
    return bool(_HTML_SNIFF.search(data[:4096]))


def _check_readable(path: Path) -> bytes:
    if not path.exists():
        raise BadArticle(f"{path}: no such file")
    if not path.is_file():
        raise BadArticle(f"{path}: not a regular file")
    try:
        data = path.read_bytes()
    except OSError as err:
        raise BadArticle(f"{path}: cannot read it ({err.strerror or err})") from err
    if not data.strip():
        raise BadArticle(f"{path}: the file is empty")
    if len(data) > MAX_FILE_BYTES:
        raise BadArticle(f"{path}: too large ({len(data)} bytes; at most {MAX_FILE_BYTES})")
    if b"\x00" in data:
        raise BadArticle(f"{path}: a binary file, not an article (plain text or HTML)")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise BadArticle(f"{path}: not UTF-8 text ({err.reason} at byte {err.start})") from err
    return data


def _check_date(published: str | None) -> str | None:
    if published is None:
        return None
    try:
        return date.fromisoformat(published).isoformat()
    except ValueError as err:
        raise BadArticle(f"--published must be YYYY-MM-DD, got {published!r}") from err


def _write_atomic(path: Path, data: bytes) -> None:
    """Write aside, then rename: a reader never sees half a file."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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
            try:
                meta = json.loads(meta_path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as err:
                raise CorpusError(f"{meta_path}: unreadable metadata ({err})") from err
            if not isinstance(meta, dict):
                raise CorpusError(f"{meta_path}: metadata must be a JSON object")
        # The checksum is of the bytes as they are now, so an edited file is seen as changed.
        meta["sha256"] = sha256_bytes(path.read_bytes())
        meta.setdefault("outlet", "unknown outlet")
        return meta

    def add(
        self,
        paths: list[Path],
        outlet: str | None = None,
        url: str | None = None,
        published: str | None = None,
        title: str | None = None,
        check: Callable[[str, bytes], None] | None = None,
    ) -> list[tuple[Path, StoredFile | None]]:
        """Copy files into the corpus with their metadata.

        Every file is checked before anything is written, so one bad file
        leaves the corpus as it was. A file whose bytes are already in the
        corpus is not added again (its entry in the result is None).

        Args:
            check: called with each file's name and bytes before anything is written;
                raises ``BadArticle`` for a file that must not be added.

        Raises:
            BadArticle: a file is missing, unreadable, empty, binary or not UTF-8.
        """
        published = _check_date(published)
        payloads = [(path, _check_readable(path)) for path in paths]
        for path, data in payloads:
            if check is not None:
                check(str(path), data)
        self.root.mkdir(parents=True, exist_ok=True)
        known = {f.checksum for f in self.files()}
        results: list[tuple[Path, StoredFile | None]] = []
        for path, data in payloads:
            digest = sha256_bytes(data)
            if digest in known:
                logger.info("%s is already in the corpus", path)
                results.append((path, None))
                continue
            known.add(digest)
            suffix = ".html" if looks_like_html(data) else ".txt"
            stem = re.sub(r"[^\w.-]+", "_", path.stem)[:60] or "article"
            target = self.root / f"{stem}_{digest[:8]}{suffix}"
            meta = {
                "outlet": outlet or "unknown outlet",
                "url": url,
                "published": published,
                "title": title,
                "original_name": path.name,
                "sha256": digest,
            }
            # Metadata first: an add killed in between leaves a stray .meta.json, which
            # nothing lists, never an article without its outlet.
            _write_atomic(self._meta_path(target), json.dumps(meta, indent=2).encode("utf-8"))
            _write_atomic(target, data)
            results.append((path, StoredFile(target, meta)))
        return results
