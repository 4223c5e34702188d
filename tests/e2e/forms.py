"""What the answer-form scenarios share: the MLA-C01 deck's ordering and matching questions, the app over that deck,
and filling in a form the way a learner does."""

from __future__ import annotations

from typing import Any

import simcord

from bot.app.deck import Deck
from bot.app.learning import Learning
from bot.app.library import StudyApps
from bot.app.study import StudyApp
from bot.knowledge.questions import OPTION_LETTERS, QuestionBase
from bot.quiz.bank import QuestionBank
from bot.quiz.checker import answer_letters
from bot.store.store import Store
from tests.conftest import one_exam
from tests.e2e.conftest import SimClock

TEXT_DISPLAY, LABEL = 10, 18


def first_of_kind(mla: Deck, kind: str, *, items: int | None = None) -> QuestionBase:
    """The deck's first question of `kind` by id (with that many items, for a matching question)."""
    return min(
        (question for question in mla.kb.questions.values() if question.kind == kind and items in (None, len(question.items))),
        key=lambda question: question.id,
    )


def mla_app(mla: Deck, store: Store, bank: QuestionBank | None = None) -> StudyApps:
    """The whole app over the MLA-C01 deck (its bank, or `bank`) and this test's database, on simulated time."""
    return StudyApps.of(StudyApp(mla.kb, Learning(one_exam(mla.kb, bank or mla.bank), store, SimClock()), mla.asker()))


def right_answer(question: QuestionBase) -> str:
    return answer_letters(question)


def wrong_answer(question: QuestionBase) -> str:
    """For an ordering or matching question every letter once, but the right answer turned by one; for a choice
    question as many letters as it wants, one of them wrong."""
    right = right_answer(question)
    if question.ordered:
        return right[1:] + right[0]
    wrong = next(letter for letter in OPTION_LETTERS[: len(question.choices)] if letter not in right)
    return "".join(sorted(wrong + right[1:]))


def inputs(form: dict[str, Any]) -> list[dict[str, Any]]:
    """The form's labelled inputs, in order (the text display of the choices left out)."""
    return [component for component in form["components"] if component["type"] == LABEL]


def filled(form: dict[str, Any], letters: str) -> dict[str, str]:
    """The form filled in with `letters`: typed with spaces in an ordering question's one input, one a matching item."""
    fields = [label["component"]["custom_id"] for label in inputs(form)]
    if fields == ["order"]:
        return {"order": " ".join(letters)}
    return dict(zip(fields, letters, strict=True))


async def answer_in_form(
    actor: simcord.MemberActor | simcord.UserHandle, message: Any, letters: str
) -> simcord.InteractionResult:
    """Click Answer on `message`, fill the form in with `letters` and submit it."""
    opened = await actor.click(message, label="Answer")
    assert opened.modal is not None, "the Answer button did not open a form"
    return await actor.submit_modal(opened, filled(opened.modal, letters))
