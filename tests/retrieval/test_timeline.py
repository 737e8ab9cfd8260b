"""The story's timeline from the index alone: leads in date order, wire copies once."""

from __future__ import annotations

from retrieval.timeline import story_timeline
from retrieval.types import Passage, Source

WIRE = (
    "TESK, May 3 (Valley Wire) - The harbour authority sold the disused Kessler crane to a dealer."
)
EDITED = "TESK, May 3 (Valley Wire) - The harbour authority sold the old Kessler crane to a dealer."


def _passage(article: str, text: str, start: int = 0, copies: tuple[str, ...] = ()) -> Passage:
    return Passage(f"{article}-{start}", article, text, start, start + len(text), copies=copies)


SOURCES = {
    "daily": Source("daily", "Harbour Daily", published="2031-05-04"),
    "undated": Source("undated", "Harbour Blog"),
    "courier": Source("courier", "Tesk Courier", published="2031-05-02"),
    "times": Source("times", "Tesk Times", published="2031-05-03"),
}
PASSAGES = [
    _passage("daily", EDITED, copies=("times-0",)),
    _passage("undated", "Watch:"),
    _passage("undated", "Heritage groups will protest at Pier 4 on Sunday afternoon.", 10),
    _passage("courier", "Harbour authority sold its oldest crane for scrap, dock workers say"),
    _passage("courier", "Two dock workers told the Courier the crane was cut up.", 70),
    _passage("times", WIRE, copies=("daily-0",)),
]


class TestStoryTimeline:
    def test_leads_in_date_order_copies_once_undated_last(self) -> None:
        entries = story_timeline(PASSAGES, SOURCES)
        assert [e.date for e in entries] == ["2031-05-02", "2031-05-03", None]
        assert entries[0].passage.text.startswith("Harbour authority sold its oldest crane")
        # the wire story once, first seen in Tesk Times, carried by Harbour Daily after
        assert entries[1].passage.text == WIRE
        assert [s.outlet for s in entries[1].carried_by] == ["Tesk Times", "Harbour Daily"]
        # a kicker too short to tell anything gives way to the next passage
        assert entries[2].passage.text.startswith("Heritage groups")

    def test_json_names_the_first_appearance_and_every_carrier(self) -> None:
        data = story_timeline(PASSAGES, SOURCES)[1].to_dict()
        assert (data["date"], data["outlet"], data["article"]) == (
            "2031-05-03",
            "Tesk Times",
            "times",
        )
        assert [c["article"] for c in data["carried_by"]] == ["times", "daily"]
        assert data["text"] == WIRE

    def test_an_empty_corpus_has_no_events(self) -> None:
        assert story_timeline([], {}) == []
