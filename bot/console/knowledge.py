"""Console commands that look things up in the knowledge base."""

from __future__ import annotations

from bot.console.render import render_card
from bot.console.repl import Console
from bot.limits import shorten


def register(console: Console) -> None:
    console.register("show", _show, "NAME", "an entry's card, by id, name or alias")
    console.register("trap", _trap, "[TOPIC]", "a common exam trap, at random or on a topic")


def _show(console: Console, args: list[str]) -> str:
    if not args:
        return "Usage: show NAME  (for example: show Firehose)"
    found = console.app.show(" ".join(args))
    if found.card:
        return render_card(found.card, look=console.look)
    hint = f" Did you mean: {', '.join(found.suggestions)}?" if found.suggestions else ""
    return f"No entry is called '{shorten(' '.join(args))}'.{hint}"


def _trap(console: Console, args: list[str]) -> str:
    pick = console.app.trap(" ".join(args))
    if pick is None:
        return "This deck has no traps yet."
    note = f"No trap is about '{shorten(pick.topic)}'; here is another one.\n" if pick.fallback else ""
    return note + render_card(pick.card, look=console.look)
