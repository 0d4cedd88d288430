"""Which currency a bare sign or word is, decided for the whole article: "$" and, from the
language packs, words such as Chinese 元 (`bare_currency_context`).

Which dollar a bare "$" is:

"$" means US dollars unless the article says otherwise, and it says so in two ways: it marks
US dollars explicitly somewhere ("US$1.4 billion", "(US$215 million)", "940 millions $ US"),
which a writer only does when the bare sign means another dollar; and then either it writes
that other dollar's own prefix ("A$2.3b") or it is about a country whose currency is a dollar
(an Australian paper on Tasmania, a Quebec paper on Lévis). Without the explicit US marker the
bare sign stays USD: a US story that mentions Canada is still in US dollars; only a story that
names no US place and places of one dollar country, twice or more, is in that country's dollar,
where that country's press writes the bare sign (a Hobart paper that never writes "A$").
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from babel.core import UnknownLocaleError, get_global
from babel.languages import get_official_languages
from babel.numbers import get_currency_name, get_currency_symbol, get_territory_currencies


@cache
def _us_mark() -> re.Pattern:
    """An explicit US-dollar mark, in any of the ways the packs' languages write it (common.yaml)."""
    from .language import common

    return re.compile("|".join(common().get("us_dollar_marks") or [r"US\$"]))


# other dollars' own prefixes, or suffixes as French writes them ("1,61 $ CA")
_LOCAL_PREFIX = re.compile(r"(?<![A-Za-z])(A|AU|C|CA|NZ|S|SG|HK|NT|N|TT|J|EC|FJ|RD)\$|\$\s?(CA|CAN|AU|NZ|SG|HK)\b")
_PREFIX_CURRENCY = {"A": "AUD", "AU": "AUD", "C": "CAD", "CA": "CAD", "CAN": "CAD", "NZ": "NZD", "S": "SGD", "SG": "SGD",
                    "HK": "HKD", "NT": "TWD", "N": "NAD", "TT": "TTD", "J": "JMD", "EC": "XCD", "FJ": "FJD", "RD": "DOP"}
# a "$" with no letters touching it: "$330 million", "400 M$", "1,3 milliard $" (not "US$", "A$", "$ US")
_BARE = re.compile(r"(?:(?<![A-Za-z.])|(?<=\d[MGk])|(?<=\d\s[MGk]))\$(?!\s?(?:US|É\.-U\.)\b)")


def local_dollar(text: str, place_countries: list[str]) -> str | None:
    """The currency a bare "$" stands for in this article, or None for US dollars.

    `place_countries` holds the ISO country of each place mention, in order. Without an explicit
    US-dollar mark, a bare "$" is the US dollar, unless the article marks the dollar of the country
    it names most once ("400 M$" in a Quebec paper that writes "1,61 $ CA" somewhere), or names one
    such country's places only, twice or more, and its press writes the bare sign (a Hobart paper)."""
    prefixes = Counter(_PREFIX_CURRENCY[m.group(1) or m.group(2)] for m in _LOCAL_PREFIX.finditer(text))
    dollars = Counter(d for d in map(_dollar_of, place_countries) if d)
    if not _us_mark().search(text):
        top = dollars.most_common(2)
        if top and (len(top) == 1 or top[0][1] > top[1][1]) and top[0][0] in prefixes:
            return top[0][0]
        # a story that names places of one dollar country only, twice or more, and no US place: its
        # own paper's dollar ("a $480 million data centre at Boyer" in a Hobart paper), where that press writes
        # the bare sign (common.yaml `bare_sign_dollars`; Singapore's writes "S$", and a wire's story on
        # Toronto is in US dollars)
        if len(top) == 1 and top[0][1] >= 2 and "US" not in place_countries and top[0][0] in _bare_sign_dollars():
            return top[0][0]
        return None
    if dollars:
        # the dollar of the country the story names most: a New Zealand paper's "$1.2b" is NZD
        # even where it writes "A$25 billion" for an Australian figure; between countries named
        # as often, the one whose dollar the story never marks with its prefix
        top = max(dollars.values())
        tied = [d for d, n in dollars.items() if n == top]
        unmarked = [d for d in tied if d not in prefixes]
        if len(tied) == 1 or len(unmarked) == 1:
            return tied[0] if len(tied) == 1 else unmarked[0]
    if prefixes:
        # the prefix written most ("A$2.3b", "A$4 billion" beside one "NZ$4.4 billion"), the
        # story's dollar country breaking a tie
        ranked = sorted(prefixes, key=lambda c: (prefixes[c], dollars[c]), reverse=True)
        if len(ranked) == 1 or (prefixes[ranked[0]], dollars[ranked[0]]) > (prefixes[ranked[1]], dollars[ranked[1]]):
            return ranked[0]
        return None  # two other dollars, equally present: no way to tell
    return dollars.most_common(1)[0][0] if dollars else None


@cache
def _bare_sign_dollars() -> frozenset[str]:
    """common.yaml `bare_sign_dollars`: the dollars whose press writes a bare "$"."""
    from .language import common

    return frozenset(common().get("bare_sign_dollars") or ())


@cache
def _dollar_of(country: str | None) -> str | None:
    """The country's currency if it is a dollar other than the US one, or another currency its
    own press writes "$" (the Mexican, Colombian, Chilean and Argentine pesos); CLDR via Babel."""
    currency = _currency_of(country)
    if currency is None or currency == "USD":
        return None
    if "Dollar" in get_currency_name(currency, locale="en"):
        return currency
    for language in get_official_languages(country, de_facto=True)[:1]:
        try:
            if get_currency_symbol(currency, locale=f"{language}_{country}") == "$":
                return currency
        except (ValueError, LookupError, UnknownLocaleError):  # a locale CLDR lacks (no_NO, sm_WS)
            pass
    return None


def marks_us_dollars(amount_text: str) -> bool:
    return bool(_us_mark().search(amount_text))


def relabel(amounts, currency: str | None) -> None:
    """Amounts (and their conversions) written with a bare "$" take the article's dollar."""
    if currency is None:
        return
    for amount in amounts:
        for a in (amount, *amount.conversions):
            if a.unit == "USD" and _BARE.search(a.text or ""):
                a.unit = currency


def bare_word_currencies(text: str, pack, place_countries: list[str] = ()) -> dict[str, str]:
    """{bare currency word: the currency it means in this article}, from the pack's
    bare_currency_context: the one other currency the article names, unless it names the
    word's usual currency too; else from the places the article names (`local_currency_words`)."""
    out = local_currency_words(text, pack, place_countries)
    context = pack.get("bare_currency_context") or {}
    unless = context.get("unless") or []
    if any(marker in text for marker in unless):
        return out
    if context.get("only_in_script") == "traditional" and not in_traditional_characters(text):
        return out
    for word, options in context.items():
        if not isinstance(options, dict):
            continue
        named = [currency for currency, markers in options.items() if any(m in text for m in markers)]
        if len(named) == 1:
            out.setdefault(word, named[0])  # (the places the article names decide first)
    return out


def local_currency_words(text: str, pack, place_countries: list[str]) -> dict[str, str]:
    """A currency word that several countries' currencies share ("ريال", "riyals", "dirhams", "DH",
    "pesos", "kroner", "دينار") means the currency of the country the article names most among
    those whose currency is of the word's family (CLDR names, `_same_family`): "٧٥٠ مليون ريال" in
    a story from Doha is in Qatari riyals. The dollar is left to `local_dollar`, which asks for more."""
    # the language's own country counts as named once: "kroner" in Norwegian is NOK unless the
    # story names another krone's country more often than Norway
    currencies = Counter(c for c in map(_currency_of, [*place_countries, _home_country(pack.code)]) if c)
    out = {}
    for default, words in _shared_currency_words(pack.code).items():
        if not any(c != default and _shares_a_word(pack.code, default, c) for c in currencies):
            continue  # (no currency of the family named: the words keep their own; most words go unread)
        for word in words:
            if word not in text:
                continue
            # only the countries whose currency the word can name compete: "دينار" in a Libyan story is the
            # Libyan dinar, however often the story (or the language's home, Egypt) names a pound's country
            family = Counter({c: n for c, n in currencies.items() if c == default or _same_family(word, default, c, pack.code)})
            ranked = family.most_common(2)
            if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]) and ranked[0][0] != default:
                out[word] = ranked[0][0]  # the currency of the word's family the article names most
    return out


@cache
def _shared_currency_words(language: str) -> dict[str, list[str]]:
    """The pack's currency words by what each means by itself, but the dollar's and the euro's (`local_dollar`
    decides the dollar; no euro word means another currency)."""
    from .language import pack

    by_currency: dict[str, list[str]] = {}
    for word, currency in (pack(language).get("currency_words") or {}).items():
        if currency not in ("USD", "EUR"):
            by_currency.setdefault(currency, []).append(word)
    return by_currency


@cache
def _shares_a_word(language: str, default: str, local: str) -> bool:
    """Whether any of the pack's words for `default` can mean `local` (`_same_family`)."""
    return any(_same_family(word, default, local, language) for word in _shared_currency_words(language).get(default, ()))


def _same_family(word: str, default: str, local: str, language: str) -> bool:
    """Whether `word`, which means `default` by itself, can mean `local`: the local currency's
    name has the word ("riyals": "Qatari riyals"), or both names share a noun ("DH" is the UAE
    dirham by itself, and "dirham des Émirats arabes unis" / "dirham marocain" share "dirham")."""
    local_words, default_words = _name_words(local, language), _name_words(default, language)
    if set(word.lower().split()) & (default_words - local_words):
        return False  # "ريال قطري", "Saudi riyals": the word names its own country's currency
    return word.lower() in local_words or any(len(w) >= 4 for w in default_words & local_words)


@cache
def _home_country(language: str) -> str | None:
    """The country CLDR deems most likely for a language (nb: NO, ar: EG, pt: BR)."""
    likely = get_global("likely_subtags").get(language) or ""
    return next((part for part in likely.split("_")[1:] if len(part) == 2 and part.isupper()), None)


@cache
def _currency_of(country: str | None) -> str | None:
    currencies = get_territory_currencies(country) if country else []
    return currencies[0] if currencies else None


@cache
def _name_words(currency: str, language: str) -> frozenset[str]:
    """The words of a currency's CLDR names in one language, singular and plural, lower case."""
    try:
        names = {get_currency_name(currency, count=n, locale=language) for n in (1, 2)}
    except (ValueError, LookupError, UnknownLocaleError):  # a language CLDR lacks
        return frozenset()
    return frozenset(word for name in names for word in name.lower().split())


def relabel_words(amounts, words: dict[str, str], usual: dict[str, str]) -> None:
    """Amounts written with a bare currency word take the article's currency for it (`usual`: the
    pack's currency_words, what the word means by itself). A longer currency word that ends the
    amount names its currency itself ("Saudi riyals", not the bare "riyals")."""
    for amount in amounts:
        for a in (amount, *amount.conversions):
            text = a.text or ""
            for word, currency in words.items():
                if (text.endswith(word) and a.unit == usual.get(word)
                        and not any(len(k) > len(word) and text.endswith(k) for k in usual)):
                    a.unit = currency


def in_traditional_characters(text: str) -> bool:
    """Whether a Chinese text is written in traditional characters: more of its characters change
    when converted to simplified ones (OpenCC) than a simplified text's few shared forms."""
    from .language import script_converters

    han = [ch for ch in text if "\u4e00" <= ch <= "\u9fff"]
    if not han:
        return False
    (to_simplified,) = script_converters(("t2s",))
    sample = "".join(han[:2000])
    changed = sum(a != b for a, b in zip(sample, to_simplified.convert(sample)))
    return changed / len(sample) > 0.03
