"""A readable account of what cleaning did, for ``tacitus clean FILE``."""

from __future__ import annotations

from tacitus.records import CleanDocument

RULE = "-" * 72


def describe(doc: CleanDocument) -> str:
    """Header fields, the cleaned text, then each removed block with its reason."""
    published = doc.published.isoformat() if doc.published else "unknown"
    header = [
        f"document   {doc.doc_id}",
        f"source     {doc.source}",
        f"title      {doc.title or '-'}",
        f"outlet     {doc.outlet or '-'}",
        f"url        {doc.url or '-'}",
        f"published  {published}" + (f" ({doc.published_source})" if doc.published_source else ""),
    ]
    if doc.published_evidence:
        header.append(f"  evidence {doc.published_evidence}")
    elif doc.meta.get("published_partial"):
        header.append(f"  partial  {doc.meta['published_partial']}")
    header.append(f"language   {doc.language}")
    if doc.duplicate_of:
        header.append(f"copy of    {doc.duplicate_of} (similarity {doc.similarity})")
    removed = [
        f"[{block.raw_start}:{block.raw_end}] {block.reason}\n"
        + "\n".join(f"    | {line}" for line in block.text.splitlines())
        for block in doc.boilerplate
    ]
    parts = [
        "\n".join(header),
        RULE,
        doc.text,
        RULE,
        f"removed {len(doc.boilerplate)} block(s)",
        *removed,
    ]
    return "\n".join(parts) + "\n"
