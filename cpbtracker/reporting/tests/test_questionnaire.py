"""The questionnaire rules engine on its own (no database): show/enable rules, the cascade to
a fixed point, the custom "&" rules, answer checks and the problems of a set of answers."""

from __future__ import annotations

import pytest
from django.utils import translation

from cpbtracker.reporting.problems import AnswerError
from cpbtracker.reporting.questionnaire import (
    apply_rules,
    load_questionnaire,
    normalize_answer,
    parse_questionnaire,
    validate_answers,
)

YES_NO = [{"value": "true", "title": {"en": "Yes"}}, {"value": "false", "title": {"en": "No"}}]


def rule(target: str, kind: str = "@hasValues", values=("true",), trigger="visible") -> dict:
    return {"question": target, "type": kind, "values": list(values), "trigger": trigger}


def question(key: str, number: str, type_: str = "option", **extra) -> dict:
    options = YES_NO if type_ == "option" else []
    base = {"key": key, "number": number, "type": type_, "title": {"en": key}, "options": options}
    return base | extra


FORMAT = {
    "schema": "test",
    "sections": [
        {
            "key": "one",
            "title": {"en": "One"},
            "questions": [
                question(
                    "Q001",
                    "1",
                    mandatory=True,
                    validations=[rule("Q002"), rule("Q003", trigger="enable")],
                ),
                question("Q002", "2", validations=[rule("Q004")]),
                question("Q003", "3", "lstring"),
                question("Q004", "4", "int"),
                question(
                    "Q005",
                    "5",
                    "sub-section",
                    validations=[],
                    questions=[question("Q005_a", "a", "int", mandatory=True)],
                ),
                question("Q079", "79", validations=[rule("Q005", "&is79Or80Or81", ())]),
                question("Q080", "80"),
                question(
                    "Q006",
                    "6",
                    multiple=True,
                    options=[
                        {"value": "a", "title": {"en": "A"}, "type": "int"},
                        {"value": "b", "title": {"en": "B"}},
                        {"value": "none", "title": {"en": "None"}, "exclusive": True},
                    ],
                ),
            ],
        }
    ],
}


@pytest.fixture
def form():
    return parse_questionnaire(FORMAT)


def yes(value: str = "true") -> dict:
    return {"value": value}


def test_it_hides_a_question_whose_visible_rule_fails(form):
    outcome = apply_rules(form, {"Q001": yes("false")})
    assert "Q002" in outcome.hidden and "Q002" not in outcome.disabled


def test_it_shows_a_question_whose_visible_rule_holds(form):
    assert "Q002" not in apply_rules(form, {"Q001": yes()}).hidden


def test_it_disables_a_question_whose_enable_rule_fails(form):
    outcome = apply_rules(form, {"Q001": yes("false")})
    assert "Q003" in outcome.disabled and "Q003" not in outcome.hidden


def test_it_drops_the_answer_of_a_hidden_question(form):
    outcome = apply_rules(form, {"Q001": yes("false"), "Q002": yes()})
    assert outcome.answers == {"Q001": yes("false")}
    assert outcome.dropped == {"Q002"}


def test_dropping_an_answer_cascades_until_nothing_changes(form):
    # Q001 "no" hides Q002; without Q002's answer its own rule hides Q004 in turn.
    outcome = apply_rules(form, {"Q001": yes("false"), "Q002": yes(), "Q004": {"value": 3}})
    assert outcome.dropped == {"Q002", "Q004"}
    assert {"Q002", "Q004"} <= outcome.hidden


def test_a_hidden_sub_section_hides_its_children(form):
    outcome = apply_rules(form, {"Q005_a": {"value": 1}})
    assert {"Q005", "Q005_a"} <= outcome.hidden
    assert "Q005_a" in outcome.dropped


def test_a_custom_rule_holds_when_any_of_its_questions_has_one_of_its_values(form):
    assert "Q005" not in apply_rules(form, {"Q080": yes()}).hidden
    assert "Q005" not in apply_rules(form, {"Q079": yes()}).hidden


def test_a_custom_rule_fails_when_none_of_its_questions_has_its_values(form):
    assert "Q005" in apply_rules(form, {"Q079": yes("false"), "Q080": yes("false")}).hidden


def test_it_refuses_a_rule_of_an_unknown_type():
    broken = dict(FORMAT)
    broken["sections"] = [
        {
            "key": "one",
            "title": {},
            "questions": [
                question("Q001", "1", validations=[rule("Q002", "@nope")]),
                question("Q002", "2"),
            ],
        }
    ]
    with pytest.raises(ValueError, match="unknown rule type '@nope'"):
        apply_rules(parse_questionnaire(broken), {"Q001": yes()})


@pytest.mark.parametrize(
    ("raw", "stored"), [("12", 12), (" 7 ", 7), (3.0, 3), (0, 0), ({"value": "5"}, 5)]
)
def test_it_reads_a_whole_number(form, raw, stored):
    assert normalize_answer(form.question("Q004"), raw) == {"value": stored}


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("-1", "answer.negative"),
        ("²", "answer.not-whole-number"),
        ("1.5", "answer.not-whole-number"),
        (True, "answer.not-number"),
        (10**9 + 1, "answer.too-large"),
    ],
)
def test_it_refuses_what_is_not_a_whole_number_of_0_or_more(form, raw, code):
    with pytest.raises(AnswerError) as error:
        normalize_answer(form.question("Q004"), raw)
    assert error.value.problem.code == code


def test_it_reads_a_plain_text_as_english_and_drops_empty_languages(form):
    assert normalize_answer(form.question("Q003"), " hello ") == {"value": {"en": "hello"}}
    assert normalize_answer(form.question("Q003"), {"en": "x", "zh": " "}) == {"value": {"en": "x"}}


def test_an_empty_text_is_no_answer(form):
    assert normalize_answer(form.question("Q003"), {"en": "  "}) is None


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ({"en": 5}, "answer.text-not-string"),
        ("a\x00b", "answer.nul"),
        ("x" * 32_768, "answer.text-too-long"),
        (5, "answer.not-text"),
    ],
)
def test_it_refuses_what_is_not_a_text(form, raw, code):
    with pytest.raises(AnswerError) as error:
        normalize_answer(form.question("Q003"), raw)
    assert error.value.problem.code == code


def test_it_refuses_a_value_that_is_not_an_option(form):
    with pytest.raises(AnswerError, match="'maybe' is not an option of question 1"):
        normalize_answer(form.question("Q001"), "maybe")


def test_it_refuses_two_values_for_a_single_choice(form):
    with pytest.raises(AnswerError, match="question 1 takes one value"):
        normalize_answer(form.question("Q001"), ["true", "false"])


def test_it_refuses_an_exclusive_option_with_others(form):
    with pytest.raises(AnswerError, match="'none' cannot be combined with other options"):
        normalize_answer(form.question("Q006"), ["a", "none"])


def test_it_keeps_the_number_an_option_collects(form):
    answer = normalize_answer(form.question("Q006"), [{"value": "a", "additionalInformation": "4"}])
    assert answer == [{"value": "a", "additionalInformation": 4}]


def test_it_reports_a_required_question_without_answer(form):
    problems = validate_answers(form, {"Q001": yes("false")}, for_submission=False)
    assert problems == []
    problems = validate_answers(form, {}, for_submission=True)
    assert [(p.key, p.code, p.message) for p in problems] == [
        ("Q001", "missing", "Question 1 is required")
    ]


def test_the_required_message_speaks_the_readers_language(form):
    (problem,) = validate_answers(form, {}, for_submission=True)
    with translation.override("zh-hans"):
        assert problem.message == "问题 1 为必答题"
    assert problem.as_data()["params"] == {"label": "1"}


def test_a_required_question_the_rules_hide_is_not_missing(form):
    # Q005_a is mandatory but its sub-section is hidden while Q079/Q080 say nothing.
    keys = [p.key for p in validate_answers(form, {"Q001": yes()}, for_submission=True)]
    assert "Q005_a" not in keys


def test_it_reports_an_answer_to_a_hidden_question(form):
    problems = validate_answers(form, {"Q001": yes("false"), "Q002": yes()}, for_submission=False)
    assert [(p.key, p.code, p.message) for p in problems] == [
        ("Q002", "invalid", "Question 2 is hidden by the rules")
    ]


def test_it_reports_an_answer_to_no_question(form):
    (problem,) = validate_answers(form, {"Q999": yes()}, for_submission=False)
    assert (problem.code, problem.message) == ("unknown-question", "Q999 is not a question here")


def test_it_words_an_invalid_answer_with_the_question_and_the_reason(form):
    answers = {"Q001": yes(), "Q002": yes(), "Q004": {"value": "-2"}}
    (problem,) = validate_answers(form, answers, for_submission=False)
    assert problem.message == "Question 4: -2 is negative; expected a whole number of 0 or more"


@pytest.mark.parametrize(
    "schema, key, label",
    [
        ("cpbNationalReport5", "Q007", "7"),
        ("cpbNationalReport5", "Q102_e", "102 (e)"),  # a numbered child
        ("cpbNationalReport5", "Q008_a", "8"),  # the unnumbered follow-up of 8
        ("cpbNationalReport5", "Q070_b_adq", "70 (b)"),  # the follow-up of 70 (b)
        ("cpbNationalReport4", "Q019_adq", "19"),
    ],
)
def test_a_question_is_named_by_its_number_or_the_number_of_the_one_it_follows(schema, key, label):
    assert load_questionnaire(schema).question(key).label == label
