"""The story's timeline from the index alone: leads in date order, wire copies once."""

from __future__ import annotations

from dataclasses import replace

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

    def test_json_says_whether_the_speaker_is_verified(self) -> None:
        guessed = replace(PASSAGES[3], speaker="dock workers", verified=False)
        (entry, *_) = story_timeline([guessed, *PASSAGES[4:]], SOURCES)
        assert (entry.to_dict()["speaker"], entry.to_dict()["verified"]) == ("dock workers", False)

    def test_an_empty_corpus_has_no_events(self) -> None:
        assert story_timeline([], {}) == []

    def test_a_wire_story_under_each_outlets_own_headline_is_one_event(self) -> None:
        sources = {
            "post": Source("post", "Harbour Post", published="2031-05-03"),
            "times": Source("times", "Tesk Times", published="2031-05-03"),
            "other": Source("other", "Tesk Times", published="2031-05-04"),
        }
        body = ["a-1", "a-2", "a-3"]
        passages = [
            _passage("post", "Crane sold for scrap, says wire - Harbour Post"),
            *(
                _passage("post", f"Wire paragraph {n}.", 100 * i + 100, (f"times-{100 * i + 100}",))
                for i, n in enumerate(body)
            ),
            _passage("times", "Harbour authority in crane sale row | Tesk Times"),
            *(
                _passage("times", f"Wire paragraph {n}.", 100 * i + 100, (f"post-{100 * i + 100}",))
                for i, n in enumerate(body)
            ),
            # one paragraph in common is not the same story
            _passage("other", "Dock workers vote on strike at Tesk port"),
            _passage("other", "Wire paragraph a-1.", 100, ("post-100",)),
            _passage("other", "The vote closes on Friday.", 200),
            _passage("other", "Turnout was high, organisers said.", 300),
        ]
        entries = story_timeline(passages, sources)
        assert [len(e.carried_by) for e in entries] == [2, 1]
        assert [s.outlet for s in entries[0].carried_by] == ["Harbour Post", "Tesk Times"]
