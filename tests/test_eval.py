"""`kg eval` end to end: load a corpus into a fresh store with the real loader, score the
`figures` query against its gold file. The seed gold is shared/gold/seeds.yaml; the multilingual
corpus (tests/data/multilingual) was written for this project, two articles per language."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.evaluate import GoldError, evaluate, load_gold, render
from kg.loader import load_paths
from kg.store import open_store

ROOT = Path(__file__).resolve().parents[1]
# the team's gold for the seeds (a copy of shared/gold/seeds.yaml, so a clone alone can run it)
SEED_GOLD = ROOT / "tests" / "data" / "seeds_gold.yaml"
MULTILINGUAL = ROOT / "tests" / "data" / "multilingual"


def _report(tmp_path, folder, gold):
    store = open_store(tmp_path / "store", create=True)
    try:
        load_paths(store, [folder], progress=False)
        return evaluate(store, gold)
    finally:
        store.close()


def _one_note(tmp_path, text: str, facts: list[str], lang: str = "en"):
    """The report for one document, note.txt, and its gold facts (YAML flow mappings)."""
    gold = tmp_path / "gold.yaml"
    gold.write_text(f"documents:\n- id: note\n  languages: [{lang}]\n  facts:\n" + "".join(f"  - {f}\n" for f in facts),
                    encoding="utf-8")
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "note.txt").write_text(text + "\n", encoding="utf-8")
    return _report(tmp_path, folder, gold)


def test_seed_gold_precision_and_recall_at_least_0_9(tmp_path):
    report = _report(tmp_path, ROOT / "seeds", SEED_GOLD)
    o = report.overall
    assert o.precision >= 0.9 and o.recall >= 0.9, render(report)
    assert not report.documents_not_loaded


def test_multilingual_corpus_covers_ten_languages_and_scores(tmp_path):
    facts, languages, _ = load_gold(MULTILINGUAL / "gold.yaml")
    langs = {lang for doc in languages.values() for lang in doc}
    assert {"en", "de", "fr", "es", "pt", "it", "zh", "ja", "ko", "ar"} <= langs
    report = _report(tmp_path, MULTILINGUAL, MULTILINGUAL / "gold.yaml")
    assert report.overall.f1 >= 0.9, render(report)
    for lang, counts in report.per_language.items():
        assert counts.tp > 0, f"nothing found in {lang}"


def test_eval_reports_misses_and_false_hits(tmp_path):
    report = _one_note(tmp_path, "Oracle plans to invest $40 billion this year. Nvidia will spend $7 billion.", [
        "{subject: Oracle, metric: capex, value: 40000000000, unit: USD}",
        "{subject: Oracle, metric: capex, value: 99000000000, unit: USD}"])
    assert (report.overall.tp, report.overall.fp, report.overall.fn) == (1, 1, 1)
    assert any("99" in m or "9.9e+10" in m for m in report.misses)
    assert any("Nvidia" in h for h in report.false_hits)


@pytest.mark.parametrize("text, fact, lang", [
    # a leading "The"
    ("Halvorsen Investment Company will invest $2 billion in the campus.",
     "{subject: The Halvorsen Investment Company, metric: investment_commitment, value: 2000000000, unit: USD}", "en"),
    # a legal form at the end: the graph labels firms without it, a gold file may write it
    ("Halvorsen Compute GmbH will invest $2 billion in the campus.",
     "{subject: Halvorsen Compute GmbH, metric: investment_commitment, value: 2000000000, unit: USD}", "en"),
    # ... or one glued on in Chinese
    ("云港数据科技有限公司（603881）宣布投资约12亿元建设数据中心。",
     "{subject: 云港数据科技, metric: investment_commitment, value: 1200000000, unit: CNY}", "zh"),
    # full-width letters: the graph reads "ＧＳ" as "GS" (NFKC), a gold file may keep the press's
    ("ＫＴユアサは2日、約420億円を投じて新棟を建設すると発表した。",
     "{subject: ＫＴユアサ, metric: investment_commitment, value: 42000000000, unit: JPY}", "ja"),
    # a gold file's "sqft" is square feet
    ("Halvorsen Compute will build a data hall with 180,000 square feet of floor space.",
     "{subject: Halvorsen Compute, metric: other, value: 180000, unit: sqft}", "en"),
    # a leading article in another language
    ("La Banque Vettale prêtera 150 millions d'euros au projet.",
     "{subject: La Banque Vettale, metric: loan_or_debt, value: 150000000, unit: EUR}", "fr"),
])
def test_a_gold_file_writing_a_name_or_unit_otherwise_still_matches(tmp_path, text, fact, lang):
    report = _one_note(tmp_path, text, [fact], lang=lang)
    assert (report.overall.tp, report.overall.fp, report.overall.fn) == (1, 0, 0)


def test_bad_gold_file_names_the_file_and_entry(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("documents:\n- id: x\n  facts:\n  - {subject: A, metric: capex, unit: USD}\n", encoding="utf-8")
    with pytest.raises(GoldError, match=r"bad\.yaml: x facts\[0\]"):
        load_gold(bad)


def test_figures_query_gives_one_row_per_figure_when_a_sentence_repeats_the_amount(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "twice.txt").write_text("Microsoft will invest $10 billion in Ohio; Microsoft said the $10 billion will fund two campuses.\n",
                                      encoding="utf-8")
    from kg.queries import run

    store = open_store(tmp_path / "store", create=True)
    try:
        load_paths(store, [folder], progress=False)
        rows = run(store, "figures", {}).rows
    finally:
        store.close()
    assert len(rows) == 1


def test_a_town_answers_for_its_region_and_country(tmp_path):
    """ "Abilene, Texas" is found when asking about Texas or the United States (ai:containedIn*)."""
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "abilene.txt").write_text("OpenAI will invest $40 billion in a data center campus in Abilene, Texas.\n", encoding="utf-8")
    store = open_store(tmp_path / "store", create=True)
    try:
        load_paths(store, [folder], progress=False)
        for place in ("texas", "united-states"):
            rows = list(store.query(
                "PREFIX ai: <https://w3id.org/aiinfra/ontology#> SELECT DISTINCT ?f WHERE { "
                f"?f a ai:Figure ; ai:location/ai:containedIn* <https://w3id.org/aiinfra/id/place/{place}> }}"))
            assert len(rows) == 1, place
    finally:
        store.close()
