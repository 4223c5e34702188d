"""Use case -> service or algorithm: "Which AWS service best fits this need?", with look-alikes as distractors."""

from __future__ import annotations

from collections import defaultdict

from rapidfuzz import fuzz

from bot.knowledge.models import Algorithm, Entry, Question
from bot.quiz.compose import Wrong, question, sentence
from bot.quiz.guard import Guard
from bot.quiz.similarity import FIT_THRESHOLD, plain

# Kinds an option may be: a concept (overfitting) or a metric is no answer to "which service or algorithm".
OPTION_KINDS = ("service", "algorithm")
DISTRACTORS = 3
_PROMPTS = {
    frozenset({"service"}): "Which AWS service or SageMaker feature best fits this need",
    frozenset({"algorithm"}): "Which algorithm best fits this need",
}
_MIXED_PROMPT = "Which AWS service or algorithm best fits this need"


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


def _candidates(guard: Guard, entry: Entry) -> list[tuple[Entry, str, bool]]:
    """Possible wrong options with the reason each is wrong, and whether it is a look-alike: the look-alikes first
    (their difference line is the reason), then same-kind entries of the same domain, the most related first so
    the options stay plausible."""
    found = [(other, guard.difference(entry, other) or "", True) for other in guard.lookalikes(entry)]
    pool = [other for other in guard.kb.entries.values() if other.kind == entry.kind and other.domain == entry.domain]
    pool.sort(key=lambda other: (-guard.similarity.relatedness(entry.id, other.id), other.id))
    found += [(other, f"{other.name} is built for something else: {sentence(other.summary)}", False) for other in pool]
    return [(other, why, lookalike) for other, why, lookalike in found if other.id != entry.id and other.kind in OPTION_KINDS]


def _distractors(guard: Guard, entry: Entry, need: str, candidates: list[tuple[Entry, str, bool]]) -> list[tuple[Entry, str, bool]]:
    """Up to three candidates that cannot also answer `need`, in candidate order."""
    picked: list[tuple[Entry, str, bool]] = []
    for other, why, lookalike in candidates:
        if len(picked) == DISTRACTORS:
            break
        if all(other.id != chosen.id for chosen, _, _ in picked) and not guard.conflict(need, entry, other):
            picked.append((other, why, lookalike))
    return picked


def _answerable(entry: Entry) -> bool:
    """Services and SageMaker built-in algorithms. General techniques are left out as answers: any flexible model
    (a neural network, a tree ensemble) can be made to serve most needs, so none of them excludes the others."""
    return entry.kind == "service" or (isinstance(entry, Algorithm) and entry.builtin)


def usecase_questions(guard: Guard) -> list[Question]:
    """One question per use case of each service and built-in algorithm, unless the use case gives the answer away,
    is listed by another entry too, or fewer than three distractors are safely wrong."""
    shared = shared_use_cases(guard)
    questions = []
    for entry in guard.kb.entries.values():
        if not _answerable(entry):
            continue
        candidates = _candidates(guard, entry)
        for number, need in enumerate(entry.use_cases, 1):
            if guard.similarity.names(need, entry) or (entry.id, need) in shared:
                continue
            picked = _distractors(guard, entry, need, candidates)
            if len(picked) < DISTRACTORS:
                continue
            kinds = frozenset({entry.kind, *(other.kind for other, _, _ in picked)})
            lookalikes = sum(lookalike for _, _, lookalike in picked)
            questions.append(
                question(
                    f"gen-usecase-{entry.id}-{number}",
                    entry,
                    f'{_PROMPTS.get(kinds, _MIXED_PROMPT)}: "{need}"?',
                    entry.name,
                    [Wrong(other.name, why) for other, why, _ in picked],
                    f"{entry.name}: {sentence(entry.summary)} {sentence(entry.facts[0])}",
                    tests=[entry.id, *(other.id for other, _, _ in picked)],
                    difficulty=("easy", "medium", "hard", "hard")[lookalikes],
                )
            )
    return questions
