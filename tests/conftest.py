"""Shared fixtures: tmp locations for every test, the real model once, the seed index once.

No test writes to the repository's corpus/ or index/: an autouse fixture points
STORYBOT_CORPUS and STORYBOT_INDEX at tmp folders, and the seed index is built
from a copy of the seed articles.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from retrieval.embed import Embedder
from retrieval.service import Storybot
from retrieval.types import Answer, Article
from tests.helpers.answers import check_answer, cleaned_articles
from tests.helpers.files import copy_seed_corpus

# Property tests (tests/test_properties.py): "ci" is the suite's run (about 10,000 cases),
# "long" twenty times more: HYPOTHESIS_PROFILE=long ./run tests tests/test_properties.py
for _name in ("ci", "long"):
    settings.register_profile(
        _name, deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
    )
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@dataclass(frozen=True)
class SeedDirs:
    """A corpus folder with the two seed articles and the index built from it."""

    corpus: Path
    index: Path


@pytest.fixture(autouse=True)
def env_setup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point storybot's default locations at tmp folders and keep the hub offline."""
    monkeypatch.setenv("STORYBOT_CORPUS", str(tmp_path / "env" / "corpus"))
    monkeypatch.setenv("STORYBOT_INDEX", str(tmp_path / "env" / "index"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    """The real MiniLM embedder, loaded once per test session."""
    model = Embedder()
    model.warm_up()
    return model


@pytest.fixture(scope="session")
def _seed(
    tmp_path_factory: pytest.TempPathFactory, embedder: Embedder
) -> tuple[SeedDirs, Storybot]:
    root = tmp_path_factory.mktemp("seed")
    dirs = SeedDirs(copy_seed_corpus(root / "corpus"), root / "index")
    bot = Storybot.open(dirs.corpus, dirs.index, embedder=embedder)
    return dirs, bot


@pytest.fixture(scope="session")
def seed_dirs(_seed: tuple[SeedDirs, Storybot]) -> SeedDirs:
    """The seed corpus copy and its real FAISS index (built once; do not modify them)."""
    return _seed[0]


@pytest.fixture(scope="session")
def seed_bot(_seed: tuple[SeedDirs, Storybot]) -> Storybot:
    """A ``Storybot`` over the seed index, with the real model."""
    return _seed[1]


@pytest.fixture(scope="session")
def seed_articles(seed_dirs: SeedDirs) -> dict[str, Article]:
    """The seed articles as the pipeline cleans them, by id."""
    return cleaned_articles(seed_dirs.corpus)


@pytest.fixture(scope="session")
def ask_seed(seed_bot: Storybot, seed_articles: dict[str, Article]) -> Callable[..., Answer]:
    """Ask the seed bot (each question once per session) and check every answer's contract.

    Answering takes a moment on a busy machine, so tests asking the same question share it.
    """
    answers: dict[tuple[str, int], Answer] = {}

    def ask(question: str, k: int = 6) -> Answer:
        if (question, k) not in answers:
            answer = seed_bot.ask(question, k=k)
            check_answer(answer, seed_articles)
            answers[question, k] = answer
        return answers[question, k]

    return ask


@pytest.fixture
def seed_copy(seed_dirs: SeedDirs, tmp_path: Path) -> SeedDirs:
    """A private copy of the seed corpus and its index, for tests that change them."""
    target = SeedDirs(tmp_path / "seed" / "corpus", tmp_path / "seed" / "index")
    shutil.copytree(seed_dirs.corpus, target.corpus)
    shutil.copytree(seed_dirs.index, target.index, ignore=shutil.ignore_patterns(".lock"))
    return target


@pytest.fixture
def shared_model(embedder: Embedder, monkeypatch: pytest.MonkeyPatch) -> Embedder:
    """Make every ``Embedder()`` the CLI creates the session's already loaded model."""
    import retrieval.embed
    import retrieval.service

    monkeypatch.setattr(retrieval.service, "Embedder", lambda *a, **k: embedder)
    monkeypatch.setattr(retrieval.embed, "Embedder", lambda *a, **k: embedder)
    return embedder
