"""What an article's bytes are in: a BOM, UTF-8, else a charset detected (cp1251, UTF-16 ...).

The bytes are kept as they came; the charset found is recorded beside them (see ``corpus``).
"""

from __future__ import annotations

import codecs
import unicodedata

from retrieval.errors import BadArticle

MAX_FILE_BYTES = 20 * 1024 * 1024
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def detect_charset(data: bytes) -> str | None:
    """The charset of a text file's bytes (a BOM, else UTF-8, else detected), or None.

    Example: detect_charset("Кремль".encode("cp1251")) -> "cp1251"
    """
    for bom, charset in _BOMS:
        if data.startswith(bom):
            try:
                data.decode(charset)
            except UnicodeDecodeError:
                return None
            return charset
    if b"\x00" in data:
        return None  # binary: no text charset without a BOM holds NUL bytes
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # a moment to import; few files need it

    best = from_bytes(data).best()
    if best is None or not best.encoding:
        return None
    text = data.decode(best.encoding, errors="replace")
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    if controls > len(text) // 100:
        return None  # decodes, but as control characters: not text
    return str(best.encoding)


def check_bytes(name: str, data: bytes, declared: str | None = None) -> str:
    """The charset of an article's bytes, checked: not empty, not too large, text.

    Args:
        declared: the charset the bytes came with (an HTTP header), used when the
            bytes are not UTF-8 and decode in it.

    Raises:
        BadArticle: the bytes are empty, too many, binary or in no charset recognised.
    """
    if not data.strip():
        raise BadArticle(f"{name}: the file is empty")
    if len(data) > MAX_FILE_BYTES:
        raise BadArticle(f"{name}: too large ({len(data)} bytes; at most {MAX_FILE_BYTES})")
    charset = detect_charset(data)
    if charset is None:
        raise BadArticle(
            f"{name}: a binary file or text in no charset storybot recognises, "
            "not an article (plain text or HTML)"
        )
    if declared and charset not in ("utf-8", "utf-8-sig", "utf-16", "utf-32"):
        try:
            data.decode(declared)
            codecs.lookup(declared)
            return declared.lower()
        except (LookupError, UnicodeDecodeError):
            pass
    return charset
