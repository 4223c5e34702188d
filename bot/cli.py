"""Command-line entry point: `studybot` / `python -m bot`."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
from pathlib import Path

from bot.config import Config, ConfigError, load_config
from bot.failures import one_line, record
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.errors import DeckError
from bot.knowledge.loader import load_deck
from bot.matching.cli import add_ask_parser
from bot.store.database import StoreError
from bot.store.store import Store


class UsageError(Exception):
    """A problem the user can fix; printed as one line, exit status 1."""


def _kb(config: Config, path: Path | None = None) -> KnowledgeBase:
    try:
        return load_deck(path or config.knowledge)
    except DeckError as error:
        raise UsageError(str(error)) from error


def cmd_kb_check(args: argparse.Namespace, config: Config) -> int:
    from bot.quiz.audit import audit

    kb = _kb(config, args.path)
    found = audit(kb)
    print(kb.summary() + ("" if found.problems else ": OK"))
    print(found.report())
    if found.problems:
        print(f"{len(found.problems)} problem(s) in the authored questions:", *sorted(found.problems), sep="\n", file=sys.stderr)
        return 1
    return 0


def cmd_kb_tasks(args: argparse.Namespace, config: Config) -> int:
    from bot.quiz.audit import audit

    kb = _kb(config, args.path)
    by_task = audit(kb).by_task
    for task in kb.info.tasks:
        ids = by_task.get(task.id, [])
        print(f"{task.id} {task.title} ({task.domain}): {len(ids)} question(s)")
        for question_id in ids:
            print(f"    {question_id}")
    if unmapped := by_task.get("none"):
        print(f"no task statement: {len(unmapped)} question(s)", *(f"    {question_id}" for question_id in unmapped), sep="\n")
    return 0


def cmd_kb_export(args: argparse.Namespace, config: Config) -> int:
    kb = _kb(config)
    document = {
        "deck": kb.info.model_dump(mode="json"),
        "entries": [entry.model_dump(mode="json") for entry in kb.entries.values()],
        "questions": [question.model_dump(mode="json") for question in kb.questions.values()],
    }
    json.dump(document, sys.stdout, ensure_ascii=False, indent=None if args.compact else 2)
    print()
    return 0


async def open_store(config: Config, db: Path | None) -> Store:
    try:
        return await Store.open(config.database_path(db))
    except StoreError as error:
        raise UsageError(str(error)) from error


def cmd_chat(args: argparse.Namespace, config: Config) -> int:
    return asyncio.run(_chat(args, config))


async def _chat(args: argparse.Namespace, config: Config) -> int:
    from bot.app.learning import Learning
    from bot.app.study import StudyApp
    from bot.console import build_console
    from bot.quiz.clock import SystemClock

    kb = _kb(config)
    store = await open_store(config, args.db)
    try:
        learning = Learning(kb, store, SystemClock(), seed=config.daily.seed, open_hours=config.daily.default_open_hours)
        return await build_console(StudyApp(kb, learning)).run()
    finally:
        await store.close()


def cmd_run(args: argparse.Namespace, config: Config) -> int:
    from bot.discord.run import run_bot

    return run_bot(config, args.db)


def existing_database(config: Config, db: Path | None, purpose: str) -> Path:
    """The database a db tool works on, which must exist: checking or copying a missing one would create it."""
    path = config.database_path(db)
    if not os.path.lexists(path):
        raise UsageError(f"{path}: no database there, so nothing to {purpose}")
    return path


def cmd_db_backup(args: argparse.Namespace, config: Config) -> int:
    source = existing_database(config, args.db, "back up")

    async def backup() -> None:
        store = await open_store(config, source)
        try:
            await store.db.backup(args.path)
        finally:
            await store.close()

    asyncio.run(backup())
    print(f"backup written to {args.path}")
    return 0


def cmd_db_check(args: argparse.Namespace, config: Config) -> int:
    source = existing_database(config, args.db, "check")

    async def check() -> list[str]:
        store = await open_store(config, source)
        try:
            return await store.db.integrity_check()
        finally:
            await store.close()

    problems = asyncio.run(check())
    print("\n".join(problems))
    return 0 if problems == ["ok"] else 1


def cmd_quiz_sample(args: argparse.Namespace, config: Config) -> int:
    from bot.quiz.bank import QuestionBank
    from bot.quiz.sample import sample_questions

    try:
        questions = sample_questions(QuestionBank.build(_kb(config)), args.count, args.seed)
    except ValueError as error:
        raise UsageError(str(error)) from error
    for question in questions:
        print(json.dumps(question, ensure_ascii=False))
    return 0


def cmd_quiz_drills(args: argparse.Namespace, config: Config) -> int:
    from bot.quiz.generate import generate_drills

    drills = generate_drills(_kb(config))
    counts = drills.per_template()
    print(f"{len(drills.questions)} drills: " + ", ".join(f"{name} {count}" for name, count in counts.most_common()))
    print(f"use cases skipped: {sum(drills.skipped.values())}")
    for reason, count in drills.skipped.most_common():
        print(f"  {count} {reason}")
    return 0


def cmd_exam_sample(args: argparse.Namespace, config: Config) -> int:
    from bot.quiz.bank import QuestionBank
    from bot.quiz.exam import ExamError, exam_paper

    kb = _kb(config)
    try:
        paper = exam_paper(kb, QuestionBank.build(kb), args.seed)
    except ExamError as error:
        raise UsageError(str(error)) from error
    for number, question in enumerate(paper, 1):
        kind = "multiple response" if question.multiple else "multiple choice"
        row = {"number": number, "id": question.id, "domain": question.domain, "task": question.task, "kind": kind}
        print(json.dumps(row))
    return 0


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", type=Path, help="SQLite database file (default: the config's, else one in your user data folder)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="studybot", description="AWS ML exam study assistant: console, Discord bot and tools.")
    parser.add_argument("--config", type=Path, help="config file (default: $STUDYBOT_CONFIG, else ./config.yaml if present)")
    parser.add_argument("--debug", action="store_true", help="show the traceback of an unexpected error (studybot run logs it anyway)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    kb = commands.add_parser("kb", help="check or export the knowledge base", description="Knowledge-base tools.")
    kb_commands = kb.add_subparsers(dest="kb_command", required=True, metavar="KB_COMMAND")
    check = kb_commands.add_parser(
        "check", help="validate a deck folder", description="Validate a deck; list every problem as file:line: field: message."
    )
    check.add_argument("path", nargs="?", type=Path, help="deck folder (default: the configured deck)")
    check.set_defaults(handler=cmd_kb_check)
    tasks = kb_commands.add_parser(
        "tasks", help="authored questions per exam-guide task statement",
        description="List the deck's task statements, each with the authored questions that exercise it.",
    )
    tasks.add_argument("path", nargs="?", type=Path, help="deck folder (default: the configured deck)")
    tasks.set_defaults(handler=cmd_kb_tasks)
    export = kb_commands.add_parser(
        "export", help="print the whole deck as JSON", description='Print {"deck": ..., "entries": [...], "questions": [...]}.'
    )
    export.add_argument("--json", action="store_true", required=True, help="JSON output (the only format)")
    export.add_argument("--compact", action="store_true", help="one line instead of indented JSON")
    export.set_defaults(handler=cmd_kb_export)

    chat = commands.add_parser(
        "chat", help="the local console (no Discord needed)",
        description="Interactive console; also reads commands piped on stdin, one per line.",
    )
    add_db_option(chat)
    chat.set_defaults(handler=cmd_chat)

    run = commands.add_parser(
        "run", help="the bot on Discord (needs DISCORD_TOKEN)",
        description="Connect to Discord with the token in $DISCORD_TOKEN and serve every feature; Ctrl-C or SIGTERM stops it cleanly.",
    )
    add_db_option(run)
    run.set_defaults(handler=cmd_run)

    quiz = commands.add_parser("quiz", help="audit the question bank", description="Question-bank tools.")
    quiz_commands = quiz.add_subparsers(dest="quiz_command", required=True, metavar="QUIZ_COMMAND")
    sample = quiz_commands.add_parser(
        "sample", help="questions as learners see them, one JSON object a line",
        description="Print COUNT questions drawn with SEED (authored and drills) as JSON lines.",
    )
    sample.add_argument("--count", type=int, default=10, help="how many questions (default 10)")
    sample.add_argument("--seed", type=int, default=0, help="the same seed gives the same questions")
    sample.add_argument("--json", action="store_true", required=True, help="JSON lines output (the only format)")
    sample.set_defaults(handler=cmd_quiz_sample)
    drills = quiz_commands.add_parser(
        "drills", help="how many drills each template makes, and why use cases were skipped",
        description="Count the drills generated from the deck per template, and the use cases that yielded none, by reason.",
    )
    drills.set_defaults(handler=cmd_quiz_drills)

    exam = commands.add_parser("exam", help="audit the mock exam's draw", description="Mock exam tools.")
    exam_commands = exam.add_subparsers(dest="exam_command", required=True, metavar="EXAM_COMMAND")
    paper = exam_commands.add_parser(
        "sample", help="the paper an exam drawn with SEED would ask, one JSON object a line",
        description="Print the questions (number, id, domain, task, kind) of the mock exam paper that SEED draws.",
    )
    paper.add_argument("--seed", type=int, default=0, help="the same seed draws the same paper")
    paper.add_argument("--json", action="store_true", required=True, help="JSON lines output (the only format)")
    paper.set_defaults(handler=cmd_exam_sample)

    db = commands.add_parser("db", help="back up or check the database", description="Database tools.")
    db_commands = db.add_subparsers(dest="db_command", required=True, metavar="DB_COMMAND")
    backup = db_commands.add_parser("backup", help="consistent online copy", description="Copy the database with SQLite's backup API.")
    backup.add_argument("path", type=Path, help="the new backup file (must not exist)")
    add_db_option(backup)
    backup.set_defaults(handler=cmd_db_backup)
    check_db = db_commands.add_parser("check", help="integrity check", description="Run SQLite's integrity check; exit 1 on problems.")
    add_db_option(check_db)
    check_db.set_defaults(handler=cmd_db_check)
    add_ask_parser(commands)
    return parser


def _tolerate_undecodable_streams() -> None:
    """A byte that is not valid in the locale's encoding becomes U+FFFD on input and '?' on output, instead of an
    exception that loses every line around it."""
    for stream, errors in ((sys.stdin, "replace"), (sys.stdout, "replace"), (sys.stderr, "backslashreplace")):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors=errors)


def main(argv: list[str] | None = None) -> int:
    """Run one command. Every failure ends in one line on stderr and a non-zero exit; only an unexpected one
    (a bug) has a traceback, shown under --debug and logged by `studybot run`."""
    args = build_parser().parse_args(argv)
    _tolerate_undecodable_streams()
    if args.debug and args.command != "run":  # `run` sets up its own logging
        logging.basicConfig(format="%(levelname)s %(name)s: %(message)s")
    try:
        config = load_config(args.config)
        return args.handler(args, config)
    except (UsageError, ConfigError, StoreError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and the like: stop quietly
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - replaces the closed pipe for the interpreter's final flush
        return 0
    except Exception as error:
        record(error, f"studybot {args.command} failed")
        hint = "" if args.debug else "; run again with --debug for the traceback"
        print(f"error: unexpected {one_line(error)}{hint}", file=sys.stderr)
        return 1
