"""Command-line entry point: `studybot` / `python -m bot`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bot.config import Config, ConfigError, load_config
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.errors import DeckError
from bot.knowledge.loader import load_deck


class UsageError(Exception):
    """A problem the user can fix; printed as one line, exit status 1."""


def _kb(config: Config, path: Path | None = None) -> KnowledgeBase:
    try:
        return load_deck(path or config.knowledge)
    except DeckError as error:
        raise UsageError(str(error)) from error


def cmd_kb_check(args: argparse.Namespace, config: Config) -> int:
    print(_kb(config, args.path).summary() + ": OK")
    return 0


def cmd_kb_export(args: argparse.Namespace, config: Config) -> int:
    kb = _kb(config)
    items = [*kb.entries.values(), *kb.questions.values()]
    document = {"deck": kb.info.model_dump(mode="json"), "entries": [item.model_dump(mode="json") for item in items]}
    json.dump(document, sys.stdout, ensure_ascii=False, indent=None if args.compact else 2)
    print()
    return 0


def cmd_chat(args: argparse.Namespace, config: Config) -> int:
    from bot.app.study import StudyApp
    from bot.console import build_console

    return build_console(StudyApp(_kb(config))).run()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="studybot", description="AWS ML exam study assistant: console, Discord bot and tools.")
    parser.add_argument("--config", type=Path, help="config file (default: ./config.yaml if present)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    kb = commands.add_parser("kb", help="check or export the knowledge base", description="Knowledge-base tools.")
    kb_commands = kb.add_subparsers(dest="kb_command", required=True, metavar="KB_COMMAND")
    check = kb_commands.add_parser(
        "check", help="validate a deck folder", description="Validate a deck; list every problem as file:line: field: message."
    )
    check.add_argument("path", nargs="?", type=Path, help="deck folder (default: the configured deck)")
    check.set_defaults(handler=cmd_kb_check)
    export = kb_commands.add_parser(
        "export", help="print the whole deck as JSON", description='Print {"entries": [...]} with every entry and question.'
    )
    export.add_argument("--json", action="store_true", required=True, help="JSON output (the only format)")
    export.add_argument("--compact", action="store_true", help="one line instead of indented JSON")
    export.set_defaults(handler=cmd_kb_export)

    chat = commands.add_parser(
        "chat", help="the local console (no Discord needed)",
        description="Interactive console; also reads commands piped on stdin, one per line.",
    )
    chat.set_defaults(handler=cmd_chat)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        config = load_config(args.config)
        return args.handler(args, config)
    except (UsageError, ConfigError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
