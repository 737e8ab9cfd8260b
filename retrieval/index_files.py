"""The index folder's files: which names storybot makes, the marker that claims a folder, and
writing a file aside then renaming it into place (``retrieval/index.py`` keeps what is in them).

storybot writes into, and removes files from, a folder with the marker only, and removes only
the file names it makes itself.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import time
from pathlib import Path
from typing import Any

from retrieval.errors import IndexFolderRefused

MANIFEST = "manifest.json"
MARKER = ".storybot-index"
_MARKER_TEXT = (
    "This folder is a storybot index: storybot writes and removes the files in it.\n"
    "Keep nothing else here.\n"
)
_GENERATION = r"[0-9a-f]+-[0-9a-f]+"
# The files of one generation: vectors, passages, their stance cues, sentence vectors, BM25
# and the denials' context vectors.
_GENERATION_FILE = (
    rf"vectors\.{_GENERATION}\.faiss|"
    rf"passages\.{_GENERATION}(?:\.stance\.jsonl|\.jsonl|\.sentences\.npy|\.bm25\.npz|\.denials\.npz|\.multilingual\.npz)"
)
# Every name storybot makes in an index folder; nothing else is ever removed.
_OWN_FILE = re.compile(
    rf"^(?:{re.escape(MANIFEST)}|{re.escape(MARKER)}|\.lock|{_GENERATION_FILE})$"
)
_OLD_GENERATION = re.compile(rf"^(?:{_GENERATION_FILE})$")
_OWN_TMP = re.compile(
    rf"^\.(?:{re.escape(MANIFEST)}|{re.escape(MARKER)}|{_GENERATION_FILE})\.[A-Za-z0-9_]+\.tmp$"
)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# Files are created readable as any new file is (mkstemp alone gives 0600), so that a
# bot or a colleague under another account can read the index.
FILE_MODE = 0o666 & ~_umask()


def _same_folder(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def claim_folder(folder: Path, corpus: Path | None = None) -> None:
    """Make sure ``folder`` is an index folder storybot owns, claiming it if it may.

    A missing or empty folder, or one that holds only names storybot makes, is
    claimed (the marker is written). A folder with the marker is ours already.

    Raises:
        IndexFolderRefused: the folder is the corpus folder or holds other files.
        OSError: the folder cannot be created or written.
    """
    if corpus is not None and _same_folder(folder, corpus):
        raise IndexFolderRefused(
            f"{folder}: the index folder is the corpus folder; give --index another folder"
        )
    if (folder / MARKER).is_file():
        return
    if folder.exists() and not folder.is_dir():
        raise IndexFolderRefused(f"{folder}: not a folder, cannot hold the index")
    if folder.is_dir():
        foreign = sorted(
            p.name
            for p in folder.iterdir()
            if not (_OWN_FILE.match(p.name) or _OWN_TMP.match(p.name)) or not p.is_file()
        )
        if foreign:
            raise IndexFolderRefused(
                f"{folder}: refusing to use it as the index folder, it holds files storybot "
                f"did not make ({foreign[0]}{', ...' if len(foreign) > 1 else ''}); "
                "give --index a new or empty folder"
            )
    folder.mkdir(parents=True, exist_ok=True)
    _write_aside(folder, MARKER, lambda p: Path(p).write_text(_MARKER_TEXT, encoding="utf-8"))


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _write_aside(folder: Path, name: str, write: Any) -> Path:
    """Write a file under a temporary name, then rename it into place."""
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
    try:
        os.fchmod(fd, FILE_MODE)
    finally:
        os.close(fd)
    try:
        write(tmp)
        os.replace(tmp, folder / name)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return folder / name


def _remove_old_generations(folder: Path, keep: set[str]) -> None:
    """Remove earlier generations and stale temporary files: names storybot makes, only."""
    if not (folder / MARKER).is_file():
        return  # not a folder storybot owns: remove nothing
    for path in folder.iterdir():
        if not path.is_file() or path.is_symlink():
            continue
        if _OLD_GENERATION.match(path.name) and path.name not in keep:
            path.unlink(missing_ok=True)
        elif _OWN_TMP.match(path.name):
            # Left by a build that was killed; ours are renamed away before we get here.
            if time.time() - path.stat().st_mtime > 3600:
                path.unlink(missing_ok=True)
