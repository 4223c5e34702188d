"""Plain-text rendering of cards for the console."""

from __future__ import annotations

import textwrap

from bot.app.cards import EntryCard

WIDTH = 100


def _wrap(text: str, indent: str = "  ", bullet: str = "") -> str:
    return textwrap.fill(text, WIDTH, initial_indent=indent + bullet, subsequent_indent=indent + " " * len(bullet))


def render_card(card: EntryCard) -> str:
    lines = [f"{card.name}  [{card.kind} · {card.domain}]"]
    if card.aliases:
        lines.append(_wrap("also: " + ", ".join(card.aliases)))
    lines.append(_wrap(card.summary))
    for label, value in card.details:
        lines.append(_wrap(f"{label}: {value}"))
    if card.facts:
        lines.append("  Key facts:")
        lines.extend(_wrap(fact, "    ", "- ") for fact in card.facts)
    if card.lookalikes:
        lines.append("  Not to be confused with:")
        lines.extend(_wrap(f"{look.name}: {look.difference}", "    ", "- ") for look in card.lookalikes)
    lines.append(f"  Docs: {card.url}")
    return "\n".join(lines)
