"""Sentence segmentation with exact offsets, and the language of each sentence.

News text mixes scripts (a Chinese summary above an English body), bullet lists run on one
line, and abbreviations end in dots ("50 Mrd. US-Dollar"): a sentence here is what a
reader would quote, and its offsets index the NFC text exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .language import common, pack

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff]")
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")

# Candidate boundaries: end punctuation followed by space, CJK end punctuation, line breaks,
# and list bullets (" - ", " • ") that glue items of a summary onto one line.
_BOUNDARY = re.compile(
    r"(?P<end>[.!?؟]+[\"'”’»)\]]*)(?P<space>\s+)"
    r"|(?P<cjk>[。！？]+[”’」』)]*)"
    r"|(?P<nl>\s*\n\s*)"
    r"|(?P<bullet>(?<=[.!?。\]])\s+[-•·▪]\s+|\s+[•▪]\s+)"
)
_REF_MARKERS = re.compile(r"(?:\[\d+\])+")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    language: str
    index: int
    paragraph: int


def script_language(text: str, latin_language: str, han_language: str = "zh") -> str:
    """The language of a sentence by its script; Latin text takes the document's Latin language,
    and Han text without kana the document's Han language (a Japanese release's "取得価額：約28,600百万円"
    is Japanese)."""
    counts = {
        "cjk": len(_CJK.findall(text)),
        "ar": len(_ARABIC.findall(text)),
        "ko": len(_HANGUL.findall(text)),
        "latin": len(_LATIN.findall(text)),
    }
    best = max(counts, key=counts.get)
    if counts[best] == 0:
        return latin_language
    if best == "cjk":
        return "ja" if _KANA.search(text) else han_language
    if best == "latin":
        # a Chinese sentence with English names still counts as Chinese
        if counts["cjk"] * 2 >= counts["latin"] * 0.5 and counts["cjk"] >= 4:
            return "ja" if _KANA.search(text) else han_language
        if counts["ar"] >= 4:
            return "ar"
        return latin_language
    return best


def _is_abbreviation(text: str, dot_pos: int, abbreviations: set[str]) -> bool:
    """Whether the dot at dot_pos ends an abbreviation ("Mrd.", "U.S.") rather than a sentence."""
    m = re.search(r"([\w.]+)$", text[max(0, dot_pos - 40):dot_pos])
    if not m:
        return False
    word = m.group(1).rstrip(".")
    if word in abbreviations or word.lower() in abbreviations:
        return True
    # single letters and initials: "J. Smith", "U.S."
    return bool(re.fullmatch(r"(?:[A-Z]\.)*[A-Z]", word))


_AMOUNT_BEFORE_ABBREVIATION = re.compile(r"\d[\d.,\u00a0 ]*(?:[^\W\d_]{1,5}\.\s?)?([^\W\d_]{1,5})$")


def _an_amount_ends_here(text: str, dot: int, next_word: int, units: frozenset[str]) -> bool:
    """ "Bankfinansieringen er på 2,6 mrd. kr. Agder Sparebank bidrar ...": an amount's abbreviated
    unit after its number (a scale, a currency or a month of the pack: `units`), then a capitalised
    word (not a currency's code: "500 mill. NOK"), ends the sentence; "12 St. James Street" goes on."""
    hit = _AMOUNT_BEFORE_ABBREVIATION.search(text, max(0, dot - 30), dot)
    return (hit is not None and hit.group(1).lower() in units
            and bool(re.match(r"[A-ZÀ-ÞØÆÅ][a-zà-ÿøæå]", text[next_word:next_word + 2])))


@cache
def _amount_units(code: str) -> frozenset[str]:
    """The abbreviations an amount may end in, lower case: the pack's scales and currency signs,
    common.yaml's signs and codes, and the month names of the pack's locale ("mrd", "kr", "jan")."""
    from .entities import calendar_words
    from .language import common
    p = pack(code)
    words = [*(p.get("scales") or {}), *(p.get("currency_symbols") or {}), *(common().get("currency_symbols") or {}),
             *(common().get("currency_codes") or []), *calendar_words(p.get("locale", code))]
    return frozenset(w.rstrip(".").lower() for w in words)


@cache
def _sentence_openers(code: str) -> frozenset[str]:
    """Capitalised, the pack's `relative_markers` ("The", "Its") open a sentence after a firm's legal form."""
    return frozenset(w.capitalize() for w in pack(code).phrases("relative_markers") if " " not in w)


def _a_firm_ends_here(text: str, dot: int, after: int, openers: frozenset[str]) -> bool:
    """ "... from the Alberta Indigenous Opportunities Corp. The Canada Infrastructure Bank is lending": the
    abbreviated legal form (common.yaml `legal_forms`) ends a sentence when an opener follows it."""
    word = re.search(r"(\S+)$", text[max(0, dot - 20):dot])
    following = _WORD.match(text, after)
    return bool(word and word.group(1).rstrip(".") in _legal_form_words() and following and following.group(0) in openers)


_WORD = re.compile(r"\w+")


@cache
def _legal_form_words() -> frozenset[str]:
    """common.yaml `legal_forms` without their dot ("Corp", "Inc", "Co")."""
    return frozenset(f.rstrip(".") for f in common().get("legal_forms") or ())


def split_sentences(text: str, languages: list[str]) -> list[Sentence]:
    latin_languages = [lang for lang in languages if lang not in ("zh", "ja", "ko", "ar")]
    latin_language = latin_languages[0] if latin_languages else (languages[0] if languages else "en")
    han_languages = [lang for lang in languages if lang in ("zh", "ja")]
    han_language = han_languages[0] if han_languages else "zh"
    abbreviations: set[str] = set()
    for lang in set(languages) | {latin_language, "en"}:
        abbreviations.update(pack(lang).phrases("abbreviations"))
    # (where only names are capitalised, a capital after an amount's abbreviated unit opens a sentence)
    ends_after_an_amount = not pack(latin_language).get("nouns_capitalised")
    units = _amount_units(latin_language) if ends_after_an_amount else frozenset()
    openers = _sentence_openers(latin_language)
    pieces: list[tuple[int, int, int]] = []  # (start, end, paragraph)
    start = 0
    paragraph = 0
    for m in _BOUNDARY.finditer(text):
        if m.group("end"):
            # (a line break after the dot ends the sentence anyway: "... investerer 1,2 mrd.\n\nLån fra ...")
            line_break = "\n" in m.group("space")
            if m.group("end") == "." and not line_break and _is_abbreviation(text, m.start(), abbreviations) \
                    and not (ends_after_an_amount and _an_amount_ends_here(text, m.start(), m.end(), units)) \
                    and not _a_firm_ends_here(text, m.start(), m.end(), openers):
                continue
            nxt = text[m.end(): m.end() + 1]
            if nxt and nxt.islower() and not line_break:
                continue  # "approx. three", "100 Mio. Fr. übernimmt" - not a sentence end
            cut, resume = m.start("space"), m.end()
        elif m.group("cjk"):
            cut = resume = m.end()
        elif m.group("nl"):
            cut, resume = m.start(), m.end()
        else:
            cut, resume = m.start(), m.end()
        pieces.append((start, cut, paragraph))
        if m.group("nl") and m.group("nl").count("\n") >= 2:
            paragraph += 1
        start = resume
    pieces.append((start, len(text), paragraph))

    sentences = []
    for s, e, para in pieces:
        # trim whitespace, keep offsets exact
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e - s < 2 or not re.search(r"\w", text[s:e]):
            continue
        chunk = text[s:e]
        language = script_language(_REF_MARKERS.sub("", chunk), latin_language, han_language)
        if language == latin_language and len(latin_languages) > 1:
            # an English paragraph inside a French article reads with the English pack
            language = _latin_language_of(chunk, latin_languages) or language
        sentences.append(Sentence(s, e, chunk, language, len(sentences), para))
    return sentences


def _latin_language_of(chunk: str, candidates: list[str]) -> str | None:
    """The language of one sentence, among the document's Latin-script languages."""
    if len(_LATIN.findall(chunk)) < 25:
        return None
    from kg.language_id import identify

    return identify(chunk, candidates)
