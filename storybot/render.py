"""Answers as text for a terminal."""

from __future__ import annotations

import textwrap

from retrieval.clean import strip_controls
from retrieval.types import Answer, Hit, Side


def terminal_safe(text: str) -> str:
    """Text that cannot drive a terminal: escape sequences and control characters removed."""
    return strip_controls(text).replace("\r", "")


def _attribution(hit: Hit) -> str:
    source = hit.source
    parts = [hit.passage.speaker or f"{source.outlet}'s own reporting"]
    published = f"{source.outlet}, {source.published}" if source.published else source.outlet
    parts.append(published)
    if source.url:
        parts.append(source.url)
    return " — " + " · ".join(parts)


def render_hit(hit: Hit, width: int = 88) -> str:
    """One passage as an indented quotation with who said it and where."""
    quote = textwrap.fill(
        f"“{' '.join(hit.passage.text.split())}”",
        width=width,
        initial_indent="    ",
        subsequent_indent="     ",
    )
    lines = [quote, f"    {_attribution(hit)}  (score {hit.score:.2f})"]
    if len(hit.carried_by) > 1:
        lines.append(f"    {carried_by_line(hit)}")
    return "\n".join(lines)


def carried_by_line(hit: Hit) -> str:
    """``carried by 3 articles: A, 2023-02-08 (first) · B · C`` for a passage that several
    articles carry."""
    names = [f"{s.outlet}, {s.published}" if s.published else s.outlet for s in hit.carried_by]
    names[0] += " (first)" if hit.carried_by[0].published else ""
    return f"carried by {len(names)} articles: " + " · ".join(names)


def _side_heading(side: Side) -> str:
    outlets = len(side.outlets)
    return f"■ {side.label}" + (f"  [{outlets} outlets]" if outlets > 1 else "")


def render_answer(answer: Answer) -> str:
    """The whole answer: each side with its label and passages, then context."""
    lines = [f"Q: {answer.question}"]
    if not answer.answered:
        lines.append(answer.message)
        return terminal_safe("\n".join(lines))
    for side in answer.sides:
        lines += ["", _side_heading(side)]
        lines += [render_hit(hit) for hit in side.hits]
    if answer.context:
        lines += ["", "■ Context"]
        lines += [render_hit(hit) for hit in answer.context]
    return terminal_safe("\n".join(lines))
