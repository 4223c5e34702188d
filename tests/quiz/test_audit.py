"""The editorial audit finds what a blind guesser could exploit and what a question must carry."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from bot.cli import main
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.loader import load_deck
from bot.knowledge.questions import Question
from bot.quiz.audit import audit, guessers

FIXTURES = Path(__file__).parents[1] / "knowledge" / "fixtures"
SOURCE = "https://docs.aws.amazon.com/streams/latest/dev/introduction.html"


def make(qid: str, prompt: str, options: list[tuple[str, bool]], **extra: Any) -> Question:
    return Question.model_validate({
        "kind": "question", "id": qid, "exams": ["mls-c01"], "domain": "data-engineering", "difficulty": "medium",
        "prompt": prompt, "explanation": "Because.", "tests": ["kinesis-data-streams"], "source": SOURCE,
        "options": [{"text": text, "correct": right, **({} if right else {"why": "No."})} for text, right in options],
        **extra,
    })


@pytest.fixture(scope="module")
def fixture_kb() -> KnowledgeBase:
    return load_deck(FIXTURES / "valid")


def with_questions(kb: KnowledgeBase, *questions: Question) -> KnowledgeBase:
    return replace(kb, questions={question.id: question for question in questions})


def messages(kb: KnowledgeBase) -> list[str]:
    return [f"{problem.field}: {problem.message}" for problem in audit(kb).problems]


def test_longest_option_guesser_splits_ties() -> None:
    questions = [
        make("q-1", "Pick one for streaming data", [("a much longer right answer", True), ("short", False)]),
        make("q-2", "Pick one for streaming data again", [("same size", True), ("same size!", False), ("tiny", False)]),
        make("q-3", "Another unrelated stem here", [("x", True), ("a longer wrong option", False)]),
    ]
    assert guessers(questions).longest == pytest.approx((1 + 0 + 0) / 3)
    tied = make("q-4", "Tied stem", [("abcd", True), ("efgh", False)])
    assert guessers([tied]).longest == pytest.approx(0.5)


def test_word_overlap_guesser_picks_the_option_echoing_the_stem() -> None:
    echo = make("q-1", "Records must be replayed by several consumers", [("Consumers replay records", True), ("Buffer to S3", False)])
    assert guessers([echo]).overlap == 1.0
    fair = make("q-2", "Records must be replayed by several consumers", [("Kinesis Data Streams", True), ("Data Firehose", False)])
    assert guessers([fair]).overlap == 0.5


def test_multiple_response_questions_are_left_to_the_guessers() -> None:
    two = make("q-1", "Pick two (Choose two)", [("a", True), ("b", True), ("longest wrong one", False)])
    assert guessers([two]).questions == 0


def test_a_right_option_far_longer_than_the_rest_is_a_problem(fixture_kb: KnowledgeBase) -> None:
    long = make("q-1", "Which stream lets many apps replay?", [("Streams, which retain records so consumers re-read them", True),
                                                                ("Firehose", False), ("Lambda", False)])
    assert any("as long as any wrong one" in text for text in messages(with_questions(fixture_kb, long)))
    even = make("q-2", "Which stream lets many apps replay?", [("A retained stream", True), ("A delivery stream", False)])
    assert messages(with_questions(fixture_kb, even)) == []


def test_a_stem_naming_its_answer_is_a_problem_unless_marked(fixture_kb: KnowledgeBase) -> None:
    named = make("q-1", "The team already runs Kinesis Data Streams. Which service replays?",
                 [("Amazon Kinesis Data Streams", True), ("Amazon Data Firehose", False)])
    assert any("names the right answer (Amazon Kinesis Data Streams)" in text for text in messages(with_questions(fixture_kb, named)))
    marked = named.model_copy(update={"names_answer": True})
    assert messages(with_questions(fixture_kb, marked)) == []
    shared = make("q-2", "The team runs Kinesis Data Streams. Which setting lets consumers re-read a week of records?",
                  [("Kinesis Data Streams with 7-day retention", True), ("Kinesis Data Streams with enhanced fan-out", False)])
    assert messages(with_questions(fixture_kb, shared)) == [], "a name every option shares gives nothing away"


def test_near_duplicate_stems_are_a_problem(fixture_kb: KnowledgeBase) -> None:
    one = make("q-1", "A retailer streams clickstream events and needs several applications to replay them", [("a", True), ("b", False)])
    two = make("q-2", "A retailer streams clickstream events and needs several applications to replay them later",
               [("c", True), ("d", False)])
    assert any("nearly the same stem as question 'q-1'" in text for text in messages(with_questions(fixture_kb, one, two)))


def test_missing_source_is_a_problem(fixture_kb: KnowledgeBase) -> None:
    bare = make("q-1", "Which stream replays?", [("a", True), ("b", False)]).model_copy(update={"source": None})
    assert messages(with_questions(fixture_kb, bare)) == ["question 'q-1' source: name the AWS documentation page the answer rests on"]


def test_a_task_must_exist_in_the_deck_and_match_the_domain(tmp_path: Path) -> None:
    deck = tmp_path / "deck"
    deck.mkdir()
    for name in ("deck.yaml", "entries.yaml", "questions.yaml"):
        (deck / name).write_text((FIXTURES / "valid" / name).read_text())
    with (deck / "deck.yaml").open("a") as stream:
        stream.write('tasks:\n  - {id: "1.1", domain: data-engineering, title: Create data repositories}\n'
                     '  - {id: "2.1", domain: modeling, title: Train}\n')
    text = (deck / "questions.yaml").read_text()
    (deck / "questions.yaml").write_text(text.replace("  difficulty: easy\n", '  difficulty: easy\n  task: "2.1"\n'))
    assert main(["kb", "check", str(deck)]) == 1
    (deck / "questions.yaml").write_text(text.replace("  difficulty: easy\n", '  difficulty: easy\n  task: "1.1"\n'))
    assert main(["kb", "check", str(deck)]) == 0


def test_kb_check_prints_the_guesser_figures(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kb", "check", str(FIXTURES / "valid")]) == 0
    out = capsys.readouterr().out
    assert "blind guessers over 1 single-answer questions" in out and "longest option" in out
