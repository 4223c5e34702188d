"""`studybot run` and `studybot sync`: the bot on Discord, and uploading its slash commands."""

from __future__ import annotations

import argparse
from typing import Any

from bot.app.build import UsageError
from bot.cli.options import add_db_option, add_deck_option
from bot.config import Config


def cmd_run(args: argparse.Namespace, config: Config) -> int:
    from bot.discord.run import run_bot
    from bot.store.errors import StoreError

    if getattr(args, "shard_ids", None) is not None or getattr(args, "shard_count", None) is not None:
        config = config.with_shards(args.shard_ids, args.shard_count)
    if args.exam:  # the exam of new servers and DMs: what the config's `exam` says, for this run
        config = config.model_copy(update={"exam": args.exam})
    try:
        return run_bot(config, args.deck, args.db, sync_only=args.command == "sync")
    except StoreError as error:
        raise UsageError(str(error)) from error


def register(commands: Any) -> None:
    run = commands.add_parser(
        "run", help="the bot on Discord (needs DISCORD_TOKEN)",
        description="Connect to Discord with the token in $DISCORD_TOKEN and serve every feature; Ctrl-C or SIGTERM stops it cleanly.",
    )
    sync = commands.add_parser(
        "sync", help="upload the slash commands to Discord now (needs DISCORD_TOKEN)",
        description="Upload the slash commands even if unchanged (`run` syncs only when they changed), then exit.",
    )
    run.add_argument("--shard-ids", metavar="IDS", help="run only these shards, e.g. 0-3 or 0,2,5-7 (with --shard-count): "
                     "one process of a cluster sharing one PostgreSQL database")
    run.add_argument("--shard-count", type=int, metavar="N", help="how many shards the whole cluster runs")
    for parser in (run, sync):
        add_db_option(parser)
        add_deck_option(parser)
        parser.set_defaults(handler=cmd_run)
