"""One pass of the daily scheduler over every guild: post what is due, send again what never reached its channel,
close what is over.

Each guild's post and each closing is a job of its own, and the jobs run concurrently under a bound: a thousand
guilds due at the same minute are served in seconds rather than one Discord call after another, and a job that fails
is logged and holds up no other. The adapter (`Publisher`) only makes the Discord calls and says how each went; when
to try again, and when to stop, is decided here.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from bot.quiz.daily import DailyService, Posting, Reveal
from bot.store.records import DailyPost, GuildSettings

log = logging.getLogger(__name__)

# Discord calls in flight at once: well inside its global limit of 50 requests a second, and enough that a thousand
# due guilds at 150 ms a call are posted in under ten seconds.
CONCURRENCY = 16
# After a failed send or edit, wait this long before the next try, doubling up to RETRY_MAX.
RETRY_FIRST = 60.0
RETRY_MAX = 3600.0


@dataclass(frozen=True)
class Sent:
    message_id: int


@dataclass(frozen=True)
class Refused:
    """Discord said no (missing permissions, or the channel or message is gone): trying again soon will not help."""

    detail: str


@dataclass(frozen=True)
class Failed:
    """Discord could not take it just now (a server error, a timeout): worth another try shortly."""

    detail: str


Delivery = Sent | Refused | Failed


class Publisher(Protocol):
    """What the scheduler needs from an adapter: send a post, edit a post into its closing."""

    async def send(self, posting: Posting) -> Delivery: ...

    async def show_closing(self, reveal: Reveal) -> Delivery: ...


class Retries:
    """When a failed send or edit may be tried again. A throttle, not state: after a restart each is simply tried once
    more. Reads the monotonic clock at each call (through the module, so a test's virtual clock drives it)."""

    def __init__(self) -> None:
        self._next: dict[tuple[str, int], tuple[float, float]] = {}  # (kind, post id) -> (next try, wait after that)

    def due(self, key: tuple[str, int]) -> bool:
        return time.monotonic() >= self._next.get(key, (0.0, 0.0))[0]

    def failed(self, key: tuple[str, int]) -> float:
        """Record a failure; returns the seconds until the next try."""
        wait = self._next.get(key, (0.0, RETRY_FIRST))[1]
        self._next[key] = (time.monotonic() + wait, min(wait * 2, RETRY_MAX))
        return wait

    def forget(self, key: tuple[str, int]) -> None:
        self._next.pop(key, None)


Job = tuple[str, Any, Callable[[Any], Awaitable[object]]]


class DailyScheduler:
    def __init__(self, daily: DailyService, publisher: Publisher, *, concurrency: int = CONCURRENCY) -> None:
        self.daily, self.publisher, self.concurrency = daily, publisher, concurrency
        self.retries = Retries()
        self._sending: set[int] = set()

    async def tick(self) -> None:
        """Gather every job (posts first, then re-sends, then closings) and run them all, at most `concurrency` at once."""
        steps: Sequence[tuple[str, Callable[[], Awaitable[Sequence[Any]]], Callable[[Any], Awaitable[object]]]] = [
            ("post", self.daily.due_guilds, self._post),
            ("send again", self.daily.unsent, self.publish),
            ("close", self.daily.due_to_close, self._close),
        ]
        jobs: list[Job] = []
        for step, gather, act in steps:
            try:
                jobs += [(step, item, act) for item in await gather()]
            except Exception:
                log.exception("daily scheduler: could not list what to %s; trying again next time", step)
        await self._run(jobs)

    async def _run(self, jobs: list[Job]) -> None:
        """`concurrency` workers, each taking the next job as soon as its last one is done."""
        queue = iter(jobs)

        async def worker() -> None:
            for step, item, act in queue:
                try:
                    await act(item)
                except Exception:
                    log.exception("daily scheduler: could not %s %s", step, _describe(item))

        await asyncio.gather(*(worker() for _ in range(min(self.concurrency, len(jobs)))))

    async def _post(self, settings: GuildSettings) -> None:
        if posting := await self.daily.create_post(settings):
            await self.publish(posting)

    async def publish(self, posting: Posting, *, now: bool = False) -> Delivery | None:
        """Send a post and record how it went; None when it was not tried (it waits for its next try, unless `now`,
        or it is being sent at this very moment)."""
        post = posting.post
        key = ("post", post.post_id)
        if post.post_id in self._sending or not (now or self.retries.due(key)):
            return None
        self._sending.add(post.post_id)
        try:
            delivery = await self.publisher.send(posting)
        finally:
            self._sending.discard(post.post_id)
        if isinstance(delivery, Sent):
            self.retries.forget(key)
            await self.daily.published(post.post_id, delivery.message_id)
            return delivery
        wait = self.retries.failed(key)
        paused = isinstance(delivery, Refused) and await self.daily.guilds.refused(post.guild_id)
        log.warning(
            "daily post %s: %s in channel %s of guild %s (%s); %s", post.post_id,
            "Discord refused it" if isinstance(delivery, Refused) else "Discord could not take it", post.channel_id, post.guild_id,
            delivery.detail, "the schedule is paused: every post was refused for days" if paused else f"next try in {wait:.0f}s",
        )
        return delivery

    async def _close(self, post: DailyPost) -> None:
        """Show the closing; the post counts as closed once it is shown, or can never be (never sent, or refused)."""
        key = ("close", post.post_id)
        if not self.retries.due(key):
            return
        if post.message_id is not None:
            delivery = await self.publisher.show_closing(await self.daily.reveal(post))
            if isinstance(delivery, Failed):
                log.warning("daily post %s: could not show its closing (%s); next try in %.0fs", post.post_id, delivery.detail,
                            self.retries.failed(key))
                return
            if isinstance(delivery, Refused):
                log.warning("daily post %s: Discord refused its closing (%s); it stays as it is", post.post_id, delivery.detail)
        await self.daily.closed(post.post_id)
        self.retries.forget(key)
        self.retries.forget(("post", post.post_id))


def _describe(item: object) -> str:
    if isinstance(item, GuildSettings):
        return f"guild {item.guild_id}"
    post = item.post if isinstance(item, Posting) else item
    return f"post {post.post_id}" if isinstance(post, DailyPost) else repr(item)
