"""The stance judge with the real MiniLM model and spaCy parse (no mocks); the sides of an
answer formed from invented candidates (no search); the analysis stored at ingest."""

from __future__ import annotations

import inspect
import json
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

import retrieval.stance.cues
import retrieval.stance.sides
from retrieval.stance import (
    Candidate,
    PassageAnalysis,
    RuleStanceJudge,
    Stance,
    StanceJudgement,
    StanceModelError,
    analyse_passages,
    denial_strength,
    find_anchor,
    form_sides,
)
from retrieval.stance.features import CLASSES, FNC1_CLASSES
from retrieval.stance.store import quotable_sentences, sentence_spans
from retrieval.types import Hit, Passage, Source

DATA = Path(__file__).resolve().parents[1] / "data"
ARTICLES = DATA / "stance_articles"

XI_REFUSED = (
    "Chinese leader Xi Jinping refused to come to Russia at the invitation of Russian President "
    "Vladimir Putin."
)
KREMLIN_QUOTE = (
    'The Kremlin spokesman told reporters, "No. This is not so. This is completely untrue. The '
    "fact is that certain COVID-19 restrictions continue to exist in China, and this is "
    'absolutely normal, and this should be treated with understanding."'
)
PESKOV_FALSE = (
    "On July 5, Kremlin spokesman Dmitry Peskov announced that media reports about Chinese "
    "President Xi Jinping's alleged refusal to visit Russia are false."
)
YOMIURI = (
    "According to the Japanese newspaper Yomiuri, citing its own diplomatic sources, the refusal "
    "was justified by the restrictions caused by the coronavirus."
)
NATO = (
    "At a NATO summit on June 28, NATO Secretary-General Jens Stoltenberg said the alliance "
    "needed to engage with Beijing on issues such as climate change."
)


@pytest.fixture(scope="module")
def judge() -> RuleStanceJudge:
    j = RuleStanceJudge()
    j.warm_up()
    return j


def _pairs() -> list[dict]:
    with open(DATA / "stance_pairs.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _pair_label(judgement: StanceJudgement) -> str:
    """The labelled pairs' names for a judgement (tests/data/stance_articles/README.md)."""
    if judgement.label == Stance.ASSERTS:
        return "same-side"
    if judgement.label == Stance.DENIES:
        return "opposite-side"
    return "unrelated"


class TestDenialStrength:
    @pytest.mark.parametrize(
        "text",
        [
            PESKOV_FALSE,
            "Kremlin refutes reports about Xi Jinping's denial to visit Russia at Putin's request",
            '"No. This is not so."',
            "The Kremlin spokesman said this was completely untrue.",
            "Northway Airlines rejected the report.",
            "The army denied that its forces were involved.",
            "Aster rejected the accusations as fabricated.",
            "Kessary Coal said the union's claims are baseless.",
            "There is no truth in these reports, the ministry said.",
            "The minister said her trip had nothing to do with the budget row.",
            "The company dismissed the story as fake.",
            "That is not true, the spokesman said.",
            # the event ruled out: "no such" what was reported, or "there was no" it in quotes
            '"There was no such meeting," the chief executive told the Gazette.',
            "There was no such sale.",
            '"There was no phone call," the spokeswoman said.',
            'The harbour master called the report "pure invention".',
            '"That is simply made up," the spokeswoman said.',
            "The company said the newspaper had made it all up.",
        ],
    )
    def test_denials_are_high(self, text: str) -> None:
        assert denial_strength(text) >= 0.7

    @pytest.mark.parametrize(
        "text",
        [
            XI_REFUSED,
            YOMIURI,
            "The Chinese leader allegedly declined Putin's invitation, according to media reports.",
            "Alder Air is in advanced talks to merge with rival Northway Airlines, the paper said.",
            "A drone struck the main hospital in Tarvel, killing four people, witnesses said.",
            "Shares in Northway rose 8 percent in morning trading after the report.",
            "The prime minister's office declined to comment on the report.",
            "Singer Marisol Vey has reportedly cancelled her European tour.",
            "Valley Wire could not independently verify the report.",
            "The Tesk Courier has not corroborated the account, which it said came from a docker.",
            "",
        ],
    )
    def test_reports_and_hedges_are_low(self, text: str) -> None:
        assert denial_strength(text) < 0.3

    @pytest.mark.parametrize(
        "text",
        [
            '"Absolute rubbish," the lawyer for the airline said.',
            '"Fantasy," the bid chairman said. "Total fantasy."',
            '"It is a pack of lies," he said.',
        ],
    )
    def test_a_dismissal_said_alone_denies(self, text: str) -> None:
        assert denial_strength(text) >= 0.5

    @pytest.mark.parametrize(
        "text",
        [
            "Council workers cleared rubbish from the beach on Sunday.",
            "The fiction prize went to Ada Lorne.",
            "The fantasy novel sold 40,000 copies.",
        ],
    )
    def test_a_falsity_word_used_for_a_thing_denies_nothing(self, text: str) -> None:
        assert denial_strength(text) < 0.3

    def test_negated_main_verb_is_in_between(self) -> None:
        assert 0.3 <= denial_strength("Minister Marrow has not resigned.") < 0.7

    def test_what_never_happens_in_a_relative_clause_is_no_denial_of_an_event(self) -> None:
        assert denial_strength('"It never happened," the spokesman said.') >= 0.7
        usual = 'He said the gate was open that night, "which never happens in a drought".'
        assert denial_strength(usual) < 0.6

    @pytest.mark.parametrize(
        "text",
        [
            "An army spokesman told the Courier that Ostrava was not involved in the blast.",
            "The ministry said Ostrava is not responsible for the flooding.",
            "Ostrava was not behind the attack on the dam, the envoy said.",
            '"We had no part in it," the mayor said.',
        ],
    )
    def test_denying_ones_part_in_the_event_denies(self, text: str) -> None:
        assert denial_strength(text) >= 0.6

    def test_not_part_of_a_thing_is_no_denial(self) -> None:
        assert denial_strength("The old mill is not part of the museum.") < 0.6
        assert denial_strength("Lenn was not at the meeting on Friday.") < 0.6

    def test_none_negates_its_verb(self) -> None:
        (cues,) = analyse_passages(["Lenn said he had met none of them at the port."])[0].sentences
        assert cues.denial >= 0.3 and "meet" in cues.negated
        assert denial_strength("None of the dock workers were hurt.") < 0.3

    @pytest.mark.parametrize(
        "text",
        [
            "No one was told to deceive the inspectors.",
            "Nobody was told to deceive the inspectors.",
            '"No one told the pilots to deceive the inspectors," she said.',
        ],
    )
    def test_no_one_and_nobody_negate_their_verb_active_or_passive(self, text: str) -> None:
        """What no one was told to do is negated, so a claim that they were is contradicted
        (a passive alone is no denial: "No one was hurt")."""
        (cues,) = analyse_passages([text])[0].sentences
        assert {"tell", "decei"} <= set(cues.negated)

    def test_made_up_of_or_made_up_ones_mind_is_no_denial(self) -> None:
        assert denial_strength("The board is made up of nine members.") < 0.3
        assert denial_strength("She made up her mind on Monday.") < 0.3

    def test_there_was_no_in_the_reporters_words_is_no_denial(self) -> None:
        assert denial_strength("There was no rain in the valley in August.") < 0.6

    def test_negated_denial_is_not_a_denial(self) -> None:
        assert denial_strength("The company did not deny the report.") < 0.3


class TestRuleStanceJudge:
    def test_kremlin_quote_disagrees_with_refusal(self, judge: RuleStanceJudge) -> None:
        [j] = judge.judge(XI_REFUSED, [KREMLIN_QUOTE])
        assert j.label == Stance.DENIES
        assert j.scores[Stance.DENIES] == max(j.scores.values())

    def test_seed_report_and_denial(self, judge: RuleStanceJudge) -> None:
        labels = [j.label for j in judge.judge(XI_REFUSED, [PESKOV_FALSE, YOMIURI, NATO])]
        assert labels[0] == Stance.DENIES
        assert labels[1] == Stance.ASSERTS
        assert labels[2] in (Stance.UNRELATED, Stance.DISCUSSES)

    def test_question_as_claim(self, judge: RuleStanceJudge) -> None:
        question = "Did Xi refuse Putin's invitation to visit Russia?"
        labels = [j.label for j in judge.judge(question, [PESKOV_FALSE, YOMIURI, NATO])]
        assert labels[:2] == [Stance.DENIES, Stance.ASSERTS]
        assert labels[2] not in (Stance.ASSERTS, Stance.DENIES)

    def test_denial_as_claim_agrees_with_other_denial(self, judge: RuleStanceJudge) -> None:
        first, second = judge.judge(PESKOV_FALSE, [KREMLIN_QUOTE, XI_REFUSED])
        assert first.label == Stance.ASSERTS
        assert second.label == Stance.DENIES

    def test_as_planned_contradicts_without_a_denial_word(self, judge: RuleStanceJudge) -> None:
        claim = (
            "Diplomatic sources said the Chinese leader told Putin it would be difficult to come "
            "to Russia in the near future."
        )
        passage = (
            "Putin has a valid invitation to visit China, and Xi Jinping to visit Russia. And as "
            "the weakening of these restrictions allows, all visits will, certainly, take place."
        )
        assert judge.judge(claim, [passage])[0].label == Stance.DENIES

    def test_resignation_denied(self, judge: RuleStanceJudge) -> None:
        claim = "Vesmark finance minister Ilse Marrow has resigned, newspaper says"
        denial = (
            'The finance ministry rejected the report within hours. "The report is untrue. '
            'Minister Marrow has not resigned," ministry spokesman Karel Dunst said.'
        )
        report = (
            "Citing two officials close to the government, the Courier said Marrow handed her "
            "resignation letter to Heller on Sunday evening."
        )
        labels = [j.label for j in judge.judge(claim, [denial, report])]
        assert labels == [Stance.DENIES, Stance.ASSERTS]

    def test_disputed_toll(self, judge: RuleStanceJudge) -> None:
        union = (
            "At least 31 miners were killed when a tunnel collapsed at the Dravo coal mine, the "
            "miners' union said."
        )
        governor = "Regional governor Petra Solvin said that nine miners had died in the collapse."
        company = (
            '"The union\'s claims are baseless. Nine of our colleagues lost their lives," the '
            "company said."
        )
        assert judge.judge(union, [governor])[0].label == Stance.DENIES
        assert judge.judge(governor, [company])[0].label == Stance.ASSERTS

    def test_no_comment_takes_no_side(self, judge: RuleStanceJudge) -> None:
        claim = "Alder Air is in advanced talks to merge with rival Northway Airlines."
        [j] = judge.judge(claim, ["Alder Air said it does not comment on market speculation."])
        assert _pair_label(j) == "unrelated"

    def test_other_story_is_unrelated(self, judge: RuleStanceJudge) -> None:
        other = (
            'The finance ministry rejected the report. "The report is untrue. Minister Marrow '
            'has not resigned," ministry spokesman Karel Dunst told reporters.'
        )
        weather = "Heavy rain is expected across the north of the country on Friday."
        labels = [j.label for j in judge.judge(XI_REFUSED, [other, weather])]
        assert labels == [Stance.UNRELATED, Stance.UNRELATED]

    def test_whole_body_is_judged(self, judge: RuleStanceJudge) -> None:
        body = (ARTICLES / "minister_resignation.txt").read_text(encoding="utf-8")
        related = judge.judge("Finance minister Ilse Marrow resigns", [body])
        unrelated = judge.judge("Zombie cat claws its way out of its grave", [body])
        assert related[0].label != Stance.UNRELATED
        assert unrelated[0].label == Stance.UNRELATED

    def test_judgement_shape(self, judge: RuleStanceJudge) -> None:
        out = judge.judge(XI_REFUSED, [PESKOV_FALSE, YOMIURI])
        assert len(out) == 2
        for j in out:
            assert isinstance(j, StanceJudgement)
            assert set(j.scores) == set(CLASSES)
            assert 0.0 <= j.confidence <= 1.0
            assert j.scores[j.label] == pytest.approx(j.confidence)
        assert judge.judge(XI_REFUSED, []) == []
        with pytest.raises(ValueError, match="empty"):
            judge.judge("  ", [YOMIURI])


class TestLabelledPairs:
    def test_accuracy_at_least_085(self, judge: RuleStanceJudge) -> None:
        rows = _pairs()
        assert len(rows) >= 40
        right = sum(_pair_label(judge.judge(r["a"], [r["b"]])[0]) == r["label"] for r in rows)
        assert right / len(rows) >= 0.85, f"{right}/{len(rows)}"

    def test_every_label_is_used(self) -> None:
        labels = {r["label"] for r in _pairs()}
        assert labels == {"same-side", "opposite-side", "unrelated"}


class TestLearnedModel:
    def test_broken_model_file_is_a_clear_error(self, tmp_path: Path) -> None:
        broken = tmp_path / "stance_model.json"
        broken.write_text("{not json", encoding="utf-8")
        with pytest.raises(StanceModelError, match="cannot load stance model"):
            RuleStanceJudge(model_path=broken).warm_up()

    def test_model_file_speaks_fnc1_and_the_judge_speaks_stance(
        self, judge: RuleStanceJudge
    ) -> None:
        model = judge.learned_model
        assert model is not None
        assert tuple(model.meta["classes"]) == FNC1_CLASSES
        probs = model.predict_proba(np.zeros((1, len(model.mean))))
        assert probs.shape == (1, len(CLASSES)) and probs.sum() == pytest.approx(1.0)
        assert all(isinstance(c, Stance) for c in CLASSES)


# --- the sides of an answer, from invented candidates and a judge that is told its labels ---

SOURCE = Source("a1", "Courier", published="2024-03-04")
OTHER_OUTLET = Source("a2", "Gazette")


class ToldJudge:
    """A stance judge that gives each passage the label it was told for it, whatever the claim
    (``(claim, text)`` pairs first, then text alone); it records what it was asked."""

    def __init__(self, labels: dict, default: Stance = Stance.DISCUSSES) -> None:
        self.labels = labels
        self.default = default
        self.calls: list[tuple[str, list[str], bool]] = []

    def judge(
        self,
        claim: str,
        passages: Sequence[str],
        cues: Sequence | None = None,
        claim_cues: Sequence | None = None,
    ) -> list[StanceJudgement]:
        self.calls.append((claim, list(passages), cues is not None))
        out = []
        for text in passages:
            label = self.labels.get((claim, text), self.labels.get(text, self.default))
            out.append(StanceJudgement(label, 0.9, {label: 0.9}))
        return out


def _analysis(denial: float, text: str) -> PassageAnalysis:
    """An invented stored analysis: one sentence of the given denial strength, and the
    passage's own sentences as its quotable ones, each of that strength."""
    from retrieval.stance.cues import SentenceCues
    from retrieval.stance.store import quotable_sentences

    cues = SentenceCues("s", denial, (), (), 0, 0, 0, False, (), (), (), (), False, 5)
    return PassageAnalysis((cues,), tuple((s, denial) for s in quotable_sentences(text)))


def _candidate(
    text: str, score: float, vector: Sequence[float], denial: float = 0.0, speaker: str = ""
) -> Candidate:
    passage = Passage(f"p-{abs(hash(text))}", "a1", text, 0, len(text), speaker=speaker or None)
    unit = np.asarray(vector, dtype=np.float32)
    analysis = _analysis(denial, text)
    return Candidate(Hit(passage, SOURCE, score), unit / np.linalg.norm(unit), analysis)


QUESTION = "Did Marrow resign?"
REPORT = "The Courier said Marrow handed in her resignation on Sunday."
SECOND = "Marrow's resignation letter reached the prime minister on Sunday evening."
BACKGROUND = "Marrow has been finance minister since 2021."
DENIAL = "The ministry said the reports are false. Marrow has not resigned."
WEATHER = "Heavy rain is expected across the north on Friday."


class TestFormSides:
    """``form_sides`` decides from what it is given: no searcher, no search, no parse."""

    def test_imports_no_searcher(self) -> None:
        source = inspect.getsource(retrieval.stance.sides)
        assert "retrieval.search" not in source and "Searcher" not in source

    def test_denial_found_for_the_other_side_makes_two_sides(self) -> None:
        hits = [
            _candidate(REPORT, 0.7, [1, 0, 0]),
            _candidate(SECOND, 0.6, [0.9, 0.1, 0]),
            _candidate(BACKGROUND, 0.5, [0.5, 0.5, 0]),
        ]
        denial = _candidate(DENIAL, 0.5, [0.95, 0, 0.05], denial=0.95, speaker="Karel Dunst")
        judge = ToldJudge(
            {REPORT: Stance.ASSERTS, SECOND: Stance.ASSERTS, (QUESTION, DENIAL): Stance.DENIES}
        )
        sides, context = form_sides(QUESTION, hits, [denial], judge)
        assert [s.stance for s in sides] == [Stance.ASSERTS, Stance.DENIES]
        assert [h.passage.text for h in sides[0].hits] == [REPORT, SECOND]
        assert [h.passage.text for h in sides[1].hits] == [DENIAL]
        # who takes each side, by name, and one short sentence of theirs quoted whole
        assert sides[1].label == "Denied by Karel Dunst: “Marrow has not resigned.”"
        assert sides[0].label == (
            "Reported by Courier: “The Courier said Marrow handed in her resignation on Sunday.”"
        )
        assert [h.passage.text for h in context] == [BACKGROUND]
        # every judgement read the stored analyses of the passages
        assert judge.calls and all(with_cues for _, _, with_cues in judge.calls)

    def test_a_passage_that_reports_and_denies_is_context_not_the_asserting_side(self) -> None:
        mixed = "The Courier said Marrow resigned. The ministry told us the report was false."
        hits = [
            _candidate(REPORT, 0.7, [1, 0, 0]),
            _candidate(mixed, 0.65, [0.95, 0.05, 0], denial=0.5),
        ]
        denial = _candidate(DENIAL, 0.5, [0.95, 0, 0.05], denial=0.95, speaker="Karel Dunst")
        judge = ToldJudge(
            {REPORT: Stance.ASSERTS, mixed: Stance.ASSERTS, (QUESTION, DENIAL): Stance.DENIES}
        )
        sides, context = form_sides(QUESTION, hits, [denial], judge)
        assert [s.stance for s in sides] == [Stance.ASSERTS, Stance.DENIES]
        assert [h.passage.text for h in sides[0].hits] == [REPORT]
        assert [h.passage.text for h in context] == [mixed]

    def test_a_passage_that_answers_the_questions_form_keeps_a_place(self) -> None:
        """ "How many ...?" answered by a passage that counts it: shown though the sides fill
        the answer."""
        counting = "The Courier's story rested on a single witness."
        hits = [
            _candidate(REPORT, 0.7, [1, 0, 0]),
            _candidate(SECOND, 0.6, [0.9, 0.1, 0]),
            replace(_candidate(counting, 0.35, [0.6, 0.8, 0]), direct=True),
        ]
        denial = _candidate(DENIAL, 0.5, [0.95, 0, 0.05], denial=0.95, speaker="Karel Dunst")
        judge = ToldJudge(
            {REPORT: Stance.ASSERTS, SECOND: Stance.ASSERTS, (QUESTION, DENIAL): Stance.DENIES}
        )
        sides, context = form_sides(QUESTION, hits, [denial], judge, limit=2)
        assert [h.passage.text for h in sides[0].hits] == [REPORT, SECOND]
        assert [h.passage.text for h in context] == [counting]
        plain = replace(hits[2], direct=False)
        _, context = form_sides(QUESTION, [*hits[:2], plain], [denial], judge, limit=2)
        assert context == []

    def test_a_denial_close_to_a_yes_no_question_is_the_other_side(self) -> None:
        """The best passage words the claim otherwise ("a meeting on May 2"), the denial is
        far from it but as close to the question as a paraphrase: it is of the same matter."""
        hits = [_candidate(REPORT, 0.7, [1, 0, 0]), _candidate(SECOND, 0.6, [0.9, 0.1, 0])]
        denial = _candidate(DENIAL, 0.6, [0.3, 0.95, 0], denial=0.95, speaker="Karel Dunst")
        judge = ToldJudge({REPORT: Stance.ASSERTS, SECOND: Stance.ASSERTS, DENIAL: Stance.DENIES})
        sides, _ = form_sides(QUESTION, hits, [denial], judge)
        assert [s.stance for s in sides] == [Stance.ASSERTS, Stance.DENIES]
        far = replace(denial, hit=replace(denial.hit, score=0.4))
        sides, _ = form_sides(QUESTION, hits, [far], judge)
        assert [s.stance for s in sides] == [Stance.ANSWER]

    def test_a_weak_denial_beside_the_claim_keeps_the_passage_asserting(self) -> None:
        """'Marrow resigned. Nobody asked her to.' asserts the claim; 'Marrow resigned, the
        Courier said. The ministry said she has not' reports and denies it: context."""
        from retrieval.stance.cues import SentenceCues

        def two_sentences(weak: str, closeness: float) -> Candidate:
            text = f"{REPORT} {weak}"
            cues = tuple(
                SentenceCues(t, d, (), (), 0, 0, 0, False, (), (), (), (), False, 8)
                for t, d in ((REPORT, 0.0), (weak, 0.4))
            )
            analysis = PassageAnalysis(cues, ((REPORT, 0.0), (weak, 0.4)))
            other = np.array([closeness, (1 - closeness**2) ** 0.5, 0], dtype=np.float32)
            return replace(
                _candidate(text, 0.65, [0.95, 0.05, 0]),
                analysis=analysis,
                sentence_vectors={REPORT: np.array([1, 0, 0], dtype=np.float32), weak: other},
            )

        beside = two_sentences("Nobody at the ministry asked her to.", 0.1)
        against = two_sentences("The ministry said she has not resigned.", 0.8)
        denial = _candidate(DENIAL, 0.5, [0.95, 0, 0.05], denial=0.95, speaker="Karel Dunst")
        for mixed, side in ((beside, "asserts"), (against, "context")):
            hits = [_candidate(SECOND, 0.7, [1, 0, 0]), mixed]
            judge = ToldJudge(
                {SECOND: Stance.ASSERTS, mixed.text: Stance.ASSERTS, DENIAL: Stance.DENIES}
            )
            sides, context = form_sides(QUESTION, hits, [denial], judge)
            asserted = [h.passage.text for h in sides[0].hits]
            assert (mixed.text in asserted) == (side == "asserts"), side
            assert (mixed.text in [h.passage.text for h in context]) == (side == "context")

    def test_each_side_leads_with_the_questions_language(self) -> None:
        hits = [_candidate(REPORT, 0.7, [1, 0, 0]), _candidate(SECOND, 0.6, [0.9, 0.1, 0])]
        german = "Das Ministerium nannte den Bericht falsch."
        denials = [
            _candidate(german, 0.6, [0.95, 0, 0.05], denial=0.95, speaker="Karel Dunst"),
            _candidate(DENIAL, 0.5, [0.95, 0, 0.05], denial=0.95, speaker="Ada Lund"),
        ]
        denials[0] = replace(
            denials[0], hit=replace(denials[0].hit, source=Source("a1", "Rundschau", language="de"))
        )
        judge = ToldJudge(
            {
                REPORT: Stance.ASSERTS,
                SECOND: Stance.ASSERTS,
                german: Stance.DENIES,
                DENIAL: Stance.DENIES,
            }
        )
        sides, _ = form_sides(QUESTION, hits, denials, judge, language="en")
        assert [h.passage.text for h in sides[1].hits] == [DENIAL, german]
        sides, _ = form_sides(QUESTION, hits, denials, judge, language="de")
        assert [h.passage.text for h in sides[1].hits] == [german, DENIAL]

    def test_a_denial_of_another_matter_is_no_side(self) -> None:
        hits = [_candidate(REPORT, 0.7, [1, 0, 0]), _candidate(BACKGROUND, 0.5, [0.6, 0.8, 0])]
        elsewhere = _candidate(DENIAL, 0.5, [0, 0, 1], denial=0.95)  # far from the claim
        judge = ToldJudge({REPORT: Stance.ASSERTS, DENIAL: Stance.DENIES})
        sides, context = form_sides(QUESTION, hits, [elsewhere], judge)
        assert [s.stance for s in sides] == [Stance.ANSWER]
        assert [h.passage.text for h in sides[0].hits] == [REPORT, BACKGROUND]
        assert context == []

    def test_unrelated_hits_are_left_out_of_an_uncontested_answer(self) -> None:
        hits = [_candidate(REPORT, 0.7, [1, 0, 0]), _candidate(WEATHER, 0.2, [0, 1, 0])]
        judge = ToldJudge({REPORT: Stance.ASSERTS, WEATHER: Stance.UNRELATED})
        sides, context = form_sides(QUESTION, hits, [], judge)
        assert [[h.passage.text for h in s.hits] for s in sides] == [[REPORT]]
        assert sides[0].label == (
            "According to Courier: “The Courier said Marrow handed in her resignation on Sunday.”"
        )

    def test_anchor_skips_a_leading_denial_and_a_question(self) -> None:
        hits = [
            _candidate(DENIAL, 0.8, [1, 0, 0], denial=0.95),
            _candidate("Did Marrow resign?", 0.75, [1, 0, 0]),
            _candidate(REPORT, 0.7, [1, 0, 0]),
        ]
        anchor = find_anchor(QUESTION, hits, ToldJudge({}))
        assert anchor.position == 2
        assert [j.label for j in anchor.on_question] == [Stance.DISCUSSES] * 3

    def test_outright_denials_come_before_a_negated_detail(self) -> None:
        """ "He is not on the panel" negates a detail (weak); "the reports are false" denies
        outright: with room for three denials, the outright ones are shown first though the
        weak one is quoted and scores higher."""
        hits = [_candidate(REPORT, 0.7, [1, 0, 0])]
        weak = '"He is not on the board," the official said.'
        outright = [
            _candidate(f"Minister {n} said the reports are false.", 0.5, [0.9, 0.1, 0], 0.9, n)
            for n in ("Ana Dole", "Per Lund", "Ivo Brant")
        ]
        others = [_candidate(weak, 0.8, [0.9, 0.1, 0], denial=0.64, speaker="official")]
        others += outright
        judge = ToldJudge({REPORT: Stance.ASSERTS}, default=Stance.DENIES)
        sides, _ = form_sides(QUESTION, hits, others, judge)
        assert [h.passage.text for h in sides[1].hits] == [c.text for c in outright]

    def test_a_speakers_own_words_go_with_the_reported_denial_they_belong_to(self) -> None:
        """ "Dunst denied the report" and, just after it, his own terse words (a noun phrase,
        which reads as a weak denial alone): the two go on the denying side together, next
        to each other, and count as one denial."""
        hits = [_candidate(REPORT, 0.7, [1, 0, 0])]
        reported = _candidate(
            "Karel Dunst denied the Courier's report.", 0.6, [0.95, 0.05, 0], 0.9, "Karel Dunst"
        )
        terse = '"A fairy tale from the first word to the last," Dunst said.'
        own = replace(
            _candidate(terse, 0.6, [0.95, 0.05, 0], denial=0.4, speaker="Karel Dunst"),
            accompanies=reported,
        )
        more = [
            _candidate(f"Minister {n} said the reports are false.", 0.5, [0.9, 0.1, 0], 0.9, n)
            for n in ("Ana Dole", "Per Lund", "Ivo Brant")
        ]
        judge = ToldJudge({REPORT: Stance.ASSERTS, terse: Stance.UNRELATED}, default=Stance.DENIES)
        sides, _ = form_sides(QUESTION, hits, [reported, own, *more], judge)
        denied = [h.passage.text for h in sides[1].hits]
        assert denied[:2] == [terse, reported.text]  # the plainer first, next to each other
        assert len(denied) == 2 + 2  # the pair and two more: three denials shown
        # without the reported denial beside them, the words alone deny too weakly
        alone = replace(own, accompanies=None)
        sides, _ = form_sides(QUESTION, hits, [alone, *more], judge)
        assert terse not in [h.passage.text for h in sides[1].hits]

    def test_a_report_read_as_contradicting_with_no_denying_words_is_the_claim(self) -> None:
        """ "Marrow, who is not a minister, handed in her resignation": the judge may read the
        negation as contradicting the question, but with no words that deny, the best passage
        is the claim the denial answers, first on the asserting side, not context."""
        negated = "Marrow, who is not a member of the board, handed in her resignation."
        hits = [_candidate(negated, 0.75, [1, 0, 0]), _candidate(SECOND, 0.5, [0.8, 0.6, 0])]
        denial = _candidate(DENIAL, 0.6, [0.9, 0, 0.44], denial=0.95, speaker="Karel Dunst")
        judge = ToldJudge({negated: Stance.DENIES, SECOND: Stance.ASSERTS, DENIAL: Stance.DENIES})
        assert find_anchor(QUESTION, hits, judge).position == 0
        sides, context = form_sides(QUESTION, hits, [denial], judge)
        assert [s.stance for s in sides] == [Stance.ASSERTS, Stance.DENIES]
        assert [h.passage.text for h in sides[0].hits] == [negated, SECOND]
        assert negated not in [h.passage.text for h in context]

    def test_a_speakers_further_words_stay_beside_the_passage_they_follow(self) -> None:
        """The rest of a quotation, brought beside its first part, is shown with it though
        the judge reads it alone as unrelated to the question."""
        best = _candidate(SECOND, 0.8, [1, 0, 0])
        hits = [best, _candidate(REPORT, 0.3, [0.9, 0.1, 0])]
        rest = '"Two days later I was off the panel," she said.'
        more = replace(_candidate(rest, 0.3, [0.9, 0.1, 0]), accompanies=hits[1])
        judge = ToldJudge({SECOND: Stance.ASSERTS, REPORT: Stance.ASSERTS, rest: Stance.UNRELATED})
        sides, _ = form_sides(QUESTION, [*hits, more], [], judge)
        assert [h.passage.text for h in sides[0].hits] == [SECOND, REPORT, rest]
        alone = replace(more, accompanies=None)
        sides, _ = form_sides(QUESTION, [*hits, alone], [], judge)
        assert [h.passage.text for h in sides[0].hits] == [SECOND, REPORT]

    def test_a_speakers_further_words_take_no_place_of_their_own(self) -> None:
        """With room for two passages, the rest of the first one's speaker's words comes
        beside it and the second passage is still shown."""
        best = _candidate(SECOND, 0.8, [1, 0, 0])
        rest = '"Two days later I was off the panel," she said.'
        more = replace(_candidate(rest, 0.3, [0.9, 0.1, 0]), accompanies=best)
        report = _candidate(REPORT, 0.5, [0.9, 0.1, 0])
        judge = ToldJudge({SECOND: Stance.ASSERTS, REPORT: Stance.ASSERTS, rest: Stance.ASSERTS})
        sides, _ = form_sides(QUESTION, [best, more, report], [], judge, limit=2)
        assert [h.passage.text for h in sides[0].hits] == [SECOND, rest, REPORT]
        alone = replace(more, accompanies=None)
        sides, _ = form_sides(QUESTION, [best, alone, report], [], judge, limit=2)
        assert [h.passage.text for h in sides[0].hits] == [SECOND, rest]

    def test_no_hits_no_sides(self) -> None:
        assert form_sides(QUESTION, [], [], ToldJudge({})) == ([], [])


class TestStoredAnalysis:
    def test_round_trip_through_json(self) -> None:
        texts = [KREMLIN_QUOTE, YOMIURI, '"No. This is not so." " "']
        analyses = analyse_passages(texts)
        again = [PassageAnalysis.from_dict(json.loads(json.dumps(a.to_dict()))) for a in analyses]
        assert again == analyses
        assert [a.denial for a in analyses] == [denial_strength(t) for t in texts]
        quoted = analyses[0].quotable
        assert [t for t, _ in quoted] == quotable_sentences(KREMLIN_QUOTE)
        assert "This is not so." in [t for t, _ in quoted]
        assert [d for _, d in quoted] == [denial_strength(t) for t, _ in quoted]
        assert analyses[2].quotable[-1] == ("", 0.0)  # a quote mark alone denies nothing

    def test_stored_cues_judge_as_parsing_does(self, judge: RuleStanceJudge) -> None:
        passages = [PESKOV_FALSE, YOMIURI, NATO]
        stored = [a.sentences for a in analyse_passages(passages)]
        parsed = judge.judge(XI_REFUSED, passages)
        assert judge.judge(XI_REFUSED, passages, cues=stored) == parsed

    def test_answering_parses_nothing(self, seed_bot, monkeypatch: pytest.MonkeyPatch) -> None:
        """Passages' cues come from the index and the question's from reading its words
        (stance/reading.py): spaCy parses nothing while answering."""
        parsed: list[str] = []
        real = retrieval.stance.cues.nlp

        class Recording:
            def pipe(self, texts: list[str], **kwargs: object):  # noqa: ANN202
                parsed.extend(texts)
                return real().pipe(texts, **kwargs)

        monkeypatch.setattr(retrieval.stance.cues, "nlp", Recording)
        monkeypatch.setattr(retrieval.stance.cues, "_cache", type(retrieval.stance.cues._cache)())
        question = "Did Xi Jinping refuse to visit Russia?"
        answer = seed_bot.ask(question)
        assert answer.sides
        assert parsed == []


class TestDenyingPart:
    """A denying side quotes the denial, not the report a passage restates beside it."""

    def test_restated_report_at_the_end_is_left_out(self) -> None:
        text = (
            'The harbour authority called the report "a complete fabrication". '
            "The Tesk Courier had reported that the port was allegedly sold in secret."
        )
        (analysis,) = analyse_passages([text])
        span = analysis.denying_span(text)
        assert span is not None
        start, end = span
        assert (
            text[start:end] == 'The harbour authority called the report "a complete fabrication".'
        )

    def test_the_wires_note_that_it_could_not_verify_the_report_is_left_out(self) -> None:
        note = (
            "Valley Wire could not independently verify the report, which said the crane "
            "was sold for scrap."
        )
        text = f'{note} "This is pure fiction," said Lina Orsk, a spokeswoman for the authority.'
        (analysis,) = analyse_passages([text])
        assert analysis.denying_span(text) == (len(note) + 1, len(text))

    def test_the_deniers_own_further_words_stay(self) -> None:
        text = (
            'Spokesman Arvid Lenn told reporters: "This is untrue. '
            'The port remains in public hands and will stay so."'
        )
        (analysis,) = analyse_passages([text])
        assert analysis.denying_span(text) is None

    def test_a_quotation_is_never_cut_in_half(self) -> None:
        """The part a denying side quotes may leave sentences out, never half a quotation:
        '"This is untrue.' without 'The letter came in May and named no company," as the
        Courier reported it.' would quote the denier saying less than she said."""
        first = '"This is untrue.'
        second = ' The letter came in May and named no company," the Courier reported her saying.'
        text = first + second
        (analysis,) = analyse_passages([text])
        voss, courier = (0, len(first), "Voss"), (len(first) + 1, len(text), "Tesk Courier")
        span = analysis.denying_span(text, [voss, courier], lambda sentence: True)
        assert span is None or text[span[0] : span[1]].count('"') % 2 == 0

    def test_another_speakers_weaker_denial_after_the_denial_stays(self) -> None:
        """ "The port called the report false. The ministry said it had received no report
        of any sale.": the ministry's words deny too, though less; they are no restated
        report, and the part keeps them."""
        denial = 'A port spokesman rejected the report. "The crane was never sold," he said.'
        ministry = (
            " Ministry spokeswoman Lina Orsk said the ministry had received no report of any sale."
        )
        text = denial + ministry
        (analysis,) = analyse_passages([text])
        port, orsk = (0, len(denial), "port spokesman"), (len(denial) + 1, len(text), "Lina Orsk")
        span = analysis.denying_span(text, [port, orsk], lambda sentence: True)
        assert span is None or span[1] == len(text)

    def test_a_report_restated_in_another_speakers_words_after_the_denial_is_left_out(
        self,
    ) -> None:
        denial = 'The harbour authority called the story "a complete fabrication".'
        restated = " The Tesk Courier stands by its account that the crane was sold for scrap."
        text = denial + restated
        (analysis,) = analyse_passages([text])
        authority = (0, len(denial), "harbour authority")
        courier = (len(denial) + 1, len(text), "Tesk Courier")
        assert analysis.denying_span(text, [authority, courier]) == (0, len(denial))
        # the denier's own words stay, and so does another speaker's on another matter
        assert (
            analysis.denying_span(text, [authority, (courier[0], courier[1], "harbour authority")])
            is None
        )
        assert analysis.denying_span(text, [authority, courier], lambda sentence: False) is None

    def test_another_speaker_before_the_denial_stays(self) -> None:
        """Words before the denial may be another answer to the question ('Orsk said ...
        should be investigated. The mayor called the story false.')."""
        first = "Lina Orsk said the sale should be investigated by the city."
        text = first + ' The mayor called the story "false".'
        (analysis,) = analyse_passages([text])
        speakers = [(0, len(first), "Lina Orsk"), (len(first) + 1, len(text), "the mayor")]
        assert analysis.denying_span(text, speakers) is None

    def test_a_sentence_restates_the_claim_by_its_own_vector_not_the_passages(self) -> None:
        from retrieval.stance.sides import _restates

        denial = 'The harbour authority called the story "a complete fabrication".'
        other = "The Courier said the mayor will visit the harbour on Friday."
        text = f"{denial} {other}"
        (analysis,) = analyse_passages([text])
        claim = _candidate(REPORT, 0.7, [1, 0, 0])
        held = {c.text: c for c in analysis.sentences}
        vectors = {t: np.array([0.0, 1.0, 0.0], dtype=np.float32) for t in held}
        # the whole passage's vector sits on the claim, its sentences far from it
        vectors[text] = np.array([1.0, 0.0, 0.0], dtype=np.float32)
        cand = replace(
            _candidate(text, 0.6, [1, 0, 0]), analysis=analysis, sentence_vectors=vectors
        )
        assert not _restates(cand, other, claim)
        near = {**vectors, **{t: np.array([1.0, 0.0, 0.0], dtype=np.float32) for t in held}}
        assert _restates(replace(cand, sentence_vectors=near), other, claim)

    def test_spans_quote_the_text_word_for_word(self) -> None:
        text = 'He said "No."  It is false.\n\nThe firm reportedly sold it.'
        spans = sentence_spans(text)
        assert [text[a:b] for a, b in spans] == [
            'He said "No."',
            "It is false.",
            "The firm reportedly sold it.",
        ]


def test_a_denial_read_so_by_question_and_claim_alike_needs_a_looser_match_of_matter() -> None:
    from retrieval.stance.sides import _denies

    claim = _candidate(REPORT, 0.6, [1.0, 0.0, 0.0])
    # cosine 0.5 to the claim's passage: under the same-matter bar of 0.55
    worded_otherwise = _candidate(DENIAL, 0.45, [0.5, 0.866, 0.0], denial=0.9)
    both, only_one = Stance.DENIES, Stance.DISCUSSES
    assert _denies(worded_otherwise, claim, both, both, yes_no=True)
    assert not _denies(worded_otherwise, claim, both, only_one, yes_no=True)
    assert not _denies(worded_otherwise, claim, both, both, yes_no=False)  # an open question
    weak = _candidate(DENIAL, 0.45, [0.5, 0.866, 0.0], denial=0.4)
    assert not _denies(weak, claim, both, both, yes_no=True)
    far = _candidate(DENIAL, 0.45, [0.3, 0.954, 0.0], denial=0.9)
    assert not _denies(far, claim, both, both, yes_no=True)
