"""Starting the bot: settings, the token kept out of output, and the real entry point."""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import signal
import subprocess
import sys

import pytest

from bot.app import (
    DEFAULT_API_URL,
    BotConfigError,
    BotSettings,
    build_application,
    check_token,
    hide_in_logs,
    load_settings,
    quiet_http_logs,
    read_env_file,
    run_bot,
)
from tests.bot.conftest import REPO
from tests.bot.standin import StandIn

TOKEN = "123456789:AAHfakeTOKENfor_tests-0123456789abcd"


@pytest.fixture
def clean_env(monkeypatch, tmp_path):
    monkeypatch.delenv("STORYBOT_TOKEN", raising=False)
    monkeypatch.delenv("STORYBOT_API_URL", raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


class TestSettings:
    def test_env_file(self, clean_env):
        (clean_env / ".env").write_text(
            "# storybot\n"
            f"export STORYBOT_TOKEN='{TOKEN}'\n"
            "STORYBOT_API_URL=http://127.0.0.1:8081/bot  # the emulator\n"
            "not a setting\n",
            encoding="utf-8",
        )
        assert read_env_file(".env")["STORYBOT_TOKEN"] == TOKEN
        settings = load_settings()
        assert settings == BotSettings(TOKEN, "http://127.0.0.1:8081/bot")

    def test_environment_wins_over_the_file(self, clean_env, monkeypatch):
        (clean_env / ".env").write_text("STORYBOT_TOKEN=from-file\n", encoding="utf-8")
        monkeypatch.setenv("STORYBOT_TOKEN", TOKEN)
        settings = load_settings()
        assert settings.token == TOKEN and settings.api_url == DEFAULT_API_URL

    def test_missing_token(self, clean_env):
        with pytest.raises(BotConfigError, match="STORYBOT_TOKEN"):
            load_settings()

    def test_bad_api_url(self, clean_env):
        with pytest.raises(BotConfigError, match="must be an http"):
            load_settings(TOKEN, "ftp://example.org/bot")

    def test_repr_hides_the_token(self):
        assert TOKEN not in repr(BotSettings(TOKEN)) and TOKEN not in str(BotSettings(TOKEN))


class TestTokenStaysSecret:
    def test_records_are_redacted_for_every_handler(self, caplog):
        hide_in_logs(TOKEN)
        log = logging.getLogger("tests.secret")
        with caplog.at_level(logging.DEBUG, logger="tests.secret"):
            log.debug("calling %s", f"/bot{TOKEN}/getMe")
            try:
                raise RuntimeError(f"failed at /bot{TOKEN}/getMe")
            except RuntimeError:
                log.exception("request failed")
        assert "/bot<token>/getMe" in caplog.text and "RuntimeError" in caplog.text
        assert TOKEN not in caplog.text

    async def test_a_conversation_logs_no_token(self, start_bot, caplog):
        quiet_http_logs()
        caplog.set_level(logging.DEBUG)
        bot = await start_bot(StandIn())
        alice = await bot.new_user()
        await bot.send_private(alice, "Did Xi refuse?")
        await bot.wait_for_messages(alice["id"], 1, timeout=60)
        assert caplog.records and bot.token not in caplog.text

    async def test_rejected_token_fails_fast_without_quoting_it(self, emulator):
        settings = BotSettings(TOKEN, emulator.base_url)
        with pytest.raises(BotConfigError) as caught:
            await check_token(settings)
        assert "rejected the token" in str(caught.value) and TOKEN not in str(caught.value)

    def test_run_bot_refuses_a_bad_token_before_loading_the_model(self, emulator_url, clean_env):
        with pytest.raises(BotConfigError, match="rejected the token") as caught:
            run_bot(token=TOKEN, api_url=f"{emulator_url}/bot", env_file=None)
        assert TOKEN not in str(caught.value)

    async def test_unreachable_api(self):
        settings = BotSettings(TOKEN, "http://127.0.0.1:9/bot")
        with pytest.raises(BotConfigError, match="cannot reach the Bot API") as caught:
            await check_token(settings)
        assert TOKEN not in str(caught.value)


class TestBuildApplication:
    def test_every_handler_and_one_error_handler(self):
        app = build_application(TOKEN, StandIn(), "http://127.0.0.1:9/bot")
        handlers = [type(h).__name__ for group in app.handlers.values() for h in group]
        assert handlers.count("CommandHandler") == 4  # start/help, sources, timeline, ask
        assert {"MessageHandler", "CallbackQueryHandler", "InlineQueryHandler"} <= set(handlers)
        assert len(app.error_handlers) == 1
        assert app.bot.base_url == f"http://127.0.0.1:9/bot{TOKEN}"

    @pytest.mark.parametrize(
        "kwargs", [{"k": 0}, {"retrieval_slots": 0}, {"rate_limit": (0, 60.0)}]
    )
    def test_bad_settings(self, kwargs):
        with pytest.raises(ValueError, match="must be positive"):
            build_application(TOKEN, StandIn(), **kwargs)


class TestEntryPoint:
    async def test_python_m_bot_app_answers_and_never_prints_the_token(
        self, emulator, seed_dirs, real_storybot
    ):
        """The real entry point in its own process: env settings, run_polling, ^C to stop."""
        token = f"{secrets.randbelow(10**9) + 10**9}:{secrets.token_urlsafe(26)[:35]}"
        remote = await emulator.create_bot(token=token)
        env = {
            **os.environ,
            "STORYBOT_TOKEN": token,
            "STORYBOT_API_URL": emulator.base_url,
            "HF_HUB_OFFLINE": "1",
        }
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot.app",
            "--corpus",
            str(seed_dirs.corpus),
            "--index",
            str(seed_dirs.index),
            cwd=REPO,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        try:
            # setMyCommands comes from post_init, which run_polling() runs
            await remote.wait_for_calls("setMyCommands", 1, timeout=600)
            alice = await remote.new_user()
            await remote.send_command(alice["id"], alice, "start")
            (reply,) = await remote.wait_for_messages(alice["id"], 1, timeout=120)
            assert real_storybot.story in reply["text"]
        finally:
            if process.returncode is None:
                process.send_signal(signal.SIGINT)
            output, _ = await asyncio.wait_for(process.communicate(), timeout=60)
        text = output.decode("utf-8", "replace")
        assert process.returncode == 0, text
        assert "answering questions about" in text
        assert token not in text
