"""Build an Oxigraph store from the seeds with the extractor alone (no CLI), for query development.

    .venv/bin/python benchmarks/build_dev_store.py /tmp/dev-store

Uses seeds/sources.yaml for metadata when present. The real loader is `kg load`.
"""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

import pyoxigraph as ox
import yaml

from kg import vocab
from kg.extract import extract
from kg.rdf import document_quads

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Doc:
    doc_id: str
    text: str
    languages: list
    reference_date: date | None
    published: object
    publisher: str | None
    title: str | None
    sha256: str
    file_name: str


def main(target: str) -> None:
    manifest = {}
    sources = ROOT / "seeds" / "sources.yaml"
    if sources.exists():
        data = yaml.safe_load(sources.read_text(encoding="utf-8")) or {}
        items = data.get("documents", data) if isinstance(data, dict) else data
        if isinstance(items, dict):
            manifest = items
        else:
            manifest = {d["id"]: d for d in items}
    store = ox.Store(target)
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        meta = manifest.get(path.stem, {})
        raw = path.read_bytes()
        published = meta.get("published")
        if isinstance(published, str):
            published = datetime.fromisoformat(published)
        ref = meta.get("reference_date") or (published.date() if isinstance(published, datetime) else published)
        doc = Doc(path.stem, raw.decode("utf-8"), meta.get("languages") or ["en"], ref, published,
                  meta.get("publisher"), meta.get("title"), hashlib.sha256(raw).hexdigest(), path.name)
        now = datetime.now(timezone.utc)
        store.extend(document_quads(doc, extract(doc), now, now))
    store.load(path=str(vocab.ONTOLOGY_FILE), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(vocab.ontology_graph_iri()))
    store.flush()
    print(f"{len(store)} quads in {target}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/dev-store")
