"""The stance lists (denials, hedges, counts), the words a question is read by, and other
languages' denial words (see ``retrieval/lexicon``)."""

from __future__ import annotations

# -- stance: denials, hedges, counts (retrieval/stance/) ------------------------------

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
    "invented", "invention", "concocted", "far-fetched", "rubbish", "fantasy",
}  # fmt: skip
# "not <word>" says the thing is untrue: "this is not so", "that is not the case".
NOT_TRUE = {"true", "so", "case", "correct", "accurate", "real", "genuine", "right"}
# Taking part in what is reported, negated: "was not involved in", "is not responsible for",
# "was not behind" deny one's part in the event itself.
PART_WORDS = {"involved", "involve", "responsible", "behind"}
# The same as a noun after "had no": "had no part in", "had no role in".
PART_NOUNS = {"part", "role", "involvement", "hand"}
# "no <word>" that rules out a claim: "there is no truth in it".
NO_NOUNS = {"truth", "basis", "grounds", "foundation", "evidence", "substance", "merit"}
# What a denial verb's object is when the verb denies a claim rather than, say, a plan.
REPORT_NOUNS = {
    "report", "claim", "allegation", "accusation", "rumour", "rumor", "story", "suggestion",
    "speculation", "figure", "number", "toll", "account", "assertion", "information", "news",
    "article", "statement", "charge", "idea", "notion", "version", "finding", "estimate",
    "reporting", "media", "talk", "theory", "narrative", "this", "that", "it", "they", "them",
}  # fmt: skip
# The word before an outlet's name when the outlet was given a statement, not the one who
# reported the claim: "told Reuters", "said to the Post", "in an interview with CNN",
# "sagte gegenüber dem Spiegel".
RECIPIENT_WORDS = frozenset({"told", "to", "with", "gegenüber", "dem"})
# Words that hedge a report ("allegedly", "may"): a hedged claim is weaker evidence either way.
HEDGES = {
    "allege", "alleged", "allegedly", "reportedly", "claim", "rumour", "rumor", "rumoured",
    "rumored", "speculation", "speculate", "unconfirmed", "unverified", "purportedly",
    "purported", "supposedly", "apparently", "appear", "seem", "may", "might", "could",
    "possibly", "perhaps", "suggest", "suspect", "according", "likely", "unclear", "whether",
    "if", "believe", "report", "source",
}  # fmt: skip
# Verbs of checking a report: negated ("Reuters could not verify the report", "has not
# corroborated it"), the wire's note that a claim is unverified, a hedge and not a denial.
VERIFY_VERBS = {"verify", "corroborate", "confirm", "substantiate"}
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
# Not SPEECH_VERBS: this holds "according", "cite" and "quote" too, and none of the verbs of
# praise or blame that make a speaker in attribution but do carry a stance of their own.
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
# Words besides NUMBER_WORDS that give a count of what follows ("a single source", "both
# ministers", "several divers"): what answers "how many ...?".
COUNT_WORDS = {"single", "sole", "lone", "both", "several", "couple", "handful", "no"}
# Verbs too light to say what happened ("is", "had"): the predicate is the word they carry.
LIGHT_VERBS = {"be", "have", "do", "get", "make", "go", "come", "take", "give", "put"}
# The claim's keys leave out these light verbs: without "give" and "put", as the learned stance
# model was trained (bench/train_stance.py); making it LIGHT_VERBS would change its inputs.
CLAIM_LIGHT_VERBS = {"be", "have", "do", "get", "make", "go", "come", "take"}
# Words added to the search for the other side: what a denial of a report says.
DENIAL_QUERY = "denied, rejected, refuted: the reports are false, untrue, not so"
# Speech verbs before "that" in a denial's label: "X announced that <what is denied>" keeps the
# part after them. A regex alternation, not lemmas: it is matched on the passage's own words.
SAID_THAT = r"said|says|announced|added|told \w+|stated|insisted"

# Words that deny, in languages the English parse cannot read: a sentence of a German or
# Russian article that holds one (as a word's start) denies something. Coarser than the
# English cues (no negation scope, no hedges): "falsch", "Erfindung", "dementiert";
# "нонсенс", "ложь", "опроверг".
FOREIGN_DENIAL_WORDS = {
    "de": (
        "falsch", "unwahr", "erfunden", "erfindung", "unsinn", "lüge", "haltlos", "dementi",
        "bestreit", "bestritt", "zurückgewiesen", "zurückweis", "wies zurück", "weist zurück",
        "nicht wahr", "nicht zutreffend", "fake",
    ),
    "ru": (
        "нонсенс", "ложь", "лживы", "неправд", "опроверг", "отверг", "отрица", "выдумк",
        "вымысел", "фейк", "чепух", "абсурд", "не соответству", "бред",
    ),
    # Norwegian (Bokmål and Nynorsk), Danish and Swedish share most of these: "falsk",
    # "usant", "oppspinn", "avviser"; "nonsens", "løgn"/"lögn", "benekter"/"förnekar".
    "no": (
        "falsk", "usann", "usant", "uriktig", "fiksjon", "oppspinn", "tøv", "tull", "nonsens",
        "løgn", "avvis", "avvist", "benekt", "dementer", "tilbakevis", "ikke sant",
    ),
    "da": (
        "falsk", "usand", "forkert", "fiktion", "opspind", "vrøvl", "nonsens", "løgn",
        "afvis", "benægt", "dementer", "ikke sandt",
    ),
    "sv": (
        "falsk", "osann", "påhitt", "nonsens", "lögn", "struntprat", "avvis", "förneka",
        "tillbakavis", "dementer", "inte sant",
    ),
}  # fmt: skip
FOREIGN_DENIAL_WORDS["nb"] = FOREIGN_DENIAL_WORDS["nn"] = FOREIGN_DENIAL_WORDS["no"]

# A German yes/no question opens with its finite verb ("Haben die USA ... gesprengt?"); a
# Russian one holds the particle "ли" or opens with no question word ("США взорвали ...?").
GERMAN_YES_NO_VERBS = frozenset(
    "hat haben hatte hatten ist sind war waren wird werden wurde wurden kann können konnte "
    "gibt gab stimmt soll sollen will wollen darf muss müssen".split()
)
# Words a spoken question may open with before it asks ("so did Ostmere cover it up ...?",
# "And is the report true?", "Also, hat er ...?", "А правда ли ...?"): they say nothing of its
# form.
QUESTION_OPENERS = frozenset(
    "so and but ok okay well hey then anyway und also aber а и так ну".split()
)
RUSSIAN_QUESTION_WORDS = frozenset(
    "кто что когда где почему зачем как какой какая какое какие сколько чей чья чьи куда "
    "откуда каким какого кому кого чем".split()
)

# Reading a question without a parser (stance/reading.py). Auxiliaries that open a question:
AUXILIARIES = frozenset("do does did will would can could should shall may might must".split())
# "be" as an auxiliary carries a participle ("were the divers trained"); else there is no verb.
BE_FORMS = frozenset("is are was were am be been being has have had".split())
# Words that open a noun phrase: the word after them is a noun, not the question's verb.
DETERMINERS = frozenset("the a an this that these those his her its their our my your".split())
# English function words: no topic of their own, as a parser's stop-word flag says.
FUNCTION_WORDS = DETERMINERS | AUXILIARIES | BE_FORMS | frozenset("""about above across after
    again against all almost along already also although always among and another any anyone
    anything around as at back because become before behind below beside between beyond both but
    by cannot did do does doing done down due during each either else enough even ever every
    few first for former from further he here hers herself him himself how however i if in
    indeed into it itself just last least less many me might mine more most much my myself
    neither never next no nobody none nor not nothing now of off often on once one only onto or
    other others otherwise our ours out over own per perhaps please quite rather really same
    several she since so some someone something sometimes still such than then there therefore
    they though through thus to together too toward towards under unless until up upon us very
    via we well what whatever when where whereas whether which while who whom whose why with
    within without yet you yours""".split())  # fmt: skip
# Past forms that no suffix rule undoes, by their lemma.
IRREGULAR_FORMS = dict(
    w.split(":")
    for w in """said:say told:tell met:meet went:go gone:go
    made:make took:take taken:take gave:give given:give came:come knew:know known:know saw:see
    seen:see began:begin wrote:write written:write left:leave sent:send held:hold led:lead
    fled:flee fell:fall brought:bring bought:buy thought:think fought:fight caught:catch won:win
    lost:lose ran:run broke:break broken:break blew:blow blown:blow struck:strike stood:stand
    kept:keep felt:feel found:find paid:pay shot:shoot sold:sell spoke:speak chose:choose
    drew:draw rose:rise threw:throw withdrew:withdraw news:news men:man women:woman""".split()
)
# Days and months (a parser reads them as dates, not names); particles of phrasal verbs.
DATE_NAMES = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january
    february march april may june july august september october november december""".split()
)
PARTICLES = frozenset("up down out off over away back".split())
# Lucene's English stop words (the set bm25s ships, which storybot's BM25 used first): words
# this common say nothing of a passage's topic, so BM25 and word coverage leave them out.
BM25_STOP_WORDS = frozenset(
    """a an and are as at be but by for if in into is it no not of on or such that the their
    then there these they this to was will with""".split()
)
