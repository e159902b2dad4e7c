"""Table layouts, defined once and used for storage and export alike."""

from __future__ import annotations

# Each table: ordered (column, DuckDB type) pairs.  JSON columns hold nested
# records (actors, places, lists) as text so every export reads them the same way.
# What an event is, shared by a mention (one report) and a merged event.
EVENT_CORE: tuple[tuple[str, str], ...] = (
    ("event", "VARCHAR NOT NULL"),
    ("mode", "VARCHAR"),
    ("context", "JSON"),
    ("quad_code", "INTEGER"),
    ("cameo", "VARCHAR"),
    ("modality", "VARCHAR"),
    ("date", "DATE"),
    ("date_source", "VARCHAR"),
    ("date_precision", "VARCHAR"),
    ("date_evidence", "VARCHAR"),
    ("actor", "JSON"),
    ("recipient", "JSON"),
    ("actor_id", "VARCHAR"),
    ("recipient_id", "VARCHAR"),
    ("event_loc", "JSON"),
    ("size", "JSON"),
    ("event_text", "VARCHAR"),
)

TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "documents": (
        ("doc_id", "VARCHAR PRIMARY KEY"),
        ("source", "VARCHAR NOT NULL"),
        ("outlet", "VARCHAR"),
        ("url", "VARCHAR"),
        ("title", "VARCHAR"),
        ("published", "DATE"),
        ("published_source", "VARCHAR"),
        ("published_evidence", "VARCHAR"),
        ("language", "VARCHAR"),
        ("raw", "VARCHAR NOT NULL"),
        ("text", "VARCHAR NOT NULL"),
        ("offsets", "INTEGER[]"),
        ("boilerplate", "JSON"),
        ("meta", "JSON"),
        ("duplicate_of", "VARCHAR"),
        ("similarity", "DOUBLE"),
        ("signature", "UBIGINT[]"),
        ("sentences", "INTEGER"),
        ("words", "INTEGER"),
    ),
    "rejected": (
        ("source", "VARCHAR NOT NULL"),
        ("reason", "VARCHAR NOT NULL"),
    ),
    "actor_mentions": (
        ("doc_id", "VARCHAR NOT NULL"),
        ("start", "INTEGER NOT NULL"),
        ("end", "INTEGER NOT NULL"),
        ("actor_id", "VARCHAR"),
        ("name", "VARCHAR"),
        ("entity_text", "VARCHAR"),
        ("code", "VARCHAR"),
        ("sector", "VARCHAR"),
        ("office", "VARCHAR"),
        ("kind", "VARCHAR"),
        ("method", "VARCHAR"),
        ("role", "VARCHAR"),
        ("discovered", "BOOLEAN"),
        ("sentence", "VARCHAR"),
    ),
    "event_mentions": (
        ("mention_id", "VARCHAR PRIMARY KEY"),
        ("doc_id", "VARCHAR NOT NULL"),
        ("sentence_index", "INTEGER"),
        *EVENT_CORE,
        ("sentence", "VARCHAR"),
        ("start", "INTEGER"),
        ("end", "INTEGER"),
        ("raw_start", "INTEGER"),
        ("raw_end", "INTEGER"),
        ("attributed_to", "VARCHAR"),
        ("block", "VARCHAR NOT NULL"),
        ("event_id", "VARCHAR"),
    ),
    "events": (
        ("event_id", "VARCHAR PRIMARY KEY"),
        ("block", "VARCHAR NOT NULL"),
        *EVENT_CORE,
        ("num_mentions", "INTEGER"),
        ("num_sources", "INTEGER"),
        ("num_articles", "INTEGER"),
        ("first_doc_id", "VARCHAR"),
    ),
    "claims": (
        ("claim_id", "VARCHAR PRIMARY KEY"),
        ("doc_id", "VARCHAR NOT NULL"),
        ("kind", "VARCHAR NOT NULL"),
        ("unit", "VARCHAR"),
        ("value", "BIGINT NOT NULL"),
        ("qualifier", "VARCHAR"),
        ("vague", "BOOLEAN"),
        ("of_whom", "VARCHAR"),
        ("part_of", "VARCHAR"),
        ("place", "JSON"),
        ("place_inferred", "BOOLEAN"),
        ("as_of", "DATE"),
        ("as_of_precision", "VARCHAR"),
        ("said_by", "VARCHAR"),
        ("said_by_actor", "VARCHAR"),
        ("sentence", "VARCHAR"),
        ("start", "INTEGER"),
        ("end", "INTEGER"),
        ("raw_start", "INTEGER"),
        ("raw_end", "INTEGER"),
        ("key", "VARCHAR NOT NULL"),
    ),
    # Where each event's reports lie, per actor key (``merge.event_spans``): what a
    # new report is compared with to find the events it joins.
    "event_spans": (
        ("event_id", "VARCHAR NOT NULL"),
        ("block", "VARCHAR NOT NULL"),
        ("event", "VARCHAR NOT NULL"),
        ("actor_id", "VARCHAR"),
        ("recipient_id", "VARCHAR"),
        ("country", "VARCHAR"),
        ("date_lo", "DATE"),
        ("date_hi", "DATE"),
    ),
    # MinHash bands of canonical documents: near-copies are looked up here, not in memory.
    "dedup_bands": (
        ("band", "UBIGINT NOT NULL"),
        ("doc_id", "VARCHAR NOT NULL"),
    ),
    # When each document was stored or last revised (UTC): what "new since" asks.  Kept
    # apart from ``documents`` so a document's row stays the same whenever it is stored.
    "arrivals": (
        ("doc_id", "VARCHAR PRIMARY KEY"),
        ("stored_at", "TIMESTAMP NOT NULL"),
    ),
    # The watcher's state (``tacitus watch``): per source, its last reading and the
    # validators of a conditional GET; per page, what was fetched, when, and what came of it.
    "watch_sources": (
        ("name", "VARCHAR PRIMARY KEY"),
        ("url", "VARCHAR NOT NULL"),
        ("checked_at", "TIMESTAMP"),
        ("status", "INTEGER"),
        ("etag", "VARCHAR"),
        ("last_modified", "VARCHAR"),
        ("items", "INTEGER"),
        ("new_pages", "INTEGER"),
        ("error", "VARCHAR"),
        ("failures", "INTEGER"),
    ),
    "watch_pages": (
        ("url", "VARCHAR PRIMARY KEY"),
        ("source", "VARCHAR NOT NULL"),
        ("version", "VARCHAR"),
        ("fetched_at", "TIMESTAMP"),
        ("status", "INTEGER"),
        ("etag", "VARCHAR"),
        ("last_modified", "VARCHAR"),
        ("content_hash", "VARCHAR"),
        ("doc_id", "VARCHAR"),
        ("outcome", "VARCHAR NOT NULL"),
        ("reason", "VARCHAR"),
        ("attempts", "INTEGER NOT NULL"),
    ),
    # Alerts sent, one row per (rule, mention) of each alerted event: an event whose
    # reports were alerted once is never alerted again, even after it merges or is renamed.
    "alerts_sent": (
        ("rule", "VARCHAR NOT NULL"),
        ("event_id", "VARCHAR NOT NULL"),
        ("mention_id", "VARCHAR NOT NULL"),
        ("sent_at", "TIMESTAMP NOT NULL"),
    ),
    # Per alert rule: arrivals up to this time have been looked at.
    "alert_rules": (
        ("rule", "VARCHAR PRIMARY KEY"),
        ("checked_through", "TIMESTAMP NOT NULL"),
    ),
}

INDEXES: tuple[str, ...] = (
    "CREATE INDEX IF NOT EXISTS em_doc ON event_mentions(doc_id)",
    "CREATE INDEX IF NOT EXISTS em_block ON event_mentions(block)",
    "CREATE INDEX IF NOT EXISTS am_doc ON actor_mentions(doc_id)",
    "CREATE INDEX IF NOT EXISTS ev_block ON events(block)",
    "CREATE INDEX IF NOT EXISTS cl_doc ON claims(doc_id)",
    "CREATE INDEX IF NOT EXISTS al_rule ON alerts_sent(rule, mention_id)",
)


def columns(table: str) -> list[str]:
    return [name for name, _ in TABLES[table]]


def create_statements() -> list[str]:
    statements = []
    for table, cols in TABLES.items():
        body = ", ".join(f'"{name}" {kind}' for name, kind in cols)
        statements.append(f"CREATE TABLE IF NOT EXISTS {table} ({body})")
    return [*statements, *INDEXES]
