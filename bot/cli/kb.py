"""`studybot kb check|tasks|export`: the knowledge-base tools."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from bot.app.build import UsageError, compiled_deck, deck_folder
from bot.app.library import deck_folders
from bot.cli.options import add_deck_option, add_group
from bot.config import Config
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.errors import DeckError


def validated(config: Config, path: Path | None) -> list[KnowledgeBase]:
    """The deck, or each deck of a folder of decks, read from its YAML, never from the compiled cache: checking a deck is
    what the cache relies on."""
    from bot.knowledge.loader import load_deck

    folder = deck_folder(config, path)
    try:
        return [load_deck(deck) for deck in deck_folders(folder)]
    except DeckError as error:
        raise UsageError(str(error)) from error


def cmd_check(args: argparse.Namespace, config: Config) -> int:
    from bot.discord.embeds import deck_cuts
    from bot.quiz.audit import audit

    failed = 0
    for kb in validated(config, args.path):
        for cut in deck_cuts(kb):  # the deck is valid; a card Discord would cut is worth fixing all the same
            print(f"warning: {cut}", file=sys.stderr)
        found = audit(kb)
        print(kb.summary() + ("" if found.problems else ": OK"))
        print(found.report())
        if found.problems:
            print(f"{len(found.problems)} problem(s) in the authored questions:", *sorted(found.problems), sep="\n", file=sys.stderr)
            failed = 1
    return failed


def cmd_tasks(args: argparse.Namespace, config: Config) -> int:
    from bot.quiz.audit import audit

    for kb in validated(config, args.path):
        print(f"{kb.info.code}:")
        by_task = audit(kb).by_task
        for task in kb.info.tasks:
            ids = by_task.get(task.id, [])
            print(f"{task.id} {task.title} ({task.domain}): {len(ids)} question(s)")
            for question_id in ids:
                print(f"    {question_id}")
        if unmapped := by_task.get("none"):
            print(f"no task statement: {len(unmapped)} question(s)", *(f"    {question_id}" for question_id in unmapped), sep="\n")
    return 0


def cmd_export(args: argparse.Namespace, config: Config) -> int:
    kb = compiled_deck(config, args.deck, args.exam).kb
    document = {
        "deck": kb.info.model_dump(mode="json"),
        "entries": [entry.model_dump(mode="json") for entry in kb.entries.values()],
        "questions": [question.model_dump(mode="json") for question in kb.questions.values()],
    }
    json.dump(document, sys.stdout, ensure_ascii=False, indent=None if args.compact else 2)
    print()
    return 0


def register(commands: Any) -> None:
    kb_commands = add_group(commands, "kb", "check or export the knowledge base", "Knowledge-base tools.")
    check = kb_commands.add_parser(
        "check", help="validate a deck folder", description="Validate a deck; list every problem as file:line: field: message."
    )
    check.add_argument("path", nargs="?", type=Path, help="a deck folder or a folder of decks (default: the configured decks)")
    check.set_defaults(handler=cmd_check)
    tasks = kb_commands.add_parser(
        "tasks", help="authored questions per exam-guide task statement",
        description="List the deck's task statements, each with the authored questions that exercise it.",
    )
    tasks.add_argument("path", nargs="?", type=Path, help="a deck folder or a folder of decks (default: the configured decks)")
    tasks.set_defaults(handler=cmd_tasks)
    export = kb_commands.add_parser(
        "export", help="print the whole deck as JSON", description='Print {"deck": ..., "entries": [...], "questions": [...]}.'
    )
    export.add_argument("--json", action="store_true", required=True, help="JSON output (the only format)")
    export.add_argument("--compact", action="store_true", help="one line instead of indented JSON")
    add_deck_option(export)
    export.set_defaults(handler=cmd_export)
