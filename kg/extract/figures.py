"""Attribution: which entity each amount is about, which metric, period, place and counterpart.

News sentences name several firms and amounts; the rules below read them the way a careful
reader does, using only the language packs' word lists:
- an amount inside a relative clause belongs to the clause's antecedent ("OpenAI, which plans
  to invest $1.4 trillion"); names inside an appositive or relative clause that closes before
  the amount are skipped ("Amazon, Anthropic's largest investor, has invested $8 billion");
- otherwise the nearest organisation before the amount in its clause that is not the object of
  a preposition ("a partnership with Fluidstack"), then places ("the U.S. could face a shortfall");
- "the company" / "the project" / "the facility" refer back to the last subject, the article's
  main organisation, or the last facility figure; "respectively" pairs lists in order;
- the same amount stated twice in a document (a headline, a Chinese summary) is one figure
  with several evidence spans; an amount with no subject only ever adds evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache

from .entities import Mention, gazetteer, legal_tail
from .language import LanguagePack, common, pack as _pack
from .model import Entity, Evidence, Figure, Quantity, Span
from .numbers import AREA, COUNT, ENERGY, MONEY, PERCENT, POWER, RATIO, VOLUME, Amount
from .sentences import Sentence
from .time import PeriodMention

# Among trigger words right beside an amount, specific beats generic, then nearer, then this order.
METRIC_PRIORITY = [
    "capex_expectation", "funding_round", "valuation", "operating_loss", "cash_flow", "revenue",
    "capex", "loan_or_debt", "power_shortfall", "leased_capacity", "stock_move",
    "equity_investment", "facility_cost", "investment_commitment",
]
GENERIC_METRICS = {"investment_commitment", "other", "market_total"}
NON_SUBJECT_TYPES = {"AnalystFirm", "Media"}
FACILITY_METRICS = {"facility_cost", "land_area", "power_capacity"}
_COMMA = re.compile(r"[,،，](?!\d)\s*")
PARTICLE_OF_MARKER = {"object_markers": "object", "counterpart_markers": "counterpart",
                      "tenant_markers": "tenant", "builder_markers": "builder"}
_CLAUSE_PUNCT = re.compile(r"[,;:،，；：()–—]")
_TOKEN = re.compile(r"[^\s,;:،，；：()\"“”„«»]+")


@dataclass
class DocumentState:
    """What earlier sentences established: the referents of "the company" and friends."""

    main_org: Entity | None = None
    last_subject: Entity | None = None
    last_subject_sentence: int = -10  # the index of the sentence that set last_subject
    last_facility_subject: Entity | None = None
    last_country: Entity | None = None  # the country the story named last ("the country's capacity")
    last_government: Entity | None = None  # the public body the story named last ("the council's commitment")
    story_region: Entity | None = None  # the region the story named most so far ("in tutta la regione")
    story_city: Entity | None = None  # the city the story named most so far ("全市", "citywide")
    recent_figures: list[tuple[int, Entity]] = field(default_factory=list)  # (sentence index, subject)
    # sentence index -> subjects that only took part in a deal there (a lender's share, an investor's ticket)
    deal_participants: dict[int, set[str]] = field(default_factory=dict)
    deal_topics: list[tuple[int, str]] = field(default_factory=list)  # (sentence index, loan_or_debt | funding_round)
    paragraph_start: int = 0  # the index of the first sentence of the current paragraph
    # a market report: the place its first figure is about, when the story's firm is not named
    # in its opening ("Le marché francilien ... 165 MW" before "Data4" in the third paragraph)
    market_place: Entity | None = None
    # the firms the last sentence that named two or more listed, in order ("promueven Forestalia,
    # el Grupo Samca y Endesa" before "Las tres compañías ... al 45%, 35% y 20%, respectivamente")
    last_org_list: list[Entity] = field(default_factory=list)
    last_share_move_sentence: int = -10  # the index of the last sentence with a share move


@dataclass
class SentenceView:
    """A sentence with its mentions, amounts and periods, all in sentence-relative offsets."""

    sentence: Sentence
    pack: LanguagePack
    mentions: list[Mention]  # offsets relative to the sentence
    periods: list[PeriodMention]
    object_marked: set[int] = field(default_factory=set)  # ids of mentions in object position
    quotes_a_share_price: bool = False  # "slipped 1.1 per cent to $15.42": a price after a move

    @property
    def text(self) -> str:
        return self.sentence.text


# ---- clause geometry ----------------------------------------------------------------------
def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \u00a0-":
        pos += 1
    return pos


def clause_span(view: SentenceView, pos: int) -> tuple[int, int]:
    """The clause around pos: cut at the pack's clause breaks (", while", ", und", "；")."""
    rx = view.pack.regex.get("clause_break")
    start, end = 0, len(view.text)
    if rx:
        for m in rx.finditer(view.text):
            s, e = m.start(), m.end()
            if view.text[s - 1:s].isdigit() and view.text[e:e + 1].isdigit():
                continue  # "1,000" is a number, not a clause break
            if e <= pos:
                start = max(start, e)
            elif s >= pos:
                end = min(end, s)
                break
    return start, end


def relative_openings(view: SentenceView) -> list[int]:
    """Offsets of commas that open a relative clause or appositive (", which", ", der", "، التي")."""
    rx = view.pack.regex.get("relative_markers")
    if rx is None:
        return []
    out = []
    for m in _COMMA.finditer(view.text):
        if rx.match(view.text, m.end()):
            out.append(m.start())
    return out


def closed_segments(view: SentenceView, pos: int) -> tuple[list[tuple[int, int]], int | None]:
    """Relative/appositive segments that close before pos, and the opening that contains pos."""
    openings = relative_openings(view)
    commas = [m.start() for m in _COMMA.finditer(view.text)]
    closed, containing = [], None
    for o in openings:
        if o >= pos:  # a relative clause after the amount: up to its next comma
            nxt = [c for c in commas if c > o]
            closed.append((o, nxt[0] if nxt else len(view.text)))
            continue
        between = [c for c in commas if o < c < pos]
        if between:
            closed.append((o, between[-1]))
        else:
            containing = o
    return closed, containing


def _a_place_between(view: SentenceView, start: int, end: int) -> bool:
    """ "dos parques eólicos da Finerge no Alto Minho, que vai fornecer 30 MW": only a preposition of place
    (`place_prepositions`) and a known place stand between a firm and the relative clause about it."""
    prep = view.pack.regex.get("place_prepositions")
    hit = prep.match(view.text, _skip_space(view.text, start)) if prep is not None else None
    if hit is None:
        return False
    at = _skip_space(view.text, hit.end())
    return any(m.kind == "place" and m.start == at and view.text[m.end:end].strip(" ,") == "" for m in view.mentions)


def in_any(span: tuple[int, int], segments) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in segments)


def preceded_by(view: SentenceView, mention: Mention, clause_start: int, key: str = "object_markers") -> bool:
    """The mention follows a preposition ("with Fluidstack", "von Anthropic", "لشركة Anthropic").

    Walks back over at most three filler words (articles, adjectives, "company") and stops at
    a conjunction, a number, another name or punctuation: "by 2025 and Google" is a subject.
    """
    particle = PARTICLE_OF_MARKER.get(key)
    if particle and f"particle_{particle}" in view.pack.regex:
        # languages that mark roles after the name: the particle decides, then the words before
        after = view.text[mention.end:mention.end + 12]
        nouns = view.pack.regex.get("company_nouns")
        lead = nouns.match(after) if nouns else None
        if lead:
            after = after[lead.end():]
        prx = view.pack.regex.get(f"particle_{particle}")
        if prx is not None and prx.match(after):
            return True
        srx = view.pack.regex.get("particle_subject")
        if srx is not None and srx.match(after):
            return False
    rx = view.pack.regex.get(key)
    if rx is None:
        return False
    head = view.text[clause_start:mention.start]
    ending = _ending(rx, whole_word=view.pack.spaced)
    if not view.pack.spaced:
        return bool(ending.search(head[-6:]))
    if key == "object_markers" and re.search(r"\(\s*$", head):
        return True  # "(EWEC)" restates the name before it; it is never the subject
    if re.search(r"[,;:،()]\s*$", head):
        return False
    conj = view.pack.regex.get("conjunctions")
    nouns = view.pack.regex.get("company_nouns")
    verbs = view.pack.regex.get("subject_verbs")
    relative = view.pack.regex.get("relative_pronouns")
    last_part = re.split(r"[,;:،()]", head)[-1]
    base = mention.start - len(last_part)  # sentence offset where last_part begins
    head = last_part
    tokens = list(_TOKEN.finditer(head))
    # walk back over at most three fillers: articles, company words, adjectives of nationality
    for step, tok in enumerate(reversed(tokens[-4:])):
        word = tok.group(0)
        if relative is not None and relative.fullmatch(word.lower()):
            return False  # "un crédito, en el que Banco X aporta": the relative clause's subject
        if ending.search(head[:tok.end()]):
            return True
        if step == 3 or (conj and conj.fullmatch(word.lower())) or word[:1].isdigit():
            return False
        if verbs and verbs.fullmatch(word):
            return False  # "An der Projektgesellschaft soll SAP ...": a name after the verb is its subject
        if nouns and nouns.search(word):  # "mit dem britischen Unternehmen Fluidstack"
            continue
        if len(word) <= 4 and word.lower() == word or word.lower() in _ARTICLES:
            continue
        if any(m.demonym and m.start <= base + tok.start() < m.end for m in view.mentions):
            continue  # "the British company X"
        if view.pack.code in _CASELESS and step < 2:
            continue
        return False
    return False


_ARTICLES = {"the", "a", "an", "die", "der", "das", "dem", "den", "des", "le", "la", "les", "el", "los", "las",
             "il", "lo", "gli", "o", "os", "as", "um", "uma", "un", "une", "una", "ein", "eine", "einem", "einer"}
_CASELESS = {"ar"}  # no capitals to tell a name from a filler word: allow two fillers
_ENDINGS: dict[tuple, re.Pattern] = {}


def _ending(rx: re.Pattern, whole_word: bool = True) -> re.Pattern:
    """The marker regex anchored at the end of a text ("... according to", "... mit dem").

    In spaced scripts the marker must start a word: Arabic "ل" is a clitic before a name, not
    the last letter of "تعمل".
    """
    key = (id(rx), whole_word)
    if key not in _ENDINGS:
        head = r"(?:^|(?<=[\s\"“„«(]))" if whole_word else ""
        _ENDINGS[key] = re.compile(f"{head}(?:{rx.pattern})\\s*$", rx.flags)
    return _ENDINGS[key]


_REPORTER_NAME = re.compile(r"\s+(?:[A-Z][\w&.'’-]*)(?:\s[A-Z][\w&.'’-]*){0,3}(?=[\s,.;:]|$)")


def attribution_spans(view: SentenceView) -> list[tuple[int, int]]:
    """ "According to estimates by the Milan Polytechnic," : from the marker to the reporter's name
    (or, when none is named, to the next comma)."""
    rx = view.pack.regex.get("attribution_markers")
    if rx is None:
        return []
    spans = []
    for m in rx.finditer(view.text):
        comma = _COMMA.search(view.text, m.end())
        end = comma.start() if comma else len(view.text)
        named = [x for x in view.mentions if x.kind == "org" and m.end() <= x.start < end]
        if not named and any(x.kind == "org" and 0 <= m.start() - x.end <= 2 for x in view.mentions):
            spans.append((m.start(), m.end()))  # "Knight Frank estimates Saudi Arabia's capacity": the verb of the reporter before it
            continue
        unknown = _REPORTER_NAME.match(view.text, m.end()) if not named and view.pack.spaced else None
        if unknown is not None:
            spans.append((m.start(), unknown.end()))  # "Ifølge NVE brukte norske datasentre ...": a name no table knows
            continue
        spans.append((m.start(), named[0].end if named else end))
    return spans


def is_reporter(view: SentenceView, mention: Mention) -> bool:
    """ "according to Morgan Stanley", "laut TD Cowen", "Jefferies analysts", "하나증권에 따르면":
    the source of a figure, not its subject."""
    if mention.entity.rdf_type in NON_SUBJECT_TYPES:
        return True
    if preceded_by(view, mention, 0, "attribution_markers"):
        # (where particles mark roles, a name marked as the subject is none: "한국거래소에 따르면
        # 대한전선은 8.2% 올랐다" - the source came before "according to")
        subject_particle = view.pack.regex.get("particle_subject")
        return not (subject_particle is not None and subject_particle.match(view.text, mention.end))
    after = view.pack.regex.get("attribution_after")
    return bool(after and after.match(view.text, mention.end))


def is_object_position(view: SentenceView, mention: Mention, clause_start: int) -> bool:
    """After a preposition, or a later member of a list that follows one ("arranged by BNP
    Paribas, Société Générale and Crédit Agricole": all three are objects)."""
    if preceded_by(view, mention, clause_start, "object_markers"):
        return True
    if not view.pack.spaced and mention.kind == "place":
        # "北海道石狩市に": a place written straight before a place inside it takes that one's particle
        inner = next((m for m in view.mentions if m.start == mention.end and m.kind == "place"), None)
        if inner is not None:
            return is_object_position(view, inner, clause_start)
    subject_particle = view.pack.regex.get("particle_subject")
    if subject_particle is not None and subject_particle.match(view.text, mention.end):
        return False  # "IBK기업은행과 한국투자파트너스가": marked as the subject, whatever the list's head says
    head = _list_head(view, mention)
    return head is not mention and preceded_by(view, head, clause_start, "object_markers")


def _list_head(view: SentenceView, mention: Mention) -> Mention:
    """The first name of the comma/conjunction list a name belongs to."""
    current = mention
    while True:
        before = [m for m in view.mentions if m.end <= current.start and m.kind in ("org", "group")]
        if not before:
            return current
        last = before[-1]
        # capitalised words right after a known name go on with it ("Crédit Agricole Alpes Provence")
        rest = _NAME_GOING_ON.match(view.text, last.end)
        if not _list_gap(view, rest.end() if rest else last.end, current.start):
            return current
        current = last


_NAME_GOING_ON = re.compile(r"(?:\s[A-ZÀ-Ý][\w'’-]+){1,2}(?=[\s,])")


def _between_names(view: SentenceView, end: int, start: int) -> str:
    """The text between two names, without the first one's legal form ("BDO Unibank, Inc. and")."""
    return _without_a_legal_form(view.text[end:start].lstrip(" ,"))


_QUOTES = "«»“”„\"「」『』"


def _list_gap(view: SentenceView, end: int, start: int) -> bool:
    """What lies between two names of one list: nothing but a comma or a conjunction, and an
    article of the next name ("KfW und der Europäischen Investitionsbank", "et la Caisse")."""
    # (a closing bracket of an acronym may come first: "Caixa Geral de Depósitos (CGD) e o Millennium bcp")
    between = _between_names(view, end, start).lstrip(")）")
    conj = view.pack.regex.get("conjunctions")
    # (quotes may close one name and open the next around the conjunction: "«بيئة» و«الشارقة لإدارة الأصول»",
    # "عمانتل" وجهاز الاستثمار العماني; then read as without them, a clause's break included)
    unquoted = between.strip(" ,、،" + _QUOTES)
    if unquoted != between.strip(" ,、،") and conj is not None and conj.fullmatch(unquoted.lower()):
        between = unquoted
    words = between.strip(" ,、،").lower().split()
    if words and words[-1] in _articles():
        words.pop()
    gap = " ".join(words).strip(" ,、،")
    # ("60% da Marseglia, mentre Exprivia avrà il 40%": a conjunction that breaks a clause even without
    # a comma, "while", "mentre", "but", opens another clause, no list)
    breaks = view.pack.regex.get("clause_break")
    if gap and breaks is not None and breaks.fullmatch(f" {gap} "):
        return False
    return not gap or bool(conj and conj.fullmatch(gap))


_DESCRIBING_WORD = re.compile(r"[a-z][\w-]*|[A-Z][\w.]*-(?:based|owned|listed|backed|headquartered)")


def _described_next(view: SentenceView, end: int, start: int) -> bool:
    """ "Vetta Compute, Inc. and Singapore-based data center developer Orbis will build": a
    conjunction, then a few words that describe the next name (its legal form before them)."""
    gap = _between_names(view, end, start)
    conj = view.pack.regex.get("conjunctions")
    head = conj.match(gap) if conj is not None and view.pack.spaced else None
    words = gap[head.end():].split() if head else []
    return 0 < len(words) <= 5 and all(_DESCRIBING_WORD.fullmatch(w) for w in words)


@cache
def _name_words(key: str) -> re.Pattern:
    """A common.yaml list of words that tell what a name stands for, as one pattern (whole words in Latin
    script: "RackBank" is no bank)."""
    return re.compile("|".join(rf"(?<!\w){re.escape(w)}(?!\w)" if w.isascii() else re.escape(w)
                               for w in common()[key]))


def _named_with(key: str, entity: Entity) -> bool:
    """Whether one of the entity's labels holds a word of the common.yaml list `key`."""
    return any(_name_words(key).search(label) for label in [entity.label, *(entity.labels or {}).values()])


def is_a_bank(entity: Entity) -> bool:
    """A bank by its name ("Banque Misr", "البنك الأهلي المصري", "中國銀行"; common.yaml `bank_words`)."""
    return _named_with("bank_words", entity)


def subject_candidates(view: SentenceView) -> list[Mention]:
    """Who a figure may be about. A town found only in the generated place lists
    (kg/extract/places.py) places a figure but never owns it ("The Dallas-based developer"):
    the table's places and the regions of every country do. A firm in a compound adjective
    describes another thing ("The AMD-focused GPU cloud", "the OpenAI-backed start-up"), and so
    does a place in any compound ("ein US-Rechenzentrumsbetreiber", "Texas-based")."""
    return [
        m for m in view.mentions
        if m.kind in ("org", "group", "place") and not m.demonym and not is_reporter(view, m)
        and not _unnamed_member(view, m) and not _generated_town(m.entity)
        and not (m.kind == "org" and re.match(r"-[a-z]", view.text[m.end:m.end + 2]))
        and not (m.kind == "place" and re.match(r"-\w", view.text[m.end:m.end + 2]))
        and not (m.kind == "place" and _modifies_a_firm(view, m))
        and not (m.kind == "place" and _names_a_facility(view, m))
    ]


def _names_a_facility(view: SentenceView, place: Mention) -> bool:
    """ "泰國二廠" (the Thailand plant number two): a place written straight before the words of a
    plant or a phase there (`facility_after_place`) is where it is, not who owns its figures."""
    plant = view.pack.regex.get("facility_after_place")
    return plant is not None and plant.match(view.text, place.end) is not None


def _modifies_a_firm(view: SentenceView, place: Mention) -> bool:
    """ "An unnamed U.S. hyperscaler", "a Canadian pension fund": a place written between an
    indefinite article and a company noun or a kind of firm (a collective name: "hyperscaler") says
    where that one firm is from; the figure is the firm's, not the place's ("한국 기업들은", Korean
    firms, stay the country's)."""
    nouns = view.pack.regex.get("company_nouns")
    indefinite = view.pack.regex.get("indefinite_articles")
    if _one_unnamed_firm(view, place.end, place.end + 20):  # ("국내 AI 기업 1곳이": a count of one firm after it)
        return True
    after = _skip_space(view.text, place.end)
    if after == place.end or indefinite is None:
        return False
    if not any(indefinite.fullmatch(w.lower()) for w in view.text[max(0, place.start - 30):place.start].split()[-2:]):
        return False
    if nouns is not None and nouns.match(view.text, after):
        return True
    # (or one or two words of what it does first: "An unnamed US cloud provider")
    for described in (_ONE_WORD.match(view.text, after), _TWO_WORDS.match(view.text, after)):
        if nouns is not None and described is not None and nouns.match(view.text, described.end()):
            return True
    return any(o.start == after and o.entity.collective and o.kind in ("org", "group") for o in view.mentions)


_ONE_WORD = re.compile(r"[^\W\d_A-Z][\w-]*\s+")
_TWO_WORDS = re.compile(r"(?:[^\W\d_A-Z][\w-]*\s+){2}")


def _one_unnamed_firm(view: SentenceView, start: int, end: int) -> bool:
    """A count of one firm the article will not name between start and end (`unnamed_one`: "1社", "1곳";
    not the end of "21社", many firms)."""
    one = view.pack.regex.get("unnamed_one")
    return one is not None and any(not view.text[m.start() - 1:m.start()].isdigit() for m in one.finditer(view.text, start, end))


def _a_kind_of_firm_between(view: SentenceView, start: int, end: int) -> bool:
    """A company noun, at most two words after a country's word and before the amount, that the country's
    word describes ("국내 클라우드 사업자와"): where particles mark a noun's role (Korean), so that the noun is no
    modifier ("the country's utility grid"), and not in unspaced scripts, where a noun may close a long stretch."""
    nouns = view.pack.regex.get("company_nouns")
    if nouns is None or not view.pack.spaced or view.pack.regex.get("particle_subject") is None:
        return False
    gap = view.text[start:end]
    hit = nouns.search(gap)
    return hit is not None and len(gap[:hit.start()].split()) <= 2 and not _CLAUSE_PUNCT.search(gap[:hit.end()])


def _named_right_after(view: SentenceView, amount: Amount, cands: list[Mention], markers_key: str,
                       kinds: tuple[str, ...], reach: int | None, after_a_comma: bool = False,
                       after_a_remainder: bool = False) -> Entity | None:
    """The firm a pack's marker names right after the amount ("55% da Hera", "240 M€ do BPI"):
    the marker next to the amount (maybe after a comma, or a remainder word: "40 millones restantes
    corresponden a"), then a candidate of `kinds` at most `reach` characters on (None: an article at most)."""
    markers = view.pack.regex.get(markers_key)
    if markers is None:
        return None
    at = _skip_space(view.text, amount.end)
    if after_a_comma and view.text.startswith(",", at):  # (the amount in commas: "The largest block, 120 MW, goes to Telus")
        at = _skip_space(view.text, at + 1)
    rest = view.pack.regex.get("remainder_words") if after_a_remainder else None
    remainder = rest.match(view.text, at) if rest is not None else None
    if remainder is not None:
        at = _skip_space(view.text, remainder.end())
    hit = markers.match(view.text, at)
    if hit is None:
        return None
    after = _skip_space(view.text, hit.end())
    named = next((m for m in cands if m.kind in kinds and after <= m.start
                  and (m.start <= after + reach if reach is not None else _an_article_at_most(view.text[after:m.start]))),
                 None)
    return named.entity if named is not None else None


def _the_rest_taken_by(view: SentenceView, amount: Amount, cands: list[Mention]) -> Entity | None:
    """ "伊予銀行が300億円、愛媛銀行が150億円を融資し、残り250億円を日本政策投資銀行が担う", "나머지 25%는 X가 보유한다":
    where particles mark roles, the rest of a sum (`remainder_words` right before it) is the firm after it that
    its clause marks as the subject, not the firm listed before."""
    rest, subject = view.pack.regex.get("remainder_words"), view.pack.regex.get("particle_subject")
    # (the remainder word right before the amount: six characters hold "残りの", "残る", "나머지 ")
    if rest is None or subject is None or not rest.search(view.text, max(0, amount.start - 6), amount.start):
        return None
    clause_end = clause_span(view, amount.start)[1]
    named = next((m for m in cands if m.kind in ("org", "group") and amount.end <= m.start and m.end < clause_end), None)
    return named.entity if named is not None and subject.match(view.text, named.end) else None


def _agent(view: SentenceView, amount: Amount, cands: list[Mention]) -> Entity | None:
    """The firm an amount goes to or comes from (`agent_markers`): "120 MW, goes to Telus", "剩余约1亿元由红杉中国
    认购". Money that goes to a firm in a spaced language is its giver's investment in it ("$2 billion will go to
    OpenAI"), not the firm's."""
    if amount.kind == MONEY and view.pack.spaced:
        return None
    return _named_right_after(view, amount, cands, "agent_markers", ("org", "group"), 2, after_a_comma=True)


def _owner_after(view: SentenceView, amount: Amount, cands: list[Mention]) -> Entity | None:
    """ "los 40 millones restantes corresponden a Caja Rural", "il restante 20% fa capo a Iren": the firm a pack's
    `owner_markers` name after an amount (a remainder word may come between, an article may open the name:
    "corresponden a la Caja") holds it, whatever the amount."""
    return _named_right_after(view, amount, cands, "owner_markers", ("org", "group"), None,
                              after_a_comma=True, after_a_remainder=True)


def _holder_before(view: SentenceView, amount: Amount, cands: list[Mention]) -> Entity | None:
    """ "followed by ICICI Prudential Mutual Fund with ₹185 crore": a firm, one of the pack's
    `holder_markers` and the amount (a hedge may come between) is that firm's, wherever the firm stands."""
    markers = view.pack.regex.get("holder_markers")
    if markers is None:
        return None
    for m in cands:
        if m.kind in ("org", "group") and m.end <= amount.start:
            # (its acronym in brackets and a comma may come first: "la BDEAC (...), à hauteur de 30 milliards")
            lead = _ACRONYM_AND_COMMA.match(view.text, m.end)
            hit = markers.match(view.text, _skip_space(view.text, lead.end()))
            if hit is not None and len(view.text[hit.end():amount.start].split()) <= 2 \
                    and not re.search(r"[,;:.]", view.text[hit.start():amount.start]):
                return m.entity
    return None


_ACRONYM_AND_COMMA = re.compile(r"\s*(?:\([^()]{1,12}\))?\s*,?")


def _sponsor(view: SentenceView, amount: Amount, cands: list[Mention]) -> Entity | None:
    """ "The scheme, put forward by developer Greystoke, will see ... 52 hectares": the firm a
    sentence names as the one that puts a project forward (`sponsor_markers`, maybe a company noun
    between) before the amount owns it when no firm in subject position claims it (not "…3,000
    homes through a network proposed by Louth County Council")."""
    markers = view.pack.regex.get("sponsor_markers")
    if markers is None:
        return None
    nouns, articles = view.pack.regex.get("company_nouns"), view.pack.regex.get("relative_markers")
    for hit in reversed(list(markers.finditer(view.text, 0, amount.start))):
        after = _skip_space(view.text, hit.end())
        for words in (articles, nouns):  # "by the developer Greystoke"
            word = words.match(view.text, after) if words is not None else None
            if word is not None and word.end() < len(view.text) and view.text[word.end()].isspace():
                after = _skip_space(view.text, word.end())
        named = next((m for m in cands if m.kind == "org" and m.start == after), None)
        if named is not None:
            return named.entity
    return None


def _builder_by_purpose(view: SentenceView, amount: Amount, cands: list[Mention], clause: tuple[int, int]) -> Entity | None:
    """ "aprovou financiamento de R$ 1,1 bilhão para a Imetame construir um data center de 48 MW": the firm
    a loan or a grant lets build (`purpose_markers` right after it) owns the figures of what it builds."""
    markers = view.pack.regex.get("purpose_markers")
    if markers is None or not _about_a_loan_or_a_grant(view):
        return None  # (a partner "to build" with: "un acuerdo con Consorcio Financiero para construir un campus")
    for m in reversed(cands):
        if m.kind == "org" and clause[0] <= m.start and m.end <= amount.start:
            hit = markers.match(view.text, _skip_space(view.text, m.end))
            # (not the lender: "a loan from Atlas Bank to build a 50 MW campus", "von der Atlas Bank zum Bau")
            if hit is not None and hit.end() <= amount.start and not preceded_by(view, m, clause[0], "lender_markers"):
                return m.entity
    return None


def _stake_owner(view: SentenceView, amount: Amount, cands: list[Mention]) -> Entity | None:
    """ "partecipata al 55% da Hera", "held 51% by Vetta", "gehört zu 81 Prozent dem Axpo-Konzern":
    a share written with its owner right after it (`stake_owner_markers`) is the owner's."""
    if amount.kind != PERCENT:
        return None
    owner = _named_right_after(view, amount, cands, "stake_owner_markers", ("org", "group"), 6)
    # "gehört zu 51 Prozent der EVN": after a verb of belonging, a marker that elsewhere means "of"
    # names the owner (`stake_belonging`)
    verbs = view.pack.regex.get("belonging_verbs")
    if owner is None and verbs is not None and verbs.search(view.text, clause_span(view, amount.start)[0], amount.start):
        owner = _named_right_after(view, amount, cands, "belonging_owner_markers", ("org", "group"), 6)
    return owner


def _buyer(view: SentenceView, amount: Amount, cands: list[Mention], clause: tuple[int, int]) -> Entity | None:
    """ "Stadt verkauft 28 Hektar an Colt", "the county sold 120 acres to Vetta": land in a sale's
    clause is the buyer's, the firm after the pack's buyer marker (not money: "the unit, which
    sells to hyperscalers, made $7.2 billion" is the seller's revenue). So is a stake sold, named before
    the buyer ("Vault has sold a 40 per cent stake to CSC": CSC's; not the shares of the buyer's holders
    after it, "verkauft die Fläche an die Havelcompute GmbH, an der die EWP 51 Prozent hält")."""
    if amount.kind not in (AREA, PERCENT):
        return None
    sale, marker = view.pack.regex.get("sale_words"), view.pack.regex.get("buyer_markers")
    sold = sale.search(view.text, clause[0], amount.start) if sale is not None and marker is not None else None
    if sold is None:
        return None
    for m in cands:
        if m.kind in ("org", "group") and sold.end() < m.start < clause[1] and (amount.kind != PERCENT or amount.end <= m.start):
            # the marker right before the name, or before a noun or two that describe it ("an Rechenzentrumsbetreiber Colt")
            if any(re.fullmatch(r"\s+(?:\S+\s+){0,2}", view.text[hit.end():m.start])
                   for hit in marker.finditer(view.text, sold.end(), m.start)):
                return m.entity
    return None


def _leader(view: SentenceView, amount: Amount, cands: list[Mention]) -> Entity | None:
    """ "中国电子牵头、黄河公司配套光伏的智算集群开工，总投资约180亿元": money or power is the leader's
    the sentence names before the amount, a firm with one of the pack's `lead_markers` right after it."""
    lead = view.pack.regex.get("lead_markers")
    if lead is None or amount.kind not in (MONEY, POWER):
        return None
    leader = next((m for m in cands if m.kind in ("org", "group") and m.end <= amount.start
                   and lead.match(view.text, m.end)), None)
    if leader is None:
        return None
    # (not over another firm the amount's own clause names first: "青岛银行牵头组建银团贷款，其中青岛银行提供
    # 20亿元，青岛农商银行提供12亿元" gives the last sum to the second bank)
    # (the leader's own clause may name the firms it leads: "华北银行牵头联合华东银行、华南银行提供40亿元")
    clause_start = clause_span(view, amount.start)[0]
    if leader.start < clause_start and any(m.kind in ("org", "group") and m.entity != leader.entity
                                           and clause_start <= m.start and m.end <= amount.start for m in cands):
        return None
    return leader.entity


def _lender_after(view: SentenceView, amount: Amount, cands: list[Mention], loan_just_named: bool = False) -> Entity | None:
    """ "un empréstimo de 480 M€, dos quais 240 M€ do BPI e 240 M€ do Novo Banco", "200 mln da
    Intesa Sanpaolo": money with a lender marker and a firm right after it, in a sentence about a
    loan (or right after one: `loan_just_named`) or public money (a grant's giver), is that lender's share
    (`lender_markers`)."""
    if amount.kind != MONEY or not (loan_just_named or _about_a_loan_or_a_grant(view)):
        return None  # (a grant too: "un contributo a fondo perduto di 12 milioni di euro della Regione Liguria")
    lender = _named_right_after(view, amount, cands, "lender_markers", ("org",), 4)
    rest = view.pack.regex.get("remainder_words")
    remainder = rest is not None and rest.search(view.text, max(0, amount.start - 25), min(len(view.text), amount.end + 12))
    if lender is None and remainder:
        # ("die restlichen 100 Millionen Euro kommen von der Herner Sparkasse", "les 250 millions restants
        # viennent de la Caisse d'Epargne": the rest, a verb, its lender)
        # ("los US$ 350 millones restantes los pone la Corporación Financiera Internacional", "i restanti
        # 120 milioni li mette Banca Sella": the rest, a pronoun and a verb, then its lender after at most
        # an article, where words are spaced)
        for words in (1, 2, 3):
            verb = re.match(rf"(?:\s*[^\W\d_]+){{{words}}}", view.text[amount.end:])
            if lender is None and verb is not None and words < 3:
                lender = _named_right_after(view, replace(amount, end=amount.end + verb.end()), cands, "lender_markers", ("org",), 4)
            if lender is None and verb is not None and words > 1 and view.pack.spaced:
                after = _SPACES.match(view.text, amount.end + verb.end()).end()
                named = next((m for m in cands if m.kind == "org" and after <= m.start <= after + 4
                              and not re.search(r"[,;.]", view.text[amount.end:m.start])), None)
                lender = named.entity if named is not None else None
    first = next((m for m in cands if m.entity == lender and m.start >= amount.end), None)
    if first is not None and not remainder and any(m.kind == "org" and m.start >= first.end and _list_gap(view, first.end, m.start)
                                                   for m in view.mentions):
        return None  # "ein Konsortialkredit über 650 Mio. Fr. bei der ZKB, der UBS und der AKB": the borrower's loan
    # (the rest of a loan, though, is the first lender's of the list: "残る220億円は福島銀行や大東銀行など")
    return lender


_SPACES = re.compile(r"\s*")


def _loan_named_just_before(view: SentenceView, state: DocumentState) -> bool:
    """The sentence just before, in the same paragraph, named a loan ("Die TEAG nimmt einen
    Konsortialkredit auf. ... den Rest übernimmt die Helaba")."""
    return any(topic == "loan_or_debt" and view.sentence.index - i == 1 and i >= state.paragraph_start
               for i, topic in state.deal_topics)


def _about_a_loan(view: SentenceView) -> bool:
    """The sentence names a loan (the pack's `loan_or_debt` triggers)."""
    return _trigger_outside_names(view, view.pack.trigger_regex.get("loan_or_debt"))


def _about_a_loan_or_a_grant(view: SentenceView) -> bool:
    """The sentence names a loan, or public money (`public_money_words`: a grant, a subsidy)."""
    public_money = view.pack.regex.get("public_money_words")
    return _about_a_loan(view) or (public_money is not None and public_money.search(view.text) is not None)


def _trigger_outside_names(view: SentenceView, rx: re.Pattern | None) -> bool:
    """A trigger word in the sentence that is no part of a firm's name ("Société nationale de crédit
    et d'investissement" speaks of no loan)."""
    return rx is not None and any(not _inside_a_name(view, t) for t in rx.finditer(view.text))


def _inside_a_name(view: SentenceView, hit: re.Match) -> bool:
    """A match that lies within the name of a firm or a group the sentence mentions."""
    return any(m.start <= hit.start() and hit.end() <= m.end for m in view.mentions if m.kind in ("org", "group"))


def _marked_after_a_list(view: SentenceView, m: Mention, clause_end: int) -> bool:
    """ "국민은행 등 4개 금융기관이": a name, a word for "and others"
    (`particles.list_tail`), then the group it heads marked as the subject within a few words."""
    tail, subject = view.pack.regex.get("particle_list_tail"), view.pack.regex.get("particle_subject")
    hit = tail.match(view.text, m.end) if tail is not None and subject is not None else None
    if hit is None:
        return False
    if hit.end() < len(view.text) and not view.text[hit.end()].isspace():
        return False  # "등과 함께", "외국계": the word goes on, no "and others"
    rest = view.text[hit.end():clause_end]
    if not view.pack.spaced:
        return bool(subject.search(rest, 0, 8))
    # a noun with the subject particle glued to its end ("금융기관이")
    return any(len(w) > k and subject.fullmatch(w, len(w) - k) for w in rest.split()[:3] for k in (1, 2))


def _generated_town(entity: Entity) -> bool:
    return entity.generated and entity.rdf_type == "City"


def _unnamed_member(view: SentenceView, m: Mention) -> bool:
    """ "a hyperscaler", "ein internationaler Cloud-Anbieter", "un primo cliente hyperscaler": one
    unnamed member of a group is a customer the article will not name, not the figure's subject
    (the operator it signed with is)."""
    if not m.entity.collective:
        return False
    indefinite = view.pack.regex.get("indefinite_articles")
    if indefinite is None:
        return False
    before = view.text[max(0, m.start - 40):m.start]
    words = before.split()[-3:]
    return any(indefinite.fullmatch(w) for w in words)


# ---- subject --------------------------------------------------------------------------------
def choose_subject(view: SentenceView, amount: Amount, state: DocumentState) -> tuple[Entity | None, bool]:
    """The amount's subject, and whether it is only a guess (the article's main firm)."""
    subject = _subject(view, amount, state)
    # (a town of the generated lists only as the story's own city: see subject_candidates)
    if subject is not None and (not _generated_town(subject) or subject == state.story_city):
        return subject, False
    # a sentence that names no organisation continues the article's topic: "The site draws 12 MW."
    # (the maker of the chips counted names no one: "米エヌビディア製のGPU約4000基を設置")
    makers = {m.entity.key for m in view.mentions if _makes_the_chips(view, amount, m)}
    if not any(m.kind == "org" and not is_reporter(view, m) and m.entity.key not in makers for m in view.mentions):
        if state.market_place is not None:
            return state.market_place, True
        return (state.main_org, True) if state.main_org is not None and state.main_org.key not in makers else (None, False)
    # "The partners have lined up a P30-billion loan from BDO Unibank and Metrobank": a loan whose
    # firms are all lenders (objects) is the story's firm's
    if (amount.kind == MONEY and _about_a_loan(view) and state.main_org is not None
            and all(is_object_position(view, m, 0) for m in view.mentions if m.kind == "org" and not is_reporter(view, m))):
        return state.main_org, True
    return None, False


def _makes_the_chips(view: SentenceView, amount: Amount, m: Mention) -> bool:
    """ "60,000 Nvidia GPUs", "엔비디아 GPU 6만 장", "米エヌビディア製": the maker names the product
    counted, it is no subject of the count."""
    if amount.count_metric != "chips":
        return False
    chip_words = view.pack.count_regex.get("chips")
    return bool((chip_words and chip_words.match(view.text, _skip_space(view.text, m.end)))
                or re.match(r"\S{0,2}(?:製|产|의)", view.text[m.end:m.end + 3])
                or _names_the_chips(view, amount, m))


def _names_the_chips(view: SentenceView, amount: Amount, m: Mention) -> bool:
    """ "4,600顆輝達Blackwell架構GPU", "10,000 Nvidia Blackwell GPUs": the maker written between
    the count and the chip word (with a product name) is part of what is counted."""
    if m.start < amount.end or m.start - amount.end > 4:
        return False
    chip_words = view.pack.count_regex.get("chips")
    hit = chip_words.search(view.text, m.end, m.end + 30) if chip_words is not None else None
    return hit is not None and not re.search(r"[,，;；。]", view.text[m.end:hit.start()])


def _about_a_site(view: SentenceView, amount: Amount, place: Mention) -> bool:
    """Power, land or jobs of a site named by its place ("the Melbourne site covers 22 hectares",
    "파주 AI 데이터센터는 200MW", "石狩市のデータセンター", "le campus de Marseille"), not a figure
    about the place: the place touches a facility word, and no one is quoted for the figure."""
    if amount.kind not in (POWER, AREA) and amount.count_metric not in ("jobs_total", "jobs_permanent", "jobs_construction", "chips"):
        return False
    facility = view.pack.regex.get("facility_nouns")
    if facility is None or attribution_spans(view):
        return False
    if place.entity.rdf_type == "Country":
        return False  # "台灣資料中心IT容量", "Australia's data centres": the country's sector, not one site
    after = view.text[place.end:place.end + 14]
    gap = r"\s*(?:\S+\s+)?" if view.pack.spaced else r"[^、，。,]{0,4}?"
    if re.match(rf"{gap}(?i:{facility.pattern})", after):
        return True
    of = view.pack.regex.get("of_words")
    before = view.text[max(0, place.start - 30):place.start]
    return bool(of and re.search(rf"(?i:{facility.pattern})\s+(?i:{of.pattern})\s*$", before))


def _names_a_market(view: SentenceView, market: re.Pattern | None, m: Mention) -> bool:
    """ "le marché belge", "the Belgian market", "der deutsche Markt", "norske datasentre": a
    nationality touching a market word or a facility noun names the country's market (sector)."""
    before, after = view.text[max(0, m.start - 12):m.start], view.text[m.end:m.end + 14]
    for rx in (market, view.pack.regex.get("facility_nouns")):
        if rx is not None and (re.search(rf"(?i:{rx.pattern})\s*$", before) or re.match(rf"\s*(?i:{rx.pattern})", after)):
            return True
    return False


def framing_place(view: SentenceView) -> Mention | None:
    """A place the sentence opens with, after a preposition and before a comma: "In Europe, ...",
    "En Belgique, ...", "In Spanien, ..."."""
    prep = view.pack.regex.get("place_prepositions")
    if prep is None or not view.pack.spaced:
        return None
    opening = prep.match(view.text)
    if opening is None:
        return None
    start = _skip_space(view.text, opening.end())
    place = next((m for m in view.mentions if m.start == start and m.kind == "place"), None)
    if place is None or not view.text[place.end:place.end + 1] == ",":
        return None
    return place


def _names_a_site(view: SentenceView, clause: tuple[int, int]) -> bool:
    """A facility noun or cue in the clause: "In Texas, the campus will draw 200 MW" is a site's."""
    for key in ("facility_nouns", "facility_cues"):
        rx = view.pack.regex.get(key)
        if rx is not None and rx.search(view.text, clause[0], clause[1]):
            return True
    return False


def _nothing_between(start: int, amount: Amount, others: list[Amount]) -> bool:
    """No other amount between `start` and the amount."""
    return not any(start <= b.start and b.end <= amount.start for b in others)


def _a_phase_before(view: SentenceView, amount: Amount, clause: tuple[int, int], others: list[Amount]) -> bool:
    """A phase of a site before the amount in its clause, no other sum between (`phase_words`:
    "The first phase will cost $400 million", not the payroll it adds after that; its power may come
    between: "A primeira fase, de 100 MW, deve custar R$ 4,2 bilhões")."""
    rx = view.pack.regex.get("phase_words")
    sums = [a for a in others if a.kind == MONEY]
    return rx is not None and any(_nothing_between(m.end(), amount, sums) for m in rx.finditer(view.text, clause[0], amount.start))


def _each_period_after(view: SentenceView, amount: Amount, clause: tuple[int, int]) -> bool:
    """A period right after the amount that makes it a rate ("£4m a year", "Br 38 million a year";
    the pack's `threshold_after`)."""
    rx = view.pack.regex.get("threshold_after")
    return rx is not None and rx.search(view.text, amount.end, min(clause[1], amount.end + 12)) is not None


def _the_price_of_land(view: SentenceView, amount: Amount, clause: tuple[int, int], others: list[Amount]) -> bool:
    """Money after a plot in its clause, with no building cue nor other amount between: "38 hectares
    cédés par EDF pour 11 millions d'euros" is what the land cost, not what the campus will ("45
    hektar i Vennesla – vil bygge datasenter for 6 mrd." names the site it builds; "a 640-acre site,
    where Rowan wants 350 MW for a $2.2 billion campus" another figure)."""
    cues = view.pack.regex.get("facility_cues")
    return any(a.kind == AREA and clause[0] <= a.end <= amount.start
               and not (cues is not None and cues.search(view.text, a.end, amount.start))
               and _nothing_between(a.end, amount, others) for a in others)


def _company(view: SentenceView, state: DocumentState) -> Entity | None:
    """Who "the company" is: the firm of the sentence just before, else the story's firm."""
    recent = state.last_subject if view.sentence.index - state.last_subject_sentence <= 1 else None
    return recent or state.main_org


_BRACKET_BEFORE = re.compile(r"\s?[(（]\s*$")


_POSSESSIVE_BEFORE = re.compile(r"['’]s?\s+")  # (the name's mention may hold the "'s")


def _without_a_legal_form(gap: str) -> str:
    """What stands between a name and the next word, without the name's legal form ("AG 50,1" -> " 50,1")."""
    form = legal_tail().match(gap)
    return gap[form.end():] if form else gap


def _a_firms_count(amount: Amount) -> bool:
    """A count of jobs, chips or customers, which a firm has ("the region will gain 500 jobs" are the
    project's); not racks, which a region has too ("全省标准机架超过20万架")."""
    return amount.kind == COUNT and amount.count_metric != "other"


def is_public_body(entity: Entity) -> bool:
    """A council, commission, ministry or agency, by its name's words (common.yaml `public_body_words`:
    "Leeds City Council", "Consejo Nacional de Zonas Francas"); not by the gazetteer's Government type,
    which a state development bank or an investment agency has too ("BNDES aprovou financiamento de ..."
    is the bank's loan; "MIDA approved investments worth ..." the country's market)."""
    return not is_a_bank(entity) and _named_with("public_body_words", entity)


def _applicant(view: SentenceView, amount: Amount, approver: Mention, cands: list[Mention],
               clause: tuple[int, int], state: DocumentState) -> Entity | None:
    """Whose project a public body's approval gives a figure to: "The planning commission approved stage
    one, a 96 MW, $1.1 billion development" is the developer's (a firm named after the verb, else the
    story's firm), not the commission's. Public money it approves stays its own ("approved a $3 million
    grant", a budget for no site), and so does a figure before the verb."""
    verbs = view.pack.regex.get("approval_verbs")
    if verbs is None or not is_public_body(approver.entity):
        return None
    verb = verbs.search(view.text, approver.end, amount.start)
    if verb is None or verb.start() - approver.end > 40:
        # (a verb that opens its clause before the body: "ووافق مجلس المدينة على المشروع بقدرة 100 ميغاواط")
        verb = next((v for v in verbs.finditer(view.text, max(clause[0], approver.start - 20), approver.start)
                     if not view.text[v.end():approver.start].strip()), None)
        if verb is None:
            return None
    if amount.kind == MONEY:
        public_money, phase = view.pack.regex.get("public_money_words"), view.pack.regex.get("phase_words")
        if public_money is not None and public_money.search(view.text, clause[0], clause[1]):
            return None
        if not (_names_a_site(view, clause) or (phase is not None and phase.search(view.text, clause[0], clause[1]))):
            return None  # (its own budget: "The Ministry approved a $300 million budget for its AI programme")
    named = next((m.entity for m in cands if m.kind in ("org", "group") and verb.end() <= m.start and m.end <= clause[1]
                  and not is_public_body(m.entity)), None)
    if named is not None:
        return named
    main = state.main_org
    return main if main is not None and main != approver.entity and not is_public_body(main) else None


def _subject(view: SentenceView, amount: Amount, state: DocumentState) -> Entity | None:
    cands = [m for m in subject_candidates(view) if not _makes_the_chips(view, amount, m)]
    clause = clause_span(view, amount.start)
    closed, containing = closed_segments(view, amount.start)

    # a site's power usage effectiveness is its operator's, the firm the clause names before it, else the
    # story's ("项目设计PUE不高于1.20" after a sentence about the grid company's substation)
    if amount.kind == RATIO and amount.count_metric == "other":
        named = [m for m in cands if m.kind == "org" and clause[0] <= m.start and m.end <= amount.start]
        return named[-1].entity if named else state.main_org
    # the owner a marker names right after the amount first: "..., i restanti 100 mln da Cassa
    # depositi e prestiti" is Cdp's, though the clause reads like an appositive of the name before it
    owner = (_stake_owner(view, amount, cands) or _owner_after(view, amount, cands) or _the_rest_taken_by(view, amount, cands)
             or _builder_by_purpose(view, amount, cands, clause)
             or _lender_after(view, amount, cands, _loan_named_just_before(view, state))
             or _holder_before(view, amount, cands)
             or _agent(view, amount, cands)
             or _buyer(view, amount, cands, clause) or _leader(view, amount, cands))
    if owner is not None:
        return owner
    # a firm's possessive right before the amount: "lowered the rating on Flexential's $1.6 billion term
    # loan" (after a preposition, which would make the name an object)
    possessor = next((m for m in cands if m.kind in ("org", "group") and m.end <= amount.start
                      and _POSSESSIVE_BEFORE.fullmatch(view.text[m.end - 2:amount.start] if m.text.endswith(("'s", "’s"))
                                                       else view.text[m.end:amount.start])), None)
    if possessor is not None:
        return possessor.entity
    # a share in brackets right after a firm is that firm's: "réparti entre Vauban Data (55 %) et CDG Invest (45 %)"
    opening = _BRACKET_BEFORE.search(view.text, 0, amount.start) if amount.kind == PERCENT else None
    if opening is not None:
        named = next((m for m in cands if m.kind in ("org", "group") and m.end == opening.start()), None)
        if named is not None:
            return named.entity
    # ... and so is one right after a firm's name, an article at most between, inside a relative clause that
    # lists the holders: "Neckar Compute GmbH, an dem Bechtle 50,1 Prozent und W&W 49,9 Prozent halten"
    if amount.kind == PERCENT and containing is not None:
        named = next((m for m in cands if m.kind in ("org", "group") and containing <= m.start and m.end <= amount.start
                      and _an_article_at_most(_without_a_legal_form(view.text[m.end:amount.start]))), None)
        if named is not None:
            return named.entity

    if containing is not None:  # "OpenAI, which plans to invest ..." -> the antecedent
        before = [m for m in cands if m.end <= containing
                  and (containing - m.end <= 3 or legal_tail().fullmatch(view.text[m.end:containing])
                       or (m.kind in ("org", "group") and _a_place_between(view, m.end, containing)))]
        if before and before[-1].kind == "place" and len(before) > 1 and _a_place_between(view, before[-2].end, containing):
            before.pop()  # ("Iberdrola in Texas, which will supply 30 MW": the firm, not its place)
        if before and before[-1].kind in ("org", "group"):
            return before[-1].entity

    def usable(m: Mention, lo: int) -> bool:
        return (
            m.start >= lo and m.end <= amount.start and not in_any((m.start, m.end), closed)
            and not is_object_position(view, m, lo)
        )

    for lo in (clause[0], 0):
        usable_here = [m for m in cands if usable(m, lo)]
        # a named firm before a scope word: "Infineon employs 58,000 people worldwide"
        orgs = [m for m in usable_here if m.kind in ("org", "group")] or [m for m in usable_here if m.entity.collective]
        if orgs:
            return _applicant(view, amount, orgs[-1], cands, clause, state) or orgs[-1].entity
        if lo == clause[0]:
            # "나머지 3000억원은 국민은행 등 4개 금융기관이 분담한다": where particles mark roles, the
            # clause's own subject after a topical amount comes before an earlier clause's firm
            marked = next((m for m in cands if amount.end <= m.start and m.end <= clause[1] and m.kind in ("org", "group")
                           and not in_any((m.start, m.end), closed) and _marked_after_a_list(view, m, clause[1])), None)
            if marked is not None:
                return marked.entity
    sponsor = _sponsor(view, amount, cands)
    if sponsor is not None:
        return sponsor
    # "the country's installed capacity", "国内のGPUクラウド市場", "국내 데이터센터 전력 수요": the
    # country the story named last, for a figure no firm in the clause claims
    # ("das Land" in a German regional paper is the federal state the story is about, else the country)
    state_or_country = view.pack.regex.get("anaphora_state_or_country")
    land = state.story_region or state.last_country
    if state_or_country is not None and land is not None and not _a_firms_count(amount) and state.market_place is None \
            and state_or_country.search(view.text, clause[0], amount.start):
        return land
    country = view.pack.regex.get("anaphora_country")
    if country is not None and state.last_country is not None and not _a_firms_count(amount):
        named = country.search(view.text, clause[0], amount.start)
        # (not "domestic" of one unnamed firm: "国内のAI開発企業1社と2万キロワット分", `unnamed_one`; nor of a kind
        # of firm the amount is agreed with: "국내 클라우드 사업자와 25MW 규모의 선임대차 협약")
        if named and not _one_unnamed_firm(view, named.end(), amount.start) and not _a_kind_of_firm_between(view, named.end(), amount.start):
            return state.last_country
    region = view.pack.regex.get("anaphora_region")
    # (not in a market report, whose place is the one it is about)
    if region is not None and state.story_region is not None and not _a_firms_count(amount) and state.market_place is None:
        if region.search(view.text, clause[0], amount.start):
            return state.story_region
    # "全市已建成标准机架超过5万架": the city the story named most, likewise
    city = view.pack.regex.get("anaphora_city")
    if city is not None and state.story_city is not None and not _a_firms_count(amount) and state.market_place is None:
        # (not the whole market: "全市場の売買代金", "全市场成交额")
        if any(view.text[hit.end():hit.end() + 1] not in ("场", "場") for hit in city.finditer(view.text, clause[0], amount.start)):
            return state.story_city
    # jobs a sentence names no firm for are the project's, that is the story's firm's ("the works
    # will create 1,200 jobs" after a partner's power contract or a lender's loan)
    if (amount.count_metric or "").startswith("jobs") and state.main_org is not None and state.market_place is None \
            and not any(m.kind in ("org", "group") and not is_reporter(view, m) for m in view.mentions):
        return state.main_org
    framed = framing_place(view)
    if framed is not None and amount.kind != COUNT and not _names_a_site(view, clause):
        return framed.entity  # "In Europe, installed capacity will climb to 21 GW": the region's figure
    # anaphora in the clause, before the amount first: "the company", "das Projekt", "من المشروع"
    head = view.text[:amount.start] + " " + view.text[amount.end:clause[1]]
    # (a country or region opening the clause, an article at most before it, is its subject)
    placed_before = any(m.kind == "place" and usable(m, clause[0]) and m.entity.rdf_type in ("Country", "Region")
                        and _an_article_at_most(view.text[clause[0]:m.start]) for m in cands)
    opening = view.pack.regex.get("anaphora_company_opening")
    if opening is not None and state.main_org is not None and any(
            m.start() == 0 or view.text[m.start() - 1] in "，,。；;：:" for m in opening.finditer(view.text, 0, amount.start)):
        return _company(view, state)
    for kind, referent in (
        # "the council's commitment": the public body the story named last (a possessive only: see the packs)
        ("government", state.last_government),
        ("facility", state.last_facility_subject or state.last_subject or state.main_org),
        # "the company" right after a sentence about a firm is that firm; later, the story's firm
        ("company", _company(view, state) or state.last_subject),
        # "the project" is the last figure's, unless a government's (which funds a project, not owns it)
        # (nor a lender's: "البنك الأهلي وبنك مصر وقّعا عقد قرض ... ويقام المشروع على ..." is back to the firm)
        # (of this paragraph: "O plano prevê ..." after a dek about a supplier's works is the story's firm's)
        ("project", next((subj for idx, subj in reversed(state.recent_figures) if subj.rdf_type != "Government"
                          and idx >= state.paragraph_start
                          and subj.key not in state.deal_participants.get(idx, ())), state.main_org)),
    ):
        rx = view.pack.regex.get(f"anaphora_{kind}")
        if kind == "facility" and amount.kind == MONEY and _about_a_loan(view):
            continue  # "The facility comprises a $1.15 billion term loan": a credit facility, no site
        hit = rx.search(head) if rx and referent is not None else None
        if hit is not None and hit.start() >= amount.start and placed_before:
            continue  # "La Côte d'Ivoire dispose d'environ 15 MW dans ses centres de données": the place before is the subject
        if hit is not None:
            return referent
    # a place as subject: "the U.S. could face a power shortfall of up to 20%"
    places = [m for m in cands if usable(m, clause[0]) and m.kind == "place"]
    if places and _about_a_site(view, amount, places[-1]):
        return None  # "the Melbourne site covers 22 hectares", "파주 AI 데이터센터는 200MW": the site's firm
    if places:
        return places[-1].entity
    # a market figure about a place: "spending on data centres in Spain will reach ...",
    # "the Brazilian data-centre sector moved R$12 billion" (places inside "according to ..." excluded)
    quoted = attribution_spans(view)
    # power counts as a market figure only when someone is quoted for it ("according to CBRE, Frankfurt has 780 MW")
    market = view.pack.regex.get("market_words")
    about_market = bool(quoted) or bool(market and market.search(view.text, clause[0], clause[1]))
    project_cost = view.pack.trigger_regex.get("facility_cost")
    if amount.kind == MONEY and not quoted and project_cost is not None and project_cost.search(view.text, clause[0], amount.start):
        about_market = False  # "총사업비는 4조2000억원으로, ... 국내 첫 ...": a project's cost, no market's
    if about_market and (amount.kind in (MONEY, ENERGY, RATIO, PERCENT) or (amount.kind == POWER and quoted)):
        places = [m for m in view.mentions if m.kind == "place" and clause[0] <= m.start < clause[1]
                  and not _unnamed_member(view, m) and not _names_a_facility(view, m)
                  and not (m.demonym and (amount.kind != MONEY or names_nationality(view, m)) and not _names_a_market(view, market, m))
                  and not in_any((m.start, m.end), quoted)]
        no_firm = not any(m.kind == "org" and clause[0] <= m.start < clause[1] and not is_reporter(view, m) for m in view.mentions)
        if places and no_firm:
            return places[0].entity
        installed = view.pack.regex.get("installed_capacity_words")
        if (not places and no_firm and amount.kind == POWER and state.last_country is not None
                and installed is not None and installed.search(view.text, clause[0], clause[1])):
            return state.last_country  # "Laut einer Branchenstudie beträgt die installierte Leistung heute rund 380 MW"
    # a subject after the amount in the same clause: "Having earmarked $80 billion, Microsoft ..."
    # (where particles mark roles, only a name marked as subject: "...を経済産業省の助成で" is not)
    subject_particle = view.pack.regex.get("particle_subject")
    # (not a collective named after it: "First 120MW phase ... as state courts hyperscalers" is the story's)
    after = [
        m for m in cands
        if m.start >= amount.end and m.end <= clause[1] and (m.kind == "org" or (m.kind == "group" and not gazetteer().get(m.entity.key)))
        and not is_object_position(view, m, clause[0]) and not in_any((m.start, m.end), closed)
        and (subject_particle is None or subject_particle.match(view.text, m.end))
    ]
    if after:
        return after[0].entity
    # a continuation of the last figure: "up from $246 billion in 2024", in this sentence or the
    # next (not a government's: "The government committed $45 million. The project will create
    # 1,200 jobs" is back to the firm); two sentences on only when it was the main firm's (by then a
    # story has returned from a partner's or a lender's figure to its own firm, which choose_subject supplies)
    for idx, subject in reversed(state.recent_figures):
        if view.sentence.index != idx and amount.kind in (POWER, AREA, COUNT) and subject.key in state.deal_participants.get(idx, ()):
            continue  # "DNB lends NOK 1.5 billion. The hall will draw 80 MW": the site is not the lender's
        if view.sentence.index != idx and subject != state.main_org and subject.kind == "org" and is_a_bank(subject) \
                and not _goes_on_about_a_loan(view, amount, state):
            continue  # (nor a bank's the story does not follow: "……其餘40億元由土地銀行承作。依規劃，……土地面積2.8公頃")
        next_one = view.sentence.index - idx == 1 and idx >= state.paragraph_start  # a new paragraph, a new topic
        if view.sentence.index == idx or (next_one and subject.rdf_type != "Government") or (
                view.sentence.index - idx <= 2 and subject == state.main_org):
            return subject
    return None


def _goes_on_about_a_loan(view: SentenceView, amount: Amount, state: DocumentState) -> bool:
    """Money in a sentence about a loan, or right after one when it shares the loan out ("内訳は両行が各100億円",
    "the remaining ..."): a lender's figure may go on into it, not into a site's power, land or jobs, nor a grant."""
    if amount.kind != MONEY:
        return False
    return _about_a_loan(view) or (_loan_named_just_before(view, state)
                                   and view.pack.finds(("each", "remainder_words"), view.text))


# ---- metric ---------------------------------------------------------------------------------
def _gap_is_adjacent(text: str, spaced: bool) -> bool:
    """At most two words between a trigger and its amount, no clause punctuation."""
    if _CLAUSE_PUNCT.search(text):
        return False
    return len(text.split()) <= 2 if spaced else len(text) <= 4


def _a_share_move_continued(view: SentenceView, amount: Amount, clause: tuple[int, int]) -> bool:
    """ "台灣大昨日股價收118.5元，上漲1.7%": where commas cut clauses short, a rise or fall after a
    clause about the shares earlier in the sentence is a share move too ("；富邦金收88.2元，小跌0.3%"),
    unless its own clause names another measure ("營收成長12%")."""
    p = view.pack
    stock = p.trigger_regex.get("stock_move")
    if stock is None or not stock.search(view.text, 0, clause[0]):
        return False
    if other_metric_named(view, clause):
        return False
    return p.finds(("growth_up", "growth_down"), view.text, *clause)


def other_metric_named(view: SentenceView, clause: tuple[int, int], metrics_of_shares: tuple[str, ...] = ()) -> bool:
    """A trigger of a metric other than a share move (or `metrics_of_shares`) in the clause ("revenue rose 12%")."""
    return any(key != "stock_move" and key not in metrics_of_shares and rx.search(view.text, *clause)
               for key, rx in view.pack.trigger_regex.items())


def _about_trading(view: SentenceView) -> bool:
    """ "A la Bourse suisse, le titre Romande Energie a gagné 2,1%", "NEXTDC slipped 1.1 per cent to
    $15.42": a sentence about the shares (`share_price_words`), the exchange (`stock_market_words`,
    not in "ASX-listed") or with a quoted share price makes a rise or fall a share move, unless it
    names another measure ("營收1,742億元，年增3.9%，每股純益4.52元")."""
    p = view.pack
    cue = view.quotes_a_share_price or any(
        p.regex.get(k) is not None and any(view.text[m.end():m.end() + 1] != "-" for m in p.regex[k].finditer(view.text))
        for k in ("share_price_words", "stock_market_words"))
    # (a market value is the shares' too: "截至收盘涨8.75%，报36.20元/股，总市值约50.9亿元")
    return cue and not other_metric_named(view, (0, len(view.text)), ("valuation",))


def _a_share_move_paragraph(view: SentenceView, amount: Amount, state: DocumentState) -> bool:
    """A rise or fall one or two sentences after a share move of the same paragraph, naming no other
    measure, is a share move too ("Acciona Energía avanzó un 1,9%.", "HD현대일렉트릭은 4.1% 상승했다.")."""
    last = state.last_share_move_sentence
    index = view.sentence.index
    clause = clause_span(view, amount.start)
    return (state.paragraph_start <= last and 0 < index - last <= 2 and not other_metric_named(view, clause)
            and not view.pack.finds(("share_move_stretch",), view.text, *clause))


def _the_round_is_for(view: SentenceView, amount: Amount, counterparts: list[Entity]) -> Entity | None:
    """The firm a funding round is for, named after the amount behind an investee marker ("a $100
    million round in Vetta", "une ronde de financement de 1,4 milliard $ dans Cologix")."""
    markers = view.pack.regex.get("investee_markers")
    if markers is None or not counterparts:
        return None
    clause = clause_span(view, amount.start)
    for m in view.mentions:
        if m.entity == counterparts[0] and amount.end <= m.start <= clause[1]:
            before = view.text[max(amount.end, m.start - 12):m.start].rstrip()
            word = re.search(r"(\S+)$", before)
            if word is not None and markers.fullmatch(word.group(1)):
                return m.entity
    return None


def _the_supplier(view: SentenceView, amount: Amount, subject: Entity | None, counterparts: list[Entity],
                  state: DocumentState) -> Entity | None:
    """The seller of a power supply contract the story's firm signs (`power_purchase_words`): its counterpart
    ("Prologis a signé avec EDF un contrat de fourniture de 150 MW") or the firm it buys from ("agreed to buy
    200 MW of output from Ørsted"). The megawatts are the supplier's, as a generator's supply is."""
    words = view.pack.regex.get("power_purchase_words")
    if amount.kind != POWER or words is None or subject is None or subject != state.main_org:
        return None
    clause = clause_span(view, amount.start)
    if not words.search(view.text, clause[0], clause[1]):
        return None
    if counterparts:
        return counterparts[0]
    return next((m.entity for m in view.mentions if m.kind == "org" and m.entity != subject and amount.end <= m.start
                 and m.end <= clause[1] and preceded_by(view, m, clause[0], "lender_markers")), None)


def _a_share_of_the_loan(view: SentenceView, amount: Amount, subject: Entity | None, state: DocumentState) -> bool:
    """ "CAF y BID Invest aportarán US$ 200 millones cada uno, y el Banco Galicia, los US$ 100 millones
    restantes de un paquete de deuda", "... Unicaja aporta los 60 millones restantes.": money in a
    sentence about a loan (or right after one), from a bank or marked as each one's part or the
    rest, is a lender's part of the loan."""
    if amount.kind != MONEY:
        return False
    if not _trigger_outside_names(view, view.pack.trigger_regex.get("loan_or_debt")) and not _loan_named_just_before(view, state):
        return False
    return (subject is not None and subject.kind == "org" and is_a_bank(subject)) or view.pack.finds(
        ("each", "remainder_words"), view.text, max(0, amount.start - 25), min(len(view.text), amount.end + 25))


def _word_beside(view: SentenceView, amount: Amount, key: str) -> bool:
    """A word of the pack's list `key` beside the amount in its clause: at most three words
    between (eight characters where words are not spaced), no clause punctuation."""
    rx = view.pack.regex.get(key)
    if rx is None:
        return False
    clause = clause_span(view, amount.start)
    for m in rx.finditer(view.text, clause[0], clause[1]):
        gap = view.text[m.end():amount.start] if m.end() <= amount.start else view.text[amount.end:m.start()] \
            if m.start() >= amount.end else None
        if gap is None or _CLAUSE_PUNCT.search(gap):
            continue
        if (len(gap.split()) <= 3) if view.pack.spaced else len(gap) <= 8:
            return True
    return False


def _managed_assets(view: SentenceView, amount: Amount) -> bool:
    """ "250 milliards d'euros d'actifs", "with assets of around £30bn": the pack's
    `managed_assets_words` right after the amount, or right before it (a hedge between)."""
    rx = view.pack.regex.get("managed_assets_words")
    if rx is None:
        return False
    after = rx.search(view.text, amount.end, min(len(view.text), amount.end + 30))
    if after is not None and len(view.text[amount.end:after.start()].strip()) <= 2:
        return True
    return any(len(view.text[m.end():amount.start].split()) <= 2 and not _CLAUSE_PUNCT.search(view.text[m.end():amount.start])
               for m in rx.finditer(view.text, max(0, amount.start - 40), amount.start))


@cache
def _a_part_of() -> re.Pattern:
    """A particle right before a percentage that makes it a part of the noun before (common.yaml
    `part_of_particles`: "X的30%", "Xの30%")."""
    return re.compile(rf"(?:{'|'.join(map(re.escape, common()['part_of_particles']))})\s?$")


def choose_metric(view: SentenceView, amount: Amount, subject: Entity | None, others: list[Amount] = ()) -> str | None:
    p = view.pack
    clause = clause_span(view, amount.start)

    def found(key: str, lo=clause[0], hi=clause[1]) -> bool:
        rx = p.regex.get(key) if key in p.regex else p.trigger_regex.get(key)
        return bool(rx and rx.search(view.text, lo, hi))

    if amount.kind == POWER:
        if found("leased_capacity"):
            return "leased_capacity"
        if found("power_shortfall"):
            return "power_shortfall"
        return "power_capacity"
    if amount.kind == AREA:
        return "other" if _word_beside(view, amount, "floor_area_words") else "land_area"  # a building's floor area
    if amount.kind == COUNT:
        return job_phase(view, amount, clause) if amount.count_metric == "jobs_total" else amount.count_metric
    if amount.kind == RATIO:
        return amount.count_metric or "growth_multiple"  # (a PUE is `other`: numbers.py _efficiency_ratios)
    if amount.kind in (ENERGY, VOLUME):
        return "other"
    if amount.kind == PERCENT:
        if found("power_shortfall"):
            return "power_shortfall"
        respectively = p.regex.get("respectively")
        near = (max(clause[0], amount.start - 40), min(clause[1], amount.end + 40))
        moved = found("growth_up", *near) or found("growth_down", *near)  # "rose 38%", not "fell ..., the margin was 15.8%"
        if not moved and _a_part_of().search(view.text, max(0, amount.start - 2), amount.start):
            return "other"  # "发行前公司总股本的30%", "均价的80%": a part of something, no move of the shares
        if (found("stock_move") or (respectively and respectively.search(view.text) and found("stock_move", 0, len(view.text)))
                or (not p.spaced and _a_share_move_continued(view, amount, clause)) or (moved and _about_trading(view))):
            # ("Micron shares have gained 41% so far this year": a change over a stretch of time)
            return "growth_rate" if found("share_move_stretch") else "stock_move"
        if moved:
            return "growth_rate"
        if re.search(r"[(（]\s?[+\u2212\-]\s?$", view.text[max(0, amount.start - 3):amount.start]):
            return "growth_rate"  # "330 milioni di ricavi (+12%)": a signed change in brackets
        return "other"  # a share, a margin, a stake: still a figure about its subject
    # money
    if _managed_assets(view, amount):
        return "other"  # "PGGM, qui gère quelque 250 milliards d'euros d'actifs": the fund's size
    hits = []
    for metric, rx in p.trigger_regex.items():
        if metric in ("stock_move", "leased_capacity", "power_shortfall"):
            continue
        for m in rx.finditer(view.text, clause[0], clause[1]):
            if _inside_a_name(view, m):
                continue  # "Société nationale de crédit et d'investissement" speaks of no loan
            if m.end() <= amount.start:
                gap = view.text[m.end():amount.start]
            elif m.start() >= amount.end:
                gap = view.text[amount.end:m.start()]
            else:
                continue
            hits.append((metric, len(gap), _gap_is_adjacent(gap, p.spaced), m.end() <= amount.start))
    metric = None
    adjacent = [h for h in hits if h[2]]
    if adjacent:
        metric = min(adjacent, key=lambda h: (h[0] in GENERIC_METRICS, h[1], METRIC_PRIORITY.index(h[0])))[0]
    elif hits:
        metric = min(hits, key=lambda h: h[1])[0]
    if metric == "funding_round" and any(h[0] == "loan_or_debt" and h[1] <= 4 and h[3] for h in hits) \
            and not any(h[0] == "funding_round" and h[3] for h in hits):
        metric = "loan_or_debt"  # "シンジケートローンで総額600億円を調達し": raised by the loan named before it (not "una ronda de financiación de ...")
    if (metric is None or metric in GENERIC_METRICS) and _word_beside(view, amount, "contract_words"):
        return "other"  # "an order for 24,576 GPUs worth roughly $1.2 billion": a contract's value
    # (a group's loan stays a loan: "Sparebanken Vest og DNB låner ut til sammen 3 mrd. kr")
    if subject is not None and (subject.kind == "group" or subject.key == "world") and metric != "loan_or_debt":
        return "market_total"
    if subject is not None and subject.kind == "place" and (metric is None or metric in GENERIC_METRICS or metric == "capex"):
        return "market_total"  # money spent in a country or region by no one firm
    if metric is None and subject is not None and subject.kind == "org" and _a_phase_before(view, amount, clause, others) \
            and not found("public_money_words") and not _each_period_after(view, amount, clause) \
            and not _the_price_of_land(view, amount, clause, others):
        # "La primera etapa demandará US$ 750 millones": what a phase of a site costs (not money it
        # brings in each year: "£4m a year in business rates once the first phase is running")
        return "facility_cost"
    if (metric is None and subject is not None and subject.kind == "org" and not found("public_money_words")
            and _names_a_site(view, clause) and not _the_price_of_land(view, amount, clause, others)):
        # "Evroc mise 4 milliards d'euros sur un campus", "Bulk vil bygge datasenter for 6 mrd.":
        # a firm's money for a site it builds, with no other word for it, is its commitment
        return "investment_commitment"
    near = (max(clause[0], amount.start - 40), min(clause[1], amount.end + 40))
    if metric == "investment_commitment" and found("public_money_words", *near):
        return "other"  # "une prime à l'investissement de 12 M€", "a $45 million grant": public money, no one's investment
    if metric == "facility_cost" and _each_period_after(view, amount, clause):
        return "other"  # "The lease will cost the company Br 38 million a year": a running cost, no site's price
    if metric is None:
        return "other"  # an amount of money about a named subject is a figure, even unlabelled
    if metric == "revenue" and found("forecast_cues"):
        return "revenue_projection"
    return metric


DEAL_TOPICS = {"loan_or_debt": "loan_or_debt", "funding_round": "equity_investment"}
DEAL_TOPIC_REACH = 2  # sentences: a deal's participants are listed right after it is announced


def note_deal_topic(view: SentenceView, state: DocumentState) -> None:
    """Remember a sentence that speaks of a loan or a funding round (its trigger words anywhere)."""
    for topic in DEAL_TOPICS:
        if _trigger_outside_names(view, view.pack.trigger_regex.get(topic)):
            state.deal_topics.append((view.sentence.index, topic))


def participant_metric(view: SentenceView, amount: Amount, subject: Entity | None, metric: str,
                       state: DocumentState) -> str:
    """A participant's share of a deal the story just announced: "MUFG and Natixis each committed
    $600 million" after a loan is their loan, "Temasek put in $90 million" after a round is its
    equity. Only money with a generic metric and no site in its clause, from a firm this sentence names (not "the project",
    "la socimi": the deal's own party, spending its own money) other than the story's own firm and
    no government (which grants, not lends)."""
    if (amount.kind != MONEY or metric not in ("investment_commitment", "other") or subject is None
            or subject.kind != "org" or subject.rdf_type == "Government" or state.main_org is None
            or subject == state.main_org or not any(m.entity == subject for m in view.mentions)):
        return metric
    if _names_a_site(view, clause_span(view, amount.start)):
        return metric  # "Naver Cloud separately invests 700 billion won in its second campus": its own site
    index = view.sentence.index
    recent = [(i, topic) for i, topic in state.deal_topics if 0 <= index - i <= DEAL_TOPIC_REACH]
    if not recent:
        return metric
    latest = max(i for i, _ in recent)
    topics = {topic for i, topic in recent if i == latest}
    return DEAL_TOPICS[topics.pop()] if len(topics) == 1 else metric


JOB_PHASE_REACH = 40  # characters between a phase word and the count of jobs it comes before
JOB_PHASE_REACH_AFTER = 12  # ... and after it ("1,500 construction workers")


_NUMBER_RUN = re.compile(r"\d+(?:[.,]\d+)*")


def _nearer_the_number_before(text: str, word: re.Match, amount: Amount, clause: tuple[int, int]) -> bool:
    """ "150 وظيفة دائمة، إلى جانب نحو 900 عامل": a phase word nearer the number before it (in its clause,
    no year, no comma, colon or semicolon between: "150여명, 공사 기간 ... 1200명" is not) than the amount after
    it describes that number."""
    numbers = [n for n in _NUMBER_RUN.finditer(text, clause[0], word.start())
               if not re.fullmatch(r"(?:19|20)\d\d", n.group(0)) and not re.search(r"[,:;，：；、،]", text[n.end():word.start()])]
    return bool(numbers) and word.start() - numbers[-1].end() < amount.start - word.end()


def job_phase(view: SentenceView, amount: Amount, clause: tuple[int, int]) -> str:
    """Jobs of a phase by the nearest phase word (`job_phases` in the pack): "la obra generará
    1.200 empleos y la operación, 180 puestos" -> construction 1,200, permanent 180. Jobs a project
    brings about around it (`job_phases.total`: "带动就业", "nell'indotto", "غير مباشر") are of no
    phase, whatever phase the sentence names further off."""
    best = None
    for metric, key in (("jobs_construction", "job_phase_construction"), ("jobs_permanent", "job_phase_operation"),
                        ("jobs_total", "job_phase_total")):
        rx = view.pack.regex.get(key)
        if rx is None:
            continue
        for m in rx.finditer(view.text, clause[0], clause[1]):
            before = m.end() <= amount.start
            if before and (amount.elided or _nearer_the_number_before(view.text, m, amount, clause)):
                continue  # the words before a count that borrows its noun describe the count before it
            if amount.start <= m.start() < amount.end:  # "400 indirect jobs": the phase written in the amount
                return metric
            dist = amount.start - m.end() if before else m.start() - amount.end
            # a word before the count first: "la obra generará 1.200 empleos y la operación"; but one right
            # after it qualifies it ("300 منصب شغل مباشر ونحو 1500 منصب غير مباشر")
            rank = (-1 if not before and dist <= 1 else 0 if before else 1, dist)
            if 0 <= dist <= (JOB_PHASE_REACH if before else JOB_PHASE_REACH_AFTER) and (best is None or rank < best[0]):
                best = (rank, metric)
    return best[1] if best else "jobs_total"


def signed(view: SentenceView, amount: Amount, metric: str) -> None:
    """Falls are negative: "stock drops of 5%" -> -5. The direction word nearest the amount in
    its clause decides ("Nvidia rose 5%, while AMD fell 3%" keeps Nvidia positive)."""
    if metric not in ("stock_move", "growth_rate"):
        return
    clause = clause_span(view, amount.start)
    best = None
    for direction, key in ((1, "growth_up"), (-1, "growth_down")):
        rx = view.pack.regex.get(key)
        if rx is None:
            continue
        for m in rx.finditer(view.text, clause[0], clause[1]):
            if m.end() <= amount.start:
                dist = amount.start - m.end()
            elif m.end() > amount.end:
                dist = max(0, m.start() - amount.end)  # (a cue may take the amount's unit in: "gaben 0,4 Prozent nach")
            else:
                continue
            if best is None or dist < best[0]:
                best = (dist, direction)
    if best is None and view.pack.regex.get("respectively") and view.pack.regex["respectively"].search(view.text):
        down = view.pack.regex.get("growth_down")
        best = (0, -1) if down and down.search(view.text) else None
    if best and best[1] < 0:
        for attr in ("value", "lower", "upper"):
            v = getattr(amount, attr)
            if v is not None and v > 0:
                setattr(amount, attr, -v)


# ---- period, places, counterparts ----------------------------------------------------------
def choose_period(view: SentenceView, amount: Amount, others: list[Amount]) -> PeriodMention | None:
    """The nearest period in the clause, unless another amount stands between them."""
    clause = clause_span(view, amount.start)
    closed, _ = closed_segments(view, amount.start)
    limit = 150 if view.pack.spaced else 40
    best = None
    for pm in view.periods:
        if pm.start < clause[0] or pm.end > clause[1] or in_any((pm.start, pm.end), closed):
            continue
        if amount.start <= pm.start < amount.end:
            continue
        lo, hi = (amount.end, pm.start) if pm.start >= amount.end else (pm.end, amount.start)
        dist = hi - lo
        # a period belongs to the amount nearest to it: "$125 billion by 2025 and ... $91 billion"
        if any(_distance(o, pm) < dist for o in others if o is not amount and not o.threshold):
            continue
        if dist <= limit and (best is None or dist < best[0]):
            best = (dist, pm)
    return best[1] if best else None


def _distance(amount: Amount, pm: PeriodMention) -> int:
    if pm.start >= amount.end:
        return pm.start - amount.end
    if pm.end <= amount.start:
        return amount.start - pm.end
    return 0


def names_nationality(view: SentenceView, m: Mention) -> bool:
    """ "the British company Fluidstack", "a empresa brasileira X": a nationality, not a site."""
    if any(n.start >= m.end and n.start - m.end < 25 and n.kind == "org" for n in view.mentions):
        return True
    nouns = view.pack.regex.get("company_nouns")
    if nouns is None:
        return False
    if re.match(r"[-‑]?based\b", view.text[m.end:m.end + 7]):
        return True  # "a UK-based platform"
    after = _TOKEN.findall(view.text[m.end:m.end + 40])[:3]
    before = _TOKEN.findall(view.text[max(0, m.start - 40):m.start])[-2:]
    return any(nouns.search(t) for t in after + before)


def choose_places(view: SentenceView, amount: Amount, subject: Entity | None) -> list[Entity]:
    clause = clause_span(view, amount.start)
    places = []
    for m in view.mentions:
        if m.kind != "place" or m.entity == subject or not (clause[0] <= m.start and m.end <= clause[1]):
            continue
        if m.entity.key == "world":
            continue
        if m.demonym and names_nationality(view, m):
            continue
        if m.entity not in places:
            places.append(m.entity)
    return most_specific(places)


def most_specific(items: list, key=lambda e: e) -> list:
    """Drop a place when a place inside it is named too: "Atlanta, Georgia" -> Atlanta."""
    entities = [key(i) for i in items]
    return [i for i, e in zip(items, entities) if not any(o.parent == e.key for o in entities)]


def choose_counterparts(view: SentenceView, amount: Amount, subject: Entity | None, metric: str) -> list[Entity]:
    """Organisations after a counterpart word ("with Fluidstack", "in Anthropic") in the clause."""
    clause = clause_span(view, amount.start)
    lo, hi = (0, len(view.text)) if metric == "equity_investment" else clause
    closed, _ = closed_segments(view, amount.start)
    out = []
    for m in view.mentions:
        if m.kind != "org" or m.entity == subject or is_reporter(view, m):
            continue
        if not (lo <= m.start and m.end <= hi):
            continue
        if in_any((m.start, m.end), closed) and metric != "equity_investment":
            continue
        if preceded_by(view, m, lo, "counterpart_markers") and m.entity not in out:
            out.append(m.entity)
    return out


def reporters(view: SentenceView) -> Entity | None:
    for m in view.mentions:
        if m.kind == "org" and is_reporter(view, m):
            return m.entity
    return None


def genitive_owner(view: SentenceView, amount: Amount) -> Entity | None:
    """ "the capacity of Elea will rise from 90 MW", "le chiffre d'affaires d'OVHcloud a atteint":
    a firm named after a measure noun and an "of" owns the amount, though it follows a preposition."""
    particle = particle_owner(view, amount)
    if particle is not None:
        return particle
    of = view.pack.regex.get("of_words")
    measure, facility = view.pack.regex.get("measure_nouns"), view.pack.regex.get("facility_nouns")
    patterns = [rx.pattern for rx in (measure, facility) if rx is not None]
    if not patterns or of is None:
        return None
    nouns = re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)  # "the data centres of Start Campus" too
    clause = clause_span(view, amount.start)

    def a_subject(o: Mention) -> bool:
        return o.kind in ("org", "group") and o.end <= amount.start and not is_reporter(view, o) \
            and not is_object_position(view, o, clause[0])

    for m in view.mentions:
        if m.kind != "org" or not (clause[0] <= m.start < amount.start) or amount.start - m.end > 80 or is_reporter(view, m):
            continue
        head = view.text[max(clause[0], m.start - 40):m.start]
        owned = re.search(rf"(?i:{nouns.pattern})\s+(?:(?i:{of.pattern})\s*(?:the\s|la\s|le\s|el\s|a\s|o\s|il\s|der\s|des\s)?|(?i:{of.pattern}))\s*$", head)
        if owned:
            # (not when another firm stands as a subject between them: "Data center de Grand-Bassam : MTN
            # Côte d'Ivoire engage 85 milliards" is MTN's; nor, for a site, before them: "TRXF11 compra data
            # center da UOL por R$ 412 milhões" is the buyer's money, though "the capacity of Elea" stays Elea's)
            site = facility is not None and facility.search(owned.group(0)) and not (measure and measure.search(owned.group(0)))
            # (an amount in apposition to the site is the site's, whoever acts on it: "A APA emitiu uma declaração ...
            # ao campus da Start Campus em Sines, um investimento de 1,9 mil milhões")
            comma = view.text.rfind(",", m.end, amount.start)
            indefinite = view.pack.regex.get("indefinite_articles")
            site = site and not (comma >= 0 and indefinite is not None and indefinite.match(view.text, _skip_space(view.text, comma + 1)))
            if any(a_subject(o) and (m.end < o.start or (site and clause[0] <= o.start and o.end <= m.start - len(owned.group(0))))
                   for o in view.mentions if o is not m):
                continue
            return m.entity
    return None


def particle_owner(view: SentenceView, amount: Amount) -> Entity | None:
    """ "LG유플러스의 3분기 매출은 3조8천억원", "関電のDC関連売上高は300億円": where a particle marks
    the genitive, a firm + genitive + the word for the measure owns the amount."""
    genitive = view.pack.regex.get("particle_genitive")
    if genitive is None:
        return None
    clause = clause_span(view, amount.start)
    owner = None
    for m in view.mentions:
        if m.kind != "org" or not (clause[0] <= m.start and m.end < amount.start) or is_reporter(view, m):
            continue
        g = genitive.match(view.text, m.end)
        if g is None:
            continue
        window = (g.end(), min(amount.start, g.end() + 15))
        if any(metric != "stock_move" and rx.search(view.text, *window) for metric, rx in view.pack.trigger_regex.items()):
            owner = m.entity  # the nearest such name before the amount
    return owner


def _appointed(view: SentenceView, entity: Entity) -> bool:
    """A firm the pack's `appointment_verbs` follow closely ("Graham has been appointed", "を受注"): picked
    for a deal, a participant in it."""
    verbs = view.pack.regex.get("appointment_verbs")
    return verbs is not None and any(m.entity == entity and verbs.search(view.text, m.end, m.end + 30)
                                     for m in view.mentions)


def _an_exchange(view: SentenceView, entity: Entity) -> bool:
    """A stock exchange by its name (the pack's `stock_market_words` open it: "Bolsa de Valores de ...")."""
    exchange = view.pack.regex.get("stock_market_words")
    return entity.kind == "org" and exchange is not None and exchange.match(entity.label) is not None


def stock_subject(view: SentenceView, amount: Amount) -> Entity | None:
    """ "Shares in Segro rose 3.1%", "Marvell's shares", "die Aktie von SAP": the firm beside the
    word for its shares, even after a preposition."""
    rx = view.pack.trigger_regex.get("stock_move")
    if rx is None:
        return None
    clause = clause_span(view, amount.start)
    best = None
    for word in rx.finditer(view.text, clause[0], clause[1]):
        for m in view.mentions:
            if m.kind != "org" or is_reporter(view, m):
                continue
            gap = view.text[word.end():m.start] if m.start >= word.end() else view.text[m.end:word.start()]
            # (a word may come between: "As ações preferenciais do BRB")
            if (len(gap) <= 12 or (view.pack.spaced and len(gap) <= 24 and len(gap.split()) <= 2)) and not _CLAUSE_PUNCT.search(gap):
                dist = abs(m.start - amount.start)
                if best is None or dist < best[0]:
                    best = (dist, m)
    if best is None:
        return None
    # "Shares of WPS parent WEC Energy Group", "LS전선 모회사인 LS 주가는": the parent named after the firm
    # (`parent_words` between them) is the one whose shares moved
    parents = view.pack.regex.get("parent_words")
    parent = next((m for m in view.mentions if m.kind == "org" and best[1].end < m.start <= amount.start
                   and parents.fullmatch(view.text[best[1].end:m.start].strip())), None) if parents is not None else None
    if parent is not None:
        return parent.entity
    # "as ações da Sonae subiram 2,9% ... e as da Navigator valorizaram 1,4%": a firm named after
    # the first firm's own move, right before this one, is this move's
    later = [m for m in view.mentions if m.kind == "org" and best[1].end < m.start and m.end <= amount.start
             and re.search(r"\d", view.text[best[1].end:m.start]) and not re.search(r"\d", view.text[m.end:amount.start])]
    return later[-1].entity if later else best[1].entity


def coordinated(view: SentenceView, amount: Amount, subject: Entity) -> list[Entity]:
    """The subject with the names joined to it: "SoftBank and OpenAI", "Amazon, Google and Meta"."""
    cands = [m for m in subject_candidates(view) if m.end <= amount.start and m.kind in ("org", "group")]
    idx = next((i for i in range(len(cands) - 1, -1, -1) if cands[i].entity == subject), None)
    if idx is None:
        return []
    group = [cands[idx]]
    for m in reversed(cands[:idx]):
        if not (_list_gap(view, m.end, group[0].start) or _described_next(view, m.end, group[0].start)):
            break
        group.insert(0, m)
    # "启明创投与君联资本各出资1亿元": a name joined after the subject (which a word for "with"
    # made an object) shares the amount when "each" stands between them and it
    each = view.pack.regex.get("each")
    # ... or anywhere beside the amount, the subject heading the list: "Die LLB und die VP Bank übernehmen je
    # 70 Mio. Franken", "Iccrea Banca e Bnl ne sottoscrivono 170 milioni ciascuna"
    # (not a total written after the shares: "..., som stiller med 800 millioner kroner hver, til sammen 1,6 mrd.")
    together = view.pack.regex.get("together")
    shared = len(group) == 1 and distributive(view, amount, []) and not (
        together is not None and together.search(view.text, cands[idx].end, amount.start))
    for m in cands[idx + 1:]:
        if not _list_gap(view, group[-1].end, m.start) or each is None or not (
                shared or each.match(view.text, _skip_space(view.text, m.end))):
            break
        group.append(m)
    return [m.entity for m in group] if len(group) > 1 else []


@cache
def _articles() -> frozenset[str]:
    return frozenset(common().get("articles") or [])


def _an_article_at_most(text: str) -> bool:
    """Nothing but punctuation, spaces and one article (common.yaml `articles`): "La ", "L'", ", the "."""
    words = re.sub(r"['’]", "' ", text).replace(",", " ").split()
    return not words or (len(words) == 1 and words[0].lower() in _articles())


@cache
def _index_level(code: str) -> re.Pattern | None:
    """An index's level: a number and `index_point_words` ("3,612.45点", "1.712 puntos")."""
    points = _pack(code).regex.get("index_point_words")
    return re.compile(rf"\d\s?(?i:{points.pattern})") if points is not None else None


@cache
def _index_level_after(code: str) -> re.Pattern | None:
    """A few characters, then an index's level (a number and `index_point_words`): "to 6,841.2 points"."""
    points = _pack(code).regex.get("index_point_words")
    return re.compile(rf"\D{{1,12}}\d[\d.,\s]*\s?(?i:{points.pattern})") if points is not None else None


def _an_index_move(view: SentenceView, amount: Amount) -> bool:
    """ "The benchmark PSEi added 0.5%", "Le MASI a terminé en hausse de 0,4%", "der ATX schloss 0,2
    Prozent im Minus": a stock index's move (`market_index_words`, common.yaml `market_indices`)
    named before the percentage in its clause, with no firm between. (An index after a move is
    mostly where a firm's shares moved: "subían un 1,9% en un Ibex 35 plano".)"""
    index = view.pack.regex.get("market_index")
    if amount.kind != PERCENT or index is None:
        return False
    points = view.pack.regex.get("index_point_words")
    # ("The KASE Index added 0.6% to 6,841.2 points": the level right after the move is an index's)
    level = _index_level_after(view.pack.code)
    if level is not None and level.match(view.text[amount.end:amount.end + 40]):
        return True
    clause = clause_span(view, amount.start)
    # ("Sify's Nasdaq-listed shares rose 7.5%": an index in a compound names the firm's listing;
    # "Index Ventures took 15%": a firm's name)
    # (or earlier in the sentence, with the index's level between: "上证指数收报3,612.45点，微跌0.2%")
    start = clause[0]
    if points is not None and _index_level(view.pack.code).search(view.text, 0, amount.start):
        start = 0
    before = [m for m in index.finditer(view.text, start, amount.start) if view.text[m.end():m.end() + 1] != "-"
              and not any(o.kind == "org" and o.start <= m.start() < o.end for o in view.mentions)]
    return bool(before) and not any(m.kind == "org" and before[-1].end() <= m.start < amount.start for m in view.mentions)


def _each_of_a_list(view: SentenceView, amount: Amount, found: Entity | None) -> list[Entity]:
    """ "... from BDO Unibank and Metrobank, with each bank extending P15 billion": "each" in the
    amount's clause, before it, shares it among the firms an earlier clause listed (when no
    subject was `found` otherwise, or only one the sentence does not name); "... من البنك العربي الوطني والبنك السعودي للاستثمار، بواقع 1.5 مليار
    ريال لكل بنك": "each" right after the amount shares it among the firms listed before it."""
    each = view.pack.regex.get("each")
    if each is None:
        return []
    clause = clause_span(view, amount.start)

    def listed(a: Mention, b: Mention) -> bool:
        return _list_gap(view, a.end, b.start)

    right_after = each.match(view.text, _skip_space(view.text, amount.end))
    if right_after:
        limit = amount.start
        # "250 mln ciascuna da Banco Bpm e Bper": lenders named after "each" and a lender marker
        marker = view.pack.regex.get("lender_markers")
        hit = marker.match(view.text, _skip_space(view.text, right_after.end())) if marker is not None and amount.kind == MONEY else None
        if hit is not None:
            runs = runs_of_firms([m for m in view.mentions if m.kind == "org" and m.start >= hit.end()], listed)
            if runs and runs[0][0].start - hit.end() <= 4 and len(runs[0]) >= 2:
                return _each_firm_once(runs[0])
    elif hit := each.search(view.text, clause[0], amount.start):
        limit = hit.start()  # (the list may end the clause's start too: "provided by RHB Bank and CIMB, each contributing RM900 million")
        if found is not None and not _a_list_right_before_each(view, amount, found, hit):
            return []
    else:
        return []
    return last_list_of_firms([m for m in view.mentions if m.kind == "org" and m.end <= limit], listed)


def _a_list_right_before_each(view: SentenceView, amount: Amount, found: Entity, each: re.Match) -> bool:
    """ "Debt will come from a loan arranged by Republic Bank and First Citizens Bank, each contributing
    TT$600 million" after a sentence about the borrower: a subject the sentence does not name (the last
    figure's) gives way to the firms listed right before "each", no other amount between it and this one
    ("..., with Sagicor and JN Bank each providing J$5 billion and NCB the remaining J$4 billion")."""
    if any(m.entity == found for m in view.mentions) or re.search(r"\d", view.text[each.end():amount.start]):
        return False
    named = [m for m in view.mentions if m.kind == "org" and m.end <= each.start()]
    return bool(named) and re.fullmatch(r",?\s*", view.text[max(m.end for m in named):each.start()]) is not None


def runs_of_firms(orgs: list[Mention], joined) -> list[list[Mention]]:
    """`orgs` in text order, cut into runs that `joined(previous, next)` links."""
    runs: list[list[Mention]] = []
    for m in sorted(orgs, key=lambda m: m.start):
        if runs and joined(runs[-1][-1], m):
            runs[-1].append(m)
        else:
            runs.append([m])
    return runs


def _each_firm_once(run: list[Mention]) -> list[Entity]:
    return list({m.entity.key: m.entity for m in run}.values())


def last_list_of_firms(orgs: list[Mention], joined) -> list[Entity]:
    """The last run of two or more of `orgs` in text order that `joined(previous, next)` links,
    each firm once (the list "respectively" and "each bank" refer to)."""
    return _each_firm_once(next((run for run in reversed(runs_of_firms(orgs, joined)) if len(run) >= 2), []))


def distributive(view: SentenceView, amount: Amount, group: list[Entity]) -> bool:
    """ "each", "jeweils", "chacun", "各" beside the amount or between the names and it."""
    rx = view.pack.regex.get("each")
    if rx is None:
        return False
    clause = clause_span(view, amount.start)
    return bool(rx.search(view.text, clause[0], min(clause[1], amount.end + 12)))


# ---- respectively ---------------------------------------------------------------------------
def respectively_subjects(view: SentenceView, amounts: list[Amount], state: DocumentState | None = None) -> dict[int, Entity]:
    """"Amazon and Google ... drops of 5% and 8% respectively" -> pair in order; a sentence that
    names no firm before its amounts pairs them with the firms the previous list named, when
    there are as many."""
    rx = view.pack.regex.get("respectively")
    word = rx.search(view.text) if rx else None
    if word is None or len(amounts) < 2:
        return {}
    # the part of the sentence between semicolons that says "respectively": "X拟投资180亿元；
    # 中国电信、世纪互联分别投资65亿元和42亿元" pairs the two firms with the last two amounts only
    lo = max((m.end() for m in re.finditer(r"[;；]", view.text[:word.start()])), default=0)
    hi = next((m.start() for m in re.finditer(r"[;；]", view.text[word.end():])), len(view.text) - word.end()) + word.end()
    amounts = [a for a in amounts if lo <= a.start < hi]
    each = view.pack.regex.get("each")
    if each is not None and each.fullmatch(word.group(0)):
        # a word for both ("각각", "それぞれ", "jeweils"): "respectively" only before a list of
        # amounts ("각각 2550억원, 2450억원"); "각각 2000억원을 대고, 나머지 3000억원은" is "each"
        amounts = _listed_after(view, word.end(), amounts)
    if len(amounts) < 2:
        return {}
    first = min(a.start for a in amounts)
    orgs = [m for m in subject_candidates(view) if lo <= m.start and m.end <= first and m.kind == "org"]
    if not orgs and state is not None and len(state.last_org_list) == len(amounts):
        return {id(a): e for a, e in zip(sorted(amounts, key=lambda a: a.start), state.last_org_list)}
    if len(orgs) < len(amounts):
        return {}
    chosen = orgs[-len(amounts):]
    return {id(a): m.entity for a, m in zip(sorted(amounts, key=lambda a: a.start), chosen)}


def _listed_after(view: SentenceView, start: int, amounts: list[Amount]) -> list[Amount]:
    """The amounts after `start` that form one list: each joined to the next by a comma or a
    conjunction, with one short word at most ("65亿元和约42亿元", "$2 billion and about $3 billion")."""
    conj = view.pack.regex.get("conjunctions")
    listed: list[Amount] = []
    for a in sorted((a for a in amounts if a.start >= start), key=lambda a: a.start):
        if listed:
            gap = view.text[listed[-1].end:a.start].strip(" ,、，،")
            joined = conj.match(gap.lower()) if conj is not None and gap else None
            rest = gap[joined.end():].strip() if joined else gap
            if rest and not (joined and len(rest) <= (6 if view.pack.spaced else 2) and re.fullmatch(r"\w+", rest)):
                break
        listed.append(a)
    return listed


def qualify(view: SentenceView, amount: Amount, figure: Figure) -> None:
    """Names that make a figure precise: "Series F" for a round, "post-money" for a valuation."""
    clause = clause_span(view, amount.start)
    ctext = view.text[clause[0]:clause[1]]
    rx = view.pack.regex.get("round_name")
    if figure.metric in ("funding_round", "valuation") and rx:
        m = rx.search(ctext)
        figure.round_name = m.group(0) if m else None
    if figure.metric == "valuation":
        for basis in ("post-money", "pre-money"):
            brx = view.pack.regex.get(f"basis_{basis}")
            if brx and brx.search(ctext):
                figure.valuation_basis = basis
                break


# ---- one sentence -----------------------------------------------------------------------------
def sentence_figures(view: SentenceView, amounts: list[Amount], state: DocumentState, offset: int) -> tuple[list[Figure], list[tuple]]:
    """Figures of one sentence, and the orphans: amounts with no subject or only a guessed one.

    An orphan restating a figure of the document becomes evidence of it; a guessed one that
    restates nothing stands as a figure of the article's main organisation.
    """
    figures: list[Figure] = []
    orphans: list[tuple[Amount, Evidence, Figure | None]] = []
    paired = respectively_subjects(view, [a for a in amounts if not a.threshold], state)
    s = view.sentence
    note_deal_topic(view, state)
    for amount in amounts:
        if amount.threshold or _an_index_move(view, amount):
            continue
        evidence = Evidence(
            sentence=Span(s.start, s.end, s.text),
            mention=Span(offset + amount.start, offset + amount.end, amount.text),
            language=s.language,
        )
        subject, guessed = (paired[id(amount)], False) if id(amount) in paired else choose_subject(view, amount, state)
        group = coordinated(view, amount, subject) if subject is not None and not guessed and id(amount) not in paired else []
        listed = _each_of_a_list(view, amount, None if guessed else subject) if id(amount) not in paired else []
        if listed:  # "a loan from BDO Unibank and Metrobank, with each bank extending P15 billion"
            subject, guessed, group = listed[0], False, listed
        metric = choose_metric(view, amount, subject, amounts)
        if metric is None:
            continue
        if metric == "growth_rate" and _a_share_move_paragraph(view, amount, state):
            metric = "stock_move"  # "En bolsa, las acciones de X subieron un 2,8%. Y avanzó un 1,9%."
        if metric == "stock_move":
            state.last_share_move_sentence = s.index
        if id(amount) not in paired:
            owner = stock_subject(view, amount) if metric == "stock_move" else genitive_owner(view, amount)
            if owner is not None and any(_makes_the_chips(view, amount, m) for m in view.mentions if m.entity == owner):
                owner = None  # "エヌビディア製のGPU": the maker's name, not the owner's
            if owner is not None:
                subject, guessed = owner, False
            elif metric == "stock_move" and subject is not None and (subject.kind == "place" or _an_exchange(view, subject)):
                # "وارتفع سهمها في سوق العراق": a place has no shares, nor has the exchange ("Na Bolsa de Valores
                # de Moçambique, as acções da HCB subiram"); "its shares" are the firm's the story was just about
                subject = next((e for e in (state.last_subject, state.main_org) if e is not None and e.kind == "org"), None)
                guessed = True
        if subject is None:
            orphans.append((amount, evidence, None))
            continue
        counterparts = choose_counterparts(view, amount, subject, metric)
        investee = _the_round_is_for(view, amount, counterparts) if metric == "funding_round" else None
        if investee is not None:  # "Sequoia led a $100 million round in Vetta": Vetta's round
            subject, counterparts = investee, [subject]
        supplier = _the_supplier(view, amount, subject, counterparts, state) if metric == "power_capacity" else None
        if supplier is not None:  # the story's firm buys the megawatts: the seller's (a partner in the deal, whose
            subject, counterparts = supplier, [subject]  # site the next sentence's figures are not)
            state.deal_participants.setdefault(s.index, set()).add(supplier.key)
        investor = view.pack.regex.get("investor_nouns")
        if metric == "investment_commitment" and investor and investor.search(view.text):
            # "Amazon, Anthropic's largest investor, has put in $8 billion": money into a firm
            investees = choose_counterparts(view, amount, subject, "equity_investment")
            if investees:
                metric, counterparts = "equity_investment", investees
        own_metric, metric = metric, participant_metric(view, amount, subject, metric, state)
        if metric in ("other", "investment_commitment") and _a_share_of_the_loan(view, amount, subject, state):
            metric = "loan_or_debt"
        if metric == "equity_investment" and not counterparts and state.main_org is not None:
            counterparts = [state.main_org]  # the round is the story's firm's
        signed(view, amount, metric)
        pm = choose_period(view, amount, amounts)
        figure = Figure(
            subject=subject,
            metric=metric,
            quantity=Quantity(unit=amount.unit, value=amount.value, lower=amount.lower, upper=amount.upper, approx=amount.approx,
                              conversions=[Quantity(unit=c.unit, value=c.value, lower=c.lower, upper=c.upper, approx=c.approx)
                                           for c in amount.conversions]),
            evidence=[evidence],
            period=pm.period if pm else None,
            period_text=pm.text if pm else None,
            locations=choose_places(view, amount, subject),
            counterparts=counterparts,
            reported_by=reporters(view),
        )
        qualify(view, amount, figure)
        together = view.pack.regex.get("together")
        clause = clause_span(view, amount.start)
        each = view.pack.regex.get("each")
        # "låner ut til sammen 3 mrd. kr ..., 1,5 mrd. kr hver": "each" right after an amount wins
        each_after = bool(each and each.match(view.text, _skip_space(view.text, amount.end)))
        if len(group) > 1 and together and together.search(view.text, clause[0], clause[1]) and not each_after:
            # "Microsoft, Amazon, Meta and Alphabet together will spend $650 billion": the group's figure
            figure.subject = gazetteer().group_of(group)
            if figure.metric == "loan_or_debt" and state.main_org is not None and state.main_org not in group \
                    and not any(m.kind == "org" and m.entity not in group and m.entity != state.main_org
                                and not is_reporter(view, m) for m in view.mentions):
                # (not a loan to a firm the sentence names: "... lent $400 million to Microsoft")
                # "Nordea og SpareBank 1 SMN stiller med 1,2 mrd. kr hver, til sammen 2,4 mrd. kr": firms other
                # than the story's lend a total to it, whose debt it is (each lender's share is its own)
                figure.subject, figure.counterparts = state.main_org, [*group, *figure.counterparts]
            if figure.quantity.unit.isupper() and figure.metric in GENERIC_METRICS | {"capex"}:
                figure.metric = "market_total"
        elif len(group) > 1:
            if distributive(view, amount, group):
                # "SoftBank and OpenAI each pledged $18 billion": the same amount for each of them
                for other in group[1:]:
                    figures.append(replace(figure, subject=other, evidence=list(figure.evidence),
                                           counterparts=[c for c in figure.counterparts if c != other]))
                figure.subject = group[0]
            else:  # "Oracle and MGX committed $7 billion": together; the first named leads
                figure.subject = group[0]
                figure.counterparts = [e for e in group[1:] if e not in figure.counterparts] + figure.counterparts
        if guessed:
            orphans.append((amount, evidence, figure))
            continue
        figures.append(figure)
        state.recent_figures.append((s.index, subject))
        if _appointed(view, figure.subject):
            # ("Graham has been appointed main contractor in a deal worth about £190m": the next sentence's jobs
            # and homes are the campus's, not the contractor's)
            state.deal_participants.setdefault(s.index, set()).add(figure.subject.key)
        # a lender's share, an investor's ticket; a loan that banks sign (the lenders', not the story firm's),
        # or that several firms give in a sentence without the story's firm ("CBAO, Ecobank et la BOAD
        # apportent 60 milliards de dette"; not "RackBank is in talks for Rs 2,200 crore of debt")
        if metric != own_metric or (metric == "loan_or_debt" and figure.subject != state.main_org and (
                is_a_bank(figure.subject) or (len(group) > 1 and not any(m.entity == state.main_org for m in view.mentions)))):
            state.deal_participants.setdefault(s.index, set()).update(
                e.key for e in [figure.subject, *group] if e != state.main_org)
        if metric in FACILITY_METRICS and subject.rdf_type != "Government" and (
                subject == state.main_org or _names_a_site(view, clause_span(view, amount.start))):
            # (a grid authority's connection is no owner of "the centre" the next sentence speaks of)
            state.last_facility_subject = subject
    return figures, orphans


# ---- the document: merging duplicates ---------------------------------------------------------
def _number_key(q: Quantity):
    """The amount in its dimension's base unit: "1GW" in a headline and "1,000MW" in the text are one figure."""
    dimension, factor = (common().get("conversions") or {}).get(q.unit, (q.unit, 1))

    def r(v):
        if v is None:
            return None
        v *= factor
        return round(v, 6 - len(str(int(abs(v)))) if abs(v) >= 1 else 6)
    return (dimension, r(q.value), r(q.lower), r(q.upper))


# A metric and the narrower ones a repeat may name: "120 direct jobs" then, in a quote, "120 jobs".
NARROWER_METRICS = {"jobs_total": {"jobs_permanent", "jobs_construction"}}


def _more_specific(a: str, b: str) -> str:
    if (a in GENERIC_METRICS and b not in GENERIC_METRICS) or b in NARROWER_METRICS.get(a, ()):
        return b
    return a


SAME_KIND_METRICS = [{"investment_commitment", "capex", "facility_cost"}]


def _compatible(a: Figure, b: Figure) -> bool:
    """Two statements of one figure: no two different specific metrics, and no clash of periods.

    "Oracle's revenue of $15 billion in 2024" and "its capex of $15 billion in 2025" stay two."""
    metrics_ok = (
        a.metric == b.metric or a.metric in GENERIC_METRICS or b.metric in GENERIC_METRICS
        or any(a.metric in g and b.metric in g for g in SAME_KIND_METRICS)
        or b.metric in NARROWER_METRICS.get(a.metric, ()) or a.metric in NARROWER_METRICS.get(b.metric, ())
    )
    periods_ok = (
        a.period is None or b.period is None or a.period.key == b.period.key
        or a.period.start is None or b.period.start is None  # "this year" with no date known
    )
    return metrics_ok and periods_ok


def merge_figures(figures: list[Figure], orphans: list[tuple]) -> list[Figure]:
    """Same subject and same amount in one document = one figure with several evidence spans."""
    merged: dict[tuple, list[Figure]] = {}
    for f in figures:
        key = (f.subject.key, _number_key(f.quantity))
        same = [g for g in merged.get(key, []) if _compatible(g, f)]
        if not same:
            merged.setdefault(key, []).append(f)
            continue
        g = same[0]
        seen = {(x.mention.start, x.mention.end) for x in g.evidence}
        g.evidence.extend(e for e in f.evidence if (e.mention.start, e.mention.end) not in seen)
        g.metric = _more_specific(g.metric, f.metric)
        g.quantity.approx = g.quantity.approx or f.quantity.approx
        if g.period is None and f.period is not None:
            g.period, g.period_text = f.period, f.period_text
        for attr in ("locations", "counterparts"):
            for e in getattr(f, attr):
                if e not in getattr(g, attr):
                    getattr(g, attr).append(e)
        g.reported_by = g.reported_by or f.reported_by
        g.round_name = g.round_name or f.round_name
        g.valuation_basis = g.valuation_basis or f.valuation_basis
    result = [f for group in merged.values() for f in group]
    guessed = []
    for amount, evidence, figure in orphans:
        q = Quantity(unit=amount.unit, value=amount.value, lower=amount.lower, upper=amount.upper)
        same = [f for f in result if _number_key(f.quantity) == _number_key(q)]
        if len(same) == 1:
            same[0].evidence.append(evidence)
        elif not same and figure is not None:
            guessed.append(figure)
    if guessed:
        return merge_figures(result + guessed, [])
    for f in result:
        f.evidence.sort(key=lambda e: e.mention.start)
    result.sort(key=lambda f: f.evidence[0].mention.start)
    return result
