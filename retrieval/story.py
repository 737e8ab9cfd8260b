"""What a story is called: the name given to it, else its first appearance's title."""

from __future__ import annotations

import unicodedata

from retrieval.copies import first_appearance
from retrieval.errors import BadStory
from retrieval.index import PassageIndex


def story_name(name: str | None) -> str:
    """A story's name as given (``--story``, ``STORYBOT_STORY``): one line of plain text.

    Raises:
        BadStory: it holds a control character or is longer than 200 characters.
    """
    if name is None:
        return ""
    # line breaks and tabs are spaces in a name; other control characters are refused
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs") and not ch.isspace() for ch in name):
        raise BadStory("the story's name holds a control character; give plain text")
    name = " ".join(name.split())
    if len(name) > 200:
        raise BadStory(f"the story's name is too long ({len(name)} characters; at most 200)")
    return name


def first_title(index: PassageIndex) -> str:
    """The story's name when none is given: its first appearance's title, not the first file's."""
    titled = [s for s in index.sources.values() if s.title]
    first = first_appearance(titled, {a: i for i, a in enumerate(index.sources)})
    return str(first[0].title) if first else "the articles in the corpus"
