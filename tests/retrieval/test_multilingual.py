"""Answers across languages on a small invented story (tests/data/ferry_story): an English
report, an English follow-up, and the ferry company's denial in Russian only."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from retrieval.embed import Embedder
from retrieval.index import PassageIndex, read_manifest
from retrieval.multilingual import (
    CrossLingualSearcher,
    MultilingualEncoder,
    calibrate,
    is_multilingual,
    read_vectors,
    vectors_file,
)
from retrieval.service import Storybot
from retrieval.types import Source, Stance
from tests.helpers.files import DATA
from tests.retrieval.test_story_sides import build_story_corpus

STORY = DATA / "ferry_story"


@pytest.fixture(scope="module")
def ferry(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> tuple[Storybot, Path]:
    root = tmp_path_factory.mktemp("ferry")
    build_story_corpus(STORY, root / "corpus")
    return Storybot.open(root / "corpus", root / "index", embedder=embedder), root / "index"


def side_texts(bot: Storybot, question: str) -> dict[str, list[tuple[str | None, str]]]:
    answer = bot.ask(question)
    assert answer.answered, answer.message
    return {
        s.stance.value: [(h.source.language, h.passage.text) for h in s.hits] for s in answer.sides
    }


class TestAcrossLanguages:
    def test_an_english_question_finds_the_russian_denial(
        self, ferry: tuple[Storybot, Path]
    ) -> None:
        sides = side_texts(ferry[0], "Did the Orvel ferry company sell the Marta Lind?")
        assert any("has sold its flagship ferry" in t for _, t in sides["asserts"])
        # nothing in Russian asserts the sale: the Russian article only denies it
        assert all(lang == "en" for lang, _ in sides["asserts"]), sides["asserts"]
        denied = sides[Stance.DENIES.value]
        # shown in its own language, tagged with it
        assert any(lang == "ru" and "опровергла" in t for lang, t in denied), denied
        assert all("has sold" not in t for _, t in denied)

    def test_a_german_question_finds_the_english_report_and_the_russian_denial(
        self, ferry: tuple[Storybot, Path]
    ) -> None:
        # no article is in German: the question shares no words with the corpus
        sides = side_texts(ferry[0], "Hat die Fährgesellschaft Orvel die Marta Lind verkauft?")
        assert any(
            lang == "en" and "has sold its flagship ferry" in t for lang, t in sides["asserts"]
        )
        assert any(lang == "ru" for lang, _ in sides["denies"])

    def test_a_german_question_about_something_else_is_not_answered(
        self, ferry: tuple[Storybot, Path]
    ) -> None:
        answer = ferry[0].ask("Wie hoch war die Inflation in Brasilien im letzten Jahr?")
        assert not answer.answered, [h.passage.text for h in answer.all_hits()]

    def test_a_russian_question_in_other_word_forms_than_the_articles_is_answered(
        self, ferry: tuple[Storybot, Path]
    ) -> None:
        # "говорил", "продажах", "паромов": the article says "продажу", "парома", "паром"
        answer = ferry[0].ask("Что Берг говорил о продажах паромов компанией Орвел?")
        assert answer.answered, answer.message
        assert any("Берг" in h.passage.text for h in answer.all_hits())
        elsewhere = ferry[0].ask("Какой была инфляция в Бразилии в прошлом году?")
        assert not elsewhere.answered, [h.passage.text for h in elsewhere.all_hits()]


class TestQuestionLanguage:
    @pytest.mark.parametrize(
        "question, expected",
        [
            ("Did the Orvel ferry company sell the Marta Lind?", "en"),
            ("Did Berg deny it?", "en"),  # short, with a name: English unless another is likely
            ("Hat die Fährgesellschaft die Marta Lind verkauft?", "de"),
            ("Продала ли компания паром?", "ru"),
        ],
    )
    def test_the_question_language(
        self, ferry: tuple[Storybot, Path], question: str, expected: str
    ) -> None:
        searcher = ferry[0].searcher
        assert isinstance(searcher, CrossLingualSearcher)
        assert searcher.language(question) == expected


class TestStoredVectors:
    def test_a_corpus_in_several_languages_keeps_e5_vectors_beside_its_generation(
        self, ferry: tuple[Storybot, Path]
    ) -> None:
        bot, folder = ferry
        assert isinstance(bot.searcher, CrossLingualSearcher)
        manifest = read_manifest(folder)
        assert (folder / vectors_file(manifest)).is_file()
        index = PassageIndex.load(folder)
        stored = read_vectors(folder, index)
        assert stored is not None and stored.e5.shape == (len(index.passages), 384)
        # each row is the passage's own e5 vector
        encoder = MultilingualEncoder()
        first = encoder.passage([index.passages[0].text])[0]
        assert float(first @ stored.e5[0]) > 0.99
        # the Russian passages, and only they, are placed among the English ones
        russian = [i for i, p in enumerate(index.passages) if "паром" in p.text.lower()]
        assert russian and set(russian) <= set(stored.positions.tolist())
        assert len(stored.positions) == len(
            [p for p in index.passages if index.sources[p.article_id].language == "ru"]
        )
        assert np.allclose(np.linalg.norm(stored.placed, axis=1), 1.0, atol=1e-4)

    def test_vectors_of_another_generation_are_not_read(
        self, ferry: tuple[Storybot, Path], tmp_path: Path
    ) -> None:
        _, folder = ferry
        index = PassageIndex.load(folder)
        moved = index.manifest.__class__(
            **{**index.manifest.__dict__, "files_sha256": {index.manifest.passages_file: "0" * 64}}
        )
        index.manifest = moved
        assert read_vectors(folder, index) is None

    def test_an_index_without_them_is_stale_and_rebuilt_with_them(
        self, tmp_path: Path, embedder: Embedder
    ) -> None:
        from retrieval.corpus import Corpus
        from retrieval.pipeline import index_status

        build_story_corpus(STORY, tmp_path / "corpus")
        folder = tmp_path / "index"
        Storybot.open(tmp_path / "corpus", folder, embedder=embedder)
        (folder / vectors_file(read_manifest(folder))).unlink()
        status = index_status(Corpus(tmp_path / "corpus"), folder, embedder.name)
        assert status.state == "stale" and "multilingual" in status.reason
        bot = Storybot.open(tmp_path / "corpus", folder, embedder=embedder)
        assert isinstance(bot.searcher, CrossLingualSearcher)
        assert index_status(Corpus(tmp_path / "corpus"), folder, embedder.name).state == "fresh"

    def test_an_english_corpus_gets_none(self, tmp_path: Path, embedder: Embedder) -> None:
        corpus = tmp_path / "corpus"
        corpus.mkdir()
        for name in ("gazette_report.txt", "chronicle_retold.txt"):
            body = (STORY / name).read_text(encoding="utf-8").partition("\n")[2]
            (corpus / name).write_text(body, encoding="utf-8")
        bot = Storybot.open(corpus, tmp_path / "index", embedder=embedder)
        assert type(bot.searcher).__name__ == "Searcher"
        assert not list((tmp_path / "index").glob("*.multilingual.npz"))


@pytest.mark.parametrize(
    "languages, expected",
    [(["en", "en"], False), (["en", None], False), (["en", "de-AT"], True), (["ru", "de"], True)],
)
def test_is_multilingual(languages: list[str | None], expected: bool) -> None:
    assert (
        is_multilingual([Source(str(i), "x", language=lang) for i, lang in enumerate(languages)])
        is expected
    )


def test_a_passage_is_placed_among_its_nearest_english_passages() -> None:
    from retrieval.multilingual import place

    pivot_e5 = np.eye(4, dtype=np.float32)
    pivot_minilm = np.eye(4, dtype=np.float32)[[1, 2, 3, 0]]
    foreign = np.array([[0.0, 0.0, 1.0, 0.0]], dtype=np.float32)
    placed = place(foreign, pivot_e5, pivot_minilm)
    # its nearest English passage (the third) weighs most: the third MiniLM vector leads
    assert int(np.argmax(placed[0])) == 3
    assert abs(float(np.linalg.norm(placed[0])) - 1.0) < 1e-5


def test_calibrate_maps_e5_cosines_onto_minilm_scale() -> None:
    # an unrelated pair (e5 ~0.75) is near 0.1, a close paraphrase (e5 ~0.9) near 0.65
    low, high = calibrate(np.array([0.75, 0.9]))
    assert 0.0 < low < 0.2 and 0.6 < high < 0.7
