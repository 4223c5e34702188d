"""Layer 2 for the daily question: the real `studybot run` posts it to the fake Discord, and a click on its button
comes back over the gateway and is answered privately, over the real protocol."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.questions import OPTION_LETTERS
from bot.store.records import GuildSettings
from bot.store.store import Store
from tests.e2e.fakediscord import ALICE, APP_ID, CHANNEL_ID, GUILD_ID, PERMISSIONS, FakeDiscord, channel, member
from tests.e2e.test_wire import start_bot


async def choose(fake: FakeDiscord, message: dict[str, Any], letters: str) -> str:
    """Alice clicks the option's button of `message`, or picks the options in its menu; returns the interaction id."""
    [control, *others] = [control for row in message["components"] for control in row["components"]]
    if control["type"] == 3:  # a "choose two" question
        data = {"custom_id": control["custom_id"], "component_type": 3, "values": list(letters)}
    else:
        [button] = [button for button in [control, *others] if button["label"] == letters]
        data = {"custom_id": button["custom_id"], "component_type": 2}
    interaction_id = fake.snowflake()
    await fake.dispatch("INTERACTION_CREATE", {
        "id": interaction_id, "application_id": APP_ID, "type": 3, "token": f"token-{interaction_id}", "version": 1,
        "data": data, "message": message,
        "guild_id": GUILD_ID, "channel_id": CHANNEL_ID, "channel": channel(),
        "member": {**member(ALICE), "permissions": PERMISSIONS}, "app_permissions": PERMISSIONS,
        "locale": "en-US", "guild_locale": "en-US", "entitlements": [], "authorizing_integration_owners": {"0": GUILD_ID},
        "context": 0, "attachment_size_limit": 10 * 1024 * 1024,
    })
    return interaction_id


async def reply_to(fake: FakeDiscord, interaction_id: str) -> dict[str, Any]:
    """The private reply to a click: acknowledged first (a deferred, private "thinking…"), then a follow-up."""
    [callback] = await fake.wait_for(lambda: fake.find("POST", f"/interactions/{interaction_id}/token-{interaction_id}/callback"))
    assert callback.body["type"] == 5 and callback.body["data"]["flags"] == 64
    [follow_up] = await fake.wait_for(lambda: fake.find("POST", f"/webhooks/{APP_ID}/token-{interaction_id}"))
    return follow_up.body


async def test_a_click_on_the_daily_post_is_answered_privately(fake: FakeDiscord, tmp_path: Path, deck: KnowledgeBase) -> None:
    store = await Store.open(tmp_path / "bot.sqlite3")  # the guild ran /daily setup earlier: a question at midnight UTC
    await store.posts.save_settings(GuildSettings(int(GUILD_ID), int(CHANNEL_ID), "00:00", "UTC", None, 24, False))
    await store.close()

    bot = await start_bot(tmp_path, fake)
    try:
        [sent] = await fake.wait_for(lambda: fake.find("POST", f"/channels/{CHANNEL_ID}/messages"))
        post = sent.response
        assert post["embeds"][0]["title"].startswith("Question of the day #1 · ")
        assert sent.body["allowed_mentions"] == {"parse": []} and not sent.body.get("content")  # no role to ping
        question = deck.questions[post["embeds"][0]["footer"]["text"].split()[1]]
        right = "".join(OPTION_LETTERS[index] for index in question.answer)
        custom_ids = [control["custom_id"] for row in post["components"] for control in row["components"]]
        assert custom_ids[0] in ("daily:1", "daily:1:A")  # the post's id (and the option) for any process to read

        data = await reply_to(fake, await choose(fake, post, right))
        assert data["flags"] == 64  # ephemeral: only Alice sees it
        assert data["embeds"][0]["title"] == "Right!" and data["allowed_mentions"] == {"parse": []}
        again = await reply_to(fake, await choose(fake, post, right))
        assert again["flags"] == 64 and again["embeds"][0]["description"].startswith(f"You already answered **{right}**")

        assert await bot.stop() == 0
    finally:
        if bot.process.returncode is None:
            bot.process.kill()
            await bot.process.wait()
        print(bot.output())
    assert " ERROR " not in bot.output() and "Traceback" not in bot.output()
    with sqlite3.connect(bot.db) as db:
        assert db.execute("SELECT message_id FROM daily_posts").fetchall() == [(int(post["id"]),)]
        assert db.execute("SELECT user_id, choice, correct FROM answers").fetchall() == [(int(ALICE["id"]), right, 1)]
