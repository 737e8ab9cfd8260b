"""Side labels: who takes the side, and one short sentence of theirs quoted whole or none."""

from __future__ import annotations

from retrieval.stance.labels import side_label
from retrieval.stance.store import PassageAnalysis, quotable_sentences
from retrieval.types import Hit, Passage, Source, Stance

LONG = (
    "The harbour authority said on Saturday that the report about the crane was wrong in every "
    "detail and that it would ask the newspaper to correct it at once."
)


def _side(
    *items: tuple[str, str | None, str, float], languages: tuple[str, ...] = ()
) -> tuple[list[Hit], list[PassageAnalysis]]:
    hits, analyses = [], []
    for i, (text, speaker, outlet, denial) in enumerate(items):
        passage = Passage(f"p{i}", f"a{i}", text, 0, len(text), speaker=speaker)
        language = languages[i] if languages else None
        hits.append(Hit(passage, Source(f"a{i}", outlet, language=language), 0.5))
        analyses.append(PassageAnalysis((), tuple((s, denial) for s in quotable_sentences(text))))
    return hits, analyses


class TestSideLabel:
    def test_names_without_roles_and_the_plainest_short_denial_quoted(self) -> None:
        hits, analyses = _side(
            (LONG, "Lina Orsk, port spokeswoman", "Tesk Post", 0.6),
            ('"There was no sale," said Lina Orsk.', "Lina Orsk, port spokeswoman", "Daily", 0.9),
            ("The mayor called the story false.", None, "Harbour Daily, Valley Wire", 0.7),
        )
        label = side_label(Stance.DENIES, hits, analyses)
        assert label == "Denied by Lina Orsk and Harbour Daily: “There was no sale”"

    def test_whoever_is_quoted_is_named_first(self) -> None:
        """'Denied by Northline Radio and Anders Holm: “That is pure invention”' put one man's
        words under another's name."""
        hits, analyses = _side(
            ("No guest was on board that week, Holm said.", "Anders Holm", "Valden Daily", 0.4),
            ('"That is pure invention," said Piet Vandermeer.', "Piet Vandermeer", "Radio", 0.9),
        )
        label = side_label(Stance.DENIES, hits, analyses)
        assert label == "Denied by Piet Vandermeer and Anders Holm: “That is pure invention”"

    def test_an_unverified_speaker_is_not_named_the_outlet_is(self) -> None:
        hits, analyses = _side(('"There was no sale," she said.', "Lina Orsk", "Tesk Post", 0.9))
        guessed = Passage(
            "p0", "a0", hits[0].passage.text, 0, 30, speaker="Lina Orsk", verified=False
        )
        hits = [Hit(guessed, hits[0].source, 0.5)]
        assert (
            side_label(Stance.DENIES, hits, analyses) == "Denied by Tesk Post: “There was no sale”"
        )

    def test_a_long_sentence_is_never_cut_the_label_names_who_alone(self) -> None:
        hits, analyses = _side((LONG, "Lina Orsk, port spokeswoman", "Tesk Post", 0.9))
        assert side_label(Stance.DENIES, hits, analyses) == "Denied by Lina Orsk"

    def test_many_names_end_in_a_count_and_a_question_is_not_a_claim(self) -> None:
        hits, analyses = _side(
            ("Did the port sell its crane?", None, "Tesk Times", 0.0),
            ("The port sold its crane in April.", "Ada Lund", "Tesk Courier", 0.0),
            ("Workers saw the crane cut up.", "dock workers", "Tesk Courier", 0.0),
            ("The dealer paid cash.", "Per Brannock", "Valley Wire", 0.0),
            ("Heritage groups protested.", "Tesk Heritage Trust", "Valley Wire", 0.0),
        )
        label = side_label(Stance.ASSERTS, hits, analyses)
        assert label == (
            "Reported by Ada Lund, Tesk Times, dock workers and 2 more: "
            "“The port sold its crane in April.”"
        )

    def test_a_sentence_that_opens_inside_a_quotation_quotes_its_words_not_the_gap(self) -> None:
        """The passage's sentence split leaves 'No such sale," he said, ... as "a lie".': the
        label quotes the speaker's words, never what lies between two quotations."""
        text = (
            '"There was no such sale, none at all," Orsk told reporters, and the mayor '
            'called the story "a lie".'
        )
        hits, analyses = _side((text, "Lina Orsk, port spokeswoman", "Tesk Post", 0.9))
        assert side_label(Stance.DENIES, hits, analyses) == (
            "Denied by Lina Orsk: “There was no such sale, none at all”"
        )

    def test_the_label_quotes_the_language_of_the_sides_best_passage(self) -> None:
        hits, analyses = _side(
            ('"There was no sale," said Lina Orsk.', "Lina Orsk", "Tesk Post", 0.8),
            ("„Das ist frei erfunden“, sagte Orsk.", "Lina Orsk", "Rundschau", 0.9),
            languages=("en", "de"),
        )
        label = side_label(Stance.DENIES, hits, analyses)
        assert label == "Denied by Lina Orsk: “There was no sale”"

    def test_only_a_passages_first_statement_is_its_claim(self) -> None:
        """A passage whose first sentence is too long to quote gives no label quote of a later
        one (often a detail); the next passage's first statement may give it."""
        long_first = (
            "The gateway that the contractor runs for the trust was used to copy records "
            "between 9 and 26 September, the documents show. The monitoring flagged it."
        )
        hits, analyses = _side((long_first, None, "Tesk Courier", 0.0))
        assert side_label(Stance.ASSERTS, hits, analyses) == "Reported by Tesk Courier"
        hits, analyses = _side(
            (long_first, None, "Tesk Courier", 0.0),
            ("Is the gateway safe? The port sold its crane in April.", "Ada Lund", "Post", 0.0),
        )
        assert side_label(Stance.ASSERTS, hits, analyses) == (
            "Reported by Ada Lund and Tesk Courier: “The port sold its crane in April.”"
        )

    def test_a_sentence_cut_at_an_abbreviation_is_not_quoted(self) -> None:
        hits, analyses = _side(("The mayor said the crane went to the U.S.", None, "Post", 0.0))
        assert side_label(Stance.ASSERTS, hits, analyses) == "Reported by Post"
        hits, analyses = _side(("The talks went on until 3 a.m.", None, "Post", 0.0))
        assert side_label(Stance.ASSERTS, hits, analyses) == (
            "Reported by Post: “The talks went on until 3 a.m.”"
        )
