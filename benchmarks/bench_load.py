"""Load throughput, peak memory and saved-query latency on a synthetic multilingual corpus.

    .venv/bin/python benchmarks/bench_load.py [--articles 200] [--seed 7] [--write]

Generates N articles (2-6 KB, five languages, varied firms, places, amounts and power figures,
deterministic for a given --seed) into a temporary folder, then measures in one run:

  load       `kg load` of the folder into a new embedded store, as a user runs it: wall time,
             documents/s, quads/s, peak resident memory of the process
  bulk       the same quads (exported as N-Quads) bulk-loaded into a bare pyoxigraph Store:
             quads/s; `load.quads_per_s / bulk.quads_per_s` is the figure issue 5 targets (>= 0.5)
  query      every saved query with its default parameters, 5 runs each: p50 and slowest
             (defaults name seed firms, so cq02/cq06/cq11 report an error here: give them a
             synthetic firm next)

One JSON object per measurement on stdout; --write appends the table to BENCHMARKS.md.
The vocabulary below is benchmark data (to make plausible text), not extraction knowledge.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[1]
KG = Path(sys.executable).parent / "kg"

FIRMS = ["Northwind Cloud", "Helios Compute", "Aurora Data Systems", "Kestrel AI", "Meridian Power",
         "Blue Fjord Hosting", "Orion Semiconductors", "Tidewater Capital", "Sakura Datacenters", "Atlas Grid"]
PLACES = {
    "en": ["Texas", "Ohio", "Virginia", "Arizona", "Ireland"],
    "de": ["Bayern", "Hessen", "Brandenburg", "Sachsen", "Nordrhein-Westfalen"],
    "fr": ["Marseille", "Lyon", "Bordeaux", "Lille", "Grenoble"],
    "es": ["Aragón", "Madrid", "Querétaro", "Cataluña", "Valencia"],
    "zh": ["贵州", "内蒙古", "宁夏", "甘肃", "上海"],
}
TEMPLATES = {
    "en": ["{firm} said on Tuesday it will invest ${n} billion in a data centre campus in {place} over the next {y} years.",
           "The first phase of the {place} site will draw {mw} megawatts of power, the company said.",
           "Analysts said the plan would lift {firm}'s capital expenditure to about ${m} billion this year.",
           "Local officials in {place} welcomed the project, which is expected to create {jobs} jobs."],
    "de": ["{firm} will in den nächsten {y} Jahren {n} Milliarden Euro in ein Rechenzentrum in {place} investieren.",
           "Der Standort in {place} soll eine Leistung von {mw} Megawatt erreichen.",
           "Die Investitionen des Konzerns steigen damit auf etwa {m} Milliarden Euro."],
    "fr": ["{firm} va investir {n} milliards d'euros dans un centre de données à {place} d'ici {year}.",
           "Le site de {place} consommera {mw} mégawatts, selon l'entreprise.",
           "Le projet doit créer {jobs} emplois dans la région."],
    "es": ["{firm} invertirá {n} mil millones de dólares en un centro de datos en {place} en los próximos {y} años.",
           "La instalación de {place} tendrá una capacidad de {mw} megavatios.",
           "El proyecto creará {jobs} empleos directos, según la compañía."],
    "zh": ["{firm}宣布将在{place}投资{n}0亿元建设数据中心。", "该项目规划算力负荷{mw}兆瓦。", "预计将带动{jobs}个就业岗位。"],
}


def generate(folder: Path, articles: int, seed: int) -> int:
    """Write `articles` files; returns the total size in bytes."""
    rng = random.Random(seed)
    total = 0
    for i in range(articles):
        lang = rng.choice(list(TEMPLATES))
        paragraphs = []
        size_target = rng.randint(2000, 6000)
        while sum(len(p.encode()) for p in paragraphs) < size_target:
            values = dict(firm=rng.choice(FIRMS), place=rng.choice(PLACES[lang]), n=rng.randint(1, 90),
                          m=rng.randint(10, 200), y=rng.randint(2, 9), mw=rng.randint(20, 900) * 5,
                          jobs=rng.randint(50, 3000), year=rng.randint(2026, 2032))
            sentences = rng.sample(TEMPLATES[lang], k=min(3, len(TEMPLATES[lang])))
            paragraphs.append(("" if lang == "zh" else " ").join(s.format(**values) for s in sentences))
        text = f"Synthetic article {i}\n\n" + "\n\n".join(paragraphs) + "\n"
        path = folder / f"synthetic_{i:06d}.txt"
        path.write_text(text, encoding="utf-8")
        total += len(text.encode())
    return total


def measure_load(corpus: Path, store: Path) -> dict:
    start = time.perf_counter()
    proc = subprocess.run([str(KG), "load", str(corpus), "--store", str(store)], capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"kg load failed: {proc.stderr.strip()}")
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # the largest child so far: kg load
    return {"seconds": elapsed, "peak_mib": peak_kib / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--write", action="store_true", help="append the table to BENCHMARKS.md")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        corpus = tmp / "corpus"
        corpus.mkdir()
        size = generate(corpus, args.articles, args.seed)
        load = measure_load(corpus, tmp / "store")
        dump = tmp / "all.nq"
        subprocess.run([str(KG), "export", "-F", "nquads", "-o", str(dump), "--store", str(tmp / "store")],
                       check=True, capture_output=True)
        quads = sum(1 for line in dump.open("rb") if line.strip())
        bare = ox.Store(str(tmp / "bare"))
        start = time.perf_counter()
        bare.bulk_load(path=str(dump), format=ox.RdfFormat.N_QUADS)
        bare.flush()
        bulk_seconds = time.perf_counter() - start
        del bare

        results = [
            {"measure": "load", "articles": args.articles, "bytes": size, "seconds": round(load["seconds"], 2),
             "docs_per_s": round(args.articles / load["seconds"], 1), "quads": quads,
             "quads_per_s": round(quads / load["seconds"]), "peak_mib": round(load["peak_mib"])},
            {"measure": "bulk", "quads": quads, "seconds": round(bulk_seconds, 3),
             "quads_per_s": round(quads / bulk_seconds)},
        ]
        results[0]["ratio_to_bulk"] = round(results[0]["quads_per_s"] / results[1]["quads_per_s"], 4)

        sys.path.insert(0, str(ROOT))
        from kg import queries
        from kg.store import open_store

        with open_store(tmp / "store") as store:
            for saved in queries.list_queries():
                times = []
                try:
                    for _ in range(5):
                        start = time.perf_counter()
                        queries.run_saved(store, saved, {})
                        times.append(time.perf_counter() - start)
                except Exception as err:  # a query whose default parameter names a seed firm
                    results.append({"measure": "query", "name": saved.name, "error": str(err)[:120]})
                    continue
                results.append({"measure": "query", "name": saved.name, "p50_ms": round(statistics.median(times) * 1000, 1),
                                "max_ms": round(max(times) * 1000, 1)})

    for row in results:
        print(json.dumps(row, ensure_ascii=False))
    if args.write:
        write_table(results, args)


def write_table(results: list[dict], args) -> None:
    load, bulk = results[0], results[1]
    lines = [
        "",
        f"## Load and query at {args.articles} synthetic articles",
        "",
        f"`.venv/bin/python benchmarks/bench_load.py --articles {args.articles} --seed {args.seed} --write`"
        f" ({platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()})",
        "",
        "| measure | value |",
        "|---|---|",
        f"| articles / bytes | {load['articles']} / {load['bytes']} |",
        f"| kg load wall time | {load['seconds']} s |",
        f"| documents / s | {load['docs_per_s']} |",
        f"| quads / s (kg load) | {load['quads_per_s']} |",
        f"| quads / s (bare bulk load, same quads) | {bulk['quads_per_s']} |",
        f"| ratio kg load / bulk (target >= 0.5) | {load['ratio_to_bulk']} |",
        f"| peak memory of kg load | {load['peak_mib']} MiB |",
        "",
        "| saved query | p50 ms | slowest ms |",
        "|---|---|---|",
    ]
    for row in results[2:]:
        if "error" in row:
            lines.append(f"| {row['name']} | - | - ({row['error']}) |")
        else:
            lines.append(f"| {row['name']} | {row['p50_ms']} | {row['max_ms']} |")
    with (ROOT / "BENCHMARKS.md").open("a", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
