"""Which dollar a bare "$" is, decided for the whole article.

"$" means US dollars unless the article says otherwise, and it says so in two ways: it marks
US dollars explicitly somewhere ("US$1.4 billion", "(US$215 million)", "940 millions $ US"),
which a writer only does when the bare sign means another dollar; and then either it writes
that other dollar's own prefix ("A$2.3b") or it is about a country whose currency is a dollar
(an Australian paper on Tasmania, a Quebec paper on Lévis). Without the explicit US marker the
bare sign stays USD: a US story that mentions Canada is still in US dollars.
"""

from __future__ import annotations

import re
from collections import Counter

from functools import cache

from babel.numbers import get_currency_name, get_territory_currencies

# an explicit US-dollar mark, in any of the ways the packs' languages write it
_US_MARK = re.compile(r"US\$|U\.S\.\$|\$\s?US\b|\$\s?É\.-U\.|\bUSD\b")
# other dollars' own prefixes
_LOCAL_PREFIX = re.compile(r"(?<![A-Za-z])(A|AU|C|CA|NZ|S|SG|HK|NT)\$")
_PREFIX_CURRENCY = {"A": "AUD", "AU": "AUD", "C": "CAD", "CA": "CAD", "NZ": "NZD", "S": "SGD", "SG": "SGD",
                    "HK": "HKD", "NT": "TWD"}
# a "$" with no letters touching it: "$330 million", "400 M$", "1,3 milliard $" (not "US$", "A$", "$ US")
_BARE = re.compile(r"(?:(?<![A-Za-z.])|(?<=\d[MGk])|(?<=\d\s[MGk]))\$(?!\s?(?:US|É\.-U\.)\b)")


def local_dollar(text: str, place_countries: list[str]) -> str | None:
    """The currency a bare "$" stands for in this article, or None for US dollars.

    `place_countries` holds the ISO country of each place mention, in order."""
    if not _US_MARK.search(text):
        return None
    prefixes = {_PREFIX_CURRENCY[m.group(1)] for m in _LOCAL_PREFIX.finditer(text)}
    if len(prefixes) == 1:
        return prefixes.pop()
    if prefixes:
        return None  # two other dollars: no way to tell
    dollars = Counter(d for d in map(_dollar_of, place_countries) if d)
    return dollars.most_common(1)[0][0] if dollars else None


@cache
def _dollar_of(country: str | None) -> str | None:
    """The country's currency if it is a dollar other than the US one (CLDR via Babel)."""
    currencies = get_territory_currencies(country) if country else []
    if currencies and currencies[0] != "USD" and "Dollar" in get_currency_name(currencies[0], locale="en"):
        return currencies[0]
    return None


def marks_us_dollars(amount_text: str) -> bool:
    return bool(_US_MARK.search(amount_text))


def relabel(amounts, currency: str | None) -> None:
    """Amounts (and their conversions) written with a bare "$" take the article's dollar."""
    if currency is None:
        return
    for amount in amounts:
        for a in (amount, *amount.conversions):
            if a.unit == "USD" and _BARE.search(a.text or ""):
                a.unit = currency
