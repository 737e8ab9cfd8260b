"""An HTTP client for the emulator's user side, for a standalone (or threaded) emulator.

``RemoteBot`` has the same async methods as the in-process ``BotState``, so a test can drive
either one.

Example:
    async with EmulatorClient("http://127.0.0.1:8081") as client:
        bot = await client.create_bot(username="storybot_test_bot")
        alice = await bot.new_user("Alice")
        await bot.send_private(alice, "Did Xi refuse?")
"""

from __future__ import annotations

import inspect
from typing import Any

import aiohttp

from .errors import UserError
from .server import USER_ACTIONS
from .state import BotState


class EmulatorClient:
    """Talks to a running emulator's ``/_user`` routes.

    Example: async with EmulatorClient(url) as client: bot = await client.create_bot()
    """

    def __init__(self, url: str) -> None:
        self.url = url.rstrip("/")
        if self.url.endswith("/bot"):
            self.url = self.url[: -len("/bot")]
        self._session: aiohttp.ClientSession | None = None

    @property
    def base_url(self) -> str:
        """The Bot API base URL to give ``telegram.Bot``."""
        return f"{self.url}/bot"

    async def __aenter__(self) -> EmulatorClient:
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=None))
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def post(self, path: str, body: dict[str, Any] | None = None) -> Any:
        """POST JSON to the emulator and return ``result``; raise its error as Python errors."""
        if self._session is None:
            self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=None))
        async with self._session.post(f"{self.url}{path}", json=body or {}) as response:
            data = await response.json()
        if data.get("ok"):
            return data["result"]
        if response.status == 408:
            raise TimeoutError(data.get("description"))
        raise UserError(data.get("description", f"HTTP {response.status}"))

    async def health(self) -> dict:
        """``{"bots": n}`` when the emulator is up."""
        async with self._session.get(f"{self.url}/_user/health") as response:  # type: ignore[union-attr]
            return (await response.json())["result"]

    async def create_bot(
        self,
        username: str = "storybot_test_bot",
        first_name: str = "Storybot",
        *,
        token: str | None = None,
        privacy_mode: bool = True,
        inline_mode: bool = False,
    ) -> RemoteBot:
        """Register a bot (as with BotFather) and return its user-side handle."""
        body: dict[str, Any] = {
            "username": username,
            "first_name": first_name,
            "privacy_mode": privacy_mode,
            "inline_mode": inline_mode,
        }
        if token:
            body["token"] = token
        result = await self.post("/_user/bots", body)
        return RemoteBot(self, result["token"], result["user"])


class RemoteBot:
    """The user side of one bot in a running emulator, method for method like ``BotState``.

    Example: await bot.send_command(group, alice, "ask", "did Xi refuse?")
    """

    def __init__(self, client: EmulatorClient, token: str, me: dict) -> None:
        self.client = client
        self.token = token
        self.bot_id = me["id"]
        self.username = me["username"]

    def __getattr__(self, name: str) -> Any:
        if name not in USER_ACTIONS:
            raise AttributeError(name)
        signature = inspect.signature(getattr(BotState, name))

        async def call(*args: Any, **kwargs: Any) -> Any:
            # bind like the in-process method would, so both take the same arguments
            bound = signature.bind(None, *args, **kwargs)
            body = {k: v for k, v in list(bound.arguments.items())[1:]}
            extra = body.pop("kwargs", None)
            if isinstance(extra, dict):
                body.update(extra)
            return await self.client.post(f"/_user/{self.token}/{name}", body)

        call.__name__ = name
        call.__doc__ = getattr(BotState, name).__doc__
        return call
