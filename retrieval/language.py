"""Which language an article is written in, found at ingest when its metadata does not say.

py3langid (BSD, a small naive Bayes model over byte n-grams shipped in the package, no
download) is right on a sentence or more of 97 languages; an article's first few thousand
characters are plenty.
"""

from __future__ import annotations

# Characters of an article read to decide its language.
_SAMPLE = 3000
# Languages that write every noun with a capital (German, Luxembourgish): a capitalised word
# of theirs is not a name.
CAPITALISES_NOUNS = frozenset({"de", "lb"})


def base_language(code: str | None) -> str:
    """ "de" of "de-AT" or "de_AT"; "" for none."""
    return (code or "").split("-")[0].split("_")[0].lower()


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the text's language ("en", "de", "ru"), None for too little text."""
    sample = text[:_SAMPLE]
    if sum(ch.isalpha() for ch in sample) < 20:
        return None
    import py3langid

    code, _ = py3langid.classify(sample)
    return str(code)


def without_names(text: str) -> str:
    """A question without its capitalised words after the first, when two words are left: a
    name is in no language ("What did Piet Vandermeer say?" read as Dutch)."""
    words = text.split()
    kept = words[:1] + [w for w in words[1:] if not w[:1].isupper()]
    return " ".join(kept) if len(kept) >= 2 else text
