"""A query that only points at a question it does not hold is told to give the question, not matched."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.app.ask import Asker, UnseenQuestion
from bot.knowledge.loader import load_deck
from bot.matching.unseen import asks_about_unseen_question

SHIPPED = Path(__file__).parents[2] / "knowledge"


@pytest.mark.parametrize(
    "query",
    ["what does this test?", "is the answer B?", "explain this question", "which option is correct?", "why is B right?",
     "what is this one about?", "Which service is this question about?", "correct answer?"],
)
def test_pointing_at_a_question_is_recognised(query: str) -> None:
    assert asks_about_unseen_question(query)


@pytest.mark.parametrize(
    "query",
    ["what is the right metric for imbalanced data?", "explain A/B testing", "is it Comprehend?", "which one?",
     "what does this test? Amazon Transcribe converts the calls to text", "Which is correct? A. Ground Truth B. Rekognition",
     "answer questions from our own documents"],
)
def test_a_query_with_something_of_its_own_is_not(query: str) -> None:
    assert not asks_about_unseen_question(query)


@pytest.mark.parametrize("deck", ["mls-c01", "mla-c01"])
def test_no_name_use_case_or_question_of_a_shipped_deck_is_taken_for_one(deck: str) -> None:
    kb = load_deck(SHIPPED / deck)
    texts = [question.prompt for question in kb.questions.values()]
    texts += [text for entry in kb.entries.values() for text in [*entry.names, *entry.use_cases]]
    assert [text for text in texts if asks_about_unseen_question(text)] == []


def test_the_asker_asks_for_the_question_instead_of_guessing(asker: Asker) -> None:
    result = asker.ask("@StudyBot what does this test?")
    assert result.outcome == UnseenQuestion() and result.ranking == []
