"""One emulated bot: its chats, messages, pending updates, privacy rules and planned faults.

Everything a bot token owns lives in one ``BotState``, so tests with different tokens never see
each other's updates. The user side (``users.UserSide``) is mixed in.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .chats import Chat, now
from .errors import ApiError, UserError
from .markup import message_text
from .users import UserSide
from .webhook import Webhook

DEFAULT_UPDATES = [
    "message",
    "edited_message",
    "channel_post",
    "edited_channel_post",
    "business_connection",
    "business_message",
    "edited_business_message",
    "deleted_business_messages",
    "inline_query",
    "chosen_inline_result",
    "callback_query",
    "shipping_query",
    "pre_checkout_query",
    "purchased_paid_media",
    "poll",
    "poll_answer",
    "my_chat_member",
    "chat_join_request",
    "chat_boost",
    "removed_chat_boost",
]
# Kept for a day by Telegram; the emulator keeps them until confirmed.
MAX_LONG_POLL = 50


@dataclass
class Fault:
    """A planned failure for the next ``count`` calls of ``method`` (None: any method).

    kind: "retry_after" (429), "server_error" (``status``, 5xx) or "hang" (wait ``seconds``,
    then answer 504, or process the call when ``then == "process"``).
    """

    kind: str
    method: str | None = None
    count: int = 1
    retry_after: int = 1
    status: int = 500
    seconds: float = 5.0
    then: str = "error"

    def __post_init__(self) -> None:
        if self.kind not in ("retry_after", "server_error", "hang"):
            raise UserError(f"fault kind must be retry_after, server_error or hang: {self.kind}")
        if self.kind == "server_error" and not 500 <= self.status <= 599:
            raise UserError(f"server_error status must be 5xx, got {self.status}")
        if self.count < 1:
            raise UserError(f"fault count must be positive, got {self.count}")

    def matches(self, method: str) -> bool:
        return self.method is None or self.method.lower() == method.lower()


def _strip_reply(message: dict) -> dict:
    """A message as it appears inside ``reply_to_message``: Telegram nests one level only."""
    return {k: v for k, v in message.items() if k != "reply_to_message"}


class BotState(UserSide):
    """Everything one bot token owns in the emulator.

    Example: state = emu.add_bot(username="storybot_test_bot"); await state.send_private(u, "hi")
    """

    def __init__(
        self,
        token: str,
        bot_id: int,
        username: str,
        first_name: str = "Storybot",
        *,
        privacy_mode: bool = True,
        inline_mode: bool = False,
    ) -> None:
        self.token = token
        self.bot_id = bot_id
        self.username = username
        self.first_name = first_name
        self.privacy_mode = privacy_mode
        self.inline_mode = inline_mode
        self.chats: dict[int, Chat] = {}
        self.users: dict[int, dict] = {}
        self.pending: list[dict] = []
        self.history: list[dict] = []
        self.allowed_updates: list[str] = list(DEFAULT_UPDATES)
        self.commands: dict[str, list[dict]] = {}
        self.callback_queries: dict[str, dict] = {}
        self.callback_answers: dict[str, dict] = {}
        self.inline_queries: dict[str, dict] = {}
        self.inline_answers: dict[str, dict] = {}
        self.faults: list[Fault] = []
        self.call_log: list[dict] = []
        self.closed = False
        self.webhook: Webhook | None = None
        self._next_update_id = 800_000_001
        self._next_user_id = 100_000_001 + (bot_id % 1000) * 100_000
        self._next_group = 4_000_000_001 + (bot_id % 1000) * 100_000
        self._next_query = 7_000_000_000_000_000_001 + (bot_id % 1000) * 1_000_000
        self._poll_generation = 0
        self._changed = asyncio.Condition()

    # ---- shared helpers -------------------------------------------------------------------

    @property
    def user(self) -> dict:
        """The bot as a Telegram ``User``."""
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": self.first_name,
            "username": self.username,
        }

    def me(self) -> dict:
        """The ``getMe`` answer."""
        return {
            **self.user,
            "can_join_groups": True,
            "can_read_all_group_messages": not self.privacy_mode,
            "supports_inline_queries": self.inline_mode,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def notify(self) -> None:
        """Wake every waiter: long polls and the user side's ``wait_for_*``."""
        async with self._changed:
            self._changed.notify_all()

    async def wait_until(self, predicate: Callable[[], Any], timeout: float) -> Any:
        """Wait until ``predicate()`` is truthy and return it; TimeoutError after ``timeout``."""
        deadline = asyncio.get_running_loop().time() + timeout
        async with self._changed:
            while True:
                result = predicate()
                if result:
                    return result
                remaining = deadline - asyncio.get_running_loop().time()
                if remaining <= 0:
                    raise TimeoutError(f"condition not met within {timeout} s")
                try:
                    await asyncio.wait_for(self._changed.wait(), remaining)
                except TimeoutError:
                    pass

    def chat(self, chat_id: Any) -> Chat:
        """The chat a Bot API call names, or 400 "chat not found"."""
        try:
            key = int(chat_id)
        except (TypeError, ValueError):
            raise ApiError(400, "Bad Request: chat not found") from None
        chat = self.chats.get(key)
        if chat is None:
            raise ApiError(400, "Bad Request: chat not found")
        return chat

    def writable_chat(self, chat_id: Any) -> Chat:
        """A chat the bot may post in: 403 when it is not (or no longer) a member."""
        chat = self.chat(chat_id)
        if not chat.bot_member:
            kind = "group chat" if chat.type == "group" else "supergroup chat"
            raise ApiError(403, f"Forbidden: bot is not a member of the {kind}")
        return chat

    # ---- updates ---------------------------------------------------------------------------

    def _delivered_to_bot(self, chat: Chat, message: dict) -> bool:
        """Whether Telegram gives this group message to the bot (BotFather's privacy mode)."""
        if not chat.bot_member:
            return False
        if chat.type == "private" or not self.privacy_mode or chat.bot_is_admin:
            return True
        if any(k in message for k in ("forum_topic_created", "new_chat_members", "pinned_message")):
            return True  # service messages always arrive
        if message.get("via_bot", {}).get("id") == self.bot_id:
            return True
        replied = message.get("reply_to_message")
        if replied and replied.get("from", {}).get("id") == self.bot_id:
            return True
        text = message.get("text", "")
        for entity in message.get("entities", []):
            if entity["type"] == "bot_command" and entity["offset"] == 0:
                command = text[: entity["length"]]
                if "@" in command:
                    return command.split("@", 1)[1].lower() == self.username.lower()
                # a general /command only reaches the last bot that posted in the group
                return chat.last_bot_posted
        # Plain @mentions do not reach a bot in privacy mode, whatever BotFather's help says.
        return False

    async def push_update(self, kind: str, payload: dict) -> dict | None:
        """Queue an update for getUpdates, unless the bot's allowed_updates exclude it."""
        if kind not in self.allowed_updates:
            return None
        update = {"update_id": self._next_update_id, kind: payload}
        self._next_update_id += 1
        self.pending.append(update)
        self.history.append(update)
        await self.notify()
        return update

    async def get_updates(
        self, offset: int | None, limit: int, timeout: float, allowed: list[str] | None
    ) -> list[dict]:
        """The ``getUpdates`` method: confirm, filter, long-poll (409 while a webhook is set)."""
        if self.webhook is not None:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        self._poll_generation += 1
        generation = self._poll_generation
        await self.notify()  # an older long poll now ends with 409
        if allowed is not None:
            self.allowed_updates = list(allowed) if allowed else list(DEFAULT_UPDATES)
        if offset is not None and offset < 0:
            self.pending = self.pending[offset:]
        elif offset:
            self.pending = [u for u in self.pending if u["update_id"] >= offset]
        limit = min(max(limit, 1), 100)
        timeout = min(max(timeout, 0.0), MAX_LONG_POLL)

        def ready() -> Any:
            if self._poll_generation != generation:
                return "superseded"
            return self.pending[:limit] or None

        try:
            result = await self.wait_until(ready, timeout) if timeout > 0 else ready()
        except TimeoutError:
            result = None
        if result == "superseded":
            raise ApiError(
                409,
                "Conflict: terminated by other getUpdates request; "
                "make sure that only one bot instance is running",
            )
        return result or []

    async def set_webhook(
        self, url: str, secret: str | None, allowed: list[str] | None, drop_pending: bool = False
    ) -> None:
        """Deliver updates to ``url`` from now on (an empty ``url`` removes the webhook)."""
        hook = Webhook(self, url, secret) if url else None  # checks before anything changes
        await self.delete_webhook()
        if drop_pending:
            self.pending.clear()
        if allowed is not None:
            self.allowed_updates = list(allowed) if allowed else list(DEFAULT_UPDATES)
        if hook is not None:
            self.webhook = hook.start()
        self._poll_generation += 1  # a long poll still waiting ends with 409
        await self.notify()

    async def delete_webhook(self) -> None:
        """Stop delivering; pending updates wait for getUpdates again."""
        if self.webhook is not None:
            hook, self.webhook = self.webhook, None
            await hook.stop()

    # ---- storing messages ------------------------------------------------------------------

    def _thread_for(self, chat: Chat, thread_id: int | None, replied: dict | None) -> dict:
        """The thread fields of a new message, as Telegram fills them."""
        if chat.is_forum:
            if thread_id is None and replied is not None and replied.get("is_topic_message"):
                thread_id = replied.get("message_thread_id")
            if thread_id is None:
                return {}
            if thread_id not in chat.topics:
                raise ApiError(400, "Bad Request: message thread not found")
            return {"message_thread_id": thread_id, "is_topic_message": True}
        if thread_id is not None:
            raise ApiError(400, "Bad Request: message thread not found")
        if chat.type == "supergroup" and replied is not None:
            # in a plain supergroup a chain of replies forms a thread named by its first message
            return {"message_thread_id": replied.get("message_thread_id", replied["message_id"])}
        return {}

    def store_message(
        self,
        chat: Chat,
        sender: dict,
        *,
        text: str | None = None,
        entities: list[dict] | None = None,
        replied: dict | None = None,
        thread_id: int | None = None,
        extra: dict | None = None,
    ) -> dict:
        """Create a message in ``chat`` with the next message id and return it."""
        message: dict[str, Any] = {
            "message_id": chat.take_message_id(),
            "from": sender,
            "chat": chat.obj,
            "date": now(),
        }
        message.update(self._thread_for(chat, thread_id, replied))
        if replied is not None:
            message["reply_to_message"] = _strip_reply(replied)
        if text is not None:
            message["text"] = text
            if entities:
                message["entities"] = entities
        if extra:
            message.update(extra)
        chat.messages[message["message_id"]] = message
        if sender.get("is_bot"):
            chat.last_bot_posted = sender["id"] == self.bot_id
        return message

    # ---- faults ---------------------------------------------------------------------------

    async def inject_fault(
        self,
        kind: str,
        method: str | None = None,
        count: int = 1,
        *,
        retry_after: int = 1,
        status: int = 500,
        seconds: float = 5.0,
        then: str = "error",
    ) -> dict:
        """Make the next ``count`` calls of ``method`` (None: any) fail; see ``Fault``."""
        fault = Fault(kind, method, count, retry_after, status, seconds, then)
        self.faults.append(fault)
        return {"kind": fault.kind, "method": fault.method, "count": fault.count}

    async def clear_faults(self) -> int:
        """Drop every planned fault; returns how many were left."""
        left = sum(f.count for f in self.faults)
        self.faults.clear()
        return left

    def take_fault(self, method: str) -> Fault | None:
        """The fault to apply to this call, if one is planned (uses it up)."""
        for fault in self.faults:
            if fault.matches(method):
                fault.count -= 1
                if fault.count <= 0:
                    self.faults.remove(fault)
                return fault
        return None

    # ---- internals ------------------------------------------------------------------------

    def parse_text(self, raw: Any, parse_mode: Any, entities: Any) -> tuple[str, list[dict]]:
        """Text and entities of a message the bot sends (HTML checked like Telegram)."""
        if isinstance(entities, str):
            try:
                entities = json.loads(entities)
            except ValueError:
                raise ApiError(400, "Bad Request: can't parse entities JSON object") from None
        return message_text(raw, parse_mode, entities)
