"""Run as a child process by the crash test: answers a burst of users and prints each acknowledgement."""

from __future__ import annotations

import asyncio
import sys
from datetime import UTC, date, datetime, timedelta

from bot.store.answers import AnswerRequest
from bot.store.records import GuildSettings
from bot.store.store import Store


async def main(path: str, users: int) -> None:
    store = await Store.open(path)
    await store.posts.save_settings(GuildSettings(1, 10, "09:00", "UTC", None, 24, False))
    posted = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    post = await store.posts.create(1, date(2026, 11, 2), "q", "modeling", 10, posted, posted + timedelta(days=1))
    assert post is not None
    print("ready", flush=True)

    async def one(user: int) -> None:
        await store.record_answer(AnswerRequest(post.post_id, user, f"u{user}", "A", user % 2 == 0, posted + timedelta(minutes=1)))
        sys.stdout.write(f"ack {user}\n")
        sys.stdout.flush()

    await asyncio.gather(*(one(user) for user in range(1, users + 1)))
    await asyncio.sleep(3600)  # stay alive until killed: the test decides when the process dies


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], int(sys.argv[2])))
