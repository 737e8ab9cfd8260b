"""Webhook mode: the real Application serving PTB's webhook on 127.0.0.1, the emulator POSTing.

The emulator plays Telegram's side: ``setWebhook`` (which PTB's ``start_webhook`` calls), then
one JSON POST per update with the secret header, and 409 for ``getUpdates`` meanwhile.
"""

from __future__ import annotations

import asyncio
import socket
from contextlib import AsyncExitStack

import aiohttp
import pytest
import telegram
from aiohttp import web
from click.testing import CliRunner
from telegram.error import BadRequest, Conflict

from bot.app import build_application, webhook_settings
from storybot.cli import cli
from tests.bot.test_bot import QUESTION, assert_shows_answer, wait_for_answers
from tests.emulator import BotApiEmulator
from tests.emulator.webhook import SECRET_HEADER


def free_port() -> int:
    """A port nobody listens on right now, on 127.0.0.1."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
async def start_webhook_bot(emulator):
    """Start the real Application in webhook mode against the emulator (cf. ``start_bot``)."""
    async with AsyncExitStack() as stack:

        async def start(storybot):
            remote = await emulator.create_bot(privacy_mode=True, inline_mode=True)
            app = build_application(remote.token, storybot, base_url=emulator.base_url)
            port = free_port()
            hook = webhook_settings(f"http://127.0.0.1:{port}/storybot-hook", port=port)
            await stack.enter_async_context(app)
            await app.post_init(app)
            await app.start()
            stack.push_async_callback(app.stop)
            stack.push_async_callback(app.bot.delete_webhook)
            # the same options run_bot gives Application.run_webhook
            await app.updater.start_webhook(**hook.run_options())
            stack.push_async_callback(app.updater.stop)
            remote.app, remote.hook = app, hook
            return remote

        yield start


class TestBotByWebhook:
    async def test_a_private_question_is_answered(self, start_webhook_bot, storybot):
        bot = await start_webhook_bot(storybot)
        alice = await bot.new_user()
        asked = await bot.send_private(alice, QUESTION)
        (reply,) = await wait_for_answers(bot, alice["id"])
        expected = await asyncio.to_thread(storybot.ask, QUESTION)
        assert expected.answered
        assert_shows_answer(reply, expected)
        assert reply["reply_to_message"]["message_id"] == asked["message_id"]
        # it came by webhook: the bot never polled
        assert await bot.calls("getUpdates") == []
        assert [c["status"] for c in await bot.calls("setWebhook")] == [200]

    async def test_help_works(self, start_webhook_bot, storybot):
        bot = await start_webhook_bot(storybot)
        alice = await bot.new_user()
        await bot.send_command(alice["id"], alice, "help")
        (help_message,) = await wait_for_answers(bot, alice["id"])
        assert storybot.story in help_message["text"]
        assert "/ask" in help_message["text"]

    async def test_a_post_without_the_secret_is_refused(self, start_webhook_bot, storybot):
        bot = await start_webhook_bot(storybot)
        alice = await bot.new_user()
        forged = {
            "update_id": 1,
            "message": {
                "message_id": 1,
                "date": 1_700_000_000,
                "chat": {"id": alice["id"], "type": "private", "first_name": "Alice"},
                "from": alice,
                "text": "/help",
                "entities": [{"type": "bot_command", "offset": 0, "length": 5}],
            },
        }
        async with aiohttp.ClientSession() as session:
            for headers in ({}, {SECRET_HEADER: "not-the-secret"}):
                async with session.post(bot.hook.url, json=forged, headers=headers) as response:
                    assert response.status == 403
        # a genuine update afterwards is answered, and is the only thing answered
        await bot.send_command(alice["id"], alice, "sources")
        (listing,) = await wait_for_answers(bot, alice["id"])
        for info in storybot.sources():
            assert info.source.title in listing["text"]
        assert len(await bot.bot_messages(alice["id"])) == 1  # nothing for the forged /help

    async def test_webhook_info_shows_the_url(self, start_webhook_bot, storybot):
        bot = await start_webhook_bot(storybot)
        info = await bot.app.bot.get_webhook_info()
        assert info.url == bot.hook.url
        assert info.pending_update_count == 0
        with pytest.raises(Conflict, match="webhook is active"):
            await bot.app.bot.get_updates()


@pytest.fixture
async def emu():
    async with BotApiEmulator() as emulator:
        yield emulator


async def receiver(port: int, received: list[tuple[dict, str | None]]) -> web.AppRunner:
    """A tiny webhook server on 127.0.0.1:port that keeps what it is sent."""

    async def take(request: web.Request) -> web.Response:
        received.append((await request.json(), request.headers.get(SECRET_HEADER)))
        return web.Response(text="ok")

    app = web.Application()
    app.router.add_post("/hook", take)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    return runner


class TestEmulatorWebhook:
    @pytest.mark.parametrize(
        "url", ["https://example.org/hook", "http://localhost:8443/hook", "ftp://127.0.0.1/x"]
    )
    async def test_only_loopback_urls_are_accepted(self, emu, url):
        state = emu.add_bot()
        async with telegram.Bot(state.token, base_url=emu.base_url) as bot:
            with pytest.raises(BadRequest, match="webhook"):
                await bot.set_webhook(url)
            assert (await bot.get_webhook_info()).url == ""

    async def test_a_bad_secret_is_refused(self, emu):
        state = emu.add_bot()
        async with telegram.Bot(state.token, base_url=emu.base_url) as bot:
            with pytest.raises(BadRequest, match="(?i)secret token"):
                await bot.set_webhook("http://127.0.0.1:1/hook", secret_token="a b")

    async def test_updates_wait_for_the_bot_then_arrive_with_the_secret(self, emu):
        state = emu.add_bot()
        port = free_port()
        url = f"http://127.0.0.1:{port}/hook"
        received: list[tuple[dict, str | None]] = []
        async with telegram.Bot(state.token, base_url=emu.base_url) as bot:
            assert await bot.set_webhook(url, secret_token="s3cret")
            alice = await state.new_user()
            await state.send_private(alice, "hello before the bot is up")
            # the first attempt fails: nothing listens yet
            await state.wait_until(lambda: state.webhook and state.webhook.last_error_message, 30)
            runner = await receiver(port, received)
            try:
                await state.wait_until(lambda: not state.pending, 30)
            finally:
                await runner.cleanup()
            assert [(u["message"]["text"], s) for u, s in received] == [
                ("hello before the bot is up", "s3cret")
            ]
            info = await bot.get_webhook_info()
            assert (info.url, info.pending_update_count) == (url, 0)
            assert await bot.delete_webhook()
            assert (await bot.get_webhook_info()).url == ""
            await state.send_private(alice, "polled again")
            (update,) = await bot.get_updates()
            assert update.message.text == "polled again"

    async def test_drop_pending_updates(self, emu):
        state = emu.add_bot()
        alice = await state.new_user()
        await state.send_private(alice, "old news")
        async with telegram.Bot(state.token, base_url=emu.base_url) as bot:
            await bot.set_webhook(f"http://127.0.0.1:{free_port()}/hook", drop_pending_updates=True)
            assert (await bot.get_webhook_info()).pending_update_count == 0
            await bot.delete_webhook()
            assert await bot.get_updates() == ()


class TestWebhookOptions:
    def test_a_random_secret_when_none_is_given(self):
        first = webhook_settings("https://bot.example.org/storybot")
        second = webhook_settings("https://bot.example.org/storybot")
        assert len(first.secret_token) >= 32 and first.secret_token != second.secret_token
        assert first.secret_token not in repr(first)
        assert first.run_options()["url_path"] == "storybot"
        assert (first.listen, first.port) == ("127.0.0.1", 8443)

    @pytest.mark.parametrize(
        "args, message",
        [
            (["--webhook-url", "ftp://bot.example.org/x"], "--webhook-url must be an http(s) URL"),
            (["--webhook-url", "https://"], "--webhook-url must be an http(s) URL"),
            (["--webhook-url", "https://bot.example.org:99999/x"], "--webhook-url must be"),
            (["--webhook-url", "https://b.example.org", "--webhook-port", "0"], "between 1 and"),
            (["--webhook-url", "https://b.example.org", "--listen", "anywhere"], "IP address"),
            (["--webhook-url", "https://b.example.org", "--secret-token", "a b"], "1-256"),
        ],
    )
    def test_bad_options_are_one_line_before_anything_starts(self, args, message, monkeypatch):
        monkeypatch.delenv("STORYBOT_TOKEN", raising=False)  # it never gets as far as the token
        result = CliRunner().invoke(cli, ["bot", *args])
        assert result.exit_code == 2
        assert message in result.output
        assert len(result.output.strip().splitlines()) == 1
