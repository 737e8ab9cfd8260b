"""One emulated bot: its chats, messages, pending updates and the user side that talks to it.

Everything a bot token owns lives in one ``BotState``, so tests with different tokens never see
each other's updates. The user-side methods are ``async`` so that the in-process object and the
HTTP client (``RemoteBot``) can be used the same way.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .errors import ApiError, UserError
from .markup import detect_entities, message_text, u16len

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


def now() -> int:
    """Unix time in seconds, the unit of every Bot API date."""
    return int(time.time())


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


def _strip_reply(message: dict) -> dict:
    """A message as it appears inside ``reply_to_message``: Telegram nests one level only."""
    return {k: v for k, v in message.items() if k != "reply_to_message"}


class BotState:
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
        """The ``getUpdates`` method: confirm, filter, long-poll."""
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

    # ---- user side: people and chats -------------------------------------------------------

    async def new_user(
        self, first_name: str = "Alice", username: str | None = None, language_code: str = "en"
    ) -> dict:
        """A new Telegram user (positive id) who can message the bot."""
        user = {"id": self._next_user_id, "is_bot": False, "first_name": first_name}
        self._next_user_id += 1
        if username:
            user["username"] = username
        if language_code:
            user["language_code"] = language_code
        self.users[user["id"]] = user
        return user

    async def new_chat(
        self, kind: str = "group", title: str = "Test group", *, bot_member: bool = True
    ) -> dict:
        """A group (id -4…), supergroup (-100…) or forum supergroup the bot is a member of."""
        if kind not in ("group", "supergroup", "forum"):
            raise UserError(f"chat kind must be group, supergroup or forum, not {kind}")
        serial = self._next_group
        self._next_group += 1
        if kind == "group":
            obj = {"id": -serial, "type": "group", "title": title}
        else:
            obj = {"id": -(1_000_000_000_000 + serial), "type": "supergroup", "title": title}
            if kind == "forum":
                obj["is_forum"] = True
        self.chats[obj["id"]] = Chat(obj, bot_member=bot_member)
        return obj

    async def set_privacy_mode(self, enabled: bool) -> bool:
        """BotFather's /setprivacy: what the bot receives in groups."""
        self.privacy_mode = bool(enabled)
        return self.privacy_mode

    async def set_inline_mode(self, enabled: bool) -> bool:
        """BotFather's /setinline: whether users can query the bot inline."""
        self.inline_mode = bool(enabled)
        return self.inline_mode

    async def set_admin(self, chat_id: int, is_admin: bool = True) -> bool:
        """Make the bot an administrator of a group (it then receives every message)."""
        self._user_chat(chat_id).bot_is_admin = bool(is_admin)
        return bool(is_admin)

    def _user(self, user: Any) -> dict:
        user_id = user["id"] if isinstance(user, dict) else int(user)
        if user_id not in self.users:
            raise UserError(f"unknown user {user_id}: create it with new_user()")
        return self.users[user_id]

    def _user_chat(self, chat_id: Any) -> Chat:
        chat_id = chat_id["id"] if isinstance(chat_id, dict) else int(chat_id)
        chat = self.chats.get(chat_id)
        if chat is None:
            raise UserError(f"unknown chat {chat_id}")
        return chat

    def _private_chat(self, user: dict) -> Chat:
        chat = self.chats.get(user["id"])
        if chat is None:
            obj = {"id": user["id"], "type": "private", "first_name": user["first_name"]}
            if "username" in user:
                obj["username"] = user["username"]
            chat = self.chats[user["id"]] = Chat(obj)
        return chat

    # ---- user side: sending --------------------------------------------------------------

    async def send_message(
        self,
        chat_id: Any,
        user: Any,
        text: str,
        *,
        reply_to: int | None = None,
        message_thread_id: int | None = None,
        entities: list[dict] | None = None,
    ) -> dict:
        """A user writes ``text`` in a chat (a user id means the private chat with the bot).

        Entities (commands, mentions, links) are detected as Telegram clients do unless given.
        Returns the Message the bot receives (if privacy mode lets it through).
        """
        sender = self._user(user)
        chat_key = chat_id["id"] if isinstance(chat_id, dict) else int(chat_id)
        if chat_key == sender["id"]:
            chat = self._private_chat(sender)
        else:
            chat = self._user_chat(chat_key)
            if chat.type == "private":
                raise UserError(f"user {sender['id']} cannot write in another user's private chat")
        replied = None
        if reply_to is not None:
            replied = chat.messages.get(int(reply_to))
            if replied is None:
                raise UserError(f"no message {reply_to} in chat {chat.id} to reply to")
        if entities is None:
            entities = detect_entities(text)
        try:
            message = self.store_message(
                chat,
                sender,
                text=text,
                entities=entities,
                replied=replied,
                thread_id=message_thread_id,
            )
        except ApiError as exc:
            raise UserError(exc.description) from None
        if self._delivered_to_bot(chat, message):
            await self.push_update("message", message)
        await self.notify()
        return message

    async def send_private(self, user: Any, text: str, **kwargs: Any) -> dict:
        """A user writes to the bot in their private chat."""
        sender = self._user(user)
        return await self.send_message(sender["id"], sender, text, **kwargs)

    async def send_command(
        self,
        chat_id: Any,
        user: Any,
        command: str,
        args: str = "",
        *,
        addressed: bool = False,
        **kwargs: Any,
    ) -> dict:
        """``/command args`` (``/command@botname args`` if ``addressed``) as clients send it."""
        name = command.lstrip("/")
        if not re.fullmatch(r"[A-Za-z0-9_]{1,32}", name):
            raise UserError(f"not a bot command: {command!r}")
        head = f"/{name}@{self.username}" if addressed else f"/{name}"
        text = f"{head} {args}".rstrip() if args else head
        entities = [{"type": "bot_command", "offset": 0, "length": u16len(head)}]
        entities = detect_entities(text, entities)
        return await self.send_message(chat_id, user, text, entities=entities, **kwargs)

    async def send_mention(self, chat_id: Any, user: Any, text: str, **kwargs: Any) -> dict:
        """``@botname text``: a message that mentions the bot."""
        return await self.send_message(chat_id, user, f"@{self.username} {text}", **kwargs)

    async def reply(
        self, chat_id: Any, user: Any, message_id: int, text: str, **kwargs: Any
    ) -> dict:
        """A user replies to a message (for instance one of the bot's) with ``text``."""
        return await self.send_message(chat_id, user, text, reply_to=message_id, **kwargs)

    async def create_topic(self, chat_id: Any, user: Any, name: str) -> dict:
        """Open a forum topic; its ``message_thread_id`` is the returned service message's id."""
        chat = self._user_chat(chat_id)
        if not chat.is_forum:
            raise UserError(f"chat {chat.id} is not a forum")
        message_id = chat.next_message_id
        chat.topics[message_id] = name
        message = self.store_message(
            chat,
            self._user(user),
            thread_id=message_id,
            extra={"forum_topic_created": {"name": name, "icon_color": 7322096}},
        )
        await self.push_update("message", message)
        return message

    async def press_button(self, chat_id: Any, user: Any, message_id: int, data: str) -> str:
        """Press the inline button carrying ``data`` under a bot message; returns the query id."""
        chat = self._user_chat(chat_id)
        message = chat.messages.get(int(message_id))
        if message is None:
            raise UserError(f"no message {message_id} in chat {chat.id}")
        buttons = [
            button
            for row in message.get("reply_markup", {}).get("inline_keyboard", [])
            for button in row
        ]
        if not any(b.get("callback_data") == data for b in buttons):
            raise UserError(f"message {message_id} has no button with callback_data {data!r}")
        query_id = str(self._next_query)
        self._next_query += 1
        query = {
            "id": query_id,
            "from": self._user(user),
            "message": message,
            "chat_instance": str(-(abs(hash((self.bot_id, chat.id))) % 10**18)),
            "data": data,
        }
        self.callback_queries[query_id] = query
        await self.push_update("callback_query", query)
        return query_id

    async def inline_query(
        self, user: Any, query: str, offset: str = "", chat_type: str | None = "sender"
    ) -> str:
        """Type ``@botname query`` in any chat; returns the inline query id."""
        if not self.inline_mode:
            raise UserError("inline mode is off for this bot (BotFather /setinline)")
        query_id = str(self._next_query)
        self._next_query += 1
        payload = {"id": query_id, "from": self._user(user), "query": query, "offset": offset}
        if chat_type:
            payload["chat_type"] = chat_type
        self.inline_queries[query_id] = payload
        await self.push_update("inline_query", payload)
        return query_id

    async def choose_inline_result(
        self, user: Any, chat_id: Any, query_id: str, result_id: str
    ) -> dict:
        """Send one of the bot's inline results into a chat, as the user; returns the message."""
        answer = self.inline_answers.get(str(query_id))
        if answer is None:
            raise UserError(f"inline query {query_id} has no answer yet")
        result = next((r for r in answer["results"] if r["id"] == result_id), None)
        if result is None or "message" not in result:
            raise UserError(f"inline query {query_id} has no text result {result_id!r}")
        sender = self._user(user)
        chat_key = chat_id["id"] if isinstance(chat_id, dict) else int(chat_id)
        chat = self._private_chat(sender) if chat_key == sender["id"] else self._user_chat(chat_key)
        message = self.store_message(
            chat,
            sender,
            text=result["message"]["text"],
            entities=result["message"]["entities"],
            extra={"via_bot": self.user},
        )
        if self._delivered_to_bot(chat, message):
            await self.push_update("message", message)
        await self.notify()
        return message

    # ---- user side: reading ---------------------------------------------------------------

    async def messages(self, chat_id: Any) -> list[dict]:
        """Every message in a chat, oldest first, as it is now (after edits)."""
        chat = self._chat_for_reading(chat_id)
        return [chat.messages[k] for k in sorted(chat.messages)]

    async def bot_messages(self, chat_id: Any) -> list[dict]:
        """The bot's messages in a chat, oldest first, as they are now."""
        return [
            m for m in await self.messages(chat_id) if m.get("from", {}).get("id") == self.bot_id
        ]

    async def edits(self, chat_id: Any) -> list[dict]:
        """Each edit the bot made in a chat: message id, new text and markup, date."""
        return list(self._chat_for_reading(chat_id).edits)

    async def chat_actions(self, chat_id: Any) -> list[dict]:
        """Each chat action (``typing``…) the bot sent to a chat."""
        return list(self._chat_for_reading(chat_id).actions)

    async def inline_answer(self, query_id: str) -> dict | None:
        """What the bot answered to an inline query (None if nothing yet)."""
        return self.inline_answers.get(str(query_id))

    async def callback_answer(self, query_id: str) -> dict | None:
        """How the bot answered a button press (None if not answered yet)."""
        return self.callback_answers.get(str(query_id))

    async def updates(self) -> list[dict]:
        """Every update ever queued for the bot, confirmed or not."""
        return list(self.history)

    async def pending_updates(self) -> list[dict]:
        """Updates the bot has not confirmed with ``offset`` yet."""
        return list(self.pending)

    async def calls(self, method: str | None = None) -> list[dict]:
        """The Bot API calls the bot made (method, params, HTTP status), oldest first."""
        return [c for c in self.call_log if method is None or c["method"] == method.lower()]

    async def my_commands(self, scope: str = "default", language_code: str = "") -> list[dict]:
        """The command list set with setMyCommands for a scope type and language."""
        return list(self.commands.get(_commands_key({"type": scope}, language_code), []))

    async def wait_for_messages(
        self, chat_id: Any, count: int = 1, timeout: float = 10.0
    ) -> list[dict]:
        """Wait until the bot has sent at least ``count`` messages in a chat; return them."""

        def enough() -> list[dict] | None:
            chat = self.chats.get(_chat_key(chat_id))
            if chat is None:
                return None
            mine = [
                chat.messages[k]
                for k in sorted(chat.messages)
                if chat.messages[k].get("from", {}).get("id") == self.bot_id
            ]
            return mine if len(mine) >= count else None

        try:
            return await self.wait_until(enough, timeout)
        except TimeoutError:
            got = self._count_bot_messages(chat_id)
            raise TimeoutError(
                f"bot sent {got} of {count} messages in chat {_chat_key(chat_id)} "
                f"within {timeout} s"
            ) from None

    async def wait_for_inline_answer(self, query_id: str, timeout: float = 10.0) -> dict:
        """Wait for the bot's answerInlineQuery to a query."""
        return await self.wait_until(lambda: self.inline_answers.get(str(query_id)), timeout)

    async def wait_for_callback_answer(self, query_id: str, timeout: float = 10.0) -> dict:
        """Wait for the bot's answerCallbackQuery to a button press."""
        return await self.wait_until(lambda: self.callback_answers.get(str(query_id)), timeout)

    async def wait_for_calls(
        self, method: str, count: int = 1, timeout: float = 10.0
    ) -> list[dict]:
        """Wait until the bot has called ``method`` at least ``count`` times."""

        def enough() -> list[dict] | None:
            found = [c for c in self.call_log if c["method"] == method.lower()]
            return found if len(found) >= count else None

        return await self.wait_until(enough, timeout)

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

    def _chat_for_reading(self, chat_id: Any) -> Chat:
        chat = self.chats.get(_chat_key(chat_id))
        if chat is None:
            raise UserError(f"unknown chat {_chat_key(chat_id)}")
        return chat

    def _count_bot_messages(self, chat_id: Any) -> int:
        chat = self.chats.get(_chat_key(chat_id))
        if chat is None:
            return 0
        return sum(1 for m in chat.messages.values() if m.get("from", {}).get("id") == self.bot_id)

    def parse_text(self, raw: Any, parse_mode: Any, entities: Any) -> tuple[str, list[dict]]:
        """Text and entities of a message the bot sends (HTML checked like Telegram)."""
        if isinstance(entities, str):
            try:
                entities = json.loads(entities)
            except ValueError:
                raise ApiError(400, "Bad Request: can't parse entities JSON object") from None
        return message_text(raw, parse_mode, entities)


def _chat_key(chat_id: Any) -> int:
    return chat_id["id"] if isinstance(chat_id, dict) else int(chat_id)


def _commands_key(scope: dict | None, language_code: str | None) -> str:
    scope = scope or {"type": "default"}
    return json.dumps([scope, language_code or ""], sort_keys=True)
