"""Which questions a mock exam asks: authored questions only, as many per domain as the exam's weights give, multiple
response in about the bank's share, none from the learner's previous exam while the bank has others, in an order
that mixes the domains. The same seed draws the same paper."""

from __future__ import annotations

import random
from collections.abc import Collection, Mapping

from bot.knowledge.questions import QuestionBase


class PaperError(ValueError):
    """The bank cannot fill a paper (too few authored questions)."""


def apportion(total: int, weights: Mapping[str, float]) -> dict[str, int]:
    """`total` split in proportion to `weights` by largest remainder, so the parts add up to `total` exactly."""
    whole = sum(weights.values())
    exact = {domain: total * weight / whole for domain, weight in weights.items()}
    counts = {domain: int(share) for domain, share in exact.items()}
    for domain in sorted(exact, key=lambda domain: (counts[domain] - exact[domain], domain))[: total - sum(counts.values())]:
        counts[domain] += 1
    return counts


def draw_paper(
    questions: Collection[QuestionBase], weights: Mapping[str, int], size: int, seed: int | str, avoid: Collection[str] = ()
) -> list[QuestionBase]:
    """`size` distinct questions in the domain weights; raises PaperError when a domain has too few questions."""
    rng = random.Random(f"paper:{seed}")
    per_domain = apportion(size, weights)
    by_domain = {domain: sorted((q for q in questions if q.domain == domain), key=lambda q: q.id) for domain in weights}
    short = [f"{domain} ({len(by_domain[domain])} of {count})" for domain, count in per_domain.items() if len(by_domain[domain]) < count]
    if short:
        raise PaperError(f"the bank has too few authored questions for a full exam: {', '.join(short)}")
    share = sum(q.multiple for q in questions) / len(questions)
    multiple = apportion(round(share * size), {domain: count for domain, count in per_domain.items() if count})
    paper: list[QuestionBase] = []
    for domain, count in per_domain.items():
        pool = by_domain[domain]
        rng.shuffle(pool)
        pool.sort(key=lambda q: q.id in avoid)  # fresh questions first; stable, so the shuffle decides among equals
        wanted_multiple = min(multiple.get(domain, 0), sum(q.multiple for q in pool), count)
        picked = [q for q in pool if q.multiple][:wanted_multiple]
        picked += [q for q in pool if not q.multiple][: count - len(picked)]
        picked += [q for q in pool if q not in picked][: count - len(picked)]
        paper += picked
    rng.shuffle(paper)
    return paper
