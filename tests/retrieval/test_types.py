"""The records between steps: to_dict, from_dict, their round trip, short reprs."""

from __future__ import annotations

import dataclasses
import json

import pytest

from retrieval.types import Answer, Article, ClaimSpan, Hit, Passage, Side, Source, content_id

SOURCE = Source(
    article_id="000_48b3ab6b06832608",
    outlet="UNIAN",
    url="https://www.unian.info/world/xi-jinping",
    published="2022-07-05",
    title="Xi Jinping turns down Putin’s invitation to visit Russia – media",
)
PASSAGE = Passage(
    id="p-7",
    article_id=SOURCE.article_id,
    text="Chinese leader Xi Jinping refused to come to Russia at the invitation of Putin.",
    start=120,
    end=199,
    speaker="Yomiuri",
    cue="according to",
)
HIT = Hit(PASSAGE, SOURCE, 0.6123)
SIDE = Side("Reported: Xi declined the invitation (Yomiuri, via UNIAN)", (HIT,), "asserts")
ANSWER = Answer(
    "Did Xi refuse?",
    True,
    (SIDE,),
    (Hit(dataclasses.replace(PASSAGE, id="p-8"), SOURCE, 0.5),),
    "1 passage on 1 side",
)
LONG_TEXT = "Kremlin spokesman Dmitry Peskov said the report was untrue. " * 200


class TestSource:
    def test_to_dict(self) -> None:
        assert SOURCE.to_dict() == {
            "article_id": "000_48b3ab6b06832608",
            "outlet": "UNIAN",
            "url": "https://www.unian.info/world/xi-jinping",
            "published": "2022-07-05",
            "title": "Xi Jinping turns down Putin’s invitation to visit Russia – media",
            "language": None,
        }

    def test_from_dict_ignores_other_keys(self) -> None:
        data = {"article_id": "a1", "outlet": "UNIAN", "passages": 7}
        assert Source.from_dict(data) == Source("a1", "UNIAN")

    def test_round_trip(self) -> None:
        assert Source.from_dict(SOURCE.to_dict()) == SOURCE


class TestArticle:
    def test_to_dict(self) -> None:
        article = Article(SOURCE, "Text.", checksum="abc")
        assert article.to_dict() == {"source": SOURCE.to_dict(), "text": "Text.", "checksum": "abc"}
        assert article.id == SOURCE.article_id

    def test_from_dict_without_checksum(self) -> None:
        article = Article.from_dict({"source": SOURCE.to_dict(), "text": "Text."})
        assert article == Article(SOURCE, "Text.", "")

    def test_round_trip(self) -> None:
        article = Article(SOURCE, LONG_TEXT, checksum="f" * 64)
        assert Article.from_dict(json.loads(json.dumps(article.to_dict()))) == article

    def test_repr_is_short(self) -> None:
        text = repr(Article(SOURCE, LONG_TEXT))
        assert len(text) < 200
        assert "UNIAN" in text and SOURCE.article_id in text and "…" in text


class TestPassage:
    def test_to_dict(self) -> None:
        assert PASSAGE.to_dict() == {
            "id": "p-7",
            "article_id": SOURCE.article_id,
            "text": PASSAGE.text,
            "start": 120,
            "end": 199,
            "speaker": "Yomiuri",
            "cue": "according to",
            # how the speaker was found: additive fields, None when nobody says
            "speaker_basis": None,
            "speaker_rule": None,
            "verified": None,
            "copies": [],
            # who speaks for each stretch of it: none known here
            "claims": [],
        }

    def test_claims_round_trip(self) -> None:
        claim = ClaimSpan(130, 160, "Dmitry Peskov", "said", "coreference", False)
        passage = dataclasses.replace(PASSAGE, claims=(claim,))
        data = json.loads(json.dumps(passage.to_dict()))
        assert data["claims"] == [
            {
                "start": 130,
                "end": 160,
                "speaker": "Dmitry Peskov",
                "cue": "said",
                "speaker_basis": "coreference",
                "verified": False,
            }
        ]
        assert Passage.from_dict(data) == passage
        hit = Hit(passage, SOURCE, 0.5)
        assert Hit.from_dict(json.loads(json.dumps(hit.to_dict()))).passage.claims == (claim,)

    def test_from_dict_without_speaker(self) -> None:
        data = {"id": "p", "article_id": "a", "text": "T.", "start": "3", "end": "5"}
        assert Passage.from_dict(data) == Passage("p", "a", "T.", 3, 5, None, None)

    @pytest.mark.parametrize("speaker", [None, "Dmitry Peskov"])
    def test_round_trip(self, speaker: str | None) -> None:
        passage = dataclasses.replace(PASSAGE, speaker=speaker, copies=("p-9", "p-12"))
        assert Passage.from_dict(json.loads(json.dumps(passage.to_dict()))) == passage

    def test_repr_is_short(self) -> None:
        text = repr(dataclasses.replace(PASSAGE, text=LONG_TEXT))
        assert len(text) < 250
        assert "p-7" in text and "Yomiuri" in text and "120:199" in text

    def test_is_frozen(self) -> None:
        with pytest.raises(dataclasses.FrozenInstanceError):
            PASSAGE.text = "changed"  # type: ignore[misc]


class TestHit:
    def test_to_dict_is_the_json_contract(self) -> None:
        data = HIT.to_dict()
        assert {
            k: data[k]
            for k in ("text", "speaker", "outlet", "published", "url", "article", "score")
        } == {
            "text": PASSAGE.text,
            "speaker": "Yomiuri",
            "outlet": "UNIAN",
            "published": "2022-07-05",
            "url": SOURCE.url,
            "article": SOURCE.article_id,
            "score": 0.6123,
        }

    def test_score_is_a_plain_rounded_float(self) -> None:
        import numpy as np

        data = Hit(PASSAGE, SOURCE, np.float32(0.612345678)).to_dict()
        assert type(data["score"]) is float
        assert data["score"] == pytest.approx(0.6123, abs=1e-4)
        json.dumps(data)

    def test_repr_is_short(self) -> None:
        hit = Hit(dataclasses.replace(PASSAGE, text=LONG_TEXT), SOURCE, 0.5)
        assert len(repr(hit)) < 500

    def test_round_trip(self) -> None:
        assert Hit.from_dict(json.loads(json.dumps(HIT.to_dict()))) == HIT

    def test_from_minimal_contract(self) -> None:
        data = {"text": "T.", "outlet": "UNIAN", "article": "a1", "score": 0.5}
        hit = Hit.from_dict(data)
        assert (hit.passage.text, hit.source.outlet, hit.passage.article_id) == (
            "T.",
            "UNIAN",
            "a1",
        )
        assert hit.passage.speaker is None and hit.source.published is None


class TestSide:
    def test_to_dict(self) -> None:
        assert SIDE.to_dict() == {
            "label": SIDE.label,
            "stance": "asserts",
            "outlets": 1,
            "passages": [HIT.to_dict()],
        }

    def test_round_trip(self) -> None:
        assert Side.from_dict(json.loads(json.dumps(SIDE.to_dict()))) == SIDE

    def test_stance_defaults_to_answer(self) -> None:
        side = Side.from_dict({"label": "Answer", "passages": [HIT.to_dict()]})
        assert side.stance == "answer"


class TestAnswer:
    def test_to_dict_keys(self) -> None:
        data = ANSWER.to_dict()
        assert list(data) == ["question", "answered", "message", "sides", "context"]
        assert data["sides"][0]["passages"][0]["text"] == PASSAGE.text
        assert data["context"][0]["passage_id"] == "p-8"

    def test_round_trip(self) -> None:
        assert Answer.from_dict(json.loads(json.dumps(ANSWER.to_dict()))) == ANSWER

    def test_unanswered_round_trip(self) -> None:
        answer = Answer("What is the weather in Paris?", False, message="Not answered.")
        data = answer.to_dict()
        assert data["sides"] == [] and data["context"] == []
        assert Answer.from_dict(data) == answer

    def test_all_hits_sides_first(self) -> None:
        assert [h.passage.id for h in ANSWER.all_hits()] == ["p-7", "p-8"]


class TestContentId:
    def test_stable_and_short(self) -> None:
        first = content_id("UNIAN", None, "text")
        assert first == content_id("UNIAN", None, "text")
        assert len(first) == 16 and int(first, 16) >= 0

    @pytest.mark.parametrize(
        "a, b",
        [
            (("UNIAN", "text"), ("UNIAN", "text.")),
            (("UNIAN", "text"), ("Republic World", "text")),
            (("ab", "c"), ("a", "bc")),
        ],
    )
    def test_different_content_different_id(self, a: tuple, b: tuple) -> None:
        assert content_id(*a) != content_id(*b)
