"""Claims read out of the store, grouped by the quantity they state."""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import Any

from tacitus.records import iso_date
from tacitus.store import Store, story_queries

# The parts of a claim key, in order (see ``tacitus.claims.claim_key``).
KEY_PARTS = ("kind", "place", "period", "group")


def claims(store: Store, kind: str | None = None) -> list[dict[str, Any]]:
    """Claims about the same quantity side by side, the most widely reported first.

    Each group: ``key`` and its parts (``kind``, ``place``, ``period``, ``group``
    counted), ``values`` stated, ``outlets``, and ``claims`` in publication order,
    each with its outlet, day, value, qualifier, source and sentence.  ``kind``
    keeps one kind of figure ("killed", "arrested", "money").
    """
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in story_queries.claim_rows(store, kind):
        groups.setdefault(row["key"], []).append(_claim(row))
    found = [_group(key, rows) for key, rows in groups.items()]
    return sorted(found, key=lambda g: (-len(g["outlets"]), -len(g["claims"]), g["key"]))


def _claim(row: dict[str, Any]) -> dict[str, Any]:
    place = json.loads(row["place"]) if row["place"] else None
    return row | {
        # An article with no outlet speaks for itself: show it under its file name.
        "outlet": row["outlet"] or PurePath(row["source"] or row["doc_id"]).name,
        "place": place,
        "published": iso_date(row["published"]),
        "as_of": iso_date(row["as_of"]),
    }


def _group(key: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
    parts = dict(zip(KEY_PARTS, key.split("|"), strict=False))
    return {
        "key": key,
        **parts,
        "values": sorted({r["value"] for r in rows}),
        "outlets": sorted({r["outlet"] for r in rows if r["outlet"]}),
        "claims": rows,
    }
