"""Unexpected errors, reported the same way everywhere: one line for the person at the keyboard; the traceback in the
log (`studybot run`) or on screen under `--debug`, never otherwise."""

from __future__ import annotations

import logging

from bot.limits import shorten

log = logging.getLogger("bot")
DETAIL_CHARS = 100


def one_line(error: BaseException) -> str:
    """The error's type and the first line of its message, shortened."""
    lines = str(error).strip().splitlines()
    return f"{type(error).__name__}: {shorten(lines[0], DETAIL_CHARS)}" if lines else type(error).__name__


def record(error: BaseException, context: str) -> None:
    """The traceback goes to the log when logging is set up (`studybot run`, or `--debug`)."""
    if logging.getLogger().hasHandlers():
        log.error("%s", context, exc_info=error)
