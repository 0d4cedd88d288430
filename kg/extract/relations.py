"""Relations: people's roles, ties between organisations, and facilities.

Read sentence by sentence with the same document state as the figures (so "the company"
means the same firm), then finished per document: attributes stated without a place
("the first sites open in 2026") go to the facilities of the firm that owns most of them,
and facility figures (cost, land, power) are linked to their facility.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .entities import Mention
from .figures import (
    FACILITY_METRICS, NON_SUBJECT_TYPES, DocumentState, SentenceView, is_object_position,
    most_specific, names_nationality, preceded_by, subject_candidates,
)
from .model import Entity, Evidence, Extraction, Facility, Membership, Relation, Span
from .numbers import AREA, POWER, scan_amounts

PRIMARY = "*primary*"  # pending attributes for the firm that owns most facilities of the document
ROLE_ORDER = ["CEO", "CFO", "CoFounder", "Founder", "Head", "Analyst"]
_POSSESSIVE = re.compile(r"^\s*(?:['’]s?|s)?\s*$")


@dataclass
class RelationState:
    facilities: dict[str, Facility] = field(default_factory=dict)
    last_facility: Facility | None = None
    pending: dict[str, dict] = field(default_factory=dict)  # attributes with no place, by sentence order


def _sentence_subject(view: SentenceView, state: DocumentState, before: int | None = None) -> Entity | None:
    """The organisation a sentence is about: named first, or "the company" if that comes first."""
    head = view.text[:before] if before is not None else view.text
    orgs = [m for m in subject_candidates(view) if m.kind == "org" and m.end <= len(head)]
    named = next((m for m in orgs if not is_object_position(view, m, 0)), None)
    anaphor_at = None
    for kind in ("company", "facility", "project"):
        rx = view.pack.regex.get(f"anaphora_{kind}")
        hit = rx.search(head) if rx else None
        if hit and (anaphor_at is None or hit.start() < anaphor_at):
            anaphor_at = hit.start()
    if anaphor_at is not None and (named is None or anaphor_at < named.start):
        return state.last_subject or state.main_org
    return named.entity if named else None


def _nearest_subject(view: SentenceView, state: DocumentState, pos: int) -> Entity | None:
    """The subject-position organisation nearest before pos ("... and the Stargate partnership")."""
    orgs = [m for m in subject_candidates(view) if m.kind == "org" and m.end <= pos + 12 and not is_object_position(view, m, 0)]
    return orgs[-1].entity if orgs else _sentence_subject(view, state, pos)


def _skip_spaces(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \u00a0":
        pos += 1
    return pos


def _orgs_after(view: SentenceView, pos: int, limit: int = 200) -> list[Mention]:
    return [m for m in view.mentions if m.kind == "org" and pos <= m.start <= pos + limit and m.entity.rdf_type not in NON_SUBJECT_TYPES]


def _evidence(view: SentenceView, start: int, end: int) -> Evidence:
    s = view.sentence
    return Evidence(sentence=Span(s.start, s.end, s.text), mention=Span(s.start + start, s.start + end, s.text[start:end]), language=s.language)


# ---- people --------------------------------------------------------------------------------
def memberships(view: SentenceView, state: DocumentState) -> list[Membership]:
    out = []
    role_rx = {r: view.pack.regex.get(f"role_{r}") for r in ROLE_ORDER}
    text = view.text
    orgs = [m for m in view.mentions if m.kind == "org"]
    for person in (m for m in view.mentions if m.kind == "person"):
        window_before = text[max(0, person.start - 40):person.start]
        window_after = text[person.end:person.end + 60]
        roles = []
        for role, rx in role_rx.items():
            if rx is None:
                continue
            hits_before = [h for h in rx.finditer(window_before) if len(window_before) - h.end() <= 3]
            after_roles = re.match(r"\s*[,،]\s*(.{0,50})", window_after)
            hits_after = list(rx.finditer(after_roles.group(1))) if after_roles else []
            if hits_before or hits_after:
                roles.append(role)
        org = None
        # "Microsoft's Satya Nadella", "AWS chief Andy Jassy", "Investing.com's Jesse Cohen"
        for m in reversed([o for o in orgs if o.end <= person.start]):
            gap = text[m.end:person.start]
            stripped = gap
            for rx in role_rx.values():
                if rx:
                    stripped = rx.sub("", stripped)
            if _POSSESSIVE.match(stripped) or (len(gap) <= 25 and stripped.strip() == ""):
                org = m.entity
                roles = roles or ["Executive"]
                break
        if org is None and roles:
            # "Dario Amodei, CEO and co-founder of Anthropic" / nearest organisation in the sentence
            after = [o for o in orgs if o.start >= person.end and o.start - person.end <= 60]
            before = [o for o in orgs if o.end <= person.start]
            pick = after[0] if after else (before[-1] if before else None)
            org = pick.entity if pick else (state.last_subject or state.main_org)
        if org is None or not roles:
            continue
        if org.rdf_type in NON_SUBJECT_TYPES and "Analyst" not in roles:
            roles = ["Analyst"] if roles == ["Executive"] else roles
        for role in roles:
            out.append(Membership(person=person.entity, organization=org, role=role))
    return out


# ---- organisations -------------------------------------------------------------------------
def org_relations(view: SentenceView, state: DocumentState) -> list[Relation]:
    out: list[Relation] = []
    p = view.pack
    text = view.text

    def rel(a: Entity | None, pred: str, b: Entity | None):
        if a is not None and b is not None and a != b and a.kind in ("org", "group") and b.kind == "org":
            out.append(Relation(a, pred, b))

    for kind, pred in (("cloud_partner", "cloudPartnerOf"), ("supplier", "supplierOf"), ("deal", "dealWith"), ("partner", "partnerOf")):
        rx = p.regex.get(f"rel_{kind}")
        m = rx.search(text) if rx else None
        if not m:
            continue
        subject = _nearest_subject(view, state, m.start())
        if subject is None or subject.rdf_type == "JointVenture":
            continue
        limit = 200 if kind in ("supplier", "deal") else 60
        partners = [o for o in _orgs_after(view, m.start(), limit) if o.entity != subject]  # analysts excluded
        if kind == "partner":
            partners = [o for o in partners if preceded_by(view, o, 0, "counterpart_markers") or o.start - m.end() < 30]
            if not partners:  # "arbeitet mit X zusammen": the partner comes before the trigger
                partners = [o for o in view.mentions if o.kind == "org" and o.end <= m.start() and o.entity != subject
                            and o.entity.rdf_type not in NON_SUBJECT_TYPES and preceded_by(view, o, 0, "counterpart_markers")]
        for o in partners:
            rel(subject, pred, o.entity)
        if kind == "cloud_partner" and partners:
            break  # a cloud partnership is not also listed as a plain one
    # investors: "Amazon, Anthropic's largest investor", "Amazon, der größte Investor von Anthropic"
    irx = p.regex.get("rel_investor")
    if irx:
        for m in irx.finditer(text):
            before = [o for o in view.mentions if o.kind == "org" and o.end <= m.start() and m.start() - o.end <= 40]
            after = [o for o in view.mentions if o.kind == "org" and o.start >= m.end() and o.start - m.end() <= 15]
            if before and after:
                rel(before[-1].entity, "investorIn", after[0].entity)
            elif before:
                rel(before[-1].entity, "investorIn", _sentence_subject(view, state))
    # parents: "Google parent Alphabet", "Alphabet, the parent of Google", "Khazna, a unit of G42"
    of_words = p.regex.get("of_words")
    for kind in ("parent", "subsidiary"):
        rx = p.regex.get(f"rel_{kind}")
        if rx is None:
            continue
        for m in rx.finditer(text):
            before = [o for o in view.mentions if o.kind == "org" and o.end <= m.start() and m.start() - o.end <= 8]
            after = [o for o in view.mentions if o.kind == "org" and o.start >= m.end() and o.start - m.end() <= 14]
            if not (before and after):
                continue
            of = bool(of_words and (of_words.match(text, _skip_spaces(text, m.end()))
                                    or re.search(rf"(?:{of_words.pattern})$", m.group(0), of_words.flags)))  # "unit of"
            # "X parent Y" and "X's unit Y": X is the parent unless an "of" turns the phrase round
            first_is_parent = (kind == "parent") == of if kind == "parent" else not of
            parent, child = (before[-1], after[0]) if first_is_parent else (after[0], before[-1])
            rel(parent.entity, "parentOf", child.entity)
    # members of a joint venture: "the Stargate partnership, involving SoftBank, OpenAI and Oracle"
    mrx = p.regex.get("rel_member")
    for jv in (m for m in view.mentions if m.entity.rdf_type == "JointVenture"):
        if mrx and mrx.search(text, jv.end, jv.end + 120):
            for o in view.mentions:
                if o.kind == "org" and jv.end < o.start <= jv.end + 120 and o.entity != jv.entity:
                    rel(jv.entity, "hasMember", o.entity)
    return out


# ---- facilities ----------------------------------------------------------------------------
def facilities(view: SentenceView, state: DocumentState, rstate: RelationState) -> None:
    p = view.pack
    nouns = p.regex.get("facility_nouns")
    m = nouns.search(view.text) if nouns else None
    if not m:
        return
    owner = _sentence_subject(view, state, None)
    places = [x for x in view.mentions if x.kind == "place" and x.entity.key != "world" and (not x.demonym or not names_nationality(view, x))]
    places = most_specific(places, key=lambda x: x.entity)
    cues = p.regex.get("facility_cues")
    # a sentence about a site: a building verb, a site's state ("existing", "under construction"),
    # or a site's own figures (power, land)
    states = [p.regex.get("status_Operational"), p.regex.get("status_UnderConstruction")]
    about_a_site = bool(cues and cues.search(view.text)) or any(rx and rx.search(view.text) for rx in states) or any(
        a.kind in (POWER, AREA) for a in scan_amounts(view.text, p))
    if places and not about_a_site:
        return  # "demand from data centers in China fell" names no site
    if places and owner is None:
        owner = state.last_subject  # "This sum will build new data centres in Texas"
    status = next((s for s in ("Operational", "UnderConstruction", "Planned") if p.regex.get(f"status_{s}") and p.regex[f"status_{s}"].search(view.text)), None)
    year = None
    ops = p.regex.get("operation_cues")
    if ops and ops.search(view.text):
        years = [pm.period.start.year for pm in view.periods if pm.period.start and pm.period.end and pm.period.start.year == pm.period.end.year]
        year = years[0] if years else None
    builder = None
    partner = p.regex.get("rel_partner")
    pm_ = partner.search(view.text) if partner else None
    if pm_:
        near = [o for o in _orgs_after(view, pm_.start(), 60) if owner is None or o.entity != owner]
        if not near:  # "arbeitet mit X zusammen": the trigger comes after the partner
            near = [o for o in view.mentions if o.kind == "org" and o.end <= pm_.start() and preceded_by(view, o, 0, "counterpart_markers") and (owner is None or o.entity != owner)]
        builder = near[0].entity if near else None
    if builder is None:  # "a data center in Texas with CoreWeave"
        near = [o for o in view.mentions if o.kind == "org" and o.entity != owner and o.entity.rdf_type not in NON_SUBJECT_TYPES
                and m.start() < o.start <= m.end() + 60 and preceded_by(view, o, 0, "builder_markers")]
        builder = near[0].entity if near else None
    tenant = None
    for o in view.mentions:
        if o.kind == "org" and owner is not None and o.entity != owner and o.entity != builder and preceded_by(view, o, 0, "tenant_markers"):
            tenant = o.entity
            break

    if not places:
        facility_anaphor = p.regex.get("anaphora_facility")
        if facility_anaphor and facility_anaphor.search(view.text) and rstate.last_facility is not None:
            f = rstate.last_facility
            f.status = f.status or status
            f.operational_from = f.operational_from or year
            return
        # no place named: the attributes go to this owner's sites, or the main owner's
        pending = rstate.pending.setdefault(owner.key if owner else PRIMARY, {})
        if builder:
            pending.setdefault("builder", builder)
        if year:
            pending.setdefault("operational_from", year)
            pending.setdefault("status", "Planned")
        elif status and status != "Operational":
            pending.setdefault("status", status)
        return
    if owner is None:
        return
    campus = p.regex.get("campus_words")
    kind = "Campus" if campus and campus.search(view.text) else "DataCenter"
    for place in places:
        key = f"{owner.key}-{place.entity.key}"
        f = rstate.facilities.get(key)
        if f is None:
            label = f"{owner.label} {'campus' if kind == 'Campus' else 'data centre'}, {place.entity.label}"
            entity = Entity(kind="facility", key=key, label=label, rdf_type=kind)
            f = rstate.facilities[key] = Facility(entity=entity, owner=owner, location=place.entity)
        f.builder = f.builder or builder
        f.tenant = f.tenant or tenant
        f.status = f.status or status
        f.operational_from = f.operational_from or year
        f.evidence.append(_evidence(view, m.start(), m.end()))
        linked_to = rstate.last_facility
        anaphor = p.regex.get("anaphora_facility")
        if linked_to is not None and linked_to is not f and linked_to.owner == owner and anaphor and anaphor.search(view.text[:m.start()]):
            # "This one, together with an existing complex in Wisconsin, will form ...": a linked site
            if linked_to.entity not in f.linked:
                f.linked.append(linked_to.entity)
    rstate.last_facility = rstate.facilities[f"{owner.key}-{places[-1].entity.key}"]


def finish(extraction: Extraction, rstate: RelationState) -> None:
    facs = list(rstate.facilities.values())
    # a facility placed only in a country, when the same owner has sites in that country's regions
    finer = {(f.owner.key, f.location.parent) for f in facs if f.location.parent}
    for coarse in [f for f in facs if (f.owner.key, f.location.key) in finer]:
        # what was said of "sites across the US" holds for the owner's sites in its states
        for f in facs:
            if f.owner == coarse.owner and f.location.parent == coarse.location.key:
                f.builder = f.builder or coarse.builder
                f.status = f.status or coarse.status
                f.operational_from = f.operational_from or coarse.operational_from
                f.evidence.extend(coarse.evidence)
    facs = [f for f in facs if (f.owner.key, f.location.key) not in finer]
    owners = Counter(f.owner.key for f in facs)
    primary = owners.most_common(1)[0][0] if owners else None
    for owner_key, attrs in rstate.pending.items():
        target = primary if owner_key == PRIMARY else owner_key
        for f in facs:
            if f.owner.key == target:
                f.builder = f.builder or attrs.get("builder")
                f.operational_from = f.operational_from or attrs.get("operational_from")
                f.status = f.status or attrs.get("status")
    for f in facs:
        if f.builder is None and f.tenant is not None:
            f.builder = f.owner  # a site one firm puts up for another: "Amazon's campus for Anthropic"
    extraction.facilities = facs
    for f in facs:
        for e in (f.entity, f.owner, f.location, f.builder, f.tenant):
            if e is not None and e not in extraction.entities:
                extraction.entities.append(e)
    # facility figures -> their facility: same owner and place, else the owner's latest site before it
    for fig in extraction.figures:
        if fig.metric not in FACILITY_METRICS:
            continue
        same = [f for f in facs if f.owner == fig.subject and f.location in fig.locations]
        if not same:
            before = [f for f in facs if f.owner == fig.subject and f.evidence and f.evidence[0].sentence.start <= fig.evidence[0].sentence.start]
            same = before[-1:]
        if same:
            fig.facility = same[0].entity
    # money into a firm makes an investor
    for fig in extraction.figures:
        if fig.metric == "equity_investment":
            for c in fig.counterparts:
                extraction.relations.append(Relation(fig.subject, "investorIn", c))
    seen = set()
    unique = []
    for r in extraction.relations:
        k = (r.subject.key, r.predicate, r.object.key)
        if k not in seen:
            seen.add(k)
            unique.append(r)
    extraction.relations = unique
    ms, mseen = [], set()
    for m in extraction.memberships:
        k = (m.person.key, m.organization.key, m.role)
        if k not in mseen:
            mseen.add(k)
            ms.append(m)
    extraction.memberships = ms


def sentence_relations(view: SentenceView, state: DocumentState, rstate: RelationState, extraction: Extraction) -> None:
    extraction.memberships.extend(memberships(view, state))
    extraction.relations.extend(org_relations(view, state))
    facilities(view, state, rstate)
