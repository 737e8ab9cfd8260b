"""The Telegram application: handlers wired up, settings read, long polling or a webhook run.

``storybot bot`` calls ``run_bot(corpus_dir, index_dir)``. The token comes from
``STORYBOT_TOKEN`` (or a ``.env`` file) and is never printed or logged; ``STORYBOT_API_URL``
points the bot at another Bot API server, such as the test emulator. With ``webhook=``
(``storybot bot --webhook-url URL``) Telegram POSTs updates to the bot instead of being polled.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import logging
import os
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from telegram import Bot, BotCommand, Update, User
from telegram.error import InvalidToken, NetworkError, TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    BaseRateLimiter,
    CallbackQueryHandler,
    CommandHandler,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from bot import handlers
from bot.format import MAX_MESSAGE_LENGTH
from bot.state import AnswerCache, ChatRateLimiter, PageStore
from retrieval.errors import StorybotError

logger = logging.getLogger(__name__)

DEFAULT_API_URL = "https://api.telegram.org/bot"
# Only what the handlers use; Telegram then does not even queue the rest.
ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY, Update.INLINE_QUERY]
COMMANDS = [
    BotCommand("ask", "Ask a question about the story"),
    BotCommand("sources", "List the articles the answers come from"),
    BotCommand("timeline", "The story's events in the order they appeared"),
    BotCommand("help", "What I know and how to ask"),
]
_LOOPBACK = {"127.0.0.1", "localhost", "::1"}


class BotConfigError(StorybotError):
    """The bot cannot start: no token, a rejected token or a bad API URL."""


@dataclass(frozen=True)
class BotSettings:
    """Where the bot connects and as whom; ``repr`` hides the token."""

    token: str
    api_url: str = DEFAULT_API_URL

    def __repr__(self) -> str:
        return f"BotSettings(token=<hidden>, api_url={self.api_url!r})"


@dataclass(frozen=True)
class WebhookSettings:
    """Where Telegram POSTs updates and where the bot listens for them; ``repr`` hides the secret.

    Example: webhook_settings("https://bot.example.org/storybot", port=8443).run_options()
    """

    url: str
    listen: str = "127.0.0.1"
    port: int = 8443
    secret_token: str = ""

    def __repr__(self) -> str:
        return f"WebhookSettings(url={self.url!r}, listen={self.listen!r}, port={self.port})"

    @property
    def url_path(self) -> str:
        """The local path PTB serves: the public URL's own, so a proxy can pass it through."""
        return urlsplit(self.url).path.strip("/")

    def run_options(self) -> dict[str, object]:
        """Keyword arguments for ``Application.run_webhook`` and ``Updater.start_webhook``."""
        return {
            "listen": self.listen,
            "port": self.port,
            "url_path": self.url_path,
            "webhook_url": self.url,
            "secret_token": self.secret_token,
            "allowed_updates": ALLOWED_UPDATES,
        }


_SECRET_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,256}")  # what Telegram's setWebhook accepts


def webhook_settings(
    url: str, listen: str = "127.0.0.1", port: int = 8443, secret_token: str | None = None
) -> WebhookSettings:
    """Checked webhook settings; a random secret when none is given, so forged POSTs get 403.

    Raises:
        ValueError: a URL that is not http(s) with a host, a port outside 1-65535, a listen
            address that is not an IP address, or a secret Telegram would refuse.
    """
    try:
        parts = urlsplit(url)
        url_port = parts.port
    except ValueError:
        raise ValueError(f"--webhook-url must be an http(s) URL, got {url!r}") from None
    if parts.scheme not in ("http", "https") or not parts.hostname or url_port == 0:
        raise ValueError(f"--webhook-url must be an http(s) URL, got {url!r}")
    if parts.scheme == "http" and parts.hostname not in _LOOPBACK:
        logger.warning("the webhook URL uses plain http: Telegram accepts only https")
    if not 1 <= port <= 65535:
        raise ValueError(f"--webhook-port must be between 1 and 65535, got {port}")
    try:
        ipaddress.ip_address(listen)
    except ValueError:
        raise ValueError(
            f"--listen must be an IP address such as 127.0.0.1, got {listen!r}"
        ) from None
    if secret_token is None or not secret_token.strip():
        secret_token = secrets.token_urlsafe(32)  # 43 characters of A-Za-z0-9_-
    elif not _SECRET_TOKEN.fullmatch(secret_token.strip()):
        raise ValueError("the secret token must be 1-256 characters of A-Z, a-z, 0-9, _ and -")
    return WebhookSettings(url, listen, port, secret_token.strip())


def read_env_file(path: str | Path) -> dict[str, str]:
    """``KEY=value`` lines of a ``.env`` file (``export``, quotes and ``#`` comments allowed)."""
    values: dict[str, str] = {}
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (FileNotFoundError, IsADirectoryError):
        return values
    for line in lines:
        match = re.match(r"\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$", line)
        if not match or line.lstrip().startswith("#"):
            continue
        key, value = match.groups()
        value = value.strip()
        if value[:1] in ("'", '"') and value.endswith(value[0]) and len(value) >= 2:
            value = value[1:-1]
        else:
            value = value.split(" #", 1)[0].strip()
        values[key] = value
    return values


def load_settings(
    token: str | None = None, api_url: str | None = None, env_file: str | Path | None = ".env"
) -> BotSettings:
    """Settings from the arguments, then the environment, then the ``.env`` file.

    Raises:
        BotConfigError: no token anywhere, or an API URL that is not http(s).
    """
    file_values = read_env_file(env_file) if env_file else {}
    token = token or os.environ.get("STORYBOT_TOKEN") or file_values.get("STORYBOT_TOKEN")
    api_url = (
        api_url
        or os.environ.get("STORYBOT_API_URL")
        or file_values.get("STORYBOT_API_URL")
        or DEFAULT_API_URL
    )
    if not token or not token.strip():
        raise BotConfigError(
            "no bot token: set STORYBOT_TOKEN (or put STORYBOT_TOKEN=... in a .env file); "
            "BotFather gives you one with /newbot"
        )
    parts = urlsplit(api_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise BotConfigError(f"STORYBOT_API_URL must be an http(s) URL, got {api_url!r}")
    if parts.scheme == "http" and parts.hostname not in _LOOPBACK:
        logger.warning(
            "STORYBOT_API_URL uses plain http to %s: the token is not encrypted", parts.hostname
        )
    return BotSettings(token.strip(), api_url)


_SECRETS: set[str] = set()
_plain_record_factory: Callable[..., logging.LogRecord] = logging.getLogRecordFactory()
_redacting = False


def _redact(text: str) -> str:
    """Every hidden secret replaced, in any letter case ("AAH…" logged as "aah…" too)."""
    for secret in _SECRETS:
        text = re.sub(re.escape(secret), "<token>", text, flags=re.IGNORECASE)
    return text


def _holds_secret(text: str) -> bool:
    folded = text.casefold()
    return any(secret.casefold() in folded for secret in _SECRETS)


def redact_record(record: logging.LogRecord) -> logging.LogRecord:
    """Replace every hidden secret in a record's message and traceback with ``<token>``."""
    try:
        message = record.getMessage()
    except (TypeError, ValueError):  # a malformed record: leave it to logging's own handling
        return record
    if _holds_secret(message):
        record.msg, record.args = _redact(message), None
    if record.exc_info and record.exc_info[0] is not None:
        text = logging.Formatter().formatException(record.exc_info)
        if _holds_secret(text):
            record.exc_text = _redact(text)
    return record


def _redacting_factory(*args: object, **kwargs: object) -> logging.LogRecord:
    return redact_record(_plain_record_factory(*args, **kwargs))


def hide_in_logs(secret: str) -> None:
    """Keep ``secret`` out of every log record from now on, whichever handler gets it.

    PTB logs its request URL, token included, at DEBUG when a Bot is created, and httpx logs
    URLs at INFO; redacting when the record is made covers handlers added later too.
    """
    global _plain_record_factory, _redacting
    if not secret:
        return
    _SECRETS.add(secret)
    if not _redacting:
        _redacting = True
        _plain_record_factory = logging.getLogRecordFactory()
        logging.setLogRecordFactory(_redacting_factory)


def quiet_http_logs() -> None:
    """httpx logs every request URL at INFO, and those URLs contain the token."""
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)


async def _post_init(application: Application) -> None:
    """Tell Telegram the command list, so clients offer /ask, /sources and /help."""
    try:
        await application.bot.set_my_commands(COMMANDS)
    except TelegramError as err:  # the bot works without the menu
        logger.warning("setMyCommands failed: %s", err)


async def check_token(settings: BotSettings) -> User:
    """Ask the Bot API who we are, before any slow loading.

    Raises:
        BotConfigError: the token is rejected or the API cannot be reached (token not quoted).
    """
    hide_in_logs(settings.token)
    try:
        async with Bot(settings.token, base_url=settings.api_url) as bot:
            return bot.bot
    except InvalidToken:
        raise BotConfigError(
            "the Bot API rejected the token in STORYBOT_TOKEN; check it with BotFather"
        ) from None
    except NetworkError as err:
        reason = _redact(str(err))
        raise BotConfigError(f"cannot reach the Bot API at {settings.api_url}: {reason}") from None
    except (TelegramError, ValueError, KeyError, TypeError) as err:
        # A reply that is not the Bot API's (not JSON, or JSON of another shape).
        reason = _redact(" ".join(str(err).split()))[:200] or err.__class__.__name__
        raise BotConfigError(
            f"the server at {settings.api_url} did not answer as the Bot API does ({reason})"
        ) from None


def build_application(
    token: str,
    storybot: handlers.StoryAnswerer,
    base_url: str | None = None,
    *,
    k: int = 6,
    page_limit: int = MAX_MESSAGE_LENGTH,
    rate_limit: tuple[int, float] = (6, 60.0),
    flood_control: BaseRateLimiter | None | bool = True,
    retrieval_slots: int = 4,
    cache_size: int = 256,
    timeout: float | None = None,
) -> Application:
    """The bot's ``Application`` with every handler and the error handler registered.

    Args:
        storybot: answers questions (``retrieval.service.Storybot`` or a stand-in).
        base_url: Bot API base URL, e.g. ``http://127.0.0.1:8081/bot`` for the emulator.
        k: passages asked of ``storybot.ask``.
        page_limit: longest message (at most Telegram's 4096); longer answers get "More".
        rate_limit: questions allowed per chat per that many seconds.
        flood_control: True for PTB's ``AIORateLimiter`` (Telegram's 30/s and 20/min per
            group, retrying after a 429), a limiter of your own, or False/None for none.
        timeout: seconds for each Bot API request (PTB's default is 5).
    """
    hide_in_logs(token)
    if k <= 0:
        raise ValueError(f"k must be positive, got {k}")
    if retrieval_slots <= 0:
        raise ValueError(f"retrieval_slots must be positive, got {retrieval_slots}")
    builder = (
        ApplicationBuilder()
        .token(token)
        .concurrent_updates(True)  # a slow answer in one chat must not hold up the others
        .post_init(_post_init)
    )
    if base_url:
        builder = builder.base_url(base_url)
    if flood_control is True:
        # PTB types the limiter by its per-request argument type; AIORateLimiter's is a dict.
        builder = builder.rate_limiter(AIORateLimiter(max_retries=2))  # type: ignore[arg-type]
    elif flood_control:
        builder = builder.rate_limiter(flood_control)
    if timeout is not None:
        builder = (
            builder.read_timeout(timeout)
            .write_timeout(timeout)
            .connect_timeout(timeout)
            .pool_timeout(timeout)
            .get_updates_read_timeout(timeout)
            .get_updates_connect_timeout(timeout)
        )
    application = builder.build()
    application.bot_data.update(
        storybot=storybot,
        settings=handlers.Settings(k=k, page_limit=page_limit),
        cache=AnswerCache(size=cache_size),
        rate_limiter=ChatRateLimiter(*rate_limit),
        pages=PageStore(),
        retrieval_slots=asyncio.Semaphore(retrieval_slots),
    )
    messages = filters.UpdateType.MESSAGE
    application.add_handlers(
        [
            CommandHandler(["start", "help"], handlers.start, filters=messages),
            CommandHandler("sources", handlers.sources, filters=messages),
            CommandHandler("timeline", handlers.timeline, filters=messages),
            CommandHandler("ask", handlers.ask, filters=messages),
            MessageHandler(messages & filters.COMMAND, handlers.unknown_command),
            MessageHandler(
                messages & filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND,
                handlers.private_text,
            ),
            MessageHandler(
                messages & filters.ChatType.GROUPS & filters.TEXT & ~filters.COMMAND,
                handlers.group_text,
            ),
            CallbackQueryHandler(handlers.more, pattern=r"^more:"),
            InlineQueryHandler(handlers.inline_query),
        ]
    )
    application.add_error_handler(handlers.on_error)
    return application


def run_bot(
    corpus_dir: str | Path | None = None,
    index_dir: str | Path | None = None,
    *,
    token: str | None = None,
    api_url: str | None = None,
    env_file: str | Path | None = ".env",
    story: str | None = None,
    webhook: WebhookSettings | None = None,
) -> None:
    """Load the model and index once, then answer Telegram updates until ^C; articles added
    while it runs are answered (the index reopened, rebuilt first if needed, beside it).

    ``story`` names the story in the bot's replies (else STORYBOT_STORY, else the first
    article's title). Updates come by long polling, or, with ``webhook``, as POSTs to a
    server PTB runs on ``webhook.listen:webhook.port`` after telling Telegram the URL.

    Raises:
        BotConfigError: no token, a token Telegram rejects, or a bad API URL.
    """
    settings = load_settings(token, api_url, env_file)
    hide_in_logs(settings.token)
    quiet_http_logs()
    # run_polling() below takes this loop as the current one
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    me = loop.run_until_complete(check_token(settings))
    logger.info("running as @%s; loading the model and the index", me.username)

    from storybot.desk import Desk, DeskAnswerer  # slow: loads the model

    # A desk keeps the answerer current: articles added while the bot runs are answered.
    storybot = DeskAnswerer(Desk(corpus_dir, index_dir, story=story))
    application = build_application(settings.token, storybot, base_url=settings.api_url)
    logger.info("answering questions about %s via %s", storybot.story, settings.api_url)
    try:
        if webhook is None:
            application.run_polling(allowed_updates=ALLOWED_UPDATES)
        else:
            hide_in_logs(webhook.secret_token)
            logger.info(
                "webhook at %s, listening on %s:%d", webhook.url, webhook.listen, webhook.port
            )
            application.run_webhook(**webhook.run_options())  # type: ignore[arg-type]
    except InvalidToken:
        # PTB's own message would quote the token
        raise BotConfigError(
            "the Bot API rejected the token in STORYBOT_TOKEN; check it with BotFather"
        ) from None
    except TelegramError as err:
        raise BotConfigError(f"the Bot API at {settings.api_url}: {_redact(str(err))}") from None


def main(argv: list[str] | None = None) -> None:
    """``python -m bot.app [--corpus DIR] [--index DIR]``: run the bot."""
    parser = argparse.ArgumentParser(prog="python -m bot.app", description=main.__doc__)
    parser.add_argument("--corpus", help="corpus folder (default: STORYBOT_CORPUS or ./corpus)")
    parser.add_argument("--index", help="index folder (default: STORYBOT_INDEX or ./index)")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        run_bot(args.corpus, args.index)
    except StorybotError as err:
        parser.exit(1, f"error: {err}\n")


if __name__ == "__main__":
    main()
