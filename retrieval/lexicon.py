"""Word lists for attribution: reporting verbs, roles, media and organisation nouns.

Lemmas are lowercase spaCy lemmas. The speech verbs follow the brief and the cues that
PolNeAR's annotators marked most often in its train split (said, told, added, wrote, noted,
according to, ...); denials (refute, reject, dismiss, deny) are listed because common quote
extractors miss them.
"""

from __future__ import annotations

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
    acknowledge brief announce proclaim lash slam blast attack defend condemn denounce
    welcome hail applaud reject rebuff rebut disavow concur clarify elaborate specify cite
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

# Feelings reported with a that-clause ("disappointed that ...", "concerned that ...").
FEELING_WORDS = frozenset(
    """
    disappoint disappointed concern concerned worry worried confident convinced sure certain
    adamant optimistic pessimistic hopeful skeptical sceptical alarm alarmed frustrate
    frustrated upset angry satisfied pleased happy glad sorry regret regretful aware
    """.split()
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
    prince monarch pope cardinal bishop emir sheikh governor-general secretary-general
    """.split()
)

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

# Who never counts as a source: comments are not claims made in the article.
NEVER_SPEAKERS = frozenset({"reader", "commenter", "commentor"})

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
GROUP_PRONOUNS = frozenset({"they", "them"})
THING_PRONOUNS = frozenset({"it"})
FIRST_PERSON = frozenset({"i", "we", "me", "us", "you", "myself", "ourselves"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})

# Words that add nothing when matching a role phrase to a person.
ROLE_STOPWORDS = frozenset(
    "the a an of for at in on and to its his her their our this that s 's ’s former new "
    "acting senior top deputy chief".split()
)

# Opening and closing quotation marks that always pair; straight quotes toggle.
OPEN_QUOTES = "“«„"
CLOSE_QUOTES = "”»"
