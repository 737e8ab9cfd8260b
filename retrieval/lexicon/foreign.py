"""Word lists for German and Russian attribution that the first foreign lists (in
``attribution.py``) lacked: more of the verbs news copy signs a quotation with, the
frames that credit a source, pronouns, and the common nouns that stand for an outlet or a
person named earlier. Words as written (inflected forms), lower case unless a comment says
otherwise; ``retrieval.attribution.foreign`` and ``foreign_names`` read them.
"""

# Verbs that sign a quotation or report speech beyond FOREIGN_SPEECH_VERBS: the past and
# present forms German and Russian news copy uses after a quotation ("…“, versicherte X";
# «…», — уточнил X) or before reported speech ("X räumte ein, ...").
MORE_FOREIGN_SPEECH_VERBS = frozenset(
    """
    versicherte versichert räumte entgegnete antwortete antwortet kommentierte unterstrich
    bestätigte bestätigt mitteilte sagten erklärten betonten fügt ergänzt meint warnt
    уточнил уточнила уточнили признал признала признался призналась заверил заверила
    рассказал рассказала рассказали пояснили отметили подчеркнули добавили заявило
    говорит говорят считает сообщает сообщают пишет пишут констатировал констатировала
    утверждает утверждают утверждал утверждала утверждало behauptet behauptete
    """.split()
)
# German adverb that signs a quotation with no verb at all: "„…“, so Roth."
QUOTE_SIGN_ADVERBS = frozenset(["so"])
# Finite verbs by which a subject denies, confirms or calls something, beside the past
# participles of FOREIGN_CLAIM_VERBS: "X bestreitet den Bericht", "X nannte ihn eine
# „Erfindung“", "X отрицает обвинения".
MORE_FOREIGN_CLAIM_VERBS = frozenset(
    """
    bestreitet bestreiten bestritt bestritten weist weisen wies wiesen nannte nannten nennt
    bezeichnete bezeichnet dementierte dementiert widersprach widerspricht
    отрицает отрицают отрицал отрицала отрицали отвергает отвергают опровергает опровергают
    называет называют
    """.split()
)
# Pronouns that sign a quotation for the speaker named before: "— добавил он", "sagte sie".
FOREIGN_PRONOUNS = frozenset("он она они er sie".split())
# "X zufolge" (German puts the preposition after its noun) and "Как сообщил X, ..." / "Wie X
# mitteilte, ...": how a clause is credited to X in front of it.
GERMAN_POSTPOSED_ACCORDING = "zufolge"
FOREIGN_AS_WORDS = frozenset(["как", "wie"])
# Stems of the common nouns that stand for an outlet ("по данным издания", "laut dem Blatt"):
# the speaker is the outlet the article named with such a noun before ("сайт Counterpace",
# "das Portal Veltpress"). Stems, so that every case form matches; lower case.
MEDIA_NOUN_STEMS = (
    "издани", "газет", "журнал", "сайт", "портал", "агентств", "телеканал", "редакци",
    "zeitung", "blatt", "blattes", "portal", "magazin", "sender", "agentur", "redaktion",
)  # fmt: skip
# Russian case endings of nouns and surnames (longest first): "Весновскому", "Горина",
# "гонщика" are "Весновский", "Горин", "гонщик" once the ending goes.
RUSSIAN_ENDINGS = (
    "ого", "ому", "ыми", "ими", "ой", "ым", "им", "ом", "ем", "ая", "ую", "ий", "ый",
    "а", "у", "е", "ы", "и", "ю", "я",
)  # fmt: skip
# Stems of the common nouns that stand for a person ("по словам гонщика", "laut dem Fahrer"):
# the speaker is the person the article gave that role, or the one it is about. A body
# ("министерства", "der Polizei") is in neither list and stays as written, unverified.
PERSON_NOUN_STEMS = (
    "гонщик", "спортсмен", "министр", "тренер", "директор", "представител", "секретар",
    "депутат", "адвокат", "эксперт", "врач", "руководител", "спикер", "сотрудник", "игрок",
    "чиновник", "собеседник", "президент", "премьер", "мэр", "вице-", "губернатор", "прокурор",
    "сенатор", "судь", "глав",
    "fahrer", "sportler", "trainer", "anwalt", "anwält", "arzt", "ärzt", "spieler",
)  # fmt: skip
# Whom a Russian quotation was told to, beside FOREIGN_AUDIENCE_WORDS ("— рассказал нашему
# изданию фермер ...", "сказал газете"): datives before the speaker, not part of it.
MORE_FOREIGN_AUDIENCE_WORDS = frozenset("нашему нашей нашим газете журналу сайту радио".split())
# Russian pronouns and demonstratives that open an object set before the verb ("Клуб эти
# сведения отвергает", "Руководство треста всё отрицает"): the subject ends before them.
RUSSIAN_OBJECT_OPENERS = frozenset(
    "это эти этот эту этого этих то те ту всё все его её ее их ничего ничто".split()
)
# Adverbs written between a subject and its verb ("Региональный минздрав также отверг",
# "Orlander selbst sagte"): not part of who speaks.
SUBJECT_ADVERBS = frozenset(
    "также тоже уже ранее вновь ещё еще официально selbst ebenfalls jedoch dagegen hingegen "
    "indes nun inzwischen".split()
)
# Capitalised words that open a German or Russian sentence and are never a first name:
# "Laut Lindqvist", "По словам", "Dem Ministerium" are no "first name, surname".
CAPITALISED_NOT_NAMES = frozenset(
    "по как в во на и но а laut nach wie auch dem der die das den des ein eine einem einer "
    "mit von für bei zu am im so".split()
)
