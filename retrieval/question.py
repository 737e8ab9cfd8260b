"""Check a question before any model sees it."""

from __future__ import annotations

import re
import unicodedata

from retrieval.errors import BadQuestion

MAX_QUESTION_CHARS = 500
_MARKUP = re.compile(
    r"<\s*/?\s*[A-Za-z!][^<>]{0,200}>|&(?:[A-Za-z]{2,8}|#\d{1,6}|#x[0-9a-fA-F]{1,6});"
)


def check_question(question: object) -> str:
    """The question, trimmed, or a ``BadQuestion`` that says in one line what is wrong.

    Raises:
        BadQuestion: not text, empty, too long, or holding HTML markup.
    """
    if not isinstance(question, str):
        raise BadQuestion("the question must be text")
    text = "".join(ch for ch in question if unicodedata.category(ch) != "Cc" or ch in "\n\t")
    text = " ".join(text.split())
    if not text:
        raise BadQuestion("the question is empty: ask something about the story")
    if len(text) > MAX_QUESTION_CHARS:
        raise BadQuestion(
            f"the question is too long ({len(text)} characters; at most {MAX_QUESTION_CHARS})"
        )
    markup = _MARKUP.search(text)
    if markup:
        raise BadQuestion(
            f"the question holds markup ({markup.group()[:40]}): ask it in plain words"
        )
    if not re.search(r"\w", text):
        raise BadQuestion("the question has no words: ask something about the story")
    return text
