"""Read one source file into a validated `Document`: text, fingerprint, metadata, languages.

Everything downstream indexes into `Document.text` (evidence offsets are code points of this
string), so the text is normalised exactly once, here: UTF-8 decoded, BOM stripped, `\\r\\n` and
`\\r` turned into `\\n`, NFC. The sha256 is taken over the raw bytes, so the loader can tell an
unchanged file without extracting it again.

Metadata that a text file cannot carry (publisher, publication date, the date relative
expressions such as "on Wednesday" resolve against) comes from a `sources.yaml` manifest in the
file's folder. A file without a manifest entry still loads: its languages are detected and its
dates are unknown.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

MANIFEST_NAME = "sources.yaml"
# Folders are scanned for these; a file named explicitly on the command line loads whatever its
# extension. HTML is not scanned: its markup would end up in the text the offsets point into.
TEXT_SUFFIXES = (".txt", ".md")

MANIFEST_FIELDS = {"id", "title", "publisher", "published", "reference_date", "languages"}

# A document id becomes part of IRIs (vocab.graph_iri); refuse characters IRIs cannot carry
# unescaped or that would change the IRI's meaning.
_BAD_ID_CHARS = re.compile(r"[\s<>\"{}|\\^`#?%/\x00-\x1f\x7f]")
_LANG_CODE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


# Unicode category Cc, as regexes: \f and \v are not counted as binary, \n and \t are kept
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\r]")
_CONTROLS_BUT_NEWLINE_TAB = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class DocumentError(Exception):
    """A file or manifest that cannot be loaded; the message names the file and the reason."""


@dataclass(frozen=True)
class Document:
    doc_id: str  # file stem; names the document's graph
    path: Path
    file_name: str
    text: str  # NFC, "\n" line ends, no BOM: evidence offsets index into this
    sha256: str  # of the raw bytes
    title: str | None
    publisher: str | None
    published: date | datetime | None
    reference_date: date | None  # what "on Wednesday" / "next year" resolve against
    languages: list[str]  # BCP 47, main language first


# --------------------------------------------------------------------------- reading files


def read_document(path: Path | str, manifest: dict[str, dict] | None = None) -> Document:
    """Read and validate `path`; `manifest` is `load_manifest(path.parent)` (or None)."""
    path = Path(path)
    doc_id = path.stem
    bad = _BAD_ID_CHARS.search(doc_id)
    if not doc_id or bad:
        reason = f"it contains {bad.group()!r}" if bad else "it is empty"
        raise DocumentError(f"{path}: file name cannot serve as a document id ({reason}); rename the file")
    raw = _read_bytes(path)
    text = _decode(path, raw)
    entry = (manifest or {}).get(doc_id, {})
    languages = entry.get("languages") or detect_languages(text)
    published = entry.get("published")
    if published is None and not entry.get("has_published"):
        published = dateline_date(text, languages)  # "ZARAGOZA, 14 de octubre de 2025 —"
    reference = entry.get("reference_date")
    if reference is None and published is not None:
        reference = published.date() if isinstance(published, datetime) else published
    return Document(
        doc_id=doc_id,
        path=path,
        file_name=path.name,
        text=text,
        sha256=hashlib.sha256(raw).hexdigest(),
        title=entry.get("title"),
        publisher=entry.get("publisher"),
        published=published,
        reference_date=reference,
        languages=list(languages),
    )


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise DocumentError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise DocumentError(f"{path}: is a directory, not a text file") from None
    except PermissionError:
        raise DocumentError(f"{path}: cannot read file (permission denied)") from None
    except OSError as err:
        raise DocumentError(f"{path}: cannot read file ({err.strerror or err})") from None


def _decode(path: Path, raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DocumentError(f"{path}: file is UTF-16 encoded; convert it to UTF-8")
    if b"\x00" in raw:
        raise DocumentError(f"{path}: binary file (contains NUL bytes at byte offset {raw.index(0)})")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise DocumentError(
            f"{path}: not valid UTF-8 at byte offset {err.start} (byte 0x{raw[err.start]:02x}); save it as UTF-8"
        ) from None
    text = text.removeprefix("\ufeff")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    if not text.strip():
        raise DocumentError(f"{path}: file is empty (or only whitespace)")
    controls = len(_CONTROLS.findall(text))
    if controls > 0.1 * len(text):
        raise DocumentError(f"{path}: binary file ({controls} control characters in {len(text)})")
    # other control characters (\f, \v too) become spaces, one for one: XML and RDF literals cannot carry them
    text = _CONTROLS_BUT_NEWLINE_TAB.sub(" ", text)
    if not any(ch.isalpha() for ch in text):
        raise DocumentError(f"{path}: no text to read (no letters in any script)")
    return text


def iter_paths(paths: list[Path | str]) -> list[Path]:
    """The files to load: files as given, folders scanned recursively for *.txt and *.md.

    Hidden files and folders and `sources.yaml` are skipped; the result is sorted and has no
    duplicates. A path that does not exist is an error, before anything is loaded.
    """
    found: dict[Path, Path] = {}
    for given in paths:
        path = Path(given)
        if not path.exists() and not path.is_symlink():
            raise DocumentError(f"{path}: no such file or directory")
        if path.is_dir():
            for child in path.rglob("*"):
                rel = child.relative_to(path)
                if any(part.startswith(".") for part in rel.parts):
                    continue
                if child.name == MANIFEST_NAME or child.suffix.lower() not in TEXT_SUFFIXES:
                    continue
                if child.is_file() or not child.exists():
                    found.setdefault(child.resolve(), child)
        else:
            found.setdefault(path.resolve(), path)
    return sorted(found.values(), key=lambda p: str(p))


# --------------------------------------------------------------------------- the manifest


def load_manifest(folder: Path | str) -> dict[str, dict]:
    """`folder/sources.yaml` as {doc_id: {field: value}}, dates parsed; {} if there is none.

    Format: a top-level `documents:` list of entries with `id` (the file stem) and optional
    `title`, `publisher`, `published` (date or ISO date-time), `reference_date` (date),
    `languages` (BCP 47 codes, main first).
    """
    file = Path(folder) / MANIFEST_NAME
    if not file.exists():
        return {}
    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        raise DocumentError(f"{file}: invalid YAML{where}: {problem}") from None
    except (OSError, UnicodeDecodeError) as err:
        raise DocumentError(f"{file}: cannot read manifest ({err})") from None
    except ValueError as err:  # PyYAML builds dates itself: "published: 2025-02-30"
        raise DocumentError(f"{file}: invalid date: {err}") from None
    if data is None:
        return {}
    if not isinstance(data, dict) or not isinstance(data.get("documents"), list):
        raise DocumentError(f"{file}: expected a top-level 'documents:' list")
    manifest: dict[str, dict] = {}
    for n, entry in enumerate(data["documents"], start=1):
        where = f"{file}: entry {n}"
        if not isinstance(entry, dict) or not entry.get("id"):
            raise DocumentError(f"{where}: each entry needs an 'id' (the file name without extension)")
        if not isinstance(entry["id"], str):
            raise DocumentError(f"{where}: 'id' must be text (quote it: id: \"{entry['id']}\")")
        doc_id = entry["id"]
        where = f"{file}: entry '{doc_id}'"
        unknown = sorted(set(entry) - MANIFEST_FIELDS)
        if unknown:
            raise DocumentError(f"{where}: unknown field '{unknown[0]}' (allowed: {', '.join(sorted(MANIFEST_FIELDS))})")
        if doc_id in manifest:
            raise DocumentError(f"{where}: listed twice")
        manifest[doc_id] = {
            "has_published": "published" in entry,
            "title": _optional_text(entry.get("title"), where, "title"),
            "publisher": _optional_text(entry.get("publisher"), where, "publisher"),
            "published": _date_or_datetime(entry.get("published"), where, "published"),
            "reference_date": _date_only(entry.get("reference_date"), where, "reference_date"),
            "languages": _languages(entry.get("languages"), where),
        }
    return manifest


def _optional_text(value: Any, where: str, name: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise DocumentError(f"{where}: '{name}' must be a non-empty string")
    return unicodedata.normalize("NFC", value.strip())


def _date_or_datetime(value: Any, where: str, name: str) -> date | datetime | None:
    if value is None or isinstance(value, (date, datetime)):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value) if len(value) == 10 else datetime.fromisoformat(value)
        except ValueError:
            pass
    raise DocumentError(f"{where}: '{name}' must be a date (YYYY-MM-DD) or ISO date-time, not {value!r}")


def _date_only(value: Any, where: str, name: str) -> date | None:
    parsed = _date_or_datetime(value, where, name)
    if isinstance(parsed, datetime):
        raise DocumentError(f"{where}: '{name}' must be a date (YYYY-MM-DD), not a date-time")
    return parsed


def _languages(value: Any, where: str) -> list[str] | None:
    if value is None:
        return None
    if not isinstance(value, list) or not value:
        raise DocumentError(f"{where}: 'languages' must be a non-empty list of BCP 47 codes, e.g. [zh, en]")
    codes = []
    for code in value:
        if not isinstance(code, str) or not _LANG_CODE.match(code) or not _known_language(code):
            raise DocumentError(f"{where}: unknown language code {code!r}")
        codes.append(code)
    return codes


def _known_language(code: str) -> bool:
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(code.split("-")[0])
        return True
    except (UnknownLocaleError, ValueError):
        return False


# --------------------------------------------------------------------------- language detection

# A language must hold this share of the (weighted) letters to be reported.
SUBSTANTIAL_SHARE = 0.10
# One Han or kana character carries about as much text as three Latin letters (a Chinese
# rendering of an English sentence has roughly a third of its letter count); Hangul blocks about two.
_SCRIPT_WEIGHT = {"han": 3.0, "kana": 3.0, "hangul": 2.0}
_MIN_LATIN_LINE = 20  # letters; a language model is unreliable on shorter fragments


# Letters per script, coarse: enough to name a language without a model (regexes: counting one
# character at a time in Python was a tenth of the load time of a large corpus).
_SCRIPT_RX = {
    "kana": re.compile(r"(?!\u30fb)[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9d]"),
    "han": re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff\U00020000-\U0002ffff]"),
    "hangul": re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]"),
    "arabic": re.compile(r"(?![\u0600-\u061f\u0660-\u066d\u06d4\u06dd\u06de\u06e9\u06f0-\u06f9\ufd3e\ufd3f])"
                         r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufeff]"),
    "cyrillic": re.compile(r"[\u0400-\u0482\u048a-\u052f]"),
    "latin": re.compile(r"[A-Za-z\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]"),
}
_NOT_LATIN = re.compile("|".join(rx.pattern for name, rx in _SCRIPT_RX.items() if name != "latin"))


def _script_counts(text: str) -> dict[str, int]:
    counts = {}
    for script, rx in _SCRIPT_RX.items():
        n = len(rx.findall(text))
        if n:
            counts[script] = n
    return counts


def _cjk_language(counts: dict[str, int]) -> str:
    """Japanese writes kana between its Han characters; Chinese does not."""
    kana, han = counts.get("kana", 0), counts.get("han", 0)
    return "ja" if kana >= max(1, 0.05 * (kana + han)) else "zh"


def dateline_date(text: str, languages: list[str]) -> date | None:
    """The publication date a news text states in its first lines (dateline or byline), if any.

    dateparser reads dates in many languages; only a full date with a four-digit year counts,
    so "on Wednesday" or "13日" never becomes a publication date.
    """
    from dateparser.search import search_dates

    head = text[:700]  # (a dateline may follow a masthead, a kicker, a headline, a dek and a byline)
    if not re.search(r"(?:19|20)\d\d", head):  # no year, no full date: skip dateparser's costly search
        return None
    if not _names_a_month(head, languages):  # a year alone ("d'ici 2027", "2029个就业岗位") is no date either
        return None
    try:
        found = search_dates(head, languages=[lang for lang in languages if lang] or None,
                             settings={"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DATES_FROM": "past"})
    except Exception:  # dateparser rejects some language codes; no date is better than a wrong one
        return None
    for words, when in found or []:
        if re.search(r"(?:19|20)\d\d", words) and 1990 <= when.year <= date.today().year + 1:
            return when.date()
    return _named_month_date(head, languages)


def _named_month_date(head: str, languages: list[str]) -> date | None:
    """A day, a month named as CLDR names it and a year, in either order, where dateparser's search
    finds none ("CALGARY, Nov. 19, 2026", "الخميس 23 نيسان 2026")."""
    codes = _with_english(languages)
    names = _month_numbers(codes)
    for m in _named_month_dates(codes).finditer(head):
        day, name = (m.group("d1"), m.group("m1")) if m.group("d1") else (m.group("d2"), m.group("m2"))
        try:
            when = date(int(m.group("y")), names[name.lower()], int(day))
        except ValueError:
            continue
        if 1990 <= when.year <= date.today().year + 1:
            return when
    return None


# a month in figures: "2026-11-12", "12.11.2026", "12/11/2026", "2026年11月", "2026년 11월"
_NUMERIC_MONTH = re.compile(r"\d{1,4}\s*[-./]\s*\d{1,2}\s*[-./]\s*\d{1,4}|\d{1,2}\s*[月월]")


def _names_a_month(head: str, languages: list[str]) -> bool:
    """Whether the text writes a month, in figures or by a name (CLDR's, via Babel, in every regional
    variant of the document's languages and English; wide and abbreviated): a full date needs one."""
    return bool(_NUMERIC_MONTH.search(head) or _month_names(_with_english(languages)).search(head))


def _with_english(languages: list[str]) -> tuple[str, ...]:
    return tuple(sorted({*languages, "en"}))


@cache
def _month_names(languages: tuple[str, ...]) -> re.Pattern:
    names = _month_numbers(languages)
    return re.compile("|".join(map(re.escape, sorted(names, key=len, reverse=True))), re.IGNORECASE)


@cache
def _named_month_dates(languages: tuple[str, ...]) -> re.Pattern:
    """A day and a named month in either order, then a year: "19 novembre 2026", "Nov. 19, 2026"."""
    month = _month_names(languages).pattern
    return re.compile(rf"(?<!\w)(?:(?P<d1>\d{{1,2}})\.?\s+(?P<m1>{month})\.?|(?P<m2>{month})\.?\s+(?P<d2>\d{{1,2}})(?!\d))"
                      rf",?\s+(?P<y>(?:19|20)\d\d)(?!\d)", re.IGNORECASE)


@cache
def _month_numbers(languages: tuple[str, ...]) -> dict[str, int]:
    """Month names (lower case, three letters or more) and their numbers, from CLDR via Babel."""
    from babel import Locale
    from babel.dates import get_month_names
    from babel.localedata import locale_identifiers

    names: dict[str, int] = {}
    # every regional variant: Levantine and Iraqi Arabic write "نيسان" where CLDR's ar has "أبريل"
    wanted = [code for code in locale_identifiers() if code.split("_")[0] in languages]
    for code in wanted:
        try:
            locale = Locale.parse(code)
            for width in ("wide", "abbreviated"):
                for context in ("format", "stand-alone"):
                    for number, name in get_month_names(width, context, locale).items():
                        names.setdefault(name.strip(".").lower(), number)
        except Exception:  # a locale without month data names no months
            continue
    return {name: number for name, number in names.items() if len(name) >= 3}


def detect_languages(text: str) -> list[str]:
    """Every language with a substantial share of the text, main one first.

    Non-Latin scripts name their language directly (Han -> zh, or ja with kana; Hangul -> ko;
    Arabic -> ar; Cyrillic -> ru). Latin-script lines long enough to judge go to
    kg.language_id (deterministic). A headline in a non-Latin script also counts: a Chinese
    headline over an English summary marks a Chinese article.
    """
    weights: dict[str, float] = {}
    latin_leftover = 0
    for line in text.split("\n"):
        counts = _script_counts(line)
        for script, n in counts.items():
            if script == "latin":
                continue
            lang = {"arabic": "ar", "cyrillic": "ru", "hangul": "ko"}.get(script) or _cjk_language(counts)
            weights[lang] = weights.get(lang, 0.0) + n * _SCRIPT_WEIGHT.get(script, 1.0)
        latin = counts.get("latin", 0)
        # Latin words inside a line of another script are names (Anthropic, Texas), not a language.
        if latin >= _MIN_LATIN_LINE and latin >= 0.5 * sum(counts.values()):
            lang = _identify_latin(_NOT_LATIN.sub(" ", line))
            if lang:
                weights[lang] = weights.get(lang, 0.0) + latin
                continue
        latin_leftover += latin
    if latin_leftover:
        # Short Latin fragments (names, captions) belong to the main Latin-script language.
        latin_langs = [lang for lang in weights if lang not in ("ar", "ru", "ko", "zh", "ja")]
        if latin_langs:
            main_latin = max(latin_langs, key=lambda lang: weights[lang])
            weights[main_latin] += latin_leftover
    total = sum(weights.values())
    if not total:
        return []
    ranked = sorted(weights, key=lambda lang: -weights[lang])
    chosen = [lang for lang in ranked if weights[lang] >= SUBSTANTIAL_SHARE * total]
    headline = _headline_language(text)
    if headline and headline not in chosen:
        chosen.append(headline)
    return chosen


def _headline_language(text: str) -> str | None:
    first = next((line for line in text.split("\n") if line.strip()), "")
    counts = _script_counts(first)
    non_latin = {s: n for s, n in counts.items() if s != "latin"}
    if not non_latin or sum(non_latin.values()) < 4:
        return None
    script = max(non_latin, key=lambda s: non_latin[s])
    return {"arabic": "ar", "cyrillic": "ru", "hangul": "ko"}.get(script) or _cjk_language(counts)


def _identify_latin(text: str) -> str | None:
    from kg.language_id import identify

    return identify(text)
