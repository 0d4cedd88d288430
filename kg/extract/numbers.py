"""Amounts in text: numbers with their scale, currency or unit, bounds and hedges.

"$1.4 trillion", "50 Mrd. US-Dollar", "2.400 Bauarbeitsplätze", "7,4 Gigawatt",
"3200亿美元", "600-650亿美元", "أكثر من 50 مليار دولار", "nearly sevenfold".
A number alone is not an amount: it needs a currency, a unit, a counted noun, a percent
sign or a multiple, so years, dates and reference markers fall away by construction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from .language import LanguagePack, common, phrase_regex

MONEY, POWER, AREA, COUNT, PERCENT, RATIO, ENERGY = "money", "power", "area", "count", "percent", "ratio", "energy"
VOLUME = "volume"  # water a campus draws: "1,850 acre-feet a year", "500.000 Kubikmeter"
_UNIT_KIND = {"GW": POWER, "MW": POWER, "kW": POWER, "TWh": ENERGY, "GWh": ENERGY, "MWh": ENERGY, "kWh": ENERGY,
              "acre": AREA, "hectare": AREA, "m2": AREA, "km2": AREA, "ft2": AREA, "mu": AREA,
              "dekar": AREA, "pyeong": AREA, "tsubo": AREA,
              "percent": PERCENT, "pp": PERCENT, "wari": PERCENT,
              "acre-foot": VOLUME, "m3": VOLUME, "gallon": VOLUME, "liter": VOLUME}


_LETTERS = re.compile(r"[^\W\d_]+")
_ELIDED_OF = re.compile(r"d['’](?=[^\W\d_])")


def _a_calendar_word(text: str, start: int, end: int, pack: LanguagePack) -> bool:
    """The word at `start` goes on after `end` into a day's or a month's name (where a pack matches words
    without boundaries: "ين" inside "يناير"; not "Fr." itself, francs, though it is Friday's short name)."""
    from .entities import calendar_words

    word = _LETTERS.match(text, start)
    return word is not None and word.end() > end and word.group(0).lower() in calendar_words(pack.get("locale") or pack.code)


@dataclass(frozen=True)
class _Number:
    start: int
    end: int
    text: str
    value: float | None  # set for number words ("deux"), parsed from text for digits


@dataclass
class Amount:
    start: int  # offsets into the text the scanner was given
    end: int
    text: str
    kind: str
    unit: str  # ISO 4217 code or unit code
    value: float | None = None
    lower: float | None = None
    upper: float | None = None
    approx: bool = False
    count_metric: str | None = None
    threshold: bool = False  # "clients paying over $100,000 a year": qualifies, is not a figure
    scale: float = 1.0  # the scale word's factor, for ranges that write it once
    elided: bool = False  # "1,200 jobs during construction and 150 permanently": the noun of the count before
    currency_said_before: bool = False  # "14 milliards de FCFA ..., Camtel 17 milliards": the currency written once
    conversions: list["Amount"] = field(default_factory=list)  # "(about $3.4 billion)" beside it

    @property
    def point(self) -> float | None:
        """A representative number: the value, else the midpoint or the one bound."""
        if self.value is not None:
            return self.value
        if self.lower is not None and self.upper is not None:
            return (self.lower + self.upper) / 2
        return self.lower if self.lower is not None else self.upper


@cache
def _digit_table() -> dict[int, str]:
    table = {}
    for src, dst in common()["digits"].items():
        table.update(str.maketrans(src, dst))
    for src, dst in common()["separators"].items():
        table[ord(src)] = dst
    return table


_FULL_WIDTH_GROUP = re.compile(r"(?<=\d)，(?=\d{3}(?!\d))")


def normalise_digits(text: str) -> str:
    """Same length as the input: Arabic-Indic and full-width digits become ASCII. A full-width
    comma is a thousands sign only between digits ("1，200"); elsewhere it is punctuation
    ("500亿元，1.2万亿元" holds two amounts)."""
    return _FULL_WIDTH_GROUP.sub(",", text).translate(_digit_table())


def parse_number(token: str, decimal: str, three_digit_groups: bool = False) -> float:
    """Parse "2.400" (de), "1,200" (en), "7,4" (de), "1.4" (any) by the language's decimal sign.

    `three_digit_groups`: one separator followed by exactly three digits is always grouping, for
    languages written with either convention (Spanish: "1.300 millones" in Spain, "1,300
    millones" in Mexico; a decimal with three digits is rare in news)."""
    token = token.replace("\u00a0", " ").replace("\u202f", " ").replace("'", "").replace("\u2019", "")
    seps = [c for c in token if c in ".,  "]
    if not seps:
        return float(token)
    last = max(token.rfind("."), token.rfind(","))
    tail = token[last + 1:]
    sep = token[last]
    kinds = set(c for c in token if c in ".,")
    if len(kinds) == 2:  # both present: the last one is the decimal sign
        return float(re.sub(r"[^\d]", "", token[:last]) + "." + tail)
    if token.count(sep) > 1 or " " in token:  # repeated separator: grouping
        if sep in ".," and len(tail) != 3:
            return float(re.sub(r"[^\d]", "", token[:last]) + "." + tail)
        return float(re.sub(r"[^\d]", "", token))
    if len(tail) != 3:  # "7,4", "1.4": only a decimal sign reads like that
        return float(token[:last].replace(" ", "") + "." + tail)
    # one separator and three digits after: the language decides
    if sep == decimal and not three_digit_groups:
        return float(token[:last] + "." + tail)
    return float(token[:last] + tail)


# demonstratives of the scripts without spaces: "该项目", "此项目", "这个" (not 本 or 同, which also end
# words: "日本企業")
_DEMONSTRATIVES = frozenset("该該此这這")


def _qualifies(head: str, nouns: re.Pattern, spaced: bool = True) -> bool:
    """ "customers with more than", "projets de plus de", "kunder med behov for mer enn": the bound
    follows a noun naming a class of things, with at most a preposition and the hedge between
    (in a script without spaces a few characters: "客户超过", not "公司拟募集资金总额不超过")."""
    hits = list(nouns.finditer(head))
    if not hits:
        return False
    if not spaced and head[hits[-1].start() - 1:hits[-1].start()] in _DEMONSTRATIVES:
        return False  # "该项目不低于100兆瓦": this one project, no class of them
    tail = head[hits[-1].end():]
    short = len(tail.split()) <= 4 if spaced else len(tail) <= 4
    return short and not re.search(r"[,;:.，；：。、]", tail)


def _key(words: str) -> str:
    """How a matched word is looked up in a pack's table: no vowel marks, one space, lower case."""
    return re.sub(r"[\u064b-\u0652\u0640]", "", re.sub(r"\s+", " ", words)).lower()


_YEAR = re.compile(r"(?:19|20)\d\d")


def _one_marks_us_dollars(first: str, second: str) -> bool:
    """ "$330 million (US$215 million)": a bare "$" beside an explicit US one is another dollar
    (kg/extract/dollars.py decides which), so the second amount is the first's conversion."""
    from .dollars import marks_us_dollars

    first, second = first or "", second or ""
    # ("1,6 G$ (environ 1,15 milliard de dollars américains)": the US one may be in words)
    return (marks_us_dollars(first) != marks_us_dollars(second) and "$" in first
            and ("$" in second or marks_us_dollars(second)))


class AmountScanner:
    """Finds amounts in one sentence for one language pack."""

    def __init__(self, pack: LanguagePack):
        self.pack = pack
        c = common()
        group_space = pack.group.strip() == "" or pack.group in ("\u00a0", "\u202f")
        # (the Swiss group with an apostrophe, straight or typographic: "86'000", "1’250’000")
        grp = r"[,.'\u2019\u00a0\u202f ]" if group_space else r"[,.'\u2019]"
        # "2 400" is one number where the locale groups with spaces; elsewhere "400" after "2 " is no number
        after_digit = "" if group_space else r"(?<!\d[ \u00a0\u202f])"
        # a pack may read a shared sign its own way: "¥" is CNY in Chinese, JPY elsewhere
        self.currency_symbols = {**c["currency_symbols"], **(pack.get("currency_symbols") or {})}
        symbols = sorted(self.currency_symbols, key=len, reverse=True)
        # a number starts no word ("H200", "B300"), unless a currency written in letters touches
        # it: "RM1.2bil", "Dh2.6 billion", "SAR9 billion"
        lettered = sorted({s for s in symbols if s[-1:].isalpha()} | set(c["currency_codes"]), key=len, reverse=True)
        glued = "".join(rf"|(?<=(?<![A-Za-z]){re.escape(s)})" for s in lettered)
        # ((?=\d) first: the lookbehinds are tried only where a digit stands, 8x faster)
        self.num = re.compile(rf"(?=\d)(?:(?<![A-Za-z0-9.,_]){glued}){after_digit}(\d{{1,3}}(?:{grp}\d{{3}})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)(?![0-9])")
        self.range_sep = re.compile(r"\s?[-–~〜～至到]\s?")
        self.prefix_currency = re.compile(
            "(?:" + "|".join(re.escape(s) for s in symbols) + "|" + "|".join(c["currency_codes"]) + r")\s?$"
        )
        self.suffix_symbol = re.compile(r"\s?(?:" + "|".join(re.escape(s) for s in symbols) + ")")
        self.suffix_code = re.compile(r"[\s-]?(?:" + "|".join(c["currency_codes"]) + r")(?![A-Za-z])")
        unit_syms = sorted(c["unit_symbols"], key=len, reverse=True)
        self.unit_symbol = re.compile(r"[\s-]?(?:" + "|".join(re.escape(s) for s in unit_syms) + r")(?![A-Za-z])")
        self.unit_symbols = c["unit_symbols"]
        self.code_alias = c.get("currency_code_aliases") or {}
        letter = pack.get("letter_scales") or {}
        # a letter scale ends its word, or runs into a sign written in letters ("450 MDH")
        glued_signs = sorted((s for s in self.currency_symbols if s[:1].isalpha()), key=len, reverse=True)
        glued_after = "|(?=(?:" + "|".join(map(re.escape, glued_signs)) + r")(?![A-Za-z]))" if glued_signs else ""
        self.letter_scale = re.compile(
            "(?:" + "|".join(re.escape(k) for k in sorted(letter, key=len, reverse=True)) + rf")(?:(?![A-Za-z]){glued_after})"
        ) if letter else None
        self.letter_scales = letter
        self.scales = {k.lower(): float(v) for k, v in (pack.get("scales") or {}).items()}
        self.currency_words = {k.lower(): v for k, v in (pack.get("currency_words") or {}).items()}
        # one-letter signs that are a currency only before a scale: "R9.4bn" (rand), not "DeepSeek-R1"
        self.signs_needing_a_scale = set(pack.get("signs_needing_a_scale") or ())
        # scale words that name their currency too: Mexican "1,100 mdd" (millones de dólares)
        self.scale_currencies = {k.lower(): v for k, v in (pack.get("scale_currencies") or {}).items()}
        self.unit_words = {k.lower(): v for k, v in (pack.get("units") or {}).items()}
        counters = pack.get("counters") or []
        self.counter = re.compile("|".join(re.escape(c) for c in counters)) if counters else None
        # how many describing letters may stand between a counter and its noun (`counter_gap_chars`, scripts
        # without spaces); no punctuation, none of `counter_gap_breaks` ("30个数据中心的GPU" counts centres)
        gap_chars = int(pack.get("counter_gap_chars") or 0)
        breaks = "".join(re.escape(b) for b in pack.get("counter_gap_breaks") or [])
        self.counter_gap = re.compile(rf"[^\s\d\W{breaks}]{{0,{gap_chars}}}") if gap_chars and self.counter else None
        # (a noun the gap reached counts unless a break follows it: "2000台配备英伟达GPU的服务器" counts servers)
        self.counter_gap_end = re.compile(rf"(?![{breaks}])") if breaks else re.compile("")
        self.nouns_before = {
            metric: phrase_regex(nouns, latin_boundaries=False)
            for metric, nouns in (pack.get("nouns_before_counters") or {}).items() if nouns
        }
        self.number_words = {k.lower(): v for k, v in pack.number_words.items()}
        scale_words = sorted(pack.get("scales") or {}, key=len, reverse=True)
        self.word_number = re.compile(
            r"(?<![^\W\d_])(?:" + "|".join(re.escape(w) for w in sorted(self.number_words, key=len, reverse=True)) + r")"
            r"(?=\s+(?:" + "|".join(re.escape(w) for w in scale_words) + r"))",
            re.IGNORECASE,
        ) if self.number_words and scale_words and pack.spaced else None
        numerals = pack.get("numerals") or {}
        self.numeral_digits = {k: int(v) for k, v in (numerals.get("digits") or {}).items()}
        self.numeral_units = {k: int(v) for k, v in (numerals.get("units") or {}).items()}
        self.numeral = re.compile("[" + "".join(map(re.escape, [*self.numeral_digits, *self.numeral_units])) + "]+") \
            if self.numeral_digits else None
        self.multiple_words = {k.lower(): float(v) for k, v in ((pack.get("multiples") or {}).get("words") or {}).items()}
        # shares written as words: "七成" (seven tenths), "三分之一", "3分の1" (pack key `share_words`)
        self.share_words = {k.lower(): float(v) for k, v in (pack.get("share_words") or {}).items()}
        self.share_word_rx = phrase_regex(self.share_words, latin_boundaries=pack.spaced) if self.share_words else None
        # a data centre's power usage effectiveness ("PUE of 1.2", "PUE不高于1.20"): common.yaml
        # `efficiency_ratio_words` as a word of its own, then within a few words a decimal between 1 and 3
        words = c.get("efficiency_ratio_words") or []
        self.efficiency_rx = re.compile(
            rf"(?<![A-Za-z])(?:{'|'.join(map(re.escape, sorted(words, key=len, reverse=True)))})(?![a-z])"
            rf"[^\d.。;；]{{0,30}}?(?<![\d.,])([1-2][.,]\d{{1,2}})(?![\d%])"
        ) if words else None
        gap = int(pack.get("count_gap_words") or 0)
        self.count_gap = re.compile(r"(?:[^\W\d_][\w-]*\s+){0,%d}" % gap) if gap else None
        self.sep = re.compile(r"[\s\u00a0-]{0,2}")
        self.hyphen_space = re.compile(r"[\s\u00a0-]?")

    # -- helpers -------------------------------------------------------------------------
    def _match_at(self, rx, text, pos):
        if rx is None:
            return None
        m = rx.match(text, pos)
        return m

    def _ends_with(self, rx, text: str, pos: int, window: int = 40):
        """A match of rx that ends right before pos (only spaces between)."""
        if rx is None:
            return None
        lo = max(0, pos - window)
        best = None
        for m in rx.finditer(text, lo, pos):
            if text[m.end():pos].strip() == "":
                best = m
        return best

    # -- the scan --------------------------------------------------------------------------
    def scan(self, text: str, currency: str | None = None) -> list[Amount]:
        norm = normalise_digits(text)
        found: list[Amount] = []
        pos = 0
        tokens = self._numbers(norm)
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            if tok.start < pos:
                i += 1
                continue
            amount = self._amount_at(norm, text, tok)
            if amount is None:
                amount = self._shared_scale_range(norm, text, tok, tokens[i + 1:])
            if amount is None and (currency or any(f.kind == MONEY for f in found)):
                # "a valuation of about 1,200 million": the currency said once for the sentence
                # (or in the sentence before)
                said = next((f.unit for f in reversed(found) if f.kind == MONEY), currency)
                amount = self._implied_money(norm, text, tok, said)
            if amount is None and found and found[-1].kind == COUNT and found[-1].count_metric:
                amount = self._implied_count(norm, text, tok, found[-1])
            if amount:
                found.append(amount)
                pos = amount.end
            i += 1
        found.extend(self._multiples(norm, text, found))
        found.extend(self._shares_in_words(norm, text, found))
        found.extend(self._efficiency_ratios(norm, text, found))
        found.sort(key=lambda a: a.start)
        for a in found:
            _tidy(a)
        return self._attach_conversions(norm, self._drop_rate_notes(norm, self._merge_between(norm, found)))

    def _numbers(self, norm: str) -> list[_Number]:
        """Digit groups, and number words that stand before a scale ("deux milliards", "mil millones")."""
        out = [_Number(m.start(), m.end(), m.group(1), None) for m in self.num.finditer(norm)]

        def free(m: re.Match) -> bool:
            return not any(t.start < m.end() and m.start() < t.end for t in out)

        if self.word_number:
            for m in self.word_number.finditer(norm):
                if free(m):
                    out.append(_Number(m.start(), m.end(), m.group(0), float(self.number_words[_key(m.group(0))])))
        if self.numeral:
            for m in self.numeral.finditer(norm):
                value = self._numeral_value(m.group(0))
                if value and self._scale_at(norm, m.end()) and free(m):
                    out.append(_Number(m.start(), m.end(), m.group(0), float(value)))
        return sorted(out, key=lambda t: t.start)

    def _numeral_value(self, numeral: str) -> int | None:
        """A number written in characters ("二百九十" = 290, "十五" = 15, "一百零五" = 105), before a
        scale word only ("三百亿元"); a bare unit ("千亿级", "百万") is a vague size, not a number."""
        if not any(ch in self.numeral_digits for ch in numeral) and numeral not in ("十",):
            return None
        total, digit = 0, None
        for ch in numeral:
            if ch in self.numeral_digits:
                if digit is not None and digit != 0:
                    return None  # "二三": two digits in a row are no number
                digit = self.numeral_digits[ch]
            else:
                total += (1 if digit is None else digit) * self.numeral_units[ch]
                digit = None
        return total + (digit or 0)

    def _value(self, tok: _Number) -> float | None:
        if tok.value is not None:
            return tok.value
        try:
            return parse_number(tok.text, self.pack.decimal, bool(self.pack.get("three_digit_groups")))
        except ValueError:
            return None

    def _scale_at(self, norm: str, pos: int) -> re.Match | None:
        """A scale word at pos, unless it is really the start of a unit ("兆瓦" is MW, not 兆)."""
        p = self.pack
        cand = self._match_at(p.regex.get("scale"), norm, pos)
        if not cand:
            return None
        unit = self._match_at(p.regex.get("unit_word"), norm, pos)
        if unit and unit.end() > cand.end():
            return None
        nxt = norm[cand.end():cand.end() + 1] or " "
        if not p.spaced or not p.get("word_boundaries", True) or cand.group(0).endswith(".") or not re.match(r"[^\W\d_]", nxt):
            return cand
        return None

    def _large_unit_inside(self, word: str) -> float | None:
        """The large unit a compound scale word ends in ("억" of "백억"), or None for a scale word of its own."""
        key = _key(word)
        return next((v for k, v in self.scales.items() if k != key and key.endswith(k) and v >= 1e4), None)

    def _scaled(self, norm: str, tok: _Number) -> tuple[float, int, float] | None:
        """A number with its scale, summing compound numerals ("1兆5000億", "3천400억", "3만6000").

        Myriad scripts group digits by 10^4: units below 万/만 (千, 천) build a group that the next
        large unit (万, 億, 兆; 만, 억, 조) multiplies, so "7조8천500억" is 7×10^12 + 8500×10^8.
        """
        value = self._value(tok)
        if value is None:
            return None
        end = tok.end
        sm = self._scale_at(norm, self.sep.match(norm, end).end())
        if not sm:
            return value, end, 1.0
        first_scale = self.scales[_key(sm.group(0))]
        total, group, n, scale = 0.0, 0.0, value, first_scale
        while True:
            if scale < 1e4 and self.pack.get("myriad_numerals"):
                group += n * scale
            elif self.pack.get("myriad_numerals") and (large := self._large_unit_inside(sm.group(0))):
                # a scale word that holds a small unit and a large one ("백억" = 백 × 억): the small one joins
                # the group the large one multiplies ("8천5백억" = 8500 × 10^8)
                total += (group + n * scale / large) * large
                group = 0.0
            else:
                total += (group + n) * scale
                group = 0.0
            end = sm.end()
            nm = self.num.match(norm, end)  # a smaller group glued to the last one
            spaced_group = bool(self.pack.get("spaced_groups")) and scale < 1e4  # "9 mil 200 millones"
            myriad_after_space = False  # "1조 2천억": a smaller myriad group after a space, with its own unit
            if not nm and (spaced_group or self.pack.get("myriad_numerals")):
                nm = self.num.match(norm, self.sep.match(norm, end).end())
                myriad_after_space = nm is not None and not spaced_group
            if not nm:
                break
            n2 = self._value(_Number(nm.start(), nm.end(), nm.group(1), None))
            sm2 = self._scale_at(norm, nm.end())
            if sm2 is None and self.pack.get("spaced_groups"):
                sm2 = self._scale_at(norm, self.sep.match(norm, nm.end()).end())
            if myriad_after_space and sm2 is None:
                break  # "1조 2025년": a space and a bare number end the compound
            s2 = self.scales[_key(sm2.group(0))] if sm2 else 1.0
            if n2 is None or (s2 >= scale and not (self.pack.get("myriad_numerals") and scale < 1e4 and s2 >= 1e4)):
                break
            if sm2 is None:
                if n2 >= scale:
                    break
                total += group + n2
                group = 0.0
                end = nm.end()
                break
            n, scale, sm = n2, s2, sm2
        return total + group, end, first_scale

    def _amount_at(self, norm: str, text: str, tok: _Number) -> Amount | None:
        p = self.pack
        start = tok.start
        if norm[tok.end:tok.end + 1] == "@" or "@" in norm[max(0, start - 1):start]:
            return None  # e-mail addresses
        scaled = self._scaled(norm, tok)
        if scaled is None:
            return None
        first, end, scale = scaled
        second = None
        r = self.range_sep.match(norm, end)
        if r:
            m2 = self.num.match(norm, r.end())
            if m2:
                scaled2 = self._scaled(norm, _Number(m2.start(), m2.end(), m2.group(1), None))
                if scaled2:
                    second, end, scale2 = scaled2
                    if scale == 1.0 and scale2 != 1.0:  # "600-650亿": the scale is written once
                        first *= scale2
                    scale = scale2
        glued_hedge = False
        if not p.spaced:  # "800多个岗位": the bound sits between the number and its noun
            bound = self._match_at(p.regex.get("lower_after"), norm, end)
            if bound:
                end = bound.end()
        if p.spaced and self.counter is not None:  # "90여 명": a hedge glued to the number, before its counter
            glued = self._match_at(p.regex.get("approx_after"), norm, end)
            if glued and glued.start() == end and self.counter.match(norm, self.sep.match(norm, glued.end()).end()):
                end, glued_hedge = glued.end(), True
        letter = None
        if self.letter_scale and scale == 1.0:
            letter = self.letter_scale.match(norm, end)
            spaced_letter = self.letter_scale.match(norm, self.sep.match(norm, end).end())
            if letter is None and spaced_letter and self.suffix_symbol.match(norm, spaced_letter.end()):
                letter = spaced_letter  # "500 M€"
        # currency before
        currency = None
        pm = self.prefix_currency.search(norm[:start])
        cstart = start
        if pm:
            sym = pm.group(0).strip()
            if sym in self.signs_needing_a_scale and scale == 1.0 and not (letter and letter.start() == end):
                return None
            currency = self.currency_symbols.get(sym) or self.code_alias.get(sym, sym)
            cstart = pm.start()
        if letter and scale == 1.0:
            # "$320B", and "500 M€" where the sign follows the letter
            after_letter = self.suffix_symbol.match(norm, letter.end()) or self.suffix_code.match(norm, letter.end())
            if currency or after_letter:
                factor = float(self.letter_scales[letter.group(0)])
                first, second = first * factor, (second * factor if second is not None else None)
                scale = factor
                end = letter.end()
        unit = None
        kind = None
        count_metric = None
        after2 = self.sep.match(norm, end).end()
        if currency is None:
            for rx, resolve in (
                (p.regex.get("currency_word"), lambda g: self.currency_words[_key(g)]),
                (self.suffix_code, lambda g: self.code_alias.get(g.strip(" -"), g.strip(" -"))),
                (self.suffix_symbol, lambda g: self.currency_symbols[g.strip()]),
            ):
                cm = self._match_at(rx, norm, after2 if rx is p.regex.get("currency_word") else end)
                if cm and rx is self.suffix_symbol and cm.group(0).strip() in self.signs_needing_a_scale:
                    cm = None  # "23,000 Nvidia GPUs": those signs stand before the number only
                if cm and rx is p.regex.get("currency_word") and _a_calendar_word(norm, cm.start(), cm.end(), p):
                    cm = None  # "27 يناير": a month whose name opens with a currency's word ("ين", yen)
                if cm:
                    currency = resolve(cm.group(0))
                    end = cm.end()
                    break
        if currency is None and self.scale_currencies and scale != 1.0:
            sm = self._scale_at(norm, self.sep.match(norm, tok.end).end())
            currency = self.scale_currencies.get(_key(sm.group(0))) if sm else None
        if currency:
            kind, unit = MONEY, currency
        else:
            um = self._match_at(p.regex.get("unit_word"), norm, after2) or self._match_at(self.unit_symbol, norm, end)
            if um and _YEAR.fullmatch(tok.text) and scale == 1.0 and um.group(0).strip() == "ha":
                um = None  # "nel 2024 ha superato", "en 2025 ha invertido": a year and the verb "has"
            if um:
                g = um.group(0).strip(" -\u00a0")
                unit = self.unit_words.get(_key(g)) or self.unit_symbols.get(g)
                if unit:
                    kind = _UNIT_KIND.get(unit)
                    end = um.end()
            if not kind and not (scale == 1.0 and _YEAR.fullmatch(tok.text) and self._after_a_year_word(norm, tok.start, tok.end)):
                count_metric, cend = self._count_noun(norm, end)
                if count_metric:
                    kind, unit, end = COUNT, "count", cend
            if not kind and self.counter:
                # "GPUを約1万枚", "AI加速卡近2万张", "GPU 6만 장": noun first, counter after the number
                cm = self.counter.match(norm, self.sep.match(norm, end).end())
                if cm:
                    head = norm[max(0, start - 14):start]
                    for metric, rx in self.nouns_before.items():
                        # the noun, its particle and a hedge may stand between: "칩을 최대 1만 개"
                        hit = [h for h in rx.finditer(head) if len(head) - h.end() <= 7]
                        if hit:
                            kind, unit, count_metric, end = COUNT, "count", metric, cm.end()
                            break
        if not kind:
            return None
        if tok.value is not None and kind != MONEY and scale == 1.0:
            return None  # "two jobs" in words is not a figure the scanner trusts
        amount = Amount(start=cstart, end=end, text=text[cstart:end], kind=kind, unit=unit, count_metric=count_metric, scale=scale)
        if second is not None:
            if second < first:  # "60-5" is not a range
                return None
            amount.lower, amount.upper = first, second
        else:
            amount.value = first
        self._apply_hedges(norm, amount)
        amount.approx = amount.approx or glued_hedge
        _in_reported_unit(amount)
        return amount

    def _implied_money(self, norm: str, text: str, tok: _Number, currency: str) -> Amount | None:
        scaled = self._scaled(norm, tok)
        if scaled is None or scaled[2] < 1e6 or tok.value is not None:
            return None
        value, end, scale = scaled
        amount = Amount(start=tok.start, end=end, text=text[tok.start:end], kind=MONEY, unit=currency, value=value, scale=scale,
                        currency_said_before=True)
        self._apply_hedges(norm, amount)
        return amount

    def _implied_count(self, norm: str, text: str, tok: _Number, counted: Amount) -> Amount | None:
        """ "1,200 people during construction and 150 permanently", "1.800 empleos, y 210 directos": a
        bare number joined by a conjunction to a count of jobs before it counts the same noun, written once.
        Only a plain number in digits, no year, with no other figure, clause break or number between, and a
        phase of work (`job_phases`) or the clause's end right after it ("300 people and 20 diesel
        generators" counts generators)."""
        p = self.pack
        if not p.spaced or tok.value is not None or _YEAR.fullmatch(tok.text) or not counted.count_metric.startswith("jobs"):
            return None
        after = self.sep.match(norm, tok.end).end()
        phased = any(not re.search(r"[,;.]", norm[tok.end:m.start()])
                     for key in ("job_phase_construction", "job_phase_operation", "job_phase_total")
                     if (rx := p.regex.get(key)) is not None for m in rx.finditer(norm, after, after + 24))
        if not (phased or re.match(r"\s*(?:[,.;)]|$)", norm[tok.end:])):
            return None
        scaled = self._scaled(norm, tok)
        if scaled is None or scaled[2] != 1.0 or re.match(r"\s*[\d%.,]", norm[scaled[1]:scaled[1] + 2]):
            return None
        hedge = next((h for h in (self._ends_with(p.regex.get(k), norm, tok.start)
                                  for k in ("approx_before", "lower_before", "upper_before")) if h), None)
        cut = hedge.start() if hedge else tok.start
        gap = norm[counted.end:cut]
        joined = self._ends_with(p.regex.get("conjunctions"), norm, cut)
        if (joined is None or len(gap) > 50 or re.search(r"[\d;:!?()]|\.\s", gap)
                or not re.match(r"[\s,]", norm[joined.start() - 1:joined.start()])):
            return None
        value, end, _ = scaled
        amount = Amount(start=tok.start, end=end, text=text[tok.start:end], kind=COUNT, unit="count",
                        count_metric="jobs_total", value=value, elided=True)
        self._apply_hedges(norm, amount)
        return amount

    def _shared_scale_range(self, norm: str, text: str, tok: _Number, rest: list[_Number]) -> Amount | None:
        """ "zwischen 10 und 12 Milliarden Euro", "$68 billion to $71 billion" written as "68 to 71 billion"."""
        p = self.pack
        value = self._value(tok)
        if value is None or not rest:
            return None
        if _YEAR.fullmatch(tok.text):
            return None  # "raised in 2024 to 15,700 million": a year, not the low end of a range
        gap = norm[tok.end:rest[0].start]
        prefix_currency = self.prefix_currency.search(norm[:rest[0].start][-4:] if rest[0].start else "")
        gap_wo_currency = gap[: len(gap) - len(prefix_currency.group(0))] if prefix_currency else gap
        join = p.regex.get("range_join")
        if not join or not join.fullmatch(gap_wo_currency.strip()):
            return None
        conj = p.regex.get("conjunctions")
        opened = self._ends_with(p.regex.get("range_open"), norm, tok.start)
        if conj and conj.fullmatch(gap_wo_currency.strip()) and not opened:
            return None  # "5% and 8%" are two figures
        if self._ends_with(p.regex.get("range_from"), norm, tok.start):
            return None  # "from 60 to 160 megawatts": a change, two figures
        second = self._amount_at(norm, text, rest[0])
        if second is not None and self._a_change_to(norm, gap_wo_currency, second.end):
            return None
        if second is None or second.value is None or second.kind == COUNT and second.scale == 1.0 and not opened:
            return None
        lower = value * second.scale
        if lower > second.value:
            return None
        start = tok.start
        pm = self.prefix_currency.search(norm[:start])
        if pm:
            start = pm.start()
        amount = Amount(start=start, end=second.end, text=text[start:second.end], kind=second.kind, unit=second.unit,
                        lower=lower, upper=second.value, approx=second.approx, count_metric=second.count_metric, scale=second.scale)
        self._apply_hedges(norm, amount)
        return amount

    def _drop_rate_notes(self, norm: str, amounts: list[Amount]) -> list[Amount]:
        """ "($1 = 1.5094 Australian dollars)": an exchange rate, not two figures."""
        return [a for a in amounts if not (re.match(r"\s*=", norm[a.end:]) or re.search(r"=\s*$", norm[:a.start]))]

    def _attach_conversions(self, norm: str, amounts: list[Amount]) -> list[Amount]:
        """ "£2.5 billion ($3.4 billion)", "1 GW (1 000 MW)", "5만㎡(약 1만5천평)": one figure, its
        conversion kept beside it."""
        out: list[Amount] = []
        for a in amounts:
            if out and a.kind == out[-1].kind and a.kind in (MONEY, POWER, AREA, ENERGY, VOLUME) and (
                    a.kind != MONEY or a.unit != out[-1].unit or _one_marks_us_dollars(out[-1].text, a.text)):
                gap = norm[out[-1].end:a.start]
                # "(about $3.4 billion)", "（约530亿美元）", "(soit environ 11 milliards de dollars)"
                if re.fullmatch(r"\s*[(（]\s*[^\d()（）]{0,25}", gap) and re.match(r"\s*[)）]", norm[a.end:]):
                    out[-1].conversions.append(a)
                    continue
            out.append(a)
        return out

    def _after_a_year_word(self, norm: str, start: int, end: int) -> bool:
        """ "ab 2029 Grafikprozessoren", "from 2027 GPUs will": a year the language's period patterns
        introduce ("ab {year}", "from {year}") is no count of the noun after it."""
        lo = max(0, start - 40)
        return any(m.end() == end for kind in ("in_year", "by_year") for rx in self.pack.period_regex.get(kind, ())
                   for m in rx.finditer(norm, lo, end))

    def _count_noun(self, norm: str, pos: int):
        p = self.pack
        duration = p.regex.get("time_suffix")
        if duration is not None and duration.match(norm, pos):
            return None, pos  # "2028년까지 GPU 1만5000장": a year or a duration is never the count
        starts = [self.sep.match(norm, pos).end()]
        if self.count_gap:
            g = self.count_gap.match(norm, starts[0])
            if g and g.end() > starts[0]:
                # try every gap length up to the allowed number of words
                words = list(re.finditer(r"[^\W\d_][\w-]*\s+", norm[starts[0]:g.end()]))
                starts += [starts[0] + w.end() for w in words]
        hyphen = re.match(r"[^\W\d_][\w]*-", norm[starts[0]:])
        if hyphen:  # "10.000 Nvidia-Chips", "3.000 KI-Beschleuniger"
            starts.append(starts[0] + hyphen.end())
        elided = _ELIDED_OF.match(norm, starts[0])
        if elided:  # "4,5 millions d'utilisateurs"
            starts.append(elided.end())
        described = range(0)
        if self.counter_gap is not None:
            # "1.5万张国产AI加速卡", "8000片思元系列加速卡": in a script without spaces a counter, then a few
            # letters that describe the noun (its make, its origin), then the noun
            counted = self.counter.match(norm, starts[0])
            gap = self.counter_gap.match(norm, counted.end()) if counted else None
            if gap is not None:
                described = range(counted.end() + 1, gap.end() + 1)
                starts += [counted.end(), *described]
        best = None
        for metric, rx in p.count_regex.items():
            for s in starts:
                cm = rx.match(norm, s)
                if cm and s in described and (len(cm.group(0)) < 2 or not self.counter_gap_end.match(norm, cm.end())):
                    # after describing letters only a noun of two letters or more, and no break after it: not
                    # "20个交易日公司股", nor "配备英伟达GPU的服务器"
                    continue
                if cm and not re.match(r"[^\W\d_]", norm[cm.end():cm.end() + 1] or " ") or (cm and not p.spaced):
                    # prefer the longest, most specific phrase at the nearest start
                    key = (s, -len(cm.group(0)))
                    if best is None or key < best[0]:
                        best = (key, metric, cm.end())
                    break
        if best:
            return best[1], best[2]
        return None, pos

    def _bound_after(self, key: str, norm: str, a: Amount) -> re.Match | None:
        """A bound written after the amount ("150 o più"), unless a number follows it: in "150 posti e
        oltre 400 nell'indotto", "e oltre" is the hedge of 400."""
        m = self._match_at(self.pack.regex.get(key), norm, self.sep.match(norm, a.end).end())
        return None if m is None or re.match(r"\s*[^\w\s]{0,3}\s*\d", norm[m.end():m.end() + 8]) else m

    def _apply_hedges(self, norm: str, a: Amount) -> None:
        p = self.pack
        lower_before = self._ends_with(p.regex.get("lower_before"), norm, a.start)
        if lower_before and self._ends_with(p.regex.get("sum_nouns"), norm, lower_before.start()):
            lower_before = None  # "ein Kredit über 650 Mio. Euro" is a loan of 650 million
        upper_before = self._ends_with(p.regex.get("upper_before"), norm, a.start)
        if lower_before and upper_before:  # "不超过" (not more than) holds "超过" (more than): the longer one
            lower_before, upper_before = (None, upper_before) if upper_before.start() < lower_before.start() else (lower_before, None)
        if lower_before or self._bound_after("lower_after", norm, a):
            if a.value is not None:
                a.lower, a.value = a.value, None
        elif upper_before or self._bound_after("upper_after", norm, a):
            if a.value is not None:
                a.upper, a.value = a.value, None
        if self._ends_with(p.regex.get("approx_before"), norm, a.start) or self._match_at(p.regex.get("approx_after"), norm, self.sep.match(norm, a.end).end()):
            a.approx = True
        # a threshold that qualifies a class of things: "clients paying over $100,000 a year"
        if a.lower is not None or a.upper is not None:
            after, before = p.regex.get("threshold_after"), p.regex.get("threshold_before")
            nouns = p.regex.get("threshold_nouns")
            near_before = norm[max(0, a.start - 32):a.start]
            near_after = norm[a.end:a.end + (24 if p.spaced else 10)]
            if (after and after.match(norm, self.sep.match(norm, a.end).end())) or (
                before and before.search(norm, max(0, a.start - 40), a.start)
            ) or (nouns and (_qualifies(near_before, nouns, p.spaced) or (not p.spaced and nouns.search(near_after)))):
                a.threshold = True
            # ... or a condition: "a data center qualifies if it invests at least $750 million" (the
            # pack's condition_words in the amount's clause, a few words before it)
            condition = p.regex.get("condition_words")
            if p.spaced and condition is not None:
                window = max(0, a.start - 48)
                opening = window + max((m.end() for m in re.finditer(r"[,;:()]", norm[window:a.start])), default=0)
                if any(not norm[m.start() - 1:m.start()].isalpha() and not norm[m.end():m.end() + 1].isalpha()
                       for m in condition.finditer(norm, opening, a.start)):  # (a whole word: no "لو" of "المعلومات")
                    a.threshold = True

    def _multiples(self, norm: str, text: str, taken: list[Amount]) -> list[Amount]:
        p = self.pack
        out = []
        spans = [(a.start, a.end) for a in taken]
        rx = p.regex.get("multiple")
        hits = []
        if rx:
            for m in rx.finditer(norm):
                if p.spaced and (re.match(r"\w", norm[m.end():m.end() + 1] or " ") or re.match(r"\w", norm[m.start() - 1:m.start()] or " ")):
                    continue
                n = next(v for k, v in m.groupdict().items() if v)
                value = (float(n.replace(",", ".")) if re.fullmatch(r"\d+(?:[.,]\d+)?", n)
                         else p.number_words.get(n.lower()) or p.number_words.get(n))
                if value and value != 1:  # "une fois", "one time": once is not a multiple of anything
                    hits.append((m.start(), m.end(), float(value)))
        wrx, not_before = p.regex.get("multiple_word"), p.regex.get("multiple_not_before")
        if wrx:
            for m in wrx.finditer(norm):
                if not_before is not None and not_before.match(norm, m.end() + (norm[m.end():m.end() + 1] in "- ")):
                    continue  # "a triple-net lease"
                hits.append((m.start(), m.end(), self.multiple_words[_key(m.group(0))]))
        for s, e, v in hits:
            if any(s < te and ts < e for ts, te in spans):
                continue
            a = Amount(start=s, end=e, text=text[s:e], kind=RATIO, unit="ratio", value=v)
            self._apply_hedges(norm, a)
            if a.lower is not None or a.upper is not None:  # "more than doubled": keep the value, it is a multiple
                a.value, a.lower, a.upper = v, None, None
            out.append(a)
            spans.append((s, e))
        return out

    def _efficiency_ratios(self, norm: str, text: str, taken: list[Amount]) -> list[Amount]:
        """ "a design PUE of 1.25", "PUE（电能利用效率）不高于1.2": a power usage effectiveness is a
        ratio of its own (metric `other`), with its bound read like any amount's."""
        if self.efficiency_rx is None:
            return []
        out = []
        for m in self.efficiency_rx.finditer(norm):
            s, e = m.span(1)
            if any(s < a.end and a.start < e for a in taken):
                continue
            a = Amount(start=s, end=e, text=text[s:e], kind=RATIO, unit="ratio", value=float(m.group(1).replace(",", ".")),
                       count_metric="other")
            self._apply_hedges(norm, a)
            out.append(a)
        return out

    def _shares_in_words(self, norm: str, text: str, taken: list[Amount]) -> list[Amount]:
        """ "恒基佔七成，港燈佔三成", "約三分之一來自": a share written as a word is a percentage."""
        if self.share_word_rx is None:
            return []
        out = []
        for m in self.share_word_rx.finditer(norm):
            s, e = m.start(), m.end()
            if any(s < a.end and a.start < e for a in taken):
                continue
            a = Amount(start=s, end=e, text=text[s:e], kind=PERCENT, unit="percent", value=self.share_words[_key(m.group(0))])
            self._apply_hedges(norm, a)
            out.append(a)
        return out

    def _a_change_to(self, norm: str, gap: str, end: int) -> bool:
        """ "7000億円から1兆2000億円に", "7천억 원에서 1조 원으로": a join written as a word, with
        the pack's change particle after the second amount, is a change between two figures."""
        after = self.pack.regex.get("range_change_after")
        return bool(after is not None and re.search(r"[^\W\d_]", gap) and after.match(norm, end))

    def _merge_between(self, norm: str, amounts: list[Amount]) -> list[Amount]:
        """"between $91 billion and $93 billion" -> one amount with bounds."""
        p = self.pack
        out: list[Amount] = []
        i = 0
        while i < len(amounts):
            a = amounts[i]
            if i + 1 < len(amounts):
                b = amounts[i + 1]
                gap = norm[a.end:b.start]
                opened = self._ends_with(p.regex.get("range_open"), norm, a.start)
                joined = p.regex.get("range_join") and p.regex["range_join"].fullmatch(gap.strip())
                conj = p.regex.get("conjunctions")
                # "between $91 billion and $93 billion"; "$68 billion to $71 billion" needs no opener,
                # but "grew from $60 billion to $65 billion" is a change: two figures
                changed = self._ends_with(p.regex.get("range_from"), norm, a.start) or self._a_change_to(norm, gap, b.end)
                if joined and not opened and not changed and not (conj and conj.fullmatch(gap.strip().lower())):
                    opened = True
                if opened and joined and a.unit == b.unit and a.value is not None and b.value is not None and a.value <= b.value:
                    merged = Amount(start=a.start, end=b.end, text=None, kind=a.kind, unit=a.unit,
                                    lower=a.value, upper=b.value, approx=a.approx or b.approx, count_metric=a.count_metric)
                    out.append(merged)
                    i += 2
                    continue
            out.append(a)
            i += 1
        return out


def relabel_local_units(amounts: list[Amount], pack: LanguagePack, country: str | None) -> None:
    """The pack's `local_units`: a unit word or currency sign that means another unit in a story
    about some countries ("٢٥ فداناً" in a story about Egypt is 25 feddans, which the pack otherwise
    reads as acres, as translated news does; "Rs" in Pakistan is the Pakistani rupee): the number
    counts the local unit, reported anew."""
    local = pack.get("local_units") or {}
    if not local or country is None:
        return
    meaning = {**(pack.get("currency_symbols") or {}), **(pack.get("units") or {})}
    for amount in amounts:
        for word, rules in local.items():
            if word not in amount.text or any(len(k) > len(word) and word in k and k in amount.text and k not in local for k in meaning):
                continue  # ("KSh" names its shilling itself, though it holds the bare "Sh")
            # (one rule, or one per meaning: "Rs" is the Pakistani rupee in Pakistan, the Mauritian one in Mauritius)
            for rule in rules if isinstance(rules, list) else [rules]:
                if country in (rule.get("countries") or ()) and amount.unit == meaning.get(word):
                    amount.unit = rule["unit"]
                    _in_reported_unit(amount)
                    break


def _tidy(amount: Amount) -> None:
    """ "10.2亿元" is 1,020,000,000, not the 1,019,999,999.9999999 that 10.2 x 10^8 makes in binary floats."""
    for attr in ("value", "lower", "upper"):
        v = getattr(amount, attr)
        if v is not None:
            setattr(amount, attr, float(f"{v:.15g}"))


def _in_reported_unit(amount: Amount) -> None:
    """Report an amount in the vocabulary's units: "600亩" in hectares, "1만5천평" in m², and
    "20万キロワット" / "400,000 kW" in MW (site power is stated in MW or GW; a rack's 130 kW stays)."""
    values = [v for v in (amount.value, amount.lower, amount.upper) if v is not None]
    target = (common().get("report_as") or {}).get(amount.unit)
    if amount.unit == "kW" and values and max(values) >= 1000:
        target = "MW"
    if amount.unit == "kWh" and values and max(values) >= 1e6:  # "30亿千瓦时" is 3 TWh
        target = "TWh" if max(values) >= 1e9 else "GWh"
    if not target:
        return
    conversions = common().get("conversions") or {}
    factor = conversions[amount.unit][1] / conversions[target][1]
    amount.unit = target
    # nine significant digits: 600 亩 is 40 hectares, not 40.000000002
    amount.value, amount.lower, amount.upper = (None if v is None else float(f"{v * factor:.9g}")
                                                for v in (amount.value, amount.lower, amount.upper))


_scanners: dict[str, AmountScanner] = {}


def scan_amounts(text: str, pack: LanguagePack, currency: str | None = None) -> list[Amount]:
    """All amounts in a sentence; offsets are relative to `text`. `currency` is the one the
    sentence before used, for amounts written with a scale word and no currency ("Abanca e
    Ibercaja aportan 200 millones cada una" after "650 millones de euros")."""
    scanner = _scanners.get(pack.code)
    if scanner is None:
        scanner = _scanners[pack.code] = AmountScanner(pack)
    amounts = scanner.scan(text, currency)
    for a in amounts:
        if a.text is None:
            a.text = text[a.start:a.end]
    return amounts


__all__ = ["Amount", "scan_amounts", "parse_number", "normalise_digits", "phrase_regex"]
