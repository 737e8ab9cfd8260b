"""Outgoing webhooks: while a bot has one set, its updates are POSTed to it, not queued for polls.

Telegram sends each update as JSON to the webhook URL, with the header
``X-Telegram-Bot-Api-Secret-Token`` when a secret was set, repeats a failed request (no answer,
or a status other than 2xx) and gives up after a reasonable number of attempts. Only
``http(s)://127.0.0.1`` URLs are accepted here: the emulator never sends anything off the machine.

Example: state.webhook = Webhook(state, "http://127.0.0.1:8443/hook", secret="s3cret").start()
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import time
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import aiohttp

from .errors import bad_request

if TYPE_CHECKING:
    from .state import BotState

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")
# A bot that is still starting gets a few tries over about five seconds, then the update is
# dropped, as Telegram gives up "after a reasonable amount of attempts".
MAX_ATTEMPTS = 8
_FIRST_PAUSE = 0.05
_LONGEST_PAUSE = 2.0


def check_webhook_url(url: str) -> str:
    """The URL if the emulator may POST to it: http(s) on 127.0.0.1; else Telegram's 400."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise bad_request("bad webhook: invalid webhook URL specified") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise bad_request("bad webhook: invalid webhook URL specified")
    if parts.hostname != "127.0.0.1":
        raise bad_request(
            f"bad webhook: the emulator posts to http(s)://127.0.0.1 only, not {parts.hostname}"
        )
    if port == 0:
        raise bad_request("bad webhook: invalid webhook URL specified")
    return url


def check_secret(secret: str | None) -> str | None:
    """A secret token as Telegram allows it: 1-256 of ``A-Za-z0-9_-`` (empty: none)."""
    if not secret:
        return None
    if not _SECRET.fullmatch(secret):
        raise bad_request("secret token contains unallowed characters")
    return secret


class Webhook:
    """One bot's webhook: the URL, the secret, and the task that delivers its pending updates.

    Example: hook = Webhook(state, "http://127.0.0.1:8443/hook").start(); await hook.stop()
    """

    def __init__(self, state: BotState, url: str, secret: str | None = None) -> None:
        self.state = state
        self.url = check_webhook_url(url)
        self.secret = check_secret(secret)
        self.delivered = 0
        self.last_error_date: int | None = None
        self.last_error_message: str | None = None
        self._task: asyncio.Task[None] | None = None

    def start(self) -> Webhook:
        """Begin delivering (on the running event loop)."""
        self._task = asyncio.get_running_loop().create_task(self._run())
        return self

    async def stop(self) -> None:
        """Stop delivering; undelivered updates stay pending (for getUpdates once deleted)."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    def info(self) -> dict[str, Any]:
        """The webhook's part of ``getWebhookInfo``."""
        info: dict[str, Any] = {"url": self.url, "max_connections": 1}
        if self.last_error_date is not None:
            info["last_error_date"] = self.last_error_date
            info["last_error_message"] = self.last_error_message
        info["allowed_updates"] = list(self.state.allowed_updates)
        return info

    async def _run(self) -> None:
        timeout = aiohttp.ClientTimeout(total=10)
        async with aiohttp.ClientSession(timeout=timeout) as session:
            while True:
                try:
                    first = await self.state.wait_until(lambda: self.state.pending[:1], 3600)
                except TimeoutError:
                    continue
                update = first[0]
                if await self._deliver(session, update):
                    self.delivered += 1
                # delivered or given up: either way it leaves the queue
                self.state.pending = [u for u in self.state.pending if u is not update]
                await self.state.notify()

    async def _deliver(self, session: aiohttp.ClientSession, update: dict) -> bool:
        """POST one update, retrying with growing pauses; whether the bot took it (2xx)."""
        headers = {SECRET_HEADER: self.secret} if self.secret else {}
        pause = _FIRST_PAUSE
        for attempt in range(1, MAX_ATTEMPTS + 1):
            try:
                async with session.post(self.url, json=update, headers=headers) as response:
                    if 200 <= response.status < 300:
                        return True
                    reason = f"Wrong response from the webhook: {response.status} {response.reason}"
            except (aiohttp.ClientError, TimeoutError) as err:
                reason = f"Connection failed: {err.__class__.__name__}"
            self.last_error_date = int(time.time())
            self.last_error_message = reason
            await self.state.notify()
            logger.debug(
                "webhook attempt %d for update %s: %s", attempt, update["update_id"], reason
            )
            if attempt < MAX_ATTEMPTS:
                await asyncio.sleep(pause)
                pause = min(pause * 2, _LONGEST_PAUSE)
        logger.warning("webhook gave up on update %s: %s", update["update_id"], reason)
        return False
