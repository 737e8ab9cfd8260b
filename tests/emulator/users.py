"""The user side of an emulated bot: people, chats, what they send and what they read back.

``UserSide`` is mixed into ``BotState``; every method is ``async`` so the in-process state and
``RemoteBot`` (the same calls over HTTP) are used alike.
"""

from __future__ import annotations

import re
from typing import Any

from .chats import Chat, chat_key, commands_key
from .errors import ApiError, UserError
from .markup import detect_entities, u16len


class UserSide:
    """What users do with the bot, and what a test can read of the bot's replies."""

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
        return list(self.commands.get(commands_key({"type": scope}, language_code), []))

    async def wait_for_messages(
        self, chat_id: Any, count: int = 1, timeout: float = 10.0
    ) -> list[dict]:
        """Wait until the bot has sent at least ``count`` messages in a chat; return them."""

        def enough() -> list[dict] | None:
            chat = self.chats.get(chat_key(chat_id))
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
                f"bot sent {got} of {count} messages in chat {chat_key(chat_id)} within {timeout} s"
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

    def _chat_for_reading(self, chat_id: Any) -> Chat:
        chat = self.chats.get(chat_key(chat_id))
        if chat is None:
            raise UserError(f"unknown chat {chat_key(chat_id)}")
        return chat

    def _count_bot_messages(self, chat_id: Any) -> int:
        chat = self.chats.get(chat_key(chat_id))
        if chat is None:
            return 0
        return sum(1 for m in chat.messages.values() if m.get("from", {}).get("id") == self.bot_id)
