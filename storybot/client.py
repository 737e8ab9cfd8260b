"""Ask a running ``storybot serve`` instead of loading the model: ``STORYBOT_URL`` set.

Standard library only (``urllib.request``), and nothing here imports the model, so a
question asked through the desk costs a process start and one HTTP request.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import urlencode

from retrieval.errors import BadQuestion, StorybotError


class DeskUnreachable(StorybotError):
    """The server named by STORYBOT_URL did not answer, or answered something else."""


def ask_desk(base_url: str, question: str, k: int = 6, timeout: float = 300.0) -> dict[str, Any]:
    """The ``ask --json`` object for a question, from the server at ``base_url``.

    Raises:
        BadQuestion: the server refused the question (400).
        DeskUnreachable: no server there, or an answer that is not storybot's.
    """
    url = f"{base_url.rstrip('/')}/api/ask?{urlencode({'q': question, 'k': k})}"
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            body = response.read()
    except urllib.error.HTTPError as err:
        message = _error_line(err.read()) or f"HTTP {err.code} {err.reason}"
        if err.code == 400:
            raise BadQuestion(message) from err
        raise DeskUnreachable(f"storybot server at {base_url}: {message}") from err
    except (urllib.error.URLError, OSError) as err:
        reason = getattr(err, "reason", err)
        raise DeskUnreachable(f"cannot reach the storybot server at {base_url} ({reason})") from err
    try:
        data = json.loads(body)
    except ValueError as err:
        raise DeskUnreachable(
            f"{base_url} did not answer with JSON: is it storybot serve?"
        ) from err
    if not isinstance(data, dict) or "answered" not in data:
        raise DeskUnreachable(f"{base_url} did not answer like storybot serve")
    return data


def _error_line(body: bytes) -> str:
    try:
        data = json.loads(body)
    except ValueError:
        return ""
    return str(data.get("error", "")) if isinstance(data, dict) else ""
