"""The sentence units of an article: its sentences as the parser splits them, with the
sentences of one quotation held together. Attribution judges speakers unit by unit and the
chunker builds passages out of the same units, so a passage never cuts a quotation that
attribution treats as one and every claim of a passage is a run of whole units."""

from __future__ import annotations

import bisect

from retrieval.attribution.records import Sentence, Span


def sentence_units(sents: list[Sentence], quotes: list[Span]) -> list[Span]:
    """(start, end) of each unit in text order: a sentence that starts inside a quotation
    joins the sentence before it in its line ("“We will not. We never did,” she said.")."""
    quotes = sorted(quotes)
    starts = [q[0] for q in quotes]
    # the furthest end of the quotations starting at or before each one
    reach: list[int] = []
    for _s, e in quotes:
        reach.append(max(e, reach[-1]) if reach else e)
    units: list[Span] = []
    last_block = -1
    for sent in sents:
        i = bisect.bisect_left(starts, sent.start) - 1
        inside = i >= 0 and reach[i] > sent.start
        if units and inside and sent.block == last_block:
            units[-1] = (units[-1][0], sent.end)
        else:
            units.append((sent.start, sent.end))
        last_block = sent.block
    return units
