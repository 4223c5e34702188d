"""Command-line entry point: `studybot` / `python -m bot`. One module per command group; each registers its commands
and imports what they need only when they run, so a command starts without loading what it does not use."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from bot.app.build import UsageError
from bot.cli import ask, chat, db, exam, kb, quiz, run
from bot.config import ConfigError, load_config
from bot.failures import one_line, record

# In the order `studybot --help` lists them.
COMMAND_GROUPS = (kb, chat, run, quiz, exam, db, ask)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="studybot", description="AWS ML exam study assistant: console, Discord bot and tools.")
    parser.add_argument("--config", type=Path, help="config file (default: $STUDYBOT_CONFIG, else ./config.yaml if present)")
    parser.add_argument("--debug", action="store_true", help="show the traceback of an unexpected error (studybot run logs it anyway)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for group in COMMAND_GROUPS:
        group.register(commands)
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
    except (UsageError, ConfigError) as error:
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
