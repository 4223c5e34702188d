"""Tab completion for the interactive console: command names, then what each command's arguments can be.

Everything offered is known without a database query: names come from the deck, answer letters from the question
the console last showed (`Console.question`).
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from prompt_toolkit.completion import CompleteEvent, Completer, Completion
from prompt_toolkit.document import Document

from bot.console.exam import ACTIONS, REVIEWS
from bot.console.repl import Console
from bot.knowledge.base import KnowledgeBase, fold
from bot.knowledge.deck import DeckInfo
from bot.quiz.practice import PracticeMode
from bot.store.periods import Period

# The commands whose whole argument is one entry name (spaces and all), and the one that takes two of them.
NAME_COMMANDS = ("show", "trap")
TWO_NAME_COMMANDS = ("compare",)
PERIOD_NOTES = {Period.ALL: "all time", Period.WEEK: "this week", Period.MONTH: "this month"}
COMMAND_AND_REST = re.compile(r"\s*(\S+)\s+(.*)", re.DOTALL)


@dataclass(frozen=True)
class Choice:
    text: str
    note: str = ""


def _domains(info: DeckInfo) -> list[Choice]:
    """The deck's domains by short name, then by id where it differs."""
    short = [Choice(domain.short, domain.title) for domain in info.domains]
    return short + [Choice(domain.id, domain.title) for domain in info.domains if domain.id != domain.short]


def _entry_names(kb: KnowledgeBase) -> list[Choice]:
    """Every entry name and alias, an alias noting whose it is, in alphabetical order."""
    choices: dict[str, Choice] = {}
    for entry in kb.entries.values():
        choices.setdefault(fold(entry.name), Choice(entry.name, entry.kind))
        for alias in entry.aliases:
            choices.setdefault(fold(alias), Choice(alias, f"= {entry.name}"))
    return sorted(choices.values(), key=lambda choice: fold(choice.text))


def _names_matching(typed: str, names: list[Choice]) -> list[Choice]:
    """Names that start with `typed`, then names with a later word that does ("kin" finds "Amazon Kinesis ...")."""
    key = fold(typed)
    starts: list[Choice] = []
    inside: list[Choice] = []
    for choice in names:
        name = fold(choice.text)
        if name.startswith(key):
            starts.append(choice)
        elif f" {key}" in f" {name}":
            inside.append(choice)
    return starts + inside


def _quoted(name: str) -> str:
    """A name as one shell-like word, so `compare` reads it whole."""
    if not any(char.isspace() or char in "\"'\\" for char in name):
        return name
    return f'"{name}"' if '"' not in name and "\\" not in name else shlex.quote(name)


def _split_words(rest: str) -> tuple[list[str], str]:
    """The finished words of `rest` and the unfinished last one as typed (an open quote included)."""
    quotes = [match.start() for match in re.finditer('"', rest)]
    # Inside an open quote the word runs from the quote, else from the last space.
    start = quotes[-1] if len(quotes) % 2 else len(rest) - len(re.split(r"\s", rest)[-1])
    head = rest[:start]
    try:
        words = shlex.split(head)
    except ValueError:
        words = head.split()
    return words, rest[start:]


class ConsoleCompleter(Completer):
    def __init__(self, console: Console) -> None:
        self.console = console
        self.names = _entry_names(console.app.kb)
        self.domains = _domains(console.app.kb.info)

    def get_completions(self, document: Document, complete_event: CompleteEvent) -> Iterator[Completion]:
        text = document.text_before_cursor
        found = COMMAND_AND_REST.match(text)
        if found is None:
            typed = text.lstrip()
            commands = [Choice(name, about) for name, (_, _, about) in self.console.commands.items()]
            yield from _completions(typed, _starting(typed, commands))
            return
        command, rest = found.group(1).lower(), found.group(2)
        if command in NAME_COMMANDS:
            yield from _completions(rest, _names_matching(rest.lstrip("\"'"), self.names))
            return
        before, typed = _split_words(rest)
        if command in TWO_NAME_COMMANDS:
            yield from _completions(typed, _names_matching(typed.lstrip("\"'"), self.names), quote=True)
            return
        yield from _completions(typed, _starting(typed, self._arguments(command, [word.lower() for word in before])))

    def _arguments(self, command: str, before: list[str]) -> list[Choice]:
        """What the next word after `command` and the words `before` it can be."""
        if command == "practice":
            drill = Choice(PracticeMode.DRILL.value, "drills on look-alikes")
            return [drill, *self.domains] if not before else self.domains if before == [drill.text] else []
        if command == "leaderboard":
            periods = [Choice(period.value, PERIOD_NOTES[period]) for period in Period]
            return periods if not before else self.domains if before == [Period.ALL.value] else []
        if command == "exam":
            return [Choice(action) for action in ACTIONS] if not before else _exam_follow_ups(before)
        if command == "answer":
            return self._letters(before)
        return []

    def _letters(self, before: list[str]) -> list[Choice]:
        """The letters of the question on screen not chosen yet, while more may be chosen."""
        question = self.console.question
        if question is None or len(before) >= question.choose:
            return []
        chosen = {word.upper() for word in before}
        return [Choice(letter, text) for letter, text in question.options if letter not in chosen]


def _exam_follow_ups(before: list[str]) -> list[Choice]:
    if before == ["result"]:
        return [Choice(review) for review in REVIEWS]
    return [Choice("anyway", "with questions unanswered")] if before == ["submit"] else []


def _starting(typed: str, choices: Iterable[Choice]) -> list[Choice]:
    key = typed.casefold()
    return [choice for choice in choices if choice.text.casefold().startswith(key)]


def _completions(typed: str, choices: Iterable[Choice], *, quote: bool = False) -> Iterator[Completion]:
    """Each choice as a completion that replaces what was typed of it."""
    for choice in choices:
        yield Completion(_quoted(choice.text) if quote else choice.text, -len(typed), display=choice.text, display_meta=choice.note)
