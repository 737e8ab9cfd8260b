"""The word lists the stance analysis reads a parse with, each with why it is there.

Lemmas unless said otherwise. Changing a list changes the stored per-passage analysis, so this
file is part of the index's pipeline digest (``retrieval/pipeline.py``).
"""

from __future__ import annotations

# Verbs that deny or contradict what their object says ("refuted reports", "denied that ...").
DENY_VERBS = {
    "deny", "refute", "reject", "dismiss", "debunk", "rebut", "disprove", "dispute",
    "contradict", "repudiate", "disown", "rubbish", "slam",
}  # fmt: skip
# Nouns that name a denial ("a flat denial"): weaker evidence than a denial verb.
DENY_NOUNS = {"denial", "rebuttal", "refutation", "disavowal"}
# Words that call something untrue when predicated of it ("the reports are false").
FALSE_WORDS = {
    "untrue", "false", "baseless", "groundless", "unfounded", "fabricated", "fake", "bogus",
    "incorrect", "inaccurate", "erroneous", "misleading", "wrong", "absurd", "ridiculous",
    "nonsense", "fictitious", "fiction", "lie", "hoax", "fabrication", "myth", "falsehood",
    "made-up", "speculative", "unsubstantiated", "debunked", "satire", "satirical", "spoof",
    "invented", "concocted", "far-fetched",
}  # fmt: skip
# "not <word>" says the thing is untrue: "this is not so", "that is not the case".
NOT_TRUE = {"true", "so", "case", "correct", "accurate", "real", "genuine", "right"}
# "no <word>" that rules out a claim: "there is no truth in it".
NO_NOUNS = {"truth", "basis", "grounds", "foundation", "evidence", "substance", "merit"}
# What a denial verb's object is when the verb denies a claim rather than, say, a plan.
REPORT_NOUNS = {
    "report", "claim", "allegation", "accusation", "rumour", "rumor", "story", "suggestion",
    "speculation", "figure", "number", "toll", "account", "assertion", "information", "news",
    "article", "statement", "charge", "idea", "notion", "version", "finding", "estimate",
    "reporting", "media", "talk", "theory", "narrative", "this", "that", "it", "they", "them",
}  # fmt: skip
# Words that hedge a report ("allegedly", "may"): a hedged claim is weaker evidence either way.
HEDGES = {
    "allege", "alleged", "allegedly", "reportedly", "claim", "rumour", "rumor", "rumoured",
    "rumored", "speculation", "speculate", "unconfirmed", "unverified", "purportedly",
    "purported", "supposedly", "apparently", "appear", "seem", "may", "might", "could",
    "possibly", "perhaps", "suggest", "suspect", "according", "likely", "unclear", "whether",
    "if", "believe", "report", "source",
}  # fmt: skip
# Lemmas that say something planned did not happen: the claims contradicted by "as planned".
DISRUPT = {
    "refuse", "refusal", "decline", "cancel", "cancellation", "resign", "resignation", "quit",
    "postpone", "postponement", "delay", "suspend", "suspension", "withdraw", "withdrawal",
    "scrap", "abandon", "halt", "difficult", "unable", "impossible", "fire", "sack", "oust",
    "snub", "boycott", "skip", "stop", "end", "close", "shut", "collapse", "die", "dead",
    "kill", "leave", "surgery", "ill", "illness", "sick", "injure", "injured", "arrest",
}  # fmt: skip
# Phrasal verbs (verb lemma, particle) that say the same as DISRUPT: "turned down", "called off".
DISRUPT_PARTICLES = {("turn", "down"), ("call", "off"), ("step", "down"), ("pull", "out")}
# Multi-word cues (as lemma sequences) that say things go on as before.
REAFFIRM_PHRASES = [
    ("go", "ahead"), ("take", "place"), ("as", "plan"), ("as", "planned"), ("as", "schedule"),
    ("as", "scheduled"), ("on", "schedule"), ("on", "track"), ("as", "usual"),
    ("good", "health"), ("no", "plan"), ("continue", "to"), ("remain", "on"), ("remain", "in"),
    ("stay", "on"), ("still", "in"), ("in", "office"), ("will", "certainly"), ("be", "fine"),
    ("fully", "committed"),
]  # fmt: skip
# Verbs that report speech: they carry no claim of their own, so the claim is their complement.
REPORTING_VERBS = {
    "say", "tell", "report", "add", "announce", "state", "claim", "write", "cite", "quote",
    "according", "note", "explain", "insist", "confirm", "reveal", "declare", "acknowledge",
}  # fmt: skip
# Counts written as words, so "nine miners" and "9 miners" compare as the same figure.
NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
    "million": 1_000_000, "dozen": 12, "dozens": 24,
}  # fmt: skip
# Verbs too light to say what happened ("is", "had"): the predicate is the word they carry.
LIGHT_VERBS = {"be", "have", "do", "get", "make", "go", "come", "take", "give", "put"}
# The claim's keys leave out these light verbs (a shorter list than LIGHT_VERBS, as trained).
CLAIM_LIGHT_VERBS = {"be", "have", "do", "get", "make", "go", "come", "take"}
# Words added to the search for the other side: what a denial of a report says.
DENIAL_QUERY = "denied, rejected, refuted: the reports are false, untrue, not so"
# Speech verbs before "that" in a denial's label: "X announced that <what is denied>" keeps the
# part after them. A regex alternation, not lemmas: it is matched on the passage's own words.
SAID_THAT = r"said|says|announced|added|told \w+|stated|insisted"
