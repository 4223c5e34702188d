"""`studybot ask`: the answer card as text, or the ranking as JSON (one query, or one per stdin line)."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from bot.app.build import UsageError, compiled_library, study_apps
from bot.cli.options import add_deck_option
from bot.config import Config

if TYPE_CHECKING:
    from bot.app.ask import AskResult
    from bot.app.study import StudyApp


def _json_line(result: AskResult) -> str:
    """The ranking as one JSON line; "query" is the cleaned query (mentions removed, long input cut)."""
    return json.dumps({"query": result.query, "results": [asdict(ranked) for ranked in result.ranking]}, ensure_ascii=False)


def _reply(app: StudyApp, query: str, args: argparse.Namespace) -> str:
    from bot.console.render import render_ask

    result = app.ask(query, args.k)
    return _json_line(result) if args.json else render_ask(result)


def cmd_ask(args: argparse.Namespace, config: Config) -> int:
    from bot.limits import read_line

    if args.k < 1:
        raise UsageError("-k must be at least 1")
    if args.batch == bool(args.query):
        raise UsageError('give a query (studybot ask "which service for speech to text") or --batch, not both')
    app = study_apps(config, compiled_library(config, args.deck, args.exam, every=False)).get()
    if not args.batch:
        print(_reply(app, " ".join(args.query), args))
        return 0
    while (line := read_line(sys.stdin)) is not None:
        print(_reply(app, line, args), flush=True)
        if not args.json:
            print()
    return 0


def register(commands: Any) -> None:
    ask = commands.add_parser(
        "ask", help="which service, algorithm, metric or concept fits a need",
        description='Answer a "which service for X" question from the knowledge base. '
                    'JSON output: {"query": ..., "results": [{"id", "name", "kind", "score"}, ...]}, best first.',
    )
    ask.add_argument("query", nargs="*", help="the question (quote it; not used with --batch)")
    ask.add_argument("--json", action="store_true", help="print the ranking as JSON instead of the answer card")
    ask.add_argument("-k", "--top", dest="k", type=int, default=3, help="how many results --json prints (default 3)")
    ask.add_argument("--batch", action="store_true", help="read one query a line from standard input, answer each in order")
    add_deck_option(ask)
    ask.set_defaults(handler=cmd_ask)
