"""Read corpus files into cleaned ``Article`` records.

Plain text goes straight to the cleaner; a saved HTML page first has its
article text extracted by trafilatura (which drops navigation, asides and
comment sections by the page's structure), then goes through the same cleaner.
"""

from __future__ import annotations

import logging

from retrieval.clean import clean_text
from retrieval.corpus import HTML_SUFFIXES, StoredFile, decode
from retrieval.errors import BadArticle
from retrieval.language import detect_language
from retrieval.types import Article, Source

logger = logging.getLogger(__name__)


def html_to_text(html: str) -> tuple[str, dict[str, str | None]]:
    """The article text of an HTML page (paragraphs separated by blank lines) and its metadata.

    Raises:
        BadArticle: the page holds no article text.
    """
    import trafilatura  # imported here: it takes a moment and only HTML needs it

    extracted = trafilatura.bare_extraction(
        html,
        include_comments=False,
        include_tables=False,
        with_metadata=True,
        # The page's own dates only (meta tags, structured data, the URL): the extensive
        # search would take a "Copyright 2022" footer for a publication date.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = getattr(extracted, "text", None) if extracted is not None else None
    if not text:
        raise BadArticle("no article text found in the HTML page")
    meta = {
        key: getattr(extracted, key, None) for key in ("title", "url", "date", "sitename", "author")
    }
    title = meta.get("title")
    # trafilatura puts one paragraph per line; the cleaner expects blank lines between them.
    body = "\n\n".join(line for line in text.split("\n") if line.strip())
    if title and not body.startswith(title):
        body = f"{title}\n\n{body}"
    return body, meta


def check_article(name: str, text: str, html: bool) -> None:
    """Refuse a file that holds no article text once cleaned (a page of furniture only).

    Raises:
        BadArticle: nothing of the file would reach a passage.
    """
    raw = text
    if html:
        try:
            raw, _ = html_to_text(raw)
        except BadArticle as err:
            raise BadArticle(f"{name}: {err}") from err
    if not clean_text(raw).text.strip():
        raise BadArticle(
            f"{name}: no article text left once captions, ads and comments are removed"
        )


def read_article(stored: StoredFile) -> Article:
    """Load, extract and clean one corpus file.

    Raises:
        BadArticle: the file cannot be decoded or has no article text.
    """
    try:
        data = stored.path.read_bytes()
    except OSError as err:
        raise BadArticle(f"{stored.path}: cannot read it ({err.strerror or err})") from err
    charset = stored.meta.get("charset")
    raw = decode(data, charset if isinstance(charset, str) else None)
    meta = dict(stored.meta)
    if stored.path.suffix.lower() in HTML_SUFFIXES:
        try:
            raw, page = html_to_text(raw)
        except BadArticle as err:
            raise BadArticle(f"{stored.path}: {err}") from err
        for ours, theirs in (("title", "title"), ("url", "url"), ("published", "date")):
            if not meta.get(ours) and page.get(theirs):
                meta[ours] = page[theirs]
        if meta.get("outlet") in (None, "unknown outlet") and page.get("sitename"):
            meta["outlet"] = page["sitename"]
    cleaned = clean_text(raw)
    if not cleaned.text:
        raise BadArticle(f"{stored.path}: nothing left after cleaning")
    source = Source(
        article_id=stored.article_id,
        outlet=str(meta.get("outlet") or "unknown outlet"),
        url=meta.get("url"),
        published=meta.get("published"),
        title=meta.get("title") or cleaned.title,
        language=meta.get("language") or detect_language(cleaned.text),
    )
    logger.debug("cleaned %s: dropped %d lines", stored.path.name, len(cleaned.dropped))
    return Article(source=source, text=cleaned.text, checksum=stored.checksum)
