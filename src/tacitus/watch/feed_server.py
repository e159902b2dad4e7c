"""A local news site made of a folder of articles: Atom feeds, a sitemap and pages.

``tacitus feed-server FOLDER`` serves every ``.txt`` and ``.html`` file of FOLDER
(and the records of its ``.jsonl`` files) as an article page, listed in one feed of
everything (``/feed.xml``), one feed per outlet (``/feeds/<outlet-slug>.xml``) and a
sitemap (``/sitemap.xml``).  The folder is read again on every request, so a file
dropped in appears in the next reading and an edited one is a revision.  Feeds and
pages carry an ETag and answer a matching ``If-None-Match`` with 304, as real sites do.
It is for trying ``tacitus watch`` without the network, and for its tests.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from tacitus.ingest.decode import decode_bytes

MANIFEST = "manifest.jsonl"
_DATED_NAME = re.compile(r"^(?P<slug>[^_]+)__(?P<date>\d{4}-\d{2}-\d{2})__")
_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True, slots=True)
class Article:
    slug: str
    outlet: str
    title: str
    published: date | None
    # When the file last changed (UTC): the entry's ``updated``, so an edit is a revision.
    updated: datetime
    body: str
    is_html: bool = False

    @property
    def path(self) -> str:
        return f"/articles/{self.slug}.html"

    def page(self) -> str:
        if self.is_html:
            return self.body
        meta = f'<meta property="og:site_name" content="{html.escape(self.outlet)}">'
        if self.published:
            meta += (
                f'<meta property="article:published_time" content="{self.published.isoformat()}">'
            )
        paragraphs = "".join(
            f"<p>{html.escape(p.strip())}</p>" for p in self.body.split("\n") if p.strip()
        )
        title = html.escape(self.title)
        return (
            f"<!DOCTYPE html><html lang='en'><head><title>{title}</title>{meta}</head>"
            f"<body><article><h1>{title}</h1>{paragraphs}</article></body></html>"
        )


def slugify(text: str) -> str:
    return _SLUG.sub("-", text.lower()).strip("-")


def read_folder(folder: Path) -> list[Article]:
    """The folder's articles, newest first (undated last), then by slug."""
    manifest = _manifest(folder)
    articles = []
    for path in sorted(folder.iterdir()):
        if path.name == MANIFEST or path.name.startswith("."):
            continue
        if path.suffix in (".txt", ".html"):
            articles.append(_file_article(path, manifest.get(path.name, {})))
        elif path.suffix == ".jsonl":
            articles += _records(path)
    return sorted(articles, key=lambda a: (-(a.published or date.min).toordinal(), a.slug))


def _manifest(folder: Path) -> dict[str, dict[str, Any]]:
    path = folder / MANIFEST
    if not path.is_file():
        return {}
    lines = path.read_text(encoding="utf-8").splitlines()
    return {entry["file"]: entry for entry in map(json.loads, filter(str.strip, lines))}


def _file_article(path: Path, entry: dict[str, Any]) -> Article:
    text = decode_bytes(path.read_bytes())
    named = _DATED_NAME.match(path.name)
    published = entry.get("published") or (named and named.group("date"))
    outlet = entry.get("outlet") or path.name.split("__")[0]
    first_line = next((line.strip() for line in text.splitlines() if line.strip()), path.stem)
    title = _html_title(text) if path.suffix == ".html" else first_line
    return Article(
        slugify(path.stem),
        outlet,
        title,
        _date(published),
        _modified(path),
        text,
        path.suffix == ".html",
    )


def _modified(path: Path) -> datetime:
    return datetime.fromtimestamp(path.stat().st_mtime, UTC)


def _records(path: Path) -> list[Article]:
    articles = []
    updated = _modified(path)
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        text = record.get("text") or ""
        title = record.get("title") or text.split("\n", 1)[0]
        slug = slugify(record.get("id") or title)
        outlet = record.get("outlet") or path.stem
        published = _date(record.get("published"))
        articles.append(Article(slug, outlet, title, published, updated, text))
    return articles


def _html_title(markup: str) -> str:
    found = re.search(r"<title[^>]*>(.*?)</title>", markup, re.IGNORECASE | re.DOTALL)
    return html.unescape(found.group(1)).strip() if found else "untitled"


def _date(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def atom(articles: list[Article], base: str, title: str) -> bytes:
    """An Atom feed: each entry's ``published`` is the article's date, ``updated`` the
    file's last change."""
    ns = "http://www.w3.org/2005/Atom"
    root = ET.Element("feed", xmlns=ns)
    ET.SubElement(root, "title").text = title
    ET.SubElement(root, "id").text = base + "/"
    newest = max((a.updated for a in articles), default=datetime(2000, 1, 1, tzinfo=UTC))
    ET.SubElement(root, "updated").text = newest.isoformat()
    for article in articles:
        entry = ET.SubElement(root, "entry")
        ET.SubElement(entry, "title").text = article.title
        ET.SubElement(entry, "link", href=base + article.path)
        ET.SubElement(entry, "id").text = base + article.path
        ET.SubElement(entry, "updated").text = article.updated.isoformat()
        if article.published:
            moment = datetime.combine(article.published, time(12), UTC)
            ET.SubElement(entry, "published").text = moment.isoformat()
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def sitemap(articles: list[Article], base: str) -> bytes:
    root = ET.Element("urlset", xmlns="http://www.sitemaps.org/schemas/sitemap/0.9")
    for article in articles:
        url = ET.SubElement(root, "url")
        ET.SubElement(url, "loc").text = base + article.path
        ET.SubElement(url, "lastmod").text = article.updated.isoformat()
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


class FeedHandler(BaseHTTPRequestHandler):
    """GET only; everything is built from the folder at request time."""

    server_version = "TacitusFeedServer"

    def __init__(self, *args: Any, folder: Path, **kwargs: Any) -> None:
        self.folder = folder
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:
        found = self.resource(self.path.split("?", 1)[0])
        if found is None:
            self.send_error(404, "no such page")
            return
        body, kind = found
        tag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
        if self.headers.get("If-None-Match") == tag:
            self.send_response(304)
            self.send_header("ETag", tag)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", tag)
        self.end_headers()
        self.wfile.write(body)

    def resource(self, path: str) -> tuple[bytes, str] | None:
        if path == "/robots.txt":
            return b"User-agent: *\nAllow: /\n", "text/plain; charset=utf-8"
        articles = read_folder(self.folder)
        base = f"http://{self.headers.get('Host') or '127.0.0.1'}"
        xml = "application/atom+xml; charset=utf-8"
        if path == "/feed.xml":
            return atom(articles, base, "All articles"), xml
        if path == "/sitemap.xml":
            return sitemap(articles, base), "application/xml; charset=utf-8"
        if path.startswith("/feeds/") and path.endswith(".xml"):
            slug = path.removeprefix("/feeds/").removesuffix(".xml")
            mine = [a for a in articles if slugify(a.outlet) == slug]
            return (atom(mine, base, mine[0].outlet), xml) if mine else None
        page = next((a for a in articles if a.path == path), None)
        return (page.page().encode("utf-8"), "text/html; charset=utf-8") if page else None

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: a watcher reads hundreds of pages a cycle."""


def make_server(folder: Path, host: str = "127.0.0.1", port: int = 0) -> ThreadingHTTPServer:
    """A server of ``folder`` (port 0: any free port; see ``server.server_port``)."""
    return ThreadingHTTPServer((host, port), partial(FeedHandler, folder=folder))
