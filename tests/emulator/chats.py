"""Chats as the emulator stores them, and small helpers shared by its modules."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import Any


def now() -> int:
    """Unix time in seconds, the unit of every Bot API date."""
    return int(time.time())


@dataclass
class Chat:
    """A chat the emulated bot knows, with every message in it."""

    obj: dict[str, Any]
    bot_member: bool = True
    bot_is_admin: bool = False
    next_message_id: int = 1
    messages: dict[int, dict] = field(default_factory=dict)
    edits: list[dict] = field(default_factory=list)
    actions: list[dict] = field(default_factory=list)
    topics: dict[int, str] = field(default_factory=dict)
    last_bot_posted: bool = False

    @property
    def id(self) -> int:
        return self.obj["id"]

    @property
    def type(self) -> str:
        return self.obj["type"]

    @property
    def is_forum(self) -> bool:
        return bool(self.obj.get("is_forum"))

    def take_message_id(self) -> int:
        message_id = self.next_message_id
        self.next_message_id += 1
        return message_id


def chat_key(chat_id: Any) -> int:
    """The id of a chat given as a Chat dict or an id."""
    return chat_id["id"] if isinstance(chat_id, dict) else int(chat_id)


def commands_key(scope: dict | None, language_code: str | None) -> str:
    """Where setMyCommands stores a list: one per scope and language, as in Telegram."""
    scope = scope or {"type": "default"}
    return json.dumps([scope, language_code or ""], sort_keys=True)
