"""Console commands for the ask feature: `ask QUERY` and `compare X Y`."""

from __future__ import annotations

from bot.console.render import render_ask
from bot.console.repl import Console


def register(console: Console) -> None:
    console.register("ask", _ask, "QUERY", "which entry fits a need, or what a pasted question tests (paste it alone too)", whole_text=True)
    console.register("compare", _compare, "X Y", "two entries side by side (quote names with spaces)")


def _ask(console: Console, args: list[str]) -> str:
    return render_ask(console.app.ask(" ".join(args)), look=console.look)


def _compare(console: Console, args: list[str]) -> str:
    asker = console.app.asker
    sides = (args[0], args[1]) if len(args) == 2 else asker.split(" ".join(args))
    if not sides:
        return 'Usage: compare X Y  (for example: compare kinesis firehose, or compare "data wrangler" and databrew)'
    return render_ask(asker.compare(*sides), look=console.look)
