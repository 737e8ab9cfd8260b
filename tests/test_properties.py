"""Property-based tests: whatever comes in, nothing crashes and every passage is verbatim.

The cleaner, the charset reading, the chunker, attribution and the Telegram formatter get
generated input: empty and huge articles, binary and mis-encoded bytes, right-to-left text,
emoji, control and escape codes, unbalanced quotation marks, HTML and Telegram markup.

The suite's run generates about 10,000 cases (``HYPOTHESIS_PROFILE=ci``, the default); the
long mode generates 20 times more (``HYPOTHESIS_PROFILE=long``, see the README).
"""

from __future__ import annotations

import os
import unicodedata

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.format import (
    MAX_MESSAGE_LENGTH,
    format_answer,
    format_refusal,
    format_side,
    format_sources,
    tg_length,
)
from retrieval.chunk import Chunker
from retrieval.clean import clean_text
from retrieval.corpus import decode, detect_charset, is_html
from retrieval.types import Answer, Article, Hit, Passage, Side, Source
from tests.emulator import parse_html

# Cases per test in the suite's run, and how many times more the long mode makes.
SCALE = 20 if os.environ.get("HYPOTHESIS_PROFILE") == "long" else 1


def cases(n: int) -> settings:
    """Settings for a property test of ``n`` generated cases (times the long mode's scale)."""
    return settings(
        max_examples=n * SCALE,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


# Pieces a newsroom's files are made of, hostile ones included.
WORDS = [
    "Kremlin",
    "spokesman",
    "Dmitry",
    "Peskov",
    "said",
    "says:",
    "told",
    "reporters",
    "Xi",
    "Jinping",
    "refused",
    "to",
    "come",
    "Russia",
    "according",
    "the",
    "Japanese",
    "newspaper",
    "Yomiuri",
    "citing",
    "sources",
    "denied",
    "This",
    "is",
    "not",
    "so",
    "he",
    "she",
    "added",
    "Reuters",
    "AFP",
    "Mr.",
    "Dr.",
    "U.S.",
    "2022",
    "July",
    "5,",
    "10:14",
    "am",
    "No.",
    "1",
]
MARKS = [
    '"',
    "“",
    "”",
    "‘",
    "’",
    "'",
    "«",
    "»",
    "„",
    "(",
    ")",
    "[",
    "]",
    ":",
    ";",
    ",",
    ".",
    "!",
    "?",
    "…",
    "—",
    "–",
    "-",
    "/",
    "\\",
    "|",
    "•",
    "·",
    "*",
    "&",
    "#",
    "%",
    "@",
]
ODD = [
    "<p",
    "<div",
    "<b>",
    "</b>",
    "<i>x</i>",
    '<a href="javascript:alert(1)">',
    "</a>",
    "<script>",
    "</blockquote>",
    "<pre><code>",
    "&amp;",
    "&lt;",
    "&#65;",
    "&bogus;",
    "<tg-spoiler>",
    "\x1b[31m",
    "\x1b]0;title\x07",
    "\x9b1m",
    "\x00",
    "\x07",
    "\x08",
    "\x0c",
    "\x7f",
    "\r",
    "\r\n",
    "\t",
    "\u00a0",
    "\u200b",
    "\u200e",
    "\u200f",
    "\u202e",
    "\u2028",
    "\u2029",
    "\ufeff",
    "\ufffd",
    "שלום",
    "مرحبا بالعالم",
    "Кремль",
    "習近平",
    "😀",
    "👍🏽",
    "🇺🇦",
    "👨‍👩‍👧",
    "e\u0301",
    "ﬁ",
    "𝐁𝐨𝐥𝐝",
    "\U0010ffff",
]
LINES = [
    "Advertisement",
    "Leave a Reply",
    "4 thoughts on “The vote”",
    "Gary Pellman says:",
    "March 3, 2023 at 9:14 pm",
    "Reply",
    "Kremlin spokesman Dmitry Peskov says:",
    "(C)UNIAN 2022",
    "Copyright 2022 Example News. All rights reserved.",
    "Share on Facebook",
    "Related",
    "Read more: another story",
    "Posted on March 3, 2023 by Dana Whitcombe",
    "Image caption,",
    "Photo: AFP",
    "    • Hahaha, I knew this would happen.",
    "Liked by 2 people",
    "What do you think?",
    "(END)",
    "By Mara Kettle",
    "<!DOCTYPE html>",
    "<html><body>",
]

token = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(MARKS),
    st.sampled_from(ODD),
    st.text(min_size=1, max_size=8),
)
sentence = st.lists(token, min_size=1, max_size=25).map(" ".join)
paragraph = st.one_of(
    st.lists(sentence, min_size=1, max_size=6).map(" ".join),
    st.sampled_from(LINES),
)
separator = st.sampled_from(["\n\n", "\n", "\n\n\n", "\r\n\r\n", " \n \n", "\n    "])


@st.composite
def articles(draw: st.DrawFn) -> str:
    """A captured article's text: news-like paragraphs, furniture and hostile pieces."""
    parts = draw(st.lists(paragraph, max_size=14))
    seps = draw(st.lists(separator, min_size=len(parts), max_size=len(parts)))
    text = "".join(p + s for p, s in zip(parts, seps, strict=True))
    # Sometimes huge: the same article many times over (up to ~300 KB).
    repeat = draw(st.sampled_from([1] * 30 + [40, 200]))
    return text * repeat if len(text) * repeat < 300_000 else text


any_text = st.one_of(articles(), st.text(max_size=400))


@st.composite
def raw_bytes(draw: st.DrawFn) -> bytes:
    """A file's bytes: text in some charset (mis-encoded, BOM or none) or plain binary."""
    kind = draw(st.sampled_from(["encoded", "binary", "mixed"]))
    if kind == "binary":
        return draw(st.binary(max_size=600))
    text = draw(any_text)
    charset = draw(st.sampled_from(["utf-8", "utf-16", "utf-16-le", "cp1251", "latin-1", "utf-32"]))
    data = text.encode(charset, errors="replace")
    if kind == "mixed":
        cut = draw(st.integers(0, len(data)))
        data = data[:cut] + draw(st.binary(max_size=40)) + data[cut:]
    return data


def _no_controls(text: str) -> bool:
    return not any(unicodedata.category(ch) == "Cc" and ch not in "\n" for ch in text)


@cases(3000)
@given(any_text)
def test_cleaner_never_crashes_and_keeps_no_control_codes(raw: str) -> None:
    cleaned = clean_text(raw)
    assert isinstance(cleaned.text, str)
    assert _no_controls(cleaned.text)
    assert cleaned.text == cleaned.text.strip()
    assert "\n\n\n" not in cleaned.text
    if cleaned.title is not None:
        assert cleaned.title in cleaned.text or cleaned.title in cleaned.dropped


@cases(1500)
@given(raw_bytes(), st.sampled_from([".txt", ".html", ""]))
def test_any_bytes_are_read_or_refused_never_crash(data: bytes, suffix: str) -> None:
    charset = detect_charset(data)
    if charset is None:
        return  # refused at add: binary or no charset
    text = decode(data, charset)
    assert isinstance(text, str)
    is_html(suffix, text)
    clean_text(text)


def _article(text: str) -> Article:
    return Article(source=Source(article_id="a1", outlet="Test"), text=text, checksum="x")


def _check_verbatim(text: str, passages: list[Passage]) -> None:
    end = 0
    for passage in passages:
        assert passage.text, passage
        assert text[passage.start : passage.end] == passage.text
        assert passage.start >= end  # in reading order, no overlap
        end = passage.end


CHUNKER = Chunker()


@cases(2300)
@given(any_text)
def test_every_passage_is_a_verbatim_span_of_the_cleaned_text(raw: str) -> None:
    text = clean_text(raw).text
    passages = CHUNKER.split(_article(text))
    _check_verbatim(text, passages)
    if text.strip():
        assert passages


@cases(700)
@given(articles())
@example("Kremlin Kremlin said citing \\\n\n")  # "citing" with only punctuation after it
def test_attribution_never_crashes_and_keeps_passages_verbatim(raw: str) -> None:
    from retrieval.attribution import attribute_passages

    text = clean_text(raw).text[:20_000]  # attribution's time is bounded per paragraph later
    passages = CHUNKER.split(_article(text))
    attributed = attribute_passages(text, passages)
    assert [(p.start, p.end, p.text) for p in attributed] == [
        (p.start, p.end, p.text) for p in passages
    ]
    _check_verbatim(text, attributed)
    for passage in attributed:
        assert passage.speaker is None or (isinstance(passage.speaker, str) and passage.speaker)


# Text for the formatter: cheap to generate, sometimes long (a sentence many times over).
short_text = st.one_of(sentence, st.text(max_size=120), st.sampled_from(ODD + LINES))
long_text = st.builds(lambda s, n: (s + " ") * n, sentence, st.integers(1, 400))
field_text = st.one_of(short_text, long_text)
maybe = st.one_of(st.none(), short_text)
urls = st.one_of(
    st.none(),
    st.sampled_from(
        [
            "https://example.org/a?b=1&c=<2>",
            'https://example.org/"onmouseover=alert(1)',
            "javascript:alert(1)",
            "http://" + "x" * 3000,
            "https://пример.рф/статья",
            "ftp://example.org/",
        ]
    ),
    st.text(max_size=60),
)
sources = st.builds(
    Source,
    article_id=st.text(min_size=1, max_size=30),
    outlet=field_text,
    url=urls,
    published=st.one_of(st.none(), st.sampled_from(["2022-07-05", "2022-13-45", "yesterday"])),
    title=maybe,
)
hits = st.builds(
    lambda text, source, speaker, cue, score: Hit(
        Passage("p1", source.article_id, text, 0, len(text), speaker, cue), source, score
    ),
    st.one_of(short_text, long_text),
    sources,
    maybe,
    maybe,
    st.floats(-1, 1),
)
sides = st.builds(
    Side,
    label=field_text,
    hits=st.lists(hits, max_size=6).map(tuple),
    stance=st.sampled_from(["asserts", "denies", "answer"]),
)
answers = st.builds(
    Answer,
    question=field_text,
    answered=st.booleans(),
    sides=st.lists(sides, max_size=3).map(tuple),
    context=st.lists(hits, max_size=4).map(tuple),
    message=field_text,
)


def _valid_telegram_html(page: str) -> None:
    text, _ = parse_html(page)  # raises as Telegram would refuse the message
    assert len(text.encode("utf-16-le")) // 2 <= MAX_MESSAGE_LENGTH
    assert tg_length(page) <= MAX_MESSAGE_LENGTH


@cases(2000)
@given(answers)
def test_formatter_output_is_valid_telegram_html_within_the_limit(answer: Answer) -> None:
    pages = format_answer(answer)
    assert pages
    for page in pages:
        _valid_telegram_html(page)
    for side in answer.sides:
        _valid_telegram_html(format_side(answer, side))
    _valid_telegram_html(format_refusal(answer.question, answer.message))


@cases(500)
@given(field_text, st.lists(sources, max_size=60))
def test_sources_list_is_valid_telegram_html_within_the_limit(story: str, listed: list) -> None:
    for page in format_sources(story, listed):
        _valid_telegram_html(page)
