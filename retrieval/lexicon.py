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
why they differ. Changing a list changes what an index stores, so this file is part of the
index's pipeline digest (``retrieval/pipeline.py``).
"""

from __future__ import annotations

# -- verbs -----------------------------------------------------------------------------

# Verbs that report speech or writing: a cue with or without a complement clause.
SPEECH_VERBS = frozenset(
    """
    say tell add note warn acknowledge state insist admit report accuse argue deny reject
    refute dismiss confirm claim announce write tweet post ask explain declare respond reply
    answer recall conclude promise pledge vow urge describe criticize criticise praise blame
    question reveal disclose indicate assert maintain contend allege emphasize emphasise stress
    concede complain lament boast joke quip estimate testify mention observe remark comment
    counter retort reiterate repeat echo assure inform caution predict suggest propose
    recommend demand threaten dispute contest challenge continue agree disagree charge
    brief proclaim lash slam blast attack defend condemn denounce
    welcome hail applaud rebuff rebut disavow concur clarify elaborate specify cite
    muse opine scoff exclaim shout yell scream mutter gush sneer call brag
    interject bark lambaste chide scold taunt berate ridicule decry assail mock tout rail
    hint recount reassure grouse gripe deride rebuke castigate excoriate disparage belittle
    """.split()
)

# Verbs of belief and perception: a cue only with a clause ("X believes that ...").
THOUGHT_VERBS = frozenset(
    """
    believe think fear hope expect doubt suspect feel know reckon guess speculate worry
    understand realize realise recognize recognise consider find show suggest assume
    anticipate estimate forecast project calculate
    """.split()
)

# Plain verbs of saying: what they report stays the sayer's inside an "As X reported" frame.
PLAIN_SAYING_VERBS = frozenset(
    """
    say tell add state write claim announce declare insist deny confirm note explain warn
    argue acknowledge admit reply respond answer ask
    """.split()
)

# Speech verbs that invert after a comma in news copy ("..., said Michael Kofman, ...").
INVERTING_VERBS = frozenset({"say", "add", "write", "note", "explain", "continue", "insist"})

# Speech verbs whose object is the one spoken to or about ("told reporters", "urged Hale").
SAID_TO_SOMEONE_VERBS = frozenset(
    """
    tell ask inform brief urge warn assure reassure remind accuse blame praise criticize
    criticise call thank promise answer question challenge attack defend mock chide scold
    taunt berate ridicule assail lambaste slam blast hail applaud welcome condemn denounce
    """.split()
)

# Speech verbs that are also plain actions ("improved the soup by adding salt"): speech
# only with a clause or a quotation.
ALSO_ACTION_VERBS = frozenset({"add", "post", "write", "repeat", "echo", "continue", "answer"})

# Speech verbs that are also acts on an object: speech only with these clauses (or, with
# no object, a quotation): "threatened to sue", not "threaten the donors' interests".
SPEECH_ONLY_WITH = {"counter": ("ccomp",), "threaten": ("ccomp", "xcomp")}

# Phrasal verbs (lemma, particle) that report speech when something is said: "fired back".
PHRASAL_SPEECH_VERBS = frozenset(
    {
        ("fire", "back"),
        ("shoot", "back"),
        ("hit", "back"),
        ("push", "back"),
        ("weigh", "in"),
        ("chime", "in"),
        ("lash", "out"),
        ("speak", "out"),
    }
)

# What an xcomp says when nothing is claimed: "declined to comment", "refused to say".
NOTHING_SAID_VERBS = frozenset(
    {"comment", "say", "elaborate", "discuss", "respond", "answer", "speculate"}
)
# Verbs of refusing: "refused to say whether ...", "declined to say who": nothing said.
REFUSING_VERBS = frozenset({"refuse", "decline"})

# Verbs of wanting and planning: "Indiana politicians want their money back", "the
# campaign plans to air the ad" state their subject's own position, so a to-infinitive
# after them is what the subject holds, not an act
# (by the word as written too: the small model lemmatises "hopes" and "hoped" as "hop", and
# the cue model learned from those lemmas as they are)
WANTING_VERBS = frozenset(
    """
    want plan hope hopes hoped hoping intend seek aim wish
    """.split()
)

# What one does to a statement, ad or letter that makes its words one's own.
RELEASE_VERBS = frozenset(
    """
    release issue publish post send run air fire write sign file deliver unveil launch
    premiere pen tweet share circulate distribute put give make submit produce broadcast
    """.split()
)

# Records speak through these forms, as written: "..., Federal Election Commission records show."
SHOWING_VERB_FORMS = frozenset(
    "show shows showed indicate indicates indicated suggest suggests suggested".split()
)

# Verbs that split a title-case headline into who and what: "X Endorses Y", "X Slams Y".
HEADLINE_VERBS = SPEECH_VERBS | frozenset(
    {"endorse", "back", "support", "assail", "heckle", "mock", "tout", "bash", "decry", "rip"}
)

# Feelings reported with a that-clause ("disappointed that ...", "concerned that ...").
FEELING_WORDS = frozenset(
    """
    disappoint disappointed concern concerned worry worried confident convinced sure certain
    adamant optimistic pessimistic hopeful skeptical sceptical alarm alarmed frustrate
    frustrated upset angry satisfied pleased happy glad sorry regret regretful aware
    """.split()
)

# -- nouns that carry words ------------------------------------------------------------

# Nouns that carry someone's words or position: "the Kremlin's statement that ...",
# "Peskov's denial of the report", "an admission from Warren that ...".
STATEMENT_NOUNS = frozenset(
    """
    statement claim assertion allegation accusation denial remark comment insistence
    suggestion admission announcement warning argument contention assessment promise pledge
    vow demand criticism rejection dismissal refutation proposal plea prediction conclusion
    testimony explanation response reply characterization complaint confirmation
    acknowledgment acknowledgement assurance threat diagnosis insinuation rebuttal objection
    answer
    """.split()
)

# Things that carry someone's words when that someone releases or runs them: "the campaign
# released a statement saying ...", "the fund is running a TV spot calling ...".
CARRIER_NOUNS = STATEMENT_NOUNS | frozenset(
    """
    ad advert advertisement spot commercial video documentary film letter memo email e-mail
    tweet post release message note report op-ed editorial website site ruling
    """.split()
)

# What someone writes that speaks for them ("An article written by X argues ..."), not
# "copies of a book written by X".
WRITINGS = CARRIER_NOUNS | frozenset({"article", "column", "essay"})

# Events one holds or gives, which say nothing themselves: "opened a rally blasting ...".
EVENT_NOUNS = frozenset(
    "rally speech address event interview conference briefing appearance session "
    "hearing town-hall debate meeting".split()
)

# What records speak through, as written: "..., Federal Election Commission records show."
EVIDENCE_NOUNS = frozenset(
    """
    records record data figures documents filings filing poll polls survey surveys analysis
    report reports tally tallies count footage video evidence transcript study research
    numbers statistics results estimates emails logs
    """.split()
)

# One poll as a source, not "the polls" ("Trump surged in the polls"), as written.
POLL_NOUNS = frozenset({"poll", "survey"})

# What "citing ..." names when it names a source, not a reason ("citing coronavirus rules").
CITED_SOURCE_NOUNS = frozenset(
    """
    source official diplomat report media newspaper paper insider aide analyst expert
    document data figure statistic survey poll study witness person people agency
    ministry government statement interview letter filing record email memo cable transcript
    """.split()
)

# Whom one tells that the cue keeps as its own words: "told reporters", "told the press".
AUDIENCE_NOUNS = frozenset(
    {"reporter", "journalist", "press", "audience", "supporter", "parliament"}
)

# -- who can speak ---------------------------------------------------------------------

# Nouns naming a person by what they do: "the NATO chief", "the Kremlin spokesman".
PERSON_ROLES = frozenset(
    """
    spokesman spokeswoman spokesperson chief leader president minister secretary official
    head director ambassador envoy general commander premier chancellor senator governor
    mayor ceo executive chairman chairwoman chair candidate nominee founder editor
    coordinator analyst economist adviser advisor aide lawyer attorney prosecutor judge
    officer diplomat lawmaker legislator congressman congresswoman representative mp
    deputy manager organiser organizer president-elect strategist pollster professor expert
    doctor surgeon researcher scientist activist campaigner farmer resident witness
    businessman businesswoman owner chief-executive treasurer counsel negotiator king queen
    prince monarch pope cardinal bishop emir sheikh governor-general secretary-general
    """.split()
)

# Endings of a noun that names someone by what they do, beyond PERSON_ROLES ("economist").
PERSON_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent", "man", "woman", "person", "ee")

# Nouns for bodies that can make a claim: "the ministry said", "the company said".
ORG_NOUNS = frozenset(
    """
    ministry department agency office government administration authority commission
    committee council board union party campaign company firm airline carrier manufacturer
    maker group alliance organisation organization coalition court court-house service
    collective mission network bank lender insurer operator retailer embassy consulate
    kremlin palace parliament congress senate assembly cabinet regulator watchdog police
    army military navy force forces team club foundation institute university school
    hospital trust charity corporation business opposition junta regime movement
    """.split()
)

# Nouns that can refer back to any named company: "Aerotek ... The company said".
COMPANY_NOUNS = frozenset(
    """
    company firm airline carrier manufacturer maker group business corporation operator
    bank lender insurer retailer producer supplier conglomerate giant startup developer
    """.split()
)

# Nouns for the press; any of them can refer back to an earlier newspaper or agency.
MEDIA_NOUNS = frozenset(
    """
    newspaper paper publication daily weekly outlet tabloid magazine broadcaster channel
    network website site agency newswire wire journal gazette station
    """.split()
)

# Last words of press names: "the Capital Ledger", "the Valley Post".
MEDIA_NAME_WORDS = frozenset(
    """
    times post herald gazette courier ledger journal tribune news telegraph guardian
    independent mail express standard chronicle observer review daily weekly reuters ap afp
    bloomberg tass interfax xinhua cnn bbc nbc abc cbs fox msnbc npr politico axios
    breitbart yomiuri kyodo asahi nikkei unian ria itar-tass dpa ansa efe sun mirror record
    bulletin dispatch register inquirer enquirer monitor today week magazine press wire
    shimbun kommersant izvestia vedomosti novosti sputnik rt
    """.split()
)

# Who never counts as a source: comments are not claims made in the article.
NEVER_SPEAKERS = frozenset({"reader", "commenter", "commentor"})

# Words that head a group counted from a larger one: "some of the candidates", "all".
QUANTIFIERS = frozenset({"one", "some", "many", "most", "several", "few", "others", "all", "both"})

# Shares a poll reports of those it asked: "a third say", "two-thirds of voters".
SHARE_WORDS = frozenset({"half", "third", "quarter", "fifth", "majority", "minority", "percent"})

# -- names and titles ------------------------------------------------------------------

# Titles that are not part of a name.
HONORIFICS = frozenset(
    "mr mr. mrs mrs. ms ms. miss dr dr. prof prof. sir dame sen sen. rep rep. gov gov. "
    "lord lady rev rev. fr fr. col col. gen gen. lt lt. maj maj. capt capt. sgt sgt. "
    "adm adm. cmdr cmdr. amb amb. atty atty. brig brig. cpl cpl. gens gens. lieut lieut. "
    "msgr msgr. pres pres. pvt pvt. reps reps. sens sens. spc spc. supt supt.".split()
)

# Military ranks among the honorifics: after other words they belong to a role ("Air Force
# 1st Lt."), where a civil title at the end of one does not ("Massachusetts Sen.").
MILITARY_RANKS = frozenset("col gen lt maj capt sgt adm cmdr brig cpl gens lieut pvt spc".split())

# Civil titles spelled out when they end a role: "Texas Sen." -> "Texas senator".
TITLE_WORDS = {
    "sen": "senator",
    "sens": "senators",
    "rep": "representative",
    "reps": "representatives",
    "gov": "governor",
    "pres": "president",
    "amb": "ambassador",
    "atty": "attorney",
    "supt": "superintendent",
    "det": "detective",
}

# Abbreviated titles that spaCy's tokenizer splits into word + "." ("Lt", "."), which then
# ends the sentence: '... said Air Force 1st Lt. Tyler Livingston' came out as a speaker
# "Air Force 1st" and a sentence "Tyler Livingston". Its own exceptions already keep
# "Gen.", "Gov.", "Sen.", "Rep.", "Dr.", "Prof.", "Rev." and "Adm." whole.
TITLE_ABBREVIATIONS = (
    "Amb.",
    "Atty.",
    "Brig.",
    "Capt.",
    "Cmdr.",
    "Col.",
    "Cpl.",
    "Det.",
    "Gens.",
    "Lieut.",
    "Lt.",
    "Maj.",
    "Msgr.",
    "Pres.",
    "Pvt.",
    "Reps.",
    "Sens.",
    "Sgt.",
    "Spc.",
    "Supt.",
)

# Words of a role that say when someone holds it, lowercased at a sentence's start.
TIME_OF_OFFICE = frozenset({"former", "then", "acting", "outgoing", "incoming", "interim"})

# Words that add nothing when matching a role phrase to a person.
ROLE_STOPWORDS = frozenset(
    "the a an of for at in on and to its his her their our this that s 's ’s former new "
    "acting senior top deputy chief".split()
)

# -- pronouns --------------------------------------------------------------------------

# Pronouns that refer back to a person.
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
# Pronouns that refer back to a body or a group.
GROUP_PRONOUNS = frozenset({"they", "them"})
# The pronoun that refers back to a body ("it said").
THING_PRONOUNS = frozenset({"it"})
# The writer or the one addressed: never resolved to a named source.
FIRST_PERSON = frozenset({"i", "we", "me", "us", "you", "myself", "ourselves"})
# Pronouns that open a relative clause: the speaker is the noun the clause hangs on.
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
# Subjects of a copula that say nothing of who its complement is: "It was X who said".
CLEFT_SUBJECTS = frozenset({"it", "this", "that", "there", "what", "which", "who"})
# What one "called" that is followed by the quoted name for it: 'called that "absurd"'.
CALLED_PRONOUNS = frozenset({"it", "that", "this", "them", "him", "her"})

# -- function words and layout ---------------------------------------------------------

# Prepositions after a statement noun that say what it says: "denial of the report".
SAID_PREPOSITIONS = frozenset({"of", "about", "on", "that", "to", "against"})

# Prepositions after a speech verb's object that say more of what is said: "slammed X as".
VERDICT_PREPOSITIONS = frozenset({"as", "for", "over"})

# Marks of someone else's words set against a claim: ", while Brill said ...".
CONTRAST_MARKS = frozenset({"while", "whereas"})

# Cues that relay another's words: "..., the Valley Post reported.", "according to the Post".
RELAYING_CUES = frozenset({"reported", "reports", "according to"})

# Words after a title-case "-ed" headline verb that make it passive ("Clinton Accused Of").
AFTER_PASSIVE_HEADLINE_VERB = frozenset(
    """of by for as in after over to at with about home into a an on from amid during""".split()
)
# Words before a title-case "-ed" headline verb that make it passive ("Aide Is Criticized").
BEFORE_PASSIVE_HEADLINE_VERB = frozenset(
    {"is", "was", "be", "being", "been", "gets", "got", "are", "were"}
)
# Adverbs between a headline's speaker and its verb: "Trump Just Announced".
HEADLINE_ADVERBS = frozenset({"just", "now", "finally", "reportedly", "also", "again"})

# The lowercase words a colon lead may end with: what its speaker is ("Clinton camp:"), not
# what is said ("One conclusion:") or a clause ("The reason is simple:").
COLON_LEAD_NOUNS = PERSON_ROLES | ORG_NOUNS | frozenset({"camp", "official", "editorial", "report"})
# Small words that make a shouted "FIX IS IN:" a kicker, not a name.
KICKER_WORDS = frozenset("is are was were in on of the a to for at and it".split())
# Words of a colon lead or a dash tag that name no speaker: "UPDATE:", "Watch:".
NOT_LEAD_WORDS = frozenset(
    """
    update updated watch breaking exclusive video videos photo photos listen read note editor
    editor's correction clarification related advertisement source sources full text abstract
    summary background context warning caution question answer q a re fw fwd subject from to
    latest
    date time location image images caption credit credits transcript live opinion analysis
    wow whoa yikes oops boom bombshell busted so just report reports
    """.split()
)

# -- German and Russian news copy (the English parser reads them as noise) -------------

# Verbs that sign a quotation in German and Russian copy: „...“, sagte X; «...», — заявил X.
FOREIGN_SPEECH_VERBS = frozenset(
    """
    sagte sagt sagten erklärte erklärt betonte betont meinte warnte kritisierte schrieb
    ergänzte fügte teilte berichtete berichtet berichteten
    заявил заявила заявили сказал сказала сказали сообщил сообщила сообщили сообщило
    отметил отметила подчеркнул подчеркнула добавил добавила пояснил пояснила написал
    написала ответил ответила ответили ответило
    """.split()
)
# Verbs by which a body or person in a German or Russian sentence's subject denies, confirms
# or calls something ("Министерство обороны опровергло ...", "Die Reederei hat ...
# zurückgewiesen"): Russian past forms, German past participles (after "hat"/"haben").
FOREIGN_CLAIM_VERBS = frozenset(
    """
    опроверг опровергла опровергло опровергли отверг отвергла отвергло отвергли назвал
    назвала назвало назвали подтвердил подтвердила подтвердило подтвердили
    zurückgewiesen dementiert bestritten bestätigt erklärt mitgeteilt berichtet angekündigt
    geschrieben behauptet
    """.split()
)
# Adverbs that open a German sentence before its subject ("Auch ein Sprecher erklärte"), and
# "wie" ("Wie die Regierung erklärte auch ...": a comparison) after which no subject is taken.
GERMAN_OPENERS = frozenset("auch zudem ebenso außerdem ausserdem zuvor ferner".split())
# Endings of a German noun that names someone by what they do ("Regierungssprecher",
# "Grünen-Abgeordnete"): capitalised like a name, but a role.
GERMAN_ROLE_ENDINGS = (
    "sprecher", "sprecherin", "minister", "ministerin", "politiker", "politikerin",
    "abgeordnete", "abgeordneter", "präsident", "präsidentin", "chef", "chefin", "leiter",
    "leiterin", "kanzler", "kanzlerin", "direktor", "direktorin", "experte", "expertin",
    "vorsitzende", "vorsitzender", "sekretär", "sekretärin", "botschafter", "botschafterin",
)  # fmt: skip
# Whom one tells in German and Russian copy ("sagte dem Sender", "сказал журналистам"): not
# part of the speaker.
FOREIGN_AUDIENCE_WORDS = frozenset(
    """
    журналистам репортерам репортёрам корреспонденту изданию агентству телеканалу
    dem der den zeitung sender reportern journalisten
    """.split()
)
# Prepositions that open what follows a German or Russian speaker (to whom, when, in answer
# to what): "sagte Maier am Dienstag", "ответили в ведомстве на запрос RTVI".
FOREIGN_ADJUNCT_WORDS = frozenset("на по для после перед am im bei gegenüber nach vor auf".split())
# Locative prepositions before a body that speaks impersonally: "ответили во внешнеполитическом
# ведомстве" ("they answered at the foreign ministry"), "hieß es im Ministerium".
FOREIGN_AT_WORDS = frozenset("в во im in".split())
# Small German words no English line uses: a paragraph where they make a tenth of the words
# is German.
GERMAN_FUNCTION_WORDS = frozenset(
    "der die das und nicht ist sind ein eine einen dem des mit auf für von zu sagte wir ich "
    "sie es wird wurde hat haben auch dass über".split()
)
# Articles before a German speaker ("sagte die Abgeordnete X", "ein Sprecher").
GERMAN_ARTICLES = frozenset("der die das den dem des ein eine einer eines".split())
# "according to X" and "citing X" in German and Russian copy.
FOREIGN_ACCORDING = ("по словам", "по данным", "laut", "nach angaben")
FOREIGN_CITING = ("со ссылкой на", "unter berufung auf")

# Opening and closing quotation marks that always pair; straight quotes toggle.
OPEN_QUOTES = "“«„"
CLOSE_QUOTES = "”»"


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
}  # fmt: skip

# A German yes/no question opens with its finite verb ("Haben die USA ... gesprengt?"); a
# Russian one holds the particle "ли" or opens with no question word ("США взорвали ...?").
GERMAN_YES_NO_VERBS = frozenset(
    "hat haben hatte hatten ist sind war waren wird werden wurde wurden kann können konnte "
    "gibt gab stimmt soll sollen will wollen darf muss müssen".split()
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
