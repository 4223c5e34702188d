"""The answer form of ordering and matching questions: within Discord's limits for a modal, labelled as the learner
needs, and read back as an answer the checker takes (or refused in one line)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from bot.discord.answer_forms import AnswerForm, typed_answer
from bot.limits import ANSWER_CHARS
from bot.quiz.checker import AnswerFormatError
from bot.quiz.views import QuestionView

LONG_ITEM = "Give each of three custom consumers its own 2 MB per second of read throughput per shard, with 7 days of replay"


def view(kind: str, items: int = 0) -> QuestionView:
    letters = "ABCDE"[: items or 4]
    options = [(letter, f"Choice {letter}") for letter in letters]
    listed = [LONG_ITEM if number == 1 else f"Item {number}" for number in range(1, items + 1)]
    return QuestionView("mla-q-001", "authored", "prep", "Prep", "Which?", options, len(letters), kind=kind, items=listed,
                        ordered=True, example=" ".join(reversed(letters)))


def form(question: QuestionView) -> dict[str, Any]:
    return AnswerForm("daily:7:answer", question).to_dict()


def submitted(**values: str) -> dict[str, Any]:
    """A submit's data as Discord sends it: each input inside its label."""
    inputs = [{"type": 18, "id": n, "component": {"type": 4, "custom_id": key, "value": value}}
              for n, (key, value) in enumerate(values.items())]
    return {"custom_id": "daily:7:answer", "components": [{"type": 10, "id": 99}, *inputs]}


def test_an_ordering_form_has_the_steps_and_one_input_for_the_order() -> None:
    payload = form(view("ordering"))
    assert payload["custom_id"] == "daily:7:answer" and payload["title"] == "Put the steps in order"
    reminder, order = payload["components"]
    assert reminder == {"type": 10, "content": "**A.** Choice A\n**B.** Choice B\n**C.** Choice C\n**D.** Choice D"}
    assert order["label"] == "Order, first step first"
    assert order["component"]["custom_id"] == "order" and order["component"]["placeholder"] == "D C B A"
    assert (order["component"]["min_length"], order["component"]["max_length"]) == (4, ANSWER_CHARS)


@pytest.mark.parametrize("items", [3, 5])
def test_a_matching_form_has_one_labelled_one_letter_input_per_item(items: int) -> None:
    payload = form(view("matching", items))
    assert payload["title"] == "Match each item to a letter" and len(payload["title"]) <= 45
    labels = [component for component in payload["components"] if component["type"] == 18]
    assert len(payload["components"]) <= 5 and len(labels) == items
    assert (payload["components"][0]["type"] == 10) == (items < 5)  # the choices above the inputs, when there is room
    first, second, *_ = labels
    assert len(first["label"]) <= 45 and first["label"].startswith("1. Give each of three") and first["label"].endswith("…")
    assert len(first["description"]) <= 100 and first["description"].startswith(LONG_ITEM[:60])
    assert second["label"] == "2. Item 2" and "description" not in second  # nothing cut, nothing repeated
    letters = "ABCDE"[:items]
    for number, label in enumerate(labels, 1):
        control = label["component"]
        assert control["custom_id"] == f"item:{number}" and (control["min_length"], control["max_length"]) == (1, 1)
        listed = "One of A Choice A, B Choice B, C Choice C, D Choice D, E Choice E"
        assert control["placeholder"] == (listed if items == 5 else f"One letter, A to {letters[-1]}")


def test_five_items_list_the_choices_in_each_placeholder_only_when_they_fit() -> None:
    long = replace(view("matching", 5), options=[(letter, f"{LONG_ITEM[:30]} {letter}") for letter in "ABCDE"])
    placeholders = {label["component"]["placeholder"] for label in form(long)["components"]}
    assert placeholders == {"One letter, A to E"}


def test_a_submit_reads_back_as_the_checkers_answer() -> None:
    assert typed_answer(submitted(order="c, a, d, b")) == "c, a, d, b"
    assert typed_answer(submitted(order="C" * 500)) == "C" * ANSWER_CHARS  # a modified client's long text is cut
    assert typed_answer(submitted(**{"item:2": "a", "item:1": " C ", "item:3": "B"})) == "C a B"  # in item order
    legacy = {"components": [{"type": 1, "components": [{"type": 4, "custom_id": "order", "value": "BA"}]}]}
    assert typed_answer(legacy) == "BA"  # inputs in action rows read the same


@pytest.mark.parametrize("values", [{"item:1": "AB", "item:2": "C"}, {"item:1": "", "item:2": "C"}, {}])
def test_a_matching_submit_without_one_letter_an_item_is_refused_in_one_line(values: dict[str, str]) -> None:
    with pytest.raises(AnswerFormatError, match=r"^Type one letter for each item\.$"):
        typed_answer(submitted(**values))
