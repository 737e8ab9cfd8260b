"""German and Russian speakers on any story, and common nouns as speakers (issue 18):
quotations with a full stop inside signed after them, the frames German and Russian news
copy credits a source with, inflected Russian surnames given in the nominative, a pronoun
signing a quotation, and "по данным издания" / "the rider said": resolved to who the article
named for them, and marked unverified, or marked unverified when nobody was named. Every
article here is our own, invented."""

from __future__ import annotations

from retrieval.attribution import attribute_passages, find_attributions
from retrieval.attribution.foreign_names import russian_stem, sentence_spans
from retrieval.types import Passage


def said_by(text: str, words: str) -> list[str | None]:
    """The speakers of the attributions whose content holds the start of ``words``."""
    at = text.index(words)
    return [a.speaker for a in find_attributions(text) if a.content_start <= at < a.content_end]


def passage(text: str, words: str) -> Passage:
    """The one-passage attribution of ``words`` (a span of ``text``)."""
    start = text.index(words)
    p = Passage("p1", "a1", words, start, start + len(words))
    return attribute_passages(text, [p])[0]


GERMAN = (
    "Hafenchef weist Vorwürfe zurück\n\n"
    "Der Hafendirektor Henrik Lindqvist hat die Vorwürfe gegen die Hafenbehörde "
    "zurückgewiesen. „Das ist erfunden. Kein Schiff wurde umgeleitet“, sagte Lindqvist im "
    "Gespräch mit dem Küstenboten.\n\n"
    "Die Wochenzeitung Brandung hatte am Freitag berichtet, Frachter seien nachts umgeleitet "
    "worden. Laut dem Blatt liegen ihr Funkprotokolle vor.\n\n"
    "„Wir haben nichts zu verbergen“, so Lindqvist.\n\n"
    "Laut Lindqvist liegen alle Logbücher der Wasserschutzpolizei vor.\n\n"
    "Der Wasserschutzpolizei zufolge wurden keine Unregelmäßigkeiten festgestellt.\n\n"
    "Nach Angaben von Lindqvist wird der Hafen am Montag wieder voll betrieben.\n\n"
    "Auch Hafensprecherin Maren Tolk bestreitet den Bericht. Sie nannte ihn eine "
    "„Räuberpistole“.\n\n"
    "Wie die Stadtverwaltung mitteilte, soll ein Gutachter die Protokolle prüfen.\n\n"
    "Tolk sagte, der Hafen habe nichts zu verbergen. „Jeder darf die Logbücher lesen. Es "
    "fehlt keine Seite.“\n"
)

RUSSIAN = (
    "Директор порта Пётр Дроздов: «Это выдумка»\n\n"
    "Директор порта Пётр Дроздов опроверг публикацию, которую выпустила газета «Прибрежный "
    "вестник». По данным издания, суда ночью меняли курс.\n\n"
    "«Ничего такого не было. Все суда шли по графику», — сказал Дроздов «Вечернему порту».\n\n"
    "«Журналы доступны любому проверяющему», — добавил он.\n\n"
    "По словам Дроздова, проверка займёт неделю. Дроздову 52 года, порт он возглавляет "
    "шестой год.\n\n"
    "Как сообщил заместитель директора Илья Рожков, записи радиосвязи уже переданы в "
    "прокуратуру.\n\n"
    "По данным ведомства, нарушений пока не найдено.\n"
)


class TestSentences:
    def test_a_quotation_with_a_full_stop_inside_is_one_sentence(self) -> None:
        block = "„Das ist erfunden. Kein Schiff wurde umgeleitet“, sagte er. Danach ging er."
        spans = sentence_spans(block)
        assert spans is not None
        assert [block[s:e] for s, e in spans] == [
            "„Das ist erfunden. Kein Schiff wurde umgeleitet“, sagte er.",
            "Danach ging er.",
        ]

    def test_a_sentence_ends_where_a_quotation_closes_on_a_full_stop(self) -> None:
        block = "«Всё в порядке.» Потом он ушёл."
        assert sentence_spans(block) == [(0, 16), (17, len(block))]

    def test_unpaired_quotation_marks_give_no_cut(self) -> None:
        assert sentence_spans("„Das ist erfunden. Kein Schiff.") is None

    def test_russian_case_endings_go(self) -> None:
        assert russian_stem("Дроздову") == russian_stem("Дроздова") == "Дроздов"
        assert russian_stem("Tolk") == "Tolk"


class TestGerman:
    def test_a_quotation_with_a_full_stop_signed_after_it(self) -> None:
        assert said_by(GERMAN, "Das ist erfunden") == ["Henrik Lindqvist, Hafendirektor"]

    def test_so_signs_a_quotation(self) -> None:
        assert said_by(GERMAN, "Wir haben nichts zu verbergen") == [
            "Henrik Lindqvist, Hafendirektor"
        ]

    def test_laut_without_a_comma_credits_the_name_and_not_the_clause(self) -> None:
        at = GERMAN.index("Laut Lindqvist")
        (found,) = [a for a in find_attributions(GERMAN) if a.content_start >= at][:1]
        assert found.speaker == "Henrik Lindqvist"
        assert GERMAN[found.content_start :].lstrip().startswith("liegen alle Logbücher")

    def test_zufolge_and_nach_angaben_von(self) -> None:
        assert said_by(GERMAN, "wurden keine Unregelmäßigkeiten") == ["Wasserschutzpolizei"]
        assert said_by(GERMAN, "wird der Hafen am Montag") == ["Henrik Lindqvist"]

    def test_a_subject_that_denies_or_calls(self) -> None:
        assert said_by(GERMAN, "den Bericht. Sie") == ["Maren Tolk, Hafensprecherin"]

    def test_a_pronoun_subject_is_the_speaker_before_and_unverified(self) -> None:
        p = passage(GERMAN, "Sie nannte ihn eine „Räuberpistole“.")
        assert (p.speaker, p.verified) == ("Maren Tolk, Hafensprecherin", False)

    def test_a_quotation_alone_is_its_paragraphs_one_speaker_unverified(self) -> None:
        p = passage(GERMAN, "„Jeder darf die Logbücher lesen. Es fehlt keine Seite.“")
        assert (p.speaker, p.verified) == ("Maren Tolk, Hafensprecherin", False)

    def test_wie_x_mitteilte(self) -> None:
        assert said_by(GERMAN, "soll ein Gutachter") == ["Stadtverwaltung"]

    def test_the_paper_is_the_outlet_named_before_and_unverified(self) -> None:
        assert said_by(GERMAN, "liegen ihr Funkprotokolle vor") == ["Brandung"]
        p = passage(GERMAN, "Laut dem Blatt liegen ihr Funkprotokolle vor.")
        assert (p.speaker, p.speaker_basis, p.verified) == ("Brandung", "coreference", False)

    def test_a_named_speaker_stays_verified(self) -> None:
        p = passage(GERMAN, "„Wir haben nichts zu verbergen“, so Lindqvist.")
        assert p.verified is True


class TestRussian:
    def test_a_quotation_signed_after_it_names_the_speaker_not_the_outlet(self) -> None:
        # the outlet in quotation marks after the name is whom he told
        assert said_by(RUSSIAN, "Ничего такого не было") == ["Пётр Дроздов"]

    def test_a_pronoun_signs_for_the_speaker_before_and_is_unverified(self) -> None:
        words = "«Журналы доступны любому проверяющему», — добавил он."
        p = passage(RUSSIAN, words)
        assert (p.speaker, p.verified) == ("Пётр Дроздов", False)

    def test_an_inflected_surname_is_the_full_name(self) -> None:
        assert said_by(RUSSIAN, "проверка займёт неделю") == ["Пётр Дроздов"]

    def test_kak_soobshchil(self) -> None:
        assert said_by(RUSSIAN, "записи радиосвязи") == ["Илья Рожков, заместитель директора"]

    def test_the_publication_is_the_paper_named_before(self) -> None:
        p = passage(RUSSIAN, "По данным издания, суда ночью меняли курс.")
        assert (p.speaker, p.verified) == ("Прибрежный вестник", False)

    def test_the_publication_as_a_subject_is_the_paper_named_before(self) -> None:
        text = (
            "Журнал «Северный взгляд» опубликовал расследование о закупках больницы.\n\n"
            "Издание утверждает, что цены на оборудование были завышены вдвое.\n"
        )
        p = passage(text, "Издание утверждает, что цены на оборудование были завышены вдвое.")
        assert (p.speaker, p.verified) == ("Северный взгляд", False)

    def test_a_body_nobody_named_stays_as_written_and_unverified(self) -> None:
        p = passage(RUSSIAN, "По данным ведомства, нарушений пока не найдено.")
        assert (p.speaker, p.verified) == ("ведомства", False)

    def test_the_rider_is_the_person_the_article_is_about(self) -> None:
        text = (
            "Гонщица Алина Сверчкова выиграла этап. Сверчкова ехала в отрыве сорок километров, "
            "Сверчковой помогал ветер.\n\n"
            "По словам спортсменки, она не ожидала победы.\n"
        )
        p = passage(text, "По словам спортсменки, она не ожидала победы.")
        assert (p.speaker, p.verified) == ("Алина Сверчкова", False)


class TestCommonNouns:
    def test_the_rider_said_with_nobody_named_is_unverified(self) -> None:
        text = (
            "Five riders of the Osprey team were tested on Monday.\n\n"
            "The rider said he had never taken anything banned.\n"
        )
        p = passage(text, "The rider said he had never taken anything banned.")
        assert p.speaker is not None and p.verified is False

    def test_a_team_rejecting_a_report_and_he_said_still_hold(self) -> None:
        text = (
            "The Osprey team on Monday rejected a media report that its riders had been given "
            "banned injections. Team spokesman Lars Fenn was blunt.\n\n"
            '"That is pure invention," he said.\n'
        )
        team = passage(text, text.split("\n\n")[0])
        assert team.speaker is not None and "Osprey" in team.speaker
        quote = passage(text, '"That is pure invention," he said.')
        assert quote.speaker is not None and "Lars Fenn" in quote.speaker


def test_unnamed_sources_a_named_outlet_relays_are_not_marked_unverified() -> None:
    text = (
        "The Vell Courier, citing its own diplomatic sources, said the minister would resign "
        "in May.\n\nThe rider said the camp was quiet."
    )
    relayed = passage(text, "The Vell Courier, citing its own diplomatic sources")
    assert relayed.speaker is not None and "via" in relayed.speaker
    assert relayed.verified is True
    bare = passage(text, "The rider said the camp was quiet.")
    assert (bare.speaker, bare.verified) == ("rider", False)


def test_reported_words_signed_at_their_end_and_the_quotation_after_them() -> None:
    """ "Man habe es erst aus der Zeitung erfahren, sagte Lindqvist." reports his words with no
    quotation marks; the quotation standing alone after it in the paragraph is his too."""
    text = (
        "Hafen prüft Vorwürfe\n\n"
        "Der Hafendirektor Henrik Lindqvist hat die Vorwürfe zurückgewiesen. Von den "
        "Funkprotokollen habe man erst aus der Zeitung erfahren, sagte Lindqvist. „In unseren "
        "Unterlagen steht davon kein einziges Wort.“\n"
    )
    names = [said_by(text, w) for w in ("Von den Funkprotokollen", "„In unseren Unterlagen")]
    assert names == [["Henrik Lindqvist, Hafendirektor"]] * 2
    russian = "Суда шли по графику, — сказал Дроздов.\n"
    assert said_by(russian, "Суда шли") == ["Дроздов"]


def test_a_pronoun_signing_with_more_words_after_it_is_the_last_speaker_or_nobody() -> None:
    """ "„…“, sagte er mit Blick auf die Protokolle" is signed by "er", not by a name made
    of the words after it ("Blick, er mit")."""
    text = (
        "Tolk sagte, der Hafen habe nichts zu verbergen. „Es fehlt keine Seite“, sagte sie mit "
        "Blick auf die Logbücher.\n"
    )
    assert said_by(text, "„Es fehlt keine Seite“") == ["Tolk"]
    alone = "„Es fehlt keine Seite“, sagte sie mit Blick auf die Logbücher.\n"
    assert all(s is None or "Blick" not in s for s in said_by(alone, "„Es fehlt"))


def test_a_russian_object_before_the_verb_is_not_part_of_the_subject() -> None:
    """ "Клуб эти сведения отвергает" (the club rejects this information): Russian may set
    the object before the verb; the subject ends where a pronoun or demonstrative opens it."""
    text = (
        "Клуб эти сведения отвергает. «Отчёт ложен», — говорится в заявлении.\n\n"
        "Руководство порта всё отрицает.\n"
    )
    speakers = [a.speaker for a in find_attributions(text)]
    assert "Клуб" in speakers and "Руководство порта" in speakers
    assert not any(s and ("сведения" in s or "всё" in s) for s in speakers)


def test_a_russian_audience_in_quotes_before_the_name_that_signs() -> None:
    """ "«…», — сказала «Вестнику Залива» Ольга Ветрова, председатель ...": the outlet in
    quotes between the verb and the name is whom she told, and the name after a verb is all
    name (not "Ветрова, Ольга", as if "Ольга" were her role)."""
    text = (
        "Пассажиры требуют ответа\n\n"
        "«Мы плаваем этим паромом каждый день, а узнаём всё из газет», — сказала «Вестнику "
        "Залива» Ольга Ветрова, председатель союза пассажиров, в котором около 300 человек.\n\n"
        "«Проверки шли по графику», — заявил Иван Петров.\n\n"
        "Олег Белов, директор агентства «Залив-Тур», рассказал «Вестнику Залива», что билеты "
        "сдали двести пассажиров.\n"
    )
    assert said_by(text, "«Мы плаваем") == ["Ольга Ветрова"]
    assert said_by(text, "«Проверки шли") == ["Иван Петров"]
    # an agency's name in quotes is no quotation, and what follows the outlet no name
    assert said_by(text, "билеты сдали") == ["Олег Белов, директор агентства «Залив-Тур»"]


def test_a_russian_pronoun_stands_for_the_person_its_paragraph_just_named() -> None:
    """ "Капитан парома Игорь Сомов ... попросил пассажиров не паниковать. «…», — сказал он":
    "он" is the captain just named, not the company's spokesman two paragraphs back; in a
    paragraph where someone already spoke, it is that speaker."""
    text = (
        "Паромщики отвергают обвинения\n\n"
        "«Мы ничего не скрывали», — заявил представитель компании.\n\n"
        "Капитан парома Игорь Сомов, проработавший на линии двадцать лет, попросил пассажиров "
        "не паниковать. «Мы, моряки, не подписываем отчёты о проверках», — сказал он.\n\n"
        "«Всё исправлено», — сказал механик Олег Белов. Паром «Северная Звезда» вернулся в порт. "
        "«Замена прошла в июне», — добавил он.\n"
    )
    assert said_by(text, "«Мы, моряки") == ["Игорь Сомов"]
    assert said_by(text, "«Замена прошла") == ["Олег Белов, механик"]


def test_a_german_pronoun_stands_for_the_person_its_paragraph_just_named() -> None:
    """ "Der Seerechtler Jürgen Mahlke hält ... „…“, sagte er. „…“": the lawyer just named,
    not the operator whose denial opened the paragraph before; a paragraph whose nouns name
    nobody ("Die Kommission tagt am Montag") leaves "sie" to the name before them."""
    text = (
        "Der Betreiber Nordfähre weist den Bericht zurück.\n\n"
        "Die Prüfgesellschaft prüft rund 40 Schiffe. Der Seerechtler Jürgen Mahlke hält die "
        "Darstellung für plausibel. „Ein Bericht beschreibt, was an einem Tag zu sehen war“, "
        "sagte er. „Was der Reeder danach macht, steht in keinem Bericht.“\n\n"
        "Die Sprecherin der Behörde, Anna Berg, äußerte sich am Abend. Die Kommission tagt am "
        "Montag. „Wir warten ab“, sagte sie.\n"
    )
    assert said_by(text, "„Ein Bericht") == ["Seerechtler Jürgen Mahlke"]
    assert said_by(text, "„Was der Reeder") == ["Seerechtler Jürgen Mahlke"]
    assert said_by(text, "„Wir warten") == ["Anna Berg"]
