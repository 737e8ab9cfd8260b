"""Latency of the real Telegram bot over the Bot API emulator: many chats at once, one alone.

Used by ``bench/speed.py``: ``asyncio.run(chat_latencies(storybot, questions))``. The bot is
``bot.app.build_application`` polling the emulator of ``tests/emulator`` on 127.0.0.1, with the
per-chat rate limit and Telegram's flood control off (they would time the limiter, not the
answers). Latency is from a question's send to its reply in the chat.
"""

from __future__ import annotations

import asyncio
import time
from contextlib import AsyncExitStack
from typing import Any

CHATS = 50
PER_CHAT = 2
ALONE = 20


async def _ask(remote: Any, user: dict, question: str, before: int) -> tuple[float, bool]:
    """Milliseconds from sending ``question`` to the bot's next reply (the chat holds
    ``before`` replies already), and whether that reply answers another question."""
    started = time.perf_counter()
    sent = await remote.send_private(user, question)
    replies = await remote.wait_for_messages(user["id"], before + 1, timeout=600)
    reply = replies[before]
    crossed = reply.get("reply_to_message", {}).get("message_id") != sent["message_id"]
    crossed = crossed or not reply["text"].startswith(question[:40])
    return (time.perf_counter() - started) * 1000, crossed


async def chat_latencies(
    storybot: Any, questions: list[str]
) -> tuple[list[float], list[float], int, int]:
    """(one chat alone ms, many chats ms, replies crossed, questions unanswered)."""
    from bot.app import ALLOWED_UPDATES, build_application
    from tests.emulator import BotApiEmulator, EmulatorClient

    with BotApiEmulator().in_thread() as running:
        async with EmulatorClient(running.url) as client, AsyncExitStack() as stack:
            remote = await client.create_bot(privacy_mode=True, inline_mode=True)
            app = build_application(
                remote.token,
                storybot,
                base_url=client.base_url,
                rate_limit=(1000, 60.0),
                flood_control=False,
            )
            await stack.enter_async_context(app)
            await app.post_init(app)
            await app.start()
            stack.push_async_callback(app.stop)
            await app.updater.start_polling(
                poll_interval=0, timeout=2, allowed_updates=ALLOWED_UPDATES
            )
            stack.push_async_callback(app.updater.stop)
            pool = questions[-(CHATS * PER_CHAT + ALONE) :]
            alone_user = await remote.new_user("Alone")
            alone = []
            for n, question in enumerate(pool[:ALONE]):
                ms, _ = await _ask(remote, alone_user, question, n)
                alone.append(ms)
            users = [await remote.new_user(f"User {i}") for i in range(CHATS)]
            jobs = pool[ALONE:]

            async def chat(n: int) -> list[tuple[float, bool]]:
                mine = jobs[n * PER_CHAT : (n + 1) * PER_CHAT]
                return [await _ask(remote, users[n], q, i) for i, q in enumerate(mine)]

            results = await asyncio.gather(*(chat(n) for n in range(CHATS)))
    many = [ms for r in results for ms, _ in r]
    crossed = sum(c for r in results for _, c in r)
    return alone, many, crossed, CHATS * PER_CHAT - len(many)
