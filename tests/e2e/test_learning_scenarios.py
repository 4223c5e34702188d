"""Layer 1: practice, stats, the leaderboard and /forgetme, driven in simcord the way learners drive them."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import discord
import pytest
import simcord

from bot.app.learning import Learning
from bot.discord.errors import APOLOGY
from bot.knowledge.models import Domain
from bot.knowledge.questions import OPTION_LETTERS, Question
from bot.quiz.snapshot import freeze
from tests.conftest import FakeClock
from tests.e2e.world import BaseWorld, seen

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@dataclass
class World(BaseWorld):
    alice: simcord.MemberActor
    bob: simcord.MemberActor

    async def public_copy(self, message: simcord.ResponseMessage) -> discord.Message:
        """The bot posts a private message's buttons where anyone can click them: the only way for another member
        to reach custom_ids made for someone else (Discord shows an ephemeral message to its owner alone)."""
        channel = self.bot.get_channel(self.channel.id)
        assert isinstance(channel, discord.TextChannel)
        return await channel.send("copy", view=discord.ui.View.from_message(message.message, timeout=None))


@pytest.fixture
def world(simcord_env: simcord.Env) -> World:
    guild = simcord_env.create_guild("Study Group")
    alice = guild.add_member(simcord_env.create_user("alice"))
    bob = guild.add_member(simcord_env.create_user("bob"))
    return World(simcord_env, guild, guild.create_text_channel("general"), alice, bob)



def embeds_of(result: simcord.InteractionResult) -> list[discord.Embed]:
    assert result.response is not None
    return result.response.embeds


def buttons(message: simcord.ResponseMessage) -> dict[str, bool]:
    """Each button's label and whether it can be clicked."""
    return {child["label"]: not child.get("disabled") for row in message.components for child in row["components"]}


# ---------------------------------------------------------------- practice


def shown_question(learning: Learning, embed: discord.Embed) -> Question:
    """The question an embed shows, by the id in its footer."""
    match = re.search(r"question (\S+)$", embed.footer.text or "")
    assert match, embed.footer.text
    question = learning.courses.get().bank.get(match[1])
    assert question is not None
    return question


def letters_for(question: Question, right: bool) -> list[str]:
    wanted = [index for index, option in enumerate(question.options) if option.correct == right]
    return [OPTION_LETTERS[index] for index in wanted[: len(question.answer)]]


async def answer(world: World, actor: simcord.MemberActor, message: simcord.ResponseMessage, right: bool) -> simcord.InteractionResult:
    """Click the right (or a wrong) option of the question on `message`, with the menu for a "choose two" question."""
    question = shown_question(world.learning, message.embeds[-1])
    chosen = letters_for(question, right)
    if len(question.answer) > 1:
        return await actor.select(message, chosen)
    return await actor.click(message, label=chosen[0])


async def test_a_practice_session_from_first_question_to_summary(world: World) -> None:
    started = await world.alice.slash(world.channel, "practice", domain="modeling", count=3)
    assert started.ephemeral and started.response
    message = started.response
    first = message.embeds[0]
    assert first.title == "Practice 1/3 · Modeling"
    assert "**A.** " in (first.description or "")
    missed = shown_question(world.learning, first)

    wrong = await answer(world, world.alice, message, right=False)
    feedback, second = embeds_of(wrong)
    assert wrong.response and wrong.response.id == message.id  # the same private message, edited in place
    assert feedback.title == "Not quite"
    assert f"the answer is **{''.join(letters_for(missed, True))}**" in (feedback.description or "")
    assert missed.explanation[:40] in (feedback.description or "")
    assert second.title == "Practice 2/3 · Modeling"

    right = await answer(world, world.alice, message, right=True)
    feedback, third = embeds_of(right)
    assert feedback.title == "Right!" and third.title == "Practice 3/3 · Modeling"

    last = await answer(world, world.alice, message, right=True)
    feedback, summary = embeds_of(last)
    assert summary.title == "Session over: 2/3 right"
    fields = {field.name: field.value or "" for field in summary.fields}
    missed_entry = world.learning.courses.get().kb.entries[missed.tests[0]].name
    assert missed_entry in fields["Missed"] and missed_entry in fields["Study next"]
    assert "/practice" in (summary.footer.text or "")
    assert message.components == []  # nothing left to click


async def test_a_choose_two_question_is_answered_with_a_two_option_menu(world: World) -> None:
    two = next(question for question in world.learning.courses.get().bank.all() if len(question.answer) == 2)
    await make_due(world, world.alice, two)
    message = (await world.alice.slash(world.channel, "practice", count=1)).response
    assert message and shown_question(world.learning, message.embeds[0]) == two
    [[menu]] = [row["components"] for row in message.components]
    assert (menu["min_values"], menu["max_values"]) == (2, 2)
    assert [option["value"] for option in menu["options"]] == list(OPTION_LETTERS[: len(two.options)])
    with pytest.raises(simcord.SetupError, match="between 2 and 2"):
        await world.alice.select(message, letters_for(two, True)[:1])

    result = await world.alice.select(message, letters_for(two, True))
    feedback, summary = embeds_of(result)
    assert feedback.title == "Right!" and summary.title == "Session over: 1/1 right"


def yesterday(world: World) -> Learning:
    """The learning layer over the bot's database, on a clock a day behind the simulation: history to build on."""
    learning = world.learning
    return Learning(learning.courses, learning.store, FakeClock(world.env.now() - timedelta(days=1)))


async def make_due(world: World, actor: simcord.MemberActor, question: Question) -> None:
    """A card for `question` that is due now, as a miss yesterday leaves one: the next session starts with it."""
    past = yesterday(world)
    session = await past.store.sessions.start(
        actor.id, actor.name, [question.id], past.clock.now(), questions=[freeze(question)], exam=past.courses.get().id
    )
    await past.practice.answer(session.session_id, actor.id, " ".join(letters_for(question, False)))


async def pick_a(
    actor: simcord.MemberActor, message: simcord.ResponseMessage | discord.Message, question: Question
) -> simcord.InteractionResult:
    """Answer option A (and B for "choose two") of `question` on `message`, right or not: for clicks that must be refused."""
    if question.multiple:
        return await actor.select(message, list(OPTION_LETTERS[: len(question.answer)]))
    return await actor.click(message, label="A")


async def test_a_click_on_someone_elses_session_changes_nothing(world: World) -> None:
    message = (await world.alice.slash(world.channel, "practice", count=2)).response
    assert message
    copy = await world.public_copy(message)
    [refused] = (await pick_a(world.bob, copy, shown_question(world.learning, message.embeds[0]))).followups
    assert refused.ephemeral and refused.content.startswith("That practice session is not yours")  # after the acknowledgement
    assert (message.embeds[0].title or "").startswith("Practice 1/2")
    assert embeds_of(await answer(world, world.alice, message, right=True))[0].title == "Right!"


async def test_a_button_from_an_earlier_step_or_a_finished_session_is_refused_privately(world: World) -> None:
    message = (await world.alice.slash(world.channel, "practice", count=2)).response
    assert message
    first = shown_question(world.learning, message.embeds[0])
    step_one = await world.public_copy(message)
    await answer(world, world.alice, message, right=True)

    [stale] = (await pick_a(world.alice, step_one, first)).followups
    assert stale.ephemeral and stale.content == "You already answered question 1; this session is now at question 2."
    [current] = stale.embeds
    assert current.title and current.title.startswith("Practice 2/2")  # with its buttons, to carry on from here
    assert embeds_of(await answer(world, world.alice, stale, right=True))[1].title == "Session over: 2/2 right"

    assert (message.embeds[-1].title or "").startswith("Practice 2/2")  # the first message still shows step 2
    [over] = (await pick_a(world.alice, message, shown_question(world.learning, message.embeds[-1]))).followups
    assert over.ephemeral and over.content.startswith("This practice session is over") and not over.embeds


async def test_a_session_carries_on_after_a_restart(world: World, restart: Callable[[], Awaitable[None]]) -> None:
    message = (await world.alice.slash(world.channel, "practice", count=2)).response
    assert message
    await answer(world, world.alice, message, right=False)

    await restart()
    finished = await answer(world, world.alice, message, right=True)
    assert embeds_of(finished)[1].title == "Session over: 1/2 right"


async def test_a_failed_edit_after_an_answer_gets_an_apology_and_the_answer_stands(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    message = (await world.alice.slash(world.channel, "practice", count=2)).response
    assert message
    world.env.inject_error("PATCH", "/webhooks/*/messages/@original", status=500)
    [apology] = (await answer(world, world.alice, message, right=True)).followups
    assert apology.ephemeral and apology.content == APOLOGY
    assert "component practice:" in caplog.text and "failed for user" in caplog.text
    assert (message.embeds[0].title or "").startswith("Practice 1/2")  # the edit never happened, the answer did

    [again] = (await pick_a(world.alice, message, shown_question(world.learning, message.embeds[0]))).followups
    assert again.content == "You already answered question 1; this session is now at question 2."
    assert (again.embeds[0].title or "").startswith("Practice 2/2")


async def test_a_click_discord_could_not_acknowledge_changes_nothing(world: World) -> None:
    message = (await world.alice.slash(world.channel, "practice", count=2)).response
    assert message
    world.env.inject_error("POST", "/interactions/*/callback", status=500)
    failed = await answer(world, world.alice, message, right=True)
    assert failed.ephemeral and failed.response and failed.response.content == APOLOGY
    again = await answer(world, world.alice, message, right=True)  # nothing was stored: question 1 is still open
    assert again.response and again.response.id == message.id and embeds_of(again)[0].title == "Right!"


async def test_bad_domain_and_count_are_refused(world: World) -> None:
    refused = await world.alice.slash(world.channel, "practice", domain="astrology")
    assert refused.ephemeral and refused.response
    assert refused.response.content.startswith("There is no domain 'astrology' in MLS-C01. Choose one of: de, eda, modeling, ops")
    short = await world.alice.slash(world.channel, "practice", domain="eda", count=1)
    assert embeds_of(short)[0].title == "Practice 1/1 · Exploratory data analysis"
    for count in (0, 21):  # declared to Discord, which refuses it before the bot sees it
        with pytest.raises(simcord.OptionError):
            await world.alice.slash(world.channel, "practice", count=count)
    choices = await world.alice.autocomplete(world.channel, "practice", "domain", "ops")
    assert choices == [{"name": "ML implementation and operations", "value": "ml-implementation-operations"}]
    assert len(await world.alice.autocomplete(world.channel, "practice", "domain", "")) == len(world.learning.courses.get().kb.info.domains)


# ---------------------------------------------------------------- stats


async def practise(world: World, actor: simcord.MemberActor, domain: Domain, results: list[bool]) -> None:
    """A session played yesterday in one domain, right or wrong as `results` says."""
    past = yesterday(world)
    step = await past.practice.start(actor.id, actor.name, domain, len(results))
    for right in results:
        question = past.courses.get().bank.get(step.view.question_id)
        assert question is not None
        turn = await past.practice.answer(step.session_id, actor.id, " ".join(letters_for(question, right)))
        if turn.next_step:
            step = turn.next_step


async def test_stats_with_no_answers_say_so_without_a_chart(world: World) -> None:
    result = await world.alice.slash(world.channel, "stats")
    assert result.ephemeral and result.response and not result.response.attachments
    [embed] = result.response.embeds
    assert embed.title == "MLS-C01 stats for alice" and (embed.description or "").startswith("No answers yet")
    fields = {field.name: field.value for field in embed.fields}
    assert fields["Data engineering"] == "—\n20% of the exam"
    assert (fields["Exam readiness"] or "").startswith("Not enough data yet (0 answers)")
    assert not embed.image.url


async def test_own_stats_come_privately_with_a_chart(world: World) -> None:
    await practise(world, world.alice, "modeling", [True, True, True, False])
    result = await world.alice.slash(world.channel, "stats")
    assert result.ephemeral and result.response
    [embed] = result.response.embeds
    assert (embed.description or "").startswith("**4** answered · accuracy **75%**")
    fields = {field.name: field.value or "" for field in embed.fields}
    assert fields["Modeling"] == "75% (3/4)\n36% of the exam" and fields["Exploratory data analysis"].startswith("—")
    assert len(fields["Weakest"].splitlines()) == 1
    [chart] = result.response.attachments
    assert chart.filename == "accuracy.png" and embed.image.url == "attachment://accuracy.png"
    assert (await chart.read()).startswith(PNG_SIGNATURE)


async def test_another_members_practice_is_not_shown(world: World) -> None:
    await practise(world, world.bob, "data-engineering", [False, False])
    result = await world.alice.slash(world.channel, "stats", member=world.bob)
    assert result.ephemeral and result.response
    [embed] = result.response.embeds
    assert embed.title == "bob's MLS-C01 daily results in Study Group" and embed.description == "No daily answers in this server yet."
    assert {field.name: field.value for field in embed.fields}["Data engineering"] == "—\n20% of the exam"
    assert result.response.attachments == []


# ---------------------------------------------------------------- leaderboard

# Three daily questions, right (R) or wrong (W): 33 points for RRR, 21 for RRW or WRR, 20 for RWR, 10 for one right
# answer, 0 for none. Ranks: 1 1 3 3 5, six learners tied at 6, three at 12, alice among them: off the first page.
RESULTS = ["RRR", "RRR", "WRR", "RRW", "RWR", "RWW", "WRW", "WWR", "WWR", "WWR", "WWW", "WWW"]
SEEDED_DAYS = [datetime(2025, 12, 29, tzinfo=UTC) + timedelta(days=day) for day in range(3)]  # the simulation starts on 2026-01-01


async def seed_board(world: World) -> list[Domain]:
    """Three closed daily questions in the same week (and the month before the simulation's), answered by fourteen
    learners: bob right on the last, alice never. Returns the domains asked."""
    clock = FakeClock(SEEDED_DAYS[0])
    past = Learning(world.learning.courses, world.learning.store, clock)
    await past.daily.setup(world.guild.id, world.channel.id, "09:00", "UTC", open_hours=1)
    learners = [(1000 + index, f"Learner {index + 1}", results) for index, results in enumerate(RESULTS)]
    learners += [(world.bob.id, "bob", "WWR"), (world.alice.id, "alice", "WWW")]
    asked = []
    for day, moment in enumerate(SEEDED_DAYS):
        clock.set(moment.replace(hour=9))
        posting = await past.daily.post_now(world.guild.id)
        assert posting is not None
        question = past.courses.get().bank.get(posting.post.question_id)
        assert question is not None
        asked.append(question.domain)
        for user_id, name, results in learners:
            chosen = " ".join(letters_for(question, results[day] == "R"))
            assert (await past.daily.answer(posting.post.post_id, user_id, name, chosen)).feedback
        clock.set(moment.replace(hour=11))
        assert len(await past.daily.close_due()) == 1
    await past.daily.set_paused(world.guild.id, True)  # nothing for the scheduler to post during the test
    return asked


def ranks(embed: discord.Embed) -> list[int]:
    return [int(rank) for rank in re.findall(r"^\*\*(\d+)\.\*\*", embed.description or "", re.MULTILINE)]


def row_of(embed: discord.Embed, name: str) -> str:
    return next(line for line in (embed.description or "").splitlines() if f" {name} — " in line)


async def test_the_leaderboard_ranks_ties_alike_and_shows_the_callers_rank_off_the_page(world: World) -> None:
    await seed_board(world)
    result = await world.alice.slash(world.channel, "leaderboard")
    assert not result.ephemeral and result.response
    [embed] = result.response.embeds
    assert embed.title == "MLS-C01 leaderboard · all time"
    assert ranks(embed) == [1, 1, 3, 3, 5, 6, 6, 6, 6, 6]
    assert row_of(embed, "Learner 1") == "**1.** Learner 1 — 33 pts · 100% of 3 · streak 3"
    assert "alice — " not in (embed.description or "")
    assert (embed.description or "").endswith("alice: **#12** of 14 with 0 pts")
    assert embed.footer.text == "Page 1/2 · 14 learners"
    assert buttons(result.response) == {"◀ Previous": False, "Next ▶": True}
    assert result.response.message.interaction_metadata is not None


async def test_paging_in_place_for_the_owner_privately_for_others_and_after_a_restart(
    world: World, restart: Callable[[], Awaitable[None]]
) -> None:
    await seed_board(world)
    board = (await world.alice.slash(world.channel, "leaderboard", period="week")).response
    assert board

    turned = await world.alice.click(board, label="Next ▶")
    assert turned.response and turned.response.id == board.id and not turned.ephemeral
    [page_two] = board.embeds
    assert page_two.title == "MLS-C01 leaderboard · this week" and ranks(page_two) == [6, 12, 12, 12]
    assert row_of(page_two, "alice").endswith("◀") and row_of(page_two, "bob").startswith("**6.** bob — 10 pts")
    assert page_two.footer.text == "Page 2/2 · 14 learners"
    assert buttons(board) == {"◀ Previous": True, "Next ▶": False}

    bobs = await world.bob.click(board, label="◀ Previous")
    assert bobs.ephemeral and bobs.response and bobs.response.id != board.id
    [bobs_page] = bobs.response.embeds
    assert ranks(bobs_page) == [1, 1, 3, 3, 5, 6, 6, 6, 6, 6] and "bob: **#6** of 14 with 10 pts" in (bobs_page.description or "")
    assert "◀" not in (bobs_page.description or "")  # bob's row is on page 2, after the learners tied with him
    assert ranks(board.embeds[0]) == [6, 12, 12, 12]  # alice's board did not move under her

    await restart()
    back = await world.alice.click(board, label="◀ Previous")
    assert back.response and back.response.id == board.id and ranks(board.embeds[0])[:2] == [1, 1]


async def test_periods_and_domains_narrow_the_board(world: World) -> None:
    asked = await seed_board(world)
    month = await world.alice.slash(world.channel, "leaderboard", period="month")  # the questions were in December
    assert month.response
    [embed] = month.response.embeds
    assert embed.title == "MLS-C01 leaderboard · this month" and ranks(embed) == []
    assert (embed.description or "").startswith("Nobody is on this board yet")
    assert "alice has no answers on this board yet." in (embed.description or "")
    assert buttons(month.response) == {"◀ Previous": False, "Next ▶": False}

    domain = asked[0]
    narrowed = (await world.alice.slash(world.channel, "leaderboard", domain=domain)).response
    assert narrowed and narrowed.embeds[0].title == f"MLS-C01 leaderboard · all time · {world.learning.courses.get().kb.info.title(domain)}"
    assert ranks(narrowed.embeds[0])[0] == 1 and narrowed.embeds[0].footer.text == "Page 1/2 · 14 learners"
    unasked = next(other for other in world.learning.courses.get().kb.info.weights if other not in asked)
    empty = (await world.alice.slash(world.channel, "leaderboard", domain=unasked)).response
    assert empty and ranks(empty.embeds[0]) == [] and empty.embeds[0].footer.text == "Page 1/1 · 0 learners"


async def test_a_period_outside_the_choices_cannot_be_sent_and_an_unknown_domain_is_refused(world: World) -> None:
    with pytest.raises(simcord.OptionError, match="only allows"):
        await world.alice.slash(world.channel, "leaderboard", period="year")
    refused = await world.alice.slash(world.channel, "leaderboard", domain="astrology")
    assert seen(refused).content.startswith("There is no domain 'astrology'")  # seen privately
    choices = await world.alice.autocomplete(world.channel, "leaderboard", "domain", "eda")
    assert choices == [{"name": "Exploratory data analysis", "value": "exploratory-data-analysis"}]


# ---------------------------------------------------------------- /forgetme


async def answered(world: World, actor: simcord.MemberActor) -> int:
    return (await world.learning.stats.learner(actor.id)).answered


async def test_forgetme_deletes_after_confirmation(world: World) -> None:
    await practise(world, world.alice, "modeling", [True, False])
    asked = await world.alice.slash(world.channel, "forgetme")
    assert asked.ephemeral and asked.response
    assert asked.response.content.startswith("This deletes everything StudyBot stores about you")
    assert buttons(asked.response) == {"Confirm": True, "Cancel": True}
    assert await answered(world, world.alice) == 2

    done = await world.alice.click(asked.response, label="Confirm")
    assert done.response and done.response.id == asked.response.id
    assert done.response.content == "Done: everything StudyBot stored about you is deleted." and not done.response.components
    assert await answered(world, world.alice) == 0 and await world.learning.store.learners.cards(world.alice.id) == []

    again = (await world.alice.slash(world.channel, "forgetme")).response
    assert again
    nothing = await world.alice.click(again, label="Confirm")
    assert nothing.response and nothing.response.content.startswith("StudyBot had nothing stored about you")


async def test_forgetme_cancelled_keeps_everything(world: World) -> None:
    await practise(world, world.alice, "modeling", [True])
    asked = (await world.alice.slash(world.channel, "forgetme")).response
    assert asked
    cancelled = await world.alice.click(asked, label="Cancel")
    assert cancelled.response and cancelled.response.content == "Cancelled: nothing was deleted." and not cancelled.response.components
    assert await answered(world, world.alice) == 1


async def test_only_the_learner_who_asked_can_confirm(world: World) -> None:
    await practise(world, world.alice, "modeling", [True])
    await practise(world, world.bob, "modeling", [True])
    asked = (await world.alice.slash(world.channel, "forgetme")).response
    assert asked
    copy = await world.public_copy(asked)
    refused = await world.bob.click(copy, label="Confirm")
    assert refused.ephemeral and refused.response
    assert refused.response.content == "Only the member who asked to be forgotten can confirm or cancel this."
    assert await answered(world, world.alice) == 1 and await answered(world, world.bob) == 1
    assert buttons(asked) == {"Confirm": True, "Cancel": True}
