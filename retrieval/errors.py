"""storybot's exceptions: one base class, a few specific ones."""

from __future__ import annotations


class StorybotError(Exception):
    """Base class for every error storybot reports to a user in one line."""


class BadQuestion(StorybotError, ValueError):
    """The question is empty, whitespace-only, too long or not text."""


class BadArticle(StorybotError, ValueError):
    """A file given to `add` is missing, unreadable, binary or has no article text."""


class IndexNotFound(StorybotError):
    """No index has been built at the given path."""


class IndexMismatch(StorybotError):
    """The index was built with another model, dimension or chunker, or is corrupt."""


class CorpusError(StorybotError):
    """The corpus folder or one of its metadata files cannot be read."""


class IndexFolderRefused(StorybotError):
    """The index folder is the corpus folder or holds files storybot did not make."""


class IndexBusy(StorybotError):
    """Another process held the index lock for longer than storybot waits."""


class FetchFailed(StorybotError):
    """A web page or feed given to `add` could not be fetched."""


class BadStory(StorybotError, ValueError):
    """The story's name given (--story, STORYBOT_STORY) is not one line of plain text."""
