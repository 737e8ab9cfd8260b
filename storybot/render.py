"""Answers as text for a terminal."""

from __future__ import annotations

import os
import shutil
import textwrap
from typing import IO, Any

import click

from retrieval.controls import strip_controls
from retrieval.types import Answer, Hit, Passage, Side, Stance, unverified


def terminal_safe(text: str) -> str:
    """Text that cannot drive a terminal: escape sequences and control characters removed."""
    return strip_controls(text).replace("\r", "")


def shown_speaker(hit: Hit) -> str | None:
    """The passage's speaker as every output shows it: "(unverified)" after one found
    through coreference or the learned guess, so that it never reads as a fact."""
    speaker = hit.passage.speaker
    return speaker + unverified(hit.passage.verified) if speaker else speaker


def claim_lines(passage: Passage, width: int = 70) -> list[str]:
    """``“words…” — speaker`` for each claim listed under a passage (``claims_apart``), the
    uncertain ones marked "(unverified)" as a passage's speaker is."""
    lines = []
    for claim in passage.claims_apart():
        words = " ".join(passage.words_of(claim).split())
        words = words if len(words) <= width else words[: width - 1] + "…"
        lines.append(f"“{words}” — {claim.speaker}{unverified(claim.verified)}")
    return lines


def _attribution(hit: Hit) -> str:
    source = hit.source
    parts = [shown_speaker(hit) or f"{source.outlet}'s own reporting"]
    published = f"{source.outlet}, {source.published}" if source.published else source.outlet
    parts.append(published)
    if source.language and source.language != "en":
        parts.append(f"[{source.language}]")
    if source.url:
        parts.append(source.url)
    return " — " + " · ".join(parts)


def render_hit(hit: Hit, width: int | None = None, color: bool = False) -> str:
    """One passage as an indented quotation with who said it and where.

    With a ``width`` (a terminal's) every line is wrapped to it; without (piped), the
    quotation is wrapped at 88 columns and the attribution kept whole on one line, so that
    grep finds it.
    """
    quote = textwrap.fill(
        terminal_safe(f"“{' '.join(hit.passage.text.split())}”"),
        width=max(width or 88, 20),
        initial_indent="    ",
        subsequent_indent="     ",
    )
    # a passage that holds more than its speaker's words lists who says which, claim by claim
    claims = "".join(terminal_safe(f" · {line}") + "\n" for line in claim_lines(hit.passage))
    who = claims + terminal_safe(f"{_attribution(hit)}  (score {hit.score:.2f})")
    if len(hit.carried_by) > 1:
        who += "\n" + terminal_safe(carried_by_line(hit))
    if width is not None:
        who = "\n".join(
            textwrap.fill(part, width=max(width - 4, 16), subsequent_indent="   ")
            for part in who.split("\n")
        )
    who = who.replace("\n", "\n    ")
    return f"{quote}\n    {_style(who, color, dim=True)}"


def carried_by_line(hit: Hit) -> str:
    """``carried by 3 articles: A, 2023-02-08 (first) · B · C`` for a passage that several
    articles carry."""
    names = [f"{s.outlet}, {s.published}" if s.published else s.outlet for s in hit.carried_by]
    names[0] += " (first)" if hit.carried_by[0].published else ""
    return f"carried by {len(names)} articles: " + " · ".join(names)


def _side_heading(side: Side) -> str:
    outlets = len(side.outlets)
    return f"■ {side.label}" + (f"  [{outlets} outlets]" if outlets > 1 else "")


# Side colours: the two sides of a contested claim apart at a glance.
_SIDE_COLORS = {Stance.ASSERTS: "green", Stance.DENIES: "red", Stance.ANSWER: "cyan"}


def _style(text: str, color: bool, **styles: Any) -> str:
    """Text styled with ANSI codes, only when colour is on (text already made safe)."""
    return click.style(text, **styles) if color else text


def use_color(stream: IO[str]) -> bool:
    """Colour for a terminal only: not when piped, not with NO_COLOR set (no-color.org),
    not on a dumb terminal."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


def terminal_width(stream: IO[str]) -> int | None:
    """Where to wrap: the terminal's width (40 to 100 columns), or None when piped."""
    if not getattr(stream, "isatty", lambda: False)():
        return None
    return max(40, min(100, shutil.get_terminal_size((88, 24)).columns - 1))


def render_answer(answer: Answer, width: int | None = None, color: bool = False) -> str:
    """The whole answer: each side with its label and passages, then context.

    With a ``width`` (a terminal's) the question, message and labels are wrapped too.
    """

    def line(text: str, **styles: Any) -> str:
        text = terminal_safe(text)
        if width is not None:
            text = textwrap.fill(text, width=width, subsequent_indent="  ")
        return _style(text, color, **styles)

    lines = [line(f"Q: {answer.question}", bold=True)]
    if not answer.answered:
        lines.append(line(answer.message))
        return "\n".join(lines)
    for side in answer.sides:
        lines += ["", line(_side_heading(side), fg=_SIDE_COLORS.get(side.stance), bold=True)]
        lines += [render_hit(hit, width, color) for hit in side.hits]
    if answer.context:
        lines += ["", line("■ Context", bold=True)]
        lines += [render_hit(hit, width, color) for hit in answer.context]
    return "\n".join(lines)
