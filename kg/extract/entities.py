"""Entity mentions: known names in every script (entities.yaml), plus names found by pattern.

One real entity gets one key, and so one IRI, whatever script or spelling a document uses
("Amazon" = "亚马逊" = "أمازون"). A name that two entities share ("Georgia") is resolved by
the places mentioned beside it, never merged silently.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from pathlib import Path
from types import SimpleNamespace

from .language import RARE_ZIPF, LanguagePack, common, load_yaml, phrase_regex, trie_alternation, word_frequency
from .places import ascii_fold, town_names
from .model import Entity

ENTITIES_FILE = Path(__file__).parent / "entities.yaml"


def slug_key(name: str) -> str:
    from ..vocab import slug

    return slug(name)

_LATIN_NAME = re.compile(r"^[\x20-\x7e\u00c0-\u024f’]+$")
_ARABIC_CLITIC = "وبلفك"
KIND_OF_SECTION = {"organizations": "org", "groups": "group", "places": "place", "people": "person"}
PLACE_TYPES = {"Place", "Country", "Region", "City"}


@dataclass
class Mention:
    start: int  # offsets into the document text
    end: int
    text: str
    entity: Entity
    candidates: tuple[Entity, ...] = ()  # other entities the same name could be
    demonym: bool = False  # "French", "britischen": a place named by its adjective
    named_as_company: bool = False  # found by a cue that calls it a firm ("the operator X", "X, a developer")

    @property
    def kind(self) -> str:
        return self.entity.kind


_HAN = re.compile(r"[\u4e00-\u9fff]")
_HANGUL_START = re.compile(r"[\uac00-\ud7af]")
_HAN_OR_KANA = re.compile(r"[\u4e00-\u9fff\u3040-\u30ff]")
_HANGUL_END = re.compile(r"[\uac00-\ud7a3]$")
GLUED_CAPITALS = re.compile(r"[A-Z]{2,4}(?![A-Za-z0-9])")  # (not one letter: "ソフトバンクG" is the group, the parent)


def arm_letters(text: str, pos: int) -> re.Match | None:
    """Capitals glued at `pos` to a name in a script without spaces that make another name ("MJ" of
    "キヤノンMJ"): not a term ("海光信息DCU", "中国电信AI"), a class of shares ("特变电工A股") nor the
    short form of the name's ending ("西部ガスHD", `name_short_forms`)."""
    hit = GLUED_CAPITALS.match(text, pos)
    if hit is None or hit.group(0) in term_acronyms() or hit.group(0) in _short_form_letters() \
            or text[hit.end():hit.end() + 1] in ("股", "株"):
        return None
    return hit


@cache
def _short_form_letters() -> frozenset[str]:
    from .language import available, pack

    return frozenset(short for code in available() for short in (pack(code).get("name_short_forms") or {}).values())


@cache
def _korean_particles() -> re.Pattern:
    """The Korean pack's particles and the few more words the press glues to a name (org_cues.particles,
    org_cues.glued_words)."""
    from .language import pack

    cues = pack("ko").get("org_cues") or {}
    words = [*(cues.get("particles") or []), *(cues.get("glued_words") or [])]
    return re.compile("|".join(sorted(map(re.escape, set(words)), key=len, reverse=True)))


def _korean_particle_at(text: str, pos: int) -> bool:
    """Particles (or words the press glues to a name), one to three of them ("으로부터", "에서는"), start at pos
    and end the word."""
    for _ in range(3):
        hit = _korean_particles().match(text, pos)
        if hit is None:
            return False
        pos = hit.end()
        if not _HANGUL_START.match(text, pos):
            return True
    return False


# a lower-case word opening the sentence or after an "X-based" ("Montego Bay-based itel"): not after a country or
# a kind ("UK fintech Revolut", "Nordic neocloud Vetta", words wordfreq does not know either)
_LOWER_CASE_BRAND_BEFORE = re.compile(r"(?:^|(?<=-based )|(?<=^[(\"“‘]))([a-z][a-z0-9]{2,9}) $")


def _a_persons_name(name: str, before: str) -> bool:
    """A name an honorific opens (common.yaml `honorifics`), holds (one of two words: "Premier Tan Sri Abang
    Johari") or stands right before (`before`, the text up to the name: "Dato' Lim Guan Keat")."""
    return any(name.startswith(h) and name[len(h):len(h) + 1] in ("", " ") or (" " in h and f" {h} " in name)
               or before[-len(h) - 2:].strip() == h for h in _honorifics())


def arm_of(parent: Entity, name: str, letters: str) -> Entity:
    """A firm's arm the press names by the firm's name and a few capitals ("キヤノンMJ")."""
    return Entity(kind="org", key=f"{parent.key}-{letters.lower()}", label=name, rdf_type=parent.rdf_type,
                  labels={}, parent=parent.key)


def _add_han_variants(by_alias: dict[str, list[Entity]]) -> None:
    """Chinese names in both scripts and Taiwan's forms (OpenCC): the table writes 微软 once and
    finds 微軟 too."""
    from .language import script_converters

    converters = script_converters(("s2t", "s2twp", "t2s"))
    for alias, entities in list(by_alias.items()):
        if not _HAN.search(alias):
            continue
        for converter in converters:
            variant = converter.convert(alias)
            if variant != alias:
                table = by_alias.setdefault(variant, [])
                table.extend(e for e in entities if e not in table)


class Gazetteer:
    """All known names compiled into a few regexes; finds mentions in a text."""

    def __init__(self, path: Path = ENTITIES_FILE):
        data = load_yaml(path)
        self.entities: dict[str, Entity] = {}
        self.group_members: dict[str, set[str]] = {}  # group key -> member keys ("Big Tech")
        self.country_codes: dict[str, str] = {}  # country key -> ISO 3166 code
        by_alias_cs: dict[str, list[Entity]] = {}
        by_alias_ci: dict[str, list[Entity]] = {}
        by_alias_other: dict[str, list[Entity]] = {}
        demonyms: dict[str, Entity] = {}
        for section, kind in KIND_OF_SECTION.items():
            for item in data.get(section) or []:
                rdf_type = item.get("type", "Person" if kind == "person" else "Organization")
                labels = {"en": item["label"], **(item.get("labels") or {})}
                if item.get("members"):
                    self.group_members[item["key"]] = set(item["members"])
                entity = Entity(kind=kind, key=item["key"], label=item["label"], rdf_type=rdf_type,
                                labels=labels, wikidata=item.get("wikidata"), parent=item.get("parent"),
                                collective=bool(item.get("collective")) or kind == "group")
                if entity.key in self.entities:
                    raise ValueError(f"{path}: duplicate key {entity.key!r}")
                self.entities[entity.key] = entity
                for alias in item.get("aliases") or []:
                    alias = str(alias)
                    if _LATIN_NAME.match(alias):
                        target = by_alias_ci if item.get("ci") else by_alias_cs
                        target.setdefault(alias.lower() if item.get("ci") else alias, []).append(entity)
                    else:
                        by_alias_other.setdefault(alias, []).append(entity)
                for d in item.get("demonyms") or []:
                    demonyms[str(d)] = entity
        self._add_babel_countries(data, by_alias_cs, by_alias_other)
        self._add_generated_places(data, by_alias_cs, by_alias_other)
        by_code = {code: self.entities[key] for key, code in self.country_codes.items() if key in self.entities}
        for code, words in (data.get("country_demonyms") or {}).items():
            if code not in by_code:
                raise ValueError(f"{path}: country_demonyms: no country with the ISO code {code!r}")
            for d in words:
                demonyms.setdefault(str(d), by_code[code])
        _add_han_variants(by_alias_other)
        for table in (by_alias_cs, by_alias_ci):  # "Côte d’Ivoire" as papers type it too: "Côte d'Ivoire"
            for alias, entities in list(table.items()):
                for a, b in (("’", "'"), ("'", "’")):
                    if a in alias:
                        variant = table.setdefault(alias.replace(a, b), [])
                        variant.extend(e for e in entities if e not in variant)
        self.by_alias_cs, self.by_alias_ci, self.by_alias_other, self.demonyms = by_alias_cs, by_alias_ci, by_alias_other, demonyms
        # (nor inside a word that goes on in capitals: "Bayern" is no place in "BayernLB")
        latin_tail = r"(?:['’]s|s)?(?![a-z\u00df-\u00ff])(?<![A-Z]{2}(?=[A-Z]))(?<![a-z\u00df-\u00ff](?=[A-Z]))"
        latin_head = r"(?<![A-Za-z\u00c0-\u024f0-9])"
        self.rx_cs = self._alternation(by_alias_cs, latin_head, latin_tail, 0)
        self.rx_ci = self._alternation(by_alias_ci, latin_head, r"(?![A-Za-z\u00c0-\u024f])", re.IGNORECASE)
        self.rx_other = self._alternation(by_alias_other, "", "", 0)
        self.rx_demonym = self._alternation(demonyms, latin_head, r"(?![A-Za-z\u00c0-\u024f])", 0)

    def _add_babel_countries(self, data, by_alias_cs, by_alias_other) -> None:
        """Every country, named as each language pack's locale names it (CLDR data via Babel)."""
        from babel import Locale

        from .language import available, pack

        for item in data.get("places") or []:
            if "iso" in item and not isinstance(item["iso"], str):  # YAML reads a bare NO as false
                raise ValueError(f"{ENTITIES_FILE}: place {item['key']!r}: iso must be a quoted string, got {item['iso']!r}")
        by_iso = {item["iso"]: self.entities[item["key"]] for item in data.get("places") or [] if item.get("iso")}
        skip = set(data.get("babel_countries_skip_english") or [])
        locales = {}
        for code in ("en", *available()):
            try:
                locales[code] = Locale.parse(pack(code).get("locale", code)).territories
            except Exception:  # a pack locale Babel does not know: no country names from it
                continue
        english = locales.get("en") or {}
        for iso, name in english.items():
            if not (len(iso) == 2 and iso.isalpha()) or iso in ("ZZ", "XA", "XB", "EU", "EZ", "UN", "QO"):
                continue
            entity = by_iso.get(iso)
            if entity is not None:  # the table's country: CLDR's names as labels where it gives none
                for lang, t in locales.items():
                    if iso in t and lang != "en":
                        entity.labels.setdefault(lang, t[iso])
            if entity is None:
                key = slug_key(name)
                if key in self.entities:
                    continue
                entity = Entity(kind="place", key=key, label=name, rdf_type="Country",
                                labels={lang: t[iso] for lang, t in locales.items() if iso in t})
                self.entities[key] = entity
            self.country_codes[entity.key] = iso
            for lang, names in locales.items():
                alias = names.get(iso)
                if not alias or alias in skip:
                    continue
                if by_iso.get(iso) is None and not _LATIN_NAME.match(alias) and len(alias) <= 2:
                    continue  # "马里" (Mali) inside "马里兰州", "가나" (Ghana) inside "가나다"
                table = by_alias_cs if _LATIN_NAME.match(alias) else by_alias_other
                # (CLDR's "&" as the press writes it, with the language's "and": "Trinidad and Tobago")
                joined = (pack(lang).get("conjunctions") or ["&"])[0] if lang in available() else "and"
                for form in dict.fromkeys([alias, alias.replace(" & ", f" {joined} ")]):
                    if entity not in table.setdefault(form, []):
                        table[form].append(entity)

    def _add_generated_places(self, data, by_alias_cs, by_alias_other) -> None:
        """Regions and cities no table lists (kg/extract/places.py), each in its country; a name
        the table already gives an entity stays that entity's."""
        from .places import generated_places

        listed = set(by_alias_cs) | set(by_alias_other)
        country_of_iso = {iso: key for key, iso in self.country_codes.items()}
        for place in generated_places(data.get("generated_places") or {}):
            names = [a for a in place.aliases if a not in listed]
            country = country_of_iso.get(place.iso)
            if not names or country is None:
                continue
            key = slug_key(place.label)
            if key in self.entities:
                key = f"{key}-{place.iso.lower()}"
            if key in self.entities:
                if not place.geonames:
                    continue
                key = f"{key}-{place.geonames}"
            entity = Entity(kind="place", key=key, label=place.label, rdf_type=place.rdf_type,
                            labels={"en": place.label}, parent=country, geonames=place.geonames, generated=True)
            self.entities[key] = entity
            for alias in names:
                table = by_alias_cs if _LATIN_NAME.match(alias) else by_alias_other
                table.setdefault(alias, []).append(entity)

    @staticmethod
    def _alternation(aliases, head, tail, flags):
        if not aliases:
            return None
        return re.compile(f"{head}{trie_alternation(aliases)}{tail}", flags)

    @staticmethod
    def _key(surface: str) -> str:
        """A surface as the tables hold it: one space between words, no Arabic vowel marks or tatweel
        (the patterns let writers add them: "العُماني")."""
        return re.sub(r"[\u064b-\u0652\u0640]", "", re.sub(r"\s+", " ", surface))

    def _lookup(self, surface: str) -> list[Entity]:
        key = self._key(surface)
        for table, k in ((self.by_alias_cs, key), (self.by_alias_other, key), (self.by_alias_ci, key.lower())):
            if k in table:
                return table[k]
        stripped = re.sub(r"(?:['’]s|s)$", "", key)
        if stripped in self.by_alias_cs:
            return self.by_alias_cs[stripped]
        return []

    def find(self, text: str) -> list[Mention]:
        """Every known-name mention, longest match first, no overlaps."""
        raw: list[tuple[int, int, str, list[Entity], bool]] = []
        for rx in (self.rx_cs, self.rx_ci, self.rx_other):
            if rx is None:
                continue
            for m in rx.finditer(text):
                s, e = m.start(), m.end()
                if rx is self.rx_other and not self._arabic_boundary_ok(text, s, e):
                    continue
                entities = self._lookup(m.group(0))
                if entities and _HANGUL_START.match(text, s) and s > 0 and (
                        _HANGUL_START.match(text, s - 1) or (all(x.generated for x in entities) and text[s - 1].isalnum())):
                    # a Korean name begins a word: "한전" is no KEPCO inside "대한전선", a generated
                    # place name not even after Latin letters ("한양" is no place inside "BS한양")
                    continue
                if entities and _HANGUL_END.search(text, s, e) and re.match(r"[A-Z]", text[e:e + 1]):
                    continue  # "삼성SDI": Latin capitals glued to a Korean name make another name
                if entities and _HANGUL_END.search(text, s, e) and _HANGUL_START.match(text, e) \
                        and any(x.kind == "org" for x in entities) and not _korean_particle_at(text, e):
                    continue  # "한국전력기술은": a Korean firm's name glued to more of a word is another firm's
                arm = arm_letters(text, e) if entities and _HAN_OR_KANA.match(text, e - 1) else None
                if arm is not None:
                    # "キヤノンMJ": ... and to a Japanese or Chinese one, a firm's arm when the name is a firm's
                    if len(entities) == 1 and entities[0].kind == "org":
                        raw.append((s, arm.end(), text[s:arm.end()], [arm_of(entities[0], text[s:arm.end()], arm.group(0))], False))
                    continue
                if entities:
                    raw.append((s, e, m.group(0), entities, False))
                if _HAN_OR_KANA.match(text, s):
                    # where words are not spaced, a longer name may start inside this match
                    for pos in range(s + 1, e):
                        inner = rx.match(text, pos)
                        if inner is not None and inner.end() > e and (found := self._lookup(inner.group(0))):
                            raw.append((pos, inner.end(), inner.group(0), found, False))
        if self.rx_demonym:
            for m in self.rx_demonym.finditer(text):
                raw.append((m.start(), m.end(), m.group(0), [self.demonyms[self._key(m.group(0))]], True))
        # the longest names first, then left to right: "其中国开行" holds 国开行 (China Development
        # Bank), not 中国 (China) straddling the word 其中
        raw.sort(key=lambda r: (-(r[1] - r[0]), r[0]))
        chosen: list[tuple] = []
        occupied = bytearray(len(text))  # the characters a chosen name covers
        for r in raw:
            if not any(occupied[r[0]:r[1]]):
                chosen.append(r)
                occupied[r[0]:r[1]] = b"\x01" * (r[1] - r[0])
        chosen.sort(key=lambda r: r[0])
        mentions = [Mention(s, e, surface, entities[0], tuple(entities), is_demonym)
                    for s, e, surface, entities, is_demonym in chosen]
        self._disambiguate(text, mentions)
        return mentions

    @staticmethod
    def _arabic_boundary_ok(text: str, s: int, e: int) -> bool:
        """Arabic names may carry one clitic letter (و ب ل ف ك) but must not sit inside a word."""
        if not re.match(r"[\u0600-\u06ff]", text[s:s + 1]):
            return True
        prev = text[s - 1:s]
        if prev and re.match(r"[\u0600-\u06ff]", prev):
            if prev not in _ARABIC_CLITIC:
                return False
            pp = text[s - 2:s - 1]
            if pp and re.match(r"[\u0600-\u06ff]", pp):
                return False
        nxt = text[e:e + 1]
        return not (nxt and re.match(r"[\u0621-\u064a]", nxt))

    def _disambiguate(self, text: str, mentions: list[Mention]) -> None:
        """A shared name takes the reading whose parent or child place is mentioned nearby."""
        keys = {m.entity.key for m in mentions if len(m.candidates) == 1}
        for i, m in enumerate(mentions):
            if len(m.candidates) < 2:
                continue
            near = {n.entity.key for n in mentions[max(0, i - 3): i + 4] if n is not m}
            parents_near = {n.entity.parent for n in mentions[max(0, i - 3): i + 4] if n is not m}
            best = None
            for c in m.candidates:
                if c.parent in near or c.key in parents_near:
                    best = c
                    break
            if best is None:
                for c in m.candidates:
                    if c.parent in keys:
                        best = c
                        break
            m.entity = best or m.candidates[0]

    def get(self, key: str) -> Entity | None:
        return self.entities.get(key)

    def country_of(self, entity: Entity) -> str | None:
        """The ISO code of the country a place is (or lies in, through its parents)."""
        seen = set()
        while entity is not None and entity.key not in seen:
            seen.add(entity.key)
            if entity.key in self.country_codes:
                return self.country_codes[entity.key]
            entity = self.entities.get(entity.parent) if entity.parent else None
        return None

    def group_of(self, members: list[Entity]) -> Entity:
        """The known group these firms belong to, or a group named by listing them."""
        keys = {m.key for m in members}
        for key, known in self.group_members.items():
            if keys <= known:
                return self.entities[key]
        names = [m.label for m in members]
        label = ", ".join(names[:-1]) + " and " + names[-1]
        from ..vocab import slug

        return Entity(kind="group", key=slug(label), label=label, rdf_type="OrganizationGroup", collective=True)


@cache
def gazetteer() -> Gazetteer:
    return Gazetteer()


# ---- names found by pattern (not in the table) --------------------------------------------
_CAP = r"[A-Z][a-z\u00e0-\u00ff]+(?:-[A-Z][a-z\u00e0-\u00ff]+)?"
_PERSON = re.compile(rf"\b({_CAP}(?: [A-Z]\.)? {_CAP})\b")
# "d-Matrix", "eBay", "xAI", "NORD/LB"; "St. Landry Parish" (a saint's abbreviation opens a place's or a body's name);
# Nordic and German capitals open names too ("Østfold Energi", "Öresundskraft")
_NAME_WORD = r"(?:(?:St|Ste|Mt|Ft)\.(?=\s[A-Z])|[A-ZÀ-ÖØ-Þ](?:[\w&@+'’.-]|/(?=[A-Z]))*[\w&]|[A-Z]|[a-z]{1,2}-?[A-Z][\w&'’.-]*[\w&])"
# a name word after an elided "de", which may open with an accented capital ("Caisse d'Épargne")
_ELIDED_NAME_WORD = r"d['’][A-ZÀ-ÖØ-Þ][\w&'’.-]*[\w&]"
# a name's first word may open with a digit ("2G Energy AG", "21Vianet Group"), never a unit ("40MW")
_DIGIT_NAME_WORD = r"\d{1,2}(?!(?:MW|GW|TW|KW|MWh|GWh|TWh|MVA|GB|TB|PB)(?![\w&]))[A-Z][A-Za-z&]*"
# "Start Campus", "Bank of America", "Banco do Nordeste", "Caisse des Dépôts": a joining word only between name words
# ("Région Pays de la Loire", "Banco de la Nación"; "Caisse d'Épargne": an elided "de" joins too)
# ... and a name of one word may too when letters in both cases follow ("2CRSi", "21Vianet"; not "5G", "4GB", "5GHz")
_DIGIT_LED_NAME_WORD = r"(?<![\d.,])\d{1,2}(?!(?:GHz|MHz|kHz|THz|Gbps|Mbps|Tbps)(?![\w&]))[A-Z](?=[A-Za-z&]*[a-z])[A-Za-z&]{2,}"
# (one digit between name words belongs to the name: "SpareBank 1 Østlandet")
_NAME = rf"(?:{_DIGIT_LED_NAME_WORD}|{_NAME_WORD})(?:\s(?:(?:of|&|de|do|da|dos|das|del|della|dei|degli|delle|di|du|for|de la)\s|\d(?=\s[A-ZÄÖÜÆØÅ])\s)?{_NAME_WORD}|\s{_ELIDED_NAME_WORD})*"
_STOP_HEADS = {"the", "a", "an", "der", "die", "das", "den", "dem", "des", "le", "la", "les", "el", "los", "il", "lo", "o", "os", "a", "en",
               "in", "on", "at", "but", "and", "however", "according", "after", "as", "this", "that", "its", "their",
               "his", "her", "our", "we", "it", "they", "he", "she", "i", "ein", "eine", "un", "une", "una", "um", "uma",
               "ok", "oks"}  # ("Commissioners OK Atlas Power data center": a headline's verb)


# words a headline in capitals writes between names and verbs ("ORBIS TO INVEST $2 BILLION IN TEXAS")
_CAPITALS_FUNCTION_WORDS = {"TO", "IN", "FOR", "ON", "AT", "AS", "WITH", "BY", "FROM", "INTO", "AND", "OR", "THE", "A", "AN", "OF",
                            "WILL", "IS", "ARE", "HAS", "HAVE"}


@cache
def _legal_forms() -> list[str]:
    """common.yaml `legal_forms`, longest first (so "Pte Ltd" wins over "Ltd")."""
    return sorted(common().get("legal_forms") or [], key=len, reverse=True)


def without_legal_forms(name: str) -> str:
    """The name without the legal forms that end it ("Crescendo Corp Bhd" -> "Crescendo"); a word that also
    ends names ("Group") stays."""
    while " " in name and name.rsplit(" ", 1)[1] in _legal_forms() and name.rsplit(" ", 1)[1] not in _name_endings():
        name = name.rsplit(" ", 1)[0]
    return name


def initials(name: str) -> str:
    """The capitals that open a name's words: "ÉS" of "Électricité de Strasbourg", "WPS" of "Wisconsin Public Service"."""
    return "".join(w[0] for w in name.split() if w[:1].isupper())


@cache
def _name_endings() -> tuple[str, ...]:
    """common.yaml `name_endings`: words that end a firm's name without a legal form after them."""
    return tuple(common().get("name_endings") or [])


def _after_a_describing_noun(start: int, name: str, pack: LanguagePack) -> tuple[int, str]:
    """ "Mannheimer Energieversorger MVV Energie", "Niestetaler Wechselrichter-Hersteller SMA Solar": where every
    noun is capitalised, a run of capitals may open with the words that describe the firm; the name is what
    follows the last word ending in a company's noun (a compound's end too: "-versorger", "-Hersteller")."""
    nouns = [n.lower() for n in pack.get("company_nouns") or []] if pack.get("nouns_capitalised") else []
    words = name.split(" ")
    for i in range(len(words) - 2, -1, -1):
        if any(words[i].lower().endswith(n) for n in nouns):
            cut = len(" ".join(words[:i + 1])) + 1
            return start + cut, name[cut:]
    return start, name


def _without_first_word(start: int, name: str) -> tuple[int, str]:
    """The name at `start` without its first word and the space after it."""
    first = name.split()[0]
    return start + len(first) + 1, name[len(first) + 1:]


@cache
def _legal_form_ending_a_name() -> re.Pattern:
    """A legal form at the end of a name, not one of `name_endings` ("... Distribution Corporation"
    keeps its word): "Gia Lai Solar JSC"."""
    forms = [f for f in _legal_forms() if f not in _name_endings()]
    return re.compile(rf"\s(?:{'|'.join(map(re.escape, forms))})$" if forms else r"(?!)")


@cache
def _legal_name() -> re.Pattern:
    """A name before a legal form (common.yaml `legal_forms`) ends a firm's name; the words of
    `name_endings` are part of it ("Azrieli Group", "Membertou Development Corporation"). Group 1
    is the name without the form."""
    forms = _legal_forms()
    prefixes = common().get("legal_prefixes") or []
    prefix = rf"(?:(?:{'|'.join(map(re.escape, prefixes))})\s)?" if prefixes else ""
    form = "|".join(re.escape(f) for f in forms)
    # the first word of a two-word form is no name word ("Orbis Holdings Pte Ltd")
    firsts = sorted({f.split()[0] for f in forms if " " in f}, key=len, reverse=True)
    word = rf"(?!(?:{'|'.join(map(re.escape, firsts))})(?![\w&]))[A-Z][\w&.-]*" if firsts else r"[A-Z][\w&.-]*"
    # ("BDO Unibank, Inc.", "Metropolitan Bank & Trust Co.": a comma before the form, "&" inside; but not
    # "Ennis, Co. Clare": an Irish county)
    endings = "|".join(map(re.escape, _name_endings())) or "(?!)"
    return re.compile(
        rf"\b{prefix}((?:{_DIGIT_NAME_WORD}\s)?(?:(?:{word}|&)\s){{0,3}}{word}(?:\s(?:{endings}))?),?\s?"
        rf"(?:(?<=\s)(?:{form})(?![A-Za-z])(?<!,\sCo\.)|(?:{'|'.join(f'(?<={re.escape(w)})' for w in _name_endings()) or '(?!)'})(?![A-Za-z]))")


@cache
def legal_tail() -> re.Pattern:
    """A legal form alone, with spaces and a comma around it: what may stand between a firm's
    name and "which" ("Vantage Corp., which plans ...")."""
    return re.compile(rf"\s*(?:{'|'.join(re.escape(f) for f in _legal_forms())})\.?\s*[,，]?\s*")


@cache
def calendar_words(locale: str) -> frozenset[str]:
    """Day and month names (CLDR via Babel), in the pack's language and English: capitalised, never firms."""
    from babel.dates import get_day_names, get_month_names

    words = set()
    for loc in {locale, "en"}:
        try:
            for width in ("wide", "abbreviated"):
                words.update(get_day_names(width, locale=loc).values())
                words.update(get_month_names(width, locale=loc).values())
        except Exception:  # a locale Babel lacks: English names only
            continue
    return frozenset(w.strip(".").lower() for w in words)


_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_OPENING_MARK = re.compile(r"[–—\-\"“„«:]\s*$")
_OPENING_MARK_BUT_A_COLON = re.compile(r"[–—\-\"“„«]\s*$")


@cache
def _opening_mark(code: str) -> re.Pattern:
    """What may open a sentence inside one: a dash, a quote, and a colon where the language writes a
    capital after one (not the Romance languages or Norwegian: "Le premier locataire est connu : Thales louera")."""
    from .language import pack

    return _OPENING_MARK if pack(code).get("capital_after_colon", True) else _OPENING_MARK_BUT_A_COLON


@cache
def _after_determiner(code: str) -> re.Pattern | None:
    from .language import pack

    determiners = pack(code).regex.get("determiners")
    return re.compile(rf"(?i:{determiners.pattern})\s+$") if determiners is not None else None


def proper_words(sentences) -> set[str]:
    """Words an article capitalises in mid-sentence and never writes in lower case: names; and,
    where a word list reads the language, words opening a sentence that the language hardly uses
    (`is_rare_word`: "Unicaja aporta").

    Where every noun is capitalised (a pack with `determiners`: German), a name is also never
    written right after a determiner ("die Investitionen", "den Strom"; not "Ionos will") and
    occurs twice at least."""

    seen_lower, capital, determined, strict, opening = set(), set(), set(), set(), set()
    count: Counter[str] = Counter()
    for s in sentences:
        after_determiner = _after_determiner(s.language)
        opening_mark = _opening_mark(s.language)
        for m in _WORD.finditer(s.text):
            w = m.group(0)
            if w.endswith(("'s", "’s")):
                w = w[:-2]
            if w[0].isupper():
                count[w] += 1
                # a word opening the sentence, a quote or a dash-led aside says nothing about case
                if m.start() > 0 and not opening_mark.search(s.text, max(0, m.start() - 3), m.start()):
                    capital.add(w)
                elif after_determiner is None and len(w) >= 3 and is_rare_word(w, s.language):
                    opening.add(w)  # ... unless the language hardly knows it as a word ("Unicaja aporta")
                if after_determiner is not None:
                    strict.add(w)
                    if after_determiner.search(s.text, max(0, m.start() - 12), m.start()):
                        determined.add(w)
            else:
                seen_lower.add(w.lower())
    # (an acronym is not the word it spells, "A NOS mantém 49%" beside "nos próximos anos", nor a
    # German noun for following a determiner: "die HIAG")
    return {w for w in capital | opening
            if (w.lower() not in seen_lower or ACRONYM.fullmatch(w)) and (w not in determined or ACRONYM.fullmatch(w))
            and (w not in strict or count[w] >= 2)}


# an acronym written as a word: "NOS", "HIAG", "GRDA"
ACRONYM = re.compile(r"[A-Z]{2,6}")


def _can_open_a_name(word: str, language: str) -> bool:
    """A word that can open a name by itself: one that looks like a name, or one the language hardly
    uses (not "River", which a name's first word may go with: "Great River Energy")."""
    return looks_like_a_name(word) or is_rare_word(word, language)


@lru_cache(maxsize=1 << 16)
def is_rare_word(word: str, language: str) -> bool:
    """ "Unicaja", "Hoosier": a word the language's word-frequency list (wordfreq, built from news,
    books, subtitles and the web) has under once per million words is a name where it opens a
    sentence; "Under", "Investment", "Senate" are common words. Not in a language that glues its
    nouns into compounds (a pack's `compound_words`: "Datasenteret") or that no list reads."""
    from .language import pack
    if not pack(language).spaced or pack(language).get("compound_words") or _LATIN_WORD.fullmatch(word) is None:
        return False
    frequency = word_frequency(word, language)
    return frequency is not None and frequency < RARE_ZIPF


_LATIN_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ'’-]+")


@cache
def _honorifics() -> frozenset[str]:
    return frozenset(common().get("honorifics") or ())


@cache
def _org_name_words():
    return phrase_regex(common().get("org_name_words") or [], latin_boundaries=True, ignore_case=False)


@cache
def term_acronyms() -> frozenset[str]:
    """common.yaml `term_acronyms`: words of terms, never a firm ("KI", "PPA", "Tech")."""
    return frozenset(common().get("term_acronyms") or ())


@cache
def _sign_pattern(code: str) -> str:
    """The currency signs written before an amount, as one alternation ("\\$|US\\$|Rs|€")."""
    signs = sorted({*_currency_signs(code), "$", "€", "£", "¥", "₹", "₩"}, key=len, reverse=True)
    return "|".join(re.escape(sign) for sign in signs)


@cache
def _currency_signs(code: str) -> frozenset[str]:
    """The currency signs and codes written before an amount ("Tk", "USD", "R$")."""
    from .language import pack

    return frozenset([*(pack(code).get("currency_symbols") or {}), *(common().get("currency_symbols") or {}),
                      *(common().get("currency_codes") or [])])


@cache
def _scale_words(code: str) -> frozenset[str]:
    from .language import pack

    return frozenset(w.lower() for w in pack(code).get("scales") or {})


@cache
def _area_opening() -> re.Pattern | None:
    words = common().get("area_opening_words") or []
    return re.compile(rf"(?:{'|'.join(map(re.escape, words))})\b") if words else None


def _names_an_area(name: str) -> bool:
    """A name that opens with a word for a zone or an estate (common.yaml `area_opening_words`)."""
    rx = _area_opening()
    return rx is not None and rx.match(name) is not None


def looks_like_a_name(word: str) -> bool:
    """ "OpenAI", "xAI", "d-Matrix", "QScale", "CoreWeave", "G42", "IBM", "B.Grimm", "Fiber@Home": capitals inside a
    word or all of them, digits, or an initial glued to a name.
    "KI-fabrikken" (a prefix in capitals, then an ordinary noun) does not."""
    return bool(re.search(r"[a-z][-@]?[A-Z]|\d|^[A-Z]{2,}[a-z]|^[A-Z]\.[A-Z][a-z]", word) or (word.isupper() and len(word) >= 2))


def _overlapping(rx: re.Pattern, text: str):
    """Matches starting at every word, not only after the previous match ("Chief Financial
    Officer Heather Lindqvist" holds the candidate "Heather Lindqvist")."""
    for w in re.finditer(r"\b[A-Z]", text):
        m = rx.match(text, w.start())
        if m:
            yield m


_NAME_RX = re.compile(_NAME)
_OPENING_WORD_AND_RELATIVE = re.compile(rf"^(?:[LD]['’])?({_NAME_WORD}),\s+(\w+)\s+")  # (an elided article is no part of it: "L'OPT")
_OPENING_NAME_AND_APPOSITIVE = re.compile(rf"^({_NAME}),\s+(?:[^\W\d_A-ZÀ-Þ][\w'’-]*\s+){{0,4}}[^\W\d_A-ZÀ-Þ][\w'’-]*,\s+")
_OF_THE = re.compile(r"\.?\s+of\s+(?:the\s+)?")
_CAPITALISED_WORD_AFTER = re.compile(r" ([A-Z][a-z]+)\b")
_PARTICLE_AND_NAME_AFTER = re.compile(r" (?:de|do|da|dos|das|del|della|di|du|des) ([A-Z][\w'’-]+)(?![\w'’-]| [A-Z])")
_OF_AND_NAME_AFTER = re.compile(r" of ([A-Z][\w'’-]+)(?![\w'’-]| [A-Z])")
_ACRONYM_IN_BRACKETS = re.compile(r"(?<=\s)\(([A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ0-9&]{1,9})\)")
# words a name's acronym skips ("Société nationale de crédit et d'investissement (SNCI)")
NAME_PARTICLES = frozenset("de del della des du di da do dos das der für for of para per la le les el et e y and & the".split())


def _a_subordinator(word: str, pack: LanguagePack) -> bool:
    """A word in title case that opens a subordinate clause (`subordinators`): at a sentence's start it opens no
    name ("When Soluna Holdings first called"); in capitals it may ("SI Group")."""
    words = pack.regex.get("subordinators")
    return words is not None and word.istitle() and words.fullmatch(word.lower()) is not None


def _initial(word: str) -> str:
    """A word's letter in an acronym: "d'investissement" gives i, "2" gives 2, "États" gives e."""
    return ascii_fold(_without_elision(word.lower())[:1])


def _without_elision(word: str) -> str:
    """A word without the elided article or preposition glued to it ("l'industrie" -> "industrie")."""
    return _ELISION.sub("", word)


_ELISION = re.compile(r"^[dl]['’]")


def spells(words: list[str], acronym: str) -> bool:
    """The words' initials spell the acronym ("Coast Center Base", "CCB"; "Banque de développement des États de
    l'Afrique centrale", "BDEAC"), case and accents aside; a hyphenated word gives the initial of each of
    its parts ("Banque ouest-africaine de développement", "BOAD") or of the whole."""
    target = ascii_fold(acronym.lower())
    if "".join(_initial(w) for w in words) == target:
        return True
    return any("-" in w for w in words) and "".join(_initial(p) for w in words for p in w.split("-") if p) == target


_ACRONYM_AFTER = re.compile(r"\s+\([A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ0-9&]{1,9}\)")


@cache
def _not_spelt() -> frozenset[str]:
    """The small words an acronym leaves out: the name particles and common.yaml's `acronym_skipped_words`
    ("Banque togolaise pour le commerce et l'industrie (BTCI)")."""
    return NAME_PARTICLES | frozenset(common().get("acronym_skipped_words") or ())


_SYLLABLE_ACRONYM_IN_BRACKETS = re.compile(r"(?<=\s)\(([A-Z][a-z]{3,11})\)")


def spells_by_syllables(words: list[str], short: str) -> bool:
    """The short name is the words' openings, each one to five letters, in order, every word giving one
    ("Copaco" of "Compañía Paraguaya Comunicaciones"), accents and case aside."""
    target = ascii_fold(short.lower())
    folded = [ascii_fold(_without_elision(w.lower())) for w in words]

    def fits(pos: int, i: int) -> bool:
        if i == len(folded):
            return pos == len(target)
        return any(target.startswith(folded[i][:k], pos) and fits(pos + k, i + 1) for k in range(1, min(5, len(folded[i])) + 1))

    return len(folded) >= 2 and fits(0, 0)


_NAME_GOES_ON = re.compile(r"\s(?:(?:of|de|do|da|del|della|di|des|du)\s)?[A-Z]")
_NAME_GOES_ON_TO_ITS_ACRONYM = re.compile(
    r"(?:\s(?:(?:of|de|do|da|del|della|di|des|du|e|y|et|and|&)\s)?[A-Z][\w'’-]*){0,4}\s+\([A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ0-9&]{1,9}\)")
_WORD_BEFORE = re.compile(r"([\w'’-]+)\s+$")
_ORIGIN_WORD = re.compile(r"-(?:based|owned|listed|backed|headquartered|controlled)$", re.IGNORECASE)
_BRAND_PAIR = re.compile(rf"({_NAME_WORD}\s\+\s{_NAME_WORD})")
_POSSESSIVE = re.compile(rf"({_NAME})['’]s\b")
_OPENING_QUOTES = "«„“\"「『"
_QUOTE_MARKS = re.compile(f"[{_OPENING_QUOTES}]")


@cache
def _discovery_patterns(code: str) -> SimpleNamespace:
    """The patterns `discover` uses for one language, each joining a pack's word list to the name
    patterns, built and compiled once per language rather than per sentence."""
    from .language import pack as language_pack

    p = language_pack(code)
    nouns, conj, verbs = p.regex.get("company_nouns"), p.regex.get("conjunctions"), p.regex.get("subject_verbs")
    articles, objects, org_words = p.regex.get("relative_markers"), p.regex.get("place_prepositions"), _org_name_words()
    complements = p.regex.get("noun_complements")
    # (no street or square between: "il gruppo di piazza Monte Grappa" is the firm at that address)
    streets = common().get("street_words") or []
    street = rf"(?!(?:{'|'.join(map(re.escape, streets))})\s)" if streets else ""
    each, scale = p.regex.get("each"), p.regex.get("scale")

    opening_words = "|".join(map(re.escape, common().get("name_opening_words") or []))
    particle = r"(?:(?:of|de la|de|do|da|dos|das|del|della|dei|degli|delle|di|des|du)\s|de l['’])?"  # ("Région Pays de la Loire")

    cues = p.get("org_cues") or {}
    firm_words, legal_endings = cues.get("firm_words") or [], cues.get("legal_endings") or []

    more = p.regex.get("another_words")
    another = rf"(?:(?i:{more.pattern})\s+)?" if more is not None else ""
    clitics = p.regex.get("verb_clitics")
    clitic = rf"(?:(?:{clitics.pattern})\s+)?" if clitics is not None else ""
    relatives = p.regex.get("relative_pronouns")

    def compiled(pattern: str | None) -> re.Pattern | None:
        return re.compile(pattern) if pattern is not None else None

    percent_words = "|".join(re.escape(w) for w, unit in sorted((p.get("units") or {}).items(), key=lambda kv: -len(kv[0]))
                             if unit == "percent" and (w.isalpha() or " " in w))
    # a share, then the pack's `stake_owner_markers`: the owner's name follows ("à 60 % par", "45% لـ")
    stake = p.regex.get("stake_owner_markers")
    share_then_owner = rf"(?:[%％٪]|\s(?i:{percent_words}))\s+(?i:{stake.pattern})" if stake is not None and percent_words else None
    # (the rest of a sum before the amount, an article and an "of" around it: "the balance of", "la parte restante de")
    rest = p.regex.get("remainder_words")
    of_word = "|".join(map(re.escape, [w for w in p.get("of_words") or [] if w.isalpha()]))
    rest_of = rf"(?:(?i:{of_word})\s+)?" if of_word else ""
    articles_any = "|".join(map(re.escape, common().get("articles") or []))
    the_rest = rf"(?:(?:(?i:{articles_any})\s+)?(?i:{rest.pattern})\s+{rest_of})?" if rest is not None and articles_any else ""
    # (an article may open the next name: "la Banque Nationale et le Mouvement Desjardins")
    article = "|".join(re.escape(a) for a in sorted(common().get("articles") or [], key=len, reverse=True))
    joiner = (rf"(?:,\s*|\s+(?i:{conj.pattern})\s+|,\s*(?i:{conj.pattern})\s+)(?:(?:{article})\s+)?"
              if conj is not None else None)
    opens = (rf"(?i:{articles.pattern})\s" + (rf"|(?i:{nouns.pattern})\b" if nouns is not None else "")) if articles is not None else None
    of_words = "|".join(map(re.escape, [w for w in [*(p.get("of_words") or []), *(p.get("employer_words") or [])] if w.isalpha()]))
    # (an adjective of four letters or more, by its ending: no article, verb or preposition, "la multiutility dei
    # Comuni di Verona", "L'entreprise rejoint Lyon")
    endings = "|".join(map(re.escape, sorted(p.get("adjective_endings") or [], key=len, reverse=True)))
    adjective = rf"(?:[a-zà-ÿ](?=[\w'’-]{{3,}}\s)[\w'’-]*(?:{endings})\s+)?" if endings else ""
    return SimpleNamespace(
        place_before_comma=re.compile(rf"({_NAME}),\s*$"),
        # ("Skudenes & Aakra Sparebank": two names joined by "&" before the firm's word)
        ending_in_org_word=compiled(rf"(?<![\w])((?:{_DIGIT_NAME_WORD}|{_NAME_WORD})(?:\s(?:&\s)?{_NAME_WORD}){{0,3}}\s(?:{org_words.pattern}))(?![\w])"
                                    if org_words is not None else None),
        # "Grupo Carso", "Banca di Cividale", "Caisse des Dépôts": an opening word, then the name
        # (maybe a number first: "Banca 360 Fvg")
        opening_with_name_word=compiled(
            rf"(?<![\w])((?:{opening_words})\s(?:\d{{2,4}}\s(?=[A-Z]))?(?:{particle}{_NAME_WORD}|{_ELIDED_NAME_WORD})(?:\s(?:{particle}{_NAME_WORD}|{_ELIDED_NAME_WORD})){{0,2}})(?![\w])"
            if opening_words else None),
        # (and one lower-case adjective between where adjectives follow nouns: "el grupo guipuzcoano Arteche")
        name_after_noun=compiled(rf"(?i:{nouns.pattern})\s+{adjective}({_NAME})(?=[\s,.;:)]|$)" if nouns is not None else None),
        # ("le fournisseur de cloud suisse Exoscale", "la società di telecomunicazioni Aruba": a Romance
        # company noun, maybe an adjective, what it does in one to three lower-case words after
        # `noun_complements`, the name: "l'opérateur lyonnais de centres de données DCforDATA")
        name_after_described_noun=compiled(
            rf"(?i:{nouns.pattern})\s+(?:[a-zà-ÿ][\w'’-]*\s+)?(?i:{complements.pattern})\s*(?:{street}[a-zà-ÿ][\w'’-]*\s+){{1,3}}({_NAME})(?=[\s,.;:)]|$)"
            if nouns is not None and complements is not None else None),
        # (and Japanese corner brackets: "新会社「ひたちなかAIデータパーク」")
        quoted_after_noun=compiled(rf"(?i:{nouns.pattern})\s*[{_OPENING_QUOTES}]([^»“”\"」』]{{2,40}})[»“”\"」』]" if nouns is not None else None),
        # the company nouns of one word, for the end of a compound ("Energiekonzern")
        company_noun_ends=tuple(n.lower() for n in p.get("company_nouns") or [] if " " not in n),
        # a firm's words, which no script cue's name is cut down to ("科技" of "云从科技"; `short_name_not`)
        firm_words_alone=frozenset(p.get("short_name_not") or ()),
        # a chief executive's or a finance chief's title and an "of" before a firm's name (see discover)
        title_of_firm=[re.compile(rf"(?i:{p.regex[f'role_{role}'].pattern})\s+(?:{of_words})\s+({_NAME})(?=[\s,.;:)]|$)")
                       for role in ("CEO", "CFO") if p.regex.get(f"role_{role}") is not None] if of_words else [],
        name_list=compiled(rf"{_NAME}(?:{joiner}{_NAME})+" if joiner else None),
        spaced_conjunction=compiled(rf"\s(?i:{conj.pattern})\s" if conj is not None else None),
        # (an article may open the sentence: "A Amaggi, uma das maiores tradings do país, assinou"; an opening
        # phrase and a comma may come first: "Per l'energia, Ventoverde, la società eolica del gruppo, fornirà")
        appositive=compiled(rf"(?:^|(?<=[.;:(—–-]\s)|(?<=,\s))(?:(?i:{article})\s+)?({_NAME}),\s+(?={opens})" if opens else None),
        # ("à 15 % par Noshaq, le fonds d'investissement liégeois.": after a preposition, closing the sentence)
        appositive_at_end=compiled(rf"(?<=\s)({_NAME}),\s+(?={opens})" if opens else None),
        verb_in_appositive=compiled(rf"\s(?i:{verbs.pattern})\b" if verbs is not None else None),
        # ("Vetta Compute and Orbis Mining each priced ...": the pack's "each" words may come between,
        # and the clitics a Romance verb carries: "Wallonie Entreprendre y apportera", "Vetta se compromete")
        name_before_verb=compiled(rf"(?:^|(?<=[,;:(]\s)|(?<=\s))({_NAME})\s+(?:(?i:{each.pattern})\s+)?{clitic}(?=(?i:{verbs.pattern}))"
                                  if verbs is not None and each is not None else
                                  rf"(?:^|(?<=[,;:(]\s)|(?<=\s))({_NAME})\s+{clitic}(?=(?i:{verbs.pattern}))" if verbs is not None else None),
        # ("led by CalBank, which is providing ...": a name, then a relative clause with a verb of doing business)
        name_before_relative_verb=compiled(rf"(?<=\s)({_NAME}),\s+(?i:{relatives.pattern})\s+(?:(?i:{each.pattern})\s+)?{clitic}(?=(?i:{verbs.pattern}))"
                                           if verbs is not None and each is not None and relatives is not None else None),
        after_place_preposition=compiled(
            (rf"(?:^|\s)(?i:{objects.pattern})\s+(?:{_NAME}\s+(?i:{conj.pattern})\s+)?$" if conj is not None
             else rf"(?:^|\s)(?i:{objects.pattern})\s+$") if objects is not None else None),
        # (the amount with a scale word: not "its second campus, Polaris Forge 2 near Harwood"; an
        # article may open the name: "..., le Crédit Coopératif 150 millions")
        # (the amount may open with its currency's sign: "and Cleveland's KeyBank $700 million"; after a
        # place's possessive, the name is what follows it)
        # (or the rest of the sum: "Butterfield is providing £90 million and RBS International the balance of £60 million")
        gapped_clause=compiled(rf"(?:,\s*|\s(?i:{conj.pattern})\s+)(?:(?i:{article})\s+)?(?:[A-Z][a-z]+['’]s\s)?({_NAME})\s+{another}{the_rest}"
                               rf"(?=(?:{_sign_pattern(code)})?\s?\d[\d.,’' ]*\s?(?:{scale.pattern}))"
                               if conj is not None and scale is not None else None),
        # ("Davon übernimmt die NORD/LB 350 Millionen Euro": where the verb comes second, its subject
        # may follow it, an article, the name, its amount)
        name_after_verb_before_amount=compiled(rf"(?<!\w)(?i:{verbs.pattern})\s+(?:(?i:{article})\s+)?({_NAME})\s+"
                                               rf"(?=\d[\d.,’' ]*\s?(?:{scale.pattern}))"
                                               if verbs is not None and scale is not None and p.get("verb_second") else None),
        # ("détenue à 60 % par Etix Everywhere, à 40 % par ...": a name right after a share and the pack's
        # `stake_owner_markers` owns it)
        name_after_a_share=compiled(rf"{share_then_owner}\s+(?:(?:{article})\s+)?({_NAME})(?=[\s,.;:)]|$)"
                                    if share_then_owner else None),
        # (or a quoted one, in any script: "مقابل 45% لـ«اتصالات تونس»")
        quoted_after_a_share=compiled(rf"{share_then_owner}\s*[{_OPENING_QUOTES}]([^»“”\"」』]{{2,40}})[»“”\"」』]"
                                      if share_then_owner else None),
        # ("Die Jenoptik-Aktie legte 2,4 Prozent zu": a name glued to a word for its shares)
        name_of_shares=compiled(rf"(?<![\w-])({_NAME_WORD})-(?=(?i:{shares.pattern})(?![\w-]))"
                                if (shares := p.trigger_regex.get("stock_move")) is not None and p.get("compound_words") else None),
        right_after_place_preposition=compiled(rf"(?:^|\s)(?i:{objects.pattern})\s+$" if objects is not None else None),
        # (the short ones that say where and mean no "of": "a", "in", "à", "på"; not "de", nor "between", "entre",
        # "tra", "from", which open a list of partners or lenders)
        locative_prepositions=frozenset(w for w in p.get("place_prepositions") or () if len(w) <= 2)
        - set(p.get("of_words") or ()),
        # scripts without spaces: a firm's word after a known place ("中国電力"), or a few characters and
        # a legal form ("澳門投資發展股份有限公司"); org_cues.firm_words and org_cues.legal_endings
        firm_word=compiled(_longest_first(firm_words) if firm_words and not p.spaced else None),
        legal_form_after_place=compiled(rf"[\u4e00-\u9fff]{{0,8}}?(?:{_longest_first(legal_endings)})"
                                        if firm_words and legal_endings and not p.spaced else None),
    )


@cache
def _compound_firm_name(code: str) -> re.Pattern | None:
    """A capitalised compound ending in a firm's word (`org_cues.firm_word_endings`), then one
    capitalised word: group 1 the compound, group 2 the word (a place, if it names a firm)."""
    from .language import pack
    endings = (pack(code).get("org_cues") or {}).get("firm_word_endings") or []
    if not endings:
        return None
    return re.compile(rf"(?<![\w-])([A-ZÄÖÜÆØÅ][\w-]*?(?:{_longest_first(endings)}))\s([A-ZÄÖÜÆØÅ][\w-]*[a-zäöüßæøå])(?![\w-])")


def _longest_first(words: list[str]) -> str:
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


def _ends_in(words: re.Pattern, name: str) -> bool:
    """Whether one of `words` ends `name`."""
    return any(m.end() == len(name) for m in words.finditer(name))


def listed_names(rx: SimpleNamespace, text: str) -> list[list[tuple[int, int, str]]]:
    """The names of each list in `text` that a spaced conjunction joins ("MGX, Bpifrance et Mistral
    AI"; not "Separately, Meta said"), as (start, end, name); `rx` is `_discovery_patterns(code)`."""
    if rx.name_list is None:
        return []
    # (a capital before "$" is a currency's sign, no name: "... do Banco da Amazônia, e R$ 250 milhões"; a place
    # after a short preposition of place and a comma opens no list of three: "Data center a Ospitaletto, Intred e
    # Italmobiliare investono", unlike "financiamento de BNDES, Banrisul e BRDE", "between Vantor, Kelso and Brightwell")
    lists = []
    for lst in rx.name_list.finditer(text):
        if not rx.spaced_conjunction.search(lst.group(0)):
            continue
        items = [(lst.start() + i.start(), lst.start() + i.end(), i.group(0)) for i in _NAME_RX.finditer(lst.group(0))
                 if text[lst.start() + i.end():lst.start() + i.end() + 1] != "$"]
        place = rx.right_after_place_preposition.search(text, max(0, lst.start() - 20), lst.start()) \
            if rx.right_after_place_preposition is not None else None
        # (a place that opens the sentence, three words at most before its preposition: not "a cédé ses parts à Vantor, ...")
        if place is not None and place.group(0).strip().lower() in rx.locative_prepositions and len(items) >= 3 \
                and text.startswith(",", items[0][1]) and len(text[:place.start()].split()) <= 3:
            items = items[1:]
        lists.append(items)
    return lists


def discover(text: str, known: list[Mention], pack: LanguagePack, sentence_start: int = 0,
             proper_words: set[str] = frozenset()) -> list[Mention]:
    """Names no table knows: organisations by legal suffix ("Acme Corp."), by a company noun
    before them ("the operator Nscale", "شركة Humain") or a business verb after them ("Vantage
    Data Centers will invest"); people by a role word touching a two-word capitalised name.

    `known` holds the sentence's mentions in sentence offsets; the result is in document offsets.
    """
    from ..vocab import slug

    rx = _discovery_patterns(pack.code)
    # (a capitalised adjective before a capitalised word may begin a name: "Swiss Prime Site")
    # (a generated place - a town or region no table lists - gives way to a name around it:
    # "Wyoming Business Council")
    taken = [(m.start, m.end) for m in known if not (m.demonym and re.match(r" [A-Z]", text[m.end:m.end + 2]))
             and not m.entity.generated]
    # a firm's name may end in a known place: "Altice Portugal", "Telefónica España"
    place_ends = {m.end for m in known if m.kind == "place" and not m.demonym}
    place_spans = {(m.start, m.end) for m in known if m.kind == "place"}
    regional_arms = {m.start: m for m in known if m.kind == "place" and not m.demonym
                     and m.entity.rdf_type in ("Country", "Region")}
    out: list[Mention] = []
    generic_names = _org_name_words()

    def clashes(s, e):
        return [(ts, te) for ts, te in taken if s < te and ts < e]

    def free(s, e):
        return not clashes(s, e)

    place_words = pack.regex.get("place_prepositions")

    def on_a_place(s, e):
        """A known place here (the generated ones, which `taken` leaves out, included)."""
        return any(a < e and s < b for a, b in place_spans)

    def begins_with_a_shorter_name(s, e):
        """ "미래에셋벤처투자", "한국투자파트너스": a name a script's cue found whole, beginning with a
        known name or place; the longer name stands (the shorter one gives way)."""
        clash = clashes(s, e)
        if len(clash) != 1 or clash[0][0] != s or clash[0][1] >= e:
            return False
        taken.remove(clash[0])
        return True

    def two_more_words_after_a_known_name(s, e):
        """ "Tata Power Renewable Energy": a known name and two words more (the caller's cue found the last a
        firm's word) name an arm."""
        clash = clashes(s, e)
        return len(clash) == 1 and len(text[clash[0][1]:e].split()) >= 2

    def place_it_begins_with(s, e):
        """ "Angola Cables vai construir": a name that opens with a known place (not an association
        named by its country and letters, "Spain DC", nor a plan with its year, "Maroc Digital 2030")."""
        clash = clashes(s, e)
        if not (len(clash) == 1 and clash[0][0] == s and clash[0] in place_spans):
            return False
        # ("In Portugal Vetta Compute will invest", "Germany's Sparkasse Vetta": the place stands alone)
        after_preposition = rx.right_after_place_preposition is not None and rx.right_after_place_preposition.search(text[:s])
        return (bool(re.search(r"[a-z]{2}", text[clash[0][1]:e])) and not re.match(r"\s*\d", text[e:])
                and not after_preposition and text[clash[0][1]:clash[0][1] + 1] not in ("'", "’"))

    def free_but_a_place_it_ends_in(s, e):
        clash = clashes(s, e)
        return len(clash) == 1 and clash[0][1] == e and e in place_ends and clash[0][0] > s

    def katakana_before_a_place_it_ends_in(s, e):
        """ "アット東京": a name in katakana glued to a known place it ends in is one name (no place)."""
        return free_but_a_place_it_ends_in(s, e) and re.match(r"[\u30a1-\u30fa\u30fc]", text[clashes(s, e)[0][0] - 1])

    def free_but_a_generic_name_it_ends_in(s, e):
        """ "Norvik Telekom": a name ending in a firm's word that a table also knows alone as a
        firm ("Telekom" for Deutsche Telekom); the longer name stands (the known one gives way)."""
        clash = clashes(s, e)
        if not (len(clash) == 1 and clash[0][1] == e and clash[0][0] > s and generic_names is not None
                and generic_names.fullmatch(text[clash[0][0]:e])):
            return False
        taken.remove(clash[0])
        return True

    def free_but_names_inside(s, e):
        """ "Orbis Telekom AG": a legal name with a known name inside it after its first word
        (the longer name wins; the known one inside gives way)."""
        clash = clashes(s, e)
        if not clash or not all(s < c[0] and c[1] <= e for c in clash):
            return False
        taken[:] = [c for c in taken if c not in clash]
        return True

    def free_but_a_place_it_opens_with(s, e):
        """ "Wisconsin Public Service Corp.", "American Transmission Co.": a legal name that opens with a
        known place (or its adjective) and goes on in two words at least; the place gives way (not after a
        preposition of place: "In Texas Vetta Compute Inc. will build" names the place, then the firm)."""
        clash = clashes(s, e)
        if not (len(clash) == 1 and clash[0] in place_spans and clash[0][0] == s and len(text[clash[0][1]:e].split()) >= 2):
            return False
        before = _WORD_BEFORE.search(text, 0, s)
        if before is not None and place_words is not None and place_words.fullmatch(before.group(1).lower()):
            return False
        taken[:] = [c for c in taken if c not in clash]
        return True

    def free_but_places_inside(s, e):
        """ "البنك السعودي للاستثمار": a name a script's cue found whole, with a place's adjective inside."""
        clash = clashes(s, e)
        return bool(clash) and all(c in place_spans and s < c[0] and c[1] <= e for c in clash)

    company_noun_ends = rx.company_noun_ends
    for m in _legal_name().finditer(text):
        if _ACRONYM_AFTER.match(text, m.end()):
            continue  # "Tamil Nadu Power Distribution Corporation (TNPDCL)": the name with its acronym, below
        name = m.group(1).strip()
        s, e = m.start(1), m.start(1) + len(name)
        based = [w for w in re.finditer(r"\S+-based\s+", name)]  # "South Dakota-based Black Hills Corp"
        if based:
            s, name = s + based[-1].end(), name[based[-1].end():]
            e = s + len(name)
        name = without_legal_forms(name)  # "Crescendo Corp Bhd": two legal forms, one after the other
        e = s + len(name)
        while name.split() and (name.split()[0].lower() in _STOP_HEADS or (s == 0 and _a_subordinator(name.split()[0], pack))):
            s, name = _without_first_word(s, name)  # "The Corp said", "When Soluna Holdings first called"
        # "Das Gemeinschaftsunternehmen Neckar Compute GmbH", "Der Konzern Vetta AG": where nouns are
        # capitalised and glued into compounds, a word ending in a company noun opens no name (elsewhere a
        # capitalised one is part of it: "Giant Eagle Inc.")
        if " " in name and pack.get("compound_words") and name.split()[0].lower().endswith(company_noun_ends):
            s, name = _without_first_word(s, name)
        e = s + len(name)
        if name in _name_endings():
            continue  # "edotco Group": a word that ends a name is none alone (the name before it is in lower case)
        if " " not in name and _org_name_words() is not None and _org_name_words().fullmatch(name):
            name = text[s:m.end()].strip()  # "Energie AG": a generic word keeps its legal form
            e = s + len(name)
        elif (s, e) in place_spans or (" " not in name and name in town_names()
                                       and text[e:m.end()].strip(" ,.") in (common().get("municipal_legal_forms") or [])):
            # "Linz AG": a firm named after its town keeps its legal form (the town gives way); a town
            # only GeoNames knows, only before the form of a town's own companies (common.yaml
            # `municipal_legal_forms`), for many towns are also words and brands ("Aurora Ltd")
            taken[:] = [t for t in taken if t != (s, e)]
            name = text[s:m.end()].strip()
            e = s + len(name)
        of_country = _OF_THE.match(text, m.end())
        if of_country and of_country.end() in regional_arms and not _ACRONYM_AFTER.match(text, regional_arms[of_country.end()].end):
            # "Investment Management Corp. of Ontario", "National Grid Corporation of the Philippines": a form
            # before "of" and a country or region names one firm (the place gives way); not with an acronym
            # after it, which the name-and-acronym rule below reads whole
            arm = regional_arms[of_country.end()]
            taken[:] = [t for t in taken if t != (arm.start, arm.end)]
            name = text[s:arm.end]
            e = arm.end
        if (free(s, e) or (" " in name and free_but_a_place_it_ends_in(s, e))
                or (" " in name and free_but_names_inside(s, e)) or free_but_a_place_it_opens_with(s, e)) \
                and len(name) > 2:  # "PT Orbis Indonesia Tbk"
            ent = Entity(kind="org", key=slug(name), label=name, rdf_type="Firm")
            out.append(Mention(s + sentence_start, e + sentence_start, name, ent, (ent,)))
            taken.append((s, e))
    role_rx = pack.person_role_regexes

    # (a determiner opens no name either: "Beide Seiten unterzeichneten", "Alle Partner")
    lead_rx = [rx for rx in (pack.regex.get("attribution_markers"), pack.regex.get("object_markers"), pack.regex.get("determiners"))
               if rx is not None]
    objects = pack.regex.get("object_markers")
    # particles a script glues to a name ("하이퍼엑셀이", "NHN의"), longest first (org_cues.particles)
    particles = sorted((pack.get("org_cues") or {}).get("particles") or [], key=len, reverse=True)
    latin_led = (pack.get("org_cues") or {}).get("latin_led_particles") or []

    # a headline in capitals: "ORBIS TO INVEST $2 BILLION" (not a sentence with no cased letters: Han, Hangul)
    in_capitals = any(c.isupper() for c in text) and not any(c.islower() for c in text)

    adverb_ending = pack.regex.get("adverb_ending")
    # (a lower-case brand opens a name only where adjectives neither inflect nor glue: see add_org)
    uninflected = pack.spaced and not (pack.get("adjective_endings") or pack.get("compound_words") or pack.get("nouns_capitalised"))

    def add_org(s, e, name, named_as_company=False, allow_any_script=False, places_inside=False):
        words = name.split()
        # "Secondo Equita", "Según Moody's": a capitalised preposition or attribution word is no part of a name;
        # nor is an origin or an owner before it ("State-owned Hydro Tasmania", "ASX-listed NextDC")
        after_a_preposition = False
        # (an acronym alone, outside a headline in capitals, is a name, not the word it spells: "A NOS mantém")
        while words and not (words[0] == "The" and pack.code != "en" and len(words) > 1) \
                and not (len(words) == 1 and ACRONYM.fullmatch(words[0]) and not in_capitals) and (
                words[0].lower() in _STOP_HEADS or any(rx.fullmatch(words[0].lower()) for rx in lead_rx)
                or (s == 0 and _a_subordinator(words[0], pack))
                or (len(words) > 1 and _ORIGIN_WORD.search(words[0]))):
            # (in another language's text, "The" opens an English name: "a The Navigator Company")
            after_a_preposition = bool(objects and objects.fullmatch(words[0].lower()))
            s += len(words[0]) + 1
            words = words[1:]
        # "Separatamente Alperia ha annunciato": an adverb opening the sentence is no part of the name
        # (a common word with an adverb's ending, which the article capitalises nowhere else)
        if len(words) > 1 and s == 0 and words[0] not in proper_words and adverb_ending is not None \
                and adverb_ending.search(words[0].lower()) and (word_frequency(words[0].lower(), pack.code) or 0) >= RARE_ZIPF:
            s += len(words[0]) + 1
            words = words[1:]
        # "Shares of Anant Raj closed 4.6 per cent higher": the shares of a firm are no part of its name
        shares = pack.regex.get("share_price_words")
        if len(words) > 2 and shares is not None and shares.fullmatch(words[0].lower()) and words[1].lower() in NAME_PARTICLES:
            s += len(words[0]) + len(words[1]) + 2
            words = words[2:]
        while len(words) > 1 and words[-1] in _currency_signs(pack.code):
            words = words[:-1]  # "Mutual Trust Bank Tk 800 crore": the amount's currency is no part of the name
        # ("Banco Patagonia US$ 200 millones": nor the letters of a dollar sign written after the name)
        end = s + len(" ".join(words))
        if len(words) > 1 and text[end:end + 1] == "$" and words[-1] + "$" in _currency_signs(pack.code):
            words = words[:-1]
        while len(words) > 1 and words[-1] in _CAPITALS_FUNCTION_WORDS:
            words = words[:-1]  # "VARDLUND DATA SYSTEMS TO INVEST ...": a headline in capitals ends the name at "TO"
        name = " ".join(words)
        # "Montego Bay-based itel BPO Solutions", "edotco Group": a brand written in lower case that is no
        # word of the language opens the name (not where adjectives inflect or glue, and an unknown one is
        # more likely an adjective: "l'éolien ostendais Elicio", "die an der SIX kotierte LLB")
        brand = _LOWER_CASE_BRAND_BEFORE.search(text, 0, s) if words and uninflected and s > 0 else None
        if brand is not None and word_frequency(brand.group(1), pack.code) == 0:
            s, name = brand.start(1), f"{brand.group(1)} {name}"
        if after_a_preposition and len(words) == 1 and pack.get("nouns_capitalised") and not named_as_company \
                and not looks_like_a_name(name):
            return  # "Als Partnerin steigt ...", "Im Betrieb rechnet ...": where every noun is capitalised, one word after a preposition is its object
        # "모회사 NHN의": a particle glued to the name's end is no part of it (org_cues.particles)
        for particle in particles:
            if name.endswith(particle) and len(name) - len(particle) >= 2 and not name[-len(particle) - 1].isspace():
                # a Latin name with a Hangul particle; any name whose particle opens an attribution
                # ("SNE리서치에 따르면": the particle belongs to "에 따르면")
                attribution = pack.regex.get("attribution_markers")
                if re.search(r"[A-Za-z0-9]$", name[:-len(particle)]) or (
                        attribution is not None and attribution.match(text, s + len(name) - len(particle))):
                    name = name[:-len(particle)]
                break
        e = s + len(name)
        nouns = pack.regex.get("company_nouns")
        generic = _org_name_words()
        if len(name) < 2 or (nouns and nouns.fullmatch(name)) or name.lower() in _STOP_HEADS or legal_tail().fullmatch(name) \
                or (generic is not None and generic.fullmatch(name)):
            return  # "the company", "Bhd", "Campus": no name
        ends_in_noun = nouns.search(words[-1]) if nouns and words else None
        if ends_in_noun and ends_in_noun.end() == len(words[-1]) and ends_in_noun.start() > 0 and not allow_any_script:
            return  # "Der Badener Energiekonzern": a compound company noun describes a firm, it is no name
        if not free(s, e) and not (len(words) > 1 and free_but_a_place_it_ends_in(s, e)) and not (
                not pack.spaced and katakana_before_a_place_it_ends_in(s, e)) and not (
                len(words) > 1 and free_but_a_generic_name_it_ends_in(s, e)) and not (
                (allow_any_script or (named_as_company and two_more_words_after_a_known_name(s, e))) and begins_with_a_shorter_name(s, e)) and not (
                (allow_any_script or places_inside) and len(words) > 1 and free_but_places_inside(s, e)) and not (
                len(words) > 1 and pack.spaced and place_it_begins_with(s, e) and begins_with_a_shorter_name(s, e)):
            return
        if len(words) > 1 and name.endswith(("'s", "’s")) and len(words[-1]) > 3 \
                and not any(m.start == 0 and m.end == len(name) for m in gazetteer().find(name)):
            # "the National Bank of Ethiopia's reference rate": the possessive is no part of the name (a
            # last word of two letters and "'s" is too short to tell; a name known whole keeps it: "Standard & Poor's",
            # a place inside it does not: "the Reserve Bank of Fiji's mid-rate")
            name, e = name[:-2], e - 2
            words[-1] = words[-1][:-2]
        if any(rx.search(name) for rx in role_rx):
            return  # "Chief Financial Officer Heather Lindqvist" is a person with a title
        index = pack.regex.get("market_index")
        if index is not None and any(hit.end() == len(name) for hit in index.finditer(name)):
            return  # "il Ftse Mib ha ceduto lo 0,2%", "el S&P Merval": a stock index, no firm
        if words[0].strip(".").lower() in calendar_words(pack.get("locale", pack.code)):
            return  # "Tuesday", "January", "Sept"
        if _a_persons_name(name, text[:s]):
            return  # "Mr Mwangi said", "Tan Sri Abang Johari", "Premier Tan Sri ...", "Dato' Lim Guan Keat": a person
        if _names_an_area(name):
            return  # "Zona Franca de Barcelona", "Special Economic Zone": an area, no firm
        if pack.regex.get("market_index") is not None and pack.regex["market_index"].fullmatch(name):
            return  # "El MSCI Colcap cerró": a stock index, however it is written
        if name in (common().get("unit_symbols") or {}):
            return  # "hasta 200 MW; Megacable será": a unit, however often it is written in capitals
        if name in _currency_signs(pack.code) and re.match(r"\s?\d", text[e:e + 2]):
            return  # "The lease will cost the company Br 38 million": a currency's sign before its amount
        if any(rx.fullmatch(name) for rx in pack.count_regex.values()):
            return  # "GPUs": what a count counts, however it is written
        if words[0].lower() in pack.number_words:
            return  # "Drei Stuttgarter Konzerne investieren": a count of firms, no name
        if words[0].lower() in _scale_words(pack.code):
            return  # "120 Millionen Euro, die Sparkasse Leipzig ...": the end of an amount, no name
        if not allow_any_script and not (name[:1].isupper() or looks_like_a_name(words[0])):
            return
        # one capitalised word is a name only if the article writes it so mid-sentence too
        # ("Nscale said" yes; "Investment rose", "Anlegget skal" no), or it looks like one ("xAI", "G42")
        if len(words) == 1 and not named_as_company and not looks_like_a_name(name) and name not in proper_words:
            return
        ent = Entity(kind="org", key=slug(name), label=name, rdf_type="Firm")
        out.append(Mention(s + sentence_start, e + sentence_start, name, ent, (ent,), named_as_company=named_as_company))
        taken.append((s, e))

    for m in _overlapping(_PERSON, text):
        s, e = m.start(1), m.end(1)
        if not free(s, e) or any(rx.search(m.group(1)) for rx in role_rx):
            continue  # "Financial Officer" is part of a title, not a name
        before = text[max(0, s - 40): s]
        after = text[e: e + 40]
        # the role word must touch the name: "CEO Jane Doe", "Jane Doe, CEO of ..."
        touching = any(
            (rb := list(rx.finditer(before))) and before[rb[-1].end():].strip(" ,:") == ""
            or ((ra := rx.search(after)) and after[: ra.start()].strip() in (",", "", "–", "-"))
            for rx in role_rx
        )
        if touching:
            name = m.group(1)
            ent = Entity(kind="person", key=slug(name), label=name, rdf_type="Person")
            out.append(Mention(s + sentence_start, e + sentence_start, name, ent, (ent,)))
            taken.append((s, e))
    # "in Mount Pleasant, Wisconsin": an unknown town named with the region it lies in
    for place in (m for m in known if m.kind == "place" and not m.demonym):
        if text[place.end:place.end + 1].isalpha():
            continue  # "GS EPS, 한국수자원공사": a place's name that opens a longer word names no place
        head = text[:place.start]
        m = rx.place_before_comma.search(head)
        if m and free(m.start(1), m.end(1)) and not on_a_place(m.start(1), m.end(1)) and m.group(1).split()[0].lower() not in _STOP_HEADS:
            name = m.group(1)
            ent = Entity(kind="place", key=f"{slug(name)}-{place.entity.key}", label=name, rdf_type="City",
                         parent=place.entity.key)
            out.append(Mention(m.start(1) + sentence_start, m.end(1) + sentence_start, name, ent, (ent,)))
            taken.append((m.start(1), m.end(1)))
    # "Vantage Data Centers", "Blue Owl Capital": a capitalised name ending in a firm's word
    if rx.ending_in_org_word is not None and pack.spaced:
        for m in rx.ending_in_org_word.finditer(text):
            if _ACRONYM_AFTER.match(text, m.end(1)):
                continue  # the name with its acronym, below
            # "NDC-Garbe Data Centers Europe", "Vetta Cloud Services Germany": a firm's regional arm
            # is named by its region or country after the firm's word
            arm = regional_arms.get(m.end(1) + 1) if text[m.end(1):m.end(1) + 1] == " " else None
            end = arm.end if arm is not None else m.end(1)
            # (not where every noun is capitalised: "Nordwind Capital Milliarden")
            goes_on = _CAPITALISED_WORD_AFTER.match(text, end) if not pack.get("nouns_capitalised") else None
            # (nor a currency's sign: "NIC Asia Bank Rs 5 billion")
            if goes_on and not any(ts == goes_on.start(1) for ts, _ in taken) and goes_on.group(1) not in _legal_forms() \
                    and goes_on.group(1) != "Co" and goes_on.group(1) not in _currency_signs(pack.code):
                continue  # "Bashundhara Digital Park": the name goes on, a site's, not a firm's ("Manila Electric Co." is one)
            start, name = m.start(1), text[m.start(1):end]
            # ("Equinix & Vetta Bank": a known firm before the "&" is a firm of its own, the name starts after it)
            amp = name.find(" & ")
            if amp > 0 and any(k.kind == "org" and k.start <= start and start + amp <= k.end for k in known):
                start, name = start + amp + 3, name[amp + 3:]
            # "Campus Digital do Sado": the name goes on after "do" and a free name; "Union Bank of India":
            # after "of" and a known place
            particle = _PARTICLE_AND_NAME_AFTER.match(text, m.end(1))
            of_place = _OF_AND_NAME_AFTER.match(text, m.end(1))
            if particle and free(particle.start(1), particle.end(1)):
                name += particle.group(0)
            elif of_place and (of_place.start(1), of_place.end(1)) in place_spans:
                name += of_place.group(0)
            company_word = pack.regex.get("company_nouns")
            start, name = _after_a_describing_noun(start, name, pack)
            while " " in name and (name.split()[0].lower() in _STOP_HEADS
                                   or (company_word is not None and company_word.search(name.split()[0]))
                                   or (start == 0 and name.split()[0] not in proper_words
                                       and not looks_like_a_name(name.split()[0])
                                       and _can_open_a_name(name.split()[1], pack.code))):
                # "Der Campus", "Intanto Vantage…", "KI-Start-up Black Forest Labs" (not "SP Energy Networks";
                # nor "Great River Energy", "Rocky Mountain Power": what is left opens with a common word too)
                start, name = _without_first_word(start, name)
            if arm is not None and generic_names is not None and generic_names.fullmatch(name[:len(name) - len(arm.text)].strip()):
                continue  # "Data Centers Europe" once the opening word went: no name
            if " " in name:  # the firm's word alone ("Campus") is no name
                # (a country inside a name of four words or more is the name's: "Nippon India Mutual Fund"; so is one
                # between its first and its last word: "NIC Asia Bank")
                # ("Yesterday Ohio Power": not a common word opening the sentence)
                between = any(start < a and b < start + len(name) for a, b in place_spans) and (
                    start > 0 or looks_like_a_name(name.split()[0]))
                add_org(start, start + len(name), name, named_as_company=True, places_inside=name.count(" ") >= 3 or between)
    # "Grupo Carso tendrá 70%", "Banca di Cividale": a word opening a name (common.yaml
    # `name_opening_words`)
    opened: list[tuple[int, int]] = []
    if rx.opening_with_name_word is not None and pack.spaced:
        for m in rx.opening_with_name_word.finditer(text):
            if _NAME_GOES_ON.match(text, m.end(1)) or _NAME_GOES_ON_TO_ITS_ACRONYM.match(text, m.end(1)):
                continue  # "Banco Nacional de Desenvolvimento Econômico e Social (BNDES)": longer than the pattern reads
            before = _WORD_BEFORE.search(text, 0, m.start(1))
            if before and before.group(1)[:1].isupper() and before.group(1).lower() not in _STOP_HEADS:
                continue  # "State Bank of India": the name began before its opening word
            begins_with_a_shorter_name(m.start(1), m.end(1))  # "Carso" inside gives way
            found_before = len(out)
            add_org(m.start(1), m.end(1), m.group(1), named_as_company=True)
            opened += [(o.start - sentence_start, o.end - sentence_start) for o in out[found_before:]]
    # "Fastweb + Vodafone": a brand made of two names
    for m in _BRAND_PAIR.finditer(text):
        s_, e_ = m.start(1), m.end(1)
        taken[:] = [(a, b) for a, b in taken if not (s_ <= a and b <= e_)]  # the parts give way
        out[:] = [o for o in out if not (s_ + sentence_start <= o.start and o.end <= e_ + sentence_start)]
        add_org(s_, e_, m.group(1), named_as_company=True)
    # "the UK-based operator Nscale", "das Start-up Black Forest Labs", "شركة Humain"
    nouns = pack.regex.get("company_nouns")
    if nouns is not None:
        for m in rx.name_after_noun.finditer(text):
            if text[m.start():m.start() + 1].isupper() and not pack.get("nouns_capitalised") \
                    and re.search(r"[A-Z][\w'’&.-]*\s$", text[max(0, m.start() - 40):m.start()]):
                continue  # "Snohomish County Public Utility District": a capitalised noun inside a name opens none
            add_org(m.start(1), m.end(1), m.group(1), named_as_company=True)
        if rx.name_after_described_noun is not None:
            places_of = pack.regex.get("place_prepositions")
            for m in rx.name_after_described_noun.finditer(text):
                before = _WORD_BEFORE.search(text, 0, m.start(1))
                if before is not None and places_of is not None and places_of.fullmatch(before.group(1).lower()) \
                        and ((m.start(1), m.end(1)) in place_spans or m.group(1) in town_names(15_000)):
                    continue  # "l'operatore di telecomunicazioni di Bolzano": the town it comes from, no name
                add_org(m.start(1), m.end(1), m.group(1), named_as_company=True)
    # "MGX, Bpifrance et Mistral AI": unknown names listed with known firms are firms too
    conj = pack.regex.get("conjunctions")
    unit_words = {w.lower() for w in pack.get("units") or {}}

    def names_listed_with(anchors: list[tuple[int, int]]) -> None:
        if conj is None or not anchors or not pack.spaced:
            return
        for items in listed_names(rx, text):
            if not any(ks <= s_ < ke or s_ <= ks < e_ for s_, e_, _ in items for ks, ke in anchors):
                continue
            for s_, e_, name in items:
                # (not the unit of an amount: "die SAK 35 Prozent und die Pensionskasse Thurgau")
                if free(s_, e_) and not (conj.fullmatch(name.lower())) and name.lower() not in unit_words:
                    add_org(s_, e_, name, named_as_company=True)

    # ("la Banque Nationale et le Mouvement Desjardins": a name an opening word found is an anchor too)
    names_listed_with([(m.start, m.end) for m in known if m.kind == "org"] + opened)

    def add_with_its_list(s_: int, e_: int, name: str) -> None:
        """A name a verb's cue found, and the rest of the list it ends ("Bosch, Mercedes-Benz und
        Porsche gründen", "CIBC, BMO and TD, which each committed")."""
        found = len(out)
        add_org(s_, e_, name)
        if len(out) > found:
            names_listed_with([(s_, e_)])

    joined = pack.regex.get("conjunctions")
    joined = re.compile(rf"\s(?:{joined.pattern})\s", joined.flags) if joined is not None else None

    def add_name_and_acronym(name_start: int, name_end: int, acronym_start: int, acronym_end: int) -> bool:
        """Two mentions of one firm, the name and the acronym, so that each is found again wherever
        the article repeats it ("Fibra Uno (FUNO)" ... "FUNO informó" ... "la Fibra"); keyed by the
        acronym (what other articles write alone), labelled with the full name. Known places inside
        the name give way ("Tamil Nadu Power Distribution Corporation (TNPDCL)"); other names block it."""
        clash = clashes(name_start, name_end)
        # (a shorter name another cue found inside gives way too: "Development Bank" of "The
        # Development Bank of Kazakhstan (DBK)"; not in a list: "BRAC Bank and Eastern Bank PLC (EBL)")
        listed = joined is not None and joined.search(text, name_start, name_end)
        if not all(name_start <= c[0] and c[1] <= name_end and (c in place_spans or not listed) for c in clash):
            return False
        if _names_an_area(text[name_start:name_end]):
            # "Zona Industrial e Logística de Sines (ZILS)": a zone, no firm (and its words and letters no other name)
            taken.append((name_start, acronym_end + 1))
            return True
        form = _legal_form_ending_a_name().search(text, name_start, name_end)
        if form is not None:
            name_end -= len(form.group(0))  # "Gia Lai Solar JSC (GLS)": the form is no part of the label
        taken[:] = [t for t in taken if t not in clash]
        out[:] = [o for o in out if not (name_start + sentence_start <= o.start and o.end <= name_end + sentence_start)]
        name, acronym = text[name_start:name_end], text[acronym_start:acronym_end]
        ent = Entity(kind="org", key=slug(acronym), label=name, rdf_type="Firm", labels={"en": name})
        out.append(Mention(name_start + sentence_start, name_end + sentence_start, name, ent, (ent,), named_as_company=True))
        out.append(Mention(acronym_start + sentence_start, acronym_end + sentence_start, acronym, ent, (ent,), named_as_company=True))
        taken.append((name_start, acronym_end + 1))
        return True

    # "Sociedad Española para la Transformación Tecnológica (SETT)": a name with its acronym
    terms = term_acronyms()  # ("Künstlichen Intelligenz (KI)": a term, no firm)
    # (capitals with accents too: "Électricité de Strasbourg (ÉS)")
    for m in re.finditer(r"((?:[A-ZÀ-ÖØ-Þ][\w'’-]+)(?:\s+(?:[A-ZÀ-ÖØ-Þ][\w'’-]+|de|del|des|der|du|für|for|of|para|per|la|le|el|di|do|da|y|e|and|&)){1,8}\.?)\s+\(([A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ0-9&]{1,9})\)", text):
        name, acronym = m.group(1), m.group(2)
        if acronym in terms:
            continue
        if any(rx.search(name) for rx in role_rx):
            continue  # "Lohfeldens Bürgermeister Uwe Jäger (SPD)": a person with a title and a party, no firm
        letters, bare = initials(name), without_legal_forms(name)
        if not letters.endswith(acronym) and initials(bare).endswith(acronym):
            # "Wisconsin Public Service Corp. (WPS)": the acronym spells the name without its legal form
            name, letters = bare, initials(bare)
        if name.endswith("."):
            continue
        if len(acronym) == 2 and not letters.endswith(acronym):
            continue  # "Settimo Torinese (TO)", "Salvador (BA)": a province or state code, not the name's initials
        name_start = m.start(1)
        if letters != acronym and letters.endswith(acronym):
            # "Bank Mandiri and Bank Central Asia (BCA)": the acronym names the last words only
            # (words by their place in the name: a no-break space may part them)
            words = list(re.finditer(r"\S+", name))
            for i in range(1, len(words)):
                tail = [w.group(0) for w in words[i:]]
                if tail[0][:1].isupper() and initials(" ".join(tail)) == acronym:
                    cut = words[i].start()
                    name, name_start = name[cut:], name_start + cut
                    break
        name_end = name_start + len(name)
        # the name may end in a place ("Bank Central Asia (BCA)", "Telecom Egypt (TE)")
        # (places inside it give way: "Tamil Nadu Power Distribution Corporation (TNPDCL)")
        if free(m.start(2) - 1, m.end(2) + 1) and add_name_and_acronym(name_start, name_end, m.start(2), m.end(2)):
            names_listed_with([(name_start, name_start + len(name))])  # "Bank Mandiri and Bank Central Asia (BCA)"
    # "Société nationale de crédit et d'investissement (SNCI)", "Luxembourg Future Fund 2 (LFF2)": a
    # name in sentence case, or with a number, whose words' initials spell the acronym after it
    def name_spelling_the_bracket(m: re.Match, opens, spelt, most_words: int) -> None:
        """The name of the last `most_words` words before the bracket whose first word `opens` and whose words
        (particles aside) spell what the bracket holds (`spelt`): the name and its short form, one firm."""
        offset = max(0, m.start() - 120)
        words = list(re.finditer(r"[\w'’-]+", text[offset:m.start()]))[-most_words:]
        for i in range(len(words)):
            tail = words[i:]
            if opens(tail) and spelt([w.group(0) for w in tail if w.group(0).lower() not in _not_spelt()], m.group(1)):
                add_name_and_acronym(offset + tail[0].start(), offset + tail[-1].end(), m.start(1), m.end(1))
                return

    for m in _ACRONYM_IN_BRACKETS.finditer(text):
        if len(m.group(1)) >= 3 and m.group(1) not in terms and free(m.start(1), m.end(1)):
            name_spelling_the_bracket(m, lambda tail: tail[0].group(0)[:1].isupper() and tail[0].group(0).lower() not in _STOP_HEADS,
                                      spells, 12)
    # "Compañía Paraguaya de Comunicaciones (Copaco)": a firm's name (opening with a company noun; not a public
    # body's, "Secretaría de Desarrollo Sustentable (Sedesu)") whose words' first syllables make the short name
    # in brackets after it, written as a word
    company_noun = pack.regex.get("company_nouns")
    for m in _SYLLABLE_ACRONYM_IN_BRACKETS.finditer(text) if company_noun is not None and pack.spaced else ():
        if free(m.start(1), m.end(1)):
            name_spelling_the_bracket(m, lambda tail: len(tail) >= 2 and tail[0].group(0)[:1].isupper()
                                      and bool(company_noun.fullmatch(tail[0].group(0).lower())), spells_by_syllables, 8)
    # "chief executive of Digital Crossroads", "directeur financier de Vetta": the name after a
    # chief executive's or a finance chief's title and an "of" (`roles`, `of_words`, `employer_words`) is a firm's
    if pack.spaced:
        for title_of in rx.title_of_firm:
            for m in title_of.finditer(text):
                add_org(m.start(1), m.end(1), m.group(1), named_as_company=True)
    # "AirTrunk, the Sydney-based operator, ...", "Khazna, a unit of G42": a name with an appositive
    articles = pack.regex.get("relative_markers")
    if articles is not None and pack.spaced:
        # the appositive opens with an article, or (Romance press) straight with the noun:
        # "Apto, sviluppatore italiano di data center, annuncia", "A Tecto, empresa de data centers da V.tal, vai"
        verb, builders = pack.regex.get("subject_verbs"), pack.regex.get("builder_markers")
        for m in rx.appositive.finditer(text):
            closing = re.match(r"(?:[^,;.]|\.(?=\w)){3,120},", text[m.end():])  # an appositive closes with a comma ("V.tal" inside)
            appositive = " ".join(text[m.end():].split()[:7])
            has_verb = closing and verb is not None and rx.verb_in_appositive.search(closing.group(0))
            # (no participle and its agent: "Construction, led by a contractor yet to be named, is expected"; but
            # "Apto, società con sede a Milano," opens with a company's noun)
            opening = appositive.split()[:2]
            by_agent = (len(opening) == 2 and builders is not None and builders.fullmatch(opening[1])
                        and not (nouns is not None and nouns.fullmatch(opening[0])))
            titled = any(r.search(closing.group(0)) for r in role_rx) if closing else False  # ("Marcus Webb, the chief executive,")
            if closing and not has_verb and not by_agent and not titled and nouns is not None and nouns.search(appositive):  # "X, the Sydney-based operator, ..."
                add_org(m.start(1), m.end(1), m.group(1), named_as_company=True)
        # ("Cultiva, kommunens energiverkstiftelse, skyter inn 350 millioner": a sentence's opening name, an
        # appositive of a few words in lower case, then a verb of doing business)
        # (not an appositive that opens with an article or another of the pack's `relative_markers`, "Great Oaks
        # Career Campuses, the joint vocational district, will receive": the rule above reads those, by their
        # company noun; a relative pronoun may open it: "Dalkia, qui l'exploite, investira")
        # ("Solaria, que suministrará energía al campus": a one-word opening name, a relative pronoun, then a
        # verb of doing business; not a person's two names, "Ana Vidal, que anunció")
        relative = pack.regex.get("relative_pronouns")
        opening = _OPENING_WORD_AND_RELATIVE.match(text) if verb is not None and relative is not None else None
        if opening is not None and relative.fullmatch(opening.group(2)) and verb.match(text, opening.end()) \
                and opening.group(1) not in town_names(15_000):  # (not a town: "Culpeper, which will receive")
            add_org(opening.start(1), opening.end(1), opening.group(1))
        opening = _OPENING_NAME_AND_APPOSITIVE.match(text) if verb is not None else None
        if opening is not None and verb.match(text, opening.end()):
            first = text[opening.end(1):].lstrip(", ").split(" ", 1)[0].lower()
            if not articles.fullmatch(first) or (relative is not None and relative.fullmatch(first)):
                add_org(opening.start(1), opening.end(1), opening.group(1))
        for m in rx.appositive_at_end.finditer(text):
            rest = re.match(r"[^,;.]{3,80}\.?\s*$", text[m.end():])  # the appositive ends the sentence
            if rest and nouns is not None and nouns.match(text, m.end() + len(text[m.end():].split()[0]) + 1) \
                    and not (verb is not None and rx.verb_in_appositive.search(rest.group(0))):
                add_org(m.start(1), m.end(1), m.group(1), named_as_company=True)
    # «خزنة لمراكز البيانات», „Aleph Alpha“: a quoted name after a company noun
    if nouns is not None and _QUOTE_MARKS.search(text):  # (a quick test first: most sentences quote nothing)
        for m in rx.quoted_after_noun.finditer(text):
            add_org(m.start(1), m.end(1), m.group(1), named_as_company=True, allow_any_script=True)
    # "AirTrunk's portfolio": a possessive name the article capitalises mid-sentence
    for m in (_POSSESSIVE.finditer(text) if "'s" in text or "’s" in text else ()):  # (most sentences have none)
        # (not before another name: "Cleveland's KeyBank" is a town's bank; the name after is the firm)
        if (m.group(1) in proper_words or looks_like_a_name(m.group(1))) and not re.match(r"\s[A-Z]\w*[a-z]", text[m.end():m.end() + 12]):
            add_org(m.start(1), m.end(1), m.group(1))
    # "Vantage Data Centers will invest ...": a name right before a verb of doing business
    verbs = pack.regex.get("subject_verbs")
    if verbs is not None and pack.spaced:
        # not after a preposition, alone or in a list: "between Måløy and Nordfjordeid has ..."
        # names places, the verb's subject came earlier
        for m in rx.name_before_verb.finditer(text):
            if rx.after_place_preposition is not None and rx.after_place_preposition.search(text, max(0, m.start(1) - 80), m.start(1)):
                continue
            # (German puts the verb second: a name right before it opens the clause, alone or as
            # the last of a list that does - "Bosch, Mercedes-Benz und Porsche gründen")
            opening = m.start(1) == 0 or text[m.start(1) - 2:m.start(1)].strip() in (",", ";", ":", "(", "")
            if not opening and rx.name_list is not None:
                opening = any(lst.end() == m.end(1) and rx.spaced_conjunction.search(lst.group(0))
                              and (lst.start() == 0 or text[lst.start() - 2:lst.start()].strip() in (",", ";", ":", "(", ""))
                              for lst in rx.name_list.finditer(text, 0, m.end(1)))
            if opening or pack.code != "de":
                add_with_its_list(m.start(1), m.end(1), m.group(1))
    # "led by CalBank, which is providing GH¢900 million", "provided by CIBC, BMO and TD, which each
    # committed": a name no table knows, then a relative clause with a verb of doing business (not an
    # appositive: "une nouvelle centrale, Pico Vermelho II, qui fournira"; not a known place)
    if rx.name_before_relative_verb is not None:
        for m in rx.name_before_relative_verb.finditer(text):
            if free(m.start(1), m.end(1)) and not on_a_place(m.start(1), m.end(1)) \
                    and not text[:m.start(1)].rstrip().endswith(",") \
                    and not (rx.right_after_place_preposition is not None
                             and rx.right_after_place_preposition.search(text, max(0, m.start(1) - 20), m.start(1))):
                # (nor a place no table knows after its preposition: "os parques da Finerge no Alto Minho, que vai fornecer")
                add_with_its_list(m.start(1), m.end(1), m.group(1))
    # "Nvidia investit 30 millions et Spuerkeess 25 millions", "…, A1 weitere 235 Mio. Euro": the
    # verb left out of a second clause, a name then its amount right after a conjunction or a comma,
    # in a sentence whose first clause has a verb of doing business
    if rx.gapped_clause is not None and verbs is not None and verbs.search(text):
        for m in rx.gapped_clause.finditer(text):
            # (not a known place: "The Columbus campus gets $90 million and Cleveland the remaining $60 million"; a
            # town only GeoNames lists may be a bank's name, "and Huntington the remaining $60 million")
            if verbs.search(text, 0, m.start(1)) and (m.start(1), m.end(1)) not in place_spans:
                add_org(m.start(1), m.end(1), m.group(1))
    if rx.name_after_a_share is not None:
        for m in rx.name_after_a_share.finditer(text):
            if free(m.start(1), m.end(1)) and not on_a_place(m.start(1), m.end(1)):
                add_org(m.start(1), m.end(1), m.group(1))
    if rx.quoted_after_a_share is not None and _QUOTE_MARKS.search(text):
        for m in rx.quoted_after_a_share.finditer(text):
            add_org(m.start(1), m.end(1), m.group(1), named_as_company=True, allow_any_script=True)
    if rx.name_of_shares is not None:
        for m in rx.name_of_shares.finditer(text):
            # (not a kind of shares: "KI-Aktien", "Tech-Aktien", "AI-aksjer")
            name = m.group(1)
            if free(m.start(1), m.end(1)) and name not in term_acronyms() \
                    and not (generic_names is not None and generic_names.fullmatch(name)):
                add_org(m.start(1), m.end(1), name, named_as_company=True)
    if rx.name_after_verb_before_amount is not None:
        for m in rx.name_after_verb_before_amount.finditer(text):
            if free(m.start(1), m.end(1)):
                add_org(m.start(1), m.end(1), m.group(1))
    # "The Tasmanian government has committed $45 million": a government named by its people or
    # place (the pack's `government_names`, a pattern with a group "name")
    for rx_gov in pack.government_names:
        for m in rx_gov.finditer(text):
            s_, e_, name = m.start("name"), m.end("name"), m.group("name")
            taken[:] = [(a, b) for a, b in taken if not (s_ <= a and b <= e_)]  # "Tasmanian", "Australian" give way
            # (and so does a name found inside by another cue: "Fife Council" as a firm's name)
            out[:] = [o for o in out if not (s_ + sentence_start <= o.start and o.end <= e_ + sentence_start)]
            if free(s_, e_):
                ent = Entity(kind="org", key=slug(name), label=name, rdf_type="Government")
                out.append(Mention(s_ + sentence_start, e_ + sentence_start, name, ent, (ent,), named_as_company=True))
                taken.append((s_, e_))
    # "数据港（603881）", "ハイレゾ（東京都新宿区）は", "KT클라우드, ...": where a script's press marks
    # a firm (org_cues in the pack). The name runs back to the last of the pack's break words
    # ("布局京津冀地区的润泽科技" -> "润泽科技") and loses a trailing particle ("하이퍼엑셀이").
    cues = pack.get("org_cues") or {}
    breaks = cues.get("breaks") or ""
    break_words = cues.get("break_words") or []
    not_names = set(cues.get("not_names") or ())  # "政府は13日、": the cue's words, but no firm
    not_a_name = pack.regex.get("org_not_name")  # (a pattern of them: org_cues.not_name_pattern)
    facility_noun = pack.regex.get("facility_nouns")
    cued: list[tuple[int, int]] = []

    def link_latin_name(m: re.Match, s_: int, name: str, latin: str, found: int) -> None:
        """ "شركة ميزة (MEEZA)": the Latin name in brackets beside a name a cue found is the firm's
        English label, and both are one firm; the name may have been found already by another
        pattern, and the Latin one too, or be the table's ('شركة «إن لايتن» (nLighten)')."""
        span = (s_ + sentence_start, s_ + len(name) + sentence_start)
        at = found if len(out) > found else next((i for i, o in enumerate(out) if (o.start, o.end) == span), None)
        if at is None:
            return
        ls, le = m.start("latin"), m.start("latin") + len(latin)
        table_name = next((k for k in known if k.kind == "org" and (k.start, k.end) == (ls, le)), None)
        if table_name is not None:
            out[at] = replace(out[at], entity=table_name.entity, candidates=(table_name.entity,))
            return
        latin_at = next((i for i, o in enumerate(out) if o.kind == "org" and (o.start, o.end) == (ls + sentence_start, le + sentence_start)), None)
        if latin_at is None and not free(ls, le):
            return
        ent = Entity(kind="org", key=slug(latin), label=latin, rdf_type="Firm", labels={pack.code: name})
        out[at] = replace(out[at], entity=ent, candidates=(ent,))
        if latin_at is not None:
            out[latin_at] = replace(out[latin_at], entity=ent, candidates=(ent,))
        else:
            out.append(Mention(ls + sentence_start, le + sentence_start, latin, ent, (ent,), named_as_company=True))
            taken.append((ls, le))

    for cue in pack.org_cues:
        for m in cue.finditer(text):
            s_, name = m.start("name"), m.group("name")
            legal = m.groupdict().get("legal") or ""  # (a legal form the name keeps: "……股份有限公司")
            cut = max((name.rfind(ch) for ch in breaks), default=-1)
            # (not where what is left is only a firm's word: "云从科技股价" is no "科技", the break is inside the name)
            if cut >= 0 and (not legal or len(name) - len(legal) - cut - 1 > 2) and name[cut + 1:] not in rx.firm_words_alone:
                s_, name = s_ + cut + 1, name[cut + 1:]
            # "另一家上市公司首都在线": a company noun inside the run ends what describes the firm
            cut = max((name.rfind(w, 0, len(name) - len(w)) + len(w) for w in break_words
                       if name.rfind(w, 0, len(name) - len(w)) >= 0), default=0)
            if cut:
                s_, name = s_ + cut, name[cut:]
            for particle in particles:
                if name.endswith(particle) and len(name) - len(particle) >= 2:
                    name = name[: -len(particle)]
                    break
            else:
                # "SK이터닉스도 3.8% 상승": a particle that ends pure-Hangul names too ("전남도", a province) is one
                # only after a name with Latin letters (org_cues.latin_led_particles)
                glued = next((p_ for p_ in latin_led if name.endswith(p_) and re.search(r"[A-Za-z]", name[:-len(p_)])), None)
                if glued:
                    name = name[: -len(glued)]
            bullet = next((b for b in cues.get("bullets") or () if name.startswith(b)), "")
            if bullet:  # "・紀陽銀行、中間純利益…": a list's bullet, no part of the name
                s_, name = s_ + len(bullet), name[len(bullet):]
            if not_a_name is not None and not_a_name.fullmatch(name):
                continue  # "広島銀行の3社は9日、": a count of firms, no name
            if facility_noun is not None and ((m.groupdict().get("latin") and facility_noun.fullmatch(name))
                                              or (not pack.spaced and _ends_in(facility_noun, name))):
                # "부유식 데이터센터(FDC)": a kind of site and its acronym, no firm (but «مرافق», a firm quoted);
                # "「友達后里AI算力中心」將利用": a site by its name, where words are not spaced
                continue
            if m.groupdict().get("descriptor") and any(c[0] == s_ and c not in place_spans for c in clashes(s_, s_ + len(name))):
                continue  # "شركة إزدي تك السعودية لمراكز البيانات": the known firm it opens with is named
            # (a legal name is as long as its pattern lets it be: "云上贵州大数据产业发展有限公司")
            if 2 <= len(name) - len(legal) <= (len(name) if legal else int(cues.get("max_length", 60))) and name not in not_names:
                found = len(out)
                add_org(s_, s_ + len(name), name, named_as_company=True, allow_any_script=True)
                cued.append((s_, s_ + len(name)))
                short = m.groupdict().get("short") or ""
                if len(out) > found and short and free(m.start("short"), m.end("short")):
                    # "エネルギア・コミュニケーションズ（エネコム、広島市中区）": the short name it goes by
                    ss = m.start("short")
                    out.append(Mention(ss + sentence_start, ss + len(short) + sentence_start, short, out[-1].entity,
                                       (out[-1].entity,), named_as_company=True))
                    taken.append((ss, ss + len(short)))
                latin = (m.groupdict().get("latin") or "").strip()
                if latin:
                    link_latin_name(m, s_, name, latin, found)
    names_listed_with(cued)  # "AIB and Bank of Ireland": listed with a name a cue found
    # "中国電力", "四国銀行", "北京电信": in scripts without spaces a known place written straight
    # before a firm's word is the start of the firm's name, not the place (the pack lists the words)
    if rx.firm_word is not None:
        ending, legal_after = rx.firm_word, rx.legal_form_after_place
        not_before = cues.get("firm_words_not_before") or []

        def opens_a_name(pos: int) -> bool:
            """Nothing glued before: "由云上贵州大数据……有限公司" is no "贵州……有限公司"."""
            before = text[:pos]
            # ("甘肃国投、并行科技和庆阳市…公司": "和" closing a list opens the last name)
            return not before or not re.match(r"[\u4e00-\u9fff]", before[-1]) or before[-1] in breaks \
                or before.endswith(tuple(break_words)) or (before[-1] in "和及" and "、" in before[-16:])

        for place in [m for m in known if m.kind == "place" and not m.demonym]:
            hit = ending.match(text, place.end) or (legal_after and opens_a_name(place.start) and legal_after.match(text, place.end))
            end = hit.end() if hit else 0
            while hit and (more := ending.match(text, end)):  # "中国" + "建设" + "银行"
                end = more.end()
            if hit and not any(text.startswith(w, end) for w in not_before):
                s_, e_ = place.start, end
                taken[:] = [(a, b) for a, b in taken if not (a == place.start and b == place.end)]
                if free(s_, e_):
                    name = text[s_:e_]
                    ent = Entity(kind="org", key=slug(name), label=name, rdf_type="Firm", labels={pack.code: name})
                    out.append(Mention(s_ + sentence_start, e_ + sentence_start, name, ent, (ent,), named_as_company=True))
                    taken.append((s_, e_))
    # "Investitionsbank Sachsen-Anhalt", "Stadtsparkasse Magdeburg": where firms' words are glued into
    # compounds, a compound ending in one (`org_cues.firm_word_endings`) before a known place or a town
    # is a firm (not a kind of bank, `firm_words_generic`: "Förderbank KfW"); last, where no other
    # cue found a name ("Trianel und Stadtwerke Düren investieren" is two firms by its verb)
    compound = _compound_firm_name(pack.code)
    if compound is not None:
        generic = set((pack.get("org_cues") or {}).get("firm_words_generic") or [])
        for m in compound.finditer(text):
            s, e = m.span()
            place = m.group(2)
            # (towns GeoNames counts 15,000 people in at least: the lists this reads)
            if m.group(1) in generic or not ((m.start(2), e) in place_spans or place in town_names(15_000)) \
                    or _ACRONYM_AFTER.match(text, e):
                continue  # (with its acronym after it, the name-and-acronym rule below reads it)
            if free(s, e) or free_but_a_place_it_ends_in(s, e):
                name = m.group(0)
                ent = Entity(kind="org", key=slug(name), label=name, rdf_type="Firm")
                out.append(Mention(s + sentence_start, e + sentence_start, name, ent, (ent,)))
                taken.append((s, e))
    # "庆阳市", "西峰区", "石狩市", "千葉県": in scripts without spaces an administrative suffix
    # names a place no table knows (the pack lists the suffixes and the words they only look like)
    suffixes = pack.get("place_suffixes") or {}
    if suffixes and not pack.spaced:
        not_places = pack.get("place_suffix_words") or []
        longest = pack.get("place_name_longest") or 0
        for m in re.finditer("|".join(map(re.escape, suffixes)), text):
            i = m.start()
            s_, e_ = i - 2, m.end()  # two characters and the suffix: most city and province names
            # (where kana or the sentence's start mark a name's start, the whole run of Han characters
            # before the suffix, up to `place_name_longest`: "愛媛県と四国中央市は"; not over a known
            # place: "大阪府堺市" is the prefecture's "堺市")
            if longest:
                run = i
                while run > 0 and i - run <= longest and _HAN.match(text, run - 1):
                    run -= 1
                if 2 < i - run <= longest and (run == 0 or _KANA.match(text, run - 1)) \
                        and free(run, e_) and not on_a_place(run, e_):
                    s_ = run
            name = text[s_:e_]
            if s_ < 0 or not re.fullmatch(r"[\u4e00-\u9fff]{2,}", text[s_:i]):
                continue
            if any(text[i - k:i - k + len(w)] == w for w in not_places for k in range(len(w)) if w[k] == m.group(0)):
                continue  # "城市", "上市", "市场": a word, not a place
            if free(s_, e_) and not on_a_place(s_, e_):
                ent = Entity(kind="place", key=slug(name), label=name, rdf_type=suffixes[m.group(0)], labels={pack.code: name})
                out.append(Mention(s_ + sentence_start, e_ + sentence_start, name, ent, (ent,)))
                taken.append((s_, e_))
    return out
