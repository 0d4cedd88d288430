"""Language packs fr, es, pt, it, nb, ja, ko: each loads, reads amounts and periods.

Every sentence here is written for these tests.
"""

from __future__ import annotations

from datetime import date

import pytest

from kg.extract.language import LanguagePack, available, pack
from kg.extract.numbers import scan_amounts
from kg.extract.time import PeriodFinder

NEW = ["fr", "es", "pt", "it", "nb", "ja", "ko"]
REF = date(2025, 6, 15)


def amounts(text: str, lang: str):
    """(unit, value, lower, upper, approx) of every amount that is a figure (not a threshold)."""
    return [(a.unit, a.value, a.lower, a.upper, a.approx) for a in scan_amounts(text, pack(lang)) if not a.threshold]


def counts(text: str, lang: str):
    return [(a.count_metric, a.value, a.lower, a.upper) for a in scan_amounts(text, pack(lang)) if a.kind == "count"]


def periods(text: str, lang: str, ref: date = REF):
    return [p.period.key for p in PeriodFinder(ref).find(text, pack(lang))]


def close(a, b):
    return a is None and b is None or (a is not None and b is not None and abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1))


def has(got, unit, value=None, lower=None, upper=None, approx=None):
    return any(
        u == unit and close(v, value) and close(lo, lower) and close(hi, upper) and (approx is None or ap == approx)
        for u, v, lo, hi, ap in got
    )




# ---- every pack loads and has every key the English and German packs have ----------------------
@pytest.mark.parametrize("lang", NEW)
def test_pack_loads_with_every_key(lang):
    p = pack(lang)
    assert isinstance(p, LanguagePack) and p.code == lang
    assert lang in available()
    for ref in ("en", "de"):
        missing = set(pack(ref).data) - set(p.data)
        assert not missing, f"{lang} lacks {sorted(missing)} that {ref}.yaml has"
    for section in ("hedges", "range", "triggers", "count_nouns", "periods", "roles", "relation_triggers", "facility_status", "anaphora"):
        missing = set(pack("en").data[section]) - set(p.data[section])
        assert not missing, f"{lang}.{section} lacks {sorted(missing)}"
    assert p.trigger_regex and p.count_regex and p.period_regex["next_years"]


@pytest.mark.parametrize("lang, decimal, spaced", [
    ("fr", ",", True), ("es", ",", True), ("pt", ",", True), ("it", ",", True),
    ("nb", ",", True), ("ja", ".", False), ("ko", ".", True),
])
def test_number_symbols_come_from_the_locale(lang, decimal, spaced):
    p = pack(lang)
    assert p.decimal == decimal and p.spaced == spaced


# ---- French ----------------------------------------------------------------------------------
def test_french_scales_decimal_comma_and_currency():
    got = amounts("Le groupe investira 12,5 milliards d'euros et près de 3 milliards de dollars.", "fr")
    assert has(got, "EUR", 12.5e9, approx=False)
    assert has(got, "USD", 3e9, approx=True)


def test_french_billion_is_ten_to_the_twelfth():
    assert has(amounts("Une enveloppe de 1,2 billion de wons a été votée.", "fr"), "KRW", 1.2e12)


def test_french_space_grouping_units_and_counts():
    text = "Le campus de 42 hectares offrira 250 MW, puis 1,4 GW, et créera 1 200 emplois pour 20 000 puces."
    got = amounts(text, "fr")
    assert has(got, "hectare", 42) and has(got, "MW", 250) and has(got, "GW", 1.4)
    assert ("jobs_total", 1200, None, None) in counts(text, "fr")
    assert ("chips", 20000, None, None) in counts(text, "fr")


def test_french_hedges_give_bounds():
    got = amounts("Plus de 300 emplois permanents et jusqu'à 90 MW, pour environ 2 Md€.", "fr")
    assert has(got, "count", None, lower=300)
    assert has(got, "MW", None, upper=90)
    assert has(got, "EUR", 2e9, approx=True)


def test_french_threshold_is_not_a_figure():
    assert amounts("Les clients dépensant plus de 100 000 euros par an ont triplé.", "fr") == [("ratio", 3, None, None, False)]


def test_french_range_with_both_ends_written_out():
    assert has(amounts("Le coût est estimé entre 8 milliards d'euros et 10 milliards d'euros.", "fr"), "EUR", None, 8e9, 10e9)


def test_french_range_sharing_its_scale():
    assert has(amounts("Le coût est estimé entre 8 et 10 milliards d'euros.", "fr"), "EUR", None, 8e9, 10e9)


def test_french_letter_scale_before_euro_sign():
    assert has(amounts("Orange consacrera 500 M€ à ses infrastructures.", "fr"), "EUR", 5e8)


def test_french_number_word_before_scale():
    assert has(amounts("L'État apporte un milliard d'euros.", "fr"), "EUR", 1e9)


def test_french_periods():
    text = "Il investira dans les trois prochaines années, d'ici 2030, au troisième trimestre 2025 et plus qu'en 2023, l'an dernier."
    got = periods(text, "fr")
    assert "2025-06-15/2028-06-15" in got and "2030" in got and "2025-Q3" in got and "2023" in got and "2024" in got
    assert periods("cette année et l'an prochain", "fr") == ["2025", "2026"]


# ---- Spanish ---------------------------------------------------------------------------------
def test_spanish_millones_and_mil_millones():
    got = amounts("Invertirá 15.000 millones de euros y otros 2,5 mil millones de dólares.", "es")
    assert has(got, "EUR", 15e9) and has(got, "USD", 2.5e9)


def test_spanish_billon_is_ten_to_the_twelfth():
    assert has(amounts("Un plan de 1,5 billones de wones.", "es"), "KRW", 1.5e12)


def test_spanish_units_counts_and_hedges():
    text = "Alrededor de 1.700 empleos directos, más de 4.000 chips, hasta 1,2 GW y unas 260 hectáreas."
    got = amounts(text, "es")
    assert has(got, "count", 1700, approx=True)
    assert has(got, "count", None, lower=4000)
    assert has(got, "GW", None, upper=1.2)
    assert has(got, "hectare", 260, approx=True)
    assert ("chips", None, 4000, None) in counts(text, "es")


def test_spanish_threshold_is_not_a_figure():
    assert amounts("Atenderá a empresas que facturen más de 50 millones de euros al año.", "es") == []


def test_spanish_bare_mil_millones():
    assert has(amounts("El fondo aportará mil millones de dólares.", "es"), "USD", 1e9)


def test_mexican_spaced_thousands_groups():
    """Mexican style writes 9 200 000 000 as "9 mil 200 millones"; bare pesos read as MXN."""
    got = amounts("El proyecto costará 9 mil 200 millones de dólares, unos 187 mil millones de pesos.", "es")
    assert has(got, "USD", 9.2e9)
    assert has(got, "MXN", 187e9, approx=True)
    assert not has(got, "USD", 9e3)


def test_spanish_periods():
    got = periods("Invertirá en los próximos cinco años, para 2030, el año pasado y en el tercer trimestre de 2025.", "es")
    assert "2025-06-15/2030-06-15" in got and "2030" in got and "2024" in got and "2025-Q3" in got


# ---- Portuguese ------------------------------------------------------------------------------
def test_portuguese_brazilian_bilhoes_and_real():
    got = amounts("A empresa vai investir R$ 12,5 bilhões, cerca de US$ 2,3 bilhões, e R$ 300 mi.", "pt")
    assert has(got, "BRL", 12.5e9) and has(got, "USD", 2.3e9, approx=True) and has(got, "BRL", 3e8)


def test_portuguese_european_mil_milhoes_and_biliao():
    got = amounts("O projeto vale 8,5 mil milhões de euros; o país gasta 1 bilião de euros.", "pt")
    assert has(got, "EUR", 8.5e9) and has(got, "EUR", 1e12)


def test_portuguese_counts_units_and_hedges():
    text = "Serão mais de 3.000 empregos na construção, até 4,75 GW e 700 hectares."
    got = amounts(text, "pt")
    assert ("jobs_construction", None, 3000, None) in counts(text, "pt")
    assert has(got, "GW", None, upper=4.75) and has(got, "hectare", 700)


def test_portuguese_range_written_out():
    assert has(amounts("Investimento estimado entre R$ 50 bilhões e R$ 55 bilhões.", "pt"), "BRL", None, 50e9, 55e9)


def test_portuguese_threshold_is_not_a_figure():
    assert amounts("Clientes que contratem menos de 1 MW ficam de fora.", "pt") == []


def test_portuguese_periods():
    got = periods("Nos próximos três anos, até 2030, no ano passado e no 3º trimestre de 2025.", "pt")
    assert "2025-06-15/2028-06-15" in got and "2030" in got and "2024" in got and "2025-Q3" in got


# ---- Italian ---------------------------------------------------------------------------------
def test_italian_miliardi_mld_and_di_euro():
    got = amounts("Investirà 4,3 miliardi di euro e altri 12 mld di dollari.", "it")
    assert has(got, "EUR", 4.3e9) and has(got, "USD", 12e9)


def test_italian_counts_units_and_hedges():
    text = "Oltre 1.500 posti di lavoro nella fase di costruzione, circa 300 posti di lavoro permanenti, fino a 160 megawatt su 25 ettari."
    c = counts(text, "it")
    assert ("jobs_construction", None, 1500, None) in c and ("jobs_permanent", 300, None, None) in c
    got = amounts(text, "it")
    assert has(got, "MW", None, upper=160) and has(got, "hectare", 25)


def test_italian_threshold_is_not_a_figure():
    assert amounts("I clienti che spendono oltre 100.000 euro l'anno sono raddoppiati.", "it") == [("ratio", 2, None, None, False)]


def test_italian_range_sharing_its_scale():
    assert has(amounts("Il valore è stimato tra 8 e 10 miliardi di euro.", "it"), "EUR", None, 8e9, 10e9)


def test_italian_periods():
    got = periods("Nei prossimi tre anni, entro il 2030, l'anno scorso e nel secondo trimestre 2025.", "it")
    assert "2025-06-15/2028-06-15" in got and "2030" in got and "2024" in got and "2025-Q2" in got


# ---- Norwegian Bokmål ------------------------------------------------------------------------
def test_norwegian_milliarder_kroner_and_mrd():
    got = amounts("Selskapet henter 2,5 milliarder kroner og bruker NOK 3,2 mrd. på anlegget.", "nb")
    assert has(got, "NOK", 2.5e9) and has(got, "NOK", 3.2e9)


def test_norwegian_space_grouping_counts_and_hedges():
    text = "Anlegget får opptil 100 000 GPU-er, rundt 230 megawatt og om lag 120 faste arbeidsplasser."
    c = counts(text, "nb")
    assert ("chips", None, None, 100000) in c and ("jobs_permanent", 120, None, None) in c
    assert has(amounts(text, "nb"), "MW", 230, approx=True)


def test_norwegian_threshold_is_not_a_figure():
    assert amounts("Kunder som bruker over 1 million kroner i året, får rabatt.", "nb") == []


def test_norwegian_range_sharing_its_scale():
    assert has(amounts("Investeringen anslås til mellom 20 og 25 milliarder kroner.", "nb"), "NOK", None, 20e9, 25e9)


def test_norwegian_periods():
    got = periods("De neste fem årene, innen 2030, i fjor, i år og i tredje kvartal 2025.", "nb")
    assert "2025-06-15/2030-06-15" in got and "2030" in got and "2024" in got and "2025" in got and "2025-Q3" in got


# ---- Japanese --------------------------------------------------------------------------------
def test_japanese_oku_cho_and_yen_dollar():
    got = amounts("同社は約1兆円を投じ、さらに50億ドルを調達する。", "ja")
    assert has(got, "JPY", 1e12, approx=True) and has(got, "USD", 5e9)


def test_japanese_units_counts_and_hedges():
    text = "受電容量は最大400メガワットで、3万枚のGPUを備え、1000人の雇用を生み、投資は1兆円超。"
    got = amounts(text, "ja")
    assert has(got, "MW", None, upper=400) and has(got, "JPY", None, lower=1e12)
    c = counts(text, "ja")
    assert ("chips", 30000, None, None) in c and ("jobs_total", 1000, None, None) in c


def test_japanese_threshold_is_not_a_figure():
    assert amounts("年間10万ドル以上を支払う顧客が増えた。", "ja") == []


def test_japanese_compound_numeral():
    assert has(amounts("投資額は1兆5000億円に達する。", "ja"), "JPY", 1.5e12)


def test_japanese_range_with_wave_dash():
    assert has(amounts("投資額は5000億〜6000億円の見通し。", "ja"), "JPY", None, 5e11, 6e11)


def test_japanese_periods():
    got = periods("今後5年間で、2030年までに、昨年と今年、2025年7〜9月期に、2025年度に。", "ja")
    assert "2025-06-15/2030-06-15" in got and "2030" in got and "2024" in got and "2025" in got and "2025-Q3" in got
    assert periods("前年比20％増", "ja") == []  # "year on year" is not a period


# ---- Korean ----------------------------------------------------------------------------------
def test_korean_spaced_jo_won_and_dollars():
    got = amounts("삼성전자는 약 15조 원을 투자하고 5억 달러를 추가로 쓴다.", "ko")
    assert has(got, "KRW", 15e12, approx=True) and has(got, "USD", 5e8)


@pytest.mark.parametrize("text, value", [
    ("1단계로 8천5백억 원을 들여 짓는다.", 8.5e11),   # 8천 and 5백억: one group of 8500 × 억
    ("총 5백억 원을 투자한다.", 5e10),
    ("총 3천억 원을 투자한다.", 3e11),
    ("총 7조8천500억 원을 투자한다.", 7.85e12),
    ("총 1조2천5백억 원을 투자한다.", 1.25e12),
    ("총 3천5백만 원을 투자한다.", 3.5e7),
])
def test_korean_scale_words_that_hold_a_small_unit_and_a_large_one(text, value):
    assert has(amounts(text, "ko"), "KRW", value)


def test_korean_units_counts_and_hedges():
    text = "최대 1기가와트 규모로, 약 3000개의 일자리를 만들고 100MW 이상을 먼저 가동한다."
    got = amounts(text, "ko")
    assert has(got, "GW", None, upper=1) and has(got, "MW", None, lower=100)
    assert ("jobs_total", 3000, None, None) in counts(text, "ko")


def test_korean_threshold_is_not_a_figure():
    assert amounts("연간 10만 달러 이상을 지출하는 고객이 늘었다.", "ko") == []


def test_korean_glued_jo_won():
    assert has(amounts("네이버는 1조원 이상을 투입한다.", "ko"), "KRW", None, lower=1e12)


def test_korean_compound_numeral():
    assert has(amounts("약 6조8000억 원을 투자한다.", "ko"), "KRW", 6.8e12, approx=True)


def test_korean_periods():
    got = periods("향후 5년간 2030년까지 지난해와 올해, 2025년 3분기에", "ko")
    assert "2025-06-15/2030-06-15" in got and "2030" in got and "2024" in got and "2025" in got and "2025-Q3" in got


def test_swiss_apostrophe_groups_straight_and_typographic():
    """ "86’000 Quadratmeter", "1’250’000 Franken": the Swiss press groups with an apostrophe; a
    typographic one used to leave "000" (a zero figure)."""
    got = [(a.value, a.unit) for a in scan_amounts("8,6 Hektaren für 1’250’000 Franken und 86’000 Quadratmeter und 12'000 m²", pack("de"))]
    assert got == [(8.6, "hectare"), (1250000.0, "CHF"), (86000.0, "m2"), (12000.0, "m2")]


def test_an_abbreviation_before_a_lower_case_word_ends_no_sentence():
    """ "100 Mio. Fr. übernimmt die Bank": a lower-case letter, ASCII or not, opens no sentence."""
    from kg.extract.sentences import split_sentences

    text = "Die restlichen 100 Mio. Fr. übernimmt die Basler Kantonalbank. Der Bau beginnt 2027."
    assert [s.text for s in split_sentences(text, ["de"])] == [
        "Die restlichen 100 Mio. Fr. übernimmt die Basler Kantonalbank.", "Der Bau beginnt 2027."]


@pytest.mark.parametrize("word, ends_a_name", [
    ("للاتصالات", True), ("لمراكز", True),
    # a nationality after a firm's name describes it too: "نورنت السعودية" is "نورنت"
    ("السعودية", True), ("الإماراتية", True),
    ("القابضة", False), ("الرقمية", False),
])
def test_arabic_words_that_describe_a_firm_after_its_name(word, ends_a_name):
    assert bool(pack("ar").regex["name_descriptor_word"].match(word)) == ends_a_name
