"""Use case -> service or algorithm: a short scenario whose wrong options are the answer's look-alikes.

A drill earns its place by teaching one distinction, so every wrong option is a look-alike of the answer (linked by
`confusable_with`, or an algorithm of the same problem type) that the second-right-answer guard clears for this need,
and its rationale is the line that tells the two apart. A drill needs two such look-alikes and takes up to three; a
use case that cannot yield one is skipped, with the reason counted.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from bot.knowledge.models import Algorithm, Entry
from bot.knowledge.questions import Question
from bot.quiz.compose import Wrong, drill_id, question, sentence
from bot.quiz.guard import Guard
from bot.quiz.similarity import FIT_THRESHOLD, plain
from bot.quiz.templates.scenario import Phrasing, subject_for

# Kinds an option may be: a concept (overfitting) or a metric is no answer to "which service or algorithm".
OPTION_KINDS = ("service", "algorithm")
DISTRACTORS = 3
MIN_LOOKALIKES = 2
# A word of the answer's names that at most this many entries' names share is distinctive ("video" for Kinesis Video
# Streams, "translate"), so a stem containing it gives the answer away.
DISTINCTIVE_NAME_WORD = 2
# A fact explains the answer to a need when it shares at least this many words with it; otherwise the summary does.
DECISIVE_OVERLAP = 2
_ASKS = {
    frozenset({"service"}): "Which AWS service or SageMaker feature fits this need best?",
    frozenset({"algorithm"}): "Which algorithm should they use?",
}
_MIXED_ASK = "Which AWS service or algorithm fits this need best?"
_PLAIN_ASK = "Which AWS service fits this need best?"  # when the usual question names the answer (SageMaker itself)
_SENTENCE_END = re.compile(r"(?<=[.;])\s")
# Words that tell two services apart only by accident of wording; a clue made of them alone is no clue.
_FILLER = frozenset(
    {"inside", "within", "across", "between", "without", "through", "over", "under", "via", "per", "while", "during", "until", "behind"}
)
_EDGE_PUNCTUATION = ",;:"
# Words that turn the next words around: "no Spark" or "without managing servers" is no clue.
_NEGATIONS = frozenset({"no", "not", "without", "never", "non"})
NEGATION_REACH = 2
# Particles that finish a verb a clue quotes: "roll" alone is a fragment of "roll back".
_PARTICLES = frozenset({"back", "up", "out", "off", "down"})
# A summary's last clause that says the service is closed or gone ("...; no longer open to new customers.").
_LAST_CLAUSE = re.compile(r"(?:;|\.)\s+([^;.]*(?:\.\d[^;.]*)*)\.?$")
_AVAILABILITY = re.compile(
    r"new customers|support ended|ended support|end of (?:life|support)|no longer available|discontinued", re.IGNORECASE
)
# A closure clause that says the service can no longer be used at all, not only that it takes no new customers: a
# present-tense need keyed on it would teach a service nobody can choose.
_ENDED = re.compile(r"support ended|ended support|end of (?:life|support)|discontinued|no longer available(?! to new)", re.IGNORECASE)
# A clause about one feature of the service ("topic modeling closed..."), where one about the whole service starts with
# the closure ("closed to new customers since..."): a note only for needs that mention the feature.
_FEATURE_CLOSED = re.compile(r"^(?:its )?(.+?) (?:closed|support ended|is no longer|was discontinued)", re.IGNORECASE)
_WHOLE_SERVICE = re.compile(r"(?:closed|no longer|support ended|now)\b", re.IGNORECASE)


@dataclass
class UseCaseDrills:
    questions: list[Question] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)


def shared_use_cases(guard: Guard) -> set[tuple[str, str]]:
    """(entry id, use case) pairs whose need another entry lists too, so a question on them would have two answers.
    The test of `Similarity.same_need`, run only between use cases that have a word in common."""
    owned = [(entry.id, text) for entry in guard.kb.entries.values() for text in entry.use_cases]
    shared = set()
    for form in (guard.similarity.normalise, plain):
        texts = [form(text) for _, text in owned]
        having: dict[str, set[int]] = defaultdict(set)
        for number, text in enumerate(texts):
            for word in text.split():
                having[word].add(number)
        for number, text in enumerate(texts):
            others = {other for word in text.split() for other in having[word] if owned[other][0] != owned[number][0]}
            if any(fuzz.token_set_ratio(text, texts[other]) >= FIT_THRESHOLD for other in others):
                shared.add(owned[number])
    return shared


def _answerable(entry: Entry) -> bool:
    """Services and SageMaker built-in algorithms. General techniques are left out as answers: any flexible model
    (a neural network, a tree ensemble) can be made to serve most needs, so none of them excludes the others."""
    return entry.kind == "service" or (isinstance(entry, Algorithm) and entry.builtin)


class _Builder:
    """Everything built once per deck that every drill needs."""

    def __init__(self, guard: Guard) -> None:
        self.guard = guard
        self.similarity = guard.similarity
        self.phrasing = Phrasing(guard.kb.entries.values())
        self.shared = shared_use_cases(guard)
        name_words: Counter[str] = Counter()
        for entry in guard.kb.entries.values():
            name_words.update({word for name in entry.names for word in self.similarity.words(name)})
        self._name_words = name_words
        # What each entry is known for, its use cases aside (a clue also counts when another use case has it).
        self.known_for = {
            entry.id: frozenset(self.similarity.words(" ".join([entry.summary, *entry.keywords, *entry.facts])))
            for entry in guard.kb.entries.values()
        }

    def gives_away(self, text: str, entry: Entry) -> bool:
        """Whether the text names the entry, or uses a word that few entries' names share with it."""
        if self.similarity.names(text, entry):
            return True
        own = {word for name in entry.names for word in self.similarity.words(name) if len(word) > 2}
        rare = {word for word in own if self._name_words[word] <= DISTINCTIVE_NAME_WORD}
        return bool(rare & set(self.similarity.words(text)))

    def lookalikes(self, entry: Entry) -> list[Entry]:
        """Linked look-alikes, then (for algorithms) the algorithms sharing a problem type, all of an option kind."""
        found = self.guard.lookalikes(entry)
        if isinstance(entry, Algorithm):
            kinds = {plain(problem) for problem in entry.problem_types}
            found += [
                other for other in self.guard.kb.entries.values()
                if isinstance(other, Algorithm) and other.id != entry.id and kinds & {plain(problem) for problem in other.problem_types}
            ]
        unique = {other.id: other for other in found if other.kind in OPTION_KINDS and other.id != entry.id}
        return list(unique.values())

    def difference(self, entry: Entry, other: Entry) -> str:
        line = self.guard.difference(entry, other)
        if line:
            return line
        assert isinstance(entry, Algorithm) and isinstance(other, Algorithm)
        return f"{other.name} also handles {', '.join(other.problem_types)}, but {sentence(_first_clause(other.summary))}"

    def clue(self, need: str, answer: Entry, others: list[Entry]) -> str:
        """A sentence quoting the words of the need that point to the answer and to none of the wrong options, as
        typed; empty when there are none. A word points to the answer when the rest of what the answer says (summary,
        keywords, facts, its other use cases) uses it too: the need's own filler ("already", "goes") does not."""
        theirs = set().union(*(self.similarity.profiles[other.id] for other in others))
        others_of_its = [text for text in answer.use_cases if text != need]
        known = self.known_for[answer.id] | set(self.similarity.words(" ".join(others_of_its)))
        telling = (self.similarity.distinctive(need) & known) - theirs
        telling = telling or (set(self.similarity.words(need)) & known) - theirs
        spans: list[list[str]] = []
        previous = False
        negated = 0  # how many of the next words a negation still covers
        written = need.split()
        for position, word in enumerate(written):
            hit = not negated and bool(set(self.similarity.words(word)) & telling)
            hit = hit or (previous and _particle(word, written[position + 1 : position + 2]))
            if hit:
                (spans[-1].append(word) if previous else spans.append([word]))
            previous = hit
            negated = NEGATION_REACH if word.lower().strip(_EDGE_PUNCTUATION) in _NEGATIONS else max(0, negated - 1)
        phrases = [" ".join(_trim_filler(span)).strip(_EDGE_PUNCTUATION) for span in spans]
        quoted = [f"“{self.phrasing.spelled(phrase)}”" for phrase in phrases if phrase]
        if not quoted:
            return ""
        if len(quoted) == 1:
            return f"The clue is {quoted[0]}."
        return f"The clues are {', '.join(quoted[:-1])} and {quoted[-1]}."

    def decisive_fact(self, need: str, answer: Entry) -> str:
        """The answer's fact sharing most words with the need; its summary when none does."""
        words = set(self.similarity.words(need))
        scored = [(len(words & set(self.similarity.words(fact))), -index, fact) for index, fact in enumerate(answer.facts)]
        best = max(scored)
        return best[2] if best[0] >= DECISIVE_OVERLAP else answer.summary


def _closure(entry: Entry) -> str | None:
    """The last clause of the entry's summary when it says the service is closed or gone."""
    found = _LAST_CLAUSE.search(entry.summary.strip())
    return found.group(1).strip() if found and _AVAILABILITY.search(found.group(1)) else None


def ended(entry: Entry) -> bool:
    """Whether the entry's summary says it can no longer be used at all."""
    clause = _closure(entry)
    return bool(clause and _ENDED.search(clause))


def availability(entry: Entry, need: str = "") -> str | None:
    """What the entry's summary says in its last clause about the service being closed or gone, as a note; None when
    it says nothing of the kind, or when it speaks of one feature ("topic modeling closed") that `need` does not."""
    clause = _closure(entry)
    if clause is None:
        return None
    feature = None if _WHOLE_SERVICE.match(clause) else _FEATURE_CLOSED.match(clause)
    if feature and need and not set(feature.group(1).casefold().split()) & set(need.casefold().split()):
        return None
    opening = clause[0].lower() if clause[1:2].islower() else clause[0]  # "closed to...", but "AWS ended..."
    return f"{entry.name}: {opening}{clause[1:]}."


def _particle(word: str, following: list[str]) -> bool:
    """Whether `word` finishes the verb before it ("roll back"), not starts a phrase ("tables out of PDFs")."""
    return word.lower().strip(_EDGE_PUNCTUATION) in _PARTICLES and [next_word.lower() for next_word in following] != ["of"]


def _trim_filler(span: list[str]) -> list[str]:
    """The span without filler words at either end ("package artifacts inside" -> "package artifacts")."""
    start, stop = 0, len(span)
    while start < stop and span[start].lower().strip(_EDGE_PUNCTUATION) in _FILLER:
        start += 1
    while stop > start and span[stop - 1].lower().strip(_EDGE_PUNCTUATION) in _FILLER:
        stop -= 1
    return span[start:stop]


def _first_clause(text: str) -> str:
    return _SENTENCE_END.split(text.strip(), maxsplit=1)[0].rstrip(".;")


def usecase_drills(guard: Guard) -> UseCaseDrills:
    builder = _Builder(guard)
    drills = UseCaseDrills()
    seen_options: set[tuple[frozenset[str], str]] = set()
    for entry in guard.kb.entries.values():
        if not _answerable(entry):
            continue
        if ended(entry):
            drills.skipped["its answer can no longer be used"] += len(entry.use_cases)
            continue
        lookalikes = builder.lookalikes(entry)
        for need in entry.use_cases:
            subject = subject_for(need)
            scenario = builder.phrasing.scenario(need, subject)
            if scenario is None:
                drills.skipped["not a need that reads as a scenario"] += 1
                continue
            if builder.gives_away(need, entry):
                drills.skipped["names its answer"] += 1
                continue
            if (entry.id, need) in builder.shared:
                drills.skipped["another entry lists the same need"] += 1
                continue
            picked = [other for other in lookalikes if not guard.conflict(need, entry, other)][:DISTRACTORS]
            if len(picked) < MIN_LOOKALIKES:
                drills.skipped["fewer than two look-alikes are safely wrong"] += 1
                continue
            key = (frozenset(other.id for other in picked), entry.id)
            if key in seen_options:
                drills.skipped["same options as another drill"] += 1
                continue
            seen_options.add(key)
            wrong = [Wrong(other.name, builder.difference(entry, other)) for other in picked]
            kinds = frozenset({entry.kind, *(other.kind for other in picked)})
            ask = _ASKS.get(kinds, _MIXED_ASK)
            ask = _PLAIN_ASK if builder.similarity.names(ask, entry) else ask
            clue = builder.clue(need, entry, picked)
            fact = builder.decisive_fact(need, entry)
            explanation = f"{entry.name} fits: {sentence(fact)}"
            if clue:
                explanation += f" {clue}"
            qid = drill_id("usecase", entry.id, need)
            drills.questions.append(
                question(
                    qid, entry, f"{scenario} {ask}", entry.name, wrong, explanation,
                    tests=[entry.id, *(other.id for other in picked)],
                    difficulty="hard" if len(picked) == DISTRACTORS else "medium",
                    note=None if fact == entry.summary else availability(entry, need),
                    quoting=fact,
                )
            )
    return drills
