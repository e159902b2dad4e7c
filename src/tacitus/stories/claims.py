"""Claims read out of the store, grouped by the quantity they state."""

from __future__ import annotations

import json
from datetime import date
from pathlib import PurePath
from typing import Any

from tacitus.store import Store

_CLAIMS_SQL = """
SELECT c.claim_id, c.doc_id, c.kind, c.unit, c.value, c.qualifier, c.vague, c.of_whom,
       c.part_of, c.place, c.place_inferred, c.as_of, c.as_of_precision, c.said_by,
       c.said_by_actor, c.sentence, c.start, c."end", c.raw_start, c.raw_end, c.key,
       d.outlet, d.published, d.title, d.source, d.url, d.duplicate_of AS copy_of
FROM claims c JOIN documents d USING (doc_id)
{where}
ORDER BY c.key, d.published NULLS LAST, d.outlet NULLS LAST, c.doc_id, c.start
"""
# The parts of a claim key, in order (see ``tacitus.claims.claim_key``).
KEY_PARTS = ("kind", "place", "period", "group")


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def claims(store: Store, kind: str | None = None) -> list[dict[str, Any]]:
    """Claims about the same quantity side by side, the most widely reported first.

    Each group: ``key`` and its parts (``kind``, ``place``, ``period``, ``group``
    counted), ``values`` stated, ``outlets``, and ``claims`` in publication order,
    each with its outlet, day, value, qualifier, source and sentence.  ``kind``
    keeps one kind of figure ("killed", "arrested", "money").
    """
    where, params = ("WHERE c.kind = ?", [kind]) if kind else ("", [])
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in store.query(_CLAIMS_SQL.format(where=where), params):
        groups.setdefault(row["key"], []).append(_claim(row))
    found = [_group(key, rows) for key, rows in groups.items()]
    return sorted(found, key=lambda g: (-len(g["outlets"]), -len(g["claims"]), g["key"]))


def _claim(row: dict[str, Any]) -> dict[str, Any]:
    place = json.loads(row["place"]) if row["place"] else None
    return row | {
        # An article with no outlet speaks for itself: show it under its file name.
        "outlet": row["outlet"] or PurePath(row["source"] or row["doc_id"]).name,
        "place": place,
        "published": _iso(row["published"]),
        "as_of": _iso(row["as_of"]),
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
