"""Periods: "in 2025", "Q3 2025", "2025-2027", "over the next eight years", "last year".

Each becomes an explicit interval. Relative expressions resolve against the document's
reference date (its publication date, or the date of the event it reports); without one
they keep their words and no dates, rather than a guessed year.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from .language import LanguagePack
from .model import Period

# Longer, more specific expressions first: "Q3 2025" before "2025".
ORDER = [
    "quarter", "year_range", "next_years", "past_years", "end_of_decade", "by_year",
    "past_year", "last_year", "this_year", "next_year", "same_year", "in_year",
]


@dataclass
class PeriodMention:
    start: int  # offsets into the text searched
    end: int
    text: str
    period: Period


def _add_years(d: date, n: int) -> date:
    try:
        return d.replace(year=d.year + n)
    except ValueError:  # 29 February
        return d.replace(year=d.year + n, day=28)


def year_period(year: int) -> Period:
    return Period(key=str(year), label=str(year), start=date(year, 1, 1), end=date(year, 12, 31))


def quarter_period(year: int, q: int) -> Period:
    first_month = 3 * (q - 1) + 1
    last_month = first_month + 2
    return Period(
        key=f"{year}-Q{q}", label=f"Q{q} {year}",
        start=date(year, first_month, 1),
        end=date(year, last_month, calendar.monthrange(year, last_month)[1]),
    )


def interval_period(start: date, end: date, label: str) -> Period:
    return Period(key=f"{start.isoformat()}/{end.isoformat()}", label=label, start=start, end=end)


def unresolved(words: str) -> Period:
    return Period(key="relative/" + "-".join(words.lower().split()), label=f"{words} (date unknown)", start=None, end=None)


class PeriodFinder:
    """Finds periods in sentences of one document, remembering the last year for "the same year"."""

    def __init__(self, reference: date | None):
        self.reference = reference
        self.last_year: int | None = None

    def find(self, text: str, pack: LanguagePack) -> list[PeriodMention]:
        if pack.any_period is None or not pack.any_period.search(text):
            return []
        matches = []
        taken: list[tuple[int, int]] = []
        for kind in ORDER:
            for rx in pack.period_regex.get(kind, []):
                for m in rx.finditer(text):
                    s, e = m.start(), m.end()
                    if pack.spaced and (text[s - 1:s].isalnum() or text[e:e + 1].isalnum()):
                        continue
                    if any(s < te and ts < e for ts, te in taken):
                        continue
                    matches.append((s, kind, m))
                    taken.append((s, e))
        hits: list[PeriodMention] = []
        # in text order, so "the same year" refers to the last year named before it
        for s, kind, m in sorted(matches, key=lambda x: x[0]):
            period = self._resolve(kind, m, pack)
            if period is None:
                continue
            hits.append(PeriodMention(s, m.end(), m.group(0), period))
            if period.start and period.end and period.start.year == period.end.year:
                self.last_year = period.start.year
        return hits

    def _count(self, m, pack: LanguagePack) -> int | None:
        n = m.groupdict().get("n")
        if n is None:
            return None
        if n.isdigit():
            return int(n)
        return pack.number_words.get(n) or pack.number_words.get(n.lower())

    def _resolve(self, kind: str, m, pack: LanguagePack) -> Period | None:
        g = m.groupdict()
        ref = self.reference
        year = int(g["year"]) if g.get("year") else (2000 + int(g["yy"]) if g.get("yy") else None)
        words = m.group(0)
        if kind == "quarter":
            q = int(g["q"]) if g.get("q") else (pack.get("periods") or {}).get("quarter_words", {}).get(g.get("qword") or "")
            if not q:
                return None
            year = year or (ref.year if ref else None)
            return quarter_period(year, int(q)) if year else unresolved(words)
        if kind == "year_range":
            y2 = int(g["year2"])
            if y2 <= year:
                return None
            return Period(key=f"{year}/{y2}", label=f"{year}-{y2}", start=date(year, 1, 1), end=date(y2, 12, 31))
        if kind in ("in_year", "by_year"):
            return year_period(year)
        if kind in ("next_years", "past_years"):
            n = self._count(m, pack)
            if not n:
                return None
            if not ref:
                return unresolved(words)
            if kind == "next_years":
                return interval_period(ref, _add_years(ref, n), f"next {n} years from {ref.isoformat()}")
            return interval_period(_add_years(ref, -n), ref, f"{n} years to {ref.isoformat()}")
        if kind == "past_year":
            if not ref:
                return unresolved(words)
            return interval_period(_add_years(ref, -1), ref, f"year to {ref.isoformat()}")
        if kind in ("last_year", "this_year", "next_year"):
            if not ref:
                return unresolved(words)
            return year_period(ref.year + {"last_year": -1, "this_year": 0, "next_year": 1}[kind])
        if kind == "same_year":
            return year_period(self.last_year) if self.last_year else None
        if kind == "end_of_decade":
            if not ref:
                return unresolved(words)
            return year_period((ref.year // 10 + 1) * 10)
        return None
