"""Ingest's shortcuts give what the long way gives: the phrase heads found once per parsed
paragraph are those spaCy finds sentence by sentence, so the claims do not change."""

from __future__ import annotations

from typing import Any

from retrieval.attribution import _nlp, parse_articles
from retrieval.attribution.article import blocks, for_parser
from retrieval.attribution.mentions import phrase_heads
from retrieval.attribution.phrases import NAME_LABELS

# One long paragraph of several sentences, and a second one, in invented copy.
LEDGER = (
    "Quarry dispute reaches the county court\n\n"
    "The Fenwick Quarry Company told the county court on Tuesday that its blasting had not "
    "cracked a single house in Lower Bramble. Its chief engineer, Oskar Lindqvist, said the "
    "readings of the village's own seismograph showed nothing above the legal limit. "
    "Residents disputed that account. Councillor Hetty Marsh, who chairs the parish council, "
    "told reporters that twelve families had filed claims since March, according to records "
    "seen by the Bramble Gazette. The company denied the claims were valid.\n\n"
    '"We have been patient for a year," said Agnes Pike, 71. "Nobody listens."\n'
)


def _spacy_heads(span: Any, labels: frozenset[str] | None) -> list[int]:
    """What ``phrase_heads`` gave when it asked spaCy's ``Span.noun_chunks`` of each sentence."""
    heads = [nc.root for nc in span.noun_chunks]
    heads += [e.root for e in span.ents if labels is None or e.label_ in labels]
    out: list[int] = []
    for head in sorted(heads, key=lambda t: t.i):
        if head.i not in out and head.dep_ not in ("appos", "compound"):
            out.append(head.i)
    return out


def test_phrase_heads_are_spacys_sentence_by_sentence() -> None:
    docs = [_nlp()(for_parser(LEDGER[s:e])) for s, e in blocks(LEDGER)]
    sentences = [sent for doc in docs for sent in doc.sents]
    assert len(sentences) >= 8
    found = 0
    for sent in sentences:
        for labels in (None, NAME_LABELS):
            mine = [t.i for t in phrase_heads(sent, labels)]
            assert mine == _spacy_heads(sent, labels), sent.text
            found += len(mine)
    assert found > 20  # the paragraph has phrases to find


def test_claims_are_the_same_parsed_alone_or_with_other_articles() -> None:
    other = "Ferry fares to rise\n\nThe Harbour Ledger said fares would rise in May.\n"
    alone = next(parse_articles([LEDGER]))[0]
    together = list(parse_articles([other, LEDGER, other]))
    assert together[1][0] == alone
    speakers = {c.speaker for c in alone}
    assert any(s and "Lindqvist" in s for s in speakers)
    assert any(s and "Marsh" in s for s in speakers)
