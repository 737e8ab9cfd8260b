"""Copies found at ingest: wire copy with edits and other paragraph cuts, and nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval.copies import copy_neighbours, first_appearance, is_copy, mark_copies, shingles
from retrieval.embed import Embedder
from retrieval.service import Storybot
from retrieval.types import Passage, Source
from tests.helpers.files import write_article

WIRE = (
    "TESK, May 3 (Valley Wire) - The harbour authority on Tuesday denied a report that it had "
    "sold its oldest crane to a scrap dealer, calling the story completely untrue."
)
EDITED = (
    "The harbour authority denied on Tuesday a report that it had sold its oldest crane to a "
    "scrap dealer, calling the story completely untrue. It gave no further details."
)
# the same wire paragraph cut differently: its second half joined to the next paragraph
RECUT = (
    "a report that it had sold its oldest crane to a scrap dealer, calling the story completely "
    "untrue. The crane has stood idle since the flood of 2029, engineers found on Monday."
)
OTHER = (
    "The apple harvest in the Tesk valley was the largest in ten years, growers said on "
    "Tuesday, and prices fell by a third at the market."
)


class TestShingles:
    def test_abbreviation_dots_and_case_do_not_matter(self) -> None:
        assert shingles("U.S. engineers found it") == shingles("us Engineers found it")

    def test_a_text_without_words_has_no_runs(self) -> None:
        assert shingles("” ''") == frozenset()
        assert not is_copy(shingles("”"), shingles("''"))


class TestCopyNeighbours:
    def test_wire_copy_with_edits_and_other_cuts_are_copies_distractor_is_not(self) -> None:
        found = copy_neighbours([WIRE, OTHER, EDITED, RECUT])
        assert found[0] == (2, 3)
        assert found[2] == (0, 3) and found[3] == (0, 2)
        assert found[1] == ()

    def test_relation_is_symmetric_and_not_transitive(self) -> None:
        words = "one two three four five six seven eight nine ten eleven twelve".split()
        # eight words each (six runs); neighbours share six words (four runs), ends share four
        first, middle, last = (" ".join(words[i : i + 8]) for i in (0, 2, 4))
        found = copy_neighbours([first, middle, last])
        assert found == [(1,), (0, 2), (1,)]

    def test_a_paragraph_run_everywhere_still_meets_its_latest_copies(self) -> None:
        texts = [WIRE] * 30 + [OTHER] * 5 + [EDITED]
        found = copy_neighbours(texts, window=4)
        assert {26, 27, 28, 29} <= set(found[-1])
        assert 30 not in found[-1]

    def test_short_identical_headlines_are_copies_short_overlaps_are_not(self) -> None:
        found = copy_neighbours(["Crane sold", "Crane sold", "Crane sold for scrap in Tesk"])
        assert found[0] == (1,) and found[2] == ()

    def test_bad_window(self) -> None:
        with pytest.raises(ValueError, match="window must be positive, got 0"):
            copy_neighbours([WIRE], window=0)


class TestMarkCopies:
    def test_each_passage_names_its_copies_by_id(self) -> None:
        passages = [
            Passage(f"p{i}", f"a{i}", text, 0, len(text))
            for i, text in enumerate([WIRE, OTHER, EDITED])
        ]
        marked = mark_copies(passages)
        assert [p.copies for p in marked] == [("p2",), (), ("p0",)]
        assert [p.text for p in marked] == [WIRE, OTHER, EDITED]


class TestFirstAppearance:
    def test_earliest_date_first_undated_last_ties_by_corpus_order(self) -> None:
        wire = Source("w", "Valley Wire", published="2031-05-03")
        early = Source("e", "Tesk Post", published="2031-05-02")
        same_day = Source("s", "Tesk Times", published="2031-05-03")
        undated = Source("u", "Harbour Blog")
        order = {"u": 0, "s": 1, "w": 2, "e": 3}
        got = first_appearance([wire, undated, same_day, early, wire], order)
        assert [s.article_id for s in got] == ["e", "s", "w", "u"]


STRIKE_WIRE = (
    "Port strike ends\n\n"
    "Dockworkers at the port of Vell returned to work on Thursday after a nine-day strike "
    "over pay, the union said, ending the longest stoppage at the port in a decade.\n\n"
    '"We have a deal that our members can live with," union leader Ana Brekke said.'
)


def test_a_wire_text_run_word_for_word_is_shown_as_it_first_appeared(
    tmp_path: Path, embedder: Embedder
) -> None:
    corpus = tmp_path / "corpus"
    # either copy may rank first: the one shown is the first appearance, the earlier date
    write_article(
        corpus, "harbour", STRIKE_WIRE, "Harbour Times", "2031-05-02", "https://h.example/9"
    )
    write_article(corpus, "vell", STRIKE_WIRE, "Vell Post", "2031-05-03", "https://v.example/1")
    bot = Storybot.open(corpus, tmp_path / "index", embedder=embedder)
    answer = bot.ask("Did the dockworkers at Vell return to work?")
    hits = [h for side in answer.sides for h in side.hits]
    strike = [h for h in hits if "nine-day strike" in h.passage.text]
    assert len(strike) == 1  # one passage for both copies
    assert strike[0].source.outlet == "Harbour Times"
    assert [s.outlet for s in strike[0].carried_by] == ["Harbour Times", "Vell Post"]
