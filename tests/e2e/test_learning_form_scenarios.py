"""Layer 1: ordering and matching questions (the MLA-C01 deck) in private practice and the mock exam, answered in the
form their Answer button opens: edited in place, a bad answer told in one private line, stale and foreign forms
refused, a restart survived; and a case study shown above its question."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import discord
import pytest
import simcord

from bot.app.deck import Deck
from bot.app.learning import Learning
from bot.app.library import StudyApps
from bot.config import DiscordSettings
from bot.discord.client import create_bot
from bot.knowledge.questions import QuestionBase
from bot.quiz.snapshot import freeze
from bot.quiz.views import KIND_HINTS
from bot.store.store import Store
from tests.conftest import FakeClock
from tests.e2e.forms import TEXT_DISPLAY, answer_in_form, filled, first_of_kind, inputs, mla_app, right_answer, wrong_answer
from tests.e2e.test_learning_scenarios import World as LearningWorld
from tests.e2e.test_learning_scenarios import buttons, embeds_of

MINUTE = 60.0
pytestmark = [
    pytest.mark.usefixtures("nothing_logged_as_an_error"),
    pytest.mark.parametrize("settings", [DiscordSettings(scheduler_interval_seconds=10 * MINUTE)], indirect=True),
]


@pytest.fixture
def study_app(shipped_mla: Deck, store: Store) -> StudyApps:
    return mla_app(shipped_mla, store)


@dataclass
class World(LearningWorld):
    alice_user: simcord.UserHandle  # alice outside the guild: her DMs, where the exam runs


@pytest.fixture
def world(simcord_env: simcord.Env) -> World:
    guild = simcord_env.create_guild("Study Group")
    alice_user = simcord_env.create_user("alice")
    alice, bob = guild.add_member(alice_user), guild.add_member(simcord_env.create_user("bob"))
    return World(simcord_env, guild, guild.create_text_channel("general"), alice, bob, alice_user)


def question_id(embed: discord.Embed) -> str:
    match = re.search(r"question (\S+)$", embed.footer.text or "")
    assert match, embed.footer.text
    return match[1]


async def make_due(world: World, actor: simcord.MemberActor, *questions: QuestionBase) -> None:
    """Cards for `questions` that are due now, as misses yesterday leave them: the next session starts with them."""
    learning = world.learning
    past = Learning(learning.courses, learning.store, FakeClock(world.env.now() - timedelta(days=1)))
    for question in questions:
        session = await past.store.sessions.start(
            actor.id, actor.name, [question.id], past.clock.now(), questions=[freeze(question)], exam=past.courses.default
        )
        await past.practice.answer(session.session_id, actor.id, wrong_answer(question))


# ---------------------------------------------------------------- practice


def assert_shown(question: QuestionBase, embed: discord.Embed, form: dict[str, Any]) -> None:
    """The practice question's embed shows a matching question's items and says how to answer; its form has one
    input per item (with the choices above them when there is room) or one for the order."""
    description = embed.description or ""
    assert all(f"**{number}.** {item}" in description for number, item in enumerate(question.items, 1))
    assert f"*{KIND_HINTS[question.kind]}.*" in description
    assert (embed.footer.text or "").startswith("Click Answer to type yours · question ")
    assert len(inputs(form)) == max(len(question.items), 1)
    assert (form["components"][0]["type"] == TEXT_DISPLAY) == (len(question.items) < 5)


async def test_practice_takes_ordering_and_matching_answers_in_a_form_and_edits_in_place(world: World, shipped_mla: Deck) -> None:
    ordering, matching = first_of_kind(shipped_mla, "ordering"), first_of_kind(shipped_mla, "matching", items=4)
    await make_due(world, world.alice, ordering, matching)
    started = await world.alice.slash(world.channel, "practice", count=2)
    message = started.response
    assert message
    first = shipped_mla.kb.questions[question_id(message.embeds[0])]
    assert buttons(message) == {"Answer": True}  # no letter buttons: clicks cannot say an order

    opened = await world.alice.click(message, label="Answer")
    assert opened.modal and re.fullmatch(r"practice:\d+:1:answer", opened.modal["custom_id"])
    assert_shown(first, message.embeds[0], opened.modal)
    same_letter = filled(opened.modal, "A" * len(first.choices))  # the right size, the same letter throughout
    [unread] = (await world.alice.submit_modal(opened, same_letter)).followups
    assert unread.ephemeral and unread.content.startswith("Give every letter") and not unread.embeds
    assert (message.embeds[0].title or "").startswith("Practice 1/2")  # the question stays

    result = await answer_in_form(world.alice, message, right_answer(first))
    assert result.deferred and result.response and result.response.id == message.id  # the same private message, edited
    feedback, second = embeds_of(result)
    assert feedback.title == "Right!" and (second.title or "").startswith("Practice 2/2")
    other = shipped_mla.kb.questions[question_id(second)]
    assert {first.id, other.id} == {ordering.id, matching.id}

    opened = await world.alice.click(message, label="Answer")
    assert opened.modal
    assert_shown(other, second, opened.modal)
    wrong = wrong_answer(other)
    feedback, summary = embeds_of(await world.alice.submit_modal(opened, filled(opened.modal, wrong)))
    assert f"You chose **{wrong}**; the answer is **{right_answer(other)}**." in (feedback.description or "")
    assert summary.title == "Session over: 1/2 right" and message.components == []


async def test_a_practice_form_for_a_step_already_answered_is_refused_with_the_current_question(
    world: World, shipped_mla: Deck, store: Store, settings: DiscordSettings
) -> None:
    orderings = (question for question in shipped_mla.kb.questions.values() if question.kind == "ordering")
    first, second = sorted(orderings, key=lambda q: q.id)[:2]
    await make_due(world, world.alice, first, second)
    message = (await world.alice.slash(world.channel, "practice", count=2)).response
    assert message
    early = await world.alice.click(message, label="Answer")
    assert early.modal
    await world.env.restart_bot(create_bot(mla_app(shipped_mla, store), store, settings))  # the form outlives the process
    shown = shipped_mla.kb.questions[question_id(message.embeds[0])]
    await answer_in_form(world.alice, message, right_answer(shown))

    [stale] = (await world.alice.submit_modal(early, filled(early.modal, right_answer(shown)))).followups
    assert stale.ephemeral and stale.content == "You already answered question 1; this session is now at question 2."
    assert (stale.embeds[0].title or "").startswith("Practice 2/2")

    copy = await world.public_copy(message)  # bob can reach alice's Answer button only through a copy
    [refused] = (await world.bob.click(copy, label="Answer")).followups
    assert refused.ephemeral and refused.content.startswith("That practice session is not yours")


async def test_a_case_study_question_shows_its_scenario_above_the_prompt(world: World, shipped_mla: Deck) -> None:
    question = next(question for question in sorted(shipped_mla.kb.questions.values(), key=lambda q: q.id) if question.case)
    case = shipped_mla.kb.cases[question.case or ""]
    await make_due(world, world.alice, question)
    message = (await world.alice.slash(world.channel, "practice", count=1)).response
    assert message
    description = message.embeds[0].description or ""
    assert description.startswith(f"**Case study: {case.title}**\n> {case.scenario.split()[0]}")
    assert description.index(case.scenario[-40:].strip()) < description.index(question.prompt[:40])
    assert len(description) <= 4096


# ---------------------------------------------------------------- the mock exam


def exam_message(user: simcord.UserHandle) -> discord.Message:
    message = user.dm_channel.last_message
    assert message is not None
    return message


def controls(message: discord.Message) -> list[discord.Button]:
    return [child for row in message.components for child in row.children if isinstance(child, discord.Button)]  # type: ignore[attr-defined]


def title(message: discord.Message) -> str:
    return message.embeds[0].title or ""


async def go_to(user: simcord.UserHandle, title_start: str) -> discord.Message:
    """Click Next until the exam (or its review) shows the question whose title starts so."""
    while not title(exam_message(user)).startswith(title_start):
        await user.click(exam_message(user), label="Next ▶")
    return exam_message(user)


async def test_the_exam_takes_ordering_and_matching_answers_in_a_form_and_reviews_them(
    world: World, shipped_mla: Deck, store: Store, settings: DiscordSettings
) -> None:
    await world.alice.slash(world.channel, "exam start")
    user = world.alice_user
    record = await store.exams.open_for(world.alice.id)
    assert record
    items = reversed(await store.exams.items(record.exam_id))
    kinds = {shipped_mla.kb.questions[item.question_id].kind: item.position + 1 for item in items}
    (first_kind, first), (second_kind, second) = sorted(((kind, kinds[kind]) for kind in ("ordering", "matching")), key=lambda p: p[1])

    screen = await go_to(user, f"MLA-C01 mock exam · question {first}/")
    question = shipped_mla.kb.questions[question_id(screen.embeds[0])]
    assert question.kind == first_kind and "click Answer to type yours" in (screen.embeds[0].footer.text or "")
    assert controls(exam_message(user))[0].label == "Answer"
    opened = await user.click(screen, label="Answer")
    assert opened.modal and opened.modal["custom_id"] == f"exam:{record.exam_id}:{first}:answer"
    [unread] = (await user.submit_modal(opened, filled(opened.modal, "A" * len(question.choices)))).followups
    assert unread.ephemeral and unread.content.startswith("Give every letter")
    assert "Your answer" not in (exam_message(user).embeds[0].description or "")
    wrong = wrong_answer(question)
    await answer_in_form(user, exam_message(user), wrong)
    assert f"Your answer: **{wrong}** (click Answer again to change it)" in (exam_message(user).embeds[0].description or "")
    assert controls(exam_message(user))[0].style is discord.ButtonStyle.success

    channel = world.bot.get_channel(world.channel.id)  # bob can reach alice's exam only through a copy in the guild
    assert isinstance(channel, discord.TextChannel)
    copy = await channel.send("copy", view=discord.ui.View.from_message(exam_message(user), timeout=None))
    [refused] = (await world.bob.click(copy, label="Answer")).followups
    assert refused.ephemeral and refused.content.startswith("That exam is not yours")

    matched = shipped_mla.kb.questions[question_id((await go_to(user, f"MLA-C01 mock exam · question {second}/")).embeds[0])]
    assert matched.kind == second_kind
    await world.env.restart_bot(create_bot(mla_app(shipped_mla, store), store, settings))  # nothing in memory: the exam is stored
    await answer_in_form(user, exam_message(user), right_answer(matched))
    assert f"Your answer: **{right_answer(matched)}**" in (exam_message(user).embeds[0].description or "")

    await user.click(exam_message(user), label="Submit")
    await user.click(exam_message(user), label="Submit anyway")
    await user.click(exam_message(user), label="Review the questions ▶")
    review = await go_to(user, f"Question {first}/")
    assert title(review).endswith(f"❌ you chose {wrong}, the answer is {right_answer(question)}")
    heading = "The right order" if first_kind == "ordering" else "The right matches"
    fields = {field.name: field.value or "" for field in review.embeds[0].fields}
    assert list(fields) == [heading, "Why"] and fields[heading].startswith(f"**{right_answer(question)}**\n1. ")
    review = await go_to(user, f"Question {second}/")
    assert title(review).endswith("✅ right") and "The wrong options" not in {field.name for field in review.embeds[0].fields}
