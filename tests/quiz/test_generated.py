"""Invariants over the whole question bank, authored and generated, and the generator's no-second-right-answer rule."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.loader import load_deck
from bot.knowledge.models import Algorithm, Entry, Metric, Question
from bot.matching.text import fold
from bot.quiz.generate import generate_questions
from bot.quiz.guard import Guard
from bot.quiz.similarity import FIT_THRESHOLD, plain
from bot.quiz.templates.algorithm import CONTAINERS, canonical

DECK = Path(__file__).resolve().parents[2] / "knowledge" / "mls-c01"
# Lower bounds a little under what the MLS-C01 deck gives today (525, 41, 8, 15, 15, 40), so a shrinking bank is noticed.
MINIMUM_PER_TEMPLATE = {"usecase": 450, "format": 35, "instances": 6, "formula": 12, "direction": 12, "trap": 36}
_QUOTED_NEED = re.compile(r': "(.+)"\?$')


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_deck(DECK)


@pytest.fixture(scope="module")
def generated(kb: KnowledgeBase) -> list[Question]:
    return generate_questions(kb)


@pytest.fixture(scope="module")
def bank(kb: KnowledgeBase, generated: list[Question]) -> list[Question]:
    return [*kb.questions.values(), *generated]


@pytest.fixture(scope="module")
def guard(kb: KnowledgeBase) -> Guard:
    return Guard(kb)


def template(question: Question) -> str:
    return question.id.split("-")[1]


def wrong_options(question: Question) -> list[str]:
    return [option.text for option in question.options if not option.correct]


def right_option(question: Question) -> str:
    (index,) = question.answer
    return question.options[index].text


# --- every question, authored and generated ---------------------------------------------------------------------


def test_options_are_distinct(bank: list[Question]) -> None:
    for question in bank:
        texts = [" ".join(option.text.casefold().split()) for option in question.options]
        assert len(set(texts)) == len(texts), question.id


def test_answer_indices_are_valid(bank: list[Question]) -> None:
    for question in bank:
        assert question.answer, question.id
        assert all(0 <= index < len(question.options) for index in question.answer), question.id
        assert len(question.answer) < len(question.options), question.id


def test_every_wrong_option_has_a_rationale(bank: list[Question]) -> None:
    for question in bank:
        assert all(option.why and option.why.strip() for option in question.options if not option.correct), question.id


def test_every_tested_entry_exists(kb: KnowledgeBase, bank: list[Question]) -> None:
    for question in bank:
        assert question.tests, question.id
        assert set(question.tests) <= kb.entries.keys(), question.id


def test_ids_are_unique_across_authored_and_generated(kb: KnowledgeBase, generated: list[Question]) -> None:
    ids = Counter([*kb.questions, *(question.id for question in generated)])
    assert [qid for qid, count in ids.items() if count > 1] == []
    assert all(question.id.startswith("gen-") for question in generated)
    assert not any(qid.startswith("gen-") for qid in kb.questions)


def test_every_question_is_tagged_with_exams(kb: KnowledgeBase, bank: list[Question]) -> None:
    known = {exam for entry in kb.entries.values() for exam in entry.exams}
    for question in bank:
        assert question.exams and set(question.exams) <= known, question.id


def test_generated_questions_take_the_tested_entrys_exams_and_domain(kb: KnowledgeBase, generated: list[Question]) -> None:
    for question in generated:
        entry = kb.entries[question.tests[0]]
        assert question.exams == entry.exams and question.domain == entry.domain, question.id


# --- the generator -------------------------------------------------------------------------------------------------


def test_generation_is_deterministic(kb: KnowledgeBase, generated: list[Question]) -> None:
    again = generate_questions(kb)
    assert [question.model_dump() for question in again] == [question.model_dump() for question in generated]


def test_each_template_yields_enough_questions(generated: list[Question]) -> None:
    counts = Counter(template(question) for question in generated)
    for name, minimum in MINIMUM_PER_TEMPLATE.items():
        assert counts[name] >= minimum, f"{name}: {counts[name]} < {minimum}"


def test_generated_questions_have_one_answer(generated: list[Question]) -> None:
    assert all(len(question.answer) == 1 and not question.multiple for question in generated)


def test_right_answers_are_spread_over_positions(generated: list[Question]) -> None:
    shuffled = [question for question in generated if template(question) in ("usecase", "format", "formula")]
    positions = Counter(question.answer[0] for question in shuffled)
    assert len(positions) == 4 and min(positions.values()) > len(shuffled) / 8


# --- no second right answer ----------------------------------------------------------------------------------------


def _lexical_match(need: str, entry: Entry) -> str | None:
    """The brief's check, written independently of the guard: a use case or keyword of the entry fuzzily matches."""
    for text in (*entry.use_cases, *entry.keywords):
        a, b = plain(need), plain(text)
        if a and b and fuzz.token_set_ratio(a, b) >= FIT_THRESHOLD:
            return text
    return None


def test_no_use_case_distractor_also_fits(kb: KnowledgeBase, guard: Guard, generated: list[Question]) -> None:
    for question in (question for question in generated if template(question) == "usecase"):
        need = _QUOTED_NEED.search(question.prompt).group(1)
        answer = kb.entries[question.tests[0]]
        assert kb.find(right_option(question)) is answer, question.id
        assert not guard.similarity.names(need, answer), f"{question.id} gives its answer away"
        for text in wrong_options(question):
            other = kb.find(text)
            assert other is not None and other.id in question.tests, (question.id, text)
            assert _lexical_match(need, other) is None, (question.id, text, _lexical_match(need, other))
            assert f" {fold(other.name)} " not in f" {fold(need)} ", (question.id, text)
            assert guard.conflict(need, answer, other) is None, (question.id, text)


def test_no_use_case_question_is_built_on_a_need_two_entries_list(kb: KnowledgeBase, generated: list[Question]) -> None:
    for question in (question for question in generated if template(question) == "usecase"):
        need = _QUOTED_NEED.search(question.prompt).group(1)
        for entry in kb.entries.values():
            if entry.id != question.tests[0]:
                assert not any(plain(need) == plain(text) for text in entry.use_cases), (question.id, entry.id)


def test_no_format_distractor_is_accepted(kb: KnowledgeBase, generated: list[Question]) -> None:
    for question in (question for question in generated if template(question) == "format"):
        algorithm = kb.entries[question.tests[0]]
        assert isinstance(algorithm, Algorithm)
        accepted = {canonical(fmt) for fmt in algorithm.input_formats}
        assert canonical(right_option(question)) in accepted, question.id
        for text in wrong_options(question):
            assert canonical(text) not in accepted | CONTAINERS, (question.id, text)


def test_no_instance_question_contradicts_the_listing(kb: KnowledgeBase, generated: list[Question]) -> None:
    for question in (question for question in generated if template(question) == "instances"):
        algorithm = kb.entries[question.tests[0]]
        assert isinstance(algorithm, Algorithm) and len(algorithm.training_instances) == 1
        assert right_option(question).casefold().startswith(algorithm.training_instances[0]), question.id


def test_no_formula_distractor_defines_the_metric(kb: KnowledgeBase, generated: list[Question]) -> None:
    for question in (question for question in generated if template(question) == "formula"):
        metric = kb.entries[question.tests[0]]
        assert isinstance(metric, Metric) and right_option(question) == metric.formula
        for text in wrong_options(question):
            assert fold(metric.formula) not in fold(text), (question.id, text)


def test_trap_items_are_true_or_false(kb: KnowledgeBase, generated: list[Question]) -> None:
    for question in (question for question in generated if template(question) == "trap"):
        assert [option.text for option in question.options] == ["True", "False"], question.id
        assert right_option(question) == ("True" if question.id.endswith("-truth") else "False"), question.id


# --- any part of the deck, and the guard itself over arbitrary entries ------------------------------------------


def _part_of_deck(kb: KnowledgeBase, ids: set[str]) -> KnowledgeBase:
    """A smaller deck of the chosen entries, its look-alike links cut where they would point outside it."""
    entries = {
        entry_id: kb.entries[entry_id].model_copy(
            update={"confusable_with": [link for link in kb.entries[entry_id].confusable_with if link.id in ids]}
        )
        for entry_id in sorted(ids)
    }
    return KnowledgeBase(info=kb.info, entries=entries, questions={}, synonyms=kb.synonyms)


@settings(max_examples=10, deadline=None)
@given(data=st.data())
def test_any_part_of_the_deck_gives_sound_questions(kb: KnowledgeBase, data: st.DataObject) -> None:
    ids = data.draw(st.sets(st.sampled_from(sorted(kb.entries)), min_size=1, max_size=80))
    part = _part_of_deck(kb, ids)
    questions = generate_questions(part)
    guard = Guard(part)
    assert len({question.id for question in questions}) == len(questions)
    for question in questions:
        assert set(question.tests) <= ids, question.id
        if template(question) == "usecase":
            need = _QUOTED_NEED.search(question.prompt).group(1)
            answer = part.entries[question.tests[0]]
            assert all(guard.conflict(need, answer, part.find(text)) is None for text in wrong_options(question)), question.id


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_an_entry_that_lists_the_need_is_never_a_distractor(kb: KnowledgeBase, guard: Guard, data: st.DataObject) -> None:
    with_use_cases = [entry for entry in kb.entries.values() if entry.use_cases]
    other = data.draw(st.sampled_from(with_use_cases))
    need = data.draw(st.sampled_from(other.use_cases))
    answer = data.draw(st.sampled_from([entry for entry in kb.entries.values() if entry.id != other.id]))
    assert guard.conflict(need, answer, other) is not None


@settings(max_examples=200, deadline=None)
@given(data=st.data(), before=st.text(max_size=20), after=st.text(max_size=20))
def test_an_entry_named_in_the_need_is_never_a_distractor(
    kb: KnowledgeBase, guard: Guard, data: st.DataObject, before: str, after: str
) -> None:
    other = data.draw(st.sampled_from(list(kb.entries.values())))
    answer = data.draw(st.sampled_from([entry for entry in kb.entries.values() if entry.id != other.id]))
    need = f"{before} {data.draw(st.sampled_from(other.names))} {after}"
    assert guard.conflict(need, answer, other) == "named"
