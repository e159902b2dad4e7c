"""One cycle of the watcher: read each source, fetch its new and revised pages, and
store them through the ingest pipeline.

Order makes a kill at any moment safe.  A page's state is saved only after its
document is stored, and a source's validators only after all its pages are done,
so a restart fetches again whatever was not finished (the store skips a document
it already holds: same URL and text, same id) and never takes a 304 for work done.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from tacitus.ingest.decode import UndecodableError, decode_bytes
from tacitus.pipeline import Pipeline, batched
from tacitus.records import RawDocument
from tacitus.store import Store
from tacitus.store import watch_state as state
from tacitus.watch.config import Source, WatchConfig
from tacitus.watch.fetch import Fetched, Fetcher
from tacitus.watch.listing import Item, Listing, read_listing

# Pages fetched, then stored in one go: a kill loses at most this many fetches.
PAGES_PER_BATCH = 32
# A page that failed this many times is left alone until its feed lists a new version.
MAX_ATTEMPTS = 3
# Child sitemaps read from one sitemap index.
MAX_SITEMAPS = 50
# What a page must be to be read as an article.
HTML_TYPES = ("text/html", "application/xhtml+xml")


def utc_now() -> datetime:
    """The present time in UTC, without an offset, as the store keeps times."""
    return datetime.now(UTC).replace(tzinfo=None)


@dataclass(slots=True)
class CycleReport:
    sources: int = 0
    unchanged: int = 0
    failed_sources: int = 0
    listed: int = 0
    fetched: int = 0
    stored: int = 0
    revised: int = 0
    rejected: int = 0
    failed_pages: int = 0
    alerts: int = 0
    problems: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"{self.sources} sources read ({self.unchanged} unchanged, {self.failed_sources} "
            f"failed), {self.listed} items listed, {self.fetched} pages fetched: "
            f"{self.stored} stored, {self.revised} revised, {self.rejected} rejected, "
            f"{self.failed_pages} failed; {self.alerts} alerts"
        )


@dataclass(slots=True)
class Page:
    """A listed URL to fetch, with what the store knows of it."""

    item: Item
    known: dict[str, Any] | None

    @property
    def url(self) -> str:
        return self.item.url

    def row(self, source: str, **values: Any) -> dict[str, Any]:
        known = self.known or {}
        return {
            "url": self.url,
            "source": source,
            "version": self.item.version,
            "etag": known.get("etag"),
            "last_modified": known.get("last_modified"),
            "content_hash": known.get("content_hash"),
            "doc_id": known.get("doc_id"),
            "attempts": 0,
        } | values


class Watcher:
    """Reads the sources of ``config`` into ``store`` through ``pipeline``."""

    def __init__(
        self,
        config: WatchConfig,
        store: Store,
        pipeline: Pipeline,
        fetcher: Fetcher,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self.config = config
        self.store = store
        self.pipeline = pipeline
        self.fetcher = fetcher
        self.clock = clock

    def cycle(self, due_only: bool = False, report: CycleReport | None = None) -> CycleReport:
        """Read every source (or, with ``due_only``, those whose interval has passed);
        ``report``, if given, is kept up to date as pages are stored."""
        report = report if report is not None else CycleReport()
        for source in self.config.sources:
            if not due_only or self.due(source):
                self.read_source(source, report)
        # Once per cycle, not per lot of pages: it reads every undated document.
        if report.stored or report.revised:
            self.pipeline.date_stories()
        return report

    def due(self, source: Source) -> bool:
        known = state.source_state(self.store, source.name)
        if known is None or known["checked_at"] is None:
            return True
        next_time = known["checked_at"] + timedelta(seconds=self.config.interval(source))
        return self.clock() >= next_time

    def seconds_to_next(self) -> float:
        """Seconds until the next source is due (0 when one is due now)."""
        waits = []
        for source in self.config.sources:
            known = state.source_state(self.store, source.name)
            if known is None or known["checked_at"] is None:
                return 0.0
            due_at = known["checked_at"] + timedelta(seconds=self.config.interval(source))
            waits.append((due_at - self.clock()).total_seconds())
        return max(0.0, min(waits))

    # -- one source ------------------------------------------------------------------
    def read_source(self, source: Source, report: CycleReport) -> None:
        report.sources += 1
        known = state.source_state(self.store, source.name) or {}
        succeeded = known.get("status") in (200, 304) and not known.get("error")
        fetched = self.fetcher.get(
            source.url,
            known.get("etag") if succeeded else None,
            known.get("last_modified") if succeeded else None,
        )
        row = {"name": source.name, "url": source.url, "checked_at": self.clock()}
        if fetched.unchanged:
            report.unchanged += 1
            keep = {k: known.get(k) for k in ("etag", "last_modified")}
            state.save_source(self.store, row | keep | {"status": 304, "items": 0, "new_pages": 0})
            return
        listing = self._listing(fetched)
        if listing.error:
            self._source_failed(source, row, fetched, listing.error, known, report)
            return
        pages = self._pages_to_fetch(source, listing.items)
        report.listed += len(listing.items)
        for batch in batched(pages, PAGES_PER_BATCH):
            self._fetch_pages(source, batch, report)
        validators = {"etag": fetched.etag, "last_modified": fetched.last_modified}
        done = {"status": fetched.status, "items": len(listing.items), "new_pages": len(pages)}
        state.save_source(self.store, row | validators | done | {"failures": 0})

    def _listing(self, fetched: Fetched) -> Listing:
        if fetched.error:
            return Listing(error=fetched.error)
        listing = read_listing(fetched.body, fetched.url)
        for url in listing.sitemaps[:MAX_SITEMAPS]:
            child = self.fetcher.get(url)
            nested = Listing(error=child.error) if child.error else read_listing(child.body, url)
            if nested.error:
                return Listing(error=f"sitemap {url}: {nested.error}")
            listing.items += nested.items
        return listing

    def _source_failed(
        self,
        source: Source,
        row: dict[str, Any],
        fetched: Fetched,
        reason: str,
        known: dict[str, Any],
        report: CycleReport,
    ) -> None:
        report.failed_sources += 1
        report.problems.append(f"{source.name}: {reason}")
        failures = (known.get("failures") or 0) + 1
        keep = {k: known.get(k) for k in ("etag", "last_modified")}
        failed = {"status": fetched.status, "error": reason, "failures": failures}
        state.save_source(self.store, row | keep | failed)

    def _pages_to_fetch(self, source: Source, items: list[Item]) -> list[Page]:
        """New URLs, those listed with a new version, and failures worth another try."""
        unique = list({item.url: item for item in reversed(items)}.values())[::-1]
        known = state.page_states(self.store, [item.url for item in unique])
        pages = []
        for item in unique:
            seen = known.get(item.url)
            if seen is None:
                pages.append(Page(item, None))
            elif seen["source"] != source.name:
                continue  # listed by another source too: that one follows it
            elif seen["outcome"] == "failed" and seen["attempts"] < MAX_ATTEMPTS:
                pages.append(Page(item, seen))
            elif item.version and item.version != seen["version"]:
                pages.append(Page(item, seen | {"attempts": 0}))
        return pages

    # -- pages -------------------------------------------------------------------------
    def _fetch_pages(self, source: Source, pages: list[Page], report: CycleReport) -> None:
        rows: list[dict[str, Any]] = []
        new: list[tuple[Page, RawDocument, dict[str, Any]]] = []
        for page in pages:
            outcome = self._fetch_page(source, page, report)
            if isinstance(outcome, tuple):
                new.append((page, *outcome))
            else:
                rows.append(outcome)
        if new:
            rows += self._store_new(source, new, report)
        state.save_pages(self.store, rows)

    def _fetch_page(
        self, source: Source, page: Page, report: CycleReport
    ) -> dict[str, Any] | tuple[RawDocument, dict[str, Any]]:
        """The page's new state row, or the document to store and the row's fields so far."""
        known = page.known or {}
        conditional = known.get("doc_id") is not None
        fetched = self.fetcher.get(
            page.url,
            known.get("etag") if conditional else None,
            known.get("last_modified") if conditional else None,
        )
        report.fetched += 1
        base = {"fetched_at": self.clock(), "status": fetched.status}
        if fetched.unchanged:
            return page.row(source.name, **base, outcome=known.get("outcome", "stored"))
        problem = fetched.error or _not_html(fetched)
        text = None
        if problem is None:
            try:
                text = decode_bytes(fetched.body)
            except UndecodableError as error:
                problem = str(error)
        if problem is not None or text is None:
            report.failed_pages += 1
            report.problems.append(f"{source.name}: {page.url}: {problem}")
            attempts = known.get("attempts", 0) + 1
            failed = {"outcome": "failed", "reason": problem, "attempts": attempts}
            return page.row(source.name, **base, **failed)
        digest = hashlib.sha256(fetched.body).hexdigest()
        fields = base | {
            "etag": fetched.etag,
            "last_modified": fetched.last_modified,
            "content_hash": digest,
        }
        if digest == known.get("content_hash"):
            return page.row(source.name, **fields, outcome=known.get("outcome", "stored"))
        raw = RawDocument(page.url, text, "html", _meta(source, page.item))
        if known.get("doc_id"):
            return self._revise(source, page, raw, fields, report)
        return raw, fields

    def _revise(
        self,
        source: Source,
        page: Page,
        raw: RawDocument,
        fields: dict[str, Any],
        report: CycleReport,
    ) -> dict[str, Any]:
        """A changed page replaces its stored version; when the new version cannot be
        stored, the old one stays and the reason is kept."""
        rejection = self.pipeline.revise(raw, page.known["doc_id"])  # type: ignore[index]
        if rejection is not None:
            report.rejected += 1
            reason = f"revision not stored: {rejection.reason}"
            return page.row(source.name, **fields, outcome="stored", reason=reason)
        report.revised += 1
        return page.row(source.name, **fields, outcome="stored", reason=None)

    def _store_new(
        self,
        source: Source,
        new: list[tuple[Page, RawDocument, dict[str, Any]]],
        report: CycleReport,
    ) -> list[dict[str, Any]]:
        self.pipeline.store_items(raw for _, raw, _ in new)
        urls = [page.url for page, _, _ in new]
        stored = state.stored_from(self.store, urls)
        rejected = state.rejections_of(self.store, urls)
        rows = []
        for page, _, fields in new:
            if page.url in stored:
                report.stored += 1
                doc = stored[page.url]
                rows.append(page.row(source.name, **fields, outcome="stored", doc_id=doc["doc_id"]))
            else:
                report.rejected += 1
                reason = rejected.get(page.url, "not stored")
                rows.append(page.row(source.name, **fields, outcome="rejected", reason=reason))
        return rows


def _meta(source: Source, item: Item) -> dict[str, Any]:
    """What the feed says of a page; the page's own metadata wins over the feed's."""
    meta: dict[str, Any] = {"url": item.url, "feed": source.name}
    if source.outlet:
        meta["outlet"] = source.outlet
    if item.title:
        meta["feed_title"] = item.title
    if item.published:
        meta["feed_published"] = item.published
    if source.language:
        meta["language"] = source.language
    return meta


def _not_html(fetched: Fetched) -> str | None:
    kind = fetched.content_type.split(";")[0].strip().lower()
    if kind and kind not in HTML_TYPES:
        return f"not an HTML page (content type {kind})"
    return None
