"""The ask feature: a learner's need in their own words -> the entry that fits, a comparison, or honest doubt.

Results are plain dataclasses, so the console, the CLI and Discord render the same decision their own way.
Nothing the learner typed is echoed back except the cleaned query, which has mentions removed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from bot.app.cards import EntryCard, entry_card
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.models import Trap
from bot.limits import ASK_CHARS, NAME_CHARS, cut, shorten
from bot.matching import Hit, Matcher
from bot.matching.compare import split_comparison
from bot.matching.matcher import MIN_OPTION_ENTRIES
from bot.matching.pasted import PastedQuestion, parse_pasted
from bot.matching.text import clean
from bot.matching.unseen import asks_about_unseen_question

# Below this share of the query explained, the best match is offered as a suggestion, not as the answer.
SURE = 0.25
# A pasted question has many words no single entry explains, so a lower share of it already points somewhere; the
# reply then lists what it most likely tests rather than one answer.
PASTED_SURE = 0.1
# A runner-up scoring at least this fraction of the best is shown as "or maybe".
CLOSE = 0.8
MAX_FACTS = 3
# Facts shown per entry when a pasted question is answered with several entries.
PASTED_FACTS = 2
SUGGESTIONS = 3
# Pasted with their options, 67 of 74 independent practice questions came out right at top-1 (91 %); their shortened
# stems alone, 58 %. So a close call on a question pasted without options asks for them.
OPTIONS_TIP = "Paste its options (A, B, C…) as well and I can narrow it down to one of them."
EXAMPLE = "which service turns speech into text?"
# A trap the options set is looked for among the stem's likeliest entries this far down. Pasted with their options, 10
# of the 541 authored questions of both decks get a warning, every one about the look-alikes of its trap (6 were
# written on that trap), and 4 of 122 public practice questions, each about its trap's look-alikes too.
TRAP_LEADERS = 2
TRAP_HEADING = "The trap in these options:"


@dataclass(frozen=True)
class Ranked:
    """One entry of the ranking behind a reply (what `studybot ask --json` prints)."""

    id: str
    name: str
    kind: str
    score: float


@dataclass(frozen=True)
class Answer:
    card: EntryCard
    maybe: EntryCard | None = None


@dataclass(frozen=True)
class Comparison:
    left: EntryCard
    right: EntryCard
    differences: list[str]


@dataclass(frozen=True)
class TrapWarning:
    """A common exam trap the question's stem points to: its name and the truth that defeats it."""

    name: str
    truth: str


@dataclass(frozen=True)
class QuestionTests:
    """What a pasted exam question tests: the entries that most likely answer it, best first; what its options name;
    the lines that tell those look-alikes apart; whether the top two are too close to call; and whether it is an exam
    question (a statement of need or a learner's own long question is told what it calls for instead); a tip for
    getting a surer answer, if there is one; and a trap its options set, if the stem points to one."""

    likely: list[EntryCard]
    options: list[tuple[str, str]]
    differences: list[str]
    close: bool
    exam: bool
    tip: str = ""
    trap: TrapWarning | None = None


@dataclass(frozen=True)
class NotSure:
    """Nothing fits well enough to answer; `unclear` is the (cleaned, shortened) text that was not understood."""

    unclear: str
    suggestions: list[str]


@dataclass(frozen=True)
class BadInput:
    message: str


@dataclass(frozen=True)
class UnseenQuestion:
    """The learner asked about a question without giving it ("what does this test?"): each surface says how to give it."""


Outcome = Answer | Comparison | QuestionTests | NotSure | BadInput | UnseenQuestion


@dataclass(frozen=True)
class AskResult:
    query: str
    outcome: Outcome
    ranking: list[Ranked] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class Asker:
    """Builds the matcher's index once (or is given one built before); then answers each query in well under a
    millisecond."""

    def __init__(self, kb: KnowledgeBase, matcher: Matcher | None = None) -> None:
        self.kb = kb
        self.matcher = matcher or Matcher(kb)

    def ask(self, query: str, k: int = SUGGESTIONS) -> AskResult:
        """Answer a free-text question; bad input gets a message, never an exception."""
        lines, notes, problem = self._prepare(query, keep_lines=True)
        text = " ".join(lines.split())
        if problem:
            return AskResult(text, BadInput(problem), notes=notes)
        if asks_about_unseen_question(text):
            return AskResult(text, UnseenQuestion(), notes=notes)
        pasted = parse_pasted(lines)  # line breaks tell options apart
        # In a pasted question only the question sentence can ask for a comparison: a setup that "compares faces" or
        # says "compared with last year" is not one.
        pair = self.matcher.comparison(pasted.ask if pasted else text)
        if pair:
            hits = [Hit(pair[0], 1.0), Hit(pair[1], 1.0)]
            return AskResult(text, self._comparison(*pair, text), self._ranked(hits[:k]), notes)
        if pasted:
            hits = self.matcher.search_pasted(pasted, max(k, SUGGESTIONS))
            return AskResult(text, self._tests(text, pasted, hits), self._ranked(hits[:k]), notes)
        hits = self.matcher.search(text, max(k, SUGGESTIONS))
        return AskResult(text, self._decide(text, hits), self._ranked(hits[:k]), notes)

    def compare(self, left: str, right: str) -> AskResult:
        """Compare two entries named (loosely) by the learner, as `compare X Y` does."""
        sides = [self._prepare(side, NAME_CHARS)[0] for side in (left, right)]
        query = f"{sides[0]} vs {sides[1]}"
        ids = [self.matcher.resolve(side) if side else None for side in sides]
        for side, entry_id in zip(sides, ids, strict=True):
            if entry_id is None:
                return AskResult(query, NotSure(shorten(side), self._names(self.matcher.search(side, SUGGESTIONS))))
        if ids[0] == ids[1]:
            return AskResult(query, BadInput(f"Both sides are {self.kb.entries[ids[0]].name}: name two different things to compare."))
        return AskResult(query, self._comparison(ids[0], ids[1], query), self._ranked([Hit(ids[0], 1.0), Hit(ids[1], 1.0)]))

    def split(self, text: str) -> tuple[str, str] | None:
        """The two sides of 'X vs Y', 'X and Y' or 'X with Y' typed after `compare`."""
        return split_comparison(f"compare {text[:ASK_CHARS]}")

    def _prepare(self, query: str, limit: int = ASK_CHARS, *, keep_lines: bool = False) -> tuple[str, list[str], str | None]:
        """The cleaned query (its first `limit` characters, before and after cleaning, which can lengthen text; with its
        line breaks if `keep_lines`), notes for the learner, and what is wrong with it (if anything)."""
        raw = cut(query, limit)
        cleaned = clean(raw, keep_lines=keep_lines)
        text, notes = cut(cleaned.text, limit), []
        if len(query) > limit:
            notes.append(f"Your question was long, so I read only its first {limit:,} characters.")
        if any(char.isalnum() for char in text):
            return text, notes, None
        if not raw.strip():
            problem = f"Ask me about a need in your own words, for example: {EXAMPLE}"
        elif cleaned.had_mention and not cleaned.had_symbols:
            problem = f"You only mentioned someone. Ask me a question in words, for example: {EXAMPLE}"
        elif cleaned.had_symbols:
            problem = f"I can only read words, not emoji or symbols. Try, for example: {EXAMPLE}"
        else:
            problem = f"I found no words to look up. Try, for example: {EXAMPLE}"
        return "", notes, problem

    def _decide(self, text: str, hits: list[Hit]) -> Outcome:
        if not hits or hits[0].score < SURE:
            return NotSure(shorten(text), self._names(hits))
        shown = [hits[0].entry_id]
        if len(hits) > 1 and hits[1].score >= CLOSE * hits[0].score:
            shown.append(hits[1].entry_id)
        best, *maybe = self._cards(shown, self.matcher.query_terms(text), MAX_FACTS)
        return Answer(best, maybe[0] if maybe else None)

    def _tests(self, text: str, pasted: PastedQuestion, hits: list[Hit]) -> Outcome:
        rank = {hit.entry_id: number for number, hit in enumerate(hits)}
        # Each option is shown as the entry it names that ranks best (the first it names when none ranks).
        unranked = len(rank)
        options = self.matcher.option_entries(pasted)
        named = [(letter, min(ids, key=lambda entry_id: rank.get(entry_id, unranked))) for letter, ids in options if ids]
        # A stem that says little still leaves options that name look-alikes: what tells them apart is worth showing.
        weak = not hits or hits[0].score < PASTED_SURE
        if weak and (not hits or len({entry_id for _, entry_id in named}) < 2):
            return NotSure(shorten(text), self._names(hits))
        entries = self.kb.entries
        likely = self._cards([hit.entry_id for hit in hits[:SUGGESTIONS]], self.matcher.pasted_terms(pasted), PASTED_FACTS)
        shown = [(letter, entries[entry_id].name) for letter, entry_id in named]
        among = list(dict.fromkeys(entry_id for _, entry_id in named)) or [hit.entry_id for hit in hits[:SUGGESTIONS]]
        among.sort(key=lambda entry_id: rank.get(entry_id, unranked))  # the pairs with the likeliest entries first
        differences = []  # one line per pair of look-alikes
        for number, one in enumerate(among):
            for other in among[number + 1:]:
                differences += self._differences(one, other)[:1]
        close = weak or (len(hits) > 1 and hits[1].score >= CLOSE * hits[0].score)
        tip = OPTIONS_TIP if close and pasted.exam and not pasted.options else ""
        trap = self._trap_set(pasted, {entry_id for _, ids in options for entry_id in ids})
        return QuestionTests(likely, shown, differences, close, pasted.exam, tip, trap)

    def _trap_set(self, pasted: PastedQuestion, named: set[str]) -> TrapWarning | None:
        """The trap among the stem's likeliest entries, read without its options, that is about an entry the options
        name. No option names a trap, so the ranking among the options cannot show it ("99.5 % accurate… which
        metric?" offers Accuracy)."""
        if len(named) < MIN_OPTION_ENTRIES:
            return None
        for hit in self.matcher.search_pasted(replace(pasted, options=[]), TRAP_LEADERS):
            entry = self.kb.entries[hit.entry_id]
            if isinstance(entry, Trap) and named & {link.id for link in entry.confusable_with}:
                return TrapWarning(entry.name, entry.truth)
        return None

    def _differences(self, left_id: str, right_id: str) -> list[str]:
        left, right = self.kb.entries[left_id], self.kb.entries[right_id]
        lines = [link.difference for link in left.confusable_with if link.id == right_id]
        return lines + [link.difference for link in right.confusable_with if link.id == left_id and link.difference not in lines]

    def _comparison(self, left_id: str, right_id: str, query: str) -> Comparison:
        """Both cards and one difference line, the first-named entry's: a look-alike link is written from both sides,
        and the two lines nearly always say the same thing in other words. Each card leads with its facts that name
        the other side."""
        lines = self._differences(left_id, right_id)[:1]
        left, right = self._cards([left_id, right_id], self.matcher.query_terms(query), MAX_FACTS)
        return Comparison(left, right, lines)

    def _cards(self, entry_ids: list[str], query: Mapping[str, float], count: int) -> list[EntryCard]:
        """The entries' cards, each with the `count` facts that the weighted `query` terms speak to most."""
        entries = [self.kb.entries[entry_id] for entry_id in entry_ids]
        picked = self.matcher.facts_for(entries, query, count)
        return [entry_card(self.kb, entry, facts) for entry, facts in zip(entries, picked, strict=True)]

    def _names(self, hits: list[Hit]) -> list[str]:
        return [self.kb.entries[hit.entry_id].name for hit in hits[:SUGGESTIONS]]

    def _ranked(self, hits: list[Hit]) -> list[Ranked]:
        entries = self.kb.entries
        return [Ranked(hit.entry_id, entries[hit.entry_id].name, entries[hit.entry_id].kind, round(hit.score, 4)) for hit in hits]
