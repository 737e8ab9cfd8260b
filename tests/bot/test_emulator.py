"""The Bot API emulator, checked with python-telegram-bot's own ``telegram.Bot`` and classes."""

from __future__ import annotations

import asyncio
import datetime as dtm
import subprocess
import sys
import time

import aiohttp
import pytest
import telegram
from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    LinkPreviewOptions,
    ReplyParameters,
)
from telegram.error import BadRequest, Conflict, InvalidToken, NetworkError, RetryAfter, TimedOut
from telegram.request import HTTPXRequest

from tests.bot.conftest import REPO
from tests.emulator import ApiError, BotApiEmulator, EmulatorClient, UserError, parse_html


@pytest.fixture
async def emu():
    async with BotApiEmulator() as emulator:
        yield emulator


@pytest.fixture
async def tg(emu):
    """An emulated bot (inline mode on) and PTB's Bot talking to it."""
    state = emu.add_bot(inline_mode=True)
    async with telegram.Bot(state.token, base_url=emu.base_url) as bot:
        yield state, bot


@pytest.fixture(params=["in-process", "http"])
async def side(request, emu):
    """The user side of a new bot, as Python methods or over HTTP, with PTB's Bot."""
    if request.param == "in-process":
        user_side = emu.add_bot(inline_mode=True)
        client = None
    else:
        client = EmulatorClient(emu.url)
        user_side = await client.create_bot(inline_mode=True)
    async with telegram.Bot(user_side.token, base_url=emu.base_url) as bot:
        yield user_side, bot
    if client is not None:
        await client.close()


async def _raw(emu, path: str, **form) -> tuple[int, dict]:
    async with aiohttp.ClientSession() as session:
        async with session.post(f"{emu.url}{path}", data=form) as response:
            return response.status, await response.json()


class TestHtmlParseMode:
    @pytest.mark.parametrize(
        "markup, text, entities",
        [
            ("<b>bold</b> &lt;3 &amp; &quot;q&quot;", 'bold <3 & "q"', [("bold", 0, 4)]),
            ("&nbsp;&copy; &ge;", "&nbsp;&copy; &ge;", []),
            ("&lt &gt", "< >", []),
            ("&#65;&#x42;", "AB", []),
            ("🏟 <i>x</i>", "🏟 x", [("italic", 3, 1)]),
            ("<strong>a</strong><em>b</em><ins>c</ins><del>d</del>", "abcd", None),
            ("<b></b>x", "x", []),
            ("<b>a <i>b</i></b>", "a b", [("bold", 0, 3), ("italic", 2, 1)]),
            ("<blockquote expandable>q</blockquote>", "q", [("expandable_blockquote", 0, 1)]),
            ('<span class="tg-spoiler">s</span>', "s", [("spoiler", 0, 1)]),
            ("<tg-spoiler>s</tg-spoiler>", "s", [("spoiler", 0, 1)]),
            ("<code>c</code>", "c", [("code", 0, 1)]),
            ("<i>a</>", "a", [("italic", 0, 1)]),
        ],
    )
    def test_markup_becomes_text_and_entities(self, markup, text, entities):
        parsed_text, parsed = parse_html(markup)
        assert parsed_text == text
        if entities is not None:
            assert [(e["type"], e["offset"], e["length"]) for e in parsed] == entities

    @pytest.mark.parametrize(
        "markup, url",
        [
            ('<a href="https://t.me/x?a=1&amp;b=2">l</a>', "https://t.me/x?a=1&b=2"),
            ("<a href=telegram.org>l</a>", "http://telegram.org/"),
            ("<a>https://example.com/a</a>", "https://example.com/a"),
        ],
    )
    def test_links(self, markup, url):
        _, entities = parse_html(markup)
        assert entities == [
            {"type": "text_link", "offset": 0, "length": entities[0]["length"], "url": url}
        ]

    def test_pre_with_code_language_is_one_entity(self):
        _, entities = parse_html('<pre><code class="language-python">x = 1</code></pre>')
        assert entities == [{"type": "pre", "offset": 0, "length": 5, "language": "python"}]

    def test_link_telegram_would_not_follow_is_plain_text(self):
        assert parse_html('<a href="javascript:alert(1)">x</a>') == ("x", [])

    @pytest.mark.parametrize(
        "markup, reason",
        [
            ("<b>bold", 'Can\'t find end tag corresponding to start tag "b"'),
            ("<foo>x</foo>", 'Unsupported start tag "foo" at byte offset 0'),
            ("<script>alert(1)</script>", 'Unsupported start tag "script" at byte offset 0'),
            ("a <b>x</i>", 'Unmatched end tag at byte offset 6, expected "</b>", found "</i>"'),
            (
                "<b><i>x</b></i>",
                'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"',
            ),
            ("x</b>", "Unexpected end tag at byte offset 1"),
            ("<b", "Unclosed start tag at byte offset 0"),
            ("<b>x</b", "Unclosed end tag at byte offset 4"),
            ("<i =x>", 'Empty attribute name in the tag "i" at byte offset 0'),
            ("é<span>x</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 2'),
            ("2 < 3", 'Unsupported start tag "" at byte offset 2'),
            ("<i a=b,c>x</i>", "Unexpected end of name token at byte offset 5"),
        ],
    )
    def test_malformed_markup_is_refused_with_telegrams_words(self, markup, reason):
        with pytest.raises(ApiError) as caught:
            parse_html(markup)
        assert caught.value.code == 400
        assert caught.value.description == f"Bad Request: can't parse entities: {reason}"


class TestBotSide:
    async def test_get_me(self, tg):
        state, bot = tg
        me = await bot.get_me()
        assert me.is_bot and me.id == state.bot_id and me.username == "storybot_test_bot"
        assert me.can_join_groups is True
        assert me.can_read_all_group_messages is False  # privacy mode is on by default
        assert me.supports_inline_queries is True

    async def test_wrong_token_is_unauthorized(self, emu):
        with pytest.raises(InvalidToken):
            async with telegram.Bot("123456:" + "A" * 35, base_url=emu.base_url):
                pass
        status, body = await _raw(emu, "/bot123456:" + "A" * 35 + "/getMe")
        assert (status, body) == (
            401,
            {"ok": False, "error_code": 401, "description": "Unauthorized"},
        )

    async def test_unknown_method_and_malformed_token_are_not_found(self, tg, emu):
        state, _ = tg
        not_found = {"ok": False, "error_code": 404, "description": "Not Found"}
        assert await _raw(emu, f"/bot{state.token}/sendTelepathy") == (404, not_found)
        assert await _raw(emu, "/botnot-a-token/getMe") == (404, not_found)

    async def test_method_names_are_case_insensitive(self, tg, emu):
        state, _ = tg
        status, body = await _raw(emu, f"/bot{state.token}/getme")
        assert status == 200 and body["result"]["id"] == state.bot_id

    async def test_long_poll_waits_for_an_update(self, tg):
        state, bot = tg
        alice = await state.new_user()
        poll = asyncio.create_task(bot.get_updates(timeout=10))
        await asyncio.sleep(0.3)
        assert not poll.done()
        await state.send_private(alice, "hello")
        updates = await poll
        assert [u.message.text for u in updates] == ["hello"]

    async def test_long_poll_returns_empty_after_its_timeout(self, tg):
        state, bot = tg
        assert await bot.get_updates(timeout=1) == ()
        call = (await state.calls("getUpdates"))[-1]
        assert call["status"] == 200 and call["seconds"] >= 0.9

    async def test_offset_confirms_earlier_updates(self, tg):
        state, bot = tg
        alice = await state.new_user()
        for text in ("one", "two", "three"):
            await state.send_private(alice, text)
        ids = [u.update_id for u in await bot.get_updates()]
        assert ids == sorted(ids) and len(ids) == 3
        assert [u.message.text for u in await bot.get_updates(offset=ids[1])] == ["two", "three"]
        assert len(await state.pending_updates()) == 2
        assert await bot.get_updates(offset=ids[2] + 1) == ()
        assert await state.pending_updates() == []

    async def test_limit_and_negative_offset(self, tg):
        state, bot = tg
        alice = await state.new_user()
        for text in ("one", "two", "three"):
            await state.send_private(alice, text)
        assert [u.message.text for u in await bot.get_updates(limit=2)] == ["one", "two"]
        assert [u.message.text for u in await bot.get_updates(offset=-1)] == ["three"]

    async def test_allowed_updates_stop_other_kinds(self, tg):
        state, bot = tg
        alice = await state.new_user()
        await bot.get_updates(allowed_updates=["message"])
        await state.inline_query(alice, "ignored")
        await state.send_private(alice, "kept")
        updates = await bot.get_updates()
        assert [u.message.text for u in updates] == ["kept"]

    async def test_a_second_poller_ends_the_first_with_conflict(self, tg, emu):
        state, bot = tg
        first = asyncio.create_task(bot.get_updates(timeout=10))
        await asyncio.sleep(0.3)
        async with telegram.Bot(state.token, base_url=emu.base_url) as second_instance:
            await second_instance.get_updates(timeout=0)
        with pytest.raises(Conflict, match="terminated by other getUpdates request"):
            await first

    async def test_send_message_replies_in_a_forum_topic_with_keyboard(self, tg):
        state, bot = tg
        alice = await state.new_user()
        forum = await state.new_chat("forum", "Newsroom")
        topic = (await state.create_topic(forum, alice, "Xi"))["message_id"]
        asked = await state.send_message(forum, alice, "a question", message_thread_id=topic)
        keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("More", callback_data="more:1")]])
        sent = await bot.send_message(
            forum["id"],
            "<b>answer</b>",
            parse_mode="HTML",
            reply_parameters=ReplyParameters(asked["message_id"]),
            message_thread_id=topic,
            reply_markup=keyboard,
            link_preview_options=LinkPreviewOptions(is_disabled=True),
        )
        assert sent.text == "answer" and sent.entities[0].type == "bold"
        assert sent.reply_to_message.message_id == asked["message_id"]
        assert sent.reply_to_message.text == "a question"
        assert sent.message_thread_id == topic and sent.is_topic_message
        assert sent.reply_markup == keyboard
        assert sent.from_user.id == state.bot_id and sent.chat.id == forum["id"]

    async def test_reply_from_a_topic_update_stays_in_the_topic(self, tg):
        state, bot = tg
        alice = await state.new_user()
        forum = await state.new_chat("forum", "Newsroom")
        await state.set_admin(forum, True)
        topic = (await state.create_topic(forum, alice, "Xi"))["message_id"]
        await state.send_message(forum, alice, "question", message_thread_id=topic)
        updates = await bot.get_updates()
        question = updates[-1].message
        reply = await question.reply_text("answer", do_quote=True)
        assert reply.message_thread_id == topic
        assert reply.reply_to_message.message_id == question.message_id

    @pytest.mark.parametrize(
        "kwargs, error",
        [
            ({"text": "x" * 4097}, "Message is too long"),
            ({"text": "<b>" + "x" * 4097 + "</b>", "parse_mode": "HTML"}, "Message is too long"),
            ({"text": "   "}, "Message text is empty"),
            ({"text": "<b> </b>", "parse_mode": "HTML"}, "Message text is empty"),
            ({"text": "<b>x", "parse_mode": "HTML"}, "Can't parse entities"),
            (
                {"text": "x", "reply_parameters": ReplyParameters(999)},
                "Message to be replied not found",
            ),
            ({"text": "x", "message_thread_id": 5}, "Message thread not found"),
        ],
    )
    async def test_send_message_refusals(self, tg, kwargs, error):
        state, bot = tg
        alice = await state.new_user()
        await state.send_private(alice, "hi")
        with pytest.raises(BadRequest, match=error):
            await bot.send_message(alice["id"], **kwargs)

    async def test_length_counts_text_after_entities(self, tg):
        state, bot = tg
        alice = await state.new_user()
        await state.send_private(alice, "hi")
        sent = await bot.send_message(
            alice["id"], "<b>" + "&amp;" * 4096 + "</b>", parse_mode="HTML"
        )
        assert sent.text == "&" * 4096

    async def test_unknown_chat_and_bad_button(self, tg):
        state, bot = tg
        with pytest.raises(BadRequest, match="Chat not found"):
            await bot.send_message(42, "x")
        alice = await state.new_user()
        await state.send_private(alice, "hi")
        too_long = InlineKeyboardMarkup([[InlineKeyboardButton("b", callback_data="x" * 65)]])
        with pytest.raises(BadRequest, match="(?i)button_data_invalid"):
            await bot.send_message(alice["id"], "x", reply_markup=too_long)

    async def test_edit_message_text(self, tg):
        state, bot = tg
        alice = await state.new_user()
        await state.send_private(alice, "hi")
        keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("More", callback_data="m")]])
        sent = await bot.send_message(alice["id"], "first", reply_markup=keyboard)
        edited = await bot.edit_message_text(
            "<i>second</i>", alice["id"], sent.message_id, parse_mode="HTML"
        )
        assert isinstance(edited, telegram.Message)
        assert edited.text == "second" and edited.edit_date is not None
        assert edited.reply_markup is None  # an edit without a keyboard drops it
        with pytest.raises(BadRequest, match="Message is not modified"):
            await bot.edit_message_text(
                "<i>second</i>", alice["id"], sent.message_id, parse_mode="HTML"
            )
        with pytest.raises(BadRequest, match="Can't parse entities"):
            await bot.edit_message_text("<i>x", alice["id"], sent.message_id, parse_mode="HTML")
        with pytest.raises(BadRequest, match="Message to edit not found"):
            await bot.edit_message_text("x", alice["id"], 999)
        assert [e["text"] for e in await state.edits(alice["id"])] == ["second"]
        assert (await state.bot_messages(alice["id"]))[0]["text"] == "second"

    async def test_chat_action(self, tg):
        state, bot = tg
        alice = await state.new_user()
        await state.send_private(alice, "hi")
        assert await bot.send_chat_action(alice["id"], "typing") is True
        assert [a["action"] for a in await state.chat_actions(alice["id"])] == ["typing"]
        with pytest.raises(BadRequest, match="Wrong parameter action"):
            await bot.send_chat_action(alice["id"], "dancing")

    async def test_commands(self, tg):
        state, bot = tg
        commands = [
            telegram.BotCommand("ask", "Ask a question"),
            telegram.BotCommand("help", "Help"),
        ]
        assert await bot.set_my_commands(commands) is True
        assert await bot.get_my_commands() == tuple(commands)
        assert [c["command"] for c in await state.my_commands()] == ["ask", "help"]
        assert await bot.delete_my_commands() is True
        assert await bot.get_my_commands() == ()
        with pytest.raises(BadRequest, match="(?i)bot_command_invalid"):
            await bot.set_my_commands([telegram.BotCommand("Ask!", "x")])

    async def test_close_and_log_out_are_harmless(self, tg):
        _, bot = tg
        assert await bot.log_out() is True
        assert await bot.close() is True
        assert (await bot.get_me()).is_bot

    async def test_webhook_methods(self, tg):
        _, bot = tg
        assert await bot.delete_webhook(drop_pending_updates=True) is True
        info = await bot.get_webhook_info()
        assert info.url == "" and info.pending_update_count == 0


class TestUserSide:
    async def test_private_message(self, side):
        user_side, bot = side
        alice = await user_side.new_user("Alice", username="alice")
        sent = await user_side.send_private(alice, "Did Xi refuse?")
        (update,) = await bot.get_updates()
        message = update.message
        assert alice["id"] > 0 and message.chat.id == alice["id"]
        assert message.chat.type == "private" and message.from_user.username == "alice"
        assert message.text == "Did Xi refuse?" and message.message_id == sent["message_id"]
        assert abs(message.date - dtm.datetime.now(dtm.UTC)) < dtm.timedelta(minutes=1)
        assert isinstance(sent["date"], int) and sent["date"] < 10**10  # seconds, not ms

    async def test_group_and_supergroup_ids_and_message_ids(self, side):
        user_side, bot = side
        alice = await user_side.new_user()
        group = await user_side.new_chat("group", "Friends")
        supergroup = await user_side.new_chat("supergroup", "Newsroom")
        assert group["id"] < 0 and not str(group["id"]).startswith("-100")
        assert str(supergroup["id"]).startswith("-100")
        ids = [
            (await user_side.send_command(chat, alice, "ask", "q", addressed=True))["message_id"]
            for chat in (group, group, supergroup)
        ]
        assert ids == [1, 2, 1]
        updates = await bot.get_updates()
        assert [u.message.chat.type for u in updates] == ["group", "group", "supergroup"]

    async def test_commands_carry_bot_command_entities(self, side):
        user_side, bot = side
        alice = await user_side.new_user()
        group = await user_side.new_chat("group")
        await user_side.send_command(alice["id"], alice, "ask", "did Xi refuse?")
        await user_side.send_command(group, alice, "ask", "did Xi refuse?", addressed=True)
        private, addressed = (u.message for u in await bot.get_updates())
        assert private.text == "/ask did Xi refuse?"
        assert private.entities[0].type == "bot_command" and private.entities[0].length == 4
        assert addressed.text == "/ask@storybot_test_bot did Xi refuse?"
        assert addressed.parse_entity(addressed.entities[0]) == "/ask@storybot_test_bot"

    async def test_mention_and_reply_in_a_forum_topic(self, side):
        user_side, bot = side
        await user_side.set_privacy_mode(False)
        alice = await user_side.new_user()
        forum = await user_side.new_chat("forum", "Newsroom")
        topic = (await user_side.create_topic(forum, alice, "Xi"))["message_id"]
        await user_side.send_mention(forum, alice, "did Xi refuse?", message_thread_id=topic)
        updates = await bot.get_updates()
        created, mention = (u.message for u in updates)
        assert created.forum_topic_created.name == "Xi"
        assert mention.message_thread_id == topic and mention.is_topic_message
        assert mention.parse_entities(["mention"]) == {mention.entities[0]: "@storybot_test_bot"}
        answer = await mention.reply_text("answer", do_quote=True)
        await user_side.reply(forum, alice, answer.message_id, "and then?")
        reply = (await bot.get_updates(offset=updates[-1].update_id + 1))[0].message
        assert reply.reply_to_message.from_user.id == bot.id
        assert reply.message_thread_id == topic

    async def test_button_press(self, side):
        user_side, bot = side
        alice = await user_side.new_user()
        await user_side.send_private(alice, "hi")
        keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("More", callback_data="more:k:1")]])
        sent = await bot.send_message(alice["id"], "answer", reply_markup=keyboard)
        query_id = await user_side.press_button(alice["id"], alice, sent.message_id, "more:k:1")
        query = (await bot.get_updates())[-1].callback_query
        assert query.id == query_id and query.data == "more:k:1"
        assert query.chat_instance and query.from_user.id == alice["id"]
        assert query.message.message_id == sent.message_id
        assert await query.answer("Shown") is True
        assert (await user_side.callback_answer(query_id))["text"] == "Shown"
        with pytest.raises(BadRequest, match="Query is too old"):
            await query.answer()
        with pytest.raises(UserError, match="no button"):
            await user_side.press_button(alice["id"], alice, sent.message_id, "missing")

    async def test_inline_query_and_answer(self, side):
        user_side, bot = side
        alice = await user_side.new_user()
        query_id = await user_side.inline_query(alice, "did Xi refuse?")
        query = (await bot.get_updates())[-1].inline_query
        assert (query.id, query.query, query.offset) == (query_id, "did Xi refuse?", "")
        assert query.from_user.id == alice["id"]
        result = InlineQueryResultArticle(
            "0", "Reported", InputTextMessageContent("<b>Xi</b> &amp; Putin", parse_mode="HTML")
        )
        assert await query.answer([result]) is True
        answer = await user_side.inline_answer(query_id)
        assert answer["results"][0]["title"] == "Reported"
        assert answer["results"][0]["message"]["text"] == "Xi & Putin"
        group = await user_side.new_chat("group", bot_member=False)
        sent = await user_side.choose_inline_result(alice, group, query_id, "0")
        assert sent["via_bot"]["id"] == bot.id and sent["text"] == "Xi & Putin"

    async def test_wait_for_messages_times_out(self, side):
        user_side, _ = side
        alice = await user_side.new_user()
        await user_side.send_private(alice, "hi")
        with pytest.raises(TimeoutError):
            await user_side.wait_for_messages(alice["id"], 1, timeout=0.2)


class TestInlineAnswerChecks:
    async def test_duplicate_ids_and_bad_html_are_refused(self, tg):
        state, bot = tg
        alice = await state.new_user()
        query_id = await state.inline_query(alice, "q")
        content = InputTextMessageContent("x")
        with pytest.raises(BadRequest, match="(?i)result_id_duplicate"):
            await bot.answer_inline_query(
                query_id,
                [
                    InlineQueryResultArticle("a", "t", content),
                    InlineQueryResultArticle("a", "t", content),
                ],
            )
        broken = InputTextMessageContent("<b>x", parse_mode="HTML")
        with pytest.raises(BadRequest, match="Can't parse entities"):
            await bot.answer_inline_query(query_id, [InlineQueryResultArticle("a", "t", broken)])

    async def test_inline_mode_off_means_no_inline_queries(self, emu):
        state = emu.add_bot()
        alice = await state.new_user()
        with pytest.raises(UserError, match="inline mode is off"):
            await state.inline_query(alice, "q")


class TestPrivacyMode:
    async def _delivered(self, state, bot) -> list[str]:
        return [u.message.text for u in await bot.get_updates() if u.message]

    async def test_privacy_on_delivers_only_what_is_meant_for_the_bot(self, tg):
        state, bot = tg
        alice = await state.new_user()
        group = await state.new_chat("supergroup")
        await state.send_message(group, alice, "chatter about the weather")
        await state.send_mention(group, alice, "did Xi refuse?")
        await state.send_command(group, alice, "ask", "general")
        await state.send_command(group, alice, "ask", "addressed", addressed=True)
        await state.send_message(group, alice, "/ask@other_bot not for us")
        assert await self._delivered(state, bot) == ["/ask@storybot_test_bot addressed"]
        sent = await bot.send_message(group["id"], "an answer")
        await state.reply(group, alice, sent.message_id, "a reply to the bot")
        await state.send_command(group, alice, "ask", "general, now the bot spoke last")
        assert (await self._delivered(state, bot))[-2:] == [
            "a reply to the bot",
            "/ask general, now the bot spoke last",
        ]

    async def test_privacy_off_or_admin_delivers_everything(self, tg):
        state, bot = tg
        alice = await state.new_user()
        group = await state.new_chat("group")
        await state.set_admin(group, True)
        await state.send_message(group, alice, "chatter")
        await state.set_admin(group, False)
        await state.set_privacy_mode(False)
        await state.send_mention(group, alice, "did Xi refuse?")
        assert await self._delivered(state, bot) == ["chatter", "@storybot_test_bot did Xi refuse?"]
        assert (await bot.get_me()).can_read_all_group_messages is True


class TestFaults:
    async def test_429_raises_retry_after(self, tg):
        state, bot = tg
        await state.inject_fault("retry_after", "getMe", retry_after=3)
        with pytest.raises(RetryAfter) as caught:
            await bot.get_me()
        assert caught.value.retry_after == dtm.timedelta(seconds=3)
        assert (await state.calls("getMe"))[-1]["status"] == 429
        assert (await bot.get_me()).is_bot

    @pytest.mark.parametrize("status", [500, 502, 503])
    async def test_server_errors(self, tg, status):
        state, bot = tg
        await state.inject_fault("server_error", "getMe", status=status)
        with pytest.raises(NetworkError):
            await bot.get_me()
        assert (await bot.get_me()).is_bot

    async def test_hang_times_out_the_client(self, emu):
        state = emu.add_bot()
        request = HTTPXRequest(read_timeout=0.3)
        async with telegram.Bot(state.token, base_url=emu.base_url, request=request) as bot:
            await state.inject_fault("hang", "getMe", seconds=1.0)
            with pytest.raises(TimedOut):
                await bot.get_me()
            assert (await bot.get_me()).is_bot

    async def test_any_method_fault_counts_down(self, tg):
        state, bot = tg
        await state.inject_fault("server_error", None, count=2, status=500)
        for _ in range(2):
            with pytest.raises(NetworkError):
                await bot.get_my_commands()
        assert await bot.get_my_commands() == ()
        assert [c["status"] for c in await state.calls("getMyCommands")] == [500, 500, 200]

    async def test_tokens_do_not_share_state(self, emu):
        first, second = emu.add_bot(), emu.add_bot()
        alice = await first.new_user()
        await first.send_private(alice, "for the first bot")
        await first.inject_fault("server_error", None)
        async with telegram.Bot(second.token, base_url=emu.base_url) as bot:
            assert await bot.get_updates() == ()


class TestStandalone:
    def test_runs_and_prints_its_url(self):
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.emulator", "--host", "127.0.0.1", "--port", "0"],
            cwd=REPO,
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            url = process.stdout.readline().strip()
            assert url.startswith("http://127.0.0.1:")

            async def check() -> None:
                async with EmulatorClient(url) as client:
                    remote = await client.create_bot()
                    async with telegram.Bot(remote.token, base_url=client.base_url) as bot:
                        alice = await remote.new_user()
                        await remote.send_private(alice, "hi")
                        assert [u.message.text for u in await bot.get_updates()] == ["hi"]

            asyncio.run(check())
        finally:
            process.terminate()
            process.wait(timeout=10)

    def test_refuses_other_hosts(self):
        result = subprocess.run(
            [sys.executable, "-m", "tests.emulator", "--host", "0.0.0.0", "--port", "0"],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert result.returncode == 2 and "127.0.0.1" in result.stderr
        with pytest.raises(ValueError, match="127.0.0.1 only"):
            BotApiEmulator(host="0.0.0.0")

    def test_threaded_emulator_serves_while_this_thread_runs(self):
        with BotApiEmulator().in_thread() as running:

            async def check() -> None:
                async with EmulatorClient(running.url) as client:
                    assert (await client.health())["bots"] == 0

            asyncio.run(check())
        time.sleep(0)
