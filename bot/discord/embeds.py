"""Embeds from the app's adapter-neutral cards and results, always within Discord's limits.

Every string goes through `fit`, which defuses mentions and cuts at a word boundary, so no builder can make
a payload Discord rejects with a 400, nor a reply that pings anyone even if allowed mentions were misconfigured.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

import discord

from bot.app.ask import EXAMPLE as ASK_EXAMPLE
from bot.app.ask import TRAP_HEADING, Answer, AskResult, Comparison, NotSure, QuestionTests, UnseenQuestion
from bot.app.cards import EntryCard, entry_card
from bot.app.traps import TrapPick
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.deck import DeckInfo

TITLE = 256
DESCRIPTION = 4096
FIELD_NAME = 256
FIELD_VALUE = 1024
FOOTER = 2048
FIELDS = 25
TOTAL = 6000
MESSAGE = 2000
CHOICE = 100
ELLIPSIS = "…"
BULLET = "• "
# A field this short sits beside its neighbours instead of taking a whole row.
INLINE = 60

KIND_COLOURS = {
    "service": discord.Colour.blue(),
    "algorithm": discord.Colour.purple(),
    "metric": discord.Colour.teal(),
    "concept": discord.Colour.green(),
    "trap": discord.Colour.orange(),
}
DOUBT = discord.Colour.light_grey()
# The message menu (Apps, on anyone's message) reads a pasted question with its line breaks, which /ask cannot take.
ASK_MENU = "What does this test?"
UNSEEN_QUESTION = (
    "I can't see the question you mean. Paste it into `/ask` with its options, or use "
    f"*Apps → {ASK_MENU}* on the message that holds it."
)


def fit(text: str, limit: int) -> str:
    """`text` with mentions defused, cut to `limit` characters at a word boundary (ending in …) when too long."""
    text = discord.utils.escape_mentions(text.strip())
    if len(text) <= limit:
        return text
    cut = text[: limit - len(ELLIPSIS)]
    space = max(cut.rfind(" "), cut.rfind("\n"))
    if space > limit // 2:  # a word boundary not too far back; else one huge "word" is cut where it must be
        cut = cut[:space]
    return cut.rstrip(" \n,;:.") + ELLIPSIS


def user_text(text: str, limit: int) -> str:
    """Text a learner typed, shown back: markdown escaped so it cannot restyle or hide the reply."""
    return fit(discord.utils.escape_markdown(" ".join(text.split())), limit)


def bullets(items: Iterable[str], limit: int = FIELD_VALUE) -> str:
    """One line per item, as many whole items as fit in `limit`; a final … says some were left out."""
    lines: list[str] = []
    size = 0
    for item in items:
        line = BULLET + fit(item, limit - len(BULLET))
        if size + len(line) + len(lines) > limit:
            if size + len(lines) + len(ELLIPSIS) <= limit:
                lines.append(ELLIPSIS)
            break
        lines.append(line)
        size += len(line)
    return "\n".join(lines)


def bullet_values(items: Iterable[str], limit: int = FIELD_VALUE) -> list[str]:
    """The items as bullet lines, split into as many field values as it takes: nothing is dropped, and only an item
    longer than a whole field is cut (`kb check` warns of those)."""
    values: list[list[str]] = [[]]
    for item in items:
        line = BULLET + fit(item, limit - len(BULLET))
        current = values[-1]
        if current and sum(map(len, current)) + len(current) + len(line) > limit:
            values.append(current := [])
        current.append(line)
    return ["\n".join(lines) for lines in values if lines]


def _field(embed: discord.Embed, name: str, value: str, inline: bool = False) -> None:
    if len(embed.fields) < FIELDS:
        embed.add_field(name=fit(name, FIELD_NAME), value=value or "—", inline=inline)


def _bullet_fields(embed: discord.Embed, name: str, items: Iterable[str]) -> None:
    """A list under one heading, continued in more fields ("… (continued)") when it is longer than one field holds."""
    for number, value in enumerate(bullet_values(items)):
        _field(embed, name if number == 0 else f"{name} (continued)", value)


def _within_total(embed: discord.Embed) -> discord.Embed:
    """Drop trailing fields until the whole embed is within Discord's 6,000-character total."""
    while len(embed) > TOTAL and embed.fields:
        embed.remove_field(len(embed.fields) - 1)
    return embed


def card_embed(card: EntryCard, note: str = "") -> discord.Embed:
    """An entry's card: summary, details, key facts, look-alikes and the difference, documentation link."""
    lines = [f"*{note}*"] if note else []
    if card.aliases:
        lines.append("*also: " + ", ".join(card.aliases) + "*")
    lines.append(card.summary)
    lines.append(_doc_links(card, "Documentation", DESCRIPTION - len("\n".join(lines)) - 1))
    embed = discord.Embed(
        title=fit(card.name, TITLE), url=card.url, description=fit("\n".join(lines), DESCRIPTION), colour=KIND_COLOURS.get(card.kind)
    )
    for label, value in card.details:
        _field(embed, label, fit(value, FIELD_VALUE), inline=len(value) <= INLINE)
    if card.facts:
        _bullet_fields(embed, "Key facts", card.facts)
    if card.lookalikes:
        _bullet_fields(embed, "Not to be confused with", lookalike_lines(card))
    embed.set_footer(text=fit(card.where, FOOTER))
    return _within_total(embed)


def _doc_links(card: EntryCard, label: str, limit: int) -> str:
    """The entry's documentation link, then each other page that states a fact shown, named by its page, as many as
    fit in `limit` characters."""
    links = f"[{label}]({card.url})"
    for source in card.sources:
        more = f"{links} · [{_page_name(source)}]({source})"
        if len(more) > limit:
            break
        links = more
    return links


def _page_name(url: str) -> str:
    """A page's last path part without its extension ("ll_hyperparameters"), or its host for a site's front page."""
    parts = urlsplit(url)
    return parts.path.rstrip("/").rsplit("/", 1)[-1].removesuffix(".html") or parts.hostname or url


def card_cuts(card: EntryCard) -> list[str]:
    """What of a card Discord would not show in full, one line each (for `kb check`); empty when it all fits."""
    cuts = []
    for heading, items in (("Key facts", card.facts), ("Not to be confused with", lookalike_lines(card))):
        for item in items:
            if len(BULLET) + len(item) > FIELD_VALUE:
                cuts.append(f"{heading}: one item has {len(item):,} characters, more than the {FIELD_VALUE:,} a Discord field holds")
    for label, value in card.details:
        if len(value) > FIELD_VALUE:
            cuts.append(f"{label}: {len(value):,} characters, more than the {FIELD_VALUE:,} a Discord field holds")
    if len(card.summary) > DESCRIPTION // 2:
        cuts.append(f"summary: {len(card.summary):,} characters; keep it under {DESCRIPTION // 2:,} so the description fits")
    wanted = len(card.details) + len(bullet_values(card.facts)) + len(bullet_values(lookalike_lines(card)))
    if len(card_embed(card).fields) < wanted:
        cuts.append(f"the whole card is past Discord's {TOTAL:,} characters or {FIELDS} fields: its last fields would be left out")
    return cuts


def deck_cuts(kb: KnowledgeBase) -> list[str]:
    """`card_cuts` for every entry of a deck, each line naming the entry."""
    return [f"{entry.kind} '{entry.id}': {cut}" for entry in kb.entries.values() for cut in card_cuts(entry_card(kb, entry))]


def lookalike_lines(card: EntryCard) -> list[str]:
    return [f"**{look.name}**: {look.difference}" for look in card.lookalikes]


def ask_embed(result: AskResult, *, echo: bool = True) -> discord.Embed:
    """An ask reply: the answer card (with "or maybe"), a comparison, "did you mean", or what was wrong with the input.
    `echo` False (a public reply) leaves out the text that was not understood, which could carry a link."""
    outcome = result.outcome
    note = " ".join(result.notes)
    if isinstance(outcome, Answer):
        embed = card_embed(outcome.card, note)
        if outcome.maybe:
            maybe = outcome.maybe
            _field(embed, "Or maybe", fit(f"**{maybe.name}** ({maybe.kind}): {maybe.summary}", FIELD_VALUE))
        return _within_total(embed)
    if isinstance(outcome, Comparison):
        return comparison_embed(outcome)
    if isinstance(outcome, QuestionTests):
        return tests_embed(outcome, note)
    if isinstance(outcome, NotSure):
        return not_sure_embed(outcome, echo=echo)
    if isinstance(outcome, UnseenQuestion):
        return discord.Embed(description=UNSEEN_QUESTION, colour=DOUBT)
    return discord.Embed(description=fit(outcome.message, DESCRIPTION), colour=DOUBT)


def shared(result: AskResult) -> bool:
    """Answers, comparisons and what a pasted question tests are worth showing the channel; doubt and bad input are
    for the asker alone."""
    return isinstance(result.outcome, (Answer, Comparison, QuestionTests))


def tests_embed(tests: QuestionTests, note: str = "") -> discord.Embed:
    """What a pasted exam question tests: the most likely entry's card, the runners-up, the options, what decides, the
    trap they set, a tip."""
    best, *others = tests.likely
    embed = card_embed(best, note)
    heading = "This question most likely tests" if tests.exam else "This most likely calls for"
    embed.title = fit(f"{heading}: {best.name}", TITLE)
    embed.clear_fields()
    if best.facts:
        _field(embed, "Key facts", bullets(best.facts))
    if others:
        label = "Too close to call between it and" if tests.close else "Also in the running"
        _field(embed, label, bullets(f"**{card.name}** ({card.kind}): {card.summary}" for card in others))
    if tests.options:
        _field(embed, "The options name", bullets(f"{letter}) {name}" for letter, name in tests.options))
    if tests.differences:
        _field(embed, "What decides between them" if tests.close or tests.options else "How they differ", bullets(tests.differences))
    if tests.trap:
        _field(embed, TRAP_HEADING.rstrip(":"), fit(f"**{tests.trap.name}**\n{tests.trap.truth}", FIELD_VALUE))
    if tests.tip:
        _field(embed, "Tip", fit(tests.tip, FIELD_VALUE))
    return _within_total(embed)


def comparison_embed(comparison: Comparison) -> discord.Embed:
    left, right = comparison.left, comparison.right
    if comparison.differences:
        description = "**The difference**\n" + bullets(comparison.differences, DESCRIPTION - 20)
    else:
        description = "The knowledge base records no difference between these two; compare their summaries below."
    embed = discord.Embed(title=fit(f"{left.name} vs {right.name}", TITLE), description=description, colour=KIND_COLOURS.get(left.kind))
    for card in (left, right):
        _field(embed, f"{card.name} ({card.kind})", _side(card))
    return _within_total(embed)


def _side(card: EntryCard) -> str:
    summary = fit(card.summary, FIELD_VALUE // 2)
    links = "\n" + _doc_links(card, "Docs", FIELD_VALUE // 4)
    facts = bullets(card.facts, FIELD_VALUE - len(summary) - len(links) - 1) if card.facts else ""
    return "\n".join(part for part in (summary, facts) if part) + links


def not_sure_embed(doubt: NotSure, *, echo: bool = True) -> discord.Embed:
    about = f" “{user_text(doubt.unclear, 200)}”" if doubt.unclear and echo else ""
    lines = [f"I found nothing that fits{about} well enough to answer."]
    if doubt.suggestions:
        lines.append("Did you mean: " + ", ".join(f"**{name}**" for name in doubt.suggestions) + "?")
    else:
        lines.append(f"Try describing the task, for example: *{ASK_EXAMPLE}*")
    return discord.Embed(title="I'm not sure what fits", description=fit("\n".join(lines), DESCRIPTION), colour=DOUBT)


def not_found_embed(kind: str, name: str, suggestions: list[str]) -> discord.Embed:
    lines = [f"No {kind} is called “{user_text(name, 200)}”."]
    if suggestions:
        lines.append("Did you mean: " + ", ".join(f"**{suggestion}**" for suggestion in suggestions) + "?")
    return discord.Embed(description=fit("\n".join(lines), DESCRIPTION), colour=DOUBT)


def trap_embed(pick: TrapPick) -> discord.Embed:
    """A trap's card, for the whole channel: the typed topic is never repeated (it could be a link or a slur)."""
    return card_embed(pick.card, "No trap fits that topic, so here is one at random." if pick.fallback else "")


def help_embed(usages: Iterable[tuple[str, str]], menus: Iterable[str], exams: list[DeckInfo], studied: str) -> discord.Embed:
    """`usages` are (usage, description) pairs, e.g. ("/ask query", "Which entry fits a need"); `menus` the names of the
    message menus; `exams` those served, `studied` the id of the one this server studies."""
    served = ", ".join(f"**{info.label}**" + (" (this server's)" if info.id == studied else "") for info in exams)
    lines = [
        f"I help you study for AWS machine learning certification exams: {served}. "
        "Commands about your progress take an `exam` option for the other.",
        "",
        *(f"`{usage}` — {about}" for usage, about in usages),
        "",
        f"You can also mention me with a question: *@StudyBot {ASK_EXAMPLE}*",
        *(f"On a message with a pasted practice question: *Apps → {menu}*" for menu in menus),
    ]
    return discord.Embed(title="StudyBot", description=fit("\n".join(lines), DESCRIPTION), colour=discord.Colour.blurple())


def message_text(text: str) -> str:
    """Plain message content, within the 2,000-character limit and unable to ping."""
    return fit(text, MESSAGE)


def domain_choices(info: DeckInfo, typed: str) -> list[discord.app_commands.Choice[str]]:
    """The deck's domains whose title, id or short name matches what was typed, for an autocomplete."""
    typed = typed.strip().lower()
    return [
        discord.app_commands.Choice(name=domain.title, value=domain.id)
        for domain in info.domains
        if typed in domain.title.lower() or typed in domain.id or domain.short.startswith(typed)
    ]


def exam_choices(exams: list[DeckInfo], typed: str) -> list[discord.app_commands.Choice[str]]:
    """The exams served whose code matches what was typed, those AWS still offers first, for an autocomplete."""
    typed = "".join(typed.lower().split()).replace("-", "")
    found = sorted((info for info in exams if typed in info.id.replace("-", "")), key=lambda info: (info.retired is not None, info.id))
    return [discord.app_commands.Choice(name=info.label, value=info.id) for info in found]


def choice(name: str) -> discord.app_commands.Choice[str]:
    """An autocomplete choice for an entry name (name and value are both limited to 100 characters)."""
    return discord.app_commands.Choice(name=fit(name, CHOICE), value=name[:CHOICE])
