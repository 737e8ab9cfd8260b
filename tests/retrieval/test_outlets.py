"""Questions that name an outlet rank its articles' passages higher."""

from __future__ import annotations

import pytest

from retrieval.outlets import OutletNames, outlet_name
from retrieval.search import Scored
from retrieval.types import Passage, Source


@pytest.mark.parametrize(
    "outlet, words",
    [
        ("Washington Examiner (via NewsBreak)", ("Washington", "Examiner")),
        ("The Straits Times (Singapore), Reuters wire", ("Straits", "Times")),
        ("CGTN", ("CGTN",)),
        ("Tesk Evening Post | print edition", ("Tesk", "Evening", "Post")),
    ],
)
def test_outlet_name_is_the_name_before_any_note(outlet: str, words: tuple[str, ...]) -> None:
    assert outlet_name(outlet) == words


SOURCES = {
    "post": Source("post", "New York Post (copy)"),
    "yahoo": Source("yahoo", "Yahoo News (syndicated)"),
    "cgtn": Source("cgtn", "CGTN"),
}
PASSAGES = [Passage(f"{a}-0", a, f"Text of {a}.", 0, 10) for a in SOURCES]


class TestOutletNames:
    names = OutletNames(PASSAGES, SOURCES)

    @pytest.mark.parametrize(
        "question, named",
        [
            ("What did CGTN report?", {("CGTN",)}),
            ("What did the Pentagon tell the New York Post?", {("New", "York", "Post")}),
            ("What did the New York Times say?", set()),
            ("What did Kirby say on Fox News Sunday?", set()),
            ("what did cgtn report?", set()),  # an acronym is named as written
        ],
    )
    def test_every_word_of_the_name_as_written(self, question: str, named: set) -> None:
        assert self.names.named_in(question) == named

    def test_the_named_outlets_passages_move_up_the_others_keep_their_order(self) -> None:
        ranked = [Scored(1, 0.6, 0.0, 0.03), Scored(0, 0.5, 0.0, 0.02), Scored(2, 0.4, 0.0, 0.01)]
        boosted = self.names.boost("What did CGTN report?", ranked)
        # one more ranking in the fusion: up past a weaker passage, not past every one
        assert [s.position for s in boosted] == [1, 2, 0]
        assert self.names.boost("What was reported?", ranked) == ranked
