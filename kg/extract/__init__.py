"""Extraction: text -> figures, entities, relations (language knowledge lives in lang/*.yaml).

Public entry point: `extract(document) -> Extraction` (see kg/extract/model.py). Stages:
sentences.py (segmentation) -> entities.py (mentions) -> numbers.py (amounts) ->
time.py (periods) -> figures.py (attribution, merging) -> relations.py (roles, partners,
facilities).
"""

from __future__ import annotations

import html
import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from functools import cache

from .dollars import bare_word_currencies, local_dollar, relabel, relabel_words
from .entities import (ACRONYM, NAME_PARTICLES, Mention, _discovery_patterns, _org_name_words, arm_letters, arm_of, calendar_words, discover,
                       gazetteer, initials,
                       legal_tail, listed_names, looks_like_a_name, proper_words, slug_key, spells, term_acronyms)
from .figures import (DEAL_TOPIC_REACH, DocumentState, SentenceView, _skip_space, is_object_position,
                      last_list_of_firms, merge_figures, sentence_figures, subject_candidates)
from .furniture import furniture_spans
from .quotes import imagined, quote_spans
from .language import available, common, pack
from .model import Entity, Extraction, Figure
from .numbers import AREA, COUNT, MONEY, PERCENT, _key as _unit_key, relabel_local_units, scan_amounts
from .places import town_names
from .relations import RelationState, finish, sentence_relations
from .sentences import split_sentences
from .time import PeriodFinder

__all__ = ["extract"]


def _drop_false_aliases(mentions: list[Mention], sentences) -> list[Mention]:
    """ "investimento global", "investissement global": words a language uses otherwise than the
    table does (here "total", not "worldwide") are no mention in that language (pack: false_aliases);
    nor is a known name whose last characters begin a firm's word that runs on past it, in scripts
    without spaces (org_cues.firm_words: "中華電" in "中華電力")."""
    false = {s.language: {w.lower() for w in pack(s.language).get("false_aliases") or []} for s in sentences}
    firm_words = {s.language: [w for w in (pack(s.language).get("org_cues") or {}).get("firm_words") or [] if len(w) > 1]
                  for s in sentences if not pack(s.language).spaced}
    starts = [s.start for s in sentences]
    out = []
    for m in mentions:
        i = bisect_right(starts, m.start) - 1
        sentence = sentences[i] if i >= 0 and m.start < sentences[i].end else None
        if sentence is None:
            out.append(m)
            continue
        if m.text.lower() in false[sentence.language]:
            continue
        end = m.end - sentence.start
        if m.kind == "org" and any(sentence.text.startswith(w, end - k)
                                   for w in firm_words.get(sentence.language, ()) for k in range(1, len(w))):
            continue  # "中華電" (Chunghwa Telecom) inside "中華電力" (CLP): a firm's word runs on past the name
        out.append(m)
    return out


def _drop_table_acronyms_given_to_other_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "Coast Center Base (CCB)": an acronym the table knows (China Construction Bank's "CCB") that
    the article introduces in brackets after another name whose initials spell it is that name's,
    wherever the article writes it: the table's firm is not meant (discovery then finds the name)."""
    dropped = set()
    for m in mentions:
        if m.kind != "org" or not ACRONYM.fullmatch(m.text) or text[m.start - 1:m.start] != "(" or m.text in dropped:
            continue
        before = text[max(0, m.start - _NAME_REACH):m.start - 1]
        spans = [w for w in re.finditer(r"\S+", before) if w.group(0).lower() not in NAME_PARTICLES]
        words = [w.group(0).strip("\"“”'‘’,") for w in spans]
        named = words[-len(m.text):]
        # (not where the name is the table's firm's, in any language: "Banco Europeu de Investimento (BEI)")
        # (the name only, not an earlier mention of the acronym in the text before it: "over CEC's grid")
        name_part = before[spans[-len(m.text)].start():] if len(spans) >= len(m.text) else before
        if len(named) == len(m.text) and spells(named, m.text) and not any(
                x.entity.key == m.entity.key for x in gazetteer().find(name_part)):
            dropped.add(m.text)
    # (and its possessive: "wheeled over CEC's grid")
    return [m for m in mentions if not (m.kind == "org" and re.sub(r"['’]s$", "", m.text) in dropped)] if dropped else mentions


_NAME_REACH = 160  # characters before an acronym's bracket that may hold the name it stands for


# ("Crédit Agricole Centre France", "Caisse d'Epargne Grand Est Europe": up to two capitalised words before the region)
_REGION_WORDS_BETWEEN = re.compile(r"(?: [A-ZÀ-Ý][a-zà-ÿ]+){1,2} ")


@cache
def _compass_after() -> re.Pattern:
    """A space and one of common.yaml's `compass_words` as a whole word ("… Indiana South")."""
    words = "|".join(map(re.escape, common().get("compass_words") or [])) or "(?!)"
    return re.compile(rf" (?:{words})(?![\w-])")


def _in_title_case(text: str, pos: int) -> bool:
    """The line around pos capitalises (nearly) every word, as headlines do: "Google Expands In Ohio"."""
    start, end = text.rfind("\n", 0, pos) + 1, text.find("\n", pos)
    words = [w for w in text[start:end if end >= 0 else len(text)].split() if w[:1].isalpha()]
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _national_arms(text: str, mentions: list[Mention], facility_nouns: list[re.Pattern] = ()) -> list[Mention]:
    """ "Orange Côte d'Ivoire", "Vodafone Egypt", "Telekom Deutschland", "AEP Texas": a known firm
    written straight before a country or a region is its national or regional company, a firm of
    its own (one space between, or up to two capitalised words: "Crédit Agricole Centre France";
    Latin script); the article's other mentions of the firm are that
    national company too, when it names only one (a regional one's parent stays itself). Not a
    site named by its firm and region ("the Meta Louisiana data center": a facility noun follows),
    nor a possessive ("Eskom's Gauteng grid")."""
    out: list[Mention] = []
    arms: dict[str, list[Entity]] = {}
    i = 0
    while i < len(mentions):
        m = mentions[i]
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        if (nxt is not None and m.kind == "org" and nxt.kind == "place" and not nxt.demonym
                and nxt.entity.rdf_type in ("Country", "Region")
                and (nxt.start == m.end + 1 and text[m.end] == " "
                     or (_REGION_WORDS_BETWEEN.fullmatch(text, m.end, nxt.start) and not _in_title_case(text, m.start)))
                and m.text[:1].isascii() and m.text[:1].isupper() and not m.text.endswith(("'s", "’s"))
                and not (nxt.entity.rdf_type == "Region" and any(rx.match(text, _skip_space(text, nxt.end))
                                                                 for rx in facility_nouns))):
            # (a compass word may end the name: "CenterPoint Energy Indiana South", "AEP Ohio North")
            compass = _compass_after().match(text, nxt.end)
            if compass and any(rx.match(text, _skip_space(text, compass.end())) for rx in facility_nouns):
                out.append(m)  # ("the Meta Louisiana North data center": a site named by its firm and region)
                i += 1
                continue
            end = compass.end() if compass else nxt.end
            if text.endswith(("'s", "’s"), m.start, end):
                end -= 2  # ("STT GDC India's tender": the arm's possessive, no part of its name)
            name = text[m.start:end]
            # (of the firm's kind: "CBRE France" reports figures, as CBRE does)
            ent = Entity(kind="org", key=slug_key(name), label=name, rdf_type=m.entity.rdf_type)
            out.append(Mention(m.start, end, name, ent, (ent,)))
            # (a regional company's parent is often in the story too: "AEP Texas" beside "AEP shares")
            if nxt.entity.rdf_type == "Country" and ent not in arms.setdefault(m.entity.key, []):
                arms[m.entity.key].append(ent)
            i += 2
            continue
        out.append(m)
        i += 1
    return [replace(m, entity=arms[m.entity.key][0], candidates=(arms[m.entity.key][0],))
            if m.kind == "org" and len(arms.get(m.entity.key, ())) == 1 else m for m in out]


def _main_country(mentions: list[Mention]):
    """The country the article names most often (for "the country" before any is named), else
    the one its places lie in most often ("北海道", "石狩市": "国内" is Japan)."""
    counts = Counter(m.entity.key for m in mentions if m.kind == "place" and m.entity.rdf_type == "Country")
    if counts:
        key = counts.most_common(1)[0][0]
        return next(m.entity for m in mentions if m.entity.key == key)
    table = gazetteer()
    codes = Counter(c for c in (table.country_of(m.entity) for m in mentions if m.kind == "place" and not m.demonym) if c)
    if not codes:
        return None
    code = codes.most_common(1)[0][0]
    return next((table.entities[key] for key, c in table.country_codes.items() if c == code and key in table.entities), None)


def _an_adviser(view: SentenceView, m: Mention) -> bool:
    """A firm the sentence names as a deal's adviser, underwriter or arranger (the pack's `adviser_words`
    right before the name, "대표주관사는 신한투자증권", "bookrunner Vetta Securities", or after it as its role,
    "Vetta Securities as lead manager"): it works on the deal, it is not what the story is about (not the
    client: "Equinix hired advisers", "네이버는 대표주관사로 ...을 선정했다")."""
    words = view.pack.regex.get("adviser_words")
    if words is None:
        return False
    before = [hit for hit in words.finditer(view.text, max(0, m.start - 16), m.start) if _ROLE_TO_NAME.fullmatch(view.text, hit.end(), m.start)]
    role = _NAME_TO_ROLE.match(view.text, m.end)
    return bool(before) or bool(role and words.match(view.text, role.end()))


# what stands between a role word and the name it names ("대표주관사는 ", "bookrunner "), and between a name and
# its role ("... as lead manager", "...이 주관사를")
_ROLE_TO_NAME = re.compile(r"[\s:,은는이가로으]{0,4}")
_NAME_TO_ROLE = re.compile(r"\s+as(?:\s+(?:the|its|a|lead|joint|sole))*\s+|[이가]\s?")


def _named_most(counts: Counter, named: dict[str, Entity]) -> Entity | None:
    """The place named most so far, on a tie the one named first latest ("la région": not a
    département named once after its region)."""
    if not counts:
        return None
    best = max(counts.values())
    return named[next(k for k in reversed(list(counts)) if counts[k] == best)]


def _market_of_the_report(first: Figure, main_org, mentions: list[Mention], text: str, first_end: int):
    """The place a market report is about: its first figure's place, when the story's firm is not
    named before the end of the paragraph after that figure's (a firm's story names it at once)."""
    if first.subject.kind != "place" or first.subject.rdf_type not in ("Country", "Region", "City", "Place"):
        return None
    breaks = [m.start() for m in re.finditer(r"\n\s*\n", text[first_end:])]
    opening_end = first_end + (breaks[1] if len(breaks) > 1 else len(text))
    if main_org is not None and any(m.entity == main_org and m.start < opening_end for m in mentions):
        return None
    return first.subject


@cache
def _list_joiner(code: str) -> re.Pattern:
    """What may stand between two names of a list in this language: a comma or a conjunction,
    and two short words at most ("el Grupo")."""
    conj = pack(code).regex.get("conjunctions")
    return re.compile(rf"\s*,?\s*(?:(?:{conj.pattern})\s+)?(?:\w+\s+){{0,2}}" if conj is not None else r"\s*,\s*")


def _last_list_of_firms(view: SentenceView) -> list:
    """The last list of firms the sentence writes ("Forestalia, el Grupo Samca y Endesa"): names
    joined as `_list_joiner` allows."""
    joiner = _list_joiner(view.pack.code)

    def joined(a: Mention, b: Mention) -> bool:
        between = view.text[a.end:b.start]
        return 0 < len(between) <= 16 and bool(joiner.fullmatch(between))

    return last_list_of_firms([m for m in view.mentions if m.kind == "org"], joined)


def _owner_after_its_share(figure: Figure, view: SentenceView) -> bool:
    """A percentage of `other` whose firm the sentence names only after it: an owner after its
    share (figures._stake_owner), which is no topic for "the company" in the next sentence."""
    if figure.metric != "other" or figure.quantity.unit != "percent":
        return False
    amount_end = figure.evidence[0].mention.end - view.sentence.start
    named = [m for m in view.mentions if m.entity.key == figure.subject.key]
    return bool(named) and all(m.start >= amount_end for m in named)


def _a_stake_or_a_loan(figure: Figure) -> bool:
    """An investor's ticket or stake, or a lender's loan: a part in someone else's deal."""
    return figure.metric in ("equity_investment", "loan_or_debt") or (
        figure.metric == "other" and figure.quantity.unit == "percent")


def _main_org(mentions: list[Mention], text: str = "", issuer_line: re.Pattern | None = None):
    """The organisation the article is about: the issuer a release names in its header
    (`issuer_labels`: "会社名　データセクション株式会社"), else the one named most often, first on ties.
    A name and its acronym written beside it ("Caixa Geral de Depósitos (CGD)") are one naming; a
    name in a compound ("the AMD-focused GPU cloud", "20.000 Nvidia-Chips") describes something else."""
    if issuer_line is not None:
        for m in mentions:
            if m.kind == "org" and issuer_line.fullmatch(text, text.rfind("\n", 0, m.start) + 1, m.start):
                return m.entity
    ordered = sorted((m for m in mentions if m.kind == "org" and m.entity.rdf_type not in ("AnalystFirm", "Media")
                      and text[m.end:m.end + 1] != "-"),
                     key=lambda m: m.start)
    hereinafter = _hereinafter()

    def one_naming(a: Mention, b: Mention) -> bool:
        """ "Caixa Geral de Depósitos (CGD)", "……有限公司（以下简称“西云数据”）": a name and the short
        name written beside it."""
        return a.entity.key == b.entity.key and (b.start - a.end <= 3 or bool(
            hereinafter is not None and hereinafter.fullmatch(text, a.end, b.start)))

    orgs = [m.entity for i, m in enumerate(ordered) if not (i and one_naming(ordered[i - 1], m))]
    if not orgs:
        return None
    counts = Counter(e.key for e in orgs)
    best = max(counts.values())
    return next(e for e in orgs if counts[e.key] == best)


# "1. HARWORTH WINS CONSENT FOR 180MW LEEDS CAMPUS", "2) Pulsant refinances": a numbered item of a roundup
_NUMBERED_HEADING = re.compile(r"(?m)^[ \t]*\d{1,2}[.)][ \t]+\S[^\n]{0,110}$")


def _roundup_sections(text: str, mentions: list[Mention]) -> list[tuple[int, object]]:
    """A roundup of items, each under its numbered heading, is about one firm per item: (start of
    the item, its main organisation) for each item with one, when two headings or more name
    different firms (a release's "1. 本事業の概要", "2. 資金調達" are sections of one story)."""
    headings = [h for h in _NUMBERED_HEADING.finditer(text) if not h.group(0).rstrip().endswith((".", "。"))]
    named = {m.entity.key for h in headings for m in mentions if m.kind == "org" and h.start() <= m.start < h.end()}
    if len(headings) < 2 or len(named) < 2:
        return []
    starts = [h.start() for h in headings]
    out = []
    for start, end in zip(starts, [*starts[1:], len(text)]):
        main = _main_org([m for m in mentions if start <= m.start < end], text)
        if main is not None:
            out.append((start, main))
    return out


# ", Sept 23 2025", ", le 12 février 2025", "、2025年8月5日": the date after a dateline's place
_DATELINE = re.compile(r"\s*[,、，]?\s*(?:\w{1,3}\s+)?(?:\d{1,2}\.?\s*\w+\.?\s*)?(?:\w+\.?\s*\d{1,2},?\s*)?(?:19|20)\d\d")


def _drop_datelines(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "SYDNEY, Sept 23 2025 -", "東京、2025年8月5日": the place where a story was filed is not
    what its figures are about."""
    out = []
    for m in mentions:
        line_start = text.rfind("\n", 0, m.start) + 1
        if m.kind == "place" and not text[line_start:m.start].strip() and _DATELINE.match(text, m.end):
            continue
        out.append(m)
    return out


def _first_words_of_long_names(text: str, mentions: list[Mention], names: set[str],
                               place_prepositions: Sequence[str] = ()) -> list[Mention]:
    """ "Shares of Alliant rose 1.8%" in an article about Alliant Energy: the first word of a
    firm's name, written alone, is that firm, when the article never writes the word in lower case
    (or it looks like a name by itself: "N+ONE") and no table knows it as a name of its own; not
    for a body named after its place ("Rugby" is the town, not "Rugby Borough Council").
    (`_short_names_to_long` does the same for short names some cue already found; this finds the
    ones no cue marked.) Nor for a word the article writes after a place's preposition ("nach
    Mühleberg": the village, not "Mühleberg Digital AG")."""
    table = gazetteer()
    bodies = set(common().get("bodies_named_after_places") or ())
    firsts: dict[str, Mention] = {}
    for m in mentions:
        if m.kind == "org" and " " in m.entity.label and m.entity.label.split()[-1] not in bodies:
            word = m.entity.label.split()[0]
            if word == "The" and m.entity.label.count(" ") > 1:
                word = m.entity.label.split()[1]  # "Navigator" of "The Navigator Company"
            if len(word) >= 4 and (word in names or looks_like_a_name(word)) and not table.find(word):
                firsts.setdefault(word, m)
    # a word that another firm's name holds too is neither's ("Carso" beside "Grupo Carso" and
    # "Carso Infraestructura y Construcción")
    labels = {m.entity.key: m.entity.label.split() for m in mentions if m.kind == "org"}
    # (the word found alone by a cue is no other firm: "A Takoda pretende" beside "Takoda Data Centers")
    firsts = {word: m for word, m in firsts.items()
              if not any(word in words and words != [word] for key, words in labels.items() if key != m.entity.key)}
    if place_prepositions:
        after_place_word = re.compile(rf"(?<![\w-])(?i:{'|'.join(map(re.escape, place_prepositions))})\s+(\w+)(?![\w-])")
        placed = {hit.group(1) for hit in after_place_word.finditer(text)}
        firsts = {word: m for word, m in firsts.items() if word not in placed}
    wanted = {word: (re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])"), m.entity) for word, m in firsts.items()}
    return _add_occurrences(text, mentions, wanted, [(m.start, m.end) for m in mentions])


_HAN_NAME = re.compile(r"[\u4e00-\u9fff]{4,}")
_HAN_NAME_START = re.compile(r"[\u4e00-\u9fff]{3,}")
# ... or in Japanese, with kana too ("沖縄セルラー電話", whose story writes "沖縄セルラー" later)
_CJK_NAME = re.compile(r"[\u4e00-\u9fff\u30a0-\u30ff]{4,}")
_KANA_END = re.compile(r"[\u30a0-\u30ff]$")
# ... and one with its place in brackets inside: "中國銀行（香港）有限公司"
_HAN_LEGAL_NAME = re.compile(r"[\u4e00-\u9fff]{2,}(?:[（(][\u4e00-\u9fff]{2,4}[)）])?[\u4e00-\u9fff]{2,}")


def _opening_place(name: str) -> Mention | None:
    """The known place a firm's name opens with ("贵州" of "贵州乌江能源集团有限责任公司")."""
    return next((k for k in gazetteer().find(name) if k.start == 0 and k.kind == "place"), None)


def _short_name_rx(head: str) -> str:
    """A short name as a pattern: where it ends in kana, not going on in kana ("データセ" is no word
    of "データセンター")."""
    return re.escape(head) + (r"(?![\u30a0-\u30ff])" if _KANA_END.search(head) else "")


def _cjk_short_name_min() -> int:
    """common.yaml `short_name_min_length`: the fewest characters of a CJK short name."""
    return int(common().get("short_name_min_length") or 4)


def _han_short_names(text: str, mentions: list[Mention], codes: set[str]) -> list[Mention]:
    """ "恒基" in a story that named "恒基兆業地產", "台灣大" after "台灣大哥大": a Chinese paper calls a
    firm by the start of its name (at least `short_name_length` characters, the longest the article
    writes alone; or of the name after the place it opens with) after naming it in full, when no
    table knows those characters as a name, no other firm's name starts with them and they are no
    common word (`short_name_not`)."""
    # (the shortest of the story's languages: one set in a Chinese story's stray Japanese sentence is no
    # reason for longer Chinese short names; and the same whatever order the set of codes iterates in)
    length = min((pack(c).get("short_name_length") for c in codes if pack(c).get("short_name_length")), default=None)
    if not length:
        return mentions
    stop = {w for c in codes for w in pack(c).get("short_name_not") or ()}
    table = gazetteer()
    shortest = _cjk_short_name_min()

    def written_alone(head: str, full: str, at: int = 0) -> bool:
        """`head`, which stands at `at` in `full`, written somewhere else than in `full`."""
        return any(hit.start() < at or not text.startswith(full, hit.start() - at)
                   for hit in re.finditer(_short_name_rx(head), text))

    heads: dict[str, list] = {}
    for m in mentions:
        if m.kind == "org" and _CJK_NAME.fullmatch(m.text) and len(m.text) > length:
            # the longest start of the name the article also writes alone: "台灣大" of "台灣大哥大", "恒基" of "恒基兆業地產"
            head = next((m.text[:n] for n in range(len(m.text) - 1, length - 1, -1)
                         if written_alone(m.text[:n], m.text)), None)
            # ... or of the name after the place it opens with, four characters at least: "乌江能源" of
            # "贵州乌江能源集团有限责任公司"
            place = _opening_place(m.text)
            if place is not None and (head is None or len(head) <= place.end):
                rest = m.text[place.end:]
                head = next((rest[:n] for n in range(len(rest) - 1, shortest - 1, -1) if written_alone(rest[:n], m.text, place.end)), None)
            if head is not None:
                heads.setdefault(head, []).append(m.entity)
    wanted = {}
    for head, entities in heads.items():
        if len({e.key for e in entities}) == 1 and head not in stop and not any(x.text == head for x in table.find(head)) \
                and not any(m.text == head or (m.kind == "place" and m.text.startswith(head)) for m in mentions):
            # (not "雅安" of "雅安发展投资集团" where the story names "雅安市": the place's name)
            wanted[head] = (re.compile(_short_name_rx(head)), entities[0])
    return _add_occurrences(text, mentions, wanted, [(m.start, m.end) for m in mentions])


def _han_names_without_their_middle(text: str, mentions: list[Mention], codes: set[str]) -> list[Mention]:
    """ "九州送配電" for "九州電力送配電": a Japanese or Chinese paper drops a trade word inside a firm's name
    (the pack's `droppable_name_words`: 電力, 电力 ...) - a kanji word of the text that is a found name
    without one of them (two characters at least kept before it, three after), which no table knows, is that
    firm."""
    droppable = {w for c in codes for w in pack(c).get("droppable_name_words") or ()}
    if not droppable:
        return mentions
    table = gazetteer()
    named = {m.text for m in mentions}
    wanted = {}
    for m in {m.text: m for m in mentions if m.kind == "org" and _HAN_NAME.fullmatch(m.text)}.values():
        for word in droppable:
            at = m.text.find(word, 2)
            if at < 0 or len(m.text) - at - len(word) < 3:
                continue
            short = m.text[:at] + m.text[at + len(word):]
            if short not in wanted and short not in named and short in text and not table.find(short):
                wanted[short] = (re.compile(rf"(?<![\u4e00-\u9fff]){re.escape(short)}(?![\u4e00-\u9fff])"), m.entity)
    if not wanted:
        return mentions
    return _add_occurrences(text, mentions, wanted, [(m.start, m.end) for m in mentions])


def _names_without_their_descriptor(text: str, mentions: list[Mention], codes: set[str]) -> list[Mention]:
    """ "وكانت آسيا سيل قد أعلنت" in a story that named "شركة آسيا سيل للاتصالات": where a pack says
    which word opens the description that ends a firm's name (`name_descriptor_word`, "for
    telecommunications"), the words before it, written alone, are the firm; also with a letter glued
    on (`name_clitics`: "وآسيا سيل"). Not when they are a company noun alone, a name a table knows,
    or one word that may be a common one (`name_head_not_alone`: "المصرية" of "المصرية للاتصالات")."""
    table = gazetteer()
    for code in codes:
        p = pack(code)
        opens = p.regex.get("name_descriptor_word")
        if opens is None:
            continue
        nouns = p.regex.get("company_nouns")
        not_alone = p.regex.get("name_head_not_alone")
        # (a look-behind per clitic: they differ in length)
        glued = "(?:(?<!\\w)" + "".join(f"|(?<=(?<!\\w){re.escape(c)})" for c in p.get("name_clitics") or []) + ")"
        wanted = {}
        for m in mentions:
            words = m.entity.label.split() if m.kind == "org" else []
            cut = next((i for i, w in enumerate(words) if i > 0 and opens.match(w)), None)
            if cut is None:
                continue
            head = " ".join(words[:cut])
            if (" " not in head and (len(head) < 3 or (not_alone is not None and not_alone.match(head))
                                     or _opens_another_name(text, head, nouns, not_alone))) \
                    or (nouns is not None and nouns.fullmatch(head)) or any(x.text == head for x in table.find(head)):
                continue
            wanted.setdefault(head, (re.compile(glued + re.escape(head) + r"(?!\w)"), m.entity))
        mentions = _add_occurrences(text, mentions, wanted, [(m.start, m.end) for m in mentions])
    return mentions


def _with_entities(mentions: list[Mention], by_key: dict[str, Entity]) -> list[Mention]:
    """The mentions, each of an entity `by_key` replaces (merged or renamed) pointing at its replacement."""
    if not by_key:
        return mentions
    return [replace(m, entity=by_key[m.entity.key], candidates=(by_key[m.entity.key],)) if m.entity.key in by_key else m
            for m in mentions]


def _one_firm_per_key(mentions: list[Mention]) -> list[Mention]:
    """ "The Development Bank of Ruritania (DBR) ... DBR providing 180 billion": cues may find one firm by its name
    and acronym and, in the same sentence or a later one, by the acronym alone; same key, one firm, labelled by
    its fullest name."""
    table = gazetteer()
    fullest: dict[str, Entity] = {}
    for m in mentions:
        entity = m.entity
        if m.kind == "org" and len(m.text) > len(entity.label) and initials(m.text) == entity.label:
            # "ÉS et Euro-Information ... Électricité de Strasbourg (ÉS)": the name written out, given the
            # firm the headline's acronym found first
            entity = replace(entity, label=m.text)
        if m.kind == "org" and (entity.key not in fullest or len(entity.label) > len(fullest[entity.key].label)):
            fullest[entity.key] = entity
    # (a key the table knows is left to the table's own rules: "CEC" is another firm there)
    fullest = {key: e for key, e in fullest.items() if not table.get(key)}
    # (org mentions only: a place or a person whose key is the same slug stays itself)
    return [replace(m, entity=fullest[m.entity.key], candidates=(fullest[m.entity.key],))
            if m.kind == "org" and m.entity.key in fullest and m.entity != fullest[m.entity.key] else m for m in mentions]


def _opens_another_name(text: str, head: str, nouns: re.Pattern | None, goes_on: re.Pattern | None) -> bool:
    """ "شركة فيتا القابضة" beside "فيتا للحوسبة": after a company noun, the word goes on into another
    firm's name with a word that continues names (`name_head_not_alone`, a definite word: "القابضة",
    holding), so alone it may be either firm (not "وقالت شركة إيرثلنك إن", where a particle follows)."""
    if nouns is None or goes_on is None:
        return False
    return any(goes_on.match(hit.group(1)) for hit in re.finditer(rf"(?:{nouns.pattern})\s+{re.escape(head)}\s+(\w+)", text))


@cache
def _hereinafter() -> re.Pattern | None:
    words = common().get("hereinafter_words") or []
    if not words:
        return None
    # (a legal form may come first: "Xyz Holdings Inc. (hereinafter Xyz)")
    return re.compile(rf"(?:{legal_tail().pattern})?\s*[（(][^（）()]{{0,20}}?(?:{'|'.join(map(re.escape, sorted(words, key=len, reverse=True)))})"
                      rf"\s*[,，:：]?\s*[“\"「『«„‘']?\s*", re.IGNORECASE)


def _names_given_hereinafter(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "宁夏西部云基地科技有限公司（以下简称“西云数据”）": the full name and the short name the
    article gives it ("hereinafter", common.yaml `hereinafter_words`) are one firm, called by the
    short name, as the article goes on to call it."""
    rx = _hereinafter()
    if rx is None:
        return mentions
    starts = {m.start: m for m in mentions if m.kind == "org"}
    merged: dict[str, Entity] = {}
    for m in mentions:
        if m.kind != "org" or gazetteer().get(m.entity.key):
            continue
        hit = rx.match(text, m.end)
        short = starts.get(hit.end()) if hit else None
        if short is None:  # "北京海兰信数据科技股份有限公司（海兰信）": the short name alone in brackets
            bracket = _bracketed_short_name(text, m)
            short = starts.get(bracket.start(1)) if bracket else None
        if short is not None and short.entity.key != m.entity.key:
            merged[m.entity.key] = short.entity
    return _with_entities(mentions, merged)


# a short name in Han, kana or Hangul in brackets right after a name: "……股份有限公司（海兰信）", "한국동서발전(동서발전)"
_SHORT_NAME_IN_BRACKETS = re.compile(r"[（(]([\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7a3]{2,8})[）)]")


def _shortens(short: str, full: str) -> bool:
    """ "海兰信" of "北京海兰信数据科技股份有限公司", "海南控股" of "海南省发展控股有限公司", "皖能电力" of
    "安徽省皖能股份有限公司": shorter, and its first two characters (the brand) written in the full name
    (not a place: "（海南）")."""
    return len(short) < len(full) and short[:2] in full and not _a_place(short)


def _bracketed_short_name(text: str, m: Mention) -> re.Match | None:
    """The short name in brackets right after a CJK firm's mention, when it shortens the name (group 1)."""
    bracket = _SHORT_NAME_IN_BRACKETS.match(text, m.end)
    return bracket if bracket and _shortens(bracket.group(1), m.text) else None


def _short_names_in_brackets(text: str, mentions: list[Mention]) -> list[Mention]:
    """A firm's short name in brackets after its full name in Chinese, Japanese or Korean script
    ("北京海兰信数据科技股份有限公司（海兰信）") is a name, found again wherever the article writes it."""
    taken = {(m.start, m.end) for m in mentions}
    added = []
    for m in mentions:
        if m.kind != "org" or not _UNSPACED_NAME.match(m.text):
            continue
        bracket = _bracketed_short_name(text, m)
        if bracket and bracket.span(1) not in taken:
            short = bracket.group(1)
            entity = Entity(kind="org", key=slug_key(short), label=short, rdf_type="Firm")
            added.append(Mention(bracket.start(1), bracket.end(1), short, entity, (entity,)))
            taken.add(bracket.span(1))
    return mentions + added


def _called_by_their_head(mentions: list[Mention], codes: set[str]) -> list[Mention]:
    """ "آسيا سيل" is what a story calls the "آسيا سيل للاتصالات" it named once in full: a firm
    whose name ends in what it does (`name_descriptor_word`), and which the story also writes
    without it, is labelled by the shortest start of its name the story writes alone ("إزدي تك"
    of "إزدي تك السعودية لمراكز البيانات"); a firm found under that short name is the same one. Not
    when another firm's name starts with it too."""
    table = gazetteer()
    cuts = [rx for code in codes if (rx := pack(code).regex.get("name_descriptor_word")) is not None]
    if not cuts:
        return mentions
    orgs = {m.entity.key: m.entity for m in mentions if m.kind == "org" and not table.get(m.entity.key)}
    renamed: dict[str, Entity] = {}
    for entity in orgs.values():
        words = entity.label.split()
        cut = next((i for i, w in enumerate(words) if i > 0 and any(rx.match(w) for rx in cuts)), None)
        if cut is None:
            continue
        head = words[:cut]

        def opens_head(name: str) -> bool:
            return bool(name) and name.split() == head[:len(name.split())]

        written = {m.text for m in mentions if m.entity.key == entity.key and opens_head(m.text)}
        others = {e.key: e for e in orgs.values() if e.key != entity.key and e.key not in renamed and opens_head(e.label)}
        names = written | {e.label for e in others.values()}
        if not names:
            continue
        short = min(names, key=lambda n: (len(n.split()), len(n)))
        if any(e.key != entity.key and e.key not in others and e.label.startswith(short + " ") for e in orgs.values()):
            continue  # "راية" of "راية لمراكز البيانات" beside "راية القابضة": the short name is two firms'
        new = replace(entity, key=slug_key(short), label=short)
        for key in (entity.key, *others):
            renamed[key] = new
    return _with_entities(mentions, renamed)


def _declined_names_of_found_firms(mentions: list[Mention], codes: set[str]) -> list[Mention]:
    """ "zu 26 Prozent der Oberösterreichischen Versicherung" is the "Oberösterreichische Versicherung"
    the story names too: where the adjectives of a name decline (pack `name_inflections`, the endings
    a case adds), a found name that is another one with one word declined is that firm, labelled
    by the undeclined name."""
    endings = tuple({e for code in codes for e in pack(code).get("name_inflections") or []})
    if not endings:
        return mentions
    table = gazetteer()
    orgs = {m.entity.key: m.entity for m in mentions if m.kind == "org" and not table.get(m.entity.key)}
    renamed: dict[str, Entity] = {}
    for base in orgs.values():
        words = base.label.split()
        for other in orgs.values():
            declined = other.label.split()
            if other.key == base.key or other.key in renamed or len(declined) != len(words):
                continue
            differ = [k for k, (a, b) in enumerate(zip(words, declined)) if a != b]
            # (an adjective before the name's noun: "Linde" and "Linden", "Bayer" and "Bayern" are no case of one another)
            if len(differ) == 1 and differ[0] < len(words) - 1 and words[differ[0]].endswith("e") \
                    and any(declined[differ[0]] == words[differ[0]] + ending for ending in endings):
                renamed[other.key] = base
    return _with_entities(mentions, renamed)


def _short_names_of_latin_labelled(mentions: list[Mention]) -> list[Mention]:
    """ 'مجموعة "وان تك القابضة" (One Tech Holding)' and later "وان تك": a firm labelled by the Latin
    name it was given in brackets is also the firm its own-script name opens with, written alone
    (when that start opens no other firm's name)."""
    table = gazetteer()
    written: dict[str, set[str]] = {}
    for m in mentions:
        if m.kind == "org" and m.entity.label.isascii() and not m.text.isascii():
            written.setdefault(m.entity.key, set()).add(m.text)
    if not written:
        return mentions
    entities = {m.entity.key: m.entity for m in mentions if m.kind == "org"}
    merged: dict[str, Entity] = {}
    for key, entity in entities.items():
        if entity.label.isascii() or table.get(key):
            continue
        fuller = {k for k, names in written.items() if k != key and any(n.startswith(entity.label + " ") for n in names)}
        if len(fuller) == 1:
            merged[key] = entities[fuller.pop()]
    return _with_entities(mentions, merged)


_BROKER_WINDOW = re.compile(r"[^.!?;:\n。]{0,24}")


def _brokers(text: str, mentions: list[Mention], codes: set[str]) -> list[Mention]:
    """ "Panmure Liberum on Tuesday initiated coverage of Tritax Big Box": a firm that does what a
    broker does to a listed firm (a pack's `broker_cues`, written after its name in the same
    sentence) is an analyst firm in the whole article: the source of estimates, not their subject."""
    cues = [rx for code in codes if (rx := pack(code).regex.get("broker_cues")) is not None]
    if not cues:
        return mentions
    retyped: dict[str, Entity] = {}
    for m in mentions:
        if m.kind != "org" or m.entity.key in retyped or m.entity.rdf_type == "AnalystFirm":
            continue
        # (a few words may come between, within the sentence: "on Tuesday")
        window = _BROKER_WINDOW.match(text, m.end).group(0)
        starts = [0, *(w.end() for w in re.finditer(r"\s+", window))]
        if any(rx.match(text, m.end + i) for rx in cues for i in starts):
            retyped[m.entity.key] = replace(m.entity, rdf_type="AnalystFirm")
    return _with_entities(mentions, retyped)


def _without_ends(name: str, ends: tuple[str, ...]) -> list[str]:
    """ "湖北能源集团股份有限公司" -> ["湖北能源集团", "湖北能源"]: the name with its legal form and group
    words taken off one by one (common.yaml `short_name_suffixes`)."""
    out = []
    while (end := next((x for x in ends if name.endswith(x) and len(name) > len(x)), None)):
        name = name[:-len(end)]
        out.append(name)
    return out


def _han_firms_by_their_short_name(mentions: list[Mention]) -> list[Mention]:
    """ "深圳能源" is what a Chinese story calls the "深圳能源集团股份有限公司" it named once in full: a
    firm whose name ends in a legal form or a group's word (common.yaml `short_name_suffixes`) and
    which the story writes by a start of that name (four characters or more) at least twice, or
    once when it is the name without those ends, and not less often than in full, is labelled by
    it; the name without them may be one the table knows."""
    table = gazetteer()
    suffixes = tuple(common().get("short_name_suffixes") or ())
    shortest = _cjk_short_name_min()
    forms_of: dict[str, list[str]] = {}
    entity_of: dict[str, Entity] = {}
    for m in mentions:
        if m.kind == "org":
            forms_of.setdefault(m.entity.key, []).append(m.text)
            entity_of.setdefault(m.entity.key, m.entity)
    renamed: dict[str, Entity] = {}
    for key, forms in forms_of.items():
        entity = entity_of[key]
        if table.get(key) or not _HAN_LEGAL_NAME.fullmatch(entity.label) or not entity.label.endswith(suffixes):
            continue
        # (the name may open with its place: "贵州黔源电力股份有限公司" is the "黔源电力" of the story)
        place = _opening_place(entity.label)
        starts = (entity.label, entity.label[place.end:]) if place is not None else (entity.label,)
        # (four characters at least: "贵安" of "贵安发展集团" is the place as often as the firm)
        shorts = Counter(f for f in forms if len(f) >= shortest and f != entity.label and any(n.startswith(f) for n in starts))
        # (once is enough for the name without its forms: "证券简称：科华数据" of "科华数据股份有限公司"; a
        # group's word in brackets is written without them: "天津港集团" of "天津港（集团）有限公司")
        unbracketed = _BRACKETED_GROUP_WORD.sub(lambda b: b.group(1) if b.group(1) in suffixes else b.group(0), entity.label)
        stripped = _without_ends(entity.label, suffixes)
        if unbracketed != entity.label:
            stripped += _without_ends(unbracketed, suffixes)
        if place is not None and len(entity.label) - place.end >= shortest:
            stripped += [n for n in [entity.label[place.end:], *_without_ends(entity.label[place.end:], suffixes)] if len(n) >= shortest]
        # (a firm the table knows by that name is the one: "科华数据股份有限公司" is Kehua Data; and so
        # is one the story names by it)
        known = next((e for name in stripped for e in table._lookup(name) if e.kind == "org"), None) \
            or next((entity_of[k] for name in stripped for k in entity_of if k != key and entity_of[k].label == name), None)
        if known is None:
            # (a firm's arm in a place is the firm: "张北数据港科技有限公司" of "数据港"; a place's name
            # is two to four characters when no table knows it)
            # (not a sibling named after the same place: "广西北部湾投资集团" beside "广西北部湾银行")
            at = (place.end,) if place is not None else tuple(common().get("unknown_place_lengths") or ())
            known = next((entity_of[k] for k, fs in forms_of.items() if k != key for f in fs
                          if len(f) >= 3 and _HAN_NAME_START.fullmatch(f)
                          and any(entity.label.startswith(f, i) and not entity_of[k].label.startswith(entity.label[:i]) for i in at)), None)
        if known is not None:
            renamed[key] = known
            continue
        # (not when the story writes the full name more often: "晋能控股集团" three times, "晋能控股" twice)
        written = [f for f, n in shorts.items() if (n >= 2 or f in stripped) and n >= forms.count(entity.label)]
        if written:
            short = min(written, key=len)
            renamed[key] = replace(entity, key=slug_key(short), label=short)
    return _with_entities(mentions, {key: _final(renamed, target) for key, target in renamed.items()})


_BRACKETED_GROUP_WORD = re.compile(r"[（(]([\u4e00-\u9fff]{1,4})[)）]")


def _final(renamed: dict[str, Entity], entity: Entity) -> Entity:
    """The entity a firm merged into ends as, when that one was itself renamed or merged on."""
    seen = set()
    while entity.key in renamed and renamed[entity.key] is not entity and entity.key not in seen:
        seen.add(entity.key)
        entity = renamed[entity.key]
    return entity


def _short_names_to_long(text: str, mentions: list[Mention], arms: tuple[str, ...] = (),
                         conjunctions: tuple[str, ...] = ()) -> list[Mention]:
    """Within one article, "Marvell" is the "Marvell Technology" it named in full, and
    "Vantage" the "Vantage Data Centers": a firm's first word stands for the whole name. Not a
    firm beside another of its group named by the words a pack lists (`org_cues.arm_words`:
    "中国電力ネットワーク", "東急不動産ホールディングス"). A name of several words stands for the one
    that goes on with its firm's words, or with a conjunction and one word (`conjunctions`: "الإسكندرية
    لتداول الحاويات" for "الإسكندرية لتداول الحاويات والبضائع")."""
    orgs = {m.entity.label: m.entity for m in mentions if m.kind == "org"}
    first_at: dict[str, int] = {}
    for m in mentions:
        if m.kind == "org":
            first_at.setdefault(m.entity.label, m.start)
    def written_long_before(short: str, longer: Entity) -> bool:
        """ "Actis" three times before "seu fundo Actis Long Life Infrastructure": a story names a firm in
        full first (a headline may shorten it); a longer name it reaches only later is another one."""
        return sum(1 for x in mentions if x.kind == "org" and x.entity.label == short
                   and x.start < first_at.get(longer.label, 0)) >= 3
    tail = legal_tail()
    named_in_full = {m.entity.key for m in mentions if m.kind == "org" and tail.match(text, m.end)}
    out = []
    for m in mentions:
        if m.kind == "org" and " " not in m.entity.label:
            # in scripts without spaces the whole name simply goes on: "大和ハウス" of "大和ハウス工業"
            head = m.entity.label if _UNSPACED_NAME.search(m.entity.label) and len(m.entity.label) >= 3 else m.entity.label + " "
            # (nor its arm by capitals glued to its name: "キヤノンMJ" beside "キヤノン")
            longer = [e for label, e in orgs.items() if label.startswith(head) and label != m.entity.label and e.key != m.entity.key
                      and label[len(m.entity.label):].strip() not in arms and e.parent != m.entity.key]
            # ("Carso" beside "Grupo Carso" and "Carso Infraestructura": a word another name holds
            # after its start is neither's)
            elsewhere = [label for label in orgs if m.entity.label in label.split()[1:]]
            # ("Centenario" of "Inversiones Centenario": the name after a word that opens names, common.yaml
            # `name_opening_words`, when no other name holds it)
            opened = [e for label, e in orgs.items() if label.split()[1:] == [m.entity.label]
                      and label.split()[0] in _opening_words()]
            # ("LS전선 모회사인 LS", "Vetta Cloud's parent Vetta": a name right after a word for a parent is the parent's)
            after_a_parent = _parent_before().search(text, max(0, m.start - 16), m.start) is not None
            if len(longer) == 1 and not elsewhere and not gazetteer().get(m.entity.key) \
                    and not written_long_before(m.entity.label, longer[0]) and not after_a_parent:
                m = replace(m, entity=longer[0], candidates=(longer[0],))
            elif not longer and len(opened) == 1 and len(elsewhere) == 1 and not gazetteer().get(m.entity.key):
                m = replace(m, entity=opened[0], candidates=(opened[0],))
            elif _UNSPACED_NAME.search(m.entity.label) and not gazetteer().get(m.entity.key):
                # "남부발전" is the "한국남부발전" named in full: a name after its country or place
                # ("한국", "Korea") stands for the whole name
                placed = [e for label, e in orgs.items() if label.endswith(m.entity.label) and label != m.entity.label
                          and _a_place(label[:-len(m.entity.label)])]
                # "北ガス" is the "北海道ガス" named in full: the start of its first word and its firm word
                shortened = [e for label, e in orgs.items() if e.key != m.entity.key and _abbreviates(m.entity.label, label)]
                if len(placed) == 1:
                    m = replace(m, entity=placed[0], candidates=(placed[0],))
                elif len(shortened) == 1:
                    m = replace(m, entity=shortened[0], candidates=(shortened[0],))
        elif m.kind == "org" and not gazetteer().get(m.entity.key) and m.entity.key not in named_in_full:
            # "Leading Edge" is the "Leading Edge Data Centres" named in full: a name of several words
            # that another one goes on from with a firm's words only (common.yaml `org_name_words`);
            # not a name written in full itself ("Granite Hills Corp" beside "Granite Hills Energy")
            longer = [e for label, e in orgs.items() if label.startswith(m.entity.label + " ") and e.key != m.entity.key
                      and (_firm_words_only().fullmatch(label[len(m.entity.label) + 1:])
                           or _one_word_joined(label[len(m.entity.label) + 1:], conjunctions))]
            # "«عذيب للاتصالات»" is the "اتحاد عذيب للاتصالات" named in full: the ending of the one
            # longer name, from a word that is no firm's word, after one word of the name (not a
            # descriptor: "UK's CUDO Compute", "ADR de Central Puerto")
            ending = [e for label, e in orgs.items() if label.endswith(" " + m.entity.label) and e.key != m.entity.key
                      and _FIRST_WORD_OF_A_NAME.fullmatch(label[:-len(m.entity.label) - 1])]
            if len(longer) == 1 and not written_long_before(m.entity.label, longer[0]):
                m = replace(m, entity=longer[0], candidates=(longer[0],))
            elif not longer and len(ending) == 1 and not _firm_words_only().match(m.entity.label):
                m = replace(m, entity=ending[0], candidates=(ending[0],))
        if m.kind == "org" and _UNSPACED_NAME.search(m.entity.label) and not gazetteer().get(m.entity.key):
            # "广东能源集团" is the "广东省能源集团" named in full: a place written without its suffix
            fuller = [e for label, e in orgs.items() if len(label) == len(m.entity.label) + 1 and e.key != m.entity.key
                      and (hit := _PLACE_SUFFIX_AFTER.match(label)) is not None and _a_place(hit.group(1))
                      and hit.group(1) + label[hit.end():] == m.entity.label]
            if len(fuller) == 1:
                m = replace(m, entity=fuller[0], candidates=(fuller[0],))
        out.append(m)
    return out


_LATIN_LETTER = re.compile(r"[A-Za-z]")
_FIRST_WORD_OF_A_NAME = re.compile(r"[^\W\d_][^\s'’]*")


def _one_word_joined(rest: str, conjunctions: tuple[str, ...]) -> bool:
    """ "and Cloud", "والبضائع": a conjunction (spaced, or glued where a script glues it) and one word."""
    return any((rest.startswith(c + " ") or (not c.isascii() and rest.startswith(c))) and len(rest[len(c):].split()) == 1
               for c in conjunctions)


@cache
def _parent_before() -> re.Pattern:
    """Every pack's `parent_words`, right before a position (only spaces between)."""
    words = sorted({w for code in available() for w in pack(code).get("parent_words") or ()}, key=len, reverse=True)
    return re.compile(rf"(?:{'|'.join(map(re.escape, words)) or '(?!)'})\s*$")


@cache
def _firm_words_only() -> re.Pattern:
    """One or more of common.yaml's `org_name_words` ("Data Centres", "Group Holdings")."""
    words = _org_name_words()
    return re.compile(rf"(?:{words.pattern})(?:\s(?:{words.pattern}))*" if words is not None else "(?!)")


@cache
def _firm_words_ending() -> re.Pattern:
    """`_firm_words_only` ending a name, after a space ("... تليكوم", "... Data Centres")."""
    return re.compile(rf"\s(?:{_firm_words_only().pattern})$")


@cache
def _opening_words() -> frozenset[str]:
    return frozenset(common().get("name_opening_words") or ())


def _abbreviates(short: str, full: str) -> bool:
    """ "北ガス" of "北海道ガス", "東ガス" of "東京ガス": the same ending of at least two characters (the
    firm's word), after a shorter start of the full name's first part. Not a place and the firm's
    word: "天津银行" is a bank of its own, no "天津农村商业银行"."""
    for k in range(2, len(short)):
        head, rest = short[:-k], full[:-k]
        if full.endswith(short[-k:]) and rest.startswith(head) and len(head) < len(rest):
            # (nor a place's name without its suffix: "千葉銀行" beside "千葉興業銀行", 千葉県)
            return not _a_place(head) and not any(_a_place(head + suffix) for suffix in _place_suffixes())
    return False


@cache
def _place_suffixes() -> tuple[str, ...]:
    """The administrative suffixes of every pack (`place_suffixes`: 県, 市, 省 ...)."""
    return tuple(sorted({suffix for code in available() for suffix in pack(code).get("place_suffixes") or {}}))


_PLACE_SUFFIX_AFTER = re.compile(r"([\u4e00-\u9fff]{2,3}?)[省市県]")


def _a_place(name: str) -> bool:
    """Whether the table knows `name`, whole, as a place."""
    return any(e.kind == "place" for e in gazetteer()._lookup(name) or [])


# A name in Chinese, Japanese or Korean script: found only by the strong cues of those packs
# (a stock code, a head office, a headline), so one cue is enough to spread it.
_UNSPACED_NAME = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7a3]")


def _local_names_of_found_firms(mentions: list[Mention]) -> list[Mention]:
    """ "«ميزة»" in a headline is the "شركة ميزة (MEEZA)" of the body: a name some cue found alone
    is the firm another cue found under that name with its Latin form (one entity, not two)."""
    table = gazetteer()
    named = {label: m.entity for m in mentions if m.kind == "org" and m.entity.labels and not table.get(m.entity.key)
             for label in m.entity.labels.values()}
    return [replace(m, entity=named[m.text], candidates=(named[m.text],))
            if m.kind == "org" and m.text in named and m.entity.key != named[m.text].key and not table.get(m.entity.key)
            else m for m in mentions]


def _surnames_are_people(mentions: list[Mention]) -> list[Mention]:
    """ "Nygård will not say who the customer is": a surname alone, after the article named the
    person in full ("Terje Nygård"), is that person, not a firm some cue guessed, nor a town of the
    generated lists ("Vaughan said": no Vaughan, Ontario)."""
    table = gazetteer()
    people = {m.entity.label.split()[-1]: m.entity for m in mentions if m.kind == "person" and " " in m.entity.label}
    out = []
    for m in mentions:
        name = m.entity.label if m.kind == "org" else m.text
        if (m.kind == "org" and name in people and table.get(m.entity.key) is None) \
                or (m.kind == "place" and m.entity.generated and name in people):
            m = replace(m, entity=people[name], candidates=(people[name],))
        out.append(m)
    return out


def _every_mention_of_found_names(text: str, mentions: list[Mention], names: set[str],
                                  prepositions: list[str]) -> list[Mention]:
    """A firm found by a cue once ("Opcore exploite ...") is the same firm wherever the article
    names it again without one: those places become mentions too, so the article's main firm
    and each sentence's subject are counted right. A known place inside the name gives way
    ("Altice Portugal" is not Portugal). One ordinary capitalised word ("Casa", "Melbourne") is
    spread only when two cues found it (or one that calls it a firm), when it looks like a name
    by itself ("xAI", "G42"), or when the article writes it, always capitalised and never after
    an article, three times at least ("Edison ed Eurotech, ..." in a headline, after "Edison
    fornirà ..." was found; not "the Reit", "la Regione")."""
    table = gazetteer()
    # found by a cue, not by the table: its surface form is no known name (its key may be one:
    # "Apto" found by a cue is the table's "Apto Data Centers", and stands for it)
    # ("داماك ديجيتال" is found, though the table knows "داماك": a known name inside is not the name)
    discovered = [m for m in mentions if m.kind == "org"
                  and not any(k.start == 0 and k.end == len(m.text) for k in table.find(m.text))]
    # a cue that calls the name a firm ("Apto, sviluppatore italiano ...") counts for two
    cues = Counter()
    for m in discovered:
        cues[m.text] += 2 if m.named_as_company else 1
    found = {m.text: table.get(m.entity.key) or m.entity for m in discovered
             if (len(m.text) >= 3 and (" " in m.text or looks_like_a_name(m.text) or cues[m.text] >= 2
                                       or (m.text in names and _occurrences(text, m.text, prepositions) >= 3)))
             or (len(m.text) >= 2 and _UNSPACED_NAME.match(m.text))
             # ("A FS, maior produtora de etanol ...": two capitals a cue calls a firm)
             or (len(m.text) == 2 and ACRONYM.fullmatch(m.text) and cues[m.text] >= 2 and m.text not in term_acronyms())}
    # "新意網集團 ... 新意網已與": the short name of a name found in a script without spaces
    suffixes = sorted(common().get("short_name_suffixes") or [], key=len, reverse=True)
    for label, entity in list(found.items()):
        if _UNSPACED_NAME.match(label):
            stem = next((label[: -len(s)] for s in suffixes if label.endswith(s)), "")
            if len(stem) >= 2 and stem not in found and not table.find(stem):
                found[stem] = entity
    # "キヤノンMJ" beside "キヤノン": a found name with capitals glued to it is the firm's arm
    for label, entity in list(found.items()):
        if _UNSPACED_NAME.match(label[-1:]):
            for m in re.finditer(re.escape(label), text):
                if (arm := arm_letters(text, m.end())) is not None:
                    found.setdefault(text[m.start():arm.end()], arm_of(entity, text[m.start():arm.end()], arm.group(0)))
    wanted = {label: (re.compile(_written_again(label)), entity) for label, entity in found.items()}
    return _add_occurrences(text, mentions, wanted, [(m.start, m.end) for m in mentions if m.kind != "place"])


def _names_listed_with_found_firms(text: str, mentions: list[Mention], sentences, names: set[str]) -> list[Mention]:
    """ "Retelit e Snam, patto da 1,4 mld" where only a later sentence's cue found Snam: a name
    listed with a firm the article names is a firm too, wherever the article writes it - when the
    article always writes it (each of its words, up to three: "Reale Mutua") capitalised (`names`) and
    at least twice, and no table knows it."""
    table = gazetteer()
    firms = {(m.start, m.end) for m in mentions if m.kind == "org"}
    units = {u.lower() for u in common().get("unit_symbols") or {}}  # ("200 MW y 50 MW": units)
    wanted: dict[str, tuple] = {}
    for s in sentences:
        p = pack(s.language)
        if not p.spaced or p.get("nouns_capitalised"):
            continue  # (where every noun is capitalised, one capitalised word says nothing: "Bund und Land")
        ordinary = calendar_words(p.get("locale", p.code)) | {w.lower() for w in (p.get("scales") or {})} | units
        for listed in listed_names(_discovery_patterns(s.language), s.text):
            items = [(s.start + a, s.start + b, name) for a, b, name in listed]
            if not any((a, b) in firms for a, b, _ in items):
                continue
            for a, b, name in items:
                # (a name of two words or three: every word as the article always writes it, "Reale Mutua")
                words = name.split()
                if (a, b) in firms or len(words) > 3 or any(w not in names for w in words) or name in wanted or table.find(name) \
                        or name.lower() in ordinary or name.lower() in p.number_words \
                        or any(m.start < b and a < m.end for m in mentions) or len(re.findall(rf"\b{re.escape(name)}\b", text)) < 2:
                    continue
                entity = Entity(kind="org", key=slug_key(name), label=name, rdf_type="Firm")
                wanted[name] = (re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])"), entity)
    if not wanted:
        return mentions
    return _add_occurrences(text, mentions, wanted, [(m.start, m.end) for m in mentions])


def _possessive_words_of_found_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "Teachers' will invest $1.3-billion" in a story about the "Ontario Teachers' Pension Plan": a
    word of a firm's name written with the possessive apostrophe of a plural is that firm alone."""
    wanted: dict[str, tuple] = {}
    for m in mentions:
        if m.kind != "org":
            continue
        for word in m.entity.label.split()[1:-1]:
            if len(word) > 3 and word[-1] in "'’" and word[0].isupper() and word not in wanted:
                wanted[word] = (re.compile(rf"(?<![\w'’-]){re.escape(word)}(?=\s)"), m.entity)
    if not wanted:
        return mentions
    return _add_occurrences(text, mentions, wanted, [(m.start, m.end) for m in mentions])


def _called_by_their_kind_word(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "An der Projektgesellschaft halten die Stadtwerke 51 Prozent" in a story about the "Stadtwerke
    Landshut": a firm named by a word for its kind and its place (a utility, a pension fund, a savings
    bank) is called by that word alone after a definite article (common.yaml `definite_articles`),
    where no other firm's name opens with it."""
    articles = [a for a in common().get("definite_articles") or [] if a.isalpha()]
    orgs = {m.entity.key: m.entity for m in mentions if m.kind == "org"}
    heads = Counter(e.label.split()[0] for e in orgs.values())
    behind = "|".join(rf"(?<=\b(?i:{re.escape(a)})\s)" for a in articles)
    wanted: dict[str, tuple] = {}
    for entity in orgs.values():
        head, _, rest = entity.label.partition(" ")
        if not rest or len(head) < 4 or not head[:1].isupper() or heads[head] > 1 or not (_a_place(rest) or rest in town_names(15_000)):
            continue
        wanted[head] = (re.compile(rf"(?:{behind}){re.escape(head)}(?![\w-])(?!\s+{re.escape(rest.split()[0])})"), entity)
    if not wanted or not behind:
        return mentions
    return _add_occurrences(text, mentions, wanted, [(m.start, m.end) for m in mentions])


def _the_holding(text: str, mentions: list[Mention], codes: set[str]) -> list[Mention]:
    """ "الشركة القابضة" in a story about "الشركة الليبية للبريد ... القابضة": a holding (common.yaml
    `holding_words` end its name) is "the company" (`anaphora.company`) and that word, where no other
    firm's name ends in it (and no name goes on after it with what the firm does, "للشركة القابضة للاستثمار"
    is another holding; an object may follow: "تملك الشركة القابضة الحصة المتبقية")."""
    holdings = set(common().get("holding_words") or ())
    orgs = {m.entity.key: m.entity for m in mentions if m.kind == "org"}
    tails = Counter(e.label.split()[-1] for e in orgs.values())
    company = [rx for code in codes if (rx := pack(code).regex.get("anaphora_company")) is not None]
    if not company:
        return mentions
    the_company = "|".join(f"(?:{rx.pattern})" for rx in company)
    flags = re.IGNORECASE if any(rx.flags & re.IGNORECASE for rx in company) else 0
    wanted: dict[str, tuple] = {}
    for entity in orgs.values():
        tail = entity.label.split()[-1]
        if " " in entity.label and tail in holdings and tails[tail] == 1:
            pattern = rf"(?:{the_company})\s+(?P<name>{re.escape(tail)})(?![\w-])(?!\s+لل[\u0621-\u064a])"
            wanted[tail] = (re.compile(pattern, flags), entity)
    if not wanted:
        return mentions
    return _add_occurrences(text, mentions, wanted, [(m.start, m.end) for m in mentions])


def _found_names_without_their_firm_words(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "«إيه إف آر-آي إكس» تستحوذ على 55%" in a story that named "إيه إف آر-آي إكس تليكوم": a found name
    of two words or more without the firm's words that end it (common.yaml `org_name_words`) is that firm,
    where no table knows it and no other found name begins with it; in a script without capitals, where
    no cue finds the short name by itself (in Latin script "Wheal Jane" of "Wheal Jane Group" may be the
    mine, "Cascade County" of "Cascade County Commission" the county)."""
    table = gazetteer()
    ending = _firm_words_ending()
    orgs = [m for m in mentions if m.kind == "org" and not table.get(m.entity.key)]
    wanted: dict[str, tuple] = {}
    for m in orgs:
        cut = ending.search(m.entity.label)
        short = m.entity.label[:cut.start()] if cut is not None else ""
        if short.count(" ") < 1 or short in wanted or table.find(short) or _a_place(short) or _LATIN_LETTER.search(short):
            continue
        if any(o.entity.key != m.entity.key and o.entity.label.startswith(short) for o in orgs):
            continue  # ("Vetta Data Cloud" beside "Vetta Data Energy": neither's)
        wanted[short] = (re.compile(rf"(?<![\w&-]){re.escape(short)}(?![\w&-])"), m.entity)
    if not wanted:
        return mentions
    return _add_occurrences(text, mentions, wanted, [(m.start, m.end) for m in mentions])


def _acronyms_of_found_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "GRDA said" in a story that names the "Grand River Dam Authority": the initials of a firm's
    name of three words or more, written as a word, are that firm, without the brackets that would
    introduce them ("… (GRDA)"); not when two names give the same initials or a table knows them."""
    table = gazetteer()
    by_initials: dict[str, dict] = {}
    for m in mentions:
        words = [w for w in m.entity.label.split() if w.lower() not in NAME_PARTICLES]
        if m.kind == "org" and len(words) >= 3 and all(w[:1].isupper() for w in words):
            by_initials.setdefault("".join(w[0] for w in words), {})[m.entity.key] = m.entity
    wanted, merged = {}, {}
    for initials, entities in by_initials.items():
        rx = re.compile(rf"(?<![\w&-]){re.escape(initials)}(?![\w&-])")
        if len(entities) != 1 or not rx.search(text) or any(x.entity.kind != "org" or x.text == initials for x in table.find(initials)):
            continue
        entity = next(iter(entities.values()))
        wanted[initials] = (rx, entity)
        merged.update({m.entity.key: entity for m in mentions if m.kind == "org" and m.text == initials
                       and m.entity.key != entity.key and not table.get(m.entity.key)})
    if not wanted:
        return mentions
    return _add_occurrences(text, _with_entities(mentions, merged), wanted, [(m.start, m.end) for m in mentions])


def _short_forms_of_found_names(text: str, mentions: list[Mention], codes: set[str]) -> list[Mention]:
    """ "DB손보" is the "DB손해보험" the article names, "삼성SRA운용" its "삼성SRA자산운용", "西部ガスHD" its
    "西部ガスホールディングス": the press shortens the words that end a firm's name (pack
    `name_short_forms`, ending -> short ending); the short name is that firm wherever it is written."""
    forms = {long: short for code in codes for long, short in (pack(code).get("name_short_forms") or {}).items()}
    if not forms:
        return mentions
    wanted: dict[str, tuple] = {}
    for m in mentions:
        if m.kind != "org":
            continue
        for long, short in forms.items():
            if m.text.endswith(long) and len(m.text) > len(long):
                alias = m.text[: -len(long)] + short
                if alias not in wanted and alias in text and not gazetteer().find(alias):
                    wanted[alias] = (re.compile(re.escape(alias)), m.entity)
    if not wanted:
        return mentions
    return _add_occurrences(text, mentions, wanted, [(m.start, m.end) for m in mentions])


def _han_names_listed_with_found_firms(text: str, mentions: list[Mention], sentences) -> list[Mention]:
    """ "中新集团、亨通光电、元禾控股联手打造": in a script without spaces, a name listed with a firm
    the article names, between the list's marks (pack `enumeration_marks`, "、"), is a firm too,
    wherever the article writes it, when it writes it twice at least and it is no place and no
    common word (`org_cues.not_names`, `short_name_not`)."""
    table = gazetteer()
    orgs = sorted((m for m in mentions if m.kind == "org"), key=lambda m: m.start)
    wanted: dict[str, tuple] = {}
    for s in sentences:
        p = pack(s.language)
        marks = frozenset(p.get("enumeration_marks") or [])
        if not marks or p.spaced:
            continue
        stop = set((p.get("org_cues") or {}).get("not_names") or []) | set(p.get("short_name_not") or [])
        item, before_mark = _list_item_patterns(s.language)
        for m in orgs:
            if not (s.start <= m.start < s.end):
                continue
            # the item before the firm ("亨通光电、苏州元禾控股") and the one after it ("中新集团、亨通光电、")
            spans = []
            window = max(s.start, m.start - 10)
            if before := before_mark.search(text[window:m.start]):
                spans.append((window + before.start(1), window + before.end(1)))
            if text[m.end:m.end + 1] in marks and (after := item.match(text, m.end + 1)):
                spans.append(after.span())
            for start, end in spans:
                name = text[start:end]
                opens = start == s.start or text[start - 1] in marks or text[start - 1] in _LIST_EDGE
                closes = end >= s.end or text[end] in marks or text[end] in _LIST_EDGE
                if not (opens and closes) or name in stop or name in wanted or _a_place(name) or table.find(name) \
                        or any(o.start < end and start < o.end for o in mentions) or text.count(name) < 2:
                    continue
                entity = Entity(kind="org", key=slug_key(name), label=name, rdf_type="Firm")
                wanted[name] = (re.compile(re.escape(name)), entity)
    if not wanted:
        return mentions
    return _add_occurrences(text, mentions, wanted, [(m.start, m.end) for m in mentions])


@cache
def _list_item_patterns(code: str) -> tuple[re.Pattern, re.Pattern]:
    """An item of a list between a pack's `enumeration_marks` (2-8 characters, no digits or punctuation),
    and the same item right before a mark at the end of a text."""
    marks = re.escape("".join(pack(code).get("enumeration_marks") or []))
    item = rf"[^{marks}\s，,。：:；;（）()“”「」『』\d%％]{{2,8}}"
    return re.compile(item), re.compile(rf"({item})[{marks}]$")


_LIST_EDGE = frozenset("，,。：:；;（）()“”「」『』 \n")
_HANGUL_WORD = r"[가-힣][가-힣A-Za-z0-9&]{1,14}"
# "롯데이노베이트·남부발전·스톤피크 투자협약", "롯데이노베이트, 한국남부발전, ...": Korean names listed
_HANGUL_LIST = re.compile(rf"(?<![가-힣A-Za-z0-9&]){_HANGUL_WORD}(?:(?:·{_HANGUL_WORD})+|(?:,\s{_HANGUL_WORD})+)(?![·,])")
# "스톤피크(Stonepeak)": a Korean word right before a firm's Latin name in brackets
_HANGUL_BEFORE_BRACKET = re.compile(rf"(?:^|(?<=\s))({_HANGUL_WORD})\(")


def _korean_names_of_found_firms(text: str, mentions: list[Mention]) -> list[Mention]:
    """Korean press writes a foreign firm in Hangul with its Latin name in brackets once
    ("스톤피크(Stonepeak)"): the Hangul word is that firm wherever the article writes it. And a
    name listed with a firm the article names ("롯데이노베이트·남부발전·스톤피크") is a firm too,
    when the article writes it twice at least (particles glue to Korean names, so a name is
    found at the start of a word, whatever follows)."""
    wanted: dict[str, tuple] = {}
    orgs = [m for m in mentions if m.kind == "org"]
    for m in orgs:
        hit = _HANGUL_BEFORE_BRACKET.search(text, max(0, m.start - 17), m.start)
        if hit is not None and hit.end() == m.start and text[m.end:m.end + 1] == ")" \
                and not any(o.start < hit.end(1) and hit.start(1) < o.end for o in mentions):
            wanted[hit.group(1)] = m.entity
    cues = pack("ko").get("org_cues") or {}
    particles = "|".join(sorted(cues.get("particles") or [], key=len, reverse=True))
    not_names = set(cues.get("not_names") or [])

    def written(name: str) -> re.Pattern:  # the name as a word, a particle glued to it or not
        return re.compile(rf"(?<![가-힣A-Za-z0-9]){re.escape(name)}(?=(?:{particles}|도)?(?![가-힣]))")

    for listed in _HANGUL_LIST.finditer(text):
        items = [(listed.start() + i.start(), listed.start() + i.end(), i.group(0))
                 for i in re.finditer(_HANGUL_WORD, listed.group(0))]
        # (a comma list of two is a headline's "한전, 강원 송전망 보강": its subject, then the rest)
        if not any(any(o.start == a and o.end >= b - 1 for o in orgs) for a, b, _ in items) \
                or ("·" not in listed.group(0) and len(items) < 3):
            continue
        # "가스공사 주배관·한전 345kV 선로": after a firm's name (or the end of one), a list item is its object
        before = re.search(r"([가-힣]{2,})\s$", text[max(0, listed.start() - 16):listed.start()])
        owned = before is not None and any(o.text.endswith(before.group(1)) for o in orgs)
        for a, b, name in items:
            if name in wanted or name in not_names or any(o.start < b and a < o.end for o in mentions) or gazetteer()._lookup(name) \
                    or len(written(name).findall(text)) < 2 or (owned and a == listed.start()):
                continue
            wanted[name] = Entity(kind="org", key=slug_key(name), label=name, rdf_type="Firm")
    if not wanted:
        return mentions
    patterns = {name: (written(name), entity) for name, entity in wanted.items()}
    return _add_occurrences(text, mentions, patterns, [(m.start, m.end) for m in mentions])


def _written_again(label: str) -> str:
    """The pattern of a found name written again: a Latin name as a whole word; a name in a script
    without spaces anywhere, and one that mixes both ("UEM阳光在马股") with Latin ends not glued to
    more Latin letters."""
    if all(ch < "\u0250" or not ch.isalpha() for ch in label) and label[:1].isascii():
        return rf"(?<![\w]){_name_pattern(label)}(?![\w])"
    head = r"(?<![A-Za-z0-9])" if label[:1].isascii() else ""
    tail = r"(?![A-Za-z0-9])" if label[-1:].isascii() else ""
    return head + re.escape(label) + tail


def _name_pattern(label: str) -> str:
    """A found name as written again, also with its first word in capitals, as some papers open a
    story ("ABOITIZ InfraCapital, Inc. and ..." for "Aboitiz InfraCapital")."""
    first, _, rest = label.partition(" ")
    if not rest or first.isupper():
        return re.escape(label)
    return rf"(?:{re.escape(first)}|{re.escape(first.upper())}) {re.escape(rest)}"


def _occurrences(text: str, word: str, prepositions: list[str]) -> int:
    """How often the text writes `word` as a word; 0 if it is hyphenated ("KI-fabrikken"), if it
    is ever written after an article (common.yaml `articles`: "the Reit") or mostly after a place
    preposition of the text's languages ("in Birr": a town)."""
    if "-" in word:
        return 0
    # (an article of one letter is a preposition elsewhere: Portuguese "a", Spanish "aportar a Ence")
    articles = "|".join(map(re.escape, [a for a in common().get("articles") or [] if len(a) > 1]))
    if articles and re.search(rf"(?<![\w])(?i:{articles})\s+{re.escape(word)}(?![\w-])", text):
        return 0
    hits = re.findall(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text)
    places = "|".join(map(re.escape, prepositions))
    after_place = len(re.findall(rf"(?<![\w])(?i:{places})\s+{re.escape(word)}(?![\w-])", text)) if places else 0
    return 0 if 2 * after_place >= len(hits) else len(hits)


def _add_occurrences(text: str, mentions: list[Mention], wanted: dict[str, tuple[re.Pattern, object]],
                     taken: list[tuple[int, int]]) -> list[Mention]:
    """`mentions` plus every occurrence of each wanted name (its pattern, its entity; a group "name" in
    the pattern marks the name inside what it matches) that overlaps no `taken` span, or only shorter
    names inside it (which then give way, in extract)."""
    out = list(mentions)
    for name, (rx, entity) in wanted.items():
        for hit in rx.finditer(text):
            start, end = hit.span("name") if "name" in rx.groupindex else hit.span()  # (a group "name": the name alone)
            if not any(start < e and s < end and not (start <= s and e <= end and e - s < len(name)) for s, e in taken):
                out.append(Mention(start, end, name, entity, (entity,)))
                taken.append((start, end))
    return out


def _a_share_price(amount, sentence: str, p) -> bool:
    """ "NEXTDC shares jumped 6.4% to $17.21", "收盘86.20元", "مرتفعاً 1.4% عند 2.87 درهم": a price
    written without a scale of a million or more in a sentence about shares is a quote, not a
    figure (a myriad is below that: "7만1200원", "9万円" are prices, and so is "목표주가를 38만 원으로":
    a price in myriads may reach millions of won)."""
    ceiling = 10_000_000 if amount.scale == 1e4 else 100_000
    return (amount.kind == MONEY and amount.scale < 1e6 and (amount.point or 0) < ceiling
            and p.finds(("share_price_words", "stock_market_words"), sentence))


def _on_a_stock_box_line(amount, sentence: str) -> bool:
    """Whether the line of the sentence the amount stands on is a stock box's ("ATH   FJ$2.48   +0.10"): its
    price and its change are quotes, no figures (not a term's letters: "CAPEX US$85,000 +12%", "FY25 ...")."""
    start, end = sentence.rfind("\n", 0, amount.start) + 1, sentence.find("\n", amount.end)
    line = _STOCK_BOX_LINE.fullmatch(sentence, start, len(sentence) if end < 0 else end)
    return line is not None and line.group("ticker") not in term_acronyms() and not re.match(r"(?:FY|[QH]\d)", line.group("ticker"))


# "ATH   FJ$2.48   +0.10", "BHP  A$45.20  -1.2%": a line of a stock box, nothing but a ticker, its price and its
# change or "unch"
_STOCK_BOX_LINE = re.compile(r"\s*(?P<ticker>[A-Z][A-Z0-9.&]{1,7})\s+\S*\d[\d.,]*\S*\s+(?:[+\-−–]\s?\d[\d.,]*%?|unch|n/c)\s*")


def _price_after_a_move(amount, amounts, sentence: str, p) -> bool:
    """ "NEXTDC slipped 1.1 per cent to $15.42", "a bondi de 3,4% à 98,50 DH", "subió un 1,2%, hasta
    24,15 euros": a price without a scale word right after a rise or fall in per cent is the share
    price it reached, no figure (and the sentence is about the shares, whatever words it uses)."""
    # (a large number only with the currency before it: "rose 3.1% to VND118,600", a currency of small
    # units; "1천100억원" is a sum written in myriads)
    if amount.kind != MONEY or amount.scale >= 1e6 or ((amount.point or 0) >= 100_000 and not amount.text[:1].isalpha()):
        return False
    for move in amounts:
        gap = sentence[move.end:amount.start]
        if move.kind != PERCENT or move.end > amount.start or len(gap) > 30 or re.search(r"\d", gap):
            continue
        if p.finds(("growth_up", "growth_down"), sentence[max(0, move.start - 40):amount.start]):
            return True
    return False


def _an_exchange_rate(amount, sentence: str, p) -> bool:
    """ "سعر صرف الدينار يبلغ نحو 3.26 دولار", "at an exchange rate of 1.08 dollars to the euro": money
    without a scale word in a sentence about an exchange rate (`exchange_rate_words`) is the rate."""
    # (below 100,000: a peso's or a won's rate runs to thousands, "un valor de la UF de $ 39.850")
    return amount.kind == MONEY and amount.scale < 1e6 and (amount.point or 0) < 100_000 and p.finds(("exchange_rate_words",), sentence)


# "1 euro = environ ": one unit of a currency, an equals sign and a word at most before the rate (any language:
# the sign says it, not a word)
_ONE_UNIT_EQUALS = re.compile(r"(?<![\d.,])1\s?[^\d\s=]{1,12}\s?=\s?(?:\w+\s)?$")


def _a_currency_pair(amount, scanned, sentence: str) -> bool:
    """ "at J$157.60 to US$1", "1 euro = environ 5 000 ariary": money without a scale word a few characters from one
    unit of another currency is an exchange rate, and so is that unit (in any language)."""
    def unscaled(a) -> bool:
        return a.kind == MONEY and a.scale < 1e6

    if not unscaled(amount):
        return False
    if _ONE_UNIT_EQUALS.search(sentence, max(0, amount.start - 30), amount.start):
        return True
    return any(
        unscaled(other) and other.unit != amount.unit and (other.value == 1 or amount.value == 1)
        and 0 <= (other.start - amount.end if other.start >= amount.end else amount.start - other.end) <= 12
        for other in scanned if other is not amount)


@cache
def _currency_as_subject(code: str) -> re.Pattern | None:
    """A currency's name after an article (common.yaml `currency_subject_articles`) opening a clause: a space
    after the article, none after an elided one ("l'euro")."""
    words = pack(code).regex.get("currency_word")
    articles = common().get("currency_subject_articles") or []
    elided = "|".join(map(re.escape, [a for a in articles if a.endswith(("'", "’"))]))
    spaced = "|".join(map(re.escape, [a for a in articles if not a.endswith(("'", "’"))]))
    if words is None or not spaced:
        return None
    opener = rf"(?:(?i:{spaced})\s+" + (rf"|(?i:{elided})" if elided else "") + ")"
    return re.compile(rf"(?:^|[,;:]\s*){opener}(?:{words.pattern})(?!\w)", words.flags)


def _a_currency_quoted(amount, sentence: str, p) -> bool:
    """ "The ringgit closed at RM4.25 to the US dollar", "O dólar fechou a R$ 5,41", "le dollar s'échangeait
    autour de 2 850 francs": money without a scale word in the clause a currency opens as its subject is its
    rate (not money in a later clause: "The dollar's strength hurt margins, but Vetta will spend $800,000")."""
    rx = _currency_as_subject(p.code)
    if amount.kind != MONEY or amount.scale >= 1e6 or rx is None:
        return False
    opened = list(rx.finditer(sentence, 0, amount.start))
    return bool(opened) and not re.search(r"[,;:，；]", sentence[opened[-1].end():amount.start])


def _asked_about(amount, sentence: str, p) -> bool:
    """ "Asked whether a 500-megawatt campus was possible, he ...", "Auf die Frage, ob auch 200 Megawatt denkbar
    seien, winkte er ab": an amount in the question a reporter put (`question_markers` before it, and the
    question's end, its first comma, after it) states nothing; the answer after the comma does."""
    rx = p.regex.get("question_markers")
    if rx is None:
        return False
    return any(not re.search(r"[,:;，：；、]", sentence[m.end():amount.start]) and amount.start - m.end() <= 80
               for m in rx.finditer(sentence, 0, amount.start))


def _a_salary(amount, sentence: str, p) -> bool:
    """ "an average salary of $78,000", "年薪约25万元": money without a scale word of a million right
    after a word for pay (`salary_words`, at most three words before it) is one person's pay, no figure."""
    if amount.kind != MONEY or amount.scale >= 1e6 or (amount.point or 0) >= 1e6:
        return False
    rx = _pay_before_an_amount(p.code)
    return rx is not None and bool(rx.search(sentence, 0, amount.start))


@cache
def _pay_before_an_amount(code: str) -> re.Pattern | None:
    """A pack's word for pay, then at most three words (or characters, where none are spaced) up to the end."""
    p = pack(code)
    words = p.regex.get("salary_words")
    if words is None:
        return None
    between = r"\W*(?:\w+\W+){0,3}" if p.spaced else r".{0,3}"
    return re.compile(rf"(?:{words.pattern}){between}$", words.flags)


@cache
def _spread_over_a_benchmark() -> re.Pattern | None:
    """A benchmark rate and "plus" right before a percentage ("CDI + 1,10% ao ano", "SONIA plus 2.75%",
    "TLP mais 1,9%"): a loan's price, no figure (common.yaml `benchmark_rates`, `spread_words`)."""
    rates, plus = common().get("benchmark_rates") or [], common().get("spread_words") or []
    if not rates or not plus:
        return None
    return re.compile(rf"(?<![\w])(?:{'|'.join(map(re.escape, rates))})\s*(?:{'|'.join(map(re.escape, plus))})\s*(?:de\s+|of\s+)?$", re.IGNORECASE)


def _a_price_gap(amount, sentence: str, p) -> bool:
    """ "upside of about 21%", "代價較估值折讓約3%", "plus or minus 5%", "35％のプレミアム", "a 35% premium": a
    percentage a price sits above another, or a forecast's tolerance, is no figure (`price_gap_words`, a few
    characters before it, or `price_gap_after` right after it)."""
    if amount.kind != PERCENT:
        return False
    before, after = p.regex.get("price_gap_words"), p.regex.get("price_gap_after")
    return bool(before is not None and before.search(sentence, max(0, amount.start - 24), amount.start)) \
        or bool(after is not None and after.match(sentence, amount.end))


def _replaced(amount, sentence: str, p) -> bool:
    """ "It is 410 acres, not 140 acres": the figure a correction replaces, right after the pack's
    `replaced_markers`, is no fact."""
    rx = p.regex.get("replaced_markers")
    if rx is None:
        return False
    before = len(sentence[:amount.start].rstrip())
    return any(m.end() == before for m in rx.finditer(sentence, max(0, amount.start - 12), amount.start))


def _a_spread(amount, sentence: str) -> bool:
    rx = _spread_over_a_benchmark()
    return amount.kind == PERCENT and rx is not None and bool(rx.search(sentence[max(0, amount.start - 40):amount.start]))


# "locking in 2027 dollars": a year before a currency's word, no sum (a sum that size is written "$2,027")
_YEAR_BEFORE_A_CURRENCY_WORD = re.compile(r"(?:19|20)\d\d\s\D")


def _a_year_of_money(amount) -> bool:
    return amount.kind == MONEY and amount.scale == 1 and bool(_YEAR_BEFORE_A_CURRENCY_WORD.fullmatch(amount.text[:6]))


def _a_count_per(amount, sentence: str, p) -> bool:
    """ "每10股派发现金红利2元": a count right after a marker of "each" (the pack's `count_per_markers`)
    is the base of a rate, no figure."""
    before = _marker_right_before(p.code, "count_per_markers")
    return amount.kind == COUNT and before is not None and before.search(sentence, max(0, amount.start - 12), amount.start) is not None


def _a_crowd(amount, sentence: str, p) -> bool:
    """ "More than 260 people signed up to speak", "80 personnes ont assisté": a count a verb of the pack's
    `crowd_verbs` follows closely is people at a hearing or a protest, no jobs."""
    crowd = p.regex.get("crowd_verbs")
    return amount.kind == COUNT and crowd is not None and crowd.search(sentence, amount.end, amount.end + 25) is not None


@cache
def _marker_right_before(code: str, key: str) -> re.Pattern | None:
    """One of the pack's `key` markers ending right where the searched span ends (maybe a space between)."""
    rx = pack(code).regex.get(key)
    return re.compile(rf"(?:{rx.pattern})\s?$", rx.flags) if rx is not None else None


def _a_unit_price(amount, sentence: str, p) -> bool:
    """ "52 Euro je Quadratmeter", "$45 per MWh", "52 euros le m²": money without a scale
    word per unit of a thing is a rate (a land price, a power tariff), no sum anyone invests or earns."""
    per = p.regex.get("per_unit_markers")
    if amount.kind != MONEY or per is None:
        return False
    after = amount.end + len(sentence[amount.end:]) - len(sentence[amount.end:].lstrip())
    if amount.scale >= 1e6:
        # ("$10 million per megawatt", a build cost per unit, some report as a figure; not a land price,
        # "about $1.1 million an acre")
        hit = per.match(sentence, after)
        unit = p.regex.get("unit_word")
        return bool(hit and unit is not None and (word := unit.match(sentence[hit.end():].lstrip()))
                    and (p.get("units") or {}).get(_unit_key(word.group(0))) in _land_units())
    before = _marker_right_before(p.code, "per_unit_markers").search(sentence, max(0, amount.start - 12), amount.start)
    currency = p.regex.get("currency_word")
    if before and (amount.value == 1 or (currency is not None and currency.search(sentence[max(0, before.start() - 6):before.start()]))):
        return True  # the "1美元" of "32.45元兌1美元", the "3.28令吉" of "1新元兑3.28令吉"
    if before and _a_unit_ending(sentence[max(0, before.start() - 12):before.start()], p):
        return True  # "kWh당 140원", "3.3㎡당 80만원": the marker glued after the unit, the price after it
    hit = per.match(sentence, after) or _SLASH.match(sentence, after)  # ("Rs 4.38/kWh" in any language)
    if hit is None:
        return False
    rest = sentence[hit.end():].lstrip()
    number = re.match(r"\d[\d.,]*\s?", rest)
    if number and currency is not None and currency.match(rest, number.end()):
        rest = rest[number.end():]  # "兌1美元", "兑3.28令吉": so many of another currency
    # (or per unit of a currency: "a $ 1.415 por dólar", an exchange rate)
    return any(p.regex.get(key) is not None and p.regex[key].match(rest) for key in ("unit_word", "currency_word", "rate_nouns")) \
        or bool(_UNIT_SYMBOL.match(rest))


def _a_tax_rate(amount, sentence: str, p) -> bool:
    """ "la tarifa de renta de zona franca del 20%", "Indiana's 7% sales tax": a percentage the pack's
    `tax_rate_words` name a few words before it (or right after it) is a tax rate, no figure. (Interest rates and
    coupons stay: the older corpora count them.)"""
    words = p.regex.get("tax_rate_words")
    if amount.kind != PERCENT or words is None:
        return False
    before = list(words.finditer(sentence, max(0, amount.start - 40), amount.start))
    gap = sentence[before[-1].end():amount.start] if before else ""
    # (a few words between, none of them another measure: "de zona franca del", not "lifted its net profit")
    return bool(before and not re.search(r"[,;，；、]|\d", gap) and len(gap.split()) <= 4
                and not any(rx.search(gap) for rx in p.trigger_regex.values())) \
        or words.match(sentence, _skip_space(sentence, amount.end)) is not None


def _a_rate_base(amount, sentence: str, p) -> bool:
    """ "3.3㎡당 80만원": an amount a per-unit marker is glued to, a price right after, is the base of a rate."""
    per = p.regex.get("per_unit_markers")
    hit = per.match(sentence, amount.end) if per is not None and amount.kind == AREA else None
    return hit is not None and re.match(r"\s?\d", sentence[hit.end():]) is not None


def _a_unit_ending(text: str, p) -> bool:
    """Whether `text` ends with a unit or a rate noun of the pack ("kWh", "㎡", "주")."""
    return bool(_UNIT_SYMBOL_AT_END.search(text)) or any(
        (rx := p.regex.get(key)) is not None and any(hit.end() == len(text) for hit in rx.finditer(text))
        for key in ("unit_word", "rate_nouns"))


@cache
def _land_units() -> frozenset[str]:
    """The units of land (common.yaml `land_units`): a price per one is a land price."""
    return frozenset(common()["land_units"])


_SLASH = re.compile(r"\s?[/／]")
_UNIT_SYMBOL = re.compile(r"(?:m²|m2|㎡|qm|ft²|sq\.? ?ft|[kMG]Wh?|TWh)(?!\w)")
_UNIT_SYMBOL_AT_END = re.compile(rf"(?:{_UNIT_SYMBOL.pattern})$")


# full-width Latin letters and digits, as Japanese and Chinese papers write them ("ＢＳＮアイネット"),
# one for one as ASCII: names are found and labelled in them, offsets stay those of the text
_HALF_WIDTH = {c: c - 0xFEE0 for r in ((0xFF10, 0xFF1A), (0xFF21, 0xFF3B), (0xFF41, 0xFF5B)) for c in range(*r)}


# no-break, narrow, figure and thin spaces, as web pages write them inside numbers and before units
# ("1 200 MW", "50 milliards"): read as spaces
_ODD_SPACES = {c: " " for c in (0x00A0, 0x2007, 0x2009, 0x200A, 0x202F)}
# soft hyphens, zero-width spaces, word joiners and stray byte-order marks, which web pages leave inside
# words ("Rechen\u00adzentrum"): not read at all
_INVISIBLE = frozenset("\u00ad\u200b\u2060\ufeff")
_HTML_ENTITY = re.compile(r"&(?:#\d{2,6}|#[xX][0-9a-fA-F]{2,5}|[A-Za-z]{2,8});")
_LINE_END = re.compile(r"[.!?:;。！？」』”\"»)]\s*$")
_GOES_ON = re.compile(r"[a-zà-ÿ(]")
# kana, Han characters, full-width forms and CJK punctuation: written without spaces between words (a line
# break between two is none)
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")
_UNSPACED_OR_DIGIT = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f0-9]")
_WORD_UNSPACED_OR_DIGIT = re.compile(r"[\u3040-\u30ff\u3400-\u9fff0-9]")  # (not a dek's opening "～" or "——")
_LIST_ITEM = re.compile(r"\s*(?:(?:[-–—•*·▪►]|\d{1,2}[.)])\s|\d{1,2}．|[(（]\d{1,2}[)）]|[\u2460-\u2473])")  # (a list's items stay lines of their own)
_TABLE_GAP = re.compile(r"\S(?: {3,}|\t|\u3000{2,})\S")  # ("① 払込金額の総額　　　4,998,000,000円": a table's row)


def _as_written_for_reading(text: str) -> tuple[str, list[int], list[int]]:
    """The text as the rules read it, and for each of its characters the offsets where the text it
    comes from starts and ends: odd spaces as spaces, invisible characters left out, HTML entities as
    their character, a paragraph wrapped at a fixed width (as wire copy and e-mail are) as one line,
    and then a run of spaces as one."""
    text = text.translate(_ODD_SPACES)
    keep = [c not in _INVISIBLE for c in text]
    chars = list(text)
    ends = list(range(1, len(text) + 1))
    # HTML entities a page's text kept ("AT&amp;T", "1&nbsp;200", "d&#8217;euros"): read as their character
    for entity in _HTML_ENTITY.finditer(text):
        character = html.unescape(entity.group(0)).translate(_ODD_SPACES)
        if len(character) == 1 and character != entity.group(0):
            chars[entity.start()] = character
            keep[entity.start()] = character not in _INVISIBLE  # ("&shy;" is a soft hyphen too)
            ends[entity.start()] = entity.end()
            for i in range(entity.start() + 1, entity.end()):
                keep[i] = False
    # wrapped paragraphs: their inner line ends become spaces
    pos = 0
    for block in re.split(r"(\n\s*\n)", text):
        lines = block.rstrip("\n").split("\n")
        starts = [pos + sum(len(line) + 1 for line in lines[:i]) for i in range(len(lines))]
        for first, last in _wrapped_runs(lines):
            for i in range(first, last):
                line, following, at = lines[i], lines[i + 1], starts[i] + len(lines[i])
                # the "\n" after this line reads as a space; as nothing inside a word cut at its hyphen
                # ("Schiffgraben-\nStraße") or between two characters of a script that writes no spaces
                # (nor beside a digit: "约3\n000个", "45\n亿元")
                if line.endswith("-") and line[-2:-1].isalpha() and following[:1].isalpha() or (
                        _UNSPACED_OR_DIGIT.match(line[-1:]) and _UNSPACED_OR_DIGIT.match(following[:1])
                        and _UNSPACED.search(line[-12:])):  # (digits alone in Latin text keep their space: "Phase 1\n200 MW")
                    keep[at] = False
                else:
                    chars[at] = " "
        pos += len(block)
    # then a run of spaces (and tabs) reads as one space
    out, index, out_ends = [], [], []
    for i, c in enumerate(chars):
        if not keep[i]:
            continue
        if c in " \t" and out and out[-1] in " \t":
            out[-1] = " "
            out_ends[-1] = ends[i]
            continue
        out.append(c)
        index.append(i)
        out_ends.append(ends[i])
    return "".join(out), index, out_ends


def _columns(line: str) -> int:
    """The width of a line as a terminal or a wrapping tool counts it: a Han, kana, Hangul or
    full-width character takes two columns."""
    return len(line) + sum(1 for c in line if c >= "\u1100" and unicodedata.east_asian_width(c) in "WF")


def _wrapped_runs(lines: list[str]) -> list[tuple[int, int]]:
    """The (first, last) line indices of each paragraph wrapped inside a block of lines: a run of
    lines about as wide as the block's widest (40 characters or more), with the line after them,
    that `_wrapped` accepts. A heading or a short line above a wrapped paragraph ("1. Overview")
    stays a line of its own."""
    widest = max(_columns(line.rstrip()) for line in lines)
    full = [_columns(line.rstrip()) >= max(40, 0.75 * widest) for line in lines]
    runs, i = [], 0
    while i < len(lines) - 1:
        if not full[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(lines) - 1 and full[j + 1]:
            j += 1
        if _wrapped(lines[i:j + 2]):
            runs.append((i, j + 1))
        i = j + 2
    return runs


def _wrapped(lines: list[str]) -> bool:
    """Lines of one paragraph cut at a fixed width: three or more of about the same length whose ends
    fall mostly inside sentences, and whose next lines do not all open with a capital unless the last
    ends a sentence (a list of short statements, such as teasers, does neither; German wraps before
    its capitalised nouns); or two whose long first line is cut inside a sentence and whose second
    goes on in lower case ("... will invest $1.9\nbillion in ...") or follows a comma or a hyphen."""
    if any(_LIST_ITEM.match(line) for line in lines[1:]) or any(_TABLE_GAP.search(line) for line in lines):
        return False  # (one item of a list may be wrapped: its first line opens with the item's mark)
    widths = [_columns(line.rstrip()) for line in lines[:-1]]
    # (a wrapping tool fills each line: the next line's first word would not have fitted on it;
    # a fact box's lines, "612 acres — rezoned" under a longer one, would have)
    width = max(widths + [_columns(lines[-1].rstrip())])  # (at least the width the tool wrapped at)
    if any(w + 1 + _columns(following.split(" ", 1)[0]) <= width for w, following in zip(widths, lines[1:])):
        return False
    if len(lines) >= 3:
        inside = sum(1 for line in lines[:-1] if not _LINE_END.search(line))
        capitals = sum(1 for line in lines[1:] if line[:1].isupper())
        return (min(widths) >= 40 and min(widths) >= 0.75 * max(widths) and 2 * inside >= len(lines) - 1
                and (capitals < len(lines) - 1 or bool(_LINE_END.search(lines[-1]))))
    return len(lines) == 2 and widths[0] >= 60 and not _LINE_END.search(lines[0]) and (
        bool(_GOES_ON.match(lines[1])) or lines[0].rstrip().endswith((",", "-"))
        or (_UNSPACED_OR_DIGIT.match(lines[0][-1:]) and _WORD_UNSPACED_OR_DIGIT.match(lines[1][:1])))


def extract(document) -> Extraction:
    """The figures, entities, relations and facilities of a document. The rules read the text with
    its spacing made regular (`_as_written_for_reading`); every quote is then taken again from the
    document's own text, at the offsets it came from, so it stays exact."""
    readable, starts, ends = _as_written_for_reading(document.text)
    if readable == document.text:
        return _extract(document)
    found = _extract(replace(document, text=readable))

    def original(span):
        start = starts[span.start] if span.start < len(starts) else len(document.text)
        end = ends[span.end - 1] if span.end > span.start else start
        return replace(span, start=start, end=end, text=document.text[start:end])

    # (once per evidence: figures may share one)
    evidences = {id(ev): ev for owner in [*found.figures, *found.facilities] for ev in owner.evidence}
    for evidence in evidences.values():
        evidence.sentence, evidence.mention = original(evidence.sentence), original(evidence.mention)
    return found


def _extract(document) -> Extraction:
    text = document.text
    languages = list(document.languages) or ["en"]
    sentences = split_sentences(text, languages)
    facility_nouns = [rx for code in languages if (rx := pack(code).regex.get("facility_nouns")) is not None]
    # (names are looked for in the text with its full-width letters made plain; the quotes stay the text's)
    plain = text.translate(_HALF_WIDTH)
    named_in = [replace(s, text=plain[s.start:s.end]) for s in sentences] if plain != text else sentences
    mentions = _national_arms(plain, _drop_table_acronyms_given_to_other_names(plain, _drop_false_aliases(gazetteer().find(plain), named_in)),
                              facility_nouns)
    names = proper_words(named_in)
    for s in named_in:
        local = [replace(m, start=m.start - s.start, end=m.end - s.start) for m in mentions if s.start <= m.start < s.end]
        mentions.extend(discover(s.text, local, pack(s.language), s.start, names))
    mentions = _one_firm_per_key(mentions)
    codes = {s.language for s in sentences}
    prepositions = sorted({w for code in codes for w in pack(code).get("place_prepositions") or []})
    # (the ones that are no "of" too: "as da Orbis" is the firm's shares, "nach Mühleberg" the village)
    place_only = sorted({w for code in codes for w in pack(code).get("place_prepositions") or []
                         if w not in (pack(code).get("of_words") or [])})
    mentions = _every_mention_of_found_names(plain, _short_names_in_brackets(plain, mentions), names, prepositions)
    if "ko" in codes:
        mentions = _korean_names_of_found_firms(plain, mentions)
    mentions = _first_words_of_long_names(plain, mentions, names, place_only)
    mentions = _names_listed_with_found_firms(plain, mentions, named_in, names)
    mentions = _han_names_listed_with_found_firms(plain, mentions, named_in)
    mentions = _short_forms_of_found_names(plain, _possessive_words_of_found_names(plain, mentions), codes)
    mentions = _the_holding(plain, _called_by_their_kind_word(plain, mentions), codes)
    mentions = _acronyms_of_found_names(plain, _found_names_without_their_firm_words(plain, mentions))
    mentions = _han_names_without_their_middle(plain, _han_short_names(plain, mentions, codes), codes)
    mentions = _names_without_their_descriptor(plain, mentions, codes)
    mentions.sort(key=lambda m: m.start)
    # a longer name wins over a name inside it ("Fastweb + Vodafone" over "Vodafone")
    mentions = [m for m in mentions if not any(o is not m and o.start <= m.start and m.end <= o.end
                                               and o.end - o.start > m.end - m.start for o in mentions)]
    mentions = _names_given_hereinafter(plain, mentions)
    arms = tuple(w for code in codes for w in (pack(code).get("org_cues") or {}).get("arm_words") or [])
    conjunctions = tuple(c for code in codes for c in pack(code).get("conjunctions") or [] if " " not in c)
    mentions = _called_by_their_head(_short_names_to_long(plain, _drop_datelines(plain, mentions), arms, conjunctions), codes)
    mentions = _short_names_of_latin_labelled(_declined_names_of_found_firms(mentions, codes))
    mentions = _brokers(plain, _han_firms_by_their_short_name(mentions), codes)
    mentions = _one_firm_per_key(_local_names_of_found_firms(_surnames_are_people(mentions)))

    furniture = furniture_spans(text, [h for code in codes for h in pack(code).get("furniture_headers") or []],
                               [t for code in codes for t in pack(code).get("page_tools") or []])
    # (a firm named only in the links to other stories is not what the story is about)
    issuer_labels = [label for code in codes for label in pack(code).get("issuer_labels") or []]
    issuer_line = re.compile(rf"\s*(?:{'|'.join(map(re.escape, issuer_labels))})\s*[:：]?\s*") if issuer_labels else None
    state = DocumentState(main_org=_main_org([m for m in mentions if not any(a <= m.start < b for a, b in furniture)], text,
                                             issuer_line))
    # (not the "US" of "US$140 million": a currency's letters name no place the story is about)
    place_countries = [gazetteer().country_of(m.entity) for m in mentions if m.kind == "place" and text[m.end:m.end + 1] not in ("$", "＄")]
    ranked = Counter(c for c in place_countries if c).most_common(2)
    story_country = ranked[0][0] if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]) else None
    dollar = local_dollar(text, place_countries)
    bare_words = {code: bare_word_currencies(text, pack(code), place_countries) for code in codes}
    periods = PeriodFinder(getattr(document, "reference_date", None))
    figures, orphans = [], []
    extraction = Extraction()
    rstate = RelationState()
    main_country = _main_country(mentions)
    last_currency, previous_end = None, 0
    place_counts: dict[str, Counter] = {"Region": Counter(), "City": Counter()}
    places_named: dict[str, Entity] = {}
    quoted = quote_spans(text, dash_dialogue=any(pack(code).get("dash_dialogue") for code in codes))
    sections = _roundup_sections(text, [m for m in mentions if not any(a <= m.start < b for a, b in furniture)])
    for s in sentences:
        p = pack(s.language)
        if any(a <= s.start and s.end <= b for a, b in furniture):
            continue  # links to other stories, quote boxes: not this article's figures
        if sections and sections[0][0] <= s.start:
            _, state.main_org = sections.pop(0)  # the next item of a roundup: its own firm
            state.last_subject, state.last_subject_sentence, state.last_facility_subject = None, -10, None
        local = [replace(m, start=m.start - s.start, end=m.end - s.start) for m in mentions if s.start <= m.start and m.end <= s.end]
        view = SentenceView(sentence=s, pack=p, mentions=local, periods=periods.find(s.text, p))
        # a currency carries over to the next sentences ("un finanziamento da 550 mln" in a story
        # in euros); a paragraph starts a new topic for continued subjects (DocumentState)
        if "\n" in text[previous_end:s.start]:
            state.paragraph_start = s.index
        scanned = scan_amounts(s.text, p, last_currency)
        quoted_prices = [a for a in scanned if _price_after_a_move(a, scanned, s.text, p)]
        view.quotes_a_share_price = bool(quoted_prices)
        retraction = p.regex.get("retraction_markers")
        amounts = [a for a in scanned if a not in quoted_prices and not _a_share_price(a, s.text, p)
                   and not (retraction is not None and retraction.search(s.text, 0, a.start))
                   and not _replaced(a, s.text, p)
                   and not _a_unit_price(a, s.text, p) and not _a_count_per(a, s.text, p) and not _an_exchange_rate(a, s.text, p)
                   and not _a_currency_pair(a, scanned, s.text) and not _a_crowd(a, s.text, p) and not _a_currency_quoted(a, s.text, p)
                   and not _a_rate_base(a, s.text, p) and not _a_tax_rate(a, s.text, p)
                   and not _a_salary(a, s.text, p) and not _a_year_of_money(a) and not _a_spread(a, s.text)
                   and not _asked_about(a, s.text, p)
                   and not _a_price_gap(a, s.text, p) and not _on_a_stock_box_line(a, s.text)
                   and a.unit not in ("kW", "kWh")  # under a megawatt (hour): a rack's density ("120 kW per rack"), a battery
                   and not imagined(p, text, s.start, s.end, s.start + a.start, s.start + a.end, quoted)]
        previous_end = s.end
        relabel(amounts, dollar)
        relabel_words(amounts, bare_words[s.language], p.get("currency_words") or {})
        relabel_local_units(amounts, p, story_country)
        # (a currency written once is the one the amount it was written with was relabelled to)
        said = last_currency
        for a in amounts:
            if a.kind == MONEY and a.currency_said_before and said is not None:
                a.unit = said
            said = a.unit if a.kind == MONEY else said
        # (after relabelling: a Hong Kong paper's "52億元" carries HKD to the next "18億")
        last_currency = next((a.unit for a in reversed(amounts) if a.kind == MONEY), last_currency)
        # a name inside an amount is part of a currency ("US" in "US-Dollar"), not a mention
        # (and in the conversion beside it: "(cerca de US$ 330 milhões)")
        spans = [(a.start, a.end) for a in amounts] + [(c.start, c.end) for a in amounts for c in a.conversions]
        view.mentions = [m for m in local if not any(s_ <= m.start and m.end <= e_ for s_, e_ in spans)]
        countries = [m.entity for m in view.mentions if m.kind == "place" and m.entity.rdf_type == "Country"]
        state.last_country = (countries[0] if countries else None) or state.last_country or main_country
        governments = [m.entity for m in view.mentions if m.kind == "org" and m.entity.rdf_type == "Government"]
        state.last_government = governments[-1] if governments else state.last_government
        # ("la région", "全市": the region and the city the story has named most so far)
        for m in view.mentions:
            if m.kind == "place" and m.entity.rdf_type in ("Region", "City"):
                place_counts[m.entity.rdf_type][m.entity.key] += 1
                places_named[m.entity.key] = m.entity
        state.story_region = _named_most(place_counts["Region"], places_named) or state.story_region
        state.story_city = _named_most(place_counts["City"], places_named) or state.story_city
        found, lost = sentence_figures(view, amounts, state, s.start)
        if found and not figures:  # the document's first figure decides whether it is a market report
            state.market_place = _market_of_the_report(found[0], state.main_org, mentions, text, s.end)
        figures.extend(found)
        orphans.extend(lost)
        sentence_relations(view, state, rstate, extraction)
        listed = _last_list_of_firms(view)
        if len(listed) >= 2:
            state.last_org_list = listed
        # (a share held by an owner, "gehört zu 81 Prozent dem Axpo-Konzern", does not make the
        # owner the firm "the company" refers to next)
        firms = [f.subject for f in found if f.subject.kind == "org" and f.subject.rdf_type != "Government"
                 and not _owner_after_its_share(f, view)]
        # (an investor or a lender in a deal with the story's firm, which the sentence names too, is
        # not "the company" of the next sentence: the story's firm is; nor an investor's ticket in a
        # round just announced that the sentence does not name: "La SNCI investit 30 millions")
        if state.main_org is not None:
            named = any(m.entity == state.main_org for m in view.mentions)
            round_just_named = any(topic == "funding_round" and 0 <= s.index - idx <= DEAL_TOPIC_REACH
                                   for idx, topic in state.deal_topics)
            investors = {f.subject.key for f in found if f.subject != state.main_org
                         and (_a_stake_or_a_loan(f) if named else f.metric == "equity_investment" and round_just_named)}
            if investors and all(firm.key in investors for firm in firms):
                firms = [state.main_org]
            # (nor are lenders who give a loan together: "CBAO, Ecobank et la BOAD apportent 60 milliards de dette";
            # nor the seller of the story's firm's power: "signed a power purchase agreement with Meridian Energy")
            partners = state.deal_participants.get(s.index, set())
            if firms and all(f.metric in ("loan_or_debt", "power_capacity") and f.subject.key in partners
                             for f in found if f.subject in firms):
                firms = [state.main_org]
        if firms:  # "the company" refers to a firm, never to a country or a sector; the sentence's first one
            state.last_subject, state.last_subject_sentence = firms[0], s.index
        elif not found:
            # (nor an adviser of the deal: "대표주관사는 신한투자증권", "with Vetta Securities as bookrunner")
            orgs = [m for m in subject_candidates(view) if m.kind == "org" and m.entity.rdf_type not in ("Government", "AnalystFirm")
                    and not _an_adviser(view, m)]
            # the sentence's subject; a firm after a preposition only when it opens the sentence
            # ("For Fluidstack, the project is a success"), not "a loan led by DNB, Nordea and SEB"
            subjects = [m for m in orgs if not is_object_position(view, m, 0)] or [
                m for m in orgs if p.spaced and len(s.text[:m.start].split()) <= 2]
            if subjects:
                state.last_subject, state.last_subject_sentence = subjects[0].entity, s.index

    extraction.figures = merge_figures(figures, orphans)
    seen = {}
    for m in mentions:
        seen.setdefault((m.entity.kind, m.entity.key), m.entity)
        extraction.surface_forms.setdefault(m.entity.key, set()).add(m.text)
    for f in extraction.figures:
        for e in [f.subject, *f.locations, *f.counterparts]:
            seen.setdefault((e.kind, e.key), e)
    extraction.entities = list(seen.values())
    finish(extraction, rstate)
    return extraction
