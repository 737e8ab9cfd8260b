"""The figures a sentence gives ("nine miners", "1,200 people", "at least 41 incidents"), read
as integers so that a claim's count and a passage's compare ("numbers_agree" in features.py).
"""

from __future__ import annotations

import re
from typing import Any

from retrieval.lexicon import NUMBER_WORDS


def figures_in(sent: Any) -> list[int]:
    """The counts a parsed sentence gives (its CARDINAL entities of 2 or more, not "3 times"
    or "5 percent"), as integers: what a claim's figure is compared with."""
    values: list[int] = []
    for ent in sent.ents:
        if ent.label_ != "CARDINAL":
            continue
        after = ent.end < len(ent.doc) and ent.doc[ent.end].lemma_.lower() in ("time", "percent")
        value = parse_number(ent.text)
        if value is not None and value >= 2 and not after:
            values.append(value)
    return values


def parse_number(text: str) -> int | None:
    """A number written in digits or words ("1,200", "forty-one", "at least nine"), None
    when the text is not one."""
    text = text.lower().replace(",", "")
    text = re.sub(
        r"^(at least|at most|about|around|nearly|almost|some|over|more than)\s+", "", text
    )
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return int(float(text))
    total, current, seen = 0, 0, False
    for word in re.split(r"[\s-]+", text):
        if word in ("and", ""):
            continue
        if word not in NUMBER_WORDS:
            return None
        value, seen = NUMBER_WORDS[word], True
        if value >= 1000:
            total += max(current, 1) * value
            current = 0
        elif value == 100:
            current = max(current, 1) * value
        else:
            current += value
    return total + current if seen else None
