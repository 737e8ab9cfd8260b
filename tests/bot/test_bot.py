"""End to end: the real PTB Application and HTTP stack against the Bot API emulator.

Answers come from the real ``Storybot`` over the seed corpus, except where an answer the corpus
cannot give is needed (thousands of characters, markup inside articles): those use ``StandIn``.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from pathlib import Path

from bot.handlers import ASK_USAGE, SOMETHING_WENT_WRONG
from tests.bot.conftest import REPO
from tests.bot.standin import HOSTILE_TEXT, StandIn, hostile, long_answer, two_sides
from tests.emulator.markup import u16len

QUESTION = "Did Xi refuse to visit Russia?"


def entity_texts(message: dict, kind: str) -> list[str]:
    """The text under each entity of ``kind`` (offsets are UTF-16)."""
    units = message["text"].encode("utf-16-le")
    return [
        units[2 * e["offset"] : 2 * (e["offset"] + e["length"])].decode("utf-16-le")
        for e in message.get("entities", [])
        if e["type"] == kind
    ]


def assert_shows_answer(message: dict, answer) -> None:
    """Every side of ``answer``: its label in bold, its passages quoted with outlet and date."""
    bold = entity_texts(message, "bold")
    quotes = entity_texts(message, "blockquote")
    for side in answer.sides:
        assert side.label in bold
        for hit in side.hits:
            assert " ".join(hit.passage.text.split()) in [" ".join(q.split()) for q in quotes]
            assert hit.source.outlet in message["text"]
    assert "5 July 2022" in message["text"]


async def wait_for_answers(bot, chat_id, count: int = 1, timeout: float = 120) -> list[dict]:
    """The bot's messages in a chat once there are ``count`` (a safety net, not a time limit)."""
    return await bot.wait_for_messages(chat_id, count, timeout=timeout)


class TestPrivateChat:
    async def test_a_question_gets_every_side(self, start_bot, storybot):
        bot = await start_bot(storybot)
        alice = await bot.new_user("Alice")
        asked = await bot.send_private(alice, QUESTION)
        (reply,) = await wait_for_answers(bot, alice["id"])
        expected = await asyncio.to_thread(storybot.ask, QUESTION)
        assert expected.answered
        assert {s.stance for s in expected.sides} >= {"asserts", "denies"}  # both sides
        assert_shows_answer(reply, expected)
        assert reply["text"].startswith(QUESTION)
        assert reply["reply_to_message"]["message_id"] == asked["message_id"]
        assert [a["action"] for a in await bot.chat_actions(alice["id"])][:1] == ["typing"]

    async def test_both_sides_of_a_contested_claim(self, start_bot):
        bot = await start_bot(StandIn(two_sides))
        alice = await bot.new_user()
        await bot.send_private(alice, QUESTION)
        (reply,) = await wait_for_answers(bot, alice["id"])
        assert_shows_answer(reply, two_sides(QUESTION))
        assert "Dmitry Peskov" in reply["text"]

    async def test_not_answered_says_so(self, start_bot, storybot):
        bot = await start_bot(storybot)
        alice = await bot.new_user()
        await bot.send_private(alice, "Who won the football match?")
        (reply,) = await wait_for_answers(bot, alice["id"])
        assert "do not answer" in reply["text"]
        assert not entity_texts(reply, "blockquote")

    async def test_markup_in_a_question_is_escaped(self, start_bot, storybot):
        bot = await start_bot(storybot)
        alice = await bot.new_user()
        await bot.send_private(alice, "Did Xi <b>refuse</b> the <a href='x'>invite</a>?")
        await bot.send_private(alice, "Did Xi say 2 < 3 & Putin > 1?")
        refusal, answer = await wait_for_answers(bot, alice["id"], 2)
        by_question = {m["reply_to_message"]["text"][:8]: m for m in (refusal, answer)}
        refused = by_question["Did Xi <"]
        assert "Did Xi <b>refuse</b> the <a href='x'>invite</a>?" in refused["text"]
        assert "markup (<b>)" in refused["text"]
        assert not entity_texts(refused, "bold") and not entity_texts(refused, "text_link")
        assert by_question["Did Xi s"]["text"].startswith("Did Xi say 2 < 3 & Putin > 1?")

    async def test_markup_in_the_articles_is_escaped(self, start_bot):
        bot = await start_bot(StandIn(hostile))
        alice = await bot.new_user()
        await bot.send_private(alice, QUESTION)
        (reply,) = await wait_for_answers(bot, alice["id"])
        assert HOSTILE_TEXT in reply["text"]
        assert 'Reported: <b>bold</b> & <a href="javascript:alert(1)">links</a>' in reply["text"]
        assert {e["type"] for e in reply["entities"]} <= {
            "italic",
            "bold",
            "blockquote",
            "text_link",
        }

    async def test_start_help_and_sources(self, start_bot, storybot):
        bot = await start_bot(storybot)
        alice = await bot.new_user()
        await bot.send_command(alice["id"], alice, "start")
        (help_message,) = await wait_for_answers(bot, alice["id"])
        lines = help_message["text"].splitlines()
        assert len(lines) == 2
        assert storybot.story in lines[0] and "2 news articles" in lines[0]
        assert "/ask" in lines[1]
        await bot.send_command(alice["id"], alice, "help")
        await bot.send_command(alice["id"], alice, "sources")
        _, help_again, listing = await wait_for_answers(bot, alice["id"], 3)
        assert help_again["text"] == help_message["text"]
        for info in storybot.sources():
            assert info.source.title in listing["text"]

    async def test_timeline_lists_each_event_dated_in_order(self, start_bot, storybot):
        bot = await start_bot(storybot)
        alice = await bot.new_user()
        await bot.send_command(alice["id"], alice, "timeline")
        (listing,) = await wait_for_answers(bot, alice["id"])
        text = listing["text"]
        entries = storybot.timeline()
        assert f"{len(entries)} events" in text
        for entry in entries:
            assert " ".join(entry.passage.text.split())[:40] in " ".join(text.split())
        # date order: each event's date appears after the one before it
        positions = [text.index(entry.first.outlet) for entry in entries]
        assert positions == sorted(positions)

    async def test_unknown_command_gets_help(self, start_bot, storybot):
        bot = await start_bot(storybot, privacy_mode=False)
        alice = await bot.new_user()
        await bot.send_command(alice["id"], alice, "frobnicate")
        (reply,) = await wait_for_answers(bot, alice["id"])
        assert storybot.story in reply["text"] and "/ask" in reply["text"]
        group = await bot.new_chat("group")
        await bot.send_command(group, alice, "frobnicate")  # maybe another bot's: ignored
        await bot.send_command(group, alice, "frobnicate", addressed=True)
        (group_reply,) = await wait_for_answers(bot, group)
        assert group_reply["text"] == reply["text"]
        assert group_reply["reply_to_message"]["text"] == "/frobnicate@storybot_test_bot"

    async def test_commands_are_set_at_start(self, start_bot, storybot):
        bot = await start_bot(storybot)
        commands = await bot.my_commands()
        assert [c["command"] for c in commands] == ["ask", "sources", "timeline", "help"]


class TestGroups:
    async def test_ask_command_addressed_to_the_bot(self, start_bot, storybot):
        bot = await start_bot(storybot)  # privacy mode on, as BotFather sets it
        alice = await bot.new_user()
        group = await bot.new_chat("supergroup", "Newsroom")
        asked = await bot.send_command(group, alice, "ask", QUESTION, addressed=True)
        (reply,) = await wait_for_answers(bot, group)
        assert reply["reply_to_message"]["message_id"] == asked["message_id"]
        assert reply["text"].startswith(QUESTION)
        assert_shows_answer(reply, await asyncio.to_thread(storybot.ask, QUESTION))

    async def test_plain_ask_without_privacy_and_usage_hint(self, start_bot, storybot):
        bot = await start_bot(storybot, privacy_mode=False)
        alice = await bot.new_user()
        group = await bot.new_chat("group")
        await bot.send_command(group, alice, "ask")
        (hint,) = await wait_for_answers(bot, group)
        assert hint["text"] == ASK_USAGE
        asked = await bot.send_command(group, alice, "ask", QUESTION)
        _, reply = await wait_for_answers(bot, group, 2)
        assert reply["reply_to_message"]["message_id"] == asked["message_id"]

    async def test_mention(self, start_bot, storybot):
        bot = await start_bot(storybot, privacy_mode=False)
        alice = await bot.new_user()
        group = await bot.new_chat("supergroup")
        asked = await bot.send_mention(group, alice, "did Xi refuse?")
        (reply,) = await wait_for_answers(bot, group)
        assert reply["reply_to_message"]["message_id"] == asked["message_id"]
        assert reply["text"].startswith("did Xi refuse?")  # the mention itself is not the question

    async def test_reply_to_the_bot_in_privacy_mode(self, start_bot, storybot):
        bot = await start_bot(storybot)
        alice = await bot.new_user()
        group = await bot.new_chat("group")
        await bot.send_command(group, alice, "ask", QUESTION, addressed=True)
        (first,) = await wait_for_answers(bot, group)
        follow_up = await bot.reply(group, alice, first["message_id"], "What did Peskov say?")
        _, second = await wait_for_answers(bot, group, 2)
        assert second["reply_to_message"]["message_id"] == follow_up["message_id"]
        assert second["text"].startswith("What did Peskov say?")

    async def test_other_chatter_is_ignored(self, start_bot, storybot):
        bot = await start_bot(storybot, privacy_mode=False)  # it sees everything
        alice, bob = await bot.new_user("Alice"), await bot.new_user("Bob")
        group = await bot.new_chat("supergroup")
        chatter = await bot.send_message(group, alice, "Did you see the news about Xi?")
        await bot.reply(group, bob, chatter["message_id"], "yes, Xi refused apparently")
        await bot.send_message(group, bob, "/start@other_bot")
        await bot.send_message(group, alice, "@someone_else what do you think?")
        asked = await bot.send_mention(group, alice, QUESTION)
        (only,) = await wait_for_answers(bot, group)
        await asyncio.sleep(0.5)  # give any wrongly handled chatter time to show up
        assert [m["message_id"] for m in await bot.bot_messages(group)] == [only["message_id"]]
        assert only["reply_to_message"]["message_id"] == asked["message_id"]
        assert await bot.pending_updates() == []

    async def test_forum_topic_is_kept(self, start_bot, storybot):
        bot = await start_bot(storybot)
        alice = await bot.new_user()
        forum = await bot.new_chat("forum", "Newsroom")
        topic = (await bot.create_topic(forum, alice, "Xi and Putin"))["message_id"]
        asked = await bot.send_command(
            forum, alice, "ask", QUESTION, addressed=True, message_thread_id=topic
        )
        (reply,) = await wait_for_answers(bot, forum)
        assert reply["message_thread_id"] == topic and reply["is_topic_message"]
        assert reply["reply_to_message"]["message_id"] == asked["message_id"]
        actions = await bot.chat_actions(forum)
        assert actions and actions[0]["message_thread_id"] == topic

    async def test_flood_gets_one_polite_message(self, start_bot):
        standin = StandIn()
        bot = await start_bot(standin, privacy_mode=False, rate_limit=(3, 60.0))
        alice = await bot.new_user()
        group = await bot.new_chat("supergroup")
        for i in range(7):
            await bot.send_mention(group, alice, f"question number {i}")
        replies = await wait_for_answers(bot, group, 4)
        await asyncio.sleep(0.5)  # nothing more may come
        replies = await bot.bot_messages(group)
        polite = [m for m in replies if "Please wait" in m["text"]]
        assert len(replies) == 4 and len(polite) == 1
        assert len(standin.questions) == 3


class TestLongAnswers:
    async def test_split_under_4096_and_paged_with_more(self, start_bot):
        bot = await start_bot(StandIn(lambda q: long_answer(q, passages=24, chars=600)))
        alice = await bot.new_user()
        await bot.send_private(alice, QUESTION)
        (first,) = await wait_for_answers(bot, alice["id"])
        pages = [first]
        while "reply_markup" in pages[-1]:
            (button,) = pages[-1]["reply_markup"]["inline_keyboard"][0]
            assert button["text"].startswith("More")
            query = await bot.press_button(
                alice["id"], alice, pages[-1]["message_id"], button["callback_data"]
            )
            assert await bot.wait_for_callback_answer(query, timeout=30) is not None
            pages = await wait_for_answers(bot, alice["id"], len(pages) + 1)
        assert len(pages) > 2
        for page in pages:
            assert u16len(page["text"]) <= 4096
            assert "reply_markup" not in page  # each button goes once it is used
        quoted = [q for page in pages for q in entity_texts(page, "blockquote")]
        assert [q[:10] for q in quoted] == [f"Passage {i:02d}" for i in range(24)]
        edits = await bot.edits(alice["id"])
        assert [e["reply_markup"] for e in edits] == [None] * (len(pages) - 1)

    async def test_real_answer_paged_and_double_tap(self, start_bot, storybot):
        bot = await start_bot(storybot, page_limit=1000)
        alice = await bot.new_user()
        await bot.send_private(alice, QUESTION)
        (first,) = await wait_for_answers(bot, alice["id"])
        (button,) = first["reply_markup"]["inline_keyboard"][0]
        taps = [
            await bot.press_button(alice["id"], alice, first["message_id"], button["callback_data"])
            for _ in range(2)
        ]
        answers = [await bot.wait_for_callback_answer(t, timeout=30) for t in taps]
        assert sorted(a["text"] or "" for a in answers) == ["", "Already shown."]
        _, second = await wait_for_answers(bot, alice["id"], 2)
        assert second["reply_to_message"]["message_id"] == first["message_id"]
        expected = await asyncio.to_thread(storybot.ask, QUESTION)
        shown = " ".join(q for m in (first, second) for q in entity_texts(m, "blockquote"))
        assert expected.all_hits()[0].passage.text.split()[0] in shown
        await asyncio.sleep(0.3)
        assert len(await bot.bot_messages(alice["id"])) == 2  # the second tap sent nothing


class TestInlineMode:
    async def test_one_result_per_side(self, start_bot, storybot):
        bot = await start_bot(storybot)
        alice = await bot.new_user()
        query = await bot.inline_query(alice, QUESTION)
        answer = await bot.wait_for_inline_answer(query, timeout=60)
        expected = await asyncio.to_thread(storybot.ask, QUESTION)
        assert [r["title"] for r in answer["results"]] == [s.label for s in expected.sides]
        for result, side in zip(answer["results"], expected.sides, strict=True):
            assert result["type"] == "article"
            assert result["message"]["text"].startswith(QUESTION)
            assert side.label in entity_texts(result["message"], "bold")
        group = await bot.new_chat("group", "A chat the bot is not in", bot_member=False)
        sent = await bot.choose_inline_result(alice, group, query, answer["results"][0]["id"])
        assert sent["via_bot"]["username"] == "storybot_test_bot"

    async def test_two_sides_give_two_results(self, start_bot):
        bot = await start_bot(StandIn(two_sides))
        alice = await bot.new_user()
        answer = await bot.wait_for_inline_answer(await bot.inline_query(alice, QUESTION), 30)
        assert [r["title"] for r in answer["results"]] == [s.label for s in two_sides("q").sides]
        assert answer["results"][1]["description"].startswith('"This is completely untrue,"')


class TestFaults:
    async def test_429_is_waited_out_and_the_answer_arrives(self, start_bot, storybot):
        bot = await start_bot(storybot)
        alice = await bot.new_user()
        await bot.inject_fault("retry_after", "sendMessage", retry_after=1)
        await bot.send_private(alice, QUESTION)
        (reply,) = await wait_for_answers(bot, alice["id"])
        assert reply["text"].startswith(QUESTION)
        assert [c["status"] for c in await bot.calls("sendMessage")] == [429, 200]

    async def test_server_error_then_later_questions_are_answered(self, start_bot, storybot):
        bot = await start_bot(storybot)
        alice = await bot.new_user()
        await bot.inject_fault("server_error", "sendMessage", status=502)
        await bot.send_private(alice, QUESTION)
        (sorry,) = await wait_for_answers(bot, alice["id"])
        assert sorry["text"] == SOMETHING_WENT_WRONG
        await bot.send_private(alice, "What did Peskov say?")
        _, answer = await wait_for_answers(bot, alice["id"], 2)
        assert answer["text"].startswith("What did Peskov say?")

    async def test_timeouts_then_later_questions_are_answered(self, start_bot, storybot):
        bot = await start_bot(storybot, timeout=1.0)
        alice = await bot.new_user()
        await bot.inject_fault("hang", "sendMessage", seconds=2.0)
        await bot.send_private(alice, QUESTION)
        (sorry,) = await wait_for_answers(bot, alice["id"])
        assert sorry["text"] == SOMETHING_WENT_WRONG
        await bot.send_private(alice, QUESTION)
        _, answer = await wait_for_answers(bot, alice["id"], 2)
        assert answer["text"].startswith(QUESTION)

    async def test_polling_survives_errors_and_hangs(self, start_bot, storybot):
        bot = await start_bot(storybot, timeout=1.0)
        await bot.inject_fault("server_error", "getUpdates", count=2, status=500)
        await bot.inject_fault("hang", "getUpdates", seconds=4.0)
        await bot.inject_fault("retry_after", "getUpdates", retry_after=1)
        alice = await bot.new_user()
        await bot.send_private(alice, QUESTION)
        (reply,) = await wait_for_answers(bot, alice["id"])
        assert reply["text"].startswith(QUESTION)
        statuses = [c["status"] for c in await bot.calls("getUpdates")]
        assert {500, 504, 429} <= set(statuses)

    async def test_a_crash_is_logged_and_the_user_told_without_traceback(self, start_bot, caplog):
        failing = StandIn(fail=RuntimeError("boom in /srv/secret/path.py"))
        bot = await start_bot(failing)
        alice = await bot.new_user()
        with caplog.at_level(logging.ERROR, logger="bot.handlers"):
            await bot.send_private(alice, QUESTION)
            (sorry,) = await wait_for_answers(bot, alice["id"])
        assert sorry["text"] == SOMETHING_WENT_WRONG
        assert "boom" in caplog.text and "Traceback" in caplog.text
        failing.fail = None
        await bot.send_private(alice, "And now?")
        _, answer = await wait_for_answers(bot, alice["id"], 2)
        assert answer["text"].startswith("And now?")


class TimedStorybot:
    """The bare Storybot, noting when each ``ask`` starts and ends."""

    def __init__(self, storybot) -> None:
        self.storybot = storybot
        self.story = storybot.story
        self.spans: list[tuple[float, float]] = []

    def ask(self, question: str, k: int = 6):
        started = time.perf_counter()
        try:
            return self.storybot.ask(question, k)
        finally:
            self.spans.append((started, time.perf_counter()))

    def busy_seconds(self) -> float:
        """How long at least one ``ask`` was running (overlaps counted once)."""
        total, end = 0.0, float("-inf")
        for start, stop in sorted(self.spans):
            if stop > end:
                total += stop - max(start, end)
                end = stop
        return total

    def sources(self):
        return self.storybot.sources()

    def timeline(self):
        return self.storybot.timeline()


class TestConcurrency:
    async def test_retrieval_never_blocks_the_event_loop(self, start_bot):
        slow = StandIn(delay=2.0)
        bot = await start_bot(slow)
        users = [await bot.new_user(f"User {i}") for i in range(4)]
        for user in users[:3]:
            await bot.send_private(user, f"slow question from {user['first_name']}")
        await bot.wait_for_calls("sendChatAction", 3, timeout=30)
        await bot.send_command(users[3]["id"], users[3], "help")
        await wait_for_answers(bot, users[3]["id"])
        # /help was answered while the three retrievals were still sleeping in their threads
        assert [len(await bot.bot_messages(u["id"])) for u in users[:3]] == [0, 0, 0]
        for user in users[:3]:
            await wait_for_answers(bot, user["id"])
        assert all(not name.startswith("MainThread") for name in slow.threads)

    async def test_burst_of_50_chats_times_2_questions(self, start_bot, real_storybot):
        # the bare Storybot: every distinct question is retrieved here, as in production
        timed = TimedStorybot(real_storybot)
        bot = await start_bot(timed)
        pool = [
            "Why did Xi decline the invitation?",
            "When did Putin invite Xi?",
            "Did the Kremlin deny the reports?",
            "What did the Yomiuri newspaper report?",
            "Is China an ally of Russia?",
        ]
        alice = await bot.new_user("Alice")
        chats = []
        for i in range(30):
            user = await bot.new_user(f"User {i}")
            chats.append((user["id"], user, False))
        for i in range(20):
            group = await bot.new_chat("supergroup" if i % 2 else "group", f"Group {i}")
            chats.append((group["id"], alice, True))

        async def ask(chat_id, user, in_group, question):
            if in_group:
                return await bot.send_command(chat_id, user, "ask", question, addressed=True)
            return await bot.send_private(user, question)

        jobs = [
            (chat_id, user, in_group, pool[(n + turn * 2) % len(pool)])
            for n, (chat_id, user, in_group) in enumerate(chats)
            for turn in range(2)
        ]
        started = time.perf_counter()
        asked = await asyncio.gather(*(ask(*job) for job in jobs))
        answers = await asyncio.gather(*(wait_for_answers(bot, c, 2, 600) for c, _, _ in chats))
        seconds = time.perf_counter() - started
        distinct = len({job[3] for job in jobs})
        for (chat_id, _, _), replies in zip(chats, answers, strict=True):
            replies = await bot.bot_messages(chat_id)
            asked_here = {m["message_id"]: m["text"] for m in asked if m["chat"]["id"] == chat_id}
            assert len(replies) == 2
            assert sorted(r["reply_to_message"]["message_id"] for r in replies) == sorted(
                asked_here
            )
            for reply in replies:
                question = asked_here[reply["reply_to_message"]["message_id"]]
                assert reply["text"].startswith(
                    question.split(" ", 1)[1] if "/ask" in question else question
                )
        report = (
            f"{len(chats)} chats x 2 questions = {len(jobs)} messages ({distinct} distinct "
            f"questions), each answered once in its own chat: {seconds:.1f} s wall time, "
            f"{timed.busy_seconds():.1f} s of it with Storybot.ask running "
            f"({len(timed.spans)} calls) "
            "(real Storybot over the seed corpus, PTB Application with AIORateLimiter, "
            f"emulator on 127.0.0.1, load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} "
            "cores)"
        )
        print("\n" + report)
        results = REPO / "bench" / "results"
        results.mkdir(parents=True, exist_ok=True)
        Path(results / "bot_burst.txt").write_text(report + "\n", encoding="utf-8")
