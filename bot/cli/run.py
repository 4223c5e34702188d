"""`studybot run`: the bot on Discord."""

from __future__ import annotations

import argparse
from typing import Any

from bot.app.build import UsageError
from bot.cli.options import add_db_option, add_deck_option
from bot.config import Config


def cmd_run(args: argparse.Namespace, config: Config) -> int:
    from bot.discord.run import run_bot
    from bot.store.database import StoreError

    try:
        return run_bot(config, args.deck, args.db)
    except StoreError as error:
        raise UsageError(str(error)) from error


def register(commands: Any) -> None:
    run = commands.add_parser(
        "run", help="the bot on Discord (needs DISCORD_TOKEN)",
        description="Connect to Discord with the token in $DISCORD_TOKEN and serve every feature; Ctrl-C or SIGTERM stops it cleanly.",
    )
    add_db_option(run)
    add_deck_option(run)
    run.set_defaults(handler=cmd_run)
