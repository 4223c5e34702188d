"""Decks that describe their own domains, share entries, and hold ordering, matching and case-study questions."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from bot.knowledge.errors import DeckError
from bot.knowledge.loader import load_deck
from bot.knowledge.questions import OPTION_LETTERS, MatchingQuestion, OrderingQuestion
from bot.quiz.checker import AnswerFormatError, answer_letters, check, parse_choice

FIXTURES = Path(__file__).parent / "fixtures"
STEPS = ["Process the raw data", "Train the model", "Evaluate it against a threshold", "Register the approved model"]
COMMON = {"exams": ["mla-c01"], "domain": "prep", "difficulty": "medium", "explanation": "Because.", "tests": ["x"]}

OTHER_DECK = """\
id: mla-c01
name: Other exam
shares: [mls-c01]
domains:
  - {id: prep, title: Data preparation, short: prep, weight: 60}
  - {id: ops, title: Operations, short: ops, weight: 40}
domain_map: {data-engineering: prep, modeling: ops}
entry_domains: {data-firehose: ops}
tasks:
  - {id: "1.1", domain: prep, title: Ingest and store data}
"""
OTHER_ITEMS = """\
- id: order-001
  kind: ordering
  exams: [mla-c01]
  domain: prep
  task: "1.1"
  difficulty: medium
  prompt: In which order should the team run these steps?
  steps: [Land the data in S3, Catalog it with a crawler, Query it with Athena]
  explanation: Data lands, is catalogued, then queried.
  tests: [kinesis-data-streams]
  case: case-one
- id: match-001
  kind: matching
  exams: [mla-c01]
  domain: ops
  difficulty: medium
  prompt: Match each need to the service.
  pairs:
    - {item: Replay records for several consumers, match: Kinesis Data Streams}
    - {item: Deliver records to S3 with no code, match: Data Firehose}
    - {item: Run SQL over files in S3, match: Athena}
  explanation: Each service does one of these.
  tests: [data-firehose]
"""
CASES = """\
- {id: case-one, title: A retailer's data lake, scenario: A retailer lands clickstream data in S3 and wants to query it.}
"""


def ordering(steps: list[str] = STEPS) -> OrderingQuestion:
    return OrderingQuestion.model_validate({"kind": "ordering", "id": "order-001", "prompt": "Order them.", "steps": steps, **COMMON})


def matching() -> MatchingQuestion:
    pairs = [{"item": f"need {n}", "match": f"service {n}"} for n in range(4)]
    return MatchingQuestion.model_validate({"kind": "matching", "id": "match-001", "prompt": "Match them.", "pairs": pairs, **COMMON})


def test_an_ordering_question_is_shown_shuffled_and_answered_in_order() -> None:
    question = ordering()
    assert sorted(question.choices) == sorted(STEPS) and question.choices != STEPS
    right = answer_letters(question)
    assert [question.choices[OPTION_LETTERS.index(letter)] for letter in right] == STEPS
    assert check(question, parse_choice(" ".join(right), question)).correct
    assert not check(question, parse_choice(right[::-1], question)).correct
    with pytest.raises(AnswerFormatError, match="exactly once"):
        parse_choice(right[:3], question)
    with pytest.raises(AnswerFormatError, match="exactly once"):
        parse_choice(right[0] * 4, question)


def test_a_matching_question_is_answered_with_one_letter_per_item() -> None:
    question = matching()
    assert question.items == [f"need {n}" for n in range(4)]
    right = answer_letters(question)
    assert [question.choices[OPTION_LETTERS.index(letter)] for letter in right] == [f"service {n}" for n in range(4)]
    numbered = " ".join(f"{number}{letter}" for number, letter in enumerate(right, 1))
    assert check(question, parse_choice(numbered, question)).correct


@given(st.permutations(range(4)))
def test_only_the_exact_sequence_is_right(order: list[int]) -> None:
    for question in (ordering(), matching()):
        typed = "".join(OPTION_LETTERS[index] for index in order)
        assert check(question, parse_choice(typed, question)).correct == (list(order) == question.answer)


@pytest.mark.parametrize("steps", [STEPS[:2], [*STEPS, "six", "seven"], [STEPS[0], STEPS[0].upper(), STEPS[1]]])
def test_ordering_needs_three_to_five_distinct_steps(steps: list[str]) -> None:
    with pytest.raises(ValidationError):
        ordering(steps)


@pytest.fixture
def decks(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "valid", tmp_path / "mls-c01")
    other = tmp_path / "mla-c01"
    other.mkdir()
    (other / "deck.yaml").write_text(OTHER_DECK)
    (other / "items.yaml").write_text(OTHER_ITEMS)
    (other / "cases.yaml").write_text(CASES)
    text = (tmp_path / "mls-c01" / "entries.yaml").read_text().replace("exams: [mls-c01]", "exams: [mls-c01, mla-c01]")
    (tmp_path / "mls-c01" / "entries.yaml").write_text(text)
    return tmp_path


def test_a_deck_shares_the_entries_tagged_with_its_exam_in_its_own_domains(decks: Path) -> None:
    kb = load_deck(decks / "mla-c01")
    assert set(kb.entries) == {"kinesis-data-streams", "data-firehose", "recall", "xgboost"}
    assert kb.entries["kinesis-data-streams"].domain == "prep"  # by domain_map
    assert kb.entries["data-firehose"].domain == "ops"  # by entry_domains
    assert kb.info.title("ops") == "Operations" and kb.info.domain("Prep") == "prep"
    assert kb.questions["order-001"].case == "case-one" and kb.cases["case-one"].title == "A retailer's data lake"
    assert load_deck(decks / "mls-c01").entries["kinesis-data-streams"].domain == "data-engineering"  # its own deck is unchanged


def test_a_shared_entry_without_a_domain_mapping_and_an_unknown_case_are_problems(decks: Path) -> None:
    deck = decks / "mla-c01"
    (deck / "deck.yaml").write_text(OTHER_DECK.replace("domain_map: {data-engineering: prep, modeling: ops}", "domain_map: {}"))
    (deck / "items.yaml").write_text(OTHER_ITEMS.replace("case: case-one", "case: case-two"))
    with pytest.raises(DeckError) as caught:
        load_deck(deck)
    text = str(caught.value)
    assert "shared entry 'kinesis-data-streams' is in 'data-engineering', which neither domain_map nor entry_domains maps" in text
    assert "ordering 'order-001' case: no case study 'case-two' in cases.yaml" in text


def test_a_question_in_a_domain_the_deck_lacks_is_a_problem(decks: Path) -> None:
    deck = decks / "mla-c01"
    (deck / "items.yaml").write_text(OTHER_ITEMS.replace("domain: ops", "domain: modeling"))
    with pytest.raises(DeckError, match="matching 'match-001' domain: not one of this deck's domains: prep, ops"):
        load_deck(deck)


def test_a_question_on_an_entry_its_deck_does_not_share_is_a_problem(decks: Path) -> None:
    entries = decks / "mls-c01" / "entries.yaml"
    lines = entries.read_text().splitlines(keepends=True)
    xgboost = next(index for index, line in enumerate(lines) if line.startswith("- id: xgboost"))
    tag = next(index for index in range(xgboost, len(lines)) if "exams:" in lines[index])
    lines[tag] = lines[tag].replace("[mls-c01, mla-c01]", "[mls-c01]")  # XGBoost stays in MLS-C01 alone
    entries.write_text("".join(lines))
    deck = decks / "mla-c01"
    (deck / "items.yaml").write_text(OTHER_ITEMS.replace("tests: [data-firehose]", "tests: [data-firehose, xgboost]"))
    with pytest.raises(DeckError, match=r"matching 'match-001' tests\[1\]: unknown id 'xgboost'"):
        load_deck(deck)
    assert "xgboost" in load_deck(decks / "mls-c01").entries


def test_domain_weights_must_add_up_and_names_must_be_unique(decks: Path) -> None:
    deck = decks / "mla-c01"
    (deck / "deck.yaml").write_text(OTHER_DECK.replace("weight: 40", "weight: 30"))
    with pytest.raises(DeckError, match="domain weights must add up to 100"):
        load_deck(deck)
    (deck / "deck.yaml").write_text(OTHER_DECK.replace("short: ops", "short: prep"))
    with pytest.raises(DeckError, match="domain short names must be unique"):
        load_deck(deck)
