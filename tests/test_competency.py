"""The competency questions (shared/gold/competency-questions.md) answered by the saved queries.

One fresh store is loaded from the five seed articles with the real loader, once per module; every
saved query (cq01 ... cq11 and `figures`) runs through `kg.queries.run`, with and without its
parameters, and its rows are checked against the expected answers of the gold file.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest

from kg import vocab
from kg.loader import load_paths
from kg.queries import execute, run
from kg.store import open_store

SEEDS = vocab.PROJECT_ROOT / "seeds"
DOC = {path.stem[:3]: path.stem for path in sorted(SEEDS.glob("*.txt"))}  # "000" -> "000_b336..."
B, T = Decimal(10) ** 9, Decimal(10) ** 12
ORG = vocab.base_iri() + "id/org/"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = open_store(tmp_path_factory.mktemp("competency") / "store", create=True)
    report = load_paths(s, [SEEDS], progress=False)
    assert report.ok and len(report.loaded) == len(DOC) == 5, report.refused
    yield s
    s.close()


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    """Each seed's text as the offsets index it: UTF-8 without BOM, "\\n" line ends, NFC."""
    out = {}
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
        out[path.stem] = unicodedata.normalize("NFC", text)
    return out


def rows(store, name: str, **params) -> list[dict]:
    result = run(store, name, {k: str(v) for k, v in params.items()})
    return [dict(zip(result.variables, row)) for row in result.rows]


def docs(*prefixes: str) -> set[str]:
    return {DOC[p] for p in prefixes}


def split(cell: str | None, sep: str = ", ") -> set[str]:
    return set(cell.split(sep)) if cell else set()


def only(found: list[dict], **where) -> dict:
    """The one row whose columns equal `where` (fails with the candidates otherwise)."""
    hits = [r for r in found if all(r.get(k) == v for k, v in where.items())]
    assert len(hits) == 1, (where, hits or found)
    return hits[0]


# --------------------------------------------------------------------------- figures (contract)


def test_figures_every_row_quotes_the_document(store, texts):
    everything = rows(store, "figures")
    assert len(everything) == len({(r["source"], r["start"], r["metric"], r["subject_iri"]) for r in everything})
    assert {r["source"] for r in everything} == set(DOC.values())
    for r in everything:
        assert texts[r["source"]][r["start"]:r["end"]] == r["quote"]
    one = rows(store, "figures", source=DOC["004"])
    assert one and {r["source"] for r in one} == {DOC["004"]}
    assert len(one) == sum(r["source"] == DOC["004"] for r in everything)


# --------------------------------------------------------------------------- CQ1


def test_cq01_commitments(store):
    found = rows(store, "cq01_commitments")
    anthropic = only(found, subject="Anthropic", value=50 * B)
    assert anthropic["unit"] == "USD" and anthropic["metrics"] == "investment_commitment"
    assert split(anthropic["documents"]) == docs("000", "001", "002", "003") and anthropic["document_count"] == 4
    assert {"en", "de", "ar"} <= split(anthropic["languages"])
    assert {"Texas", "New York", "United States"} <= split(anthropic["locations"], "; ")

    about = only(found, subject="OpenAI", value=Decimal("1.4") * T)
    assert about["approximate"] == "yes" and split(about["documents"]) == docs("000") and "8 years" in about["periods"]
    more = only(found, subject="OpenAI", lower=Decimal("1.4") * T)
    assert more["value"] is None and split(more["documents"]) == docs("003")

    meta = only(found, subject="Meta", value=600 * B)
    assert split(meta["documents"]) == docs("000", "002") and "3 years" in meta["periods"]
    meta_2025 = only(found, subject="Meta", lower=60 * B, upper=65 * B)
    assert meta_2025["periods"] == "2025" and meta_2025["metrics"] == "capex" and split(meta_2025["documents"]) == docs("004")
    assert only(found, subject="Meta", value=39 * B)["periods"] == "2024"

    stargate = only(found, subject="Stargate", value=500 * B)
    assert split(stargate["members"]) == {"SoftBank", "OpenAI", "Oracle"} and split(stargate["documents"]) == docs("002")

    for subject, value, period, doc in [
        ("Amazon", 125 * B, "2025", "000"), ("Amazon", 100 * B, "2025", "004"), ("Amazon", 77 * B, "2024", "004"),
        ("Microsoft", 80 * B, "2025", "004"), ("Alphabet", 75 * B, "2025", "004"),
    ]:
        row = only(found, subject=subject, value=value)
        assert row["periods"] == period and split(row["documents"]) == docs(doc), row
    google = only(found, subject="Google", lower=91 * B, upper=93 * B)
    assert google["periods"] is None and split(google["documents"]) == docs("000")
    # Facility costs are commitments; sector-wide totals and other metrics are not.
    assert only(found, subject="Amazon", value=11 * B)["facilities"] == "Amazon campus, Indiana"
    assert {r["subject"] for r in found}.isdisjoint({"Big Tech", "World"})
    assert all(set(r["metrics"].split(", ")) <= {"investment_commitment", "capex", "facility_cost"} for r in found)
    assert all(r["firm"] is None for r in found)


def test_cq01_commitments_of_one_firm(store):
    anthropic = rows(store, "cq01_commitments", firm="Anthropic")
    assert [(r["subject"], r["value"]) for r in anthropic] == [("Anthropic", 50 * B)]
    assert anthropic[0]["firm"] == ORG + "anthropic"
    # Parent and subsidiary are included: Google's own figure and Alphabet's.
    google = rows(store, "cq01_commitments", firm="Google")
    assert {(r["subject"], r["value"] or r["lower"]) for r in google} == {("Google", 91 * B), ("Alphabet", 75 * B)}


# --------------------------------------------------------------------------- CQ2


def test_cq02_firm_facilities(store):
    found = rows(store, "cq02_firm_facilities")  # firm defaults to Anthropic
    assert {r["location"] for r in found} == {"Texas", "New York", "Indiana"}
    assert all(r["firm"] == ORG + "anthropic" for r in found)
    for place in ("Texas", "New York"):
        row = only(found, location=place)
        assert row["firm_role"] == "owner" and row["owner"] == "Anthropic" and row["builder"] == "Fluidstack"
        assert row["operational_from"] == "2026" and row["status"] == "planned"
        assert row["country"] == "United States" and row["region"] == place
        assert split(row["documents"]) == docs("001", "002", "003")
    indiana = only(found, location="Indiana")
    assert indiana["firm_role"] == "tenant" and indiana["owner"] == "Amazon" and indiana["tenant"] == "Anthropic"
    assert indiana["status"] == "operational" and indiana["country"] == "United States"
    assert (indiana["cost_value"], indiana["cost_unit"]) == (11 * B, "USD")
    assert (indiana["land_value"], indiana["land_unit"]) == (1200, "acre")
    assert split(indiana["documents"]) == docs("003") and indiana["languages"] == "ar"


def test_cq02_facilities_of_another_firm(store):
    found = rows(store, "cq02_firm_facilities", firm="Fluidstack")
    assert {(r["location"], r["firm_role"]) for r in found} == {
        ("France", "owner"), ("Texas", "builder"), ("New York", "builder")}
    france = only(found, location="France")
    assert (france["power_value"], france["power_unit"]) == (1, "GW")
    assert (france["cost_lower"], france["cost_value"]) == (11 * B, None)


def test_cq02_indiana_campus_is_amazon_built(store):
    indiana = only(rows(store, "cq02_firm_facilities"), location="Indiana")
    assert indiana["builder"] == "Amazon"


# --------------------------------------------------------------------------- CQ3


def test_cq03_conflicts(store):
    found = rows(store, "cq03_conflicts")
    pairs = {(r["subject_a"], r["subject_b"], r["value_a"] or r["lower_a"], r["value_b"] or r["lower_b"]): r for r in found}
    assert set(pairs) == {("Amazon", "Amazon", 125 * B, 100 * B), ("Google", "Alphabet", 91 * B, 75 * B)}
    amazon = pairs["Amazon", "Amazon", 125 * B, 100 * B]
    assert amazon["status"] == "disputed" and amazon["period_a"] == amazon["period_b"] == "2025"
    assert (amazon["document_a"], amazon["document_b"]) == (DOC["000"], DOC["004"])
    assert {amazon["metric_a"], amazon["metric_b"]} == {"investment_commitment", "capex"}  # ai:comparableWith
    google = pairs["Google", "Alphabet", 91 * B, 75 * B]
    assert google["status"] == "possible conflict (period unknown)" and google["period_a"] is None
    assert (google["upper_a"], google["period_b"]) == (93 * B, "2025")
    assert google["relation"] == "Google is a subsidiary of Alphabet"
    # Not conflicts: hedges that allow both, different periods, a facility cost vs a capex.
    subjects = {r["subject_a"] for r in found} | {r["subject_b"] for r in found}
    assert subjects.isdisjoint({"Anthropic", "OpenAI", "Meta"})
    assert all(11 * B not in (r["value_a"], r["value_b"]) for r in found)
    assert all(r["figure_a"] != r["figure_b"] and r["document_a"] < r["document_b"] for r in found)


def test_cq03_conflicts_of_one_firm(store):
    # the firm's family: Alphabet's subsidiary Google is in, Amazon is out
    alphabet = rows(store, "cq03_conflicts", firm="Alphabet")
    assert {(r["subject_a"], r["subject_b"]) for r in alphabet} == {("Google", "Alphabet")}
    assert alphabet[0]["firm"] == ORG + "alphabet"
    amazon = rows(store, "cq03_conflicts", firm="Amazon")
    assert {(r["subject_a"], r["value_a"], r["value_b"]) for r in amazon} == {("Amazon", 125 * B, 100 * B)}
    assert rows(store, "cq03_conflicts", firm="Anthropic") == []


# --------------------------------------------------------------------------- CQ4


def test_cq04_corroborated(store):
    found = rows(store, "cq04_corroborated")
    assert all(r["document_count"] >= 2 for r in found)
    anthropic = only(found, subject="Anthropic", value=50 * B)
    assert anthropic["document_count"] == 4 and split(anthropic["documents"]) == docs("000", "001", "002", "003")
    assert {"en", "de", "ar"} <= split(anthropic["languages"]) and anthropic["language_count"] >= 3
    jobs = only(found, subject="Anthropic", metrics="jobs_permanent")
    assert jobs["value"] == 800 and split(jobs["documents"]) == docs("001", "003") and split(jobs["languages"]) == {"de", "ar"}
    customers = only(found, subject="Anthropic", metrics="customers")
    assert (customers["lower"], customers["value"]) == (300000, None)
    assert split(customers["documents"]) == docs("000", "001", "003")
    meta = only(found, subject="Meta", value=600 * B)
    assert split(meta["documents"]) == docs("000", "002")
    growth = only(found, subject="Anthropic", metrics="growth_multiple")
    assert growth["value"] == 7 and split(growth["documents"]) == docs("000", "001", "003")
    assert growth["approximate"] == "in some sources"  # "nearly sevenfold" vs "um das Siebenfache"


# --------------------------------------------------------------------------- CQ5


def test_cq05_energy(store):
    found = rows(store, "cq05_energy")
    assert len(found) == 3
    leased = only(found, metric="leased_capacity")
    assert (leased["subject"], leased["lower"], leased["unit"]) == ("Cloud providers", Decimal("7.4"), "GW")
    assert leased["period"] == "Q3 2025" and leased["reported_by"] == "TD Cowen" and "United States" in leased["places"]
    assert split(leased["documents"]) == docs("001")
    power = only(found, metric="power_capacity")
    assert (power["subject"], power["value"], power["unit"], power["places"]) == ("Fluidstack", 1, "GW", "France")
    assert split(power["documents"]) == docs("002")
    shortfall = only(found, metric="power_shortfall")
    assert (shortfall["subject"], shortfall["upper"], shortfall["unit"]) == ("United States", 20, "percent")
    assert shortfall["period"] == "2028" and split(shortfall["documents"]) == docs("000")
    assert [r["metric"] for r in rows(store, "cq05_energy", metric="leased_capacity")] == ["leased_capacity"]


# --------------------------------------------------------------------------- CQ6


def test_cq06_backers_and_partners(store):
    found = rows(store, "cq06_backers_partners")  # firm defaults to Anthropic
    investor = only(found, relation="investor", other="Amazon")
    assert (investor["value"], investor["unit"]) == (8 * B, "USD")
    assert split(investor["documents"]) == docs("001", "002")
    assert split(only(found, relation="partner", other="Fluidstack")["documents"]) == docs("000", "001", "002", "003")
    assert split(only(found, relation="cloud partner", other="Google")["documents"]) == docs("002", "003")
    round_ = only(found, relation="funding round")
    assert (round_["value"], split(round_["documents"])) == (13 * B, docs("000")) and "Series F" in round_["quote"]
    valuation = only(found, relation="valuation")
    assert (valuation["value"], valuation["approximate"]) == (183 * B, True)
    assert all(r["firm"] == ORG + "anthropic" and r["other_iri"] != ORG + "anthropic" for r in found)
    fluidstack = rows(store, "cq06_backers_partners", firm="Fluidstack")
    assert {(r["relation"], r["other"]) for r in fluidstack} >= {("partner", "Anthropic"), ("customer", "Meta")}


def test_cq06_funding_round_is_named(store):
    assert only(rows(store, "cq06_backers_partners"), relation="funding round")["round"] == "Series F"


# --------------------------------------------------------------------------- CQ7


def test_cq07_facilities(store):
    found = rows(store, "cq07_facilities")
    assert len(found) == len({r["facility_iri"] for r in found}) == 6
    for place in ("Texas", "New York"):
        row = only(found, location=place)
        assert (row["owner"], row["builder"], row["operational_from"]) == ("Anthropic", "Fluidstack", "2026")
    atlanta = only(found, location="Atlanta")
    assert (atlanta["owner"], atlanta["region"], atlanta["country"]) == ("Microsoft", "Georgia (U.S. state)", "United States")
    assert split(atlanta["documents"]) == docs("001")
    assert only(found, location="Wisconsin")["owner"] == "Microsoft"
    indiana = only(found, location="Indiana")
    assert (indiana["land_value"], indiana["land_unit"], indiana["cost_value"]) == (1200, "acre", 11 * B)
    assert (indiana["status"], indiana["owner"], indiana["tenant"]) == ("operational", "Amazon", "Anthropic")
    france = only(found, location="France")
    assert (france["owner"], france["power_value"], france["power_unit"], france["cost_lower"]) == ("Fluidstack", 1, "GW", 11 * B)


def test_cq07_atlanta_is_linked_with_wisconsin(store):
    atlanta = only(rows(store, "cq07_facilities"), location="Atlanta")
    assert "Microsoft data centre, Wisconsin" in split(atlanta["related_facilities"], "; ")


# --------------------------------------------------------------------------- CQ8


def test_cq08_changes(store):
    found = rows(store, "cq08_changes")
    amazon = only(found, subject="Amazon", metrics="capex")
    assert (amazon["earlier_period"], amazon["earlier_value"], amazon["later_period"], amazon["later_value"]) == (
        "2024", 77 * B, "2025", 100 * B)
    assert amazon["change"] == 23 * B and abs(amazon["change_percent"] - Decimal("29.9")) < Decimal("0.05")
    meta = only(found, subject="Meta", metrics="capex")
    assert (meta["earlier_value"], meta["later_lower"], meta["later_upper"]) == (39 * B, 60 * B, 65 * B)
    assert meta["change"] == Decimal("23.5") * B  # midpoint of 60-65
    big_tech = only(found, subject="Big Tech")
    assert (big_tech["earlier_value"], big_tech["later_value"]) == (246 * B, 320 * B)
    assert abs(big_tech["change_percent"] - 30) < 1
    for row in (amazon, meta, big_tech):
        assert row["earlier_documents"] == row["later_documents"] == DOC["004"]
    assert all(row["earlier_period"] < row["later_period"] for row in found)


# --------------------------------------------------------------------------- CQ9


def test_cq09_people(store):
    found = rows(store, "cq09_people")
    expected = {
        "Dario Amodei": ("Anthropic", {"CEO", "CoFounder"}),
        "Gary Wu": ("Fluidstack", {"CEO", "CoFounder"}),
        "Andy Jassy": ("Amazon Web Services", None),
        "Satya Nadella": ("Microsoft", None),
        "Sundar Pichai": ("Google", {"CEO"}),
        "Sarah Friar": ("OpenAI", {"CFO"}),
        "Dan Ives": ("Wedbush", None),
        "Jesse Cohen": ("Investing.com", None),
    }
    assert {r["person"] for r in found} == set(expected)
    for person, (organisation, roles) in expected.items():
        row = only(found, person=person, organisation_name=organisation)
        if roles is not None:
            assert split(row["role_codes"]) == roles
        assert row["documents"] and row["roles"]
    assert "chief executive officer (CEO)" in only(found, person="Dario Amodei")["roles"]
    assert only(found, person="Sundar Pichai")["parent_organisation"] == "Alphabet"
    assert only(found, person="Andy Jassy")["parent_organisation"] == "Amazon"
    assert split(only(found, person="Dario Amodei")["documents"]) == docs("001", "002", "003")
    assert [r["person"] for r in rows(store, "cq09_people", organisation="Anthropic")] == ["Dario Amodei"]


# --------------------------------------------------------------------------- CQ10


def test_cq10_source_coverage(store):
    found = rows(store, "cq10_source_coverage")
    assert {r["source"] for r in found} == set(DOC.values())
    by_source = {doc: {r["organisation"] for r in found if r["source"] == doc} for doc in DOC.values()}
    for prefix in ("000", "001", "002", "003"):
        assert {"Anthropic", "Fluidstack"} <= by_source[DOC[prefix]]
    assert {"Amazon", "Microsoft", "Alphabet", "Meta", "Wedbush"} <= by_source[DOC["004"]]
    names = set().union(*by_source.values())
    assert names.isdisjoint({"Texas", "United States", "Dario Amodei", "Sundar Pichai", "Anthropic data centre, Texas"})
    news = only(found, source=DOC["004"], organisation="Amazon")
    assert (str(news["published"]), news["publisher"], split(news["languages"])) == ("2025-02-12", "AI News", {"en", "zh"})
    assert news["figures"] >= 2
    german = only(found, source=DOC["001"], organisation="Anthropic")
    assert (german["published"], german["languages"]) == (None, "de")
    one = rows(store, "cq10_source_coverage", source=DOC["002"])
    assert {r["source"] for r in one} == {DOC["002"]} and {r["organisation"] for r in one} == by_source[DOC["002"]]


# --------------------------------------------------------------------------- CQ11


def test_cq11_evidence_default(store, texts):
    found = rows(store, "cq11_evidence")  # Anthropic's investment_commitment figures
    assert {r["document"] for r in found} == docs("000", "001", "002", "003")
    assert {r["language"] for r in found} >= {"en", "de", "ar"}
    assert all(r["figure_subject"] == "Anthropic" and r["value"] == 50 * B for r in found)
    for r in found:
        text = texts[r["document"]]
        assert text[r["start"]:r["end"]] == r["quote"]
        assert text[r["mention_start"]:r["mention_end"]] == r["mention"]
        assert r["start"] <= r["mention_start"] < r["mention_end"] <= r["end"]


def test_cq11_evidence_for_every_figure(store, texts):
    figures = [row[0] for row in execute(store, "SELECT DISTINCT ?f WHERE { ?f a ai:Figure }").rows]
    assert len(figures) == 48
    for figure in figures:
        found = rows(store, "cq11_evidence", figure=figure)
        assert found, figure
        for r in found:
            assert r["figure_iri"] == figure and texts[r["document"]][r["start"]:r["end"]] == r["quote"]
    # Every row of `figures` has its first evidence among the evidence of its subject and metric.
    listed = rows(store, "figures")
    for subject, metric in {(r["subject_iri"], r["metric"]) for r in listed}:
        evidence = {(r["document"], r["start"]) for r in rows(store, "cq11_evidence", subject=subject, metric=metric)}
        for r in listed:
            if (r["subject_iri"], r["metric"]) == (subject, metric):
                assert (r["source"], r["start"]) in evidence, r
