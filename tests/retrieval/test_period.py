"""An answer's story period (retrieval/period.py)."""

from __future__ import annotations

from datetime import date

from retrieval.period import day_of


def test_the_day_of_a_date_or_a_time_and_none_for_anything_else() -> None:
    assert day_of("2031-05-02") == date(2031, 5, 2)
    assert day_of("2031-05-02T09:30:00+02:00") == date(2031, 5, 2)
    assert day_of("last Tuesday") is None
    assert day_of(None) is None
