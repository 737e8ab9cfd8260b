"""Run the emulator standalone: ``python -m tests.emulator --host 127.0.0.1 --port 8081``.

Prints its root URL on stdout once it listens (the Bot API base URL is that plus ``/bot``) and
serves until SIGINT or SIGTERM. ``--bot-token`` pre-registers a bot, so that
``STORYBOT_TOKEN=<token> STORYBOT_API_URL=<url>/bot storybot bot`` runs against it.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys

from .server import ALLOWED_HOSTS, BotApiEmulator


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tests.emulator", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1", help="127.0.0.1 or localhost only")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--bot-token", help="register a bot with this token at start")
    parser.add_argument("--bot-username", default="storybot_test_bot")
    parser.add_argument(
        "--no-privacy", action="store_true", help="the bot sees every group message"
    )
    parser.add_argument("--inline", action="store_true", help="enable the bot's inline mode")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    if args.host not in ALLOWED_HOSTS:
        parser.error(f"--host must be 127.0.0.1 or localhost, not {args.host!r}")
    return args


async def _serve(args: argparse.Namespace) -> None:
    emulator = BotApiEmulator(args.host, args.port)
    if args.bot_token:
        emulator.add_bot(
            args.bot_username,
            token=args.bot_token,
            privacy_mode=not args.no_privacy,
            inline_mode=args.inline,
        )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    async with emulator:
        print(emulator.url, flush=True)
        await stop.wait()


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    asyncio.run(_serve(args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
