"""Options several commands share."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from bot.store.database import parse_target


def add_group(commands: Any, name: str, summary: str, description: str) -> Any:
    """A command whose work is done by its subcommands (`studybot NAME SUBCOMMAND`); returns where to add them."""
    group = commands.add_parser(name, help=summary, description=description)
    return group.add_subparsers(dest=f"{name}_command", required=True, metavar=f"{name.upper()}_COMMAND")


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db", type=parse_target, metavar="PATH|URL",
        help="SQLite database file or postgresql:// URL (default: the config's, else a file in your user data folder)",
    )


def add_deck_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--deck", type=Path,
        help="a deck folder, or a folder of decks (default: the config's knowledge, else the decks shipped with StudyBot)",
    )
    parser.add_argument("--exam", help="the exam to serve, e.g. mla-c01 (default: the config's exam, else mla-c01)")
