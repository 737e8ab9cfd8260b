"""Denials found by what their article around them is about, across the whole corpus."""

from __future__ import annotations

import numpy as np
import pytest

from retrieval.denials import DenialIndex, context_vector
from retrieval.embed import Embedder
from retrieval.service import Storybot
from retrieval.stance.store import stored_denial
from tests.retrieval.test_headlines import mill_bot  # noqa: F401  (a fixture)
from tests.retrieval.test_story_sides import crane_bot  # noqa: F401  (a fixture)

# Two articles on the crane story and one on another story; the denials repeat nothing.
PASSAGES = [
    ("courier", "The harbour authority sold its oldest crane to a scrap dealer, workers said."),
    ("courier", "The crane had stood idle since the flood."),
    ("post", "A report said the harbour authority had sold its oldest crane for scrap."),
    ("post", '"This is utterly false and complete fiction," the harbour master said.'),
    ("orchard", "Growers said the apple harvest was the largest in ten years."),
    ("orchard", '"That is nonsense," a spokeswoman for the growers said of the price rumours.'),
]
STRENGTHS = [0.0, 0.0, 0.0, 1.0, 0.0, 0.9]


class TestContextVectors:
    def test_neighbours_only_within_the_article(self) -> None:
        vectors = np.eye(4, dtype=np.float32)
        articles = ["a", "a", "b", "b"]
        assert np.allclose(context_vector(vectors, articles, 0), [0.7071, 0.7071, 0, 0], atol=1e-4)
        assert np.allclose(context_vector(vectors, articles, 2), [0, 0, 0.7071, 0.7071], atol=1e-4)
        wide = context_vector(np.eye(3, dtype=np.float32), ["a"] * 3, 1, reach=1)
        assert np.allclose(wide, [0.5774] * 3, atol=1e-4)


class TestDenialIndex:
    def test_finds_the_denial_of_the_event_not_of_another_story(self, embedder: Embedder) -> None:
        vectors = embedder.encode([text for _, text in PASSAGES])
        denials = DenialIndex.build(vectors, [a for a, _ in PASSAGES], STRENGTHS)
        assert list(denials.positions) == [3, 5]
        question = embedder.encode(["Did the harbour authority sell the crane?"])[0]
        (best, cosine), (other, other_cosine) = denials.find(question, k=2)
        assert best == 3 and other == 5 and cosine > other_cosine
        # its own words alone are further from the question than its context is
        assert cosine > float(vectors[3] @ question)
        assert denials.find(question, k=2, least=other_cosine + 1e-6) == [(3, cosine)]

    def test_a_corpus_without_denials(self) -> None:
        denials = DenialIndex.build(np.eye(2, dtype=np.float32), ["a", "b"], [0.1, 0.2])
        assert denials.find(np.array([1.0, 0.0]), k=3) == []
        with pytest.raises(ValueError, match="k must be positive"):
            denials.find(np.array([1.0, 0.0]), k=0)


def test_ingest_stores_the_denials_the_answers_look_among(
    mill_bot: Storybot,  # noqa: F811
) -> None:
    """The index keeps each denying passage's context vector from ingest; a question reads
    them, it does not build them (a corpus-wide pass over every passage's analysis)."""
    stored = mill_bot.index.denials
    assert stored is not None and len(stored.positions) > 0
    assert mill_bot.denials is stored
    passages = mill_bot.index.passages
    rejected = next(i for i, p in enumerate(passages) if "rejected as false" in p.text)
    assert rejected in set(stored.positions.tolist())
    again = DenialIndex.build(
        mill_bot.searcher.vectors,
        [p.article_id for p in passages],
        [stored_denial(mill_bot.index.stance[p.id]) for p in passages],
    )
    np.testing.assert_array_equal(again.positions, stored.positions)
    np.testing.assert_allclose(again.contexts, stored.contexts, atol=1e-6)


def test_a_corpus_in_several_languages_builds_them_from_its_searchers_vectors(
    crane_bot: Storybot,  # noqa: F811
) -> None:
    """Its searcher places the German passages among the English ones (multilingual.py), so
    the contexts ingest stored from MiniLM's own vectors are not the ones it asks with."""
    stored = crane_bot.index.denials
    assert stored is not None
    built = crane_bot.denials
    assert built is not stored
    np.testing.assert_array_equal(built.positions, stored.positions)
