"""The extractor's output: plain data, no RDF. `kg/rdf.py` turns it into quads."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Span:
    """A stretch of the document text, in code points of the NFC text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Entity:
    """One real-world thing, resolved across documents and scripts by its key."""

    kind: str  # org | person | place | group | project | facility
    key: str  # stable key, e.g. "anthropic", "texas"; the IRI is minted from (kind, key)
    label: str  # canonical English label
    rdf_type: str  # local name of the ontology class, e.g. "Firm", "Country"
    labels: dict[str, str] = field(default_factory=dict)  # language -> label
    wikidata: str | None = None  # verified Q-id only
    geonames: str | None = None  # GeoNames id of a place taken from GeoNames itself (kg/extract/places.py)
    generated: bool = False  # a place from the generated lists, not the table (kg/extract/places.py)
    parent: str | None = None  # place key this place lies in, or parent org key
    collective: bool = False  # "global", "worldwide": a scope that can be a figure's subject like a group


@dataclass(frozen=True)
class Period:
    key: str  # normalised, e.g. "2025", "2025-Q3", "2025-11-15/2033-11-15"
    label: str  # human label, e.g. "2025", "Q3 2025", "2025-11-15 to 2033-11-15"
    start: date | None
    end: date | None


@dataclass
class Evidence:
    sentence: Span  # the quote: a whole sentence
    mention: Span  # the amount as written, inside the sentence
    language: str


@dataclass
class Quantity:
    unit: str  # ISO 4217 code or GW, MW, acre, hectare, m2, count, percent, ratio
    value: float | None = None
    lower: float | None = None
    upper: float | None = None
    approx: bool = False
    conversions: list["Quantity"] = field(default_factory=list)  # the same amount in another currency, as stated


@dataclass
class Figure:
    subject: Entity
    metric: str  # notation from metrics.yaml
    quantity: Quantity
    evidence: list[Evidence]
    period: Period | None = None
    period_text: str | None = None
    locations: list[Entity] = field(default_factory=list)
    counterparts: list[Entity] = field(default_factory=list)
    facility: Entity | None = None
    reported_by: Entity | None = None
    round_name: str | None = None  # "Series F" for a funding round
    valuation_basis: str | None = None  # "post-money" / "pre-money" for a valuation


@dataclass(frozen=True)
class Membership:
    person: Entity
    organization: Entity
    role: str  # local name of an ai:Role individual: CEO, CFO, CoFounder, Founder, Head, Analyst, Executive


@dataclass(frozen=True)
class Relation:
    subject: Entity
    predicate: str  # local name of an ai: object property, e.g. partnerOf, investorIn
    object: Entity


@dataclass
class Facility:
    entity: Entity  # kind "facility"
    owner: Entity | None
    location: Entity | None
    builder: Entity | None = None
    operator: Entity | None = None
    tenant: Entity | None = None  # the firm a campus is dedicated to
    status: str | None = None  # Planned | UnderConstruction | Operational
    operational_from: int | None = None  # year
    linked: list[Entity] = field(default_factory=list)  # sites said to work together with this one
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Extraction:
    figures: list[Figure] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)  # every entity the text mentions
    surface_forms: dict[str, set[str]] = field(default_factory=dict)  # entity key -> forms seen
    memberships: list[Membership] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    facilities: list[Facility] = field(default_factory=list)
