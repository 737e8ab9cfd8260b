"""Answers as Telegram HTML messages: pure functions, no Telegram calls.

Every piece of corpus or user text goes through ``html.escape``, so markup in an article or a
question shows as text and never formats, breaks or injects anything. Lengths are counted as
Telegram counts them: the text left after entity parsing, in UTF-16 code units.
"""

from __future__ import annotations

import datetime as dtm
import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from retrieval.timeline import TimelineEntry
from retrieval.types import Answer, Hit, Passage, Side, Source, unverified

if TYPE_CHECKING:
    from retrieval.service import SourceInfo

MAX_MESSAGE_LENGTH = 4096  # telegram.constants.MessageLimit.MAX_TEXT_LENGTH
MIN_LIMIT = 1000  # room for the longest block that has no passage to shorten
NOT_ANSWERED = "The articles don't answer this question."
_SEPARATOR = "\n\n"


_TAG = re.compile(r"<[^>]*>")


def tg_length(markup: str) -> int:
    """Length of our HTML as Telegram counts it: tags removed, entities decoded, UTF-16 units.

    Exact for HTML built here, where every ``<``, ``>`` and ``&`` of text is escaped.
    """
    text = html.unescape(_TAG.sub("", markup))
    return len(text.encode("utf-16-le")) // 2


def esc(text: object) -> str:
    """Escape any text for Telegram HTML (quotes too, so it is safe inside attributes)."""
    return html.escape(str(text), quote=True)


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: max(limit - 1, 0)].rstrip() + "…"


def format_date(published: str | None) -> str:
    """``2022-07-05`` -> ``5 July 2022``; anything else unchanged."""
    if not published:
        return ""
    try:
        day = dtm.date.fromisoformat(published[:10])
    except ValueError:
        return published
    return f"{day.day} {day:%B %Y}"


def _link(url: str | None, label: str) -> str:
    """``label`` escaped, as a link when ``url`` is an http(s) URL of reasonable length."""
    label = _shorten(label, 200)
    if url and len(url) <= 1000:
        parts = urlsplit(url)
        if parts.scheme in ("http", "https") and parts.netloc:
            return f'<a href="{esc(url)}">{esc(label)}</a>'
    return esc(label)


def attribution(hit: Hit) -> str:
    """``— speaker, outlet, date`` in HTML, the outlet linked to the article when it has a URL."""
    parts = []
    if hit.passage.speaker:
        parts.append(esc(_shorten(hit.passage.speaker, 100)) + unverified(hit.passage.verified))
    parts.append(_link(hit.source.url, hit.source.outlet or "unknown outlet"))
    date = format_date(hit.source.published)
    if date:
        parts.append(esc(date))
    if hit.source.language and hit.source.language != "en":
        parts.append(f"[{esc(hit.source.language)}]")
    return "— " + ", ".join(parts)


def passage_html(hit: Hit, max_chars: int | None = None) -> str:
    """One passage as a quote followed by who said it, where and when."""
    text = hit.passage.text.strip()
    if max_chars is not None:
        text = _shorten(text, max_chars)
    return (
        f"<blockquote>{esc(text)}</blockquote>\n{claim_lines(hit.passage)}"
        f"{attribution(hit)}{carried_by(hit)}"
    )


def claim_lines(passage: Passage) -> str:
    """``· “words…” — speaker`` lines, one per claim, for a passage that holds more than
    its speaker's words (``Passage.claims_apart``); nothing for the others."""
    lines = []
    for claim in passage.claims_apart():
        words = _shorten(" ".join(passage.words_of(claim).split()), 70)
        speaker = esc(_shorten(claim.speaker, 100)) + unverified(claim.verified)
        lines.append(f"· “{esc(words)}” — {speaker}\n")
    return "".join(lines)


def carried_by(hit: Hit) -> str:
    """``\nalso carried by: B, C`` for a passage other articles carry too, else nothing."""
    others = [s.outlet for s in hit.carried_by if s.article_id != hit.source.article_id]
    if not others:
        return ""
    first = hit.carried_by[0]
    lead = (
        f"first in {esc(_shorten(first.outlet, 100))}; "
        if first.article_id != hit.source.article_id and first.published
        else ""
    )
    names = ", ".join(esc(_shorten(o, 60)) for o in dict.fromkeys(others))
    return f"\n<i>{lead}also carried by {names}</i>"


@dataclass(frozen=True)
class _Block:
    """A piece that is never split across messages; ``heading`` repeats on a new message."""

    html: str
    heading: str = ""
    hit: Hit | None = None
    prefix: str = ""


def _question_html(question: str) -> str:
    return f"<i>{esc(_shorten(question, 300))}</i>"


def _side_blocks(label: str, hits: Sequence[Hit]) -> list[_Block]:
    label = _shorten(label, 200)
    heading = f"<b>{esc(label)}</b>"
    blocks = []
    for i, hit in enumerate(hits):
        prefix = heading + "\n" if i == 0 else ""
        blocks.append(
            _Block(prefix + passage_html(hit), f"<b>{esc(label)} (continued)</b>", hit, prefix)
        )
    if not hits:
        blocks.append(_Block(heading))
    return blocks


def answer_blocks(answer: Answer) -> list[_Block]:
    """The pieces of an answer in reading order."""
    blocks = [_Block(_question_html(answer.question))]
    if not answer.answered:
        blocks.append(_Block(esc(_shorten(answer.message or NOT_ANSWERED, 600))))
        if answer.context:
            blocks += _side_blocks("Closest passages (they don't answer it)", answer.context)
        return blocks
    for side in answer.sides:
        blocks += _side_blocks(side.label, side.hits)
    if answer.context:
        blocks += _side_blocks("Context", answer.context)
    if not answer.sides and not answer.context:
        blocks.append(_Block(esc(_shorten(answer.message or NOT_ANSWERED, 600))))
    return blocks


def _fit(block: _Block, limit: int) -> str:
    """A block alone on a message, its passage shortened if even that is too long.

    Blocks without a passage are short by construction (questions, labels and titles are
    shortened before escaping), so they always fit the smallest allowed limit.
    """
    text = block.html
    if tg_length(text) <= limit or block.hit is None:
        return text
    chars = len(block.hit.passage.text)
    while chars > 1:
        chars = int(chars * 0.8)
        text = block.prefix + passage_html(block.hit, max_chars=chars)
        if tg_length(text) <= limit:
            break
    return text


def pack(
    blocks: Iterable[_Block], limit: int = MAX_MESSAGE_LENGTH, separator: str = _SEPARATOR
) -> list[str]:
    """Join blocks into messages of at most ``limit``, splitting only between blocks."""
    if not MIN_LIMIT <= limit <= MAX_MESSAGE_LENGTH:
        raise ValueError(f"limit must be between {MIN_LIMIT} and {MAX_MESSAGE_LENGTH}, got {limit}")
    pages: list[str] = []
    current = ""
    for block in blocks:
        joined = current + separator + block.html if current else block.html
        if tg_length(joined) <= limit:
            current = joined
            continue
        if current:
            room = limit - tg_length(current + separator)
            if tg_length(block.html) > limit and room >= 500:
                # it must be shortened anyway: shorten it to what is left of this message
                current = current + separator + _fit(block, room)
                continue
            pages.append(current)
        # a side that goes on in the next message repeats its label there
        opening = block.html
        if block.heading and not block.prefix:
            opening = block.heading + "\n" + block.html
            block = _Block(opening, block.heading, block.hit, block.heading + "\n")
        current = _fit(block, limit)
    if current:
        pages.append(current)
    return pages


def format_answer(answer: Answer, limit: int = MAX_MESSAGE_LENGTH) -> list[str]:
    """An answer as HTML messages, each under ``limit``, split at passage boundaries.

    Example: format_answer(storybot.ask("Did Xi refuse?"))[0].startswith("<i>Did Xi")
    """
    return pack(answer_blocks(answer), limit)


def format_side(answer: Answer, side: Side, limit: int = MAX_MESSAGE_LENGTH) -> str:
    """One side as a single message (for inline results): the question, the label, passages."""
    blocks = [_Block(_question_html(answer.question)), *_side_blocks(side.label, side.hits)]
    return pack(blocks, limit)[0]


def side_description(side: Side, limit: int = 200) -> str:
    """Plain text (no HTML) previewing a side: its first passage and who said it."""
    if not side.hits:
        return ""
    hit = side.hits[0]
    speaker = hit.passage.speaker
    speaker = speaker + unverified(hit.passage.verified) if speaker else speaker
    who = ", ".join(p for p in (speaker, hit.source.outlet) if p)
    return _shorten(f"{hit.passage.text} ({who})" if who else hit.passage.text, limit)


def format_refusal(question: str, reason: str) -> str:
    """Why a question cannot be asked (empty, too long...), under the question itself."""
    lead = _question_html(question) + "\n\n" if question.strip() else ""
    return f"{lead}{esc(_shorten(reason, 600))}"


def format_help(story: str, articles: int, bot_username: str | None) -> str:
    """The two lines of /start and /help: what the bot knows and how to ask it."""
    mention = f"mention @{esc(bot_username)}" if bot_username else "mention me"
    noun = "article" if articles == 1 else "articles"
    return (
        f"I answer questions about <b>{esc(_shorten(story, 300))}</b> from {articles} news {noun}, "
        "showing each side and who said what.\n"
        "Send me a question here; in a group use /ask followed by your question, "
        f"{mention}, or reply to one of my messages."
    )


def format_sources(
    story: str, sources: Sequence[SourceInfo | Source], limit: int = MAX_MESSAGE_LENGTH
) -> list[str]:
    """The /sources list: one line per article (title linked, outlet, date, passages)."""
    blocks = [_Block(f"<b>{esc(_shorten(story, 300))}</b>\n{len(sources)} articles:")]
    for number, info in enumerate(sources, start=1):
        source = info if isinstance(info, Source) else info.source
        passages = None if isinstance(info, Source) else info.passages
        title = source.title or source.article_id
        details = [esc(_shorten(source.outlet, 100))]
        date = format_date(source.published)
        if date:
            details.append(esc(date))
        if passages is not None:
            details.append(f"{passages} passages")
        blocks.append(_Block(f"{number}. {_link(source.url, title)} — {', '.join(details)}"))
    return pack(blocks, limit, separator="\n")


def format_timeline(
    story: str, entries: Sequence[TimelineEntry], limit: int = MAX_MESSAGE_LENGTH
) -> list[str]:
    """The /timeline: each event's date, its lead passage quoted, who ran it first and after."""
    blocks = [_Block(f"<b>{esc(_shorten(story, 300))}</b>\n{len(entries)} events, first seen:")]
    for entry in entries:
        first = entry.first
        date = format_date(entry.date) or "undated"
        speaker = entry.passage.speaker
        mark = unverified(entry.passage.verified)
        who = [esc(_shorten(speaker, 100)) + mark] if speaker else []
        who.append(_link(first.url, first.outlet or "unknown outlet"))
        also = [esc(_shorten(s.outlet, 60)) for s in entry.carried_by[1:]]
        more = f"\n<i>also carried by {', '.join(also)}</i>" if also else ""
        text = esc(_shorten(" ".join(entry.passage.text.split()), 600))
        blocks.append(
            _Block(f"<b>{esc(date)}</b> <blockquote>{text}</blockquote>— {', '.join(who)}{more}")
        )
    return pack(blocks, limit)
