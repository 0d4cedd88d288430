"""Language packs: the YAML files in lang/ compiled into regexes, once per process.

Everything an extractor knows about a language (scale words, currencies, hedges, trigger
words, period phrases) comes from `lang/{code}.yaml`; adding a language is adding a file.
Number symbols come from Babel's CLDR data for the pack's locale.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

import yaml
from babel.numbers import get_decimal_symbol, get_group_symbol

LANG_DIR = Path(__file__).parent / "lang"

# Scripts in which words are not separated by spaces: phrases match as plain substrings.
UNSPACED = {"zh", "ja"}


class LanguageDataError(ValueError):
    """A language pack is malformed; the message names the file."""


def _phrase_list(phrases) -> list[str]:
    """Phrases longest first; YAML turns a bare `on` or `no` into a boolean, so insist on text."""
    bad = [p for p in phrases if not isinstance(p, str)]
    if bad:
        raise LanguageDataError(f"phrase lists must hold text, got {bad!r} (quote it in the YAML)")
    return sorted({p for p in phrases if p}, key=len, reverse=True)


_ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")
_HARAKAT = "[\u064b-\u0652\u0640]*"  # vowel marks and tatweel that writers may add to any letter


def _tokens(phrase: str) -> list[str]:
    """A phrase as regex tokens, one per character: spaces match any run of spaces, Arabic
    letters allow vowel marks."""
    out = []
    for ch in phrase:
        if ch == " ":
            out.append(r"\s+")
        elif _ARABIC_LETTER.match(ch):
            out.append(re.escape(ch) + _HARAKAT)
        else:
            out.append(re.escape(ch))
    return out


def trie_alternation(phrases) -> str:
    """Many phrases as ONE regex group that shares their common prefixes, longest match first.

    Python's re tries the branches of `a|b|c...` one by one at every position, so a gazetteer of
    thousands of names cost ~6 ms per article; factored into a trie, each position costs a few
    steps. At a node the longer continuations come first and ending there last, so the match is
    the longest phrase (distinct literal characters cannot both match the same text)."""
    END = ""
    root: dict = {}
    for phrase in phrases:
        node = root
        for token in _tokens(phrase):
            node = node.setdefault(token, {})
        node[END] = {}

    def build(node: dict) -> str:
        branches = [token + build(child) for token, child in sorted(node.items()) if token != END]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if END in node else body

    return "(?:" + build(root) + ")"


def literal(phrase: str) -> str:
    """A phrase as a regex: spaces match any run of spaces, Arabic letters allow vowel marks."""
    return "".join(_tokens(phrase))


def _alternation(phrases) -> str | None:
    items = _phrase_list(phrases)
    return "|".join(literal(p) for p in items) if items else None


def _with_an_adjective(phrases) -> re.Pattern | None:
    """ "die staatliche Gesellschaft", "the new company", "the Oklahoma state-owned utility": an
    article's phrase also with one word in lower case between the article and its noun, or a
    capitalised one (a place's, an origin's) and maybe one in lower case (a Latin-script pack's
    "the company"; not "the site", which a photo caption's "le futur campus" repeats)."""
    articles = {a.lower() for a in common().get("articles") or []}
    # (not one that makes it another firm: "the parent company", "the new company", "die neue Gesellschaft")
    others = "|".join(map(re.escape, common().get("other_firm_adjectives") or [])) or "(?!)"
    items = _phrase_list(phrases)
    if not items:
        return None
    parts = []
    for phrase in items:
        first, _, rest = phrase.partition(" ")
        if rest and first.lower() in articles:
            parts.append(rf"{literal(first)}\s+(?:(?!(?:{others})\s)(?-i:[a-zà-ÿß][\w-]*)\s+|(?-i:[A-Z][a-z]+)\s+(?:(?!(?:{others})\s)(?-i:[a-zà-ÿß][\w-]*)\s+)?)?{literal(rest)}")
        else:
            parts.append(literal(phrase))
    return re.compile(rf"(?<![^\W\d_])(?:{'|'.join(parts)})(?![^\W\d_])", re.IGNORECASE)


def phrase_regex(phrases, *, latin_boundaries: bool, ignore_case: bool = True) -> re.Pattern | None:
    """One alternation of literal phrases, longest first, with word boundaries for Latin."""
    body = _alternation(phrases)
    if body is None:
        return None
    if latin_boundaries:
        body = rf"(?<![^\W\d_])(?:{body})(?![^\W\d_])"
    else:
        body = f"(?:{body})"
    return re.compile(body, re.IGNORECASE if ignore_case else 0)


def prefix_regex(phrases, *, latin_boundaries: bool) -> re.Pattern | None:
    """Trigger words: matched at a word start, any ending ("invest" finds "investment")."""
    body = _alternation(phrases)
    if body is None:
        return None
    if latin_boundaries:
        body = rf"(?<![^\W\d_])(?:{body})"
    return re.compile(body, re.IGNORECASE)


@dataclass
class LanguagePack:
    code: str
    data: dict
    decimal: str
    group: str
    spaced: bool
    regex: dict[str, re.Pattern | None] = field(default_factory=dict)
    trigger_regex: dict[str, re.Pattern] = field(default_factory=dict)
    count_regex: dict[str, re.Pattern] = field(default_factory=dict)
    period_regex: dict[str, list[re.Pattern]] = field(default_factory=dict)
    # every period pattern in one alternation without its groups: most sentences name no period,
    # and one search tells so instead of one per pattern (PeriodFinder.find)
    any_period: re.Pattern | None = None
    number_words: dict[str, int] = field(default_factory=dict)
    org_cues: list[re.Pattern] = field(default_factory=list)  # each with a group "name"
    government_names: list[re.Pattern] = field(default_factory=list)  # each with a group "name"

    def get(self, key, default=None):
        return self.data.get(key, default)

    def finds(self, keys: tuple[str, ...], text: str, pos: int = 0, endpos: int | None = None) -> bool:
        """Whether a phrase of any of these compiled lists (which a pack may leave empty) occurs in
        text[pos:endpos]."""
        end = len(text) if endpos is None else endpos
        return any((rx := self.regex.get(key)) is not None and rx.search(text, pos, end) for key in keys)

    @cached_property
    def person_role_regexes(self) -> list[re.Pattern]:
        """The role words and titles that stand before a person's name ("CEO", "Minister")."""
        found = [rx for key, rx in self.regex.items() if key.startswith("role_") and rx is not None]
        return found + ([self.regex["title_words"]] if self.regex.get("title_words") is not None else [])

    def phrases(self, *path) -> list[str]:
        node = self.data
        for p in path:
            node = (node or {}).get(p)
        return list(node or [])


def _number_word_pattern(words: dict[str, int]) -> str:
    alts = sorted(words, key=len, reverse=True)
    return r"(?:\d{1,3}|" + "|".join(re.escape(w) for w in alts) + ")" if alts else r"\d{1,3}"


# below this Zipf frequency (wordfreq: 3 is once per million words) a word is no common one
RARE_ZIPF = 3.0
# wordfreq's "small" lists hold the words down to Zipf 3, all RARE_ZIPF needs: about 6 MB per
# language in memory, where the "large" ones take 30-90 MB (8 languages: 57 MB against 357 MB in
# every load worker)
WORD_LIST = "small"


@cache
def _readable_word_list(language: str) -> bool:
    """wordfreq has the language and reads it without a tokenizer this machine lacks (Korean and
    Japanese need MeCab, Chinese jieba)."""
    from wordfreq import zipf_frequency

    try:
        zipf_frequency("a", language, wordlist=WORD_LIST)
    except (ImportError, LookupError, ValueError):
        return False
    return True


def word_frequency(word: str, language: str) -> float | None:
    """How common a word is in a language (wordfreq's Zipf scale: 3 is once per million words, 0
    unknown), or None where no word list reads the language."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, language, wordlist=WORD_LIST) if _readable_word_list(language) else None


@cache
def _cldr_currency_names(locale: str) -> dict[str, set[str]]:
    """Babel's (CLDR's) names of every currency in a locale, singular and plural, lower case."""
    from babel import Locale

    try:
        data = Locale.parse(locale)
    except Exception:  # (an unknown locale is reported where the pack's numbers are read)
        return {}
    plurals = data._data["currency_names_plural"]
    return {code: {n.lower() for n in (name, *(plurals.get(code) or {}).values()) if n}
            for code, name in data.currencies.items()}


@cache
def _currency_head_words() -> dict[str, str]:
    """The noun a currency's name is built on ("tenge" in "Kazakhstani Tenge", "tenge kazakh",
    "kasakhstanske tenge"), to its code: the last word of its English name, when no other currency's
    names hold it (not "dollar", "dinar") and the names of three locales or more among the packs' do
    (not an adjective of one language, "mongol", nor a place, "Tobago")."""
    english = _cldr_currency_names("en")
    in_locales: dict[tuple[str, str], int] = {}
    holders: dict[str, set[str]] = {}
    for code in available():
        for currency, forms in _cldr_currency_names(_raw(code).get("locale", code)).items():
            for word in {w for n in forms for w in n.split()}:
                in_locales[(word, currency)] = in_locales.get((word, currency), 0) + 1
                holders.setdefault(word, set()).add(currency)
    out = {}
    for currency, forms in english.items():
        for name in forms:
            head = name.split()[-1]
            if head.isalpha() and holders.get(head) == {currency} and in_locales.get((head, currency), 0) >= 3:
                out[head] = currency
    return out


@cache
def _cldr_currency_words(locale: str, spaced: bool) -> dict[str, str]:
    """The names Babel (CLDR) gives the currencies common.yaml lists, in a locale, each to its code:
    the whole name, singular and plural ("Kazakhstani tenge", "sum uzbeko", "哈萨克斯坦坚戈"), and in
    spaced scripts the word the name is built on alone ("tenge", `_currency_head_words`) where the
    language hardly uses it otherwise (not Norwegian "som", "which")."""
    wanted = set(common().get("currency_codes") or [])
    heads = _currency_head_words()
    language = locale.split("_")[0]
    out: dict[str, str] = {}
    def rare(word: str) -> bool:
        return (word_frequency(word, language) or 0) < RARE_ZIPF

    for code, forms in _cldr_currency_names(locale).items():
        if code not in wanted:
            continue
        for name in forms:
            # (a one-word name only where the language hardly uses the word otherwise: not "bolivianos")
            if " " in name or not spaced or rare(name):
                out[name] = code
            for word in name.split() if spaced else ():
                if heads.get(word) == code and len(word) >= 3 and rare(word):
                    out[word] = code
    return out


def _currency_word_openers(words: dict[str, str]) -> set[str]:
    """What a pack writes before its currency words ("de dollars", "d'euros", "di franchi"): a word
    of three letters at most, with its space or apostrophe, before another of its currency words."""
    return {word[:-len(rest)] for word in words for rest in words
            if word != rest and word.endswith(rest) and re.fullmatch(r"[a-zà-ÿ]{1,3}(?:\s|['’])", word[:-len(rest)])}


def _compile_pack(code: str, data: dict, path: Path) -> LanguagePack:
    locale = data.get("locale", code)
    try:
        decimal, group = get_decimal_symbol(locale), get_group_symbol(locale)
    except Exception as exc:  # unknown locale in the pack
        raise LanguageDataError(f"{path}: unknown Babel locale {locale!r}: {exc}") from exc
    numbers = data.get("numbers") or {}
    decimal = numbers.get("decimal", decimal)
    group = numbers.get("group", group)
    spaced = code not in UNSPACED
    # (the pack's own currency words, over the names CLDR gives the listed currencies in its locale,
    # also after the little words the pack writes before its own: "de dinars tunisiens")
    own = data.get("currency_words") or {}
    data = {**data, "currency_words": {**{f"{before}{name}": currency for name, currency in _cldr_currency_words(locale, spaced).items()
                                          for before in ("", *_currency_word_openers(own))}, **own}}
    pack = LanguagePack(code=code, data=data, decimal=decimal, group=group, spaced=spaced)
    b = spaced and data.get("word_boundaries", True)
    hedges = data.get("hedges") or {}
    for key in ("approx_before", "approx_after", "lower_before", "lower_after", "upper_before", "upper_after"):
        pack.regex[key] = phrase_regex(hedges.get(key) or [], latin_boundaries=b)
    pack.regex["market_index"] = phrase_regex(
        [*(data.get("market_index_words") or []), *(common().get("market_indices") or [])], latin_boundaries=b)
    hypothetical = data.get("hypothetical") or {}
    for side in ("before", "after"):
        pack.regex[f"hypothetical_{side}"] = phrase_regex(hypothetical.get(side) or [], latin_boundaries=b, ignore_case=True)
    # "ein Kredit über 650 Mio. Euro": after these nouns (word endings) the bound word gives the sum itself
    pack.regex["sum_nouns"] = phrase_regex(hedges.get("sum_nouns") or [], latin_boundaries=False)
    pack.regex["range_open"] = phrase_regex((data.get("range") or {}).get("open") or [], latin_boundaries=b)
    pack.regex["range_from"] = phrase_regex((data.get("range") or {}).get("from") or [], latin_boundaries=b)
    pack.regex["range_join"] = phrase_regex((data.get("range") or {}).get("join") or [], latin_boundaries=False)
    pack.regex["range_change_after"] = phrase_regex((data.get("range") or {}).get("change_after") or [], latin_boundaries=False)
    pack.regex["scale"] = phrase_regex(data.get("scales") or {}, latin_boundaries=False)
    pack.regex["currency_word"] = phrase_regex(data.get("currency_words") or {}, latin_boundaries=b)
    pack.regex["unit_word"] = phrase_regex(data.get("units") or {}, latin_boundaries=b)
    for key in (
        "investor_nouns", "facility_nouns", "phase_words",
        "relative_markers", "relative_pronouns", "object_markers", "place_prepositions", "adviser_words", "counterpart_markers", "conjunctions", "tenant_markers", "builder_markers", "facility_cues", "attribution_markers", "subject_verbs", "each", "threshold_nouns", "market_words", "installed_capacity_words", "together", "of_words", "campus_words", "title_words", "measure_nouns", "threshold_after", "threshold_before",
        "respectively", "operation_cues", "determiners", "indefinite_articles", "share_price_words", "public_money_words",
        "stock_market_words", "share_move_stretch", "retraction_markers", "managed_assets_words", "contract_words",
        "remainder_words", "floor_area_words", "investee_markers", "noun_complements",
        "stake_owner_markers", "lender_markers", "agent_markers", "owner_markers", "verb_clitics", "per_unit_markers", "rate_nouns", "sponsor_markers", "purpose_markers", "question_markers", "parent_words", "holder_markers", "count_per_markers", "lead_markers", "another_words",
        "index_point_words", "condition_words", "exchange_rate_words", "salary_words", "unnamed_one", "price_gap_words",
        "power_purchase_words", "subordinators", "approval_verbs", "crowd_verbs", "tax_rate_words", "appointment_verbs",
    ):
        pack.regex[key] = phrase_regex(data.get(key) or [], latin_boundaries=b)
    # (a marker that opens with a comma: no word boundary before it; the amount right after it bounds it)
    pack.regex["replaced_markers"] = phrase_regex(data.get("replaced_markers") or [], latin_boundaries=False)
    sale = data.get("sale") or {}
    pack.regex["sale_words"] = phrase_regex(sale.get("words") or [], latin_boundaries=b, ignore_case=True)
    pack.regex["buyer_markers"] = phrase_regex(sale.get("buyer_markers") or [], latin_boundaries=b)
    belonging = data.get("stake_belonging") or {}
    pack.regex["belonging_verbs"] = phrase_regex(belonging.get("verbs") or [], latin_boundaries=b, ignore_case=True)
    pack.regex["belonging_owner_markers"] = phrase_regex(belonging.get("owner_markers") or [], latin_boundaries=b)
    # a number followed by these is a year or a duration ("2028년", "2028年", "3年間"), not a count
    pack.regex["time_suffix"] = phrase_regex(data.get("time_suffixes") or [], latin_boundaries=False)
    after = data.get("attribution_after") or []
    # words right after a reporter's name, allowing the rest of a longer name first ("SMBC日興証券の
    # アナリストは", "Jefferies analysts said"): the name is the source of the figure
    pack.regex["attribution_after"] = re.compile(
        r"[^\s、，,。.;:()（）]{0,8}?\s?(?:" + "|".join(re.escape(w) for w in sorted(after, key=len, reverse=True)) + ")",
        re.IGNORECASE,
    ) if after else None
    for key, phrases in (data.get("anaphora") or {}).items():
        pack.regex[f"anaphora_{key}"] = phrase_regex(phrases, latin_boundaries=b)
        if b and key == "company":
            pack.regex[f"anaphora_{key}"] = _with_an_adjective(phrases) or pack.regex[f"anaphora_{key}"]
    # growth words take any ending from four letters on ("climb" finds "climbed", "ارتفع" finds
    # "ارتفعت"); shorter ones ("up", "opp") only as whole words
    for key in ("growth_up", "growth_down"):
        words = [w for w in data.get(key) or [] if isinstance(w, str)]
        long_words = prefix_regex([w for w in words if len(w) >= 4], latin_boundaries=b)
        short_words = phrase_regex([w for w in words if len(w) < 4], latin_boundaries=b)
        parts = [rx.pattern for rx in (long_words, short_words) if rx is not None]
        # (nor before what makes them another word: Japanese "20％安い", cheaper, is no fall; `growth_not_before`)
        blocked = _alternation(data.get("growth_not_before") or [])
        after = f"(?!{blocked})" if blocked else ""
        pack.regex[key] = re.compile("|".join(f"(?:{x}){after}" for x in parts), re.IGNORECASE) if parts else None
    # company nouns end compounds ("KI-Infrastrukturunternehmen"): match anywhere
    pack.regex["company_nouns"] = phrase_regex(data.get("company_nouns") or [], latin_boundaries=False)
    # forecast words also hide inside compounds ("Umsatzprognosen"): match anywhere where words glue, else at a
    # word's start (not the "vise" of "devise", the "pode" of "poder", the "meta" of "metade")
    pack.regex["forecast_cues"] = prefix_regex(data.get("forecast_cues") or [],
                                               latin_boundaries=b and not data.get("compound_words"))
    pack.regex["clause_break"] = phrase_regex(data.get("clause_breaks") or [], latin_boundaries=False)
    passive = data.get("attribution_not_before") or {}
    if passive:  # "تقدر بنحو": estimated at, no one's estimate; the marker is one only without what follows it
        markers = sorted(_phrase_list(data.get("attribution_markers") or []), key=len, reverse=True)
        pack.regex["attribution_markers"] = re.compile("|".join(
            literal(m) + (rf"(?!\s*(?:{'|'.join(literal(w) for w in passive[m])}))" if passive.get(m) else "")
            for m in markers), re.IGNORECASE)
    not_before = data.get("trigger_not_before") or {}
    not_after = data.get("trigger_not_after") or {}
    compound_ends = data.get("trigger_compound_endings") or {}
    for metric, words in (data.get("triggers") or {}).items():
        rx = prefix_regex(words, latin_boundaries=b)
        ends = _alternation(compound_ends.get(metric) or [])
        if rx and ends:  # "Baukredit", "Bankfinansieringen": where nouns are glued, the trigger ends a compound
            # (with an inflection of up to three letters: not "Akkreditierung"; the blockers below apply to both)
            rx = re.compile(rf"(?:{rx.pattern}|(?<=[^\W\d_])(?:{ends})[^\W\d_]{{0,3}}(?![^\W\d_]))", rx.flags)
        blockers = not_before.get(metric) or []
        if rx and blockers:  # "raised its forecast": the trigger word, but another verb
            rx = re.compile(rf"(?:{rx.pattern})(?!\s+(?:{'|'.join(map(re.escape, blockers))})\b)", rx.flags)
        glued = not_after.get(metric) or []
        if rx and glued:  # "يسهم", contributes, holds "سهم", a share: letters glued before make another word
            # (also with a vowel mark on the letter: "يُسهم")
            rx = re.compile("".join(f"(?<!{re.escape(g)})(?<!{re.escape(g)}[\u064b-\u0652])" for g in glued)
                            + f"(?:{rx.pattern})", rx.flags)
        if rx:
            pack.trigger_regex[metric] = rx
    for metric, nouns in (data.get("count_nouns") or {}).items():
        rx = phrase_regex(nouns, latin_boundaries=False, ignore_case=True)
        if rx:
            pack.count_regex[metric] = rx
    for status, words in (data.get("facility_status") or {}).items():
        pack.regex[f"status_{status}"] = phrase_regex(words, latin_boundaries=b)
    for rel, words in (data.get("relation_triggers") or {}).items():
        # substring match: German compounds hide triggers ("Rechenzentrumspartnerschaft")
        pack.regex[f"rel_{rel}"] = phrase_regex(words, latin_boundaries=False)
    for phase, words in (data.get("job_phases") or {}).items():
        pack.regex[f"job_phase_{phase}"] = phrase_regex(words, latin_boundaries=b, ignore_case=True)
    for role, words in (data.get("roles") or {}).items():
        pack.regex[f"role_{role}"] = phrase_regex(words, latin_boundaries=b, ignore_case=True)

    rounds = data.get("round_names") or []
    pack.regex["round_name"] = re.compile("|".join(f"(?:{r})" for r in rounds)) if rounds else None
    for basis, words in (data.get("valuation_basis") or {}).items():
        pack.regex[f"basis_{basis}"] = phrase_regex(words, latin_boundaries=False)
    for role, words in (data.get("particles") or {}).items():
        # a particle right after a name (optionally after a company word): "OpenAIに", "삼성전자는"
        pack.regex[f"particle_{role}"] = re.compile(
            r"\s?(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"
        ) if words else None
    pack.number_words = {k: int(v) for k, v in (data.get("number_words") or {}).items()}
    n_pat = _number_word_pattern(pack.number_words)
    # In spaced scripts a multiple starts a word (the finder rejects the rest anyway); saying so
    # in the pattern lets the engine skip mid-word positions at once (measured: 3x). Not for the
    # period patterns: most open with a literal word, which re already searches for quickly.
    word_start = r"(?<![^\W_])" if spaced else ""
    periods = data.get("periods") or {}
    qwords = periods.get("quarter_words") or {}
    q_pat = "(?:" + "|".join(re.escape(w) for w in sorted(qwords, key=len, reverse=True)) + ")" if qwords else "(?!)"
    for key, patterns in periods.items():
        if key == "quarter_words":
            continue
        compiled = []
        for p in patterns or []:
            rx = (
                p.replace("{n}", f"(?P<n>{n_pat})")
                .replace("{year2}", r"(?P<year2>(?:19|20)\d\d)")
                .replace("{year}", r"(?P<year>(?:19|20)\d\d)")
                .replace("{yy}", r"(?P<yy>\d\d)(?!\d)")
                .replace("{qword}", f"(?P<qword>{q_pat})")
                .replace("{q}", r"(?P<q>[1-4])")
            )
            try:
                compiled.append(re.compile(rx, re.IGNORECASE))
            except re.error as exc:
                raise LanguageDataError(f"{path}: periods.{key}: bad pattern {p!r}: {exc}") from exc
        pack.period_regex[key] = compiled
    every_period = [rx.pattern for compiled in pack.period_regex.values() for rx in compiled]
    pack.any_period = re.compile("|".join(f"(?:{re.sub(r'[(][?]P<[a-z0-9]+>', '(?:', p)})" for p in every_period),
                                 re.IGNORECASE) if every_period else None
    multiples = data.get("multiples") or {}
    # a multiple may have decimals: "2.5 times", "das 2,5-Fache", "2.3倍"
    multiple_n = n_pat.replace(r"\d{1,3}", r"\d{1,3}(?:[.,]\d{1,2})?", 1)
    pack.regex["multiple"] = (
        re.compile(word_start + "(?:" + "|".join(f"(?:{p.replace('{n}', f'(?P<n{i}>{multiple_n})')})" for i, p in enumerate(multiples.get("patterns") or [])) + ")", re.IGNORECASE)
        if multiples.get("patterns")
        else None
    )
    pack.regex["multiple_word"] = phrase_regex(multiples.get("words") or {}, latin_boundaries=b)
    # ... unless a word after it makes it a name: "a triple-net lease" is a kind of lease, no tripling
    pack.regex["multiple_not_before"] = phrase_regex(multiples.get("not_before") or [], latin_boundaries=b)
    # (a word that ends in one of `adverb_endings`: "Separatamente")
    adverb_endings = data.get("adverb_endings") or []
    pack.regex["adverb_ending"] = re.compile(r"\w(?:" + "|".join(map(re.escape, adverb_endings)) + r")$") if adverb_endings else None
    # ("35％のプレミアム", "a 35% premium": a word for a price's premium right after a percentage, with at most a
    # space or a genitive particle between)
    premium = phrase_regex(data.get("price_gap_after") or [], latin_boundaries=b)
    pack.regex["price_gap_after"] = re.compile(rf"\s?(?:の|的)?{premium.pattern}", premium.flags) if premium else None
    pack.org_cues = _org_cues(data.get("org_cues") or {}, spaced, path)
    try:
        pack.government_names = [re.compile(p) for p in data.get("government_names") or []]
    except re.error as exc:
        raise LanguageDataError(f"{path}: government_names: {exc}") from exc
    try:  # a regex on a word, as the data file writes it
        pack.regex["name_descriptor_word"] = re.compile(data["name_descriptor_word"]) if data.get("name_descriptor_word") else None
        pack.regex["name_head_not_alone"] = re.compile(data["name_head_not_alone"]) if data.get("name_head_not_alone") else None
        pack.regex["facility_after_place"] = re.compile(data["facility_after_place"]) if data.get("facility_after_place") else None
        not_name = (data.get("org_cues") or {}).get("not_name_pattern")
        pack.regex["org_not_name"] = re.compile(not_name) if not_name else None
    except re.error as exc:
        raise LanguageDataError(f"{path}: name_descriptor_word, name_head_not_alone, facility_after_place or org_cues.not_name_pattern: {exc}") from exc
    try:  # regexes, any of them
        cues = data.get("broker_cues") or []
        pack.regex["broker_cues"] = re.compile("|".join(f"(?:{c})" for c in cues), re.IGNORECASE) if cues else None
    except re.error as exc:
        raise LanguageDataError(f"{path}: broker_cues: {exc}") from exc
    return pack


def _org_cues(cues: dict, spaced: bool, path: Path) -> list[re.Pattern]:
    """`org_cues.patterns`: where a script's press marks a firm's name, "{name}" standing for it
    (a stock code after it, "数据港（603881）"; a head office, "ハイレゾ（東京都新宿区）は"). `name`
    is the class of characters a name is written with; in spaced scripts it starts a word. "{arm}"
    stands for `arm_words`, what a firm's name goes on with to name another firm of its group
    ("関西電力送配電")."""
    name = cues.get("name")
    patterns = [*(common().get("org_cues") or {}).get("patterns", []), *(cues.get("patterns") or [])]
    if not name or not patterns:
        return []
    head = r"(?<![\w&])" if spaced else ""
    arms = "|".join(map(re.escape, cues.get("arm_words") or [])) or "(?!)"
    out = []
    for pattern in patterns:
        if "{name}" not in pattern and "(?P<name>" not in pattern:
            raise LanguageDataError(f"{path}: org_cues.patterns: {pattern!r} has no {{name}} (or group 'name')")
        try:
            out.append(re.compile(pattern.replace("{name}", f"{head}(?P<name>{name})").replace("{arm}", f"(?:{arms})"),
                                  re.MULTILINE))
        except re.error as exc:
            raise LanguageDataError(f"{path}: org_cues.patterns: bad pattern {pattern!r}: {exc}") from exc
    return out


class _UniqueKeyLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """A YAML loader that refuses a key given twice: PyYAML would silently keep the last one."""


def _no_duplicates(loader, node, deep=False):
    keys = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in keys:
            raise LanguageDataError(f"line {key_node.start_mark.line + 1}: key {key!r} given twice")
        keys.add(key)
    return loader.construct_mapping(node, deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _no_duplicates)


def load_yaml(path: Path) -> dict:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader) or {}
    except LanguageDataError as exc:
        raise LanguageDataError(f"{path}: {exc}") from None
    except yaml.YAMLError as exc:
        raise LanguageDataError(f"{path}: invalid YAML: {exc}") from exc


@cache
def common() -> dict:
    return load_yaml(LANG_DIR / "common.yaml")


@cache
def available() -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in LANG_DIR.glob("*.yaml") if p.stem != "common"))


@cache
def _raw(code: str) -> dict:
    """A pack's YAML, parsed once per process."""
    return load_yaml(LANG_DIR / f"{code}.yaml")


def pack_data(code: str) -> dict:
    """A pack's data as its file writes it, without compiling the pack (cheap; read only)."""
    return _raw(code)


@cache
def aliases() -> dict[str, str]:
    """Other codes a pack answers to (its `aliases` key): no -> nb."""
    out = {}
    for code in available():
        for alias in _raw(code).get("aliases") or []:
            out[str(alias)] = code
    return out


@cache
def pack(code: str) -> LanguagePack:
    """The pack for a language code; unknown languages fall back to English."""
    code = (code or "en").split("-")[0].lower()
    code = aliases().get(code, code)  # language models say "no" for Norwegian Bokmål
    path = LANG_DIR / f"{code}.yaml"
    if not path.exists():
        path = LANG_DIR / "en.yaml"
        code = "en"
    data = _raw(code)
    if data.get("code") != code:
        raise LanguageDataError(f"{path}: 'code' must be {code!r}")
    if data.get("script_variants"):
        data = with_script_variants(data, data["script_variants"])
    return _compile_pack(code, data, path)


@cache
def script_converters(configs: tuple[str, ...]):
    """OpenCC converters ("s2t": simplified to traditional, "s2twp": with Taiwan's words, "t2s")."""
    import opencc

    return [opencc.OpenCC(config) for config in configs]


def with_script_variants(data, configs: list[str]):
    """The pack's phrases also in the other forms of its script: a pack written in simplified
    Chinese reads Taiwan and Hong Kong papers (总投资 / 總投資, 数据中心 / 資料中心). Every phrase
    in a list and every key of a mapping gains its variants; other values stay as they are."""
    converters = script_converters(tuple(configs))

    def variants(text: str) -> list[str]:
        out = [text]
        for c in converters:
            v = c.convert(text)
            if v not in out:
                out.append(v)
        return out

    def walk(node, key=None):
        if key in ("code", "locale", "script_variants", "org_cues", "numbers"):
            return node
        if isinstance(node, list):
            return [v for item in node for v in (variants(item) if isinstance(item, str) else [walk(item)])]
        if isinstance(node, dict):
            out = {}
            for k, v in node.items():
                value = walk(v, k)
                for variant in (variants(k) if isinstance(k, str) else [k]):
                    out.setdefault(variant, value)
            return out
        return node

    return walk(data)
