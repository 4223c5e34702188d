"""Which question a guild gets next: authored before drills, no repeats until the bank runs out,
domains in the exam's proportions over any week and over the months, and the same order for the same seed."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence

from bot.knowledge.questions import QuestionBase
from bot.quiz.bank import QuestionBank

WEEK_DAYS = 7
# The longer span whose shortfall also counts: balancing a week alone settles into the best 7-day split for ever, which
# gives a domain weighted 20% one post a week (14%) and another 36% three (43%).
BALANCE_DAYS = 84


def domain_deficits(weights: dict[str, int], recent: Sequence[str]) -> list[str]:
    """Domains ordered by how far the next post plus the last six, and the next plus the last BALANCE_DAYS - 1, fall
    short of the weights (`recent`: the domains of the last BALANCE_DAYS - 1 posts, oldest first)."""
    total = sum(weights.values())
    spans = [list(recent)[-(WEEK_DAYS - 1):], list(recent)[-(BALANCE_DAYS - 1):]]
    counts = [(Counter(span), len(span) + 1) for span in spans]

    def shortfall(domain: str) -> tuple[float, int]:
        return (sum(weights[domain] * slots / total - counted[domain] for counted, slots in counts), weights[domain])

    return sorted(weights, key=shortfall, reverse=True)


def _order(questions: list[QuestionBase], seed: int, guild_id: int) -> list[QuestionBase]:
    ordered = sorted(questions, key=lambda question: question.id)
    random.Random(f"{seed}:{guild_id}").shuffle(ordered)
    return ordered


def choose_daily(
    bank: QuestionBank, weights: dict[str, int], asked: Sequence[str], recent_domains: Sequence[str], *, seed: int, guild_id: int
) -> QuestionBase:
    """The next daily question for a guild, given every question it was asked (oldest first)."""
    times_asked = Counter(asked)
    for tier in (bank.authored.values(), bank.drills.values()):
        fresh = [question for question in tier if times_asked[question.id] == 0]
        if fresh:
            return _pick(fresh, weights, recent_domains, seed, guild_id)
    rounds = min(times_asked[question.id] for question in bank.all())
    unused_this_round = [question for question in bank.all() if times_asked[question.id] == rounds]
    return _pick(unused_this_round, weights, recent_domains, seed + rounds, guild_id)


def _pick(candidates: list[QuestionBase], weights: dict[str, int], recent_domains: Sequence[str], seed: int, guild_id: int) -> QuestionBase:
    ordered = _order(candidates, seed, guild_id)
    for domain in domain_deficits(weights, recent_domains):
        for question in ordered:
            if question.domain == domain:
                return question
    return ordered[0]
