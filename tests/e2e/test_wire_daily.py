"""Layer 2 for the daily question: the real `studybot run` posts it to the fake Discord, and a click on its button
(or the form an ordering question's button opens) comes back over the gateway and is answered privately, over the real
protocol."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bot.app.deck import Deck
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.questions import OPTION_LETTERS
from bot.quiz.checker import answer_letters
from bot.quiz.snapshot import freeze
from bot.store.records import GuildSettings
from bot.store.store import Store
from tests.e2e.fakediscord import ALICE, CHANNEL_ID, GUILD_ID, FakeDiscord
from tests.e2e.test_wire import Bot, start_bot


@asynccontextmanager
async def running(tmp_path: Path, fake: FakeDiscord, deck: str = "mls-c01") -> AsyncIterator[Bot]:
    """`studybot run` for the body of the `with`, then stopped cleanly; its output is printed, and must hold no error."""
    bot = await start_bot(tmp_path, fake, deck=deck)
    try:
        yield bot
        assert await bot.stop() == 0
    finally:
        if bot.process.returncode is None:
            bot.process.kill()
            await bot.process.wait()
        print(bot.output())
    assert " ERROR " not in bot.output() and "Traceback" not in bot.output()


async def choose(fake: FakeDiscord, message: dict[str, Any], letters: str) -> str:
    """Alice clicks the option's button of `message`, or picks the options in its menu; returns the interaction id."""
    [control, *others] = [control for row in message["components"] for control in row["components"]]
    if control["type"] == 3:  # a "choose two" question
        data = {"custom_id": control["custom_id"], "component_type": 3, "values": list(letters)}
    else:
        [button] = [button for button in [control, *others] if button["label"] == letters]
        data = {"custom_id": button["custom_id"], "component_type": 2}
    return await fake.interact(3, data, message)


async def test_a_click_on_the_daily_post_is_answered_privately(fake: FakeDiscord, tmp_path: Path, deck: KnowledgeBase) -> None:
    store = await Store.open(tmp_path / "bot.sqlite3")  # the guild ran /daily setup earlier: a question at midnight UTC
    await store.posts.save_settings(GuildSettings(int(GUILD_ID), int(CHANNEL_ID), "00:00", "UTC", None, 24, False))
    await store.close()

    async with running(tmp_path, fake) as bot:
        [sent] = await fake.wait_for(lambda: fake.find("POST", f"/channels/{CHANNEL_ID}/messages"))
        post = sent.response
        assert post["embeds"][0]["title"].startswith("Question of the day #1 · ")
        assert sent.body["allowed_mentions"] == {"parse": []} and not sent.body.get("content")  # no role to ping
        question = deck.questions[post["embeds"][0]["footer"]["text"].split()[1]]
        right = "".join(OPTION_LETTERS[index] for index in question.answer)
        custom_ids = [control["custom_id"] for row in post["components"] for control in row["components"]]
        assert custom_ids[0] in ("daily:1", "daily:1:A")  # the post's id (and the option) for any process to read

        data = await fake.reply(await choose(fake, post, right), private=True)
        assert data["flags"] == 64  # ephemeral: only Alice sees it
        assert data["embeds"][0]["title"] == "Right!" and data["allowed_mentions"] == {"parse": []}
        again = await fake.reply(await choose(fake, post, right), private=True)
        assert again["flags"] == 64 and again["embeds"][0]["description"].startswith(f"You already answered **{right}**")
    with sqlite3.connect(bot.db) as db:
        assert db.execute("SELECT message_id FROM daily_posts").fetchall() == [(int(post["id"]),)]
        assert db.execute("SELECT user_id, choice, correct FROM answers").fetchall() == [(int(ALICE["id"]), right, 1)]


async def test_an_ordering_question_is_answered_in_its_form_over_the_wire(fake: FakeDiscord, tmp_path: Path, shipped_mla: Deck) -> None:
    """The click on Answer is answered with the form (a modal callback); the form's submit comes back as a
    MODAL_SUBMIT over the gateway and is answered privately, acknowledged first."""
    question = min((question for question in shipped_mla.kb.questions.values() if question.kind == "ordering"), key=lambda q: q.id)
    now = datetime.now(UTC)
    store = await Store.open(tmp_path / "bot.sqlite3")  # a post recorded but not sent yet: the bot sends it
    paused = GuildSettings(int(GUILD_ID), int(CHANNEL_ID), "00:00", "UTC", None, 24, True)  # and posts no other, past midnight too
    await store.posts.save_settings(paused)
    await store.posts.create(int(GUILD_ID), now.date(), question.id, question.domain, int(CHANNEL_ID), now, now + timedelta(hours=24),
                             question=freeze(question), exam=shipped_mla.kb.info.id)
    await store.close()

    async with running(tmp_path, fake, deck="mla-c01") as bot:
        [sent] = await fake.wait_for(lambda: fake.find("POST", f"/channels/{CHANNEL_ID}/messages"))
        post = sent.response
        [[button]] = [row["components"] for row in post["components"]]
        assert (button["label"], button["custom_id"]) == ("Answer", "daily:1:answer")

        clicked = await fake.interact(3, {"custom_id": "daily:1:answer", "component_type": 2}, post)
        [opened] = await fake.wait_for(lambda: fake.find("POST", f"/interactions/{clicked}/token-{clicked}/callback"))
        assert opened.body["type"] == 9 and opened.body["data"]["custom_id"] == "daily:1:answer"
        [order] = [component for component in opened.body["data"]["components"] if component["type"] == 18]
        assert order["label"] == "Order, first step first" and order["component"]["custom_id"] == "order"

        right = answer_letters(question)
        typed = {"type": 18, "id": 2, "component": {"type": 4, "id": 3, "custom_id": "order", "value": " ".join(right)}}
        submitted = await fake.interact(5, {"custom_id": "daily:1:answer", "components": [{"type": 10, "id": 1}, typed]}, post)
        data = await fake.reply(submitted, private=True)
        assert data["flags"] == 64 and data["embeds"][0]["title"] == "Right!"
    with sqlite3.connect(bot.db) as db:
        assert db.execute("SELECT user_id, choice, correct FROM answers").fetchall() == [(int(ALICE["id"]), right, 1)]
