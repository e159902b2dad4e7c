"""Feeds and sitemaps into the article URLs they list.

RSS and Atom are read by feedparser; XML sitemaps (``urlset`` and ``sitemapindex``)
by lxml with entities and network access off.  Each listed URL carries a version
(the entry's updated or published time, or the sitemap's ``lastmod``): a URL whose
version changes is fetched again, as a possible revision.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin

import feedparser
from lxml import etree

from tacitus.watch.fetch import first_line

SITEMAP_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
SITEMAP_ROOTS = {"urlset", "sitemapindex"}
# Listings longer than this are cut: a feed is a window on the latest, not an archive.
MAX_ITEMS = 5000


@dataclass(frozen=True, slots=True)
class Item:
    url: str
    title: str | None = None
    published: str | None = None
    version: str | None = None


@dataclass(slots=True)
class Listing:
    items: list[Item] = field(default_factory=list)
    # Sitemaps named by a sitemap index, to be read in turn.
    sitemaps: list[str] = field(default_factory=list)
    error: str | None = None


def read_listing(body: bytes, base_url: str) -> Listing:
    """The articles (and child sitemaps) a feed or sitemap lists, or why it cannot be read."""
    if not body.strip():
        return Listing(error="empty response")
    root = _xml_root(body)
    if root is not None and etree.QName(root).localname in SITEMAP_ROOTS:
        return _sitemap(root, base_url)
    return _feed(body, base_url)


def _xml_root(body: bytes) -> etree._Element | None:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        return etree.fromstring(body, parser)
    except etree.XMLSyntaxError:
        return None


def _sitemap(root: etree._Element, base_url: str) -> Listing:
    listing = Listing()
    index = etree.QName(root).localname == "sitemapindex"
    for entry in root:
        if not isinstance(entry.tag, str):
            continue
        loc, lastmod = _child_text(entry, "loc"), _child_text(entry, "lastmod")
        if not loc:
            continue
        url = urljoin(base_url, loc)
        if index:
            listing.sitemaps.append(url)
        elif len(listing.items) < MAX_ITEMS:
            listing.items.append(Item(url, version=lastmod))
    return listing


def _child_text(entry: etree._Element, name: str) -> str | None:
    for child in entry:
        if isinstance(child.tag, str) and etree.QName(child).localname == name:
            return (child.text or "").strip() or None
    return None


def _feed(body: bytes, base_url: str) -> Listing:
    parsed = feedparser.parse(body, response_headers={"content-location": base_url})
    items = []
    for entry in parsed.entries[:MAX_ITEMS]:
        link = entry.get("link") or _guid_link(entry)
        if not link:
            continue
        published = _feed_time(entry.get("published_parsed") or entry.get("updated_parsed"))
        version = entry.get("updated") or entry.get("published")
        items.append(Item(urljoin(base_url, link), entry.get("title"), published, version))
    if not items and (parsed.bozo or not parsed.get("version")):
        # Malformed XML that still yields entries with links is read (feedparser is
        # lenient on purpose); one that yields nothing is reported.
        problem = parsed.get("bozo_exception") or "no RSS, Atom or sitemap root element"
        return Listing(error=f"not a readable feed or sitemap: {first_line(problem)}")
    return Listing(items=items)


def _guid_link(entry: feedparser.FeedParserDict) -> str | None:
    guid = entry.get("id") or ""
    return guid if guid.startswith(("http://", "https://")) else None


def _feed_time(parsed: time.struct_time | None) -> str | None:
    if not parsed:
        return None
    return datetime(*parsed[:6], tzinfo=UTC).isoformat()
