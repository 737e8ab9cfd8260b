"""Telegram handlers: who may ask what, where, and how the answer goes back.

Shared objects live in ``context.bot_data`` (see ``bot.app.build_application``): the storybot,
the answer cache, the per-chat rate limiter and the stored pages of long answers.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass
from typing import Any, Protocol

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    LinkPreviewOptions,
    Message,
    MessageEntity,
    Update,
)
from telegram.constants import ChatAction, ChatType, ParseMode
from telegram.error import BadRequest, TelegramError
from telegram.ext import ContextTypes

from bot.format import (
    MAX_MESSAGE_LENGTH,
    format_answer,
    format_help,
    format_refusal,
    format_side,
    format_sources,
    format_timeline,
    side_description,
)
from bot.state import AnswerCache, ChatRateLimiter
from retrieval.errors import StorybotError
from retrieval.types import Answer

logger = logging.getLogger(__name__)

SOMETHING_WENT_WRONG = "Something went wrong, please try again."
ASK_USAGE = "Ask like this: /ask Did Xi refuse to visit Russia?"
EXPIRED = "This answer is no longer available, please ask again."
_NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
_TYPING_EVERY = 4.5  # seconds; Telegram shows "typing…" for about 5


class StoryAnswerer(Protocol):
    """What the bot needs from ``retrieval.service.Storybot`` (a stand-in works in tests)."""

    @property
    def story(self) -> str: ...

    def ask(self, question: str, k: int = 6) -> Answer: ...

    def sources(self) -> list[Any]: ...

    def timeline(self) -> list[Any]: ...


@dataclass
class Settings:
    """Per-application settings, kept in ``bot_data["settings"]``."""

    k: int = 6
    page_limit: int = MAX_MESSAGE_LENGTH


def more_button(key: str, index: int, total: int) -> InlineKeyboardMarkup:
    """The "More" button that shows page ``index`` (0-based) of ``total``."""
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(f"More ({index + 1}/{total})", callback_data=f"more:{key}:{index}")]]
    )


# ---- helpers --------------------------------------------------------------------------------


def _data(context: ContextTypes.DEFAULT_TYPE) -> dict[str, Any]:
    return context.bot_data


async def _reply(message: Message, text: str, **kwargs: Any) -> Message:
    """Reply to ``message`` in its chat and thread, HTML, no link previews."""
    return await message.reply_text(
        text,
        parse_mode=ParseMode.HTML,
        link_preview_options=_NO_PREVIEW,
        do_quote=True,
        allow_sending_without_reply=True,
        **kwargs,
    )


async def _keep_typing(message: Message) -> None:
    while True:
        try:
            await message.reply_chat_action(ChatAction.TYPING)
        except TelegramError as err:  # typing is a courtesy; the answer matters
            logger.debug("chat action failed: %s", err)
        await asyncio.sleep(_TYPING_EVERY)


@asynccontextmanager
async def _typing(message: Message):  # noqa: ANN202 - returns an async context manager
    task = asyncio.create_task(_keep_typing(message))
    try:
        yield
    finally:
        task.cancel()
        with suppress(asyncio.CancelledError):
            await task


async def _retrieve(context: ContextTypes.DEFAULT_TYPE, question: str) -> Answer:
    """Storybot.ask in a worker thread (the event loop never blocks), bounded in number."""
    data = _data(context)
    async with data["retrieval_slots"]:
        return await asyncio.to_thread(data["storybot"].ask, question, data["settings"].k)


async def _answer_for(
    context: ContextTypes.DEFAULT_TYPE, question: str, message: Message | None = None
) -> Answer:
    """The answer from the cache, or retrieved while the chat shows "typing…"."""
    data = _data(context)
    cache: AnswerCache = data["cache"]
    # an answerer that reloads (articles added while the bot runs) says which corpus it is
    generation = getattr(data["storybot"], "generation", 0)
    key = f"{generation}:{cache.key(question, data['settings'].k)}"
    cached = cache.peek(key)
    if cached is not None:
        return cached
    if message is None:
        return await cache.get(key, lambda: _retrieve(context, question))
    async with _typing(message):
        return await cache.get(key, lambda: _retrieve(context, question))


def _message(update: Update) -> Message:
    """The update's message: every handler that calls this is registered for updates with one."""
    message = update.effective_message
    if message is None:
        raise ValueError(f"update {update.update_id} carries no message")
    return message


def _chat_id(update: Update) -> int:
    chat = update.effective_chat
    if chat is None:
        raise ValueError(f"update {update.update_id} comes from no chat")
    return chat.id


def _allowed(context: ContextTypes.DEFAULT_TYPE, chat_id: int) -> tuple[bool, bool, int]:
    limiter: ChatRateLimiter = _data(context)["rate_limiter"]
    return limiter.check(chat_id)


async def _within_rate(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """Count this request against the chat's budget; say so politely once when it's spent."""
    message = update.effective_message
    allowed, warn, wait = _allowed(context, _chat_id(update))
    if not allowed and warn and message is not None:
        await _reply(
            message,
            f"I'm getting a lot of questions here. Please wait {wait} seconds and ask again.",
        )
    if not allowed:
        logger.info("rate limit: dropped a request in chat %s", _chat_id(update))
    return allowed


async def answer_question(
    update: Update, context: ContextTypes.DEFAULT_TYPE, question: str
) -> None:
    """Answer ``question`` in reply to the message that asked it (first page + "More")."""
    message = _message(update)
    if not await _within_rate(update, context):
        return
    try:
        answer = await _answer_for(context, question, message)
    except StorybotError as err:
        await _reply(message, format_refusal(question, _sentence(str(err))))
        return
    data = _data(context)
    pages = format_answer(answer, data["settings"].page_limit)
    markup = None
    if len(pages) > 1:
        markup = more_button(data["pages"].add(pages), 1, len(pages))
    await _reply(message, pages[0], reply_markup=markup)


def _sentence(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:] if text else text


def _remove_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """Cut UTF-16 ``(offset, length)`` spans (entity coordinates) out of ``text``."""
    units = text.encode("utf-16-le")
    for offset, length in sorted(spans, reverse=True):
        units = units[: 2 * offset] + units[2 * (offset + length) :]
    return units.decode("utf-16-le")


def _is_own_message(message: Message | None, bot_id: int) -> bool:
    return bool(message and message.from_user and message.from_user.id == bot_id)


# ---- handlers -------------------------------------------------------------------------------


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/start and /help: two lines on what the bot knows and how to ask."""
    if not await _within_rate(update, context):
        return
    storybot = _data(context)["storybot"]
    articles = len(await asyncio.to_thread(storybot.sources))
    await _reply(_message(update), format_help(storybot.story, articles, context.bot.username))


async def _listing(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    read: Callable[[StoryAnswerer], list[Any]],
    pages: Callable[[str, list[Any], int], list[str]],
) -> None:
    """A command that lists what the corpus holds, page by page (off the event loop)."""
    if not await _within_rate(update, context):
        return
    storybot = _data(context)["storybot"]
    found = await asyncio.to_thread(read, storybot)
    for page in pages(storybot.story, found, _data(context)["settings"].page_limit):
        await _reply(_message(update), page)


async def sources(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/sources: the articles the answers come from."""
    await _listing(update, context, lambda bot: bot.sources(), format_sources)


async def timeline(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/timeline: the story's events in the order they first appeared."""
    await _listing(update, context, lambda bot: bot.timeline(), format_timeline)


async def ask(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/ask question (also /ask@botname question), in any chat."""
    message = _message(update)
    command = next(
        (e for e in message.entities if e.type == MessageEntity.BOT_COMMAND and e.offset == 0),
        None,
    )
    question = _remove_spans(message.text or "", [(0, command.length)]) if command else ""
    if not question.strip():
        if await _within_rate(update, context):
            await _reply(message, ASK_USAGE)
        return
    await answer_question(update, context, question.strip())


async def private_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """In a private chat, any text is a question."""
    await answer_question(update, context, (_message(update).text or "").strip())


async def group_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """In a group: answer a mention of the bot or a reply to its message; ignore the rest."""
    message = _message(update)
    text = message.text or ""
    username = (context.bot.username or "").casefold()
    mentions = [
        (entity.offset, entity.length)
        for entity, text in message.parse_entities([MessageEntity.MENTION]).items()
        if text[1:].casefold() == username
    ]
    if mentions:
        question = _remove_spans(text, mentions).strip(" \t\n,:;-—")
    elif _is_own_message(message.reply_to_message, context.bot.id):
        question = text.strip()
    else:
        return  # other people's conversation
    if not question:
        if await _within_rate(update, context):
            hint = f"Ask me something after my name, e.g. @{context.bot.username} did Xi refuse?"
            await _reply(message, hint)
        return
    await answer_question(update, context, question)


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An unknown command gets the help text (in groups only when addressed to this bot)."""
    message = _message(update)
    command = (message.text or "/").split(maxsplit=1)[0]
    addressee = command.partition("@")[2].casefold()
    if addressee and addressee != (context.bot.username or "").casefold():
        return  # meant for another bot
    if message.chat.type != ChatType.PRIVATE and not addressee:
        return  # a bare /command in a group may belong to another bot
    await start(update, context)


async def more(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The "More" button: show the next page of a long answer below the pressed one."""
    query = update.callback_query
    if query is None:
        return
    _, _, rest = (query.data or "").partition(":")
    key, _, index_text = rest.partition(":")
    pages = _data(context)["pages"].get(key)
    index = int(index_text) if index_text.isdigit() else -1
    if not pages or not 0 < index < len(pages) or not isinstance(query.message, Message):
        await query.answer(EXPIRED)
        return
    if not _data(context)["pages"].claim(key, index):
        await query.answer("Already shown.")
        return
    await query.answer()
    with suppress(BadRequest):  # the button may already be gone
        await query.edit_message_reply_markup(reply_markup=None)
    markup = more_button(key, index + 1, len(pages)) if index + 1 < len(pages) else None
    await _reply(query.message, pages[index], reply_markup=markup)


async def inline_query(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Inline mode: one result per side, titled with its label, ready to send in any chat."""
    query = update.inline_query
    if query is None:
        return
    question = query.query.strip()
    if len(question) < 3:
        await query.answer([], cache_time=5)
        return
    # Inline queries have no chat: they count against the asking user's own budget.
    allowed, _, wait = _allowed(context, query.from_user.id)
    if not allowed:
        logger.info("rate limit: dropped an inline query from user %s", query.from_user.id)
        reason = f"I'm getting a lot of questions. Please wait {wait} seconds and ask again."
        text = format_refusal(question, reason)
        await query.answer(
            [_article("rate-limited", "Too many questions", reason, text)], cache_time=0
        )
        return
    try:
        answer = await _answer_for(context, question)
    except StorybotError as err:
        reason = _sentence(str(err))
        text = format_refusal(question, reason)
        results = [_article("refused", "Can't answer that", reason, text)]
        await query.answer(results, cache_time=5)
        return
    if answer.answered and answer.sides:
        results = [
            _article(
                str(i),
                side.label,
                side_description(side),
                format_side(answer, side, _data(context)["settings"].page_limit),
            )
            for i, side in enumerate(answer.sides)
        ]
    else:
        text = format_answer(answer)[0]
        results = [_article("not-answered", "Not answered", answer.message, text)]
    await query.answer(results, cache_time=300, is_personal=False)


def _article(result_id: str, title: str, description: str, text: str) -> InlineQueryResultArticle:
    return InlineQueryResultArticle(
        id=result_id,
        title=title[:256],
        description=description[:256] or None,
        input_message_content=InputTextMessageContent(
            text, parse_mode=ParseMode.HTML, link_preview_options=_NO_PREVIEW
        ),
    )


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the error with its traceback; tell the user briefly, never with the traceback."""
    update_id = getattr(update, "update_id", None)
    logger.error("error while handling update %s", update_id, exc_info=context.error)
    if not isinstance(update, Update):
        return
    try:
        if update.callback_query is not None:
            with suppress(TelegramError):
                await update.callback_query.answer(SOMETHING_WENT_WRONG)
        if update.effective_message is not None and update.effective_chat is not None:
            await _reply(update.effective_message, SOMETHING_WENT_WRONG)
    except TelegramError as err:
        logger.warning("could not tell the user about the error: %s", err)
