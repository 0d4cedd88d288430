"""Score the `figures` saved query against a gold file (the format of shared/gold/seeds.yaml).

A predicted figure matches a gold fact when it is from the same document, about the same
subject (any listed alternative, or any alias of it in the entity table; case, punctuation and a
leading "The" aside), in the same unit (GW and MW, acre and hectare compare after conversion),
with value and bounds within 1%.
Metric, period and location are scored separately on the matched pairs, so a right number
about the right firm counts even when its label is debatable; both numbers are reported.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from .extract.entities import gazetteer
from .extract.language import available, common, pack_data

TOLERANCE = 0.01


class GoldError(ValueError):
    """The gold file is missing or malformed; the message names the file and the entry."""


@dataclass
class GoldFact:
    doc_id: str
    subjects: list[str]
    metric: str
    unit: str
    value: float | None
    lower: float | None
    upper: float | None
    period: str | None
    location: str | None
    languages: list[str]

    def describe(self) -> str:
        return f"{self.doc_id} {self.subjects[0]} {self.metric} {_numbers_text(self.value, self.lower, self.upper)} {self.unit}"


@dataclass
class Prediction:
    row: dict

    def __getattr__(self, name):
        try:
            return self.__dict__["row"].get(name)
        except KeyError:  # pragma: no cover
            raise AttributeError(name)

    def describe(self) -> str:
        r = self.row
        return f"{r['source']} {r.get('subject') or r.get('subject_iri')} {r['metric']} {_numbers_text(r.get('value'), r.get('lower'), r.get('upper'))} {r['unit']}"


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class Report:
    gold_path: str
    overall: Counts = field(default_factory=Counts)
    per_document: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    per_language: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    per_metric: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    metric_agreement: tuple[int, int] = (0, 0)
    period_agreement: tuple[int, int] = (0, 0)
    location_agreement: tuple[int, int] = (0, 0)
    misses: list[str] = field(default_factory=list)
    false_hits: list[str] = field(default_factory=list)
    metric_confusions: list[str] = field(default_factory=list)  # "gold -> predicted  « quote »" for matched pairs
    documents_not_loaded: list[str] = field(default_factory=list)

    def strict(self) -> Counts:
        """The overall counts when the metric must agree too: a pair matched on subject and
        number but labelled with another metric is a miss and a false hit."""
        agreed, matched = self.metric_agreement
        o = self.overall
        return Counts(tp=agreed, fp=o.fp + matched - agreed, fn=o.fn + matched - agreed)

    def as_dict(self) -> dict:
        return {
            "gold": self.gold_path,
            "overall": self.overall.as_dict(),
            "strict": self.strict().as_dict(),
            "per_document": {k: v.as_dict() for k, v in sorted(self.per_document.items())},
            "per_language": {k: v.as_dict() for k, v in sorted(self.per_language.items())},
            "per_metric": {k: v.as_dict() for k, v in sorted(self.per_metric.items())},
            "metric_agreement": list(self.metric_agreement),
            "period_agreement": list(self.period_agreement),
            "location_agreement": list(self.location_agreement),
            "misses": self.misses,
            "false_hits": self.false_hits,
            "metric_confusions": self.metric_confusions,
            "documents_not_loaded": self.documents_not_loaded,
        }


# ---- reading the gold ------------------------------------------------------------------------
def _num(v, where: str) -> float | None:
    if v is None:
        return None
    try:
        return float(v)
    except (TypeError, ValueError):
        raise GoldError(f"{where}: not a number: {v!r}") from None


def load_gold(path: str | Path) -> tuple[list[GoldFact], dict[str, list[str]], dict]:
    """Facts, each document's languages, and the interchangeable metric groups."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise GoldError(f"{path}: cannot read gold file: {exc.strerror or exc}") from None
    except yaml.YAMLError as exc:
        raise GoldError(f"{path}: invalid YAML: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("documents"), list):
        raise GoldError(f"{path}: expected a mapping with a 'documents' list")
    facts, languages = [], {}
    for i, doc in enumerate(data["documents"]):
        if not isinstance(doc, dict) or "id" not in doc:
            raise GoldError(f"{path}: documents[{i}] has no 'id'")
        doc_id = str(doc["id"])
        languages[doc_id] = [str(x) for x in doc.get("languages") or []]
        for j, f in enumerate(doc.get("facts") or []):
            where = f"{path}: {doc_id} facts[{j}]"
            if not isinstance(f, dict) or not f.get("subject") or not f.get("metric") or not f.get("unit"):
                raise GoldError(f"{where}: needs subject, metric and unit")
            value, lower, upper = _num(f.get("value"), where), _num(f.get("lower"), where), _num(f.get("upper"), where)
            if value is None and lower is None and upper is None:
                raise GoldError(f"{where}: needs a value or a bound")
            facts.append(GoldFact(
                doc_id=doc_id, subjects=split_alternatives(str(f["subject"])), metric=str(f["metric"]),
                unit=str(f["unit"]), value=value, lower=lower, upper=upper,
                period=None if f.get("period") is None else str(f["period"]),
                location=None if f.get("location") is None else str(f["location"]),
                languages=languages[doc_id],
            ))
    groups = data.get("interchangeable") or _default_groups()
    return facts, languages, groups


def _default_groups():
    metrics_file = Path(__file__).resolve().parents[1] / "ontology" / "metrics.yaml"
    for candidate in (metrics_file, Path(__file__).resolve().parents[2] / "shared" / "gold" / "metrics.yaml"):
        if candidate.exists():
            return (yaml.safe_load(candidate.read_text(encoding="utf-8")) or {}).get("interchangeable") or []
    return []


def split_alternatives(text: str) -> list[str]:
    """'Big Tech (Amazon; Microsoft); tech giants' -> ['Big Tech', 'tech giants']."""
    parts, depth, buf = [], 0, ""
    for ch in text:
        depth += ch == "("
        depth -= ch == ")"
        if ch == ";" and depth == 0:
            parts.append(buf)
            buf = ""
        else:
            buf += ch
    parts.append(buf)
    return [re.sub(r"\s*\(.*\)\s*", " ", p).strip() for p in parts if p.strip()]


# ---- matching --------------------------------------------------------------------------------
def _norm(name: str) -> str:
    """Case, punctuation, spaces, full-width letters, a leading article and a legal form at the
    end do not tell firms apart ("The Conygar Investment Company" is "Conygar Investment
    Company", "Neckar Compute GmbH" is "Neckar Compute", "ＧＳユアサ" is "GSユアサ")."""
    name = _legal_form_at_end().sub("", unicodedata.normalize("NFKC", name).strip())
    return re.sub(r"[\W_]+", "", _leading_article().sub("", name.casefold()))


@cache
def _leading_article() -> re.Pattern:
    """ "The Conygar Investment Company", "La Banque Postale", "L'Oréal": a definite article
    (common.yaml `definite_articles`) is no part of what tells firms apart."""
    words = sorted(common().get("definite_articles") or [], key=len, reverse=True)
    glued = [w for w in words if w.endswith(("'", "’"))]
    spaced = [w for w in words if w not in glued]
    return re.compile(rf"^(?:(?:{'|'.join(map(re.escape, spaced))})\s+|(?:{'|'.join(map(re.escape, glued)) or '(?!)'}))")


@cache
def _legal_form_at_end() -> re.Pattern:
    """A legal form ending a name: one of common.yaml `legal_forms` after a space ("Neckar Compute
    GmbH"), or one a script without spaces glues on (the packs' `org_cues.legal_endings`,
    "国网新疆电力有限公司")."""
    forms = sorted(common().get("legal_forms") or [], key=len, reverse=True)
    glued = sorted({f for code in available() for f in (pack_data(code).get("org_cues") or {}).get("legal_endings") or []},
                   key=len, reverse=True)
    spaced = rf"(?<=\S)[\s,]+(?:{'|'.join(map(re.escape, forms))})$" if forms else r"(?!)"
    unspaced = rf"(?<=[^\W\d_]{{2}})(?:{'|'.join(map(re.escape, glued))})$" if glued else r"(?!)"
    return re.compile(f"{spaced}|{unspaced}")


def _keys_for(name: str) -> set[str]:
    g = gazetteer()
    out = {_norm(name)}
    for e in g._lookup(name) or []:
        out.add(e.key)
    return out


def _subject_matches(pred: Prediction, fact: GoldFact) -> bool:
    iri = pred.row.get("subject_iri") or ""
    key = iri.rstrip("/").rsplit("/", 1)[-1]
    label = _norm(pred.row.get("subject") or "")
    for alt in fact.subjects:
        keys = _keys_for(alt)
        if key in keys or label in keys or _norm(key) in keys:
            return True
    return False


def _to_base(unit: str, v: float | None) -> tuple[str, float | None]:
    conv = common().get("conversions") or {}
    if unit in conv:
        dim, factor = conv[unit]
        return dim, None if v is None else v * factor
    return unit, v


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= TOLERANCE * max(abs(a), abs(b)) or a == b


def _numbers_match(pred: Prediction, fact: GoldFact) -> bool:
    pu, fu = pred.row.get("unit"), fact.unit
    pdim, _ = _to_base(pu, 0)
    fdim, _ = _to_base(fu, 0)
    if pdim != fdim:
        return False
    pv = [_to_base(pu, _float(pred.row.get(k)))[1] for k in ("value", "lower", "upper")]
    fv = [_to_base(fu, x)[1] for x in (fact.value, fact.lower, fact.upper)]
    if all(_close(a, b) for a, b in zip(pv, fv)):
        return True
    # the same number with a different reading of the hedge: "about 1.4T" vs "more than 1.4T"
    ps = sorted(x for x in pv if x is not None)
    fs = sorted(x for x in fv if x is not None)
    return len(ps) == len(fs) == 1 and _close(ps[0], fs[0])


def _float(v):
    if v is None or v == "":
        return None
    return float(v)


def _metrics_agree(a: str, b: str, groups) -> bool:
    return a == b or any(a in g and b in g for g in groups)


def _period_agrees(pred: Prediction, fact: GoldFact) -> bool:
    p = pred.row.get("period")
    if fact.period is None:
        return not p
    if not p:
        return False
    gold_years = set(re.findall(r"(?:19|20)\d\d", fact.period))
    pred_years = set(re.findall(r"(?:19|20)\d\d", p))
    if gold_years:
        quarter = re.search(r"Q[1-4]", fact.period)
        return gold_years <= pred_years and (not quarter or quarter.group(0) in p)
    return True  # relative gold ("next eight years") against any resolved period


def _location_agrees(pred: Prediction, fact: GoldFact) -> bool:
    p = pred.row.get("location") or ""
    if fact.location is None:
        return not p
    pred_keys = set()
    for name in filter(None, (x.strip() for x in p.split(";"))):
        pred_keys |= _keys_for(name)
    return any(_keys_for(alt) & pred_keys for alt in split_alternatives(fact.location))


def evaluate_rows(rows: list[dict], gold_path: str | Path) -> Report:
    facts, languages, groups = load_gold(gold_path)
    report = Report(gold_path=str(gold_path))
    gold_docs = set(languages)
    loaded = {r["source"] for r in rows}
    report.documents_not_loaded = sorted(gold_docs - loaded)
    preds_by_doc: dict[str, list[Prediction]] = defaultdict(list)
    for r in rows:
        if r["source"] in gold_docs:
            preds_by_doc[r["source"]].append(Prediction(dict(r)))
    facts_by_doc: dict[str, list[GoldFact]] = defaultdict(list)
    for f in facts:
        facts_by_doc[f.doc_id].append(f)

    agree = {"metric": [0, 0], "period": [0, 0], "location": [0, 0]}
    for doc_id in sorted(gold_docs):
        preds, golds = preds_by_doc.get(doc_id, []), facts_by_doc.get(doc_id, [])
        lang = "+".join(languages.get(doc_id) or ["?"])
        pairs = []
        for i, p in enumerate(preds):
            for j, g in enumerate(golds):
                if _subject_matches(p, g) and _numbers_match(p, g):
                    pairs.append((not _metrics_agree(p.row.get("metric"), g.metric, groups), i, j))
        used_p, used_g, matched = set(), set(), []
        for _, i, j in sorted(pairs):
            if i not in used_p and j not in used_g:
                used_p.add(i)
                used_g.add(j)
                matched.append((preds[i], golds[j]))
        for p, g in matched:
            for counts in (report.overall, report.per_document[doc_id], report.per_language[lang], report.per_metric[g.metric]):
                counts.tp += 1
            agree["metric"][1] += 1
            agree["metric"][0] += _metrics_agree(p.row.get("metric"), g.metric, groups)
            if not _metrics_agree(p.row.get("metric"), g.metric, groups):
                report.metric_confusions.append(f"{doc_id} {g.metric} -> {p.row.get('metric')}  « {(p.row.get('quote') or '')[:90]} »")
            agree["period"][1] += 1
            agree["period"][0] += _period_agrees(p, g)
            agree["location"][1] += 1
            agree["location"][0] += _location_agrees(p, g)
        for j, g in enumerate(golds):
            if j not in used_g:
                for counts in (report.overall, report.per_document[doc_id], report.per_language[lang], report.per_metric[g.metric]):
                    counts.fn += 1
                report.misses.append(g.describe())
        for i, p in enumerate(preds):
            if i not in used_p:
                for counts in (report.overall, report.per_document[doc_id], report.per_language[lang], report.per_metric[p.row.get("metric") or "?"]):
                    counts.fp += 1
                report.false_hits.append(p.describe() + f'  « {(p.row.get("quote") or "")[:90]} »')
    report.metric_agreement = tuple(agree["metric"])
    report.period_agreement = tuple(agree["period"])
    report.location_agreement = tuple(agree["location"])
    return report


def evaluate(store, gold_path: str | Path) -> Report:
    """Run the `figures` saved query on the store and score it against the gold file."""
    from .queries import run

    result = run(store, "figures", {})
    rows = [dict(zip(result.variables, row)) for row in result.rows]
    return evaluate_rows([{k: _plain(v) for k, v in r.items()} for r in rows], gold_path)


def _plain(v):
    """Query values -> python: numbers stay numbers, everything else is text."""
    if v is None:
        return None
    if isinstance(v, (int, float, bool, str)):
        return v
    return str(getattr(v, "value", v))


def _numbers_text(value, lower, upper) -> str:
    def f(x):
        x = float(x)
        return f"{x:,.6g}" if abs(x) < 1e6 else f"{x:.4g}"
    if value is not None and value != "":
        return f(value)
    return f"[{'' if lower in (None, '') else f(lower)}..{'' if upper in (None, '') else f(upper)}]"


def render(report: Report) -> str:
    lines = []
    o = report.overall
    lines.append(f"gold: {report.gold_path}")
    lines.append(f"overall   precision {o.precision:.3f}  recall {o.recall:.3f}  F1 {o.f1:.3f}   (tp {o.tp}, fp {o.fp}, fn {o.fn})")
    strict = report.strict()
    lines.append(f"strict    precision {strict.precision:.3f}  recall {strict.recall:.3f}  F1 {strict.f1:.3f}   "
                 f"(the metric must agree too: a match with another metric counts as a miss and a false hit)")
    for title, table in (("document", report.per_document), ("language", report.per_language), ("metric", report.per_metric)):
        lines.append(f"\nper {title}:")
        width = max((len(k) for k in table), default=8)
        for k, c in sorted(table.items()):
            lines.append(f"  {k:<{width}}  P {c.precision:.3f}  R {c.recall:.3f}  F1 {c.f1:.3f}  (tp {c.tp}, fp {c.fp}, fn {c.fn})")
    for name, (ok, n) in (("metric", report.metric_agreement), ("period", report.period_agreement), ("location", report.location_agreement)):
        lines.append(f"{name} agreement on matched figures: {ok}/{n}" + (f" ({ok / n:.0%})" if n else ""))
    if report.documents_not_loaded:
        lines.append("\ngold documents not in the store (their facts count as misses): " + ", ".join(report.documents_not_loaded))
    lines.append(f"\nmisses ({len(report.misses)}):")
    lines += [f"  - {m}" for m in report.misses]
    lines.append(f"false hits ({len(report.false_hits)}):")
    lines += [f"  + {m}" for m in report.false_hits]
    lines.append(f"other metric on matched figures, gold -> ours ({len(report.metric_confusions)}):")
    lines += [f"  ~ {m}" for m in report.metric_confusions]
    return "\n".join(lines)
