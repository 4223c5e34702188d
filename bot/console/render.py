"""Plain-text rendering of cards for the console (a Look adds width and styling on a terminal)."""

from __future__ import annotations

from bot.app.ask import TRAP_HEADING, AskResult, BadInput, Comparison, NotSure, QuestionTests, UnseenQuestion
from bot.app.cards import EntryCard
from bot.console.look import PLAIN, Look


def render_card(card: EntryCard, *, look: Look = PLAIN) -> str:
    lines = [look.heading(card.name) + f"  [{card.where}]"]
    if card.aliases:
        lines.append(look.muted(look.fill("also: " + ", ".join(card.aliases), "  ")))
    lines.append(look.fill(card.summary, "  "))
    for label, value in card.details:
        lines.append(look.fill(f"{label}: {value}", "  "))
    if card.facts:
        lines.append(look.strong("  Key facts:"))
        lines.extend(look.fill(fact, "    ", "- ") for fact in card.facts)
    if card.lookalikes:
        lines.append(look.strong("  Not to be confused with:"))
        lines.extend(look.fill(f"{other.name}: {other.difference}", "    ", "- ") for other in card.lookalikes)
    lines.append(look.muted(f"  Docs: {card.url}"))
    lines.extend(look.muted(f"        {source}") for source in card.sources)
    return "\n".join(lines)


def render_tests(tests: QuestionTests, *, look: Look = PLAIN) -> str:
    """A pasted exam question: what it most likely tests, what its options name, what tells them apart, the trap they
    set, and any tip."""
    best, *others = tests.likely
    heading = "What this question tests, most likely first:" if tests.exam else "What this most likely calls for, best first:"
    lines = [look.strong(heading), "", render_card(best, look=look)]
    if others:
        lines.append("")
        lines.append(look.strong("Also in the running:" if not tests.close else "Too close to call between it and:"))
        lines.extend(look.fill(f"{card.name} ({card.kind}): {card.summary}", "  ", "- ") for card in others)
    if tests.options:
        lines.append("The options name: " + "; ".join(f"{letter}) {name}" for letter, name in tests.options))
    if tests.differences:
        lines.append(look.strong("What decides between them:" if tests.close or tests.options else "How they differ:"))
        lines.extend(look.fill(line, "  ", "- ") for line in tests.differences)
    if tests.trap:
        lines.append(look.strong(TRAP_HEADING))
        lines.append(look.fill(f"{tests.trap.name}. {tests.trap.truth}", "  ", "- "))
    if tests.tip:
        lines.append(look.muted(tests.tip))
    return "\n".join(lines)


def render_ask(result: AskResult, *, look: Look = PLAIN) -> str:
    """An ask reply: the answer card (and "or maybe"), a comparison, doubt with suggestions, or a message."""
    lines = [f"({note})" for note in result.notes]
    outcome = result.outcome
    if isinstance(outcome, BadInput):
        lines.append(outcome.message)
    elif isinstance(outcome, UnseenQuestion):
        lines.append("I can't see the question you mean. Paste the whole question, with its options, and I'll say what it tests.")
    elif isinstance(outcome, NotSure):
        about = f" for '{outcome.unclear}'" if outcome.unclear else ""
        lines.append(f"I'm not sure what fits{about}.")
        if outcome.suggestions:
            lines.append("Did you mean: " + ", ".join(outcome.suggestions) + "?")
        else:
            lines.append("Try describing the task, for example: which service turns speech into text?")
    elif isinstance(outcome, Comparison):
        lines.append(look.heading(f"{outcome.left.name} vs {outcome.right.name}"))
        if outcome.differences:
            lines.append(look.strong("  The difference:"))
            lines.extend(look.fill(line, "    ", "- ") for line in outcome.differences)
        lines += ["", render_card(outcome.left, look=look), "", render_card(outcome.right, look=look)]
    elif isinstance(outcome, QuestionTests):
        lines.append(render_tests(outcome, look=look))
    else:
        lines.append(render_card(outcome.card, look=look))
        if outcome.maybe:
            lines.append(look.fill(f"Or maybe: {outcome.maybe.name} ({outcome.maybe.kind}): {outcome.maybe.summary}", "  "))
    return "\n".join(lines)
