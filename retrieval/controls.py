"""Terminal escape sequences and control characters, removed from article text and from what
reaches a terminal. A module of its own: printing an answer needs it, not the cleaner's many
patterns (``retrieval/clean.py``), which a cold ``storybot ask`` would otherwise compile.
"""

from __future__ import annotations

import re

# Terminal escape sequences (colours, cursor moves, "set the window title") and the
# other control characters: never article text, and never to reach a terminal.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[PX^_][^\x1b]*(?:\x1b\\)?|"
    r"\x1b[@-_]|\x9b[0-?]*[ -/]*[@-~]|\x9d[^\x07\x9c]*[\x07\x9c]?"
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def strip_controls(text: str) -> str:
    """Text without terminal escape sequences and control characters (\\n, \\r, \\t kept)."""
    return _CONTROLS.sub("", _ESCAPES.sub("", text))
