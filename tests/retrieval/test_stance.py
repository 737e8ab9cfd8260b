"""Behaviour of the stance judge with the real MiniLM model and spaCy parse (no mocks)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from retrieval.stance import (
    RuleStanceJudge,
    StanceJudgement,
    StanceModelError,
    denial_strength,
    load_stance_judge,
    side_of,
)

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
            "",
        ],
    )
    def test_reports_and_hedges_are_low(self, text: str) -> None:
        assert denial_strength(text) < 0.3

    def test_negated_main_verb_is_in_between(self) -> None:
        assert 0.3 <= denial_strength("Minister Marrow has not resigned.") < 0.7

    def test_negated_denial_is_not_a_denial(self) -> None:
        assert denial_strength("The company did not deny the report.") < 0.3


class TestRuleStanceJudge:
    def test_kremlin_quote_disagrees_with_refusal(self, judge: RuleStanceJudge) -> None:
        [j] = judge.judge(XI_REFUSED, [KREMLIN_QUOTE])
        assert j.label == "disagree"
        assert j.scores["disagree"] == max(j.scores.values())

    def test_seed_report_and_denial(self, judge: RuleStanceJudge) -> None:
        labels = [j.label for j in judge.judge(XI_REFUSED, [PESKOV_FALSE, YOMIURI, NATO])]
        assert labels[0] == "disagree"
        assert labels[1] == "agree"
        assert labels[2] in ("unrelated", "discuss")

    def test_question_as_claim(self, judge: RuleStanceJudge) -> None:
        question = "Did Xi refuse Putin's invitation to visit Russia?"
        labels = [j.label for j in judge.judge(question, [PESKOV_FALSE, YOMIURI, NATO])]
        assert labels[:2] == ["disagree", "agree"]
        assert labels[2] != "agree" and labels[2] != "disagree"

    def test_denial_as_claim_agrees_with_other_denial(self, judge: RuleStanceJudge) -> None:
        first, second = judge.judge(PESKOV_FALSE, [KREMLIN_QUOTE, XI_REFUSED])
        assert first.label == "agree"
        assert second.label == "disagree"

    def test_as_planned_contradicts_without_a_denial_word(self, judge: RuleStanceJudge) -> None:
        claim = (
            "Diplomatic sources said the Chinese leader told Putin it would be difficult to come "
            "to Russia in the near future."
        )
        passage = (
            "Putin has a valid invitation to visit China, and Xi Jinping to visit Russia. And as "
            "the weakening of these restrictions allows, all visits will, certainly, take place."
        )
        assert judge.judge(claim, [passage])[0].label == "disagree"

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
        assert labels == ["disagree", "agree"]

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
        assert judge.judge(union, [governor])[0].label == "disagree"
        assert judge.judge(governor, [company])[0].label == "agree"

    def test_no_comment_takes_no_side(self, judge: RuleStanceJudge) -> None:
        claim = "Alder Air is in advanced talks to merge with rival Northway Airlines."
        [j] = judge.judge(claim, ["Alder Air said it does not comment on market speculation."])
        assert side_of(j) == "unrelated"

    def test_other_story_is_unrelated(self, judge: RuleStanceJudge) -> None:
        other = (
            'The finance ministry rejected the report. "The report is untrue. Minister Marrow '
            'has not resigned," ministry spokesman Karel Dunst told reporters.'
        )
        weather = "Heavy rain is expected across the north of the country on Friday."
        labels = [j.label for j in judge.judge(XI_REFUSED, [other, weather])]
        assert labels == ["unrelated", "unrelated"]

    def test_whole_body_is_judged(self, judge: RuleStanceJudge) -> None:
        body = (ARTICLES / "minister_resignation.txt").read_text(encoding="utf-8")
        related = judge.judge("Finance minister Ilse Marrow resigns", [body])
        unrelated = judge.judge("Zombie cat claws its way out of its grave", [body])
        assert related[0].label != "unrelated"
        assert unrelated[0].label == "unrelated"

    def test_judgement_shape(self, judge: RuleStanceJudge) -> None:
        out = judge.judge(XI_REFUSED, [PESKOV_FALSE, YOMIURI])
        assert len(out) == 2
        for j in out:
            assert isinstance(j, StanceJudgement)
            assert set(j.scores) == {"agree", "disagree", "discuss", "unrelated"}
            assert 0.0 <= j.confidence <= 1.0
            assert j.scores[j.label] == pytest.approx(j.confidence)
        assert judge.judge(XI_REFUSED, []) == []
        with pytest.raises(ValueError, match="empty"):
            judge.judge("  ", [YOMIURI])


class TestLabelledPairs:
    def test_accuracy_at_least_085(self, judge: RuleStanceJudge) -> None:
        rows = _pairs()
        assert len(rows) >= 40
        right = sum(side_of(judge.judge(r["a"], [r["b"]])[0]) == r["label"] for r in rows)
        assert right / len(rows) >= 0.85, f"{right}/{len(rows)}"

    def test_every_label_is_used(self) -> None:
        labels = {r["label"] for r in _pairs()}
        assert labels == {"same-side", "opposite-side", "unrelated"}


class TestLoadStanceJudge:
    def test_default_is_rules(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.delenv("STORYBOT_NLI_MODEL", raising=False)
        assert isinstance(load_stance_judge(), RuleStanceJudge)

    def test_missing_nli_model_is_a_clear_error(
        self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
    ) -> None:
        missing = tmp_path / "no-such-model"
        monkeypatch.setenv("STORYBOT_NLI_MODEL", str(missing))
        with pytest.raises(StanceModelError, match="STORYBOT_NLI_MODEL=.*no-such-model"):
            load_stance_judge()

    def test_broken_nli_model_is_a_clear_error(
        self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
    ) -> None:
        (tmp_path / "config.json").write_text("{not json", encoding="utf-8")
        monkeypatch.setenv("STORYBOT_NLI_MODEL", str(tmp_path))
        with pytest.raises(StanceModelError, match="cannot load NLI model"):
            load_stance_judge()
