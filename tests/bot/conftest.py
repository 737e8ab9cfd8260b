"""Fixtures for the bot tests: a Bot API emulator, the real Storybot, and running bots.

The emulator is the one at ``STORYBOT_EMULATOR_URL`` when that is set (``.ci/run`` starts
``python -m tests.emulator`` and sets it), otherwise one started in this process for the session.
"""

from __future__ import annotations

import os
import threading
from contextlib import AsyncExitStack
from pathlib import Path

import pytest

from bot.app import ALLOWED_UPDATES, build_application
from tests.emulator import BotApiEmulator, EmulatorClient

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("PTB_TIMEDELTA", "1")  # PTB 23's RetryAfter, without its warning
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def emulator_url():
    """Root URL of a running emulator (``http://127.0.0.1:PORT``)."""
    url = os.environ.get("STORYBOT_EMULATOR_URL")
    if url:
        yield url.rstrip("/")
        return
    with BotApiEmulator().in_thread() as running:
        yield running.url


class RememberingStorybot:
    """The real Storybot, with each distinct question retrieved once per test session.

    The answers are the real ones; remembering them only saves recomputing the same question in
    every test (retrieval takes seconds). The bot still calls ``ask`` from its worker threads.
    """

    def __init__(self, storybot) -> None:
        self.storybot = storybot
        self.story = storybot.story
        self._answers: dict[tuple[str, int], object] = {}
        self._lock = threading.Lock()

    def ask(self, question: str, k: int = 6):
        key = (" ".join(question.split()), k)
        with self._lock:
            if key not in self._answers:
                self._answers[key] = self.storybot.ask(question, k)
            return self._answers[key]

    def sources(self):
        return self.storybot.sources()

    def timeline(self):
        return self.storybot.timeline()


@pytest.fixture(scope="session")
def real_storybot(seed_bot):
    """The real Storybot over the seed corpus: the session's, so the model loads once."""
    return seed_bot


@pytest.fixture(scope="session")
def storybot(real_storybot):
    """The real Storybot, remembering answers across the session (see RememberingStorybot)."""
    return RememberingStorybot(real_storybot)


@pytest.fixture
async def emulator(emulator_url):
    """The user side of the emulator, over HTTP."""
    async with EmulatorClient(emulator_url) as client:
        yield client


@pytest.fixture
async def start_bot(emulator):
    """Start the real Application polling the emulator; returns the bot's user-side handle.

    ``await start_bot(storybot, privacy_mode=False, page_limit=1200)`` registers a new bot
    (own token, so tests never share updates), builds the app with ``build_application`` and
    starts long polling. Everything started is stopped at the end of the test.
    """
    async with AsyncExitStack() as stack:

        async def start(storybot, *, privacy_mode=True, inline_mode=True, **options):
            remote = await emulator.create_bot(privacy_mode=privacy_mode, inline_mode=inline_mode)
            app = build_application(remote.token, storybot, base_url=emulator.base_url, **options)
            await stack.enter_async_context(app)
            await app.post_init(app)  # run_polling() does this after initialize()
            await app.start()
            stack.push_async_callback(app.stop)
            await app.updater.start_polling(
                poll_interval=0, timeout=2, allowed_updates=ALLOWED_UPDATES
            )
            stack.push_async_callback(app.updater.stop)
            remote.app = app
            return remote

        yield start
