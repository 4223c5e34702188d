"""`studybot exam sample`: the mock exam paper a seed draws."""

from __future__ import annotations

import argparse
import json
from typing import Any

from bot.app.build import UsageError, compiled_deck
from bot.cli.options import add_deck_option, add_group
from bot.config import Config


def cmd_sample(args: argparse.Namespace, config: Config) -> int:
    from bot.quiz.exam import ExamError, exam_paper

    deck = compiled_deck(config, args.deck, args.exam)
    try:
        paper = exam_paper(deck.kb, deck.bank, args.seed)
    except ExamError as error:
        raise UsageError(str(error)) from error
    for number, question in enumerate(paper, 1):
        kind = question.kind if question.kind != "question" else ("multiple response" if question.multiple else "multiple choice")
        row = {"number": number, "id": question.id, "domain": question.domain, "task": question.task, "kind": kind}
        print(json.dumps(row))
    return 0


def register(commands: Any) -> None:
    exam_commands = add_group(commands, "exam", "audit the mock exam's draw", "Mock exam tools.")
    paper = exam_commands.add_parser(
        "sample", help="the paper an exam drawn with SEED would ask, one JSON object a line",
        description="Print the questions (number, id, domain, task, kind) of the mock exam paper that SEED draws.",
    )
    paper.add_argument("--seed", type=int, default=0, help="the same seed draws the same paper")
    paper.add_argument("--json", action="store_true", required=True, help="JSON lines output (the only format)")
    add_deck_option(paper)
    paper.set_defaults(handler=cmd_sample)
