"""A Telegram Bot API emulator for tests, on 127.0.0.1 only.

In-process: ``async with BotApiEmulator() as emu``; standalone:
``python -m tests.emulator --host 127.0.0.1 --port 8081`` with ``EmulatorClient`` for the user side.
"""

from .client import EmulatorClient, RemoteBot
from .errors import ApiError, UserError
from .markup import parse_html
from .server import BotApiEmulator, EmulatorThread
from .state import BotState

__all__ = [
    "ApiError",
    "BotApiEmulator",
    "BotState",
    "EmulatorClient",
    "EmulatorThread",
    "RemoteBot",
    "UserError",
    "parse_html",
]
