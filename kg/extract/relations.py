"""Relations between entities: roles of people, partnerships, investors, facilities."""

from __future__ import annotations


def extract_relations(views, state, extraction) -> None:
    return None
