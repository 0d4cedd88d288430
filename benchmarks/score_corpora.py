"""F1 and strict F1 on every gold corpus of the repository, to judge an extraction rule: keep it
only when no corpus loses (docs/blind-corpora.md).

Each corpus (tests/data/multilingual, tests/data/heldout*, the seeds with tests/data/seeds_gold.yaml)
is loaded into a fresh temporary store with the real loader and scored with `kg eval`'s scorer;
corpora run in parallel processes. `--save FILE` writes the scores (and each corpus's full report
beside it, FILE.<corpus>.txt, for diffing misses and false hits); `--compare FILE` prints them
beside an earlier run's.

    .venv/bin/python benchmarks/score_corpora.py --save /tmp/before.json
    ... change a rule ...
    .venv/bin/python benchmarks/score_corpora.py --compare /tmp/before.json --save /tmp/after.json
"""

from __future__ import annotations

import argparse
import json
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def corpora(only: list[str] | None) -> dict[str, tuple[Path, Path]]:
    """name -> (folder of articles, gold file)."""
    found = {"seeds": (ROOT / "seeds", ROOT / "tests" / "data" / "seeds_gold.yaml")}
    for folder in sorted((ROOT / "tests" / "data").iterdir(), key=lambda p: (len(p.name), p.name)):
        if (folder / "gold.yaml").exists():
            found[folder.name] = (folder, folder / "gold.yaml")
    return {name: paths for name, paths in found.items() if not only or name in only}


def score(name: str, folder: Path, gold: Path) -> tuple[str, float, float, str]:
    from kg.evaluate import evaluate, render
    from kg.loader import load_paths
    from kg.store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "store", create=True)
        try:
            load_paths(store, [folder], progress=False)
            report = evaluate(store, gold)
        finally:
            store.close()
    return name, round(report.overall.f1, 3), round(report.strict().f1, 3), render(report)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--only", nargs="*", help="corpus names (folder names under tests/data, or seeds)")
    parser.add_argument("--save", type=Path)
    parser.add_argument("--compare", type=Path)
    args = parser.parse_args()
    before = json.loads(args.compare.read_text()) if args.compare else {}
    with ProcessPoolExecutor(args.jobs) as pool:
        results = list(pool.map(score, *zip(*[(n, f, g) for n, (f, g) in corpora(args.only).items()])))
    scores = {name: {"f1": f1, "strict": strict} for name, f1, strict, _ in results}
    print(f"{'corpus':<14} {'F1':>6} {'strict':>7}" + ("   before F1 / strict" if before else ""))
    for name, f1, strict, _ in results:
        old = before.get(name)
        mark = "" if not old else f"   {old['f1']:.3f} / {old['strict']:.3f}" + (
            "   LOST" if f1 < old["f1"] or strict < old["strict"] else "   gained" if (f1, strict) != (old["f1"], old["strict"]) else "")
        print(f"{name:<14} {f1:>6.3f} {strict:>7.3f}{mark}")
    if args.save:
        args.save.write_text(json.dumps(scores, indent=1))
        for name, _, _, report in results:
            Path(f"{args.save}.{name}.txt").write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()
