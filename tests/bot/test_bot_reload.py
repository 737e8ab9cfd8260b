"""The bot picks up articles added while it runs: it answers through a desk's current Storybot."""

from __future__ import annotations

import asyncio
from pathlib import Path

from retrieval.corpus import Corpus
from retrieval.embed import Embedder
from storybot.desk import Desk, DeskAnswerer
from tests.conftest import SeedDirs
from tests.helpers.files import TINY_ARTICLES

FLOOD_QUESTION = "How many residents did rescuers evacuate from the flooded villages?"


async def test_an_article_added_while_the_bot_runs_is_answered(
    start_bot, seed_copy: SeedDirs, embedder: Embedder, tmp_path: Path
) -> None:
    desk = await asyncio.to_thread(
        Desk, seed_copy.corpus, seed_copy.index, embedder=embedder, check_every=0
    )
    await asyncio.to_thread(desk.wait)
    bot = await start_bot(DeskAnswerer(desk))
    alice = await bot.new_user()

    await bot.send_private(alice, FLOOD_QUESTION)
    (before,) = await bot.wait_for_messages(alice["id"], 1, timeout=120)
    assert "do not answer" in before["text"]

    flood = tmp_path / "flood.txt"
    flood.write_text(TINY_ARTICLES["flood"], encoding="utf-8")
    Corpus(seed_copy.corpus).add([flood], "River Times", None, "2022-07-06", None)
    desk.bot()  # the next question notices the new article; the rebuild runs beside the bot
    await asyncio.to_thread(desk.wait)
    assert desk.reloads == 1

    await bot.send_private(alice, FLOOD_QUESTION)
    _, after = await bot.wait_for_messages(alice["id"], 2, timeout=120)
    assert "evacuated 200 residents" in after["text"]
    assert "River Times" in after["text"]
