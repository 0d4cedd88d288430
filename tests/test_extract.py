"""Extraction on sentences written for these tests (not taken from any article)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import pytest
import yaml

from kg.extract import extract
from kg.extract.entities import ENTITIES_FILE, gazetteer
from kg.extract.language import pack
from kg.extract.numbers import parse_number, scan_amounts
from kg.extract.sentences import split_sentences
from kg.extract.time import PeriodFinder


@dataclass
class Doc:
    text: str
    languages: list
    reference_date: date | None = None
    doc_id: str = "test"
    file_name: str = "test.txt"
    sha256: str = "0" * 64
    title: str | None = None
    publisher: str | None = None
    published: object = None
    extra: dict = field(default_factory=dict)


def amounts(text, lang):
    return [(a.text, a.unit, a.value, a.lower, a.upper, a.approx) for a in scan_amounts(text, pack(lang)) if not a.threshold]


def figures(text, languages, ref=None):
    ex = extract(Doc(text, languages, ref))
    return [(f.subject.key, f.metric, f.quantity.value, f.quantity.lower, f.quantity.upper, f.quantity.unit) for f in ex.figures]


def subject_labels(text, lang):
    """The labels of the subjects of a text's figures."""
    return {f.subject.label for f in extract(Doc(text, [lang])).figures}


def labelled_values(text, lang):
    """(subject label, value) of a text's figures."""
    return {(f.subject.label, f.quantity.value) for f in extract(Doc(text, [lang])).figures}


def org_labels(text, lang):
    """The labels of the organisations a text names."""
    return {e.label for e in extract(Doc(text, [lang])).entities if e.kind == "org"}


# ---- numbers ---------------------------------------------------------------------------------
@pytest.mark.parametrize("token, decimal, expected", [
    ("2.400", ",", 2400.0), ("7,4", ",", 7.4), ("1,200", ".", 1200.0), ("1.4", ".", 1.4),
    ("1.4", ",", 1.4), ("300.000", ",", 300000.0), ("1,234,567.5", ".", 1234567.5), ("1.234.567,5", ",", 1234567.5),
])
def test_parse_number_follows_the_language(token, decimal, expected):
    assert parse_number(token, decimal) == pytest.approx(expected)


def test_amounts_in_english():
    got = amounts("Orbitex will spend roughly $2.5 trillion, between $30 billion and $35 billion, and up to 15% more.", "en")
    assert ("$2.5 trillion", "USD", 2.5e12, None, None, True) in got
    assert any(a[1] == "USD" and a[3] == 3e10 and a[4] == 3.5e10 for a in got)
    assert ("15%", "percent", None, None, 15.0, False) in got


def test_amounts_in_german_use_decimal_comma_and_thousands_dot():
    got = amounts("Der Konzern plant 12,5 Mrd. Euro, schafft 3.500 Arbeitsplätze und baut 2,2 Gigawatt Leistung.", "de")
    assert ("12,5 Mrd. Euro", "EUR", 12.5e9, None, None, False) in got
    assert any(a[1] == "count" and a[2] == 3500 for a in got)
    assert any(a[1] == "GW" and a[2] == pytest.approx(2.2) for a in got)


def test_german_compound_amount():
    got = amounts("eine 20-Milliarden-Dollar-Investition", "de")
    assert got == [("20-Milliarden-Dollar", "USD", 2e10, None, None, False)]


def test_chinese_scales_and_ranges():
    got = amounts("该公司计划投入450亿元人民币，另有120-150亿美元用于芯片。", "zh")
    assert ("450亿元", "CNY", 4.5e10, None, None, False) in got or any(a[2] == 4.5e10 and a[1] == "CNY" for a in got)
    assert any(a[1] == "USD" and a[3] == 1.2e10 and a[4] == 1.5e10 for a in got)


def test_arabic_amounts_and_hedges():
    got = amounts("تعتزم الشركة استثمار حوالي 30 مليار دولار وأكثر من 5 مليارات يورو.", "ar")
    assert ("30 مليار دولار", "USD", 3e10, None, None, True) in got
    assert any(a[1] == "EUR" and a[3] == 5e9 for a in got)


def test_arabic_indic_digits_keep_offsets():
    text = "خطة بقيمة ٤٠ مليار دولار"
    [a] = scan_amounts(text, pack("ar"))
    assert a.value == 4e10 and text[a.start:a.end] == a.text


def test_threshold_is_not_a_figure():
    found = scan_amounts("It serves 9,000 firms, and customers paying more than $50,000 a year doubled.", pack("en"))
    money = [a for a in found if a.unit == "USD"]
    assert money and all(a.threshold for a in money)


def test_years_and_bare_numbers_are_not_amounts():
    assert amounts("In 2024 the 3 partners met on page 12 [4].", "en") == []


def test_multiples():
    got = amounts("Bookings grew almost fivefold.", "en")
    assert got == [("fivefold", "ratio", 5.0, None, None, True)]


# ---- sentences, periods, entities ----------------------------------------------------------
def test_sentences_keep_exact_offsets_and_do_not_split_abbreviations():
    text = "Firma X investiert 5 Mrd. Euro in Bayern. Der Bau beginnt 2026.\n\n第二句话在这里。第三句。"
    sents = split_sentences(text, ["de", "zh"])
    assert [s.text for s in sents][:2] == ["Firma X investiert 5 Mrd. Euro in Bayern.", "Der Bau beginnt 2026."]
    assert all(text[s.start:s.end] == s.text for s in sents)
    assert sents[-1].language == "zh"


def test_relative_periods_resolve_against_the_reference_date():
    finder = PeriodFinder(date(2025, 3, 1))
    found = {m.text: m.period for m in finder.find("over the next five years, last year, and in Q2 2026", pack("en"))}
    assert found["over the next five years"].start == date(2025, 3, 1) and found["over the next five years"].end == date(2030, 3, 1)
    assert found["last year"].key == "2024"
    assert found["Q2 2026"].key == "2026-Q2"


def test_relative_period_without_date_stays_unresolved():
    [m] = PeriodFinder(None).find("in den nächsten vier Jahren", pack("de"))
    assert m.period.start is None and "vier" in m.period.label


def test_one_entity_across_scripts():
    keys = {m.entity.key for m in gazetteer().find("Amazon, 亚马逊 und أمازون")}
    assert keys == {"amazon"}


def test_shared_name_is_resolved_by_nearby_places():
    [atl, geo] = [m for m in gazetteer().find("a campus in Atlanta, Georgia") if m.kind == "place"]
    assert geo.entity.key == "georgia-us"
    [tbilisi, georgia] = [m for m in gazetteer().find("Tbilisi is the capital of Georgia.") if m.kind == "place"]
    assert georgia.entity.key == "georgia-country"  # its capital, a generated town, lies in it
    assert tbilisi.entity.parent == "georgia-country" and tbilisi.entity.generated


# ---- attribution -----------------------------------------------------------------------------
def test_relative_clause_belongs_to_its_antecedent():
    got = figures("Rivals such as Oracle, which plans to spend $40 billion over the next two years, and Meta, which aims to invest $70 billion, move faster.", ["en"], date(2025, 6, 1))
    assert ("oracle", "investment_commitment", 4e10, None, None, "USD") in got
    assert ("meta", "investment_commitment", 7e10, None, None, "USD") in got


def test_appositive_is_skipped_and_investor_gets_equity():
    got = figures("Microsoft, der größte Investor von OpenAI, hat bereits 13 Milliarden US-Dollar in das Startup investiert.", ["de"])
    assert got == [("microsoft", "equity_investment", 1.3e10, None, None, "USD")]


def test_respectively_pairs_in_order():
    got = figures("Nvidia and Broadcom shares fell 3% and 6% respectively after the report.", ["en"])
    assert ("nvidia", "stock_move", -3.0, None, None, "percent") in got
    assert ("broadcom", "stock_move", -6.0, None, None, "percent") in got


def test_same_figure_twice_is_one_figure_with_two_evidence_spans():
    text = "甲骨文计划投入300亿美元建设数据中心。\nOracle plans to invest $30 billion in new data centers."
    ex = extract(Doc(text, ["zh", "en"]))
    [f] = ex.figures
    assert f.subject.key == "oracle" and len(f.evidence) == 2
    assert {e.language for e in f.evidence} == {"zh", "en"}
    for e in f.evidence:
        assert text[e.sentence.start:e.sentence.end] == e.sentence.text
        assert text[e.mention.start:e.mention.end] == e.mention.text


def test_amount_without_subject_only_adds_evidence():
    ex = extract(Doc("Whether $30 billion is enough is unclear.", ["en"]))
    assert ex.figures == []


def test_company_anaphora_refers_to_the_last_subject():
    got = figures("SoftBank announced a new fund. The company will invest $9 billion in chips.", ["en"])
    assert got == [("softbank", "investment_commitment", 9e9, None, None, "USD")]


def test_collective_subject_is_a_market_total():
    got = figures("Tech giants will spend $400 billion on AI infrastructure in 2026.", ["en"])
    assert got == [("big-tech", "market_total", 4e11, None, None, "USD")]


def test_people_roles_and_facilities():
    text = ("CEO Lisa Su said AMD will build a new data center in Texas with CoreWeave. "
            "The site should be operational in 2027.")
    ex = extract(Doc(text, ["en"], date(2025, 1, 10)))
    roles = {(m.person.key, m.organization.key, m.role) for m in ex.memberships}
    assert ("lisa-su", "amd", "CEO") in roles
    [fac] = ex.facilities
    assert (fac.owner.key, fac.location.key, fac.builder.key) == ("amd", "texas", "coreweave")


def test_unknown_organisations_are_found_by_company_nouns_and_verbs():
    text = ("Volantis Compute will invest $3 billion in a campus. The Lisbon-based operator Ventoria said it raised €400 million. "
            "Ventoria expects to open the site next year.")
    got = figures(text, ["en"], date(2025, 5, 1))
    assert ("volantis-compute", "investment_commitment", 3e9, None, None, "USD") in got
    assert any(g[0] == "ventoria" and g[2] == 4e8 for g in got)


def test_capitalised_sentence_start_is_not_a_firm():
    ex = extract(Doc("Investment will reach $5 billion, analysts say. Investment in chips grows.", ["en"]))
    assert all(e.key != "investment" for e in ex.entities)


def test_unknown_town_lies_in_the_region_named_after_it():
    ex = extract(Doc("Microsoft will build a $3 billion data center in Mount Pleasant, Wisconsin.", ["en"]))
    [f] = ex.figures
    [town] = f.locations
    assert town.label == "Mount Pleasant" and town.parent == "wisconsin"


def test_each_gives_every_named_firm_the_amount_and_a_joint_one_leads():
    got = figures("SoftBank and OpenAI each pledged $18 billion, while Oracle and MGX committed $7 billion.", ["en"])
    assert ("softbank", "investment_commitment", 1.8e10, None, None, "USD") in got
    assert ("openai", "investment_commitment", 1.8e10, None, None, "USD") in got
    assert ("oracle", "investment_commitment", 7e9, None, None, "USD") in got
    assert len(got) == 3


def test_direction_word_nearest_the_amount_sets_the_sign():
    got = figures("Nvidia shares rose 5% on Tuesday, while AMD shares fell 3%.", ["en"])
    assert ("nvidia", "stock_move", 5.0, None, None, "percent") in got
    assert ("amd", "stock_move", -3.0, None, None, "percent") in got


def test_english_sentence_in_a_french_article_reads_english_scales():
    text = ("Le groupe investira 2 milliards d'euros dans ses centres de données en France cette année. "
            "Microsoft will invest $80 billion in AI data centers during the fiscal year, the company said.")
    got = figures(text, ["fr", "en"])
    assert ("microsoft", "investment_commitment", 8e10, None, None, "USD") in got


def test_spaced_dash_inside_a_sentence_is_not_a_bullet():
    text = "Oracle reported strong results. Microsoft - the largest backer of OpenAI - will invest $80 billion this year."
    got = figures(text, ["en"])
    assert ("microsoft", "investment_commitment", 8e10, None, None, "USD") in got


def test_a_number_after_a_digit_and_space_is_not_a_new_number_in_english():
    assert amounts("The site employs 2 400 workers.", "en") == []


def test_us_inside_usd_is_not_a_mention_of_the_united_states():
    assert [m for m in gazetteer().find("It raised USD 50 million.") if m.entity.key == "united-states"] == []


def test_same_amount_with_different_metrics_and_periods_stays_two_figures():
    got = figures("Oracle reported revenue of $15 billion in 2024. Oracle plans capital expenditure of $15 billion in 2025.", ["en"])
    assert {g[1] for g in got} == {"revenue", "capex"}


def test_parent_and_subsidiary_words_point_the_right_way():
    def parents(text, lang):
        return {(r.subject.key, r.object.key) for r in extract(Doc(text, [lang])).relations if r.predicate == "parentOf"}
    assert parents("Google parent Alphabet will spend $75 billion.", "en") == {("alphabet", "google")}
    assert parents("Alphabet, la maison mère de Google, investira 5 milliards d'euros.", "fr") == {("alphabet", "google")}
    assert parents("Khazna, a unit of G42, raised $1.5 billion.", "en") == {("g42", "khazna")}


def test_sentence_adverb_before_the_company_is_not_a_firm():
    ex = extract(Doc("Separately, the company said it would invest $4 billion in a campus in Ohio, near Columbus.", ["en"]))
    assert all(e.label != "Separately" for e in ex.entities)


def test_verified_wikidata_items_become_same_as_links_in_the_reference_graph():
    import datetime

    from kg import vocab
    from kg.rdf import document_quads, reference_quads

    reference = reference_quads()
    same = {(q.subject.value.rsplit("/", 1)[-1], q.object.value) for q in reference if q.predicate.value.endswith("#sameAs")}
    assert ("google", "http://www.wikidata.org/entity/Q95") in same
    assert ("germany", "http://www.wikidata.org/entity/Q183") in same
    assert {q.graph_name.value for q in reference} == {vocab.entities_graph_iri()}
    # a document links to known entities without describing them again
    doc = Doc("Google will invest $5 billion in Germany this year.", ["en"])
    quads = document_quads(doc, extract(doc), datetime.datetime.now(datetime.timezone.utc), datetime.datetime.now(datetime.timezone.utc))
    google = [q for q in quads if q.subject.value.endswith("/google")]
    assert google == [] and any(q.object.value.endswith("/google") for q in quads)


def test_periods_become_explicit_intervals():
    finder = PeriodFinder(date(2025, 6, 1))
    found = {m.text: m.period for m in finder.find(
        "in FY2025, during 2025-2027, by the end of the decade and over the next four years", pack("en"))}
    assert (found["FY2025"].start, found["FY2025"].end) == (date(2025, 1, 1), date(2025, 12, 31))
    assert (found["2025-2027"].start, found["2025-2027"].end) == (date(2025, 1, 1), date(2027, 12, 31))
    assert found["by the end of the decade"].key == "2030"
    assert found["over the next four years"].end == date(2029, 6, 1)


def test_data_centres_mentioned_in_passing_are_not_sites():
    ex = extract(Doc("Nvidia said demand for its chips from data centers in China fell 5% in the quarter.", ["en"]))
    assert ex.facilities == []


def test_shares_in_a_firm_are_its_stock_move_and_short_names_join_the_full_name():
    text = ("Norvance Technology said revenue rose. Shares in the London landlord Brixmoor rose 3.1 per cent. "
            "Even so, Norvance's shares fell 15% on Tuesday.")
    got = figures(text, ["en"])
    assert ("brixmoor", "stock_move", 3.1, None, None, "percent") in got
    assert ("norvance-technology", "stock_move", -15.0, None, None, "percent") in got


def test_the_firm_after_a_measure_noun_and_of_owns_the_figure():
    got = figures("Com as obras, a capacidade da Elea deve passar dos atuais 90 megawatts para 230 MW até 2027, segundo o BNDES.", ["pt"])
    assert {g[0] for g in got} == {"elea"}


def test_a_brand_of_two_names_is_one_firm():
    got = figures("MILANO – Fastweb + Vodafone investirà 200 milioni di euro nei prossimi tre anni.", ["it"])
    assert [g[0] for g in got] == ["fastweb-vodafone"]


def test_dateline_place_is_not_a_subject_and_prefixed_nouns_are_not_names():
    text = "Atlanta, July 24, 2025 - Spending on data centres in Georgia will reach $5 billion, analysts said."
    ex = extract(Doc(text, ["en"]))
    assert [f.subject.key for f in ex.figures] == ["georgia-us"]
    ex = extract(Doc("KI-fabrikken har i dag 45 betalende kunder. – KI-fabrikken vokser.", ["nb"]))
    assert all(e.label != "KI-fabrikken" for e in ex.entities)


def test_a_name_in_parentheses_or_after_a_clitic_group_word_is_not_the_subject():
    text = "وقّعت شركة خزنة لمراكز البيانات، التابعة لمجموعة G42، اتفاقية مع شركة مياه وكهرباء الإمارات (EWEC) بقدرة تصل إلى 1.5 غيغاواط."
    got = figures(text, ["ar"])
    assert {g[0] for g in got} == {"khazna"}


def test_a_site_of_a_firm_makes_the_firm_the_subject():
    text = "A agência aprovou o segundo edifício do campus da Start Campus em Sines, um investimento estimado em 1,9 mil milhões de euros."
    assert {g[0] for g in figures(text, ["pt"])} == {"start-campus"}


# ---- units the vocabulary does not use, reported in the ones it does -------------------------
def test_thousands_of_kilowatts_are_megawatts_and_a_rack_stays_in_kilowatts():
    assert [(u, v) for _, u, v, *_ in amounts("规划用电负荷40万千瓦。", "zh")] == [("MW", 400.0)]
    assert [(u, v) for _, u, v, *_ in amounts("受電容量は20万キロワットを計画する。", "ja")] == [("MW", 200.0)]
    assert [(u, v) for _, u, v, *_ in amounts("Each rack draws 130 kW.", "en")] == [("kW", 130.0)]


def test_kilowatt_hours_are_energy_not_power():
    assert [(u, v) for _, u, v, *_ in amounts("年用电量30亿千瓦时。", "zh")] == [("TWh", 3.0)]
    assert [(u, v) for _, u, v, *_ in amounts("每个机柜年耗电5万千瓦时。", "zh")] == [("kWh", 50000.0)]


def test_local_land_units_become_hectares_or_square_metres():
    (_, unit, value, *_), = amounts("项目占地约600亩。", "zh")
    assert unit == "hectare" and abs(value - 40) < 1e-6
    (_, unit, value, *_), = amounts("Tomten er på 120 dekar.", "nb")
    assert (unit, value) == ("hectare", 12.0)


def test_a_conversion_in_parentheses_is_one_figure_for_area_and_power():
    got = scan_amounts("부지 면적은 약 5만㎡(약 1만5천평)다.", pack("ko"))
    assert [(a.unit, a.value, len(a.conversions)) for a in got] == [("m2", 50000.0, 1)]
    got = scan_amounts("Le campus atteindra 1 GW (1 000 MW) en 2030.", pack("fr"))
    assert [(a.unit, a.value, [c.value for c in a.conversions]) for a in got] == [("GW", 1.0, [1000.0])]


def test_korean_also_after_a_latin_led_name_is_a_particle():
    got = figures("VT이터닉스는 데이터센터를 짓는다. VT이터닉스도 3.8% 상승했다.", ["ko"])
    assert [(f[0], f[2]) for f in got] == [("vt이터닉스", 3.8)]


def test_a_year_before_a_count_noun_is_not_a_count():
    got = [(a.count_metric, a.value, a.lower) for a in scan_amounts("컨소시엄은 2028년까지 GPU 1만5000장 이상을 확보한다.", pack("ko")) if a.kind == "count"]
    assert got == [("chips", None, 15000.0)]


# ---- who a figure is about, where particles mark the roles -----------------------------------
def test_a_genitive_particle_before_the_measure_word_names_the_owner():
    got = figures("LG유플러스의 3분기 매출은 3조8천억원으로 전년 동기 대비 5.2% 늘었다.", ["ko"])
    assert ("lg-uplus", "revenue", 3.8e12, None, None, "KRW") in got
    got = figures("ソフトバンクのDC関連売上高は年間300億円になる。", ["ja"])
    assert ("softbank", "revenue", 3e10, None, None, "JPY") in got


@pytest.mark.parametrize("text, lang, subject", [
    ("La capacité du campus d'Orbis Telecom atteindra 40 MW.", "fr", "Orbis Telecom"),
    # a firm in subject position between the owner and the amount takes it
    ("Data center de Vetta Compute : Orbis Telecom engage 85 milliards FCFA\n\nOrbis Telecom et Vetta Compute signent.",
     "fr", "Orbis Telecom"),
])
def test_the_firm_after_a_measure_and_of_owns_the_amount_unless_a_subject_follows(text, lang, subject):
    assert subject_labels(text, lang) == {subject}


@pytest.mark.parametrize("text, lang, names", [
    # phrases the name cues must not take for firms
    ("维塔集团与华为合作，计划投资达30亿元，项目总投资达50亿元。", "zh", {"维塔集团", "Huawei"}),
    ("L'entreprise rejoint Lyon avec un investissement de 300 millions d'euros.", "fr", set()),
    ("وقالت الشركة الاستشارية للمشروع إن المركز سيعمل بقدرة 40 ميغاواط.", "ar", set()),
])
def test_no_firm_in_ordinary_phrases_that_look_like_names(text, lang, names):
    assert org_labels(text, lang) == names


def test_a_counted_noun_inside_a_clause_that_describes_another_is_no_count():
    assert [f for f in figures("维塔集团将采购2000台配备英伟达GPU的服务器。", ["zh"]) if f[1] == "chips"] == []


def test_an_investment_arm_by_its_name_word_takes_its_share_of_a_respective_list():
    # "投资" ends a firm's short name in a list ("兴港投资"), so the three shares pair with three holders
    got = figures("维塔集团、华为、兴港投资分别持股60%、25%和15%。", ["zh"])
    assert sorted((f[2], f[0]) for f in got) == [(15.0, "兴港投资"), (25.0, "huawei"), (60.0, "维塔集团")]


@pytest.mark.parametrize("text, lang, subject", [
    # a buyer before a site "of" its seller pays the price; an amount in apposition to the site is the site's
    ("VTTA11 compra data center da Orbis Telecom em Barueri por R$ 412 milhões.", "pt", "VTTA11"),
    ("A Vetta Ambiente aprovou o segundo edifício do campus da Orbis Telecom em Sines, um investimento de 1,9 mil milhões "
     "de euros.", "pt", "Orbis Telecom"),
])
def test_a_sites_owner_after_of_and_a_buyer_before_it(text, lang, subject):
    assert subject_labels(text, lang) == {subject}


def test_a_name_followed_by_analyst_words_is_the_source_not_the_subject():
    got = figures("SMBC日興証券のアナリストは、ソフトバンクのDC関連売上高が年間300億円程度になると試算している。", ["ja"])
    assert [g[0] for g in got] == ["softbank"]
    got = figures("Jefferies analysts said Microsoft would spend $80 billion this year.", ["en"])
    assert [g[0] for g in got] == ["microsoft"]


def test_spanish_reads_one_separator_before_three_digits_as_thousands_in_both_conventions():
    got = [(u, v) for _, u, v, *_ in amounts("Invertirá 1,300 millones de dólares y luego 1.300 millones de euros; 2,5 millones más.", "es")]
    assert got == [("USD", 1.3e9), ("EUR", 1.3e9), ("EUR", 2.5e6)]


def test_once_is_not_a_multiple():
    assert [a for a in scan_amounts("Il recrutera 200 personnes une fois le campus ouvert.", pack("fr")) if a.kind == "ratio"] == []


# ---- names no table knows ----------------------------------------------------------------------
def test_a_firm_whose_name_ends_in_a_country_is_not_the_country():
    got = figures("A Altice Portugal vai investir 600 milhões de euros no centro de dados da Covilhã.", ["pt"])
    assert got and got[0][0] == "altice-portugal" and got[0][2] == 6e8


def test_an_attribution_word_opening_a_name_is_not_part_of_it():
    got = figures("Secondo Equita, il valore della piattaforma di Zephyra Reti potrebbe arrivare a 2 miliardi di euro.", ["it"])
    assert all("secondo" not in key for key, *_ in got)


def test_a_site_named_by_its_place_belongs_to_the_firm_not_the_place():
    text = "Northwind Cloud will build a campus near Melbourne. The Melbourne site covers 22 hectares and will draw 300 MW."
    got = figures(text, ["en"])
    assert ("northwind-cloud", "land_area", 22.0, None, None, "hectare") in got
    assert all(key != "melbourne" for key, *_ in got)


def test_respectively_pairs_only_the_amounts_of_its_own_part_of_the_sentence():
    text = "其中，华北云算拟投资约180亿元建设产业园，占地约600亩；中国电信、世纪互联分别投资65亿元和约42亿元。"
    got = figures(text, ["zh"])
    assert ("china-telecom", "investment_commitment", 6.5e9, None, None, "CNY") in got
    assert ("vnet", "investment_commitment", 4.2e9, None, None, "CNY") in got


def test_an_administrative_suffix_names_a_place_in_chinese_and_japanese():
    from kg.extract.entities import discover

    def places(text, lang):
        return [m.text for m in discover(text, gazetteer().find(text), pack(lang)) if m.kind == "place"]

    # (towns the generated place lists know, "庆阳市", "印西市", and provinces, "甘肃省", are places
    # already: these are not)
    assert places("镇原县与西峰区联合设立规模50亿元的算力产业引导基金。", "zh") == ["镇原县", "西峰区"]
    assert places("上市公司的市场份额扩大，该市城市建设提速。", "zh") == []
    assert places("千葉県白井市でデータセンター市場が拡大している。", "ja") == ["白井市"]  # (the table knows 千葉県)
    # where kana mark its start, a longer name ("と四国中央市は"), not over a known place ("大阪府堺市")
    assert places("愛媛県と四国中央市は補助金を交付する。", "ja") == ["四国中央市"]
    assert places("同社は千葉県白井市に新設する。", "ja") == ["白井市"]


def test_the_first_word_of_a_firm_named_in_full_is_that_firm():
    text = ("Brightwater Energy said on Tuesday it will supply 600 MW to a new campus in Iowa. "
            "Shares of Brightwater rose 1.8% in morning trading.")
    got = figures(text, ["en"])
    assert ("brightwater-energy", "stock_move", 1.8, None, None, "percent") in got


def test_italian_projects_above_a_size_are_a_threshold_not_a_figure():
    assert amounts("I progetti sopra i 10 MW dovrebbero ottenere una corsia preferenziale.", "it") == []


@pytest.mark.parametrize("lang, text, expected", [
    ("nb", "en kraftavtale på 1,8 terawattimer i året", (1.8, "TWh")),
    ("fr", "un contrat portant sur 6 térawattheures par an", (6.0, "TWh")),
    ("de", "ein Vertrag mit 1,2 Terawattstunden Strom", (1.2, "TWh")),
    ("zh", "年用电量达30亿千瓦时", (3.0, "TWh")),
])
def test_energy_in_words_in_every_language_and_in_the_vocabulary_units(lang, text, expected):
    assert [(a.value, a.unit) for a in scan_amounts(text, pack(lang))] == [expected]


def test_iso_codes_of_smaller_currencies():
    got = [(a.value, a.unit) for a in scan_amounts("The campus will cost MYR 8.5 billion, the grid link EGP 2 billion.", pack("en"))]
    assert got == [(8.5e9, "MYR"), (2e9, "EGP")]


# ---- firms no table knows, marked the way each script's press marks them ----------------------
@pytest.mark.parametrize("text, lang, firm", [
    # a stock code after the name; the name runs back to the last break word ("的")
    ("布局华东地区的星河算力（301234）宣布，拟投资18亿元建设智算中心。", "zh", "星河算力"),
    ("晨曦數據（6789）昨日董事會通過，將投資新台幣40億元興建資料中心。", "zh", "晨曦數據"),
    # a head office in brackets before は, and a headline that opens with a katakana name
    ("クラウド事業を手がけるアオバテック（仙台市青葉区）は10日、総事業費約80億円を投じると発表した。", "ja", "アオバテック"),
    ("ミナトクラウド、総事業費45億円で新拠点", "ja", "ミナトクラウド"),
    # a headline that opens with the name, a CEO in brackets, a company noun before it
    ("[단독] 누리칩스, 300억 원 시리즈A 투자 유치", "ko", "누리칩스"),
    ("반도체 스타트업 누리칩스가 300억 원 규모의 투자를 유치했다.", "ko", "누리칩스"),
    ("Granite Peak Compute (NASDAQ: GPKC) will invest $900 million in a campus near Boise.", "en", "granite-peak-compute"),
    # an appositive that opens with the company noun, no article (Romance press)
    ("Milano, 13 gennaio 2026 – Vetta, sviluppatore italiano di data center, annuncia un investimento di 2 miliardi di euro.", "it", "vetta"),
    ("A Brisa, empresa de data centers controlada pela V.tal, vai investir R$ 3 bilhões na Bahia.", "pt", "brisa"),
    # a name that starts in lower case
    ("d-Quanta closed a $120 million Series B on Tuesday.", "en", "d-quanta"),
])
def test_cues_find_firms_no_table_knows(text, lang, firm):
    found = figures(text, [lang])
    assert found and found[0][0] == firm, found


def test_a_found_name_in_cjk_script_counts_wherever_it_is_repeated():
    text = ("证券时报讯，星河算力（301234）晚间公告，拟投资18亿元建设智算中心。"
            "星河算力表示，项目规划IT负载约120兆瓦。")
    assert {(f[0], f[1]) for f in figures(text, ["zh"])} >= {("星河算力", "power_capacity")}


def test_slugs_keep_letters_that_have_no_ascii_form():
    from kg.vocab import slug

    assert slug("BS한양") != slug("BS") and slug("BS한양") == "bs한양"
    assert slug("Ærø Energi") == "aero-energi" and slug("Telefónica España") == "telefonica-espana"


def test_the_gazetteer_trie_finds_the_longest_name_first():
    from kg.extract.language import trie_alternation
    import re

    rx = re.compile(trie_alternation(["Bank", "Bank of America", "Bank of", "Banco"]) + r"(?!\w)")
    assert [m.group(0) for m in rx.finditer("Bank of America and Banco and Bank")] == ["Bank of America", "Banco", "Bank"]


def test_a_place_after_a_preposition_is_no_verbs_subject_and_a_surname_is_its_person():
    text = ("Lefdal Mine Datacenter skal bygge ut. Terje Nygård, daglig leder i Lefdal Mine Datacenter, er fornøyd. "
            "Datasenteret mellom Måløy og Nordfjordeid har vedtatt en utbygging til 4,2 milliarder kroner. "
            "Nygård vil ikke si hvem kunden er.")
    ex = extract(Doc(text, ["nb"]))
    kinds = {e.label: e.kind for e in ex.entities}
    assert kinds.get("Nordfjordeid") != "org" and kinds.get("Nygård", "person") == "person"
    assert [(f.subject.label, f.quantity.value) for f in ex.figures] == [("Lefdal Mine Datacenter", 4.2e9)]


@pytest.mark.parametrize("text, lang, unit", [
    # the article marks US dollars explicitly, and writes the other dollar's prefix elsewhere
    ("NEXTDC lifts its plan to A$2.3b. NEXTDC will spend $2.1 billion, roughly US$1.4 billion.", "en", "AUD"),
    # ... or is about a dollar country: an Australian paper on Tasmania
    ("Firmus has raised $330 million (US$215 million) for its campus in Tasmania, Australia.", "en", "AUD"),
    # a Quebec paper writes the sign after the number and marks US dollars as "$ US"
    ("L’entreprise QScale investira 1,3 milliard $ (environ 940 millions $ US) à Lévis, au Québec, au Canada.", "fr", "CAD"),
    # without an explicit US mark a bare "$" stays USD in a story that names a US place
    ("Firmus, backed by a fund in Austin, Texas, has raised $330 million for its campus in Tasmania, Australia.", "en", "USD"),
    # ... and in a story that names one dollar country's places only, that country's (an Australian paper never writes "A$")
    ("Firmus has raised $330 million for its campus in Tasmania, Australia.", "en", "AUD"),
    # Swiss francs
    ("Safe Host will im Aargau rund 1,4 Mrd. Fr. investieren.", "de", "CHF"),
])
def test_which_currency_a_sign_means_follows_the_article(text, lang, unit):
    found = figures(text, [lang])
    assert found and found[0][5] == unit, found


def test_a_two_letter_province_code_is_no_acronym():
    ex = extract(Doc("Vetta costruirà un campus a Settimo Torinese (TO) da 300 MW. Vetta, sviluppatore di data center, investe 2 miliardi di euro.", ["it"]))
    assert "TO" not in {e.label for e in ex.entities}
    assert {f.subject.label for f in ex.figures} == {"Vetta"}


def test_chinese_reads_traditional_characters_and_taiwan_dollars():
    text = ("遠傳電信（4904）昨日董事會通過，將於桃園興建資料中心，總投資金額上看新台幣150億元。"
            "微軟去年在臺灣的營收為320億元。")
    found = figures(text, ["zh"])
    assert any(f[0] == "far-eastone" and f[5] == "TWD" and 1.5e10 in (f[2], f[4]) for f in found), found
    assert any(f[0] == "microsoft" and f[5] == "TWD" for f in found), found


def test_a_mainland_paper_quoting_hong_kong_dollars_still_means_yuan():
    found = figures("阿里巴巴本季度资本开支为315亿元。其港股收报162.3港元。", ["zh"])
    assert any(f[0] == "alibaba" and f[5] == "CNY" and f[2] == 3.15e10 for f in found), found


def test_a_german_compound_company_noun_describes_a_firm_and_introduces_one():
    text = ("Den Strom liefert Axpo. Der Badener Energiekonzern hat einen Liefervertrag über bis zu 100 MW abgeschlossen. "
            "Die Immobiliengesellschaft Swiss Prime Site beteiligt sich mit 280 Mio. Fr. an der Projektgesellschaft.")
    ex = extract(Doc(text, ["de"]))
    assert "Badener Energiekonzern" not in {e.label for e in ex.entities}
    assert any(f.subject.label == "Swiss Prime Site" and f.quantity.value == 2.8e8 for f in ex.figures)


def test_a_german_single_word_name_is_one_never_written_after_a_determiner():
    text = ("Ionos verdoppelt Investitionen. Ionos will in diesem Jahr rund 480 Millionen Euro investieren. Für Ionos ist das ein Rekord. "
            "Die Investitionen fließen in Rechenzentren.")
    found = figures(text, ["de"])
    assert any(f[0] == "ionos" and f[2] == 4.8e8 for f in found), found
    assert "Investitionen" not in {e.label for e in extract(Doc(text, ["de"])).entities}


@pytest.mark.parametrize("text, lang", [
    ("Vetta Compute builds a campus in Ohio. A hyperscaler has already leased 40 MW at the campus.", "en"),
    ("Vetta Compute baut einen Campus in Birr. Ein internationaler Cloud-Anbieter hat bereits 40 MW vorvermietet.", "de"),
    # a capitalised article, and a word of what the firm does before its noun ("An unnamed US cloud provider")
    ("Vetta Compute builds a campus near Bangkok. An unnamed US cloud provider has signed a letter of intent for 36MW.", "en"),
])
def test_an_unnamed_member_of_a_group_is_not_the_subject(text, lang):
    assert [f[0] for f in figures(text, [lang])] == ["vetta-compute"]


def test_a_currency_carries_over_to_the_next_sentence_of_its_paragraph():
    text = ("Nostra Data ha firmato un prestito di 650 milioni di euro. UniCredit e Mediobanca sottoscriveranno 250 milioni ciascuna."
            "\n\nIl titolo Nostra Data ha chiuso in rialzo.")
    found = figures(text, ["it"])
    assert {(f[0], f[2], f[5]) for f in found if f[2] == 2.5e8} == {("unicredit", 2.5e8, "EUR"), ("mediobanca", 2.5e8, "EUR")}, found


@pytest.mark.parametrize("text, lang", [
    ("Vetta Compute will invest $2 billion in Ohio.\n\nAlso Read\n- Rival Corp raises $300 mn in debt\n- Other Inc files for a $1 billion IPO\n", "en"),
    ("Vetta Compute skal investere 4 milliarder kroner.\nLES OGSÅ: Kraftprisen falt 18 prosent i november\n", "nb"),
    ("星河算力（301234）拟投资18亿元建设智算中心。\n\n【个股行情】\n星河算力(301234)　收盘21.86元　▲1.80\n", "zh"),
    # a header in capitals, and teasers with bullets
    ("Vetta Compute invertirá 300 millones de euros en Álava.\n\nTAMBIÉN TE PUEDE INTERESAR\n· Orbis invertirá 900 millones de euros en Burgos\n", "es"),
])
def test_page_furniture_holds_no_figures_of_the_article(text, lang):
    assert len(figures(text, [lang])) == 1


@pytest.mark.parametrize("text, lang", [
    ("Vetta Compute will invest $2 billion. Vetta Compute shares jumped 6.4 per cent to $17.21.", "en"),
    ("星河算力（301234）拟投资18亿元建设智算中心，当日收盘报21.86元。", "zh"),
])
def test_a_share_price_is_no_figure_but_its_move_and_the_plan_are(text, lang):
    values = {f[2] for f in figures(text, [lang])}
    assert 17.21 not in values and 21.86 not in values and (2e9 in values or 1.8e9 in values), values


def test_a_name_may_join_its_words_with_de_or_do_and_a_global_provider_is_no_place():
    text = ("A Brisa, empresa de data centers, vai investir R$ 3 bilhões. "
            "O projeto conta com financiamento de BNDES e Banco do Nordeste. O Banco do Nordeste entra com outros R$ 450 milhões. "
            "Segundo ele, um provedor global de nuvem já contratou 30 MW.")
    found = {(f[0], f[2]) for f in figures(text, ["pt"])}
    assert ("banco-do-nordeste", 4.5e8) in found and ("world", 30.0) not in found, found


@pytest.mark.parametrize("text, lang, place", [
    ("遠傳電信（4904）將興建資料中心。市調機構集邦科技估計，台灣資料中心IT容量將由2025年的約350MW增至2028年的800MW。", "zh", "taiwan"),
    ("Vetta Compute builds in Ohio. Analysts estimate Australia's data centre capacity could grow to 3 GW by 2030.", "en", "australia"),
])
def test_a_countrys_data_centres_are_its_sector_not_one_site(text, lang, place):
    assert place in {f[0] for f in figures(text, [lang]) if f[1] == "power_capacity"}


@pytest.mark.parametrize("text, lang, metric", [
    ("Vetta Compute mise 4 milliards d'euros sur un campus d'IA à Mougins.", "fr", "investment_commitment"),
    ("Microsoft erhält für den Campus in Brandenburg 35 Millionen Euro Fördermittel.", "de", "other"),
    ("Microsoft's cloud revenue climbed 48% to $17.7 billion.", "en", "growth_rate"),
    ("Per Microsoft, che nel 2024 ha superato i 330 milioni di ricavi (+12%), è un passo avanti.", "it", "growth_rate"),
    ("Vetta Compute closed a $2.35 billion syndicated construction loan for the campus.", "en", "loan_or_debt"),
])
def test_metric_words(text, lang, metric):
    found = figures(text, [lang])
    assert metric in {f[1] for f in found}, found


def test_a_year_before_the_verb_ha_is_no_area():
    found = figures("Per Microsoft, che nel 2024 ha superato i ricavi attesi, il campus occupa 32 ha.", ["it"])
    assert [(f[1], f[2]) for f in found if f[1] == "land_area"] == [("land_area", 32.0)], found


@pytest.mark.parametrize("text, lang, count, metric", [
    ("하이퍼엑셀 칩을 최대 1만 개 도입해", "ko", 10000.0, "chips"),
    ("首期將部署約4,600顆輝達Blackwell架構GPU", "zh", 4600.0, "chips"),
    ("ما يصل إلى ٢٠ ألف وحدة معالجة رسومية عند اكتماله", "ar", 20000.0, "chips"),
    ("more than 100,000 Corsair accelerator cards", "en", 100000.0, "chips"),
])
def test_count_nouns_in_more_shapes(text, lang, count, metric):
    found = [(a.count_metric, a.value or a.lower or a.upper) for a in scan_amounts(text, pack(lang))]
    assert (metric, count) in found, found


def test_a_dateline_with_an_article_before_the_day_is_no_subject():
    text = "Marseille, le 12 février 2025 – Le fournisseur de cloud Vetta Compute lève 150 millions d'euros."
    assert [f[0] for f in figures(text, ["fr"])] == ["vetta-compute"]


@pytest.mark.parametrize("text, lang, place", [
    ("Vetta Compute opened a campus in Mumbai, India. The country's installed data-centre capacity is expected to reach 4.5 GW by 2030.", "en", "india"),
    ("Vetta Compute는 한국에 투자한다. 국내 데이터센터 전력 수요는 2030년 4.5GW에 달할 전망이다.", "ko", "south-korea"),
])
def test_the_country_names_the_country_the_story_named_last(text, lang, place):
    assert place in {f[0] for f in figures(text, [lang]) if f[1] == "power_capacity"}


def test_a_name_with_its_acronym_is_found_again_by_either():
    text = ("Fibra Uno (FUNO), el mayor fideicomiso de México, invertirá 8 mil 900 millones de pesos en un campus. "
            "Axtel será el operador de la red. FUNO informó ingresos por 7,350 millones de pesos. "
            "La Fibra contrató un crédito sindicado por 5,000 millones de pesos.")
    subjects = {(f[0], f[2]) for f in figures(text, ["es"])}
    assert {("funo", 8.9e9), ("funo", 7.35e9), ("funo", 5e9)} <= subjects, subjects
    # keyed by the acronym other articles write alone, labelled with the full name
    labels = {f.subject.label for f in extract(Doc(text, ["es"])).figures if f.subject.key == "funo"}
    assert labels == {"Fibra Uno"}


def test_the_dollar_prefix_written_most_wins_over_a_conversion_in_another():
    text = ("NEXTDC lifts its plan to A$2.3b. NEXTDC will spend $2.1 billion this year, about US$1.4 billion. "
            "NEXTDC holds an A$4 billion facility. Rival CDC Data Centres will invest NZ$4.4 billion.")
    units = {f[5] for f in figures(text, ["en"]) if f[2] == 2.1e9}
    assert units == {"AUD"}, units


@pytest.mark.parametrize("text, value", [
    ("총 1조 2천억 원을 투입한다", 1.2e12),
    ("총 3조 5,000억 원(약 24억 달러)을 투입해", 3.5e12),
    ("매출 1조 원, 영업이익 2천억 원", 1e12),
])
def test_korean_myriad_groups_written_with_a_space(text, value):
    assert amounts(text, "ko")[0][2] == value


@pytest.mark.parametrize("text, lang, expected", [
    ("投资500亿元，1.2万亿元", "zh", [5e10, 1.2e12]),  # a full-width comma is punctuation
    ("营收1，200亿元", "zh", [1.2e11]),                # but a thousands sign between digits
    ("NEXTDC lifts its plan to A$2.3b", "en", [2.3e9]),
])
def test_more_number_shapes(text, lang, expected):
    assert [a[2] for a in amounts(text, lang)] == expected


def test_english_names_of_other_currencies():
    got = {a[1] for a in amounts("2.5 lakh crore rupees, 3 billion dirhams, 2 billion ringgit and 4 billion Australian dollars", "en")}
    assert got == {"INR", "AED", "MYR", "AUD"}
    assert amounts("2.5 lakh crore rupees", "en")[0][2] == 2.5e12


@pytest.mark.parametrize("text, lang, unit", [
    ("投资30亿迪拉姆", "zh", "AED"), ("20億豪ドル", "ja", "AUD"), ("10억 싱가포르달러", "ko", "SGD"),
    ("100 مليار روبية", "ar", "INR"), ("30 Mrd. Dirham", "de", "AED"), ("30 milliards de dirhams", "fr", "AED"),
    ("50.000 millones de riales", "es", "SAR"), ("20 miliardi di dollari australiani", "it", "AUD"),
    ("20 bilhões de dólares australianos", "pt", "AUD"),
])
def test_regional_currencies_in_every_language(text, lang, unit):
    assert amounts(text, lang)[0][1] == unit


@pytest.mark.parametrize("text, lang, unit, value", [
    ("a 1.5 million sq ft campus", "en", "ft2", 1.5e6), ("على مساحة 26 كيلومتراً مربعاً", "ar", "km2", 26.0),
    ("占地2平方公里", "zh", "km2", 2.0),
])
def test_area_in_square_feet_and_kilometres(text, lang, unit, value):
    assert amounts(text, lang)[0][1:3] == (unit, value)


@pytest.mark.parametrize("text, lang, value", [
    ("grew 2.5 times", "en", 2.5), ("um das 2,5-Fache gestiegen", "de", 2.5), ("前期の2.3倍に拡大", "ja", 2.3),
    ("creció 2,5 veces", "es", 2.5), ("营收翻倍", "zh", 2.0),
])
def test_multiples_with_decimals(text, lang, value):
    assert amounts(text, lang)[0][2] == value


def test_japanese_wari_are_tenths_reported_in_percent():
    assert [(a[1], a[2]) for a in amounts("前年度比約4割増の450億円", "ja")][0] == ("percent", 40.0)


def test_a_korean_hedge_glued_to_the_number_before_its_counter():
    got = [(a.count_metric, a.value, a.approx) for a in scan_amounts("신규 인력 90여 명을 채용할 계획이다", pack("ko"))]
    assert got == [("jobs_total", 90.0, True)]


def test_a_place_written_straight_before_a_firms_word_starts_the_firms_name():
    text = "電力の一部は中国電力と結ぶPPAで調達し、出力計3万キロワットの太陽光発電所から供給を受ける。"
    ex = extract(Doc(text, ["ja"]))
    assert "中国電力" in {e.label for e in ex.entities} and "China" not in {e.label for e in ex.entities}


def test_furniture_headers_may_carry_a_mark_before_them():
    from kg.extract.furniture import furniture_spans

    text = "本文。\n\n▽関連記事\n・綾川町のGPUセンター、稼働率9割超え\n"
    assert [text[a:b] for a, b in furniture_spans(text, ["関連記事"])] == ["・綾川町のGPUセンター、稼働率9割超え\n"]
    # ... or angle brackets around them
    text = "본문.\n\n<관련기사>\n- 광주은행, 1분기 순이익 620억\n"
    assert [text[a:b] for a, b in furniture_spans(text, ["관련기사"])] == ["- 광주은행, 1분기 순이익 620억\n"]


@pytest.mark.parametrize("text, name", [
    ("South Dakota-based Granite Hills Corp said it would supply 450 MW.", "Granite Hills"),
    ("Acme Inc said on Monday it would invest $2 billion.", "Acme"),
])
def test_legal_forms_without_a_period_and_without_the_origin_before_them(text, name):
    from kg.extract.entities import discover

    assert name in {m.text for m in discover(text, [], pack("en"), 0, set())}


def test_a_relative_clause_after_a_legal_form_belongs_to_the_name():
    text = ("Vetta Compute plans a campus in Wyoming. Power will come from Granite Hills Energy, the utility arm of "
            "South Dakota-based Granite Hills Corp, which agreed to supply 450 MW under a 20-year contract.")
    assert {f[0] for f in figures(text, ["en"]) if f[2] == 450.0} == {"granite-hills"}


def test_a_word_a_language_uses_otherwise_is_no_mention_there():
    text = "A Brisa, empresa de data centers, prevê 1,1 GW até 2030, num investimento global de 8,5 mil milhões de euros."
    assert "world" not in {f[0] for f in figures(text, ["pt"])}


def test_the_chip_maker_written_between_count_and_chip_word_is_no_subject():
    assert "nvidia" not in {f[0] for f in figures("首期將部署約4,600顆輝達Blackwell架構GPU。", ["zh"])}
    assert {f[0] for f in figures("Vetta Compute will deploy 10,000 Nvidia Blackwell GPUs.", ["en"])} == {"vetta-compute"}


def test_an_origin_or_owner_before_a_name_is_no_part_of_it():
    from kg.extract.entities import discover

    found = {m.text for m in discover("State-owned Granite Power has agreed to supply up to 140 MW.", [], pack("en"), 0, set())}
    assert "Granite Power" in found and not any("State-owned" in f for f in found)


def test_a_government_named_by_its_people_and_the_story_returns_to_the_firm():
    text = ("Vetta Compute will build a campus at Bell Bay. The Tasmanian government has committed $45 million in support. "
            "The project is expected to create more than 1,200 construction jobs.")
    got = {(f[0], f[1]) for f in figures(text, ["en"])}
    assert ("tasmanian-government", "investment_commitment") in got or any(s == "tasmanian-government" for s, _ in got)
    assert ("vetta-compute", "jobs_construction") in got, got


@pytest.mark.parametrize("text, lang, subject, metric", [
    # a lender's share of a loan the story just announced
    ("Vetta Compute signed a $2 billion construction loan for its Ohio campus. Rabobank and Nordea each committed "
     "$500 million, while other banks took the rest.", "en", "rabobank", "loan_or_debt"),
    ("Vetta Compute firmó un préstamo sindicado de 900 millones de euros. En la operación, Abanca aporta 300 millones.",
     "es", "abanca", "loan_or_debt"),
    # an investor's ticket in a round the story just announced
    ("Vetta Compute raised $400 million in a Series C round. Temasek put in $150 million.", "en", "temasek",
     "equity_investment"),
])
def test_a_participants_share_of_a_deal_takes_the_deals_metric(text, lang, subject, metric):
    assert (subject, metric) in {(f[0], f[1]) for f in figures(text, [lang])}


def test_a_participants_own_site_after_a_deal_stays_its_own_spending():
    text = ("Vetta Compute signed a $2 billion construction loan. Separately, Nordea will invest $300 million "
            "in a data centre in Oslo.")
    assert ("nordea", "investment_commitment") in {(f[0], f[1]) for f in figures(text, ["en"])}


@pytest.mark.parametrize("text, lang, name", [
    # a wire story opens with the firm and the day it announced
    ("ミナト電算工業は13日、北海道に400億円を投じてデータセンターを建設すると発表した。", "ja", "ミナト電算工業"),
    ("ミナト電算（東京・港）は10日、宮城県に300億円を投資すると発表した。", "ja", "ミナト電算"),
    ("베타컴퓨트는 13일 전남에 5000억 원을 투자한다고 밝혔다.", "ko", "베타컴퓨트"),
    ("据悉，维塔算力13日晚间公告，拟投资35亿元建设智算中心。", "zh", "维塔算力"),
])
def test_a_wire_opening_names_the_firm(text, lang, name):
    assert name in subject_labels(text, lang)


def test_a_government_opening_is_no_firm():
    text = "政府は13日、データセンターの地方分散に300億円を充てると発表した。"
    assert "政府" not in {f.subject.label for f in extract(Doc(text, ["ja"])).figures}


def test_a_short_name_in_a_headline_is_the_long_name_of_the_body():
    text = ("ミナト電算、北海道に400億円\n\n"
            "ミナト電算工業は13日、北海道にデータセンターを建設すると発表した。敷地面積は約36ヘクタール。")
    assert {f.subject.label for f in extract(Doc(text, ["ja"])).figures} == {"ミナト電算工業"}


def test_a_chinese_listed_firm_by_its_announcement_and_its_shares_move():
    text = "本报讯 3月2日，龙江热电集团旗下上市公司江热股份发布公告，拟在松北区建设智算中心，项目总投资约40亿元。受消息提振，江热股份股价3日收涨5.2%。"
    assert org_labels(text, "zh") == subject_labels(text, "zh") == {"江热股份"}
    assert org_labels("该项目消息公布后，次日股价收涨7.8%，港股股价也上涨1.2%。", "zh") == set()
    assert org_labels("星辰锐联同日公告，其子公司签订了金额约9.6亿元的AI服务器采购合同。", "zh") == {"星辰锐联"}


def test_a_break_character_inside_a_chinese_name_cuts_no_firm_word_from_it():
    # "从" (from) cuts a run of letters, but not where only "科技" would be left
    text = "维塔集团（600001）宣布投资28亿元。受此消息提振，云从科技股价盘中一度涨超10%，收盘上涨6.3%。"
    assert {f[0] for f in figures(text, ["zh"]) if f[1] == "stock_move"} == {"云从科技"}


def test_the_state_grids_provincial_company_by_its_whole_name():
    text = "维塔集团（600001）投资32亿元。国网河南省电力公司已批复项目用电容量150兆瓦，并将配套新建一座220千伏变电站。"
    assert ("国网河南省电力公司", 150.0) in labelled_values(text, "zh")


def test_a_chinese_firm_by_its_shares_move_during_the_session():
    text = "维塔集团（600001）宣布投资28亿元。受此消息提振，星河科技股价盘中一度涨超10%，收盘上涨6.3%，报28.46元。"
    assert {f[0] for f in figures(text, ["zh"]) if f[1] == "stock_move"} == {"星河科技"}


def test_the_prefecture_that_acts_in_a_japanese_regional_paper_is_the_storys():
    text = "北辰建設は長野県大町市にデータセンターを建設し、総事業費は約300億円。県は補助制度を活用し、最大20億円を支援する。"
    subsidy = [f for f in extract(Doc(text, ["ja"])).figures if f.quantity.upper == 2e9]
    assert [f.subject.key for f in subsidy] == ["nagano-prefecture"]


def test_a_katakana_name_glued_to_a_place_is_one_firm():
    text = "米子にＡＩデータセンター　ネクスト大阪、総事業費300億円\n\nネクスト大阪は8日、米子市に総事業費300億円を投じると発表した。"
    assert org_labels(text, "ja") == subject_labels(text, "ja") == {"ネクスト大阪"}


def test_kwacha_and_ouguiya_amounts_and_an_exchange_rate_that_is_none():
    got = figures("Copperbelt Energy Corporation will spend K620 million on the line. CEC shares rose 3.8 per cent to K9.45.", ["en"])
    assert [(f[2], f[5]) for f in got if f[1] != "stock_move"] == [(620e6, "ZMW")]
    got = figures("وقالت شركة موريتل، إنها حصلت على قرض بقيمة 2 مليار أوقية من البنك. ويعادل الدولار الأمريكي حالياً نحو 39.9 أوقية جديدة.", ["ar"])
    assert [(f[1], f[2], f[5]) for f in got] == [("loan_or_debt", 2e9, "MRU")]


@pytest.mark.parametrize("text, unit", [
    # a bare "Sh" is the shilling of the country the story is about; "KSh" names the Kenyan one itself
    ("Vetta Telecom will invest Sh310bn in Dodoma, Tanzania, the largest deal in Tanzania this year.", "TZS"),
    ("Vetta Telecom will invest KSh310bn in Dodoma, Tanzania, the largest deal in Tanzania this year.", "KES"),
    ("Vetta Telecom will invest Sh31bn in Nairobi.", "KES"),
])
def test_a_shilling_sign_several_countries_write_is_the_storys_countrys(text, unit):
    assert [f[5] for f in figures(text, ["en"])] == [unit]


def test_an_acronym_the_article_gives_another_name_is_not_the_tables_in_its_possessive_either():
    text = ("Orbis deal wheeled over CEC's grid\n\nOrbis will draw power over the network of Copperbelt Energy "
            "Corporation (CEC), which will spend K620 million on new lines.")
    assert "China Electronics Corporation" not in org_labels(text, "en")


def test_a_name_before_a_verb_of_asking_or_being_granted_and_an_index_that_is_none():
    text = ("The province said Minerbit, which had asked for 270 MW, got nothing. Telus gets 120 MW for its Rimouski site, "
            "while the Nasdaq Composite rose 0.6%.")
    assert [(f[0], f[1], f[2]) for f in figures(text, ["en"])] == [("minerbit", "power_capacity", 270.0), ("telus", "power_capacity", 120.0)]


def test_a_name_with_an_appositive_naming_it_a_subsidiary():
    assert org_labels("Ravatel, the Orbis subsidiary, gets 40 MW for a facility in Saint-Hyacinthe.", "en") == {"Ravatel"}


@pytest.mark.parametrize("text, lang", [
    ("Aruba costruirà il campus. Per l'energia, Ventoverde, la società eolica del gruppo Alpiq, fornirà 45 MW al campus.", "it"),
    ("Aruba will build the campus. For power, Ventoverde, the wind company owned by Alpiq, will supply 45 MW to the campus.", "en"),
])
def test_a_name_with_an_appositive_after_an_opening_phrase_is_a_firm(text, lang):
    # (the name and its appositive need not open the sentence: a phrase and a comma may come first)
    assert [(f[0], f[2]) for f in figures(text, [lang])] == [("ventoverde", 45.0)]


@pytest.mark.parametrize("text, lang", [
    ("Orbis construirá un campus en Toledo. Solvera, que suministrará energía solar al campus mediante un contrato de 40 MW, "
     "es de un fondo.", "es"),
    ("Orbis will build a campus. Solvera, which will supply 40 MW of solar power to the campus, is owned by a fund.", "en"),
])
def test_an_opening_word_a_relative_pronoun_and_a_business_verb_make_a_firm(text, lang):
    assert [(f[0], f[2]) for f in figures(text, [lang])] == [("solvera", 40.0)]


def test_an_elided_article_before_an_opening_name_and_a_relative_pronoun_is_no_part_of_it():
    text = "Orbis construira un câble. L'OPT, qui financera le projet, investira 8 milliards de francs CFP."
    assert "OPT" in org_labels(text, "fr") and "L'OPT" not in org_labels(text, "fr")


def test_a_surname_before_a_relative_pronoun_and_a_business_verb_stays_a_person():
    text = ("Orbis construirá un campus. La consejera delegada, Ana Vidal, explicó el plan. Vidal, que anunció una "
            "inversión de 200 millones de euros, dijo que el campus tendrá 40 MW.")
    assert org_labels(text, "es") == {"Orbis"}


@pytest.mark.parametrize("text, lang", [
    ("Orbis will build a campus near Tromsø. Orbis signed a power purchase agreement with Statkraft for 120 MW of wind power.", "en"),
    ("Orbis will build a campus. To power it, Orbis agreed to buy 120 MW of output from Statkraft's wind farms.", "en"),
    ("Orbis construira un campus à Lyon. Pour son approvisionnement, Orbis a signé avec Statkraft un contrat de fourniture "
     "de 120 MW sur quinze ans.", "fr"),
    ("Orbis construirá un campus en Toledo. Orbis firmó con Statkraft un contrato de suministro de 120 MW.", "es"),
])
def test_the_megawatts_of_a_power_purchase_agreement_are_the_suppliers(text, lang):
    assert [(f.subject.label, f.metric, [c.label for c in f.counterparts]) for f in extract(Doc("Test\n\n" + text, [lang])).figures] \
        == [("Statkraft", "power_capacity", ["Orbis"])]


def test_after_a_power_purchase_agreement_the_site_is_still_the_buyers():
    text = ("Orbis will build a campus near Tromsø. Orbis signed a power purchase agreement with Statkraft for 120 MW. "
            "At full build-out the site could host up to 200 MW.")
    assert [(f[0], f[2], f[4]) for f in figures(text, ["en"])] == [("statkraft", 120.0, None), ("orbis", None, 200.0)]


def test_a_known_name_two_more_words_and_a_firms_word_name_an_arm():
    # ("Tata Power" is known; "Tata Power Renewable Energy" is its arm, and the firm the sentence names)
    assert org_labels("Orbis signed a deal with Tata Power Renewable Energy to supply solar power.", "en") \
        == {"Orbis", "Tata Power Renewable Energy"}


@pytest.mark.parametrize("text, lang", [
    ("Orbis asked for 300 MW. The largest block, 120 MW, goes to Microsoft, the rest to others.", "en"),
    ("Orbis a demandé 300 MW. Le plus gros bloc, 120 MW, revient à Microsoft.", "fr"),
])
def test_an_amount_that_goes_to_a_firm_is_that_firms(text, lang):
    assert [(f[0], f[2]) for f in figures(text, [lang]) if f[2] == 120.0] == [("microsoft", 120.0)]


def test_a_chinese_firm_written_in_full_more_often_than_short_keeps_its_full_name():
    text = ("晋北能源集团牵头建设智算中心\n\n晋北能源集团与大同市政府签署协议，项目总投资约80亿元。晋北能源持股51%。"
            "晋北能源集团相关负责人表示，晋北能源将提供绿电。晋北能源集团计划2027年投运一期。")
    assert subject_labels(text, "zh") == {"晋北能源集团"}


def test_a_name_after_a_one_letter_article_of_another_language_is_still_spread():
    # (Spanish "aportar a Orvalia": "a" is an article in Portuguese, a preposition here)
    text = ("Orvalia se alía con la gestora Azora para un campus de datos\n\n"
            "Orvalia tendrá el 30% de la sociedad y Azora, a través de un vehículo, el 70% restante. "
            "Los analistas calculan que el campus podría aportar a Orvalia unos 20 millones de euros de ebitda. "
            "Orvalia ha recordado que la operación está sujeta a licencia.")
    assert {(f[0], f[2]) for f in figures(text, ["es"]) if f[5] == "percent"} == {("orvalia", 30.0), ("azora", 70.0)}


def test_a_korean_firm_by_its_shares_move_and_common_nouns_that_are_no_firm():
    text = ("연료전지 설비는 한빛퓨얼셀이 공급하기로 했다. 이 소식에 한빛퓨얼셀 주가는 이날 전 거래일보다 3.1% 오른 2만4350원에 "
            "거래를 마쳤다. 대전 AI 반도체 기업 매출 3년새 2배로. 한 지역 경제단체 관계자는 말했다.")
    assert org_labels(text, "ko") == {"한빛퓨얼셀"}
    assert ("한빛퓨얼셀", "stock_move", 3.1) in [(f[0], f[1], f[2]) for f in figures(text, ["ko"])]


def test_italian_names_joined_by_dei_and_degli():
    text = "Per il debito è pronto un finanziamento della Banca Monte dei Paschi di Siena e della Cassa degli Ingegneri."
    assert {"Banca Monte dei Paschi di Siena"} <= org_labels(text, "it")


def test_rupees_are_the_currency_of_the_storys_country():
    text = "PORT LOUIS — Emtel will spend Rs 3.1 billion on a data centre in Moka, Mauritius. MCB is lending Rs 2.5 billion."
    assert {f[5] for f in figures(text, ["en"])} == {"MUR"}


def test_the_councils_money_is_the_council_the_story_named():
    text = ("Orbis Digital will build a £1.3bn campus. Thornbury Borough Council will invest £120m in it. Orbis Digital "
            "will draw 200 MW from the grid. The council's commitment is made up of £30m of equity and a £90m loan.")
    got = [(f[0], f[2]) for f in figures(text, ["en"])]
    assert ("thornbury-borough-council", 30e6) in got and ("thornbury-borough-council", 90e6) in got


def test_chinese_banks_listed_before_a_verb_of_agreeing_each_lend_their_share():
    text = "鹭岛算力公告称将建设智算中心。融资方面，项目已与厦门银行、泉州国际银行达成合作意向，两家银行各提供8亿元项目贷款。"
    assert {(f[0], f[2]) for f in figures(text, ["zh"]) if f[1] == "loan_or_debt"} == {("厦门银行", 8e8), ("泉州国际银行", 8e8)}


def test_french_regional_banks_opening_with_credit_each_lend_their_share():
    text = ("Orbis construit un campus. Le financement est apporté par la Banque Populaire Aquitaine Centre Atlantique "
            "et le Crédit Mutuel du Sud-Ouest, pour 160 millions d'euros chacun.")
    assert {(f[0], f[2]) for f in figures(text, ["fr"])} == {
        ("banque-populaire-aquitaine-centre-atlantique", 160e6), ("credit-mutuel-du-sud-ouest", 160e6)}


@pytest.mark.parametrize("text, lang, lenders", [
    ("A Orbis vai construir um campus. O empréstimo de 250 milhões de euros é assegurado pelo Santander Totta "
     "e pela Caixa Geral de Depósitos, com 125 milhões cada.", "pt", {"santander-totta", "caixa-geral-de-depositos"}),
    ("Orbis construit un campus. Le prêt de 250 millions d'euros est apporté par BNP Paribas et par la Société Générale, "
     "à hauteur de 125 millions d'euros chacune.", "fr", {"bnp-paribas", "societe-generale"}),
])
def test_lenders_listed_each_with_their_preposition_each_lend_their_share(text, lang, lenders):
    assert {f[0] for f in figures(text, [lang]) if f[2] == 125e6} == lenders


def test_an_arabic_share_then_for_glued_to_its_owner_is_that_owners():
    text = "وتملك شركة موريتل، 45% من الشركة المشغلة، مقابل 35% لبنك الرياض و20% لـ«أرامكو»."
    assert {(f[0], f[2]) for f in figures(text, ["ar"])} == {("موريتل", 45.0), ("riyad-bank", 35.0), ("aramco", 20.0)}


def test_an_arabic_fund_named_in_a_construct_is_a_firm_and_owns_its_share():
    text = "وتملك شركة موريتل 55% من الشركة المشغلة، مقابل 45% لصندوق استثمار أموال المتقاعدين، الذراع الاستثمارية للدولة."
    assert ("صندوق استثمار أموال المتقاعدين", 45.0) in labelled_values(text, "ar")
    assert "صندوق استثماري" not in org_labels("ويدرس صندوق استثماري جديد دخول المشروع.", "ar")


def test_a_german_pension_fund_listed_after_a_share_is_a_firm_and_the_unit_no_name():
    text = "Test\n\nDie Stadtwerke Ulm halten 60 Prozent, die Atlas Edge AG 25 Prozent und die Pensionskasse Ulm die restlichen 15 Prozent."
    assert ("Pensionskasse Ulm", 15.0) in labelled_values(text, "de")
    assert "Prozent" not in org_labels(text, "de")


def test_a_declined_german_name_is_the_firm_the_story_names_undeclined():
    text = ("Test\n\nDie Vetta Data und die Bayerische Versicherung bauen ein Rechenzentrum für 500 Millionen Euro. "
            "Die Projektgesellschaft gehört zu 70 Prozent der Vetta Data und zu 30 Prozent der Bayerischen Versicherung.")
    assert ("Bayerische Versicherung", 30.0) in labelled_values(text, "de")
    assert "Bayerischen Versicherung" not in org_labels(text, "de")


def test_lenders_listed_right_before_each_share_a_loan_after_a_sentence_about_the_borrower():
    text = ("Test\n\nVetta Data will build the campus. Vetta will invest $75 million of its own.\n\n"
            "Debt will come from a $1.6 billion loan arranged by Atlas Bank and Orbis Bank, each contributing $600 million, "
            "with Kestrel Bank providing the remaining $400 million.")
    found = labelled_values(text, "en")
    assert {("Atlas Bank", 600e6), ("Orbis Bank", 600e6), ("Kestrel Bank", 400e6)} <= found
    assert ("Vetta Data", 600e6) not in found


@pytest.mark.parametrize("text, lang, firms, place", [
    ("Data center a Rovato, Vetta e Orbis investono 300 milioni", "it", {"Vetta", "Orbis"}, "Rovato"),
    ("Data center à Thionville, Vetta et Orbis investissent 300 millions d'euros", "fr", {"Vetta", "Orbis"}, "Thionville"),
])
def test_a_place_after_its_preposition_opens_no_list_of_firms(text, lang, firms, place):
    found = org_labels("Test\n\n" + text, lang)
    assert firms <= found and place not in found


def test_a_kind_of_site_and_its_acronym_in_brackets_is_no_firm():
    text = "Test\n\n한화오션은 24일 부유식 데이터센터(FDC) 2기를 5200억원에 수주했다고 공시했다."
    assert "FDC" not in org_labels(text, "ko")
    assert {f.subject.label for f in extract(Doc(text, ["ko"])).figures} == {"한화오션"}


def test_an_arabic_banks_proper_name_stops_before_the_amount_after_it():
    text = "Test\n\nوحصلت شركة فيتا للبيانات على قرض، إذ يقدم البنك الأهلي 500 مليون درهم، ويقدم مصرف صحار المبلغ المتبقي البالغ 200 مليون درهم."
    assert "مصرف صحار" in org_labels(text, "ar") and "مصرف صحار المبلغ المتبقي" not in org_labels(text, "ar")


def test_a_chinese_firm_by_its_shares_move_leaves_the_day_out_of_its_name():
    assert org_labels("Test\n\n消息激勵下，友達昨日股價上漲4.1%，收在15.85元。", "zh") == {"友達"}


def test_a_lenders_loan_does_not_carry_over_to_the_sites_power():
    text = "Test\n\n友達昨日股價上漲4.1%。友達宣布投資48億元建設算力中心。其中40億元由彰化銀行承作。依規劃，首期建置12MW的IT負載。"
    assert ("友達", 12.0) in labelled_values(text, "zh") and ("彰化銀行", 12.0) not in labelled_values(text, "zh")


def test_a_common_word_is_no_short_name_of_a_bank():
    # "土地面積" (land area) is no mention of 土地銀行
    text = ("Test\n\n友達昨日股價上漲4.1%。友達宣布投資48億元建設算力中心，友達預計明年動工。聯貸案中，其餘40億元由土地銀行承作。"
            "依規劃，算力中心土地面積2.8公頃。")
    assert ("友達", 2.8) in labelled_values(text, "zh")


def test_a_chinese_site_named_in_corner_brackets_is_no_firm():
    text = "Test\n\n友達昨日股價上漲4.1%。依規劃，「友達后里AI算力中心」將利用既有廠房結構，土地面積2.8公頃。"
    assert "友達后里AI算力中心" not in org_labels(text, "zh") and ("友達", 2.8) in labelled_values(text, "zh")


def test_a_japanese_condition_in_a_quote_is_no_figure():
    text = ("Test\n\nIIJ（3774）は静岡市に300億円を投じてデータセンターを建設する。同社の山田社長は「例えば100万キロワット級の施設を"
            "つくれるかと言われれば、電力が足りない」と話す。")
    assert [f.quantity.value for f in extract(Doc(text, ["ja"])).figures] == [3e10]


def test_japanese_holders_marked_each_by_their_particle_own_their_shares():
    text = "Test\n\nNTTデータ（東京都江東区）は新会社を設立する。新会社にはNTTデータが60％、山陰FHDが25％、施工を担う松尾建設が15％を出資する。"
    assert {("山陰FHD", 25.0), ("松尾建設", 15.0)} <= labelled_values(text, "ja")


@pytest.mark.parametrize("text, value", [("東邦ガス株は0.7％安。", -0.7), ("四国電力は前日比1.3％安の1250円で取引を終えた。", -1.3),
                                         ("東邦ガス株は一時2.2％高。", 2.2)])
def test_a_japanese_share_move_written_cheap_or_dear_right_after_the_percentage(text, value):
    assert [f[2] for f in figures("Test\n\n" + text, ["ja"]) if f[1] == "stock_move"] == [value]


def test_a_firm_named_by_its_kind_and_place_is_called_by_its_kind_word():
    text = ("Test\n\nDie Stadtwerke Landshut und Max Bögl bauen ein Rechenzentrum für 300 Millionen Euro. "
            "An der Projektgesellschaft halten die Stadtwerke 51 Prozent, Max Bögl 49 Prozent.")
    assert {("Stadtwerke Landshut", 51.0), ("Max Bögl", 49.0)} <= labelled_values(text, "de")


def test_the_holding_company_is_the_firm_whose_name_ends_in_holding():
    text = ("Test\n\nأعلنت شركة فيتا للبيانات وشركة الخليج للاتصالات القابضة عن مشروع مركز بيانات. وقالت فيتا للبيانات إن المشروع "
            "سيكتمل في 2028. وتملك الشركة القابضة 60% من الشركة المشتركة.")
    assert ("الخليج للاتصالات القابضة", 60.0) in labelled_values(text, "ar")


def test_the_rest_of_a_sum_is_the_firm_its_clause_marks_as_subject_after_it():
    text = "Test\n\nIIJ（3774）は高知市にデータセンターを建設する。四国銀行が200億円、高知銀行が100億円を融資し、残り150億円を日本政策投資銀行が担う。"
    assert ("Development Bank of Japan", 150e8) in labelled_values(text, "ja")


@pytest.mark.parametrize("text, lang, lender, value", [
    ("Vetta Data will build the campus. Debt of £150 million has been arranged. Atlas Bank is providing £90 million and "
     "Kestrel Capital International the balance of £60 million.", "en", "Kestrel Capital International", 60e6),
    ("Vetta Data construirá el campus. Banco Atlas aporta 90 millones de euros y Kestrel Capital los restantes 60 millones de euros.",
     "es", "Kestrel Capital", 60e6),
])
def test_a_lender_named_in_a_gapped_clause_before_the_rest_of_the_sum(text, lang, lender, value):
    assert (lender, value) in labelled_values("Test\n\n" + text, lang)


def test_a_possessive_after_a_name_with_a_place_inside_is_no_part_of_it():
    labels = org_labels("Test\n\nThe Reserve Bank of Vanuatu's board kept its policy rate unchanged.", "en")
    assert "Reserve Bank of Vanuatu" in labels and "Reserve Bank of Vanuatu's" not in labels


def test_tr_after_an_amount_is_a_trillion():
    assert [f[2] for f in figures("Test\n\nVetta Group will invest Shs2.4tr in a data centre in Kampala, Uganda.", ["en"])] == [2.4e12]


def test_an_example_taken_in_a_quote_is_no_figure():
    text = ("Test\n\n润泽科技（300442.SZ）宣布投资50亿元建设智算中心。该公司负责人表示：“以一个万卡集群为例，液冷设备的投资就可能达到20亿元。”")
    values = {f.quantity.value for f in extract(Doc(text, ["zh"])).figures}
    assert 5e9 in values and 2e9 not in values


@pytest.mark.parametrize("text, lang, supplier", [
    ("Axian construira le site. Côté électricité, la Sénélec s'est engagée à fournir 8 MW au site via une ligne dédiée.", "fr", "Sénélec"),
    ("A Vetta vai construir o campus. Do lado da energia, a Cemar se comprometeu a fornecer 8 MW ao campus.", "pt", "Cemar"),
    ("Vetta costruirà il campus. Per l'energia, Acea si è impegnata a fornire 8 MW al campus.", "it", "Acea"),
])
def test_a_firm_that_commits_itself_to_supply_power_is_the_supplier(text, lang, supplier):
    assert (supplier, 8.0) in labelled_values("Test\n\n" + text, lang)


@pytest.mark.parametrize("text, lang, check", [
    # (the second reading of the twenty-fourth session: each of these misfired before it was mended)
    # a list after "between", "from" or a year keeps its first firm
    ("The campus is a joint venture between Vantor, Kelso and Brightwell, which will invest $500 million over five years.",
     "en", lambda found, orgs: ("Vantor", 5e8) in found),
    ("Vetta Data has secured $900 million in financing from Vantor, Kelso and Brightwell, which each lent $300 million.",
     "en", lambda found, orgs: {("Vantor", 3e8), ("Kelso", 3e8), ("Brightwell", 3e8)} <= found),
    ("By 2030 Vantor, Kelso and Brightwell plan to invest $2 billion in data centres across Kenya.",
     "en", lambda found, orgs: "Vantor" in orgs),
    # common Japanese nouns before が or は are no builders or banks
    ("さくらインターネット（3778）は石狩市にデータセンターを建設する。北海道では大規模なデータセンター建設が相次ぐ。"
     "複数の投資銀行が融資を検討している。周辺の道路建設は白井市が20億円を負担する。",
     "ja", lambda found, orgs: orgs == {"Sakura Internet"}),
    # 各地 is no "each": one sum, given once
    ("ソフトバンクとKDDIは、各地の拠点整備に2030年までに1兆円を投じる。", "ja",
     lambda found, orgs: [v for _, v in found if v == 1e12] == [1e12] and ("KDDI", 1e12) not in found),
    # an example that is a fact stays one
    ("润泽科技（300442.SZ）董事长周超男表示：“公司持续加大算力投入，例如今年已在廊坊追加投资30亿元建设智算中心。”",
     "zh", lambda found, orgs: any(v == 3e9 for _, v in found)),
    ("さくらインターネット（3778）の田中社長は「例えば、石狩には今年300億円を投じた」と語った。",
     "ja", lambda found, orgs: ("Sakura Internet", 3e10) in found),
    # "the holding" does not name another holding
    ("أعلنت شركة فيتا للبيانات وشركة الخليج للاتصالات القابضة عن مشروع مركز بيانات. وتملك فيتا 60%، فيما تملك شركة أطلس، "
     "المملوكة للشركة القابضة للاستثمار، الحصة المتبقية البالغة 40%.", "ar", lambda found, orgs: ("أطلس", 40.0) in found),
    # a lender named like a town stays a lender in a gapped clause
    ("Vetta Data will build the campus. Fifth Third is providing $90 million and Huntington the remaining $60 million.",
     "en", lambda found, orgs: ("Huntington", 6e7) in found),
    # (the quick look at the mend) "3社が各" is "each"; "5％安まで" is a fall; "the holding" may take an object after it;
    # a builder after で is one; "à" after a verb opens a list of firms
    ("東邦電力と北栄電力の3社が各100億円を出資する。", "ja", lambda found, orgs: {("東邦電力", 1e10), ("北栄電力", 1e10)} <= found),
    ("北栄電力株は一時5％安まで下げた。", "ja", lambda found, orgs: ("北栄電力", -5.0) in found),
    ("أعلنت شركة أكوا باور وشركة الخليج للاتصالات القابضة عن مشروع. وتملك أكوا باور 60% من المشروع، فيما تملك الشركة القابضة "
     "الحصة المتبقية البالغة 40%.", "ar", lambda found, orgs: ("الخليج للاتصالات القابضة", 40.0) in found),
    ("さくらインターネット（3778）は新会社を設立する。新会社には、施工で北栄建設が10％、融資で北栄銀行が20％を出資する。", "ja",
     lambda found, orgs: {("北栄建設", 10.0), ("北栄銀行", 20.0)} <= found),
    ("Le fonds a cédé ses parts à Vantor, Kelso et Brightwell, qui investiront 300 millions d'euros chacun.", "fr",
     lambda found, orgs: ("Vantor", 3e8) in found),
    # "安い" after a percentage is cheaper, no share move
    ("さくらインターネット（3778）によると、電力コストは従来の施設より20％安いという。", "ja",
     lambda found, orgs: ("Sakura Internet", -20.0) not in found),
    # a fund "owned by the state" is no fund's name
    ("أعلنت شركة فيتا للبيانات عن مشروع مركز بيانات. وسيضخ صندوق مملوك للدولة 300 مليون دولار في المشروع.", "ar",
     lambda found, orgs: not any(label.startswith("صندوق") for label in orgs)),
])
def test_review_findings_of_the_twenty_fourth_session(text, lang, check):
    ex = extract(Doc("Test\n\n" + text, [lang]))
    assert check({(f.subject.label, f.quantity.value) for f in ex.figures}, {e.label for e in ex.entities if e.kind == "org"})


def test_a_line_of_a_stock_box_is_a_quote_no_figure():
    text = ("Test\n\nVetta Data will invest $50 million in Suva.\n\nMARKET WATCH\nVTA   FJ$3.12   +0.04\nKSB   FJ$1.95   unch\n"
            "ORB   FJ$0.88   -2.2%")
    assert [f[2] for f in figures(text, ["en"])] == [5e7]   # (neither the prices nor their changes)


def test_revenue_bonds_are_debt_no_revenue():
    text = "Test\n\nThe Sierra County Commission voted to authorize up to $4.2 billion in industrial revenue bonds for the Vetta Data campus."
    assert [f[1] for f in figures(text, ["en"])] == ["loan_or_debt"]


def test_a_triple_net_lease_is_no_tripling():
    lease = "Test\n\nVetta Data said an unnamed cloud provider has leased 24 MW at its Leeds campus on a 15-year triple-net lease."
    assert [f[1] for f in figures(lease, ["en"])] == ["leased_capacity"]
    assert [f[2] for f in figures("Test\n\nVetta Data will triple its capacity by 2028.", ["en"])] == [3.0]
    assert 2.0 in [f[2] for f in figures("Test\n\nVetta Data said it doubled net income to $2.1 billion in the quarter.", ["en"])]


def test_what_a_second_reading_found_over_broad():
    # money that goes to a firm is its giver's investment in it
    assert {f[0] for f in figures("Microsoft will invest $10 billion in its Texas campus; $2 billion will go to OpenAI.", ["en"])} == {"microsoft"}
    # "K" in Papua New Guinea is the kina
    assert {f[5] for f in figures("Telikom PNG will invest K500 million in a data centre in Port Moresby, Papua New Guinea.", ["en"])} == {"PGK"}
    # a percentage after a comma and "by" is no stake
    assert {f[0] for f in figures("Equinix said its margin rose to 48%, by Barclays' count.", ["en"])} == {"equinix"}
    # time words, an arm and a sector's stocks are no firms
    assert org_labels("随后股价一度大涨。旗下子公司发布公告，拟投资5亿元建设数据中心。", "zh") == set()
    assert org_labels("전력기기주 주가는 5% 올랐다.", "ko") == set()


def test_a_regional_arm_named_with_a_compass_word():
    text = "The Meta Louisiana North data center will draw 300 MW. Electricity will come from CenterPoint Energy Indiana South."
    labels = org_labels(text, "en")
    assert "CenterPoint Energy Indiana South" in labels and not any("Louisiana" in label for label in labels)


def test_a_name_may_open_with_a_digit_but_a_unit_or_a_generation_is_none():
    text = ("7Nexa s'envole après un semestre record\n\nLe chiffre d'affaires de 7Nexa a atteint 312 millions d'euros. "
            "7Nexa investira 45 millions d'euros dans une usine à Strasbourg.")
    assert org_labels(text, "fr") == subject_labels(text, "fr") == {"7Nexa"}
    assert org_labels("Orbis will deploy 5G across the campus and 4GB modules over 5GHz links.", "en") == {"Orbis"}


@pytest.mark.parametrize("text, lang, full", [
    ("«نور للاتصالات» ترفع رأس مالها لبناء مركز بيانات\n\nأعلنت شركة اتحاد نور للاتصالات أمس أنها ستستثمر 900 مليون "
     "ريال في مركز بيانات جديد في جدة. وقالت «نور للاتصالات» إن المركز سيضم 2,000 وحدة معالجة رسومية.", "ar", "اتحاد نور للاتصالات"),
    ("Noor Telecom to build Jeddah data centre\n\nEtihad Noor Telecom said on Monday it would invest 900 million riyals "
     "in a new data centre in Jeddah. Noor Telecom said the site would house 2,000 GPUs.", "en", "Etihad Noor Telecom"),
])
def test_a_name_written_as_the_ending_of_the_full_name_is_that_firm(text, lang, full):
    assert org_labels(text, lang) == subject_labels(text, lang) == {full}


@pytest.mark.parametrize("text, lang, values", [
    ("ミナト電算工業は13日、投資額を7000億円から1兆2000億円に引き上げると発表した。", "ja", {7e11, 1.2e12}),
    ("베타컴퓨트는 13일 투자 규모를 7천억 원에서 1조 원으로 늘린다고 밝혔다.", "ko", {7e11, 1e12}),
])
def test_from_one_amount_to_another_is_a_change_not_a_range(text, lang, values):
    assert {f[2] for f in figures(text, [lang])} == values


@pytest.mark.parametrize("text, lang", [
    ("ミナト電算工業は13日、3000億～5000億円を投じると発表した。", "ja"),
    ("베타컴퓨트는 13일 3천억~5천억 원을 투자한다고 밝혔다.", "ko"),
])
def test_a_dash_between_amounts_is_still_a_range(text, lang):
    assert [(f[3], f[4]) for f in figures(text, [lang])] == [(3e11, 5e11)]


def test_the_country_of_a_story_that_names_only_its_regions():
    text = "ミナト電算工業は13日、北海道石狩市にデータセンターを建設すると発表した。国内のDCサービス市場は約3兆2000億円となる見込みだ。"
    assert ("japan", "market_total") in {(f[0], f[1]) for f in figures(text, ["ja"])}


@pytest.mark.parametrize("text, lang, unit, value", [
    ("Vetta Compute won a RM1.2bil contract.", "en", "MYR", 1.2e9),
    ("Vetta Compute will spend Rp 12 triliun on the campus.", "en", "IDR", 1.2e13),
    ("Vetta Compute raised Dh2.6 billion.", "en", "AED", 2.6e9),
    ("Vetta Compute secured SAR9 billion in financing.", "en", "SAR", 9e9),
    ("Vetta Compute cerró un crédito por UF 4,5 millones.", "es", "CLF", 4.5e6),
])
def test_currencies_written_in_letters_touching_the_number(text, lang, unit, value):
    assert (unit, value) in {(a[1], a[2]) for a in amounts(text, lang)}


def test_a_chip_name_is_still_no_amount():
    assert amounts("Vetta Compute will install 4,000 H200 chips and some B300s.", "en") == [
        ("4,000 H200 chips", "count", 4000.0, None, None, False)]


@pytest.mark.parametrize("text, metric", [
    ("Vetta Compute raised its capex forecast to $3.6 billion.", "capex"),
    ("Vetta Compute raised $300 million in a Series B round.", "funding_round"),
])
def test_raising_a_number_is_no_funding_round(text, metric):
    assert [f[1] for f in figures(text, ["en"])] == [metric]


def test_an_institution_of_a_place_is_a_firm_and_so_is_the_name_listed_with_it():
    text = "Vetta Compute signed a €1.1 billion loan. AIB and Bank of Ireland are each providing €275 million."
    got = {(f[0], f[1], f[2]) for f in figures(text, ["en"])}
    assert {("aib", "loan_or_debt", 2.75e8), ("bank-of-ireland", "loan_or_debt", 2.75e8)} <= got, got


def test_a_link_line_with_a_bar_is_furniture():
    text = "Vetta Compute investit 2 milliards d'euros à Lyon.\n\nLire aussi | Orbis relève son plan à 7,8 milliards d'euros\n"
    assert [f[2] for f in figures(text, ["fr"])] == [2e9]


def test_a_site_figure_after_a_lenders_share_is_the_borrowers():
    text = ("Vetta Compute signed a NOK 3.6 billion bank loan for its Vennesla hall. Rabobank and Nordea each provide "
            "NOK 1.5 billion. The hall will draw 80 MW.")
    assert ("vetta-compute", "power_capacity", 80.0) in {(f[0], f[1], f[2]) for f in figures(text, ["en"])}


@pytest.mark.parametrize("text, label", [
    ("KUALA LUMPUR: Orbis Construction Bhd has bagged a RM2.15bil contract.", "Orbis Construction"),
    ("In Indonesia, PT Orbis Indonesia Tbk plans to spend Rp 12 triliun.", "Orbis Indonesia"),
    ("Orbis Holdings Pte Ltd will invest S$500 million.", "Orbis Holdings"),
])
def test_legal_forms_from_the_data_end_a_name_and_are_no_part_of_its_label(text, label):
    assert {f.subject.label for f in extract(Doc(text, ["en"])).figures} == {label}


def test_an_acronym_names_only_the_words_whose_initials_it_takes():
    text = "Bank Mandiri and Orbis Central Asia (OCA) have each committed Rp 2,5 triliun in loans for the campus."
    labels = {f.subject.label for f in extract(Doc(text, ["en"])).figures}
    assert "Orbis Central Asia" in labels and not any(" and " in label for label in labels), labels


@pytest.mark.parametrize("text, lang, place", [
    ("In Europe, installed data-centre capacity is forecast to climb to 21 GW by 2030.", "en", "europe"),
    ("Latin America's colocation market should reach $17.5 billion by 2030.", "en", "latin-america"),
    ("Asia-Pacific colocation revenue is expected to more than double by 2030.", "en", "asia-pacific"),
    ("Demand for capacity in the Middle East and Africa is expected to triple by 2030.", "en", "middle-east-and-africa"),
])
def test_a_market_figure_of_a_world_region(text, lang, place):
    assert place in {f[0] for f in figures(text, [lang])}


def test_a_framing_place_is_no_subject_of_a_sites_figure():
    text = "Vetta Compute builds in Texas. In Texas, the campus will draw 200 MW."
    assert {f[0] for f in figures(text, ["en"])} == {"vetta-compute"}


def test_a_cued_name_without_its_group_suffix_is_the_same_firm():
    text = "維塔算力集團（1686）昨日宣布投資65億港元。融資方面，維塔算力已與中國銀行（香港）簽訂總額40億港元的銀團貸款。"
    # (labelled by the name the story goes on to use: the full name without its group word)
    assert {(f.subject.label, f.metric) for f in extract(Doc(text, ["zh"])).figures} == {
        ("維塔算力", "loan_or_debt"), ("維塔算力", "investment_commitment")}


@pytest.mark.parametrize("text, metric, value", [
    ("ミナト電算工業は13日、新拠点を発表した。初期には米エヌビディア製の画像処理半導体（GPU）約4000基を設置する。", "chips", 4000),
    ("ミナト電算工業は13日、新拠点を発表した。運用・保守の要員として約60人を新たに採用する。", "jobs_permanent", 60),
    ("ミナト電算工業は13日、新拠点を発表した。ピーク時には1日あたり約500人の作業員が従事する。", "jobs_construction", 500),
])
def test_japanese_counts_of_the_story_firm(text, metric, value):
    assert ("ミナト電算工業", metric, value) in {(f.subject.label, f.metric, f.quantity.value) for f in extract(Doc(text, ["ja"])).figures}


def test_a_new_paragraph_does_not_continue_a_partners_figure():
    text = ("Vetta Compute will build a campus in Ohio.\n\n"
            "Orbis Power will supply 24 MW from a wind farm under a 20-year contract.\n\n"
            "About 60 jobs will be created.")
    got = {(f[0], f[1]) for f in figures(text, ["en"])}
    assert ("vetta-compute", "jobs_total") in got, got


@pytest.mark.parametrize("text, lang, key, metric", [
    ("Vetta Compute baut in Linz. Das Land Oberösterreich fördert die Ansiedlung mit 25 Mio. Euro.", "de", "land-oberosterreich", "other"),
    ("Vetta Compute bygger i Vennesla. Vennesla kommune regner med 25 millioner kroner i året i eiendomsskatt.", "nb", "vennesla-kommune", "other"),
    ("Vetta Compute construit à Namur. La Région wallonne accorde une prime à l'investissement de 12 M€.", "fr", "region-wallonne", "other"),
    ("Vetta Compute construirá en Toledo. La Junta de Castilla aportará 30 millones de euros en ayudas.", "es", "junta-de-castilla", "other"),
])
def test_a_government_named_in_each_language_and_its_grant(text, lang, key, metric):
    assert (key, metric) in {(f[0], f[1]) for f in figures(text, [lang])}


@pytest.mark.parametrize("text, lang, value", [
    ("En Bourse, l'action Vetta Group a gagné 1,8 % mardi, dans un marché en léger recul.", "fr", 1.8),
    ("ミナト電算工業は13日、新拠点を発表した。東京証券取引所でミナト電算工業株は一時、前日比4%安となった。", "ja", -4.0),
])
def test_the_direction_word_of_a_stock_move(text, lang, value):
    assert value in {f[2] for f in figures(text, [lang]) if f[1] == "stock_move"}


def test_an_exchange_is_no_firm_named_by_its_place():
    text = "ミナト電算工業は13日、新拠点を発表した。東京証券取引所でミナト電算工業株は一時、前日比4%安となった。"
    assert {f.subject.label for f in extract(Doc(text, ["ja"])).figures} == {"ミナト電算工業"}


def test_a_generic_word_keeps_its_legal_form():
    assert {f[0] for f in figures("Die Energie AG hält 60 Prozent an der Projektgesellschaft.", ["de"])} == {"energie-ag"}


def test_korean_investors_by_their_name_words_and_a_list_with_its_own_subject_particle():
    text = ("베타컴퓨트는 13일 시리즈 B 투자를 유치했다고 밝혔다. 이번 라운드에서 알파벤처투자가 400억 원을 넣었다. "
            "베타기업은행과 한국투자파트너스가 각각 200억 원을 넣었다. 오르비스그룹은 GPU 4,000장 규모의 클러스터를 꾸린다.")
    got = {(f[0], f[2]) for f in figures(text, ["ko"])}
    assert {("알파벤처투자", 4e10), ("베타기업은행", 2e10), ("한국투자파트너스", 2e10), ("오르비스그룹", 4000)} <= got, got


def test_a_longer_cued_name_wins_over_a_known_name_it_begins_with():
    got = {f[0] for f in figures("이번 라운드는 미래에셋벤처투자가 400억 원을 베팅하며 주도했다.", ["ko"])}
    assert got == {"미래에셋벤처투자"}, got


@pytest.mark.parametrize("text, label", [
    ('أعلنت شركة فيتا القابضة أن ذراعها المتخصصة "فيتا للحوسبة" ستضخ 2.4 مليار جنيه في مركز بيانات.', "فيتا للحوسبة"),
    ("وقالت شركة «فيتا للحوسبة» إنها ستستثمر 300 مليون دولار في مركز بيانات.", "فيتا للحوسبة"),
])
def test_an_arabic_name_quoted_after_a_company_noun(text, label):
    assert label in {f.subject.label for f in extract(Doc(text, ["ar"])).figures}


def test_the_egyptian_pound_alone_and_sterling():
    assert {a[1] for a in amounts("بقيمة ٨٫٥ مليار جنيه و3 مليارات جنيه إسترليني", "ar")} == {"EGP", "GBP"}


@pytest.mark.parametrize("text, lang, key", [
    ("Consultancy Knight Frank estimates Saudi Arabia's data-centre capacity at roughly 300MW today.", "en", "saudi-arabia"),
    ("Vetta Compute construit à Namur. Le marché belge compte environ 350 MW de capacité installée, selon Elia.", "fr", "belgium"),
    ("Vetta Compute builds in Ohio. The Belgian market has about 350 MW of installed capacity, according to Elia.", "en", "belgium"),
])
def test_a_countrys_market_named_by_its_reporter_or_its_adjective(text, lang, key):
    assert key in {f[0] for f in figures(text, [lang])}


def test_a_name_with_its_acronym_keeps_its_legal_word_and_the_place_inside_it():
    text = "Tamil Nadu Power Distribution Corporation (TNPDCL) has sanctioned a 150 MW power connection."
    assert {(f.subject.key, f.subject.label) for f in extract(Doc(text, ["en"])).figures} == {
        ("tnpdcl", "Tamil Nadu Power Distribution Corporation")}


def test_a_country_adjective_may_begin_a_name():
    text = "Die Immobiliengesellschaft Swiss Prime Site beteiligt sich mit 280 Mio. Fr. an der Projektgesellschaft."
    assert {f.subject.label for f in extract(Doc(text, ["de"])).figures} == {"Swiss Prime Site"}


def test_a_currency_carries_into_the_next_paragraph():
    text = ("Vetta Compute investirà 1,2 miliardi di euro nel campus di Cassano.\n\n"
            "Il primo lotto è coperto da un finanziamento green da 550 mln.")
    assert ("EUR", 5.5e8) in {(f[5], f[2]) for f in figures(text, ["it"])}


def test_a_chinese_announcement_says_the_company_at_the_start_of_a_clause():
    text = "维塔算力（300738）1月20日晚间公告称，拟投资42亿元建设智算产业园。公司同时宣布，拟投资10亿元在深圳市光明区建设生产基地。"
    assert {f[0] for f in figures(text, ["zh"])} == {"维塔算力"}


def test_firm_words_go_on_after_a_place():
    text = "四川电力宣布向维塔算力提供25亿元贷款。"
    assert "四川电力" in {f.subject.label for f in extract(Doc(text, ["zh"])).figures}


@pytest.mark.parametrize("text, lang", [
    ("公司拟募集资金总额不超过28亿元。", "zh"),
    ("The company will raise not more than $2.8 billion.", "en"),
])
def test_not_more_than_is_an_upper_bound_and_no_threshold(text, lang):
    assert [(a[3], a[4]) for a in amounts(text, lang)] == [(None, 2.8e9)]


def test_several_firms_and_amounts_in_one_wire_sentence():
    text = ("Miners raised more than $3.1 billion of debt in three days, as Vetta Mining and Orbis Mining each priced "
            "$1.1 billion of convertible notes, while Halden 8 closed a $640 million construction loan and Kestrel "
            "Systems drew a $300 million credit facility from Macquarie.")
    got = {(f[0], f[1], f[2]) for f in figures(text, ["en"])}
    assert {("vetta-mining", "loan_or_debt", 1.1e9), ("orbis-mining", "loan_or_debt", 1.1e9),
            ("kestrel-systems", "loan_or_debt", 3e8)} <= got, got


def test_a_market_report_gives_firmless_figures_to_its_place():
    text = ("Data centers: Spain absorbed a record 165 MW in 2025\n\n"
            "The Spanish data-centre market had a record year, according to CBRE. Take-up in the country rose 48%.\n\n"
            "Installed capacity now reaches 720 MW.\n\n"
            "Vetta Compute bought 26 hectares near Madrid, where it plans to invest 1.5 billion euros. Vetta Compute "
            "will hire 200 people.")
    got = {(f[0], f[2]) for f in figures(text, ["en"])}
    assert ("spain", 720.0) in got and ("vetta-compute", 1.5e9) in got, got


def test_a_firms_story_that_opens_with_a_place_is_still_the_firms():
    text = ("Ohio lands a 300 MW data centre\n\n"
            "Vetta Compute will build a 300 MW campus in Ohio, the company said.\n\n"
            "The first phase will draw 100 MW.")
    assert {f[0] for f in figures(text, ["en"]) if f[2] == 100.0} == {"vetta-compute"}


def test_jobs_no_firm_is_named_for_are_the_storys_firms():
    text = ("Vetta Compute will build a campus in Zaragoza. Orbis Energía will supply 150 MW under a ten-year contract. "
            "The works will create about 1,200 jobs.")
    assert {f[0] for f in figures(text, ["en"]) if f[1].startswith("jobs")} == {"vetta-compute"}


@pytest.mark.parametrize("text, lang, expected", [
    ("Vetta Compute construirá un campus. Según el promotor, la obra generará unos 1.200 empleos y la operación, "
     "180 puestos directos.", "es", {(1200.0, "jobs_construction"), (180.0, "jobs_permanent")}),
    ("Vetta Compute construira un campus. Le chantier mobilisera près de 1 000 personnes et l'exploitation 250 emplois.",
     "fr", {(1000.0, "jobs_construction"), (250.0, "jobs_permanent")}),
    ("Vetta Compute will build a campus that will create 1,200 jobs.", "en", {(1200.0, "jobs_total")}),
])
def test_jobs_take_the_phase_word_before_them(text, lang, expected):
    assert {(f[2] if f[2] is not None else f[4], f[1]) for f in figures(text, [lang]) if f[1].startswith("jobs")} == expected


@pytest.mark.parametrize("text, lang, expected", [
    ("ソフトバンクは北海道に新拠点を建設する。建設工事のピーク時には1日最大700人が従事する見通し。稼働後は約90人を新たに雇用する。",
     "ja", {(700.0, "jobs_construction"), (90.0, "jobs_permanent")}),
    ("ソフトバンクは新拠点を建設する。常駐スタッフは約110名を想定する。", "ja", {(110.0, "jobs_total")}),
    ("SK에코플랜트는 센터 운영에 약 400명을 직접 고용하고, 공사 기간에는 하루 최대 1500명의 인력이 투입될 전망이다.",
     "ko", {(400.0, "jobs_permanent"), (1500.0, "jobs_construction")}),
    ("华北算力股份有限公司宣布建设数据中心，项目建设期高峰用工约2500人，运营期带动就业约900人。", "zh",
     {(2500.0, "jobs_construction"), (900.0, "jobs_total")}),
    ("Vetta Compute construira un campus. Jusqu'à 700 compagnons seront sur le site au plus fort des travaux.", "fr",
     {(700.0, "jobs_construction")}),
    ("Vetta Compute skal bygge et datasenter som gir rundt 70 faste arbeidsplasser og opptil 350 arbeidere i byggefasen.", "nb",
     {(70.0, "jobs_permanent"), (350.0, "jobs_construction")}),
    ("Vetta Compute rechnet im Betrieb mit rund 110 Dauerarbeitsplätzen.", "de", {(110.0, "jobs_permanent")}),
    ("وقالت شركة أوراسكوم للاستثمار إن المشروع سيوفر 300 منصب شغل مباشر ونحو 1500 منصب غير مباشر.", "ar",
     {(300.0, "jobs_permanent"), (1500.0, "jobs_total")}),
])
def test_counts_of_jobs_as_each_press_writes_them(text, lang, expected):
    got = {(f[2] if f[2] is not None else f[4], f[1]) for f in figures(text, [lang]) if f[1].startswith("jobs")}
    assert got == expected


def _jobs(text, lang):
    """(value or a bound, metric) of the jobs figures of a text."""
    return {(next(v for v in f[2:5] if v is not None), f[1]) for f in figures(text, [lang]) if f[1].startswith("jobs")}


@pytest.mark.parametrize("text, lang, expected", [
    # the second count borrows the noun of the first, written once
    ("Harlow Compute will build a campus. It will employ up to 900 people during construction and 140 permanently "
     "once the first hall opens.", "en", {(900.0, "jobs_construction"), (140.0, "jobs_permanent")}),
    ("Harlow Compute construirá un campus. La obra generará cerca de 1.600 empleos, y 230 directos en la operación.",
     "es", {(1600.0, "jobs_construction"), (230.0, "jobs_permanent")}),
    # "e oltre" is the bound of the number after it, not of the count before it
    ("Harlow Compute costruirà un campus: saranno 170 posti di lavoro diretti e oltre 450 nell'indotto.", "it",
     {(170.0, "jobs_permanent"), (450.0, "jobs_total")}),
    # direct jobs are the permanent ones; the phase written in the amount itself decides
    ("Harlow Compute will build a campus creating 210 direct jobs and 520 indirect jobs.", "en",
     {(210.0, "jobs_permanent"), (520.0, "jobs_total")}),
    # a phase word nearer the count before it is that count's ("دائمة" of the 150), the one after is this count's
    ("أعلنت شركة أوراسكوم للاستثمار عن المشروع الذي سيوفر 150 وظيفة دائمة، إلى جانب نحو 900 عامل في ذروة أعمال البناء.",
     "ar", {(150.0, "jobs_permanent"), (900.0, "jobs_construction")}),
    # ... but not across a comma: "150여명, 공사 기간 ... 1200명" are construction workers
    ("가온데이터센터PFV가 센터를 짓는다. SPC는 상시 고용 인원이 150여명, 공사 기간 하루 최대 1200명의 인력이 투입될 것으로 내다봤다.",
     "ko", {(150.0, "jobs_permanent"), (1200.0, "jobs_construction")}),
    # a noun of its own is no borrowed noun, and a year is never a count
    ("Harlow Compute will hire 300 people by 2027 and 2028 will see the second hall.", "en", {(300.0, "jobs_total")}),
])
def test_a_count_that_writes_its_noun_once(text, lang, expected):
    assert _jobs(text, lang) == expected


def test_a_quote_that_repeats_a_count_of_direct_jobs_is_the_same_figure():
    text = ("Harlow Compute will build a campus that creates 120 direct jobs. A union official was unimpressed: "
            "\"120 jobs is fine, but the plant had far more,\" he said.")
    assert _jobs(text, "en") == {(120.0, "jobs_permanent")}


@pytest.mark.parametrize("text, lang, expected", [
    ("华北算力股份有限公司一期投资62亿元，建设2万卡国产算力，规划部署智算卡3万张。", "zh", {20000.0, 30000.0}),
    ("华北算力股份有限公司一期部署GPU约4000卡。", "zh", {4000.0}),
    ("华北算力股份有限公司认为，以一个十万卡集群为例，投资可能达到数十亿元。", "zh", set()),
    # a counter, letters that describe the noun, then the noun
    ("华北算力股份有限公司将部署约1.2万张国产AI加速卡，首批6000片昆仑系列加速卡年内到货。", "zh", {12000.0, 6000.0}),
    ("华北算力股份有限公司计划部署DCU约2万片。", "zh", {20000.0}),
    ("ソフトバンクは画像処理半導体（ＧＰＵ）を8000基導入する。", "ja", {8000.0}),
    ("Voltage Park already operates roughly 24,000 H100s.", "en", {24000.0}),
])
def test_counts_of_chips_as_each_press_writes_them(text, lang, expected):
    assert {f[2] for f in figures(text, [lang]) if f[1] == "chips"} == expected


@pytest.mark.parametrize("text, lang, expected", [
    ("华北算力股份有限公司在廊坊建设智算中心，规划建设标准机架2万个，一期建成机柜约3000架。", "zh", {20000.0, 3000.0}),
    ("ソフトバンクは北海道のデータセンターにサーバーラック2000台を設置する。", "ja", {2000.0}),
    ("네이버는 세종 데이터센터에 서버랙 3000개를 설치한다.", "ko", {3000.0}),
])
def test_racks_counted_with_their_noun_before_the_number(text, lang, expected):
    assert {f[2] for f in figures(text, [lang]) if f[1] == "other" and f[5] == "count"} == expected


def test_racks_of_the_whole_city_are_the_citys():
    # "全市" is the city the story named most; a province's word ("全省") is the region's, as before
    text = ("华北算力股份有限公司在大同投资50亿元建设智算中心，大同市政府表示支持。"
            "截至目前，全市已建成标准机架超过5万架。")
    assert ("datong", "other", None, 50000.0, None, "count") in figures(text, ["zh"])


def test_a_counter_reaches_no_one_letter_noun_across_describing_letters():
    # "20个交易日" counts trading days; "股" (shares) five letters on is no noun of that counter
    assert figures("华北算力股份有限公司发行价格不低于定价基准日前20个交易日公司股票均价。", ["zh"]) == []


def test_a_power_under_a_megawatt_is_a_racks_density_not_a_figure():
    text = "Vetta Compute will build a 40 MW campus designed for liquid-cooled racks of up to 120 kW each."
    assert [(f[1], f[2]) for f in figures(text, ["en"])] == [("power_capacity", 40.0)]


@pytest.mark.parametrize("text, lang, expected", [
    ("Vetta Compute bygger i Vennesla. Ifølge NVE brukte norske datasentre om lag 2,4 TWh strøm i 2024.", "nb", ("norway", "other")),
    ("Der Konzern Vetta AG meldete einen Umsatzrückgang um 6,3 Prozent.", "de", ("vetta", "growth_rate")),
])
def test_a_reporter_no_table_knows_and_a_sectors_nationality(text, lang, expected):
    assert expected in {(f[0], f[1]) for f in figures(text, [lang])}


def test_a_decline_inside_a_german_compound_is_negative():
    assert [f[2] for f in figures("Die Vetta AG meldete einen Umsatzrückgang um 6,3 Prozent.", ["de"])] == [-6.3]


def test_an_analysts_target_price_is_a_quote_not_a_figure():
    text = "Kenanga Research raised its target price for Vetta Compute to RM6.10 and said earnings would rise 8%."
    assert [f[5] for f in figures(text, ["en"])] == ["percent"]


def test_a_name_and_its_acronym_beside_it_count_once_for_the_storys_firm():
    text = ("A Vetta Compute fechou um empréstimo de 900 milhões de euros. A Caixa Vetta de Depósitos (CVD) "
            "e o Millennium bcp entram com 300 milhões de euros cada.")
    got = {(f[0], f[1], f[2]) for f in figures(text, ["pt"])}
    assert {("vetta-compute", "loan_or_debt", 9e8), ("cvd", "loan_or_debt", 3e8), ("millennium-bcp", "loan_or_debt", 3e8)} <= got, got


def test_an_italian_bank_by_its_name_word():
    text = ("Vetta Compute ha ottenuto un finanziamento green da 550 mln di euro: Bper Banca mette a disposizione "
            "200 mln.")
    assert ("bper-banca", 2e8) in {(f[0], f[2]) for f in figures(text, ["it"])}


@pytest.mark.parametrize("text, lang", [
    ("Vetta Compute baut in Lupfig in der Schweiz. Laut einer Branchenstudie beträgt die installierte Leistung heute rund 380 MW.", "de"),
    ("Vetta Compute builds in Switzerland. According to an industry study, installed capacity is about 380 MW today.", "en"),
])
def test_a_sectors_installed_capacity_is_the_countrys(text, lang):
    assert ("switzerland", 380.0) in {(f[0], f[2]) for f in figures(text, [lang])}


@pytest.mark.parametrize("name, country", [("دبي", "AE"), ("مصراتة", "LY"), ("الدار البيضاء", "MA"), ("بغداد", "IQ")])
def test_large_arab_cities_are_places_in_arabic_script_too(name, country):
    found = [m for m in gazetteer().find(f"في {name} أمس") if m.kind == "place"]
    assert [gazetteer().country_of(m.entity) for m in found] == [country]


def test_a_firm_named_after_its_city_keeps_the_city_in_its_name():
    # "دبي للاستثمار" (Dubai Investments) is not called "دبي" because the story writes the city alone
    text = ("«دبي للاستثمار» تستثمر 500 مليون درهم في مركز بيانات\n\n"
            "أعلنت «دبي للاستثمار» أنها ستستثمر 500 مليون درهم في مركز بيانات جديد في دبي. "
            "وقالت دبي للاستثمار إن المركز سيعمل بقدرة 40 ميغاواط.")
    assert subject_labels(text, "ar") == {"دبي للاستثمار"}


@pytest.mark.parametrize("text, label", [
    ("وقال المتحدث إن الشركة العامة للكهرباء ستخصص 40 ميغاواط للمشروع.", "الشركة العامة للكهرباء"),
    ("وأعلنت الشركة الوطنية للبريد والاتصالات وتقنية المعلومات القابضة، أمس، استثمار 900 مليون دولار.",
     "الشركة الوطنية للبريد والاتصالات وتقنية المعلومات القابضة"),
    # a verb after the name that opens with "و" is no part of it
    ("وأضاف أن الشركة المغربية لنقل الكهرباء وافقت على تخصيص 75 ميغاواط للمركز.", "الشركة المغربية لنقل الكهرباء"),
])
def test_the_company_with_its_nationality_and_what_it_does_is_a_name(text, label):
    assert subject_labels(text, "ar") == {label}


def test_an_arabic_name_with_its_latin_form_in_brackets():
    text = ("أعلنت شركة فيتا (VETTA) عن استثمار 300 مليون ريال في مركز بيانات جديد. "
            "وقالت «فيتا» إن المركز سيعمل بقدرة 20 ميجاوات.")
    ex = extract(Doc(text, ["ar"]))
    assert {(f.subject.label, f.subject.labels.get("ar")) for f in ex.figures} == {("VETTA", "فيتا")}


@pytest.mark.parametrize("text, lang, unit", [
    # a riyal in a story about Qatar is the Qatari riyal; one about Riyadh keeps the Saudi one
    ("أعلنت شركة فيتا (VETTA) عن استثمار 300 مليون ريال في قطر، في أول مشروع لها في قطر.", "ar", "QAR"),
    ("أعلنت شركة فيتا (VETTA) في الرياض عن استثمار 300 مليون ريال.", "ar", "SAR"),
    # "kroner" in Norwegian stays NOK when Denmark is named once; a Danish story makes it DKK
    ("Vetta Compute investerer 500 millioner kroner i et datasenter, og har også anlegg i Danmark.", "nb", "NOK"),
    ("Vetta Compute investerer 500 millioner kroner i Danmark, deres andre anlegg i Danmark.", "nb", "DKK"),
    # a longer currency word names its currency itself
    ("Vetta Compute will invest 300 million Saudi riyals in Qatar, its first site in Qatar.", "en", "SAR"),
    # a dinar in a story that names Libya once is the Libyan one: the home of Arabic (Egypt) writes no dinar
    ("أعلنت شركة فيتا (VETTA) عن استثمار 900 مليون دينار في مركز بيانات في ليبيا.", "ar", "LYD"),
])
def test_a_currency_word_that_several_countries_share_is_the_storys_countrys(text, lang, unit):
    assert {f[5] for f in figures(text, [lang])} == {unit}


@pytest.mark.parametrize("text, lang, expected", [
    ("维塔算力完成近四十亿元融资，估值约二百九十亿元，上一轮为一百六十亿元。", "zh", [4e9, 2.9e10, 1.6e10]),
    ("该基金出资十五亿元，总规模三百亿元，累计一百零五亿元。", "zh", [1.5e9, 3e10, 1.05e10]),
    ("ミナト電算工業は十五億円を調達した。", "ja", [1.5e9]),
])
def test_numbers_written_in_characters_before_a_scale_word(text, lang, expected):
    assert [a[2] for a in amounts(text, lang)] == expected


def test_a_vague_size_in_characters_is_no_number():
    assert amounts("千亿级市场，大基金三期领投，两家企业", "zh") == []


def test_the_short_name_a_chinese_article_gives_a_firm():
    text = ("维塔算力科技集团股份有限公司（688001.SH，以下简称“维塔算力”）与芜湖市政府签署协议，总投资约85亿元。"
            "维塔算力表示，项目一期投资32亿元。同日另一家上市公司北辰云（300999.SZ）宣布投资12亿元。")
    got = {(f[0], f[2]) for f in figures(text, ["zh"])}
    assert {(s, v) for s, v in got} >= {("维塔算力", 8.5e9), ("维塔算力", 3.2e9), ("北辰云", 1.2e9)}, got


def test_each_lender_a_participle_names_holds_its_share_of_the_loan():
    text = ("Vetta Compute has secured $420 million of project debt, with Bankwell lending $250 million and "
            "Orbis Finance providing the remaining $170 million.")
    assert {(f[0], f[2]) for f in figures(text, ["en"])} == {
        ("vetta-compute", 4.2e8), ("bankwell", 2.5e8), ("orbis-finance", 1.7e8)}


@pytest.mark.parametrize("joint", [", with", ". Of that,"])
def test_a_firm_found_by_its_name_and_acronym_and_by_the_acronym_alone_is_one_firm(joint):
    # in the same sentence or a later one
    text = (f"The Development Bank of Ruritania (DBR) and Halyk Bank will lend 300 billion tenge{joint} "
            "DBR providing 180 billion tenge and Halyk Bank the remaining 120 billion tenge.")
    assert {f.subject.label for f in extract(Doc(text, ["en"])).figures if f.quantity.value == 1.8e11} \
        == {"Development Bank of Ruritania"}


@pytest.mark.parametrize("text, lang, expected", [
    # a name may open with a Nordic capital, and hold one digit between its words
    ("Østfold Kraft og Borregaard bygger et datasenter til 3 milliarder kroner, sier Borregaard. Selskapet eies 60 "
     "prosent av Østfold Kraft og 40 prosent av Borregaard.", "nb", {("Østfold Kraft", 60.0), ("Borregaard", 40.0)}),
    ("SpareBank 1 Vestvika og Handelsbanken stiller med 600 millioner kroner hver.", "nb",
     {("SpareBank 1 Vestvika", 6e8), ("Handelsbanken", 6e8)}),
])
def test_names_with_nordic_capitals_and_a_digit(text, lang, expected):
    assert expected <= labelled_values(text, lang)


@pytest.mark.parametrize("text, lang, expected", [
    # an amount belongs to the firm an owner marker names after it (owner_markers)
    ("Vetta Compute invierte 300 millones de euros. Laboral Kutxa aporta 80 millones de euros; los 40 millones de "
     "euros restantes corresponden a Caja Rural de Soria.", "es", ("Caja Rural de Soria", 4e7)),
    ("La società veicolo è controllata all'80% da Vetta Energia, mentre il restante 20% fa capo a Orbis Energia.", "it",
     ("Orbis Energia", 20.0)),
    # a company noun and its adjective before a name (adjective_endings)
    ("Vetta Compute invierte 300 millones de euros. El grupo guipuzcoano Ortzia, que cotiza en BME Growth, "
     "suministrará transformadores por unos 22 millones de euros.", "es", ("Ortzia", 2.2e7)),
    ("Vetta Compute investit 300 millions d'euros. L'opérateur lyonnais Orbisnet, coté sur Euronext Growth, "
     "fournira les baies pour 22 millions d'euros.", "fr", ("Orbisnet", 2.2e7)),
    # a grid operator by its verb of granting a connection
    ("Vetta Compute will invest $1 billion. Gridwell has confirmed 250MW of connection capacity.", "en", ("Gridwell", 250.0)),
    ("A Vetta Compute investirá R$ 400 milhões. A RNT atribuiu uma capacidade de ligação à rede de 50 MW.", "pt", ("RNT", 50.0)),
    ("A Vetta Compute investirá R$ 400 milhões. O ONS já emitiu parecer de acesso para 200 MW.", "pt", ("ONS", 200.0)),
    ("Vetta Compute investirà 400 milioni di euro. Retelux ha rilasciato una soluzione di connessione da 45 MW.", "it",
     ("Retelux", 45.0)),
    ("Vetta Compute invertirá 400 millones de euros. Redelux otorgó un punto de conexión de 45 MW.", "es",
     ("Redelux", 45.0)),
    ("Vetta Compute investiert 400 Millionen Euro. Netzwerk Nord reserviert 45 MW Anschlussleistung.", "de",
     ("Netzwerk Nord", 45.0)),
    ("Vetta engage 85 milliards FCFA. La Côte d'Ivoire dispose aujourd'hui d'une capacité installée d'environ 15 MW "
     "dans ses centres de données.", "fr", ("Côte d’Ivoire", 15.0)),
    # a grid operator that "gave its agreement" to a connection
    ("Vetta engage 85 milliards FCFA. Orbis-Energies a donné son accord pour un raccordement de 25 MW au réseau.", "fr",
     ("Orbis-Energies", 25.0)),
])
def test_the_firm_a_cue_names_holds_the_figure(text, lang, expected):
    assert expected in labelled_values(text, lang)


def test_a_capitalised_company_noun_inside_a_name_cuts_no_name_from_it():
    # "Utility" is a company noun ("the utility Avista"), but inside a name it is part of it
    assert org_labels("Lorenzo County People's Utility District has agreed to serve the campus with 60 megawatts.", "en") \
        == {"Lorenzo County People's Utility District"}


def test_a_great_region_opening_a_banks_name_is_no_short_name_of_it():
    # "中原" opens the bank's name and the project's: the project's figures stay the developer's
    text = ("维塔集团牵头建设中原智算中心，中原银行提供贷款20亿元。维塔集团表示，中原智算中心一期部署约1万张加速卡。"
            "中原智算中心规划用电负荷150兆瓦。")
    got = {(f[0], f[1]) for f in figures(text, ["zh"])}
    assert ("维塔集团", "power_capacity") in got and not any(s == "中原银行" and m != "loan_or_debt" for s, m in got), got


@pytest.mark.parametrize("text, lang, place, country", [
    ("Vetta Compute will invest $2 billion in a data centre campus in Johor Bahru.", "en", "johor-bahru", "MY"),
    ("维塔算力（688001）将在芜湖市投资50亿元建设智算中心。", "zh", "wuhu", "CN"),
    ("Vetta Compute investiert 2 Milliarden Euro in ein Rechenzentrum in Nordrhein-Westfalen.", "de", "nordrhein-westfalen", "DE"),
])
def test_a_town_or_region_no_table_lists_places_a_figure_in_its_country(text, lang, place, country):
    (figure,) = extract(Doc(text, [lang])).figures
    assert [p.key for p in figure.locations] == [place]
    assert gazetteer().country_of(figure.locations[0]) == country
    assert figure.subject.key == "vetta-compute" if lang != "zh" else figure.subject.label == "维塔算力"


def test_a_generated_place_owns_no_figure_and_gives_way_to_names():
    # a town from the generated lists places a figure but is never its subject
    figures_ = extract(Doc("The Johor Bahru market added 300 MW of capacity last year, Vetta Compute said.", ["en"])).figures
    assert "johor-bahru" not in {f.subject.key for f in figures_}
    # nor does it cut a name no table knows ("Wyoming" is a generated region)
    text = "The Wyoming Business Council approved a $12 million grant for Vetta Compute."
    assert "Wyoming Business Council" in {e.label for e in extract(Doc(text, ["en"])).entities}
    # a generated Korean name begins a word: "한양" (an old name of Seoul) is no place inside "BS한양"
    assert not [m for m in gazetteer().find("BS한양이 3조원을 투자한다") if m.kind == "place"]


@pytest.mark.parametrize("text, lang, unit", [
    # "DH" is the UAE dirham by itself; a story about Morocco writes Moroccan dirhams with it
    ("Vetta Compute investira 3 milliards de DH au Maroc, son premier site au Maroc.", "fr", "MAD"),
    ("Vetta Compute investira 45 milliards de FCFA à Abidjan.", "fr", "XOF"),
    # a qualified name keeps its own currency in a story about another riyal's country
    ("أعلنت شركة فيتا (VETTA) في السعودية أنها ستستثمر 1.8 مليار ريال قطري في السعودية.", "ar", "QAR"),
])
def test_a_currency_words_family_follows_the_storys_country(text, lang, unit):
    assert {f[5] for f in figures(text, [lang])} == {unit}


def test_a_bare_dollar_sign_is_the_peso_where_the_press_writes_pesos_so():
    text = ("Vetta Compute invertirá $ 2,4 billones (unos US$ 600 millones) en un centro de datos en Colombia. "
            "La empresa, que opera en Colombia desde 2019, espera ingresos de $ 300.000 millones.")
    assert {f[5] for f in figures(text, ["es"])} == {"COP"}


def test_a_bare_dollar_is_the_story_countrys_even_beside_another_dollars_prefix():
    text = ("Vetta Compute will invest $1.2b in a data centre near Invercargill, New Zealand. "
            "New Zealand's grid can take it, the company said. Across the Tasman, Australian operators have "
            "committed more than A$25b since 2024. The cost of $1.2b is roughly US$690m.")
    got = {(f[5], f[2], f[3]) for f in figures(text, ["en"])}
    assert ("NZD", 1.2e9, None) in got and ("AUD", None, 2.5e10) in got
    assert not any(unit == "AUD" and value == 1.2e9 for unit, value, _ in got)


def test_the_first_word_of_a_body_named_after_its_place_is_the_place():
    text = ("Plans lodged for £3bn campus near Brindle Cross. "
            "Vetta Compute has lodged a planning application with Brindle Cross Borough Council for a 300MW campus. "
            "Brindle Cross Borough Council will decide in June. Vetta Compute said the first phase would cost £900m.")
    assert {f[0] for f in figures(text, ["en"]) if f[5] == "GBP"} == {"vetta-compute"}


@pytest.mark.parametrize("text, lang", [
    ("SK텔레콤 주가는 전 거래일보다 8.4% 오른 7만1200원에 장을 마쳤다.", "ko"),
    ("Equinix's trust units rose 1.1 per cent to close at S$2.77 on Tuesday.", "en"),
])
def test_a_price_in_myriads_or_a_trusts_unit_price_is_a_quote(text, lang):
    assert {f[5] for f in figures(text, [lang])} == {"percent"}


def test_generated_place_names_are_latin_words_or_wholly_east_asian():
    """Names outside both kinds would be matched as bare substrings ("san・feripe", "Ḩalab"), unless
    listed by hand (`city_local_names`: the Arabic names of large cities, matched like the table's)."""
    table = gazetteer()
    rules = yaml.safe_load(ENTITIES_FILE.read_text(encoding="utf-8"))["generated_places"]
    listed = {n for names in rules["city_local_names"].values() for n in names}
    odd = [alias for alias, entities in table.by_alias_other.items()
           if any(e.generated for e in entities) and not re.fullmatch(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]+", alias)
           and alias not in listed]
    assert odd == []
    assert listed and listed <= set(table.by_alias_other)
    assert sum(e.generated for e in table.entities.values()) > 5000


def test_a_line_break_after_an_abbreviation_still_ends_the_sentence():
    text = "LES OGSÅ: Vetta Compute investerer 1,2 mrd.\n\nLån fra tre banker\n\nProsjektet koster 4 mrd. kroner."
    assert [s.text for s in split_sentences(text, ["nb"])] == [
        "LES OGSÅ: Vetta Compute investerer 1,2 mrd.", "Lån fra tre banker", "Prosjektet koster 4 mrd. kroner."]



@pytest.mark.parametrize("text, lang, expected", [
    ("Lånet er på 2,6 mrd. kr. Vardlund Sparebank bidrar med 400 mill. NOK av det.", "nb",
     ["Lånet er på 2,6 mrd. kr.", "Vardlund Sparebank bidrar med 400 mill. NOK av det."]),
    ("The plant opened on 5 Jan. Orbis said it would add a second hall.", "en",
     ["The plant opened on 5 Jan.", "Orbis said it would add a second hall."]),
    # (where every noun is capitalised, a capital after a unit proves nothing)
    ("Die Bank stellt 3 Mrd. Euro bereit.", "de", ["Die Bank stellt 3 Mrd. Euro bereit."]),
])
def test_a_capitalised_word_after_an_amounts_abbreviation_opens_a_sentence(text, lang, expected):
    assert [s.text for s in split_sentences(text, [lang])] == expected


@pytest.mark.parametrize("text, lang", [
    ("Die Vardlunder Sparkasse stellt einen Baukredit über 300 Mio. Euro bereit.", "de"),
    ("Vardlund Data bygger et datasenter. Bankfinansieringen på 2,6 mrd. kroner kommer fra tre banker.", "nb"),
    ("Vardlund Data har fått et byggelån på 900 millioner kroner.", "nb"),
])
def test_a_loan_word_ending_a_compound_makes_a_loan(text, lang):
    assert "loan_or_debt" in {f.metric for f in extract(Doc(text, [lang])).figures}


def test_a_loan_word_inside_another_word_makes_no_loan():
    text = "Vardlund Data investiert nach der Akkreditierung 300 Mio. Euro in ein Rechenzentrum."
    assert "loan_or_debt" not in {f.metric for f in extract(Doc(text, ["de"])).figures}


@pytest.mark.parametrize("text, lang, owner", [
    ("Vetta Compute costruirà il campus tramite una società partecipata al 55% da Terna e al 45% da Enel.", "it", "terna"),
    ("Die Vetta Compute AG investiert 300 Mio. Euro in ein Rechenzentrum. Vetta Compute gehört zu knapp 81 Prozent "
     "dem Axpo-Konzern. Das Unternehmen erzielte einen Umsatz von 1,3 Mrd. Euro.", "de", "axpo"),
])
def test_a_share_with_its_owner_after_it_is_the_owners(text, lang, owner):
    got = figures(text, [lang])
    assert (owner, "other") in {(f[0], f[1]) for f in got if f[5] == "percent"}
    # the owner does not become the company the next sentence speaks of
    assert all(f[0] != owner for f in got if f[5] != "percent")


def test_a_name_after_the_verb_of_a_german_sentence_is_its_subject():
    text = "An der Projektgesellschaft soll SAP 40 Prozent halten, EnBW 35 Prozent und Siemens 25 Prozent."
    assert [(f[0], f[2]) for f in figures(text, ["de"])] == [("sap", 40.0), ("enbw", 35.0), ("siemens", 25.0)]


@pytest.mark.parametrize("text", [
    "Vetta Compute raises $540 million at $5.8 billion valuation",
    "Vetta Compute raised $540 million in a round that values it at $5.8 billion.",
])
def test_a_round_and_the_valuation_it_sets_in_one_sentence(text):
    assert [(f[1], f[2]) for f in figures(text, ["en"])] == [("funding_round", 5.4e8), ("valuation", 5.8e9)]


def test_a_korean_party_named_by_its_side():
    got = figures("펀드 지분은 베타자산 측이 60%, LG CNS가 40%를 갖는다.", ["ko"])
    assert [(f[0], f[2]) for f in got] == [("베타자산", 60.0), ("lg-cns", 40.0)]


def test_the_maghreb_press_glues_its_scale_to_the_dirham():
    assert [(a[0], a[2]) for a in amounts("un budget de 450 MDH et 3,2 MMDH", "fr")] == [("450 MDH", 4.5e8), ("3,2 MMDH", 3.2e9)]
    text = "Vetta Compute investira 450 MDH au Maroc, son premier site au Maroc."
    assert {(f[5], f[2]) for f in figures(text, ["fr"])} == {("MAD", 4.5e8)}


@pytest.mark.parametrize("text, lang, holder", [
    ("Die Deutsche Telekom hält 51 Prozent der Equinix Deutschland.", "de", "deutsche-telekom"),
    ("Telefónica controla el 30% del Grupo Equinix.", "es", "telefonica"),
])
def test_a_stake_in_a_firm_is_its_holders(text, lang, holder):
    assert [f[0] for f in figures(text, [lang])] == [holder]


@pytest.mark.parametrize("text, lang, owners", [
    ("Die Gesellschaft gehört zu 51 Prozent der Vetta Energie und zu 49 Prozent der Norvik Telekom.", "de",
     ["vetta-energie", "norvik-telekom"]),
    ("La société appartient à 51 % à Vetta Énergie et à 49 % à Norvik Télécom.", "fr", ["vetta-energie", "norvik-telecom"]),
    ("La società appartiene al 51% a Vetta Energia e al 49% a Norvik Telecom.", "it", ["vetta-energia", "norvik-telecom"]),
    ("La empresa es propiedad en un 51% de Vetta Energía y en un 49% de Norvik Telecom.", "es", ["vetta-energia", "norvik-telecom"]),
])
def test_a_share_after_a_verb_of_belonging_is_the_owners(text, lang, owners):
    """ "gehört zu 51 Prozent der X": after "belongs", the word that elsewhere means "of" names the owner."""
    assert [(f[0], f[2]) for f in figures(text, [lang])] == list(zip(owners, [51.0, 49.0]))


def test_a_known_firm_word_inside_a_longer_name_gives_way():
    """ "Telekom" alone is Deutsche Telekom; "Norvik Telekom" is another firm."""
    orgs = {e.key for e in extract(Doc("Die Norvik Telekom investiert 2 Milliarden Euro. Die Telekom auch.", ["de"])).entities if e.kind == "org"}
    assert orgs == {"norvik-telekom", "deutsche-telekom"}


def test_a_country_whose_locale_cldr_lacks_does_not_stop_extraction():
    text = "Google will invest US$120 million in a data centre in Samoa, its first in Samoa. The $50 million first phase starts in 2026."
    assert {f[2] for f in figures(text, ["en"])} == {1.2e8, 5e7}


def test_a_chinese_wire_opening_name_stops_before_the_date():
    text = "维塔算力5月12日晚间公告，拟投资10亿元建设智算中心。"
    assert [f[0] for f in figures(text, ["zh"])] == ["维塔算力"]


@pytest.mark.parametrize("text", [
    '"فيتا للحوسبة" توقع عقداً لإنشاء مركز بيانات باستثمارات 300 مليون دولار',
    "وقّعت شركة فيتا للحوسبة، اليوم الأحد، عقداً لإنشاء مركز بيانات باستثمارات 300 مليون دولار.",
])
def test_an_arabic_firm_named_in_a_headline_quote_or_before_a_comma(text):
    assert [(f[0], f[2]) for f in figures(text, ["ar"])] == [("فيتا-للحوسبة", 3e8)]


def test_the_joint_company_is_no_name_after_a_company_noun():
    text = "وقّعت الشركة المشتركة، اليوم، اتفاقية قرض بقيمة 180 مليون ريال عماني."
    assert "المشتركة" not in [f[0] for f in figures(text, ["ar"])]


def test_mexican_scale_words_that_name_the_dollar():
    assert [(a[0], a[1], a[2]) for a in amounts("una inversión de 1,100 mdd y otra de 3.2 mmdd", "es")] == [
        ("1,100 mdd", "USD", 1.1e9), ("3.2 mmdd", "USD", 3.2e9)]


def test_a_single_word_firm_found_once_is_found_wherever_the_article_capitalises_it():
    text = ("Vettacomp ed Eurobyte, data center da 300 milioni\n\n"
            "Il progetto costerà 300 milioni di euro. Vettacomp fornirà l'energia. "
            "La società sarà controllata al 60% da Vettacomp. Secondo Vettacomp i lavori partiranno nel 2027.")
    assert [f[0] for f in figures(text, ["it"])][0] == "vettacomp"


@pytest.mark.parametrize("text, word, expected", [
    ("Vettacomp builds. Vettacomp pays. Secondo Vettacomp, sì.", "Vettacomp", 3),
    # a common noun set as a title, after an article
    ("The Reit will buy a site. Reit units rose. Analysts like the Reit. Reit managers agree.", "Reit", 0),
    # a town: mostly after a place preposition
    ("In Birr soll ein Campus entstehen. Die Anlage in Birr kostet viel. Birr liegt im Aargau.", "Birr", 0),
    # a common noun with a definite suffix after a prefix in capitals
    ("Telenor utvider KI-fabrikken. KI-fabrikken vokser. KI-fabrikken er liten.", "KI-fabrikken", 0),
])
def test_which_capitalised_words_count_as_written_like_a_firms_name(text, word, expected):
    from kg.extract import _occurrences

    assert _occurrences(text, word, ["in", "im", "bei"]) == expected


def test_a_quoted_name_that_begins_with_a_known_name_is_another_firm_everywhere():
    text = ('"إي آند ديجيتال" تضخ 500 مليون درهم في مركز بيانات بدبي\n\n'
            'أعلنت "إي آند ديجيتال" أن المركز سيعمل بقدرة 40 ميغاواط.')
    assert {f[0] for f in figures(text, ["ar"])} == {"إي-آند-ديجيتال"}


@pytest.mark.parametrize("text, expected", [
    ("Vetta Compute will spend R9.4bn on a campus.", [("R9.4bn", "ZAR", 9.4e9)]),
    ("Vetta Compute plans to spend N150 billion in Lagos.", [("N150 billion", "NGN", 1.5e11)]),
    ("Vetta Compute secures KSh 6.5 billion for Nairobi.", [("KSh 6.5 billion", "KES", 6.5e9)]),
    # Gulf and Egyptian abbreviations, also only before a scale
    ("Vetta Gulf arranged a KD 120 million facility.", [("KD 120 million", "KWD", 1.2e8)]),
    ("Vetta Gulf will put QR1.8 billion into the hub.", [("QR1.8 billion", "QAR", 1.8e9)]),
    ("Vetta Gulf raised SR2bn and shares closed at SR 41.5.", [("SR2bn", "SAR", 2e9)]),
    # one-letter signs only before a scale, and never after the number
    ("The DeepSeek-R1 model ran on R2 boards.", []),
    ("The site will house 23,000 Nvidia GPUs.", [("23,000 Nvidia GPUs", "count", 23000.0)]),
])
def test_african_and_gulf_currency_signs_in_english(text, expected):
    assert [(a[0], a[1], a[2]) for a in amounts(text, "en")] == expected


@pytest.mark.parametrize("lang, text, expected", [
    ("de", "Wo bis 2019 Kohle verstromt wurde, sollen ab 2031 Grafikprozessoren rechnen.", []),
    ("en", "From 2028 GPUs will fill the old turbine hall.", []),
    # a number written like a year is still a count where no period word introduces it
    ("de", "Das Werk beschäftigt 2000 Mitarbeiter.", [("2000 Mitarbeiter", "count", 2000.0)]),
])
def test_a_year_after_a_period_word_is_no_count(lang, text, expected):
    assert [(a[0], a[1], a[2]) for a in amounts(text, lang)] == expected


def test_an_arabic_loan_from_two_banks_each_with_its_share():
    # invented borrower; the banks' names hold a country's adjective ("السعودي") and are no place
    text = ("أعلنت شركة فيتا كلاود، أمس، عن مشروع مركز بيانات. "
            "وأوضحت الشركة أنها حصلت على تمويل بقيمة 4 مليارات ريال من البنك الأوربسي الوطني والبنك السعودي للحوسبة، "
            "بواقع 2 مليار ريال لكل بنك، لمدة 10 أعوام.")
    got = sorted((f[0], f[1], f[2]) for f in figures(text, ["ar"]))
    assert got == [("البنك-الأوربسي-الوطني", "loan_or_debt", 2e9), ("البنك-السعودي-للحوسبة", "loan_or_debt", 2e9),
                   ("فيتا-كلاود", "loan_or_debt", 4e9)]


def test_a_country_adjective_written_with_a_vowel_mark_is_still_the_country():
    # "العُماني" with a damma: the pattern allowed the mark, the table lookup did not (a KeyError
    # refused the whole document)
    text = "أعلنت شركة فيتا كلاود، أمس، أنها ستستثمر 290 مليون ريال عُماني في مركز بيانات بالسوق العُماني."
    assert ("فيتا-كلاود", "investment_commitment", 290e6) in {(f[0], f[1], f[2]) for f in figures(text, ["ar"])}


def test_an_investor_in_the_storys_firms_deal_is_not_the_company_after_it():
    text = ("أعلنت شركة فيتا كلاود، أمس، عن بدء مشروع مركز بيانات بقيمة 2 مليار ريال. "
            "وبموجب الاتفاقية، تستحوذ شركة أوربس القابضة، على حصة 30% في المشروع مقابل 600 مليون ريال، فيما تحتفظ فيتا كلاود بالباقي. "
            "وأوضحت الشركة أنها وقعت اتفاقية لشراء الطاقة بقدرة 100 ميغاواط.")
    assert ("فيتا-كلاود", "power_capacity", 100.0) in {(f[0], f[1], f[2]) for f in figures(text, ["ar"])}


def test_a_korean_industrial_firm_named_after_the_source_of_its_share_move():
    # invented firms ending in a firm's word ("전선" cable, "전기" electric); "한전" (KEPCO) inside a
    # word is no mention, and the name marked as subject after "에 따르면" is no reporter
    text = ("21일 한국거래소에 따르면 동해전선은 전 거래일 대비 7.4% 오른 1만8200원에 거래를 마쳤다. "
            "서진전기는 발전기 증설에 900억원을 투자한다.")
    got = {(f[0], f[1], f[2]) for f in figures(text, ["ko"])}
    assert got == {("동해전선", "stock_move", 7.4), ("서진전기", "investment_commitment", 9e10)}


def test_a_japanese_release_line_without_kana_is_japanese():
    text = ("当社は、本日開催の取締役会において、ヴェッタ計算機株式会社の設備増強について決議いたしました。\n\n"
            "(3) 取得価額：約12,400百万円\n(2) 借入金額：8,000百万円\n")
    got = {(f[1], f[2]) for f in figures(text, ["ja", "zh"])}
    assert got == {("capex", 1.24e10), ("loan_or_debt", 8e9)}


def test_a_chinese_firm_with_its_latin_name_in_brackets():
    text = "AI算力公司维塔智算（Vetta Compute）近日完成超过3亿元B轮融资。人工智能（AI）需求旺盛，年化收入已突破2亿元。"
    ex = extract(Doc(text, ["zh"]))
    assert [e.label for e in ex.entities if e.kind == "org"] == ["Vetta Compute"]
    assert {(f[1], f[3]) for f in figures(text, ["zh"])} == {("funding_round", 3e8), ("revenue", 2e8)}


def test_a_chinese_firm_called_by_its_first_two_characters_after_its_full_name():
    text = ("維達數碼控股（08888）昨日宣布，與港聯電力投資（02999）成立合營公司，投資約12億港元興建數據中心。"
            "合營公司中，港聯佔30%權益，維達佔70%。")
    got = {(f[0], f[2]) for f in figures(text, ["zh"]) if f[5] == "percent"}
    assert got == {("港聯電力投資", 30.0), ("維達數碼控股", 70.0)}


def test_a_chinese_firm_called_by_the_longest_start_of_its_name_it_is_written_alone():
    # "香港" is a place: the short name is the longest start the article writes alone, "香港大"
    text = ("香港大數碼控股（08888）昨日宣布，與港聯電力投資（02999）成立合營公司。"
            "合營公司中，港聯佔30%權益，香港大佔70%。")
    got = {(f[0], f[2]) for f in figures(text, ["zh"]) if f[5] == "percent"}
    assert got == {("港聯電力投資", 30.0), ("香港大數碼控股", 70.0)}


def test_a_hong_kong_papers_bare_yuan_carries_hong_kong_dollars_to_the_next_figure():
    text = "維達數碼控股斥約52億元建數據中心\n首期投資18億\n\n維達數碼控股（08888）昨日宣布，總投資約52億港元。"
    assert {(f[2], f[5]) for f in figures(text, ["zh"])} == {(5.2e9, "HKD"), (1.8e9, "HKD")}


def test_the_opens_an_english_name_inside_another_language():
    text = ("A Vettasol e a The Orbis Paper Company vão investir 900 milhões de euros num campus. "
            "As ações da Vettasol subiram 2,1% e as da Orbis valorizaram 0,8%.")
    got = {(f[0], f[1], f[2]) for f in figures(text, ["pt"])}
    assert ("the-orbis-paper-company", "stock_move", 0.8) in got and ("vettasol", "stock_move", 2.1) in got


def test_a_firm_before_its_verb_with_a_clitic_between():
    text = ("Le projet sera porté par une société commune. Vetta Entreprendre y apportera 60 millions "
            "d'euros en fonds propres.")
    assert [(f[0], f[2]) for f in figures(text, ["fr"])] == [("vetta-entreprendre", 6e7)]


def test_a_name_with_an_appositive_closing_the_sentence():
    text = "La société commune sera détenue à 70 % par Proximo et à 30 % par Vettaq, le fonds d'investissement liégeois."
    assert ("vettaq", 30.0) in {(f[0], f[2]) for f in figures(text, ["fr"])}


def test_a_related_header_naming_its_site_opens_furniture():
    text = ("Vetta Compute will spend $2 billion on a campus in Ohio.\n\n"
            "Related on The Server Ledger\n- Orbis Mining caps new load at 300 MW\n- Keldan raises $40 million\n")
    assert [(f[0], f[2]) for f in figures(text, ["en"])] == [("vetta-compute", 2e9)]


def test_a_figure_in_a_quoted_question_is_no_fact():
    text = ('Vetta Compute signed for 200 megawatts in Quincy. "People ask me, could you do 500 megawatts '
            'tomorrow?" said its chief executive.')
    assert [f[2] for f in figures(text, ["en"])] == [200.0]


def test_the_facility_of_a_loan_is_no_site():
    text = ("Vetta Compute said it closed a $900 million financing. Orbis Cloud Inc. has exercised an option for 120 MW at the "
            "Vetta Compute campus in Texas.\n\nConstruction starts in June. The facility comprises a $700 million term loan arranged by Keldan Bank and Sorrel Bank.")
    assert ("vetta-compute", 7e8) in {(f[0], f[2]) for f in figures(text, ["en"])}


def test_a_name_listed_with_a_firm_a_later_cue_found_is_a_firm():
    text = ("Vettalit e Orbisgas, patto da 1,4 mld per il polo di Minerbio\n\n"
            "La newco sarà partecipata al 70% da Vettalit e al 30% da Orbisgas, società delle reti del gas. "
            "Orbisgas, società delle reti del gas, verserà 150 mln di equity. Per Vettalit si tratta del primo campus.")
    got = {(f[0], f[2]) for f in figures(text, ["it"]) if f[5] == "percent"}
    assert got == {("vettalit", 70.0), ("orbisgas", 30.0)}


def test_each_of_the_lenders_named_after_the_amount_and_the_rest_from_another():
    text = ("Vettalit ha firmato un finanziamento da 500 milioni di euro: 200 mln ciascuna da Banco Orbis e Banca Keldan, "
            "i restanti 100 mln da Cassa depositi e prestiti.")
    got = {(f[0], f[2]) for f in figures(text, ["it"]) if f[2] < 5e8}
    assert got == {("banco-orbis", 2e8), ("banca-keldan", 2e8), ("cassa-depositi-prestiti", 1e8)}


def test_a_legal_name_with_a_known_name_inside_is_one_firm():
    text = "Das Gemeinschaftsunternehmen gehört zu 51 Prozent dem Vettanet-Konzern und zu 49 Prozent dem Orbis Telekom AG."
    assert ("orbis-telekom", 49.0) in {(f[0], f[2]) for f in figures(text, ["de"])}


def test_a_projects_cost_beside_the_word_for_the_country_is_no_market_figure():
    text = ("동해물산은 울진에 AI 데이터센터를 짓는다고 밝혔다. "
            "총사업비는 3조1000억원으로, 원전 인근에 들어서는 국내 첫 원전 연계형 데이터센터다.")
    assert ("동해물산", 3.1e12) in {(f[0], f[2]) for f in figures(text, ["ko"])}


def test_a_chinese_rise_after_a_clause_about_the_shares_is_a_share_move():
    text = "維達數碼控股（08888）昨日股價收報5.82港元，升3.4%；港聯電力投資（02999）收報6.71港元，微跌0.8%。"
    got = {(f[0], f[1], f[2]) for f in figures(text, ["zh"])}
    assert got == {("維達數碼控股", "stock_move", 3.4), ("港聯電力投資", "stock_move", -0.8)}
    # a measure named in its own clause stays what it is
    assert ("stock_move", 12.0) not in {(f[1], f[2]) for f in figures("維達數碼控股（08888）昨日股價上漲3%，營收成長12%。", ["zh"])}


@pytest.mark.parametrize("lang, text, expected", [
    ("zh", "合營公司中，維達佔七成權益，港聯佔三成。", [("七成", 70.0), ("三成", 30.0)]),
    ("zh", "收入中約三分之一來自海外，公司一成不变。", [("三分之一", 33.3)]),
    ("ja", "新会社にはヴェッタが六割を出資する。", [("六割", 60.0)]),
])
def test_a_share_written_as_a_word_is_a_percentage(lang, text, expected):
    assert [(a[0], a[2]) for a in amounts(text, lang) if a[1] == "percent"] == expected


def test_a_korean_amount_broken_through_is_a_lower_bound():
    assert [(a[0], a[3]) for a in amounts("가온텍은 수주잔고가 2000억원을 돌파했다고 전했다.", "ko")] == [("2000억원", 2e11)]


def test_a_german_noun_after_a_preposition_before_the_verb_is_no_firm():
    # German capitalises every noun, and a word the article also writes mid-sentence passes as a name
    text = ("Die Vettasure AG steigt als Partnerin ein. Als Partnerin steigt die Vettasure AG ein. "
            "Der Campus soll 2029 in Betrieb gehen. Im Betrieb rechnet Keldanet mit 90 Arbeitsplätzen.")
    labels = {e.label for e in extract(Doc(text, ["de"])).entities}
    assert not {"Partnerin", "Betrieb"} & labels


def test_a_german_pronoun_opening_a_sentence_is_the_firm_before():
    text = ("Die Keldanet AG baut in Thun ein Rechenzentrum. Als Partner steigt die Vettasure AG ein. "
            "Sie bringt dafür 180 Mio. Franken Eigenkapital ein.")
    assert [(f[0], f[2]) for f in figures(text, ["de"])] == [("vettasure", 1.8e8)]


def test_a_german_sentence_opening_with_den_names_no_firm():
    text = ("Den Strom liefert zu einem Teil der Verbund: Der Konzern hat einen Liefervertrag über 300 "
            "Gigawattstunden im Jahr geschlossen. Den Strom liefert der Verbund.")
    assert "den-strom" not in [e.key for e in extract(Doc(text, ["de"])).entities]


def test_a_german_list_of_names_before_a_plural_verb_are_firms():
    text = ("Vettacomp, Orbistec und Keldanet gründen ein Gemeinschaftsunternehmen. "
            "An der neuen Vetta Rechenzentrum GmbH hält Vettacomp 40 Prozent, Orbistec 35 Prozent und Keldanet 25 Prozent.")
    assert {"vettacomp", "orbistec", "keldanet"} <= {e.key for e in extract(Doc(text, ["de"])).entities}
    assert [(f[0], f[2]) for f in figures(text, ["de"])][:2] == [("vettacomp", 40.0), ("orbistec", 35.0)]


def test_a_count_of_firms_is_no_name():
    text = "Drei Stuttgarter Konzerne investieren rund 2,4 Milliarden Euro in ein Rechenzentrum."
    assert not [e for e in extract(Doc(text, ["de"])).entities if e.key.startswith("drei")]


@pytest.mark.parametrize("text, lang", [
    ("Selon le communiqué, Vettacomp et Orbistec investissent 2 milliards d'euros dans le campus.", "fr"),
    ("Según el comunicado, Vettacomp y Orbistec invertirán 2.000 millones de euros en el campus.", "es"),
])
def test_names_before_a_plural_verb_share_the_figure(text, lang):
    assert {f[0] for f in figures(text, [lang])} & {"vettacomp", "orbistec"}


def test_a_korean_target_price_in_myriads_is_a_quote():
    text = "KB증권은 베타컴퓨트 목표주가를 32만 원에서 38만 원으로 상향했다. 베타컴퓨트는 3000억원을 투자한다."
    assert [f[2] for f in figures(text, ["ko"])] == [3e11]


def test_chinese_provinces_are_found_by_their_chinese_names():
    text = "维塔算力宣布将在贵州投资50亿元建设数据中心。"
    ex = extract(Doc(text, ["zh"]))
    assert "guizhou" in {e.key for e in ex.entities} and not [e for e in ex.entities if e.label == "在贵州"]


def test_a_name_before_a_lenders_verb_is_a_firm():
    text = "The campus will cost RM5.2bil. VettaBank is providing RM2.4bil of the loan."
    assert ("vettabank", 2.4e9) in [(f[0], f[2]) for f in figures(text, ["en"])]


def test_respectively_after_a_sentence_that_listed_the_firms():
    text = ("El campus lo promueven Microsoft, el grupo Oracle y Nvidia en Aragón. "
            "Las tres compañías se repartirán el capital al 45%, 35% y 20%, respectivamente.")
    assert [(f[0], f[2]) for f in figures(text, ["es"])] == [("microsoft", 45.0), ("oracle", 35.0), ("nvidia", 20.0)]


def test_a_korean_particle_after_a_latin_name_is_no_part_of_it():
    text = "모회사 VETTA의 지난해 클라우드 부문 매출은 1960억원으로 전년 대비 18% 늘었다."
    keys = {e.key for e in extract(Doc(text, ["ko"])).entities}
    assert "vetta" in keys and not any(k.endswith("의") for k in keys)


def test_korean_public_corporations_and_a_groups_arm_with_a_latin_name():
    text = ("협약에는 한국전력공사, 한국가스공사, HJ EPC, 한국수자원공사(K-water), 가온반도체가 참여했다. "
            "핵심은 HJ EPC가 짓는 800MW 규모 발전소다. 엔비디아 AI GPU를 1만장 들인다.")
    orgs = org_labels(text, "ko")
    assert {"한국가스공사", "HJ EPC", "한국수자원공사"} <= orgs and "AI GPU" not in orgs
    # a place's name that opens a longer word ("한국" of "한국수자원공사") makes no town of the name before it
    assert not any(e.kind == "place" and e.label == "HJ EPC" for e in extract(Doc(text, ["ko"])).entities)
    assert labelled_values(text, "ko") >= {("HJ EPC", 800.0)}


@pytest.mark.parametrize("text, not_a_firm", [
    ("청주 클러스터 '전력 비상'…LNG발전·송전망에 4조원 투입", "LNG발전"),
    ("가온전력은 초고압 송전선로 건설에 1조2000억원을 투입한다.", "송전선"),
    # after a firm's name (or its end), a listed item is the firm's object: KOGAS's pipeline, KEPCO's line
    ("HJ EPC 800MW 발전소 건설…가스공사 주배관·한전 345kV 선로 2031년 완공\n\n한국가스공사는 주배관 약 40km를 새로 깐다.",
     "주배관"),
])
def test_korean_words_that_end_like_a_firm_or_are_listed_with_one_are_no_firm(text, not_a_firm):
    assert not_a_firm not in org_labels(text, "ko")


def test_one_power_in_two_units_is_one_figure():
    text = ("HJ EPC 1GW 복합발전소 건설\n\n핵심은 HJ EPC가 청주에 짓는 1,000MW 규모 복합화력발전소다.")
    assert [(f[1], f[2], f[5]) for f in figures(text, ["ko"]) if f[1] == "power_capacity"] == [("power_capacity", 1.0, "GW")]


@pytest.mark.parametrize("text, lang, builder", [
    ("A desenvolvedora Vetta Compute planeja um campus. O Banco do Nordeste aprovou financiamento de R$ 900 milhões "
     "para a Vetta Compute construir um data center de 40 megawatts em Fortaleza.", "pt", "Vetta Compute"),
    ("The developer Vetta Compute plans a campus. Atlas Bank agreed a $600 million loan to Vetta Compute to build a "
     "50 MW campus outside Leeds.", "en", "Vetta Compute"),
    # a partner "to build" with, in no loan, is no builder by purpose: the sentence's subject keeps the campus
    ("The developer Vetta Compute plans a campus. Harlow Telecom signed an agreement with Vetta Compute to build a "
     "50 MW campus outside Leeds.", "en", "Harlow Telecom"),
])
def test_the_firm_a_loan_lets_build_owns_what_it_builds(text, lang, builder):
    assert {f.subject.label for f in extract(Doc(text, [lang])).figures if f.metric == "power_capacity"} == {builder}


def test_a_currency_in_a_conversion_is_no_place():
    """ "O empreendimento, orçado em R$ 1,8 bilhão (cerca de US$ 330 milhões), terá ... 16 MW" (corpus 22's pt_2):
    the "US" of the conversion's currency is no place for the figures to belong to."""
    text = (Path(__file__).parent / "data" / "heldout22" / "pt_2.txt").read_text(encoding="utf-8")
    assert "United States" not in subject_labels(text, "pt")


def test_a_participle_and_its_agent_make_no_appositive():
    text = "Vetta Compute will build a campus. Construction, led by a contractor yet to be named, will employ about 700 people."
    assert org_labels(text, "en") == {"Vetta Compute"}


@pytest.mark.parametrize("text, name", [
    ("Der Kasseler Energieversorger Vetta Energie baut ein Rechenzentrum für 300 Millionen Euro.", "Vetta Energie"),
    ("Der Niestetaler Wechselrichter-Hersteller Vetta Solar liefert einen Speicher für 14 Millionen Euro.", "Vetta Solar"),
])
def test_german_words_that_describe_a_firm_before_its_name_are_no_part_of_it(text, name):
    assert org_labels(text, "de") == {name}


def test_a_japanese_firm_without_two_characters_inside_its_name():
    text = ("四国送配電　ＤＣ接続検討、累計80万キロワットに\n\n南海地所は29日、新拠点で６万キロワットの受電を目指すと発表した。"
            "同社の投資額は約300億円。四国電力送配電によると、接続検討の申し込みは約80万キロワットに達した。"
            "四国送配電は送変電設備に約900億円を投じる。")
    assert ("四国電力送配電", 9e10) in labelled_values(text, "ja")
    assert not any("接続検討" in label for label in org_labels(text, "ja"))


def test_a_norwegian_grid_owner_named_by_its_trade_opening_the_sentence():
    text = "Vetta Compute bygger et datasenter i Namsos. Netteier Trønderkraft har gitt tilsagn om nettilknytning på 80 MW."
    assert ("Trønderkraft", 80.0) in labelled_values(text, "nb")


def test_chinese_state_investment_firms_and_their_subscribed_capital():
    text = "华北算力股份有限公司注册资本20亿元，其中华北算力股份有限公司认缴10.2亿元；湘江新区国投认缴其余3.8亿元，持股19%。"
    got = {(f.subject.label, f.metric, f.quantity.value) for f in extract(Doc(text, ["zh"])).figures}
    assert ("湘江新区国投", "equity_investment", 3.8e8) in got
    # (10.2 x 10^8 in binary floats is 1,019,999,999.9999999; the figure is 1,020,000,000)
    assert ("华北算力股份有限公司", "equity_investment", 1.02e9) in got


@pytest.mark.parametrize("text, firm", [
    # "Co." is a legal form too, and a legal name may open with a place or its adjective
    ("The village approved the campus. Badger Transmission Co. estimates the new lines will cost $290 million.",
     "Badger Transmission"),
    ("The village approved the campus. American Transmission Co. estimates the new lines will cost $290 million.",
     "American Transmission"),
    # ... with its acronym after the legal form
    ("The village approved the campus. Wisconsin Public Transit Corp. (WPT), the Wausau-based operator, "
     "asked for $184 million in new revenue.", "Wisconsin Public Transit"),
])
def test_legal_names_that_open_with_a_place_or_end_in_co(text, firm):
    assert firm in subject_labels(text, "en")


def test_a_legal_form_ends_a_sentence_before_its_opener():
    text = ("The Cree Nation will buy a stake, backed by a guarantee from the Vetta Opportunities Corp. "
            "The Harlow Infrastructure Bank is lending C$500 million for the plant.")
    assert ("Harlow Infrastructure Bank", 5e8) in labelled_values(text, "en")


def test_chinese_our_province_is_the_story_region_and_no_place_of_its_own():
    text = ("青海绿算科技有限公司将在西宁建设算力中心，青海省提供绿电。"
            "截至今年9月底，我省新能源装机突破6000万千瓦，为我省算力产业提供支撑。")
    ex = extract(Doc(text, ["zh"]))
    assert not any("我省" in e.label for e in ex.entities)
    assert ("Qinghai", 60000.0) in {(f.subject.label, f.quantity.lower) for f in ex.figures}


def test_a_provincial_design_institute_is_no_power_company():
    text = ("国网青海省电力公司同意以330千伏接入，最大供电能力20万千瓦。"
            "设计工作由中国电建集团青海省电力设计院承担。")
    assert ("国网青海省电力公司", 200.0) in labelled_values(text, "zh")
    assert "青海省电力" not in org_labels(text, "zh")


@pytest.mark.parametrize("text, lang", [
    ("Vetta Compute Inc. is building a 40 MW campus. Asked whether a 500 MW campus was possible, the chief executive "
     "said the grid would decide.", "en"),
    ("Die Vetta Compute GmbH baut ein Rechenzentrum mit 40 Megawatt. Auf die Frage, ob auch 200 Megawatt denkbar "
     "seien, winkte der Geschäftsführer ab.", "de"),
])
def test_an_amount_in_a_reporters_question_states_nothing(text, lang):
    assert [f[2] for f in figures(text, [lang]) if f[1] == "power_capacity"] == [40.0]


def test_review_findings_of_the_twentieth_session():
    """Sentences of a second reading's own on which the session's first rules went wrong."""
    # the lender before "to build" is no builder
    text = "The developer Vetta Compute plans a campus. It secured a $600 million loan from Atlas Bank to build a 50 MW campus."
    assert "Atlas Bank" not in {f.subject.label for f in extract(Doc(text, ["en"])).figures if f.metric == "power_capacity"}
    # a number after a count of jobs with a noun of its own counts no jobs
    assert _jobs("Harlow Compute will employ 300 people and 20 diesel generators.", "en") == {(300.0, "jobs_total")}
    # a year before the phase word is no count it describes
    assert _jobs("Harlow Compute will build a campus. In 2027, construction will employ 900 people.", "en") == \
        {(900.0, "jobs_construction")}
    # the answer after a reporter's question states a figure
    text = ("Vetta Compute Inc. is building a campus. Asked whether the campus would grow, the chief executive said "
            "Vetta Compute Inc. will invest $500 million.")
    assert [f[2] for f in figures(text, ["en"])] == [5e8]
    # Korean terms in Latin letters and a Chinese bank's opinion name no firm
    assert not org_labels("ESG ETF가 인기를 끌었다. US GDP는 늘었다. 지역발전(균형) 정책을 폈다.", "ko") - {"United States"}
    assert "外资银行" not in org_labels("外资银行认为数据中心投资将增长。", "zh")


@pytest.mark.parametrize("text, lang, mover", [
    ("Wisconsin Valley Power Corp. (WVP) filed a rate case. Shares of WVP parent Badger Energy Group rose 0.6% on "
     "Wednesday.", "en", "Badger Energy Group"),
    # a short name right after a word for a parent is the parent, not the longer name it begins
    ("LS전선은 케이블을 공급한다. 이날 LS전선 모회사인 LS 주가는 2.9% 올랐다.", "ko", "LS"),
    # a financial holding company by its word ("금융지주")
    ("가온건설이 데이터센터를 짓는다. 가온증권의 모회사인 가온금융지주 주가는 1.7% 올랐다.", "ko", "가온금융지주"),
])
def test_the_parent_named_after_a_firm_is_the_one_whose_shares_moved(text, lang, mover):
    assert {f.subject.label for f in extract(Doc(text, [lang])).figures if f.metric == "stock_move"} == {mover}


def test_a_mayor_and_his_party_in_brackets_are_no_firm():
    text = ("Die Vetta Compute GmbH baut ein Rechenzentrum. Lohfeldens Bürgermeister Uwe Jäger (SPD) rechnet mit "
            "Gewerbesteuereinnahmen von rund zwei Millionen Euro.")
    ex = extract(Doc(text, ["de"]))
    assert {e.label for e in ex.entities if e.kind == "org"} == {"Vetta Compute"}
    assert "Uwe Jäger" in {e.label for e in ex.entities if e.kind == "person"}


@pytest.mark.parametrize("text, lang, expected", [
    ("Vetta Compute Inc. said the first phase would host up to 3,000 graphics processing units for a cloud service.",
     "en", ("chips", 3000.0)),
    ("가온홀딩스는 신경망처리장치(NPU) 약 1만2000장을 공급한다.", "ko", ("chips", 12000.0)),
    ("Vetta Telecom SA, qui revendique plus de 110 000 abonnés, apportera la connectivité.", "fr", ("customers", 110000.0)),
])
def test_counts_of_chips_and_subscribers_by_their_longer_names(text, lang, expected):
    assert expected in {(f[1], next(v for v in f[2:5] if v is not None)) for f in figures(text, [lang])}


@pytest.mark.parametrize("text, lang", [
    ("Vetta Compute Inc. will build a campus. Power will come from Iberdrola in Texas, which will supply 30 MW under a "
     "contract.", "en"),
    ("A Vetta Compute vai construir um campus. A energia virá dos parques eólicos da Iberdrola em Portugal, que vai "
     "fornecer 30 MW ao campus.", "pt"),
])
def test_a_relative_clause_after_a_firm_and_its_place_is_the_firms(text, lang):
    assert labelled_values(text, lang) == {("Iberdrola", 30.0)}


def test_a_grant_is_its_givers():
    text = ("Vetta Energia costruirà un data center a Genova. A questi si aggiunge un contributo a fondo perduto di "
            "12 milioni di euro della Regione Liguria, a valere sui fondi europei.")
    assert labelled_values(text, "it") == {("Regione Liguria", 1.2e7)}


def test_an_acronym_spells_a_name_whose_words_open_with_accents():
    text = "La dette est assurée par la Banque de développement des États de l'Afrique centrale (BDEAC) pour 30 milliards."
    assert "Banque de développement des États de l'Afrique centrale" in org_labels(text, "fr")


def test_a_lender_with_its_acronym_then_to_the_amount_of():
    text = ("Vetta Compute SA construit un centre. La dette est assurée par la Banque atlantique de développement (BAD), "
            "à hauteur de 30 milliards de FCFA, sur douze ans.")
    assert ("Banque atlantique de développement", 3e10) in labelled_values(text, "fr")


def test_a_name_that_opens_with_an_accented_capital():
    text = "A Ôrion Energia, braço de energia do grupo Vetta, anunciou um data center de R$ 2,3 bilhões em Manaus."
    assert ("Ôrion Energia", 2.3e9) in labelled_values(text, "pt")


def test_a_headline_acronym_takes_the_name_written_out_later():
    text = ("ÉN et Vetta Compute vont investir environ 500 millions d'euros à Colmar.\n\n"
            "Le site va renaître. Électricité du Nord (ÉN), filiale du groupe EDF, et Vetta Compute ont présenté le projet. "
            "ÉN détiendra 51 % de la société de projet.")
    assert "Électricité du Nord" in org_labels(text, "fr") and "ÉN" not in org_labels(text, "fr")


def test_korean_industries_and_etc_are_no_firm():
    text = ("IB업계 관계자는 \"리스크가 줄었다\"고 말했다. 시행사는 국내 AI 기업 등을 대상으로 임차인을 찾고 있다. "
            "가온증권은 400억원을 투자한다.")
    assert org_labels(text, "ko") == {"가온증권"}


def test_a_groups_loan_stays_a_loan_and_each_after_an_amount_splits_it():
    got = figures("Vetta Compute bygger et datasenter i Alver. DNB og Nordea låner ut til sammen 3 mrd. kr "
                  "til prosjektet, 1,5 mrd. kr hver.", ["nb"])
    assert ("vetta-compute", "loan_or_debt", 3e9) in [(f[0], f[1], f[2]) for f in got]  # (the borrower's total)
    assert sorted(f[0] for f in got if f[2] == 1.5e9) == ["dnb", "nordea"]


def test_kilowatt_hours_written_with_a_scale_are_energy_not_money():
    assert [(a[0], a[1], a[2]) for a in amounts("電力を年間約4億kWh調達する", "ja")] == [("4億kWh", "GWh", 400.0)]
    text = "ソフトバンクは3000億円を投じる。電力を年間約4億kWh調達する。蓄電池は100 kWhだ。"
    assert [(f[1], f[5]) for f in figures(text, ["ja"])] == [("investment_commitment", "JPY"), ("other", "GWh")]


@pytest.mark.parametrize("place, unit, value", [
    ("في مصر بالعين السخنة", "hectare", 10.502075),   # the Egyptian feddan, 4,200.83 m²
    ("في السعودية بالرياض", "acre", 25.0),              # translated news: "acres"
])
def test_a_feddan_is_a_feddan_in_a_story_about_egypt(place, unit, value):
    text = f"وقّعت شركة فيتا للحوسبة، اليوم، عقداً لإنشاء مركز بيانات {place}. وسيُقام المركز على مساحة ٢٥ فداناً بقدرة ٦٠ ميجاوات."
    got = [(f[5], f[2]) for f in figures(text, ["ar"]) if f[1] == "land_area"]
    assert got == [(unit, pytest.approx(value))]


def test_a_group_word_opens_a_name_and_a_shared_first_word_is_neither_firms():
    text = ("Vettano y Fermaca invertirán 3,200 mdd en un campus.\n\n"
            "Grupo Vettano y Fermaca invertirán 3,200 millones de dólares. Grupo Vettano tendrá 70% de la sociedad. "
            "La constructora del grupo, Vettano Infraestructura y Construcción (VICSA), hará la obra. "
            "Las acciones de Grupo Vettano subieron 3.1%.")
    ex = extract(Doc(text, ["es"]))
    assert "grupo-vettano" in {e.key for e in ex.entities}
    assert "Vettano" not in ex.surface_forms.get("vicsa", set())


def test_a_firm_in_a_compound_adjective_is_not_the_subject():
    text = ("Vetta Compute raised $100 million in a Series B round. "
            "The Nvidia-backed start-up is now valued at $2 billion.")
    assert {f[0] for f in figures(text, ["en"])} == {"vetta-compute"}


@pytest.mark.parametrize("text, lang", [
    ("O financiamento assenta num empréstimo de 480 M€ do BPI.", "pt"),
    ("Il finanziamento è di 480 M€ da Intesa Sanpaolo.", "it"),
])
def test_millions_of_euros_as_a_letter_and_the_sign(text, lang):
    assert [(a[0], a[1], a[2]) for a in amounts(text, lang)] == [("480 M€", "EUR", 4.8e8)]


def test_a_lenders_share_named_after_the_amount():
    text = ("A Vetta Energia vai construir o campus. O financiamento assenta num empréstimo de 480 M€, "
            "dos quais 240 M€ do Novo Banco.")
    assert ("novo-banco", "loan_or_debt", 2.4e8) in [(f[0], f[1], f[2]) for f in figures(text, ["pt"])]


def test_a_german_separable_verb_of_gain_sets_the_sign():
    text = "Die SAP-Aktie legte an der Börse um 3,4 Prozent auf 231,20 Euro zu, der DAX schloss 0,2 Prozent im Minus."
    assert figures(text, ["de"])[0][2] == 3.4


def test_a_firm_named_only_in_links_to_other_stories_is_not_the_storys_firm():
    text = ("Vetta Compute will build a campus in Ohio.\n\nConstruction starts in 2026. Local officials welcomed the plan.\n\n"
            "Costs are put at $2 billion.\n\n"
            "Also Read\n- Microsoft opens a Microsoft campus\n- Microsoft raises Microsoft capex\n")
    assert [f[0] for f in figures(text, ["en"])] == ["vetta-compute"]


def test_a_word_for_both_each_and_respectively_pairs_only_a_list_of_amounts():
    text = ("베타컴퓨트는 13일 새 데이터센터에 1조원을 투자한다고 밝혔다. "
            "베타컴퓨트와 한국투자리얼에셋운용은 각각 2550억원, 2450억원을 출자한다. "
            "대출에는 신한은행과 베타은행이 각각 2000억원을 대고, 나머지 3000억원은 오르비스은행 등 4개 금융기관이 분담한다.")
    got = [(f[0], f[2]) for f in figures(text, ["ko"])]
    assert ("한국투자리얼에셋운용", 2.45e11) in got  # a name ending in 에셋운용 is a firm
    assert sorted(k for k, v in got if v == 2e11) == ["shinhan", "베타은행"]  # 각각 before one amount: each
    assert ("오르비스은행", 3e11) in got  # the subject marked after a topical amount, through "등 4개 금융기관이"


def test_respectively_with_a_hedge_inside_the_list_of_amounts():
    text = "维塔算力拟投资约180亿元建设智算园；中国电信、世纪互联分别投资65亿元和约42亿元。"
    got = [(f[0], f[2]) for f in figures(text, ["zh"])]
    assert ("china-telecom", 6.5e9) in got and ("vnet", 4.2e9) in got


def test_an_equity_figure_in_a_story_whose_firm_was_not_found_still_extracts():
    # no firm is found here, only a place, so there is no story firm to receive the stake (this used to raise)
    assert [(f[1], f[2]) for f in figures("한국 기업들은 2450억원을 출자한다.", ["ko"])] == [("equity_investment", 2.45e11)]


@pytest.mark.parametrize("text, lang, found, not_found", [
    ("Il prestito arriva per 150 milioni da Banca di Cividale.", "it", "Banca di Cividale", None),
    ("Le pool est emmené par la Caisse d'Epargne CEPAC.", "fr", "Caisse d'Epargne CEPAC", None),
    # a name longer than the opening pattern reads, up to its acronym, is left whole
    ("O Banco Nacional de Desenvolvimento Econômico e Social (BNDES) aprovou o crédito.", "pt", None,
     "Banco Nacional de Desenvolvimento Econômico"),
    # a capitalised word before the opening word: the name began earlier
    ("Vetta Compute signed a loan with Punjab State Bank of Vettaland.", "en", None, "Bank of Vettaland"),
])
def test_a_word_that_opens_a_firms_name(text, lang, found, not_found):
    labels = org_labels(text, lang)
    assert found is None or found in labels
    assert not_found is None or not_found not in labels


def test_a_list_whose_next_name_opens_with_an_article():
    labels = org_labels("La Banque Nationale et le Mouvement Desjardins accordent un prêt de 750 M$.", "fr")
    assert {"Banque Nationale", "Mouvement Desjardins"} <= labels


def test_a_name_right_after_a_relative_pronoun_is_that_clauses_subject():
    text = ("Vetta Compute construye el campus. Para financiarlo, Vetta Compute cerró un crédito sindicado por 450 millones "
            "de dólares, en el que Banco Vetta, BancoEstado y Banco BICE aportan 150 millones de dólares cada uno.")
    got = [(f[0], f[2]) for f in figures(text, ["es"])]
    assert ("vetta-compute", 4.5e8) in got
    assert sorted(k for k, v in got if v == 1.5e8) == ["banco-bice", "banco-vetta", "bancoestado"]


def test_a_syndicate_named_after_the_loan_leaves_the_loan_to_the_borrower():
    # "die Gesellschaft" is the story's firm, and "ein Kredit über X" is a loan of X, not of more than X
    text = ("Vetta Compute baut in Dietikon. Zusätzlich hat die Gesellschaft einen Konsortialkredit über 650 Millionen Euro "
            "bei der Zürcher Kantonalbank, der UBS und der Aargauischen Kantonalbank aufgenommen.")
    assert figures(text, ["de"]) == [("vetta-compute", "loan_or_debt", 6.5e8, None, None, "EUR")]
    assert amounts("Vetta investiert über 650 Mio. Euro.", "de")[0][3] == 6.5e8  # elsewhere "über" stays a bound


def test_lenders_listed_after_a_firm_with_its_region_stay_objects():
    text = ("Vetta Compute construit un campus à Marseille. La dette est fournie par un pool emmené par le Crédit Agricole "
            "Alpes Provence et la Caisse d'Epargne CEPAC. Le site disposera d'une puissance de 40 MW.")
    assert [f[0] for f in figures(text, ["fr"]) if f[1] == "power_capacity"] == ["vetta-compute"]


@pytest.mark.parametrize("text", [
    "Vetta Compute baut in Dietikon. Beide Seiten unterzeichneten einen Liefervertrag über 1,2 Terawattstunden pro Jahr.",
    "Vetta Compute baut in Hanau: Neuer Campus mit 96 MW IT-Last.",
])
def test_a_german_determiner_or_a_generic_word_alone_names_no_firm(text):
    assert {f[0] for f in figures(text, ["de"])} == {"vetta-compute"}


def test_a_chinese_round_with_its_investors_by_their_name_words():
    text = ("「维塔算力」近日完成5亿元融资。具体出资结构上，领投方出资2亿元，启明创投与君联资本各出资1亿元，"
            "剩余约1亿元由红杉中国和部分老股东共同认购。")
    got = {(f[0], f[1], f[2]) for f in figures(text, ["zh"])}
    assert ("维塔算力", "funding_round", 5e8) in got  # a name in corner brackets with what it did
    assert {("启明创投", "equity_investment", 1e8), ("君联资本", "equity_investment", 1e8)} <= got  # 出资; 各 after the second name
    assert ("hongshan", "equity_investment", 1e8) in got  # "1亿元由红杉中国": the firm after 由 puts it in


def test_a_taiwanese_maker_behind_its_descriptor_and_banks_in_a_syndicate():
    text = ("伺服器大廠維塔電腦（9999）今年資本支出衝105億元。資金方面，維塔電腦將向兆豐銀行、台灣銀行等七家銀行籌組聯貸案，"
            "其中兆豐銀行擔任主辦行，承貸20億元。")
    got = {(f[0], f[1], f[2]) for f in figures(text, ["zh"])}
    assert ("維塔電腦", "capex", 1.05e10) in got  # not "伺服器大廠維塔電腦"
    assert ("兆豐銀行", "loan_or_debt", 2e9) in got  # not "其中兆豐銀行"


def test_page_tools_before_a_share_header_on_one_line_are_furniture():
    from kg.extract.furniture import furniture_spans

    text = "標題\n字級：小 中 大　｜　分享：Facebook　LINE\n正文。\n"
    line = "字級：小 中 大　｜　分享：Facebook　LINE\n"
    assert furniture_spans(text, [], ["分享"]) == [(text.index(line), text.index(line) + len(line))]
    link = "Lire aussi | Vetta lève 5 M€\n"
    assert furniture_spans(link, ["lire aussi"]) == [(0, len(link))]


@pytest.mark.parametrize("text, subject", [
    ("A operadora de cabos Angola Vettacom vai construir um data center de R$ 2 bilhões em Aquiraz.", "angola-vettacom"),
    # a country and letters is an association whose figures are the country's sector
    ("A associação Portugal DC estima que o país pode atrair até 25 mil milhões de euros de investimento.", "portugal"),
])
def test_a_firms_name_may_open_with_a_country(text, subject):
    assert [f[0] for f in figures(text, ["pt"])] == [subject]


def test_a_lede_that_writes_the_firms_first_word_in_capitals_and_a_described_partner():
    text = ("VETTA InfraCapital, Inc. and Singapore-based data center developer Orbis Compute will build a "
            "150-megawatt campus, a project that would cost about P52 billion (around US$900 million).\n\n"
            "Vetta InfraCapital will hold 60% of the joint venture.")
    got = [(f[0], f[1], f[2], f[5]) for f in figures(text, ["en"])]
    assert ("vetta-infracapital", "power_capacity", 150.0, "MW") in got  # the first named leads, not the described one
    assert ("vetta-infracapital", "facility_cost", 5.2e10, "PHP") in got  # the Philippine peso's "P" before a scale


def test_philippine_peso_sign_only_before_a_scale():
    assert [(a[0], a[1]) for a in amounts("shares closed at P38.50, the P30-billion loan", "en")] == [("P30-billion", "PHP")]


@pytest.mark.parametrize("lang, block", [
    ("en", "READ NEXT\n• Orbis eyes a $12 billion data center fund\n"),
    ("en", "Share: Facebook | X | LinkedIn\n"),
    ("de", "Teilen: Facebook | X\n"),
    ("fr", "Partager : Facebook | X\n"),
    ("ja", "［関連記事］\n・Orbis、知多に3000億円のDC拠点\n"),
])
def test_read_next_and_share_lines_are_furniture(lang, block):
    from kg.extract.furniture import furniture_spans

    text = "Vetta Compute will build a 40 MW campus.\n\n" + block
    spans = furniture_spans(text, pack(lang).get("furniture_headers"), pack(lang).get("page_tools"))
    assert any(s <= text.index("Facebook" if "Facebook" in block else "Orbis") < e for s, e in spans)


def test_a_share_button_alone_on_its_line_opens_no_furniture_block():
    from kg.extract.furniture import furniture_spans

    text = "Share\nVetta Compute will build a 40 MW campus.\n"
    assert furniture_spans(text, pack("en").get("furniture_headers"), pack("en").get("page_tools")) == []


def test_canadian_provinces_are_places_and_hydro_quebec_is_a_firm():
    text = "Vetta Compute will build a 400 MW campus in Parkland County, Alberta, with power from Hydro-Québec."
    ents = {e.key: e for e in extract(Doc(text, ["en"])).entities}
    assert ents["alberta"].kind == "place" and ents["alberta"].parent == "canada"
    assert ents["hydro-quebec"].kind == "org" and "quebec" not in ents


@pytest.mark.parametrize("lang, text", [
    ("en", 'Vetta Compute will build a 40 MW campus. "If a client asked us for 300 megawatts tomorrow, we could not deliver," its chief said.'),
    ("de", "Vetta Compute baut einen Campus mit 40 MW. „Wer heute 200 MW am Stück will, muss ausweichen“, sagte der Chef."),
    ("it", "Vetta Compute costruirà un campus da 40 MW. «Se volessimo affittare 100 megawatt domani troveremmo la fila», ha detto."),
    ("nb", "Vetta Compute bygger et datasenter på 40 MW.\n– Hvis vi skulle bygget 500 MW her, måtte vi hatt en ny kraftlinje."),
    ("ja", "ミナト電算工業は5日、40MWのデータセンターを建設すると発表した。担当者は「仮に100万キロワット級を1カ所で、と言われたら無理だ」と話した。"),
    ("ko", '베타컴퓨트는 13일 40MW 규모 데이터센터를 짓는다고 밝혔다. 한 관계자는 "1GW짜리를 수도권에 짓겠다는 건 불가능에 가깝다"고 말했다.'),
    # what a speaker says cannot be done, or what someone might ask for
    ("en", 'Vetta Compute will build a 40 MW campus. "You cannot put 500 megawatts on this island tomorrow," its chief said.'),
    ("fr", "Vetta Compute construira un campus de 40 MW. « On ne branche pas 1 000 mégawatts comme une bouilloire », a-t-il dit."),
    ("es", 'Vetta Compute construirá un campus de 40 MW. "No vamos a prometer 500 MW de un día para otro", dijo.'),
    ("ko", '베타컴퓨트는 13일 40MW 규모 데이터센터를 짓는다고 밝혔다. 그는 "누가 1GW를 달라고 하면 줄 수 없다"고 말했다.'),
])
def test_a_figure_a_quoted_speaker_only_imagines_is_no_fact(lang, text):
    assert [f[2] for f in figures(text, [lang]) if f[1] == "power_capacity"] == [40.0]


@pytest.mark.parametrize("text", [
    'Vetta Compute will build a campus. "We will start with 300 megawatts," its chief said.',  # quoted, no condition
    "Vetta Compute said it would build a 300 MW campus if the grid connection is approved.",  # a condition, not quoted
])
def test_a_quoted_plan_or_a_reported_condition_stays_a_fact(text):
    assert [f[2] for f in figures(text, ["en"]) if f[1] == "power_capacity"] == [300.0]


def test_quotation_marks_pair_within_a_paragraph_and_a_dash_opens_a_quote():
    from kg.extract.quotes import quote_spans

    text = "Er sagte: „Wir bauen 40 MW“ und «ging».\n– Vi bygger.\nEnde „offen"
    got = [text[s:e] for s, e in quote_spans(text, dash_dialogue=True)]
    assert got == ["Wir bauen 40 MW", "ging", "– Vi bygger.", "offen"]
    assert "– Vi bygger." not in [text[s:e] for s, e in quote_spans(text)]  # a dash is a bullet where no pack says otherwise


def test_a_loan_from_listed_lenders_with_each_bank_extending_a_share():
    text = ("Vetta Compute will build a campus. The partners have lined up a P30-billion project loan from "
            "Orbis Unibank, Inc. and Calder Bank & Trust, Inc. (Calderbank), with each bank extending P15 billion.")
    got = sorted((f[0], f[2]) for f in figures(text, ["en"]))
    # the legal form after a comma, "&" inside a name; all firms lenders: the loan is the story firm's
    assert got == [("calder-bank-trust", 1.5e10), ("orbis-unibank", 1.5e10), ("vetta-compute", 3e10)]


def test_a_norwegian_loan_from_two_nordic_banks_each():
    text = ("Vetta Compute bygger et datasenter. Finansieringen består av et lån på 5,5 mrd. kroner fra Nordea og "
            "Handelsbanken, som stiller med 2,75 mrd. kr hver.")
    got = sorted((f[0], f[2]) for f in figures(text, ["nb"]))
    assert got == [("handelsbanken", 2.75e9), ("nordea", 2.75e9), ("vetta-compute", 5.5e9)]


@pytest.mark.parametrize("lang, text, moves", [
    ("en", "Vetta Compute said it will build a campus. Its shares rose 4.1% on Monday. The benchmark PSEi added 0.5%.", [4.1]),
    ("de", "Vetta Compute baut in Graz. Die Vetta-Aktie legte um 3,4 Prozent zu, der ATX schloss 0,2 Prozent im Minus.", [3.4]),
    ("en", "Vetta Compute said it will build a campus. Vetta Compute's Nasdaq-listed shares rose 7.5%.", [7.5]),  # a listing
    ("es", "Vetta Compute construye un campus. Las acciones de Vetta Compute subían un 1,9% en un Ibex 35 plano.", [1.9]),
    ("pt", "A Vetta Compute comprou um data center por R$ 400 milhões. As ações da Vetta Compute subiram 1,6%, enquanto o IFIX "
     "avançou 0,3%.", [1.6]),
])
def test_a_stock_indexs_move_is_no_firms_figure(lang, text, moves):
    assert [abs(f[2]) for f in figures(text, [lang]) if f[5] == "percent"] == moves


def test_korean_group_firms_by_their_hangul_names():
    text = ("한화에너지는 13일 당진에 데이터센터를 짓는다고 밝혔다. 이날 포스코인터내셔널 주가는 전 거래일보다 5.2% 오른 "
            "4만8900원에 거래를 마쳤다. 한화솔루션도 2.1% 상승했다.")
    got = {(f[0], f[2]) for f in figures(text, ["ko"]) if f[5] == "percent"}
    assert got == {("posco-international", 5.2), ("hanwha-solutions", 2.1)}


def test_review_findings_of_the_seventh_session():
    # an index word inside a firm's name is the firm ("Index Ventures"), not a stock index
    assert [f[2] for f in figures("Index Ventures took a 15% stake in Vetta Compute.", ["en"])] == [15.0]
    # a condition closed after the figure, inside the quote (French)
    text = "Vetta Compute construit un campus de 40 MW. « Un campus de 500 MW au charbon, personne n'en voudrait », dit-il."
    assert [f[2] for f in figures(text, ["fr"]) if f[1] == "power_capacity"] == [40.0]
    # "Co." before a county is no legal form: "Ennis" is no firm
    keys = {e.key for e in extract(Doc("Vetta Compute will build a 40 MW campus in Ennis, Co. Clare.", ["en"])).entities}
    assert "ennis" not in keys


@pytest.mark.parametrize("text, unit", [
    ("Vetta Compute will invest Tk 4,200 crore in a data centre near Dhaka.", "BDT"),
    ("Vetta Compute raised Sh2.6 billion for its Nairobi campus.", "KES"),
    ("Vetta Compute will spend Rs 12 billion on a data centre in Lahore, Pakistan.", "PKR"),
    ("Vetta Compute will spend Rs 12 billion on a data centre in Pune.", "INR"),
])
def test_south_asian_and_east_african_currency_signs(text, unit):
    """ "Tk" is the taka, "Sh" the Kenyan shilling, "Rs" the Pakistani rupee in a story about Pakistan."""
    assert [f[5] for f in figures(text, ["en"])] == [unit]


def test_a_name_ending_in_a_firm_word_that_goes_on_is_a_sites():
    """ "Vetta Digital Park" is the park of Vetta Group, not a firm called "Vetta Digital"."""
    text = "Vetta Group will invest $300 million in a data centre park. The project, to be called Vetta Digital Park, will draw 60MW."
    orgs = {e.key for e in extract(Doc(text, ["en"])).entities if e.kind == "org"}
    assert orgs == {"vetta-group"}
    assert {f[0] for f in figures(text, ["en"])} == {"vetta-group"}


def test_a_korean_group_name_with_latin_capitals_is_another_firm():
    """ "삼성SDI" is not Samsung; "SNE리서치에 따르면": the particle belongs to "according to"."""
    got = figures("베타SDI는 북미 운영사와 1조3천400억원 규모의 배터리 공급 계약을 체결했다.", ["ko"])
    assert [f[0] for f in got] == ["베타sdi"]
    orgs = [e.label for e in extract(Doc("시장조사업체 SNE리서치에 따르면 시장 규모는 2030년 420억달러로 커진다.", ["ko"])).entities
            if e.kind == "org"]
    assert orgs == ["SNE리서치"]


def test_romance_verbs_of_selling_holding_and_reporting_name_their_subject():
    """ "Orbisnet ha realizzato ricavi", "Vettacom cede": the verb lists (subject_verbs) hold the
    verbs of deals and results too; a stock index before a verb is no firm."""
    text = ("Vettacom cede Orbisnet a un fondo. Nel 2025 Orbisnet ha realizzato ricavi per 212 milioni di euro. "
            "Il titolo è salito del 3%, mentre il Ftse Mib ha ceduto lo 0,2%.")
    got = figures(text, ["it"])
    assert [(f[0], f[1], f[2]) for f in got] == [("orbisnet", "revenue", 2.12e8), ("orbisnet", "stock_move", 3.0)]


def test_a_release_header_names_its_issuer_as_the_story_firm():
    """ "会社名　ヴェッタ株式会社": the issuer of a 適時開示 release is its firm, however often the
    partner is named; "当社は" opening a sentence is that issuer."""
    text = ("会社名　ヴェッタ株式会社\n代表者名　代表取締役社長　山田 太郎\n\n"
            "オルビス商事株式会社との資本業務提携に関するお知らせ\n\n"
            "当社は、オルビス商事株式会社（以下「オルビス商事」）と資本業務提携契約を締結しました。"
            "オルビス商事は当社の株式を取得します。オルビス商事との協議は続きます。\n"
            "当社は、データセンターの増設に30億円を投資する予定です。\n")
    got = figures(text, ["ja"])
    assert [(f[0], f[2]) for f in got] == [("ヴェッタ", 3e9)]


def test_a_hong_kong_filing_names_its_issuer_and_short_names():
    """A Hong Kong filing: the issuer on a line above its stock code, short names defined in
    brackets ("（「維達附屬公司」）" is the issuer's subsidiary), "兩間銀行" no bank's name."""
    text = ("維達電訊有限公司\n（於開曼群島註冊成立的有限公司）\n（股份代號：9988）\n\n"
            "本公司之全資附屬公司維達電訊數據控股有限公司（「維達電訊附屬公司」）與奧比斯置業基金（「奧比斯」）訂立合營協議。\n"
            "合營公司已取得兩間銀行之承諾函，兩間銀行各提供1,950百萬港元。\n")
    orgs = {e.label for e in extract(Doc(text, ["zh"])).entities if e.kind == "org"}
    assert {"維達電訊", "奧比斯"} <= orgs and not any("銀行" in o for o in orgs)


def test_a_known_han_name_cut_from_a_longer_firm_name_is_no_mention():
    """ "中華電" is Chunghwa Telecom, but not inside "中華電力" (a firm's word runs on past it)."""
    orgs = {e.key for e in extract(Doc("中華電力有限公司原則上同意供電。中華電表示將投資50億元。", ["zh"])).entities if e.kind == "org"}
    assert "chunghwa-telecom" in orgs
    orgs = {e.key for e in extract(Doc("中華電力有限公司原則上同意供電。", ["zh"])).entities if e.kind == "org"}
    assert "chunghwa-telecom" not in orgs


def test_arabic_firms_by_their_chief_executive_their_share_and_a_partner():
    """ "شركة فيتا للحوسبة القابضة وشركة ..." (two firms signing), "الرئيس التنفيذي لفيتا للحوسبة،"
    and "ارتفع سهم أوربيس نت بنسبة" name firms no table knows; "للشركة المشتركة" is none."""
    text = ("وقّعت شركة فيتا للحوسبة القابضة وشركة أوربيس نت للخدمات الرقمية عقد تأسيس شركة مشتركة. "
            "وقال الرئيس التنفيذي لفيتا للحوسبة، سامي يوسف، إن المشروع سيبدأ قريبا. "
            "وقال الرئيس التنفيذي للشركة المشتركة، خالد علي، إن الطلب كبير. "
            "وارتفع سهم أوربيس نت بنسبة 2.5% في البورصة.")
    orgs = {e.label for e in extract(Doc(text, ["ar"])).entities if e.kind == "org"}
    assert orgs == {"فيتا للحوسبة", "أوربيس نت"}


def test_the_project_after_a_loan_banks_sign_is_the_story_firms():
    """ "Orbis Bank and Banco Norvik signed a loan. The project will cover 20 hectares": the banks
    lend; the project is still the firm's (common.yaml `bank_words`, whole words: "RackBank" is none)."""
    text = ("Vetta Compute will build a 40MW campus in Leeds, its first in Britain. "
            "Orbis Bank and Banco Norvik signed a $300 million loan for it. The project will cover 20 hectares.")
    assert [(f[0], f[1]) for f in figures(text, ["en"])][-1] == ("vetta-compute", "land_area")


@pytest.mark.parametrize("text, lang", [
    ("Vetta Compute will invest $2 billion; power there costs $45 per MWh.", "en"),
    ("Vetta Compute investiert 2 Milliarden Euro; das Grundstück kostet 52 Euro je Quadratmeter.", "de"),
    ("Vetta Compute investira 2 milliards d'euros ; le terrain est vendu 52 euros le m².", "fr"),
    # per a thing that is no unit (rate_nouns): a share, a month
    ("O Vetta FII investirá R$ 2 bilhões e estima acrescentar R$ 0,07 por cota ao rendimento mensal.", "pt"),
    ("Vetta Compute will invest $2 billion; the average household there pays about $143 a month for power.", "en"),
])
def test_money_per_unit_without_a_scale_is_a_rate(text, lang):
    """ "52 Euro je Quadratmeter", "$45 per MWh": a land price or a tariff, no figure (per_unit_markers)."""
    assert [f[2] for f in figures(text, [lang])] == [2e9]


@pytest.mark.parametrize("text, lang", [
    ("Die Stadt Orbisfeld verkauft 28 Hektar an den Betreiber Equinix.", "de"),
    ("Orbis County sold 120 acres to Equinix last week.", "en"),
    ("La commune d'Orbisville a vendu 12 hectares à Equinix.", "fr"),
])
def test_land_in_a_sale_is_the_buyers(text, lang):
    """ "Stadt verkauft 28 Hektar an Colt": the land goes to the firm after the buyer marker (sale)."""
    assert [f[0] for f in figures(text, [lang])] == ["equinix"]


def test_a_first_word_a_cue_found_alone_still_spreads_to_its_long_name():
    """ "A Vettara pretende ..." (a cue finds "Vettara" alone) does not stop "da Vettara" and "na
    Vettara" from being Vettara Data Centers, the story's firm, named more than the bank."""
    text = ("BNDES aprova R$ 1,9 bi para campus da Vettara em Uberlândia\n\n"
            "A Vettara Data Centers vai construir um campus com investimento de R$ 7,2 bilhões. "
            "A DigitalBridge vai aportar R$ 1,5 bilhão na Vettara. O CEO da Vettara falou. "
            "A Vettara pretende gastar R$ 900 milhões. O BNDES aprovou um empréstimo.\n\n"
            "A construção deve empregar 3 mil pessoas no pico das obras.")
    got = figures(text, ["pt"])
    assert [f[0] for f in got if f[1].startswith("jobs")] == ["vettara-data-centers"]


def test_a_name_after_an_honorific_is_no_firm():
    """ "Mr Otieno said": a person (common.yaml `honorifics`), not a firm that gets the figures."""
    text = "Vetta Compute will build a 40MW campus in Nairobi. Mr Otieno said a cloud provider signed for 15MW."
    assert {f[0] for f in figures(text, ["en"])} == {"vetta-compute"}


def test_an_investor_named_in_sentence_case_with_its_acronym_is_found_and_is_no_company():
    """ "Société nationale de crédit et d'investissement (SNCI)": the initials spell the acronym, so
    it is a firm; "crédit" inside its name makes no loan; its ticket in the story firm's round does
    not make it "la société" of the next sentence."""
    text = ("La start-up luxembourgeoise Vettacloud lève 180 millions d'euros pour son cloud souverain. "
            "La Société nationale de crédit et d'investissement (SNCI) investit 30 millions dans le tour. "
            "Lors de son précédent tour, la société avait levé 80 millions de dollars.")
    got = figures(text, ["fr"])
    assert ("snci", "equity_investment", 3e7) in [(f[0], f[1], f[2]) for f in got]
    assert [f[0] for f in got if f[2] == 8e7] == ["vettacloud"]


def test_korean_project_companies_insurers_and_arrangers():
    """ "'베타AI데이터센터PFV'는 오르비스증권 주관으로 ...": the project company borrows, the arranger lends
    nothing of its own; "베타생명은 ... 4000억원을 맡았다": an insurer by its name word."""
    text = ("베타건설이 최대주주로 참여한 '베타AI데이터센터PFV'는 오르비스증권 주관으로 1조4000억원 규모 PF 대출 약정을 맺었다. "
            "베타생명은 선순위 가운데 4000억원을 맡았다.")
    got = figures(text, ["ko"])
    assert [(f[0], f[2]) for f in got] == [("베타ai데이터센터pfv", 1.4e12), ("베타생명", 4e11)]


def test_a_longer_han_name_starting_inside_a_shorter_match_wins():
    """ "其中国开行提供40亿元": 其中 ("of which") + 国开行 (China Development Bank), not 中国 (China)."""
    orgs = [e.key for e in extract(Doc("项目贷款90亿元，其中国开行提供40亿元。", ["zh"])).entities if e.kind in ("org", "place")]
    assert orgs == ["china-development-bank"]


def test_the_leader_a_chinese_sentence_names_gets_the_project_total():
    """ "腾讯牵头、华为配套设备的智算集群开工，总投资约180亿元": the leader's (lead_markers)."""
    got = figures("腾讯牵头、华为配套设备的智算集群开工，总投资约180亿元。", ["zh"])
    assert [(f[0], f[2]) for f in got] == [("tencent", 1.8e10)]


def test_an_exchange_rate_an_adr_price_and_a_named_index_are_no_figures():
    """ "a $ 1.415 por dólar" is a rate, "los ADR ... hasta US$ 2.045" a price, "el S&P Merval" no firm."""
    text = ("Microsoft invertirá US$ 2.400 millones en Chubut. Los ADR de Microsoft subieron 2,1% hasta US$ 2.045, "
            "mientras que el S&P Merval cayó 0,8%. (Conversiones a $ 1.415 por dólar.)")
    assert [(f[0], f[1], f[2]) for f in figures(text, ["es"])] == [
        ("microsoft", "investment_commitment", 2.4e9), ("microsoft", "stock_move", 2.1)]


def test_a_name_ending_in_a_firm_word_goes_on_after_a_particle():
    """ "O "Campus Digital do Sado" terá 180 MW": the name runs on through "do" and a capitalised word."""
    orgs = [e.label for e in extract(Doc('O "Campus Digital do Sado" terá capacidade para 180 MW.', ["pt"])).entities if e.kind == "org"]
    assert orgs == ["Campus Digital do Sado"]


def test_a_japanese_place_before_a_firm_word_begins_a_firms_name():
    """ "東京建物が60％": 東京 + 建物 is Tokyo Tatemono's name, not Tokyo (org_cues.firm_words)."""
    got = figures("事業会社の出資比率は大阪建物が60％、富士通が40％。", ["ja"])
    assert [(f[0], f[2]) for f in got] == [("大阪建物", 60.0), ("fujitsu", 40.0)]


def test_a_gapped_second_clause_names_a_firm_no_table_knows():
    """ "Nvidia investit 30 millions d'euros et Vettabank 25 millions": the verb is left out of the
    second clause; the name before the amount is its firm (not "Polaris Forge 2 near ...")."""
    text = "Le tour est mené par Microsoft. Nvidia investit 30 millions d'euros et Vettabank 25 millions, selon Vettabank."
    assert [(f[0], f[2]) for f in figures(text, ["fr"])] == [("nvidia", 3e7), ("vettabank", 2.5e7)]
    text = "Its second campus, Polaris Forge 2 near Harwood, will draw 180 MW, Microsoft said."
    assert "polaris-forge" not in {e.key for e in extract(Doc(text, ["en"])).entities}


def test_an_acronym_opening_a_sentence_stays_in_the_name():
    """ "SP Energy Networks will build ...": an acronym opening the sentence is part of the name."""
    orgs = {e.label for e in extract(Doc("VT Energy Networks will build a substation at a cost of £120m.", ["en"])).entities
            if e.kind == "org"}
    assert orgs == {"VT Energy Networks"}


def test_a_chinese_exchange_rate_is_no_figure():
    """ "新台幣昨天收在32.45元兌1美元": a rate, neither 32.45 TWD nor 1 USD is a figure."""
    got = figures("鸿海将投资1,850亿元新台币。新台幣昨天收在32.45元兌1美元。", ["zh"])
    assert [f[2] for f in got] == [1.85e11]


def test_a_german_name_ending_in_a_firm_word_before_a_noun_stays_a_name():
    """Every German noun is capitalised: "Nordwind Capital Milliarden" does not make the name a site's."""
    orgs = {e.label for e in extract(Doc("Nun investiert Nordwind Capital Milliarden in Rechenzentren.", ["de"])).entities
            if e.kind == "org"}
    assert orgs == {"Nordwind Capital"}


@pytest.mark.parametrize("text, lang, key, value", [
    # the exchange named, no word for the shares
    ("Vetta Compute a annoncé un campus à Lyon. À la Bourse de Paris, Vetta Compute a gagné 2,4 % à 31,20 euros.",
     "fr", "vetta-compute", 2.4),
    ("Vetta Compute baut in Hanau. An der Börse legte Vetta Compute am Dienstag 1,7 Prozent zu.", "de", "vetta-compute", 1.7),
    # a price after the move: the sentence is about the shares
    ("Vetta Compute will build in Ohio. Listed rival Norvale Data slipped 2.2 per cent to $14.35.", "en", "norvale-data", -2.2),
    ("Vetta Compute construirá en Toledo. Norvale Data S.A. subió ayer un 1,4%, hasta 12,85 euros.", "es", "norvale-data", 1.4),
])
def test_a_rise_on_the_exchange_or_to_a_quoted_price_is_a_stock_move(text, lang, key, value):
    got = figures(text, [lang])
    assert (key, "stock_move", value) in {f[:3] for f in got}
    assert not any(f[1] != "stock_move" and f[2] in (31.2, 14.35, 12.85) for f in got)  # the price is no figure


def test_a_rise_after_a_stock_move_in_the_same_paragraph_is_one_too():
    text = ("Vetta Compute construirá en Toledo.\n\nEn bolsa, las acciones de Norvale Data subieron un 2,8%, hasta 17,40 euros. "
            "Vetta Compute avanzó un 1,9%.")
    assert ("vetta-compute", "stock_move", 1.9) in {f[:3] for f in figures(text, ["es"])}


@pytest.mark.parametrize("text, lang", [
    ("Vetta Compute will build in Ohio. Vetta Compute shares have gained 41% so far this year.", "en"),
    ("Vetta Compute construit à Lyon. Depuis le début de l'année, le titre Vetta Compute recule de 9 %.", "fr"),
])
def test_a_share_change_over_a_stretch_of_time_is_a_growth_rate(text, lang):
    assert {f[1] for f in figures(text, [lang]) if f[5] == "percent"} == {"growth_rate"}


@pytest.mark.parametrize("text, lang, key", [
    ("Die 7Seas Compute AG investiert 40 Mio. Euro in Hanau.", "de", "7seas-compute"),  # a name opening with a digit
    ("Lisbon gets a campus. Vetta Data Centers Europe will invest $300 million there.", "en", "vetta-data-centers-europe"),
    ("Der Entwickler Vetta Data Centers Europe und die Stadtwerke Hanau investieren 400 Millionen Euro.", "de",
     "vetta-data-centers-europe"),  # a regional arm
])
def test_names_a_pattern_finds_whole(text, lang, key):
    assert key in {f[0] for f in figures(text, [lang])}


def test_a_place_in_a_compound_owns_no_figure():
    text = ("Die Vetta Motoren AG steigert den Umsatz. Den größten Auftrag meldete Vetta im Dezember: Ein nicht "
            "genannter US-Rechenzentrumsbetreiber bestellte Aggregate mit zusammen rund 96 MW.")
    assert ("vetta-motoren", "power_capacity", 96.0) in {f[:3] for f in figures(text, ["de"])}


def test_a_known_place_is_no_name_inside_a_word_that_goes_on_in_capitals():
    ex = extract(Doc("Die HessenKB übernimmt 500 Millionen Euro, Bayern bekommt den Campus.", ["de"]))
    keys = {e.key for e in ex.entities}
    assert "hessenkb" in keys and "bavaria" in keys and "hesse" not in keys


def test_a_chinese_paper_names_a_firm_after_its_kind_with_a_latin_name_and_writes_it_again():
    text = ("本地发展商维塔置业（VTP）与产业发展商OMB星辰（OMB Stellar）昨天宣布建设园区，投资约30亿令吉。"
            "OMB星辰在马股盘中一度大涨6%。（汇率：1新元兑3.28令吉）")
    got = figures(text, ["zh"])
    assert {e.key for e in extract(Doc(text, ["zh"])).entities} >= {"vtp", "omb-stellar"}
    assert ("investment_commitment", 3e9, "MYR") in {(f[1], f[2], f[5]) for f in got}
    assert ("omb-stellar", "stock_move", 6.0) in {f[:3] for f in got}
    assert not any(f[2] in (1.0, 3.28) for f in got)  # an exchange rate is no figure


@pytest.mark.parametrize("text, lang, unit", [
    ("وقعت شركة فيتا للحوسبة، أمس، اتفاقاً في الجزائر لبناء أكبر مركز بيانات في الجزائر بتكلفة 32 مليار دينار.", "ar", "DZD"),
    ("أعلنت شركة فيتا للحوسبة، أمس، عن أكبر مركز بيانات في الأردن بتكلفة 75 مليون دينار في شمال الأردن.", "ar", "JOD"),
    ("Vetta Compute investira 32 milliards de dinars à Tunis, en Tunisie.", "fr", "TND"),
])
def test_a_bare_dinar_is_the_currency_of_the_country_of_the_story(text, lang, unit):
    assert unit in {f[5] for f in figures(text, [lang])}


def test_arabic_firms_listed_with_their_kind_and_an_exchange_rate():
    text = ("وقّعت كل من شركة فيتا للحوسبة ومجمع نورغاز والصندوق الوطني للاستثمار اتفاق شراكة بقيمة 95 مليار دينار "
            "في الجزائر. * سعر الصرف المعتمد: 134 ديناراً للدولار.")
    ex = extract(Doc(text, ["ar"]))
    assert {e.label for e in ex.entities if e.kind == "org"} >= {"فيتا للحوسبة", "نورغاز", "الصندوق الوطني للاستثمار"}
    assert not any(f.quantity.value == 134 for f in ex.figures)


def test_korean_names_listed_with_a_found_firm_written_in_brackets_or_after_the_country():
    text = ("비타전자·한국동부발전·스카이리버 투자협약\n\n"
            "비타전자와 한국동부발전, 미국계 투자사 스카이리버(Skyriver Capital)는 22일 데이터센터 투자협약을 맺었다. "
            "비타전자는 1조2000억원을 투자한다. 스카이리버는 약 3억달러를 출자할 계획이다. "
            "동부발전은 발전소에서 100MW를 직접 공급한다. 코람바자산신탁이 리츠를 설립한다.")
    ex = extract(Doc(text, ["ko"]))
    labels = {e.label for e in ex.entities if e.kind == "org"}
    assert {"비타전자", "한국동부발전", "코람바자산신탁"} <= labels and "동부발전" not in labels
    got = {(f.subject.label, f.metric, f.quantity.value) for f in ex.figures}
    assert ("비타전자", "investment_commitment", 1.2e12) in got
    assert ("Skyriver Capital", "equity_investment", 3e8) in got or ("Skyriver Capital", "investment_commitment", 3e8) in got
    assert ("한국동부발전", "power_capacity", 100.0) in got


def test_chinese_groups_listed_by_their_word_and_a_place_written_without_its_suffix():
    text = ("活动现场，湖南省云算集团与北岭城投集团签署维塔智算中心项目合资协议，该项目总投资约86亿元。"
            "根据协议，项目公司由湖南云算集团持股49%、北岭城投集团持股31%、维塔控股集团持股20%。")
    ex = extract(Doc(text, ["zh"]))
    got = {(f.subject.label, f.metric, f.quantity.value) for f in ex.figures}
    assert ("北岭城投集团", "other", 31.0) in got and ("维塔控股集团", "other", 20.0) in got
    assert ("湖南省云算集团", "other", 49.0) in got  # "湖南云算集团" is the "湖南省云算集团" named before


def test_a_known_firm_before_a_country_is_its_national_company():
    text = ("Orange Côte d'Ivoire a réservé 4 MW dans le campus de Vetta Compute. L'action d'Orange a gagné 2,3 % vendredi "
            "à la Bourse d'Abidjan. Pour mémoire, la parité fixe est de 1 euro pour 655,957 FCFA.")
    ex = extract(Doc(text, ["fr"]))
    got = {(f.subject.label, f.metric, f.quantity.value) for f in ex.figures}
    assert ("Orange Côte d'Ivoire", "stock_move", 2.3) in got  # the article's "Orange" is that company
    # the place as papers type it, with a straight apostrophe
    assert "cote-divoire" in {e.key for e in extract(Doc("Vetta Compute investit en Côte d'Ivoire.", ["fr"])).entities}
    assert not any(f.quantity.value in (1.0, 655.957) for f in ex.figures)  # an exchange rate


def test_an_initial_glued_to_a_name_and_the_thai_baht():
    text = ("Vetta Compute will build a campus near Rayong. K.Siam Power, which runs gas plants in the estate, will supply "
            "up to 150MW. The campus will cost Bt42 billion (about US$1.27 billion).")
    got = figures(text, ["en"])
    assert ("k-siam-power", "power_capacity", None, None, 150.0, "MW") in got
    assert any(f[2] == 42e9 and f[5] == "THB" for f in got)


def test_a_stock_box_row_is_furniture():
    text = ("Vetta Compute will build in Rayong. Vetta Compute shares rose 4.6% to close at Bt24.90 yesterday.\n\nSTOCK BOX (close)\n"
            "VETTA   24.90   +1.10   (+4.62%)\nSET   1,402.15   +6.30\n")
    got = figures(text, ["en"])
    assert ("vetta-compute", "stock_move", 4.6) in {f[:3] for f in got}
    assert not any(f[2] in (4.62, 1.1, 1402.15) for f in got)


def test_a_correction_retracts_the_figure_it_quotes():
    text = ("Vetta Compute will build on a 42-acre plot in Leeds. "
            "Correction: An earlier version of this item said Orbis Capital invested $50 million.")
    assert not any(f[2] == 5e7 for f in figures(text, ["en"]))


def test_each_item_of_a_roundup_is_about_its_own_firm():
    text = ("The week in data centres\n\n1. Vetta Compute wins consent in Leeds\n\n"
            "Vetta Compute has secured planning permission for a campus in Leeds. Vetta Compute will invest £1.5bn there. "
            "Vetta Compute said talks with tenants were under way, and Vetta Compute expects a decision soon.\n\n"
            "2. Orbis Edge refinances\n\nRegional operator Orbis Edge has refinanced its debt. Its sites lie in the north. Demand there is "
            "strong. Work starts in spring. The money will fund 24MW of new capacity.\n")
    got = {f[:3] for f in figures(text, ["en"])}
    assert ("orbis-edge", "power_capacity", 24.0) in got and ("vetta-compute", "investment_commitment", 1.5e9) in got


def test_a_quebec_paper_marking_its_dollar_once_writes_bare_dollars_in_it():
    text = ("La caisse de retraite Vetta Capital mène une ronde de financement de 1,4 milliard $ dans Orbis Data à Montréal, "
            "au Québec. Les montants en euros sont convertis au taux de 1,61 $ CA par euro. "
            "La transaction valorise Orbis Data à environ 4,2 milliards $ après financement.")
    got = figures(text, ["fr"])
    assert any(f[1] == "funding_round" and f[2] == 1.4e9 and f[5] == "CAD" for f in got)
    assert any(f[1] == "valuation" and f[2] == 4.2e9 and f[5] == "CAD" for f in got)


def test_a_local_papers_bare_dollar_is_its_countrys_when_it_names_no_us_place():
    text = ("Vetta Compute will build a $480 million data centre at Boyer, north-west of Hobart. "
            "The first stage, the largest in Australia, will cost about $190 million.")
    assert {f[5] for f in figures(text, ["en"])} == {"AUD"}
    # (a story naming a US place keeps the US dollar: "a US story that mentions Canada")
    text = ("Vetta Compute of Dallas, Texas will build a $480 million data centre at Boyer, north-west of Hobart, Australia.")
    assert {f[5] for f in figures(text, ["en"])} == {"USD"}


def test_taiwan_writes_the_kilowatt_as_one_character():
    text = "台電表示，2030年前可再供應資料中心的電力約180萬瓩，北部新增可供容量約60萬瓩。"
    assert {(f[1], f[2], f[5]) for f in figures(text, ["zh"])} == {("power_capacity", 1800.0, "MW"), ("power_capacity", 600.0, "MW")}


def test_a_smaller_city_whose_name_is_no_word_of_any_language_is_a_place():
    got = {e.label for e in extract(Doc("Vetta Compute will build a data centre in Windhoek and another in Hobart.", ["en"])).entities
           if e.kind == "place"}
    assert {"Windhoek", "Hobart"} <= got
    # (not a name that a language writes as a word: "Natal" is Christmas in Portuguese)
    got = {e.label for e in extract(Doc("A Vetta Energia vai investir no Natal.", ["pt"])).entities if e.kind == "place"}
    assert "Natal" not in got


@pytest.mark.parametrize("text, lang, unit", [
    ("A Vetta Telecom vai investir 2,2 mil milhões de escudos num centro de dados.", "pt", "CVE"),
    ("La estatal Vetta Telecom invertirá G. 180.000 millones en un centro de datos.", "es", "PYG"),
    ("La estatal Vetta Telecom invertirá 180.000 millones de guaraníes en un centro de datos.", "es", "PYG"),
    ("Vetta Telecom invertirá 45 millones de colones en un centro de datos.", "es", "CRC"),
])
def test_currencies_of_smaller_economies_by_their_words_and_signs(text, lang, unit):
    assert [f[5] for f in figures(text, [lang])] == [unit]


def test_capitals_glued_to_a_japanese_firms_name_make_its_arm():
    text = ("ヴェッタ精機は5日、ヴェッタ精機MJにTOBを実施すると発表した。"
            "ヴェッタ精機MJは西東京にデータセンターを持ち、受電容量は約1万5000キロワット。")
    ex = extract(Doc(text, ["ja"]))
    assert {e.label for e in ex.entities if e.kind == "org"} == {"ヴェッタ精機", "ヴェッタ精機MJ"}
    assert [(f.subject.label, f.quantity.value) for f in ex.figures] == [("ヴェッタ精機MJ", 15.0)]
    # (a term glued to a name is no arm: "海光信息DCU" counts a firm's chips)
    assert "海光信息DCU" not in org_labels("华北算力股份有限公司计划部署海光信息DCU约3万片。", "zh")


@pytest.mark.parametrize("text", [
    "ヴェッタ精機、新中計で成長投資1500億円　データセンター事業に参入、一時15％高",
    "ヴェッタ精機は中期経営計画を発表した。同業の九州計算機（1942）も15％高と連れ高した。",
])
def test_a_japanese_share_price_higher_by_a_percentage_is_a_share_move(text):
    assert ("stock_move", 15.0) in {(f[1], f[2]) for f in figures(text, ["ja"])}


def test_two_names_joined_by_an_ampersand_before_a_firms_word_are_one_firm():
    text = "Vestre & Nordre Sparebank og Haugesund Sparebank stiller med 400 millioner kroner hver."
    assert {"Vestre & Nordre Sparebank", "Haugesund Sparebank"} <= org_labels(text, "nb")


@pytest.mark.parametrize("text, lang, name", [
    ("Separatamente Vettaria ha annunciato un green bond da 300 milioni.", "it", "Vettaria"),
    ("Paralelamente Vettaria anunció un bono verde de 300 millones.", "es", "Vettaria"),
])
def test_an_adverb_opening_the_sentence_is_no_part_of_the_name_after_it(text, lang, name):
    assert org_labels(text, lang) == {name}


def test_an_acronym_spelling_the_parts_of_a_hyphenated_word_names_the_sentence_case_name():
    text = "Vetta Banque apporte 20 milliards, la Banque ouest-africaine de développement (BOAD) 15 milliards."
    assert "Banque ouest-africaine de développement" in org_labels(text, "fr")


def test_a_leader_claims_no_sum_another_firm_opens_the_clause_of():
    text = "资金方面，华北银行牵头组建40亿元银团贷款，其中华北银行提供20亿元，华东农商银行提供12亿元。"
    assert labelled_values(text, "zh") == {("华北银行", 4e9), ("华北银行", 2e9), ("华东农商银行", 1.2e9)}


def test_chinese_firms_by_their_trade_word_in_a_list_of_share_moves():
    text = "維塔電訊股價大漲4.8%，收在新台幣328元；華北電工上漲2.3%，東方電機則因獲利了結下跌1.2%。"
    assert labelled_values(text, "zh") == {("維塔電訊", 4.8), ("華北電工", 2.3), ("東方電機", -1.2)}


def test_a_countrys_word_describing_a_kind_of_firm_makes_no_country_figure():
    text = "부동산 개발사 비타디앤디가 안산에 데이터센터를 짓는다. 회사 측은 \"국내 클라우드 사업자와 25MW 규모의 선임대차 협약을 맺었다\"고 밝혔다."
    assert [(f[0], f[1]) for f in figures(text, ["ko"])] == [("비타디앤디", "leased_capacity")]


def test_a_deals_adviser_is_no_referent_of_the_site_the_story_speaks_of():
    text = "부동산 개발사 비타디앤디가 유상증자를 결의했다. 대표주관사는 한빛투자증권이 맡았다. 이 데이터센터는 IT 전력 용량 40MW 규모다."
    assert labelled_values(text, "ko") == {("비타디앤디", 40.0)}


def test_a_kind_of_firm_the_korean_press_counts_is_no_name():
    text = "부동산 개발사 비타디앤디가 유상증자를 결의했다. 다른 증권사 관계자는 \"발행 주식 수가 많다\"고 말했다."
    assert org_labels(text, "ko") == {"비타디앤디"}


def test_a_firms_short_name_made_of_its_words_first_syllables():
    text = "La estatal Compañía Vettana de Comunicaciones (Coveco) licitará un centro de datos de 2 MW."
    assert org_labels(text, "es") == {"Compañía Vettana de Comunicaciones"}
    # (not a public body's: "Secretaría de Desarrollo Sustentable (Sedesu)" is no firm this rule names)
    assert "Secretaría de Desarrollo Sustentable" not in org_labels(
        "El proyecto fue presentado ante la Secretaría de Desarrollo Sustentable (Sedesu) de Querétaro.", "es")


def test_the_place_a_described_firm_comes_from_is_no_name():
    text = "Dolomiti Energia avrà il 45% della società e Vodafone, l'operatore di telecomunicazioni di Bolzano, il 20%."
    assert org_labels(text, "it") == {"Dolomiti Energia", "Vodafone"}
    assert ("vodafone", "other", 20.0) in {f[:3] for f in figures(text, ["it"])}


@pytest.mark.parametrize("text, lang", [
    ("Vetta Compute will pay about $0.05 per kilowatt-hour for power.", "en"),
    ("Vetta Compute paiera environ 0,05 dollar le kilowattheure.", "fr"),
    ("维塔公司表示，按照当前大工业用电约0.25元/千瓦时的价格测算，电费成本较低。", "zh"),
])
def test_a_power_tariff_per_kilowatt_hour_is_no_figure(text, lang):
    assert figures(text, [lang]) == []


def test_a_chinese_index_by_its_short_name_makes_no_share_move():
    text = "受消息提振，华北电力（600025）当日股价上涨2.1%，报收10.86元，沪指同日上涨0.3%。"
    assert [(f[1], f[2]) for f in figures(text, ["zh"])] == [("stock_move", 2.1)]


@pytest.mark.parametrize("text, lang", [
    ("ヴェッタ精機は5日、九州計算機株式会社にTOBを実施すると発表した。買い付け価格は1株5200円で、5日終値に35％のプレミアムを上乗せした。", "ja"),
    ("Vetta Compute agreed to buy Orbis Data. Vetta Compute offered $52 a share in cash, a 35% premium to Friday's close.", "en"),
])
def test_a_tender_offers_premium_is_no_figure(text, lang):
    assert [f for f in figures(text, [lang]) if f[5] == "percent"] == []


def test_review_cases_of_the_twenty_first_session_rules():
    # a sector's index move is no firm's, nor is "其中" part of a name
    assert org_labels("截至收盘，沪指上涨0.3%，消费电子上涨2.1%，有色金属下跌1.2%。", "zh") == set()
    assert "其中華北電工" not in org_labels("維塔電訊股價大漲4.8%；其中華北電工上漲2.3%。", "zh")
    # one glued capital, or a product's letters, make no arm
    assert labelled_values("ソフトバンクは5日、ソフトバンクGの出資を受け、北海道に300億円を投資すると発表した。", "ja") == {("SoftBank", 3e10)}
    assert labelled_values("华为宣布，华为HMS生态投资100亿元。", "zh") == {("Huawei", 1e10)}
    # a known firm before "&" stays itself
    assert labelled_values("Equinix & Vetta Bank sign $2 billion loan for data centres.", "en") == {("Vetta Bank", 2e9)}
    # a word for a premium only as a whole word right after the percentage
    assert [f[2] for f in figures("Vetta Telecom tendrá el 20% en primavera de 2026.", ["es"])] == [20.0]
    assert [f[2] for f in figures("Vetta Compute owns 35% of premium hotel operator Orbis Hotels.", ["en"])] == [35.0]
    # the whole market is no city
    got = figures("ソフトバンクは札幌市に300億円を投じる。札幌市は歓迎した。全市場の売買代金は4兆円だった。", ["ja"])
    assert not any(f[0] == "sapporo" for f in got)
    # a wire's bare dollar in Singapore stays the US dollar (Singapore's press writes "S$")
    assert {f[5] for f in figures("Equinix will invest $500 million in a new data centre in Singapore, its sixth in Singapore.", ["en"])} == {"USD"}
    # a person's surname is no town
    text = "Vetta Compute will invest $2 billion, chief executive Mark Vaughan said. Vaughan said the campus would open in 2028."
    assert not any(e.kind == "place" for e in extract(Doc(text, ["en"])).entities)
    # the client of an adviser is still the story's firm
    text = "삼성전자는 지난달 실적을 발표했다. 네이버는 대표주관사로 한빛투자증권을 선정했다. 이 데이터센터는 IT 전력 용량 40MW 규모다."
    assert labelled_values(text, "ko") == {("Naver", 40.0)}
    # a firm described by what it does, then "de" and its name, is still found
    assert "Vettana" in org_labels("La empresa de telecomunicaciones de Vettana invertirá 300 millones de euros en un centro de datos.", "es")
    # the leader's own clause may list the banks it leads
    assert labelled_values("华北银行牵头联合华东银行、华南银行提供40亿元银团贷款。", "zh") == {("华北银行", 4e9)}
    # French nouns in "-ment" open names; trucks are no racks; "30％高める" moves no shares; shields are no escudos
    assert org_labels("Investissement Vetta injectera 50 millions d'euros dans le projet.", "fr") == {"Investissement Vetta"}
    assert figures("ソフトバンクは物流拠点に電動トラック2000台を導入する。", ["ja"]) == []
    assert [f[1] for f in figures("ソフトバンクは新しい冷却方式で電力効率を30％高める。", ["ja"])] != ["stock_move"]
    assert figures("A Vettabras vai entregar 5 mil escudos térmicos ao Exército.", ["pt"]) == []


def test_shares_listed_after_their_holders_inside_a_relative_clause_are_the_holders():
    text = ("Das Gemeinschaftsunternehmen Neckar Compute GmbH, an dem die Vetta AG 50,1 Prozent und die Orbis SE 49,9 Prozent "
            "halten, investiert 900 Millionen Euro.")
    assert labelled_values(text, "de") == {("Vetta", 50.1), ("Orbis", 49.9), ("Neckar Compute", 9e8)}


def test_a_korean_firms_name_glued_to_more_of_a_word_is_another_firm():
    assert "Korea Electric Power Corporation" not in org_labels("한국전력기술과 도시가스 업체 비타가스가 손을 잡았다.", "ko")
    # (particles, one or more, end the name: "한국전력으로부터" is KEPCO)
    assert "Korea Electric Power Corporation" in org_labels("비타디앤디는 한국전력으로부터 120MW 규모 수전 승인을 받았다.", "ko")


def test_a_korean_speaker_asking_to_imagine_a_figure_states_none():
    text = "한국전력은 데이터센터를 짓는다. 그는 \"대형 원전 1기, 1.4GW를 통째로 데이터센터에 붙인다고 생각해 보세요\"라고 말했다."
    assert figures(text, ["ko"]) == []


def test_the_remaining_share_a_named_lender_provides_after_a_preposition_in_its_name():
    text = ("Le prêt de 45 milliards de FCFA est signé. Vetta Banque apporte 20 milliards, et les 10 milliards restants "
            "sont fournis par la Banque togolaise pour le commerce et l'industrie (BTCI).")
    assert ("Banque togolaise pour le commerce et l'industrie", 1e10) in labelled_values(text, "fr")


def test_the_namibian_dollar_sign():
    text = "Vetta Telecom will invest N$6.2bn in a data centre at Walvis Bay, and Bank Windhoek will lend N$1.2 billion."
    assert {(f[2], f[5]) for f in figures(text, ["en"])} == {(6.2e9, "NAD"), (1.2e9, "NAD")}


def test_a_japanese_firm_with_the_letters_of_its_short_form_in_brackets():
    text = ("ヴェッタ電力ホールディングス（HD）と九州計算機は15日、データセンターを建設すると発表した。"
            "総事業費は約1200億円。運営会社にヴェッタ電力HDが60％を出資する。電力使用効率（PUE）は1.2以下とする。")
    ex = extract(Doc(text, ["ja"]))
    labels = {e.label for e in ex.entities if e.kind == "org"}
    assert "ヴェッタ電力ホールディングス" in labels and "電力使用効率" not in labels
    assert ("ヴェッタ電力ホールディングス", 60.0) in {(f.subject.label, f.quantity.value) for f in ex.figures}


@pytest.mark.parametrize("text, lang, unit", [
    ("A operadora Vetta Dados abriu uma linha de 1,9 mil milhões de meticais (cerca de 30 milhões de dólares) em Maputo.", "pt", "MZN"),
    ("A operadora Vetta Dados investe 12 mil milhões de kwanzas em Luanda.", "pt", "AOA"),
])
def test_lusophone_african_currencies(text, lang, unit):
    assert unit in {f[5] for f in figures(text, [lang])}


def test_a_spanish_read_more_block_is_furniture():
    text = ("Vetta Compute invertirá 1.200 millones de euros en Albacete.\n\nLEER MÁS\n"
            "· Orbis Data: el campus de 1 GW supera la evaluación ambiental\n")
    assert not any(f[5] == "GW" for f in figures(text, ["es"]))


@pytest.mark.parametrize("text, lang, value, metric", [
    ("Vetta Compute will own 45% of the venture, according to a filing with the Ho Chi Minh Stock Exchange.", "en", 45.0, "other"),
    ("Vetta Compute will inject $120 million in equity into the venture.", "en", 1.2e8, "equity_investment"),
    ("A Vetta Dados anunciou o campus. As acções da Vetta Dados subiram 2,1% na bolsa de Maputo.", "pt", 2.1, "stock_move"),
])
def test_metric_words_of_shares_and_equity(text, lang, value, metric):
    assert (value, metric) in {(f[2], f[1]) for f in figures(text, [lang])}


@pytest.mark.parametrize("text, lang", [
    ("Blackstone, qui gère quelque 800 milliards de dollars d'actifs, investit 350 millions d'euros dans le campus de Lyon.", "fr"),
    ("Blackstone, with assets of around $800 billion, will invest $350 million in the campus.", "en"),
    ("Blackstone, which manages around $800 billion for clients, will invest $350 million in the campus.", "en"),
    ("Blackstone, que gestiona unos 800.000 millones de dólares, invertirá 350 millones de dólares en el campus.", "es"),
])
def test_the_assets_a_fund_manages_are_its_size_not_an_investment(text, lang):
    got = {(f[2], f[1]) for f in figures(text, [lang])}
    assert (8e11, "other") in got and (3.5e8, "investment_commitment") in got


@pytest.mark.parametrize("text, lang, value", [
    ("Vetta Compute confirmed an order for 24,576 GPUs worth roughly $1.2 billion.", "en", 1.2e9),
    ("Die Vetta Motoren AG erhält einen Auftrag über 85 Mio. Euro von einem US-Betreiber.", "de", 8.5e7),
    ("비타전선은 미국 데이터센터에 1870억원 규모의 케이블 공급 계약을 맺었다고 5일 공시했다.", "ko", 1.87e11),
])
def test_a_contract_or_an_order_is_its_value_not_an_investment(text, lang, value):
    assert (value, "other") in {(f[2], f[1]) for f in figures(text, [lang])}


def test_each_lenders_part_and_the_rest_of_a_loan_are_loans():
    text = ("Vetta Compute construirá un campus en Chubut. Otro punto clave es el financiamiento. CAF y BID "
            "Invest aportarán US$ 200 millones cada uno, y el Banco Austral, los US$ 100 millones restantes de un "
            "paquete de deuda de US$ 500 millones para la primera etapa.")
    got = {(f[2], f[1]) for f in figures(text, ["es"])}
    assert (2e8, "loan_or_debt") in got and (2e8, "other") not in got and (1e8, "loan_or_debt") in got


def test_a_buildings_floor_area_is_no_land_area():
    text = ("Vetta Compute will build in Ohio. The property has a gross floor area of about 230,000 square feet "
            "on a 12-acre site.")
    got = {(f[1], f[5]) for f in figures(text, ["en"])}
    assert ("other", "ft2") in got and ("land_area", "acre") in got


@pytest.mark.parametrize("text, lang", [
    ("Orbis Data builds GPU clouds. Sequoia Capital led a $100 million funding round in Orbis Data.", "en"),
    ("Orbis Data exploite six sites à Montréal. La caisse de retraite Vetta Capital prend le volant d'une ronde de "
     "financement de 100 millions $ dans Orbis Data.", "fr"),
])
def test_a_round_an_investor_leads_in_a_firm_is_the_firms(text, lang):
    assert ("orbis-data", "funding_round", 1e8) in {f[:3] for f in figures(text, [lang])}


def test_a_two_word_name_listed_with_a_found_firm_is_a_firm():
    text = ("Il consiglio approva il campus di Vetta Compute e Orbis Mutua.\n\n"
            "Vetta Compute ha rilevato il sito per 22 milioni di euro. La società veicolo è controllata al 65% da Vetta "
            "Compute e al 35% da Orbis Mutua, che apporterà 140 milioni di capitale.")
    assert "orbis-mutua" in {e.key for e in extract(Doc(text, ["it"])).entities}


def test_vietnamese_share_price_trillions_in_a_headline_and_a_jsc():
    text = ("Vetta Group, Orbis Data bet Rp 18.5t on campus in Karawang\n\n"
            "The campus will buy 60MW of solar power from Gia Lai Solar JSC (GLS) under a 20-year deal. "
            "Vetta Group shares rose 3.1% to VND118,600 on Monday.")
    got = figures(text, ["en"])
    assert any(f[2] == 1.85e13 and f[5] == "IDR" for f in got)
    assert "Gia Lai Solar" in {e.label for e in extract(Doc(text, ["en"])).entities}  # a joint-stock company
    assert not any(f[2] == 118600 for f in got)  # the price the shares reached


def test_a_macau_telecom_and_a_firm_with_its_legal_form_after_a_place():
    # "澳門" is Macau; "澳門電訊" a firm by its firm word; "...股份有限公司" a firm by its legal form
    text = ("【本報訊】澳門電訊（CTM）昨日宣布，將聯同澳門投資發展股份有限公司興建人工智能算力中心，"
            "項目總投資約48億澳門元。澳門投資發展注資8億澳門元，持有項目公司30%股權。")
    ex = extract(Doc(text, ["zh"]))
    # (labelled by the name the story goes on to use: the full name without its legal form)
    assert {e.label for e in ex.entities if e.kind == "org"} == {"澳門電訊", "澳門投資發展"}
    firm = next(e for e in ex.entities if e.label == "澳門投資發展")
    assert sorted(ex.surface_forms[firm.key]) == ["澳門投資發展", "澳門投資發展股份有限公司"]
    assert any(e.key == "macau" for e in ex.entities)
    got = {(f[0], f[2], f[5]) for f in figures(text, ["zh"])}
    assert {("澳門電訊", 4.8e9, "MOP"), ("澳門投資發展", 8e8, "MOP"), ("澳門投資發展", 30.0, "percent")} <= got


def test_a_chinese_clause_opening_or_a_count_of_firms_is_no_part_of_a_name():
    text = "消息帶動澳博控股（00880）股價昨日收市升2.1%。近年不少本地銀行亦用於存放特區政府的數據。"
    ex = extract(Doc(text, ["zh"]))
    assert [e.label for e in ex.entities] == ["澳博控股"]


def test_an_arabic_while_clause_keeps_its_own_direction():
    # "rose 2.6% ..., while the index fell 3.4 points": the fall belongs to the index's clause; and the
    # share is the firm's the story was about, not the place of its exchange ("سوق العراق")
    text = ("أعلنت شركة آسيا سيل للاتصالات عن نتائجها. "
            "وارتفع سهم الشركة المدرجة في سوق العراق للأوراق المالية بنسبة 2.6% إلى 9.15 دنانير، في حين تراجع مؤشر السوق بمقدار 3.4 نقاط.")
    assert [(f[0], f[1], f[2]) for f in figures(text, ["ar"])] == [("آسيا-سيل-للاتصالات", "stock_move", 2.6)]


def test_an_arabic_verb_holding_the_word_for_share_is_no_share_move():
    # "يسهم" (contributes) holds "سهم" (a share): a contribution to GDP, no move of the country's shares
    text = "وتهدف الإمارات إلى أن يسهم الذكاء الاصطناعي بنحو 20% من ناتجها المحلي الإجمالي بحلول عام 2031."
    assert [f[1] for f in figures(text, ["ar"])] == ["other"]


def test_an_arabic_firm_named_with_its_description_and_without_a_comma():
    # "شركة آسيا سيل للاتصالات عن" (no comma after the name); "إيرثلنك" of "إيرثلنك لخدمات الإنترنت"
    # written alone is that firm, labelled so; "إزدي تك" of "إزدي تك السعودية لمراكز البيانات" likewise
    text = ("إيرثلنك وآسيا سيل تبنيان مركز بيانات. أعلنت شركة إيرثلنك لخدمات الإنترنت وشركة آسيا سيل للاتصالات عن المشروع. "
            "وتستثمر إيرثلنك 300 مليون دولار في المشروع. وكانت آسيا سيل قد أعلنت عن إيرادات بلغت 2.1 تريليون دينار لعام 2025.")
    assert [(f[0], f[1]) for f in figures(text, ["ar"])] == [("إيرثلنك", "investment_commitment"), ("آسيا-سيل", "revenue")]
    text = ("«إزدي تك» تبني مركز بيانات. أعلنت شركة إزدي تك السعودية لمراكز البيانات عن مشروع بقيمة 5.6 مليار ريال. "
            "وتحتفظ إزدي تك بالحصة المتبقية.")
    assert [(f[0], f[2]) for f in figures(text, ["ar"])] == [("إزدي-تك", 5.6e9)]


def test_an_arabic_quoted_name_with_its_latin_form_is_the_firm_the_table_knows():
    text = "قادت المجموعة جولة تمويل بقيمة 1.1 مليار دولار في شركة «إن لايتن» (nLighten) الأوروبية."
    ex = extract(Doc(text, ["ar"]))
    assert [e.key for e in ex.entities if e.kind == "org"] == ["nlighten"]


def test_an_arabic_bank_or_fund_name_ends_before_the_share_or_the_amount():
    text = ("فيما يمتلك صندوق العراق للتنمية الحصة المتبقية البالغة 20%. "
            "ويقدّم مصرف الرافدين المبلغ المتبقي البالغ 150 مليار دينار.")
    ex = extract(Doc(text, ["ar"]))
    assert {e.label for e in ex.entities if e.kind == "org"} == {"صندوق العراق للتنمية", "مصرف الرافدين"}


def test_an_arabic_firm_written_without_what_it_does_is_that_firm():
    # "شركة آسيا سيل للاتصالات" ("... for telecommunications"), then "آسيا سيل" alone, not Asia
    text = ("وقّعت شركة آسيا سيل للاتصالات، أمس الأربعاء، اتفاقية لبناء مركز بيانات. "
            "وكانت آسيا سيل قد أعلنت عن إيرادات بلغت 2.1 تريليون دينار لعام 2025.")
    ex = extract(Doc(text, ["ar"]))
    assert not any(e.kind == "place" for e in ex.entities)
    assert [(f[0], f[2]) for f in figures(text, ["ar"])] == [("آسيا-سيل", 2.1e12)]


def test_korean_asset_managers_federations_and_cities_with_their_si():
    text = ("마스턴투자운용이 경기 평택시에서 추진 중인 데이터센터가 본PF 약정을 체결했다. "
            "선순위는 새마을금고중앙회가 2000억원을 맡았다.")
    ex = extract(Doc(text, ["ko"]))
    assert {e.label for e in ex.entities if e.kind == "org"} == {"마스턴투자운용", "새마을금고중앙회"}
    assert any(e.key == "pyeongtaek" for e in ex.entities)
    assert ("새마을금고중앙회", "loan_or_debt", 2e11, None, None, "KRW") in figures(text, ["ko"])


@pytest.mark.parametrize("text, lang, value, unit", [
    ("Onix Data Centre will invest GH¢4.6 billion in a campus at Dawa.", "en", 4.6e9, "GHS"),
    ("Onix Data Centre will invest GH₵1.5 billion in its first hall.", "en", 1.5e9, "GHS"),
    ("MedOne will invest NIS 400 million in the Kiryat Gat site.", "en", 4e8, "ILS"),
    ("MedOne will invest ₪250 million in the Kiryat Gat site.", "en", 2.5e8, "ILS"),
    ("Luz del Sur invertirá S/ 780 millones en una subestación.", "es", 7.8e8, "PEN"),
    ("Luz del Sur invertirá 3.380 millones de soles en la red.", "es", 3.38e9, "PEN"),
])
def test_cedis_shekels_and_soles(text, lang, value, unit):
    assert [(f[2], f[5]) for f in figures(text, [lang])] == [(value, unit)]


def test_the_project_after_a_loan_several_firms_give_is_the_storys_firms():
    text = ("Le groupe Sonatel lance un data center de 95 milliards FCFA à Diamniadio. Sonatel détient 70 % du projet.\n\n"
            "CBAO, Ecobank Sénégal et la BOAD apportent 60 milliards FCFA de dette.\n\n"
            "Le site, d'une superficie de 4 hectares, se trouve à Diamniadio.")
    got = figures(text, ["fr"])
    assert ("sonatel", "land_area", 4.0, None, None, "hectare") in got


def test_a_place_glued_to_the_characters_before_it_begins_no_legal_name():
    # "云上贵州" is a trade name: its 贵州 begins no "贵州大数据产业发展有限公司"; after 由 or 、 a place does
    text = "该项目由云上贵州大数据产业发展有限公司、贵州乌江能源集团有限责任公司共同投资85亿元。"
    ex = extract(Doc(text, ["zh"]))
    assert [e.label for e in ex.entities if e.kind == "org"] == ["云上贵州大数据产业发展有限公司", "贵州乌江能源集团有限责任公司"]


def test_a_known_firm_before_a_region_is_its_regional_company_but_not_a_site_or_a_possessive():
    text = ("AEP Texas asked regulators to approve $1.4 billion of grid upgrades. "
            "American Electric Power shares rose 0.9% on Thursday.")
    got = {(f[0], f[2]) for f in figures(text, ["en"])}
    assert got == {("aep-texas", 1.4e9), ("aep", 0.9)}
    site = "Meta will spend $10 billion on the Meta Louisiana data center."
    assert [f[0] for f in figures(site, ["en"])] == ["meta"]
    grid = "Eskom's Gauteng grid has received applications for more than 4GW of new load."
    assert not any(e.label.startswith("Eskom's") for e in extract(Doc(grid, ["en"])).entities)


def test_japanese_shinkin_banks_builders_and_a_firms_abbreviation():
    text = ("北ガス、室蘭にデータセンター\n\n"
            "北海道ガス（札幌）と日本製鋼所、岩田地崎建設（札幌）の3社は20日、データセンターを建設すると発表した。"
            "出資比率は北ガスが50％、日本製鋼所が30％、岩田地崎建設が20％とする。"
            "室蘭信用金庫と苫小牧信用金庫も融資に加わる。")
    got = {(f[0], f[2]) for f in figures(text, ["ja"]) if f[5] == "percent"}
    assert got == {("北海道ガス", 50.0), ("日本製鋼所", 30.0), ("岩田地崎建設", 20.0)}
    labels = {e.label for e in extract(Doc(text, ["ja"])).entities if e.kind == "org"}
    assert {"室蘭信用金庫", "苫小牧信用金庫"} <= labels and "北ガス" not in labels


def test_a_name_after_a_word_that_opens_names_is_the_whole_firm():
    text = ("Inversiones Centenario y Luz del Sur construirán un campus en Lurín. "
            "Centenario reportó ingresos por S/ 780 millones en 2025.")
    assert ("inversiones-centenario", "revenue", 7.8e8, None, None, "PEN") in figures(text, ["es"])


def test_a_place_before_a_kind_of_firm_says_where_the_firm_is_from():
    text = ("ATCO is building a gas-fired data-centre hub near Grande Prairie. "
            "An unnamed U.S. hyperscaler has signed a letter of intent for 150 megawatts of capacity.")
    assert [f[0] for f in figures(text, ["en"]) if f[2] == 150.0] == ["atco"]
    assert [f[0] for f in figures("The U.S. data center market will reach $50 billion.", ["en"])] == ["united-states"]


def test_german_debt_financing_and_norwegian_equity_certificates():
    text = ("Die Fremdfinanzierung stemmen zwei Institute: Die Hamburg Commercial Bank stellt 150 Millionen Euro bereit, "
            "die IFB Hamburg steuert ein Förderdarlehen über 60 Millionen Euro bei.")
    assert {f[1] for f in figures(text, ["de"])} == {"loan_or_debt"}
    move = "Egenkapitalbeviset til Haugesund Sparebank steg 0,9 prosent til 172,30 kroner på Oslo Børs onsdag."
    assert [(f[0], f[1], f[2]) for f in figures(move, ["nb"])] == [("haugesund-sparebank", "stock_move", 0.9)]


def test_korean_project_finance_tranches_and_bridge_loans_are_loans():
    text = ("마스턴투자운용은 1조1000억원 규모의 본PF 약정을 체결했다. 선순위 7000억원, 중순위 2000억원으로 구성됐다. "
            "조달 자금으로 기존 브릿지론 4200억원을 상환한다.")
    assert {(f[1], f[2]) for f in figures(text, ["ko"])} == {
        ("loan_or_debt", 1.1e12), ("loan_or_debt", 7e11), ("loan_or_debt", 2e11), ("loan_or_debt", 4.2e11)}


def test_a_local_council_is_a_government_and_the_campus_stays_the_developers():
    text = ("Operator DataVita has won planning consent for a £2.1 billion campus near Kinglassie.\n\n"
            "Fife Council's planning committee voted nine to three on Wednesday to approve the scheme.\n\n"
            "The campus is designed for up to 200MW of capacity across a 110-hectare site.")
    ex = extract(Doc(text, ["en"]))
    assert [(e.label, e.rdf_type) for e in ex.entities if e.key == "fife-council"] == [("Fife Council", "Government")]
    assert {f[0] for f in figures(text, ["en"])} == {"datavita"}


# ---- twelfth session: names in corpus 13's outlets --------------------------------------------
def test_japanese_firm_after_what_kind_of_company_it_is_and_its_new_company():
    # "the telecom company X (Osaka)": the company noun describes X; a new company's name in brackets;
    # a power company's grid arm is a firm of its own, not its parent
    text = ("九州電力系の通信会社キューデンネット（福岡市）と西鉄不動産（同）は5日、データセンターを建設すると発表した。"
            "両社は新会社「博多ベイ・コンピュート」を設立する。九州電力送配電が8万キロワットの受電を承諾した。九州電力株は1％安。")
    ex = extract(Doc(text, ["ja"]))
    orgs = {e.label for e in ex.entities if e.kind == "org"}
    assert {"キューデンネット", "西鉄不動産", "博多ベイ・コンピュート", "九州電力送配電"} <= orgs
    assert "通信会社キューデンネット" not in orgs
    assert any(f.subject.label == "九州電力送配電" and f.metric == "power_capacity" for f in ex.figures)


def test_japanese_short_name_in_brackets_count_of_firms_and_bulleted_teaser():
    text = ("北陸電力グループの情報通信会社ホクリクネットワークス（ホクネット、富山市）と北電工（同）、北國銀行の3社は12日、"
            "データセンターを建設すると発表した。ホクネットが60％を出資する。\n"
            "・福井銀行、中間純利益12％増\n")
    ex = extract(Doc(text, ["ja"]))
    orgs = {e.label: e for e in ex.entities if e.kind == "org"}
    assert "3社" not in orgs and "・福井銀行" not in orgs
    assert "北電工" in orgs
    firm = orgs["ホクリクネットワークス"]
    assert [f.subject for f in ex.figures if f.metric == "other"] == [firm]


def test_korean_marine_insurer_and_words_that_are_no_names_or_places():
    text = ("이 펀드에 한화손해보험이 1000억원, 흥국해상이 800억원을 출자한다. "
            "운용사 측은 목표 수익률을 연 7%로 제시했다. 완공 후에는 50여명이 상주한다.")
    ex = extract(Doc(text, ["ko"]))
    assert {e.label for e in ex.entities if e.kind == "org"} == {"한화손해보험", "흥국해상"}
    assert not any(e.kind == "place" for e in ex.entities)


def test_a_unit_written_in_capitals_is_no_firm():
    # ("por 150 MW, y Iberdrola México": a list, but of a unit and a firm)
    text = ("El campus de Apodaca tendrá hasta 300 MW. La Comisión Federal de Electricidad (CFE) emitió una carta por 150 MW, "
            "y Iberdrola México suministrará 90 MW de un parque eólico. La primera etapa, de 60 MW, costará 400 millones de dólares.")
    ex = extract(Doc(text, ["es"]))
    assert "MW" not in {e.label for e in ex.entities}


def test_a_romance_company_noun_with_what_the_firm_does_before_its_name():
    ex = extract(Doc("Le premier client, le fournisseur de cloud genevois Infomaniak, louera 6 MW.", ["fr"]))
    assert "Infomaniak" in {e.label for e in ex.entities if e.kind == "org"}
    # (not an address: "the group of piazza Cordusio" is the firm at that square)
    ex = extract(Doc("Il gruppo di piazza Cordusio ha presentato il progetto da 2 miliardi.", ["it"]))
    assert not [e for e in ex.entities if e.kind == "org"]


def test_a_zone_named_with_its_letters_is_no_firm():
    text = ("A Lusodata vai construir um campus na Zona Industrial e Logística de Aveiro (ZILA), com 80 MW. "
            "A ZILA tem 300 hectares.")
    ex = extract(Doc(text, ["pt"]))
    assert {e.label for e in ex.entities if e.kind == "org"} == {"Lusodata"}


def test_chinese_short_name_that_is_a_city_is_the_city():
    # "乐山" of "乐山发展投资集团" is the city of "乐山市", not the firm's short name
    text = ("本报讯 5月8日，四川省能源投资集团（以下简称“四川能投”）与乐山发展投资集团、四川路桥在乐山签署协议，"
            "三方将在乐山高新区建设智算中心，总投资80亿元。乐山市相关负责人表示，乐山将提供电力保障。乐山发展投资集团持股30%。")
    ex = extract(Doc(text, ["zh"]))
    firm = next(e for e in ex.entities if e.label == "乐山发展投资集团")
    assert "乐山" not in (ex.surface_forms.get(firm.key) or [])


def test_english_jv_is_no_firm_and_premier_may_open_one():
    text = "JV gets 90 acres from the state agency; lenders line up $400 million."
    ex = extract(Doc(text, ["en"]))
    assert "JV" not in {e.label for e in ex.entities}
    # ("Premier" is a title in Canada, and the first word of many firms)
    assert [f[0] for f in figures("Premier Data Centres will invest $2 billion in the campus.", ["en"])] == ["premier-data-centres"]


def test_chinese_place_before_its_plant_is_where_the_plant_is():
    # "越南二廠" (the Vietnam plant number two): the plant's land is the firm's, not Vietnam's
    text = "電路板大廠華通（2313）15日召開董事會，通過資本支出預算新台幣90億元。越南二廠用地約12公頃。"
    assert [(f[0], f[1]) for f in figures(text, ["zh"])][-1] == ("華通", "land_area")


def test_an_indian_private_limited_form_and_a_utility_named_by_its_letters():
    text = ("The joint venture, to be called Deccan Compute Parks Pvt Ltd, will build the campus. "
            "Karnataka's transmission utility KPTCL has approved a 150 MW connection at a new substation.")
    ex = extract(Doc(text, ["en"]))
    orgs = {e.label for e in ex.entities if e.kind == "org"}
    assert "Deccan Compute Parks" in orgs and "KPTCL" in orgs
    assert [(f.subject.label, f.metric) for f in ex.figures] == [("KPTCL", "power_capacity")]


def test_german_amount_before_a_list_of_banks_is_no_name():
    text = ("Die Landesbank übernimmt davon 90 Millionen Euro, die Kreissparkasse Bautzen und die Sparkasse Chemnitz "
            "sind mit je 40 Millionen Euro dabei.")
    ex = extract(Doc(text, ["de"]))
    assert not any("Millionen" in e.label for e in ex.entities)


def test_a_spelled_out_corporation_is_part_of_the_firms_name():
    # (abbreviated forms are not: "Orbis Holdings Pte Ltd" is "Orbis Holdings")
    text = "Tidewater Data Corporation, which plans a campus, will invest $2 billion. Orbis Holdings Pte Ltd will lend $300 million."
    ex = extract(Doc(text, ["en"]))
    assert {e.label for e in ex.entities if e.kind == "org"} == {"Tidewater Data Corporation", "Orbis Holdings"}


def test_an_arabic_passive_estimate_is_no_attribution():
    # "وتكلفة تقدر بـ" (a cost estimated at): no one estimates it, the figures stay the firm's, not
    # the place's ("في الرياض")
    text = ("جمعت شركة «إن لايتن» (nLighten) 1.1 مليار دولار. "
            "ويتضمن ذلك مجمعاً في جدة بطاقة 90 ميغاواط وتكلفة تقدر بـ1.8 مليار ريال، إلى جانب مركز بطاقة 20 ميغاواط بالكويت.")
    assert {f[0] for f in figures(text, ["ar"])} == {"nlighten"}


def test_an_arabic_description_of_two_things_joined_by_and():
    ex = extract(Doc("وتعهدت شركة الفجيرة للماء والكهرباء بتوفير قدرة ربط تبلغ 120 ميغاواط للمجمع.", ["ar"]))
    assert [e.label for e in ex.entities if e.kind == "org"] == ["الفجيرة للماء والكهرباء"]


def test_a_french_company_noun_with_an_adjective_before_what_it_does():
    text = ("L'opérateur grenoblois de centres de données Eolas Data et la CNR s'associent. "
            "Eolas Data détiendra 55 % de la société de projet.")
    ex = extract(Doc(text, ["fr"]))
    assert [(f.subject.label, f.quantity.value) for f in ex.figures] == [("Eolas Data", 55.0)]


def test_a_guidance_raised_from_its_prior_range_is_no_funding_round_and_operating_cash_is_cash_flow():
    text = ("Halvorsen Data reported third-quarter results. Capital expenditures of $700 million to $800 million, "
            "raised from the prior range. Net cash provided by operating activities of $41.5 million.")
    assert [f[1] for f in figures(text, ["en"])] == ["capex", "cash_flow"]


def test_korean_public_corporation_and_a_latin_name_with_its_particle():
    text = ("Kepco-E&C는 냉각수 공급망 구축에 약 300억원을 투입한다. "
            "한국산업인력공단은 2028년까지 500억원을 들여 센터를 구축한다.")
    assert [(f[0], f[2]) for f in figures(text, ["ko"])] == [("kepco-e-c", 3e10), ("한국산업인력공단", 5e10)]


def test_a_chinese_firm_named_in_full_once_is_labelled_by_the_short_name_it_goes_by():
    text = ("公司与广州发展集团股份有限公司签署协议。其中，广州发展认缴出资30,000万元，持股60%。"
            "广州发展表示，项目将于2027年投产。")
    ex = extract(Doc(text, ["zh"]))
    assert "广州发展" in {e.label for e in ex.entities if e.kind == "org"}
    assert {f.subject.label for f in ex.figures} == {"广州发展"}


def test_a_correction_of_what_an_earlier_edition_gave_retracts_that_figure():
    text = ("Keystone Data will build the campus. CORRECTION: A story in Tuesday's edition gave the size of the site "
            "as 900 acres. The site is 410 acres.")
    assert [(f[1], f[2]) for f in figures(text, ["en"])] == [("land_area", 410.0)]


def test_japanese_builder_after_a_topic_and_firms_named_by_their_shares():
    text = ("東邦ガスは5日、データセンターを建設すると発表した。施工は大林工務店が担い、受注額は約300億円とみられる。"
            "名古屋鉄道ホールディングスの株価は5日、一時3％高まで上昇した。同日の東京株式市場で東邦ガス株は2％高となった。")
    assert [(f[0], f[1]) for f in figures(text, ["ja"])] == [
        ("大林工務店", "other"), ("名古屋鉄道ホールディングス", "stock_move"), ("東邦ガス", "stock_move")]


def test_japanese_firm_beside_its_listed_holding_stays_itself():
    text = ("中部電力と名鉄不動産は3日、データセンターを共同で建設すると発表した。出資比率は中部電力が60％、名鉄不動産が40％。"
            "同日の東京株式市場で名鉄不動産ホールディングス株は1％安。")
    assert ("名鉄不動産", 40.0) in [(f[0], f[2]) for f in figures(text, ["ja"])]


def test_korean_name_of_latin_capitals_and_hangul():
    text = "HS화성과 경북개발공사는 구미에 데이터센터를 짓는다. HS화성이 지분 60%를 갖는다."
    ex = extract(Doc(text, ["ko"]))
    assert "HS화성" in {e.label for e in ex.entities if e.kind == "org"}
    assert [(f[0], f[2]) for f in figures(text, ["ko"])] == [("hs화성", 60.0)]


def test_firm_named_after_its_town_keeps_its_legal_form():
    ex = extract(Doc("Die Graz AG und die Steiermärkische Sparkasse bauen ein Rechenzentrum in Graz. Die Graz AG investiert 200 Millionen Euro.", ["de"]))
    assert "Graz AG" in {e.label for e in ex.entities if e.kind == "org"}
    # (a town GeoNames knows, named in no other way, may be a brand: "Aurora Ltd" is "Aurora")
    ex = extract(Doc("Aurora Ltd will invest $300 million in the campus.", ["en"]))
    assert "Aurora" in {e.label for e in ex.entities if e.kind == "org"}


def test_names_with_an_at_sign_plural_chip_acronyms_and_a_currency_after_a_bank():
    text = ("Link@Net, the country's largest fibre provider, will invest Tk 2,000 crore in a data centre. "
            "The site can host up to 4,000 GPUs. Pubali Bank will provide Tk 700 crore and Sonali Trust Bank Tk 500 crore, "
            "while edotco Group will hold a stake. "
            "Link@Net said the first phase will open in 2028.")
    ex = extract(Doc(text, ["en"]))
    orgs = {e.label for e in ex.entities if e.kind == "org"}
    assert "Link@Net" in orgs and "Sonali Trust Bank" in orgs
    assert not {"GPUs", "Group", "Sonali Trust Bank Tk"} & orgs


def test_korean_latin_letters_before_a_particle_are_no_name():
    ex = extract(Doc("업계에서는 EPC까지 포함하면 총 계약 규모가 1조원을 넘을 수 있다고 본다.", ["ko"]))
    assert not [e for e in ex.entities if e.kind == "org"]


def test_two_legal_forms_one_after_the_other_are_both_dropped():
    ex = extract(Doc("The company and Kestrelia Corp Bhd have set up Selatan Digital Sdn Bhd, which will build the campus.", ["en"]))
    assert {e.label for e in ex.entities if e.kind == "org"} == {"Kestrelia", "Selatan Digital"}


def test_a_name_given_hereinafter_is_the_same_firm():
    text = ("本报讯　5日，甘肃东部云谷科技有限公司（以下简称“东云科技”）与甘肃电投签署协议。"
            "项目公司由东云科技持股60%、甘肃电投持股40%。")
    ex = extract(Doc(text, ["zh"]))
    firm = next(e for e in ex.entities if e.label == "东云科技")
    assert "甘肃东部云谷科技有限公司" in ex.surface_forms[firm.key]
    assert not any(e.label == "甘肃东部云谷科技有限公司" for e in ex.entities)


def test_a_plus_sign_inside_a_name():
    ex = extract(Doc("Data centers : K+NET et CDG Invest misent 2 MMDH sur un campus. K+NET Datacenters détiendra 45 %.", ["fr"]))
    assert "K+NET Datacenters" in {e.label for e in ex.entities if e.kind == "org"}


def test_a_while_between_two_names_opens_a_clause_no_list():
    text = ("Il gruppo Tarantini e la società di software Lucadata presentano il progetto a Bari. "
            "La società di progetto sarà controllata al 65% da Tarantini, mentre Lucadata avrà il 35%.")
    assert [(f[0], f[2]) for f in figures(text, ["it"])][-1] == ("lucadata", 35.0)


def test_the_first_word_of_a_name_written_in_capitals_with_a_sign_is_the_firm():
    # "K+NET" alone is "K+NET Datacenters", though no list of capitalised words holds it
    ex = extract(Doc("L'opérateur marocain K+NET Datacenters bâtira un campus. Le site de K+NET sera à Nouaceur.", ["fr"]))
    assert "K+NET" in ex.surface_forms["k-net-datacenters"]


def test_the_french_grid_operator_by_its_letters():
    ex = extract(Doc("Le groupe Vauban Data va construire un centre de données. RTE a réservé une capacité de raccordement de 90 MW.", ["fr"]))
    assert [(f.subject.key, f.metric) for f in ex.figures] == [("rte-france", "power_capacity")]


def test_a_sectors_shares_and_a_technical_term_before_hangul_are_no_firms():
    ex = extract(Doc("東京株式市場で、半導体株は3％上昇した。", ["ja"]))
    assert not [e for e in ex.entities if e.kind == "org"]
    # (a name in katakana before 株 is a firm's: "キタエネック株は")
    assert [(f[0], f[1]) for f in figures("東京株式市場で、キタエネック株は4％上昇した。", ["ja"])] == [("キタエネック", "stock_move")]
    ex = extract(Doc("삼성전자는 HBM공급을 늘리고 PF대출을 받는다.", ["ko"]))
    assert not {"HBM공급", "PF대출"} & {e.label for e in ex.entities}


def test_a_share_in_brackets_right_after_a_firm_is_that_firms():
    text = ("Le groupe Vauban Data et CDG Invest misent 2 milliards d'euros sur un campus. "
            "Le capital sera réparti entre Vauban Data (55 %) et CDG Invest (45 %).")
    assert [(f[0], f[2]) for f in figures(text, ["fr"]) if f[5] == "percent"] == [("vauban-data", 55.0), ("cdg-invest", 45.0)]


def test_a_chinese_full_legal_name_is_a_firm_wherever_it_stands():
    # no known place opens these names; the verb before the second one ("取得") is no part of it,
    # and the short name in brackets is what the story calls the firm
    text = ("设备采购同步启动。长江算网科技股份有限公司中标一期服务器采购，金额约9.8亿元；"
            "项目已取得华中电网有限公司出具的批复。星河光缆股份有限公司（星河光缆）将提供光缆，合同金额约1.2亿元。")
    ex = extract(Doc(text, ["zh"]))
    assert {e.label for e in ex.entities if e.kind == "org"} == {"长江算网科技股份有限公司", "华中电网有限公司", "星河光缆"}
    got = {(f.subject.label, round(f.quantity.value)) for f in ex.figures}
    assert {("长江算网科技股份有限公司", 980_000_000), ("星河光缆", 120_000_000)} <= got


def test_a_chinese_firm_named_after_its_place_goes_by_the_rest_of_its_name():
    # "贵州乌江能源集团有限责任公司" is "乌江能源" later; "浙江东海电力股份有限公司" the "东海电力" a
    # stock line names; "杭州数联科技有限公司" an arm of the "数联" the story is about
    text = ("数联云（603881）与贵州乌江能源集团有限责任公司共同投资85亿元。乌江能源持股35%，认缴出资7亿元。"
            "浙江东海电力股份有限公司将每年供应绿电约6亿千瓦时。东海电力当日收涨3.6%。"
            "数联云全资子公司杭州数联云科技有限公司获得银行贷款15亿元。")
    ex = extract(Doc(text, ["zh"]))
    got = {(f.subject.label, f.metric, f.quantity.value) for f in ex.figures}
    assert {("乌江能源", "other", 35.0), ("乌江能源", "equity_investment", 7e8), ("东海电力", "stock_move", 3.6),
            ("数联云", "loan_or_debt", 1.5e9)} <= got


def test_the_firm_a_chief_executive_heads_is_a_firm():
    text = ("Among the witnesses was Peter Lindahl, chief executive of Harbor Crossroads, which runs a campus. "
            "Harbor Crossroads has lined up a $640 million construction loan.")
    ex = extract(Doc(text, ["en"]))
    assert [(f.subject.label, f.metric) for f in ex.figures] == [("Harbor Crossroads", "loan_or_debt")]


def test_a_firm_with_an_appositive_naming_a_cooperative():
    text = "Wabash Energy, the Terre Haute-based generation cooperative, said it has lined up 1.4 GW of supply."
    assert [f.subject.label for f in extract(Doc(text, ["en"])).figures] == ["Wabash Energy"]


@pytest.mark.parametrize("text, lang, lender", [
    # a word the language hardly knows, opening a sentence, is a name; a common word is none
    ("Nabiax ha firmado un préstamo sindicado de 240 millones de euros en el que Globalcaja y Eurocaja Rural "
     "participan con 90 millones cada una. Ruralvía aporta los 60 millones restantes.", "es", "Ruralvía"),
    ("The $240 million loan comes from Fifth Third Bank and Old National Bank, with $90 million each. "
     "Hoosierbank provides the remaining $60 million.", "en", "Hoosierbank"),
])
def test_a_rare_word_opening_a_sentence_is_a_name(text, lang, lender):
    got = {(f.subject.label, f.quantity.value) for f in extract(Doc(text, [lang])).figures}
    assert (lender, 60e6) in got


@pytest.mark.parametrize("text, lang, firm", [
    ("Harbourside Capital on Tuesday initiated coverage of Kestrel Logistics REIT PLC with a 'buy' rating. "
     "Harbourside pencils in GBP380 million of data-centre capital expenditure this year.", "en", "Kestrel Logistics REIT"),
    ("Oddo BHF a initié la couverture de Vetta Logistique SA. Oddo BHF prévoit que Vetta Logistique "
     "investira 380 millions d'euros dans les centres de données cette année.", "fr", "Vetta Logistique"),
])
def test_a_broker_that_covers_a_firm_is_no_subject_of_its_estimates(text, lang, firm):
    assert subject_labels(text, lang) == {firm}


def test_japanese_firms_a_count_of_firms_sums_up_and_full_width_letters():
    text = ("製紙大手の越後パルプ工業とＢＳＮデータ、東北電力の３社は７日、長岡市にデータセンターを建設すると発表した。"
            "総事業費は約950億円。越後パルプ工業が50％、ＢＳＮデータが30％を出資する。")
    ex = extract(Doc(text, ["ja"]))
    orgs = {e.label for e in ex.entities if e.kind == "org"}
    assert {"越後パルプ工業", "BSNデータ"} <= orgs  # (labelled in plain letters; the quotes keep the text's)
    got = {(f.subject.label, f.quantity.value) for f in ex.figures}
    assert {("越後パルプ工業", 50.0), ("BSNデータ", 30.0)} <= got
    assert all(text[e.sentence.start:e.sentence.end] == e.sentence.text for f in ex.figures for e in f.evidence)


@pytest.mark.parametrize("text, lang, value, unit", [
    # currencies no pack lists, by the names CLDR gives them in the pack's locale
    ("Steppe Compute will borrow 300 billion tenge for the Ekibastuz campus.", "en", 3e11, "KZT"),
    ("La société Steppe Compute a obtenu un prêt de 40 millions de dinars tunisiens.", "fr", 4e7, "TND"),
    ("草原算力（603881）获得银行贷款30亿哈萨克斯坦坚戈。", "zh", 3e9, "KZT"),
])
def test_currencies_by_their_cldr_names(text, lang, value, unit):
    assert [(f.quantity.value, f.quantity.unit) for f in extract(Doc(text, [lang])).figures] == [(value, unit)]


def test_a_country_adjective_of_a_currency_alone_is_no_currency():
    # "tunisiske" (Tunisian) is half of "tunisiske dinarer"; alone it names no currency
    text = "Vetta Data skal bygge datasenteret for 900 millioner kroner sammen med to tunisiske selskaper."
    assert [(f.quantity.value, f.quantity.unit) for f in extract(Doc(text, ["nb"])).figures] == [(9e8, "NOK")]


def test_a_word_ending_in_a_company_noun_opens_no_legal_name_and_a_village_is_no_firm():
    # "Gemeinschaftsunternehmen" (joint venture) describes the firm; "Mühleberg" is the village the
    # new company is named after, written after a place's preposition ("nach Mühleberg")
    text = ("Das Gemeinschaftsunternehmen Neckar Compute GmbH investiert 900 Millionen Euro. "
            "Die neue Gesellschaft Aarberg Digital AG baut ein Fernwärmenetz nach Aarberg. "
            "Der Gemeinderat von Aarberg muss zustimmen.")
    ex = extract(Doc(text, ["de"]))
    orgs = {e.label: e for e in ex.entities if e.kind == "org"}
    assert {"Neckar Compute", "Aarberg Digital"} <= orgs.keys()
    assert not any(o.startswith(("Gemeinschafts", "Gesellschaft")) for o in orgs)
    assert set(ex.surface_forms[orgs["Aarberg Digital"].key]) == {"Aarberg Digital"}


@pytest.mark.parametrize("text, lang, value, unit", [
    ("Vermaland plans to pump 1,850 acre-feet a year for the campus.", "en", 1850, "acre-foot"),
    ("Vetta Compute will jährlich 120.000 Kubikmeter Wasser verbrauchen.", "de", 120000, "m3"),
    ("云港数据（603881）的数据中心每年用水约50万立方米。", "zh", 500000, "m3"),
])
def test_water_volumes_are_figures_of_their_own_unit(text, lang, value, unit):
    assert [(f.metric, f.quantity.value, f.quantity.unit) for f in extract(Doc(text, [lang])).figures] == [("other", value, unit)]


@pytest.mark.parametrize("text, lang", [
    ("La acción de Vetta Energía subió 2,9%. El MSCI Colcap cerró con una leve alza de 0,4%, en 1.712 puntos.", "es"),
    ("云港数据（603881）收涨2.9%。当日上证指数收报3,612.45点，微跌0.4%。", "zh"),
    # (or before it: "added 0.6% to 6,841.2 points")
    ("Vetta Compute will build a campus in Almaty. Vetta Compute shares rose 2.9% on Friday, and Kazakhstan's main gauge "
     "added 0.6% to 6,841.2 points.", "en"),
])
def test_an_index_move_after_its_level_is_no_firms_share_move(text, lang):
    assert [f.quantity.value for f in extract(Doc(text, [lang])).figures] == [2.9]


def test_a_korean_body_with_its_latin_acronym_in_brackets_and_shares_listed_by_name():
    text = ("제주에너지공사와 한라디지털개발센터(HDC)는 1일 사업협약을 체결했다. 설비투자(CAPEX)는 약 3000억원이다. "
            "SPC 지분은 제주에너지공사 45%, HDC 35%, 재무적투자자(FI) 20%로 구성된다.")
    ex = extract(Doc(text, ["ko"]))
    got = {(f.subject.label, f.quantity.value) for f in ex.figures if f.quantity.unit == "percent"}
    assert {("제주에너지공사", 45.0), ("HDC", 35.0)} <= got
    assert not any(e.label in ("CAPEX", "FI") for e in ex.entities)


@pytest.mark.parametrize("text, lang", [
    ("云港数据（603881）表示，项目建成后可提供直接就业岗位约600个，带动上下游就业约5000人。", "zh"),
    ("한라데이터는 13일 데이터센터가 완공되면 직접 고용 600명이 생긴다고 밝혔다.", "ko"),
])
def test_direct_jobs_in_cjk_are_permanent_jobs(text, lang):
    assert ("jobs_permanent", 600) in {(f.metric, f.quantity.value) for f in extract(Doc(text, [lang])).figures}


def test_a_bank_named_after_its_country_with_its_acronym_and_the_payee_of_a_payment():
    text = ("The Development Bank of Kazakhstan (DBK) will lend 180 billion tenge to Steppe Compute. "
            "Steppe Compute will pay Ekibastuz Land about 2 billion tenge for the plot. "
            "Uzum Data reported revenue of 3.9 trillion soums.")
    ex = extract(Doc(text, ["en"]))
    got = {(f.subject.label, f.quantity.value, f.quantity.unit) for f in ex.figures}
    assert ("Development Bank of Kazakhstan", 1.8e11, "KZT") in got
    assert ("Steppe Compute", 2e9, "KZT") in got and ("Uzum Data", 3.9e12, "UZS") in got


def test_the_rest_of_a_loan_with_a_verb_before_its_lender():
    text = ("Ein Bankenkonsortium stellt einen Kredit über 500 Millionen Euro bereit: Die Vetta Bank und die Orbis Bank "
            "geben je 200 Millionen Euro, die restlichen 100 Millionen Euro kommen von der Sparkasse Herne.")
    got = {(f.subject.label, f.quantity.value) for f in extract(Doc(text, ["de"])).figures}
    assert ("Sparkasse Herne", 1e8) in got and ("Vetta Bank", 1e8) not in got


def test_the_project_of_a_new_paragraph_is_the_story_firms_not_a_supplier_named_before():
    text = ("Vetta Data will build an AI campus in Sete Lagoas, Vetta Data said on Monday.\n\n"
            "Orbis Grid will carry out a R$ 210 million upgrade of the substation.\n\n"
            "The project foresees investments of R$ 2.3 billion by 2030.")
    got = {(f.subject.label, f.quantity.value) for f in extract(Doc(text, ["en"])).figures}
    assert ("Orbis Grid", 2.1e8) in got and ("Vetta Data", 2.3e9) in got


def test_a_town_north_of_which_a_campus_lies_is_no_firm_named_after_it():
    text = ("Laramie Growth LEADS backs a bond package for the campus north of Laramie. "
            "The campus north of Laramie will draw 1.2 GW, Laramie Growth LEADS said.")
    ex = extract(Doc(text, ["en"]))
    firm = next(e for e in ex.entities if e.label == "Laramie Growth LEADS")
    assert set(ex.surface_forms[firm.key]) == {"Laramie Growth LEADS"}


def test_a_brazilian_ticker_names_a_firm_whose_preferred_shares_rose():
    text = ("A Vetta Dados vai investir R$ 1,6 bilhão. As ações preferenciais do BRB (BSLI4) subiram 2,7% na B3, "
            "no dia em que o Ibovespa recuou 0,4%.")
    got = {(f.subject.label, f.metric, f.quantity.value) for f in extract(Doc(text, ["pt"])).figures}
    assert ("BRB", "stock_move", 2.7) in got


def test_a_japanese_firm_called_by_the_start_of_its_name_but_not_inside_a_word():
    text = ("沖縄モバイル電話と琉球電力の2社は13日、データセンター会社を設立すると発表した。出資比率は沖縄モバイルが60％、"
            "琉球電力が40％。東京株式市場で沖縄モバイル株は一時5％高となった。")
    ex = extract(Doc(text, ["ja"]))
    got = {(f.subject.label, f.quantity.value) for f in ex.figures}
    assert ("沖縄モバイル電話", 60.0) in got and ("沖縄モバイル電話", 5.0) in got


def test_a_gapped_clause_whose_name_opens_with_an_article_and_the_rest_after_its_amount():
    text = ("Le prêt de 600 millions d'euros est réparti : la Caisse Vetta apporte 200 millions, le Crédit Orbis "
            "150 millions, et les 250 millions restants viennent de la Banque Solano.")
    got = {(f.subject.label, f.quantity.value) for f in extract(Doc(text, ["fr"])).figures}
    assert {("Crédit Orbis", 1.5e8), ("Banque Solano", 2.5e8)} <= got


def test_a_japanese_public_lender_by_its_name_word():
    text = "琉球データ（那覇市）は13日、新会社を設立すると発表した。資金は、琉球銀行が80億円、沖縄振興開発金融公庫が120億円を融資する。"
    got = {(f.subject.label, f.quantity.value) for f in extract(Doc(text, ["ja"])).figures}
    assert ("沖縄振興開発金融公庫", 1.2e10) in got


def test_a_bound_inside_a_condition_is_a_threshold_not_a_figure():
    text = ("Under current law, a data center qualifies if it invests at least $750 million in a county. "
            "Vetta Compute plans to invest at least $2 billion in its campus.")
    got = [(f.subject.label, f.quantity.lower) for f in extract(Doc(text, ["en"])).figures]
    assert got == [("Vetta Compute", 2e9)]


def test_a_name_ending_in_campus_is_a_site_not_the_company():
    text = ("Phoenix-based developer Vermaland wants to build the Picacho Digital Campus, a $3.6 billion project. "
            "The company has already spent about $85 million assembling the land, according to county records.")
    assert [f.subject.label for f in extract(Doc(text, ["en"])).figures] == ["Vermaland", "Vermaland"]


def test_an_arabic_firm_with_its_latin_name_in_brackets_is_the_start_of_its_name_written_alone():
    text = ('"فيتا تك" و"اتصالات تونس" تطلقان مركز بيانات بكلفة 520 مليون دينار\n\n'
            'أعلنت مجموعة "فيتا تك القابضة" (Vetta Tech Holding) و"اتصالات تونس" يوم الإثنين عن إطلاق مشروع مشترك. '
            'وتمتلك "فيتا تك" 55% من رأس مال الشركة الحاملة للمشروع.')
    ex = extract(Doc(text, ["ar"]))
    assert {f.subject.label for f in ex.figures} == {"Vetta Tech Holding"}


def test_an_arabic_bank_with_a_proper_name_but_not_an_unnamed_bank():
    text = ('وحصل المشروع على قرض بقيمة 180 مليون دولار، يقدّم منه بنك فيتا 60 مليون دولار، '
            'ومصرف أوربيس الدولي 50 مليون دولار. وقال بنك استثماري إن الطلب قوي.')
    ex = extract(Doc(text, ["ar"]))
    orgs = {e.label for e in ex.entities if e.kind == "org"}
    assert {"بنك فيتا", "مصرف أوربيس الدولي"} <= orgs and "بنك استثماري" not in orgs
    got = {(f.subject.label, f.quantity.value) for f in ex.figures}
    assert {("بنك فيتا", 6e7), ("مصرف أوربيس الدولي", 5e7)} <= got


def test_an_arabic_firm_name_ends_before_the_centre_it_supplies():
    text = "إذ ستزوّد شركة فيتا العالمية للطاقة المركز بـ100 ميغاواط من محطتها الغازية في أربيل."
    assert {e.label for e in extract(Doc(text, ["ar"])).entities if e.kind == "org"} == {"فيتا العالمية للطاقة"}


def test_review_cases_of_the_thirteenth_session_rules():
    # a firm that starts work "to add" power is no broker
    text = "Vetta Cloud on Tuesday started work on the Mesa campus to add 300 MW of capacity."
    assert [(f.subject.label, f.quantity.value) for f in extract(Doc(text, ["en"])).figures] == [("Vetta Cloud", 300.0)]
    # a capitalised company noun that opens a name outside German and Norwegian is part of it
    assert {e.label for e in extract(Doc("Giant Eagle Inc. will invest $2 billion in a campus.", ["en"])).entities} == {"Giant Eagle"}
    # people are no currency, whatever CLDR calls the Bolivian one
    text = "Vetta Energía invertirá 300 millones de dólares en un campus que beneficiará a 2 millones de bolivianos."
    assert "BOB" not in {f.quantity.unit for f in extract(Doc(text, ["es"])).figures}
    # a firm merged into one that was itself renamed ends in the renamed one
    text = "宁夏云图数据股份有限公司（603881）宣布投资约12亿元。云图数据表示，张北云图数据科技有限公司将获得贷款5亿元。"
    assert {e.label for e in extract(Doc(text, ["zh"])).entities if e.kind == "org"} == {"云图数据"}


def test_extraction_does_not_depend_on_the_hash_seed():
    """Sets iterate in an order that changes with PYTHONHASHSEED; the figures must not. (A Chinese
    story with a sentence read as Japanese once took either pack's short-name length.)"""
    import os
    import subprocess
    import sys
    from pathlib import Path

    script = ("import sys; from pathlib import Path; from kg.documents import read_document; from kg.extract import extract; "
              "ex = extract(read_document(Path(sys.argv[1]), {})); "
              "print(sorted(repr((f.subject.key, f.metric, f.quantity.value, f.quantity.lower, f.quantity.upper)) for f in ex.figures))")
    path = Path(__file__).parent / "data" / "heldout13" / "zh_2.txt"
    runs = [subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}) for seed in ("1", "2")]
    assert all(r.returncode == 0 for r in runs), [r.stderr[-500:] for r in runs]
    assert len({r.stdout for r in runs}) == 1


def test_a_korean_brokers_note_on_a_firm_named_by_its_results():
    # invented firms: the broker writes a report ("보고서에서") and is no subject; the firm is known by
    # "X의 2027년 매출액" and its whole capacity ("회사 전체") is no firm
    text = ("한결투자증권은 3일 보고서에서 누리기판의 2027년 매출액을 9200억원으로 추정했다. "
            "누리기판은 평택에 짓는 3공장에 2028년까지 1500억원을 투입한다. "
            "3공장이 완공되면 회사 전체 생산능력은 약 30% 늘어난다.")
    got = {(f[0], f[1], f[2]) for f in figures(text, ["ko"])}
    assert ("누리기판", "revenue_projection", 9.2e11) in got
    assert ("누리기판", "investment_commitment", 1.5e11) in got
    assert not any(f[0] in ("한결투자증권", "전체") for f in got)


def test_a_chinese_group_named_with_its_group_word_in_brackets_and_a_place_bank():
    # invented firms: "江海港集团" is the "江海港（集团）有限公司" named in full; "苏州银行" is a bank of its
    # own beside "苏州农村商业银行" (a place and the firm's word abbreviate nothing)
    text = ("本报讯 江海港（集团）有限公司与云岭信息技术有限公司签署协议，共同投资20亿元建设智算中心。"
            "其中，江海港集团持股60%，认缴出资12亿元。"
            "苏州银行提供10亿元贷款，苏州农村商业银行提供5亿元贷款。")
    ex = extract(Doc(text, ["zh"]))
    labels = {e.label for e in ex.entities if e.kind == "org"}
    assert "江海港集团" in labels and "江海港（集团）有限公司" not in labels
    assert {"苏州银行", "苏州农村商业银行"} <= labels


def test_a_french_name_with_an_accented_acronym_and_a_region_of_several_words():
    # invented utility: "Énergies du Rhin (ÉR)" is one firm by its name and its acronym; the regional
    # council is "Région Grand Est", not "Région Grand"
    text = ("Énergies du Rhin (ÉR) va investir environ 300 millions d'euros dans un centre de données. "
            "La Région Grand Est, de son côté, a voté une aide de 8 millions d'euros.")
    ex = extract(Doc(text, ["fr"]))
    labels = {e.label for e in ex.entities if e.kind == "org"}
    assert {"Énergies du Rhin", "Région Grand Est"} <= labels


def test_a_firm_named_short_several_times_before_a_longer_name_is_not_that_name():
    # invented firms: "Norvia" is the buyer; "Norvia Core Infrastructure", reached only later, is its fund
    text = ("Norvia compra 80% da Datamar Brasil. A gestora Norvia pagará R$ 900 milhões. "
            "A Norvia contratou um empréstimo de R$ 400 milhões. Norvia vai investir R$ 2 bilhões em cinco anos. "
            "O restante vem de seu fundo Norvia Core Infrastructure, de US$ 1,7 bilhão.")
    got = {(f[0], f[1], f[2]) for f in figures(text, ["pt"])}
    assert {("norvia", "loan_or_debt", 4e8), ("norvia", "investment_commitment", 2e9)} <= got


def test_a_rating_agencys_action_is_no_figure_of_the_agency_and_a_possessive_owns_the_amount():
    # invented deals of known firms: the agency (found by a cue, en broker_cues) assigns or lowers
    # ratings; "Cologix's $900 million term loan" is Cologix's, though it follows "on"
    text = ("Halvorsen Ratings Inc. assigned a preliminary A- rating to Aligned Data Centers' $1.1 billion data center ABS. "
            "Aligned Data Centers will use about $600 million of the proceeds to refinance debt. "
            "Halvorsen Ratings Inc. also lowered the rating on Cologix's $900 million term loan to B3.")
    got = {(f[0], f[1], f[2]) for f in figures(text, ["en"])}
    assert ("cologix", "loan_or_debt", 9e8) in got
    assert not any(f[0].startswith("halvorsen") for f in got)


def test_a_term_with_its_acronym_is_no_firm():
    # common.yaml term_acronyms: "Künstliche Intelligenz (KI)" names a technology, not a company
    text = ("Rund 850 Mio. Euro wollen Wien Energie und Magenta Telekom in einen Campus investieren, "
            "der vor allem für Anwendungen der Künstlichen Intelligenz (KI) ausgelegt ist.")
    ex = extract(Doc(text, ["de"]))
    assert not any(e.label in ("Künstlichen Intelligenz", "KI") for e in ex.entities)


def test_japanese_grammar_after_a_legal_form_is_no_name():
    # "株式会社より" is "from the company": no firm called "より"; "株式会社あおぞら銀行" still is one
    text = "中国電力ネットワーク株式会社より、最大3万キロワットの承諾を得た。株式会社あおぞら銀行ほか3行が融資する。"
    labels = {e.label for e in extract(Doc(text, ["ja"])).entities if e.kind == "org"}
    assert "より" not in labels and "あおぞら銀行" in labels


@pytest.mark.parametrize("language, text", [
    ("ar", "أعلنت شركة فيتا كلاود، أمس، أنها ستستثمر 400 مليون دينار كويتي. يذكر أن سعر صرف الدينار يبلغ نحو 3.26 دولار."),
    ("en", "Vetta Cloud will invest 400 million dinars. The dinar's exchange rate stands at about $3.26."),
    ("de", "Vetta Cloud investiert 400 Mio. Euro. Der Wechselkurs liegt bei 1,08 Dollar je Euro."),
    ("en", "Vetta Cloud will invest £400 million. Currency note: conversion at €1.15 to the pound."),
    ("es", "Vetta Cloud invertirá US$ 400 millones. Se utilizó un tipo de cambio de $ 945 por dólar y un valor de la UF de $ 39.850."),
    # one person's pay, a year before a currency's word and a stock box are no figures either
    ("en", "Vetta Cloud will invest $400 million; its staff will earn an average salary of $78,000."),
    ("en", 'Vetta Cloud will invest $400 million. "We are locking in 2027 dollars until 2049," he said.'),
    ("en", "Vetta Cloud will invest $400 million.\n\nVETTA CLOUD (ASX: VTC)\nLast $11.92 | Change +$0.39 | 52-week range $9.41 – $12.10"),
    ("zh", "腾讯将在当地投资4亿元，员工平均年薪约18万元。"),
    ("en", "Vetta Cloud will invest $400 million. The central bank's reference rate stood at Rwf 1,450 to the dollar."),
    ("es", "Vetta Cloud invertirá US$ 400 millones. El dólar oficial cerró a $ 1.462 para la venta."),
])
def test_an_exchange_rate_is_no_figure(language, text):
    got = figures(text, [language])
    assert [f[2] for f in got] == [4e8]


@pytest.mark.parametrize("language, text, name", [
    ("nb", "Selskapet har fått tilsagn om 60 MW. – Vi har kunder som venter, sier daglig leder i Vardlund, Kari Nordmann.", "Vardlund"),
    ("en", "The company secured 60 MW of power, said Jane Doe, chief executive at Vardlund.", "Vardlund"),
])
def test_the_employer_after_a_chief_executives_title_is_a_firm(language, text, name):
    # invented firm: employer_words ("i", "at") name the firm a chief executive heads, as of_words do
    assert name in {e.label for e in extract(Doc(text, [language])).entities if e.kind == "org"}


def test_a_chinese_rural_commercial_bank_with_its_place_is_one_lender():
    # a place of up to four characters, then 农村商业银行: one bank, and the rest of the loan is its
    text = "其中，江南银行提供30亿元，呼伦贝尔农村商业银行等地方金融机构承担其余25亿元，贷款期限15年。"
    got = {(f[0], f[1], f[2]) for f in figures(text, ["zh"])}
    assert ("呼伦贝尔农村商业银行", "loan_or_debt", 2.5e9) in got


def _assert_quotes_are_the_texts(ex, text: str) -> None:
    """Every evidence's sentence and mention are the document's own text at their offsets."""
    for f in ex.figures:
        for ev in f.evidence:
            assert ev.sentence.text == text[ev.sentence.start:ev.sentence.end]
            assert ev.mention.text == text[ev.mention.start:ev.mention.end]


def test_no_break_spaces_are_read_as_spaces_and_quotes_stay_exact():
    # web pages write "1 200 MW" and names with no-break and narrow no-break spaces: a firm found by
    # pattern is labelled with plain spaces (as users type it), and its quotes are the text's own
    text = ("Vardlund\u00a0Data\u00a0Systems Ltd said on Monday it will invest \u20ac1.2\u00a0billion in a campus. "
            "Vardlund also plans to draw 50\u00a0MW from the grid.")
    ex = extract(Doc(text, ["en"]))
    got = {(f.subject.label, f.metric, f.quantity.value) for f in ex.figures}
    assert got == {("Vardlund Data Systems", "investment_commitment", 1.2e9), ("Vardlund Data Systems", "power_capacity", 50)}
    _assert_quotes_are_the_texts(ex, text)


def test_irregular_spacing_and_wrapped_paragraphs_read_as_plain_text():
    # a run of spaces reads as one, and a paragraph wrapped at a fixed width (three lines or more of
    # about the same length, as wire copy is) as one line; quotes and offsets stay the text's own,
    # once each even where figures share a sentence
    plain = ("Vardlund Data Systems said on Monday it will invest $1.9 billion in a campus near Reno that will "
             "draw 150 megawatts, and that its partner Kestrel Power will put $400 million into a substation "
             "next to the site.")
    wrapped = "Synthetic  wire\n\n" + "\n".join(__import__("textwrap").wrap(plain.replace("campus near", "campus  near"), 60)) + "\n"
    assert wrapped.count("\n") >= 5
    def facts(text):
        ex = extract(Doc(text, ["en"]))
        _assert_quotes_are_the_texts(ex, text)
        return sorted((f.subject.key, f.metric, f.quantity.value) for f in ex.figures)
    assert facts(wrapped) == facts("Synthetic wire\n\n" + plain + "\n")
    assert len(facts(wrapped)) == 3


def test_soft_hyphens_and_zero_width_spaces_are_not_read():
    # web pages leave soft hyphens and zero-width spaces inside words; the quote keeps them
    text = "Vardlund\u00adData\u200bSystems plant ein Rechen\u00adzentrum: Die Firma investiert 1,2 Milliarden\u00ad Euro in Hessen."
    plain = text.replace("\u00ad", "").replace("\u200b", "")
    ex = extract(Doc(text, ["de"]))
    assert sorted((f.metric, f.quantity.value, f.quantity.unit) for f in ex.figures) == \
        sorted((f.metric, f.quantity.value, f.quantity.unit) for f in extract(Doc(plain, ["de"])).figures)
    assert [ev.mention.text for f in ex.figures for ev in f.evidence] == ["1,2 Milliarden\u00ad Euro"]


def test_html_entities_left_in_a_text_read_as_their_characters():
    text = "Vardlund Data Systems said it will invest &euro;1.2&nbsp;billion in a campus with AT&amp;T, the company&#8217;s largest."
    ex = extract(Doc(text, ["en"]))
    assert [(f.metric, f.quantity.value, f.quantity.unit) for f in ex.figures] == [("investment_commitment", 1.2e9, "EUR")]
    assert [ev.mention.text for f in ex.figures for ev in f.evidence] == ["&euro;1.2&nbsp;billion"]


def test_a_two_line_paragraph_cut_inside_a_sentence_reads_as_one_line():
    text = ("Synthetic wire\n\nVardlund Data Systems said on Monday it will invest a total of $1.9\n"
            "billion in a campus near Reno.\n")
    ex = extract(Doc(text, ["en"]))
    assert [(f.metric, f.quantity.value) for f in ex.figures] == [("investment_commitment", 1.9e9)]
    assert [ev.mention.text for f in ex.figures for ev in f.evidence] == ["$1.9\nbillion"]


def _as_published_elsewhere(text: str, how: str) -> str:
    """The same article as other pages write it: odd spaces, doubled spaces, soft hyphens, entities."""
    if how == "no-break spaces":
        return text.replace(" ", "\u00a0")
    if how == "doubled spaces":
        return text.replace(" ", "  ")
    if how == "soft hyphens":
        return re.sub(r"(\w{5})(\w{5,})", lambda m: m.group(1) + "\u00ad" + m.group(2), text)
    return text.replace("'", "&#8217;").replace(" & ", " &amp; ")


@pytest.mark.parametrize("how", ["no-break spaces", "doubled spaces", "soft hyphens", "html entities"])
@pytest.mark.parametrize("path", ["heldout16/fr_2.txt", "heldout16/en_5.txt", "heldout15/de_1.txt", "heldout16/ar_1.txt"])
def test_an_article_gives_the_same_figures_however_a_page_spaced_it(path, how):
    from pathlib import Path
    from kg.documents import read_document
    source = Path(__file__).parent / "data" / path
    original = read_document(source, {})
    changed = replace(original, text=_as_published_elsewhere(original.text, how))
    def facts(doc):
        ex = extract(doc)
        _assert_quotes_are_the_texts(ex, doc.text)
        return sorted(str((f.subject.label, f.metric, f.quantity.value, f.quantity.lower, f.quantity.upper, f.quantity.unit))
                      for f in ex.figures)
    assert facts(changed) == facts(original)


def test_a_headline_in_capitals_ends_a_name_at_its_function_word():
    got = figures("VARDLUND DATA SYSTEMS TO INVEST $2 BILLION IN TEXAS CAMPUS", ["en"])
    assert [(f[0], f[1], f[2]) for f in got] == [("vardlund-data-systems", "investment_commitment", 2e9)]


def test_a_norwegian_firm_opening_a_sentence_with_a_relative_clause():
    # invented grid company: "X, som har ..." names a firm; "Selskapet, som ..." (a noun with its article) does not
    text = ("Vardnett, som har ansvaret for nettet i regionen, har fått søknader på til sammen 900 MW. "
            "Selskapet, som eies av kommunene, vil investere 2 milliarder kroner.")
    labels = {e.label for e in extract(Doc(text, ["nb"])).entities if e.kind == "org"}
    assert "Vardnett" in labels and "Selskapet" not in labels


def test_the_region_is_the_region_the_story_named_most():
    # anaphora.region: a figure no firm claims, about "la regione", is the region's (not a market report's place)
    text = ("Vardlund costruirà un campus in Veneto. Il Veneto punta sui dati. "
            "Secondo un'analisi di Unioncamere, oggi in tutta la regione i data center superano di poco i 15 MW complessivi.")
    got = {(f[0], f[1], f[3] or f[2]) for f in figures(text, ["it"])}
    assert ("veneto", "power_capacity", 15) in got


@pytest.mark.parametrize("language, text, subject", [
    # a firm's own outlook is no rating action: it stays the subject of its figures
    ("en", "Oracle affirmed its outlook for fiscal 2026. Oracle will invest $40 billion in new data centres in Texas.", "oracle"),
    ("en", "Intel lowered its full-year revenue outlook on Thursday. Intel will spend $20 billion on two chip plants in Ohio.", "intel"),
])
def test_a_firms_own_outlook_makes_it_no_analyst(language, text, subject):
    assert [f[0] for f in figures(text, [language])] == [subject]


@pytest.mark.parametrize("language, text, not_a_firm", [
    ("nb", "Mange, som har fulgt saken, mener at Statkraft bør investere 500 millioner kroner.", "Mange"),
    ("nb", "Dette, som er det største prosjektet i regionen, koster 3 milliarder kroner.", "Dette"),
    ("ko", "삼성전자는 반도체의 올해 매출이 10조원 늘 것으로 내다봤다.", "반도체"),
])
def test_pronouns_and_industry_words_are_no_firms(language, text, not_a_firm):
    assert not_a_firm not in {e.label for e in extract(Doc(text, [language])).entities}


def test_reading_layer_edges():
    from kg.extract import _as_written_for_reading as reading
    assert reading("a&nbsp;&nbsp;b and a &nbsp;b")[0] == "a b and a b"   # runs after entities
    assert reading("Rechen&shy;zentrum")[0] == "Rechenzentrum"            # an entity of an invisible character
    text = "Vardlund said: &#8220;We will invest $80 billion in data centres this year.&#8221;\n"
    readable, starts, ends = reading(text)
    i = readable.index("this year.") + len("this year.")                  # a span ending on an entity's character
    assert text[starts[i - len("this year.")]:ends[i]] == "this year.&#8221;"
    # three short statements, each opening with a capital, are a list, not a wrapped paragraph
    listing = ("Microsoft commits $3.3 billion to Wisconsin AI campus now\nOracle plans $40 billion for new data "
               "centres in Texas\nAmazon Web Services invests $11 billion in Georgia site\n")
    assert reading(listing)[0] == listing


def test_wrapped_paragraphs_in_every_script_read_as_one_line():
    from kg.extract import _as_written_for_reading as reading
    # German wraps before its capitalised nouns; the paragraph ends a sentence, so it is one paragraph
    german = ("Die Stadtwerke Vardlund und die Orbis Versicherung wollen auf dem alten\n"
              "Kraftwerksgelände bis zu 120 Megawatt Rechenleistung ansiedeln und rechnen\n"
              "mit Kosten von rund 900 Millionen Euro für den ersten Bauabschnitt.\n")
    assert "\n" not in reading(german)[0].rstrip("\n")
    # a heading above a wrapped paragraph stays its own line; a word cut at its hyphen is joined
    # without a space; Chinese and Japanese lines join with nothing between their characters
    headed = ("1. Overview\nThe campus, which Vardlund Data will build on the Orbis-\n"
              "Nord site, is to cost about $2.1 billion and to draw up to\n"
              "300 megawatts once all four halls are running.\n")
    assert reading(headed)[0] == ("1. Overview\nThe campus, which Vardlund Data will build on the Orbis-Nord site, "
                                  "is to cost about $2.1 billion and to draw up to 300 megawatts once all four halls are running.\n")
    chinese = "瓦德隆数据公司计划在江北新区投资约45亿元建设一座人工智能算力中心，项目占地约120亩，一期机柜\n数量约3000个，预计于2027年底建成投产，届时将为当地新增就业岗位约500个。\n"
    assert reading(chinese)[0] == chinese.replace("\n", "", 1)
    # (a number cut at the line's end joins with nothing between in those scripts, not in Latin text)
    cut = chinese.replace("\n数量约3000个", "数量约3\n000个")
    assert reading(cut)[0] == chinese.replace("\n", "", 1)
    latin = ("Vardlund Data Systems said on Monday it will build the first stage of Phase 1\n"
             "200 MW near Reno, and that its partner will put money into it.\n")
    assert "Phase 1 200 MW" in reading(latin)[0]
    # a fact box under a longer line is no wrapped paragraph: the next line's first word would have fitted
    box = ("$2.4 billion — estimated cost of the campus at full build-out of all halls\n"
           "612 acres — rezoned from agricultural to industrial\n400 MW — maximum planned capacity\n")
    assert reading(box)[0] == box


def test_a_wrapped_article_gives_the_figures_of_its_unwrapped_self():
    import textwrap
    article = ("Vardlund Post\n\nStadtwerke Vardlund plant KI-Rechenzentrum\n\n"
               "Die Stadtwerke Vardlund wollen auf dem Gelände ihres früheren Kohlekraftwerks ein "
               "Rechenzentrum für Anwendungen der künstlichen Intelligenz errichten. Die Gesamtinvestition "
               "beziffert der Versorger auf rund 1,2 Milliarden Euro. Der erste Bauabschnitt mit 45 Megawatt "
               "soll bis Ende 2028 in Betrieb gehen und rund 390 Millionen Euro kosten.\n")

    def figures(text):
        return sorted((f.metric, f.quantity.value) for f in extract(Doc(text, ["de"])).figures)
    assert len(figures(article)) == 3
    for width in range(50, 90, 4):  # wire copy and e-mail wrap at 60-80 columns
        wrapped = "\n".join(textwrap.fill(line, width) for line in article.split("\n"))
        assert figures(wrapped) == figures(article), width


@pytest.mark.parametrize("text, lang, found, not_found", [
    # a capital before "$" is a currency's sign, not the last name of a list
    ("Dos R$ 900 milhões, R$ 600 milhões virão do Banco Vardlund, e R$ 300 milhões do Banco Orbis.", "pt",
     "Banco Vardlund", "R"),
    # a legal form before "of" and a region or a country: one firm, the place inside it
    ("The Orbis Pension Plan and the Vardlund Investment Corp. of Ontario will develop the campus.", "en",
     "Vardlund Investment Corp. of Ontario", "Vardlund Investment"),
    ("The Vardlund Grid Corporation of the Philippines will connect the site.", "en",
     "Vardlund Grid Corporation of the Philippines", None),
    ("The St. Vardlund Parish School Board would receive about 58 percent of each payment.", "en",
     "St. Vardlund Parish School Board", "Vardlund Parish School Board"),
    # a slash inside a name; German compounds ending in a firm's word before a place or a town
    ("Die NORD/LB beteiligt sich mit 400 Millionen Euro.", "de", "NORD/LB", "LB"),
    ("Den Rest übernehmen die Investitionsbank Sachsen-Anhalt und die Kreissparkasse Ludwigsburg.", "de",
     "Investitionsbank Sachsen-Anhalt", None),
    ("Den Rest übernehmen die Investitionsbank Sachsen-Anhalt und die Kreissparkasse Ludwigsburg.", "de",
     "Kreissparkasse Ludwigsburg", None),
    ("Die Raiffeisen-Landesbank Steiermark stellt einen Kredit über 250 Mio. Euro bereit.", "de",
     "Raiffeisen-Landesbank Steiermark", "Landesbank Steiermark"),
    # "de la" and an elided "d'" before an accented capital join a name; "X-Tochter" is no part of one
    ("La Région Pays de la Loire versera une subvention de 8 millions d'euros.", "fr", "Région Pays de la Loire", "Région Pays"),
    ("Le prêt est apporté par la Banque Vardlund et la Caisse d'Épargne Orbis.", "fr", "Caisse d'Épargne Orbis", "Caisse"),
    ("Die Vardlund-Tochter Orbis Strom soll bis zu 40 MW liefern.", "de", "Orbis Strom", "Vardlund-Tochter Orbis Strom"),
    # a company noun glued to its place ("Stavanger-selskapet"), a smelter, before a name
    ("Stavanger-selskapet Vardlund, smelteverket Orbis og Kvarts går sammen om et datasenter.", "nb", "Orbis", "smelteverket Orbis"),
    # the shares of a firm are no part of its name
    ("Shares of Vardlund Orbis closed 4.6 per cent higher at ₹612.35 on the NSE on Friday.", "en", "Vardlund Orbis", "Shares of Vardlund Orbis"),
])
def test_names_beside_currency_signs_and_before_of_a_country(text, lang, found, not_found):
    # (and a saint's abbreviation opens a name: "St. Landry Parish School Board")
    labels = org_labels(text, lang)
    assert found in labels
    if not_found is not None:
        assert not_found not in labels


def test_a_short_name_in_brackets_and_a_name_listed_with_found_firms_in_chinese():
    text = ("瓦德隆集团、北辰光电、奥比斯控股联手打造智算中心。"
            "项目由江北瓦德隆数据科技股份有限公司（瓦德隆数据）牵头，总投资约30亿元。"
            "北辰光电持股30%，瓦德隆数据持股70%。北辰光电当晚公告称，公司以自有资金认缴出资9亿元。")
    ex = extract(Doc(text, ["zh"]))
    labels = {e.label for e in ex.entities if e.kind == "org"}
    # the short name in brackets is the firm of the full name, by the short name the article uses
    assert "瓦德隆数据" in labels and "江北瓦德隆数据科技股份有限公司" not in labels
    # a name between the list's marks beside found firms, written again later, is a firm
    assert "北辰光电" in labels
    owners = {f.subject.label for f in ex.figures if f.quantity.unit == "percent"}
    assert owners == {"北辰光电", "瓦德隆数据"}


def test_japanese_lenders_listed_with_ya_and_nado_and_the_rest_after_wa():
    # invented banks with a real prefecture: "残る…は X や Y など" gives the rest to the first lender;
    # a bank named after its prefecture is not the short name of a longer one that opens with it
    text = ("瓦德銀行が280億円、千葉銀行が200億円を融資し、残る220億円は千葉興業銀行や大東銀行など県内外の金融機関が分担する。"
            "計画地は千葉県印西市の工業用地で、敷地面積は約9.2ヘクタール。")
    ex = extract(Doc(text, ["ja"]))
    labels = {e.label for e in ex.entities if e.kind == "org"}
    assert {"千葉銀行", "千葉興業銀行", "大東銀行"} <= labels
    loans = {(f.subject.label, f.quantity.value) for f in ex.figures if f.metric == "loan_or_debt"}
    assert ("千葉興業銀行", 2.2e10) in loans and ("千葉銀行", 2e10) in loans
    assert any(e.kind == "place" and e.label == "Chiba Prefecture" for e in ex.entities)


@pytest.mark.parametrize("text, lang", [
    ("NTTデータは千葉県に新拠点を建設する。国内のAI開発企業1社と2万キロワット分の利用について基本合意した。", "ja"),
    ("NTT데이터는 김포에 새 데이터센터를 짓는다. 국내 AI 기업 1곳이 20MW를 임차하기로 했다.", "ko"),
])
def test_domestic_before_one_unnamed_firm_is_no_figure_of_the_country(text, lang):
    # "国内の…1社": one unnamed domestic firm leases from the operator; the figure is not Japan's
    assert subject_labels(text, lang) == {"NTT Data"}


def test_the_press_short_form_of_a_firms_name_ending_is_that_firm():
    # invented insurer: the headline writes "손보" for the "손해보험" that ends its name in the body
    text = "바르들룬손보 2000억 투자\n\n바르들룬손해보험은 김포 AI 데이터센터에 2000억원을 투자한다고 밝혔다."
    ex = extract(Doc(text, ["ko"]))
    forms = {e.label: ex.surface_forms.get(e.key, set()) for e in ex.entities if e.kind == "org"}
    assert "바르들룬손보" in forms.get("바르들룬손해보험", set()), forms


def test_the_company_with_an_adjective_is_the_firm_just_named_and_an_ordinal_opens_no_name():
    # invented firms: "Erster Mieter wird X" names X; "Die staatliche Gesellschaft" is X, and so are its GPUs
    text = ("Vardlund Energie baut in Bettemburg einen Campus für 780 Millionen Euro. Erster Mieter wird Orbis Compute, "
            "der Betreiber des nationalen Supercomputers. Die staatliche Gesellschaft mietet 12 MW und will dort bis zu 3.000 GPU betreiben.")
    ex = extract(Doc(text, ["de"]))
    assert "Erster Mieter" not in {e.label for e in ex.entities}
    got = {(f.subject.label, f.quantity.upper or f.quantity.value) for f in ex.figures}
    assert ("Orbis Compute", 12.0) in got and ("Orbis Compute", 3000.0) in got, got


@pytest.mark.parametrize("language, text, value", [
    ("en", "Vetta Compute will build a campus with 6,000 racks in Ohio.", 6000.0),
    ("de", "Vetta Compute baut in Hessen ein Rechenzentrum, dessen Abwärme rund 8.000 Haushalte heizen soll.", 8000.0),
    ("zh", "腾讯将在贵安建设智算中心，规划建设3000个机柜。", 3000.0),
    ("ja", "NTTデータは千葉県印西市に約2000ラックのデータセンターを建設する。", 2000.0),
])
def test_racks_and_households_are_counted_as_other(language, text, value):
    got = {(f.metric, f.quantity.value) for f in extract(Doc(text, [language])).figures}
    assert ("other", value) in got, got


@pytest.mark.parametrize("language, text, bound, operator", [
    ("en", "Vetta Compute will build a 120MW campus in Ohio with a design PUE of 1.25.", ("value", 1.25), "Vetta Compute"),
    ("zh", "腾讯将在贵安建设智算中心，总投资约30亿元。项目设计PUE不高于1.20，首批机房明年交付。", ("upper", 1.2), "Tencent"),
    ("de", "Vetta Compute baut in Hessen ein Rechenzentrum für 500 Millionen Euro. Die Betreiber peilen einen PUE-Wert von unter 1,2 an.",
     ("upper", 1.2), "Vetta Compute"),
    # (not a count after the word, nor the word inside another)
    ("en", "Vetta Compute's PUE is low and it has 2 halls in Ohio, where it will invest $400 million.", None, None),
])
def test_a_power_usage_effectiveness_is_the_operators_ratio(language, text, bound, operator):
    ratios = [f for f in extract(Doc(text, [language])).figures if f.quantity.unit == "ratio"]
    if bound is None:
        assert ratios == []
        return
    assert len(ratios) == 1 and ratios[0].metric == "other"
    assert getattr(ratios[0].quantity, bound[0]) == bound[1]
    assert ratios[0].subject.label == operator


def test_a_hyphenated_per_cent_and_a_plural_possessive_word_of_a_firms_name():
    # (figures invented) the "Ontario Teachers' Pension Plan" is "Teachers'" alone later, with its "45-per-cent" stake
    text = ("The Ontario Teachers' Pension Plan and Orbis Capital will build a campus in Ontario. "
            "Teachers' will invest $1.3-billion for a 45-per-cent stake, and Orbis Capital $950-million for 35 per cent.")
    got = {(f.subject.label, f.quantity.value) for f in extract(Doc(text, ["en"])).figures if f.quantity.unit == "percent"}
    assert got == {("Ontario Teachers' Pension Plan", 45.0), ("Orbis Capital", 35.0)}, got


@pytest.mark.parametrize("language, text, name", [
    ("nb", "Vardlund Energi, kommunens energiverkstiftelse, skyter inn 350 millioner kroner i prosjektet.", "Vardlund Energi"),
    ("fr", "Vardlund, qui l'exploite, investira 12 millions d'euros dans une station de récupération.", "Vardlund"),
])
def test_an_opening_name_with_an_appositive_in_lower_case_then_a_business_verb_is_a_firm(language, text, name):
    assert name in org_labels(text, language)


def test_a_belonging_verb_said_once_gives_each_listed_share_its_owner():
    text = ("Vardlund Data, Orbis Kraft og Eramet Norway bygger et datasenter i Kristiansand. Prosjektselskapet eies "
            "60 prosent av Vardlund Data, 25 prosent av Orbis Kraft og 15 prosent av Eramet Norway.")
    got = {(f.subject.label, f.quantity.value) for f in extract(Doc(text, ["nb"])).figures if f.quantity.unit == "percent"}
    assert got == {("Vardlund Data", 60.0), ("Orbis Kraft", 25.0), ("Eramet Norway", 15.0)}, got


@pytest.mark.parametrize("text, value, unit", [
    ("الطاقة الاستيعابية تصل إلى 120 ميجاواط", 120.0, "MW"),
    ("بقدرة 1.5 جيجاواط", 1.5, "GW"),
    ("بقدرة 40 ميغاوات", 40.0, "MW"),
    ("بقدرة 300 ميغا وات", 300.0, "MW"),
])
def test_arabic_spellings_of_megawatt_and_gigawatt(text, value, unit):
    from kg.extract.numbers import scan_amounts
    got = [(a.value or a.upper, a.unit) for a in scan_amounts(text, pack("ar"), None)]
    assert got == [(value, unit)]


@pytest.mark.parametrize("language, text", [
    ("pt", "A Vetta Cloud emitiu debêntures de R$ 500 milhões a CDI + 1,10% ao ano."),
    ("en", "Vetta Compute signed a £210m loan with Lloyds, priced at SONIA plus 2.75%."),
    ("pt", "O BNDES entra com R$ 1,2 bilhão pela linha Finem, a TLP mais 1,9% ao ano."),
    # a broker's upside and a forecast's tolerance are no figures either
    ("en", "Orbis Securities set a target of 180p for Vetta Compute, implying upside of about 21%."),
    ("en", "Vetta Compute expects revenue of $2.3 billion, plus or minus 5%, for the quarter."),
    ("zh", "腾讯以29.5亿港元收购该物业，代价较估值折讓約3%。"),
])
def test_a_spread_over_a_benchmark_rate_is_no_figure(language, text):
    assert not [f for f in extract(Doc(text, [language])).figures if f.quantity.unit == "percent"]


@pytest.mark.parametrize("text, lang, name", [
    # an acronym alone is a name, not the preposition it spells ("nos" = "in the")
    ("A NOS mantém 49% da nova sociedade e vai investir 300 milhões de euros nos próximos anos.", "pt", "NOS"),
    # a fund manager is a company noun
    ("A Tejo Cloud chegou a acordo com a gestora Varandas para a venda de 51% por 200 milhões de euros.",
     "pt", "Varandas"),
    # nor a German noun for following a determiner; "Holding" ends a firm's name
    ("Die VARO Immobilien Holding greift auf die Aktionäre zurück. Die VARO besitzt ein Portfolio im Wert "
     "von 2,1 Mrd. Fr.", "de", "VARO Immobilien Holding"),
])
def test_an_acronym_that_spells_a_word_and_a_fund_manager_are_firms(text, lang, name):
    assert name in org_labels(text, lang)


def test_arabic_firm_words_in_arabic_letters_and_the_project_of_a_managing_director():
    # an English firm's word written in Arabic letters ends a name ("باور", power); the managing
    # director "of the project" names no firm
    text = ("وقال سامح النجار، العضو المنتدب للمشروع، إن شركة دلتا ستبني المركز. "
            "وستتولى نوفا باور إنشاء محطة شمسية بتكلفة تقدر بنحو 120 مليون دولار.")
    orgs = {e.label for e in extract(Doc(text, ["ar"])).entities if e.kind == "org"}
    assert "نوفا باور" in orgs and not any("مشروع" in o for o in orgs)


def test_an_arabic_analyst_at_a_firm_is_the_source_of_the_regions_figure():
    text = ("وقال سامح النجار، المحلل لدى «نوفا كابيتال»، "
            "إن «الطلب على السعة في دول الخليج قد يتضاعف ثلاث مرات بحلول 2030».")
    assert [(f.subject.label, f.metric) for f in extract(Doc(text, ["ar"])).figures] == [("Gulf states", "growth_multiple")]


def test_chinese_names_with_a_dash_and_siblings_named_after_one_place():
    # "中国—东盟…" keeps its dash; an eight-character name before 集团 after "、" is a firm; two firms
    # named after the same place and brand ("广西钦江湾投资集团", "广西钦江湾银行") stay two firms
    text = ("该项目由桂东投资集团牵头，联合中国—东盟云港股份有限公司、广西钦江湾投资集团共同投资建设，总投资约50亿元。"
            "其中，中国—东盟云港股份有限公司持股29%，广西钦江湾投资集团持股20%。"
            "融资方面，由广西钦江湾银行牵头组建的30亿元银团贷款已完成签约，其中钦江湾银行提供10亿元。")
    by_value = {f.quantity.value: f.subject.label for f in extract(Doc(text, ["zh"])).figures}
    assert by_value[29.0] == "中国—东盟云港股份有限公司"
    assert by_value[20.0] == "广西钦江湾投资集团"
    assert by_value[3e9] == "广西钦江湾银行"


def test_initials_of_a_firms_long_name_are_that_firm_and_a_place_before_a_company_noun_is_no_subject():
    text = ("The Pecos Valley Power Authority sold $508.6 million of revenue bonds on Wednesday. "
            "The Texas state-owned utility priced $412.6 million of tax-exempt bonds. "
            "PVPA will also spend $95 million on a substation.")
    subjects = {f.quantity.value: f.subject.label for f in extract(Doc(text, ["en"])).figures}
    assert subjects == {508.6e6: "Pecos Valley Power Authority", 412.6e6: "Pecos Valley Power Authority",
                        95e6: "Pecos Valley Power Authority"}


def test_an_average_pay_is_no_figure_and_office_space_is_no_land():
    text = ("Vetta Bio expects to create 550 new jobs by 2031, paying an average of about $148,000 a year. "
            "Vetta Bio will also take about 180,000 square feet of new office and lab space downtown.")
    got = {(f[1], f[2]) for f in figures(text, ["en"])}
    assert got == {("jobs_total", 550.0), ("other", 180000.0)}


@pytest.mark.parametrize("text, lang, unit", [
    # a currency written once for two amounts is the one the first was read as (the CFA franc of Central Africa)
    ("DOUALA (Cameroun) - Vetta Compute construit un centre de données. La caisse de retraite y injecte "
     "14 milliards de FCFA de fonds propres, Vetta Compute apporte 17 milliards.", "fr", "XAF"),
    ("Bank of Kigali is lending Rwf 54 billion to Vetta Compute.", "en", "RWF"),
    ("Stanbic Uganda will lend USh 200 billion to Vetta Compute.", "en", "UGX"),
    ("KAMPALA, Uganda - Stanbic will lend Shs200 billion to Vetta Compute.", "en", "UGX"),
    ("NAIROBI, Kenya - Equity Bank will lend Shs2 billion to Vetta Compute.", "en", "KES"),
    ("La Banque de Kigali prêtera 54 milliards de Frw à Vetta Compute.", "fr", "RWF"),
    # "P" is the Philippine peso, the pula in a story about Botswana
    ("GABORONE, Botswana - Vetta Compute will build a P1.9 billion data centre.", "en", "BWP"),
    ("MANILA - Vetta Compute will build a P1.9 billion data centre in Pasig.", "en", "PHP"),
    # (the "US" of a conversion's "US$" makes no second country of the story)
    ("GABORONE - Vetta Compute will spend P1.9 billion (about US$140 million) on a data centre in Botswana.", "en", "BWP"),
    # the Trinidad and Tobago dollar by its prefix, and a bare "$" in a story that names the country twice and writes it
    ("Vetta Compute will borrow TT$1.6 billion for its campus in Trinidad and Tobago.", "en", "TTD"),
    ("Vetta Compute will spend $2.7 billion in Trinidad and Tobago; banks in Trinidad and Tobago lend TT$1.6 billion.", "en", "TTD"),
    # the ariary by its CLDR head word; the CFP franc by its name, and a bare "francs" in a story that writes it
    ("Vetta Compute investira 180 milliards d'ariary à Antananarivo.", "fr", "MGA"),
    ("À Papeete, Vetta Compute engage 8 milliards de francs ; le câble coûtera 6,2 milliards de F CFP.", "fr", "XPF"),
    ("Vetta Compute invertirá RD$2,100 millones en Santo Domingo.", "es", "DOP"),
    ("استثمرت شركة فاردال، اليوم، في دمشق، وحصلت على قرض بقيمة 9.9 مليارات ليرة.", "ar", "SYP"),
])
def test_currency_signs_as_each_countrys_press_writes_them(text, lang, unit):
    assert {f.quantity.unit for f in extract(Doc(text, [lang])).figures} == {unit}


@pytest.mark.parametrize("text, lang, wanted, unwanted", [
    # an acronym the table knows, introduced by the article for another name, is that name's
    ("Coast Cargo Bergen (CCB) bygger et datasenter. CCB investerer 4,6 milliarder kroner.", "nb", None,
     "China Construction Bank"),
    # ... but the table's firm written in another language keeps it
    ("Banco Europeu de Investimento (BEI) empresta até 250 milhões de euros à Vetta Cloud.", "pt",
     "European Investment Bank", None),
])
def test_an_acronym_the_article_defines_for_another_name(text, lang, wanted, unwanted):
    orgs = org_labels(text, lang)
    assert (wanted is None or wanted in orgs) and (unwanted is None or unwanted not in orgs)


@pytest.mark.parametrize("text, place", [
    # a German regional paper's "das Land" is the federal state it is about ...
    ("Vetta Compute baut im Saarland ein Rechenzentrum für 310 Millionen Euro. "
     "Das Land stellt eine Förderung von bis zu 20 Millionen Euro bereit.", "Saarland"),
    # ... and the country where it names none
    ("Vetta Compute baut in Deutschland ein Rechenzentrum für 310 Millionen Euro. "
     "Das Land stellt eine Förderung von bis zu 20 Millionen Euro bereit.", "Germany"),
])
def test_das_land_is_the_state_a_german_story_is_about(text, place):
    assert [f.subject.label for f in extract(Doc(text, ["de"])).figures if f.quantity.upper == 2e7] == [place]


@pytest.mark.parametrize("text, lang, wanted", [
    # "cr" is a crore in an Indian headline; shares issued are a count; an issue price is no figure
    ("Vetta Electric raises Rs 1,500 cr via QIP; it allotted about 1.06 crore equity shares at ₹1,412 apiece.", "en",
     {("funding_round", 1.5e10, "INR"), ("other", 1.06e7, "count")}),
    ("Die Vetta AG investiert 300 Mio. Fr. Ausgegeben werden 1’250’000 neue Namenaktien zum Bezugspreis von 120 Fr.", "de",
     {("investment_commitment", 3e8, "CHF"), ("other", 1.25e6, "count")}),
])
def test_crores_in_headlines_shares_issued_and_their_price(text, lang, wanted):
    assert {(f.metric, f.quantity.value, f.quantity.unit) for f in extract(Doc(text, [lang])).figures} == wanted


def test_a_country_inside_a_long_name_ending_in_a_firms_word_is_the_names():
    text = "Nippon India Mutual Fund picked up shares worth ₹240 crore in Vetta Electric's placement."
    assert "Nippon India Mutual Fund" in {e.label for e in extract(Doc(text, ["en"])).entities if e.kind == "org"}


def test_chinese_shares_issued_are_a_count_and_shares_of_a_dividend_rate_are_none():
    text = "据悉，维塔算力13日晚间公告，拟公开发行股票不超过1.0亿股，拟募集资金39.6亿元，并拟每10股派发现金红利2元。"
    counts = [(f.quantity.value, f.quantity.upper) for f in extract(Doc(text, ["zh"])).figures if f.quantity.unit == "count"]
    assert counts == [(None, 1e8)]


@pytest.mark.parametrize("text, lang", [
    ("Vetta Cloud invertirá US$ 1.200 millones. La planta recibirá 1,8 millones de metros cúbicos diarios de gas.", "es"),
    ("Vetta Cloud investira 1 milliard d'euros. Le site recevra 2 millions de mètres cubes de gaz par jour.", "fr"),
])
def test_a_romance_volume_after_de_is_no_money(text, lang):
    assert {f.quantity.unit for f in extract(Doc(text, [lang])).figures if f.metric == "other"} == {"m3"}


@pytest.mark.parametrize("text, lang, name", [
    # Romance and Norwegian write no capital after a colon: one there is a name; leasing is doing business
    ("Vetta Cloud construira le campus. Le premier locataire est déjà connu : Norlys louera 8 MW.", "fr", "Norlys"),
    ("Vetta Cloud construirá el campus. El primer inquilino ya se conoce: Norlys alquilará 8 MW.", "es", "Norlys"),
])
def test_a_name_after_a_romance_colon_that_leases(text, lang, name):
    assert [f.subject.label for f in extract(Doc(text, [lang])).figures if f.quantity.value == 8.0] == [name]


@pytest.mark.parametrize("text, name", [
    # a name of common words opening a sentence keeps its first word: what is left opens with one too
    ("Great Prairie Energy will invest $1 billion in new lines.", "Great Prairie Energy"),
    ("Rocky Valley Power told regulators it would spend $500 million.", "Rocky Valley Power"),
    # ... and goes on after "of" a place
    ("Union Bank of Kenya and Canara Bank are lending Rs 3,000 crore to Vetta Compute.", "Union Bank of Kenya"),
])
def test_names_of_common_words_at_a_sentences_start(text, name):
    assert name in {e.label for e in extract(Doc(text, ["en"])).entities if e.kind == "org"}


@pytest.mark.parametrize("text, lang, sponsor", [
    ("The district council approved the plan. The scheme, put forward by developer Vetta Land, will see six data "
     "halls built on 52 hectares of farmland.", "en", "Vetta Land"),
    ("The district council approved the plan. The scheme, put forward by the developer Vetta Land, will see six data "
     "halls built on 52 hectares of farmland.", "en", "Vetta Land"),
    # (not a sponsor after the amount: "3,000 homes through a network proposed by the council")
    ("Vetta Land will build the campus. It expects 3,000 homes to use its heat through a network proposed by "
     "Louth Energy Agency.", "en", "Vetta Land"),
])
def test_the_firm_that_puts_a_project_forward_owns_its_figures(text, lang, sponsor):
    assert [f.subject.label for f in extract(Doc(text, [lang])).figures] == [sponsor]


def test_the_korean_government_is_a_subject():
    text = "호반건설은 나주에 1조원을 투자한다. 정부는 2030년까지 비수도권에 AI 데이터센터 5GW를 유치한다는 목표를 세웠다."
    assert [f.subject.label for f in extract(Doc(text, ["ko"])).figures if f.quantity.unit == "GW"] == ["정부"]


def test_the_firm_told_something_is_no_subject_of_what_it_was_told():
    text = ("Vetta Power told the Public Service Commission in April that it was fielding requests for more than "
            "3,000 MW of new load.")
    assert [f.subject.label for f in extract(Doc(text, ["en"])).figures] == ["Vetta Power"]


def test_the_letters_of_a_dollar_sign_are_no_part_of_the_name_before_it():
    text = "Banco Macro aporta US$ 250 millones, Banco Vettano US$ 200 millones y el Banco Provincia del Neuquén el resto."
    assert "Banco Vettano" in {f.subject.label for f in extract(Doc(text, ["es"])).figures}


@pytest.mark.parametrize("text, lang, lender", [
    ("Vetta Cloud cerró un préstamo sindicado de 700 millones de euros: Unicaja aporta 500 millones y los 200 millones "
     "restantes los pone Banco Vettano.", "es", "Banco Vettano"),
    ("Vetta Cloud ha firmato un finanziamento da 420 milioni di euro, di cui 300 milioni da Intesa Sanpaolo; i restanti 120 "
     "milioni li mette Banca Vettana.", "it", "Banca Vettana"),
])
def test_the_rest_of_a_loan_after_a_pronoun_and_a_verb_is_the_lenders_after_them(text, lang, lender):
    assert lender in {f.subject.label for f in extract(Doc(text, [lang])).figures if f.quantity.value in (2e8, 1.2e8)}


@pytest.mark.parametrize("text, lang, key", [
    ("Los 350 millones restantes los pone la Corporación Financiera Internacional (IFC) a Vetta Cloud.", "es", "ifc"),
    ("وعلى صعيد التمويل، يساهم البنك الأوروبي لإعادة الإعمار والتنمية بمبلغ 200 مليون دولار في قرض شركة فيتا.", "ar", "ebrd"),
])
def test_development_banks_by_their_names_in_other_languages(text, lang, key):
    assert key in {e.key for e in extract(Doc(text, [lang])).entities}


def test_an_arabic_authority_before_its_arabic_acronym_owns_no_centre():
    text = ("أعلنت شركة فيتا للحوسبة بناء مركز بيانات بتكلفة 300 مليون دولار. "
            "ووافقت هيئة كهرباء ومياه وغاز الشارقة (سيوا) على توفير ربط بقدرة 120 ميغاواط. "
            "وسيضم المركز أكثر من 8 آلاف معالج رسومي.")
    by_unit = {f.quantity.unit: f.subject for f in extract(Doc(text, ["ar"])).figures}
    assert by_unit["MW"].label == "هيئة كهرباء ومياه وغاز الشارقة" and by_unit["MW"].rdf_type == "Government"
    assert by_unit["count"].label == "فيتا للحوسبة"


def test_an_arabic_firm_described_by_what_it_handles_and_its_short_forms():
    # (the description "لتداول الحبوب والأعلاف" ends the name; the story shortens it, and drops the firm's
    # word "تليكوم" from the other one's, and both short forms are the firms named in full)
    text = ("وقّعت شركة «فاردال تليكوم» وشركة الدلتا لتداول الحبوب والأعلاف اتفاقية لإنشاء مركز بيانات. وتستحوذ «فاردال» "
            "على 55% من الشركة المشتركة، مقابل 45% لشركة الدلتا لتداول الحبوب.")
    found = extract(Doc("Test\n\n" + text, ["ar"]))
    assert [(f.subject.label, f.quantity.value) for f in found.figures] == [
        ("فاردال تليكوم", 55.0), ("الدلتا لتداول الحبوب والأعلاف", 45.0)]


def test_a_day_before_a_month_whose_name_opens_with_a_currency_word_is_no_money():
    text = "القاهرة - الثلاثاء 27 يناير 2026\n\nوقعت شركة «فاردال تليكوم» عقداً بقيمة 5 ملايين دولار."
    assert [(f.quantity.value, f.quantity.unit) for f in extract(Doc("Test\n\n" + text, ["ar"])).figures] == [(5000000.0, "USD")]


def test_a_firms_ticker_that_is_a_currency_code_too_is_no_money():
    # (AMD is the Armenian dram's code: the codes that are words or tickers are left out of common.yaml)
    assert [(f.metric, f.quantity.unit) for f in extract(Doc("Vetta Compute runs about 8,000 AMD GPUs today.", ["en"])).figures] \
        == [("chips", "count")]


@pytest.mark.parametrize("text, lang", [
    ("Vetta investira 10 millions d'euros. Son service compte 4,5 millions d'utilisateurs actifs.", "fr"),  # (an elided "de")
    ("استثمرت شركة فاردال، اليوم، 10 ملايين دولار. وتخدم الشركة نحو 4.5 ملايين مشترك.", "ar"),
])
def test_subscribers_and_users_after_a_scale_word_are_customers(text, lang):
    assert [(f.metric, f.quantity.unit) for f in extract(Doc(text, [lang])).figures][-1] == ("customers", "count")


def test_a_subordinator_opens_no_name_and_a_cooperative_is_a_firm():
    text = "When Vardal Holdings first called East Fork Electric Power Cooperative about a site, the answer was simple."
    assert org_labels(text, "en") == {"Vardal Holdings", "East Fork Electric Power Cooperative"}


def test_a_place_between_a_names_words_and_a_currency_sign_after_it():
    # ("Asia" inside the name is the name's; "Rs" after it is the amount's sign, no word of the name)
    text = "Vetta will build a campus in Kathmandu. Orbis Bank will lend Rs 7 billion and NIC Asia Bank Rs 5 billion."
    assert labelled_values(text, "en") == {("Orbis Bank", 7e9), ("NIC Asia Bank", 5e9)}


def test_two_quoted_names_joined_by_a_conjunction_share_the_headline_figure():
    text = ("«فاردال» و«أوربيس» تطلقان مركز بيانات بـ 2.2 مليار درهم\n\n"
            "وقعت شركة «فاردال» وشركة «أوربيس» اتفاقية لإنشاء مركز بيانات في الشارقة.")
    assert [(f.subject.label, [c.label for c in f.counterparts]) for f in extract(Doc(text, ["ar"])).figures] \
        == [("فاردال", ["أوربيس"])]


def test_a_chinese_bank_right_after_qizhong_is_a_lender():
    text = "项目已获得45亿元银团贷款授信，其中秦岭银行提供18亿元、西安银行提供15亿元。"
    assert {(f.subject.label, f.quantity.value) for f in extract(Doc(text, ["zh"])).figures} >= {("秦岭银行", 1.8e9)}


@pytest.mark.parametrize("text, lang, holder", [
    ("Vetta Electric raised Rs 1,500 crore. Nippon India Mutual Fund picked up shares worth ₹240 crore, followed by "
     "Orbis Mutual Fund with ₹185 crore.", "en", "Orbis Mutual Fund"),
    ("Vetta Cloud lève 100 millions d'euros. Le fonds Nordia apporte 50 millions d'euros, suivi par Orbis Capital "
     "avec 20 millions d'euros.", "fr", "Orbis Capital"),
])
def test_a_firm_with_an_amount_holds_it(text, lang, holder):
    assert holder in subject_labels(text, lang)


@pytest.mark.parametrize("text, lang, firms", [
    ("Vetta Cloud secured a $900 million loan led by Orvika, which is providing $400 million.", "en", {"Orvika"}),
    ("The $1.8 billion loan is provided by ORBK, VLDB and KTX, which each committed $600 million.", "en", {"ORBK", "VLDB", "KTX"}),
    ("La energía la pondrá Vardlund Generación, que suministrará 150 MW al campus de Orbis.", "es", {"Vardlund Generación"}),
])
def test_a_name_before_a_relative_clause_with_a_business_verb_is_a_firm(text, lang, firms):
    assert firms <= subject_labels(text, lang)


def test_a_place_or_an_appositive_before_a_relative_clause_is_no_firm():
    assert "Chennai" not in org_labels("Vetta builds a campus on the edge of Chennai, which will house 100 MW.", "en")
    text = "A Vetta vai construir uma central, Pico Azul II, que fornecerá 10 MW ao centro de dados."
    assert "Pico Azul II" not in org_labels(text, "pt")
    text = "A energia virá dos parques eólicos da Vetta no Alto Vardal, que vai fornecer 30 MW ao campus."
    assert "Alto Vardal" not in org_labels(text, "pt")


@pytest.mark.parametrize("text, lang", [
    ("Vetta Cloud bâtira son campus sur 38 hectares cédés par la commune pour 11 millions d'euros.", "fr"),
    ("O campus da Vetta Cloud ocupará 32 hectares adquiridos ao porto por 9 milhões de euros.", "pt"),
    ("Vardlund Métropole cède 18 hectares du site pour 5,4 millions d'euros, soit 30 euros le mètre carré.", "fr"),
])
def test_money_right_after_a_plot_is_the_price_of_the_land(text, lang):
    assert [f.metric for f in extract(Doc(text, [lang])).figures if f.quantity.unit == "EUR"] == ["other"]


def test_money_after_a_plot_and_the_site_built_on_it_is_the_sites():
    text = "Vetta Cloud kjøper 45 hektar i Vennesla og vil bygge et datasenter for 6 milliarder kroner."
    assert [f.metric for f in extract(Doc(text, ["nb"])).figures if f.quantity.unit == "NOK"] == ["investment_commitment"]


def test_where_the_verb_comes_second_its_subject_may_follow_it_before_an_amount():
    text = ("Die Vetta Data GmbH nimmt einen Konsortialkredit über 600 Millionen Euro auf. "
            "Davon übernimmt die ORBK/LB 350 Millionen Euro.")
    assert ("ORBK/LB", "loan_or_debt") in {(f.subject.label, f.metric) for f in extract(Doc(text, ["de"])).figures}


@pytest.mark.parametrize("text, lang, unit", [
    ("Vetta Cloud construirá un campus en Querétaro. La primera etapa demandará US$ 750 millones.", "es", "USD"),
    ("A Vetta Cloud vai construir um campus. A primeira fase, de 100 MW, deve exigir R$ 4,2 bilhões.", "pt", "BRL"),
    ("Vetta Cloud will build a campus in Batam. The first phase, worth Rp 4.2 trillion, opens in 2028.", "en", "IDR"),
])
def test_money_about_a_phase_of_a_site_is_what_it_costs(text, lang, unit):
    assert [f.metric for f in extract(Doc(text, [lang])).figures if f.quantity.unit == unit] == ["facility_cost"]


def test_money_a_phase_brings_in_each_year_is_no_cost():
    text = "Vetta Cloud will build a campus in Fife. Vetta Cloud expects £4m a year in fees once the first phase is running."
    assert "facility_cost" not in {f.metric for f in extract(Doc(text, ["en"])).figures}


def test_the_ethiopian_birr_by_its_sign_and_its_name():
    assert amounts("Vetta will spend Br 21.8 billion on a campus.", "en")[0][1:3] == ("ETB", 21.8e9)
    assert amounts("a loan of 5 billion birr", "en")[0][1:3] == ("ETB", 5e9)


def test_a_headlines_ok_is_no_part_of_the_name_after_it():
    text = "Commissioners OK Vardlund Power data center\n\nVardlund Power plans to spend $2 billion. Vardlund will hire 100."
    assert org_labels(text, "en") == {"Vardlund Power"}


def test_a_name_of_several_words_is_the_longer_one_it_opens_with_firm_words_after():
    text = ("The board of Orvik Edge Data Centres approved a campus in Newcastle. "
            "Orvik Edge will spend $780 million on the first stage.")
    assert subject_labels(text, "en") == {"Orvik Edge Data Centres"}


def test_two_capitals_a_cue_calls_a_firm_are_that_firm_wherever_written():
    text = "A empresa VX e o grupo Energisa vão construir um data center em Cuiabá. A VX terá 60% da sociedade e a Energisa, 40%."
    assert {(f.subject.label, f.quantity.value) for f in extract(Doc(text, ["pt"])).figures} == {("VX", 60.0), ("Energisa", 40.0)}


@pytest.mark.parametrize("text, lang, firm", [
    ("Die Orbis AG baut ein Rechenzentrum. Die Vardlund-Aktie legte im Xetra-Handel um 2,4 Prozent zu.", "de", "Vardlund"),
    ("Orbis Data bygger et datasenter. Vardlund-aksjen steg 2,1 prosent på Oslo Børs.", "nb", "Vardlund"),
])
def test_a_name_glued_to_a_word_for_its_shares_is_the_firm_whose_shares_moved(text, lang, firm):
    assert [(f.subject.label, f.metric) for f in extract(Doc(text, [lang])).figures] == [(firm, "stock_move")]


def test_steuert_bei_is_a_verb_of_doing_business_before_a_gapped_clause():
    text = "Die Sparkasse Vardlund steuert 120 Millionen Euro bei, die Orbiser Aufbaubank 150 Millionen Euro."
    assert {(f.subject.label, f.quantity.value) for f in extract(Doc(text, ["de"])).figures} == {
        ("Sparkasse Vardlund", 1.2e8), ("Orbiser Aufbaubank", 1.5e8)}


def test_the_rest_of_a_loan_named_in_the_sentence_before_is_its_lenders():
    text = ("Die Vardlund Data GmbH nimmt einen Konsortialkredit über 420 Millionen Euro auf. Die Sparkasse Orbis "
            "steuert 270 Millionen Euro bei, den Rest von 150 Millionen Euro übernimmt die Helaba.")
    assert ("Helaba", 1.5e8, "loan_or_debt") in {(f.subject.label, f.quantity.value, f.metric) for f in extract(Doc(text, ["de"])).figures}


@pytest.mark.parametrize("text, lang, kept", [
    ("Vetta Cloud will build a campus. CORRECTION: An earlier version misstated the site. It is 410 acres, not 140 acres.", "en", 410.0),
    ("Vetta Cloud construira un campus. Le site couvre 41 hectares, et non 14 hectares.", "fr", 41.0),
])
def test_the_figure_a_correction_replaces_is_no_fact(text, lang, kept):
    assert [f.quantity.value for f in extract(Doc(text, [lang])).figures] == [kept]


def test_more_coverage_opens_a_block_of_links():
    text = ("Vetta Cloud will spend $2 billion on a campus.\n\nMORE COVERAGE\n"
            "- Monaca: Orbis Chemicals trims 85 contractor jobs\n- Council OKs $2M trail grant\n")
    assert [f.quantity.value for f in extract(Doc(text, ["en"])).figures] == [2e9]


def test_a_known_firm_then_capitalised_words_and_a_region_is_its_regional_company():
    assert "Crédit Agricole Centre France" in org_labels("Le Crédit Agricole Centre France apporte 110 millions d'euros.", "fr")


def test_a_pool_of_banks_makes_a_loan():
    text = ("Vardlund Cloud construit un campus à Dijon. Un pool de trois banques régionales finance 220 millions "
            "d'euros : la Banque Orbis à hauteur de 160 millions, la Banque Vetta pour les 60 millions restants.")
    assert {f.metric for f in extract(Doc(text, ["fr"])).figures} == {"loan_or_debt"}


def test_a_number_may_follow_a_names_opening_word():
    assert "Banca 360 Orvik" in org_labels("Il prestito è stato strutturato da Banca 360 Orvik e Crédit Agricole Italia.", "it")


def test_an_earlier_online_version_retracts_its_figure():
    text = ("Vetta Cloud will build a campus near Ennis.\n\nCORRECTION: An earlier online version of this article said "
            "the campus would cover 60 hectares. The site covers 48 hectares.")
    assert [f.quantity.value for f in extract(Doc(text, ["en"])).figures] == [48.0]


def test_a_life_insurer_listed_with_its_share_is_a_firm():
    text = "合資公司由中鋼集團持股51%、國泰人壽持股49%，國泰人壽將分期出資約98億元。"
    assert ("國泰人壽", 49.0) in {(f.subject.label, f.quantity.value) for f in extract(Doc(text, ["zh"])).figures}


def test_a_state_capital_company_closing_a_list_after_he_is_a_firm():
    text = "项目公司由甘肃国投集团、并行科技集团和庆阳市国有资本投资运营公司分别持股51%、34%和15%。"
    assert ("庆阳市国有资本投资运营公司", 15.0) in {(f.subject.label, f.quantity.value) for f in extract(Doc(text, ["zh"])).figures}


def test_a_new_share_at_a_price_names_no_firm():
    text = "وقالت شركة فيتا إن الطرح يتضمن إصدار 150 مليون سهم جديد بسعر 10 ريالات للسهم."
    assert not any("جديد" in label for label in org_labels(text, "ar"))



@pytest.mark.parametrize("word, country", [("Ethiopian", "ethiopia"), ("Ghanaian", "ghana"), ("Kazakhstani", "kazakhstan")])
def test_demonyms_of_countries_no_entry_describes_are_places(word, country):
    assert [(m.entity.key, m.demonym) for m in gazetteer().find(f"the {word} market")] == [(country, True)]


def test_a_demonym_alone_is_no_short_name_of_the_firm_it_opens():
    text = ("Ethiopian Orbis Holdings will invest $10 million in Vetta Africa. Vetta Africa runs the Ethiopian unit "
            "and will spend $30 million on it.")
    assert ("Vetta Africa", 3e7) in {(f.subject.label, f.quantity.value) for f in extract(Doc(text, ["en"])).figures}


def test_a_possessive_is_no_part_of_a_name_of_several_words():
    text = "At the Reserve Bank of Vardland's reference rate, the Orbis Data Centres deal is worth about $140 million."
    assert "Reserve Bank of Vardland" in org_labels(text, "en")


def test_a_currency_sign_after_a_company_noun_is_no_name():
    text = "Vetta Africa leased the plot. The lease will cost the company Br 38 million a year."
    assert "Br" not in org_labels(text, "en")


def test_what_a_lease_costs_each_year_is_a_running_cost():
    text = "Vetta Africa leased a plot for its campus. The lease will cost Vetta Africa $3 million a year."
    assert [f.metric for f in extract(Doc(text, ["en"])).figures] == ["other"]


def test_a_chinese_slump_is_a_fall():
    text = "維塔科技（0020）昨日復牌後低開，盤中一度挫8.4%，收市跌6.2%報1.67港元。"
    assert sorted(f.quantity.value for f in extract(Doc(text, ["zh"])).figures if f.metric == "stock_move") == [-8.4, -6.2]


def test_norwegian_omsatte_for_is_revenue():
    text = "Vardlund Data bygger et datasenter. Selskapet omsatte for 1,1 milliarder kroner i fjor."
    assert [f.metric for f in extract(Doc(text, ["nb"])).figures] == ["revenue"]


def test_a_name_in_corner_brackets_after_a_company_noun_is_a_firm():
    assert "維塔智算" in org_labels("合資公司「維塔智算」由中鋼集團持股51%。", "zh")


def test_an_article_may_open_a_sentence_before_a_name_and_its_appositive():
    text = ("A Vetta vai construir um data center em Cuiabá. A Orbigrão, uma das maiores tradings de grãos do país, "
            "assinou contrato de 8 MW para processamento de dados.")
    assert subject_labels(text, "pt") == {"Orbigrão"}


def test_brazilian_units_are_shares():
    text = "A Vetta vai construir um data center. Na B3, as units da Orbisa (ORBS11) subiram 2,4% na quarta, a R$ 47,90."
    assert [(f.subject.label, f.metric) for f in extract(Doc(text, ["pt"])).figures] == [("Orbisa", "stock_move")]


def test_portuguese_entram_com_is_a_verb_of_doing_business():
    text = "A Vetta vai construir um campus. Do empréstimo, o Orbinter e o Crédito Vardal entram com 60 milhões de euros cada."
    assert {"Orbinter", "Crédito Vardal"} <= subject_labels(text, "pt")


@pytest.mark.parametrize("text, lang, names", [
    ("Vetta construirá un campus. Del préstamo, Orvika y Vardalia entran con 60 millones de euros cada una.", "es",
     {"Orvika", "Vardalia"}),
    ("Vetta costruirà un campus. Del prestito, Orvika e Vardalia entrano con 60 milioni di euro ciascuna.", "it",
     {"Orvika", "Vardalia"}),
])
def test_entran_con_and_entrano_con_are_verbs_of_doing_business(text, lang, names):
    assert names <= subject_labels(text, lang)


def test_a_chinese_name_after_a_kind_of_firm_and_before_what_it_will_invest_is_a_firm():
    assert subject_labels("本地企业维塔云则将投资约28亿元，新建3000个机架。", "zh") == {"维塔云"}


def test_a_name_after_a_towns_possessive_holds_the_amount_after_it():
    text = ("Vetta Data has lined up a $2.2 billion construction loan. Pittsburgh-based Orvik Bank is committing "
            "$900 million and Cleveland's Vardbank $700 million.")
    got = {(f.subject.label, f.quantity.value) for f in extract(Doc(text, ["en"])).figures}
    assert ("Vardbank", 7e8) in got and "Cleveland" not in org_labels(text, "en")



def test_money_after_a_plot_and_another_figure_is_no_price_of_the_land():
    text = ("The second is a 640-acre site near Sinton, where Vardlund Digital wants 350 MW for what it describes as "
            "a $2.2 billion campus.")
    assert [f.metric for f in extract(Doc(text, ["en"])).figures if f.quantity.unit == "USD"] != ["other"]


def test_money_a_phase_adds_after_its_cost_is_no_cost_of_the_phase():
    text = "Vetta Cloud will build a campus. The first phase brings $400 million of construction and $40 million in payroll."
    assert {f.quantity.value: f.metric for f in extract(Doc(text, ["en"])).figures}[4e7] != "facility_cost"


@pytest.mark.parametrize("text, lang", [
    ("Die Vetta AG baut ein Rechenzentrum. Die KI-Aktien legten um 2,4 Prozent zu.", "de"),
    ("Die Vetta AG baut ein Rechenzentrum. Die Tech-Aktien legten um 2,4 Prozent zu.", "de"),
])
def test_a_kind_of_shares_is_no_firm(text, lang):
    assert org_labels(text, lang) <= {"Vetta"}


def test_a_chinese_time_word_after_a_kind_of_firm_is_no_name():
    assert "明年" not in org_labels("维塔公司明年将投资50亿元建设数据中心。", "zh")


@pytest.mark.parametrize("text", [
    "“我们希望就在芜湖。”晋星控股集团副总经理王明在签约仪式上说。",
    "晋星控股集团2025年实现营业收入2830亿元。",
])
def test_a_chinese_group_before_its_officers_title_or_a_year_of_its_results_is_a_firm(text):
    assert "晋星控股集团" in org_labels(text, "zh")


def test_a_street_after_a_number_does_not_end_the_sentence():
    assert len(split_sentences("The office at 12 St. James Street sold for $5 million.", ["en"])) == 1


def test_a_headline_in_title_case_names_no_regional_company():
    assert "Google Expands In Ohio" not in org_labels("Google Expands In Ohio With New Campus\n\nGoogle will spend $1 billion.", "en")


def test_portuguese_entram_em_operacao_names_no_firm():
    text = "A Vetta vai construir dois parques. Alto Vardal e Serra Orvina entram em operação em 2027 com 40 MW."
    assert not {"Alto Vardal", "Serra Orvina"} & org_labels(text, "pt")


def test_each_after_a_list_in_the_same_clause_shares_the_amount_among_it():
    text = ("Vetta Data will build a campus in Johor. A RM2.4 billion green loan for the campus will be provided by "
            "Orvik Bank and Vardal Bank, each contributing RM900 million.")
    got = {(f.subject.label, f.quantity.value) for f in extract(Doc(text, ["en"])).figures}
    assert {("Orvik Bank", 9e8), ("Vardal Bank", 9e8)} <= got


def test_a_japanese_name_that_opens_in_hiragana_with_its_stock_code():
    text = "発表を受け、東京株式市場でみなもとフィナンシャルグループ（7167）の株価は一時2.8％高となった。"
    assert "みなもとフィナンシャルグループ" in org_labels(text, "ja")


@pytest.mark.parametrize("text, name", [
    ("熊田組は、高松市で計画するデータセンターの新築工事を受注した。", "熊田組"),
    ("受注発表を受け、東京株式市場で奥田組株は一時5.1％高となった。", "奥田組"),
])
def test_a_japanese_general_contractor_by_its_kumi(text, name):
    assert name in org_labels(text, "ja")


def test_a_japanese_tv_programme_or_framework_is_no_contractor():
    assert not org_labels("テレビ番組で新しい枠組みを紹介した。", "ja")


@pytest.mark.parametrize("text, name", [
    # (a big city alone in brackets, then the particle of a recipient; a Japanese arm's "日本法人" is no part of it)
    ("経済産業省は24日、5社の計画を認定した。通信事業者のオルビス・ネット（東京）に最大180億円を充てる。", "オルビス・ネット"),
    ("経済産業省は24日、5社の計画を認定した。台湾系クラウド大手の日本法人オルビス（東京）に最大60億円を充てる。", "オルビス"),
    # (Latin letters glued to a firm's word)
    ("経済産業省は24日、5社の計画を認定した。最も多いのはVARDALホールディングスで、最大340億円。", "VARDALホールディングス"),
])
def test_a_japanese_recipient_named_with_its_head_office_or_its_firm_word(text, name):
    assert [f.subject.label for f in extract(Doc("Test\n\n" + text, ["ja"])).figures] == [name]


def test_a_partners_works_without_a_site_make_it_no_owner_of_the_site_next():
    text = ("Vardlund Data will build a 200 MW campus near Ennis. Orvik Gas will lay a 14km spur from the transmission "
            "pipeline, costing €38 million. The site will cover 48 hectares.")
    assert {(f.subject.label, f.quantity.unit) for f in extract(Doc(text, ["en"])).figures} >= {("Vardlund Data", "hectare")}


def test_benggang_in_a_hong_kong_paper_is_hong_kong():
    assert "hong-kong" in {m.entity.key for m in gazetteer().find("本港數據中心總電力容量約為1,100兆瓦")}


@pytest.mark.parametrize("text, lang, unwanted", [
    # (second reading of the twenty-second session: each rule's misfire on a sentence of the reviewer's kind)
    ("Vetta Data Centers agreed to buy the 120 MW Ashburn campus from Orbis Capital for $900 million.", "en",
     ("Orbis Capital", "power_capacity")),                                   # buying a campus is no power contract
    ("SE Ventures investirà 20 milioni di euro in Vetta Data Centers.", "it", None),  # "SE" in capitals opens a name
    ("According to the filing, Marcus Webb, the company's chief financial officer, will receive $2 million.", "en",
     ("Marcus Webb", None)),                                                 # an appositive naming a title: a person
    ("Culpeper, which will receive $40 million in new tax revenue, approved the campus.", "en", ("Culpeper", None)),
    ("Yesterday Ohio Power approved 300 MW for the campus.", "en", ("Yesterday Ohio Power", None)),
    ('The venture will be 60% owned by "Vetta Data Centers", while "Orbis Capital" will hold 40%.', "en",
     ("Vetta Data Centers", 40.0)),                                          # quotes do not hide a clause's break
    ("同社は新拠点（大阪）に100億円を投資する。", "ja", ("新拠点", None)),
    ("矢野経済研究所（東京）によると、国内データセンター市場は2030年に3兆円に達する見通しだ。", "ja", ("矢野経済研究所", None)),
    ("据悉奇瑞控股集团2025年实现营业收入3000亿元。", "zh", ("据悉奇瑞控股集团", None)),
])
def test_review_findings_of_the_twenty_second_session(text, lang, unwanted):
    found = extract(Doc("Test\n\n" + text, [lang]))
    labels = {(f.subject.label, f.metric) for f in found.figures} | {(f.subject.label, f.quantity.value) for f in found.figures}
    orgs = {e.label for e in found.entities if e.kind == "org"}
    if unwanted is None:
        assert "SE Ventures" in orgs
    elif unwanted[1] is None:
        assert unwanted[0] not in orgs
    else:
        assert unwanted not in labels


def test_a_bare_franc_is_the_one_the_places_of_the_story_name():
    text = ("La société camerounaise Camtel investira 14 milliards de FCFA dans un centre de données à Douala, au Cameroun. "
            "L'État apportera 5 milliards de francs.")
    assert {f.quantity.unit for f in extract(Doc(text, ["fr"])).figures} == {"XAF"}


@pytest.mark.parametrize("text, lang, developer, approver", [
    ("Harwell Digital plans a data centre campus outside Wakefield. Wakefield Council's planning committee approved "
     "the scheme on Monday, which allows up to 150MW of IT load on 38 acres.", "en", "Harwell Digital", "Wakefield Council"),
    ("Orbis Capital wants to build near Selma. The Elmore County Commission on Tuesday approved a 90 MW campus and "
     "120 acres of rezoning.", "en", "Orbis Capital", "Elmore County Commission"),
])
def test_a_public_body_approving_a_project_gives_its_figures_to_the_developer(text, lang, developer, approver):
    subjects = {f.subject.label for f in extract(Doc("Test\n\n" + text, [lang])).figures}
    assert developer in subjects and approver not in subjects


@pytest.mark.parametrize("text, lang, owner", [
    ("Vetta Data Centers will build a campus in Stoke. Stoke City Council approved a £3 million grant for the road.",
     "en", "Stoke City Council"),                                            # public money it approves is its own
    ("A Vetta Data Centers vai construir um campus no Ceará. O Banco do Nordeste aprovou um financiamento de "
     "R$ 500 milhões para a obra.", "pt", "Banco do Nordeste"),            # a bank approving a loan lends it
])
def test_what_an_approving_body_keeps(text, lang, owner):
    assert owner in {f.subject.label for f in extract(Doc("Test\n\n" + text, [lang])).figures}


@pytest.mark.parametrize("text, lang, owner, share", [
    ("La société de projet sera détenue à 70 % par Vetta Everywhere et à 30 % par la Caisse d'Épargne Loire-Centre.",
     "fr", "Vetta Everywhere", 70.0),
    ("La joint-venture sarà partecipata al 55% da Orbis Compute e al 45% da Banca Alpi Marittime.", "it", "Orbis Compute", 55.0),
    ('أعلنت شركة سنا للاتصالات إنشاء مركز بيانات بقيمة 100 مليون دولار. وتمتلك سنا 60% من الشركة المشتركة، مقابل 40% لـ"أورانج الأردن".',
     "ar", "أورانج الأردن", 40.0),                                          # a quoted name, in any script
])
def test_a_name_right_after_a_share_and_its_owner_marker_owns_it(text, lang, owner, share):
    assert (owner, share) in labelled_values("Test\n\n" + text, lang)


@pytest.mark.parametrize("text, lang, borrower, total", [
    ("Orbis Data AS skal investere 4 mrd. kroner i et datasenter i Moss. Nordea og DNB stiller med lån på 1,2 mrd. kr "
     "hver, til sammen 2,4 mrd. kr.", "nb", "Orbis Data", 2.4e9),
    ("润泽科技投资50亿元建设数据中心。融资方面，海南银行、华夏银行分别提供贷款15亿元和20亿元，合计35亿元。", "zh",
     "Range Intelligent Computing", 3.5e9),
])
def test_a_loan_total_that_other_firms_give_together_is_the_story_firms_debt(text, lang, borrower, total):
    assert (borrower, total) in labelled_values("Test\n\n" + text, lang)


def test_an_arabic_headline_opening_with_a_quoted_name_with_digits():
    text = "«سحابة7» تستثمر 900 مليون درهم في مجمع للذكاء الاصطناعي\n\nوتقدّر «سحابة7» تكلفة المرحلة الأولى بنحو 300 مليون درهم."
    assert org_labels(text, "ar") == {"سحابة7"}


def test_a_national_arms_possessive_is_no_part_of_its_name():
    text = "Test\n\nTwo developers won STT GDC India's 300 MW tender. STT GDC India will hold 26% of each project."
    assert "STT GDC India" in org_labels(text, "en") and "STT GDC India's" not in org_labels(text, "en")


@pytest.mark.parametrize("text, lang", [
    ("Vetta Solar won 200 MW at a tariff of Rs 4.12/kWh.", "en"),
    ("Vetta Solar a remporté 200 MW au tarif de 52 €/MWh.", "fr"),
])
def test_a_price_per_unit_written_with_a_slash_is_no_figure(text, lang):
    assert [f[1] for f in figures("Test\n\n" + text, [lang])] == ["power_capacity"]


def test_korean_heating_corporations_and_industrial_developers_are_firms():
    text = "Test\n\nSPC 지분은 대원산업개발이 55%, 한국지역난방공사가 35%, 청주도시공사가 10%를 갖는다."
    assert {("대원산업개발", 55.0), ("한국지역난방공사", 35.0)} <= labelled_values(text, "ko")


@pytest.mark.parametrize("text, lang", [
    ("Vetta Compute will invest US$40 million in the campus. Amounts in this story use J$157.60 to US$1.", "en"),
    ("Vetta Compute investira 20 milliards de FCFA dans le campus. Au cours de 655,957 FCFA pour 1 €.", "fr"),
])
def test_an_exchange_rate_written_as_a_pair_of_currencies_is_no_figure(text, lang):
    assert [f[1] for f in figures("Test\n\n" + text, [lang])] == ["investment_commitment"]


def test_a_lower_case_brand_that_is_no_word_opens_a_name():
    assert "zentel BPO Services" in org_labels("Test\n\nKingston-based zentel BPO Services has signed for 4MW.", "en")
    # (not where adjectives inflect: an unknown lower-case word there is an adjective)
    assert "Vetta Énergie" in org_labels("Test\n\nLe producteur ostendais Vetta Énergie fournira 25 MW.", "fr")


def test_a_percentage_of_a_noun_in_chinese_is_no_share_move():
    text = "Test\n\n铜牛信息（300895.SZ）披露定增预案，拟募资不超过18.6亿元。预案显示，本次发行股票数量不超过发行前公司总股本的30%。"
    assert ("other", 30.0) in {(f[1], f[2]) for f in figures(text, ["zh"])}


@pytest.mark.parametrize("text, lang, wanted", [
    ("Vetta Data construira le centre. Le centre emploiera 45 personnes en permanence.", "fr", ("jobs_permanent", 45.0, None)),
    ("Vetta Data will build the campus, which will employ as many as 1,800 construction workers.", "en", ("jobs_construction", None, 1800.0)),
])
def test_more_words_for_permanent_jobs_and_an_upper_bound(text, lang, wanted):
    assert wanted in {(f[1], f[2], f[4]) for f in figures("Test\n\n" + text, [lang])}


def test_a_stake_sold_to_a_buyer_is_the_buyers():
    text = ("Test\n\nVetta Cloud will build a campus in Canberra. To pay for it, Vetta has sold a 35 per cent stake to "
            "Orbis Super (Orbis Superannuation Corporation) for $150 million.")
    assert ("Orbis Superannuation Corporation", 35.0) in labelled_values(text, "en")
    # (not the holders' shares of a buyer named before them)
    text = ("Test\n\nDie Gemeinde verkauft die Fläche an die Projektgesellschaft Vetta Compute GmbH, an der die Stadtwerke "
            "Potsdam 51 Prozent halten.")
    assert ("Vetta Compute", 51.0) not in labelled_values(text, "de")


def test_a_premier_with_a_malaysian_honorific_is_no_firm_and_a_rate_to_the_us_dollar_no_figure():
    text = ("Test\n\nVetta Mata will invest RM2 billion in Bintulu. Premier Tan Sri Ahmad Rizal Tun Yusof said the state "
            "aims for 2GW. The ringgit closed at RM4.31 to the US dollar.")
    assert not {label for label in org_labels(text, "en") if "Rizal" in label}
    assert 4.31 not in {f[2] for f in figures(text, ["en"])}


@pytest.mark.parametrize("text, lang", [
    ("Vetta Data will build a 300MW campus. More than 180 people signed up to speak at the hearing.", "en"),
    ("Vetta Data construira un campus de 300 MW. Environ 150 personnes ont assisté à la réunion publique.", "fr"),
])
def test_a_crowd_at_a_hearing_is_no_count_of_jobs(text, lang):
    assert [f[1] for f in figures("Test\n\n" + text, [lang])] == ["power_capacity"]


def test_a_known_collective_after_the_amount_is_not_its_subject():
    text = ("Test\n\nVetta Mata will build a data centre park near Bintulu. First 120MW phase targeted for end-2028 as "
            "state courts hyperscalers with green power.")
    assert labelled_values(text, "en") == {("Vetta Mata", 120.0)}


def test_a_land_price_in_millions_per_acre_and_a_number_in_a_question_are_no_figures():
    text = ("Test\n\nVetta Data will buy the 500 acres for $640 million, about $1.3 million an acre. Supervisor Ana Ruiz "
            "asked what would happen \"when the next 900 megawatts shows up\".")
    assert {f[2] for f in figures(text, ["en"])} == {500.0, 640e6}


def test_more_local_news_links_are_page_furniture():
    text = ("Test\n\nVetta Data will invest $900 million in a campus near Sioux City.\n\n"
            "More local news:\n- City council approves $14 million riverfront plan\n- County budget: what a $1 levy buys\n")
    assert [f[2] for f in figures(text, ["en"])] == [900e6]


@pytest.mark.parametrize("text, lang", [
    ("楽天モバイル（東京都世田谷区）は酒田市に200億円を投じる。社長は「いきなり50万キロワット級を目指すつもりはない」と話した。", "ja"),
    ("润泽科技投资50亿元建设数据中心。公司表示，“我们不打算一次建成30万千瓦”。", "zh"),
])
def test_a_quoted_figure_someone_has_no_intention_of_reaching_is_no_fact(text, lang):
    assert {f[1] for f in figures("Test\n\n" + text, [lang])} == {"investment_commitment"}


def test_a_name_before_is_to_build_or_is_set_to_is_a_firm():
    text = ("Test\n\nVetta Switch will build the campus at Cambois. Tyneside Water is to build a £14m treatment plant "
            "to supply cooling water.")
    assert ("Tyneside Water", 14e6) in labelled_values(text, "en")
    # (not a place before "is to follow")
    assert "Batam" not in org_labels("Test\n\nThe first 48MW in Johor is due by 2027; Batam is to follow in 2028.", "en")


@pytest.mark.parametrize("text, lang, rate", [
    ("A Voltalia investirá R$ 2 bilhões no campus. O dólar fechou a R$ 5,37 nesta segunda-feira.", "pt", 5.37),
    ("Vetta investira 5 milliards de FCFA. Au marché interbancaire, le dollar s'échangeait autour de 2 830 francs congolais.",
     "fr", 2830.0),
    ("Vetta investira 20 milliards d'ariary dans le câble (1 euro = environ 4 900 ariary).", "fr", 4900.0),
])
def test_a_currency_quoted_against_another_is_no_figure(text, lang, rate):
    values = {f[2] for f in figures("Test\n\n" + text, [lang])}
    assert values and rate not in values


def test_korean_prices_per_unit_are_no_figures():
    text = ("Test\n\nCJ올리브네트웍스는 데이터센터에 5000억원을 투자한다. PPA 단가는 kWh당 150원 수준이다. "
            "부지 분양가도 3.3㎡당 90만원이다. 부지는 3만3000㎡다.")
    assert {f[2] for f in figures(text, ["ko"])} == {5e11, 33000.0}


def test_a_french_conversion_rate_is_no_figure():
    text = "Test\n\nCologix investira 900 millions de dollars canadiens. Les montants sont convertis au taux de 1,58 $ CA par euro."
    assert {f[2] for f in figures(text, ["fr"])} == {900e6}


@pytest.mark.parametrize("text, lang", [
    ("Vetta Data will invest $2 billion. The bill keeps the exemption from the state's 6% sales tax on servers.", "en"),
    ("Celsia invertirá 500 millones de dólares. El proyecto tributará a la tarifa de renta de zona franca del 20%.", "es"),
])
def test_a_tax_rate_is_no_figure(text, lang):
    assert [f[1] for f in figures("Test\n\n" + text, [lang])] == ["investment_commitment"]


def test_korean_one_unnamed_large_firm_is_no_country():
    text = ("Test\n\nHDC현대산업개발은 데이터센터에 7200억원을 투자한다. 국내 한 대형 클라우드 사업자가 1단계 용량 가운데 "
            "20MW에 대한 임차 의향서를 제출했다.")
    assert ("HDC현대산업개발", 20.0) in labelled_values(text, "ko")


def test_a_list_of_lenders_headed_by_the_subject_shares_an_amount_each_word_marks():
    text = "Test\n\nDie Rheintaler Landesbank (RLB) und die Alpen Bank übernehmen je 60 Mio. Franken."
    assert {("Rheintaler Landesbank", 60e6), ("Alpen Bank", 60e6)} <= {
        (label.removeprefix("Die "), value) for label, value in labelled_values(text, "de")}


def test_a_german_separable_verb_of_falling_signs_the_move():
    text = "Test\n\nDie Alpen Bank finanziert 70 Mio. Franken. Die Titel der Alpen Bank gaben 0,6 Prozent nach."
    assert ("Alpen Bank", -0.6) in labelled_values(text, "de")



@pytest.mark.parametrize("text, lang, metric, value", [
    # ("erzielte" holds "Ziel", a target: a cue must be a word of its own)
    ("Die Alpen Energie AG baut ein Rechenzentrum. Die Alpen Energie AG erzielte 2025 einen Umsatz von 95 Mio. Franken.",
     "de", "revenue", 95e6),
    # ("devises" holds "vise", aims: only German and Norwegian glue cues into compounds)
    ("Vetta Data a réalisé en 2025 un chiffre d'affaires de 300 millions d'euros, réalisé en devises.", "fr", "revenue", 300e6),
    # (a financing facility is a loan)
    ("Vetta Mata will build the data park. The first phase will be funded with shareholder equity and a "
     "RM1.2 billion Islamic financing facility.", "en", "loan_or_debt", 1.2e9),
    # (money raised by a loan named before it is debt)
    ("楽天モバイル（東京都世田谷区）は酒田市にデータセンターを建設する。資金面では、シンジケートローンで総額500億円を"
     "調達する。", "ja", "loan_or_debt", 5e10),
    # (a market value beside a rise keeps it a share move)
    ("铜牛信息（300895.SZ）披露定增预案。二级市场上，铜牛信息11月20日收盘涨7.25%，报36.20元/股，"
     "总市值约50.9亿元。", "zh", "stock_move", 7.25),
])
def test_the_metric_a_figure_gets(text, lang, metric, value):
    assert (metric, value) in {(f[1], f[2]) for f in figures("Test\n\n" + text, [lang])}

@pytest.mark.parametrize("text, lang", [
    ("A Vetta Data vai investir R$ 2 bilhões no campus. O governo concedeu ao projeto incentivo de ICMS de até R$ 300 milhões.", "pt"),
    ("Vetta Data invertirá 500 millones de euros en el campus. El proyecto contará con beneficios fiscales de 12 millones de euros.", "es"),
])
def test_tax_incentives_are_public_money_no_commitment(text, lang):
    metrics = [f[1] for f in figures("Test\n\n" + text, [lang])]
    assert metrics.count("investment_commitment") == 1 and "other" in metrics


@pytest.mark.parametrize("text, lang", [
    ("A Globenet vai construir o cabo. A Globenet fará um aporte de R$ 150 milhões em capital.", "pt"),
    ("Tigo construirá el campus. Tigo aportará 700 mil millones de pesos en capital.", "es"),
    ("Macquarie Asset Management has committed up to $3 billion of preferred equity to fund the campus.", "en"),
])
def test_money_put_in_as_capital_is_an_equity_investment(text, lang):
    assert "equity_investment" in {f[1] for f in figures("Test\n\n" + text, [lang])}


@pytest.mark.parametrize("text, lang, check", [
    # (second reading of the twenty-third session: each rule's misfire on a sentence of the reviewer's kind)
    ("Der Umsatz der Vetta AG stieg um 12 Prozent nach 8 Prozent im Vorjahr.", "de",
     lambda found, orgs: ("Vetta", 12.0) in found),                         # "nach" there is "after", no fall
    ("Vetta Data invertirá 500 millones de euros con fondos propios en el campus.", "es",
     lambda found, orgs: ("Vetta Data", 5e8, "investment_commitment") in found),  # self-financing, no stake
    ("A Vetta Data vai tomar R$ 200 milhões em capital de giro junto ao BNDES.", "pt",
     lambda found, orgs: not any(f[2:] == ("equity_investment",) for f in found)),  # working capital
    ("Vetta Data will build a campus. Johor is set to draw RM10 billion in data centre investment this year.", "en",
     lambda found, orgs: "Johor" not in orgs),                              # a place before "is set to"
    ("Vetta Data will build the campus. Orion Bank and Nordic Bank together lent $400 million to Microsoft.", "en",
     lambda found, orgs: ("Vetta Data", 4e8) not in found),                 # a loan to a firm the sentence names
    ("The dollar's strength hurt margins, but Vetta Data will still spend $800,000 on the upgrade.", "en",
     lambda found, orgs: ("Vetta Data", 8e5) in found),                     # a currency opening another clause
    ("UK fintech Revolut will invest $100 million in a data centre.", "en",
     lambda found, orgs: "Revolut" in orgs),                                # a kind of firm, no lower-case brand
    ("Vetta Data will deploy 50,000 GPUs packed into four halls.", "en",
     lambda found, orgs: ("Vetta Data", 5e4) in found),                     # "packed" is no crowd
    ("Vetta Data will build a 200 MW campus in Ohio. The Ministry of Digital Affairs approved a $300 million budget "
     "for its own AI compute programme.", "en",
     lambda found, orgs: ("Ministry of Digital Affairs", 3e8) in found),    # a body's own budget
    ("Vetta Data a obtenu un prêt de 80 000 euros au taux de 2 % pour le projet.", "fr",
     lambda found, orgs: ("Vetta Data", 8e4) in found),                     # an interest rate, no exchange rate
    ("Dato' Lim Guan Keat said Vetta Data will invest RM2 billion.", "en",
     lambda found, orgs: "Lim Guan Keat" not in orgs),                      # an honorific before the name
])
def test_review_findings_of_the_twenty_third_session(text, lang, check):
    ex = extract(Doc("Test\n\n" + text, [lang]))
    found = {(f.subject.label, f.quantity.value) for f in ex.figures} | {
        (f.subject.label, f.quantity.value, f.metric) for f in ex.figures} | {(None, None, f.metric) for f in ex.figures}
    assert check(found, {e.label for e in ex.entities if e.kind == "org"})


def test_a_stock_exchange_is_no_share_moves_subject():
    text = ("Test\n\nA Vetta Energia vai fornecer 40 MW ao campus. Na Bolsa de Valores de Moçambique (BVM), as acções da "
            "XKB subiram ontem 1,2%.")
    assert "Bolsa de Valores de Moçambique" not in {f.subject.label for f in extract(Doc(text, ["pt"])).figures}


def test_an_appointed_contractor_is_a_deal_participant():
    text = ("Test\n\nAtlas Edge will build the campus. Hillsborough-based Graham has been selected as main contractor in a "
            "deal worth about £170m. Construction will employ up to 350 workers.")
    assert ("Graham", 170e6) in labelled_values(text, "en")
    assert {f[0] for f in figures(text, ["en"]) if f[1] == "jobs_construction"} == {"atlas-edge"}


def test_the_authority_with_a_relative_clause_is_the_public_body_named_last():
    text = ("Test\n\nVetta Data will build the campus in Warrington. Warrington Borough Council backed the plan. "
            "Councillors warned that the authority, which already carries more than £1.4bn of debt, was taking a risk.")
    assert "Warrington Borough Council" in subject_labels(text, "en")


def test_japanese_latin_capitals_glued_to_their_shares_name_a_firm():
    text = "Test\n\n認定を受け、24日の東京株式市場ではXRTEC株が一時前日比3.8％高となった。野村不動産HD株は2.1%高。"
    assert "XRTEC" in org_labels(text, "ja") and "HD" not in org_labels(text, "ja")


@pytest.mark.parametrize("text, lang, unwanted", [
    # (the quick second look at the rules that followed the session's second reading)
    ("東京株式市場でAI株が一時4.1％高となった。", "ja", "AI"),               # a kind of shares, no firm
    ("ふくおかFG株が一時3.2％高となった。", "ja", "FG"),                     # the end of a longer name
    ("Vetta Data will invest $2 billion in a campus in Ohio. Sarah Jones was appointed chief executive of the venture, "
     "which will employ 500 people.", "en", "Sarah Jones"),                 # a person appointed, no firm
])
def test_review_findings_after_the_second_reading(text, lang, unwanted):
    assert unwanted not in org_labels("Test\n\n" + text, lang)
