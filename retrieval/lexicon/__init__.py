"""Every word list of attribution, each once: verbs, nouns, names, titles, function words.

Lemmas are lowercase spaCy lemmas unless a comment says a list holds words as written. The
speech verbs follow the brief and the cues that PolNeAR's annotators marked most often in its
train split (said, told, added, wrote, noted, according to, ...); denials (refute, reject,
dismiss, deny) are listed because common quote extractors miss them. Where two lists look
alike they do different jobs, and their names say which: PLAIN_SAYING_VERBS is a narrow
subset of SPEECH_VERBS, POLL_NOUNS one poll of the EVIDENCE_NOUNS, HONORIFICS the titles to
drop from a name and TITLE_ABBREVIATIONS the abbreviations the tokenizer must keep whole.
The stance lists (last section) read a parse for denials, hedges and counts; where they look
like attribution's (DENY_VERBS beside SPEECH_VERBS, two light-verb lists) the comment says
why they differ. Changing a list changes what an index stores, so this package is part of the
index's pipeline digest (``retrieval/pipeline.py``). Two modules, each under the size a module
may have: ``attribution.py`` and ``stance.py`` (with the words a question is read by); import
every list from here.
"""

from retrieval.lexicon.attribution import *  # noqa: F403
from retrieval.lexicon.foreign import *  # noqa: F403
from retrieval.lexicon.stance import *  # noqa: F403
