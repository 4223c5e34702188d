"""Plain-text rendering of cards for the console."""

from __future__ import annotations

import textwrap

from bot.app.ask import AskResult, BadInput, Comparison, NotSure, QuestionTests
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


def render_tests(tests: QuestionTests) -> str:
    """A pasted exam question: what it most likely tests, what its options name, and what tells them apart."""
    best, *others = tests.likely
    lines = ["What this question tests, most likely first:", "", render_card(best)]
    if others:
        lines.append("")
        lines.append("Also in the running:" if not tests.close else "Too close to call between it and:")
        lines.extend(_wrap(f"{card.name} ({card.kind}): {card.summary}", "  ", "- ") for card in others)
    if tests.options:
        lines.append("The options name: " + "; ".join(f"{letter}) {name}" for letter, name in tests.options))
    if tests.differences:
        lines.append("What decides between them:" if tests.close or tests.options else "How they differ:")
        lines.extend(_wrap(line, "  ", "- ") for line in tests.differences)
    return "\n".join(lines)


def render_ask(result: AskResult) -> str:
    """An ask reply: the answer card (and "or maybe"), a comparison, doubt with suggestions, or a message."""
    lines = [f"({note})" for note in result.notes]
    outcome = result.outcome
    if isinstance(outcome, BadInput):
        lines.append(outcome.message)
    elif isinstance(outcome, NotSure):
        about = f" for '{outcome.unclear}'" if outcome.unclear else ""
        lines.append(f"I'm not sure what fits{about}.")
        if outcome.suggestions:
            lines.append("Did you mean: " + ", ".join(outcome.suggestions) + "?")
        else:
            lines.append("Try describing the task, for example: which service turns speech into text?")
    elif isinstance(outcome, Comparison):
        lines.append(f"{outcome.left.name} vs {outcome.right.name}")
        if outcome.differences:
            lines.append("  The difference:")
            lines.extend(_wrap(line, "    ", "- ") for line in outcome.differences)
        lines += ["", render_card(outcome.left), "", render_card(outcome.right)]
    elif isinstance(outcome, QuestionTests):
        lines.append(render_tests(outcome))
    else:
        lines.append(render_card(outcome.card))
        if outcome.maybe:
            lines.append(_wrap(f"Or maybe: {outcome.maybe.name} ({outcome.maybe.kind}): {outcome.maybe.summary}"))
    return "\n".join(lines)
