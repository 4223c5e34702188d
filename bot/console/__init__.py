"""The local console: `Console` plus the command groups registered on it.

The groups are imported when a console is built, not with the package, so `studybot ask` can use the renderers in
bot/console/render.py without loading the learning features."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.app.study import StudyApp
    from bot.console.repl import Console


def build_console(app: StudyApp) -> Console:
    from bot.console import ask, exam, knowledge, learning
    from bot.console.repl import Console

    console = Console(app)
    for group in (knowledge, ask, learning, exam):
        group.register(console)
    return console
