"""Layer 1: a daily ordering or matching question in simcord (the MLA-C01 deck), answered in the form its Answer
button opens: privately, once, after a restart too, acknowledged before the answer is stored, and closed with the
right order (or matches) spelled out."""

from __future__ import annotations

import discord
import pytest
import simcord

from bot.app.deck import Deck
from bot.app.library import StudyApps
from bot.app.study import StudyApp
from bot.config import DiscordSettings
from bot.discord.client import create_bot
from bot.knowledge.questions import QuestionBase
from bot.quiz.bank import QuestionBank
from bot.quiz.checker import example
from bot.store.store import Store
from tests.e2e.daily_world import HOUR, HOURLY, World, controls, fields, posted, reply, the_post
from tests.e2e.forms import TEXT_DISPLAY, answer_in_form, filled, first_of_kind, inputs, mla_app, right_answer, wrong_answer
from tests.e2e.test_acknowledge_scenarios import StalledDisk

pytestmark = pytest.mark.usefixtures("nothing_logged_as_an_error")
SETTINGS = HOURLY


@pytest.fixture
def question(request: pytest.FixtureRequest, shipped_mla: Deck) -> QuestionBase:
    """The daily question: the deck's first ordering question, or with `parametrize(..., indirect=True)` another kind."""
    return first_of_kind(shipped_mla, getattr(request, "param", "ordering"))


@pytest.fixture
def study_app(shipped_mla: Deck, store: Store, question: QuestionBase) -> StudyApps:
    """The MLA-C01 app whose bank holds only `question`, so that it is the one posted."""
    return mla_app(shipped_mla, store, QuestionBank({question.id: question}, {}))


def shown_options(world: World, question: QuestionBase) -> list[tuple[str, str]]:
    return [(letter, text) for letter, text in zip("ABCDE", question.choices, strict=False)]


async def test_an_ordering_question_is_answered_in_a_form_privately_and_once(world: World, question: QuestionBase) -> None:
    post = await posted(world)
    description = post.embeds[0].description or ""
    assert question.prompt[:60] in description
    for letter, step in shown_options(world, question):
        assert f"**{letter}.** {step}" in description
    assert "*Put the steps in order: answer with their letters, first step first.*" in description
    assert "Click **Answer** below to type yours." in description
    [button] = controls(post)  # no letter buttons: a click cannot say an order
    assert (button["label"], button["custom_id"]) == ("Answer", "daily:1:answer")

    opened = await world.alice.click(post, label="Answer")
    form = opened.modal
    assert form and form["title"] == "Put the steps in order" and form["custom_id"] == "daily:1:answer"
    reminder, order = form["components"]  # the steps again, since the form covers the post on a phone
    assert reminder["type"] == TEXT_DISPLAY and f"**A.** {question.choices[0]}" in reminder["content"]
    assert order["label"] == "Order, first step first" and order["component"]["placeholder"] == example(question)
    right, wrong = right_answer(question), wrong_answer(question)
    good = reply(await world.alice.submit_modal(opened, {"order": ", ".join(right).lower()}))
    assert good.title == "Right!" and "+10 points · streak 1" in (good.description or "")

    unreadable = reply(await world.bob.submit_modal(await world.bob.click(post, label="Answer"), {"order": "A B C"}))
    assert (unreadable.description or "").startswith("Give every letter") and "\n" not in (unreadable.description or "")
    bad = reply(await answer_in_form(world.bob, post, wrong))
    assert bad.title == "Not quite" and f"You chose **{wrong}**; the answer is **{right}**." in (bad.description or "")
    again = reply(await answer_in_form(world.alice, post, wrong))
    assert (again.description or "").startswith(f"You already answered **{right}**")
    assert the_post(world.channel).embeds[0].to_dict() == post.embeds[0].to_dict()  # nothing shows in the channel


async def test_a_form_opened_before_a_restart_is_answered_after_it(
    world: World, question: QuestionBase, study_app: StudyApp, store: Store, settings: DiscordSettings
) -> None:
    post = await posted(world)
    opened = await world.alice.click(post, label="Answer")
    assert opened.modal
    await world.env.restart_bot(create_bot(study_app, store, settings))  # nothing of the form was kept in memory
    assert reply(await world.alice.submit_modal(opened, filled(opened.modal, right_answer(question)))).title == "Right!"
    assert reply(await answer_in_form(world.bob, the_post(world.channel), right_answer(question))).title == "Right!"


async def test_the_form_is_opened_without_a_write_and_its_answer_acknowledged_before_one(
    world: World, question: QuestionBase, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    post = await posted(world)
    disk = StalledDisk(world.env, store, monkeypatch)
    disk.stall()
    opened = await world.alice.click(post, label="Answer")  # a write here would park the click with no form shown
    assert opened.modal and not opened.deferred
    submitted = await disk.acknowledged_first(world.alice.submit_modal(opened, filled(opened.modal, right_answer(question))))
    assert reply(submitted).title == "Right!"


@pytest.mark.parametrize("question", ["matching"], indirect=True)
async def test_a_matching_question_shows_its_items_and_takes_a_letter_for_each(world: World, question: QuestionBase) -> None:
    post = await posted(world)
    description = post.embeds[0].description or ""
    for number, item in enumerate(question.items, 1):
        assert f"**{number}.** {item}" in description
    assert "*Match each numbered item: answer with one letter per item, in the items' order.*" in description

    opened = await world.alice.click(post, label="Answer")
    form = opened.modal
    assert form and form["title"] == "Match each item to a letter"
    labels = inputs(form)
    assert len(labels) == len(question.items) <= 5
    for number, (label, item) in enumerate(zip(labels, question.items, strict=True), 1):
        assert label["label"].startswith(f"{number}. ") and len(label["label"]) <= 45
        assert item.startswith(label["label"][3:].rstrip("…"))
        if len(item) > 42:  # cut in the label: the description carries the item further
            assert label["description"].rstrip("…") in item and len(label["description"]) <= 100
        assert (label["component"]["min_length"], label["component"]["max_length"]) == (1, 1)
    wrong = wrong_answer(question)
    assert reply(await world.alice.submit_modal(opened, filled(form, wrong))).title == "Not quite"
    with pytest.raises(simcord.SetupError, match="max_length"):  # Discord takes one letter an item
        await world.bob.submit_modal(await world.bob.click(post, label="Answer"), filled(form, right_answer(question)) | {"item:1": "AB"})
    assert reply(await answer_in_form(world.bob, post, right_answer(question))).title == "Right!"


@pytest.mark.parametrize("question", ["ordering", "matching"], indirect=True)
async def test_the_closing_spells_out_the_answer_and_how_many_had_all_of_it(world: World, question: QuestionBase) -> None:
    await world.set_up(open_hours=2)
    await world.env.advance_time(0.5 * HOUR)
    await world.ada.slash(world.channel, "daily now")  # posted at 00:30, closed at 02:30, shown closed at 03:00
    post = the_post(world.channel)
    right = right_answer(question)
    await answer_in_form(world.alice, post, right)
    await answer_in_form(world.bob, post, wrong_answer(question))

    await world.env.advance_time(2.25 * HOUR)
    late = reply(await world.member("carol").click(post, label="Answer"))  # no form for a closed question
    assert late.description == f"This question is closed; the answer was **{right}**."
    await world.env.advance_time(0.25 * HOUR)
    closed = the_post(world.channel)
    shown = fields(closed.embeds[0])
    choices = dict(zip("ABCDE", question.choices, strict=False))
    heading = "The right order" if question.kind == "ordering" else "The right matches"
    first, *lines = shown[heading].splitlines()
    assert first == f"**{right}**" and len(lines) == len(right)
    if question.kind == "ordering":
        assert lines[0] == f"1. **{right[0]}** {choices[right[0]]}"
    else:
        assert lines[0].startswith("1. ") and lines[0].endswith(f" → **{right[0]}** {choices[right[0]]}")
    whole = "The whole order right" if question.kind == "ordering" else "Every item matched right"
    assert shown["2 people answered"] == f"{whole}: █████░░░░░ 50% (1)"
    assert "✅" not in (closed.embeds[0].description or "")  # every letter is in the answer: ticks would say nothing
    [button] = controls(closed)
    assert button["disabled"] and button["label"] == f"Closed · the answer was {right}"
    assert button["style"] == discord.ButtonStyle.secondary.value
