"""Turn a captured page's text into the article's reporting, and nothing else.

Captured pages carry site furniture: photo captions, "Advertisement" lines,
time stamps, bylines, share bars, copyright lines and, worst of all, a comment
section whose readers must never be quoted as the outlet. The rules here work
on the *shape* of a line (short, no sentence end, furniture vocabulary) and
detect a comment section as such, instead of listing one site's strings.

Example: clean_text(raw).text -> the article's paragraphs joined by blank lines
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from retrieval.controls import strip_controls  # noqa: F401  (re-exported: the cleaner's first step)

# "(C)UNIAN 2022", "© 2023 …", "Copyright 2023 …" (not "Copyright lawyers said …").
_COPYRIGHT = r"(?:\(c\)|©|copyright\s*(?:©|\(c\))?\s*\d{4})"

# Inline noise glued to a sentence by copy-paste: "…coronavirus.play video".
_GLUED_MEDIA = re.compile(
    r"(?<=[.!?\"”’)])\s*(?:(?:play|watch)\s+(?:video|now)\b[.:]?|(?:watch|video)\s*:.*)\s*$",
    re.IGNORECASE,
)

# Whole lines that are furniture whatever site they come from.
_FURNITURE_LINE = re.compile(
    r"""^(?:
        advertisement|advertisements?\s*[-–—:]?.*scroll.*|sponsored(?:\s+content)?|promoted|
        story\s+continues\s+(?:below|after).*|continue\s+reading.*|
        (?:play|watch)\s+(?:video|now)|video|
        read\s+more|read\s+(?:more|also|next)\s*[:›»].*|also\s+read\s*[:›»].*|related\s*(?:articles?|stories|news|coverage)?\s*[:›»].*|
        (?:see|more)\s+also\s*:.*|recommended(?:\s+for\s+you)?|most\s+read|trending(?:\s+now)?|
        click\s+here\b.*|tap\s+here\b.*|
        (?:subscribe|sign\s+up)\b.*(?:newsletter|inbox|updates|free).*|
        (?:share|share\s+this(?:\s+(?:article|story|post))?)(?:\s*(?:on|via)?\s*[:|]?\s*(?:facebook|twitter|x|whatsapp|telegram|email|e-mail|linkedin|reddit|print|copy\s+link|messenger)\b[\s,|/·•]*)*|
        (?:(?:facebook|twitter|x|whatsapp|telegram|email|e-mail|linkedin|reddit|print|copy\s+link|messenger|pinterest)[\s,|/·•]*){2,}|
        tags?\s*:.*|topics?\s*:.*|filed\s+under\s*:.*|
        \(?with\s+(?:agency\s+)?inputs?(?:\s+from\s+(?:agencies|\w+))?\)?|
        (?:we\s+use\s+cookies|this\s+(?:site|website)\s+uses\s+cookies|accept\s+(?:all\s+)?cookies|cookie\s+(?:settings|policy|preferences)).*|
        (?:image|photo|picture|video|file\s+photo|image\s+source|photograph)\s*(?:credit)?\s*[:|,].{0,80}|
        (?:credit|source|photo\s+credit)\s*:.{0,60}|
        image\s+caption\s*[,:]?|trending(?:\s+now)?\s*:.*|(?:like\s+)?loading\s*(?:\.\.\.|…)|caption\s*:.{0,200}|
        (?:download|get)\s+(?:the|our)\b.{0,60}\b(?:app|newsletter|briefing|podcast)\b.*|
        follow\s+(?:us|@\w+)\b.{0,60}|(?:sign|log)\s+in\b.{0,40}|more\s+from\s+.{1,40}|
        (?:.{0,40}\|\s*)?\d+\s*min(?:ute)?s?\s+read|
        (?:[A-Z]{2,}\s+){0,3}(?:ALERT|BREAKING|LIVE|UPDATE|WATCH)\b\s*:.*
    )$""",
    re.IGNORECASE | re.VERBOSE,
)

# Time stamps and bylines: short lines that open with these words.
_STAMP_LINE = re.compile(
    r"^(?:(?:last\s+)?updated|published|posted|first\s+published|modified)(?:\s+on)?\b[\s:]*"
    r"(?=.*(?:\d{1,2}:\d{2}|\b\d{4}\b|\bago\b|\b(?:am|pm|ist|gmt|utc|et|bst)\b))",
    re.IGNORECASE,
)
_BYLINE = re.compile(
    r"^(?:by|reported\s+by|written\s+by|edited\s+by|author|posted\s+by|words\s+by)\s*:?\s+"
    r"[\w.'’\- ]{2,60}(?:,\s*[\w.'’\- ]{2,40})?$",
    re.IGNORECASE,
)
# A caption: a line that ends with a photo credit ("… \ photo REUTERS", "(Photo: AFP)").
_CAPTION_TAIL = re.compile(
    r"(?:(?-i:\b[A-Z]{2,}(?:/[\w .'’-]+)+)|"
    r"\((?:[\w ]{1,30}\s)?(?:file\s+)?(?:photo|image|picture)\)|"
    r"\\\s*photo\b.{0,40}|\((?:photo|image|picture|credit)s?\s*[:|].{0,60}\)|"
    r"\|\s*(?:photo|image|credit)\s*:?.{0,60}|"
    r"\b(?:photo|image|picture)\s*(?:credit)?\s*:\s*[\w/ .&-]{2,40}|"
    r"\b(?:getty\s+images|shutterstock|afp|reuters|ap\s+photo|epa|ddp)\s*\)?)\s*$",
    re.IGNORECASE,
)

# Lines that open or run a comment section. Everything from there on is readers' talk.
_COMMENT_START = re.compile(
    r"""^(?:
        leave\s+a\s+(?:reply|comment)|post\s+a\s+comment|add\s+a\s+comment|write\s+a\s+comment|
        \d[\d,]*\s+(?:comments?|responses?|replies|thoughts\s+on)\b.*|
        leave\s+a\s+comment\b.*|comments\s+are\s+(?:closed|disabled)\b.*|facebook\s+comments(?:\s+plugin)?|
        comments?\s*\(\d+\)|(?:show|view|load|see)\s+(?:all\s+|more\s+)?comments?|
        comments?|reader\s+comments|join\s+the\s+(?:discussion|conversation)|
        (?:you\s+(?:must|need\s+to)\s+be\s+)?log(?:ged)?\s*in\s+to\s+(?:post\s+a\s+)?comment.*|
        sort\s+by\s+(?:best|newest|oldest|top).*|powered\s+by\s+disqus|
        (?:liked|loved)\s+by\s+\d+\s+(?:people|person|others?)|\d+\s+likes?|
        fill\s+in\s+your\s+details\s+below.*|you\s+are\s+commenting\s+using.*|
        this\s+site\s+uses\s+akismet.*|notify\s+me\s+of\s+(?:new|follow-up).*|
        what\s+do\s+you\s+think\??|have\s+your\s+say.*
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# Comment-section openers that may read as sentences ("Have your say in the comments below.").
_COMMENT_STRONG = re.compile(
    r"^(?:have\s+your\s+say\b|leave\s+a\s+(?:reply|comment)\b|join\s+the\s+(?:discussion|conversation)\b|"
    r"comments?\s+(?:are|is)\s+(?:now\s+)?(?:closed|disabled)|\d[\d,]*\s+thoughts\s+on\b|"
    r"this\s+site\s+uses\s+akismet|you\s+are\s+commenting\s+using)",
    re.IGNORECASE,
)
# The lines around one reader comment: who, when, and the buttons under it.
_COMMENT_META = re.compile(
    r"^(?:reply|(?:like|love)\s*·\s*reply.*|"
    r"(?:[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Z][a-z]+\.?\s+\d{4}|\d{4}-\d{2}-\d{2})"
    r",?\s+(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?|\d+\s*(?:h|hrs?|hours?|d|days?|m|mins?)\s+ago)$",
    re.IGNORECASE,
)
# "Gary Pellman says:" opens a reader's comment only with the comment's date and time
# under it; "Kremlin spokesman Dmitry Peskov says:" opens a quotation of the article.
_COMMENTER = re.compile(r"^[\w .'’-]{2,40}\s+says:$", re.IGNORECASE)
_COMMENT_TIME = re.compile(
    r"^(?:(?:[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Z][a-z]+\.?\s+\d{4}|\d{4}-\d{2}-\d{2})"
    r",?\s+(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?|\d+\s*(?:h|hrs?|hours?|d|days?|m|mins?)\s+ago)$",
    re.IGNORECASE,
)


def _opens_a_comment(lines: list[tuple[str, str]], i: int) -> bool:
    """Whether line ``i`` is a commenter's "NAME says:" with the comment's time under it."""
    if not _COMMENTER.match(lines[i][1]):
        return False
    following = [line for _, line in lines[i + 1 : i + 6] if line][:2]
    return any(_COMMENT_TIME.match(line) for line in following)


# Where a page says the article is over: what follows is not the outlet's reporting.
_ARTICLE_END = re.compile(
    r"^(?:" + _COPYRIGHT + r".{0,80}|.{0,60}all\s+rights\s+reserved\.?|"
    r"\(?with\s+(?:agency\s+)?inputs?.{0,30}\)?|\(?end\)?|-?\s*ends?\s*-?)$",
    re.IGNORECASE,
)
# Headings of lists of other stories and links: the short lines under them go too.
_LIST_HEADER = re.compile(
    r"^(?:related(?:\s+(?:topics|stories|articles|coverage|links))?|more\s+on\s+this\s+story|"
    r"top\s+stories|most\s+(?:read|popular|viewed)|recent\s+posts|trending(?:\s+now)?|"
    r"up\s+next|now\s+playing|sponsored(?:\s+(?:links|stories|content))?|"
    r"recommended(?:\s+(?:for\s+you|by\s+\w+))?|you\s+may\s+also\s+like|more\s+stories|"
    r"read\s+next|latest(?:\s+news)?|popular|also\s+on\s+.{1,30}|around\s+the\s+web)\s*:?$",
    re.IGNORECASE,
)
# A row of buttons or links: short pieces separated by wide gaps or bars.
_UI_ROW = re.compile(r"^(?:[^\s|·•][^|·•]{0,24}?(?:\s{3,}|\s*[|·•]\s*)){1,}[^|·•]{1,24}$")
_CAPTION_LABEL = re.compile(
    r"^(?:image|photo|picture|video)\s+caption\s*[,:]?$|^caption\s*:?$", re.I
)
_BULLET = re.compile(r"^\s*[•·●▪*–-]\s+")
_SENTENCE_END = re.compile(r"[.!?…:\"”’)]$")


@dataclass(frozen=True)
class CleanText:
    """A cleaned article: its title (first headline) and its paragraphs.

    Example: CleanText(title="Kremlin refutes reports …", text="On July 5, …")
    """

    title: str | None
    text: str
    dropped: tuple[str, ...] = ()


def normalize(text: str) -> str:
    """Unicode NFC, no-break and odd spaces to plain spaces, Windows line ends to \\n,
    escape sequences and control characters removed."""
    text = strip_controls(text)
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[\u00a0\u2007\u202f\u2009\u200a\u3000\t]", " ", text)
    text = re.sub(r"[\u200b\u200c\u200d\ufeff]", "", text)
    return text


# Small words a headline has and a navigation bar does not, even in Title Case.
_FUNCTION_WORDS = frozenset(
    """a an and as at by for from in of on or the to with vs about over after amid against into
    up out is are was be says say will has have not no new than""".split()
)


def _is_menu(line: str) -> bool:
    """A navigation bar: several capitalised words and not one small word between them."""
    words = line.split()
    return (
        len(words) >= 4
        and all(w[:1].isupper() or not w[:1].isalpha() for w in words)
        and not any(w.lower() in _FUNCTION_WORDS or "'" in w or "’" in w for w in words)
        and not _SENTENCE_END.search(line)
    )


def _reads_as_reporting(line: str) -> bool:
    """A sentence of some length, ending as sentences end: only the strongest rules may drop it."""
    return len(line.split()) >= 6 and bool(re.search(r"[.!?…][\"”’]?$", line))


_STRONG_FURNITURE = re.compile(
    r"^(?:" + _COPYRIGHT + r".{0,300}|.{0,80}\bcookies\b.{0,200}"
    r"\b(?:consent|partners|personali[sz]\w*|accept|preferences|experience|brows\w*|"
    r"our\s+use\s+of\s+cookies)\b.*|"
    r"(?:you\s+(?:must|need\s+to)\s+be\s+)?log(?:ged)?\s*in\s+to\s+(?:post\s+a\s+)?comment.*|"
    r".{0,60}all\s+rights\s+reserved\b.{0,200}|(?:click|tap)\s+here\b.*|"
    r"comments?\s+(?:are|is)\s+(?:now\s+)?(?:closed|disabled)\b.*|"
    # a caption that says so ("[Photo caption: Relatives lay flowers ...]"), or a photo's
    # label in German or Russian ("Foto: dpa", "Фото: Ольга Гринько у мемориала ...")
    r"[\[(]?\s*(?:photo|image|picture|video)\s+caption\s*:.{0,300}|(?:foto|фото)\s*:.{0,200}|"
    # wire credits: "(Reporting by Guy Faulconbridge; Editing by Mark Heinrich)"
    r"\((?:additional\s+)?(?:reporting|writing|editing)\s+by\b[^()]{1,200}\)\.?|"
    r"(?:additional\s+)?(?:reporting|writing)\s+by\b[^;]{1,80};\s*"
    r"(?:editing|writing|additional\s+reporting)\s+by\b.{1,120}|"
    r"by\s+(?:signing|subscribing|clicking|continuing|registering)\b.*\b(?:terms|privacy)\b.*|"
    r"(?:get|sign\s+up\s+for|subscribe\s+to|join|download|follow)\s.{0,120}"
    r"\b(?:inbox|newsletter|briefing|app|free\s+guide|alerts|podcast)\b.*|"
    # a broadcaster's promotion: "Listen to the full report on Drive from 5 p.m."
    r"(?:listen(?:\s+again)?\s+to|hear|tune\s+in\s+to|watch)\s"
    r"(?![^\"“”]*\b(?:said|says|told|tells)\b)[^\"“”]{0,80}?"
    r"\b(?:interview|report|programme|program|episode|podcast|show|bulletin|fm|radio|news)\b"
    r"[^\"“”]{0,120})$",
    re.IGNORECASE,
)


def _is_furniture(line: str) -> bool:
    if _STRONG_FURNITURE.match(line):
        return True
    if _reads_as_reporting(line):
        return False
    if _FURNITURE_LINE.match(line) or _STAMP_LINE.match(line) or _BYLINE.match(line):
        return True
    if _LIST_HEADER.match(line) or _COMMENT_START.match(line) or _is_menu(line):
        return True
    # A caption: no sentence end of its own and a photo credit as its tail.
    return bool(_CAPTION_TAIL.search(line)) and len(line.split()) <= 25


def _comment_section_start(lines: list[tuple[str, str]]) -> int | None:
    """Index of the first line of the comment section, or None.

    The section is found by its furniture ("Leave a Reply", "Liked by 2 people",
    "12 comments"), then widened backwards over the reader comments that sit
    before that furniture: everything after an end-of-article line such as
    "(C)UNIAN 2022", or else indented or bulleted lines and comment blocks (an
    author, a date and time, the comment, "Reply").
    """
    marker = next(
        (
            i
            for i, (_, line) in enumerate(lines)
            if _COMMENT_STRONG.match(line)
            or (_COMMENT_START.match(line) and not _reads_as_reporting(line))
            or _opens_a_comment(lines, i)
        ),
        None,
    )
    if marker is None:
        return None
    ends = [i for i in range(marker) if _ARTICLE_END.match(lines[i][1])]
    if ends:
        return ends[-1] + 1
    start = marker
    pending: list[int] = []  # unindented lines that belong to a comment if a comment's meta follows
    for i in range(marker - 1, -1, -1):
        raw, line = lines[i]
        if not line:
            continue
        indented = raw[: len(raw) - len(raw.lstrip())].replace("\t", "    ").count(" ") >= 2
        if (
            indented
            or _BULLET.match(raw)
            or _COMMENT_META.match(line)
            or _opens_a_comment(lines, i)
        ):
            start = i
            pending = []
            continue
        pending.append(i)
        if len(pending) > 3:
            break
    return start


def _key(line: str) -> str:
    return re.sub(r"\W+", " ", line).strip().lower()


def _strip_inline(line: str) -> str:
    line = _GLUED_MEDIA.sub("", line)
    line = re.sub(
        r" +([,;:.!?])(?=\s|$)", r"\1", line
    )  # "Yomiuri , citing" from stripped no-break spaces
    return re.sub(r" {2,}", " ", line).strip()


# Hard-wrapped text (a wire feed, an e-mail): at least this share of the lines inside its
# paragraphs end mid-sentence, and the longest line is of a wrap width.
_WRAPPED_SHARE = 0.5
_WRAP_WIDTH = 100
_WRAP_MIN = 50
# A wrapped line fills at least this share of the width (a wrap breaks before the next word).
_FILLED = 0.8


def unwrap(text: str) -> str:
    """Hard-wrapped text with its wrapped lines joined: "... last week, the Tesk\nCourier has
    learned ..." is one sentence, not two paragraphs. Text is taken for wrapped when its
    paragraphs are separated by blank lines, no line is longer than a wrap width, and most
    lines inside a paragraph are cut: they fill most of the width and end mid-sentence. Only
    a cut line is joined to the next, so a headline above its byline stays apart, and a page
    with a paragraph per line is left as it is (its lines end sentences)."""
    blocks = [block.split("\n") for block in re.split(r"\n[ \t]*\n", text)]
    inner = [line.strip() for block in blocks for line in block[:-1] if line.strip()]
    width = max((len(line.strip()) for block in blocks for line in block), default=0)
    if len(blocks) < 2 or not inner or not _WRAP_MIN <= width <= _WRAP_WIDTH:
        return text

    def cut(line: str) -> bool:
        return len(line) >= _FILLED * width and not _SENTENCE_END.search(line)

    if sum(map(cut, inner)) < _WRAPPED_SHARE * len(inner):
        return text
    joined = []
    for block in blocks:
        lines: list[str] = []
        previous = ""
        for line in (line.strip() for line in block if line.strip()):
            if lines and cut(previous):
                lines[-1] = f"{lines[-1]} {line}"
            else:
                lines.append(line)
            previous = line
        joined.append("\n".join(lines))
    return "\n\n".join(joined)


def clean_text(raw: str) -> CleanText:
    """Keep the reporting of a captured article and drop everything else.

    Args:
        raw: the page's text as captured (plain text, or text extracted from HTML).

    Returns:
        The title (the first headline-shaped line) and the text: paragraphs of
        reporting separated by one blank line, each line stripped of furniture.
    """
    lines = [(raw_line, raw_line.strip()) for raw_line in unwrap(normalize(raw)).split("\n")]
    dropped: list[str] = []
    cut = _comment_section_start(lines)
    if cut is not None:
        dropped.extend(line for _, line in lines[cut:] if line)
        lines = lines[:cut]

    kept: list[str] = []
    seen: set[str] = set()
    under: str | None = None  # "list" under a list heading, "caption" after a caption label
    for _, bare in lines:
        line = _strip_inline(bare)
        if not line:
            continue
        if _UI_ROW.match(bare) and not _SENTENCE_END.search(bare) and len(bare.split()) <= 12:
            dropped.append(line)  # a row of buttons, told apart by its wide gaps
            continue
        key = _key(line)
        sentence = bool(_SENTENCE_END.search(line))
        if under == "list" and not sentence and len(line.split()) <= 20:
            dropped.append(line)  # an item of a list of other stories
            continue
        if under == "caption" and len(line.split()) <= 30:
            dropped.append(line)
            under = "caption" if _CAPTION_LABEL.match(line) else None
            continue
        under = None
        if _LIST_HEADER.match(line):
            under = "list"
        elif _CAPTION_LABEL.match(line):
            under = "caption"
        short_label = (
            not sentence and len(line.split()) <= 4
        )  # masthead, "Top Stories", "Copy link"
        if short_label or _is_furniture(line) or _ARTICLE_END.match(line) or key in seen:
            dropped.append(line)
            continue
        if not key:
            continue
        seen.add(key)
        kept.append(line)

    # A standfirst repeated word for word inside a later paragraph is said once.
    keys = [_key(line) for line in kept]
    repeated = {
        i
        for i, k in enumerate(keys)
        if len(k) >= 40 and any(k in other and k != other for other in keys)
    }
    dropped.extend(kept[i] for i in sorted(repeated))
    kept = [line for i, line in enumerate(kept) if i not in repeated]

    # The headline: the first line of a headline's length without a sentence end before
    # the first sentence (a masthead is shorter; a tagline above it is taken for it).
    heads = []
    for line in kept:
        if _SENTENCE_END.search(line):
            break
        heads.append(line)
    sized = [h for h in heads if 5 <= len(h.split()) <= 16]
    title = sized[0] if sized else (heads[0] if heads else None)
    return CleanText(title=title, text="\n\n".join(kept), dropped=tuple(dropped))
