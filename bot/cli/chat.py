"""`studybot chat`: the local console over the same application as the bot."""

from __future__ import annotations

import argparse
from typing import Any

from bot.app.build import UsageError, compiled_library, open_store, study_apps
from bot.cli.options import add_db_option, add_deck_option
from bot.config import Config


def cmd_chat(args: argparse.Namespace, config: Config) -> int:
    import asyncio

    from bot.store.errors import StoreError

    try:
        return asyncio.run(_chat(args, config))
    except StoreError as error:
        raise UsageError(str(error)) from error


async def _chat(args: argparse.Namespace, config: Config) -> int:
    from bot.console import build_console

    library = compiled_library(config, args.deck, args.exam)
    store = await open_store(config, args.db)
    try:
        return await build_console(study_apps(config, library, store).get()).run(color=not args.no_color)
    finally:
        await store.close()


def register(commands: Any) -> None:
    chat = commands.add_parser(
        "chat", help="the local console (no Discord needed)",
        description="Interactive console; also reads commands piped on stdin, one per line.",
    )
    add_db_option(chat)
    add_deck_option(chat)
    chat.add_argument("--no-color", action="store_true", help="no colour or bold on a terminal (NO_COLOR in the environment does the same)")
    chat.set_defaults(handler=cmd_chat)
