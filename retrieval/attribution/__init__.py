"""Who makes each claim in an article: quotes, reported speech, "according to", narration.

``find_attributions(text)`` parses a cleaned article with spaCy and returns one
``Attribution`` per claim it can tie to a source: direct quotes (speaker before or after,
running over several sentences or into a paragraph of their own), reported speech
("Peskov announced that ...", "the ministry refuted ..."), "according to X",
"X, citing Y" and "X quoted Y as saying". Roles, short names and pronouns are resolved to
the fullest earlier mention ("the NATO chief" -> "Jens Stoltenberg, NATO Secretary-General").
``attribute_passages`` sets each passage's ``speaker`` and ``cue`` from the claim that
covers most of it, and from a second one where two people speak in one of its sentences
("Mara Kettle; Tom Brill"); the reporter's own narration keeps ``speaker=None``. The outlet is never
guessed from the text: it comes from the article's metadata.
"""

from retrieval.attribution.article import blocks as _blocks
from retrieval.attribution.article import for_parser as _for_parser
from retrieval.attribution.article import nlp as _nlp
from retrieval.attribution.article import warm_up
from retrieval.attribution.finder import (
    ParsedArticle,
    find_attributions,
    parse_article,
    parse_articles,
    parse_claims,
)
from retrieval.attribution.passages import MIN_COVER, SPEAKER_SEPARATOR, attribute_passages
from retrieval.attribution.records import Attribution

__all__ = [
    "MIN_COVER",
    "SPEAKER_SEPARATOR",
    "Attribution",
    "_blocks",
    "_for_parser",
    "_nlp",
    "attribute_passages",
    "find_attributions",
    "ParsedArticle",
    "parse_article",
    "parse_articles",
    "parse_claims",
    "warm_up",
]
