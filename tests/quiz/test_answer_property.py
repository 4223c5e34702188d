"""Every question in the bank, authored or generated, is marked right exactly for its right set of options."""

from __future__ import annotations

import json
import subprocess
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.app.deck import Deck
from bot.knowledge.questions import OPTION_LETTERS
from bot.quiz.bank import QuestionBank
from bot.quiz.checker import AnswerFormatError, answer_letters, check, parse_choice


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_checker_agrees_with_the_data(bank: QuestionBank, data: st.DataObject) -> None:
    question = data.draw(st.sampled_from(bank.all()))
    letters = OPTION_LETTERS[: len(question.options)]
    picked = data.draw(st.sets(st.sampled_from(letters), min_size=1, max_size=len(letters)))
    separator = data.draw(st.sampled_from(["", " ", ",", " and ", ", "]))
    text = separator.join(data.draw(st.permutations(sorted(picked))))
    text = text.lower() if data.draw(st.booleans()) else text
    try:
        chosen = parse_choice(text, question)
    except AnswerFormatError:
        assert len(picked) != len(question.answer)
        return
    expected = {letters.index(letter) for letter in picked} == set(question.answer)
    assert check(question, chosen).correct is expected
    marked = [index for index, option in enumerate(question.options) if option.correct]
    assert marked == question.answer


def test_every_question_is_answerable_only_by_its_right_set(bank: QuestionBank) -> None:
    for question in bank.all():
        right = "".join(OPTION_LETTERS[index] for index in question.answer)
        assert check(question, parse_choice(right, question)).correct, question.id
        for index in range(len(question.options)):
            if index in question.answer:
                continue
            swapped = sorted([*question.answer[1:], index])
            assert not check(question, parse_choice("".join(OPTION_LETTERS[i] for i in swapped), question)).correct


def test_quiz_sample_cli_prints_reproducible_json_lines() -> None:
    command = [sys.executable, "-m", "bot", "quiz", "sample", "--count", "5", "--seed", "7", "--json"]
    first = subprocess.run(command, capture_output=True, text=True, check=True, timeout=120).stdout.splitlines()
    assert first == subprocess.run(command, capture_output=True, text=True, check=True, timeout=120).stdout.splitlines()
    rows = [json.loads(line) for line in first]
    assert len(rows) == 5
    for row in rows:
        assert set(row) >= {"id", "kind", "domain", "prompt", "options", "answer", "explanation", "rationales", "entries"}
        assert row["kind"] in ("authored", "drill") and len(row["rationales"]) == len(row["options"])
        assert row["answer"] and all(0 <= index < len(row["options"]) for index in row["answer"])
    bad = subprocess.run([*command[:5], "--count", "0", "--json"], capture_output=True, text=True, timeout=120)
    assert bad.returncode == 1 and "--count must be between 1 and" in bad.stderr


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_the_mla_decks_ordering_and_matching_questions_take_only_their_exact_answer(shipped_mla: Deck, data: st.DataObject) -> None:
    """The shipped ordering and matching questions, answered with any arrangement of their letters: right exactly when
    every step is in place (every item matched), whatever the spacing or case."""
    sequenced = [question for question in shipped_mla.kb.questions.values() if question.ordered]
    question = data.draw(st.sampled_from(sequenced))
    letters = OPTION_LETTERS[: len(question.choices)]
    size = len(question.answer)
    picked = data.draw(st.lists(st.sampled_from(letters), min_size=size, max_size=size, unique=not question.items))
    text = data.draw(st.sampled_from(["", " ", ","])).join(picked)
    text = text.lower() if data.draw(st.booleans()) else text
    try:
        chosen = parse_choice(text, question)
    except AnswerFormatError:
        assert len(set(picked)) < len(picked)  # only a letter given twice is refused outright
        return
    assert check(question, chosen).correct is ([letters.index(letter) for letter in picked] == question.answer)
    assert check(question, parse_choice(answer_letters(question), question)).correct
