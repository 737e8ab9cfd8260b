"""Message text the way the Bot API reads it: HTML parse mode, entities, trimming, limits.

The HTML parser follows TDLib's ``parse_html`` (which the Bot API server runs): the same tags,
the same four named entities plus numeric ones (the semicolon is optional; anything else after
``&`` stays literal), and the same error wording, byte offsets counted in UTF-8. Entity offsets
and lengths are in UTF-16 code units, as in the Bot API.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from .errors import ApiError, bad_request

MAX_TEXT_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024

_TAGS = {
    "a",
    "b",
    "strong",
    "i",
    "em",
    "s",
    "strike",
    "del",
    "u",
    "ins",
    "tg-spoiler",
    "tg-emoji",
    "span",
    "pre",
    "code",
    "blockquote",
}
_SIMPLE = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "pre": "pre",
    "code": "code",
}
# TDLib treats NUL, \v and \f as spaces too; NUL cannot occur in our str input.
_SPACE = frozenset(" \t\r\n\v\f")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
# Same offset and length: the order TDLib lists them in.
_PRIORITY = [
    "blockquote",
    "expandable_blockquote",
    "pre",
    "code",
    "text_link",
    "text_mention",
    "url",
    "mention",
    "bot_command",
    "bold",
    "italic",
    "underline",
    "strikethrough",
    "spoiler",
    "custom_emoji",
]


def u16len(text: str) -> int:
    """Length in UTF-16 code units, the unit of Bot API entity offsets and lengths."""
    return len(text.encode("utf-16-le")) // 2


def _byte_offset(src: str, index: int) -> int:
    return len(src[:index].encode("utf-8", "surrogatepass"))


def _parse_error(reason: str) -> ApiError:
    return bad_request(f"can't parse entities: {reason}")


def _decode_entity(src: str, pos: int) -> tuple[str | None, int]:
    """Decode the character reference at ``src[pos] == "&"``; (None, pos) if there is none."""
    end = pos + 1
    n = len(src)
    if end < n and src[end] == "#":
        end += 1
        value = 0
        hexadecimal = end < n and src[end] == "x"
        if hexadecimal:
            end += 1
        digits = "0123456789abcdefABCDEF" if hexadecimal else "0123456789"
        while end < n and src[end] in digits:
            value = value * (16 if hexadecimal else 10) + int(src[end], 16)
            end += 1
            if value >= 0x10FFFF:
                return None, pos
        if value == 0 or end - pos >= 10:
            return None, pos
        char = chr(value)
    else:
        while end < n and src[end].isascii() and src[end].isalpha():
            end += 1
        name = src[pos + 1 : end]
        if name not in _NAMED:
            return None, pos
        char = _NAMED[name]
    if end < n and src[end] == ";":
        end += 1
    return char, end


def check_url(url: str) -> str | None:
    """Normalise a link target like Telegram (``telegram.org`` -> ``http://telegram.org/``).

    Returns None for a URL Telegram would not link, which makes the ``<a>`` tag plain text.
    """
    if not url or any(c in _SPACE for c in url):
        return None
    match = re.match(r"([A-Za-z][A-Za-z0-9+.-]*)://", url)
    if match:
        scheme = match.group(1).lower()
        if scheme in ("tg", "ton", "tonsite"):
            return url
        if scheme not in ("http", "https"):
            return None
    else:
        url = "http://" + url
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    host = parts.hostname or ""
    if not host or "." not in host.strip("."):
        return None
    return urlunsplit(parts._replace(path=parts.path or "/"))


def _make_entity(tag: str, argument: str, offset: int, length: int, inner: str) -> dict | None:
    base = {"offset": offset, "length": length}
    if tag == "a":
        url = argument or inner
        user = re.fullmatch(r"tg://user\?id=(\d+)", url)
        if user:
            return {
                "type": "text_mention",
                **base,
                "user": {"id": int(user.group(1)), "is_bot": False, "first_name": inner or "User"},
            }
        checked = check_url(url)
        return {"type": "text_link", **base, "url": checked} if checked else None
    if tag == "blockquote":
        return {"type": "expandable_blockquote" if argument else "blockquote", **base}
    if tag == "tg-emoji":
        if not argument.isdigit():
            raise _parse_error("Invalid custom emoji identifier specified")
        return {"type": "custom_emoji", **base, "custom_emoji_id": argument}
    entity = {"type": _SIMPLE[tag], **base}
    if tag == "code" and argument:
        entity["language"] = argument
    return entity


def _merge_pre_code(entities: list[dict]) -> list[dict]:
    """``<pre><code class="language-x">`` over the same text is one pre entity with a language."""
    merged = []
    code_with_language = {
        (e["offset"], e["length"]): e for e in entities if e["type"] == "code" and "language" in e
    }
    used = set()
    for entity in entities:
        key = (entity["offset"], entity["length"])
        if entity["type"] == "pre" and key in code_with_language:
            entity = {**entity, "language": code_with_language[key]["language"]}
            used.add(key)
        merged.append(entity)
    result = []
    for entity in merged:
        if entity["type"] == "code":
            key = (entity["offset"], entity["length"])
            if key in used:
                continue
            entity = {k: v for k, v in entity.items() if k != "language"}
        result.append(entity)
    return result


def sort_entities(entities: list[dict]) -> list[dict]:
    """Order entities by offset, longer first, then TDLib's type order."""
    rank = {name: i for i, name in enumerate(_PRIORITY)}
    return sorted(entities, key=lambda e: (e["offset"], -e["length"], rank.get(e["type"], 99)))


def parse_html(src: str) -> tuple[str, list[dict]]:
    """Telegram's HTML parse mode: markup -> (text, entities).

    Raises:
        ApiError: 400 "Bad Request: can't parse entities: ..." with TDLib's wording.
    """
    out: list[str] = []
    u16 = 0
    # (tag, argument, utf-16 offset, index into out) of each open tag
    stack: list[tuple[str, str, int, int]] = []
    entities: list[dict] = []
    n = len(src)

    def at(j: int) -> str:
        return src[j] if j < n else ""

    i = 0
    while i < n:
        c = src[i]
        if c == "&":
            decoded, end = _decode_entity(src, i)
            if decoded is not None:
                out.append(decoded)
                u16 += u16len(decoded)
                i = end
                continue
        if c != "<":
            out.append(c)
            u16 += 2 if ord(c) > 0xFFFF else 1
            i += 1
            continue

        begin = i
        i += 1
        if at(i) != "/":
            while at(i) and at(i) not in _SPACE and at(i) != ">":
                i += 1
            if not at(i):
                raise _parse_error(f"Unclosed start tag at byte offset {_byte_offset(src, begin)}")
            tag = src[begin + 1 : i].lower()
            if tag not in _TAGS:
                raise _parse_error(
                    f'Unsupported start tag "{tag}" at byte offset {_byte_offset(src, begin)}'
                )
            argument = ""
            while at(i) != ">":
                while at(i) and at(i) in _SPACE:
                    i += 1
                if at(i) == ">":
                    break
                if not at(i):
                    raise _parse_error(
                        f"Unclosed start tag at byte offset {_byte_offset(src, begin)}"
                    )
                name_begin = i
                while at(i) and at(i) not in _SPACE and at(i) not in "=>":
                    i += 1
                name = src[name_begin:i].lower()
                if not name:
                    raise _parse_error(
                        f'Empty attribute name in the tag "{tag}" at byte offset '
                        f"{_byte_offset(src, begin)}"
                    )
                while at(i) and at(i) in _SPACE:
                    i += 1
                if at(i) != "=":
                    if tag == "blockquote" and name == "expandable":
                        argument = "1"
                    continue
                i += 1
                while at(i) and at(i) in _SPACE:
                    i += 1
                if not at(i):
                    raise _parse_error(
                        f'Unclosed start tag "{tag}" at byte offset {_byte_offset(src, begin)}'
                    )
                if at(i) not in "'\"":
                    # an unquoted value is an HTML 4 name token
                    token_begin = i
                    while at(i) and at(i).isascii() and (at(i).isalnum() or at(i) in ".-"):
                        i += 1
                    value = src[token_begin:i].lower()
                    if not at(i) or (at(i) not in _SPACE and at(i) != ">"):
                        raise _parse_error(
                            "Unexpected end of name token at byte offset "
                            f"{_byte_offset(src, token_begin)}"
                        )
                else:
                    quote = at(i)
                    i += 1
                    chars = []
                    while at(i) and at(i) != quote:
                        if at(i) == "&":
                            decoded, end = _decode_entity(src, i)
                            if decoded is not None:
                                chars.append(decoded)
                                i = end
                                continue
                        chars.append(at(i))
                        i += 1
                    if at(i) == quote:
                        i += 1
                    value = "".join(chars)
                if not at(i):
                    raise _parse_error(
                        f"Unclosed start tag at byte offset {_byte_offset(src, begin)}"
                    )
                if tag == "a" and name == "href":
                    argument = value
                elif tag == "code" and name == "class" and value.startswith("language-"):
                    argument = value[len("language-") :]
                elif tag == "span" and name == "class" and value.startswith("tg-"):
                    argument = value[len("tg-") :]
                elif tag == "tg-emoji" and name == "emoji-id":
                    argument = value
                elif tag == "blockquote" and name == "expandable":
                    argument = "1"
            if tag == "span" and argument != "spoiler":
                raise _parse_error(
                    f'Tag "span" must have class "tg-spoiler" at byte offset '
                    f"{_byte_offset(src, begin)}"
                )
            stack.append((tag, argument, u16, len(out)))
            i += 1
        else:
            if not stack:
                raise _parse_error(f"Unexpected end tag at byte offset {_byte_offset(src, begin)}")
            i += 1
            name_begin = i
            while at(i) and at(i) not in _SPACE and at(i) != ">":
                i += 1
            end_name = src[name_begin:i].lower()
            while at(i) and at(i) in _SPACE:
                i += 1
            if at(i) != ">":
                raise _parse_error(f"Unclosed end tag at byte offset {_byte_offset(src, begin)}")
            i += 1
            tag, argument, offset, out_index = stack.pop()
            if end_name and end_name != tag:
                raise _parse_error(
                    f"Unmatched end tag at byte offset {_byte_offset(src, begin)}, "
                    f'expected "</{tag}>", found "</{end_name}>"'
                )
            if u16 > offset:
                entity = _make_entity(tag, argument, offset, u16 - offset, "".join(out[out_index:]))
                if entity:
                    entities.append(entity)
    if stack:
        raise _parse_error(f'Can\'t find end tag corresponding to start tag "{stack[-1][0]}"')
    text = "".join(out)
    if any(0xD800 <= ord(c) <= 0xDFFF for c in text):
        raise _parse_error(
            "Text contains invalid Unicode characters after decoding HTML entities, "
            "check for unmatched surrogate code units"
        )
    return text, sort_entities(_merge_pre_code(entities))


# Entities Telegram finds by itself in any message text.
_AUTO = [
    ("bot_command", re.compile(r"(?<![\w/@])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z][A-Za-z0-9_]{2,31})?")),
    ("mention", re.compile(r"(?<![\w@/])@[A-Za-z][A-Za-z0-9_]{3,31}\b")),
    ("url", re.compile(r"\bhttps?://[^\s<>\"]+[^\s<>\".,;:!?)\]'’”]")),
]
_NO_AUTO_INSIDE = {"pre", "code", "text_link", "text_mention", "url", "mention", "bot_command"}


def _u16_offsets(text: str) -> list[int]:
    """offsets[i] is the UTF-16 offset of text[i]; offsets[len(text)] is the total."""
    offsets = [0]
    for c in text:
        offsets.append(offsets[-1] + (2 if ord(c) > 0xFFFF else 1))
    return offsets


def detect_entities(text: str, existing: list[dict] | None = None) -> list[dict]:
    """Add the bot_command, mention and url entities Telegram detects on its own.

    Nothing is detected inside code, pre or links, nor over an entity found earlier.
    """
    existing = list(existing or [])
    offsets = _u16_offsets(text)
    taken = [
        (e["offset"], e["offset"] + e["length"]) for e in existing if e["type"] in _NO_AUTO_INSIDE
    ]
    found = []
    for kind, pattern in _AUTO:
        for match in pattern.finditer(text):
            start, end = offsets[match.start()], offsets[match.end()]
            before = text[match.start() - 1] if match.start() else " "
            if kind == "bot_command" and not before.isspace():
                continue
            if any(start < b and a < end for a, b in taken):
                continue
            taken.append((start, end))
            found.append({"type": kind, "offset": start, "length": end - start})
    return sort_entities(existing + found)


def _trim(text: str, entities: list[dict]) -> tuple[str, list[dict]]:
    """Strip surrounding whitespace as Telegram does, clipping entities to what is left."""
    offsets = _u16_offsets(text)
    left = len(text) - len(text.lstrip())
    right = len(text.rstrip())
    if right <= left:
        return "", []
    lo, hi = offsets[left], offsets[right]
    kept = []
    for entity in entities:
        start = max(entity["offset"], lo)
        end = min(entity["offset"] + entity["length"], hi)
        if end > start:
            kept.append({**entity, "offset": start - lo, "length": end - start})
    return text[left:right], kept


def _check_entities(text: str, entities: Any) -> list[dict]:
    """Validate explicit ``entities`` (sent instead of a parse mode)."""
    if not isinstance(entities, list):
        raise bad_request("can't parse entities JSON object")
    total = u16len(text)
    checked = []
    for entity in entities:
        if not isinstance(entity, dict) or not isinstance(entity.get("type"), str):
            raise bad_request('can\'t parse MessageEntity: Field "type" must be of type String')
        offset, length = entity.get("offset"), entity.get("length")
        if not isinstance(offset, int) or not isinstance(length, int) or offset < 0 or length < 0:
            raise bad_request('can\'t parse MessageEntity: Field "offset" must be of type Number')
        if offset + length > total:
            raise bad_request("entity beginning or end is out of the message")
        if length:
            checked.append(dict(entity))
    return checked


def message_text(
    raw: Any,
    parse_mode: str | None,
    entities: Any = None,
    *,
    limit: int = MAX_TEXT_LENGTH,
    empty_error: str = "message text is empty",
    auto_entities: bool = True,
) -> tuple[str, list[dict]]:
    """Turn a ``text`` parameter into the text and entities Telegram stores.

    Raises:
        ApiError: the 400 Telegram answers for bad markup, empty or too long text.
    """
    text = "" if raw is None else str(raw)
    mode = (parse_mode or "").strip()
    if mode.lower() == "html":
        text, found = parse_html(text)
    elif mode == "":
        found = _check_entities(text, entities) if entities is not None else []
    elif mode.lower() in ("markdown", "markdownv2"):
        raise bad_request(f"can't parse entities: parse mode {mode} is not emulated, use HTML")
    else:
        raise bad_request(f"unsupported parse_mode {mode}")
    text, found = _trim(text, found)
    if not text:
        raise bad_request(empty_error)
    if u16len(text) > limit:
        # Counted in UTF-16 code units, never fewer than Unicode characters, so the emulator is
        # at least as strict as Telegram's "4096 characters after entities parsing".
        raise bad_request("message is too long")
    if auto_entities:
        found = detect_entities(text, found)
    return text, found
