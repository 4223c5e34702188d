"""Options several commands share."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", type=Path, help="SQLite database file (default: the config's, else one in your user data folder)")


def add_deck_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--deck", type=Path, help="deck folder (default: the config's knowledge, else the deck shipped with StudyBot)")
