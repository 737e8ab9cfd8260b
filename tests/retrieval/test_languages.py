"""Passages and questions in German and Russian: read by their own words, not the English parse."""

from __future__ import annotations


class TestOtherLanguages:
    """German and Russian passages are read by their denial words, not by the English parse."""

    def test_german_and_russian_denials_are_found_by_their_words(self) -> None:
        from retrieval.stance.store import analyse_passages

        texts = [
            "„Es gab keinen Verkauf, das ist frei erfunden“, sagte Sprecherin Lina Orsk.",
            "Der Kran wurde 1968 gebaut und steht seit dem Hochwasser still.",
            "В администрации порта назвали сообщение о продаже крана «нонсенсом».",
            "Кран построили в 1968 году.",
            "The harbour authority called the report completely untrue.",
        ]
        analyses = analyse_passages(texts, languages=["de", "de-AT", "ru", "ru", None])
        denial = [round(a.denial, 1) for a in analyses]
        assert denial[0] >= 0.6 and denial[2] >= 0.6 and denial[4] >= 0.6
        assert denial[1] == 0.0 and denial[3] == 0.0
        # a label may quote the German denial whole
        assert analyses[0].quotable[0][1] >= 0.6

    def test_yes_no_questions_in_german_and_russian(self) -> None:
        from retrieval.stance import is_yes_no

        assert is_yes_no("Hat die Hafenverwaltung den Kran verkauft?")
        assert is_yes_no("Продал ли порт кран?")
        assert is_yes_no("Порт продал кран?")
        assert not is_yes_no("Wer hat den Kran gekauft?")
        assert not is_yes_no("Когда построили кран?")
        assert not is_yes_no("When was the crane built?")

    def test_a_spoken_opener_does_not_hide_the_question_form(self) -> None:
        """ "so did the port sell the crane or is the paper making it up": a reader's "so",
        "and", "und", "а" opens the question without asking anything itself."""
        from retrieval.stance import is_yes_no

        assert is_yes_no("so did the port sell the crane or is the paper making it up")
        assert is_yes_no("And, is the Gazette right about the crane?")
        assert is_yes_no("Also, hat der Hafen den Kran verkauft?")
        assert not is_yes_no("so who bought the crane?")
        assert not is_yes_no("А кто купил кран?")  # a question word after "а": not yes/no
        assert not is_yes_no("Sodium levels: were they high?")  # no opener word


def test_a_name_is_in_no_language() -> None:
    """'What did Piet Vandermeer say?' was read as Dutch, and refused in an English corpus."""
    from retrieval.language import without_names

    assert without_names("What did Piet Vandermeer say?") == "What did say?"
    assert without_names("Was sagt Konzernchefin Dahlquist zu den Vorwürfen?") == (
        "Was sagt zu den"
    )
    assert without_names("Peskov?") == "Peskov?"  # nothing left to read: as it is
