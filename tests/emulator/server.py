"""The emulator's HTTP server: the Bot API at ``/bot<token>/<method>``, the user side at ``/_user``.

Example:
    async with BotApiEmulator() as emu:
        state = emu.add_bot(username="storybot_test_bot")
        bot = telegram.Bot(state.token, base_url=emu.base_url)
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import re
import secrets
import socket
import threading
import time
from typing import Any

from aiohttp import web

from .errors import ApiError, UserError
from .methods import METHODS, Params
from .state import BotState

logger = logging.getLogger(__name__)

ALLOWED_HOSTS = ("127.0.0.1", "localhost")
_TOKEN = re.compile(r"\d{1,20}:[A-Za-z0-9_-]{20,64}")
_NOT_FOUND = {"ok": False, "error_code": 404, "description": "Not Found"}
_UNAUTHORIZED = {"ok": False, "error_code": 401, "description": "Unauthorized"}
_SERVER_ERRORS = {
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}
# The user-side methods of BotState reachable over HTTP as /_user/<token>/<name>.
USER_ACTIONS = (
    "new_user",
    "new_chat",
    "set_privacy_mode",
    "set_inline_mode",
    "set_admin",
    "send_message",
    "send_private",
    "send_command",
    "send_mention",
    "reply",
    "create_topic",
    "press_button",
    "inline_query",
    "choose_inline_result",
    "messages",
    "bot_messages",
    "edits",
    "chat_actions",
    "inline_answer",
    "callback_answer",
    "updates",
    "pending_updates",
    "calls",
    "my_commands",
    "wait_for_messages",
    "wait_for_inline_answer",
    "wait_for_callback_answer",
    "wait_for_calls",
    "inject_fault",
    "clear_faults",
)


def check_host(host: str) -> str:
    """The address to bind: only the loopback interface, whatever name it is given."""
    if host not in ALLOWED_HOSTS:
        raise ValueError(f"the emulator listens on 127.0.0.1 only, not {host!r}")
    return "127.0.0.1"


async def _read_params(request: web.Request) -> dict[str, Any]:
    """Query string plus a JSON, urlencoded or multipart body (PTB posts urlencoded forms)."""
    raw: dict[str, Any] = dict(request.query)
    if request.method != "POST" or not request.can_read_body:
        return raw
    if request.content_type == "application/json":
        try:
            body = await request.json()
        except ValueError:
            raise ApiError(400, "Bad Request: can't parse JSON object") from None
        if not isinstance(body, dict):
            raise ApiError(400, "Bad Request: can't parse JSON object")
        raw.update(body)
    else:
        form = await request.post()
        raw.update({k: v for k, v in form.items() if isinstance(v, str)})
    return raw


class BotApiEmulator:
    """A Telegram Bot API emulator on 127.0.0.1, with per-token state and a user side.

    Example: async with BotApiEmulator() as emu: state = emu.add_bot("storybot_test_bot")
    """

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self.host = check_host(host)
        if not 0 <= port <= 65535:
            raise ValueError(f"port must be between 0 and 65535, got {port}")
        self.port = port
        self.bots: dict[str, BotState] = {}
        self._runner: web.AppRunner | None = None
        self._next_bot_id = 7_000_000_001

    # ---- lifecycle -----------------------------------------------------------------------------

    @property
    def url(self) -> str:
        """The root URL, e.g. ``http://127.0.0.1:8081``."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def base_url(self) -> str:
        """What ``telegram.Bot(token, base_url=...)`` needs: ``http://127.0.0.1:PORT/bot``."""
        return f"{self.url}/bot"

    def make_app(self) -> web.Application:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._bot_call)
        app.router.add_post("/_user/bots", self._user_add_bot)
        app.router.add_get("/_user/health", self._user_health)
        app.router.add_post("/_user/{token}/{action}", self._user_call)
        return app

    async def start(self) -> None:
        """Listen on 127.0.0.1 (a free port when ``port`` is 0)."""
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.host, self.port))
        self.port = sock.getsockname()[1]
        self._runner = web.AppRunner(self.make_app(), access_log=None, shutdown_timeout=0.5)
        await self._runner.setup()
        await web.SockSite(self._runner, sock).start()
        logger.info("Bot API emulator listening on %s", self.url)

    async def stop(self) -> None:
        """Stop listening; long polls still waiting are dropped."""
        if self._runner is not None:
            for state in self.bots.values():
                await state.delete_webhook()
                state._poll_generation += 1
                await state.notify()
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> BotApiEmulator:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    def in_thread(self) -> EmulatorThread:
        """Run this emulator on its own event loop in a background thread (use it over HTTP)."""
        return EmulatorThread(self)

    # ---- bots ----------------------------------------------------------------------------------

    def add_bot(
        self,
        username: str = "storybot_test_bot",
        first_name: str = "Storybot",
        *,
        token: str | None = None,
        privacy_mode: bool = True,
        inline_mode: bool = False,
    ) -> BotState:
        """Register a bot as BotFather would (privacy mode on, inline mode off by default)."""
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]{2,29}[Bb][Oo][Tt]", username):
            raise UserError(f"a bot username is 5-32 characters ending in bot, not {username!r}")
        if token is None:
            bot_id = self._next_bot_id
            self._next_bot_id += 1
            token = f"{bot_id}:{secrets.token_urlsafe(26)[:35]}"
        elif not _TOKEN.fullmatch(token):
            raise UserError("a bot token looks like 123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11")
        if token in self.bots:
            raise UserError("this token is already registered")
        state = BotState(
            token,
            int(token.split(":", 1)[0]),
            username,
            first_name,
            privacy_mode=privacy_mode,
            inline_mode=inline_mode,
        )
        self.bots[token] = state
        return state

    def bot(self, token: str) -> BotState:
        """The state of a registered bot."""
        try:
            return self.bots[token]
        except KeyError:
            raise UserError("no bot with this token") from None

    # ---- Bot API -------------------------------------------------------------------------------

    async def _bot_call(self, request: web.Request) -> web.Response:
        token = request.match_info["token"]
        name = request.match_info["method"]
        if not _TOKEN.fullmatch(token):
            return web.json_response(_NOT_FOUND, status=404)
        state = self.bots.get(token)
        if state is None:
            return web.json_response(_UNAUTHORIZED, status=401)
        func = METHODS.get(name.lower())
        if func is None:
            return web.json_response(_NOT_FOUND, status=404)
        started = time.monotonic()
        params = Params({})
        try:
            params = Params(await _read_params(request))
            fault = state.take_fault(name)
            if fault is not None:
                await self._apply_fault(fault)
            result = await func(state, params)
            status, body = 200, {"ok": True, "result": result}
        except ApiError as exc:
            status, body = exc.code, exc.to_dict()
        state.call_log.append(
            {
                "method": name.lower(),
                "params": params.public(),
                "status": status,
                "seconds": round(time.monotonic() - started, 3),
            }
        )
        return web.json_response(body, status=status)

    @staticmethod
    async def _apply_fault(fault: Any) -> None:
        if fault.kind == "retry_after":
            raise ApiError(
                429,
                f"Too Many Requests: retry after {fault.retry_after}",
                {"retry_after": fault.retry_after},
            )
        if fault.kind == "server_error":
            raise ApiError(fault.status, _SERVER_ERRORS.get(fault.status, "Internal Server Error"))
        await asyncio.sleep(fault.seconds)
        if fault.then != "process":
            raise ApiError(504, "Gateway Timeout")

    # ---- user side over HTTP -------------------------------------------------------------------

    async def _user_health(self, request: web.Request) -> web.Response:
        return web.json_response({"ok": True, "result": {"bots": len(self.bots)}})

    async def _user_add_bot(self, request: web.Request) -> web.Response:
        try:
            body = await request.json() if request.can_read_body else {}
            state = self.add_bot(**body)
        except (UserError, TypeError, ValueError) as exc:
            return web.json_response({"ok": False, "description": str(exc)}, status=400)
        return web.json_response({"ok": True, "result": {"token": state.token, "user": state.me()}})

    async def _user_call(self, request: web.Request) -> web.Response:
        state = self.bots.get(request.match_info["token"])
        action = request.match_info["action"]
        if state is None or action not in USER_ACTIONS:
            return web.json_response({"ok": False, "description": "Not Found"}, status=404)
        try:
            kwargs = await request.json() if request.can_read_body else {}
            func = getattr(state, action)
            inspect.signature(func).bind(**kwargs)
            result = await func(**kwargs)
        except TimeoutError as exc:
            return web.json_response({"ok": False, "description": str(exc)}, status=408)
        except (UserError, TypeError, ValueError) as exc:
            return web.json_response({"ok": False, "description": str(exc)}, status=400)
        return web.json_response({"ok": True, "result": result})


class EmulatorThread:
    """An emulator served from a background thread, for sync fixtures and other event loops.

    Example: with BotApiEmulator().in_thread() as running: print(running.url)
    """

    def __init__(self, emulator: BotApiEmulator) -> None:
        self.emulator = emulator
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return self.emulator.url

    @property
    def base_url(self) -> str:
        return self.emulator.base_url

    def start(self) -> EmulatorThread:
        ready = threading.Event()
        failure: list[BaseException] = []

        def serve() -> None:
            loop = asyncio.new_event_loop()
            self._loop = loop
            try:
                loop.run_until_complete(self.emulator.start())
            except BaseException as exc:  # report bind errors to the starting thread
                failure.append(exc)
                ready.set()
                loop.close()
                return
            ready.set()
            loop.run_forever()
            loop.run_until_complete(self.emulator.stop())
            loop.close()

        self._thread = threading.Thread(target=serve, name="bot-api-emulator", daemon=True)
        self._thread.start()
        ready.wait()
        if failure:
            raise failure[0]
        return self

    def stop(self) -> None:
        if self._loop is not None and self._thread is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=10)
            self._loop = self._thread = None

    def __enter__(self) -> EmulatorThread:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
