"""Who is quoted in an article: every passage with its speaker and cue."""

from __future__ import annotations

from retrieval.chunk import Chunker
from retrieval.corpus import Corpus
from retrieval.errors import BadArticle
from retrieval.pipeline import attribute, read_corpus
from retrieval.types import Passage, Source


def quoted_passages(corpus: Corpus, names: list[str]) -> list[tuple[Source, Passage]]:
    """Every passage of the named articles (ids or file names; all when empty) with its speaker.

    Raises:
        BadArticle: a name matches no article of the corpus.
    """
    files = corpus.files()
    if names:
        wanted = {n.removesuffix(".txt").removesuffix(".html") for n in names}
        known = {f.article_id for f in files}
        unknown = sorted(wanted - known)
        if unknown:
            raise BadArticle(f"no article {', '.join(unknown)} in {corpus.root}")
        files = [f for f in files if f.article_id in wanted]
    chunker = Chunker()
    rows = []
    for article in read_corpus(files):
        rows += [(article.source, p) for p in attribute(article, chunker.split(article))]
    return rows
