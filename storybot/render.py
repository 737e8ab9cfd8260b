"""Answers as text for a terminal."""

from __future__ import annotations

import textwrap

from retrieval.clean import strip_controls
from retrieval.types import Answer, Hit


def terminal_safe(text: str) -> str:
    """Text that cannot drive a terminal: escape sequences and control characters removed."""
    return strip_controls(text).replace("\r", "")


def shown_speaker(hit: Hit) -> str | None:
    """The passage's speaker as every output shows it: "(unverified)" after one found
    through coreference or the learned guess, so that it never reads as a fact."""
    speaker = hit.passage.speaker
    if speaker and hit.passage.verified is False:
        return f"{speaker} (unverified)"
    return speaker


def _attribution(hit: Hit) -> str:
    source = hit.source
    parts = [shown_speaker(hit) or f"{source.outlet}'s own reporting"]
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
    return f"{quote}\n    {_attribution(hit)}  (score {hit.score:.2f})"


def render_answer(answer: Answer) -> str:
    """The whole answer: each side with its label and passages, then context."""
    lines = [f"Q: {answer.question}"]
    if not answer.answered:
        lines.append(answer.message)
        return terminal_safe("\n".join(lines))
    for side in answer.sides:
        lines += ["", f"■ {side.label}"]
        lines += [render_hit(hit) for hit in side.hits]
    if answer.context:
        lines += ["", "■ Context"]
        lines += [render_hit(hit) for hit in answer.context]
    return terminal_safe("\n".join(lines))
