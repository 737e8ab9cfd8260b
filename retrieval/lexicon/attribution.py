"""Attribution's word lists: verbs, nouns, who can speak, names and titles, pronouns,
function words and layout, German and Russian news copy (see ``retrieval/lexicon``)."""

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

# Verbs that say what post someone holds, in a relative clause after their name: "Edda
# Fennick, who chairs the Patients' Forum", "Milo Farkasz, who leads the refinery's branch of
# the union" (the clause is their role, as "chair of the Patients' Forum" would be).
POST_VERBS = frozenset(
    "chair head lead run direct represent manage coach edit found own command oversee".split()
)

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
    prince monarch pope cardinal bishop emir sheikh governor-general secretary-general principal
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

# Last words of street and place names ("Keel Lane", "Harbour Road"): a place, never a person,
# whatever the NER says.
STREET_NAME_WORDS = frozenset(
    "street road lane avenue square boulevard quay terrace crescent alley embankment".split()
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

# Roles whose holder speaks for a body: "a team spokesman" gives the team's words.
SPEAKS_FOR_ROLES = frozenset({"spokesman", "spokeswoman", "spokesperson", "spokespeople"})
# The officers who speak for a company, a team or a body named just before ("Kestrel Mobile
# has demanded an audit. 'We will not ...,' chief executive Bertil Amsel said"), and the
# words that qualify them ("chief", "deputy", "press"); a role that names a body by its name
# ("Stellbrook spokeswoman") speaks for that one.
OFFICER_ROLES = SPEAKS_FOR_ROLES | frozenset(
    "executive ceo chairman chairwoman chair president director head founder principal "
    "manager secretary owner boss".split()
)
OFFICER_QUALIFIERS = frozenset("chief deputy vice press managing general".split())
# Common nouns for a body in an officer's role ("company spokeswoman Mira Dantes"): the body
# the paragraph before names, unless that one is called otherwise ("the water board" is no
# "council").
BODY_NOUNS = frozenset(
    "company firm group team club party ministry agency council board union office "
    "department".split()
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
    revealed explained explainer investigation interview factcheck fact-check
    """.split()
)

# -- German and Russian news copy (the English parser reads them as noise) -------------

# Verbs that sign a quotation in German and Russian copy: „...“, sagte X; «...», — заявил X.
FOREIGN_SPEECH_VERBS = frozenset(
    """
    sagte sagt sagten erklärte erklärt betonte betont meinte warnte kritisierte schrieb
    ergänzte fügte teilte berichtete berichtet berichteten bekräftigte bekräftigt
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
    назвала назвало назвали подтвердил подтвердила подтвердило подтвердили рассказал рассказала
    zurückgewiesen dementiert bestritten bestätigt erklärt mitgeteilt berichtet angekündigt
    geschrieben behauptet bezeichnet
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
    "führer", "führerin", "meister", "meisterin", "vertreter", "vertreterin", "vorstand",
    "vorständin",
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
FOREIGN_ACCORDING = (
    "по словам", "по данным", "по сведениям", "по информации", "laut", "nach angaben von",
    "nach angaben",
)  # fmt: skip
FOREIGN_CITING = ("со ссылкой на", "unter berufung auf")

# Opening and closing quotation marks that always pair; straight quotes toggle.
OPEN_QUOTES = "“«„"
CLOSE_QUOTES = "”»"
