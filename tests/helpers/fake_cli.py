"""The storybot command line with the fake embedder, for tests that run it as a process.

``python -m tests.helpers.fake_cli ARGS`` is ``storybot ARGS`` without loading the real
model (ten seconds of imports): the fault test starts and kills many of these.
"""

from __future__ import annotations

import retrieval.embed
import retrieval.service
from storybot.cli import main
from tests.helpers.fakes import FakeEmbedder


def _fake(*args: object, **kwargs: object) -> FakeEmbedder:
    return FakeEmbedder()


retrieval.embed.Embedder = _fake  # type: ignore[assignment,misc]
retrieval.service.Embedder = _fake  # type: ignore[assignment,misc]

if __name__ == "__main__":
    main()
