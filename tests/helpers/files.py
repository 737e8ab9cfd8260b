"""Seed files, tiny invented articles and folder snapshots for before/after comparisons."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
REPO_CORPUS = REPO / "corpus"
DATA = REPO / "tests" / "data"
MESSY = DATA / "messy"

# The seed articles as captured, byte for byte (sha256 of the files given to the team).
SEED_SHA256 = {
    "000_48b3ab6b06832608": "3b875cde2d5927aaca3d955fb031ff4522f12ba4f03a84eed587b1c9516ad94e",
    "002_531a3ddd1fc5c7d1": "91d13f2dcc595e23a8151fef8e1bb44fed0e4af9d3ea227c9ec692de2a469bee",
}
SEED_UNIAN, SEED_REPUBLIC = sorted(SEED_SHA256)

# Small invented articles for index bookkeeping: a headline and two short paragraphs each.
TINY_ARTICLES = {
    "bridge": (
        "Council approves new river bridge\n\n"
        "The city council approved a new river bridge on Monday after a six-hour debate. "
        "Mayor Anna Berg said the bridge would open in 2026.\n\n"
        "Opponents said the cost had doubled since the plan was first shown to residents."
    ),
    "strike": (
        "Dockworkers walk out over automated cranes\n\n"
        "Dockworkers at the northern port stopped work on Tuesday. "
        "The union said automated cranes would cost 300 jobs.\n\n"
        "The port authority said no jobs would be lost and talks would resume on Friday."
    ),
    "flood": (
        "River floods low-lying villages\n\n"
        "Heavy rain flooded three villages along the river overnight. "
        "Rescuers evacuated 200 residents by boat.\n\n"
        "The regional governor said the water would recede by the weekend."
    ),
    "school": (
        "School trials a four-day week\n\n"
        "A secondary school will trial a four-day week from September. "
        "The head teacher said attendance had fallen for two years.\n\n"
        "Some parents said they could not find childcare for the fifth day."
    ),
}


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under a folder (relative path -> sha256); empty when the folder is missing."""
    if not folder.exists():
        return {}
    return {
        str(path.relative_to(folder)): sha256_file(path)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def copy_seed_corpus(target: Path) -> Path:
    """Copy the two seed articles and their metadata from the repository's corpus/."""
    target.mkdir(parents=True, exist_ok=True)
    for article_id in SEED_SHA256:
        for suffix in (".txt", ".meta.json"):
            shutil.copy2(REPO_CORPUS / f"{article_id}{suffix}", target / f"{article_id}{suffix}")
    return target


def write_article(
    folder: Path,
    name: str,
    text: str,
    outlet: str = "Test Gazette",
    published: str = "2024-03-01",
    url: str | None = None,
) -> Path:
    """Put an article straight into a corpus folder with its metadata (bypassing ``add``)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    meta = {"outlet": outlet, "url": url, "published": published, "title": None}
    (folder / f"{name}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return path


def write_story(folder: Path, articles: Mapping[str, tuple[str, str, str]]) -> Path:
    """A corpus folder of invented articles, each ``(outlet, published, text)`` by its name,
    its url made from the name; the folder."""
    for name, (outlet, published, text) in articles.items():
        write_article(folder, name, text, outlet, published, f"https://{name}.example/")
    return folder


def story_bot(root: Path, articles: Mapping[str, tuple[str, str, str]], embedder: Any) -> Any:
    """A Storybot over ``write_story(root / "corpus", articles)``, its index beside the
    corpus (``embedder`` the session's, so no test loads the model again)."""
    from retrieval.service import Storybot

    corpus = write_story(root / "corpus", articles)
    return Storybot.open(corpus, root / "index", embedder=embedder)


def messy_pages() -> list[str]:
    """Names of the messy captured pages that have an expected.json."""
    return sorted(p.name.removesuffix(".expected.json") for p in MESSY.glob("*.expected.json"))


def messy_page(name: str) -> tuple[Path, dict]:
    """A messy page's file and its expectations."""
    expected = json.loads((MESSY / f"{name}.expected.json").read_text(encoding="utf-8"))
    page = next(p for p in MESSY.glob(f"{name}.*") if not p.name.endswith(".json"))
    return page, expected
