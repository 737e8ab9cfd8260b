"""SpanIndex finds the same overlapping spans as comparing every span would."""

from __future__ import annotations

import random

from retrieval.attribution.records import SpanIndex, overlap


def test_overlapping_is_what_every_comparison_finds_in_order() -> None:
    rng = random.Random(3)
    for _ in range(200):
        spans = []
        for _ in range(rng.randint(0, 30)):
            start = rng.randint(0, 500)
            spans.append((start, start + rng.choice([0, 1, 5, 40, 300])))
        index = SpanIndex(spans)
        for _ in range(20):
            a = rng.randint(0, 600)
            query = (a, a + rng.randint(0, 80))
            expected = [i for i, s in enumerate(spans) if overlap(s, query) > 0]
            assert index.overlapping(query) == expected


def test_empty_and_touching_spans() -> None:
    index = SpanIndex([(0, 5), (5, 9), (7, 7)])
    assert index.overlapping((5, 6)) == [1]
    assert index.overlapping((4, 5)) == [0]
    assert index.overlapping((7, 7)) == []
    assert SpanIndex([]).overlapping((0, 10)) == []
