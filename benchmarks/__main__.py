"""`python -m benchmarks`: run each benchmark module in turn; each has `main(argv) -> int`."""

from __future__ import annotations

import importlib
import sys

BENCHMARKS = ("benchmarks.ask", "benchmarks.daily", "benchmarks.store", "benchmarks.startup")


def main() -> int:
    status = 0
    for name in BENCHMARKS:
        print(f"== {name}", flush=True)
        status = importlib.import_module(name).main([]) or status
    return status


if __name__ == "__main__":
    sys.exit(main())
