"""Start-up: how long a fresh process takes to its first answer, cold (an empty compiled cache, as after a deck change)
and warm, beside a bare `python -c "import discord"` in the same run.

Every figure is the median wall time of several runs, each a new process started from an empty temporary folder (so
nothing of the checkout is on its path but the installed package); the runs are interleaved round by round, so a busy
moment hits every measurement alike. The bot's start-up is measured to ready-to-connect: deck, ask index and question
bank loaded, store open, client built (bot/discord/run.py `ready_to_connect`), with no network. Beside the wall
time, the CPU time the process used (user + system): on a shared machine wall time grows with the load, CPU time
much less, so the two together tell slow code from a busy machine.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bot.cache import CACHE_ENV

QUERY = "which service turns speech into text?"
# What `studybot run` does before it connects, then closes the store; argv[1] is the database file.
READY = """
import asyncio, os, sys
from pathlib import Path
from bot.config import load_config
from bot.discord.run import ready_to_connect

async def ready() -> None:
    _, store = await ready_to_connect(load_config(Path(os.devnull)), None, Path(sys.argv[1]))
    await store.close()

asyncio.run(ready())
"""


def studybot() -> list[str]:
    """The `studybot` script beside this interpreter, else `python -m bot` (the same entry point)."""
    script = Path(sys.executable).with_name("studybot")
    return [str(script)] if script.exists() else [sys.executable, "-m", "bot"]


@dataclass
class Case:
    name: str
    label: str
    command: Callable[[Path], list[str]]  # given a scratch folder for this run
    cached: bool = True  # whether it uses the compiled cache (and so has a cold and a warm figure)


def cases() -> list[Case]:
    bot = [*studybot(), "--config", os.devnull]
    return [
        Case("baseline", 'python -c "import discord"', lambda _: [sys.executable, "-c", "import discord"], cached=False),
        Case("ask", f'studybot ask "{QUERY}"', lambda _: [*bot, "ask", QUERY]),
        Case("quiz", "studybot quiz sample --count 1", lambda _: [*bot, "quiz", "sample", "--count", "1", "--json"]),
        Case("ready", "bot ready to connect", lambda scratch: [sys.executable, "-c", READY, str(scratch / "bot.sqlite3")]),
    ]


def cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], folder: Path, cache: Path) -> tuple[float, float]:
    """Wall and CPU time of one run in `folder`, with `cache` as its compiled cache; a failed run stops the benchmark."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("STUDYBOT_", "PYTHONPATH"))}
    env[CACHE_ENV] = str(cache)
    cpu, began = cpu_of_children(), time.perf_counter()
    done = subprocess.run(command, cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False)
    took = time.perf_counter() - began
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command[:4])}... failed: {done.stderr.strip()[-500:]}")
    return took, cpu_of_children() - cpu


def measure(rounds: int) -> dict[tuple[str, str], list[tuple[float, float]]]:
    """(wall, CPU) times of every case, cold and warm, over interleaved rounds."""
    times: dict[tuple[str, str], list[tuple[float, float]]] = {}
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        folder, warm = root / "elsewhere", root / "warm-cache"
        folder.mkdir()
        for case in cases():  # warm the shared cache once, untimed
            timed(case.command(root), folder, warm)
        for number in range(rounds):
            for index, case in enumerate(cases()):
                scratch = root / f"run-{number}-{index}"
                scratch.mkdir()
                times.setdefault((case.name, "warm"), []).append(timed(case.command(scratch), folder, warm))
                if case.cached:
                    times.setdefault((case.name, "cold"), []).append(timed(case.command(scratch), folder, scratch / "cache"))
    return times


def verdicts(medians: dict[tuple[str, str], float]) -> list[str]:
    """The issue's targets: warm ask <= 0.5 s and <= 2x the baseline, cold ask <= 2 s, bot ready <= 1 s warm."""
    warm, ratio = medians["ask", "warm"], medians["ask", "warm"] / medians["baseline", "warm"]
    return [
        _verdict("ask warm", warm, 0.5, f"{ratio:.1f}x the baseline (target <= 2x)", ratio <= 2.0),
        _verdict("ask cold", medians["ask", "cold"], 2.0),
        _verdict("bot ready warm", medians["ready", "warm"], 1.0),
    ]


def _verdict(name: str, seconds: float, target: float, extra: str = "", extra_met: bool = True) -> str:
    met = seconds <= target and extra_met
    missed = "" if seconds <= target else f", missed by {seconds - target:.2f} s"
    return f"  {name}: {seconds:.2f} s (target <= {target:g} s{missed}){', ' + extra if extra else ''}: {'met' if met else 'MISSED'}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.startup", description=__doc__)
    parser.add_argument("--rounds", type=int, default=5, help="runs of each case (default 5); medians are reported")
    args = parser.parse_args(argv)
    load = os.getloadavg()[0]
    times = measure(args.rounds)
    medians = {key: statistics.median(wall for wall, _ in values) for key, values in times.items()}
    cpu = {key: statistics.median(used for _, used in values) for key, values in times.items()}
    baseline = medians["baseline", "warm"]
    print(f"start-up, medians of {args.rounds} fresh processes each, run from an empty folder "
          f"({os.cpu_count()} CPUs, load average {load:.2f} at the start, {os.getloadavg()[0]:.2f} at the end)")
    width = max(len(case.label) for case in cases())
    print(f"{'':{width}} {'cold s':>7} {'x base':>7} {'cpu s':>6}  {'warm s':>7} {'x base':>7} {'cpu s':>6}")
    def cell(key: tuple[str, str]) -> str:
        return f"{medians[key]:>7.2f} {medians[key] / baseline:>7.1f} {cpu[key]:>6.2f}" if key in medians else " " * 22

    for case in cases():
        print(f"{case.label:{width}} {cell((case.name, 'cold'))}  {cell((case.name, 'warm'))}")
    print("targets (wall time):", *verdicts(medians), sep="\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
