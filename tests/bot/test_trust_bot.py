"""The bot items of the "trust" issue (defect 6): the token redacted in any letter case, a
Bot API reply that is not JSON, and inline queries under the per-chat rate limit."""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bot.app import BotConfigError, BotSettings, check_token, hide_in_logs
from tests.bot.standin import StandIn

TOKEN = "123456789:AAHfakeTOKENforTrustTests-0123456789"


class TestTokenInAnyCase:
    def test_a_lower_case_token_is_redacted(self, caplog: pytest.LogCaptureFixture) -> None:
        hide_in_logs(TOKEN)
        log = logging.getLogger("tests.trust.secret")
        with caplog.at_level(logging.DEBUG, logger="tests.trust.secret"):
            log.info("url %s", f"https://api.example/bot{TOKEN.lower()}/getMe")
            log.info("url %s", f"https://api.example/bot{TOKEN.upper()}/getMe")
            try:
                raise RuntimeError(f"failed at /bot{TOKEN.lower()}/getMe")
            except RuntimeError:
                log.exception("request failed")
        assert TOKEN.lower() not in caplog.text.lower()
        assert caplog.text.count("<token>") >= 3


def _server(body: bytes, status: int, content_type: str) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - the http.server name
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST  # noqa: N815

        def log_message(self, *args: object) -> None:
            pass

    return ThreadingHTTPServer(("127.0.0.1", 0), Handler)


@pytest.fixture(
    params=[
        (b"<html><body>502 Bad Gateway</body></html>", 200, "text/html"),
        (b"<html><body>502 Bad Gateway</body></html>", 502, "text/html"),
        (b"not json at all", 200, "application/json"),
        (b'["a", "list"]', 200, "application/json"),
    ],
    ids=["html 200", "html 502", "garbage", "json list"],
)
def not_the_bot_api(request: pytest.FixtureRequest) -> Iterator[str]:
    server = _server(*request.param)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/bot"
    finally:
        server.shutdown()
        server.server_close()


class TestReplyThatIsNotJson:
    async def test_check_token_says_so_in_one_line(self, not_the_bot_api: str) -> None:
        with pytest.raises(BotConfigError) as caught:
            await check_token(BotSettings(TOKEN, not_the_bot_api))
        message = str(caught.value)
        assert "\n" not in message and TOKEN not in message
        assert not_the_bot_api in message


class TestInlineRateLimit:
    async def test_inline_queries_count_against_the_limit(self, start_bot) -> None:
        standin = StandIn()
        bot = await start_bot(standin, rate_limit=(3, 60.0))
        alice = await bot.new_user()
        answers = []
        for i in range(6):
            query = await bot.inline_query(alice, f"Did Xi refuse, question {i}?")
            answers.append(await bot.wait_for_inline_answer(query, timeout=30))
            await asyncio.sleep(0)
        assert len(standin.questions) == 3
        refused = [a for a in answers[3:] if a["results"] and "wait" in str(a["results"][0])]
        assert len(refused) == 3
