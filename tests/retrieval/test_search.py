"""Search and answers on the real seed index (real model, real FAISS)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from retrieval.copies import is_copy, shingles
from retrieval.embed import Embedder
from retrieval.errors import BadQuestion
from retrieval.index import PassageIndex
from retrieval.search import Scored, Searcher, content_stems, distinct
from retrieval.service import NOT_ANSWERED, Storybot
from retrieval.types import Answer, Article, Passage
from tests.conftest import SeedDirs
from tests.helpers.answers import check_answer, cleaned_articles, passage_texts
from tests.helpers.files import DATA, REPO_CORPUS, SEED_UNIAN, copy_seed_corpus

REFUSED = "refused to come to Russia"


class TestAsk:
    def test_did_xi_refuse(self, ask_seed: Callable[..., Answer]) -> None:
        answer = ask_seed("Did Xi refuse?")
        data = answer.to_dict()
        assert data["answered"] is True
        assert any(REFUSED in text for text in passage_texts(data))
        outlets = {h.source.outlet for h in answer.all_hits()}
        assert "UNIAN" in outlets

    def test_kremlin_denial_is_found(self, ask_seed: Callable[..., Answer]) -> None:
        answer = ask_seed("What did the Kremlin say about the report that Xi refused?")
        data = answer.to_dict()
        assert data["answered"] is True
        assert any("completely untrue" in text for text in passage_texts(data))
        assert any(h.source.outlet == "Republic World" for h in answer.all_hits())

    @pytest.mark.parametrize(
        "question",
        [
            "What is the weather in Paris today?",
            "Who won the 2022 World Cup?",
            "How do I make sourdough bread?",
        ],
    )
    def test_off_topic_is_not_answered(
        self, ask_seed: Callable[..., Answer], question: str
    ) -> None:
        answer = ask_seed(question)
        data = answer.to_dict()
        assert data["answered"] is False
        assert answer.sides == () and answer.context == ()
        assert answer.message.startswith(NOT_ANSWERED)

    def test_k_limits_the_passages(self, ask_seed: Callable[..., Answer]) -> None:
        # k bounds the passages found for the question; a side that denies them may add more,
        # and a speaker's further words come beside a passage (``beside``) in no place of
        # their own.
        for k in (1, 6):
            answer = ask_seed("Did Xi refuse?", k=k)
            found = [h for s in answer.sides if s.stance != "denies" for h in s.hits]
            shown = found + list(answer.context)
            assert 1 <= len([h for h in shown if h.beside is None]) <= k
            ids = {h.passage.id for h in shown}
            assert all(h.beside in ids for h in shown if h.beside is not None)

    def test_no_forbidden_text_in_answers(self, ask_seed: Callable[..., Answer]) -> None:
        # Only a reader's comment talks about the "tiny Fuhrer"'s paranoia.
        for question in ("Is Putin afraid that someone wants to kill him?", "Did Xi refuse?"):
            data = ask_seed(question).to_dict()
            text = " ".join(passage_texts(data)).casefold()
            for furniture in ("tiny fuhrer", "liked by", "leave a reply", "advertisement"):
                assert furniture not in text

    @pytest.mark.parametrize("question", ["", "   ", "x" * 10_000, "<b>Did Xi refuse?</b>"])
    def test_bad_question(self, seed_bot: Storybot, question: str) -> None:
        with pytest.raises(BadQuestion):
            seed_bot.ask(question)

    @pytest.mark.parametrize("k", [0, -2])
    def test_bad_k(self, seed_bot: Storybot, k: int) -> None:
        with pytest.raises(ValueError, match=f"got {k}"):
            seed_bot.ask("Did Xi refuse?", k=k)

    def test_sources(self, seed_bot: Storybot) -> None:
        infos = {i.source.article_id: i for i in seed_bot.sources()}
        assert {i.source.outlet for i in infos.values()} == {"UNIAN", "Republic World"}
        assert sum(i.passages for i in infos.values()) == len(seed_bot.index.passages)
        assert all(i.passages > 0 for i in infos.values())


class TestSearcher:
    def test_search_returns_distinct_hits_best_first(self, seed_bot: Storybot) -> None:
        hits = seed_bot.searcher.search("Did Xi refuse?", k=50)
        assert len(hits) <= len(seed_bot.index.passages)
        assert len({h.passage.id for h in hits}) == len(hits)
        assert any(REFUSED in h.passage.text for h in hits[:3])

    def test_rare_name_is_found_by_its_word(self, seed_bot: Storybot) -> None:
        [top] = seed_bot.searcher.search("Budanov", k=1)
        assert "Budanov" in top.passage.text

    def test_cosines_are_exact(self, seed_bot: Storybot, embedder: Embedder) -> None:
        searcher = seed_bot.searcher
        vector = searcher.embed("Peskov said the report was untrue")
        assert vector.shape == (embedder.dimension,)
        assert np.linalg.norm(vector) == pytest.approx(1.0, abs=1e-4)
        ranked = searcher.rank("Peskov said the report was untrue")
        direct = searcher.index.vectors() @ vector
        for scored in ranked:
            assert scored.cosine == pytest.approx(float(direct[scored.position]), abs=1e-5)
            assert -1.0 <= scored.cosine <= 1.0

    def test_bm25_scores_zero_for_unknown_words(self, seed_bot: Storybot) -> None:
        assert not seed_bot.searcher.bm25_scores("sourdough baguette").any()
        assert seed_bot.searcher.bm25_scores("Stoltenberg").max() > 0

    def test_empty_index(self, embedder: Embedder, tmp_path: Path) -> None:
        from retrieval.index import Manifest

        manifest = Manifest(embedder.name, embedder.dimension, "p", {}, {})
        index = PassageIndex.build([], np.zeros((0, embedder.dimension)), manifest)
        searcher = Searcher(index, embedder)
        assert searcher.search("Did Xi refuse?") == []
        assert searcher.rank("Did Xi refuse?") == []

    @pytest.mark.parametrize(
        "text, expected",
        [
            ("Xi refused the invitation", ["xi", "refus", "invit"]),
            ("The refusal was justified", ["refus", "justifi"]),
            ("", []),
        ],
    )
    def test_content_stems(self, text: str, expected: list[str]) -> None:
        assert content_stems(text) == expected


def near_duplicate(a: str, b: str) -> bool:
    return is_copy(shingles(a), shingles(b))


class TestNearDuplicates:
    @pytest.mark.parametrize(
        "a, b, expected",
        [
            (
                "Chinese leader Xi Jinping refused to come to Russia at the invitation of Putin.",
                "Chinese leader Xi Jinping refused to come to Russia at the invitation of Putin.",
                True,
            ),
            (
                "On July 5, Peskov said the media reports were false.",
                "On July 5, Peskov said the media reports were false. During a press conference, "
                "he added that all trips will take place.",
                True,
            ),
            (
                "Chinese leader Xi Jinping refused to come to Russia at the invitation of Russian "
                "President Vladimir Putin. According to the Japanese newspaper Yomiuri, citing its "
                "own diplomatic sources, the refusal was justified by the restrictions caused by "
                "the coronavirus.",
                "Chinese leader Xi Jinping has refused to come to Russia at the invitation of "
                "Russian President Vladimir Putin. According to the Japanese newspaper Yomiuri, "
                "citing its own diplomatic sources, the refusal was justified by the restrictions "
                "caused by the coronavirus.",
                True,
            ),
            (
                "Chinese leader Xi Jinping refused to come to Russia at the invitation of Putin.",
                "Kremlin spokesman Dmitry Peskov said all scheduled visits will take place.",
                False,
            ),
            ("Xi refused.", "Peskov denied it.", False),
        ],
    )
    def test_near_duplicate(self, a: str, b: str, expected: bool) -> None:
        assert near_duplicate(a, b) is expected
        assert near_duplicate(b, a) is expected

    def test_a_copy_is_carried_by_both_outlets_the_first_appearance_first(
        self, dup_bot: Storybot
    ) -> None:
        answer = dup_bot.ask("Did Xi refuse?", k=10)
        data = answer.to_dict()
        shown = [p for s in data["sides"] for p in s["passages"]] + data["context"]
        copied = [p for p in shown if "to come to Russia at the invitation" in p["text"]]
        assert len(copied) == 1
        carriers = copied[0]["carried_by"]
        assert [c["outlet"] for c in carriers] == ["UNIAN", "Kyiv Wire"], carriers
        assert carriers[0]["published"] < carriers[1]["published"]
        assert set(carriers[0]) == {"outlet", "published", "url", "article"}
        side = next(s for s in data["sides"] if copied[0] in s["passages"])
        assert side["outlets"] >= 2
        # a passage nobody copied is carried by its own article alone
        for passage in shown:
            if passage is not copied[0]:
                assert passage["article"] in [c["article"] for c in passage["carried_by"]]

    def test_a_fuller_copy_takes_the_place_of_the_copy_it_holds(self) -> None:
        full = Passage(
            "b",
            "y",
            "The harbour authority denied the crane report. It called the story completely "
            "untrue and said the crane was never for sale.",
            0,
            120,
            copies=("a",),
        )
        short = Passage(
            "a", "x", "The harbour authority denied the crane report.", 0, 46, copies=("b",)
        )

        ranked = [Scored(0, 0.9, 1.0, 0.5), Scored(1, 0.8, 1.0, 0.4)]
        kept = distinct(ranked, [short, full])
        assert [k.position for k in kept] == [1]
        # the other way round (the full one first), the short copy is simply dropped
        assert [k.position for k in distinct(ranked[::-1], [short, full])] == [1]

    def test_the_same_wire_copy_in_two_outlets_is_returned_once(
        self, dup_bot: Storybot, dup_articles: dict[str, Article]
    ) -> None:
        answer = dup_bot.ask("Did Xi refuse?", k=10)
        data = check_answer(answer, dup_articles)
        texts = passage_texts(data)
        assert data["answered"] is True
        assert sum("to come to Russia at the invitation" in t for t in texts) == 1
        for i, a in enumerate(texts):
            for b in texts[i + 1 :]:
                assert not near_duplicate(a, b), (a, b)

    def test_search_skips_near_duplicates(self, dup_bot: Storybot) -> None:
        hits = dup_bot.searcher.search("Xi Jinping refused to come to Russia", k=20)
        texts = [h.passage.text for h in hits]
        assert sum("to come to Russia at the invitation" in t for t in texts) == 1
        ranked = dup_bot.searcher.rank("Xi Jinping refused to come to Russia")
        assert len(distinct(ranked, dup_bot.index.passages)) < len(ranked)


@pytest.fixture(scope="module")
def dup_dirs(tmp_path_factory: pytest.TempPathFactory) -> SeedDirs:
    """The seeds plus the UNIAN story picked up by another outlet, lightly edited."""
    root = tmp_path_factory.mktemp("dup")
    corpus = copy_seed_corpus(root / "corpus")
    copy = (REPO_CORPUS / f"{SEED_UNIAN}.txt").read_text(encoding="utf-8")
    copy = copy.replace("Chinese leader Xi Jinping", "Chinese leader Xi Jinping has", 1)
    copy = copy.replace("(C)UNIAN 2022", "(C)Kyiv Wire 2022")
    _add_article(corpus, "kyiv_wire_pickup", copy, "Kyiv Wire", "2022-07-06")
    return SeedDirs(corpus, root / "index")


def _add_article(corpus: Path, name: str, text: str, outlet: str, published: str) -> None:
    """Write one article and its metadata into a test corpus, as ``storybot add`` stores them."""
    (corpus / f"{name}.txt").write_text(text, encoding="utf-8")
    meta = {"outlet": outlet, "url": None, "published": published, "title": None}
    (corpus / f"{name}.meta.json").write_text(json.dumps(meta), encoding="utf-8")


@pytest.fixture(scope="module")
def dup_bot(dup_dirs: SeedDirs, embedder: Embedder) -> Storybot:
    return Storybot.open(dup_dirs.corpus, dup_dirs.index, embedder=embedder)


@pytest.fixture(scope="module")
def dup_articles(dup_dirs: SeedDirs) -> dict[str, Article]:
    return cleaned_articles(dup_dirs.corpus)


class TestSidesAroundTheClaim:
    """The claim a side denies is the best passage that asserts it, not whatever ranks first."""

    def test_a_question_headline_and_a_leading_denial(
        self, snub_bot: Storybot, snub_articles: dict[str, Article]
    ) -> None:
        answer = snub_bot.ask("Did Xi refuse?")
        data = check_answer(answer, snub_articles)
        sides = {side["stance"]: side for side in data["sides"]}
        assert set(sides) == {"asserts", "denies"}, [s["label"] for s in data["sides"]]
        asserted = " ".join(p["text"] for p in sides["asserts"]["passages"])
        denied = sides["denies"]["passages"]
        assert REFUSED in asserted
        assert any("completely untrue" in p["text"] for p in denied)
        # a question claims nothing: it is on no side
        for side in data["sides"]:
            assert all(p["text"] != "Did Xi snub Putin?" for p in side["passages"])
        # the label names who denies and quotes one whole sentence of theirs
        label = sides["denies"]["label"]
        who, sentence = re.fullmatch(r"Denied by (.+?): “(.+)”", label).groups()
        quoted = [p for p in denied if sentence in " ".join(p["text"].split())]
        assert quoted, label
        # each name is a denying passage's speaker, or its outlet when attribution is not sure
        # of the speaker
        names = {
            ((p["speaker"] if p["verified"] is not False else None) or p["outlet"]).split(",")[0]
            for p in denied
        }
        listed = re.sub(r" and \d+ more$", "", who).replace(" and ", ", ").split(", ")
        assert set(listed) <= names, label


@pytest.fixture(scope="module")
def snub_dirs(tmp_path_factory: pytest.TempPathFactory) -> SeedDirs:
    """The seeds plus a web piece that opens with a question and then the denial."""
    root = tmp_path_factory.mktemp("snub")
    corpus = copy_seed_corpus(root / "corpus")
    text = (DATA / "articles" / "web_snub_question.txt").read_text(encoding="utf-8")
    _add_article(corpus, "web_snub_question", text, "WorldBrief", "2022-07-05")
    return SeedDirs(corpus, root / "index")


@pytest.fixture(scope="module")
def snub_bot(snub_dirs: SeedDirs, embedder: Embedder) -> Storybot:
    return Storybot.open(snub_dirs.corpus, snub_dirs.index, embedder=embedder)


@pytest.fixture(scope="module")
def snub_articles(snub_dirs: SeedDirs) -> dict[str, Article]:
    return cleaned_articles(snub_dirs.corpus)
