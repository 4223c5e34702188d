"""`studybot run`: the bot on Discord, with the store open for its whole life and closed cleanly on SIGTERM/SIGINT."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import sys
from pathlib import Path
from typing import Any

import aiohttp
import discord
import yarl

from bot.app.build import UsageError, compiled_library, open_store, study_apps
from bot.config import TOKEN_ENV, Config
from bot.discord.client import StudyBotBase, create_bot
from bot.store.store import Store

log = logging.getLogger(__name__)

# Test-only settings, read from the environment and never from config.yaml, so that no config can point a real
# bot at another server by accident. The wire tests use them to run `studybot run` against a fake Discord.
TEST_API_BASE = "STUDYBOT_TEST_DISCORD_API_BASE"
TEST_GATEWAY = "STUDYBOT_TEST_DISCORD_GATEWAY"
TEST_GUILD_READY_TIMEOUT = "STUDYBOT_TEST_GUILD_READY_TIMEOUT"

NO_TOKEN = (
    f"{TOKEN_ENV} is not set: create a bot in the Discord developer portal and `export {TOKEN_ENV}=...` "
    "(README: Running on Discord), or try StudyBot without Discord: `studybot chat`"
)
BAD_TOKEN = (
    f"Discord rejected {TOKEN_ENV}: copy a fresh token from the developer portal (Bot > Reset Token) into {TOKEN_ENV}, "
    "or try StudyBot without Discord: `studybot chat`"
)


def apply_test_settings() -> dict[str, Any]:
    """Apply the test-only settings (loudly) and return the client options they imply."""
    options: dict[str, Any] = {}
    if base := os.environ.get(TEST_API_BASE):
        discord.http.Route.BASE = base.rstrip("/")
        log.warning("TEST ONLY: Discord REST API redirected to %s by $%s", base, TEST_API_BASE)
    if gateway := os.environ.get(TEST_GATEWAY):
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway)
        log.warning("TEST ONLY: Discord gateway redirected to %s by $%s", gateway, TEST_GATEWAY)
    if timeout := os.environ.get(TEST_GUILD_READY_TIMEOUT):
        options["guild_ready_timeout"] = float(timeout)
        log.warning("TEST ONLY: guild_ready_timeout set to %s by $%s", timeout, TEST_GUILD_READY_TIMEOUT)
    return options


def run_bot(config: Config, deck: Path | None, db: Path | str | None, *, sync_only: bool = False) -> int:
    """Serve until SIGTERM/SIGINT (exit 0); a problem the user can fix is a one-line UsageError, never a traceback.
    `sync_only` (`studybot sync`) logs in, uploads the slash commands whether or not they changed, and stops."""
    token = os.environ.get(TOKEN_ENV, "").strip()
    if not token:
        raise UsageError(NO_TOKEN)
    # Colours on a terminal; plain lines elsewhere (discord.py would colour Docker logs too).
    plain = None if sys.stderr.isatty() else logging.Formatter("%(asctime)s %(levelname)-8s %(name)s: %(message)s")
    discord.utils.setup_logging(level=logging.getLevelNamesMapping()[config.log_level], formatter=plain, root=True)
    return asyncio.run(_serve(config, deck, db, token, apply_test_settings(), sync_only))


async def ready_to_connect(config: Config, deck: Path | None, db: Path | str | None, **options: Any) -> tuple[StudyBotBase, Store]:
    """Everything `studybot run` does before it connects: the deck, its index and bank, the store, the app and the
    client. The caller closes the store."""
    library = compiled_library(config, deck)
    store = await open_store(config, db)
    try:
        return create_bot(study_apps(config, library, store), store, config.discord, **options), store
    except BaseException:
        await store.close()
        raise


async def _serve(
    config: Config, deck: Path | None, db: Path | str | None, token: str, options: dict[str, Any], sync_only: bool = False
) -> int:
    bot, store = await ready_to_connect(config, deck, db, force_sync=sync_only, **options)
    try:
        if sync_only:
            async with bot:
                await bot.login(token)  # logging in runs setup_hook, which syncs; the gateway is never opened
            return 0
        loop = asyncio.get_running_loop()
        stopping: list[asyncio.Task[None]] = []  # holds the close task so it is not garbage-collected mid-way
        for number in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(number, _stop, bot, number, stopping)
        async with bot:
            await bot.start(token)
    except discord.LoginFailure:
        raise UsageError(BAD_TOKEN) from None
    except aiohttp.ClientConnectionError as error:
        raise UsageError(f"cannot reach Discord ({error}); check the network, or run `studybot chat`") from None
    finally:
        await store.close()
        log.info("database closed: %s", store.db.where)
    return 0


def _stop(bot: discord.Client, number: signal.Signals, stopping: list[asyncio.Task[None]]) -> None:
    log.info("%s received: closing the connection to Discord", number.name)
    stopping.append(asyncio.create_task(bot.close()))
