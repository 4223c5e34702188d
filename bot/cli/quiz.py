"""`studybot quiz sample|drills`: the question bank as learners see it, and what the drill templates make of the deck."""

from __future__ import annotations

import argparse
import json
from typing import Any

from bot.app.build import UsageError, compiled_deck
from bot.cli.options import add_deck_option, add_group
from bot.config import Config


def cmd_sample(args: argparse.Namespace, config: Config) -> int:
    from bot.quiz.sample import sample_questions

    try:
        questions = sample_questions(compiled_deck(config, args.deck, args.exam).bank, args.count, args.seed)
    except ValueError as error:
        raise UsageError(str(error)) from error
    for question in questions:
        print(json.dumps(question, ensure_ascii=False))
    return 0


def cmd_drills(args: argparse.Namespace, config: Config) -> int:
    from bot.quiz.generate import generate_drills

    drills = generate_drills(compiled_deck(config, args.deck, args.exam).kb)
    counts = drills.per_template()
    print(f"{len(drills.questions)} drills: " + ", ".join(f"{name} {count}" for name, count in counts.most_common()))
    print(f"use cases skipped: {sum(drills.skipped.values())}")
    for reason, count in drills.skipped.most_common():
        print(f"  {count} {reason}")
    return 0


def register(commands: Any) -> None:
    quiz_commands = add_group(commands, "quiz", "audit the question bank", "Question-bank tools.")
    sample = quiz_commands.add_parser(
        "sample", help="questions as learners see them, one JSON object a line",
        description="Print COUNT questions drawn with SEED (authored and drills) as JSON lines.",
    )
    sample.add_argument("--count", type=int, default=10, help="how many questions (default 10)")
    sample.add_argument("--seed", type=int, default=0, help="the same seed gives the same questions")
    sample.add_argument("--json", action="store_true", required=True, help="JSON lines output (the only format)")
    add_deck_option(sample)
    sample.set_defaults(handler=cmd_sample)
    drills = quiz_commands.add_parser(
        "drills", help="how many drills each template makes, and why use cases were skipped",
        description="Count the drills generated from the deck per template, and the use cases that yielded none, by reason.",
    )
    add_deck_option(drills)
    drills.set_defaults(handler=cmd_drills)
