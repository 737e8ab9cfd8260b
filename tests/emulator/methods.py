"""The Bot API methods the emulator answers, one function per method.

Each takes the bot's ``BotState`` and the call's ``Params`` and returns the ``result`` of a
successful answer, or raises ``ApiError`` with the status and wording Telegram uses.
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable
from typing import Any

from .chats import Chat, commands_key, now
from .errors import bad_request
from .markup import message_text
from .state import BotState

CHAT_ACTIONS = {
    "typing",
    "upload_photo",
    "record_video",
    "upload_video",
    "record_voice",
    "upload_voice",
    "upload_document",
    "choose_sticker",
    "find_location",
    "record_video_note",
    "upload_video_note",
}
_BUTTON_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
_NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)
_QUERY_TOO_OLD = "query is too old and response timeout expired or query ID is invalid"


class Params:
    """The parameters of one call: form fields are strings, nested objects JSON strings.

    Example: Params({"chat_id": "42", "text": "hi"}).int("chat_id") == 42
    """

    def __init__(self, raw: dict[str, Any]) -> None:
        self.raw = raw

    def has(self, name: str) -> bool:
        return self.raw.get(name) not in (None, "")

    def str(self, name: str, default: str | None = None) -> str | None:
        value = self.raw.get(name)
        return default if value is None else str(value)

    def int(self, name: str, default: int | None = None) -> int | None:
        value = self.raw.get(name)
        if value in (None, ""):
            return default
        try:
            return int(value)
        except (TypeError, ValueError):
            raise bad_request(f"wrong parameter {name} in request") from None

    def float(self, name: str, default: float = 0.0) -> float:
        value = self.raw.get(name)
        if value in (None, ""):
            return default
        try:
            return float(value)
        except (TypeError, ValueError):
            raise bad_request(f"wrong parameter {name} in request") from None

    def bool(self, name: str, default: bool = False) -> bool:
        value = self.raw.get(name)
        if value in (None, ""):
            return default
        if isinstance(value, bool):
            return value
        return str(value).lower() in ("true", "1")

    def json(self, name: str, error: str) -> Any:
        """A nested object: already decoded in a JSON body, a JSON string in a form."""
        value = self.raw.get(name)
        if value in (None, ""):
            return None
        if isinstance(value, str):
            try:
                return json.loads(value)
            except ValueError:
                raise bad_request(error) from None
        return value

    def public(self) -> dict[str, Any]:
        """The parameters for the call log, nested objects decoded."""
        shown = {}
        for key, value in self.raw.items():
            if isinstance(value, str) and value[:1] in "[{":
                try:
                    value = json.loads(value)
                except ValueError:
                    pass
            shown[key] = value
        return shown


Method = Callable[[BotState, Params], Awaitable[Any]]
METHODS: dict[str, Method] = {}


def method(name: str) -> Callable[[Method], Method]:
    def register(func: Method) -> Method:
        METHODS[name.lower()] = func
        return func

    return register


# ---- shared checks ---------------------------------------------------------------------------


def check_reply_markup(markup: Any) -> dict | None:
    """Validate ``reply_markup``; return it when it is an inline keyboard (others aren't kept)."""
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" not in markup:
        if not any(k in markup for k in ("keyboard", "remove_keyboard", "force_reply")):
            raise bad_request("can't parse reply keyboard markup JSON object")
        return None
    rows = markup["inline_keyboard"]
    if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
        raise bad_request("can't parse inline keyboard markup JSON object")
    for row in rows:
        for button in row:
            if not isinstance(button, dict) or not isinstance(button.get("text"), str):
                raise bad_request(
                    'can\'t parse inline keyboard button: Field "text" must be of type String'
                )
            if not button["text"].strip():
                raise bad_request("BUTTON_TEXT_INVALID")
            actions = [k for k in _BUTTON_ACTIONS if k in button]
            if len(actions) != 1:
                raise bad_request(
                    "can't parse inline keyboard button: "
                    "Text buttons are unallowed in the inline keyboard"
                )
            data = button.get("callback_data")
            if data is not None and not 1 <= len(str(data).encode("utf-8")) <= 64:
                raise bad_request("BUTTON_DATA_INVALID")
            if "url" in button and not re.match(r"(https?|tg)://\S+$", str(button["url"])):
                raise bad_request("BUTTON_URL_INVALID")
    return {"inline_keyboard": rows}


def _replied_message(state: BotState, chat: Chat, p: Params) -> dict | None:
    reply = p.json("reply_parameters", "can't parse reply parameters JSON object")
    if reply is None and p.has("reply_to_message_id"):
        reply = {
            "message_id": p.int("reply_to_message_id"),
            "allow_sending_without_reply": p.bool("allow_sending_without_reply"),
        }
    if reply is None:
        return None
    if not isinstance(reply, dict) or "message_id" not in reply:
        raise bad_request("can't parse reply parameters JSON object")
    target = chat
    if reply.get("chat_id") not in (None, chat.id):
        target = state.chat(reply["chat_id"])
    try:
        message = target.messages.get(int(reply["message_id"]))
    except (TypeError, ValueError):
        message = None
    if message is None:
        if reply.get("allow_sending_without_reply"):
            return None
        raise bad_request("message to be replied not found")
    if target is not chat:
        raise bad_request("message to be replied not found")
    return message


def _link_preview(p: Params) -> dict | None:
    options = p.json("link_preview_options", "can't parse link preview options JSON object")
    if options is None and p.bool("disable_web_page_preview"):
        options = {"is_disabled": True}
    if options is not None and not isinstance(options, dict):
        raise bad_request("can't parse link preview options JSON object")
    return options or None


def _bot_message(state: BotState, chat: Chat, message_id: int | None) -> dict:
    message = chat.messages.get(message_id) if message_id is not None else None
    if message is None:
        raise bad_request("message to edit not found")
    if message.get("from", {}).get("id") != state.bot_id:
        raise bad_request("message can't be edited")
    return message


# ---- methods ---------------------------------------------------------------------------------


@method("getMe")
async def get_me(state: BotState, p: Params) -> dict:
    return state.me()


@method("logOut")
async def log_out(state: BotState, p: Params) -> bool:
    return True


@method("close")
async def close(state: BotState, p: Params) -> bool:
    state.closed = True
    return True


@method("getUpdates")
async def get_updates(state: BotState, p: Params) -> list[dict]:
    allowed = p.json("allowed_updates", "can't parse allowed updates")
    if allowed is not None and not isinstance(allowed, list):
        raise bad_request("can't parse allowed updates")
    return await state.get_updates(
        offset=p.int("offset"),
        limit=p.int("limit", 100),
        timeout=p.float("timeout", 0.0),
        allowed=allowed,
    )


@method("setWebhook")
async def set_webhook(state: BotState, p: Params) -> bool:
    allowed = p.json("allowed_updates", "can't parse allowed updates")
    if allowed is not None and not isinstance(allowed, list):
        raise bad_request("can't parse allowed updates")
    url = p.str("url", "") or ""
    drop = p.bool("drop_pending_updates")
    await state.set_webhook(url, p.str("secret_token"), allowed, drop)
    return True


@method("deleteWebhook")
async def delete_webhook(state: BotState, p: Params) -> bool:
    await state.delete_webhook()
    if p.bool("drop_pending_updates"):
        state.pending.clear()
    return True


@method("getWebhookInfo")
async def get_webhook_info(state: BotState, p: Params) -> dict:
    info = state.webhook.info() if state.webhook is not None else {"url": ""}
    return {**info, "has_custom_certificate": False, "pending_update_count": len(state.pending)}


@method("sendMessage")
async def send_message(state: BotState, p: Params) -> dict:
    if not p.has("chat_id"):
        raise bad_request("chat_id is empty")
    chat = state.writable_chat(p.str("chat_id"))
    text, entities = state.parse_text(p.str("text"), p.str("parse_mode"), p.raw.get("entities"))
    replied = _replied_message(state, chat, p)
    markup = check_reply_markup(
        p.json("reply_markup", "can't parse reply keyboard markup JSON object")
    )
    extra: dict[str, Any] = {}
    if markup:
        extra["reply_markup"] = markup
    preview = _link_preview(p)
    if preview:
        extra["link_preview_options"] = preview
    message = state.store_message(
        chat,
        state.user,
        text=text,
        entities=entities,
        replied=replied,
        thread_id=p.int("message_thread_id"),
        extra=extra,
    )
    await state.notify()
    return message


def _edit_target(state: BotState, p: Params) -> tuple[Any, dict, dict | None]:
    """The chat and bot message an edit names, and the keyboard it passes (None: dropped)."""
    if p.has("inline_message_id"):
        raise bad_request("MESSAGE_ID_INVALID")
    chat = state.chat(p.str("chat_id"))
    message = _bot_message(state, chat, p.int("message_id"))
    # Telegram drops the inline keyboard when an edit does not pass one again.
    markup = check_reply_markup(
        p.json("reply_markup", "can't parse reply keyboard markup JSON object")
    )
    return chat, message, markup


async def _store_edit(state: BotState, chat: Any, edited: dict, markup: dict | None) -> dict:
    """Keep the edited message, record the edit for the user side, wake long polls."""
    chat.messages[edited["message_id"]] = edited
    chat.edits.append(
        {
            "message_id": edited["message_id"],
            "text": edited.get("text"),
            "reply_markup": markup,
            "date": now(),
        }
    )
    await state.notify()
    return edited


@method("editMessageText")
async def edit_message_text(state: BotState, p: Params) -> dict:
    chat, message, markup = _edit_target(state, p)
    text, entities = state.parse_text(p.str("text"), p.str("parse_mode"), p.raw.get("entities"))
    if (
        text == message.get("text")
        and entities == message.get("entities", [])
        and markup == message.get("reply_markup")
    ):
        raise bad_request(_NOT_MODIFIED)
    edited = {k: v for k, v in message.items() if k not in ("entities", "reply_markup")}
    edited.update(text=text, edit_date=now())
    if entities:
        edited["entities"] = entities
    if markup:
        edited["reply_markup"] = markup
    return await _store_edit(state, chat, edited, markup)


@method("editMessageReplyMarkup")
async def edit_message_reply_markup(state: BotState, p: Params) -> dict:
    chat, message, markup = _edit_target(state, p)
    if markup == message.get("reply_markup"):
        raise bad_request(_NOT_MODIFIED)
    edited = {k: v for k, v in message.items() if k != "reply_markup"}
    edited["edit_date"] = now()
    if markup:
        edited["reply_markup"] = markup
    return await _store_edit(state, chat, edited, markup)


@method("sendChatAction")
async def send_chat_action(state: BotState, p: Params) -> bool:
    if not p.has("chat_id"):
        raise bad_request("chat_id is empty")
    chat = state.writable_chat(p.str("chat_id"))
    action = p.str("action")
    if action not in CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    thread_id = p.int("message_thread_id")
    if thread_id is not None and chat.is_forum and thread_id not in chat.topics:
        raise bad_request("message thread not found")
    entry: dict[str, Any] = {"action": action, "date": now()}
    if thread_id is not None:
        entry["message_thread_id"] = thread_id
    chat.actions.append(entry)
    await state.notify()
    return True


def _commands_scope(p: Params) -> dict:
    scope = p.json("scope", "can't parse BotCommandScope JSON object") or {"type": "default"}
    if not isinstance(scope, dict) or "type" not in scope:
        raise bad_request("can't parse BotCommandScope JSON object")
    return scope


@method("setMyCommands")
async def set_my_commands(state: BotState, p: Params) -> bool:
    commands = p.json("commands", "can't parse commands JSON object")
    if not isinstance(commands, list) or len(commands) > 100:
        raise bad_request("can't parse commands JSON object")
    for command in commands:
        if not isinstance(command, dict):
            raise bad_request("can't parse commands JSON object")
        name = command.get("command")
        if not isinstance(name, str) or not re.fullmatch(r"[a-z0-9_]{1,32}", name):
            raise bad_request("BOT_COMMAND_INVALID")
        description = command.get("description")
        if not isinstance(description, str) or not 1 <= len(description.strip()) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
    key = commands_key(_commands_scope(p), p.str("language_code"))
    state.commands[key] = [
        {"command": c["command"], "description": c["description"]} for c in commands
    ]
    return True


@method("getMyCommands")
async def get_my_commands(state: BotState, p: Params) -> list[dict]:
    return state.commands.get(commands_key(_commands_scope(p), p.str("language_code")), [])


@method("deleteMyCommands")
async def delete_my_commands(state: BotState, p: Params) -> bool:
    state.commands.pop(commands_key(_commands_scope(p), p.str("language_code")), None)
    return True


@method("answerCallbackQuery")
async def answer_callback_query(state: BotState, p: Params) -> bool:
    query_id = p.str("callback_query_id") or ""
    if query_id not in state.callback_queries or query_id in state.callback_answers:
        raise bad_request(_QUERY_TOO_OLD)
    text = p.str("text")
    if text is not None and len(text) > 200:
        raise bad_request("MESSAGE_TOO_LONG")
    state.callback_answers[query_id] = {
        "text": text,
        "show_alert": p.bool("show_alert"),
        "url": p.str("url"),
        "cache_time": p.int("cache_time", 0),
    }
    await state.notify()
    return True


def _inline_result(result: Any, seen: set[str]) -> dict:
    if not isinstance(result, dict) or not isinstance(result.get("type"), str):
        raise bad_request("can't parse InlineQueryResult JSON object")
    result_id = result.get("id")
    if not isinstance(result_id, str) or not 1 <= len(result_id.encode("utf-8")) <= 64:
        raise bad_request("RESULT_ID_INVALID")
    if result_id in seen:
        raise bad_request("RESULT_ID_DUPLICATE")
    seen.add(result_id)
    checked = dict(result)
    content = result.get("input_message_content")
    if result["type"] == "article":
        if not str(result.get("title", "")).strip():
            raise bad_request("RESULT_TITLE_EMPTY")
        if not isinstance(content, dict):
            raise bad_request("can't parse InputMessageContent JSON object")
    if isinstance(content, dict) and "message_text" in content:
        text, entities = message_text(
            content.get("message_text"), content.get("parse_mode"), content.get("entities")
        )
        # what the chat will show if the user sends this result
        checked["message"] = {"text": text, "entities": entities}
    if "reply_markup" in result:
        check_reply_markup(result["reply_markup"])
    return checked


@method("answerInlineQuery")
async def answer_inline_query(state: BotState, p: Params) -> bool:
    query_id = p.str("inline_query_id") or ""
    if query_id not in state.inline_queries or query_id in state.inline_answers:
        raise bad_request(_QUERY_TOO_OLD)
    results = p.json("results", "can't parse inline query results JSON object")
    if not isinstance(results, list):
        raise bad_request("can't parse inline query results JSON object")
    if len(results) > 50:
        raise bad_request("RESULTS_TOO_MUCH")
    seen: set[str] = set()
    checked = [_inline_result(r, seen) for r in results]
    next_offset = p.str("next_offset") or ""
    if len(next_offset.encode("utf-8")) > 64:
        raise bad_request("NEXT_OFFSET_INVALID")
    state.inline_answers[query_id] = {
        "results": checked,
        "cache_time": p.int("cache_time", 300),
        "is_personal": p.bool("is_personal"),
        "next_offset": next_offset,
        "button": p.json("button", "can't parse InlineQueryResultsButton JSON object"),
    }
    await state.notify()
    return True
