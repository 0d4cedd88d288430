"""Milliseconds to prepare one article: read it, identify its languages, extract and build its
quads (`kg.loader.prepare`), in this process, with no store and no workers.

Loading is extraction-bound (BENCHMARKS.md), so this is the number an extraction rule can cost.
The machine is noisy (two shared cores): compare the best of several rounds, old code against new,
run back to back.

    .venv/bin/python benchmarks/bench_prepare.py --articles 400 --rounds 3
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_load import generate  # noqa: E402  (the same synthetic corpus as the load benchmark)

from kg.loader import Task, prepare  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        generate(folder, args.articles, args.seed)
        tasks = [Task(path=f, manifest=None, stored=None) for f in sorted(folder.iterdir()) if f.suffix == ".txt"]
        for task in tasks[:20]:  # warm up: language packs, gazetteer, compiled patterns
            prepare(task)
        rounds = []
        for _ in range(args.rounds):
            start = time.perf_counter()
            for task in tasks:
                prepare(task)
            rounds.append((time.perf_counter() - start) * 1000 / len(tasks))
    print(f"prepare: {min(rounds):.1f} ms per article, best of {args.rounds} rounds over {len(tasks)} articles "
          f"(rounds: {', '.join(f'{r:.1f}' for r in rounds)})")


if __name__ == "__main__":
    main()
