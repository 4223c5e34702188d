"""Layer 1: every interaction that reads or writes the store is acknowledged first, so a slow disk costs the learner
a "thinking…" moment, never "This interaction failed" (Discord allows 3 seconds for the first response).

The stall is simulated: each store write (or read) waits until the test releases it, as on a disk stalled by a backup
or a noisy neighbour, and the test keeps it stalled for 3.5 s of simcord's virtual time. Each interaction is
acknowledged (deferred) while its store work still waits; the answer comes once that is done. Expired (10062) and
already-acknowledged (40060) interactions are handled quietly.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

import discord
import pytest
import simcord

from bot.store.answers import AnswerRequest
from bot.store.database import Row, Transaction
from bot.store.records import AnswerOutcome
from bot.store.store import Store
from tests.e2e.daily_world import HOURLY, World, answer, fields, posted, question_of, reply, right_letters, text, the_post
from tests.e2e.world import seen

pytestmark = pytest.mark.usefixtures("nothing_logged_as_an_error")
SETTINGS = HOURLY
STALL = 3.5


@dataclass
class StalledDisk:
    """Once `stall()` (or `stall_reads()`) is called, every store write (or read) waits until the test releases it:
    the bot's handler is parked there (an intentional external wait, as simcord calls it) while the test looks at what
    Discord has seen."""

    env: simcord.Env
    store: Store
    monkeypatch: pytest.MonkeyPatch
    gate: asyncio.Event = field(default_factory=asyncio.Event)

    def stall(self) -> None:
        begin, record = self.store.db.transaction, self.store.record_answer

        @asynccontextmanager
        async def stalled() -> AsyncIterator[Transaction]:
            await self.wait()
            async with begin() as conn:
                yield conn

        async def stalled_answer(request: AnswerRequest) -> AnswerOutcome:
            await self.wait()
            return await record(request)

        self.monkeypatch.setattr(self.store.db, "transaction", stalled)
        self.monkeypatch.setattr(self.store, "record_answer", stalled_answer)  # answers are written by a writer task

    def stall_reads(self) -> None:
        row, rows = self.store.db.row, self.store.db.rows

        async def stalled_row(sql: str, params: Sequence[object] = ()) -> Row | None:
            await self.wait()
            return await row(sql, params)

        async def stalled_rows(sql: str, params: Sequence[object] = ()) -> list[Row]:
            await self.wait()
            return await rows(sql, params)

        self.monkeypatch.setattr(self.store.db, "row", stalled_row)
        self.monkeypatch.setattr(self.store.db, "rows", stalled_rows)

    async def wait(self) -> None:
        if not self.gate.is_set():
            await self.env.external_wait(self.gate.wait(), reason="the disk is stalled")

    async def acknowledged_first(self, action: Awaitable[simcord.InteractionResult]) -> simcord.InteractionResult:
        """Run a member's click or command while writes are stalled: it must already be acknowledged; then keep the
        disk stalled past Discord's 3 seconds, release it, and let the bot finish."""
        self.gate.clear()
        result = await action
        assert result.acknowledged and result.deferred, "the interaction was not acknowledged before the store write"
        await self.env.advance_time(STALL)
        self.gate.set()
        await self.env.settle()
        return result


@pytest.fixture
def disk(simcord_env: simcord.Env, store: Store, monkeypatch: pytest.MonkeyPatch) -> StalledDisk:
    return StalledDisk(simcord_env, store, monkeypatch)


async def test_a_daily_click_is_acknowledged_before_the_answer_is_stored(world: World, disk: StalledDisk) -> None:
    post = await posted(world)
    question = question_of(world, post)
    disk.stall()
    result = await disk.acknowledged_first(answer(world.alice, post, right_letters(question)))
    assert reply(result).title == "Right!"


async def test_practice_start_and_answer_are_acknowledged_before_their_writes(world: World, disk: StalledDisk) -> None:
    disk.stall()
    started = await disk.acknowledged_first(world.alice.slash(world.channel, "practice", domain="modeling", count=2))
    assert started.ephemeral and started.response and (started.response.embeds[0].title or "").startswith("Practice 1/2")
    [control] = started.response.components[0]["components"][:1]  # the first question depends on the learner and the day
    if control["type"] == discord.ComponentType.select.value:  # a "choose two" question
        answering = world.alice.select(started.response, ["A", "B"][: control["min_values"]])
    else:
        answering = world.alice.click(started.response, label="A")
    clicked = await disk.acknowledged_first(answering)
    assert clicked.response and clicked.response.id == started.response.id  # still edited in place
    assert (clicked.response.embeds[-1].title or "").startswith("Practice 2/2")


async def test_forgetme_is_acknowledged_before_it_deletes(world: World, disk: StalledDisk) -> None:
    await world.learning.practice.start(world.alice.id, "alice", "modeling", 1)
    asked = (await world.alice.slash(world.channel, "forgetme")).response
    assert asked
    disk.stall()
    done = await disk.acknowledged_first(world.alice.click(asked, label="Confirm"))
    assert done.response and done.response.content.startswith("Done: everything StudyBot stored about you is deleted.")


async def test_report_is_acknowledged_before_it_is_stored(world: World, disk: StalledDisk) -> None:
    question = question_of(world, await posted(world))
    disk.stall()
    result = await disk.acknowledged_first(world.alice.slash(world.channel, "report", question=question.id, reason="B is right too"))
    assert text(result).startswith(f"Thanks: your report on `{question.id}` is stored")


async def test_daily_admin_commands_are_acknowledged_before_they_write(world: World, disk: StalledDisk) -> None:
    disk.stall()
    set_up = await disk.acknowledged_first(world.set_up())
    assert reply(set_up).title == "Daily question set up"
    paused = await disk.acknowledged_first(world.ada.slash(world.channel, "daily pause"))
    assert text(paused).startswith("Paused")
    resumed = await disk.acknowledged_first(world.ada.slash(world.channel, "daily resume"))
    assert text(resumed).startswith("Resumed.")
    now = await disk.acknowledged_first(world.ada.slash(world.channel, "daily now"))
    assert text(now).startswith("Posted question #1: ") and the_post(world.channel)
    assert "Today" in fields(reply(await world.ada.slash(world.channel, "daily status")))


async def test_commands_that_only_read_are_acknowledged_before_they_read(world: World, disk: StalledDisk) -> None:
    """Reading the server's exam, a board or a learner's results waits on the same disk as a write."""
    await world.set_up()
    disk.stall_reads()
    asked = await disk.acknowledged_first(world.alice.slash(world.channel, "ask", query="which service turns speech into text?"))
    assert not seen(asked).ephemeral and seen(asked).embeds[0].title == "Amazon Transcribe"
    found = await disk.acknowledged_first(world.alice.slash(world.channel, "service", name="Firehose"))
    assert seen(found).embeds[0].title == "Amazon Data Firehose"
    board = await disk.acknowledged_first(world.alice.slash(world.channel, "leaderboard"))
    assert not seen(board).ephemeral and "leaderboard" in (seen(board).embeds[0].title or "")
    for actor, command in [(world.alice, "stats"), (world.alice, "help"), (world.ada, "daily status")]:
        result = await disk.acknowledged_first(actor.slash(world.channel, command))
        assert result.ephemeral and seen(result).embeds, command


async def test_a_private_answer_to_a_public_acknowledgement_leaves_nothing_in_the_channel(world: World, disk: StalledDisk) -> None:
    """/service acknowledges in public (a card is for everyone), but a name it does not know is answered privately."""
    disk.stall_reads()
    result = await disk.acknowledged_first(world.alice.slash(world.channel, "service", name="XGBoost"))
    assert seen(result).ephemeral and (seen(result).embeds[0].description or "").startswith("No service is called")
    assert result.response is None and not [message for message in world.channel.history() if message.author.bot]


# ---------------------------------------------------------------- 10062 and 40060


def callbacks_of(env: simcord.Env, since: int) -> list[str]:
    return [request.path for request in env.http_requests[since:] if request.path.endswith("/callback")]


async def test_an_interaction_that_expired_is_logged_quietly_with_no_second_request(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    """The interaction reached the bot after Discord's 3 seconds (a gateway lag, a blocked event loop), so even the
    acknowledgement is refused with 10062: nothing can be sent any more, so the bot logs it and sends nothing else."""
    world.env.inject_error("POST", "/interactions/*/callback", status=404, code=10062, message="Unknown interaction")
    before = len(world.env.http_requests)
    caplog.set_level(logging.INFO, logger="bot")
    await world.alice.slash(world.channel, "leaderboard")
    await world.env.settle()
    assert len(callbacks_of(world.env, before)) == 1  # the refused acknowledgement; no apology after it
    assert not [request for request in world.env.http_requests[before:] if request.path.startswith("/webhooks/")]
    assert "expired before it was answered" in caplog.text
    assert [getattr(error, "original", error).code for error in world.env.errors] == [10062]  # type: ignore[attr-defined]


async def test_a_reply_refused_as_already_acknowledged_goes_as_a_follow_up(world: World) -> None:
    """Another process (or a retry) acknowledged it first, so Discord refuses every first response: the deferral and
    the reply. The reply goes as a follow-up."""
    world.env.inject_error(
        "POST", "/interactions/*/callback", status=400, code=40060, message="Interaction has already been acknowledged.", times=None
    )
    result = await world.alice.slash(world.channel, "help")
    [follow_up] = result.followups
    assert follow_up.ephemeral and follow_up.embeds[0].title == "StudyBot"
    assert world.env.errors == []
