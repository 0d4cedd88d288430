"""Load throughput, peak memory and saved-query latency on a synthetic multilingual corpus.

    .venv/bin/python benchmarks/bench_load.py [--articles 200] [--seed 7] [--write]

Generates N articles (2-6 KB, five languages, 400 firms each with its own plan that nine reports
in ten repeat, figures among context sentences, deterministic for a given --seed) into a temporary folder, then measures in one run:

  load       `kg load` of the folder into a new embedded store, as a user runs it: wall time,
             documents/s, quads/s, peak resident memory of the process
  bulk       the same quads (exported as N-Quads) bulk-loaded into a bare pyoxigraph Store:
             quads/s; `load.quads_per_s / bulk.quads_per_s` is the figure issue 5 targets (>= 0.5)
  query      every saved query, 5 runs each: p50 and slowest (a firm or subject parameter
             names the main firm of the first article; the defaults name seed firms); a query
             with a `firm` parameter also without it, for every firm ("name (all)", 3 runs)

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

# 400 firms: prefix x suffix. Each firm has its own "true" plan, which most articles repeat and
# some misreport, so sources agree more often than they disagree, as in real news.
PREFIXES = ["Northwind", "Helios", "Aurora", "Kestrel", "Meridian", "Blue Fjord", "Orion", "Tidewater", "Sakura",
            "Atlas", "Cobalt", "Silverline", "Redwood", "Polaris", "Granite", "Lumen Bay", "Vireo", "Cascadia",
            "Saffron", "Halcyon", "Ironbridge", "Nimbus", "Quillon", "Borealis", "Cinder", "Driftwood", "Everest",
            "Falkner", "Glacier", "Harbor", "Indigo", "Juniper", "Kairos", "Larkspur", "Monsoon", "Nordic Pine",
            "Obsidian", "Pelican", "Quasar", "Riverstone"]
SUFFIXES = ["Cloud", "Compute", "Data Systems", "AI", "Power", "Hosting", "Semiconductors", "Capital",
            "Datacenters", "Grid"]
FIRMS = [f"{p} {s}" for p in PREFIXES for s in SUFFIXES]
PEOPLE = ["Maria Lindqvist", "Jonas Weber", "Claire Dubois", "Diego Ramírez", "Wei Zhang", "Amelia Hart"]
PLACES = {
    "en": ["Texas", "Ohio", "Virginia", "Arizona", "Ireland"],
    "de": ["Bayern", "Hessen", "Brandenburg", "Sachsen", "Nordrhein-Westfalen"],
    "fr": ["Marseille", "Lyon", "Bordeaux", "Lille", "Grenoble"],
    "es": ["Aragón", "Madrid", "Querétaro", "Cataluña", "Valencia"],
    "zh": ["贵州", "内蒙古", "宁夏", "甘肃", "上海"],
}
FIGURES = {
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
# Sentences without figures: most of a news article is context, quotes and background.
FILLER = {
    "en": ["{person}, the chief executive of {firm}, said demand for computing capacity continued to outstrip supply.",
           "The company did not name the customers that would use the new facility.",
           "Construction is expected to begin once the local permits have been granted.",
           "Residents have raised concerns about water use and noise near the planned buildings.",
           "The announcement follows a series of similar projects across the region in recent months."],
    "de": ["{person}, Chef von {firm}, sagte, die Nachfrage nach Rechenleistung übersteige weiterhin das Angebot.",
           "Die Kunden des neuen Standorts nannte das Unternehmen nicht.",
           "Der Bau soll beginnen, sobald die Genehmigungen vorliegen.",
           "Anwohner äußerten Bedenken wegen des Wasserverbrauchs und des Lärms."],
    "fr": ["{person}, directeur général de {firm}, a déclaré que la demande de calcul dépassait toujours l'offre.",
           "L'entreprise n'a pas précisé quels clients utiliseront le site.",
           "Les travaux devraient commencer dès l'obtention des autorisations.",
           "Des riverains s'inquiètent de la consommation d'eau du projet."],
    "es": ["{person}, consejero delegado de {firm}, afirmó que la demanda de capacidad de cálculo sigue superando la oferta.",
           "La empresa no reveló qué clientes utilizarán la instalación.",
           "Las obras comenzarán en cuanto se concedan los permisos.",
           "Los vecinos han expresado su preocupación por el consumo de agua."],
    "zh": ["{firm}首席执行官{person}表示，算力需求仍然供不应求。", "公司未透露新设施的客户名单。", "项目将在取得相关审批后开工建设。", "当地居民对项目的用水问题表示关注。"],
}


def _plan(rng: random.Random) -> dict:
    return dict(n=rng.randint(1, 90), m=rng.randint(10, 200), y=rng.randint(2, 9), mw=rng.randint(20, 900) * 5,
                jobs=rng.randint(50, 3000), year=rng.randint(2026, 2032))


def generate(folder: Path, articles: int, seed: int) -> tuple[int, str]:
    """Write `articles` files; returns the total size in bytes and the first article's main firm."""
    rng = random.Random(seed)
    plans = {firm: _plan(rng) for firm in FIRMS}
    total, first_firm = 0, None
    for i in range(articles):
        lang = rng.choice(list(FIGURES))
        firms = rng.sample(FIRMS, k=rng.randint(1, 3))
        first_firm = first_firm or firms[0]
        paragraphs = []
        size_target = rng.randint(2000, 6000)
        while sum(len(p.encode()) for p in paragraphs) < size_target:
            firm = firms[0] if rng.random() < 0.6 else rng.choice(firms)
            # nine reports in ten repeat the firm's plan; the tenth has another figure
            values = dict(plans[firm]) if rng.random() < 0.9 else _plan(rng)
            values.update(firm=firm, place=rng.choice(PLACES[lang]), person=rng.choice(PEOPLE))
            sentences = [rng.choice(FIGURES[lang])] + rng.sample(FILLER[lang], k=3)
            rng.shuffle(sentences)
            paragraphs.append(("" if lang == "zh" else " ").join(s.format(**values) for s in sentences))
        text = f"Synthetic article {i}\n\n" + "\n\n".join(paragraphs) + "\n"
        path = folder / f"synthetic_{i:06d}.txt"
        path.write_text(text, encoding="utf-8")
        total += len(text.encode())
    return total, first_firm


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
        size, firm = generate(corpus, args.articles, args.seed)
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
                params = {k: v for k, v in {"firm": firm, "subject": firm}.items() if k in saved.params}
                # a query with a `firm` parameter is timed for one firm (what a user asks of a large
                # store) and for every firm ("name (all)")
                variants = [(saved.name, params, 5)] + ([(f"{saved.name} (all)", {}, 3)] if "firm" in params else [])
                for name, values, runs in variants:
                    times = []
                    try:
                        for _ in range(runs):
                            start = time.perf_counter()
                            queries.run_saved(store, saved, values)
                            times.append(time.perf_counter() - start)
                    except Exception as err:  # a query whose default parameter names a seed firm
                        results.append({"measure": "query", "name": name, "error": str(err)[:120]})
                        continue
                    results.append({"measure": "query", "name": name, "p50_ms": round(statistics.median(times) * 1000, 1),
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
